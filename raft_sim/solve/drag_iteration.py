"""Fixed-point iteration of the drag linearisation around the linear response solve.

The linearised (stochastic) drag damping depends on the response it damps, so the
response X is the fixed point of G(X) = solve(*drag(X)). The driver iterates

    X_1 = G(X_0),   X_{k+1} = (1 - r) X_k + r G(X_k),   0 < r <= 1 (under-relaxation),

(the start value X_0, RAFT's ``XiStart``, only seeds the first drag estimate) and stops
when successive solves agree: for every DOF d (last axis of X),

    ||G(X_k)_d - G(X_{k-1})_d|| / ||G(X_k)_d|| < tolerance,

where ||.|| is the 2-norm over all other axes (frequencies, sources, ...). Because the
response standard deviation of a DOF is proportional to that norm, this bounds the
relative change of each DOF's std between iterations. DOFs whose response norm is below
1e-6 m or rad (``ABS_FLOOR``), or below 1e-9 of the largest one, are not tested: a DOF
without response (sway of a symmetric platform in head seas) has nothing to converge.

The driver is independent of how drag is computed: ``drag`` and ``solve`` are callables.
It never raises for an oscillating or diverging map: on ``max_iter`` or a non-finite
iterate it returns the last finite triple with ``converged=False`` and logs a warning
(only a first solve that is already non-finite, i.e. unusable input, is returned as is);
the caller flags this in the results.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

import numpy as np
from numpy.typing import ArrayLike

logger = logging.getLogger(__name__)

_NEGLIGIBLE = 1e-9  # DOF norms below this fraction of the largest are not tested
ABS_FLOOR = 1e-6
"""Responses below a micrometre / microradian are not tested for convergence [m, rad]."""


@dataclass(frozen=True, eq=False)
class DragLinearization:
    """Outcome of :func:`linearize_drag`.

    Attributes
    ----------
    X : numpy.ndarray
        Response solved with ``B_drag`` and ``F_drag`` (a consistent triple) [m, rad].
    B_drag : numpy.ndarray
        Linearised drag damping evaluated at the last iterate.
    F_drag : numpy.ndarray
        Linearised drag excitation evaluated at the last iterate.
    converged : bool
        True when the residual fell below the tolerance.
    iterations : int
        Number of solves performed.
    history : numpy.ndarray, shape (iterations,)
        Relative fixed-point residual after each solve [-].
    """

    X: np.ndarray
    B_drag: np.ndarray
    F_drag: np.ndarray
    converged: bool
    iterations: int
    history: np.ndarray


def relative_change(new: ArrayLike, old: ArrayLike, atol: float = ABS_FLOOR) -> float:
    """Largest per-DOF relative change ||new_d - old_d|| / ||new_d||.

    Parameters
    ----------
    new, old : array_like, shape (..., 6) or scalar
        Successive response amplitudes; the last axis is the DOF (a scalar is one DOF).
    atol : float
        DOFs whose response norm is below this are not tested [m or rad].

    Returns
    -------
    float
        Relative change [-]; 0 when every DOF's response is negligible.
    """
    new = np.atleast_1d(np.asarray(new))
    old = np.broadcast_to(np.asarray(old), new.shape)
    scale = max(np.max(np.abs(new), initial=0.0), np.max(np.abs(old), initial=0.0))
    if not np.isfinite(scale):
        return np.inf
    if scale == 0.0:
        return 0.0
    new, old = new / scale, old / scale  # no overflow in the squares below
    axes = tuple(range(new.ndim - 1))
    norm_new = np.sqrt(np.sum(np.abs(new) ** 2, axis=axes))
    norm_diff = np.sqrt(np.sum(np.abs(new - old) ** 2, axis=axes))
    tested = norm_new > max(_NEGLIGIBLE * np.max(norm_new, initial=0.0), atol / scale)
    if not np.any(tested):  # no response at all: zero is its own fixed point
        return 0.0
    return float(np.max(norm_diff[tested] / norm_new[tested]))


def linearize_drag(solve: Callable[[np.ndarray, np.ndarray], np.ndarray],
                   drag: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]],
                   x0: ArrayLike, tolerance: float = 0.01, max_iter: int = 15,
                   relaxation: float = 0.5) -> DragLinearization:
    """Response consistent with its own linearised drag, by relaxed fixed-point iteration.

    Parameters
    ----------
    solve : callable ``(B_drag, F_drag) -> X``
        Linear response for given drag damping and drag excitation.
    drag : callable ``X -> (B_drag, F_drag)``
        Linearised drag damping and excitation for a response amplitude X.
    x0 : array_like
        Starting response amplitude [m, rad]; a scalar is broadcast (RAFT's ``XiStart``).
    tolerance : float
        Relative fixed-point residual below which the iteration has converged [-]
        (see module docstring).
    max_iter : int
        Maximum number of solves (>= 1).
    relaxation : float
        Under-relaxation factor r, 0 < r <= 1; r = 1 is plain substitution.

    Returns
    -------
    DragLinearization
        Last consistent (X, B_drag, F_drag), convergence flag and residual history.
    """
    if not 0.0 < relaxation <= 1.0:
        raise ValueError(f"relaxation must be in (0, 1], got {relaxation}")
    x = np.asarray(x0)
    last: tuple | None = None
    history: list[float] = []
    for _ in range(max(int(max_iter), 1)):
        b_drag, f_drag = drag(x)
        x_new = np.asarray(solve(b_drag, f_drag))
        finite = all(np.all(np.isfinite(a)) for a in (x_new, b_drag, f_drag))
        if not finite and last is not None:
            logger.warning("drag linearisation stopped: non-finite response after %d solves",
                           len(history) + 1)
            break
        previous = x if last is None else last[0]  # compare successive solves
        history.append(relative_change(x_new, previous) if finite else np.inf)
        last = (x_new, b_drag, f_drag)
        if not finite:  # already the first solve failed: the input itself is unusable
            break
        if history[-1] < tolerance:
            return DragLinearization(x_new, b_drag, f_drag, True, len(history), np.array(history))
        step = relaxation if len(history) > 1 else 1.0  # the start value only seeds the drag
        x = (1.0 - step) * x + step * x_new
    logger.warning("drag linearisation not converged after %d solves (residual %.3g > %.3g)",
                   len(history), history[-1] if history else np.inf, tolerance)
    return DragLinearization(*last, False, len(history), np.array(history))


@dataclass(frozen=True, eq=False)
class BatchLinearization:
    """Outcome of :func:`linearize_drag_batch` for C cases.

    Attributes
    ----------
    X : ndarray, shape (C, ...)
        Responses solved with the returned drag terms [m, rad].
    B_drag : ndarray, shape (C, ...)
        Drag damping of the last iterate of each case.
    converged : ndarray of bool, shape (C,)
    iterations : ndarray of int, shape (C,)
    """

    X: np.ndarray
    B_drag: np.ndarray
    converged: np.ndarray
    iterations: np.ndarray


def linearize_drag_batch(solve: Callable[[np.ndarray, np.ndarray], np.ndarray],
                         drag: Callable[[np.ndarray, np.ndarray], np.ndarray],
                         x0: np.ndarray, tolerance: float = 0.01, max_iter: int = 15,
                         relaxation: float = 0.5) -> BatchLinearization:
    """:func:`linearize_drag` for C independent cases at once.

    Each case follows exactly the iteration it would follow alone (same start value,
    relaxation and per-DOF stopping rule); a case stops being updated when it has
    converged, and the callables are only asked for the cases still iterating.

    Parameters
    ----------
    solve : callable ``(active, B_drag) -> X``
        Responses of the cases ``active`` (int indices, shape (A,)) for their drag
        damping (A, ...); the drag excitation is the callable's business.
    drag : callable ``(active, X) -> B_drag``
        Linearised drag damping of the cases ``active`` for responses X (A, ...).
    x0 : ndarray, shape (C, ...)
        Start values [m, rad].
    tolerance, max_iter, relaxation
        As :func:`linearize_drag`.

    Returns
    -------
    BatchLinearization
    """
    if not 0.0 < relaxation <= 1.0:
        raise ValueError(f"relaxation must be in (0, 1], got {relaxation}")
    x = np.array(x0, dtype=complex)
    n = x.shape[0]
    out_x, out_b = np.empty_like(x), None
    done = np.zeros(n, bool)
    converged = np.zeros(n, bool)
    iterations = np.zeros(n, int)
    last = np.empty_like(x)
    for it in range(1, max(int(max_iter), 1) + 1):
        active = np.flatnonzero(~done)
        if active.size == 0:
            break
        b = drag(active, x[active])
        x_new = solve(active, b)
        if out_b is None:
            out_b = np.zeros((n,) + b.shape[1:], dtype=b.dtype)
        for j, c in enumerate(active):
            finite = bool(np.all(np.isfinite(x_new[j])) and np.all(np.isfinite(b[j])))
            if not finite and it > 1:  # keep the last finite triple
                done[c] = True
                logger.warning("drag linearisation stopped: non-finite response after %d solves", it)
                continue
            change = relative_change(x_new[j], x[c] if it == 1 else last[c]) if finite else np.inf
            out_x[c], out_b[c], last[c], iterations[c] = x_new[j], b[j], x_new[j], it
            if not finite or change < tolerance:
                done[c], converged[c] = True, finite
                continue
            step = relaxation if it > 1 else 1.0
            x[c] = (1.0 - step) * x[c] + step * x_new[j]
    if not np.all(converged):
        logger.warning("drag linearisation not converged for %d of %d cases after %d solves",
                       int(np.sum(~converged)), n, int(max_iter))
    return BatchLinearization(out_x, out_b, converged, iterations)
