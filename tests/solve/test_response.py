"""Tests of the impedance and the batched linear solve (raft_sim.solve.response)."""
from __future__ import annotations

import numpy as np
import pytest

from raft_sim.solve.response import impedance, rao, solve_response


def _well_conditioned(rng, shape):
    """Random complex matrices, diagonally dominant (condition number of order 1)."""
    a = rng.normal(size=shape + (6, 6)) + 1j * rng.normal(size=shape + (6, 6))
    return a + 12.0 * np.eye(6)


def test_impedance_matches_equation_of_motion():
    # SOURCE: analytic, x = Re(X e^{+iwt}) in M x'' + B x' + C x = f gives
    # (-w^2 M + i w B + C) X = F.
    rng = np.random.default_rng(1)
    omega = np.array([0.1, 0.5, 2.0])
    M, B, C = (rng.normal(size=(6, 6)) for _ in range(3))
    Z = impedance(omega, M, B, C)
    assert Z.shape == (3, 6, 6)
    for i, w in enumerate(omega):
        np.testing.assert_allclose(Z[i], -w**2 * M + 1j * w * B + C, rtol=0, atol=1e-14)


def test_impedance_accepts_frequency_dependent_terms():
    # SOURCE: analytic, as above, with (F, 6, 6) added mass/damping and a (6, 6) stiffness.
    rng = np.random.default_rng(2)
    omega = np.linspace(0.1, 1.0, 4)
    M, B = rng.normal(size=(4, 6, 6)), rng.normal(size=(4, 6, 6))
    C = rng.normal(size=(6, 6))
    Z = impedance(omega, M, B, C)
    np.testing.assert_allclose(Z[2], -omega[2]**2 * M[2] + 1j * omega[2] * B[2] + C, atol=1e-14)


def test_batched_solve_equals_per_frequency_solve():
    # SOURCE: analytic invariant, one batched solve == a loop of independent 6x6 solves.
    rng = np.random.default_rng(3)
    Z = _well_conditioned(rng, (2, 7))           # (case, F)
    F = rng.normal(size=(2, 7, 6)) + 1j * rng.normal(size=(2, 7, 6))
    X = solve_response(Z, F)
    for c in range(2):
        for i in range(7):
            expected = np.linalg.solve(Z[c, i], F[c, i])
            np.testing.assert_allclose(X[c, i], expected, rtol=1e-12, atol=1e-14)


def test_batched_solve_with_several_headings():
    # SOURCE: analytic invariant, H right-hand sides sharing Z: Z @ X_h = F_h for every h.
    rng = np.random.default_rng(4)
    Z = _well_conditioned(rng, (5,))
    F = rng.normal(size=(5, 3, 6)) + 1j * rng.normal(size=(5, 3, 6))
    X = solve_response(Z, F)
    assert X.shape == (5, 3, 6)
    for i in range(5):
        for h in range(3):
            np.testing.assert_allclose(X[i, h], np.linalg.solve(Z[i], F[i, h]), rtol=1e-12,
                                       atol=1e-14)


def test_static_limit_is_stiffness_inverse():
    # SOURCE: analytic, X(w -> 0) = C^-1 F.
    rng = np.random.default_rng(5)
    a = rng.normal(size=(6, 6))
    C = a @ a.T + 6 * np.eye(6)
    M = np.diag(rng.uniform(1, 2, 6))
    B = np.diag(rng.uniform(0.1, 0.2, 6))
    F = rng.normal(size=(1, 6))
    X = rao([1e-9], M, B, C, F)
    np.testing.assert_allclose(X[0], np.linalg.solve(C, F[0]), rtol=1e-8)


def test_single_dof_resonance_amplitude():
    # SOURCE: analytic, m x'' + c x' + k x = F e^{iwt}: X = F / (k - m w^2 + i c w);
    # at w_n = sqrt(k/m), X = F / (i c w_n) (phase -90 deg).
    m, c, k, f = 2.0e6, 3.0e5, 8.0e6, 1.0e5
    wn = np.sqrt(k / m)
    M, B, C = (np.eye(6) * v for v in (m, c, k))
    F = np.zeros((3, 6), complex)
    F[:, 2] = f
    omega = np.array([0.5 * wn, wn, 3.0 * wn])
    X = rao(omega, M, B, C, F)[:, 2]
    np.testing.assert_allclose(X, f / (k - m * omega**2 + 1j * c * omega), rtol=1e-13)
    np.testing.assert_allclose(X[1], f / (1j * c * wn), rtol=1e-13)


def test_mismatched_dims_are_rejected():
    # SOURCE: interface contract (excitation must have Z.ndim - 1 or Z.ndim dims).
    with pytest.raises(ValueError):
        solve_response(np.zeros((3, 6, 6)), np.zeros(6))
