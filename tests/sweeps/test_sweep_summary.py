"""A variant's summary, built straight from the case results, against the full results Dataset.

SOURCE: docs/sweeps.md -- the sweep Dataset holds, per variant, the statistics of the
results Dataset (docs/outputs.md) and the fatigue stage's DEL and lifetime damage in the
design's method (docs/fatigue.md). The summary skips the spectra and RAOs, so it is built
without the full Dataset; here it is checked against that Dataset, variable by variable:
same values (exactly: the same arithmetic), dims and attributes.
"""
from __future__ import annotations

import warnings

import numpy as np
import xarray as xr

from tests.design.tiny_design import tiny_scatter_design
from tests.sweeps.sweep_helpers import OC3


def _from_full_dataset(results: xr.Dataset, fatigue: xr.Dataset) -> dict:
    """The variables a summary keeps, read from the full Dataset and its fatigue stage."""
    out = {n: v for n, v in results.variables.items()
           if "stat" in v.attrs and "channel" in v.attrs and n not in results.coords}
    out["converged"] = results.variables["converged"]
    out["case_error"] = results.variables["error"]
    row = list(fatigue["fatigue_method"].values).index(fatigue.attrs["method"])
    for name in ("DEL", "lifetime_DEL", "lifetime_damage"):
        if name in fatigue:
            var = fatigue.variables[name]
            out[name] = xr.Variable(var.dims[1:], var.values[row],
                                    {**var.attrs, "fatigue_method": fatigue.attrs["method"]})
    return out


def _check(design_doc, base_dir=None, monkeypatch=None, fail_case=None):
    from raft_sim.design.load import design_from_dict
    from raft_sim.model import Model
    from raft_sim.results.fatigue_dataset import fatigue_dataset
    from raft_sim.sweeps.evaluate import summarize
    from raft_sim.system.run import run_cases
    design = design_from_dict(design_doc, base_dir=base_dir)
    model = Model(design)
    if fail_case is not None:  # fault injection: one case raises
        import raft_sim.system.case as case_module
        original = case_module._analyze_batch

        def broken(prepared, batch, n_waves):
            if any(c is design.cases[fail_case] for c in batch):
                raise RuntimeError("injected failure")
            return original(prepared, batch, n_waves)
        monkeypatch.setattr(case_module, "_analyze_batch", broken)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        full = model.analyze()
        omega, results = run_cases(model.prepared, design.cases)
    periods = model.natural_frequencies().dof_periods
    summary = summarize(omega, results, periods, model.mass.mass, design.fatigue,
                        {"design": design.name}).to_dataset()
    expected = _from_full_dataset(full, fatigue_dataset(full, design.fatigue))
    assert set(summary.data_vars) == set(expected) | {"natural_period", "mass"}
    for name, var in expected.items():
        xr.testing.assert_identical(summary.variables[name], var)
    kept = [c for c in full.coords if full.variables[c].dims
            and set(full.variables[c].dims) <= {"case", "dof", "line"}]
    assert set(summary.coords) == set(kept) | {"channel", "channel_units", "slope"}
    for name in kept:
        xr.testing.assert_identical(summary.variables[name], full.variables[name])
    np.testing.assert_array_equal(summary["natural_period"].values,
                                  [periods[d] for d in summary["dof"].values])
    assert summary.attrs["design"] == design.name
    return summary


def test_summary_of_a_turbine_with_wind_and_parked_cases():
    # OC3 with its shipped cases (operating in wind, parked): rotor channels with zeros where
    # the rotor does not respond, mooring lines as components.
    from raft_sim.sweeps.api import read_document
    doc, base, _ = read_document(OC3)
    doc["settings"] = {**doc.get("settings", {}), "min_freq": 0.01, "max_freq": 0.3, "refine_grid": False}
    summary = _check(doc, base)
    assert "rotor_speed_std" in summary and "lifetime_damage" not in summary  # no probabilities


def test_summary_with_probabilities_and_a_failed_case(monkeypatch):
    # tiny moored cylinder in three sea states with probabilities: lifetime DEL and damage;
    # the second case fails (NaN, recorded), the others kept.
    summary = _check(tiny_scatter_design(), monkeypatch=monkeypatch, fail_case=1)
    assert "lifetime_DEL" in summary
    assert summary["case_error"].values[1] == "RuntimeError: injected failure"
    assert np.isnan(summary["motion_std"].values[1]).all()
    assert np.isfinite(summary["lifetime_DEL"].values).all()
