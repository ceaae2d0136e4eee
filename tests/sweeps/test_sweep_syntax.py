"""Sweep paths, VALUES and the one-line errors of bad input (docs/sweeps.md)."""
from __future__ import annotations

import pytest
from sweep_helpers import VOLTURN, small_document

from raft_sim.cli import main
from raft_sim.design.errors import DesignError
from raft_sim.sweeps.api import parameters_from
from raft_sim.sweeps.paths import current_values, parse_path
from raft_sim.sweeps.plan import make_plan
from raft_sim.sweeps.values import parse_values


@pytest.fixture(scope="module")
def doc():
    return small_document()[0]


def values_at(doc, path):
    return current_values(doc, parse_path(path, "t"), "t")


def test_paths_address_the_document_as_written(doc):
    # SOURCE: designs/platforms/VolturnUS-S.yaml and moorings/VolturnUS-S.yaml (values as written).
    assert values_at(doc, "platform.members[outer_column].d") == [12.5]
    assert values_at(doc, "platform.members[1].rho_fill[0]") == [5000.0]
    assert values_at(doc, "mooring.lines[*].length") == [850.0] * 3
    assert values_at(doc, "cases.wave_height") == [4.0]
    assert values_at(doc, "cases[0].wave_period") == [10.0]
    assert values_at(doc, "site.water_depth") == [200.0]
    assert values_at(doc, "turbine.pitch_control.GS_Kp")[0][0] == pytest.approx(-1.143968)


def test_values_syntax():
    # SOURCE: the VALUES syntax of issue 9 (comma list, start:stop:count, x scale factors).
    assert parse_values("830,850,880", "t").values == (830, 850, 880)
    assert parse_values("830:880:3", "t").values == (830.0, 855.0, 880.0)
    scaled = parse_values("x0.9,1,1.1", "t")
    assert scaled.scale and scaled.values == (0.9, 1, 1.1)
    assert parse_values("x0.8:1.2:3", "t").values == pytest.approx((0.8, 1.0, 1.2))


def test_grid_and_zip_variants(doc):
    # SOURCE: definition: a grid is the Cartesian product (C order), zip pairs the lists.
    params = parameters_from({"mooring.lines[*].length": "800,900", "cases.wave_height": "x1,2"})
    grid = make_plan(doc, params)
    assert grid.shape == (2, 2)
    last = grid.variant_document(3)
    assert [l["length"] for l in last["mooring"]["lines"]] == [900] * 3
    assert last["cases"]["data"][0][7] == 8.0
    assert doc["cases"]["data"][0][7] == 4.0  # the base document is not modified
    paired = make_plan(doc, params, zip=True)
    assert len(paired) == 2 and paired.assignment(1) == (900, 2)


@pytest.mark.parametrize("argument, message", [
    ("platform.memberz.d=1,2", "--set platform.memberz.d=1,2: no key 'memberz' in platform"),
    ("mooring.lines[7].length=1,2", "mooring.lines[7] does not exist (mooring.lines has 3 items)"),
    ("platform.members[bogus].d=1", "no item named 'bogus' in platform.members"),
    ("cases.wave_hight=1", "no column 'wave_hight' in cases"),
    ("site.water_depth=deep,200", "'deep' is not a number"),
    ("site.water_depth=200:300:0", "empty range '200:300:0'"),
    ("site.water_depth=200:300:2.5", "count of start:stop:count must be a whole number"),
    ("site.water_depth=", "no VALUES after '='"),
    ("site.water_depth", "expected PATH=VALUES"),
    ("site.water_depth=1,1", "value 1 appears twice"),
    ("site.water_depth=1 --rank bogus.x", "--rank: unknown metric 'bogus.x'"),
])
def test_bad_input_is_one_line_naming_the_argument(argument, message, capsys, tmp_path):
    # SOURCE: project standard: bad input -> one line naming the argument, exit 2, no traceback.
    setting, *more = argument.split(" ")
    code = main(["sweep", str(VOLTURN), "--set", setting, *more, "-o", str(tmp_path / "s.nc")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and err[0].startswith("error: ") and message in err[0], err
    assert "Traceback" not in err[0]
    assert not (tmp_path / "s.nc.parts").exists()


def test_zip_needs_lists_of_one_length(doc):
    with pytest.raises(DesignError, match="--zip: the value lists must have one length"):
        make_plan(doc, parameters_from({"site.water_depth": "1,2", "cases.wave_height": "1,2,3"}), zip=True)


def test_sweep_file(tmp_path, doc):
    # SOURCE: the sweep-file format of docs/sweeps.md.
    from raft_sim.sweeps.sweepfile import read_sweep_file
    (tmp_path / "s.yaml").write_text(
        "zip: true\nparameters:\n"
        "  - {path: 'mooring.lines[*].length', values: [800, 900]}\n"
        "  - {path: 'platform.members[outer_column].rho_fill[0]', values: {scale: [0.9, 1.1]}, name: ballast}\n")
    params, zipped = read_sweep_file(tmp_path / "s.yaml")
    assert zipped and [p.name for p in params] == ["mooring_lines_length", "ballast"]
    assert params[1].values.scale
    (tmp_path / "bad.yaml").write_text("parameters:\n  - {path: site.water_depth, values: {start: 1}}\n")
    with pytest.raises(DesignError, match=r"^--file bad.yaml: parameters\[0\].values: expected a list"):
        read_sweep_file(tmp_path / "bad.yaml")


def test_dask_without_dask_says_how_to_install(monkeypatch, capsys, tmp_path):
    # SOURCE: issue 9: Dask is an optional extra; asking for it without it says how to install.
    import sys
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    code = main(["sweep", str(VOLTURN), "--set", "site.water_depth=200", "--dask", "local",
                 "-o", str(tmp_path / "s.nc"), "--quiet"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err == ("error: --dask: Dask is not installed: pip install 'raft_sim[dask]' "
                                 "(or: pip install 'dask[distributed]')")


def test_sweep_is_public_and_lazy():
    # SOURCE: project standard: the public API is in raft_sim's lazy table.
    import subprocess
    import sys
    code = ("import sys, raft_sim; heavy = [m for m in ('xarray', 'moorpy', 'raft_sim.sweeps.api') "
            "if m in sys.modules]; from raft_sim.sweeps.api import sweep; "
            "print(heavy, raft_sim.sweep is sweep)")
    probe = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           cwd=str(VOLTURN.parents[1]))
    assert probe.stdout.strip() == "[] True", probe.stderr
