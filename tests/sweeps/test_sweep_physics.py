"""Physics seen through a sweep: mooring line length and ballast (serial, in-process)."""
from __future__ import annotations

import math

import numpy as np
import pytest
from sweep_helpers import small_document

from raft_sim.sweeps.api import sweep


@pytest.fixture(scope="module")
def volturn():
    return small_document(n_freq=10)


def test_surge_period_grows_with_line_length(volturn):
    # SOURCE: catenary statics (Irvine, "Cable Structures", 1981): a longer line of the same
    # anchor spacing hangs slacker, so the horizontal mooring stiffness falls and the surge
    # natural period T = 2 pi sqrt((m + A11) / K11) rises; the mass does not change.
    doc, base = volturn
    ds = sweep(doc, {"mooring.lines[*].length": "830,850,870"}, workers=0, base_dir=base)
    assert (ds["variant_status"] == "ok").all()
    surge = ds["natural_period"].sel(dof="surge").values
    assert np.all(np.diff(surge) > 0.05 * surge[:-1]), surge  # each step +2.4 % length: > +5 % period
    np.testing.assert_allclose(ds["mass"].values, ds["mass"].values[0], rtol=1e-12)
    assert ds["mooring_lines_length"].attrs["path"] == "mooring.lines[*].length"


def test_ballast_sweep_mass_and_heave_period(volturn):
    # SOURCE: hand computation from designs/platforms/VolturnUS-S.yaml: the slurry ballast
    # fills the inner diameter d - 2t = 12.5 - 2 * 0.0447 m of each of the 3 outer columns
    # over l_fill = 1.40 m, so a density change d_rho changes the mass by
    # 3 * pi/4 * (d - 2t)^2 * 1.40 * d_rho. Heave: T^2 = 4 pi^2 (m + A33) / C33 with the
    # waterplane stiffness C33 = rho g A_wp of 3 columns of 12.5 m and one of 10 m; the
    # columns are vertical, so C33 and the strip added mass A33 do not change with draft and
    # C33 (T1^2 - T0^2) / 4 pi^2 = delta m (mooring heave stiffness ~1 % of C33: 2 % tolerance).
    doc, base = volturn
    ds = sweep(doc, {"platform.members[outer_column].rho_fill[0]": "x0.8,1,1.2"}, workers=0,
               base_dir=base)
    assert (ds["variant_status"] == "ok").all()
    factors = ds["platform_members_outer_column_rho_fill_0"].values
    volume = 3 * math.pi / 4 * (12.5 - 2 * 0.0447) ** 2 * 1.40
    expected = volume * 5000.0 * (factors - 1.0)
    np.testing.assert_allclose(ds["mass"].values - ds["mass"].values[1], expected, rtol=1e-6)
    c33 = 1025.0 * 9.80665 * math.pi / 4 * (3 * 12.5**2 + 10.0**2)
    heave = ds["natural_period"].sel(dof="heave").values
    inertia = c33 * (heave / (2 * math.pi)) ** 2
    np.testing.assert_allclose(inertia - inertia[1], expected, rtol=0.02)
    assert np.all(np.diff(heave) > 0)


def test_invalid_variant_is_recorded_and_the_others_run(volturn):
    # SOURCE: issue 9: every variant is validated by the loader; an invalid one is recorded
    # with the loader's path-named error and the others run.
    doc, base = volturn
    ds = sweep(doc, {"site.water_depth": "-5,200"}, workers=0, base_dir=base)
    assert list(ds["variant_status"].values) == ["invalid", "ok"]
    assert str(ds["variant_error"].values[0]).startswith("site.water_depth: ")
    assert np.isnan(ds["natural_period"].values[0]).all()
    assert np.isfinite(ds["natural_period"].values[1]).all()


