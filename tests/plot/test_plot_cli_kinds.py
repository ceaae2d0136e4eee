"""``raft-sim plot`` on a sweep file (drawn as a sweep map without --kind) and the fatigue
kind of a results file; options that do not fit the file give one line and exit code 2."""
from __future__ import annotations

import pytest

from synthetic_results import synthetic_scatter, synthetic_sweep

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    from raft_sim.results.dataset import save_results
    folder = tmp_path_factory.mktemp("plotcli")
    save_results(synthetic_sweep(), folder / "sweep.nc")
    save_results(synthetic_scatter(), folder / "scatter.nc")
    return folder


@pytest.mark.parametrize("name, args", [
    ("sweep.nc", []),
    ("sweep.nc", ["--kind", "sweep", "--metric", "natural_period.pitch"]),
    ("scatter.nc", ["--kind", "fatigue"]),
    ("scatter.nc", ["--kind", "fatigue", "--channel", "mooring_line1_fairlead"]),
])
def test_sweep_and_fatigue_kinds_write_an_image(files, tmp_path, capsys, name, args):
    from raft_sim.cli import main
    out = tmp_path / "plot.png"
    assert main(["plot", str(files / name), "-o", str(out)] + args) == 0
    assert out.read_bytes().startswith(PNG) and out.stat().st_size > 10000
    assert capsys.readouterr().out.strip() == f"wrote {out}"


@pytest.mark.parametrize("name, args, where", [
    ("sweep.nc", ["--metric", "std.nope"], "--metric"),
    ("sweep.nc", ["--kind", "fatigue"], "--kind"),
    ("sweep.nc", ["--kind", "geometry"], "--kind"),
    ("scatter.nc", ["--kind", "sweep"], "--kind"),
    ("scatter.nc", ["--metric", "std.pitch"], "--metric"),
    ("scatter.nc", ["--kind", "fatigue", "--channel", "tower_top"], "--channel"),
    ("scatter.nc", ["--kind", "stats", "--channel", "mooring_line1_fairlead"], "--channel"),
])
def test_options_that_do_not_fit_give_one_line_and_exit_2(files, tmp_path, capsys, name, args, where):
    from raft_sim.cli import main
    assert main(["plot", str(files / name), "-o", str(tmp_path / "x.png")] + args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {where}"), err
    assert not (tmp_path / "x.png").exists()
