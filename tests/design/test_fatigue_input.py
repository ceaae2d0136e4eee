"""Fatigue input: the ``probability`` column, cases from a CSV file, the ``fatigue`` section.

SOURCE: the input rules of docs/fatigue.md and docs/design-format.md (issue 8: each bad
input is a one-line DesignError naming the YAML path, or the file and row); designs are
mutations of tests/design/tiny_design.py, written for these tests.
"""
from __future__ import annotations

import math
import warnings

import pytest

from raft_sim.design.errors import DesignError, DesignWarning
from raft_sim.design.load import design_from_dict
from tiny_design import tiny_design

KEYS = ["wind_speed", "wind_heading", "turbulence", "turbine_status", "yaw_misalign",
        "wave_spectrum", "wave_period", "wave_height", "wave_heading", "probability"]


def with_probabilities(*probabilities, turbine=False):
    d = tiny_design(with_turbine=turbine)
    d["cases"] = {"keys": KEYS, "data": [[0.0, 0, 0, "parked", 0, "JONSWAP", 8 + i, 2.0, 0, p]
                                         for i, p in enumerate(probabilities)]}
    return d


def error_of(design, tmp_path=None) -> DesignError:
    with pytest.raises(DesignError) as info:
        design_from_dict(design, base_dir=tmp_path)
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    return info.value


def test_probability_column_is_read_and_kept():
    design = design_from_dict(with_probabilities(0.25, 0.75))
    assert [c.probability for c in design.cases] == [0.25, 0.75]
    assert design_from_dict(tiny_design()).cases[0].probability is None


def test_probabilities_close_to_one_are_normalised_with_a_warning():
    # SOURCE: docs/fatigue.md: |sum - 1| <= 0.01 is normalised (warning), beyond is refused.
    with pytest.warns(DesignWarning, match="normalised"):
        design = design_from_dict(with_probabilities(0.2, 0.795))
    assert math.fsum(c.probability for c in design.cases) == pytest.approx(1.0, abs=1e-15)
    assert design.cases[0].probability == pytest.approx(0.2 / 0.995)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DesignWarning)
        design_from_dict(with_probabilities(0.3, 0.7))          # exact: no warning


@pytest.mark.parametrize("probabilities, path, words", [
    ((-0.1, 1.1), "cases.data[0].probability", "[0, 1]"),
    ((0.5, 0.3), "cases.data", "sum to 0.8"),
    ((0.5, "lots"), "cases.data[1].probability", "probability"),
    ((0.5, None), "cases.data[1].probability", "every case"),
])
def test_bad_probabilities(probabilities, path, words):
    err = error_of(with_probabilities(*probabilities))
    assert err.path == path and words in err.problem


def test_cases_from_csv_file(tmp_path):
    # SOURCE: same columns as RAFT's cases table; a CSV scatter with a probability column.
    rows = ["wind_speed,turbine_status,wave_spectrum,wave_period,wave_height,wave_heading,probability"]
    rows += [f"0,parked,JONSWAP,{tp},{hs},30,{0.25}" for tp, hs in ((8, 1), (10, 2), (12, 3), (14, 4))]
    (tmp_path / "scatter.csv").write_text("\n".join(rows) + "\n")
    d = tiny_design()
    d["cases"] = {"file": "scatter.csv"}
    design = design_from_dict(d, base_dir=tmp_path)
    assert len(design.cases) == 4
    assert [c.waves[0].hs for c in design.cases] == [1.0, 2.0, 3.0, 4.0]
    assert design.cases[2].waves[0].tp == 12.0
    assert design.cases[0].waves[0].heading == pytest.approx(math.radians(30))
    assert design.cases[3].probability == 0.25 and design.cases[0].turbine_status == "parked"


@pytest.mark.parametrize("text, path, words", [
    ("wave_spectrum,wave_period,wave_height\nJONSWAP,10,abc\n", "scatter.csv:2.wave_height", "number"),
    ("wave_spectrum,wave_height\nJONSWAP,2\n", "scatter.csv:2.wave_period", "required"),
    ("wave_spectrum,wave_period,wave_height\nJONSWAP,10,2\n\nJONSWAP,10\n", "scatter.csv:4", "3 values"),
    ("wave_spectrum,wave_period,wave_height\nJONSWAP,,2\n", "scatter.csv:2.wave_period", "empty"),
    ("wave_spectrum,wave_periode\nJONSWAP,10\n", "scatter.csv:1", "unknown column"),
    ("wave_spectrum,wave_period,wave_height,probability\nJONSWAP,10,2,-0.5\n",
     "scatter.csv:2.probability", "[0, 1]"),
])
def test_bad_csv_names_file_and_row(tmp_path, text, path, words):
    (tmp_path / "scatter.csv").write_text(text)
    d = tiny_design()
    d["cases"] = {"file": "scatter.csv"}
    err = error_of(d, tmp_path)
    assert err.path == path and words in err.problem


