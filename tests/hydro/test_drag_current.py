"""Tests of the drag linearisation about a non-zero mean (current) relative velocity."""
from __future__ import annotations

import math
import warnings
from dataclasses import replace

import numpy as np
import pytest
from hand_strips import single_strip, vertical_cylinder
from scipy.integrate import quad

from raft_sim.hydro.current import current_load, current_velocity
from raft_sim.hydro.drag import (
    SQRT_8_OVER_PI, drag_areas, equivalent_drag_speed, face_drag_matrices, linearised_drag,
    strip_drag_matrices,
)

RHO = 1025.0


def _gauss_expectation(func, mean, sigma):
    """E[func(U + s)] for s ~ N(0, sigma^2) by adaptive quadrature, split at s = -U."""
    norm = 1.0 / (sigma * math.sqrt(2.0 * math.pi))

    def pdf(s):
        return norm * math.exp(-0.5 * (s / sigma) ** 2)

    kw = dict(epsabs=0.0, epsrel=1e-13, limit=200)
    lo = quad(lambda s: func(mean + s) * pdf(s), -np.inf, -mean, **kw)[0]
    hi = quad(lambda s: func(mean + s) * pdf(s), -mean, np.inf, **kw)[0]
    return lo + hi


def _folded_normal_speed(mean, sigma):
    """2 E|U + u'| written out from the folded-normal mean (independent of the library)."""
    return 2.0 * (sigma * math.sqrt(2.0 / math.pi) * math.exp(-mean ** 2 / (2.0 * sigma ** 2))
                  + mean * math.erf(mean / (sigma * math.sqrt(2.0))))


@pytest.mark.parametrize("ratio", [0.0, 0.1, 0.5, 1.0, 2.0, 4.0, -1.5])
def test_equivalent_speed_against_quadrature(ratio):
    # SOURCE: definition 2 E|U + u'| with u' ~ N(0, sigma^2), evaluated by numerical quadrature
    # of the Gaussian expectation (no closed form used on this side).
    sigma = 0.8
    mean = ratio * sigma
    expected = 2.0 * _gauss_expectation(abs, mean, sigma)
    assert abs(equivalent_drag_speed(mean, sigma) / expected - 1.0) < 1e-9


@pytest.mark.parametrize("ratio", [0.0, 0.7, 3.0])
def test_equivalent_speed_is_least_squares_slope(ratio):
    # SOURCE: statistical linearisation: the least-squares linear fit b u' of the fluctuating part
    # of f(u) = u|u| (u = U + u', u' Gaussian) has b = E[f(U + u') u'] / sigma^2 (= E f'(u) by
    # Stein's lemma = 2 E|u|). Both expectations by quadrature.
    sigma = 1.3
    mean = ratio * sigma
    num = _gauss_expectation(lambda u: u * abs(u) * (u - mean), mean, sigma)
    assert abs(equivalent_drag_speed(mean, sigma) / (num / sigma ** 2) - 1.0) < 1e-9


def test_equivalent_speed_limits():
    # SOURCE: analytic limits: U = 0 gives sqrt(8/pi) sigma (zero-mean stochastic linearisation);
    # |U| >> sigma gives 2|U| (tangent of u|u| at U); sigma = 0 gives 2|U| exactly, 0 if U = 0.
    sigma = np.array([0.3, 1.0, 2.5])
    np.testing.assert_allclose(equivalent_drag_speed(0.0, sigma), SQRT_8_OVER_PI * sigma,
                               rtol=1e-14)
    big = np.array([10.0, -12.0, 30.0]) * sigma          # error ~ exp(-U^2 / 2 sigma^2)
    np.testing.assert_allclose(equivalent_drag_speed(big, sigma), 2.0 * np.abs(big), rtol=1e-15)
    # Jensen: E|U + u'| > |U| for sigma > 0; the excess 4 E[max(-(U + u'), 0)] is exponentially
    # small in U/sigma (= 4 (sigma phi(U/sigma) - U Phi(-U/sigma)) ~ 1.53e-3 for U = 3 sigma = 3)
    excess = 4.0 * (math.exp(-4.5) / math.sqrt(2.0 * math.pi)
                    - 3.0 * 0.5 * math.erfc(3.0 / math.sqrt(2.0)))
    assert abs(equivalent_drag_speed(3.0, 1.0) - 6.0 - excess) < 1e-12
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = equivalent_drag_speed([0.0, 1.5, -2.0], [0.0, 0.0, 0.0])
    np.testing.assert_array_equal(out, [0.0, 3.0, 4.0])


