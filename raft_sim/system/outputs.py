"""Derived output channels of the rigid-body response, as pure functions.

Inputs are complex amplitudes X with the six DOFs (``conventions.DOFS``) on the last axis
and frequency on ``freq_axis`` of ``X[..., 0]`` (default: the axis just before the DOFs).
The same functions work on transfer functions (per unit wave amplitude) and on response
amplitudes, since every channel is linear in X. Rotations are small: a point at r from the
reference point moves by X_t + theta x r.
"""
from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from raft_sim.conventions import DOFS, GRAVITY

_SURGE, _PITCH = DOFS.index("surge"), DOFS.index("pitch")


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


def tower_base_moment(X: ArrayLike, omega: ArrayLike, mass: float, z_cg: float,
                      inertia_base: float, z_base: float, g: float = GRAVITY,
                      freq_axis: int = -1) -> np.ndarray:
    """Fore-aft bending moment amplitude at the tower base from rigid-body inertia and weight.

    The tower and RNA above the base (mass m, centre of gravity at height z_cg, pitch
    inertia I_base about the y axis through the base at height z_base, h = z_cg - z_base)
    move rigidly with the platform. The moment the upper part exerts on the base about +y
    (positive when the tower is bent towards +x, as under positive rotor thrust) is

        M = omega^2 [I_base X_pitch + m h (X_surge + z_base X_pitch)] + m g h X_pitch,

    i.e. minus the inertial moment (base acceleration and angular acceleration) plus the
    moment of the weight of the tilted mass. Aerodynamic loads are not included: add their
    moment (e.g. (z_hub - z_base) times the fluctuating thrust) to the result.

    Parameters
    ----------
    X : array_like, complex, shape (..., F, 6)
        Rigid-body amplitudes [m, rad].
    omega : array_like, shape (F,)
        Angular frequencies [rad/s].
    mass : float
        Mass of tower + RNA above the base [kg].
    z_cg : float
        Height of their centre of gravity [m].
    inertia_base : float
        Their pitch moment of inertia about the y axis through the tower base [kg m^2].
    z_base : float
        Tower base height [m].
    g : float
        Gravitational acceleration [m/s^2].
    freq_axis : int
        Frequency axis of ``X[..., 0]``.

    Returns
    -------
    numpy.ndarray, complex, shape (..., F)
        Fore-aft bending moment [N m].
    """
    X = np.asarray(X)
    w2 = _omega_along(omega, X, freq_axis) ** 2
    arm = z_cg - z_base
    surge, pitch = X[..., _SURGE], X[..., _PITCH]
    inertial = w2 * (inertia_base * pitch + mass * arm * (surge + z_base * pitch))
    return inertial + mass * g * arm * pitch


def tower_base_mean_moment(mean_pitch: ArrayLike, mass: float, z_cg: float, z_base: float,
                           g: float = GRAVITY) -> np.ndarray:
    """Mean fore-aft tower-base moment of the weight of the tilted tower + RNA.

    Parameters
    ----------
    mean_pitch : array_like
        Mean platform pitch [rad].
    mass, z_cg, z_base, g
        As in :func:`tower_base_moment` [kg, m, m, m/s^2].

    Returns
    -------
    numpy.ndarray
        m g (z_cg - z_base) sin(pitch) [N m]; add the mean aerodynamic moment.
    """
    return mass * g * (z_cg - z_base) * np.sin(np.asarray(mean_pitch, dtype=float))


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
