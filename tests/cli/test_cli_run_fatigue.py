"""``raft-sim run``: the DEL table, the JSON ``DEL`` / ``lifetime`` keys and the fatigue
variables in the ``-o`` file (issue 8 scope 4-5; keys and names in docs/outputs.md and
docs/fatigue.md). In-process through ``raft_sim.cli.main``.
"""
from __future__ import annotations

import json
import sys
import warnings
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import yaml

from raft_sim import cli

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "design"))
from tiny_design import tiny_design, tiny_scatter_design  # noqa: E402

YEAR = 365.25 * 86400.0
KEYS = ["mooring_line0_fairlead", "mooring_line1_fairlead", "mooring_line2_fairlead"]


@pytest.fixture(scope="module")
def scatter_yaml(tmp_path_factory):
    """The tiny moored cylinder in three sea states with probabilities and an S-N intercept."""
    path = tmp_path_factory.mktemp("run") / "tiny.yaml"
    path.write_text(yaml.safe_dump(tiny_scatter_design()))
    return path


def run_main(capsys, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        code = cli.main([str(a) for a in args])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


@pytest.fixture
def case_1_fails(monkeypatch):
    """Fault injection: the analysis of case 1 fails (as a case whose solver raised)."""
    import raft_sim.system.run as run_module
    from raft_sim.system.case import failed_result
    real = run_module.run_cases

    def run_cases(prepared, cases, executor=None):
        omega, results = real(prepared, cases, executor)
        n_waves = len(results[0].source) - 1
        results[1] = failed_result(replace(prepared, omega=omega), cases[1], n_waves, "RuntimeError: injected")
        return omega, results
    monkeypatch.setattr(run_module, "run_cases", run_cases)


def test_run_json_gives_del_per_case_and_the_lifetime(scatter_yaml, capsys):
    # SOURCE: issue 8 scope 4 (keys), and Palmgren-Miner recomputed here from the JSON alone:
    # D_L = sum_i p_i D_i with D_i the damage of case i over the whole lifetime, which for one
    # slope is N_eq DEL_i^m / a; DEL_life = (sum_i p_i DEL_i^m)^(1/m) (docs/fatigue.md).
    code, out, _ = run_main(capsys, "run", scatter_yaml, "--json")
    assert code == 0
    summary = json.loads(out)
    ends = KEYS + [key.replace("fairlead", "anchor") for key in KEYS]
    assert summary["fatigue"] == {"method": "dirlik", "reference_cycles": 1e7, "units": dict.fromkeys(ends, "N"),
                                  "slopes": dict.fromkeys(ends, 3.0)}
    life = summary["lifetime"]
    assert set(life) == {"years", "damage", "DEL"} and life["years"] == 25.0
    p = np.array([0.6, 0.3, 0.1])
    for key in KEYS:
        dels = np.array([c["DEL"][key] for c in summary["cases"]])
        assert dels[2] == 0.0 and np.all(dels[:2] > 0)                     # still water: no cycles
        assert life["DEL"][key] == pytest.approx((p @ dels ** 3) ** (1 / 3), rel=1e-12)
        assert life["damage"][key] == pytest.approx(p @ (1e7 * dels ** 3 / 1e28), rel=1e-12)


def test_run_text_prints_del_table_and_lifetime(scatter_yaml, capsys):
    code, out, _ = run_main(capsys, "run", scatter_yaml)
    assert code == 0
    table = out[out.index("fatigue: DEL per case (dirlik"):]
    lines = table.splitlines()
    assert lines[3].split() == ["channel", "unit", "m", "case", "0", "case", "1", "case", "2"]
    row = lines[4].split()
    assert row[:3] == ["mooring_line0_fairlead", "N", "3"] and row[-1] == "0"
    assert "lifetime (25 years" in table and max(map(len, lines)) <= 100


def test_run_output_file_carries_damage_and_del(scatter_yaml, tmp_path, capsys):
    # SOURCE: issue 8 scope 4: damage and DEL variables and lifetime totals in the netCDF
    # file; equal to fatigue_dataset of the results in the same file (names: docs/outputs.md).
    from raft_sim.design.load import load_design
    from raft_sim.results.dataset import open_results
    from raft_sim.results.fatigue_dataset import fatigue_dataset
    target = tmp_path / "r.nc"
    code, _, _ = run_main(capsys, "run", scatter_yaml, "-o", target)
    assert code == 0
    ds = open_results(target)
    for name in ("DEL", "damage", "damage_rate", "damage_share", "lifetime_damage", "lifetime_DEL"):
        assert name in ds, name
    assert ds["DEL"].dims == ("fatigue_method", "case", "channel")
    assert list(ds["channel"].values) == KEYS + [key.replace("fairlead", "anchor") for key in KEYS]
    assert ds.attrs["fatigue_reported_method"] == "dirlik" and ds.attrs["fatigue_lifetime_years"] == 25.0
    assert ds.attrs["fatigue_missing_cases"] == "" and "mooring_tension_psd" in ds
    again = fatigue_dataset(ds, load_design(scatter_yaml).fatigue)
    np.testing.assert_allclose(ds["lifetime_DEL"].values, again["lifetime_DEL"].values, rtol=1e-12)
    np.testing.assert_array_equal(ds["probability"].values, [0.6, 0.3, 0.1])


def test_failing_case_is_reported_and_missing_from_the_lifetime(scatter_yaml, capsys, case_1_fails):
    # SOURCE: issue 8 scope 5: a failing case is reported and the lifetime says which cases
    # are missing (never a silently smaller damage); exit code 1 (docs/cli.md).
    code, out, _ = run_main(capsys, "run", scatter_yaml, "--json")
    summary = json.loads(out)
    assert code == 1 and summary["lifetime"]["missing_cases"] == [1]
    assert all(v is None for v in summary["cases"][1]["DEL"].values())
    p, dels = np.array([0.6, 0.1]), np.array([[c["DEL"][k] for k in KEYS] for c in summary["cases"][::2]])
    np.testing.assert_allclose([summary["lifetime"]["DEL"][k] for k in KEYS], (p @ dels ** 3) ** (1 / 3), rtol=1e-12)
    code, out, _ = run_main(capsys, "run", scatter_yaml)
    assert code == 1 and "WARNING: cases 1 failed and are missing from the lifetime totals" in out
    assert "failed" in out[out.index("fatigue: DEL per case"):].splitlines()[4]


def test_del_table_stays_readable_for_many_channels_and_cases():
    # SOURCE: interface requirement (task brief): 3 lines x 2 ends + 10 turbine channels over
    # 50 cases: channels as rows, as many cases a block as fit, lines no wider than 100 characters.
    import xarray as xr

    from raft_sim.results.fatigue_report import run_fatigue_text
    keys = [f"mooring_line{i}_{end}" for i in (1, 2, 3) for end in ("fairlead", "anchor")]
    keys += ["tower_base_fore_aft", "tower_base_side_side", "tower_base_shear_fore_aft",
             "tower_base_shear_side_side", "nacelle_acceleration", "rotor_speed", "pitch", "gen_torque",
             "power", "thrust"]
    n = 50
    fat = xr.Dataset(
        {"DEL": (("fatigue_method", "case", "channel"), np.full((3, n, len(keys)), 1.234567e7))},
        coords={"fatigue_method": ["narrow_band", "dirlik", "tovo_benasciutti"], "case": np.arange(n),
                "channel": keys, "channel_units": ("channel", ["N"] * len(keys)),
                "slope": ("channel", [3.0] * len(keys))},
        attrs={"method": "dirlik", "reference_cycles": 1e7, "lifetime_years": 20.0, "missing_cases": ""})
    text = run_fatigue_text(fat)
    lines = text.splitlines()
    assert max(map(len, lines)) <= 100
    assert sum(line.startswith("channel") for line in lines) == 10         # ceil(50 / 5) blocks
    assert sum(line.startswith("tower_base_shear_side_side ") for line in lines) == 10
    assert "no lifetime totals" in text


def _weibull(**changes):
    return {"weibull": {"scale": 11.3, "shape": 2.0, "wind_speeds": [4, 8, 12], "wave_height": [1, 2, 3],
                        "wave_period": 8.0, **changes}}


@pytest.mark.parametrize("cases, fatigue, line", [
    ({"keys": ["wave_height", "wave_period", "probability"], "data": [[1, 8, -0.2], [2, 9, 1.2]]}, None,
     "error: cases.data[0].probability: expected a probability in [0, 1], got -0.2"),
    (None, {"default": {"m": 0}}, "error: fatigue.default.m: expected a positive number, got 0"),
    (None, {"lifetime": 0}, "error: fatigue.lifetime: expected a positive number, got 0"),
    (None, {"curves": {"mooring_line9_fairlead": {"m": 3}}},
     "error: fatigue.curves.mooring_line9_fairlead: unknown fatigue channel (did you mean 'mooring_line2_fairlead'?)"),
    ({"file": "scatter.csv"}, None, "error: scatter.csv:2.wave_period: required for this wave spectrum"),
    ({"file": "bad.csv"}, None, "error: bad.csv:3.wave_height: expected a number, got 'tall'"),
    (_weibull(shape=-2), None, "error: cases.weibull.shape: expected a positive number, got -2"),
    (_weibull(wave_height=[1, 2]), None, "error: cases.weibull.wave_height: expected a scalar or a list of 3 "
     "values (one per wind speed in wind_speeds), got a list of 2"),
    (_weibull(wave_period=[8, "long", 9]), None, "error: cases.weibull.wave_period[1]: expected a number, got 'long'"),
])
def test_bad_long_term_input_is_one_line_naming_the_path(tmp_path, capsys, cases, fatigue, line):
    # SOURCE: issue 8 acceptance (bad input: one line naming the YAML path, or file and row;
    # no traceback) and docs/cli.md (exit code 2 for an invalid design).
    (tmp_path / "scatter.csv").write_text("wave_spectrum,wave_height,probability\nJONSWAP,2,1\n")
    (tmp_path / "bad.csv").write_text("wave_spectrum,wave_period,wave_height,probability\n"
                                      "JONSWAP,8,2,0.5\nJONSWAP,9,tall,0.5\n")
    d = tiny_design()
    if cases is not None:
        d["cases"] = cases
    if fatigue is not None:
        d["fatigue"] = fatigue
    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(d))
    code, _, err = run_main(capsys, "check", path)
    assert code == 2 and err.strip().splitlines() == [line]


def test_excluded_weibull_tails_are_reported_as_not_covered(tmp_path, capsys):
    # SOURCE: docs/fatigue.md (tails: exclude): the lifetime totals cover F(e_n) - F(e_0) of the
    # lifetime, the Weibull CDF over the outer edges [2, 14] m/s of bins 4, 8, 12 m/s.
    import math
    d = tiny_design()
    d["settings"].update(min_freq=0.02, max_freq=0.3)
    d["cases"] = _weibull(tails="exclude", wave_spectrum="JONSWAP")
    path = tmp_path / "w.yaml"
    path.write_text(yaml.safe_dump(d))
    code, out, err = run_main(capsys, "fatigue", path, "--json")
    covered = math.exp(-(2 / 11.3) ** 2) - math.exp(-(14 / 11.3) ** 2)
    assert code == 0
    assert json.loads(out)["lifetime"]["probability_covered"] == pytest.approx(covered, rel=1e-12)
    code, out, _ = run_main(capsys, "run", path)
    assert code == 0 and f"note: the cases cover {covered:.4g} of the lifetime" in out