def test_missing_csv_file(tmp_path):
    d = tiny_design()
    d["cases"] = {"file": "nowhere.csv"}
    err = error_of(d, tmp_path)
    assert err.path == "cases.file" and "not found" in err.problem and "nowhere.csv" in err.problem


def test_fatigue_section_is_parsed_into_frozen_objects():
    # SOURCE: DNV-RP-C203 (2016) Table 2-1 curve D (log a1 = 12.164 for MPa); a moment curve
    # with stress_per_load c = 1e-6 / W has log a = 12.164 - 3 log10(c).
    d = tiny_design(with_turbine=True)
    w = 0.5  # section modulus [m^3]
    d["fatigue"] = {"lifetime": 25, "reference_cycles": 2e6, "method": "tovo_benasciutti",
                    "default": {"m": 5},
                    "curves": {"tower_base_fore_aft": {"m": 3, "log_a": 12.164, "m2": 5,
                                                       "stress_per_load": 1e-6 / w},
                               "mooring_line0_fairlead": {"m": 3, "reference_point": [1e6, 1e8]}}}
    fat = design_from_dict(d).fatigue
    assert fat.lifetime == pytest.approx(25 * 365.25 * 86400)
    assert fat.reference_cycles == 2e6 and fat.method == "tovo_benasciutti"
    assert fat.default.m == 5 and fat.default.log_a is None
    curves = dict(fat.curves)
    assert curves["tower_base_fore_aft"].log_a == pytest.approx(12.164 - 3 * math.log10(1e-6 / w))
    assert curves["tower_base_fore_aft"].m2 == 5 and curves["tower_base_fore_aft"].knee_cycles == 1e7
    assert curves["mooring_line0_fairlead"].log_a == pytest.approx(8 + 3 * 6)
    with pytest.raises(AttributeError):
        fat.lifetime = 1.0
    assert design_from_dict(tiny_design()).fatigue is None


@pytest.mark.parametrize("section, path, words", [
    ({"lifetime": 0}, "fatigue.lifetime", "positive"),
    ({"lifetime": -20}, "fatigue.lifetime", "positive"),
    ({"default": {"m": 0}}, "fatigue.default.m", "positive"),
    ({"curves": {"tower_base_fore_aft": {"m": -3}}}, "fatigue.curves.tower_base_fore_aft.m", "positive"),
    ({"curves": {"tower_base_fore_aft": {"m": 3, "m2": 0, "log_a": 12}}},
     "fatigue.curves.tower_base_fore_aft.m2", "positive"),
    ({"curves": {"tower_bass_fore_aft": {"m": 3}}}, "fatigue.curves.tower_bass_fore_aft",
     "did you mean 'tower_base_fore_aft'"),
    ({"curves": {"mooring_line7_fairlead": {"m": 3}}}, "fatigue.curves.mooring_line7_fairlead", "unknown"),
    ({"curves": {"tower_base_fore_aft": {"m": 3, "m2": 5}}}, "fatigue.curves.tower_base_fore_aft.m2",
     "log_a"),
    ({"method": "rainbow"}, "fatigue.method", "dirlik"),
    ({"reference_cycles": -1}, "fatigue.reference_cycles", "positive"),
    ({"curves": {"tower_base_fore_aft": {"m": 3, "reference_point": [1e6, -5]}}},
     "fatigue.curves.tower_base_fore_aft.reference_point", "positive"),
    ({"curves": {"tower_base_fore_aft": {"m": 3, "log_a": 12, "reference_point": [1e6, 1e7]}}},
     "fatigue.curves.tower_base_fore_aft.reference_point", "not both"),
])
def test_bad_fatigue_section(section, path, words):
    d = tiny_design(with_turbine=True)
    d["fatigue"] = section
    err = error_of(d)
    assert err.path == path and words in err.problem


def test_tower_keys_need_a_turbine():
    d = tiny_design(with_turbine=False)
    d["fatigue"] = {"curves": {"tower_base_fore_aft": {"m": 4}}}
    assert "unknown fatigue channel" in error_of(d).problem
