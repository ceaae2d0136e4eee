"""Tower-base loads (raft_sim.system.tower_base) against hand calculations.

SOURCE for every test: analytic rigid-body mechanics (d'Alembert on point masses, the moment of
a tilted weight, rotations of the frame), derived here independently of the module's
cross-product formulas: the weight's linear part is taken by central differences of the exact
(finite-rotation) load of the tilted masses, the inertia from point-mass accelerations.
"""
from __future__ import annotations

import numpy as np
import pytest

from raft_sim.structure.frames import point_mass_matrix, rotation_matrix, translate_force
from raft_sim.system.tower_base import (LOAD_COMPONENTS, in_frame, mean_tower_base_load,
                                        rotor_frame, tower_base_load)

G = 9.81
FA_SHEAR, SS_SHEAR, _, SS_MOMENT, FA_MOMENT, _ = range(6)
OMEGA = np.array([0.0, 0.05, 0.4, 1.3])


def _masses(rng, n=6, offset=True):
    """Point masses above a base at z = 12 m, off the tower axis when ``offset``."""
    m = rng.uniform(2e4, 4e5, n)
    r = np.column_stack([rng.uniform(-6, 6, n) * offset, rng.uniform(-3, 3, n) * offset,
                         rng.uniform(15.0, 150.0, n)])
    return m, r


def _exact_weight_load(m, r, r_base, pose, mean_rotation=np.eye(3)):
    """Load of the weights on the base, base-fixed (tilted) axes, at the pose reached by a
    finite rotation vector ``pose[3:]`` (about global axes) after ``mean_rotation``; ``r`` and
    ``r_base`` are the body-fixed positions before the mean rotation."""
    from scipy.spatial.transform import Rotation
    rot = Rotation.from_rotvec(pose[3:]).as_matrix() @ mean_rotation
    g_body = rot.T @ np.array([0.0, 0.0, -G])                   # gravity seen in the tilted frame
    force = m.sum() * g_body
    moment = sum(mi * np.cross(ri - r_base, g_body) for mi, ri in zip(m, r))
    return np.concatenate([force, moment])


def _lumped_transfer(m, r, r_base, X, omega, mean_rotation=np.eye(3)):
    """d'Alembert on point masses: weight (central differences of the exact load) minus the
    inertia forces -m a, a = -w^2 (X_t + theta x r), moments about the base; all in the
    tilted base axes at the mean pose (``r``, ``r_base`` body-fixed, before the rotation)."""
    h = 1e-6
    jac = np.zeros((6, 6))
    for j in range(3, 6):
        d = np.eye(6)[j] * h
        jac[:, j] = (_exact_weight_load(m, r, r_base, d, mean_rotation)
                     - _exact_weight_load(m, r, r_base, -d, mean_rotation)) / (2 * h)
    rg, rb = r @ mean_rotation.T, mean_rotation @ r_base             # global arms at the mean pose
    out = np.zeros(X.shape, complex)
    for f, w in enumerate(omega):
        for s in range(X.shape[1]):
            x = X[f, s]
            inertia = np.zeros(6, complex)
            for mi, ri in zip(m, rg):
                a = -w**2 * (x[:3] + np.cross(x[3:], ri))
                inertia += np.concatenate([-mi * a, np.cross(ri - rb, -mi * a)])
            tilted = np.concatenate([mean_rotation.T @ inertia[:3], mean_rotation.T @ inertia[3:]])
            out[f, s] = jac @ x + tilted
    return out


def _mass_matrix(m, r):
    return sum(point_mass_matrix(mi, ri) for mi, ri in zip(m, r))


def test_load_equals_lumped_masses_in_six_dof():
    # Every DOF, masses off the tower axis, heading 0 at the undisplaced pose (rotor frame = global).
    rng = np.random.default_rng(3)
    m, r = _masses(rng)
    r_base = np.array([0.5, -0.2, 12.0])
    X = rng.normal(size=(OMEGA.size, 2, 6)) + 1j * rng.normal(size=(OMEGA.size, 2, 6))
    X[..., 3:] *= 0.01
    ours = tower_base_load(X, OMEGA, _mass_matrix(m, r), r_base, rotor_frame(np.zeros(6), 0.0), g=G)
    expected = _lumped_transfer(m, r, r_base, X, OMEGA)
    scale = np.abs(expected).max(axis=(0, 1))
    assert np.all(np.abs(ours - expected) <= 1e-6 * scale)


