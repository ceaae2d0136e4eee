"""Spectral fatigue of Gaussian load channels: damage rates and damage equivalent loads.

A stationary Gaussian channel with one-sided spectrum S(omega) has spectral moments
``m_n = sum omega^n S d_omega`` with the bin widths of :func:`raft_sim.frequency.bin_widths`
(as every other statistic of the results). Each method turns the moments into a
distribution of rainflow ranges, written here as a mixture of Rayleigh and exponential
components, each with its own cycle rate [1/s]:

- ``narrow_band`` (Rayleigh; Miles 1954): rate nu_0, Rayleigh ranges of scale 2 sqrt(m0);
- ``dirlik`` (Dirlik 1985): rate nu_p, D1 exponential + D2, D3 Rayleigh terms;
- ``tovo_benasciutti`` (Benasciutti & Tovo 2005, their improved weight b):
  b x narrow band + (1 - b) x range counting (rate nu_p, Rayleigh scale 2 alpha_2 sqrt(m0)).

Against an S-N curve ``N = a S^-m`` (optionally two slopes with a knee, DNV-RP-C203)
the damage rate is ``sum_j rate_j E_j[1 / N(S)]``, in closed form with incomplete gamma
functions. Everything is vectorised: moments carry any leading dims (cases x channels x
lines), curves broadcast along the last one. Equations and sources: docs/fatigue.md.

The ranges are ranges of the channel itself (N, N m): the S-N curve must be in the
channel's units, and DELs come out in them.
"""
from __future__ import annotations

from typing import Literal, Sequence

import numpy as np
from numpy.typing import ArrayLike
from scipy import special

from raft_sim.design.objects import SNCurve
from raft_sim.frequency import bin_widths

__all__ = ["SNCurve", "METHODS", "spectral_moments", "range_components", "damage_rate",
           "equivalent_range", "damage_equivalent_load"]

Method = Literal["narrow_band", "dirlik", "tovo_benasciutti"]
METHODS: tuple[str, ...] = ("narrow_band", "dirlik", "tovo_benasciutti")
MOMENT_ORDERS = (0, 1, 2, 4)
"""Orders of the moments every method needs, in the order of the last axis."""


def spectral_moments(psd: ArrayLike, omega: ArrayLike, orders: Sequence[float] = MOMENT_ORDERS,
                     axis: int = -1) -> np.ndarray:
    """Spectral moments m_n = sum omega^n S(omega) d_omega of one-sided spectra.

    Parameters
    ----------
    psd : array_like, shape (..., F, ...)
        One-sided spectra on ``omega`` [unit^2 s/rad].
    omega : array_like, shape (F,)
        Increasing angular frequencies [rad/s] (any spacing; :func:`raft_sim.frequency.bin_widths`).
    orders : sequence of float
        Moment orders n.
    axis : int
        Axis of ``psd`` holding the frequencies.

    Returns
    -------
    numpy.ndarray, shape (..., K)
        The frequency axis removed, the K moments last [unit^2 (rad/s)^n].
    """
    omega = np.asarray(omega, dtype=float)
    weights = omega[:, None] ** np.asarray(orders, dtype=float) * bin_widths(omega)[:, None]
    return np.moveaxis(np.asarray(psd, dtype=float), axis, -1) @ weights


def _ratio(num, den):
    """num / den, 0 where den is 0 (no variance: no cycles)."""
    return np.divide(num, den, out=np.zeros(np.broadcast(num, den).shape), where=den > 0)


def range_components(moments: ArrayLike, method: Method = "dirlik") -> tuple[np.ndarray, ...]:
    """Rainflow-range distribution of a Gaussian process as rate-weighted components.

    Parameters
    ----------
    moments : array_like, shape (..., 4)
        m0, m1, m2, m4 (:data:`MOMENT_ORDERS`) [unit^2 (rad/s)^n].
    method : {"narrow_band", "dirlik", "tovo_benasciutti"}

    Returns
    -------
    (rayleigh_rate, rayleigh_scale, exponential_rate, exponential_scale) : numpy.ndarray
        Each shape (..., J): cycle rate of each component [1/s] and its scale [unit]
        (Rayleigh: pdf S/s^2 exp(-S^2 / 2 s^2); exponential: pdf exp(-S/s) / s).
        A channel without variance has zero rates and scales.
    """
    m0, m1, m2, m4 = np.moveaxis(np.asarray(moments, dtype=float), -1, 0)
    nu0 = np.sqrt(_ratio(m2, m0)) / (2 * np.pi)  # mean zero up-crossing rate
    nup = np.sqrt(_ratio(m4, m2)) / (2 * np.pi)  # mean peak rate
    alpha1 = _ratio(m1, np.sqrt(m0 * m2))
    alpha2 = _ratio(m2, np.sqrt(m0 * m4))
    scale = 2.0 * np.sqrt(m0)
    zero = np.zeros_like(m0)
    if method == "narrow_band":
        return (nu0[..., None], scale[..., None], zero[..., None], zero[..., None])
    if method == "tovo_benasciutti":
        b = _tovo_benasciutti_weight(alpha1, alpha2)
        return (np.stack([b * nu0, (1 - b) * nup], -1), np.stack([scale, alpha2 * scale], -1),
                zero[..., None], zero[..., None])
    if method == "dirlik":
        d1, d2, d3, q, r, ok = _dirlik_coefficients(alpha1, alpha2)
        rates = np.stack([np.where(ok, d2 * nup, 0.0), np.where(ok, d3 * nup, nu0)], -1)
        return (rates, np.stack([np.abs(r) * scale, scale], -1),
                np.where(ok, d1 * nup, 0.0)[..., None], (q * scale)[..., None])
    raise ValueError(f"unknown spectral fatigue method {method!r} (expected one of {', '.join(METHODS)})")


