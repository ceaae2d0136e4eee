"""The JSON summary straight from case results equals the Dataset's (raft-sim run --json)."""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pytest

import raft_sim
from raft_sim.design.objects import Case, FatigueSettings, SNCurve, SeaState

REPO = Path(__file__).resolve().parents[2]
FATIGUE_KEYS = ("fatigue", "lifetime")
"""Top-level entries of the run summary that stats_to_json (statistics only) does not have."""


def test_run_summary_equals_the_dataset_summary_and_is_valid_json():
    # SOURCE: interface contract (docs/outputs.md): `raft-sim run --json` builds its summary
    # without xarray; it must be the same structure and numbers as stats_to_json(Dataset),
    # including a failed case (nulls) and a case without rotor channels; and strict JSON.
    from raft_sim.results.collect import collect_results
    from raft_sim.results.dataset import stats_to_json
    from raft_sim.results.summary import run_summary
    from raft_sim.system.run import run_cases
    design = raft_sim.load_design(REPO / "designs" / "OC4-DeepCwind_NREL5MW.yaml")
    model = raft_sim.Model(design)
    cases = list(design.cases[:2]) + [Case(waves=(SeaState("jonswap", 1e4, 10.0),))]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        omega, results = run_cases(model.prepared, cases)
    fast = run_summary(omega, results)
    slow = stats_to_json(collect_results(omega, results))
    assert json.loads(json.dumps(fast, allow_nan=False)) == fast
    assert set(fast) - set(FATIGUE_KEYS) == set(slow) and fast["units"] == slow["units"]
    for a, b in zip(fast["cases"], slow["cases"]):
        a = {k: v for k, v in a.items() if k != "DEL"}
        assert list(a) == list(b)
        flat_a, flat_b = json.dumps(a, sort_keys=True), json.dumps(b, sort_keys=True)
        if flat_a != flat_b:  # numbers equal to rounding
            for key in a:
                np.testing.assert_allclose(np.array(_leaves(a[key]), float),
                                           np.array(_leaves(b[key]), float), rtol=1e-12)


def test_run_summary_fatigue_equals_the_fatigue_dataset():
    # SOURCE: interface contract (issue 8, docs/outputs.md): `run --json` computes the DELs
    # without xarray from the case channels' spectra; they must be the numbers of
    # fatigue_dataset on the Dataset of the same results (to 1e-12), per case and for the
    # lifetime, with a failed case listed in missing_cases and a still case (no variance)
    # at DEL 0, never NaN (issue 8 scope 5).
    from dataclasses import replace

    from raft_sim.results.collect import collect_results
    from raft_sim.results.fatigue_dataset import fatigue_dataset
    from raft_sim.results.summary import run_summary
    from raft_sim.system.case import failed_result
    from raft_sim.system.run import run_cases
    design = raft_sim.load_design(REPO / "designs" / "OC4-DeepCwind_NREL5MW.yaml")
    model = raft_sim.Model(design)
    cases = [replace(c, probability=p) for c, p in zip(design.cases[:2], (0.5, 0.3))]
    cases += [replace(design.cases[1], probability=0.15),                        # made to fail
              Case(waves=(SeaState("still"),), probability=0.05)]                 # no variance
    settings = FatigueSettings(lifetime=25 * 365.25 * 86400, method="tovo_benasciutti",
                               curves=(("tower_base_fore_aft", SNCurve(m=3.0, log_a=20.0, m2=5.0)),
                                       ("platform_pitch", SNCurve(m=4.0))))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        omega, results = run_cases(model.prepared, cases)
    n_waves = len(results[0].source) - 1           # fault injection: case 2's analysis failed
    results[2] = failed_result(replace(model.prepared, omega=omega), cases[2], n_waves, "RuntimeError: injected")
    fast = run_summary(omega, results, fatigue=settings)
    fat = fatigue_dataset(collect_results(omega, results), settings).sel(fatigue_method="tovo_benasciutti")
    keys = list(fat["channel"].values)
    assert list(fast["fatigue"]["units"]) == keys and "platform_pitch" in keys
    assert "mooring_line1_fairlead" in keys and "tower_base_fore_aft" in keys
    assert fast["fatigue"]["units"] == dict(zip(keys, fat["channel_units"].values.tolist()))
    for i, entry in enumerate(fast["cases"]):
        got = np.array([np.nan if entry["DEL"][k] is None else entry["DEL"][k] for k in keys])
        np.testing.assert_allclose(got, fat["DEL"].values[i], rtol=1e-12, atol=0)
    assert all(v is None for v in fast["cases"][2]["DEL"].values())
    assert all(v == 0.0 for v in fast["cases"][3]["DEL"].values())
    life = fast["lifetime"]
    assert set(life) == {"years", "damage", "DEL", "missing_cases"} and life["missing_cases"] == [2]
    assert life["years"] == pytest.approx(25.0, rel=1e-15)
    np.testing.assert_allclose([life["DEL"][k] for k in keys], fat["lifetime_DEL"].values, rtol=1e-12)
    assert life["damage"]["tower_base_fore_aft"] == pytest.approx(
        float(fat["lifetime_damage"].sel(channel="tower_base_fore_aft")), rel=1e-12)
    assert life["damage"]["mooring_line1_fairlead"] is None     # slope-only default curve: DEL only
    assert "lifetime" not in run_summary(omega, [replace(results[0], case=design.cases[0])])


def _leaves(value):
    if isinstance(value, dict):
        return [x for v in value.values() for x in _leaves(v)]
    if isinstance(value, list):
        return [x for v in value for x in _leaves(v)]
    return [np.nan if value is None else value] if isinstance(value, (int, float)) or value is None else []
