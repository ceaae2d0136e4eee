"""ROSCO's filters in the linearised controller (raft_sim.aero.control): each transfer function
against ROSCO's filter definitions, and the closed loop against a time-domain simulation."""
from dataclasses import replace

import numpy as np
import pytest
from scipy import signal

from raft_sim.aero.control import (ControlGains, Derivatives, drivetrain_response,
                                   feedback_filter, high_pass_first_order, low_pass_first_order,
                                   low_pass_second_order, notch, speed_filter)
from raft_sim.design.objects import ControllerFilters

W = np.linspace(0.005, 6.0, 400)
# Controller time step of the discrete forms [s]: coarse, so that their coefficients (sums like
# 4 + (wc dt)^2) keep 1e-12 relative precision; the identity holds for any dt.
DT = 0.5
W_DISCRETE = np.linspace(0.005, 0.9 * np.pi / DT, 400)  # below the Nyquist frequency


def _tustin_response(b, a, w, dt):
    """Frequency response of the difference equation a[0] y_n + a[1] y_{n-1} + ... = b[0] x_n + ...
    at z = exp(i w dt)."""
    z = np.exp(-1j * np.outer(w * dt, np.arange(len(b))))
    return (z @ np.asarray(b, float)) / (z @ np.asarray(a, float))


def _warped(w, dt):
    """The continuous frequency that the bilinear (Tustin) map s = 2/dt (z-1)/(z+1) assigns to w."""
    return 2.0 / dt * np.tan(w * dt / 2.0)


# SOURCE for the four tests below: ROSCO rosco/controller/src/Filters.f90 (NREL/ROSCO, main,
# 2025): LPFilter, SecLPFilter, HPFilter and NotchFilter are written as difference equations
# with the coefficients transcribed below. They are the Tustin discretisations of
# wc/(s+wc), wc^2/(s^2+2 zeta wc s+wc^2), s/(s+wc) and (s^2+2 bn wn s+wn^2)/(s^2+2 bd wn s+wn^2),
# so at z = e^{i w dt} they equal the continuous form at s = i (2/dt) tan(w dt/2) exactly.
def test_first_order_low_pass_is_roscos_lpfilter():
    wc = 1.0081
    a = [2 + wc * DT, wc * DT - 2]  # lpf1_a1, lpf1_a0
    b = [wc * DT, wc * DT]          # lpf1_b1, lpf1_b0
    np.testing.assert_allclose(low_pass_first_order(_warped(W_DISCRETE, DT), wc),
                               _tustin_response(b, a, W_DISCRETE, DT), rtol=1e-12, atol=1e-14)
    assert abs(low_pass_first_order(wc, wc)) == pytest.approx(2**-0.5, rel=1e-12)  # -3 dB point


def test_second_order_low_pass_is_roscos_seclpfilter():
    wc, zeta = 0.213, 1.0
    k = DT**2 * wc**2
    a = [k + 4 + 4 * zeta * wc * DT, 2 * k - 8, k + 4 - 4 * zeta * wc * DT]  # lpf2_a2, a1, a0
    b = [k, 2 * k, k]                                                         # lpf2_b2, b1, b0
    np.testing.assert_allclose(low_pass_second_order(_warped(W_DISCRETE, DT), wc, zeta),
                               _tustin_response(b, a, W_DISCRETE, DT), rtol=1e-12, atol=1e-14)
    # at its natural frequency: -90 deg and a gain 1/(2 zeta)
    assert low_pass_second_order(wc, wc, 0.7) == pytest.approx(-1j / 1.4, rel=1e-12)


def test_first_order_high_pass_is_roscos_hpfilter():
    wc = 0.01042
    k = 2.0 / DT
    # HPFilter: y = K/(wc+K) x - K/(wc+K) x_{n-1} - (wc-K)/(wc+K) y_{n-1}
    a = [1.0, (wc - k) / (wc + k)]
    b = [k / (wc + k), -k / (wc + k)]
    np.testing.assert_allclose(high_pass_first_order(_warped(W_DISCRETE, DT), wc),
                               _tustin_response(b, a, W_DISCRETE, DT), rtol=1e-12, atol=1e-14)
    assert high_pass_first_order(wc, wc) == pytest.approx(0.5 + 0.5j, rel=1e-12)  # +45 deg, -3 dB