def test_load_equals_lumped_masses_about_a_tilted_mean_pose():
    # As above about a mean pose rolled, pitched and yawed (rotor heading = mean yaw, so the
    # rotor frame is the platform's tilted frame): the tilted weight, its linearisation and
    # the inertia arms all turn with the mean rotation.
    rng = np.random.default_rng(4)
    m, r = _masses(rng)
    r_base = np.array([0.5, -0.2, 12.0])
    pose = np.array([5.0, -2.0, -0.4, 0.03, -0.08, 0.25])
    rot = rotation_matrix(*pose[3:])
    X = rng.normal(size=(OMEGA.size, 2, 6)) + 1j * rng.normal(size=(OMEGA.size, 2, 6))
    X[..., 3:] *= 0.01
    m6 = _mass_matrix(m, r @ rot.T)
    ours = tower_base_load(X, OMEGA, m6, rot @ r_base, rotor_frame(pose, pose[5]), g=G)
    expected = _lumped_transfer(m, r, r_base, X, OMEGA, rot)
    scale = np.abs(expected).max(axis=(0, 1))
    assert np.all(np.abs(ours - expected) <= 1e-6 * scale)


def test_static_tilt_gives_m_g_h_sin_theta():
    # A mean pitch theta: fore-aft moment m g h sin(theta), fore-aft shear m g sin(theta) (the
    # weight's component across the tilted tower), axial force -m g cos(theta).
    mass, h, z_b, theta = 6.0e5, 60.0, 10.0, 0.07
    pose = np.array([3.0, 0, -1.0, 0, theta, 0])
    rot = rotation_matrix(*pose[3:])
    r_cg, r_b = rot @ [0, 0, z_b + h], rot @ [0, 0, z_b]
    load = in_frame(mean_tower_base_load(mass, r_cg, r_b, g=G), rotor_frame(pose, 0.0))
    assert load[FA_MOMENT] == pytest.approx(mass * G * h * np.sin(theta), rel=1e-12)
    assert load[FA_SHEAR] == pytest.approx(mass * G * np.sin(theta), rel=1e-12)
    assert load[2] == pytest.approx(-mass * G * np.cos(theta), rel=1e-12)
    assert abs(load[SS_MOMENT]) < 1e-6 and abs(load[SS_SHEAR]) < 1e-6


def test_thrust_at_the_hub_gives_lever_times_thrust():
    # A unit thrust along the rotor heading at the hub, h_hub above the base: shear 1 N,
    # fore-aft moment h_hub N m, for any heading.
    z_b, z_hub = 15.0, 150.0
    for heading in (0.0, 0.6, np.pi / 2):
        q = np.array([np.cos(heading), np.sin(heading), 0.0])
        external = translate_force(q, [0, 0, z_hub])[None, None, :].astype(complex)
        load = tower_base_load(np.zeros((1, 1, 6)), [0.5], np.zeros((6, 6)), [0, 0, z_b],
                               rotor_frame(np.zeros(6), heading), external, g=G)[0, 0]
        np.testing.assert_allclose(load[[FA_SHEAR, SS_SHEAR, FA_MOMENT, SS_MOMENT]],
                                   [1.0, 0.0, z_hub - z_b, 0.0], atol=1e-12)


