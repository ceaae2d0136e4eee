"""Timings of the fatigue stage: 1,000 cases x all channels, and a 50-condition scatter end to end.

Run on demand (not a test):  python benchmarks/bench_fatigue.py

Prints (1) the vectorised stage on the shipped VolturnUS-S results tiled to 1,000 cases
(all load channels, all three methods), with FLife's time per spectrum for comparison;
(2) a 50-condition VolturnUS-S scatter (parked rotor, JONSWAP Hs x Tp, the design's own
frequency grid): analysis, the fatigue step on the Dataset and on the case results (the
xarray-free path of ``raft-sim run --json``), and the fatigue share of the run; (3) the
shipped Weibull example (designs/VolturnUS-S_IEA15MW_fatigue.yaml) as ``raft-sim fatigue``
runs it: load, analysis, fatigue stage.
"""
from __future__ import annotations

import sys
import time
import warnings
from dataclasses import replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from raft_sim.design.load import load_design  # noqa: E402
from raft_sim.design.objects import Case, SeaState  # noqa: E402
from raft_sim.model import Model  # noqa: E402
from raft_sim.results.fatigue import METHODS  # noqa: E402
from raft_sim.results.fatigue_dataset import fatigue_dataset  # noqa: E402
from raft_sim.results.summary import run_summary  # noqa: E402
from raft_sim.system.run import run_cases  # noqa: E402

from bench_raft_sim import best_of  # noqa: E402  (the benchmarks' one timer)

DESIGN = REPO / "designs" / "VolturnUS-S_IEA15MW.yaml"
WEIBULL = REPO / "designs" / "VolturnUS-S_IEA15MW_fatigue.yaml"


def flife_seconds_per_spectrum(omega, psd, n=60):
    """FLife's time for the three methods on one spectrum [s] (mean over n spectra)."""
    import FLife
    t0 = time.perf_counter()
    for s in psd[:n]:
        data = FLife.SpectralData(input={"PSD": s * 2 * np.pi, "f": omega / (2 * np.pi)})
        FLife.Narrowband(data).get_life(1e30, 4.0)
        FLife.Dirlik(data).get_life(1e30, 4.0)
        FLife.TovoBenasciutti(data).get_life(1e30, 4.0, method="method 2")
    return (time.perf_counter() - t0) / min(n, len(psd))


def main():
    warnings.simplefilter("ignore")
    design = load_design(DESIGN)
    results = Model(design).analyze()
    tiled = results.isel(case=np.arange(1000) % results.sizes["case"]).assign_coords(case=np.arange(1000))
    p = np.full(1000, 1e-3)
    t_stage, fat = best_of(lambda: fatigue_dataset(tiled, design.fatigue, p))
    n_spectra = fat.sizes["case"] * fat.sizes["channel"]
    print(f"fatigue stage, 1000 cases x {fat.sizes['channel']} channels x {len(METHODS)} methods "
          f"({results.sizes['omega']} frequencies): {t_stage * 1e3:.1f} ms "
          f"({t_stage / n_spectra * 1e6:.2f} us per spectrum)")
    psd = results["mooring_tension_psd"].transpose("case", "line", "omega").values.reshape(-1, results.sizes["omega"])
    psd = np.concatenate([psd, results["tower_base_moment_psd"].values])
    try:
        per = flife_seconds_per_spectrum(results["omega"].values, psd[psd.sum(axis=1) > 0])
        print(f"FLife, same 3 methods: {per * 1e3:.2f} ms per spectrum -> {per * n_spectra:.1f} s "
              f"for the 1000-case stage ({per * n_spectra / t_stage:.0f} x slower)")
    except ImportError:
        print("FLife not installed (pip install '.[test]'): no comparison")

    cases = [Case(wind_speed=0.0, turbine_status="parked", waves=(SeaState(spectrum="jonswap", hs=hs, tp=tp),),
                  probability=1 / 50) for hs in np.linspace(1, 6, 10) for tp in np.linspace(6, 14, 5)]
    model = Model(replace(design, cases=tuple(cases)))
    t0 = time.perf_counter()
    omega, case_results = run_cases(model.prepared, cases)
    t_run = time.perf_counter() - t0
    scatter = model.analyze()
    t_fat, _ = best_of(lambda: fatigue_dataset(scatter, design.fatigue, [c.probability for c in cases]))
    t_stats, _ = best_of(lambda: run_summary(omega, case_results))
    print(f"VolturnUS-S 50-condition scatter: analysis {t_run:.2f} s, fatigue step {t_fat * 1e3:.1f} ms "
          f"({100 * t_fat / (t_run + t_fat):.2f} % of the run); run --json summary (statistics and DELs) "
          f"{t_stats * 1e3:.1f} ms")

    t0 = time.perf_counter()
    weibull = load_design(WEIBULL)
    results = Model(weibull).analyze()
    t_analysis = time.perf_counter() - t0
    t_fat, fat = best_of(lambda: fatigue_dataset(results, weibull.fatigue))
    print(f"Weibull example ({fat.sizes['case']} bins, {fat.sizes['channel']} channels): load + analysis "
          f"{t_analysis:.2f} s, fatigue stage {t_fat * 1e3:.1f} ms ({100 * t_fat / (t_analysis + t_fat):.2f} %)")

if __name__ == "__main__":
    main()
