"""Tests of raft_sim.aero.control (closed-loop rotor-speed dynamics)."""
import numpy as np
import pytest

from raft_sim.aero.control import (
    ControlGains, Derivatives, controller_gains, drivetrain_denominator, drivetrain_response,
    no_control,
)
from raft_sim.design.objects import Controller

# Illustrative derivatives of a 15 MW rotor above rated (orders of magnitude of the IEA 15 MW
# at ~15 m/s); the tests below hold for any values with these signs.
ABOVE = Derivatives(dT_dU=2.0e5, dT_domega=1.5e6, dT_dpitch=-6.0e6, dQ_dU=2.5e6,
                    dQ_domega=-2.0e7, dQ_dpitch=-1.2e8, thrust=1.5e6, torque=1.9e7)
BELOW = Derivatives(dT_dU=1.2e5, dT_domega=2.0e6, dT_dpitch=-3.0e6, dQ_dU=1.5e6,
                    dQ_domega=-1.0e7, dQ_dpitch=-4.0e7, thrust=5e5, torque=3e6)
J = 318628138.0  # IEA 15 MW I_drivetrain (RAFT test input IEA15MW.yaml)
PITCH_GAINS = ControlGains(kp_pitch=0.5, ki_pitch=0.05, k_float=9.35)
TORQUE_GAINS = ControlGains(kp_torque=3.86e7, ki_torque=4.59e6)


def _iea15_controller():
    # SOURCE: numbers of RAFT test input IEA15MW.yaml (pitch_control, torque_control), first
    # four schedule points; gains in the YAML (ROSCO) sign convention.
    return Controller(gs_angles=np.array([0.06019804, 0.08713416, 0.10844806, 0.12685912]),
                      gs_kp=np.array([-0.9394215, -0.80602855, -0.69555026, -0.60254912]),
                      gs_ki=np.array([-0.07416547, -0.06719673, -0.0614251, -0.05656651]),
                      fl_kp=-9.35, vs_kp=-38609162.66552, vs_ki=-4588245.18720)


def test_controller_gains_sign_and_schedule():
    # SOURCE: RAFT raft_rotor.setControlGains/calcAero: gains are the negated YAML values,
    # pitch gains interpolated in GS_Angles and zero below the schedule; torque gains only
    # where the pitch gains are zero.
    c = _iea15_controller()
    g = controller_gains(c, 0.5 * (0.08713416 + 0.10844806))
    assert g.kp_pitch == pytest.approx(0.5 * (0.80602855 + 0.69555026), rel=1e-12)
    assert g.ki_pitch == pytest.approx(0.5 * (0.06719673 + 0.0614251), rel=1e-12)
    assert g.kp_torque == 0.0 and g.ki_torque == 0.0
    assert g.k_float == pytest.approx(9.35)
    below = controller_gains(c, np.radians(-0.25))
    assert below.kp_pitch == 0.0 and below.ki_pitch == 0.0
    assert below.kp_torque == pytest.approx(38609162.66552)
    assert below.ki_torque == pytest.approx(4588245.18720)
    # beyond the last angle: held (physical) or zero (RAFT 2.0)
    assert controller_gains(c, 0.2).kp_pitch == pytest.approx(0.60254912)
    assert controller_gains(c, 0.2, beyond_schedule="zero").kp_pitch == 0.0


def _state_space_response(d, g, w):
    """Reference: the same controller written as a state-space model x = [Omega, int Omega],
    solved per frequency as C (i w I - A)^-1 B + D (independent of the algebra under test)."""
    n = g.gear_ratio
    a = np.array([[(d.dQ_domega + d.dQ_dpitch * g.kp_pitch - n * g.kp_torque) / J,
                   (d.dQ_dpitch * g.ki_pitch - n * g.ki_torque) / J], [1.0, 0.0]])
    b = np.array([[d.dQ_dU / J, d.dQ_dpitch * g.k_float / J], [0.0, 0.0]])  # inputs u, theta_dot
    # outputs: Omega, beta, Qg, thrust
    c = np.array([[1, 0], [g.kp_pitch, g.ki_pitch], [g.kp_torque, g.ki_torque],
                  [d.dT_domega + d.dT_dpitch * g.kp_pitch, d.dT_dpitch * g.ki_pitch]])
    dd = np.array([[0, 0], [0, g.k_float], [0, 0], [d.dT_dU, d.dT_dpitch * g.k_float]])
    out = np.array([c @ np.linalg.solve(1j * wi * np.eye(2) - a, b) + dd for wi in w])
    return out  # (F, 4 outputs, 2 inputs)


