"""Natural periods against the band of the wave spectra of the load cases."""
from __future__ import annotations

import numpy as np

from raft_sim.plot.style import case_labels, new_axes


def energy_band(omega, spectrum, coverage: float = 0.9) -> tuple[float, float]:
    """Frequencies between which a spectrum holds the central ``coverage`` of its variance.

    Parameters
    ----------
    omega : array_like, shape (F,)
        Ascending frequencies [rad/s].
    spectrum : array_like, shape (F,)
        One-sided spectral density on ``omega`` (rectangle rule, as the statistics).
    coverage : float
        Fraction of the variance inside the band, 0 < coverage < 1.

    Returns
    -------
    (float, float)
        Lower and upper frequency [rad/s]; (nan, nan) for a spectrum without variance.
    """
    cumulative = np.cumsum(np.asarray(spectrum, dtype=float))
    if cumulative[-1] <= 0.0:
        return float("nan"), float("nan")
    cumulative /= cumulative[-1]
    tail = 0.5 * (1.0 - coverage)
    omega = np.asarray(omega, dtype=float)
    return (float(omega[np.searchsorted(cumulative, tail)]),
            float(omega[min(np.searchsorted(cumulative, 1.0 - tail), len(omega) - 1)]))


def plot_natural_periods(periods, spectra, cases=None, ax=None, coverage: float = 0.9):
    """Natural periods as vertical lines over the wave spectra of the cases against period.

    Each case's spectrum is drawn against the period ``2 pi / omega``, with the band that
    holds the central ``coverage`` of its variance shaded.

    Parameters
    ----------
    periods : mapping of str to float, or NaturalModes
        Natural period per DOF [s] (``Model.natural_frequencies().dof_periods``).
    spectra : xarray.Dataset
        With ``omega`` [rad/s] and ``wave_psd`` (case, omega) [m^2 s/rad]: a results
        Dataset, or :func:`raft_sim.plot.figures.design_wave_spectra`.
    cases : sequence, optional
        Case labels to draw; default all with waves.
    ax : matplotlib.axes.Axes, optional
    coverage : float
        Fraction of the variance inside the shaded band.

    Returns
    -------
    matplotlib.axes.Axes
        One spectrum line and one shaded band per case with waves, one vertical line per
        finite natural period.
    """
    periods = getattr(periods, "dof_periods", periods)
    ax = new_axes(ax)
    omega = spectra["omega"].values
    labels = case_labels(spectra)
    values = list(spectra["case"].values)
    chosen = range(len(values)) if cases is None else [values.index(c) for c in cases]
    for i in chosen:
        psd = spectra["wave_psd"].values[i]
        low, high = energy_band(omega, psd, coverage)
        if not np.isfinite(low):
            continue
        (line,) = ax.plot(2.0 * np.pi / omega, psd, label=labels[i])
        ax.axvspan(2.0 * np.pi / high, 2.0 * np.pi / low, color=line.get_color(), alpha=0.15)
    finite = sorted((t, dof) for dof, t in periods.items() if np.isfinite(t) and t > 0.0)
    for k, (period, dof) in enumerate(finite):
        ax.axvline(period, color="black", linewidth=0.9, linestyle="--")
        ax.text(period, 0.98 - 0.07 * (k % 4), f" {dof} {period:.1f} s",
                transform=ax.get_xaxis_transform(), fontsize="small", va="top")
    ax.set_xscale("log")
    ax.set_xlabel("period [s]")
    ax.set_ylabel("wave spectrum S(omega) [m^2 s/rad]")
    ax.set_ylim(bottom=0.0)
    if ax.get_lines() and any(line.get_label()[:1] != "_" for line in ax.get_lines()):
        ax.legend(fontsize="small", loc="center right")
    return ax
