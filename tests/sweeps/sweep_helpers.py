"""Small designs and per-variant hooks for the sweep tests (importable by pool workers)."""
from __future__ import annotations

import os
import signal
from pathlib import Path

from raft_sim.sweeps.api import read_document
from raft_sim.sweeps.evaluate import OK, Outcome

DESIGNS = Path(__file__).resolve().parents[2] / "designs"
VOLTURN = DESIGNS / "VolturnUS-S_IEA15MW.yaml"
OC3 = DESIGNS / "OC3-Hywind_NREL5MW.yaml"


def small_document(path=VOLTURN, n_freq: int = 20):
    """The design as written, reduced to one wave-only case (the parked, waves-only first
    case of the shipped file) on a coarse grid of ``n_freq`` frequencies, not refined."""
    doc, base, _ = read_document(path)
    doc["cases"] = {"keys": doc["cases"]["keys"], "data": [doc["cases"]["data"][0]]}
    doc["settings"] = {**doc.get("settings", {}), "min_freq": 0.01, "max_freq": 0.01 * n_freq,
                       "refine_grid": False}
    return doc, base


def fake_evaluate(task):
    """A variant without physics: its 'result' is the first swept value (fast machinery tests)."""
    import xarray as xr
    value = float(task.document["site"]["water_depth"])
    return Outcome(task.index, OK, "", xr.Dataset({"depth": ((), value, {"units": "m"})}))


def dies_evaluate(task):
    """Kills its own worker process for water depth 666 (every time), and for 777 once
    (the marker file in the folder named by the document's ``test_marker_dir`` says it died
    already; not an environment variable, which a forkserver's workers would not see); else
    ``fake_evaluate``."""
    depth = float(task.document["site"]["water_depth"])
    marker = Path(task.document["test_marker_dir"]) / f"died_{task.index}"
    if depth == 666 or (depth == 777 and not marker.exists()):
        marker.touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return fake_evaluate(task)


def slow_evaluate(task):
    """``fake_evaluate`` after 0.3 s (to be killed from outside)."""
    import time
    time.sleep(0.3)
    return fake_evaluate(task)
