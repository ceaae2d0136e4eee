"""Tests of spectral statistics (raft_sim.results.statistics)."""
from __future__ import annotations

import numpy as np
import pytest
from conftest import load_expected, needs_shared
from scipy.integrate import quad

from raft_sim.conventions import DOFS
from raft_sim.results.statistics import (
    amplitude_psd, bin_widths, expected_extremes, rayleigh_peak_factor, response_psd,
    response_statistics, spectral_moment, zero_upcrossing_period)
from raft_sim.solve.response import rao


def test_white_noise_variance_of_single_dof_oscillator():
    # SOURCE: analytic. m x'' + c x' + k x = f with H(w) = 1 / (k - m w^2 + i c w). Over the whole
    # real line, int |H|^2 dw = pi / (k c) (residues; independent of m), so for a ONE-SIDED force
    # spectrum S_F on w >= 0:  sigma_x^2 = S_F int_0^inf |H|^2 dw = pi S_F / (2 k c).
    m, c, k, s_f = 1.0, 0.2, 1.0, 0.7
    omega = np.arange(1, 40001) * 1e-3                  # 0.001 .. 40 rad/s, rectangle rule
    M, B, C = np.eye(6) * m, np.eye(6) * c, np.eye(6) * k
    H = rao(omega, M, B, C, np.eye(6)[None, None, 2].repeat(omega.size, 0))  # (F, 1, 6) unit force
    psd = response_psd(H, np.full((omega.size, 1), s_f))
    variance = spectral_moment(psd, omega)[2]
    assert variance == pytest.approx(np.pi * s_f / (2 * k * c), rel=1e-3)  # 6e-5 with this grid


def test_rectangle_rule_uses_uniform_bin_width():
    # SOURCE: RAFT convention (variance = sum(PSD) * dw on w = dw, 2 dw, ...).
    omega = np.arange(1, 11) * 0.05
    np.testing.assert_allclose(bin_widths(omega), 0.05, rtol=1e-12)
    psd = np.arange(10.0)[:, None]
    assert spectral_moment(psd, omega)[0] == pytest.approx(psd.sum() * 0.05, rel=1e-12)


def test_band_limited_spectrum_moments_and_period():
    # SOURCE: analytic, S = 1 on [a, b]: m0 = b - a, m2 = (b^3 - a^3) / 3, Tz = 2 pi sqrt(m0/m2).
    a, b, dw = 0.5, 1.5, 1e-4
    omega = np.arange(dw / 2, 3.0, dw)
    psd = ((omega > a) & (omega < b)).astype(float)[:, None]
    m0, m2 = spectral_moment(psd, omega, 0), spectral_moment(psd, omega, 2)
    assert m0[0] == pytest.approx(b - a, rel=1e-3)
    assert m2[0] == pytest.approx((b**3 - a**3) / 3, rel=1e-3)
    expected_tz = 2 * np.pi * np.sqrt((b - a) / ((b**3 - a**3) / 3))
    assert zero_upcrossing_period(m0, m2)[0] == pytest.approx(expected_tz, rel=1e-3)


@pytest.mark.parametrize("n_peaks", [100, 1000, 10000])
def test_rayleigh_expected_maximum_against_integration(n_peaks):
    # SOURCE: analytic. Largest of N independent Rayleigh peaks (unit sigma) has CDF
    # (1 - exp(-x^2/2))^N, so E[max] = int_0^inf 1 - (1 - exp(-x^2/2))^N dx, integrated numerically;
    # the asymptotic sqrt(2 ln N) + gamma / sqrt(2 ln N) must agree within 1 %.
    exact = quad(lambda x: -np.expm1(n_peaks * np.log1p(-np.exp(-x * x / 2))), 0, 40,
                 points=[np.sqrt(2 * np.log(n_peaks))], limit=400)[0]
    assert rayleigh_peak_factor(n_peaks) == pytest.approx(exact, rel=0.01)


def test_expected_extremes_use_duration_over_tz():
    # SOURCE: analytic, N = T / Tz = 10800 / 10.8 = 1000 peaks, max = mean + sigma * factor(1000).
    high, low = expected_extremes(2.0, 0.5, 10.8, duration=10800.0)
    factor = np.sqrt(2 * np.log(1000)) + 0.5772156649015329 / np.sqrt(2 * np.log(1000))
    assert high == pytest.approx(2.0 + 0.5 * factor, rel=1e-12)
    assert low == pytest.approx(2.0 - 0.5 * factor, rel=1e-12)


def test_zero_variance_gives_mean_not_nan():
    # SOURCE: analytic, a response without variance has max = min = mean and std = 0.
    omega = np.arange(1, 21) * 0.1
    stats = response_statistics(np.zeros((20, 6)), omega, mean=np.arange(6.0))
    for name in ("std", "max", "min", "max_3sigma", "min_3sigma"):
        assert np.all(np.isfinite(stats[name])), name
    np.testing.assert_array_equal(stats["std"], 0.0)
    np.testing.assert_array_equal(stats["max"], np.arange(6.0))
    np.testing.assert_array_equal(stats["min"], np.arange(6.0))
    assert np.all(np.isinf(stats["tz"]))


def test_response_psd_adds_independent_wave_systems():
    # SOURCE: analytic, uncorrelated inputs: S_x = sum_h |X_h|^2 S_h.
    X = np.array([[[1 + 1j, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 3j]]])  # (F=1, H=2, 6)
    S = np.array([[0.5, 0.25]])
    psd = response_psd(X, S)
    np.testing.assert_allclose(psd[0], [2 * 0.5 + 4 * 0.25, 0, 0, 0, 0, 9 * 0.25], rtol=1e-15)


@needs_shared
@pytest.mark.parametrize("design", ["OC3spar", "VolturnUS-S"])
def test_statistics_reproduce_raft_from_its_amplitudes(design):
    # SOURCE: RAFT expected JSON raft/test-expected/<design>_true_analyzeCases.json. RAFT stores the
    # response amplitudes per excitation source (*_RA, rotations in deg); its PSD, std and max/min
    # (= mean +/- 3 sigma) must follow from them with our PSD (|A|^2 / (2 dw), sources summed) and
    # rectangle-rule integration.
    ref = load_expected(f"{design}_true_analyzeCases.json")
    omega = ref["freq_rad"]
    worst = 0.0
    for case in ref["case_metrics"].values():
        out = case["0"]
        amplitudes = np.stack([out[f"{d}_RA"] for d in DOFS], axis=-1)      # (source, F, 6)
        psd = amplitude_psd(amplitudes, bin_widths(omega)).sum(axis=0)      # (F, 6)
        mean = np.array([out[f"{d}_avg"] for d in DOFS])
        stats = response_statistics(psd, omega, mean)
        for i, dof in enumerate(DOFS):
            np.testing.assert_allclose(psd[:, i], out[f"{dof}_PSD"], rtol=1e-9,
                                       atol=1e-12 * np.max(out[f"{dof}_PSD"], initial=0))
            assert stats["std"][i] == pytest.approx(out[f"{dof}_std"], rel=1e-9, abs=1e-15)
            assert stats["max_3sigma"][i] == pytest.approx(out[f"{dof}_max"], rel=1e-9, abs=1e-12)
            assert stats["min_3sigma"][i] == pytest.approx(out[f"{dof}_min"], rel=1e-9, abs=1e-12)
            if out[f"{dof}_std"] > 1e-6:
                worst = max(worst, abs(stats["std"][i] / out[f"{dof}_std"] - 1))
    assert worst < 1e-9
