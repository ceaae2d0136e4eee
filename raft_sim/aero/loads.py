"""Aerodynamic loads of one load case on the platform: rotor (BEM + controller) and tower drag.

Glue between the steady BEM (:mod:`raft_sim.aero.operating`), the aero-servo
linearisation (:mod:`raft_sim.aero.linearization`), the rotor's gyroscopic moment
(:mod:`raft_sim.aero.gyroscopic`, spin inertia ``I_drivetrain`` as in RAFT) and the tower
drag (:mod:`raft_sim.aero.tower_drag`). The rotor has ONE operating point per case
(:func:`raft_sim.aero.operating.operating_point` at the inflow times ``speed_gain``), and one
batched BEM call there gives the mean load (its base point) and the derivatives of the
linearisation; the reported rotor channels use the same point.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from raft_sim.aero.gyroscopic import gyroscopic_damping

ROTOR_CHANNELS = ("rotor_speed", "pitch", "gen_torque", "power", "thrust")


@dataclass(frozen=True, eq=False)
class AeroLoads:
    """Rotor and tower aerodynamics of one case, linearised about its operating point.

    Attributes
    ----------
    rotor_mean, tower_mean : ndarray, shape (6,)
        Mean aerodynamic load of rotor and tower about the reference point [N, N m].
    rotor_added_mass, rotor_damping : ndarray, shape (F, 6, 6)
        Frequency-dependent rotor added mass [kg...] and damping (aero-servo and
        gyroscopic) [N s/m...].
    tower_damping : ndarray, shape (6, 6)
        Tower drag damping [N s/m...].
    rotor_excitation, tower_excitation : ndarray, complex, shape (F, 6)
        Load per unit rotor-averaged wind-speed amplitude [N/(m/s), N m/(m/s)].
    wind_psd : ndarray, shape (F,)
        One-sided spectrum of the rotor-averaged wind speed [m^2/s^2 s/rad].
    servo : raft_sim.aero.linearization.CaseAeroServo
        Operating point and drivetrain transfer functions (rotor channels).
    means : dict of str to float
        Mean values of the rotor channels (``ROTOR_CHANNELS``) [SI].
    """

    rotor_mean: np.ndarray
    tower_mean: np.ndarray
    rotor_added_mass: np.ndarray
    rotor_damping: np.ndarray
    tower_damping: np.ndarray
    rotor_excitation: np.ndarray
    tower_excitation: np.ndarray
    wind_psd: np.ndarray
    servo: object
    means: dict


def case_aero_loads(design, case, omega: np.ndarray, *, elements=None, conventions=None):
    """Linearised aerodynamics of the turbine in a load case.

    Parameters
    ----------
    design : Design
    case : Case
    omega : ndarray, shape (F,)
        Angular frequencies [rad/s].
    elements : raft_sim.aero.bem.BladeElements, optional
        Precomputed blade elements of ``design.turbine.rotor``.
    conventions : raft_sim.design.objects.Conventions, optional
        Default: ``design.settings.conventions``.

    Returns
    -------
    AeroLoads or None
        None when there is no turbine, no wind, or aerodynamics are off.
    """
    from raft_sim.aero.linearization import case_aero_servo
    from raft_sim.aero.operating import operating_point
    from raft_sim.structure.frames import translate_force

    conv = design.settings.conventions if conventions is None else conventions
    turbine = design.turbine
    rotor = turbine.rotor if turbine is not None else None
    if rotor is None or case.wind_speed <= 0.0 or rotor.aero_servo_mode == "off":
        return None
    heading = case.wind_heading + case.yaw_misalign
    op = operating_point(rotor, case.wind_speed * float(rotor.speed_gain), case.turbine_status,
                         site=design.site, elements=elements)
    servo = case_aero_servo(rotor, design.site, case, omega, operating=op, elements=elements,
                            floating_feedback=conv.floating_feedback,
                            feedback_below_rated=conv.feedback_below_rated,
                            below_rated=conv.below_rated)
    loads = servo.derivatives.loads  # the BEM at the operating point itself (one call)
    lin = servo.linearization
    running = servo.status == "operating"  # a parked or idling rotor's torque goes to the brake
    torque = float(np.asarray(loads.torque)) if running else 0.0
    means = {"rotor_speed": servo.rotor_speed, "pitch": servo.pitch,
             "gen_torque": torque / (rotor.gear_ratio or 1.0),
             "power": float(np.asarray(loads.power)) if running else 0.0,
             "thrust": float(np.asarray(loads.thrust))}
    tower = _tower_terms(turbine, design.site, case, conv.tower_drag)
    gyro = gyroscopic_damping(rotor.drivetrain_inertia, servo.rotor_speed, lin.axis)
    hub_load = np.asarray(loads.global_loads, dtype=float).reshape(6).copy()
    if conv.inplane_force == "raft":  # CCBlade's sign of the in-plane hub force, as in RAFT
        from raft_sim.aero.bem import rotation_to_global
        rot = rotation_to_global(-rotor.shaft_tilt, heading)
        hub_load[:3] -= 2.0 * rot @ np.asarray(loads.tangential_force, dtype=float).reshape(3)
    return AeroLoads(
        rotor_mean=translate_force(hub_load, lin.hub),
        tower_mean=tower.mean,
        rotor_added_mass=np.moveaxis(lin.added_mass, -1, 0),
        rotor_damping=np.moveaxis(lin.damping, -1, 0) + gyro[None],
        tower_damping=tower.damping,
        rotor_excitation=lin.excitation.T.astype(complex),
        tower_excitation=np.broadcast_to(tower.excitation.astype(complex), (omega.size, 6)),
        wind_psd=servo.spectrum_rotor, servo=servo, means=means)


def _tower_terms(turbine, site, case, enabled: bool):
    """Wind drag of the tower: mean load, damping and excitation per unit wind speed."""
    from raft_sim.aero.tower_drag import DragLoads, tower_drag_loads
    if not turbine.tower or not enabled:
        return DragLoads(np.zeros(6), np.zeros((6, 6)), np.zeros(6))
    return tower_drag_loads(turbine, site, case.wind_speed, case.wind_heading)


def rotor_channel_transfers(aero: AeroLoads, rao: np.ndarray, wind_index: int) -> dict[str, np.ndarray]:
    """Rotor channels per unit source amplitude for every source.

    Parameters
    ----------
    aero : AeroLoads
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
    servo = aero.servo
    n_f, n_s, _ = rao.shape
    out = {name: np.zeros((n_f, n_s), complex) for name in ROTOR_CHANNELS}
    names = ROTOR_CHANNELS if servo.status == "operating" else ("thrust",)  # parked: braked
    for s in range(n_s):  # a handful of sources; each call is vectorised over frequency
        wind = np.full(n_f, 1.0 if s == wind_index else 0.0, dtype=complex)
        values = drivetrain_outputs(servo, motion=rao[:, s, :].T, wind=wind)
        for name in names:
            out[name][:, s] = values[name]
    return out
