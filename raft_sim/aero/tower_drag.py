"""Wind drag on the tower (strip-wise) and on a parked or idling rotor, linearised.

Each tower strip of length L and width D above the still-water line feels the quadratic
drag ``f = 1/2 rho_air Cd D L |u_n| u_n`` of the wind velocity relative to the strip,
normal to the member axis, ``u_n``. The mean wind follows the power-law profile
``U(z) = U_hub (z / z_hub)^alpha``. Linearised about the mean, a velocity change du gives
``df = J du`` with ``J = k (|u_n| P + u_n u_n^T / |u_n|)``, ``k = 1/2 rho Cd D L`` and
``P = I - a a^T`` (a: member axis); along the wind this is ``rho Cd D L U``. With the strip
velocity ``T_i x_dot`` (``raft_sim.aero.linearization.transfer_matrix``):

- damping about the reference point ``B = sum_i T_i^T J_i T_i``,
- excitation per unit amplitude of the longitudinal turbulence ``F = sum_i T_i^T J_i e``,
  taken fully coherent over the tower and of the same amplitude at every height (the IEC
  sigma_u does not vary with height), e = (cos h, sin h, 0) the wind direction.

RAFT 2.0 applies no wind load to the tower or to a parked rotor.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from raft_sim.aero.linearization import misalignment_cosine, transfer_matrix
from raft_sim.conventions import DEFAULT_TOWER_CD

__all__ = ["DEFAULT_TOWER_CD", "WindStrips", "wind_strips", "wind_profile", "DragLoads",
           "strip_drag_loads", "tower_drag_loads", "parked_rotor_loads"]



@dataclass(frozen=True, eq=False)
class WindStrips:
    """Strips of members above the still-water line.

    r (N, 3) strip centre [m]; length (N,) [m]; width (N,) projected width [m];
    axis (N, 3) unit member axis; cd (N,) drag coefficient [-].
    """

    r: np.ndarray
    length: np.ndarray
    width: np.ndarray
    axis: np.ndarray
    cd: np.ndarray


def _member_strips(m, cd_default: float):
    length = m.length
    n = max(int(np.ceil(length / m.dls_max)), 1) if m.dls_max > 0 else 1
    edges = np.linspace(0.0, length, n + 1)
    s = 0.5 * (edges[:-1] + edges[1:])
    axis = (m.r_b - m.r_a) / length
    r = m.r_a + s[:, None] * axis
    dia = np.asarray(m.diameter, dtype=float)
    width = dia if dia.ndim == 1 else dia.max(axis=1)  # rectangular: larger side
    cd = np.asarray(m.cd, dtype=float)
    cd = cd[:, 0] if cd.size else np.zeros_like(m.stations)
    cd_s = np.interp(s, m.stations, cd)
    return (r, np.diff(edges), np.interp(s, m.stations, width), np.tile(axis, (n, 1)),
            np.where(cd_s > 0.0, cd_s, cd_default))


def wind_strips(members, cd_default: float = DEFAULT_TOWER_CD) -> WindStrips:
    """Discretise members into strips (at most ``dls_max`` long) and keep those above water.

    Parameters
    ----------
    members : sequence of raft_sim.design.objects.Member
        Typically ``Turbine.tower``; positions relative to the platform reference point.
    cd_default : float
        Drag coefficient where the member's transverse Cd is zero [-].
    """
    parts = [_member_strips(m, cd_default) for m in members]
    if not parts:
        empty = np.zeros((0, 3))
        return WindStrips(empty, np.zeros(0), np.zeros(0), empty.copy(), np.zeros(0))
    r, length, width, axis, cd = (np.concatenate(p) for p in zip(*parts))
    keep = r[:, 2] > 0.0
    return WindStrips(r[keep], length[keep], width[keep], axis[keep], cd[keep])


def wind_profile(z, wind_speed: float, hub_height: float, shear_exp: float) -> np.ndarray:
    """Power-law mean wind speed ``U_hub (z / z_hub)^alpha`` for z > 0, else 0 [m/s]."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0.0, wind_speed * (np.maximum(z, 0.0) / hub_height) ** shear_exp, 0.0)


