"""Spectral statistics of linear responses to irregular waves.

All spectra are one-sided on angular frequency omega [unit^2 s/rad], so the variance is
the integral of the PSD over omega >= 0. Integrals are sums of PSD times the bin
widths of :func:`raft_sim.frequency.bin_widths` (Voronoi cells; for RAFT's uniform grid,
omega = dw, 2 dw, ..., every width is dw, i.e. ``sum(PSD) * dw`` exactly as RAFT does), so
any increasing grid works.

Wave systems (headings) are statistically independent, so their response PSDs add.

Extremes: for a narrow-banded Gaussian response the peaks are Rayleigh distributed; with
N = T / Tz peaks in a duration T the expected largest one is approximately

    max = mean + sigma * (sqrt(2 ln N) + gamma / sqrt(2 ln N)),   gamma = 0.5772...,

with Tz = 2 pi sqrt(m0 / m2) the mean zero-upcrossing period. N is taken as at least 2
(the formula is asymptotic for large N). The expected minimum is its mirror image.
RAFT instead reports mean +/- 3 sigma, kept here as ``max_3sigma`` / ``min_3sigma``.
"""
from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from raft_sim.frequency import bin_widths  # noqa: F401  (the one bin-width rule; re-exported)

EULER_GAMMA = 0.5772156649015329
DEFAULT_DURATION = 3 * 3600.0  # [s], exposure time for the expected maximum


def response_psd(X: ArrayLike, wave_psd: ArrayLike) -> np.ndarray:
    """Response PSD from transfer functions and wave spectra of independent wave systems.

    Parameters
    ----------
    X : array_like, complex, shape (..., F, H, C)
        Response per unit wave amplitude for each of H wave systems and C channels
        (e.g. the 6 DOFs) [unit/m].
    wave_psd : array_like, shape (..., F, H)
        One-sided wave elevation spectra [m^2 s/rad].

    Returns
    -------
    numpy.ndarray, shape (..., F, C)
        sum_h |X_h|^2 S_h [unit^2 s/rad].
    """
    X = np.asarray(X)
    return np.sum(np.abs(X) ** 2 * np.asarray(wave_psd, dtype=float)[..., None], axis=-2)


def amplitude_psd(amplitudes: ArrayLike, d_omega: ArrayLike) -> np.ndarray:
    """PSD of a sum of harmonic components with complex amplitudes, one per frequency bin.

    Parameters
    ----------
    amplitudes : array_like, complex, shape (..., F, C)
        Amplitudes [unit] of the component in each bin (RAFT's ``Xi``).
    d_omega : array_like, shape (F,)
        Bin widths [rad/s].

    Returns
    -------
    numpy.ndarray, shape (..., F, C)
        |A|^2 / (2 d_omega) [unit^2 s/rad] (a harmonic of amplitude A has variance A^2/2).
    """
    dw = np.asarray(d_omega, dtype=float)[:, None]
    return 0.5 * np.abs(np.asarray(amplitudes)) ** 2 / dw


def spectral_moment(psd: ArrayLike, omega: ArrayLike, order: int = 0) -> np.ndarray:
    """Spectral moment m_n = sum omega^n S(omega) d_omega (rectangle rule).

    Parameters
    ----------
    psd : array_like, shape (..., F, C)
        One-sided PSD [unit^2 s/rad].
    omega : array_like, shape (F,)
        Angular frequencies [rad/s].
    order : int
        Moment order n.

    Returns
    -------
    numpy.ndarray, shape (..., C)
        m_n [unit^2 (rad/s)^n].
    """
    omega = np.asarray(omega, dtype=float)
    weights = (omega**order * bin_widths(omega))[:, None]
    return np.sum(np.asarray(psd, dtype=float) * weights, axis=-2)


def zero_upcrossing_period(m0: ArrayLike, m2: ArrayLike) -> np.ndarray:
    """Mean zero-upcrossing period Tz = 2 pi sqrt(m0 / m2).

    Parameters
    ----------
    m0 : array_like
        Zeroth spectral moment (variance) [unit^2].
    m2 : array_like
        Second spectral moment [unit^2 rad^2/s^2].

    Returns
    -------
    numpy.ndarray
        Tz [s]; ``inf`` where the response has no variance (no crossings), never NaN.
    """
    m0, m2 = np.broadcast_arrays(np.asarray(m0, float), np.asarray(m2, float))
    defined = (m0 > 0) & (m2 > 0)
    ratio = np.divide(m0, m2, out=np.ones_like(m0), where=defined)
    return np.where(defined, 2.0 * np.pi * np.sqrt(ratio), np.inf)


def rayleigh_peak_factor(n_peaks: ArrayLike) -> np.ndarray:
    """Expected largest of N Rayleigh peaks in units of sigma.

    Parameters
    ----------
    n_peaks : array_like
        Number of peaks N [-]; values below 2 (incl. 0 for an undefined Tz) are taken as 2.

    Returns
    -------
    numpy.ndarray
        sqrt(2 ln N) + gamma / sqrt(2 ln N) [-].
    """
    root = np.sqrt(2.0 * np.log(np.maximum(np.asarray(n_peaks, dtype=float), 2.0)))
    return root + EULER_GAMMA / root


def expected_extremes(mean: ArrayLike, std: ArrayLike, tz: ArrayLike,
                      duration: float = DEFAULT_DURATION) -> tuple[np.ndarray, np.ndarray]:
    """Expected maximum and minimum over a duration, from Rayleigh-distributed peaks.

    Parameters
    ----------
    mean : array_like
        Mean value [unit].
    std : array_like
        Standard deviation sigma [unit].
    tz : array_like
        Mean zero-upcrossing period [s] (``inf`` for no variance).
    duration : float
        Exposure duration T [s], default 3 h.

    Returns
    -------
    (max, min) : tuple of numpy.ndarray
        mean +/- sigma * :func:`rayleigh_peak_factor` (T / Tz) [unit]; equal to the mean
        when sigma is 0.
    """
    spread = np.asarray(std, float) * rayleigh_peak_factor(duration / np.asarray(tz, float))
    mean = np.asarray(mean, dtype=float)
    return mean + spread, mean - spread


def response_statistics(psd: ArrayLike, omega: ArrayLike, mean: ArrayLike = 0.0,
                        duration: float = DEFAULT_DURATION) -> dict[str, np.ndarray]:
    """All statistics of a response from its PSD and mean.

    Parameters
    ----------
    psd : array_like, shape (..., F, C)
        One-sided PSD [unit^2 s/rad].
    omega : array_like, shape (F,)
        Angular frequencies [rad/s].
    mean : array_like, shape (..., C) or scalar
        Mean (static) value [unit].
    duration : float
        Exposure duration for the expected extremes [s].

    Returns
    -------
    dict of numpy.ndarray, each shape (..., C)
        ``mean``, ``std`` [unit], ``tz`` [s], ``max``, ``min`` (Rayleigh expected extremes),
        ``max_3sigma``, ``min_3sigma`` (RAFT's mean +/- 3 sigma) [unit].
    """
    m0 = spectral_moment(psd, omega, 0)
    std = np.sqrt(m0)
    tz = zero_upcrossing_period(m0, spectral_moment(psd, omega, 2))
    mean = np.broadcast_to(np.asarray(mean, dtype=float), std.shape)
    high, low = expected_extremes(mean, std, tz, duration)
    return {"mean": mean.copy(), "std": std, "tz": tz, "max": high, "min": low,
            "max_3sigma": mean + 3.0 * std, "min_3sigma": mean - 3.0 * std}
