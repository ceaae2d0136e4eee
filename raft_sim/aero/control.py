"""Linearised closed-loop rotor-speed dynamics: PI pitch control, PI torque control.

Sign conventions (ours; see docs/aero-servo.md)
-----------------------------------------------
The YAML (ROSCO) gains are negative; we flip them so that every gain here is positive
for a stabilising controller:

- blade pitch:      beta'  = (kp + ki / (i w)) Omega' + k_float * theta_dot_fa
- generator torque: Qg'    = (kp_tau + ki_tau / (i w)) Omega'       (high-speed shaft)
- rotor speed:      J i w Omega' = Q_U u + Q_Omega Omega' + Q_beta beta' - N Qg'

with kp = -GS_Kp, ki = -GS_Ki, kp_tau = -VS_KP, ki_tau = -VS_KI, k_float = -Fl_Kp,
N the gear ratio, J the drivetrain inertia, u the wind speed relative to the hub along
the shaft [m/s] and theta_dot_fa the nacelle fore-aft rotation rate [rad/s] fed back by
the floating controller. Primes are complex amplitudes with x(t) = Re(X e^{i w t}).
As RAFT, the low-speed-shaft torque of the generator is N Qg' (N enters once).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

__all__ = ["ControlGains", "controller_gains", "no_control", "Derivatives",
           "TransferFunctions", "drivetrain_denominator", "drivetrain_response"]


@dataclass(frozen=True)
class ControlGains:
    """Controller gains at one operating point, in our (positive) sign convention.

    Attributes
    ----------
    kp_pitch : float
        Proportional pitch gain [rad per rad/s] = [s].
    ki_pitch : float
        Integral pitch gain [rad per rad] = [-].
    kp_torque : float
        Proportional generator-torque gain [N m per rad/s].
    ki_torque : float
        Integral generator-torque gain [N m per rad].
    k_float : float
        Floating feedback gain: pitch per nacelle fore-aft rotation rate [s].
    gear_ratio : float
        Gearbox ratio N [-].
    fixed_speed : bool
        True when the rotor speed is held constant (no drivetrain dynamics: "aero" mode).
    """

    kp_pitch: float = 0.0
    ki_pitch: float = 0.0
    kp_torque: float = 0.0
    ki_torque: float = 0.0
    k_float: float = 0.0
    gear_ratio: float = 1.0
    fixed_speed: bool = False


def no_control(gear_ratio: float = 1.0) -> ControlGains:
    """Gains of the "aero" mode: rotor speed constant, no controller action."""
    return ControlGains(gear_ratio=gear_ratio, fixed_speed=True)


def controller_gains(controller, pitch: float, gear_ratio: float = 1.0,
                     beyond_schedule: Literal["hold", "zero"] = "hold",
                     fine_pitch: float = -np.inf,
                     feedback_below_rated: bool = False) -> ControlGains:
    """Gains of the gain-scheduled PI pitch and PI torque controllers at a blade pitch.

    The pitch gains are interpolated in ``controller.gs_angles`` at ``pitch``. Below the
    first scheduled angle the turbine is below rated: pitch gains are zero and the torque
    controller acts (as RAFT, which zeroes the torque gains whenever the pitch gain is
    non-zero). Above the last scheduled angle the last gains are held (``"hold"``,
    physical) or set to zero as RAFT 2.0 does (``"zero"``, which then switches the
    torque controller on).

    Parameters
    ----------
    controller : raft_sim.design.objects.Controller
        Gains in the YAML (ROSCO) sign convention.
    pitch : float
        Operating blade pitch [rad].
    gear_ratio : float
        Gearbox ratio [-].
    beyond_schedule : {"hold", "zero"}
        Gains above the last scheduled pitch angle.
    fine_pitch : float
        Minimum (fine) blade pitch of the operating schedule [rad]. At or within 1e-3 rad
        of it the pitch controller is saturated (below rated) whatever the gain schedule
        says, e.g. for a schedule that starts at 0 rad like the NREL 5 MW's. Below rated the
        floating feedback, which acts through the pitch actuator, is off as well (as in ROSCO).
    feedback_below_rated : bool
        Keep the floating feedback on below rated (RAFT 2.0 does).
    """
    angles = np.asarray(controller.gs_angles, dtype=float)
    right = None if beyond_schedule == "hold" else 0.0
    kp = 0.0 - float(np.interp(pitch, angles, controller.gs_kp, left=0.0, right=right))
    ki = 0.0 - float(np.interp(pitch, angles, controller.gs_ki, left=0.0, right=right))
    below_rated = (kp == 0.0 and ki == 0.0) or pitch <= fine_pitch + 1e-3
    if below_rated:
        kp = ki = 0.0
    return ControlGains(
        kp_pitch=kp, ki_pitch=ki,
        kp_torque=-controller.vs_kp if below_rated else 0.0,
        ki_torque=-controller.vs_ki if below_rated else 0.0,
        k_float=0.0 if below_rated and not feedback_below_rated else -controller.fl_kp,
        gear_ratio=gear_ratio,
    )


@dataclass(frozen=True)
class Derivatives:
    """Aerodynamic derivatives at an operating point (same names as the BEM's output).

    dT_dU [N s/m], dT_domega [N s/rad], dT_dpitch [N/rad], dQ_dU [N s],
    dQ_domega [N m s/rad], dQ_dpitch [N m/rad]; thrust [N] and torque [N m] at the point.
    """

    dT_dU: float
    dT_domega: float
    dT_dpitch: float
    dQ_dU: float
    dQ_domega: float
    dQ_dpitch: float
    thrust: float = 0.0
    torque: float = 0.0


@dataclass(frozen=True)
class TransferFunctions:
    """Closed-loop responses per unit input, complex, shape (F,).

    ``rotor_speed`` [rad/s], ``pitch`` [rad], ``gen_torque`` (high-speed shaft) [N m],
    ``power`` (generator) [W], ``thrust`` [N], ``aero_torque`` [N m], each per unit input.
    """

    rotor_speed: np.ndarray
    pitch: np.ndarray
    gen_torque: np.ndarray
    power: np.ndarray
    thrust: np.ndarray
    aero_torque: np.ndarray


def drivetrain_denominator(d, gains: ControlGains, inertia: float, omega) -> np.ndarray:
    """Denominator D(w) of the closed-loop rotor-speed response.

    ``D = J w^2 + i w (Q_Omega + kp Q_beta - N kp_tau) + ki Q_beta - N ki_tau``, so that
    ``Omega' = -i w (Q_U u + k_float Q_beta theta_dot_fa) / D``; D(w) = -p(i w) with
    p(s) the characteristic polynomial ``J s^2 - (...) s - (...)``.

    Parameters
    ----------
    d : Derivatives-like
        Aerodynamic derivatives.
    gains : ControlGains
    inertia : float
        Drivetrain inertia J about the rotor shaft [kg m^2].
    omega : array_like, shape (F,)
        Angular frequencies [rad/s].

    Returns
    -------
    ndarray, complex, shape (F,)
    """
    w = np.asarray(omega, dtype=float)
    n = gains.gear_ratio
    damping = d.dQ_domega + gains.kp_pitch * d.dQ_dpitch - n * gains.kp_torque
    stiffness = gains.ki_pitch * d.dQ_dpitch - n * gains.ki_torque
    return inertia * w**2 + 1j * w * damping + stiffness


def drivetrain_response(d, gains: ControlGains, inertia: float, omega, *,
                        rotor_speed: float = 0.0) -> tuple[TransferFunctions, TransferFunctions]:
    """Closed-loop responses to the relative wind speed and to the fore-aft rotation rate.

    Parameters
    ----------
    d : Derivatives-like
        Aerodynamic derivatives at the operating point (``d.torque`` is the mean
        aerodynamic torque, used for the power).
    gains : ControlGains
        ``gains.fixed_speed`` gives the constant-rotor-speed ("aero") responses.
    inertia : float
        Drivetrain inertia J [kg m^2].
    omega : array_like, shape (F,)
        Angular frequencies [rad/s], > 0.
    rotor_speed : float
        Mean rotor speed Omega_0 [rad/s] (for the power).

    Returns
    -------
    per_wind, per_tilt_rate : TransferFunctions
        Per unit relative wind speed along the shaft [per m/s], and per unit nacelle
        fore-aft rotation rate [per rad/s] (the floating-feedback input).
    """
    w = np.asarray(omega, dtype=float)
    n = gains.gear_ratio
    iw = 1j * w
    # inputs: u (wind) and theta_dot (tilt rate) enter as an aero torque forcing and a pitch
    k = gains.k_float
    forcing = ((d.dQ_dU, d.dT_dU, 0.0), (k * d.dQ_dpitch, k * d.dT_dpitch, k))
    out = []
    for q_in, t_in, beta_in in forcing:
        if gains.fixed_speed:
            speed = np.zeros_like(iw)
        else:
            speed = -iw * q_in / drivetrain_denominator(d, gains, inertia, w)
        pitch = (gains.kp_pitch + gains.ki_pitch / iw) * speed + beta_in
        aero_q = q_in + d.dQ_domega * speed + d.dQ_dpitch * (pitch - beta_in)
        if gains.fixed_speed:
            gen_q = aero_q / n + 0j  # the generator absorbs every torque change
        else:
            gen_q = (gains.kp_torque + gains.ki_torque / iw) * speed
        thrust = t_in + d.dT_domega * speed + d.dT_dpitch * (pitch - beta_in)
        power = n * rotor_speed * gen_q + d.torque * speed
        out.append(TransferFunctions(speed, pitch, gen_q, power, thrust, aero_q))
    return out[0], out[1]
