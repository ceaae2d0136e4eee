"""A 50-condition scatter of VolturnUS-S, end to end: CSV cases -> analysis -> fatigue stage.

The design is the shipped VolturnUS-S on a coarse frequency grid (20 bins, to keep the test
near 3 s) with a parked rotor in 50 JONSWAP sea states plus one calm bin (case 0, still
water), read from a CSV scatter table.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from raft_sim.design.load import design_from_dict
from raft_sim.model import Model
from raft_sim.results.fatigue_dataset import fatigue_dataset

DESIGNS = Path(__file__).resolve().parents[2] / "designs"
W_TOWER = 1.2  # tower-base section modulus assumed for the test [m^3]
LOG_A_CHAIN = 10.0 + 3 * 6.0  # N = 1e10 cycles at a 1 MN range (an illustrative chain curve, N)


@pytest.fixture(scope="module")
def scatter(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scatter")
    hs, tp = np.meshgrid(np.linspace(1.0, 5.5, 10), np.linspace(6.0, 14.0, 5), indexing="ij")
    weight = np.exp(-((hs - 2.0) ** 2) / 2) * np.exp(-((tp - 9.0) ** 2) / 8)
    p = np.round(0.95 * weight / weight.sum(), 6).ravel()
    p[-1] += 0.95 - p.sum()   # the table's rounding residue goes to the last bin
    rows = ["wind_speed,turbine_status,wave_spectrum,wave_period,wave_height,wave_heading,probability",
            "0,parked,still,0,0,0,0.05"]
    rows += [f"0,parked,JONSWAP,{t:.3f},{h:.3f},0,{q:.6f}" for h, t, q in zip(hs.ravel(), tp.ravel(), p)]
    (folder / "scatter.csv").write_text("\n".join(rows) + "\n")
    data = yaml.safe_load((DESIGNS / "VolturnUS-S_IEA15MW.yaml").read_text())
    data["settings"].update(min_freq=0.02, max_freq=0.4)
    data["cases"] = {"file": str(folder / "scatter.csv")}
    data["fatigue"] = {"lifetime": 25, "reference_cycles": 1e7, "curves": {
        "tower_base_fore_aft": {"m": 3, "log_a": 12.164, "m2": 5, "stress_per_load": 1e-6 / W_TOWER},
        **{f"mooring_line{i}_fairlead": {"m": 3, "log_a": LOG_A_CHAIN} for i in (1, 2, 3)}}}
    design = design_from_dict(data, base_dir=DESIGNS)
    results = Model(design).analyze()
    return design, results, fatigue_dataset(results, design.fatigue, probabilities(design))


def probabilities(design):
    return np.array([c.probability for c in design.cases])


def test_fifty_conditions_in_one_call(scatter):
    design, results, fat = scatter
    assert fat.sizes["case"] == 51 and not any(results["error"].values)
    assert fat.attrs["missing_cases"] == "" and fat.attrs["probability_covered"] == pytest.approx(1.0)
    assert {"tower_base_fore_aft", "mooring_line1_fairlead", "mooring_line3_fairlead"} <= set(fat["channel"].values)


def test_lifetime_is_the_probability_weighted_sum(scatter):
    # SOURCE: Palmgren-Miner over the long-term conditions, recomputed here: D = sum_i p_i d_i T
    # with d_i from FLife's Dirlik (oracle, one-slope chain curve) and, for the two-slope
    # tower curve, from the stage's per-case rates; lifetime DEL by inverting the curve by hand.
    flife = pytest.importorskip("FLife", reason="FLife (test extra) is the damage oracle")
    design, results, fat = scatter
    life, p = design.fatigue.lifetime, probabilities(design)
    dirlik = fat.sel(fatigue_method="dirlik")
    omega = results["omega"].values
    # zero pads at the adjacent spacing: FLife's trapezoid weights = our bin widths (this grid)
    w = np.concatenate([[2 * omega[0] - omega[1]], omega, [2 * omega[-1] - omega[-2]]])
    psd = results["mooring_tension_psd"].sel(line="line1").values
    rates = []
    for s in psd:
        if not s.any():           # the calm bin: no cycles (FLife refuses a zero spectrum)
            rates.append(0.0)
            continue
        data = flife.SpectralData(input={"PSD": np.r_[0.0, s, 0.0] * 2 * np.pi, "f": w / (2 * np.pi)})
        rates.append(1.0 / flife.Dirlik(data).get_life(10**LOG_A_CHAIN / 2**3, 3.0))
    chain = np.sum(p * np.array(rates)) * life
    key = "mooring_line1_fairlead"
    assert float(dirlik["lifetime_damage"].sel(channel=key)) == pytest.approx(chain, rel=1e-6)
    assert float(dirlik["lifetime_DEL"].sel(channel=key)) == pytest.approx(
        (chain * 10**LOG_A_CHAIN / 1e7) ** (1 / 3), rel=1e-6)

    tower = dirlik.sel(channel="tower_base_fore_aft")
    total = np.sum(p * tower["damage_rate"].values) * life
    assert float(tower["lifetime_damage"]) == pytest.approx(total, rel=1e-12)
    np.testing.assert_allclose(tower["damage"].values, p * tower["damage_rate"].values * life, rtol=1e-12)
    log_a1 = 12.164 - 3 * np.log10(1e-6 / W_TOWER)        # the curve in N m
    s1 = (10**log_a1 / (1e7 / total)) ** (1 / 3)         # first slope, valid above the knee
    knee = 10 ** ((log_a1 - 7) / 3)
    expected = s1 if s1 >= knee else 10 ** ((7 + 5 * np.log10(knee) - np.log10(1e7 / total)) / 5)
    assert float(tower["lifetime_DEL"]) == pytest.approx(expected, rel=1e-9)
    np.testing.assert_allclose(dirlik["damage_share"].sum("case").values, 1.0, rtol=1e-12)


def test_zero_variance_channel_is_zero_not_nan(scatter):
    # SOURCE: issue 8: a channel without variance (every channel in the calm bin, case 0) has
    # damage 0 and DEL 0, never NaN.
    # (Damage needs a curve's intercept: channels on the slope-only default curve have DELs
    # but NaN damage by design, so damage is checked on the channels with a curve.)
    design, _, fat = scatter
    calm = fat.isel(case=0)
    with_a = np.isin(fat["channel"].values, [key for key, _ in design.fatigue.curves])
    for name in ("DEL", "damage", "damage_share", "damage_rate"):
        values = calm[name].values if name in ("DEL", "damage_share") else calm[name].values[..., with_a]
        assert np.all(values == 0.0), name
    assert np.all(np.isfinite(fat["DEL"].values)) and np.all(np.isfinite(fat["damage"].values[..., with_a]))


def test_failed_case_is_reported_and_left_out(scatter):
    # SOURCE: issue 8: a failing case is reported, and the lifetime says it is missing (never
    # a silently smaller damage): probability_covered < 1, the case is NaN, the rest sums.
    design, results, _ = scatter
    broken = results.copy()
    error = broken["error"].values.copy()
    error[7] = "RuntimeError: solver diverged"
    broken["error"] = ("case", error)
    p = probabilities(design)
    fat = fatigue_dataset(broken, design.fatigue, p)
    assert fat.attrs["missing_cases"] == "7"
    assert fat.attrs["probability_covered"] == pytest.approx(1.0 - p[7])
    dirlik = fat.sel(fatigue_method="dirlik", channel="mooring_line1_fairlead")
    assert np.isnan(dirlik["DEL"].values[7]) and np.isnan(dirlik["damage"].values[7])
    kept = np.delete(dirlik["damage_rate"].values, 7) * np.delete(p, 7) * design.fatigue.lifetime
    assert float(dirlik["lifetime_damage"]) == pytest.approx(kept.sum(), rel=1e-12)


def test_probabilities_from_the_results_or_none(scatter):
    # SOURCE: interface contract (docs/fatigue.md): the results' probability case coordinate
    # is used by default; all NaN (not given) means no lifetime totals.
    design, results, fat = scatter
    from_coordinate = fatigue_dataset(results, design.fatigue)
    np.testing.assert_array_equal(from_coordinate["lifetime_DEL"].values, fat["lifetime_DEL"].values)
    unknown = results.assign_coords(probability=("case", np.full(results.sizes["case"], np.nan)))
    none = fatigue_dataset(unknown, design.fatigue)
    assert "lifetime_damage" not in none and "probability" not in none.coords
    np.testing.assert_array_equal(none["DEL"].values, fat["DEL"].values)


def test_fatigue_dataset_round_trips_through_netcdf(scatter, tmp_path):
    # SOURCE: interface contract (docs/fatigue.md, docs/outputs.md): the fatigue Dataset is
    # saved with save_results, alone or merged into the results, and read back unchanged.
    import xarray as xr

    from raft_sim.results.dataset import open_results, save_results
    _, results, fat = scatter
    save_results(fat, tmp_path / "fatigue.nc")
    xr.testing.assert_identical(open_results(tmp_path / "fatigue.nc"), fat)
    save_results(results.merge(fat, compat="no_conflicts"), tmp_path / "merged.nc")
    merged = open_results(tmp_path / "merged.nc")
    xr.testing.assert_identical(merged["lifetime_DEL"], fat["lifetime_DEL"])