def test_notch_is_roscos_notchfilter():
    wn, bn, bd = 3.355, 0.0, 0.25
    k = 2.0 / DT
    den = k**2 + 2 * wn * bd * k + wn**2
    b = [(k**2 + 2 * wn * bn * k + wn**2) / den, (2 * wn**2 - 2 * k**2) / den,
         (k**2 - 2 * wn * bn * k + wn**2) / den]
    a = [1.0, (2 * wn**2 - 2 * k**2) / den, (k**2 - 2 * wn * bd * k + wn**2) / den]
    np.testing.assert_allclose(notch(_warped(W_DISCRETE, DT), wn, bn, bd), _tustin_response(b, a, W_DISCRETE, DT),
                               rtol=1e-12, atol=1e-14)
    assert abs(notch(wn, wn, 0.1, 0.25)) == pytest.approx(0.4, rel=1e-12)  # depth b_n / b_d


def test_filter_chains_multiply_and_zero_means_off():
    # SOURCE: ROSCO PreFilterMeasuredSignals applies the filters in series (a product of
    # transfer functions); a corner frequency of 0 switches a filter off here.
    f = ControllerFilters(speed_corner=1.0081, speed_order=2, speed_damping=0.7,
                          speed_notches=((2.0, 0.0, 0.25),), float_corner=0.213,
                          float_damping=1.0, float_highpass=0.01042,
                          float_notches=((3.355, 0.0, 0.25),))
    np.testing.assert_allclose(speed_filter(f, W), low_pass_second_order(W, 1.0081, 0.7)
                               * notch(W, 2.0, 0.0, 0.25), rtol=1e-14)
    np.testing.assert_allclose(feedback_filter(f, W), low_pass_second_order(W, 0.213, 1.0)
                               * high_pass_first_order(W, 0.01042) * notch(W, 3.355, 0.0, 0.25),
                               rtol=1e-14)
    first = ControllerFilters(speed_corner=0.5, speed_order=1)  # F_LPFType = 1
    np.testing.assert_allclose(speed_filter(first, W), low_pass_first_order(W, 0.5), rtol=1e-14)
    off = ControllerFilters(speed_corner=0.0, float_corner=0.0, float_highpass=0.0)
    np.testing.assert_array_equal(speed_filter(off, W), 1.0)
    np.testing.assert_array_equal(feedback_filter(off, W), 1.0)


# Illustrative 15 MW rotor above rated (orders of magnitude of the IEA 15 MW at ~16 m/s)
ABOVE = Derivatives(dT_dU=2.0e5, dT_domega=1.5e6, dT_dpitch=-6.0e6, dQ_dU=2.5e6,
                    dQ_domega=-2.0e7, dQ_dpitch=-1.2e8, thrust=1.5e6, torque=1.9e7)
J = 312456272.0  # WE_Jtot of the VolturnUS-S DISCON [kg m^2]
ROSCO_FILTERS = ControllerFilters(speed_corner=1.0081, speed_order=2, speed_damping=0.7,
                                  float_corner=0.213, float_damping=1.0,
                                  float_highpass=0.01042)  # VolturnUS-S DISCON
GAINS = ControlGains(kp_pitch=0.18, ki_pitch=0.048, k_float=9.1984, filters=ROSCO_FILTERS)