def test_roll_at_heading_90_is_pitch_at_heading_0_turned():
    # An axisymmetric tower + RNA: rolling by +phi tips it towards -y, which at rotor heading
    # 90 deg is backwards: the fore-aft moment and shear are minus those of pitching by phi at
    # heading 0, and the side-side ones equal.
    rng = np.random.default_rng(5)
    m, r = _masses(rng, offset=False)
    m6 = _mass_matrix(m, r) + np.diag([0, 0, 0, 4e7, 4e7, 1e6])
    base = [0, 0, 12.0]
    X = rng.normal(size=(OMEGA.size, 1)) * 0.01 + 0j
    pitch = np.zeros((OMEGA.size, 1, 6), complex)
    roll = pitch.copy()
    pitch[..., 4], roll[..., 3] = X, X
    at0 = tower_base_load(pitch, OMEGA, m6, base, rotor_frame(np.zeros(6), 0.0), g=G)
    at90 = tower_base_load(roll, OMEGA, m6, base, rotor_frame(np.zeros(6), np.pi / 2), g=G)
    np.testing.assert_allclose(at90[..., [FA_SHEAR, FA_MOMENT]], -at0[..., [FA_SHEAR, FA_MOMENT]], rtol=1e-12)
    np.testing.assert_allclose(at90[..., [SS_SHEAR, SS_MOMENT]], at0[..., [SS_SHEAR, SS_MOMENT]], atol=1e-6)


def test_heading_turned_by_90_deg_swaps_fore_aft_and_side_side():
    # x_r(psi + 90) = y_r(psi), y_r(psi + 90) = -x_r(psi): the same load read in both frames.
    rng = np.random.default_rng(11)
    m, r = _masses(rng)
    X = rng.normal(size=(OMEGA.size, 2, 6)) + 1j * rng.normal(size=(OMEGA.size, 2, 6))
    pose = np.array([1.0, 2.0, -0.5, 0.01, -0.03, 0.2])
    m6 = _mass_matrix(m, r)
    psi = 0.4
    a = tower_base_load(X, OMEGA, m6, [0, 0, 12.0], rotor_frame(pose, psi), g=G)
    b = tower_base_load(X, OMEGA, m6, [0, 0, 12.0], rotor_frame(pose, psi + np.pi / 2), g=G)
    np.testing.assert_allclose(b[..., FA_SHEAR], a[..., SS_SHEAR], rtol=1e-12)
    np.testing.assert_allclose(b[..., SS_SHEAR], -a[..., FA_SHEAR], rtol=1e-12)
    np.testing.assert_allclose(b[..., FA_MOMENT], -a[..., SS_MOMENT], rtol=1e-12)
    np.testing.assert_allclose(b[..., SS_MOMENT], a[..., FA_MOMENT], rtol=1e-12)
    assert LOAD_COMPONENTS[FA_MOMENT] == "fore_aft_moment"


def test_shipped_spar_in_beam_seas_loads_the_side_side_channels():
    # SOURCE: symmetry. The OC3 spar is axisymmetric but for its three-line mooring and the RNA's
    # offset CG: waves towards 90 deg (nacelle at heading 0, no wind) load the side-side
    # channels as waves towards 0 deg load the fore-aft ones (within 1 %; measured 0.1 %), and
    # head seas leave the side-side channels without variance.
    import dataclasses
    from pathlib import Path

    import raft_sim
    design = raft_sim.load_design(Path(__file__).resolve().parents[2] / "designs" / "OC3-Hywind_NREL5MW.yaml")
    head = dataclasses.replace(design.cases[0], wind_speed=0.0, current_speed=0.0)
    beam = dataclasses.replace(head, waves=(dataclasses.replace(head.waves[0], heading=np.pi / 2),))
    ds = raft_sim.Model(dataclasses.replace(design, cases=(head, beam))).analyze()
    for fore_aft, side_side in (("tower_base_moment", "tower_base_side_side_moment"),
                                ("tower_base_shear", "tower_base_side_side_shear"),
                                ("nacelle_acceleration", "nacelle_side_side_acceleration")):
        fa, ss = ds[f"{fore_aft}_std"].values, ds[f"{side_side}_std"].values
        assert ss[1] == pytest.approx(fa[0], rel=0.01), fore_aft
        assert ss[0] < 1e-9 * fa[0] and fa[1] < 2e-3 * fa[0]
