"""The JSON summary straight from case results equals the Dataset's (raft-sim run --json)."""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np

import raft_sim
from raft_sim.design.objects import Case, SeaState

REPO = Path(__file__).resolve().parents[2]


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
    assert fast.keys() == slow.keys() and fast["units"] == slow["units"]
    for a, b in zip(fast["cases"], slow["cases"]):
        assert list(a) == list(b)
        flat_a, flat_b = json.dumps(a, sort_keys=True), json.dumps(b, sort_keys=True)
        if flat_a != flat_b:  # numbers equal to rounding
            for key in a:
                np.testing.assert_allclose(np.array(_leaves(a[key]), float),
                                           np.array(_leaves(b[key]), float), rtol=1e-12)


def _leaves(value):
    if isinstance(value, dict):
        return [x for v in value.values() for x in _leaves(v)]
    if isinstance(value, list):
        return [x for v in value for x in _leaves(v)]
    return [np.nan if value is None else value] if isinstance(value, (int, float)) or value is None else []
