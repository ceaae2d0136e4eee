"""Tests of raft_sim.frequency: bin widths, modal damping, resolution check, refined grid.

Sources: closed-form integrals (white-noise response of a 1-DOF oscillator, the
Pierson-Moskowitz variance), the Poisson-summation lattice sum of a Lorentzian, exact modal
damping of proportionally damped systems, and RAFT's uniform grid definition.
"""
from __future__ import annotations

import numpy as np
import pytest

from raft_sim.design.errors import DesignWarning
from raft_sim.frequency import (
    bin_edges, bin_widths, local_bin_width, modal_damping, refined_grid, resolution_check,
    resolution_message, variance_error_bounds)


def raft_grid(min_freq, max_freq):
    """SOURCE: RAFT 2.0's grid, arange(min_freq, max_freq + min_freq/2, min_freq) * 2 pi [rad/s]."""
    return 2 * np.pi * np.arange(min_freq, max_freq + 0.5 * min_freq, min_freq)


def oscillator_psd(omega, m, c, k, s0=1.0):
    """|H|^2 S0 of m x'' + c x' + k x = f under a white one-sided force PSD S0."""
    return s0 / ((k - m * omega**2) ** 2 + (c * omega) ** 2)


def variance(psd_of, omega):
    return float(np.sum(psd_of(omega) * bin_widths(omega)))


# ----------------------------------------------------------------------------- bin widths
@pytest.mark.parametrize("lo, hi", [(0.005, 0.40), (0.01, 1.0), (0.0005, 0.40), (0.001, 0.5), (0.02, 0.02)])
def test_raft_uniform_grid_bins_are_dw(lo, hi):
    # SOURCE: RAFT parity -- on omega = dw, 2 dw, ..., F dw every bin is dw (RAFT sums S * dw).
    omega = raft_grid(lo, hi)
    dw = 2 * np.pi * lo
    assert np.all(np.abs(bin_widths(omega) / dw - 1.0) <= 1e-15)


def test_voronoi_cells_of_irregular_grids():
    # SOURCE: the rule by hand -- cells between midpoints, end cells symmetric, none below 0.
    np.testing.assert_allclose(bin_widths([1.0, 2.0, 4.0, 8.0]), [1.0, 1.5, 3.0, 4.0], rtol=1e-15)
    np.testing.assert_allclose(bin_widths([0.0, 1.0, 2.0]), [0.5, 1.0, 1.0], rtol=1e-15)  # trapezoid
    np.testing.assert_allclose(bin_edges([0.1, 1.0, 1.5]), [0.0, 0.55, 1.25, 1.75], rtol=1e-15)
    assert bin_widths([0.3]) == pytest.approx([0.3], rel=1e-15)   # RAFT's one-point grid
    w = np.sort(np.random.default_rng(3).uniform(0.2, 3.0, 57))
    assert bin_widths(w).sum() == pytest.approx(np.ptp(bin_edges(w)), rel=1e-13)
    with pytest.raises(ValueError):
        bin_widths([1.0, 1.0, 2.0])


def test_smooth_psd_on_random_grid_matches_fine_uniform_grid():
    # SOURCE: closed form -- a Pierson-Moskowitz spectrum of Hs integrates to Hs^2 / 16
    # (DNV-RP-C205 3.5.5); the trapezoid-equivalent rule is 2nd order on any grid.
    hs, wp = 4.0, 2 * np.pi / 10.0

    def pm(w):
        return 5 / 16 * hs**2 * wp**4 * w**-5.0 * np.exp(-1.25 * (wp / w) ** 4)
    rng = np.random.default_rng(7)
    fine = variance(pm, raft_grid(0.0005, 1.2))
    assert fine == pytest.approx(hs**2 / 16, rel=2e-4)
    errors = []
    for n in (150, 300, 600):
        w = np.sort(rng.uniform(0.15, 7.5, n))   # random points, mean spacing 0.05 .. 0.012 rad/s
        errors.append(abs(variance(pm, w) / fine - 1.0))
    assert errors[-1] < 2e-3
    # the former rule dw = omega[0] is wrong on such a grid
    w = np.sort(rng.uniform(0.15, 7.5, 300))
    assert abs(np.sum(pm(w)) * w[0] / fine - 1.0) > 0.5


