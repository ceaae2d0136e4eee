"""The best variants of a sweep by one metric, as a table and as JSON.

A METRIC is ``STAT.WHAT``: ``std.pitch``, ``max.surge`` (platform motions, from the
statistic variables with ``channel == "dof"``), ``std.tower_base_moment``,
``max.mooring_tension`` (a channel, by name or JSON key such as ``Mbase``), or
``VARIABLE.COMPONENT`` / ``VARIABLE`` for any other variable (``natural_period.surge``,
``mass``, ``DEL.tower_base_fore_aft``, ``lifetime_DEL.mooring_line1_fairlead``). Statistic variables are found through their ``stat`` and ``channel`` attrs.
The metric is reduced to one number per variant by its maximum over cases and
components (the worst case); lower ranks better, or higher with a leading ``-``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from raft_sim.design.errors import DesignError

if TYPE_CHECKING:
    import xarray as xr


def _stat_variable(ds: "xr.Dataset", stat: str, channel: str):
    for var in ds.data_vars.values():
        attrs = var.attrs
        if attrs.get("stat") == stat and channel in (attrs.get("channel"), attrs.get("json_key")):
            return var
    return None


SUMMARY_VARIABLES = ("natural_period", "mass", "DEL")


def check_metric(text: str) -> None:
    """Refuse, before a sweep runs, a METRIC that cannot name anything in its Dataset.

    Accepted: ``STAT.WHAT`` with a statistic name of :data:`raft_sim.results.dataset.STATS`,
    a summary variable (``natural_period.surge``, ``mass``), or any other variable name
    containing ``_`` (``tower_base_moment_std.line1``); the rest is checked on the Dataset.
    """
    from raft_sim.results.dataset import STATS
    head, dot, tail = text.lstrip("-").partition(".")
    if (head in STATS and tail) or head in SUMMARY_VARIABLES or ("_" in head and head.strip("_")):
        return
    raise DesignError("--rank", f"unknown metric {text!r} (STAT.WHAT with STAT one of "
                      f"{', '.join(STATS)}, e.g. std.pitch, max.surge; or natural_period.surge, mass)")


def metric(ds: "xr.Dataset", text: str, parameter_dims) -> "xr.DataArray":
    """The metric ``text`` per variant (dims: the parameter dims).

    Raises
    ------
    DesignError
        A metric that names nothing in the Dataset (naming ``--rank``).
    """
    head, _, tail = text.lstrip("-").partition(".")
    var = None
    if tail and "dof" in ds.dims and tail in ds["dof"].values:
        var = _stat_variable(ds, head, "dof")
        var = var.sel(dof=tail) if var is not None else None
    if var is None and tail:
        var = _stat_variable(ds, head, tail)
    if var is None and head in ds.data_vars and ds[head].dtype.kind == "f":
        var = ds[head]
        if tail:
            dims = [d for d in var.dims if d not in parameter_dims and tail in ds[d].values]
            var = var.sel({dims[0]: tail}) if dims else None
    if var is None:
        stats = sorted({v.attrs["stat"] for v in ds.data_vars.values() if "stat" in v.attrs})
        raise DesignError("--rank", f"unknown metric {text!r} (examples: std.pitch, max.surge, "
                          f"std.tower_base_moment, natural_period.surge; stats: {', '.join(stats)})")
    rest = [d for d in var.dims if d not in parameter_dims]
    return var.max(dim=rest, skipna=True) if rest else var


def ranking(ds: "xr.Dataset", text: str, top: int = 10) -> list[dict]:
    """The ``top`` best variants by metric ``text``: ``[{parameter: value, ..., metric: v}]``."""
    dims = [d for d in ds["variant_status"].dims]
    values = metric(ds, text, dims).transpose(*dims)
    flat = values.values.reshape(-1)
    ok = (ds["variant_status"].transpose(*dims).values.reshape(-1) == "ok") & np.isfinite(flat)
    order = np.argsort(-flat if text.startswith("-") else flat, kind="stable")
    rows = []
    coords = _coords_per_variant(ds, dims)
    for i in [i for i in order if ok[i]][:top]:
        rows.append({**{k: _plain(v[i]) for k, v in coords.items()}, text.lstrip("-"): float(flat[i])})
    return rows


def _coords_per_variant(ds, dims) -> dict:
    """Parameter values of every variant (flattened in the order of ``dims``)."""
    names = [c for c in ds.coords if "path" in ds[c].attrs]
    grids = np.meshgrid(*[ds[d].values for d in dims], indexing="ij") if dims != ["variant"] else None
    out = {}
    for name in names:
        if grids is None:
            out[name] = ds[name].values
        else:
            out[name] = grids[dims.index(name)].reshape(-1)
    return out


def _plain(value):
    return value.item() if hasattr(value, "item") else value


def summary_json(ds: "xr.Dataset", text: str | None, top: int = 10) -> dict:
    """Plain JSON of a sweep: parameters, per-variant status, and the ranking."""
    dims = list(ds["variant_status"].dims)
    coords = _coords_per_variant(ds, dims)
    status = ds["variant_status"].transpose(*dims).values.reshape(-1)
    errors = ds["variant_error"].transpose(*dims).values.reshape(-1)
    variants = [{"parameters": {k: _plain(v[i]) for k, v in coords.items()},
                 "status": str(status[i]), "error": str(errors[i]) or None}
                for i in range(status.size)]
    out = {"parameters": {c: {"path": ds[c].attrs["path"], "values": ds[c].values.tolist()}
                          for c in coords},
           "mode": ds.attrs.get("sweep_mode"), "variants": variants,
           "failed": int(np.sum(status != "ok"))}
    if text:
        out["rank"] = {"metric": text, "best": ranking(ds, text, top)}
    return out


def metric_unit(ds: "xr.Dataset", text: str) -> str:
    """Unit of a metric (SI; per DOF from the ``dof_units`` coordinate), or "" if unknown."""
    head, _, tail = text.lstrip("-").partition(".")
    motion = tail and "dof" in ds.dims and tail in ds["dof"].values and \
        _stat_variable(ds, head, "dof") is not None
    if motion and "dof_units" in ds.coords:
        return str(ds["dof_units"].sel(dof=tail).item()) if head != "tz" else "s"
    var = _stat_variable(ds, head, tail) if tail and not motion else None
    var = ds[head] if var is None and head in ds.data_vars else var
    return str(var.attrs.get("units", "")) if var is not None else ""


def ranking_text(ds: "xr.Dataset", text: str, top: int = 10) -> str:
    """The ranking as an aligned text table, the metric in the units of the printed tables
    (:data:`raft_sim.results.dataset.EDGE_UNITS`: rad as deg, rad/s as rpm; ``--json`` and
    :func:`ranking` stay SI), its column naming the unit."""
    from raft_sim.results.dataset import EDGE_UNITS
    rows = ranking(ds, text, top)
    if not rows:
        return f"no successful variant to rank by {text}"
    unit = metric_unit(ds, text)
    if unit:
        name = text.lstrip("-")
        shown, factor = EDGE_UNITS.get(unit, (unit, 1.0))
        rows = [{**{k: v for k, v in r.items() if k != name}, f"{name} [{shown}]": r[name] * factor}
                for r in rows]
    keys = list(rows[0])
    cells = [[f"{r[k]:.6g}" if isinstance(r[k], float) else str(r[k]) for k in keys] for r in rows]
    widths = [max(len(k), *(len(c[j]) for c in cells)) for j, k in enumerate(keys)]
    lines = [f"best {len(rows)} variants by {text} (max over cases; "
             f"{'higher' if text.startswith('-') else 'lower'} is better)",
             "  ".join(k.rjust(w) for k, w in zip(keys, widths))]
    lines += ["  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in cells]
    return "\n".join(lines)