@pytest.mark.parametrize("d, g", [(ABOVE, PITCH_GAINS), (BELOW, TORQUE_GAINS)])
def test_transfer_functions_match_state_space(d, g):
    # SOURCE: analytic, state-space form of the torque balance J dOmega/dt = Q_U u + Q_Om Omega
    # + Q_b beta - N Qg with PI pitch (plus floating feedback) and PI torque laws.
    w = np.linspace(0.01, 2.0, 40)
    ref = _state_space_response(d, g, w)
    for k, tf in enumerate(drivetrain_response(d, g, J, w)):
        np.testing.assert_allclose(tf.rotor_speed, ref[:, 0, k], rtol=1e-10, atol=1e-16)
        np.testing.assert_allclose(tf.pitch, ref[:, 1, k], rtol=1e-10, atol=1e-16)
        np.testing.assert_allclose(tf.gen_torque, ref[:, 2, k], rtol=1e-10, atol=1e-8)
        np.testing.assert_allclose(tf.thrust, ref[:, 3, k], rtol=1e-10, atol=1e-8)


def test_low_frequency_limit_above_rated():
    # SOURCE: analytic: integral pitch action drives the rotor-speed error to zero at w -> 0,
    # so the pitch cancels the torque change (Q_U u + Q_b beta = 0) and
    # thrust/u -> T_U - T_b Q_U / Q_b.
    w = np.array([1e-6])
    tf, _ = drivetrain_response(ABOVE, PITCH_GAINS, J, w)
    # rotor speed -> -i w Q_U / (ki Q_b): vanishes like w
    assert tf.rotor_speed[0] == pytest.approx(
        -1j * w[0] * ABOVE.dQ_dU / (PITCH_GAINS.ki_pitch * ABOVE.dQ_dpitch), rel=1e-4)
    assert tf.pitch[0] == pytest.approx(-ABOVE.dQ_dU / ABOVE.dQ_dpitch, rel=1e-5)
    expected = ABOVE.dT_dU - ABOVE.dT_dpitch * ABOVE.dQ_dU / ABOVE.dQ_dpitch
    assert tf.thrust[0] == pytest.approx(expected, rel=1e-4)
    assert abs(tf.aero_torque[0]) < 1e-5 * ABOVE.dQ_dU


def test_low_frequency_limit_below_rated():
    # SOURCE: analytic: with the integral torque law, the generator absorbs the aerodynamic
    # torque change at w -> 0 (N Qg = Q_U u) and the rotor-speed error vanishes.
    w = np.array([1e-6])
    tf, _ = drivetrain_response(BELOW, TORQUE_GAINS, J, w)
    assert tf.rotor_speed[0] == pytest.approx(
        1j * w[0] * BELOW.dQ_dU / TORQUE_GAINS.ki_torque, rel=1e-4)
    assert tf.gen_torque[0] == pytest.approx(BELOW.dQ_dU, rel=1e-5)
    assert tf.thrust[0] == pytest.approx(BELOW.dT_dU, rel=1e-5)


@pytest.mark.parametrize("d, g", [(ABOVE, PITCH_GAINS), (BELOW, TORQUE_GAINS)])
def test_high_frequency_limit_is_rotor_inertia(d, g):
    # SOURCE: analytic: for w -> inf only the inertia resists, J i w Omega = Q_U u, and the
    # thrust tends to the frozen-rotor value dT/dU.
    w = np.array([1e4])
    tf, _ = drivetrain_response(d, g, J, w)
    assert tf.rotor_speed[0] == pytest.approx(d.dQ_dU / (1j * w[0] * J), rel=1e-3)
    assert tf.thrust[0] == pytest.approx(d.dT_dU, rel=1e-3)


