"""Aero-servo linearisation: rotor added mass, damping and wind excitation on the platform.

The thrust change of the rotor, along the shaft axis q, is (see ``raft_sim.aero.control``)

    T' = c_u(w) u + c_fa(w) theta_dot_fa,
    c_u  = dT/dU - H(w) dQ/dU,                H = ((T_Om + kp T_b) i w + ki T_b) / D(w),
    c_fa = k_float (dT/dpitch - H(w) dQ/dpitch),

with u = U_w - q . v_hub the wind speed relative to the moving hub and theta_dot_fa the
nacelle fore-aft rotation rate. With the platform motion x (6,) and v_hub = T x_dot,
``T = [I, -skew(r_hub)]``, the force on the platform ``F = -(-w^2 A + i w B) x`` gives
``G(w) = B + i w A`` with

    G = c_u (T^T q)(q^T T) - c_fa (T^T q) e_fa^T,       B = Re G,  A = Im G / w,

and the wind excitation per unit rotor-averaged wind speed ``c_u T^T q``. ``e_fa`` picks
the platform rotation about the horizontal axis normal to q (``z x q_h``). Modes:
"off" (nothing), "aero" (rotor speed constant: c_u = dT/dU, no control), "aero_control".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from raft_sim.aero.control import (ControlGains, Derivatives, TransferFunctions, controller_gains,
                                   drivetrain_response, no_control)

__all__ = ["rotor_axis", "misalignment_cosine", "hub_position", "transfer_matrix",
           "translate_matrix", "AeroLinearization", "thrust_coefficients", "aero_linearization",
           "rotor_gains", "CaseAeroServo", "case_aero_servo", "drivetrain_outputs"]

FloatingFeedback = Literal["rotation_rate", "hub_velocity"]


def rotor_axis(shaft_tilt: float, heading: float) -> np.ndarray:
    """Unit vector along the shaft, pointing downwind (direction of the thrust).

    ``q = (cos t cos h, cos t sin h, sin t)`` with t the shaft tilt in RAFT's sign
    (negative for the usual upwind rotor whose hub is raised: q then points down) and h
    the absolute heading of the rotor axis [rad], from +x towards +y.
    """
    return np.array([np.cos(shaft_tilt) * np.cos(heading),
                     np.cos(shaft_tilt) * np.sin(heading), np.sin(shaft_tilt)])


def misalignment_cosine(axis, wind_heading: float) -> float:
    """Cosine of the horizontal angle between the rotor axis and the wind direction [-].

    The tilt is not counted: the BEM derivatives are already taken with respect to the
    horizontal wind speed, with the shaft tilt inside the BEM.
    """
    q = np.asarray(axis, dtype=float)
    horiz = np.hypot(q[0], q[1])
    return float((q[0] * np.cos(wind_heading) + q[1] * np.sin(wind_heading)) / horiz)


def hub_position(rotor, heading: float, rotor_base=None) -> np.ndarray:
    """Hub centre relative to the platform reference point [m], shape (3,).

    ``r_hub = r_RRP + overhang q``, ``overhang`` < 0 for an upwind rotor (RAFT's sign). The
    RNA reference point ``r_RRP`` on the tower axis is placed so that the hub centre is at
    ``rotor.hub_height`` (the hub height, as in the mass model,
    ``raft_sim.structure.inertia.rna_position``) unless ``rotor_base`` is given. RAFT 2.0's
    rotor puts ``r_RRP`` itself at the hub height, i.e. the hub ``overhang sin(tilt)`` higher
    (1.26 m for the IEA 15 MW) than its own mass model does.
    """
    q = rotor_axis(rotor.shaft_tilt, heading)
    if rotor_base is None:
        base = np.array([0.0, 0.0, rotor.hub_height - rotor.overhang * q[2]])
    else:
        base = np.asarray(rotor_base, dtype=float)
    return base + rotor.overhang * q


def transfer_matrix(r) -> np.ndarray:
    """Matrix T mapping platform velocities (6,) to the velocity of point(s) r.

    ``T = [I, -skew(r)]`` so that ``T x_dot = v + omega x r``; ``T^T f = [f, r x f]``.

    Parameters
    ----------
    r : array_like, shape (3,) or (N, 3)
        Point(s) relative to the reference point [m].

    Returns
    -------
    ndarray, shape (3, 6) or (N, 3, 6)
    """
    r = np.asarray(r, dtype=float)
    x, y, z = r[..., 0], r[..., 1], r[..., 2]
    zero = np.zeros_like(x)
    neg_skew = np.stack([np.stack([zero, z, -y], -1), np.stack([-z, zero, x], -1),
                         np.stack([y, -x, zero], -1)], -2)
    eye = np.broadcast_to(np.eye(3), neg_skew.shape)
    return np.concatenate([eye, neg_skew], axis=-1)


def translate_matrix(m3, r) -> np.ndarray:
    """Move a 3x3 (per point velocity/acceleration) matrix at point r to 6x6 about the origin.

    Parameters
    ----------
    m3 : array_like, shape (3, 3, ...) 
        Matrix relating force at r to velocity (or acceleration) of r; extra trailing
        axes (e.g. frequency) are carried.
    r : array_like, shape (3,)
        Point [m].

    Returns
    -------
    ndarray, shape (6, 6, ...)
        ``T^T m3 T``.
    """
    t = transfer_matrix(r)
    return np.einsum("ai,ab...,bj->ij...", t, np.asarray(m3), t)


def thrust_coefficients(d, gains: ControlGains, inertia: float, omega):
    """Closed-loop thrust per relative wind speed c_u and per fore-aft rotation rate c_fa.

    Returns
    -------
    c_u : ndarray, complex, shape (F,)
        [N s/m].
    c_fa : ndarray, complex, shape (F,)
        [N s/rad].
    """
    per_wind, per_tilt = drivetrain_response(d, gains, inertia, omega)
    return per_wind.thrust, per_tilt.thrust


@dataclass(frozen=True, eq=False)
class AeroLinearization:
    """Rotor aero-servo coefficients about the platform reference point.

    Attributes
    ----------
    added_mass : ndarray, shape (6, 6, F) [kg, kg m, kg m^2]
    damping : ndarray, shape (6, 6, F) [N s/m, N s, N m s/rad]
    excitation : ndarray, complex, shape (6, F)
        Force per unit rotor-averaged wind-speed amplitude along the wind [N per m/s].
    c_u, c_fa : ndarray, complex, shape (F,)
        Thrust per relative wind speed [N s/m] and per fore-aft rotation rate [N s/rad].
    axis : ndarray, shape (3,)
        Rotor axis q.
    hub : ndarray, shape (3,)
        Hub position [m].
    feedback_row : ndarray, shape (6,)
        Row e_fa giving the floating-feedback signal ``e_fa . x_dot`` (zeros without it).
    wind_cosine : float
        Cosine of the yaw misalignment applied to the wind input [-].
    """

    added_mass: np.ndarray
    damping: np.ndarray
    excitation: np.ndarray
    c_u: np.ndarray
    c_fa: np.ndarray
    axis: np.ndarray
    hub: np.ndarray
    feedback_row: np.ndarray = field(default_factory=lambda: np.zeros(6))
    wind_cosine: float = 1.0


RATED_SPEED_MARGIN = 0.01
"""Relative margin below the schedule's largest rotor speed that counts as below rated."""


def rotor_gains(rotor, mode: str, pitch: float, feedback_below_rated: bool = False,
                rotor_speed: float | None = None) -> ControlGains:
    """Controller gains for a mode ("aero" -> constant rotor speed; "aero_control").

    ``rotor_speed`` [rad/s], when given with a schedule, puts the controller below rated
    when it is more than :data:`RATED_SPEED_MARGIN` below the schedule's largest speed
    (``settings.conventions.below_rated: rotor_speed``); None keeps RAFT's rule (the
    scheduled pitch gain alone).
    """
    if mode == "aero_control" and rotor.controller is not None:
        fine = float(np.min(rotor.schedule.pitch)) if rotor.schedule is not None else -np.inf
        if rotor.controller.min_pitch is not None:  # the controller's own fine pitch (DISCON)
            fine = rotor.controller.min_pitch
        slow = (rotor_speed is not None and rotor.schedule is not None
                and rotor_speed < (1.0 - RATED_SPEED_MARGIN) * float(np.max(rotor.schedule.rotor_speed)))
        return controller_gains(rotor.controller, pitch, rotor.gear_ratio, fine_pitch=fine,
                                feedback_below_rated=feedback_below_rated, below_rated_speed=slow)
    return no_control(rotor.gear_ratio)


def aero_linearization(d, gains: ControlGains, inertia: float, omega, axis, hub, *,
                       wind_heading: float | None = None, mode: str = "aero_control",
                       floating_feedback: FloatingFeedback = "rotation_rate") -> AeroLinearization:
    """Frequency-dependent aerodynamic added mass, damping and wind excitation (6 DOF).

    Parameters
    ----------
    d : Derivatives-like
        Aerodynamic derivatives (``raft_sim.aero.bem.aero_derivatives`` output or
        ``raft_sim.aero.control.Derivatives``).
    gains : ControlGains
        Ignored unless ``mode == "aero_control"``.
    inertia : float
        Drivetrain inertia [kg m^2].
    omega : array_like, shape (F,)
        Angular frequencies [rad/s], > 0.
    axis : array_like, shape (3,)
        Rotor axis q (``rotor_axis``).
    hub : array_like, shape (3,)
        Hub position relative to the reference point [m] (``hub_position``).
    wind_heading : float, optional
        Direction the wind blows towards [rad]; the excitation is scaled by the cosine
        of the horizontal angle between wind and shaft (yaw misalignment; the rotor
        feels the wind component along its axis). Default: aligned (as RAFT).
    mode : {"off", "aero", "aero_control"}
    floating_feedback : {"rotation_rate", "hub_velocity"}
        Signal of the floating feedback: the nacelle fore-aft rotation rate (physical,
        ROSCO feeds back the nacelle IMU rotation rate) or, as RAFT 2.0, the hub velocity
        along the shaft divided by the hub height above the reference point (so platform
        surge leaks into the signal).

    Returns
    -------
    AeroLinearization
    """
    w = np.asarray(omega, dtype=float)
    q = np.asarray(axis, dtype=float)
    nf = w.size
    if mode == "off":
        zero = np.zeros((6, 6, nf))
        return AeroLinearization(zero, zero.copy(), np.zeros((6, nf), complex),
                                 np.zeros(nf, complex), np.zeros(nf, complex), q, np.asarray(hub))
    if mode == "aero":
        gains = no_control(gains.gear_ratio)
    c_u, c_fa = thrust_coefficients(d, gains, inertia, w)
    t = transfer_matrix(hub)
    tq = t.T @ q                                   # generalised force of a unit thrust (6,)
    g = c_u[None, None, :] * np.outer(tq, tq)[:, :, None]
    e_fa = np.zeros(6)
    if not gains.fixed_speed and gains.k_float != 0.0:
        if floating_feedback == "hub_velocity":
            e_fa = tq / float(np.asarray(hub)[2])
        else:
            horiz = np.array([q[0], q[1], 0.0])
            e_fa = np.r_[np.zeros(3), np.cross([0.0, 0.0, 1.0], horiz / np.linalg.norm(horiz))]
        g = g - c_fa[None, None, :] * np.outer(tq, e_fa)[:, :, None]
    cos_wind = 1.0 if wind_heading is None else misalignment_cosine(q, wind_heading)
    return AeroLinearization(
        added_mass=g.imag / w, damping=g.real,
        excitation=cos_wind * c_u[None, :] * tq[:, None],
        c_u=c_u, c_fa=c_fa, axis=q, hub=np.asarray(hub, dtype=float), feedback_row=e_fa,
        wind_cosine=cos_wind)


@dataclass(frozen=True, eq=False)
class CaseAeroServo:
    """Aero-servo model of one rotor in one load case (frequency grid of F points).

    Attributes
    ----------
    linearization : AeroLinearization
        Added mass, damping, excitation per unit rotor-averaged wind speed (6 DOF, about
        the platform reference point).
    wind_amplitude : ndarray, shape (F,)
        Rotor-averaged wind-speed amplitude per bin, ``sqrt(2 S_rotor dw)`` [m/s]
        (so that ``linearization.excitation * wind_amplitude`` is the force amplitude).
    spectrum_point, spectrum_rotor : ndarray, shape (F,)
        Hub-point and rotor-averaged wind spectra [m^2/s^2 per rad/s].
    per_wind, per_tilt_rate : TransferFunctions
        Rotor speed, pitch, generator torque, power, thrust per unit relative wind speed
        and per unit nacelle fore-aft rotation rate.
    derivatives : object
        Aerodynamic derivatives (``raft_sim.aero.bem.AeroDerivatives``).
    gains : ControlGains
    rotor_speed, pitch : float
        Operating point [rad/s], [rad].
    status : str
        "operating", "parked" or "idling".
    heading : float
        Absolute heading of the rotor axis [rad].
    omega : ndarray, shape (F,)
        Angular frequencies [rad/s].
    """

    linearization: AeroLinearization
    wind_amplitude: np.ndarray
    spectrum_point: np.ndarray
    spectrum_rotor: np.ndarray
    per_wind: object
    per_tilt_rate: object
    derivatives: object
    gains: ControlGains
    rotor_speed: float
    pitch: float
    status: str
    heading: float
    omega: np.ndarray


def case_aero_servo(rotor, site, case, omega, *, operating=None, elements=None,
                    mode: str | None = None,
                    floating_feedback: FloatingFeedback = "rotation_rate",
                    feedback_below_rated: bool = False, n_azimuth: int | None = None,
                    below_rated: str = "rotor_speed") -> CaseAeroServo:
    """Aero-servo linearisation of a rotor for a load case, wired to the steady BEM.

    The rotor axis points along the wind heading plus ``case.yaw_misalign`` (RAFT 2.0
    ignores the misalignment). The operating point (rotor speed, pitch, status) is the
    case's one operating point (``operating``, from
    :func:`raft_sim.aero.operating.operating_loads`, which applies the rotor's
    ``speed_gain``); the derivatives are taken there. A parked or idling rotor gets the
    "aero" treatment (constant rotor speed, no control).

    Parameters
    ----------
    rotor : raft_sim.design.objects.Rotor
    site : raft_sim.design.objects.Site
    case : raft_sim.design.objects.Case
    omega : array_like, shape (F,)
        Increasing angular frequencies [rad/s], > 0.
    operating : raft_sim.aero.operating.OperatingPoint, optional
        The case's operating point; default: computed here as ``operating_loads`` does.
    elements : raft_sim.aero.bem.BladeElements, optional
        Precomputed blade elements.
    mode : {"off", "aero", "aero_control"}, optional
        Defaults to ``rotor.aero_servo_mode``.
    floating_feedback : {"rotation_rate", "hub_velocity"}
        See :func:`aero_linearization`.
    feedback_below_rated : bool
        Floating feedback also below rated (RAFT 2.0).
    n_azimuth : int, optional
        Azimuthal sectors of the BEM; default the rotor's ``nSector`` (as the mean loads).
    below_rated : {"rotor_speed", "pitch_gain"}
        What puts the controller below rated (``settings.conventions.below_rated``; see
        :func:`rotor_gains`).
    """
    from raft_sim.aero.bem import aero_derivatives
    from raft_sim.aero.operating import operating_point, rotor_radius
    from raft_sim.environment.wind import wind_amplitudes, wind_spectra
    from raft_sim.frequency import bin_widths

    w = np.asarray(omega, dtype=float)
    mode = rotor.aero_servo_mode if mode is None else mode
    heading = case.wind_heading + case.yaw_misalign
    q = rotor_axis(rotor.shaft_tilt, heading)
    hub = hub_position(rotor, heading)
    speed = max(case.wind_speed, 0.0)
    if speed == 0.0 or mode == "off":  # no wind or no aerodynamics: nothing to linearise
        mode, status, om0, pitch0 = "off", str(case.turbine_status), 0.0, 0.0
        d = Derivatives(0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    else:
        op = operating if operating is not None else operating_point(
            rotor, speed * float(rotor.speed_gain), case.turbine_status, site=site)
        status = str(np.asarray(op.status).reshape(-1)[0])
        om0, pitch0 = float(np.asarray(op.omega).reshape(-1)[0]), float(np.asarray(op.pitch).reshape(-1)[0])
        u_eff = float(np.asarray(op.wind_speed).reshape(-1)[0])
        d = aero_derivatives(rotor, site, u_eff, om0, pitch0, yaw=case.yaw_misalign,
                             heading=heading, n_azimuth=n_azimuth, elements=elements)
    if status != "operating" and mode == "aero_control":
        mode = "aero"
    gains = rotor_gains(rotor, mode, pitch0, feedback_below_rated,
                        om0 if below_rated == "rotor_speed" else None)
    if mode == "aero":
        gains = no_control(rotor.gear_ratio)
    lin = aero_linearization(d, gains, rotor.drivetrain_inertia, w, q, hub,
                             wind_heading=case.wind_heading, mode=mode,
                             floating_feedback=floating_feedback)
    s_pt, s_rot = wind_spectra(case.turbulence, speed, hub[2], rotor_radius(rotor), w)
    per_wind, per_tilt = drivetrain_response(d, gains, rotor.drivetrain_inertia, w,
                                             rotor_speed=om0)
    if mode == "off":
        zero = np.zeros(w.size, complex)
        per_wind = per_tilt = TransferFunctions(*(zero,) * 6)
    return CaseAeroServo(lin, wind_amplitudes(s_rot, bin_widths(w)), s_pt, s_rot, per_wind,
                         per_tilt, d, gains, om0, pitch0, status, heading, w)


def drivetrain_outputs(res: CaseAeroServo, motion=None, wind=None) -> dict[str, np.ndarray]:
    """Complex amplitudes of rotor speed, pitch, generator torque, power and thrust.

    ``X = X_u (cos_yaw U_w - q^T T i w xi) + X_fa (e_fa^T i w xi)``, the inputs being the
    rotor-averaged wind amplitude and the platform motion.

    Parameters
    ----------
    res : CaseAeroServo
    motion : array_like, complex, shape (6, F), optional
        Platform motion amplitudes xi [m, rad]; default none.
    wind : array_like, complex, shape (F,), optional
        Rotor-averaged wind-speed amplitudes [m/s]; default ``res.wind_amplitude``.

    Returns
    -------
    dict of ndarray, complex, shape (F,)
        "rotor_speed" [rad/s], "pitch" [rad], "gen_torque" [N m], "power" [W],
        "thrust" [N], "aero_torque" [N m].
    """
    lin = res.linearization
    n_f = lin.c_u.size
    wind = res.wind_amplitude if wind is None else np.asarray(wind)
    u = lin.wind_cosine * wind.astype(complex)
    tilt_rate = np.zeros(n_f, complex)
    if motion is not None:
        xi = np.asarray(motion)
        iw = 1j * res.omega
        u = u - (transfer_matrix(lin.hub).T @ lin.axis) @ xi * iw
        tilt_rate = lin.feedback_row @ xi * iw
    names = ("rotor_speed", "pitch", "gen_torque", "power", "thrust", "aero_torque")
    return {k: getattr(res.per_wind, k) * u + getattr(res.per_tilt_rate, k) * tilt_rate
            for k in names}

