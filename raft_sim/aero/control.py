"""Linearised closed-loop rotor-speed dynamics: PI pitch control, PI torque control.

Sign conventions (ours; see docs/aero-servo.md)
-----------------------------------------------
The YAML (ROSCO) gains are negative; we flip them so that every gain here is positive
for a stabilising controller:

- blade pitch:      beta'  = (kp + ki / (i w)) F_s Omega' + k_float F_fl theta_dot_fa
- generator torque: Qg'    = (kp_tau + ki_tau / (i w)) F_s Omega'       (high-speed shaft)
- rotor speed:      J i w Omega' = Q_U u + Q_Omega Omega' + Q_beta beta' - N Qg'

with kp = -GS_Kp, ki = -GS_Ki, kp_tau = -VS_KP, ki_tau = -VS_KI, k_float = -Fl_Kp,
N the gear ratio, J the drivetrain inertia, u the wind speed relative to the hub along
the shaft [m/s] and theta_dot_fa the nacelle fore-aft rotation rate [rad/s] fed back by
the floating controller. Primes are complex amplitudes with x(t) = Re(X e^{i w t}).
As RAFT, the low-speed-shaft torque of the generator is N Qg' (N enters once).

F_s(w) is ROSCO's generator-speed filter (first- or second-order low-pass, ``F_LPFType``,
then notches) and F_fl(w) its floating-feedback filter (second-order low-pass, first-order
high-pass, then the tower-top notches), both complex transfer functions evaluated at
s = i w (ROSCO's ``Filters.f90`` are the Tustin discretisations of the same forms).
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, replace
from typing import Callable, Literal

import numpy as np

from raft_sim.design.objects import ControllerFilters

__all__ = ["low_pass_first_order", "low_pass_second_order", "high_pass_first_order", "notch",
           "speed_filter", "feedback_filter", "ControlGains",
           "controller_gains", "no_control", "Derivatives", "TransferFunctions",
           "drivetrain_denominator", "drivetrain_response", "BELOW_RATED_GAIN",
           "default_feedback_filters", "resolve_controller_filters"]

#: Fraction of the floating feedback kept below rated, by ``Controller.below_rated_feedback``.
#: ROSCO adds the feedback to a PI command saturated at the minimum pitch and saturates the sum
#: there again, so only the positive half of the zero-mean feedback reaches the blades. The
#: describing function of that half-wave clip is 1/2 for a sinusoid and, as E[f'(x)] = P(x > 0),
#: for a Gaussian signal too (Gelb & Vander Velde 1968, ch. 2-3).
BELOW_RATED_GAIN = {"off": 0.0, "describing_function": 0.5, "on": 1.0}


def low_pass_first_order(omega, corner: float) -> np.ndarray:
    """First-order low-pass ``wc / (s + wc)`` at ``s = i omega`` (ROSCO ``LPFilter``).

    Parameters
    ----------
    omega : array_like
        Angular frequencies [rad/s].
    corner : float
        Corner (-3 dB) frequency wc [rad/s].

    Returns
    -------
    ndarray, complex, same shape as ``omega``
    """
    s = 1j * np.asarray(omega, dtype=float)
    return corner / (s + corner)


def low_pass_second_order(omega, corner: float, damping: float) -> np.ndarray:
    """Second-order low-pass ``wc^2 / (s^2 + 2 zeta wc s + wc^2)`` (ROSCO ``SecLPFilter``).

    Parameters
    ----------
    omega : array_like
        Angular frequencies [rad/s].
    corner : float
        Natural frequency wc [rad/s].
    damping : float
        Damping ratio zeta [-].
    """
    s = 1j * np.asarray(omega, dtype=float)
    return corner**2 / (s**2 + 2.0 * damping * corner * s + corner**2)


def high_pass_first_order(omega, corner: float) -> np.ndarray:
    """First-order high-pass ``s / (s + wc)`` (ROSCO ``HPFilter``).

    Parameters
    ----------
    omega : array_like
        Angular frequencies [rad/s].
    corner : float
        Corner frequency wc [rad/s].
    """
    s = 1j * np.asarray(omega, dtype=float)
    return s / (s + corner)


def notch(omega, frequency: float, beta_num: float, beta_den: float) -> np.ndarray:
    """Notch ``(s^2 + 2 b_n wn s + wn^2) / (s^2 + 2 b_d wn s + wn^2)`` (ROSCO ``NotchFilter``).

    Parameters
    ----------
    omega : array_like
        Angular frequencies [rad/s].
    frequency : float
        Notch frequency wn [rad/s].
    beta_num, beta_den : float
        Damping of numerator (depth) and denominator (width) [-].
    """
    s = 1j * np.asarray(omega, dtype=float)
    return ((s**2 + 2.0 * beta_num * frequency * s + frequency**2)
            / (s**2 + 2.0 * beta_den * frequency * s + frequency**2))


def _notches(omega, notches) -> np.ndarray:
    """Product of ROSCO notch filters ``(frequency, beta_num, beta_den)`` [-], complex."""
    out = np.ones(np.shape(omega), complex)
    for freq, beta_num, beta_den in notches:
        out = out * notch(omega, freq, beta_num, beta_den)
    return out


def speed_filter(filters: ControllerFilters, omega) -> np.ndarray:
    """Transfer function F_s(w) of the generator-speed measurement [-], complex, shape (F,).

    Low-pass of order ``filters.speed_order`` (ROSCO ``F_LPFType``) times the notches; a
    corner frequency None (not given) or 0 (off) means no low-pass.
    """
    out = _notches(omega, filters.speed_notches)
    if not filters.speed_corner:
        return out
    if filters.speed_order == 1:
        return out * low_pass_first_order(omega, filters.speed_corner)
    return out * low_pass_second_order(omega, filters.speed_corner, filters.speed_damping)


def feedback_filter(filters: ControllerFilters, omega) -> np.ndarray:
    """Transfer function F_fl(w) of the floating-feedback signal [-], complex, shape (F,).

    ROSCO filters the nacelle IMU's angular acceleration and integrates it; the filters
    being linear, this equals filtering the rotation rate.
    """
    out = _notches(omega, filters.float_notches)
    if filters.float_corner:  # None (not given) or 0 (off)
        out = out * low_pass_second_order(omega, filters.float_corner, filters.float_damping)
    if filters.float_highpass:
        out = out * high_pass_first_order(omega, filters.float_highpass)
    return out


#: ROSCO's tuning of the floating-feedback filters (ROSCO toolbox, ``utilities.DISCON_dict``:
#: ``F_FlCornerFreq = [ptfm_freq, 1.0]``, the platform pitch natural frequency with damping 1;
#: ``inputs/toolbox_schema.yaml``: ``f_fl_highpassfreq`` defaults to 0.01042 rad/s).
ROSCO_FLOAT_DAMPING = 1.0
ROSCO_FLOAT_HIGHPASS = 0.01042  # [rad/s]


def default_feedback_filters(controller, pitch_frequency: float):
    """The controller with ROSCO's tuning defaults for the floating-feedback filters not given.

    Parameters
    ----------
    controller : raft_sim.design.objects.Controller
    pitch_frequency : float
        Platform pitch natural frequency, ROSCO's ``ptfm_freq`` [rad/s]; NaN or <= 0 (not
        known): no low-pass is set.

    Returns
    -------
    controller : Controller
        Unchanged when ``Fl_Kp`` is 0 or both filters are given.
    keys : tuple of str
        ROSCO names of the filters set here (empty if none).
    """
    f = controller.filters
    if controller.fl_kp == 0.0:
        return controller, ()
    new, keys = {}, []
    if f.float_corner is None and np.isfinite(pitch_frequency) and pitch_frequency > 0.0:
        new.update(float_corner=float(pitch_frequency), float_damping=ROSCO_FLOAT_DAMPING)
        keys.append("F_FlCornerFreq")
    if f.float_highpass is None:
        new["float_highpass"] = ROSCO_FLOAT_HIGHPASS
        keys.append("F_FlHighPassFreq")
    if not keys:
        return controller, ()
    return replace(controller, filters=replace(f, **new)), tuple(keys)


def resolve_controller_filters(design, pitch_frequency: Callable[[], float]):
    """The design with the controller filters the analysis uses.

    With ``design.settings.conventions.controller_filters`` (physical): the filters given,
    and ROSCO's default floating-feedback filters where ``Fl_Kp`` has none
    (:func:`default_feedback_filters`, with a ``DesignWarning`` naming the keys to set).
    Without it (RAFT 2.0, which has no controller filters): no filter at all.

    Parameters
    ----------
    design : raft_sim.design.objects.Design
    pitch_frequency : callable () -> float
        Platform pitch natural frequency [rad/s]; only called when a default is needed.

    Returns
    -------
    Design
        ``design`` itself when nothing changes.
    """
    from raft_sim.design.errors import DesignWarning
    rotor = design.turbine.rotor if design.turbine is not None else None
    ctrl = rotor.controller if rotor is not None else None
    if ctrl is None or rotor.aero_servo_mode != "aero_control":
        return design
    if not design.settings.conventions.controller_filters:
        new, given = replace(ctrl, filters=ControllerFilters()), ()
    else:
        missing = ctrl.filters.float_corner is None or ctrl.filters.float_highpass is None
        if ctrl.fl_kp == 0.0 or not missing:
            return design
        freq = float(pitch_frequency()) if ctrl.filters.float_corner is None else float("nan")
        new, given = default_feedback_filters(ctrl, freq)
        f = new.filters
        values = {"F_FlCornerFreq": f"[{f.float_corner or 0.0:.4g} rad/s (the platform pitch "
                                    f"natural frequency), {f.float_damping:g}]",
                  "F_FlHighPassFreq": f"{f.float_highpass or 0.0:.4g} rad/s"}
        missing = [k for k, v in (("F_FlCornerFreq", ctrl.filters.float_corner),
                                  ("F_FlHighPassFreq", ctrl.filters.float_highpass)) if v is None]
        applied = ", ".join(f"{key} = {values[key]}" for key in given)
        unknown = ("" if "F_FlCornerFreq" in given or "F_FlCornerFreq" not in missing else
                   "; no low-pass: the platform pitch natural frequency could not be computed")
        warnings.warn(f"turbine.pitch_control: Fl_Kp is given without {' and '.join(missing)}; "
                      f"ROSCO's tuning defaults are applied ({applied}){unknown}: set "
                      f"{', '.join(missing)} (0: off) to choose", DesignWarning, stacklevel=3)
    turbine = replace(design.turbine, rotor=replace(rotor, controller=new))
    return replace(design, turbine=turbine)


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
    filters : raft_sim.design.objects.ControllerFilters
        Generator-speed and floating-feedback filters (default: none).
    """

    kp_pitch: float = 0.0
    ki_pitch: float = 0.0
    kp_torque: float = 0.0
    ki_torque: float = 0.0
    k_float: float = 0.0
    gear_ratio: float = 1.0
    fixed_speed: bool = False
    filters: ControllerFilters = ControllerFilters()


