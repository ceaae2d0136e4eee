"""Tests of the results Dataset, its netCDF round trip and JSON summary (results.dataset)."""
from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from raft_sim.conventions import DOFS, ROTATIONS
from raft_sim.results.dataset import (
    STATS, add_channel, open_results, results_dataset, save_results, stats_table, stats_to_json)
from raft_sim.system.outputs import nacelle_acceleration, tension_response

OMEGA = np.arange(1, 31) * 0.05


def _dataset(zero=False):
    rng = np.random.default_rng(11)
    shape = (2, OMEGA.size, 2, 6)
    rao = np.zeros(shape, complex) if zero else rng.normal(size=shape) + 1j * rng.normal(size=shape)
    wave = np.abs(rng.normal(size=shape[:3]))
    mean = np.zeros((2, 6)) if zero else rng.normal(size=(2, 6))
    ds = results_dataset(OMEGA, rao, wave, mean, source=["wave_1", "wind"],
                         source_heading=[0.0, np.pi / 4], case=["calm", "storm"],
                         converged=[True, False], iterations=[4, 15], attrs={"design": "test"})
    ds = add_channel(ds, "nacelle_acceleration",
                     nacelle_acceleration(rao, OMEGA, [0, 0, 90.0], freq_axis=-2), [0.0, 0.1])
    jac = rng.normal(size=(3, 6)) * 1e5
    return add_channel(ds, "mooring_tension", tension_response(rao, jac), np.full((2, 3), 1e6),
                       components=["line1", "line2", "line3"])


def test_every_variable_has_units_and_long_name():
    # SOURCE: interface contract (docs/outputs.md): every variable carries units and long_name.
    ds = _dataset()
    for name, var in ds.data_vars.items():
        assert "units" in var.attrs and "long_name" in var.attrs, name
    assert set(ds.dims) == {"case", "omega", "source", "dof", "line"}
    assert list(ds["dof"].values) == list(DOFS)


def test_statistics_follow_from_rao_and_wave_spectrum():
    # SOURCE: analytic, std^2 = sum_h sum_w |RAO|^2 S dw (rectangle rule) and the response amplitude
    # per bin a = RAO sqrt(2 S dw) carries the same variance, sum a^2 / 2.
    ds = _dataset()
    dw = OMEGA[1] - OMEGA[0]
    var = (np.abs(ds["rao"]) ** 2 * ds["source_psd"]).sum(("omega", "source")) * dw
    np.testing.assert_allclose(ds["motion_std"].values, np.sqrt(var.values), rtol=1e-12)
    half_sq = 0.5 * (np.abs(ds["response"]) ** 2).sum(("omega", "source"))
    np.testing.assert_allclose(half_sq.values, var.values, rtol=1e-12)
    np.testing.assert_allclose(ds["motion_max_3sigma"], ds["motion_mean"] + 3 * ds["motion_std"], rtol=1e-14)
    assert np.all(ds["motion_max"] > ds["motion_max_3sigma"])  # 3 h of ~10 s waves: factor ~3.9 > 3


def test_netcdf_round_trip_is_exact(tmp_path):
    # SOURCE: interface contract, save_results/open_results restore values, dims, dtypes and attrs.
    ds = _dataset()
    path = tmp_path / "results.nc"
    save_results(ds, path)
    back = open_results(path)
    assert back.identical(ds)
    assert back["rao"].dtype == complex and back["converged"].dtype == bool
    np.testing.assert_array_equal(back["rao"].values, ds["rao"].values)
    assert back["mooring_tension_rao"].attrs == ds["mooring_tension_rao"].attrs


