"""Reference frames: rotations, member axes and rigid-body transfer of 6x6 matrices.

All functions are vectorised over leading dimensions. Conventions:

- A 6x6 mass-like matrix ``M`` about a point P relates the force/moment about P to the
  acceleration/angular acceleration of P: ``[F; M_P] = M [a_P; alpha]``.
- ``skew(r) @ v == cross(r, v)``.
"""
from __future__ import annotations

import numpy as np


def skew(r: np.ndarray) -> np.ndarray:
    """Cross-product matrix of ``r``.

    Parameters
    ----------
    r : ndarray, shape (..., 3)

    Returns
    -------
    ndarray, shape (..., 3, 3)
        ``S`` such that ``S @ v == cross(r, v)``.
    """
    r = np.asarray(r, dtype=float)
    s = np.zeros(r.shape + (3,))
    s[..., 0, 1], s[..., 0, 2] = -r[..., 2], r[..., 1]
    s[..., 1, 0], s[..., 1, 2] = r[..., 2], -r[..., 0]
    s[..., 2, 0], s[..., 2, 1] = -r[..., 1], r[..., 0]
    return s


def rotation_matrix(roll, pitch, yaw) -> np.ndarray:
    """Finite rotation ``Rz(yaw) @ Ry(pitch) @ Rx(roll)`` (applied x first, then y, then z).

    Parameters
    ----------
    roll, pitch, yaw : float or ndarray, broadcastable [rad]

    Returns
    -------
    ndarray, shape (..., 3, 3)
        Maps body-fixed vectors to global ones.
    """
    if isinstance(roll, _SCALAR) and isinstance(pitch, _SCALAR) and isinstance(yaw, _SCALAR):
        return pose_rotation(np.array([roll, pitch, yaw], dtype=float))
    roll, pitch, yaw = np.broadcast_arrays(*(np.asarray(a, dtype=float) for a in (roll, pitch, yaw)))
    out = np.empty(roll.shape + (3, 3))
    entries = _rotation_entries((np.cos(roll), np.cos(pitch), np.cos(yaw)),
                                (np.sin(roll), np.sin(pitch), np.sin(yaw)))
    for k, value in enumerate(entries):
        out[..., k // 3, k % 3] = value
    return out


_SCALAR = (float, int, np.floating, np.integer)


def pose_rotation(angles) -> np.ndarray:
    """:func:`rotation_matrix` of one pose, angles (roll, pitch, yaw) (3,) [rad], as plain
    floats (the same numbers, without the broadcasting: a few microseconds), (3, 3)."""
    a = np.asarray(angles, dtype=float)
    return np.array(_rotation_entries(np.cos(a).tolist(), np.sin(a).tolist())).reshape(3, 3)


def _rotation_entries(cos, sin) -> tuple:
    """The 9 entries, row by row, of ``Rz Ry Rx`` from the cosines and sines of (roll, pitch, yaw)."""
    (c3, c2, c1), (s3, s2, s1) = cos, sin
    return (c1 * c2, c1 * s2 * s3 - c3 * s1, s1 * s3 + c1 * c3 * s2,
            c2 * s1, c1 * c3 + s1 * s2 * s3, c3 * s1 * s2 - c1 * s3,
            -s2, c2 * s3, c2 * c3)


def small_rotation_matrix(roll, pitch, yaw) -> np.ndarray:
    """Linearised rotation ``I + skew(theta)`` for small angles [rad], shape (..., 3, 3)."""
    theta = np.stack(np.broadcast_arrays(*(np.asarray(a, dtype=float) for a in (roll, pitch, yaw))), axis=-1)
    return np.eye(3) + skew(theta)


def member_frame(r_a: np.ndarray, r_b: np.ndarray, gamma=0.0):
    """Unit axis ``q`` and cross-section axes ``p1``, ``p2`` of straight members.

    Follows RAFT's convention: with ``beta`` the heading of the axis from x and ``phi``
    its inclination from vertical, the local frame is ``Rz(beta) Ry(phi) Rz(gamma)``;
    ``p1`` is its first column and ``p2 = q x p1``. For a vertical member with
    ``gamma = 0``, ``p1 = x``; for a horizontal member along x, ``p1 = -z``, ``p2 = y``
    (a rectangular member's first side length, along p2, is then its width:
    :func:`raft_sim.structure.members.side_pairs`).

    Parameters
    ----------
    r_a, r_b : ndarray, shape (..., 3)
        End coordinates [m].
    gamma : float or ndarray, shape (...)
        Twist about the axis [rad].

    Returns
    -------
    q, p1, p2 : ndarray, shape (..., 3)
    """
    d = np.asarray(r_b, dtype=float) - np.asarray(r_a, dtype=float)
    q = d / np.linalg.norm(d, axis=-1, keepdims=True)
    beta = np.arctan2(q[..., 1], q[..., 0])
    phi = np.arctan2(np.hypot(q[..., 0], q[..., 1]), q[..., 2])
    gamma = np.broadcast_to(np.asarray(gamma, dtype=float), beta.shape)
    c1, s1 = np.cos(beta), np.sin(beta)
    c2, s2 = np.cos(phi), np.sin(phi)
    c3, s3 = np.cos(gamma), np.sin(gamma)
    p1 = np.stack([c1 * c2 * c3 - s1 * s3, c1 * s3 + c2 * c3 * s1, -c3 * s2], axis=-1)
    p2 = np.cross(q, p1)
    return q, p1, p2


def translate_force(force: np.ndarray, r: np.ndarray) -> np.ndarray:
    """6-DOF force/moment about the origin of a force (or wrench) acting at ``r``.

    Parameters
    ----------
    force : ndarray, shape (..., 3) or (..., 6)
        Force [N] (and moment about ``r`` [N m]).
    r : ndarray, shape (..., 3)
        Point of application [m].

    Returns
    -------
    ndarray, shape (..., 6)
    """
    force = np.asarray(force)
    r = np.asarray(r, dtype=float)
    f3 = force[..., :3]
    moment = np.cross(r, f3)
    if force.shape[-1] == 6:
        moment = moment + force[..., 3:]
    return np.concatenate(np.broadcast_arrays(f3, moment), axis=-1)


def point_matrices_6dof(mats: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Sum 3x3 matrices acting at points into one 6x6 matrix about the origin.

    For a point load ``f = B v`` with ``v = v0 + theta x r`` (mass, damping or stiffness
    of a point), the generalised matrix is ``[[B, -B S], [S B, -S B S]]``, ``S = skew(r)``.

    Parameters
    ----------
    mats : ndarray, shape (N, 3, 3)
    r : ndarray, shape (N, 3)
        Points [m].

    Returns
    -------
    ndarray, shape (6, 6)
    """
    s = skew(r)
    out = np.zeros((6, 6))
    out[:3, :3] = mats.sum(0)
    out[:3, 3:] = -np.einsum("nij,njk->ik", mats, s)
    out[3:, :3] = np.einsum("nij,njk->ik", s, mats)
    out[3:, 3:] = -np.einsum("nij,njk,nkl->il", s, mats, s)
    return out


def translate_mass_matrix(m6: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Transfer a 6x6 mass-like matrix from a point at ``r`` to the origin.

    Parameters
    ----------
    m6 : ndarray, shape (..., 6, 6)
        Matrix about the point ``r`` (global axes) [kg, kg m, kg m^2].
    r : ndarray, shape (..., 3)
        Position of that point relative to the new reference point [m].

    Returns
    -------
    ndarray, shape (..., 6, 6)
        The same matrix about the new reference point (rigid-body transfer
        ``T^T M T`` with ``T = [[I, -S(r)], [0, I]]``, ``S = skew(r)``).
    """
    m6 = np.asarray(m6)
    s = skew(r)
    mtt, mtr = m6[..., :3, :3], m6[..., :3, 3:]
    mrt, mrr = m6[..., 3:, :3], m6[..., 3:, 3:]
    ntr = mtr - mtt @ s
    nrt = mrt + s @ mtt
    nrr = mrr + s @ mtr - mrt @ s - s @ mtt @ s
    top = np.concatenate([np.broadcast_to(mtt, ntr.shape), ntr], axis=-1)
    bottom = np.concatenate([nrt, nrr], axis=-1)
    return np.concatenate([top, bottom], axis=-2)


def point_mass_matrix(mass3: np.ndarray, r: np.ndarray, inertia: np.ndarray | None = None) -> np.ndarray:
    """6x6 matrix about the origin of a (possibly anisotropic) mass at ``r``.

    Parameters
    ----------
    mass3 : ndarray, shape (..., 3, 3) or (...)
        Translational mass matrix [kg] (a scalar mass is expanded to ``m I``).
    r : ndarray, shape (..., 3)
        Position [m].
    inertia : ndarray, shape (..., 3, 3), optional
        Rotational inertia about ``r`` in global axes [kg m^2].

    Returns
    -------
    ndarray, shape (..., 6, 6)
    """
    mass3 = np.asarray(mass3, dtype=float)
    if mass3.ndim < 2 or mass3.shape[-2:] != (3, 3):
        mass3 = mass3[..., None, None] * np.eye(3)
    r = np.asarray(r, dtype=float)
    lead = np.broadcast_shapes(mass3.shape[:-2], r.shape[:-1])
    m6 = np.zeros(lead + (6, 6))
    m6[..., :3, :3] = mass3
    if inertia is not None:
        m6[..., 3:, 3:] = inertia
    return translate_mass_matrix(m6, r)
