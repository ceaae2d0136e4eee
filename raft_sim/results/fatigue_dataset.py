"""Fatigue stage on a results Dataset: damage and DEL per case and channel, lifetime totals.

:func:`fatigue_dataset` reads the response spectra of a results Dataset (``psd`` for the
motions, ``<channel>_psd`` for load channels, see docs/outputs.md), evaluates all three
spectral methods of :mod:`raft_sim.results.fatigue` in one vectorised call over
(case, channel), and weights the cases by their probability (fraction of the
lifetime). Variables, keys and definitions: docs/fatigue.md.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from raft_sim.conventions import DOFS
from raft_sim.design.fatigue import channel_key
from raft_sim.design.objects import FatigueSettings, SNCurve
from raft_sim.results.fatigue import METHODS, damage_rate, equivalent_range, spectral_moments

if TYPE_CHECKING:
    import xarray as xr

LOAD_UNITS = ("N", "N m")
"""Channels in these units get the default curve; others only when named in ``curves``."""
DEFAULT_SLOPES = {"mooring_": 3.0}
"""Slope of the built-in default curves by key prefix (DNV-OS-E301 chain: m = 3); else 4."""


def default_curve(key: str) -> SNCurve:
    """Built-in slope-only curve of a channel: m = 3 for mooring lines, else m = 4."""
    return SNCurve(m=next((m for p, m in DEFAULT_SLOPES.items() if key.startswith(p)), 4.0))


def fatigue_channels(results: "xr.Dataset") -> list[tuple[str, str, np.ndarray]]:
    """Every channel with a spectrum in ``results``, as (key, units, psd (case, omega)).

    Keys: ``platform_<dof>`` for the motions, :func:`raft_sim.design.fatigue.channel_key`
    of each ``<name>_psd`` channel and component (e.g. ``mooring_line1_fairlead``).
    """
    variables = results.variables           # plain Variables: no DataArray per variable
    out = []
    if "psd" in variables:
        psd = variables["psd"].transpose("case", "omega", "dof").values
        for i, dof in enumerate(results["dof"].values):
            units = "m" if dof in DOFS[:3] else "rad"
            out.append((channel_key("psd", {"dof": str(dof)}), units, psd[:, :, i]))
    for var_name, var in variables.items():
        name = var.attrs.get("channel")
        if name is None or var_name != f"{name}_psd":
            continue
        units = var.attrs["units"].removeprefix("(").removesuffix(")^2 s/rad")
        comp_dims = [d for d in var.dims if d not in ("case", "omega")]
        values = var.transpose("case", "omega", *comp_dims).values
        labels = [[str(v) for v in variables[d].values] if d in variables else range(var.sizes[d])
                  for d in comp_dims]
        for index in np.ndindex(*values.shape[2:]):
            components = {d: str(lab[i]) for d, lab, i in zip(comp_dims, labels, index)}
            out.append((channel_key(name, components), units, values[(slice(None), slice(None), *index)]))
    return out


def _selected(channels, settings: FatigueSettings):
    """Channels with their curve: named in ``curves``, or load channels (default curve)."""
    named = dict(settings.curves)
    chosen = []
    for key, units, psd in channels:
        if key in named:
            chosen.append((key, units, psd, named[key]))
        elif units in LOAD_UNITS:
            chosen.append((key, units, psd, settings.default or default_curve(key)))
    return chosen


def _probability(results, probability):
    if probability is None and "probability" in results.variables:
        given = results["probability"].values.astype(float)
        probability = None if np.all(np.isnan(given)) else given        # NaN: not given
    if probability is None:
        return None
    p = np.asarray(probability, dtype=float)
    if p.shape != (results.sizes["case"],) or np.any(~(p >= 0)):
        raise ValueError(f"probability: expected {results.sizes['case']} non-negative values, one per case "
                         f"(got {p.tolist() if p.size <= 8 else p.shape})")
    return p


def fatigue_dataset(results: "xr.Dataset", settings: FatigueSettings | None = None,
                    probability: ArrayLike | None = None) -> "xr.Dataset":
    """Spectral fatigue of every load channel and case, and the lifetime totals.

    Parameters
    ----------
    results : xarray.Dataset
        From :meth:`raft_sim.model.Model.analyze` (needs ``omega``, ``case`` and the
        ``*_psd`` variables; ``error`` marks failed cases).
    settings : FatigueSettings, optional
        Lifetime, N_eq and S-N curves (default: 20 years, 1e7 cycles, slope-only curves).
    probability : array_like, shape (case,), optional
        Fraction of the lifetime in each case [-] (default: ``results["probability"]``
        if present). Without it, there are no lifetime totals.

    Returns
    -------
    xarray.Dataset
        Dims ``fatigue_method``, ``case``, ``channel``; variables ``damage_rate``, ``DEL``
        (per case, as if the case lasted the lifetime), and with probabilities
        the ``probability`` case coordinate, ``damage``, ``damage_share``, ``lifetime_damage``,
        ``lifetime_DEL``. Failed cases are NaN and listed in ``missing_cases``.
    """
    import xarray as xr

    settings = settings or FatigueSettings()
    chosen = _selected(fatigue_channels(results), settings)
    keys = [c[0] for c in chosen]
    curves = [c[3] for c in chosen]
    n_case = results.sizes["case"]
    psd = np.stack([c[2] for c in chosen], axis=1) if chosen else np.zeros((n_case, 0, results.sizes["omega"]))
    moments = spectral_moments(psd, results["omega"].values)                 # (case, channel, 4)
    error = results["error"].values.astype(str) if "error" in results else np.full(n_case, "")
    failed = (error != "") | ~np.all(np.isfinite(moments), axis=(1, 2))
    moments = np.where(failed[:, None, None], np.nan, moments)
    unit = np.stack([damage_rate(moments, curves, m, unit_intercept=True) if chosen
                     else np.zeros((n_case, 0)) for m in METHODS])           # (fatigue_method, case, channel)
    has_a = np.array([c.log_a is not None for c in curves], bool)
    life, n_eq = settings.lifetime, settings.reference_cycles
    dims = ("fatigue_method", "case", "channel")
    data = {
        "damage_rate": (dims, np.where(has_a, unit, np.nan),
                        {"units": "1/s", "long_name": "Miner damage per second of the case"}),
        "DEL": (dims, equivalent_range(unit * life, curves, n_eq) if chosen else unit,
                {"units": "channel_units", "long_name": "damage equivalent load (range) at "
                 "reference_cycles, as if the case lasted the lifetime"}),
    }
    p = _probability(results, probability)
    if p is not None:
        data.update(_lifetime(unit, p, failed, curves, has_a, settings))
    coords = {
        **({} if p is None else {"probability": ("case", p, {"long_name": "fraction of the lifetime"})}),
        "fatigue_method": ("fatigue_method", list(METHODS)), "case": results["case"].values,
        "channel": ("channel", np.array(keys, dtype=str)),
        "channel_units": ("channel", np.array([c[1] for c in chosen], dtype=str)),
        "slope": ("channel", np.array([c.m for c in curves], float), {"units": "1"}),
    }
    named = {k for k, _ in settings.curves}
    attrs = {
        "lifetime_s": float(life), "lifetime_years": float(life / (365.25 * 86400.0)),
        "reference_cycles": float(n_eq), "method": settings.method,
        "missing_cases": ", ".join(str(c) for c in results["case"].values[failed]),
        "missing_channels": ", ".join(sorted(named - set(keys))),
        "probability_covered": float(p[~failed].sum()) if p is not None else float("nan"),
    }
    return xr.Dataset(data, coords=coords, attrs=attrs)


def _lifetime(unit, p, failed, curves, has_a, settings):
    """Probability-weighted damage, shares and lifetime DEL over the cases that ran."""
    life, n_eq = settings.lifetime, settings.reference_cycles
    weight = np.where(failed, 0.0, p)[None, :, None]
    contribution = np.where(failed[None, :, None], np.nan, unit * weight * life)
    total = np.nansum(contribution, axis=1)                                   # (fatigue_method, channel)
    share = np.divide(contribution, total[:, None, :], out=np.zeros_like(contribution),
                      where=total[:, None, :] > 0)
    share = np.where(failed[None, :, None], np.nan, share)
    nan_no_a = lambda x: np.where(has_a, x, np.nan)  # noqa: E731 -- damage needs the intercept
    return {
        "damage": (("fatigue_method", "case", "channel"), nan_no_a(contribution),
                   {"units": "1", "long_name": "damage of the case over its share of the lifetime"}),
        "damage_share": (("fatigue_method", "case", "channel"), share,
                         {"units": "1", "long_name": "fraction of the lifetime damage from the case"}),
        "lifetime_damage": (("fatigue_method", "channel"), nan_no_a(total),
                            {"units": "1", "long_name": "lifetime Miner damage (cases that ran)"}),
        "lifetime_DEL": (("fatigue_method", "channel"), equivalent_range(total, curves, n_eq),
                         {"units": "channel_units", "long_name": "lifetime damage equivalent load "
                          "(range) at reference_cycles"}),
    }
