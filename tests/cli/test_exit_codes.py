"""CLI exit codes, safe outputs and run-time faults (issue 12, docs/cli.md).

SOURCE: the exit-code scheme of docs/cli.md (0 fine, 1 a case failed, 2 bad input or
usage, 3 output not written, 130 interrupted); RFC 8259 (no NaN/Infinity in JSON);
signal(7) (SIGTERM, SIGINT). Most checks run in-process through ``raft_sim.cli.main``;
the signal ones in a subprocess bounded by a timeout.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from raft_sim import cli

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "design"))
from tiny_design import tiny_design  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
HDF5 = b"\x89HDF\r\n\x1a\n"


def design_file(tmp_path, mutate=None, name="d.yaml"):
    d = tiny_design()
    if mutate:
        mutate(d)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(d))
    return path


def run_main(capsys, *args):
    code = cli.main([str(a) for a in args])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, [line for line in out.err.splitlines() if line.startswith("error:")]


@pytest.fixture
def no_analysis(monkeypatch):
    """Fail the test if a case is computed (outputs must be checked before computing)."""
    from raft_sim.model import Model

    def boom(self, cases=None):
        raise AssertionError("analysis ran before the output was checked")
    monkeypatch.setattr(Model, "analyze", boom)


@pytest.mark.parametrize("target, match", [
    (lambda p: p / "d.yaml", "is an input of the analysis"),
    (lambda p: p / "missing" / "r.nc", "does not exist"),
    (lambda p: p, "is a directory"),
    (lambda p: ((p / "notes.txt").write_text("x"), os.symlink(p / "notes.txt", p / "r.nc"), p / "r.nc")[2],
     "symbolic link"),
    (lambda p: ((p / "notes.txt").write_text("x"), p / "notes.txt")[1], "not a netCDF file"),
])
def test_output_refused_before_computing_exit_3(tmp_path, capsys, no_analysis, target, match):
    design = design_file(tmp_path)
    before = design.read_bytes()
    code, _, errors = run_main(capsys, "run", design, "-o", target(tmp_path))
    assert code == 3 and len(errors) == 1 and match in errors[0]
    assert design.read_bytes() == before


def test_output_nul_byte_exit_3(tmp_path, capsys, no_analysis):
    code, _, errors = run_main(capsys, "run", design_file(tmp_path), "-o", "r\x00.nc")
    assert code == 3 and "invalid output file name" in errors[0]


def test_cases_null_exit_2(tmp_path, capsys, no_analysis):
    code, _, errors = run_main(capsys, "run", design_file(tmp_path, lambda d: d.update(cases=None)))
    assert code == 2 and errors == ["error: cases: the design has no load cases to run (use 'info' for statics)"]


def test_all_masses_zero_exit_2(tmp_path, capsys):
    def zero(d):
        d["platform"]["members"][0].update(rho_shell=0.0, rho_fill=[0.0, 0.0])
    code, _, errors = run_main(capsys, "info", design_file(tmp_path, zero))
    assert code == 2 and len(errors) == 1 and errors[0].startswith("error: platform: total mass is 0 kg")


def test_sinking_design_refused_exit_2(tmp_path, capsys, no_analysis):
    def ballast_x10(d):
        d["platform"]["members"][0]["rho_fill"] = [18000.0, 0.0]
    code, _, errors = run_main(capsys, "run", design_file(tmp_path, ballast_x10))
    assert code == 2 and "exceeds the buoyancy of the platform fully submerged" in errors[0]


def test_info_json_is_strict_with_unstable_dofs(tmp_path, capsys):
    code, out, _ = run_main(capsys, "info", design_file(tmp_path, lambda d: d.pop("mooring")), "--json")
    assert code == 0
    info = json.loads(out, parse_constant=lambda token: pytest.fail(f"invalid JSON token {token}"))
    assert info["unstable"] == ["surge", "sway", "yaw"]
    assert info["natural_periods"]["surge"] is None and info["natural_periods"]["heave"] > 0
    assert "no positive restoring" in info["null_values"]["natural_periods.surge"]


def test_usage_errors_and_help(capsys):
    assert cli.main(["frobnicate"]) == 2
    assert cli.main(["run"]) == 2
    assert cli.main(["--help"]) == 0
    capsys.readouterr()


def test_last_resort_handler_one_line_exit_1(tmp_path, capsys, monkeypatch):
    import raft_sim.system.run as run_module

    def broken(prepared, cases, executor=None):  # fault injection: a bug in the analysis
        raise RuntimeError("simulated bug\nwith a forged\x1b[2J line")
    monkeypatch.setattr(run_module, "run_cases", broken)
    code, _, errors = run_main(capsys, "run", design_file(tmp_path))
    assert code == 1 and len(errors) == 1
    assert "internal error (RuntimeError: simulated bug\\nwith a forged\\x1b[2J line)" in errors[0]


def test_names_cannot_forge_output_lines(tmp_path, capsys):
    code, out, _ = run_main(capsys, "check", design_file(tmp_path, lambda d: d.update(name="x\nerror: forged")))
    assert code == 0 and len(out.splitlines()) == 1 and "x\\nerror: forged" in out


DRIVER = textwrap.dedent("""
    import sys, time
    import raft_sim.model, raft_sim.results.dataset as ds
    raft_sim.model.Model.analyze = lambda self, cases=None: None
    def slow_save(results, path):
        with open(path, "wb") as fh:
            fh.write(b"partial")
            fh.flush()
            print("writing", flush=True)
            time.sleep(30)
    ds.save_results = slow_save
    from raft_sim.cli import main
    sys.exit(main(sys.argv[1:]))
