"""Malformed designs: each must raise DesignError with a one-line message starting with the
YAML path of the bad entry, and nothing else may escape.

SOURCE: the validation rules of the loader (docs/design-format.md); the designs are
mutations of tests/design/tiny_design.py, written for these tests.
"""
from __future__ import annotations

import math
import warnings

import pytest

from raft_sim.design.errors import DesignError
from raft_sim.design.load import design_from_dict, load_design
from tiny_design import tiny_design


def _set(path, value):
    """Mutation setting ``design[path...] = value``."""
    def mutate(d):
        node = d
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return mutate


def _del(path):
    def mutate(d):
        node = d
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
    return mutate


M0 = ("platform", "members", 0)
CASE0 = ("cases", "data", 0)

MALFORMED = [
    ("site missing", _del(("site",)), "site"),
    ("depth missing", _del(("site", "water_depth")), "site.water_depth"),
    ("depth negative", _set(("site", "water_depth"), -3), "site.water_depth"),
    ("depth text", _set(("site", "water_depth"), "deep"), "site.water_depth"),
    ("rho_water NaN", _set(("site", "rho_water"), math.nan), "site.rho_water"),
    ("site not mapping", _set(("site",), [1, 2]), "site"),
    ("max_freq below min", _set(("settings", "max_freq"), 0.001), "settings.max_freq"),
    ("nIter not integer", _set(("settings", "nIter"), 2.5), "settings.nIter"),
    ("platform is a list", _set(("platform",), [1]), "platform"),
    ("members not a list", _set(("platform", "members"), {"a": 1}), "platform.members"),
    ("member name missing", _del(M0 + ("name",)), "platform.members[0].name"),
    ("member type unknown", _set(M0 + ("type",), "banana"), "platform.members[0].type"),
    ("d negative", _set(M0 + ("d",), -3), "platform.members[0].d"),
    ("d wrong length", _set(M0 + ("d",), [10, 10]), "platform.members[0].d"),
    ("d text", _set(M0 + ("d",), "wide"), "platform.members[0].d"),
    ("d missing", _del(M0 + ("d",)), "platform.members[0].d"),
    ("stations decreasing", _set(M0 + ("stations",), [0, 1, 0.5]), "platform.members[0].stations"),
    ("one station", _set(M0 + ("stations",), [0]), "platform.members[0].stations"),
    ("rA equals rB", _set(M0 + ("rB",), [0, 0, -30]), "platform.members[0].rB"),
    ("rA two coordinates", _set(M0 + ("rA",), [0, 0]), "platform.members[0].rA"),
    ("shape unknown", _set(M0 + ("shape",), "triangle"), "platform.members[0].shape"),
    ("thickness over radius", _set(M0 + ("t",), 6.0), "platform.members[0].t"),
    ("l_fill over section", _set(M0 + ("l_fill",), [0.75, 0.0]), "platform.members[0].l_fill"),
    ("l_fill negative", _set(M0 + ("l_fill",), -1), "platform.members[0].l_fill"),
    ("rho_fill wrong length", _set(M0 + ("rho_fill",), [1, 2, 3]), "platform.members[0].rho_fill"),
    ("Cd wrong length", _set(M0 + ("Cd",), [1, 2, 3, 4]), "platform.members[0].Cd"),
    ("Ca negative", _set(M0 + ("Ca",), -1), "platform.members[0].Ca"),
    ("cap_t missing", _del(M0 + ("cap_t",)), "platform.members[0].cap_t"),
    ("cap outside member", _set(M0 + ("cap_stations",), [2]), "platform.members[0].cap_stations"),
    ("potModMaster out of range", _set(("platform", "potModMaster"), 7), "platform.potModMaster"),
    ("unknown line type", _set(("mooring", "lines", 0, "type"), "rope"), "mooring.lines[0].type"),
    ("unknown point", _set(("mooring", "lines", 1, "endA"), "nowhere"), "mooring.lines[1].endA"),
    ("line length negative", _set(("mooring", "lines", 2, "length"), -5), "mooring.lines[2].length"),
    ("stiffness zero", _set(("mooring", "line_types", 0, "stiffness"), 0), "mooring.line_types[0].stiffness"),
    ("point type unknown", _set(("mooring", "points", 0, "type"), "floating"), "mooring.points[0].type"),
    ("point location short", _set(("mooring", "points", 0, "location"), [1, 2]), "mooring.points[0].location"),
    ("duplicate point", _set(("mooring", "points", 1, "name"), "anchor0"), "mooring.points[1].name"),
    ("mooring depth negative", _set(("mooring", "water_depth"), -100), "mooring.water_depth"),
    ("NaN Hs", _set(CASE0 + (7,), math.nan), "cases.data[0].wave_height"),
    ("negative Tp", _set(CASE0 + (6,), -8.0), "cases.data[0].wave_period"),
    ("NaN Hs with still water", lambda d: (_set(CASE0 + (5,), "still")(d), _set(CASE0 + (7,), math.nan)(d)),
     "cases.data[0].wave_height"),
    ("zero Tp JONSWAP", _set(CASE0 + (6,), 0), "cases.data[0].wave_period"),
    ("NaN in second wave system", lambda d: _set(CASE0 + (7,), [1.0, math.nan])(d) or _set(CASE0 + (8,), [0, 90])(d),
     "cases.data[0].wave_height[1]"),
    ("negative Hs", _set(CASE0 + (7,), -1.0), "cases.data[0].wave_height"),
    ("unknown spectrum", _set(CASE0 + (5,), "Bretschneiderish"), "cases.data[0].wave_spectrum"),
    ("short case row", _set(CASE0, [8.0, 0.0]), "cases.data[0]"),
    ("bad turbulence", _set(CASE0 + (2,), "XYZ"), "cases.data[0].turbulence"),
    ("bad turbine status", _set(CASE0 + (3,), "sleeping"), "cases.data[0].turbine_status"),
    ("uneven wave systems", lambda d: (_set(CASE0 + (8,), [0, 90])(d), _set(CASE0 + (6,), [8, 9, 10])(d)),
     "cases.data[0]"),
    ("array of two", _set(("array",), {"keys": ["turbineID", "platformID", "mooringID", "x_location",
                                                "y_location", "heading_adjust"],
                                       "data": [[1, 1, 1, 0, 0, 0], [1, 1, 1, 1000, 0, 0]]}), "array.data"),
    ("shared mooring", _set(("array_mooring",), {"file": "x.dat"}), "array_mooring"),
    ("two platforms", _set(("platforms",), [{"members": []}, {"members": []}]), "platforms"),
    ("include missing file", _set(("platform",), {"include": "no_such_file.yaml"}), "platform.include"),
]


