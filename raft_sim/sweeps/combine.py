"""Per-variant summaries -> one Dataset with the swept parameters as dimensions.

Grid: one dimension per parameter, named ``Parameter.name``, coordinates the values (or
scale factors) in the order given. Zip: one ``variant`` dimension with one coordinate per
parameter. Every variant has ``status`` and ``variant_error``; variants without results
(invalid, failed before analysis) hold NaN (False for ``converged``, '' for strings).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from raft_sim.sweeps.plan import Plan

if TYPE_CHECKING:
    import xarray as xr


def _blank(template: "xr.Dataset") -> "xr.Dataset":
    """A summary with no values: NaN, False or ''."""
    out = template.copy(deep=True)
    for name, var in template.data_vars.items():
        kind = var.dtype.kind
        fill = False if kind == "b" else "" if kind in "US" else np.nan
        out[name] = var.copy(data=np.full(var.shape, fill, dtype=var.dtype if kind in "bUS" else float))
    return out


def _parameter_coords(plan: Plan, dim_of) -> dict:
    coords = {}
    assignments = plan.assignments()
    for i, param in enumerate(plan.parameters):
        attrs = {"path": param.path,
                 "long_name": f"scale factor on {param.path}" if param.values.scale else param.path,
                 "units": "1" if param.values.scale else "as in the design file"}
        values = (list(param.values.values) if not plan.zip else [a[i] for a in assignments])
        coords[param.name] = (dim_of(param), np.asarray(values), attrs)
    return coords


def combine(plan: Plan, records: dict, load) -> "xr.Dataset":
    """One Dataset of all variants.

    Parameters
    ----------
    plan : Plan
    records : dict of int to dict
        Manifest records by variant index (``status``, ``error``, ``has_result``).
    load : callable
        ``load(index)`` -> that variant's summary Dataset.

    Returns
    -------
    xarray.Dataset
        Summary variables with the parameter dims in front, plus ``status`` and
        ``variant_error``; attrs ``sweep_mode`` (grid or zip) and the design's attrs.
    """
    import xarray as xr

    n = len(plan)
    loaded = {i: load(i) for i in sorted(records) if records[i].get("has_result")}
    template = next(iter(loaded.values()), None)
    blank = _blank(template) if template is not None else xr.Dataset()
    parts = [loaded.get(i, blank) for i in range(n)]
    stacked = xr.concat(parts, dim="variant", data_vars="all", coords="minimal",
                        compat="override", join="outer", combine_attrs="override") \
        if template is not None else xr.Dataset(coords={"variant": np.arange(n)})
    status = np.array([records.get(i, {}).get("status", "missing") for i in range(n)], dtype=str)
    errors = np.array([records.get(i, {}).get("error", "not computed") for i in range(n)], dtype=str)
    stacked = stacked.assign(
        status=("variant", status, {"long_name": "ok, invalid (refused by the loader), failed or missing"}),
        variant_error=("variant", errors, {"long_name": "why the variant is not ok (empty if ok)"}))
    attrs = {**(template.attrs if template is not None else {}),
             "sweep_mode": "zip" if plan.zip else "grid",
             "sweep_parameters": ", ".join(p.path for p in plan.parameters)}
    if plan.zip:
        out = stacked.assign_coords(_parameter_coords(plan, lambda p: "variant"))
        out = out.assign_coords(variant=("variant", np.arange(n), {"long_name": "variant index"}))
    else:
        out = _unflatten(stacked, plan)
    out.attrs = attrs
    return out


def _unflatten(stacked: "xr.Dataset", plan: Plan) -> "xr.Dataset":
    """The ``variant`` dim split into one dim per parameter (C order)."""
    import xarray as xr

    dims = tuple(p.name for p in plan.parameters)
    shape = plan.shape
    data = {}
    for name, var in stacked.data_vars.items():
        rest = [d for d in var.dims if d != "variant"]
        var = var.transpose("variant", *rest)
        values = var.values.reshape(shape + var.shape[1:])
        data[name] = (dims + tuple(rest), values, var.attrs)
    coords = {k: v for k, v in stacked.coords.items() if "variant" not in v.dims}
    coords.update(_parameter_coords(plan, lambda p: p.name))
    return xr.Dataset(data, coords=coords)