def test_json_keys_units_and_degrees(tmp_path):
    # SOURCE: interface contract (docs/outputs.md): rotations in degrees, translations in m.
    ds = _dataset()
    summary = stats_to_json(ds, tmp_path / "stats.json")
    assert json.loads((tmp_path / "stats.json").read_text()) == summary
    json.dumps(summary, allow_nan=False)  # strict JSON
    assert summary["units"]["pitch"] == "deg" and summary["units"]["surge"] == "m"
    assert summary["units"]["AxRNA"] == "m/s^2" and summary["units"]["Tmoor"] == "N"
    storm = summary["cases"][1]
    assert storm["case"] == "storm" and storm["converged"] is False
    assert storm["drag_iterations"] == 15
    for stat in ("mean", "std", "max", "min", "max_3sigma", "min_3sigma"):
        assert set(storm[stat]) == set(DOFS)
        for dof in DOFS:
            factor = 180 / np.pi if dof in ROTATIONS else 1.0
            expected = float(ds[f"motion_{stat}"].sel(case="storm", dof=dof)) * factor
            assert storm[stat][dof] == pytest.approx(expected, rel=1e-14)
    assert set(storm["AxRNA"]) == {"mean", "std", "max", "min", "max_3sigma", "min_3sigma"}
    assert len(storm["Tmoor"]["std"]) == 3
    assert storm["Tmoor"]["std"][1] == pytest.approx(
        float(ds["mooring_tension_std"].sel(case="storm", line="line2")), rel=1e-14)


def test_zero_response_gives_zeros_not_nan():
    # SOURCE: analytic, no response: std = 0, extremes = mean, nothing NaN (Dataset and JSON).
    ds = _dataset(zero=True)
    for name, var in ds.data_vars.items():
        if np.issubdtype(var.dtype, np.number) and not name.endswith("tz"):
            assert not np.any(np.isnan(var.values)), name
    np.testing.assert_array_equal(ds["motion_std"].values, 0.0)
    np.testing.assert_array_equal(ds["motion_max"].values, ds["motion_mean"].values)
    summary = stats_to_json(ds)
    assert all(v == 0.0 for v in summary["cases"][0]["std"].values())
    assert summary["cases"][1]["AxRNA"]["max"] == pytest.approx(0.1)


def test_stats_table_is_tidy():
    # SOURCE: interface contract, one row per (case, channel, component, stat).
    ds = _dataset()
    table = stats_table(ds)
    assert list(table.columns) == ["case", "channel", "component", "stat", "value", "unit"]
    n_rows = 2 * len(STATS) * (6 + 1 + 3)
    assert len(table) == n_rows
    row = table[(table.case == "calm") & (table.component == "pitch") & (table.stat == "std")]
    assert row.unit.item() == "deg"
    assert row.value.item() == pytest.approx(np.degrees(float(ds["motion_std"].sel(case="calm",
                                                                           dof="pitch"))))


def test_stats_table_shows_blade_pitch_in_deg_and_rotor_speed_in_rpm():
    # SOURCE: brief (degrees and rpm only at the edges: tables); 1 rad = 180/pi deg, 1 rad/s = 30/pi rpm.
    ds = _dataset()
    ones = np.ones((2, ds.sizes["omega"], ds.sizes["source"]), complex)
    ds = add_channel(ds, "pitch", ones, np.array([0.1, 0.2]), units="rad")
    ds = add_channel(ds, "rotor_speed", ones, np.array([0.5, 1.0]), units="rad/s")
    table = stats_table(ds)
    pitch = table[(table.channel == "pitch") & (table.stat == "mean")]
    assert set(pitch.unit) == {"deg"} and pitch.value.tolist() == pytest.approx(np.degrees([0.1, 0.2]))
    speed = table[(table.channel == "rotor_speed") & (table.stat == "mean")]
    assert set(speed.unit) == {"rpm"} and speed.value.tolist() == pytest.approx([0.5 * 30 / np.pi, 30 / np.pi])
    raw = stats_table(ds, degrees=False)
    assert set(raw[(raw.channel == "pitch") & (raw.stat != "tz")].unit) == {"rad"}


def test_core_imports_stay_light():
    # SOURCE: team code standard, lazy heavy imports (no xarray/pandas on import of these modules).
    code = ("import sys, raft_sim, raft_sim.solve.response, raft_sim.solve.drag_iteration, "
            "raft_sim.results.statistics, raft_sim.system.outputs, raft_sim.results.dataset; "
            "print(sorted(m for m in ('xarray', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
