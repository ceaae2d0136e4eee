"""``raft-sim plot``: default figures for a design and a results file, clean errors."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
OC3 = REPO / "designs" / "OC3-Hywind_NREL5MW.yaml"


@pytest.fixture(scope="module")
def results_file(tmp_path_factory):
    sys.path.insert(0, str(REPO / "tests" / "plot"))
    from synthetic_results import synthetic_results

    from raft_sim.results.dataset import save_results
    path = tmp_path_factory.mktemp("plot") / "results.nc"
    save_results(synthetic_results(), path)
    return path


def test_design_draws_its_geometry(tmp_path):
    # SOURCE: issue 10: `raft-sim plot design.yaml -o geometry.png` just works.
    out = subprocess.run([sys.executable, "-m", "raft_sim.cli", "plot", str(OC3), "-o",
                          str(tmp_path / "geometry.png")], capture_output=True, text=True,
                         cwd=REPO, timeout=300)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "geometry.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("kind, suffix, magic", [(None, "svg", b"<?xml"), ("stats", "pdf", b"%PDF")])
def test_results_file_draws_overview_and_stats(results_file, tmp_path, kind, suffix, magic):
    from raft_sim.cli import main
    out = tmp_path / f"plot.{suffix}"
    args = ["plot", str(results_file), "-o", str(out), "--dof", "pitch"]
    assert main(args + (["--kind", kind] if kind else [])) == 0
    assert out.read_bytes().startswith(magic)


@pytest.mark.parametrize("args, where", [
    (["--kind", "geometry"], "--kind"),
    (["--dof", "pich"], "--dof"),
    (["-o", "x.gif"], "-o"),
])
def test_bad_arguments_give_one_line_and_exit_2(results_file, tmp_path, capsys, args, where):
    from raft_sim.cli import main
    argv = ["plot", str(results_file)] + args
    if "-o" not in args:
        argv += ["-o", str(tmp_path / "x.png")]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {where}")


def test_not_a_results_file(tmp_path, capsys):
    from raft_sim.cli import main
    bad = tmp_path / "bad.nc"
    bad.write_text("not netCDF")
    assert main(["plot", str(bad), "-o", str(tmp_path / "x.png")]) == 2
    assert "not a results file" in capsys.readouterr().err


def test_output_problems_exit_3(results_file, tmp_path, capsys):
    # SOURCE: docs/cli.md exit codes: 3 when the output file cannot be written.
    from raft_sim.cli import main
    assert main(["plot", str(results_file), "-o", str(tmp_path / "missing" / "x.png")]) == 3
    assert "could not be written" in capsys.readouterr().err
    assert not list(tmp_path.glob("**/*.part"))  # no temporary file left behind
