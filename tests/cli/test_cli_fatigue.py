"""``raft-sim fatigue``: the lifetime summary, its JSON keys (docs/fatigue.md), exit codes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "design"))
from tiny_design import tiny_design, tiny_scatter_design  # noqa: E402


def raft_sim(*args):
    return subprocess.run([sys.executable, "-m", "raft_sim.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=REPO, timeout=300)


@pytest.fixture(scope="module")
def scatter_yaml(tmp_path_factory):
    """The tiny moored cylinder in three sea states with probabilities and S-N curves."""
    path = tmp_path_factory.mktemp("cli") / "tiny.yaml"
    path.write_text(yaml.safe_dump(tiny_scatter_design()))
    return path


def test_fatigue_json_keys_and_lifetime(scatter_yaml):
    # SOURCE: interface contract of docs/fatigue.md (keys); Miner's sum: the lifetime damage
    # is the sum of the cases' damages, and the shares of the top cases are at most 1.
    out = raft_sim("fatigue", scatter_yaml, "--json")
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert set(summary) == {"design", "method", "reference_cycles", "units", "slopes", "cases", "lifetime"}
    keys = ["mooring_line0_fairlead", "mooring_line1_fairlead", "mooring_line2_fairlead"]
    anchors = [key.replace("fairlead", "anchor") for key in keys]
    assert list(summary["units"]) == keys + anchors and set(summary["units"].values()) == {"N"}
    assert summary["method"] == "dirlik" and summary["slopes"][keys[0]] == 3.0
    life = summary["lifetime"]
    assert set(life) == {"years", "damage", "DEL", "top_cases", "missing_cases", "probability_covered"}
    assert life["years"] == 25 and life["missing_cases"] == []
    for key in keys:
        assert life["damage"][key] == pytest.approx(sum(c["damage"][key] for c in summary["cases"]), rel=1e-12)
        assert life["top_cases"][key][0]["case"] == 1          # the 3 m sea state dominates
        assert 0 < sum(t["share"] for t in life["top_cases"][key]) <= 1 + 1e-12
    calm = summary["cases"][2]
    assert calm["DEL"][keys[0]] == 0.0 and calm["damage"][keys[0]] == 0.0 and calm["failed"] is False


def test_fatigue_text_lists_channels_and_top_cases(scatter_yaml):
    out = raft_sim("fatigue", scatter_yaml, "--top", "2")
    assert out.returncode == 0, out.stderr
    assert "lifetime DEL" in out.stdout and "mooring_line0_fairlead" in out.stdout
    assert "1 (" in out.stdout and "%" in out.stdout


def test_fatigue_bad_section_is_one_line_error(tmp_path):
    d = tiny_design()
    d["fatigue"] = {"lifetime": -1}
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(d))
    out = raft_sim("fatigue", path)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.strip().splitlines() == ["error: fatigue.lifetime: expected a positive number, got -1"]
