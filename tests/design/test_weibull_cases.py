"""``cases: {weibull: ...}``: wind-speed bins of a Weibull distribution expanded into cases.

Bin probabilities are checked against ``scipy.stats.weibull_min`` (an independent
implementation of the Weibull CDF); the bin-edge rule and the tails option are those
documented in docs/design-format.md and raft_sim/design/weibull.py.
"""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from scipy import stats

from raft_sim.design.errors import DesignError, DesignWarning
from raft_sim.design.load import design_from_dict
from tiny_design import tiny_design

SPEEDS = [4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24]
HS = [1.1, 1.2, 1.3, 1.5, 1.7, 2.0, 2.3, 2.7, 3.1, 3.5, 4.0]


def weibull_design(**changes):
    d = tiny_design()
    d["cases"] = {"weibull": {"scale": 11.3, "shape": 2.0, "wind_speeds": SPEEDS, "wave_height": HS,
                              "wave_period": 8.0, "wave_spectrum": "JONSWAP", "turbulence": "IB_NTM",
                              **changes}}
    return d


def load(d):
    with warnings.catch_warnings():
        warnings.simplefilter("error", DesignWarning)
        return design_from_dict(d)


def test_bin_probabilities_equal_scipy_weibull_with_tails_in_end_bins():
    # SOURCE: scipy.stats.weibull_min (oracle) with c = k, scale = A; bins split halfway
    # between centres, the end bins take the tails: [0, 5) ... [23, inf) m/s.
    design = load(weibull_design())
    p = np.array([c.probability for c in design.cases])
    edges = np.array([0.0, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, np.inf])
    expected = np.diff(stats.weibull_min(2.0, scale=11.3).cdf(edges))
    np.testing.assert_allclose(p, expected, rtol=1e-12, atol=1e-15)
    assert math.fsum(p) == pytest.approx(1.0, abs=1e-12)
    assert [c.wind_speed for c in design.cases] == SPEEDS
    assert [c.waves[0].hs for c in design.cases] == HS
    assert {c.waves[0].tp for c in design.cases} == {8.0} and {c.turbulence for c in design.cases} == {"IB_NTM"}


def test_tails_excluded_cover_less_than_the_lifetime_with_a_warning():
    # SOURCE: scipy.stats.weibull_min (oracle) over the edges [3, 25] m/s (half a 2 m/s
    # spacing beyond the end centres); the excluded probability F(3) + 1 - F(25) is reported.
    with pytest.warns(DesignWarning, match=r"cases\.weibull: tails: exclude .* \(probability 0\.06885\): the cases cover 0\.9312 "):
        design = design_from_dict(weibull_design(tails="exclude", shape=2.2, scale=10.0))
    p = np.array([c.probability for c in design.cases])
    dist = stats.weibull_min(2.2, scale=10.0)
    np.testing.assert_allclose(p, np.diff(dist.cdf(np.arange(3.0, 26.0, 2.0))), rtol=1e-12)
    assert math.fsum(p) == pytest.approx(dist.cdf(25.0) - dist.cdf(3.0), rel=1e-12)


def test_uneven_bins_and_per_bin_columns_of_any_case_key():
    # SOURCE: the documented bin-edge rule (halfway inside, half the end spacing outside),
    # probabilities from scipy.stats.weibull_min; per-bin lists for other case columns.
    with pytest.warns(DesignWarning, match="tails: exclude"):
        design = design_from_dict(weibull_design(
            wind_speeds=[3, 5, 11], wave_height=[1, 2, 3], tails="exclude", wind_heading=[0, 30, 60],
            turbine_status=["operating", "operating", "parked"]))
    dist = stats.weibull_min(2.0, scale=11.3)
    np.testing.assert_allclose([c.probability for c in design.cases],
                               np.diff(dist.cdf([2.0, 4.0, 8.0, 14.0])), rtol=1e-12)
    assert [round(math.degrees(c.wind_heading)) for c in design.cases] == [0, 30, 60]
    assert design.cases[2].turbine_status == "parked"


def test_one_bin_holds_the_whole_distribution():
    design = load(weibull_design(wind_speeds=[10], wave_height=2.0))
    assert len(design.cases) == 1 and design.cases[0].probability == pytest.approx(1.0, abs=1e-15)


@pytest.mark.parametrize("changes, message", [
    ({"scale": -1}, "cases.weibull.scale: expected a positive number, got -1"),
    ({"shape": 0}, "cases.weibull.shape: expected a positive number, got 0"),
    ({"wind_speeds": [4, 8, 6]}, "cases.weibull.wind_speeds[2]: expected increasing wind speeds, got 6 after 8"),
    ({"wind_speeds": [-2, 4]}, "cases.weibull.wind_speeds: expected a list of non-negative numbers"),
    ({"wave_height": [1, 2]}, "cases.weibull.wave_height: expected a scalar or a list of 11 values "
                              "(one per wind speed in wind_speeds), got a list of 2"),
    ({"wave_period": [8] * 10 + ["x"]}, "cases.weibull.wave_period[10]: expected a number, got 'x'"),
    ({"wave_height": HS[:-1] + [-1]}, "cases.weibull.wave_height[10]: expected a non-negative significant"),
    ({"tails": "both"}, "cases.weibull.tails: expected one of end_bins, exclude, got 'both'"),
    ({"probability": 0.1}, "cases.weibull.probability: not a column here"),
    ({"scale": None}, "cases.weibull.scale: required key is missing"),
])
def test_bad_weibull_input_is_one_line_naming_the_path(changes, message):
    d = weibull_design(**changes)
    if changes.get("scale", 1) is None:
        del d["cases"]["weibull"]["scale"]
    with pytest.raises(DesignError) as err:
        load(d)
    assert str(err.value).startswith(message) and "\n" not in str(err.value)


def test_weibull_with_a_table_is_refused():
    d = weibull_design()
    d["cases"]["keys"] = ["wind_speed"]
    d["cases"]["data"] = [[10.0]]
    with pytest.raises(DesignError, match=r"^cases\.weibull: give one of keys and data, file, or weibull$"):
        load(d)


def test_unknown_weibull_key_warns_with_a_suggestion():
    with pytest.warns(DesignWarning, match=r"cases\.weibull\.wind_speed: unknown key \(did you mean 'wind_speeds'\?\)"):
        design_from_dict(weibull_design(wind_speed=10))
