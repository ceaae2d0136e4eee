"""Tests of the stochastic drag linearisation building blocks."""
from __future__ import annotations

import numpy as np
import pytest
from conftest import RAFT_REF, load_expected, needs_shared
from hand_strips import no_faces, single_strip, vertical_cylinder

from raft_sim.environment.waves import wave_kinematics
from raft_sim.hydro.drag import (
    SQRT_8_OVER_PI, drag_areas, drag_damping_matrix, drag_excitation, face_drag_matrices,
    linearised_drag, node_velocity, strip_drag_matrices,
)
from raft_sim.structure.frames import point_matrices_6dof
from raft_sim.structure.strips import EndFaces

RHO = 1025.0


def test_gaussian_equivalent_linear_factor():
    # SOURCE: closed form for a zero-mean Gaussian u with std sigma (no Monte Carlo):
    # the least-squares linear fit of u|u| is b u with b = E[u^2 |u|] / E[u^2]
    # = 2 sqrt(2/pi) sigma^3 / sigma^2 = sqrt(8/pi) sigma. Checked by quadrature of the pdf.
    sigma = 1.7
    u = np.linspace(-12 * sigma, 12 * sigma, 400001)
    pdf = np.exp(-0.5 * (u / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi))
    b = np.trapezoid(u ** 2 * np.abs(u) * pdf, u) / np.trapezoid(u ** 2 * pdf, u)
    assert abs(b / sigma - SQRT_8_OVER_PI) < 1e-9
    assert abs(SQRT_8_OVER_PI - np.sqrt(8 / np.pi)) < 1e-15


def test_circular_strip_coefficients():
    # SOURCE: B = sqrt(8/pi) sigma 0.5 rho Cd A_ref with sigma^2 = 0.5 sum |U|^2 (std of a sum of
    # harmonics); circular section: transverse sigma of the whole transverse vector, area D L;
    # axial area pi D L with Cd_q.
    d, length = 2.0, 3.0
    s = single_strip([0, 0, -5.0], q=[0, 0, 1], p1=[1, 0, 0], size=[d, d], length=length,
                     cd=(0.8, 0.8), cd_axial=0.3)
    u = np.zeros((1, 2, 3), complex)
    u[0, 0] = [1.0 + 1.0j, 0.5, 0.4j]
    u[0, 1] = [0.3, -0.2j, 0.1]
    b = strip_drag_matrices(s, u, RHO)[0]
    sig_p = np.sqrt(0.5 * (2.0 + 0.25 + 0.09 + 0.04))
    sig_q = np.sqrt(0.5 * (0.16 + 0.01))
    bp = SQRT_8_OVER_PI * sig_p * 0.5 * RHO * 0.8 * d * length
    bq = SQRT_8_OVER_PI * sig_q * 0.5 * RHO * 0.3 * np.pi * d * length
    np.testing.assert_allclose(b, np.diag([bp, bp, bq]), rtol=1e-12, atol=1e-9)


def test_rectangular_strip_areas():
    # SOURCE: rectangular section with extents (a, b) along (p1, p2): the area projected normal
    # to the flow, b L for flow along p1 and a L along p2 (RAFT 2.0 raft_member.py,
    # calcHydroLinearization and calcCurrentLoads: a_i_p1 = sl[0] dl, with the first side length
    # sl[0] along p2, as RAFT's Member.plot draws it)
    # and the wetted perimeter 2 (a + b) L axially (physics; "raft_exact" keeps RAFT's
    # 2 (sl[0] + sl[0]) L = 4 b L).
    s = single_strip([0, 0, -5.0], q=[0, 0, 1], p1=[1, 0, 0], size=[3.0, 2.0], circular=False,
                     length=0.5)
    np.testing.assert_allclose(drag_areas(s)[0], [1.0, 1.5, 5.0])
    np.testing.assert_allclose(drag_areas(s, "raft_exact")[0], [1.0, 1.5, 4.0])
    u = np.array([[[1.0, 2.0j, 0.0]]])
    b = strip_drag_matrices(s, u, RHO)[0]
    k = SQRT_8_OVER_PI * 0.5 * RHO
    # rectangular: each direction its own sigma (0.5 |U|^2 per direction)
    np.testing.assert_allclose(np.diag(b), [k * np.sqrt(0.5) * 1.0, k * np.sqrt(2.0) * 1.5, 0.0],
                               rtol=1e-12)


def test_face_drag_uses_unsigned_area():
    # SOURCE: end-face drag sqrt(8/pi) sigma_q 0.5 rho Cd_end |A| q q^T (drag opposes motion
    # whichever way the face points).
    faces = EndFaces(member=np.zeros(1, int), r=np.array([[0, 0, -10.0]]), q=np.array([[0, 0, 1.0]]),
                     area_change=np.array([-4.0]), added_mass_volume=np.zeros(1),
                     ca_end=np.zeros(1), cd_end=np.array([0.6]))
    b = face_drag_matrices(faces, np.array([[[0.0, 0.0, 2.0]]]), RHO)[0]
    assert b[2, 2] == SQRT_8_OVER_PI * np.sqrt(2.0) * 0.5 * RHO * 0.6 * 4.0
    assert np.count_nonzero(b) == 1