def _tovo_benasciutti_weight(alpha1, alpha2):
    """Weight b of Benasciutti & Tovo (2005), their improved fit; 1 (narrow band) where undefined."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        b = ((alpha1 - alpha2) * (1.112 * (1 + alpha1 * alpha2 - (alpha1 + alpha2))
                                  * np.exp(2.11 * alpha2) + (alpha1 - alpha2)) / (alpha2 - 1) ** 2)
    return np.where(np.isfinite(b) & (alpha2 < 1.0), b, 1.0)


def _dirlik_coefficients(alpha1, alpha2):
    """Dirlik's D1, D2, D3, Q, R (Dirlik 1985; as written in Zorman et al. 2023).

    ``ok`` is False where they are undefined (an ideally narrow-band process,
    alpha_2 -> 1, whose Dirlik limit is the narrow-band result)."""
    xm = alpha1 * alpha2  # = (m1 / m0) sqrt(m2 / m4)
    with np.errstate(divide="ignore", invalid="ignore"):
        d1 = 2 * (xm - alpha2**2) / (1 + alpha2**2)
        r = (alpha2 - xm - d1**2) / (1 - alpha2 - d1 + d1**2)
        d2 = (1 - alpha2 - d1 + d1**2) / (1 - r)
        d3 = 1 - d1 - d2
        q = 1.25 * (alpha2 - d3 - d2 * r) / d1
    ok = (d1 > 0) & np.isfinite(d2) & np.isfinite(q) & np.isfinite(r) & (q > 0)
    return (np.where(ok, d1, 0.0), np.where(ok, d2, 0.0), np.where(ok, d3, 1.0),
            np.where(ok, q, 0.0), np.where(ok, r, 0.0), ok)


# ----------------------------------------------------------------------------- S-N curves

def _curve_arrays(curve: SNCurve | Sequence[SNCurve]) -> tuple[np.ndarray, ...]:
    """(m1, log_a1, m2, log_a2, log_knee_range, has_intercept), broadcast on the last axis.

    A one-slope curve has m2 = m1 and no knee (-inf); a slope-only curve uses log_a = 0
    (its DEL does not depend on a)."""
    curves = [curve] if isinstance(curve, SNCurve) else list(curve)
    m1 = np.array([c.m for c in curves], float)
    log_a1 = np.array([0.0 if c.log_a is None else c.log_a for c in curves], float)
    two = np.array([c.m2 is not None for c in curves])
    m2 = np.array([c.m2 if c.m2 is not None else c.m for c in curves], float)
    log_nk = np.log10([c.knee_cycles for c in curves])
    log_sk = np.where(two, (log_a1 - log_nk) / m1, -np.inf)   # knee range (log10)
    log_a2 = np.where(two, log_nk + m2 * np.where(two, log_sk, 0.0), log_a1)
    has_a = np.array([c.log_a is not None for c in curves])
    out = (m1, log_a1, m2, log_a2, log_sk, has_a)
    return tuple(v[0] for v in out) if isinstance(curve, SNCurve) else out


def _partial_moment(rate, scale, m, log_a, log_knee, above: bool, kind: str):
    """sum_j rate_j E_j[S^m / a ; S above (or below) the knee] [1/s]."""
    m, log_a, log_knee = (np.asarray(v, float)[..., None] for v in (m, log_a, log_knee))
    positive = (scale > 0) & (rate > 0)
    safe = np.where(positive, scale, 1.0)
    knee = 10.0 ** log_knee
    if kind == "rayleigh":
        order, x = 1 + m / 2, (knee / safe) ** 2 / 2
        log_full = m * np.log(np.sqrt(2) * safe) + special.gammaln(order)
    else:
        order, x = 1 + m, knee / safe
        log_full = m * np.log(safe) + special.gammaln(order)
    part = special.gammaincc(order, x) if above else special.gammainc(order, x)
    value = np.exp(log_full - log_a * np.log(10.0)) * part
    return np.sum(np.where(positive, rate * value, 0.0), axis=-1)


def _unit_damage_rate(components, curve):
    """Damage rate [1/s] using log_a = 0 for slope-only curves."""
    m1, log_a1, m2, log_a2, log_sk, _ = _curve_arrays(curve)
    ray_rate, ray_scale, exp_rate, exp_scale = components
    total = 0.0
    for rate, scale, kind in ((ray_rate, ray_scale, "rayleigh"), (exp_rate, exp_scale, "exponential")):
        total = total + _partial_moment(rate, scale, m1, log_a1, log_sk, True, kind)
        total = total + _partial_moment(rate, scale, m2, log_a2, log_sk, False, kind)
    return total


def damage_rate(moments: ArrayLike, curve: SNCurve | Sequence[SNCurve],
                method: Method = "dirlik", unit_intercept: bool = False) -> np.ndarray:
    """Palmgren-Miner damage per second of a Gaussian channel.

    Parameters
    ----------
    moments : array_like, shape (..., 4)
        m0, m1, m2, m4 of the channel (:func:`spectral_moments`) [unit^2 (rad/s)^n].
    curve : SNCurve or sequence of SNCurve
        S-N curve in the channel's units; a sequence gives one curve per entry of the
        last leading axis (e.g. per channel).
    method : {"narrow_band", "dirlik", "tovo_benasciutti"}
    unit_intercept : bool
        Slope-only curves (``log_a`` None) use a = 1 [unit^m] (the rate of sum S^m,
        what DELs need) instead of giving NaN.

    Returns
    -------
    numpy.ndarray, shape (...)
        Damage rate [1/s]; 0 without variance; NaN for slope-only curves unless
        ``unit_intercept``, and where the moments are not finite.
    """
    moments = np.asarray(moments, dtype=float)
    rate = _unit_damage_rate(range_components(moments, method), curve)
    defined = np.all(np.isfinite(moments), axis=-1)
    if not unit_intercept:
        defined = defined & _curve_arrays(curve)[-1]
    return np.where(defined, rate, np.nan)


def equivalent_range(damage: ArrayLike, curve: SNCurve | Sequence[SNCurve],
                     reference_cycles: float) -> np.ndarray:
    """Constant range whose ``reference_cycles`` cycles cause ``damage`` on ``curve``.

    Parameters
    ----------
    damage : array_like
        Miner damage [-] (computed with log_a = 0 for slope-only curves).
    curve : SNCurve or sequence of SNCurve
    reference_cycles : float
        N_eq [-].

    Returns
    -------
    numpy.ndarray
        DEL [unit]: the range S with N(S) = N_eq / damage; 0 where the damage is 0.
    """
    m1, log_a1, m2, log_a2, log_sk, _ = _curve_arrays(curve)
    damage = np.asarray(damage, dtype=float)
    with np.errstate(divide="ignore"):
        log_n = np.log10(reference_cycles) - np.log10(damage)        # cycles to failure
    log_s1 = (log_a1 - log_n) / m1
    log_s = np.where(log_s1 >= log_sk, log_s1, (log_a2 - log_n) / m2)
    return np.where(damage > 0, 10.0 ** np.where(damage > 0, log_s, 0.0), np.where(damage == 0, 0.0, np.nan))


def damage_equivalent_load(moments: ArrayLike, curve: SNCurve | Sequence[SNCurve], exposure: float,
                           reference_cycles: float, method: Method = "dirlik") -> np.ndarray:
    """Damage equivalent load of a channel over an exposure time.

    Parameters
    ----------
    moments : array_like, shape (..., 4)
        m0, m1, m2, m4 [unit^2 (rad/s)^n].
    curve : SNCurve or sequence of SNCurve
        In the channel's units (only ``m`` matters for a one-slope curve).
    exposure : float
        Time T the spectrum acts [s].
    reference_cycles : float
        N_eq [-].
    method : {"narrow_band", "dirlik", "tovo_benasciutti"}

    Returns
    -------
    numpy.ndarray, shape (...)
        DEL [unit]: N_eq cycles of this range do the damage of T seconds of the channel
        (one slope: ``(T sum_j rate_j E_j[S^m] / N_eq)^(1/m)``); 0 without variance.
    """
    rate = damage_rate(moments, curve, method, unit_intercept=True)
    return equivalent_range(rate * exposure, curve, reference_cycles)
