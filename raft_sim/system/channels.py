"""Output channels of one case from its solved response: linear maps of the motion (plus the
direct part of a source, e.g. the rotor's response to wind), and their mean values."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class Channel:
    """One output channel of a case.

    Attributes
    ----------
    transfer : ndarray, complex, shape (F, S) or (F, S, K)
        Channel per unit source amplitude (K components, e.g. mooring lines) [units per
        m of wave or per m/s of wind].
    mean : float or ndarray, shape (K,)
        Mean value [units].
    components : tuple of str or None
        Component labels (K of them).
    """

    transfer: np.ndarray
    mean: object
    components: tuple | None = None


def case_channels(prepared, rao: np.ndarray, mean: np.ndarray, equilibrium, aero,
                  wind_index: int) -> dict[str, Channel]:
    """Nacelle acceleration, tower-base moment, rotor channels and mooring tensions.

    Parameters
    ----------
    prepared : raft_sim.system.prepare.Prepared
    rao : ndarray, complex, shape (F, S, 6)
        Motion per unit source amplitude.
    mean : ndarray, shape (6,)
        Mean pose [m, rad].
    equilibrium : raft_sim.solve.statics.Equilibrium
    aero : raft_sim.aero.loads.AeroLoads or None
    wind_index : int
        Index of the wind source along S.

    Returns
    -------
    dict of str to Channel
    """
    from raft_sim.aero.loads import rotor_channel_transfers
    from raft_sim.system.outputs import (nacelle_acceleration, tower_base_mean_moment,
                                          tower_base_moment)
    design, omega = prepared.design, prepared.omega
    out: dict[str, Channel] = {}
    if design.turbine is not None:
        out["nacelle_acceleration"] = Channel(
            nacelle_acceleration(rao, omega, prepared.nacelle_position, freq_axis=0), 0.0)
        tb, g = prepared.tower_top, design.site.g
        moment = tower_base_moment(rao, omega, tb.mass, tb.z_cg, tb.inertia, tb.z_base, g, freq_axis=0)
        moment_mean = float(tower_base_mean_moment(mean[4], tb.mass, tb.z_cg, tb.z_base, g))
        rotor = rotor_channel_transfers(aero, rao, wind_index) if aero is not None else None
        if rotor is not None:
            lever = design.turbine.rna.hub_height - tb.z_base  # thrust acts at the hub
            moment = moment + lever * rotor["thrust"]
            moment_mean += lever * aero.means["thrust"]
        out["tower_base_moment"] = Channel(moment, moment_mean)
        if rotor is not None:
            out.update({name: Channel(transfer, aero.means[name]) for name, transfer in rotor.items()})
    state = equilibrium.mooring if equilibrium is not None else None
    if state is not None and state.tension_jacobian is not None:
        out["mooring_tension"] = Channel(np.einsum("fsd,ld->fsl", rao, state.tension_jacobian),
                                         state.fairlead_tension, tuple(state.line_names))
    return out