@dataclass(frozen=True, eq=False)
class DragLoads:
    """Mean load (6,) [N, N m], damping (6, 6) [SI] and excitation (6,) per unit wind
    speed fluctuation [N per m/s], all about the platform reference point."""

    mean: np.ndarray
    damping: np.ndarray
    excitation: np.ndarray


def strip_drag_loads(strips: WindStrips, wind_speed: float, wind_heading: float,
                     hub_height: float, shear_exp: float, rho_air: float) -> DragLoads:
    """Mean and linearised wind drag of strips (vectorised over strips).

    Parameters
    ----------
    strips : WindStrips
    wind_speed : float
        Hub-height mean wind speed [m/s].
    wind_heading : float
        Direction the wind blows towards [rad].
    hub_height : float
        Reference height of ``wind_speed`` [m].
    shear_exp : float
        Power-law shear exponent [-].
    rho_air : float
        Air density [kg/m^3].
    """
    e = np.array([np.cos(wind_heading), np.sin(wind_heading), 0.0])
    u = wind_profile(strips.r[:, 2], wind_speed, hub_height, shear_exp)[:, None] * e
    a = strips.axis
    u_n = u - np.sum(u * a, axis=1)[:, None] * a
    speed = np.linalg.norm(u_n, axis=1)
    k = 0.5 * rho_air * strips.cd * strips.width * strips.length
    force = (k * speed)[:, None] * u_n
    proj = np.eye(3) - a[:, :, None] * a[:, None, :]
    safe = np.where(speed > 0.0, speed, 1.0)
    jac = k[:, None, None] * (speed[:, None, None] * proj
                              + u_n[:, :, None] * u_n[:, None, :] / safe[:, None, None])
    t = transfer_matrix(strips.r)
    mean = np.concatenate([force.sum(axis=0), np.cross(strips.r, force).sum(axis=0)])
    damping = np.einsum("nai,nab,nbj->ij", t, jac, t)
    excitation = np.einsum("nai,nab,b->i", t, jac, e)
    return DragLoads(mean, damping, excitation)


def tower_drag_loads(turbine, site, wind_speed: float, wind_heading: float,
                     cd_default: float = DEFAULT_TOWER_CD) -> DragLoads:
    """Wind drag of the tower members of a turbine (``Turbine.tower``), see module docstring.

    Parameters
    ----------
    turbine : raft_sim.design.objects.Turbine
    site : raft_sim.design.objects.Site
        ``rho_air`` and ``shear_exp``.
    wind_speed : float
        Hub-height mean wind speed [m/s]; the hub height is ``turbine.rna.hub_height``.
    wind_heading : float
        Direction the wind blows towards [rad].
    cd_default : float
        Cd where the member gives zero [-].
    """
    strips = wind_strips(turbine.tower, cd_default)
    return strip_drag_loads(strips, wind_speed, wind_heading, turbine.rna.hub_height,
                            site.shear_exp, site.rho_air)


def parked_rotor_loads(thrust: float, dT_dU: float, axis, hub, wind_heading: float | None = None
                       ) -> DragLoads:
    """Mean load, damping and excitation of a parked/idling rotor from its BEM thrust.

    The thrust T (at Omega = 0 or idling speed, feathered pitch: H6's operating point)
    acts along the shaft axis q at the hub; its sensitivity to the relative wind speed
    along q gives the damping ``dT/dU (T^T q)(q^T T)`` and the excitation
    ``dT/dU cos(wind, q) T^T q`` per unit wind-speed fluctuation.

    Parameters
    ----------
    thrust : float
        Mean thrust [N].
    dT_dU : float
        Thrust derivative with respect to the wind speed [N s/m].
    axis : array_like, shape (3,)
        Rotor axis q (``raft_sim.aero.linearization.rotor_axis``).
    hub : array_like, shape (3,)
        Hub position relative to the reference point [m].
    wind_heading : float, optional
        Direction the wind blows towards [rad]; default along q.
    """
    q = np.asarray(axis, dtype=float)
    hub = np.asarray(hub, dtype=float)
    tq = transfer_matrix(hub).T @ q
    cos_wind = 1.0 if wind_heading is None else misalignment_cosine(q, wind_heading)
    return DragLoads(mean=thrust * tq, damping=dT_dU * np.outer(tq, tq),
                     excitation=cos_wind * dT_dU * tq)
