"""Timings of raft_sim's main paths, printed with the ratio to RAFT 2.0.4's figures.

Run on demand (not a test):  python benchmarks/bench_raft_sim.py

RAFT 2.0.4 on this class of machine (brief): about 9 s for a VolturnUS-S run of which 6 s
is importing WISDEM/OpenMDAO, and 1.4 s per load case.
"""
from __future__ import annotations

import subprocess
import sys
import time
import warnings
from dataclasses import replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DESIGNS = sorted((REPO / "designs").glob("*.yaml"))
RAFT_RUN_S, RAFT_CASE_S = 9.0, 1.4


def best_of(func, repeat=5):
    """Smallest wall time of ``repeat`` calls [s] and the last result."""
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = func()
        times.append(time.perf_counter() - t0)
    return min(times), out


def cold_cli(args):
    """Wall time of a fresh ``raft-sim`` process (imports included) [s]."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "raft_sim.cli", *args], check=True,
                   capture_output=True, cwd=REPO)
    return time.perf_counter() - t0


def static_paths():
    import raft_sim
    print("\n== load + statics + eigen (warm imports), per shipped design")
    for path in DESIGNS:
        def job():
            model = raft_sim.Model(raft_sim.load_design(path))
            return model.natural_frequencies()
        t, _ = best_of(job, 3)
        print(f"{path.name:<34} {1e3 * t:8.1f} ms")


def wave_case_scaling():
    import raft_sim
    from raft_sim.design.objects import Case, SeaState
    print("\n== one wave-only case of VolturnUS-S (model built; drag iteration included)")
    design = raft_sim.load_design(REPO / "designs" / "VolturnUS-S_IEA15MW.yaml")
    case = Case(waves=(SeaState("jonswap", hs=6.0, tp=12.0),))
    base = None
    for n_freq in (40, 80, 160, 320):
        df = 0.4 / n_freq
        d = replace(design, settings=replace(design.settings, min_freq=df, max_freq=0.4))
        model = raft_sim.Model(d)
        model.analyze_case(case)  # builds cached model parts and MoorPy once
        t, resp = best_of(lambda: model.analyze_case(case))
        base = base or t / n_freq
        print(f"{n_freq:4d} frequencies: {1e3 * t:7.1f} ms  ({resp.iterations} drag solves)   "
              f"time/frequency vs 40: {t / n_freq / base:5.2f}   vs RAFT per case: "
              f"{RAFT_CASE_S / t:6.0f}x faster")


def aero_paths():
    import raft_sim
    from raft_sim.aero.operating import power_curve
    print("\n== rotor (IEA 15 MW)")
    design = raft_sim.load_design(REPO / "designs" / "VolturnUS-S_IEA15MW.yaml")
    rotor, site = design.turbine.rotor, design.site
    speeds = np.linspace(3.0, 25.0, 50)
    t, _ = best_of(lambda: power_curve(rotor, site, speeds), 3)
    print(f"power/thrust curve, 50 wind speeds: {1e3 * t:7.1f} ms")
    model = raft_sim.Model(design)
    case = next(c for c in design.cases if c.wind_speed > 0)
    t, _ = best_of(lambda: model.aero_loads(case), 3)
    print(f"aero-servo linearisation of one case: {1e3 * t:7.1f} ms")


def import_floor():
    """Fresh-process import costs that bound a cold run from below."""
    print("\n== imports, fresh process (best of 3)")
    for stmt in ("import numpy", "import raft_sim", "import moorpy", "import xarray",
                 "import scipy.interpolate", "import moorpy, xarray, scipy.interpolate"):
        t = min(_python_c(stmt) for _ in range(3))
        print(f"{stmt:<44} {t:5.2f} s")


def _python_c(stmt):
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", stmt], check=True, capture_output=True, cwd=REPO)
    return time.perf_counter() - t0


def warm_runs():
    """Whole ``Model.analyze`` with imports done: the compute part of a run."""
    import raft_sim
    print("\n== Model(design).analyze(), imports warm (fresh model: polars, MoorPy built)")
    for path in DESIGNS:
        design = raft_sim.load_design(path)
        raft_sim.Model(design).analyze()  # first call pays the imports
        t, _ = best_of(lambda: raft_sim.Model(design).analyze(), 3)
        print(f"{path.name:<34} {1e3 * t:7.1f} ms   per case {1e3 * t / len(design.cases):6.1f} ms")


def whole_runs():
    print("\n== whole command, fresh process (imports included)")
    for path in DESIGNS:
        rel = str(path.relative_to(REPO))
        t_info = cold_cli(["info", rel])
        t_run = cold_cli(["run", rel])
        print(f"{path.name:<34} info {t_info:5.2f} s   run {t_run:5.2f} s   "
              f"(RAFT ~{RAFT_RUN_S:.0f} s: {RAFT_RUN_S / t_run:4.1f}x)")


if __name__ == "__main__":
    warnings.simplefilter("ignore")
    static_paths()
    wave_case_scaling()
    aero_paths()
    warm_runs()
    import_floor()
    whole_runs()
