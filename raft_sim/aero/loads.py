"""Aerodynamic loads of one load case on the platform: rotor (BEM + controller) and tower drag.

Glue between the steady BEM (:mod:`raft_sim.aero.operating`), the aero-servo
linearisation (:mod:`raft_sim.aero.linearization`), the rotor's gyroscopic moment
(:mod:`raft_sim.aero.gyroscopic`, spin inertia ``I_drivetrain`` as in RAFT) and the tower
drag (:mod:`raft_sim.aero.tower_drag`), producing the :class:`raft_sim.analysis.AeroLoads`
that the frequency-domain solve adds to the platform's equations of motion.
"""
from __future__ import annotations

import numpy as np

from raft_sim.aero.gyroscopic import gyroscopic_damping

ROTOR_CHANNELS = ("rotor_speed", "pitch", "gen_torque", "power", "thrust")


def case_aero_loads(design, case, omega: np.ndarray):
    """Linearised aerodynamics of the turbine in a load case.

    Parameters
    ----------
    design : Design
    case : Case
    omega : ndarray, shape (F,)
        Angular frequencies [rad/s].

    Returns
    -------
    raft_sim.analysis.AeroLoads or None
        None when there is no turbine, no wind, or aerodynamics are off.
    """
    from raft_sim.analysis import AeroLoads

    turbine = design.turbine
    rotor = turbine.rotor if turbine is not None else None
    if rotor is None or case.wind_speed <= 0.0 or rotor.aero_servo_mode == "off":
        return None
    servo, mean_rotor, means = _rotor_terms(rotor, design.site, case, omega)
    lin = servo.linearization
    tower = _tower_terms(turbine, design.site, case)
    excitation = lin.excitation.T + tower.excitation[None, :]
    gyro = gyroscopic_damping(rotor.drivetrain_inertia, servo.rotor_speed, lin.axis)
    return AeroLoads(
        mean_force=mean_rotor + tower.mean,
        added_mass=np.moveaxis(lin.added_mass, -1, 0),
        damping=np.moveaxis(lin.damping, -1, 0) + (tower.damping + gyro)[None],
        excitation=excitation.astype(complex),
        wind_psd=servo.spectrum_rotor,
        channels={"servo": servo, "means": means})


def _rotor_terms(rotor, site, case, omega):
    """Aero-servo linearisation, the mean rotor load about the reference point, and the
    mean values of the rotor channels."""
    from raft_sim.aero.linearization import case_aero_servo
    from raft_sim.aero.operating import operating_loads
    from raft_sim.structure.frames import translate_force

    servo = case_aero_servo(rotor, site, case, omega)
    heading = case.wind_heading + case.yaw_misalign
    op, loads = operating_loads(rotor, site, case.wind_speed, case.turbine_status,
                                yaw=case.yaw_misalign, heading=heading)
    mean = translate_force(np.asarray(loads.global_loads).reshape(6), servo.linearization.hub)
    gear = rotor.gear_ratio or 1.0
    running = servo.status == "operating"  # a parked or idling rotor's torque goes to the brake
    torque = float(np.asarray(loads.torque)) if running else 0.0
    means = {"rotor_speed": float(np.asarray(op.omega)), "pitch": float(np.asarray(op.pitch)),
             "gen_torque": torque / gear, "power": float(np.asarray(loads.power)) if running else 0.0,
             "thrust": float(np.asarray(loads.thrust))}
    return servo, mean, means


def _tower_terms(turbine, site, case):
    """Wind drag of the tower: mean load, damping and excitation per unit wind speed."""
    from raft_sim.aero.tower_drag import DragLoads, tower_drag_loads
    if not turbine.tower:
        return DragLoads(np.zeros(6), np.zeros((6, 6)), np.zeros(6))
    return tower_drag_loads(turbine, site, case.wind_speed, case.wind_heading)


def rotor_channel_transfers(aero, rao: np.ndarray, wind_index: int) -> dict[str, np.ndarray]:
    """Rotor channels per unit source amplitude for every source.

    Parameters
    ----------
    aero : AeroLoads
        With ``channels["servo"]`` from :func:`case_aero_loads`.
    rao : ndarray, complex, shape (F, S, 6)
        Platform response per unit source amplitude.
    wind_index : int
        Index of the wind source along S.

    Returns
    -------
    dict of str to ndarray, complex, shape (F, S)
        ``rotor_speed`` [rad/s], ``pitch`` [rad], ``gen_torque`` [N m], ``power`` [W],
        ``thrust`` [N] per unit source amplitude. A parked or idling rotor (held by its
        brake, blades feathered) only has a thrust response.
    """
    from raft_sim.aero.linearization import drivetrain_outputs
    servo = aero.channels["servo"]
    n_f, n_s, _ = rao.shape
    out = {name: np.zeros((n_f, n_s), complex) for name in ROTOR_CHANNELS}
    names = ROTOR_CHANNELS if servo.status == "operating" else ("thrust",)  # parked: braked
    for s in range(n_s):  # a handful of sources; each call is vectorised over frequency
        wind = np.full(n_f, 1.0 if s == wind_index else 0.0, dtype=complex)
        values = drivetrain_outputs(servo, motion=rao[:, s, :].T, wind=wind)
        for name in names:
            out[name][:, s] = values[name]
    return out
