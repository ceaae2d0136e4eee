"""Frames and rigid-body transfers. SOURCE: analytic (rigid-body kinematics)."""
import numpy as np

from raft_sim.structure.frames import (member_frame, point_mass_matrix, rotation_matrix, skew,
                                       small_rotation_matrix, translate_force, translate_mass_matrix)


def test_skew_is_cross_product():
    # SOURCE: analytic, skew(r) v = r x v
    r, v = np.array([1.0, -2.0, 3.0]), np.array([0.5, 4.0, -1.0])
    assert np.allclose(skew(r) @ v, np.cross(r, v), rtol=0, atol=1e-14)


def test_rotation_matrix_order_and_small_limit():
    # SOURCE: analytic, R = Rz(yaw) Ry(pitch) Rx(roll); orthonormal; I + skew(theta) to first order
    R = rotation_matrix(0.1, -0.2, 0.3)
    assert np.allclose(R @ R.T, np.eye(3), atol=1e-14)
    assert np.isclose(np.linalg.det(R), 1.0)
    assert np.allclose(rotation_matrix(0, np.pi / 2, 0) @ [1, 0, 0], [0, 0, -1], atol=1e-15)
    assert np.allclose(rotation_matrix(0, 0, np.pi / 2) @ [1, 0, 0], [0, 1, 0], atol=1e-15)
    eps = 1e-6
    assert np.allclose(rotation_matrix(eps, 2 * eps, -eps), small_rotation_matrix(eps, 2 * eps, -eps), atol=1e-11)
    assert rotation_matrix(np.zeros(4), 0.1, 0.2).shape == (4, 3, 3)


def test_member_frame_raft_convention():
    # SOURCE: RAFT raft_member.py setPosition (Z1Y2Z3 Euler angles beta, phi, gamma):
    # vertical member: p1 = (cos g, sin g, 0); horizontal member along x: p1 = -z, p2 = +y.
    q, p1, p2 = member_frame([0, 0, -10], [0, 0, 5], np.deg2rad(30))
    assert np.allclose(q, [0, 0, 1]) and np.allclose(p1, [np.cos(np.pi / 6), np.sin(np.pi / 6), 0])
    q, p1, p2 = member_frame([0, 0, 0], [3, 0, 0], 0.0)
    assert np.allclose(p1, [0, 0, -1], atol=1e-15) and np.allclose(p2, [0, 1, 0], atol=1e-15)
    q, p1, p2 = member_frame(np.zeros((2, 3)), [[1, 1, 1], [0, -2, 1]], [0.2, 1.0])
    assert np.allclose(np.cross(p1, p2), q) and np.allclose((p1 * q).sum(-1), 0, atol=1e-15)


def test_point_mass_matrix_and_transfer():
    # SOURCE: analytic, point mass m at r: coupling m*skew(r), inertia m(|r|^2 I - r r^T);
    # M[0,4] = m z as in RAFT's translateMatrix6to6DOF
    m, r = 3.0, np.array([1.0, -2.0, 4.0])
    M = point_mass_matrix(m, r)
    assert np.isclose(M[0, 4], m * r[2]) and np.isclose(M[4, 0], m * r[2])
    assert np.allclose(M[3:, 3:], m * (r @ r * np.eye(3) - np.outer(r, r)))
    assert np.allclose(M, M.T)
    # transfer is additive: moving by a then b equals moving by a + b
    J = np.diag([1.0, 2.0, 3.0])
    M0 = point_mass_matrix(m, np.zeros(3), J)
    a, b = np.array([0.5, 0.0, -1.0]), np.array([2.0, 1.0, 0.3])
    assert np.allclose(translate_mass_matrix(translate_mass_matrix(M0, a), b), translate_mass_matrix(M0, a + b))


def test_translate_force_moment():
    # SOURCE: analytic, M = r x F (+ given moment)
    F = translate_force(np.array([0.0, 0.0, -10.0]), np.array([2.0, 0.0, 0.0]))
    assert np.allclose(F, [0, 0, -10, 0, 20, 0])
    F6 = translate_force(np.array([1.0, 0, 0, 0, 0, 5.0]), np.array([0.0, 1.0, 0.0]))
    assert np.allclose(F6, [1, 0, 0, 0, 0, 4])
