"""Hand-built members for the structure tests (no YAML loader needed)."""
from __future__ import annotations

import numpy as np

from raft_sim.design.objects import Member


def straight_member(r_a, r_b, size, t=0.0, shape="circular", rho_shell=7850.0, l_fill=0.0, rho_fill=0.0,
                    caps=(), cap_t=0.0, ca=1.0, ca_end=0.6, dls_max=5.0, gamma=0.0, stations=None,
                    potential_flow=False):
    """A member with stations at its ends (or given ``stations`` [m from A]) and uniform size.

    ``size`` is a diameter (circular) or a (side along p1, side along p2) pair.
    """
    r_a, r_b = np.asarray(r_a, float), np.asarray(r_b, float)
    length = float(np.linalg.norm(r_b - r_a))
    st = np.array([0.0, length]) if stations is None else np.asarray(stations, float)
    n = len(st)
    if shape == "circular":
        diam = np.full(n, float(size))
        hole = np.zeros(len(caps))
    else:
        diam = np.tile(np.asarray(size, float), (n, 1))
        hole = np.zeros((len(caps), 2))
    return Member(
        name="m", shape=shape, r_a=r_a, r_b=r_b, stations=st, diameter=diam, thickness=np.full(n, t),
        gamma=gamma, cd=np.full((n, 2), 0.8), ca=np.full((n, 2), ca), cd_axial=np.zeros(n),
        ca_axial=np.zeros(n), cd_end=np.full(n, 0.6), ca_end=np.full(n, ca_end), rho_shell=rho_shell,
        l_fill=np.full(n - 1, l_fill), rho_fill=np.full(n - 1, rho_fill),
        cap_stations=np.asarray(caps, float), cap_t=np.full(len(caps), cap_t), cap_d_in=hole,
        potential_flow=potential_flow, dls_max=dls_max)
