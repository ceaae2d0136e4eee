"""Tests of derived output channels (raft_sim.system.outputs)."""
from __future__ import annotations

import numpy as np
import pytest
from conftest import load_expected, needs_shared

from raft_sim.conventions import DOFS
from raft_sim.system.outputs import (
    nacelle_acceleration, point_acceleration, point_motion, tension_response)
from raft_sim.results.statistics import amplitude_psd, bin_widths, spectral_moment


def _unit(dof, value=1.0):
    X = np.zeros(6, complex)
    X[DOFS.index(dof)] = value
    return X


def test_point_motion_small_rotation_kinematics():
    # SOURCE: analytic, displacement X_t + theta x r: pitch moves a point at height z by +z theta
    # in x, yaw moves a point at +y by -y psi in x, roll moves a point at height z by -z phi in y.
    r = np.array([2.0, 3.0, 10.0])
    np.testing.assert_allclose(point_motion(_unit("pitch", 0.01), r), [0.1, 0, -0.02], atol=1e-15)
    np.testing.assert_allclose(point_motion(_unit("yaw", 0.01), r), [-0.03, 0.02, 0], atol=1e-15)
    np.testing.assert_allclose(point_motion(_unit("roll", 0.01), r), [0, -0.1, 0.03], atol=1e-15)
    np.testing.assert_allclose(point_motion(_unit("heave", 1.5), r), [0, 0, 1.5], atol=1e-15)


def test_nacelle_acceleration_is_minus_omega_squared_displacement():
    # SOURCE: analytic, a = -w^2 (X_surge + z X_pitch - y X_yaw) for harmonic motion.
    omega = np.array([0.2, 0.7])
    X = np.array([[1.0, 0, 0, 0, 0.02, 0.01], [0.5j, 0, 0, 0, -0.01j, 0]])
    r = [0.0, 4.0, 90.0]
    expected = -omega**2 * (X[:, 0] + 90.0 * X[:, 4] - 4.0 * X[:, 5])
    np.testing.assert_allclose(nacelle_acceleration(X, omega, r), expected, rtol=1e-14)


def test_frequency_axis_with_headings():
    # SOURCE: analytic, as above, for X of shape (F, H, 6) with freq_axis=-2.
    rng = np.random.default_rng(0)
    omega = np.array([0.3, 0.6, 0.9])
    X = rng.normal(size=(3, 2, 6)) + 1j * rng.normal(size=(3, 2, 6))
    a = point_acceleration(X, omega, [1.0, 2.0, 3.0], freq_axis=-2)
    for i in range(3):
        np.testing.assert_allclose(a[i], point_acceleration(X[i], omega[i:i + 1], [1.0, 2.0, 3.0]),
                                   rtol=1e-14)


def test_tension_response_is_jacobian_product():
    # SOURCE: analytic, dT = J dX per line.
    J = np.array([[1e5, 0, 0, 0, 2e6, 0], [0, -3e4, 0, 1e6, 0, 0]])
    X = np.array([[0.5, 0.1, 0, 0.01, 0.02j, 0]])
    np.testing.assert_allclose(tension_response(X, J)[0],
                               [0.5e5 + 2e6 * 0.02j, -3e4 * 0.1 + 1e6 * 0.01], rtol=1e-14)


@needs_shared
def test_nacelle_acceleration_reproduces_raft_axrna():
    # SOURCE: RAFT expected JSON raft/test-expected/OC3spar_true_analyzeCases.json,
    # case 0 (waves only).
    # RAFT evaluates the fore-aft acceleration at its hub node: hub height 90 m (OC3spar.yaml Zhub)
    # lowered by the 5 m overhang on the 5 deg shaft tilt, z = 90 - 5 sin(5 deg) = 89.564 m.
    # Its std and PSD must follow from its own surge/pitch amplitudes (*_RA, pitch in deg).
    ref = load_expected("OC3spar_true_analyzeCases.json")
    omega = ref["freq_rad"]
    out = ref["case_metrics"]["0"]["0"]
    X = np.stack([out[f"{d}_RA"] * (np.pi / 180 if d in ("roll", "pitch", "yaw") else 1.0)
                  for d in DOFS], axis=-1)                                  # (source, F, 6)
    z_hub = 90.0 - 5.0 * np.sin(np.radians(5.0))
    a = nacelle_acceleration(X, omega, [0.0, 0.0, z_hub])                   # (source, F)
    psd = amplitude_psd(a.T, bin_widths(omega)).sum(axis=-1)                # (F,)
    std = np.sqrt(spectral_moment(psd[:, None], omega))[0]
    assert std == pytest.approx(out["AxRNA_std"][0], rel=1e-9)
    np.testing.assert_allclose(psd, out["AxRNA_PSD"][:, 0], rtol=1e-9, atol=1e-15)