def test_models_shared_by_case_sweeps_give_the_fresh_results(volturn):
    # SOURCE: design: a variant that differs only in its cases reuses the prepared model of
    # an earlier one (sweeps.evaluate.prepared_model); its summary must equal a fresh run's.
    import xarray as xr

    from raft_sim.sweeps import evaluate
    from raft_sim.sweeps.api import parameters_from
    from raft_sim.sweeps.plan import make_plan
    doc, base = volturn
    plan = make_plan(doc, parameters_from({"cases.wave_height": "2,5"}), base_dir=base)
    cache = evaluate.reuse_cache()
    cache.clear()
    fresh = evaluate.evaluate_variant(plan.task(1))
    cache.clear()
    evaluate.evaluate_variant(plan.task(0))
    shared = evaluate.evaluate_variant(plan.task(1))
    assert cache.hits.get("model") == 1
    assert fresh.status == shared.status == "ok"
    xr.testing.assert_identical(fresh.result.to_dataset(), shared.result.to_dataset())


def test_sweep_dataset_holds_the_dels_and_lifetime_of_each_variant(volturn):
    # SOURCE: issue 9 scope 4 (the sweep Dataset holds the DELs and lifetime damage of the
    # fatigue stage); each variant's values equal the fatigue stage of a direct run of that
    # variant's design (results.fatigue_dataset, its reported method), to 1e-12.
    import copy

    from raft_sim.design.load import design_from_dict
    from raft_sim.model import Model
    from raft_sim.results.fatigue_dataset import fatigue_dataset
    doc, base = copy.deepcopy(volturn[0]), volturn[1]
    keys, row = doc["cases"]["keys"], doc["cases"]["data"][0]
    doc["cases"] = {"keys": keys + ["probability"], "data": [row + [0.7], row + [0.3]]}
    doc["cases"]["data"][1][keys.index("wave_height")] = 6.0
    doc["fatigue"] = {"lifetime": 25, "method": "tovo_benasciutti",
                      "curves": {"tower_base_fore_aft": {"m": 4, "log_a": 17.0}}}
    ds = sweep(doc, {"mooring.lines[*].length": "830,870"}, workers=0, base_dir=base)
    assert (ds["variant_status"] == "ok").all()
    assert ds["DEL"].dims == ("mooring_lines_length", "case", "channel")
    assert ds["lifetime_damage"].attrs["fatigue_method"] == "tovo_benasciutti"
    for length in (830, 870):
        variant = copy.deepcopy(doc)
        for line in variant["mooring"]["lines"]:
            line["length"] = length
        design = design_from_dict(variant, base_dir=base)
        direct = fatigue_dataset(Model(design).analyze(), design.fatigue).sel(fatigue_method="tovo_benasciutti")
        got = ds.sel(mooring_lines_length=length)
        for name in ("DEL", "lifetime_DEL", "lifetime_damage"):
            np.testing.assert_allclose(got[name].sel(channel=direct["channel"]).values,
                                       direct[name].values, rtol=1e-12)
    damage = ds["lifetime_damage"].sel(channel="tower_base_fore_aft").values
    assert np.all(np.isfinite(damage)) and np.all(damage > 0)


def test_ranking_table_prints_rotations_in_degrees_and_json_stays_si(volturn):
    # SOURCE: brief (degrees only at the edges: tables) and results.dataset.EDGE_UNITS, as the
    # printed `run` tables; the JSON ranking (rank.ranking) stays SI.
    from raft_sim.sweeps.rank import ranking, ranking_text
    doc, base = volturn
    ds = sweep(doc, {"mooring.lines[*].length": "830,870"}, workers=0, base_dir=base)
    best = ranking(ds, "std.pitch", top=1)[0]
    text = ranking_text(ds, "std.pitch", top=1).splitlines()
    assert text[1].endswith("std.pitch [deg]")
    assert float(text[2].split()[-1]) == pytest.approx(math.degrees(best["std.pitch"]), rel=1e-5)
    assert best["std.pitch"] < 0.1  # rad
