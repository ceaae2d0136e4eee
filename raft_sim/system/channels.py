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
    """Nacelle accelerations, tower-base loads, rotor channels and mooring tensions.

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
        Fore-aft / side-side components are in the rotor frame
        (:mod:`raft_sim.system.tower_base`; docs/outputs.md).
    """
    from raft_sim.aero.loads import rotor_channel_transfers
    out: dict[str, Channel] = {}
    if prepared.design.turbine is not None:
        rotor = rotor_channel_transfers(aero, rao, wind_index) if aero is not None else None
        heading = aero.servo.heading if aero is not None else 0.0
        out.update(_nacelle_channels(prepared, rao, heading))
        out.update(_tower_base_channels(prepared, rao, mean, aero, rotor, heading, wind_index))
        if rotor is not None:
            out.update({name: Channel(transfer, aero.means[name]) for name, transfer in rotor.items()})
    state = equilibrium.mooring if equilibrium is not None else None
    if state is not None and state.tension_jacobian is not None:
        names = tuple(state.line_names)
        out["mooring_tension"] = Channel(np.einsum("fsd,ld->fsl", rao, state.tension_jacobian),
                                         state.fairlead_tension, names)
        out["mooring_anchor_tension"] = Channel(
            np.einsum("fsd,ld->fsl", rao, state.anchor_tension_jacobian), state.anchor_tension, names)
    return out


def _nacelle_channels(prepared, rao, heading) -> dict[str, Channel]:
    """Kinematic nacelle acceleration along and across the rotor's horizontal heading."""
    from raft_sim.system.outputs import point_acceleration
    acc = point_acceleration(rao, prepared.omega, prepared.nacelle_position, freq_axis=0)
    c, s = np.cos(heading), np.sin(heading)
    return {"nacelle_acceleration": Channel(c * acc[..., 0] + s * acc[..., 1], 0.0),
            "nacelle_side_side_acceleration": Channel(-s * acc[..., 0] + c * acc[..., 1], 0.0)}


def _tower_base_channels(prepared, rao, mean, aero, rotor, heading, wind_index) -> dict[str, Channel]:
    """Fore-aft / side-side bending moments and shear forces at the tower base."""
    from raft_sim.structure.frames import rotation_matrix
    from raft_sim.structure.inertia import center_of_mass, rna_mass_matrix
    from raft_sim.system.hydro import mass_at_pose
    from raft_sim.system.tower_base import (in_frame, mean_tower_base_load, rotor_frame,
                                            tower_base_load)
    design, omega, top = prepared.design, prepared.omega, prepared.tower_top
    turbine = design.turbine
    tilt, overhang = (turbine.rotor.shaft_tilt, turbine.rotor.overhang) if turbine.rotor else (0.0, 0.0)
    m6 = mass_at_pose(top.tower_mass_matrix + rna_mass_matrix(turbine.rna, tilt, overhang, heading),
                      mean)
    r_base = rotation_matrix(*mean[3:]) @ top.base_point
    external_mean = None if aero is None else aero.rotor_mean + aero.tower_mean
    load0 = mean_tower_base_load(m6[0, 0], center_of_mass(m6), r_base, external_mean, design.site.g)
    frame = rotor_frame(mean, heading)
    external = None if aero is None else _aero_transfer(aero, rotor, rao, omega, wind_index,
                                                        turbine.rotor.gear_ratio)
    load = tower_base_load(rao, omega, m6, r_base, frame, external, design.site.g)
    mean_frame = in_frame(load0, frame)
    return {name: Channel(load[..., i], float(mean_frame[i])) for name, i in (
        ("tower_base_moment", 4), ("tower_base_side_side_moment", 3),
        ("tower_base_shear", 0), ("tower_base_side_side_shear", 1))}


def _aero_transfer(aero, rotor, rao, omega, wind_index, gear_ratio) -> np.ndarray:
    """Linear rotor and tower aerodynamic load (F, S, 6) about the reference point: the
    reaction to the motion (aero-servo added mass and damping, gyroscopic moment, tower
    drag damping), the wind excitation of the wind source, and the generator's torque
    reaction on the nacelle along the shaft axis."""
    iw = 1j * omega[:, None, None]
    impedance = iw * (iw * aero.rotor_added_mass + aero.rotor_damping + aero.tower_damping[None])
    load = -np.einsum("fij,fsj->fsi", impedance, rao)
    load[:, wind_index, :] += aero.rotor_excitation + aero.tower_excitation
    axis = aero.servo.linearization.axis
    load[..., 3:] += (gear_ratio or 1.0) * rotor["gen_torque"][..., None] * axis
    return load