@pytest.mark.parametrize("mutate, path", [pytest.param(m, p, id=i) for i, m, p in MALFORMED])
def test_malformed_design_refused(mutate, path, tmp_path):
    design = tiny_design()
    mutate(design)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(DesignError) as info:
            design_from_dict(design, base_dir=tmp_path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(path + ":"), message
    assert info.value.path == path


def test_at_least_thirty_malformed_designs():
    assert len(MALFORMED) >= 30


FILES = [
    ("non-YAML binary", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe"),
    ("YAML syntax error", b"site: {water_depth: [1, 2\nplatform: :::\n"),
    ("YAML list at top", b"- 1\n- 2\n"),
    ("empty file", b""),
    ("scalar at top", b"just a sentence\n"),
]


@pytest.mark.parametrize("content", [pytest.param(c, id=i) for i, c in FILES])
def test_bad_files_refused(content, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(DesignError) as info:
        load_design(path)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith("bad.yaml:")


def test_missing_file_and_directory_refused(tmp_path):
    for path in (tmp_path / "absent.yaml", tmp_path):
        with pytest.raises(DesignError) as info:
            load_design(path)
        assert "\n" not in str(info.value)


JUNK = (None, -1.0, "x", [], {}, math.nan, [1, 2, 3, 4, 5], True)


def _leaves(node, prefix=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, prefix + (k,))
    elif isinstance(node, list) and node and isinstance(node[0], (dict, list)):
        for i, v in enumerate(node):
            yield from _leaves(v, prefix + (i,))
    if prefix:
        yield prefix


def test_only_design_errors_escape_when_any_entry_is_junk():
    """Replace every entry of the tiny design (with a turbine) by junk values one at a
    time: loading either succeeds or raises a one-line DesignError, never anything else.
    SOURCE: requirement that no other exception type escapes the loader."""
    paths = list(_leaves(tiny_design(with_turbine=True)))
    assert len(paths) > 80
    for path in paths:
        for junk in JUNK:
            design = tiny_design(with_turbine=True)
            _set(path, junk)(design)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    design_from_dict(design)
                except DesignError as exc:
                    assert "\n" not in str(exc), (path, junk)