def test_second_order_convergence_on_graded_grid():
    # SOURCE: trapezoid error O(h^2) on non-uniform grids; reference is scipy.integrate.quad of a
    # smooth PSD (oscillator, zeta 0.3) over the range the cells cover.
    from scipy.integrate import quad

    def psd(w):
        return oscillator_psd(w, 1.0, 0.6, 1.0)
    err = []
    for n in (100, 200):
        w = 0.2 + 5.8 * np.linspace(0.0, 1.0, n) ** 2     # spacing grows 0.0006 -> 0.12 rad/s
        edges = bin_edges(w)
        exact = quad(psd, edges[0], edges[-1], limit=200)[0]
        err.append(abs(variance(psd, w) / exact - 1.0))
    assert err[1] < 3e-5
    assert 3.6 < err[0] / err[1] < 4.4      # halving the spacing divides the error by 4


def test_lorentzian_error_bounds_against_direct_lattice_sum():
    # SOURCE: Poisson summation, sum_n h/((n h + d)^2 + g^2)
    #   = (pi/g) sinh(2 pi g/h) / (cosh(2 pi g/h) - cos(2 pi d/h)),
    # checked here against the direct sum of a long lattice.
    g, h = 0.01, 0.03
    n = np.arange(-400000, 400001)
    on_point = np.sum(h / ((n * h) ** 2 + g**2)) / (np.pi / g) - 1
    midway = np.sum(h / ((n * h + h / 2) ** 2 + g**2)) / (np.pi / g) - 1
    low, high = variance_error_bounds(2 * g, h)
    assert midway == pytest.approx(low, abs=1e-5) and on_point == pytest.approx(high, abs=1e-5)
    low2, high2 = variance_error_bounds(2.0, 1.0)            # two bins per bandwidth
    assert -0.004 < low2 < 0 < high2 < 0.004


# ----------------------------------------------------------------------------- resolution
M, K, ZETA = 1.0e7, 4.41e5, 0.01          # surge-like: w_n = 0.21 rad/s, zeta 1 %
C = 2 * ZETA * np.sqrt(K * M)
WN = np.sqrt(K / M)
OMEGA = raft_grid(0.005, 0.5)            # OC3's grid: dw = 0.0314 rad/s


def surge_psd(w):
    return oscillator_psd(w, M, C, K)


def test_coarse_raft_grid_misses_resonance_and_is_flagged():
    # SOURCE: closed form, integral_0^inf S0 |H|^2 dw = pi S0 / (2 k c).
    exact = np.pi / (2 * K * C)
    assert abs(variance(surge_psd, OMEGA) / exact - 1.0) > 0.10
    found = resolution_check(OMEGA, [WN], [ZETA], ("surge",))
    assert len(found) == 1
    f = found[0]
    assert f.dof == "surge" and f.inside
    assert f.bandwidth == pytest.approx(2 * ZETA * WN, rel=1e-12)
    assert f.bin_width == pytest.approx(2 * np.pi * 0.005, rel=1e-12)
    assert f.required_min_freq == pytest.approx(ZETA * WN / (2 * np.pi), rel=1e-12)
    text = resolution_message(f)
    assert "surge" in text and "min_freq <= 0.000334 Hz" in text and "\n" not in text
    # the grid it names resolves the mode: on it the rectangle sum is within 0.4 %
    fine = np.arange(1, 3001) * f.required_bin_width
    assert variance(surge_psd, fine) == pytest.approx(exact, rel=4e-3)
    assert not resolution_check(fine, [WN], [ZETA], ("surge",))