def test_node_velocity_rigid_body():
    # SOURCE: small-motion rigid-body kinematics v = i w (X_t + theta x r).
    rng = np.random.default_rng(1)
    r = rng.normal(size=(4, 3))
    omega = np.array([0.3, 1.1])
    xi = rng.normal(size=(2, 6)) + 1j * rng.normal(size=(2, 6))
    v = node_velocity(r, omega, xi)
    for n in range(4):
        for f in range(2):
            ref = 1j * omega[f] * (xi[f, :3] + np.cross(xi[f, 3:], r[n]))
            np.testing.assert_allclose(v[n, f], ref, rtol=1e-13)
    assert node_velocity(r, omega, np.stack([xi, xi], axis=1)).shape == (4, 2, 2, 3)


def test_damping_matrix_virtual_power():
    # SOURCE: rigid-body transfer of point dampers: for any 6-DOF velocity V the point velocity is
    # v = V_t + V_r x r, the point force B v, and the generalised force [sum f, sum r x f] = B6 V.
    rng = np.random.default_rng(2)
    r = rng.normal(size=(5, 3)) * 10
    a = rng.normal(size=(5, 3, 3))
    mats = a @ a.transpose(0, 2, 1)
    b6 = point_matrices_6dof(mats, r)
    vel = rng.normal(size=6)
    v_pt = vel[:3] + np.cross(vel[3:], r)
    f_pt = np.einsum("nij,nj->ni", mats, v_pt)
    gen = np.concatenate([f_pt.sum(0), np.cross(r, f_pt).sum(0)])
    np.testing.assert_allclose(b6 @ vel, gen, rtol=1e-12)
    np.testing.assert_allclose(b6, b6.T, rtol=1e-12, atol=1e-9)


def test_drag_excitation_and_zero_velocity():
    # SOURCE: definition F_drag = sum [B u, r x B u]; zero relative velocity gives zero
    # coefficients (not NaN).
    strips, faces = vertical_cylinder(6.0, 30.0, 6, x0=2.0, cd_end=0.6)
    omega = np.array([0.4, 0.8])
    u_s = wave_kinematics(strips.r, omega, [0.0], 200.0)[0][:, :, 0, :]
    u_e = wave_kinematics(faces.r, omega, [0.0], 200.0)[0][:, :, 0, :]
    b_s = strip_drag_matrices(strips, u_s, RHO)
    b_e = face_drag_matrices(faces, u_e, RHO)
    f = drag_excitation(strips, faces, b_s, b_e, u_s, u_e)
    fs = np.einsum("nij,nfj->nfi", b_s, u_s)
    fe = np.einsum("eij,efj->efi", b_e, u_e)
    np.testing.assert_allclose(f[:, :3], fs.sum(0) + fe.sum(0), rtol=1e-12)
    np.testing.assert_allclose(f[:, 3:], np.cross(strips.r[:, None], fs).sum(0)
                               + np.cross(faces.r[:, None], fe).sum(0), rtol=1e-12)
    b6, f0 = linearised_drag(strips, faces, omega, np.zeros((2, 6)), 0 * u_s, 0 * u_e, RHO)
    assert np.all(b6 == 0) and np.all(f0 == 0)
    b6_no, _ = linearised_drag(strips, no_faces(), omega, np.zeros((2, 6)), u_s, 0 * u_e[:0], RHO)
    assert np.all(np.isfinite(b6_no))
    assert drag_damping_matrix(strips, faces, b_s, b_e).shape == (6, 6)


@needs_shared
@pytest.mark.parametrize("name", ["OC3spar", "VolturnUS-S"])
def test_linearisation_matches_raft(name):
    # SOURCE: raft/test-expected/<name>_true_hydroLinearization.json (RAFT tests/test_fowt.py:
    # 'unit' spectrum S = 1 m^2 s/rad, heading 0, Xi = 0.1 exp(i phase), phases
    # linspace(0, 2 pi, 6 nw) reshaped (6, nw)); B_hydro_drag and F_hydro_drag within 2 %.
    # VolturnUS-S has rectangular pontoons: checks the default "raft" drag-area convention.
    import raft_sim
    from raft_sim.structure.strips import end_faces, platform_strips
    design = raft_sim.load_design(RAFT_REF / "test-inputs" / f"{name}.yaml")
    strips, faces = platform_strips(design.platform), end_faces(design.platform)
    exp = load_expected(f"{name}_true_hydroLinearization.json")
    w = design.settings.omega
    nw = len(w)
    zeta = np.sqrt(2 * 1.0 * (w[1] - w[0]))
    depth = design.site.water_depth
    u_s = wave_kinematics(strips.r, w, [0.0], depth)[0][:, :, 0, :] * zeta
    u_e = wave_kinematics(faces.r, w, [0.0], depth)[0][:, :, 0, :] * zeta
    xi = (0.1 * np.exp(1j * np.linspace(0, 2 * np.pi, nw * 6).reshape(6, nw))).T
    b6, f_drag = linearised_drag(strips, faces, w, xi, u_s, u_e, design.site.rho_water)
    b_ref, f_ref = exp["B_hydro_drag"], exp["F_hydro_drag"].T
    big = np.abs(b_ref) > 1e-6 * np.abs(b_ref).max()
    assert np.max(np.abs(b6[big] / b_ref[big] - 1)) < 0.02
    assert np.all(np.abs(b6[~big]) < 1e-4 * np.abs(b_ref).max())
    scale = np.abs(f_ref).max(axis=0)
    dof = scale > 1e-6 * scale.max()
    assert np.max(np.abs(f_drag - f_ref).max(axis=0)[dof] / scale[dof]) < 0.02