def test_fixed_speed_and_power():
    # SOURCE: definitions: constant rotor speed -> thrust/u = dT/dU, generator takes Q_U u;
    # generator power P = Qg N Omega, linearised P' = N Omega0 Qg' + Q0 Omega'.
    w = np.linspace(0.05, 1, 5)
    tf, tilt = drivetrain_response(ABOVE, no_control(), J, w, rotor_speed=0.79)
    np.testing.assert_allclose(tf.thrust, ABOVE.dT_dU)
    np.testing.assert_allclose(tf.rotor_speed, 0)
    np.testing.assert_allclose(tf.power, 0.79 * ABOVE.dQ_dU)
    tf, _ = drivetrain_response(BELOW, TORQUE_GAINS, J, w, rotor_speed=0.6)
    np.testing.assert_allclose(tf.power, 0.6 * tf.gen_torque + BELOW.torque * tf.rotor_speed)


def test_denominator_roots_are_stable():
    # SOURCE: analytic: D(w) = -p(i w), p(s) = J s^2 - (Q_Om + kp Q_b) s - ki Q_b; with the
    # usual signs both roots of p lie in the left half plane.
    g = PITCH_GAINS
    roots = np.roots([J, -(ABOVE.dQ_domega + g.kp_pitch * ABOVE.dQ_dpitch),
                      -g.ki_pitch * ABOVE.dQ_dpitch])
    assert np.all(roots.real < 0)
    s = 0.3j
    assert drivetrain_denominator(ABOVE, g, J, np.array([0.3]))[0] == pytest.approx(
        -(J * s**2 - (ABOVE.dQ_domega + g.kp_pitch * ABOVE.dQ_dpitch) * s
          - g.ki_pitch * ABOVE.dQ_dpitch), rel=1e-12)


@pytest.mark.parametrize("option, fraction", [("off", 0.0), ("describing_function", 0.5), ("on", 1.0)])
def test_pitch_loop_is_off_and_floating_feedback_clipped_at_fine_pitch(option, fraction):
    # SOURCE: controller logic (ROSCO, NREL/TP-5000-75698 Sec. 8; ROSCO Controllers.f90
    # PitchControl): below rated the blade pitch sits at its fine (minimum) value, the pitch PI
    # loop is saturated there and the torque loop acts; the floating feedback is added to the
    # saturated PI command and the sum clipped at the minimum pitch again, so only its positive
    # half acts. The describing function of that half-wave clip is exactly 1/2 (sinusoid:
    # fundamental of max(sin, 0) is sin / 2; Gaussian input: P(x > 0) = 1/2).
    from raft_sim.aero.control import controller_gains
    from raft_sim.design.objects import Controller
    ctrl = Controller(gs_angles=np.array([0.0, 0.1, 0.2]), gs_kp=np.array([-0.6, -0.4, -0.3]),
                      gs_ki=np.array([-0.09, -0.06, -0.04]), fl_kp=-9.0, vs_kp=-3e7, vs_ki=-4e6,
                      below_rated_feedback=option)
    below = controller_gains(ctrl, 0.0, fine_pitch=0.0)
    assert (below.kp_pitch, below.ki_pitch) == (0.0, 0.0)
    assert below.k_float == pytest.approx(9.0 * fraction, abs=0.0)
    assert below.kp_torque == pytest.approx(3e7) and below.ki_torque == pytest.approx(4e6)
    above = controller_gains(ctrl, 0.1, fine_pitch=0.0)
    assert above.kp_pitch == pytest.approx(0.4) and above.k_float == pytest.approx(9.0)
    assert above.kp_torque == 0.0


def test_half_wave_clip_describing_function_is_one_half():
    # SOURCE: analytic (Gelb & Vander Velde, Multiple-Input Describing Functions, 1968): the
    # first Fourier coefficient of max(A sin t, 0) is A/2, and the
    # random-input (Gaussian) equivalent gain E[x max(x,0)] / E[x^2] = 1/2; both by quadrature.
    from raft_sim.aero.control import BELOW_RATED_GAIN
    t = np.linspace(0.0, 2.0 * np.pi, 200001)
    first = np.trapezoid(np.maximum(np.sin(t), 0.0) * np.sin(t), t) / np.pi
    assert BELOW_RATED_GAIN["describing_function"] == pytest.approx(first, abs=1e-9)
    x = np.linspace(-12.0, 12.0, 200001)
    pdf = np.exp(-x**2 / 2.0)
    gauss = np.trapezoid(x * np.maximum(x, 0.0) * pdf, x) / np.trapezoid(x**2 * pdf, x)
    assert BELOW_RATED_GAIN["describing_function"] == pytest.approx(gauss, abs=1e-9)