def test_refined_grid_integrates_resonance_within_one_percent():
    # SOURCE: closed form pi S0 / (2 k c), as above.
    exact = np.pi / (2 * K * C)
    refined = refined_grid(OMEGA, [WN], [ZETA])
    assert np.all(np.diff(refined) > 0) and np.all(np.isin(OMEGA, refined))
    assert refined.size - OMEGA.size < 120
    assert variance(surge_psd, refined) == pytest.approx(exact, rel=1e-2)
    assert abs(variance(surge_psd, refined) / exact - 1.0) < 4e-3      # du^2/6 = 0.26 % by design
    assert not resolution_check(refined, [WN], [ZETA], ("surge",))
    assert local_bin_width(refined, WN) < ZETA * WN


def test_refined_grid_reaches_down_to_zero_for_a_low_mode():
    # SOURCE: closed form pi S0 / (2 k c) over 0..inf; a surge-like mode at 0.05 rad/s, below
    # RAFT's second bin, whose quasi-static tail reaches 0 rad/s (ladder rule).
    m, wn, zeta = 1.0e7, 0.05, 0.1
    k, c = m * wn**2, 2 * zeta * wn * m
    exact = np.pi / (2 * k * c)

    def psd(w):
        return oscillator_psd(w, m, c, k)
    assert variance(psd, OMEGA) / exact - 1.0 < -0.5          # misses the range below dw/2 too
    refined = refined_grid(OMEGA, [wn], [zeta])
    assert abs(bin_edges(refined)[0]) < 1e-15 < refined[0]    # first cell starts at 0
    assert variance(psd, refined) == pytest.approx(exact, rel=5e-3)


def test_refined_grid_cap_dedupe_and_no_op():
    # SOURCE: the documented rule (cap on added points; duplicates of equal modes merged).
    wn, zeta = [WN, WN, 0.9, np.nan], [ZETA, ZETA, 0.004, 0.01]   # surge = sway, a pitch mode
    full = refined_grid(OMEGA, wn, zeta)
    assert full.size == np.unique(full).size
    one = refined_grid(OMEGA, wn[:1] + wn[2:], zeta[:1] + zeta[2:])
    np.testing.assert_array_equal(full, one)                     # the sway copy adds nothing
    capped = refined_grid(OMEGA, wn, zeta, max_added=40)
    assert OMEGA.size < capped.size <= OMEGA.size + 40 and np.all(np.diff(capped) > 0)
    resolved = refined_grid(OMEGA, [1.0], [0.2])                  # b = 0.4 rad/s >> 2 bins
    np.testing.assert_array_equal(resolved, OMEGA)


def test_modes_outside_or_undamped_are_reported():
    # SOURCE: the documented rule.
    found = resolution_check(OMEGA, [0.005, 1.0, 0.5], [0.05, 0.2, 0.0], ("yaw", "heave", "roll"))
    assert [f.dof for f in found] == ["yaw", "roll"]
    assert not found[0].inside and "outside" in resolution_message(found[0])
    assert "undamped" in resolution_message(found[1])


# ----------------------------------------------------------------------------- modal damping
def test_modal_damping_of_proportionally_damped_chain():
    # SOURCE: Rayleigh damping B = a M + b K has exact modal ratios zeta = a/(2 w) + b w/2;
    # two masses m, springs k (wall-k-m-k-m): w^2 = (k/m) (3 -/+ sqrt 5)/2.
    m, k, a, b = 2.0e5, 7.0e4, 0.01, 0.3
    mass, stiff = np.diag([m, m]), np.array([[2 * k, -k], [-k, k]])
    omega = np.linspace(0.05, 2.0, 40)
    md = modal_damping(mass, a * mass + b * stiff, stiff, omega)
    w = np.sqrt(k / m * np.array([(3 - np.sqrt(5)) / 2, (3 + np.sqrt(5)) / 2]))
    np.testing.assert_allclose(np.sort(md.frequencies), w, rtol=1e-10)
    np.testing.assert_allclose(np.sort(md.ratios), np.sort(a / (2 * w) + b * w / 2), rtol=1e-10)
    np.testing.assert_allclose(md.bandwidths, 2 * md.ratios * md.frequencies, rtol=1e-15)


