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
from raft_sim.design.fatigue import YEAR, channel_key
from raft_sim.design.objects import FatigueSettings
from raft_sim.results.fatigue import METHODS
from raft_sim.results.fatigue_lifetime import fatigue_arrays, select_channels

if TYPE_CHECKING:
    import xarray as xr

ATTRS = {
    "damage_rate": {"units": "1/s", "long_name": "Miner damage per second of the case"},
    "DEL": {"units": "channel_units", "long_name": "damage equivalent load (range) at "
            "reference_cycles, as if the case lasted the lifetime"},
    "damage": {"units": "1", "long_name": "damage of the case over its share of the lifetime"},
    "damage_share": {"units": "1", "long_name": "fraction of the lifetime damage from the case"},
    "lifetime_damage": {"units": "1", "long_name": "lifetime Miner damage (cases that ran)"},
    "lifetime_DEL": {"units": "channel_units", "long_name": "lifetime damage equivalent load "
                     "(range) at reference_cycles"},
    "slope": {"units": "1"},
}
"""Attributes of the fatigue variables (and of the ``slope`` coordinate)."""
DIMS = {"damage_rate": ("fatigue_method", "case", "channel"),
        "DEL": ("fatigue_method", "case", "channel"),
        "damage": ("fatigue_method", "case", "channel"),
        "damage_share": ("fatigue_method", "case", "channel"),
        "lifetime_damage": ("fatigue_method", "channel"),
        "lifetime_DEL": ("fatigue_method", "channel")}
"""Dims of the fatigue variables."""
LIFETIME = ("damage", "damage_share", "lifetime_damage", "lifetime_DEL")
"""The variables that need every case's probability."""


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
    chosen = select_channels(fatigue_channels(results), settings)
    keys = [c[0] for c in chosen]
    curves = [c[3] for c in chosen]
    n_case = results.sizes["case"]
    psd = np.stack([c[2] for c in chosen], axis=1) if chosen else np.zeros((n_case, 0, results.sizes["omega"]))
    error = results["error"].values.astype(str) if "error" in results else np.full(n_case, "")
    p = _probability(results, probability)
    arrays = fatigue_arrays(psd, results["omega"].values, curves, settings, error != "", p)
    failed = arrays["failed"]
    data = {name: (DIMS[name], arrays[name], ATTRS[name]) for name in ("damage_rate", "DEL")}
    if p is not None:
        data.update({name: (DIMS[name], arrays[name], ATTRS[name]) for name in LIFETIME})
    life, n_eq = settings.lifetime, settings.reference_cycles
    coords = {
        **({} if p is None else {"probability": ("case", p, {"long_name": "fraction of the lifetime"})}),
        "fatigue_method": ("fatigue_method", list(METHODS)), "case": results["case"].values,
        "channel": ("channel", np.array(keys, dtype=str)),
        "channel_units": ("channel", np.array([c[1] for c in chosen], dtype=str)),
        "slope": ("channel", np.array([c.m for c in curves], float), ATTRS["slope"]),
    }
    named = {k for k, _ in settings.curves}
    attrs = {
        "lifetime_s": float(life), "lifetime_years": float(life / YEAR),
        "reference_cycles": float(n_eq), "method": settings.method,
        "missing_cases": ", ".join(str(c) for c in results["case"].values[failed]),
        "missing_channels": ", ".join(sorted(named - set(keys))),
        "probability_covered": float(p[~failed].sum()) if p is not None else float("nan"),
    }
    return xr.Dataset(data, coords=coords, attrs=attrs)


def with_fatigue(results: "xr.Dataset", fatigue: "xr.Dataset") -> "xr.Dataset":
    """The results with the fatigue variables merged in, for one netCDF file (``run -o``).

    Parameters
    ----------
    results : xarray.Dataset
        From :meth:`raft_sim.model.Model.analyze` (keeps its attributes).
    fatigue : xarray.Dataset
        :func:`fatigue_dataset` of ``results``.

    Returns
    -------
    xarray.Dataset
        ``results`` plus the fatigue dims, coordinates and variables (the results'
        ``probability`` coordinate is kept) and the fatigue attributes prefixed
        ``fatigue_`` (``method`` as ``fatigue_reported_method``, since ``fatigue_method``
        is the dim).
    """
    extra = fatigue.drop_vars("probability", errors="ignore")
    extra.attrs = {}
    attrs = {("fatigue_reported_method" if k == "method" else f"fatigue_{k}"): v
             for k, v in fatigue.attrs.items()}
    return results.merge(extra, compat="no_conflicts", combine_attrs="override").assign_attrs(attrs)
