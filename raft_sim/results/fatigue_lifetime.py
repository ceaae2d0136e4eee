"""Per-case and lifetime fatigue on plain arrays: the numbers behind ``damage`` and ``DEL``.

One function, :func:`fatigue_arrays`, turns the spectra of the chosen channels of every
case into damage rates, per-case DELs and (with probabilities) the lifetime totals,
with numpy only. Both the Dataset stage (:func:`raft_sim.results.fatigue_dataset.fatigue_dataset`)
and the xarray-free JSON of ``raft-sim run --json`` (:mod:`raft_sim.results.summary`)
call it, so they give the same numbers. Definitions: docs/fatigue.md.
"""
from __future__ import annotations

import numpy as np

from raft_sim.design.objects import FatigueSettings, SNCurve
from raft_sim.results.fatigue import METHODS, damage_rate, equivalent_range, spectral_moments

LOAD_UNITS = ("N", "N m")
"""Channels in these units get the default curve; others only when named in ``curves``."""
DEFAULT_SLOPES = {"mooring_": 3.0}
"""Slope of the built-in default curves by key prefix (DNV-OS-E301 chain: m = 3); else 4."""


def default_curve(key: str) -> SNCurve:
    """Built-in slope-only curve of a channel: m = 3 for mooring lines, else m = 4."""
    return SNCurve(m=next((m for p, m in DEFAULT_SLOPES.items() if key.startswith(p)), 4.0))


def select_channels(channels, settings: FatigueSettings):
    """The channels fatigue is computed for, each with its S-N curve.

    Parameters
    ----------
    channels : iterable of (key, units, psd)
        Every channel with a spectrum.
    settings : FatigueSettings

    Returns
    -------
    list of (key, units, psd, SNCurve)
        Channels named in ``settings.curves`` (their curve), and load channels (units in
        :data:`LOAD_UNITS`) with the ``default`` or built-in curve, in the given order.
    """
    named = dict(settings.curves)
    chosen = []
    for key, units, psd in channels:
        if key in named:
            chosen.append((key, units, psd, named[key]))
        elif units in LOAD_UNITS:
            chosen.append((key, units, psd, settings.default or default_curve(key)))
    return chosen


def fatigue_arrays(psd: np.ndarray, omega: np.ndarray, curves, settings: FatigueSettings,
                   failed: np.ndarray, probability: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Damage and DELs of C channels in N cases, for the three spectral methods.

    Parameters
    ----------
    psd : ndarray, shape (N, C, F)
        One-sided spectra [unit^2 s/rad].
    omega : ndarray, shape (F,)
        Frequencies [rad/s].
    curves : sequence of SNCurve, length C
        S-N curve of each channel, in its units.
    settings : FatigueSettings
        Lifetime T_L [s] and N_eq.
    failed : ndarray of bool, shape (N,)
        Cases whose analysis failed (their values are NaN, left out of the lifetime).
    probability : ndarray, shape (N,), optional
        Fraction of the lifetime in each case [-]; without it no lifetime totals.

    Returns
    -------
    dict of ndarray
        ``failed`` (N,) (also cases whose spectra are not finite), ``has_intercept`` (C,),
        and with dims (method, N, C) in the order of :data:`raft_sim.results.fatigue.METHODS`:
        ``damage_rate`` [1/s] (NaN without an intercept), ``DEL`` [unit] (N_eq cycles over the
        lifetime); with probabilities also ``damage`` and ``damage_share`` [-], and
        ``lifetime_damage`` [-] and ``lifetime_DEL`` [unit] with dims (method, C).
    """
    n_case, n_channel = psd.shape[:2]
    moments = spectral_moments(psd, omega)                                  # (case, channel, 4)
    failed = np.asarray(failed, bool) | ~np.all(np.isfinite(moments), axis=(1, 2))
    moments = np.where(failed[:, None, None], np.nan, moments)
    unit = np.stack([damage_rate(moments, curves, m, unit_intercept=True) if n_channel
                     else np.zeros((n_case, 0)) for m in METHODS])           # a = 1 for slope-only curves
    has_a = np.array([c.log_a is not None for c in curves], bool)
    life, n_eq = settings.lifetime, settings.reference_cycles
    out = {"failed": failed, "has_intercept": has_a,
           "damage_rate": np.where(has_a, unit, np.nan),
           "DEL": equivalent_range(unit * life, curves, n_eq) if n_channel else unit}
    if probability is None:
        return out
    weight = np.where(failed, 0.0, probability)[None, :, None]
    contribution = np.where(failed[None, :, None], np.nan, unit * weight * life)
    total = np.nansum(contribution, axis=1)                                   # (method, channel)
    share = np.divide(contribution, total[:, None, :], out=np.zeros_like(contribution),
                      where=total[:, None, :] > 0)
    out.update(damage=np.where(has_a, contribution, np.nan),
               damage_share=np.where(failed[None, :, None], np.nan, share),
               lifetime_damage=np.where(has_a, total, np.nan),
               lifetime_DEL=equivalent_range(total, curves, n_eq) if n_channel else total)
    return out