def test_modal_damping_with_frequency_dependent_mass_and_damping():
    # SOURCE: analytic 1-DOF fixed point, m(w) = m0 (1 + w): k = w^2 m0 (1 + w); with
    # b(w) = 2 zeta0 sqrt(k m(w)) the ratio at the natural frequency is zeta0.
    m0, k, zeta0 = 1.0e6, 2.0e5, 0.03
    omega = np.linspace(0.0, 3.0, 3001)
    m_w = m0 * (1 + omega)[:, None, None]
    b_w = 2 * zeta0 * np.sqrt(k * m_w)
    md = modal_damping(m_w, b_w, [[k]], omega)
    wn = md.frequencies[0]
    assert k == pytest.approx(wn**2 * m0 * (1 + wn), rel=1e-8)
    assert md.ratios[0] == pytest.approx(zeta0, rel=1e-6)


def test_modal_damping_six_dofs_and_zero_stiffness():
    # SOURCE: uncoupled DOFs, zeta_i = b_i / (2 sqrt(k_i m_i)); a free DOF has no mode.
    m = np.array([8e6, 8e6, 8.2e6, 7e10, 7e10, 2e8])
    k = np.array([4e4, 4.1e4, 3.4e5, 1.4e9, 1.5e9, 0.0])
    b = np.array([2e4, 2e4, 1e5, 5e8, 5e8, 1e6])
    with pytest.warns(DesignWarning):
        md = modal_damping(np.diag(m), np.diag(b), np.diag(k), raft_grid(0.005, 0.4))
    assert md.dofs == ("surge", "sway", "heave", "roll", "pitch", "yaw")
    np.testing.assert_allclose(md.frequencies[:5], np.sqrt(k / m)[:5], rtol=1e-10)
    np.testing.assert_allclose(md.ratios[:5], b[:5] / (2 * np.sqrt(k[:5] * m[:5])), rtol=1e-10)
    assert np.isnan(md.frequencies[5]) and np.isnan(md.ratios[5])
    assert not any(f.dof == "yaw" for f in resolution_check(raft_grid(0.005, 0.4), md.frequencies, md.ratios))


def test_modal_damping_solves_each_distinct_mass_once(monkeypatch):
    # SOURCE: design (frequency.modal_damping): with a frequency-independent mass given per
    # frequency, the fixed point of every DOF lands on the same matrix (up to the rounding of
    # the interpolation (1 - t) M + t M), which is solved once, not once per DOF's iterate
    # (1 + 6 solves); the result is that of the constant (2-D) mass (uncoupled DOFs, analytic
    # zeta_i = b_i / (2 sqrt(k_i m_i))).
    import raft_sim.solve.modes as modes
    m = np.array([8e6, 8e6, 8.2e6, 7e10, 7e10, 2e8])
    k = np.array([4e4, 4.1e4, 3.4e5, 1.4e9, 1.5e9, 3e7])
    b = np.array([2e4, 2e4, 1e5, 5e8, 5e8, 1e6])
    omega = raft_grid(0.005, 0.4)
    solves = []
    real = modes.natural_modes
    monkeypatch.setattr(modes, "natural_modes", lambda *a, **kw: solves.append(1) or real(*a, **kw))
    stack = np.broadcast_to(np.diag(m), (omega.size, 6, 6))
    md = modal_damping(stack, np.broadcast_to(np.diag(b), (omega.size, 6, 6)), np.diag(k), omega)
    assert len(solves) < 1 + 6
    np.testing.assert_allclose(md.frequencies, np.sqrt(k / m), rtol=1e-12)
    np.testing.assert_allclose(md.ratios, b / (2 * np.sqrt(k * m)), rtol=1e-12)