def test_equivalent_speed_closed_form_broadcast():
    # SOURCE: folded-normal mean written out independently with math.erf, on a broadcast grid.
    mean = np.linspace(-3.0, 3.0, 7)[:, None]
    sigma = np.array([0.2, 1.0, 4.0])[None, :]
    expected = np.vectorize(_folded_normal_speed)(mean, sigma)
    got = equivalent_drag_speed(mean, sigma)
    assert got.shape == (7, 3)
    np.testing.assert_allclose(got, expected, rtol=1e-13)


def _random_amplitudes(rng, n, shape=(6, 2)):
    return rng.normal(size=(n,) + shape + (3,)) + 1j * rng.normal(size=(n,) + shape + (3,))


def test_no_mean_is_unchanged():
    # SOURCE: u_mean=None must reproduce the zero-mean linearisation sqrt(8/pi) sigma 0.5 rho Cd A
    # (RAFT 2.0's, which ignores current); a zero mean gives the same numbers (U = 0 limit).
    rng = np.random.default_rng(3)
    strips, faces = vertical_cylinder(6.0, 30.0, 5, cd=0.9, cd_end=0.6)
    u = _random_amplitudes(rng, 5)
    ue = _random_amplitudes(rng, 1)
    b0 = strip_drag_matrices(strips, u, RHO)
    bz = strip_drag_matrices(strips, u, RHO, u_mean=np.zeros((5, 3)))
    np.testing.assert_allclose(bz, b0, rtol=1e-14, atol=0.0)
    sig = np.sqrt(0.5 * np.sum(np.abs(u[..., :2]) ** 2, axis=(1, 2, 3)))
    np.testing.assert_allclose(b0[:, 0, 0], SQRT_8_OVER_PI * sig * 0.5 * RHO * 0.9 * 6.0 * 6.0,
                               rtol=1e-13)
    np.testing.assert_allclose(face_drag_matrices(faces, ue, RHO, u_mean=np.zeros((1, 3))),
                               face_drag_matrices(faces, ue, RHO), rtol=1e-14, atol=0.0)


def test_rectangular_strip_with_current():
    # SOURCE: per direction d in (p1, p2, q): B_d = 0.5 rho Cd_d A_d 2 E|U_d + u'_d| with U_d the
    # mean component along e_d and sigma_d^2 = 0.5 sum |u_d|^2; folded-normal mean written out.
    s = single_strip([0, 0, -8.0], q=[0.3, 0.2, 1.0], p1=[1.0, 0.0, -0.3], size=[3.0, 2.0],
                     circular=False, length=0.7, cd=(1.1, 0.7), cd_axial=0.4)
    rng = np.random.default_rng(5)
    u = _random_amplitudes(rng, 1, (4,)) * 0.3
    mean = np.array([[0.9, -0.6, 0.1]])
    b = strip_drag_matrices(s, u, RHO, u_mean=mean)[0]
    axes = np.stack([s.p1[0], s.p2[0], s.q[0]])
    area = drag_areas(s)[0]
    cd = [1.1, 0.7, 0.4]
    expected = np.zeros((3, 3))
    for d in range(3):
        sig = math.sqrt(0.5 * np.sum(np.abs(u[0] @ axes[d]) ** 2))
        coef = 0.5 * RHO * cd[d] * area[d] * _folded_normal_speed(float(mean[0] @ axes[d]), sig)
        expected += coef * np.outer(axes[d], axes[d])
    np.testing.assert_allclose(b, expected, rtol=1e-12, atol=1e-9 * np.abs(expected).max())


