"""The command-line interface: exit codes, clean errors, JSON interfaces (docs/cli.md)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]
OC3 = REPO / "designs" / "OC3-Hywind_NREL5MW.yaml"


def raft_sim(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "raft_sim.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=300)


def test_help_is_light_and_lists_commands():
    # SOURCE: interface contract: --help must not import the physics (brief: lazy imports).
    out = raft_sim("--help")
    assert out.returncode == 0
    for command in ("check", "info", "run"):
        assert command in out.stdout
    code = ("import sys, raft_sim.cli; raft_sim.cli._parser(); "
            "heavy = [m for m in ('moorpy', 'xarray', 'pandas', 'scipy', 'matplotlib') if m in sys.modules]; "
            "print(heavy)")
    probe = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert probe.stdout.strip() == "[]"


def test_check_accepts_shipped_design():
    out = raft_sim("check", OC3, "--strict")
    assert out.returncode == 0, out.stderr
    assert "OK" in out.stdout


@pytest.mark.parametrize("text, path", [
    ("platform: [1, 2\n", "bad.yaml"),
    ("site: {water_depth: -5}\n", "site.water_depth"),
])
def test_bad_design_gives_one_line_error_and_exit_2(tmp_path, text, path):
    # SOURCE: issue acceptance: errors name the YAML path, no traceback, exit code 2.
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    out = raft_sim("check", bad)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    errors = [line for line in out.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and path in errors[0]


def test_info_json_has_documented_keys_and_periods():
    # SOURCE: docs/cli.md (interface) and OC3 natural periods (NREL/TP-500-47535 via
    # published-figures.md 1.4 [R]/[X]): surge ~125 s, heave ~31 s, pitch ~29 s (5 %).
    out = raft_sim("info", OC3, "--json")
    assert out.returncode == 0, out.stderr
    info = json.loads(out.stdout)
    periods = info["natural_periods"]
    assert set(periods) == {"surge", "sway", "heave", "roll", "pitch", "yaw"}
    assert periods["surge"] == pytest.approx(125.0, rel=0.05)
    assert periods["heave"] == pytest.approx(30.9, rel=0.05)
    assert periods["pitch"] == pytest.approx(29.2, rel=0.05)
    for key in ("mass", "displacement", "hydrostatic_stiffness", "mooring", "equilibrium"):
        assert key in info


def test_run_json_and_netcdf(tmp_path):
    # SOURCE: interface contract (docs/outputs.md): one entry per case, in the design's order,
    # rotations in degrees; the netCDF file reopens with the same statistics.
    from raft_sim.results.dataset import open_results
    nc = tmp_path / "out.nc"
    out = raft_sim("run", OC3, "--json", "-o", nc)
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["units"]["pitch"] == "deg"
    ds = open_results(nc)
    assert len(summary["cases"]) == ds.sizes["case"]
    for i, case in enumerate(summary["cases"]):
        for stat in ("mean", "std", "max", "min"):
            assert set(case[stat]) == {"surge", "sway", "heave", "roll", "pitch", "yaw"}
        std_pitch = float(ds["motion_std"].isel(case=i).sel(dof="pitch"))
        assert case["std"]["pitch"] == pytest.approx(np.degrees(std_pitch), rel=1e-12)
