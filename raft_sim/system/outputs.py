"""Derived output channels of the rigid-body response, as pure functions.

Inputs are complex amplitudes X with the six DOFs (``conventions.DOFS``) on the last axis
and frequency on ``freq_axis`` of ``X[..., 0]`` (default: the axis just before the DOFs).
The same functions work on transfer functions (per unit wave amplitude) and on response
amplitudes, since every channel is linear in X. Rotations are small: a point at r from the
reference point moves by X_t + theta x r. Tower-base loads: :mod:`raft_sim.system.tower_base`.
"""
from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def _omega_along(omega: ArrayLike, X: np.ndarray, freq_axis: int) -> np.ndarray:
    """omega reshaped to broadcast against X[..., 0] along its frequency axis."""
    omega = np.asarray(omega, dtype=float)
    ndim = X.ndim - 1
    shape = [1] * ndim
    shape[freq_axis % ndim] = omega.size
    return omega.reshape(shape)


def point_motion(X: ArrayLike, r: ArrayLike) -> np.ndarray:
    """Displacement of a point rigidly attached to the platform.

    Parameters
    ----------
    X : array_like, complex, shape (..., 6)
        Rigid-body amplitudes (surge, sway, heave [m]; roll, pitch, yaw [rad]).
    r : array_like, shape (3,)
        Point position relative to the reference point [m].

    Returns
    -------
    numpy.ndarray, complex, shape (..., 3)
        X_t + theta x r [m].
    """
    X = np.asarray(X)
    r = np.broadcast_to(np.asarray(r, dtype=float), X[..., :3].shape)
    return X[..., :3] + np.cross(X[..., 3:], r)


def point_acceleration(X: ArrayLike, omega: ArrayLike, r: ArrayLike,
                       freq_axis: int = -1) -> np.ndarray:
    """Acceleration amplitude -omega^2 (X_t + theta x r) of a rigidly attached point.

    Parameters
    ----------
    X : array_like, complex, shape (..., F, 6) (frequency on ``freq_axis`` of X[..., 0])
        Rigid-body amplitudes [m, rad].
    omega : array_like, shape (F,)
        Angular frequencies [rad/s].
    r : array_like, shape (3,)
        Point position relative to the reference point [m].
    freq_axis : int
        Frequency axis of ``X[..., 0]``.

    Returns
    -------
    numpy.ndarray, complex, shape (..., F, 3)
        Acceleration in global axes [m/s^2] (gravity not included).
    """
    X = np.asarray(X)
    w = _omega_along(omega, X, freq_axis)[..., None]
    return -(w**2) * point_motion(X, r)


def nacelle_acceleration(X: ArrayLike, omega: ArrayLike, r_nacelle: ArrayLike,
                         freq_axis: int = -1) -> np.ndarray:
    """Fore-aft (x) acceleration amplitude of the nacelle, RAFT's ``AxRNA``.

    a_x = -omega^2 (X_surge + z X_pitch - y X_yaw), with r_nacelle = (x, y, z).

    Parameters
    ----------
    X : array_like, complex, shape (..., F, 6)
        Rigid-body amplitudes [m, rad].
    omega : array_like, shape (F,)
        Angular frequencies [rad/s].
    r_nacelle : array_like, shape (3,)
        Nacelle (hub) position relative to the reference point [m].
    freq_axis : int
        Frequency axis of ``X[..., 0]``.

    Returns
    -------
    numpy.ndarray, complex, shape (..., F)
        Fore-aft acceleration [m/s^2], kinematic only (the gravity component an
        accelerometer would also sense in a pitched frame, -g X_pitch, is not included).
    """
    return point_acceleration(X, omega, r_nacelle, freq_axis)[..., 0]


def tension_response(X: ArrayLike, tension_jacobian: ArrayLike) -> np.ndarray:
    """Line tension amplitudes from a linearised tension Jacobian.

    Parameters
    ----------
    X : array_like, complex, shape (..., 6)
        Rigid-body amplitudes [m, rad].
    tension_jacobian : array_like, shape (n_lines, 6)
        dT/dX of each tension about the mean position [N/m, N/rad].

    Returns
    -------
    numpy.ndarray, complex, shape (..., n_lines)
        Tension amplitudes [N].
    """
    return np.asarray(X) @ np.asarray(tension_jacobian, dtype=float).T
