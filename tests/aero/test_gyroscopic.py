"""Tests of raft_sim.aero.gyroscopic (rotor gyroscopic moment on the platform)."""
import numpy as np
import pytest
from conftest import RAFT_REF, needs_shared

from raft_sim.aero.gyroscopic import gyroscopic_damping
from raft_sim.aero.linearization import rotor_axis


def test_moment_is_h_cross_platform_rate():
    # SOURCE: analytic rigid-body mechanics: the shaft turns with the platform, dh/dt = w x h,
    # so the platform feels h x w; on the left-hand side (M x'' + B x' ...) that is -B x'.
    rng = np.random.default_rng(3)
    axis = rotor_axis(np.radians(-5.0), np.radians(30.0))
    b = gyroscopic_damping(3.5e7, 1.2, axis)
    h = 3.5e7 * 1.2 * axis
    for _ in range(3):
        rate = rng.normal(size=6)
        moment = -b @ rate
        np.testing.assert_allclose(moment[3:], np.cross(h, rate[3:]), rtol=1e-12, atol=1e-3)
        np.testing.assert_array_equal(moment[:3], 0.0)


def test_no_power_and_shaft_along_x_couples_pitch_and_yaw():
    # SOURCE: analytic: a skew-symmetric B does no work (x'^T B x' = 0); for q = x the only
    # couplings are B[pitch, yaw] = J Omega = -B[yaw, pitch] (RAFT helpers.getH(J Omega q)).
    b = gyroscopic_damping(4.0e7, 1.0, [1.0, 0.0, 0.0])
    np.testing.assert_array_equal(b, -b.T)
    expected = np.zeros((6, 6))
    expected[4, 5], expected[5, 4] = 4.0e7, -4.0e7
    np.testing.assert_array_equal(b, expected)
    assert not np.any(gyroscopic_damping(4.0e7, 0.0, [1.0, 0.0, 0.0]))  # parked rotor


@needs_shared
def test_case_loads_carry_gyroscopic_term():
    # SOURCE: RAFT raft_fowt.calcTurbineConstants: B_gyro = getH(I_drivetrain Omega q) for an
    # operating rotor; input raft/test-inputs/OC3spar.yaml case 1 (10 m/s towards 30 deg,
    # Omega from wt_ops 11.46 rpm). Rotor aero damping is symmetric, so the antisymmetric part
    # of the rotor contribution's damping is the gyroscopic term alone.
    import raft_sim
    design = raft_sim.load_design(RAFT_REF / "test-inputs" / "OC3spar.yaml")
    rotor_effect = raft_sim.Model(design).analyze_case(design.cases[1]).contribution("rotor")
    rotor = design.turbine.rotor
    omega_rotor = np.interp(10.0, [10.0, 11.0], [11.46, 11.93]) * np.pi / 30.0
    axis = rotor_axis(rotor.shaft_tilt, np.radians(30.0))
    expected = gyroscopic_damping(318628138.0, omega_rotor, axis)
    skew = 0.5 * (rotor_effect.damping - np.swapaxes(rotor_effect.damping, 1, 2))
    np.testing.assert_allclose(skew, np.broadcast_to(expected, skew.shape),
                               rtol=0, atol=1e-6 * np.abs(expected).max())
    assert abs(expected[4, 5]) == pytest.approx(318628138.0 * 1.2002 * np.cos(np.radians(5))
                                                * np.cos(np.radians(30)), rel=1e-3)