def no_control(gear_ratio: float = 1.0) -> ControlGains:
    """Gains of the "aero" mode: rotor speed constant, no controller action."""
    return ControlGains(gear_ratio=gear_ratio, fixed_speed=True)


def controller_gains(controller, pitch: float, gear_ratio: float = 1.0,
                     beyond_schedule: Literal["hold", "zero"] = "hold",
                     fine_pitch: float = -np.inf,
                     feedback_below_rated: bool = False,
                     below_rated_speed: bool = False) -> ControlGains:
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
        floating feedback, which ROSCO clips at the minimum pitch, is scaled by
        ``BELOW_RATED_GAIN[controller.below_rated_feedback]``.
    feedback_below_rated : bool
        Keep the whole floating feedback on below rated, whatever the controller's
        ``below_rated_feedback`` (RAFT 2.0 does; ``settings.conventions``).
    below_rated_speed : bool
        The rotor runs below its rated speed (e.g. at minimum rotor speed, where a
        minimum-pitch schedule holds the blade above fine pitch): below rated whatever the
        pitch (ROSCO: the torque loop regulates the speed, the pitch loop is saturated).
    """
    angles = np.asarray(controller.gs_angles, dtype=float)
    right = None if beyond_schedule == "hold" else 0.0
    kp = 0.0 - float(np.interp(pitch, angles, controller.gs_kp, left=0.0, right=right))
    ki = 0.0 - float(np.interp(pitch, angles, controller.gs_ki, left=0.0, right=right))
    below_rated = (kp == 0.0 and ki == 0.0) or pitch <= fine_pitch + 1e-3 or below_rated_speed
    if below_rated:
        kp = ki = 0.0
    clip = 1.0
    if below_rated and not feedback_below_rated:
        clip = BELOW_RATED_GAIN[controller.below_rated_feedback]
    return ControlGains(
        kp_pitch=kp, ki_pitch=ki,
        kp_torque=-controller.vs_kp if below_rated else 0.0,
        ki_torque=-controller.vs_ki if below_rated else 0.0,
        k_float=0.0 - clip * controller.fl_kp, gear_ratio=gear_ratio,
        filters=controller.filters,
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

    ``D = J w^2 + i w Q_Omega + F_s (i w (kp Q_beta - N kp_tau) + ki Q_beta - N ki_tau)``, so
    that ``Omega' = -i w (Q_U u + k_float F_fl Q_beta theta_dot_fa) / D``; without filters
    (F_s = 1) D(w) = -p(i w) with p(s) the characteristic polynomial ``J s^2 - (...) s - (...)``.

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
    control = (1j * w * (gains.kp_pitch * d.dQ_dpitch - n * gains.kp_torque)
               + gains.ki_pitch * d.dQ_dpitch - n * gains.ki_torque)
    return inertia * w**2 + 1j * w * d.dQ_domega + speed_filter(gains.filters, w) * control


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
    k = gains.k_float * feedback_filter(gains.filters, w)
    seen = speed_filter(gains.filters, w)  # the controllers see the filtered speed
    forcing = ((d.dQ_dU, d.dT_dU, 0.0), (k * d.dQ_dpitch, k * d.dT_dpitch, k))
    out = []
    for q_in, t_in, beta_in in forcing:
        if gains.fixed_speed:
            speed = np.zeros_like(iw)
        else:
            speed = -iw * q_in / drivetrain_denominator(d, gains, inertia, w)
        pitch = (gains.kp_pitch + gains.ki_pitch / iw) * seen * speed + beta_in
        aero_q = q_in + d.dQ_domega * speed + d.dQ_dpitch * (pitch - beta_in)
        if gains.fixed_speed:
            gen_q = aero_q / n + 0j  # the generator absorbs every torque change
        else:
            gen_q = (gains.kp_torque + gains.ki_torque / iw) * seen * speed
        thrust = t_in + d.dT_domega * speed + d.dT_dpitch * (pitch - beta_in)
        power = n * rotor_speed * gen_q + d.torque * speed
        out.append(TransferFunctions(speed, pitch, gen_q, power, thrust, aero_q))
    return out[0], out[1]