""")


def test_ctrl_c_during_write_keeps_previous_file(tmp_path, capsys, monkeypatch):
    import raft_sim.results.dataset as dataset
    from raft_sim.model import Model
    monkeypatch.setattr(Model, "analyze", lambda self, cases=None: None)

    def interrupted(results, path):
        Path(path).write_bytes(b"partial")
        raise KeyboardInterrupt
    monkeypatch.setattr(dataset, "save_results", interrupted)
    target = tmp_path / "r.nc"
    target.write_bytes(HDF5 + b"previous results")
    code, _, errors = run_main(capsys, "run", design_file(tmp_path), "-o", target)
    assert code == 130 and "interrupted" in errors[0]
    assert target.read_bytes() == HDF5 + b"previous results"
    assert sorted(os.listdir(tmp_path)) == ["d.yaml", "r.nc"]


def test_sigterm_during_write_keeps_previous_file(tmp_path):
    sig = signal.SIGTERM
    design = design_file(tmp_path)
    target = tmp_path / "r.nc"
    target.write_bytes(HDF5 + b"previous results")
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, "run", str(design), "-o", str(target)],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "writing"
        assert any(name.endswith(".part") for name in os.listdir(tmp_path))
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    assert target.read_bytes() == HDF5 + b"previous results"
    assert sorted(os.listdir(tmp_path)) == ["d.yaml", "r.nc"]


def test_run_json_nulls_are_listed(tmp_path, capsys, monkeypatch):
    import raft_sim.results.summary as summary
    import raft_sim.system.run as run_module
    monkeypatch.setattr(run_module, "run_cases", lambda prepared, cases, executor=None: (None, []))
    monkeypatch.setattr(summary, "run_summary", lambda omega, results, **settings: {"cases": [{"std": {"surge": float("nan")}}]})
    code, out, _ = run_main(capsys, "run", design_file(tmp_path), "--json")
    data = json.loads(out, parse_constant=lambda token: pytest.fail(f"invalid JSON token {token}"))
    assert data["cases"][0]["std"]["surge"] is None
    assert data["null_values"] == {"cases[0].std.surge": "the case failed (see its error)"}
