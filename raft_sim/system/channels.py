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


def batch_channels(prepared, rao: np.ndarray, mean: np.ndarray, equilibrium, aero,
                   wind_index: int) -> list[dict[str, Channel]]:
    """Nacelle accelerations, tower-base loads, rotor channels and mooring tensions of the
    cases of one batch (shared mean pose and aerodynamics), vectorised over cases.

    Parameters
    ----------
    prepared : raft_sim.system.prepare.Prepared
    rao : ndarray, complex, shape (C, F, S, 6)
        Motion per unit source amplitude of each case.
    mean : ndarray, shape (6,)
        Mean pose [m, rad].
    equilibrium : raft_sim.solve.statics.Equilibrium
    aero : raft_sim.aero.loads.AeroLoads or None
    wind_index : int
        Index of the wind source along S.

    Returns
    -------
    list of dict of str to Channel, one per case
        Fore-aft / side-side components are in the rotor frame
        (:mod:`raft_sim.system.tower_base`; docs/outputs.md).
    """
    from raft_sim.aero.loads import rotor_channel_transfers
    out: list[dict[str, Channel]] = [{} for _ in range(rao.shape[0])]
    if prepared.design.turbine is not None:
        rotor = None if aero is None else [rotor_channel_transfers(aero, x, wind_index) for x in rao]
        heading = aero.servo.heading if aero is not None else 0.0
        shared = {**_nacelle_channels(prepared, rao, heading),
                  **_tower_base_channels(prepared, rao, mean, aero, rotor, heading, wind_index)}
        for c, channels in enumerate(out):
            channels.update({name: Channel(transfer[c], value) for name, (transfer, value) in shared.items()})
            if rotor is not None:
                channels.update({name: Channel(t, aero.means[name]) for name, t in rotor[c].items()})
    state = equilibrium.mooring if equilibrium is not None else None
    if state is not None and state.tension_jacobian is not None:
        names = tuple(state.line_names)
        from raft_sim.system.tower_base import rows_times
        fair = rows_times(rao, state.tension_jacobian)
        anchor = rows_times(rao, state.anchor_tension_jacobian)
        for c, channels in enumerate(out):
            channels["mooring_tension"] = Channel(fair[c], state.fairlead_tension, names)
            channels["mooring_anchor_tension"] = Channel(anchor[c], state.anchor_tension, names)
    return out


def _nacelle_channels(prepared, rao, heading) -> dict[str, tuple]:
    """Kinematic nacelle acceleration along and across the rotor's horizontal heading:
    ``-w^2 H [I, -S(r)] X`` with H the two horizontal heading axes."""
    from raft_sim.structure.frames import skew
    from raft_sim.system.tower_base import rows_times
    axes = np.array([[np.cos(heading), np.sin(heading), 0.0], [-np.sin(heading), np.cos(heading), 0.0]])
    rows = axes @ np.hstack([np.eye(3), -skew(prepared.nacelle_position)])       # (2, 6)
    acc = -(prepared.omega[:, None, None] ** 2) * rows_times(rao, rows)
    return {"nacelle_acceleration": (acc[..., 0], 0.0),
            "nacelle_side_side_acceleration": (acc[..., 1], 0.0)}


def _tower_base_channels(prepared, rao, mean, aero, rotor, heading, wind_index) -> dict[str, tuple]:
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
    return {name: (load[..., i], float(mean_frame[i])) for name, i in (
        ("tower_base_moment", 4), ("tower_base_side_side_moment", 3),
        ("tower_base_shear", 0), ("tower_base_side_side_shear", 1))}


def _aero_transfer(aero, rotor, rao, omega, wind_index, gear_ratio) -> np.ndarray:
    """Linear rotor and tower aerodynamic load (C, F, S, 6) about the reference point: the
    reaction to the motion (aero-servo added mass and damping, gyroscopic moment, tower
    drag damping), the wind excitation of the wind source, and the generator's torque
    reaction on the nacelle along the shaft axis."""
    iw = 1j * omega[:, None, None]
    impedance = iw * (iw * aero.rotor_added_mass + aero.rotor_damping + aero.tower_damping[None])
    load = -(rao @ np.swapaxes(impedance, -1, -2))
    load[..., wind_index, :] += aero.rotor_excitation + aero.tower_excitation
    torque = np.stack([r["gen_torque"] for r in rotor])                        # (C, F, S)
    load[..., 3:] += (gear_ratio or 1.0) * torque[..., None] * aero.servo.linearization.axis
    return load
