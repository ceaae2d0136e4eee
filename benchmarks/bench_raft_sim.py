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


def cold(prepared, func):
    """``func`` wrapped to forget the prepared design's solved equilibria and geometries first,
    so that every repetition solves its statics and builds its strips as a new case does."""
    def run():
        prepared.statics_memo.clear()
        prepared.geometry_memo.clear()
        return func()
    return run


def cpu_of(func, repeat=3):
    """Smallest CPU time of this process over ``repeat`` calls [s] (a busy machine inflates
    wall times; CPU time is the better figure there)."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        func()
        times.append(time.process_time() - t0)
    return min(times)


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
        d = replace(design, settings=replace(design.settings, min_freq=df, max_freq=0.4,
                                             refine_grid=False))
        model = raft_sim.Model(d)
        model.analyze_case(case)  # builds the prepared design once
        t, resp = best_of(cold(model.prepared, lambda: model.analyze_case(case)))
        base = base or t / n_freq
        print(f"{n_freq:4d} frequencies: {1e3 * t:7.1f} ms  ({resp.iterations} drag solves)   "
              f"time/frequency vs 40: {t / n_freq / base:5.2f}   vs RAFT per case: "
              f"{RAFT_CASE_S / t:6.0f}x faster")


def scatter_batch():
    """Issue 7 aims: 50 wave-only cases x 200 frequencies <= 0.5 s; an operating-wind case of
    VolturnUS-S <= 45 ms; BLAS threads off against on."""
    import raft_sim
    from raft_sim.design.objects import Case, SeaState
    from raft_sim.parallel import single_threaded_blas
    from raft_sim.system.case import analyze_case, analyze_cases
    print("\n== batches (VolturnUS-S, model prepared)")
    design = raft_sim.load_design(REPO / "designs" / "VolturnUS-S_IEA15MW.yaml")
    d = replace(design, settings=replace(design.settings, min_freq=0.005, max_freq=1.0,
                                         refine_grid=False))
    prepared = raft_sim.Model(d).prepared
    cases = [Case(waves=(SeaState("jonswap", hs, tp),)) for hs in np.linspace(1, 8, 10)
             for tp in (6.0, 8.0, 10.0, 12.0, 14.0)]
    with single_threaded_blas():
        t, _ = best_of(cold(prepared, lambda: analyze_cases(prepared, cases)), 3)
        cpu = cpu_of(cold(prepared, lambda: analyze_cases(prepared, cases)))
    print(f"50 wave-only cases x {prepared.omega.size} frequencies, one BLAS thread: "
          f"{t:6.3f} s wall, {cpu:6.3f} s CPU (aim 0.5 s; 2.1 s before the batching)")
    t_blas, _ = best_of(cold(prepared, lambda: analyze_cases(prepared, cases)), 2)
    print(f"   the same with the machine's default BLAS threads: {t_blas:6.3f} s wall")
    wind = replace(design, settings=replace(design.settings, refine_grid=False))
    prep_wind = raft_sim.Model(wind).prepared
    case = next(c for c in wind.cases if c.wind_speed > 0 and c.turbine_status == "operating")
    with single_threaded_blas():
        analyze_case(prep_wind, case)
        t, _ = best_of(cold(prep_wind, lambda: analyze_case(prep_wind, case)))
        cpu = cpu_of(cold(prep_wind, lambda: analyze_case(prep_wind, case)), 5)
    print(f"one operating-wind case ({case.wind_speed:g} m/s, {prep_wind.omega.size} frequencies): "
          f"{1e3 * t:6.1f} ms wall, {1e3 * cpu:6.1f} ms CPU (aim 45 ms; ~90 ms two releases ago, 53 ms in the last)")


def json_import_breakdown():
    """Where a fresh ``raft-sim run --json`` spends its imports (python -X importtime)."""
    print("\n== imports of `raft-sim run --json` on VolturnUS-S (cumulative, top-level packages)")
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "raft_sim.cli", "run",
                          "designs/VolturnUS-S_IEA15MW.yaml", "--json"], capture_output=True,
                         text=True, cwd=REPO)
    total = {}
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = (x.strip() for x in line[len("import time:"):].split("|"))
        if cumulative.isdigit() and not name.startswith(" ") and "." not in name:
            total[name] = max(total.get(name, 0), int(cumulative))
    for name, us in sorted(total.items(), key=lambda kv: -kv[1])[:8]:
        print(f"{name:<20} {us / 1e6:6.2f} s")
    print("xarray/pandas imported:", any(n in total for n in ("xarray", "pandas")))


def aero_paths():
    import raft_sim
    from raft_sim.aero.operating import power_curve
    print("\n== rotor (IEA 15 MW)")
    design = raft_sim.load_design(REPO / "designs" / "VolturnUS-S_IEA15MW.yaml")
    rotor, site = design.turbine.rotor, design.site
    speeds = np.linspace(3.0, 25.0, 50)
    t, _ = best_of(lambda: power_curve(rotor, site, speeds), 3)
    print(f"power/thrust curve, 50 wind speeds: {1e3 * t:7.1f} ms")
    from raft_sim.aero.loads import case_aero_loads
    case = next(c for c in design.cases if c.wind_speed > 0)
    prepared = raft_sim.Model(design).prepared
    t, _ = best_of(lambda: case_aero_loads(design, case, prepared.omega,
                                           elements=prepared.blade_elements), 3)
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
    scatter_batch()
    aero_paths()
    warm_runs()
    import_floor()
    json_import_breakdown()
    whole_runs()
