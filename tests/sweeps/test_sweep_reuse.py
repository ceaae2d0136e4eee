"""What a sweep reuses between variants: the content cache, and results equal to the
uncached path (a direct ``Model(design).analyze()`` of the same variant design)."""
from __future__ import annotations

import warnings

import numpy as np
import pytest
import xarray as xr
from sweep_helpers import VOLTURN, small_document

from raft_sim.system.reuse import ContentCache, content_key


def test_content_cache_keys_by_content_bounded_and_replays_warnings():
    # SOURCE: design (system/reuse.py): equal content hits whatever the object; other content
    # misses; at most `size` entries per kind, least recently used dropped; a warning raised
    # while computing is raised again on every hit.
    cache = ContentCache(size=2)
    calls = []

    def compute(tag):
        def run():
            calls.append(tag)
            warnings.warn(f"from {tag}", UserWarning)
            return [tag]
        return run

    with pytest.warns(UserWarning, match="from a"):
        first = cache.get("k", {"x": np.arange(3.0)}, compute("a"))
    with pytest.warns(UserWarning, match="from a"):
        again = cache.get("k", {"x": np.arange(3.0)}, compute("b"))  # equal content, new object
    assert again is first and calls == ["a"]
    with pytest.warns(UserWarning):
        cache.get("k", {"x": np.array([0.0, 1.0, 2.0 + 1e-9])}, compute("c"))
        cache.get("other kind", {"x": np.arange(3.0)}, compute("d"))
        cache.get("k", {"x": np.arange(4.0)}, compute("e"))  # third entry of "k": "a" dropped
        cache.get("k", {"x": np.arange(3.0)}, compute("f"))
    assert calls == ["a", "c", "d", "e", "f"]
    assert cache.hits == {"k": 1} and cache.misses == {"k": 4, "other kind": 1}
    assert content_key((1.0, "a")) == content_key((1.0, "a")) != content_key((1.0, "b"))


def _values_close(name, reused, fresh):
    a, b = reused[name], fresh[name]
    assert a.dims == b.dims and a.attrs == b.attrs, name
    if a.dtype.kind in "fc":
        np.testing.assert_allclose(a.values, b.values, rtol=1e-12, atol=0, equal_nan=True, err_msg=name)
    else:
        np.testing.assert_array_equal(a.values, b.values, err_msg=name)


def test_reused_parts_give_the_uncached_results_of_a_direct_run():
    # SOURCE: issue 9 / sweeps brief: physics must not change with the caches; every variable
    # of a variant's summary equals, to 1e-12, the summary of a direct
    # Model(load(variant)).analyze() with nothing cached. A 2 x 2 line length x ballast grid
    # of VolturnUS-S with a parked and an operating case, evaluated in order in this process
    # (length, ballast) = (L0, B0), (L0, B1), (L1, B0), (L1, B1): the 2nd and 4th reuse the
    # mooring, the 3rd and 4th the hull strips, hydrostatics and mass (ballast is part of the
    # members' content), the 2nd to 4th the rotor (the counts are checked too).
    from raft_sim.aero import bem
    from raft_sim.design.load import design_from_dict
    from raft_sim.model import Model
    from raft_sim.sweeps import evaluate
    from raft_sim.sweeps.api import parameters_from, read_document
    from raft_sim.sweeps.plan import make_plan
    from raft_sim.system.run import run_cases
    doc, base = small_document(VOLTURN, n_freq=12)
    full, _, _ = read_document(VOLTURN)
    doc["cases"] = {"keys": full["cases"]["keys"], "data": full["cases"]["data"][:2]}
    plan = make_plan(doc, parameters_from({
        "mooring.lines[*].length": "830,870",
        "platform.members[outer_column].rho_fill[0]": "x0.9,1.1"}), base_dir=base)
    cache = evaluate.reuse_cache()
    cache.clear()
    reused = [evaluate.evaluate_variant(plan.task(i)) for i in range(len(plan))]
    assert [o.status for o in reused] == ["ok"] * 4
    assert cache.hits["mooring"] == 2 and cache.hits["strips"] == 2
    assert cache.hits["hydrostatics"] == 2 and cache.hits["rotor"] == 3
    assert cache.hits["mass"] == 2 and cache.misses["mass"] == 2
    for outcome in reused:
        bem._blade_elements.cache_clear()
        design = design_from_dict(plan.task(outcome.index).document, base_dir=base)
        model = Model(design)
        omega, results = run_cases(model.prepared, design.cases)
        fresh = evaluate.summarize(omega, results, model.natural_frequencies().dof_periods,
                                   model.mass.mass, attrs={"design": design.name}).to_dataset()
        result = outcome.result.to_dataset()
        assert set(result.variables) == set(fresh.variables)
        assert result.attrs == fresh.attrs
        for name in fresh.variables:
            _values_close(name, result, fresh)


def test_numpy_stacking_equals_xarray_concat():
    # SOURCE: xarray.concat(data_vars="all", coords="different", compat="equals",
    # join="outer", combine_attrs="override") is what combine.stack_variants stands in for:
    # a swept case column (a coordinate that differs between variants) and an invalid
    # variant (a blank) included.
    from raft_sim.sweeps import evaluate
    from raft_sim.sweeps.api import parameters_from
    from raft_sim.sweeps.combine import stack_variants
    from raft_sim.sweeps.plan import make_plan
    doc, base = small_document(VOLTURN, n_freq=8)
    plan = make_plan(doc, parameters_from({"cases.wave_height": "2,5", "site.water_depth": "-5,200"}),
                     base_dir=base)
    outcomes = [evaluate.evaluate_variant(plan.task(i)) for i in range(len(plan))]
    assert [o.status for o in outcomes] == ["invalid", "ok", "invalid", "ok"]
    blank = outcomes[1].result.blank()
    summaries = [o.result if o.result is not None else blank for o in outcomes]
    fast = stack_variants(summaries)
    parts = [summary.to_dataset() for summary in summaries]
    slow = xr.concat(parts, dim="variant", data_vars="all", coords="different", compat="equals",
                     join="outer", combine_attrs="override")
    xr.testing.assert_identical(fast, slow)
    assert {n: v.dtype for n, v in fast.variables.items()} == {n: v.dtype for n, v in slow.variables.items()}
    # Dataset parts (a custom evaluate, parts of the previous release) stack the same way
    xr.testing.assert_identical(stack_variants([parts[0], summaries[1], parts[2], summaries[3]]), fast)
    ok = stack_variants(summaries[1::2])  # no blank: a case column not swept stays unstacked
    xr.testing.assert_identical(ok, xr.concat(parts[1::2], dim="variant", data_vars="all",
                                              coords="different", compat="equals", join="outer",
                                              combine_attrs="override"))
    assert "variant" in ok["wave_height"].dims and "variant" not in ok["wave_period"].dims
