"""Tests of the drag-linearisation fixed-point driver (raft_sim.solve.drag_iteration)."""
from __future__ import annotations

import logging

import numpy as np
import pytest

from raft_sim.solve.drag_iteration import linearize_drag, relative_change


def _map(g):
    """solve/drag callables whose composition is the scalar map x -> g(x)."""
    return (lambda b, f: g(b)), (lambda x: (np.asarray(x, dtype=float), np.zeros(())))


def test_contracting_map_reaches_analytic_fixed_point():
    # SOURCE: analytic, g(x) = 0.5 x + 1 has the fixed point x* = 2.
    solve, drag = _map(lambda x: 0.5 * x + 1.0)
    out = linearize_drag(solve, drag, x0=0.1, tolerance=1e-10, max_iter=200, relaxation=0.5)
    assert out.converged
    assert out.X == pytest.approx(2.0, rel=1e-9)
    assert out.iterations == len(out.history)
    assert out.history[-1] < 1e-10


def test_drag_like_map_converges_to_quadratic_root():
    # SOURCE: analytic, a response damped by a linearised drag b = kappa |x|:
    # x = f / (b0 + kappa |x|) has the fixed point kappa x^2 + b0 x - f = 0,
    # x* = (-b0 + sqrt(b0^2 + 4 kappa f)) / (2 kappa).
    b0, kappa, f = 0.3, 2.0, 5.0
    out = linearize_drag(solve=lambda b, fd: f / (b0 + b),
                         drag=lambda x: (kappa * np.abs(x), np.zeros(())),
                         x0=0.1, tolerance=1e-9, max_iter=100, relaxation=0.5)
    expected = (-b0 + np.sqrt(b0**2 + 4 * kappa * f)) / (2 * kappa)
    assert out.converged
    assert out.X == pytest.approx(expected, rel=1e-8)
    # the returned triple is consistent: X solves the system with the returned drag damping
    assert out.X == f / (b0 + out.B_drag)


def test_oscillating_map_returns_unconverged_without_nan(caplog):
    # SOURCE: analytic, g(x) = -3 x: the first step takes x1 = g(x0) = -3, then relaxing with
    # r = 0.5 gives x_{k+1} = -x_k: a bounded oscillation (|x| = 3, |g(x)| = 9) that never converges.
    solve, drag = _map(lambda x: -3.0 * x)
    with caplog.at_level(logging.WARNING, logger="raft_sim.solve.drag_iteration"):
        out = linearize_drag(solve, drag, x0=1.0, tolerance=0.01, max_iter=15, relaxation=0.5)
    assert not out.converged
    assert out.iterations == 15
    assert np.all(np.isfinite(out.history)) and np.isfinite(out.X)
    assert abs(out.X) == pytest.approx(9.0)
    assert "not converged" in caplog.text


def test_relaxation_damps_period_two_oscillation():
    # SOURCE: analytic, x = a / x (response inversely proportional to drag) has slope -1 at its
    # fixed point sqrt(a): plain substitution (r = 1) alternates x0, a/x0 forever; r = 0.5 makes
    # the relaxed map's slope 0 and converges to sqrt(a).
    a = 4.0
    solve, drag = _map(lambda x: a / x)
    plain = linearize_drag(solve, drag, x0=1.0, tolerance=1e-6, max_iter=20, relaxation=1.0)
    relaxed = linearize_drag(solve, drag, x0=1.0, tolerance=1e-6, max_iter=20, relaxation=0.5)
    assert not plain.converged and plain.X in (1.0, 4.0)
    assert relaxed.converged and relaxed.X == pytest.approx(np.sqrt(a), rel=1e-6)


def test_diverging_map_stops_with_finite_result():
    # SOURCE: analytic, g(x) = 1e80 x overflows to inf after a few steps; the driver must stop and
    # return the last finite iterate, flagged unconverged.
    solve, drag = _map(lambda x: 1e80 * x)
    with np.errstate(over="ignore"):
        out = linearize_drag(solve, drag, x0=1.0, max_iter=50, relaxation=1.0)
    assert not out.converged
    assert np.isfinite(out.X) and np.all(np.isfinite(out.history))
    assert out.iterations < 50


def test_vector_response_with_a_dof_at_rest_converges():
    # SOURCE: analytic, per-DOF maps x_d = f_d / (1 + |x_d|) with f_sway = 0 (sway at rest):
    # fixed point x_d = (-1 + sqrt(1 + 4 f_d)) / 2, and the zero DOF must not block convergence.
    f = np.zeros((10, 6))
    f[:, 0], f[:, 4] = 3.0, 0.5
    out = linearize_drag(solve=lambda b, fd: fd / (1.0 + b),
                         drag=lambda x: (np.abs(x), f), x0=0.1,
                         tolerance=1e-10, max_iter=200, relaxation=0.5)
    assert out.converged
    np.testing.assert_allclose(out.X, (-1 + np.sqrt(1 + 4 * f)) / 2, rtol=1e-9, atol=0)


def test_zero_response_converges_to_zero():
    # SOURCE: analytic, no excitation: X = 0 is the fixed point, reached at the first solve.
    out = linearize_drag(solve=lambda b, fd: np.zeros((5, 6), complex),
                         drag=lambda x: (np.abs(x), np.zeros((5, 6))), x0=0.1)
    assert out.converged and out.iterations == 1
    assert np.all(out.X == 0)


def test_relative_change_is_per_dof():
    # SOURCE: definition in the module docstring, max over DOFs of ||new - old|| / ||new||.
    new = np.array([[1.0, 2.0], [1.0, 2.0]])
    old = np.array([[1.0, 1.0], [1.0, 1.0]])
    assert relative_change(new, old) == pytest.approx(0.5)


def test_relaxation_out_of_range_is_rejected():
    # SOURCE: interface contract, 0 < relaxation <= 1.
    solve, drag = _map(lambda x: x)
    with pytest.raises(ValueError):
        linearize_drag(solve, drag, x0=1.0, relaxation=0.0)


@pytest.mark.parametrize("g, x0, relaxation", [(lambda x: 0.5 * x + 1.0, 0.1, 0.5),
                                              (lambda x: 4.0 / x, 1.0, 0.5),
                                              (lambda x: 4.0 / x, 1.0, 1.0),
                                              (lambda x: -3.0 * x, 1.0, 0.5)])
def test_batch_driver_follows_the_single_driver_case_by_case(g, x0, relaxation):
    # SOURCE: definition -- linearize_drag_batch (the pipeline's driver) runs each case through
    # the iteration of linearize_drag: same iterate, count and verdict, whatever the other
    # cases of the batch do (here a contracting, a period-two and an oscillating map side by side).
    from raft_sim.solve.drag_iteration import linearize_drag_batch
    solve, drag = _map(g)
    alone = linearize_drag(solve, drag, x0=x0, tolerance=1e-6, max_iter=20, relaxation=relaxation)
    other = lambda x: 0.5 * x + 1.0  # noqa: E731
    maps = [g, other]
    batch = linearize_drag_batch(
        lambda active, b: np.array([maps[c](bb) for c, bb in zip(active, b)]),
        lambda active, x: np.asarray(x).real,
        np.array([x0, 0.1]), tolerance=1e-6, max_iter=20, relaxation=relaxation)
    assert batch.X[0].real == alone.X and batch.iterations[0] == alone.iterations
    assert bool(batch.converged[0]) == alone.converged