def _closed_loop_state_space(d, g, inertia):
    """The linear loop written in the time domain, block by block (scipy.signal.tf2ss for each
    filter): states [Omega, speed filter, int Omega_f, feedback filter], inputs [u, theta_dot],
    outputs [Omega, beta, Qg]."""
    f = g.filters
    wc = f.speed_corner
    speed_den = [1.0, wc] if f.speed_order == 1 else [1.0, 2 * f.speed_damping * wc, wc**2]
    a_s, b_s, c_s, _ = signal.tf2ss([speed_den[-1]], speed_den)
    fc, fz, fh = f.float_corner, f.float_damping, f.float_highpass
    a_f, b_f, c_f, d_f = signal.tf2ss(np.polymul([fc**2], [1.0, 0.0]),
                                      np.polymul([1.0, 2 * fz * fc, fc**2], [1.0, fh]))
    ns, nf = a_s.shape[0], a_f.shape[0]
    n = 1 + ns + 1 + nf
    i_s, i_int, i_f = slice(1, 1 + ns), 1 + ns, slice(2 + ns, n)
    a, b = np.zeros((n, n)), np.zeros((n, 2))
    # PI law on the filtered speed Omega_f = c_s x_s and its integral I
    pi_pitch, pi_torque = np.zeros(n), np.zeros(n)
    pi_pitch[i_s], pi_pitch[i_int] = g.kp_pitch * c_s[0], g.ki_pitch
    pi_torque[i_s], pi_torque[i_int] = g.kp_torque * c_s[0], g.ki_torque
    # pitch = PI + k (c_f x_f + d_f theta_dot)
    pitch_row, pitch_in = pi_pitch.copy(), np.array([0.0, g.k_float * d_f[0, 0]])
    pitch_row[i_f] = g.k_float * c_f[0]
    # J dOmega/dt = Q_U u + Q_Om Omega + Q_b pitch - N Qg
    a[0] = (d.dQ_dpitch * pitch_row - g.gear_ratio * pi_torque) / inertia
    a[0, 0] += d.dQ_domega / inertia
    b[0] = (np.array([d.dQ_dU, 0.0]) + d.dQ_dpitch * pitch_in) / inertia
    a[i_s, i_s], a[i_s, 0] = a_s, b_s[:, 0]
    a[i_int, i_s] = c_s[0]
    a[i_f, i_f], b[i_f, 1] = a_f, b_f[:, 0]
    c = np.vstack([np.eye(n)[0], pitch_row, pi_torque])
    dd = np.vstack([np.zeros(2), pitch_in, np.zeros(2)])
    return signal.StateSpace(a, b, c, dd)


def _steady_harmonic(sys, w, inp, periods=20, dt=0.05, settle=600.0):
    """Complex steady-state amplitudes of the outputs for the input cos(w t) at ``inp``, fitted
    by least squares over the last ``periods`` periods of an lsim run."""
    t = np.arange(0.0, settle + periods * 2 * np.pi / w, dt)
    u = np.zeros((t.size, 2))
    u[:, inp] = np.cos(w * t)
    _, y, _ = signal.lsim(sys, u, t)
    tail = t >= settle
    basis = np.column_stack([np.cos(w * t[tail]), -np.sin(w * t[tail]), np.ones(tail.sum())])
    coef = np.linalg.lstsq(basis, y[tail], rcond=None)[0]
    return coef[0] + 1j * coef[1]  # Re(X e^{iwt}) = Xr cos - Xi sin


BELOW = Derivatives(dT_dU=1.2e5, dT_domega=2.0e6, dT_dpitch=-3.0e6, dQ_dU=1.5e6,
                    dQ_domega=-1.0e7, dQ_dpitch=-4.0e7, thrust=5e5, torque=3e6)
# below rated: torque PI on a first-order-filtered speed, half the feedback (describing function)
BELOW_GAINS = ControlGains(kp_torque=3.57e7, ki_torque=4.50e6, k_float=0.5 * 9.1984,
                           filters=replace(ROSCO_FILTERS, speed_order=1))


@pytest.mark.parametrize("d, g, w, inp", [
    (ABOVE, GAINS, 0.12, 0), (ABOVE, GAINS, 0.44, 0), (ABOVE, GAINS, 0.44, 1), (ABOVE, GAINS, 1.2, 1),
    (BELOW, BELOW_GAINS, 0.3, 0), (BELOW, BELOW_GAINS, 0.44, 1)])
def test_closed_loop_matches_time_domain_simulation(d, g, w, inp):
    # SOURCE: time-domain simulation (scipy.signal.lsim) of the same linear loop -- PI pitch
    # (above rated) or PI torque (below rated) control on the low-passed rotor speed (second /
    # first order), floating feedback through ROSCO's second-order low-pass and first-order
    # high-pass -- assembled block by block from the filters' polynomials, not from the
    # frequency-domain algebra under test; a harmonic wind (inp 0) or nacelle rotation rate
    # (inp 1), steady state fitted after 600 s; 1 % (observed <= 3e-4, the sampling error of
    # lsim at dt = 0.05 s; without the speed filter the responses differ by 7-68 %).
    sys = _closed_loop_state_space(d, g, J)
    got = _steady_harmonic(sys, w, inp)
    tf = drivetrain_response(d, g, J, np.array([w]))[inp]
    np.testing.assert_allclose(got, [tf.rotor_speed[0], tf.pitch[0], tf.gen_torque[0]],
                               rtol=0.01, atol=1e-12 * np.abs(tf.gen_torque[0]))
