"""ROSCO's filters in the linearised controller (raft_sim.aero.control): each transfer function
against ROSCO's filter definitions, and the closed loop against a time-domain simulation."""
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
    filter): states [Omega, speed filter (2), int Omega_f, feedback filter (3)], inputs
    [u, theta_dot], outputs [Omega, beta]."""
    wc, z = g.filters.speed_corner, g.filters.speed_damping
    a_s, b_s, c_s, _ = signal.tf2ss([wc**2], [1.0, 2 * z * wc, wc**2])
    fc, fz, fh = g.filters.float_corner, g.filters.float_damping, g.filters.float_highpass
    a_f, b_f, c_f, d_f = signal.tf2ss(np.polymul([fc**2], [1.0, 0.0]),
                                      np.polymul([1.0, 2 * fz * fc, fc**2], [1.0, fh]))
    n = 1 + 2 + 1 + 3
    a, b = np.zeros((n, n)), np.zeros((n, 2))
    i_s, i_int, i_f = slice(1, 3), 3, slice(4, 7)
    # pitch = kp Omega_f + ki I + k (c_f x_f + d_f theta_dot), Omega_f = c_s x_s
    pitch_row, pitch_in = np.zeros(n), np.zeros(2)
    pitch_row[i_s] = g.kp_pitch * c_s[0]
    pitch_row[i_int] = g.ki_pitch
    pitch_row[i_f] = g.k_float * c_f[0]
    pitch_in[1] = g.k_float * d_f[0, 0]
    # J dOmega/dt = Q_U u + Q_Om Omega + Q_b pitch (no torque loop above rated)
    a[0] = d.dQ_dpitch * pitch_row / inertia
    a[0, 0] += d.dQ_domega / inertia
    b[0] = (np.array([d.dQ_dU, 0.0]) + d.dQ_dpitch * pitch_in) / inertia
    a[i_s, i_s], a[i_s, 0] = a_s, b_s[:, 0]
    a[i_int, i_s] = c_s[0]
    a[i_f, i_f], b[i_f, 1] = a_f, b_f[:, 0]
    c = np.vstack([np.eye(n)[0], pitch_row])
    dd = np.vstack([np.zeros(2), pitch_in])
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


@pytest.mark.parametrize("w, inp", [(0.12, 0), (0.44, 0), (0.44, 1), (1.2, 1)])
def test_closed_loop_matches_time_domain_simulation(w, inp):
    # SOURCE: time-domain simulation (scipy.signal.lsim) of the same linear loop -- PI pitch
    # control on the second-order-low-passed rotor speed, floating feedback through ROSCO's
    # second-order low-pass and first-order high-pass -- assembled block by block from the
    # filters' polynomials, not from the frequency-domain algebra under test; a harmonic wind
    # (inp 0) or nacelle rotation rate (inp 1), steady state fitted after 600 s; 1 % (observed
    # <= 3e-4, the sampling error of lsim at dt = 0.05 s; without the speed filter: 7-68 %).
    sys = _closed_loop_state_space(ABOVE, GAINS, J)
    got = _steady_harmonic(sys, w, inp)
    tf = drivetrain_response(ABOVE, GAINS, J, np.array([w]))[inp]
    np.testing.assert_allclose(got, [tf.rotor_speed[0], tf.pitch[0]], rtol=0.01)