def test_circular_strip_and_face_with_current():
    # SOURCE: circular section: both transverse directions use the whole transverse sigma and
    # U = |mean transverse velocity| (documented isotropic approximation); axial and end face
    # use U_q = u_mean . q with the axial sigma. Folded-normal mean written out.
    strips, faces = vertical_cylinder(5.0, 20.0, 1, cd=0.8, cd_end=0.5)
    strips = replace(strips, cd_axial=np.array([0.2]))
    rng = np.random.default_rng(9)
    u = _random_amplitudes(rng, 1, (5,)) * 0.4
    mean = np.array([[0.6, 0.8, 0.3]])
    b = strip_drag_matrices(strips, u, RHO, u_mean=mean)[0]
    sig_p = math.sqrt(0.5 * np.sum(np.abs(u[0, :, :2]) ** 2))
    sig_q = math.sqrt(0.5 * np.sum(np.abs(u[0, :, 2]) ** 2))
    bp = 0.5 * RHO * 0.8 * 5.0 * 20.0 * _folded_normal_speed(1.0, sig_p)
    bq = 0.5 * RHO * 0.2 * math.pi * 5.0 * 20.0 * _folded_normal_speed(0.3, sig_q)
    np.testing.assert_allclose(b, np.diag([bp, bp, bq]), rtol=1e-12, atol=1e-9 * bp)
    be = face_drag_matrices(faces, u, RHO, u_mean=mean)[0]
    bf = 0.5 * RHO * 0.5 * 0.25 * math.pi * 25.0 * _folded_normal_speed(0.3, sig_q)
    np.testing.assert_allclose(be, np.diag([0.0, 0.0, bf]), rtol=1e-12, atol=1e-9 * bf)


@pytest.mark.parametrize("circular", [True, False])
def test_no_waves_gives_tangent_of_current_load(circular):
    # SOURCE: with no fluctuation (sigma = 0) the linearisation is the tangent of the quadratic
    # mean drag: B e_h = dF/dU along the current heading e_h, with F from current_load (exact
    # central difference, F is quadratic in the speed). In line with the current this holds for
    # circular sections too (only the cross-flow term is approximated).
    head, speed = np.deg2rad(35.0), 1.4
    s = single_strip([0, 0, -6.0], q=[0.4, -0.2, 1.0], p1=[1.0, 0.0, -0.4], size=[2.5, 1.5],
                     circular=circular, cd=(0.9, 0.6), cd_axial=0.3)
    faces = vertical_cylinder(1.0, 1.0, 1, bottom=False)[1]
    mean = current_velocity(s.r[:, 2], speed, head, 200.0)
    b = strip_drag_matrices(s, np.zeros((1, 3, 3), complex), RHO, u_mean=mean)[0]
    h = 1e-3
    dfdu = (current_load(s, faces, speed + h, head, 200.0, rho=RHO)[:3]
            - current_load(s, faces, speed - h, head, 200.0, rho=RHO)[:3]) / (2 * h)
    e_h = np.array([np.cos(head), np.sin(head), 0.0])
    np.testing.assert_allclose(b @ e_h, dfdu, rtol=1e-8, atol=1e-8 * np.abs(dfdu).max())


def test_current_increases_linearised_damping():
    # SOURCE: 2 E|U + u'| is increasing in |U| (d/dU = 2 erf(U / sigma sqrt 2) > 0 for U > 0), so
    # a current can only raise the drag damping; linearised_drag passes the means through.
    strips, faces = vertical_cylinder(6.0, 30.0, 6, cd=0.9, cd_end=0.6)
    omega = np.linspace(0.2, 1.5, 8)
    rng = np.random.default_rng(11)
    xi = (rng.normal(size=(8, 6)) + 1j * rng.normal(size=(8, 6))) * 0.1
    u_s = _random_amplitudes(rng, 6, (8,)) * 0.2
    u_e = _random_amplitudes(rng, 1, (8,)) * 0.2
    b0, _ = linearised_drag(strips, faces, omega, xi, u_s, u_e, RHO)
    cur_s = current_velocity(strips.r[:, 2], 1.0, 0.0, 200.0, 0.12)
    cur_e = current_velocity(faces.r[:, 2], 1.0, 0.0, 200.0, 0.12)
    b1, _ = linearised_drag(strips, faces, omega, xi, u_s, u_e, RHO,
                            u_mean_strips=cur_s, u_mean_faces=cur_e)
    assert b1[0, 0] > b0[0, 0] and b1[1, 1] > b0[1, 1]
    assert np.all(np.linalg.eigvalsh(b1 - b0) > -1e-9 * np.abs(b1).max())
