"""Sweep throughput: wave-only variants per second on 1 and 2 workers, and the Dask overhead.

Run on demand (not a test):  python benchmarks/bench_sweep.py [--stages] [--grid5]

Each variant is VolturnUS-S with one wave-only case (the shipped file's parked first
case: JONSWAP Hs 4 m, Tp 10 s) on RAFT's default frequency grid (0.01..1 Hz, step 0.01
Hz, ``refine_grid`` off), a line length changed per variant; 60 variants a sweep (the
start of a pool and the final Dataset are then a small share). Rates are measured after a
warm-up sweep, so first imports are reported separately. Besides wall-clock rates it
prints the CPU time per variant of the main process and of the workers (getrusage), which
does not depend on what else the machine runs: on 2 free cores the rate is bounded by
2 / (main + workers CPU) and by workers / (workers CPU). ``--stages`` prints the CPU time
of each stage of one variant; ``--grid5`` runs the issue's 5 x 5 grid (line length x
slurry ballast density, all four cases) on the local pool and through a Dask
LocalCluster and checks that the datasets are identical.
"""
from __future__ import annotations

import resource
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
VOLTURN = REPO / "designs" / "VolturnUS-S_IEA15MW.yaml"
LENGTHS = "mooring.lines[*].length"


def wave_only_document():
    from raft_sim.sweeps.api import read_document
    doc, base, _ = read_document(VOLTURN)
    doc["cases"] = {"keys": doc["cases"]["keys"], "data": [doc["cases"]["data"][0]]}
    doc["settings"] = {**doc["settings"], "min_freq": 0.01, "max_freq": 1.0, "refine_grid": False}
    return doc, base


def timed(func):
    t0 = time.perf_counter()
    out = func()
    return time.perf_counter() - t0, out


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished children."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def rate(doc, base, n: int, **kw) -> tuple[float, float, float]:
    """An n-variant line-length sweep: (variants/s, main CPU ms, worker CPU ms per variant).

    Worker CPU is counted for pool workers (children that have exited), not Dask workers."""
    from raft_sim.sweeps.api import sweep
    main0, kids0 = _cpu()
    seconds, ds = timed(lambda: sweep(doc, {LENGTHS: f"800:900:{n}"}, base_dir=base, **kw))
    main1, kids1 = _cpu()
    assert (ds["variant_status"] == "ok").all()
    return n / seconds, 1e3 * (main1 - main0) / n, 1e3 * (kids1 - kids0) / n


def stages(n: int = 20) -> None:
    """CPU time per stage of a variant (in this process, caches warm as in a worker)."""
    from dataclasses import replace

    from raft_sim.design.load import design_from_dict
    from raft_sim.model import Model
    from raft_sim.sweeps import evaluate
    from raft_sim.sweeps.api import parameters_from
    from raft_sim.sweeps.combine import stack_variants
    from raft_sim.sweeps.plan import make_plan
    from raft_sim.sweeps.store import PartStore
    from raft_sim.system.prepare import prepare
    from raft_sim.system.reuse import content_key
    from raft_sim.system.run import run_cases
    import tempfile
    doc, base = wave_only_document()
    plan = make_plan(doc, parameters_from({LENGTHS: f"800:900:{n + 1}"}), base_dir=base)
    evaluate.evaluate_variant(plan.task(0))
    cache, spent, summaries = evaluate.reuse_cache(), {}, []

    def stage(name, func):
        t0 = time.process_time()
        out = func()
        spent[name] = spent.get(name, 0.0) + time.process_time() - t0
        return out
    for i in range(1, n + 1):
        task = stage("variant document (plan.task)", lambda: plan.task(i))
        design = stage("loader (design_from_dict)", lambda: design_from_dict(task.document, base_dir=base))
        bare = replace(evaluate.intern_rotor(design), cases=())
        stage("content key of the model", lambda: content_key(bare))
        prepared = stage("prepare (parts reused)", lambda: prepare(bare, reuse=cache))
        model = Model(bare, prepared=prepared)
        stage("unloaded equilibrium", lambda: model.equilibrium)
        modes = stage("natural modes", model.natural_frequencies)
        omega, results = stage("cases (run_cases)", lambda: run_cases(prepared, design.cases))
        summaries.append(stage("summary (summarize)", lambda: evaluate.summarize(
            omega, results, modes.dof_periods, model.mass.mass, design.fatigue, {"design": design.name})))
    stack_variants(summaries[:2])  # first-use costs of building a Dataset (xarray, pandas)
    with tempfile.TemporaryDirectory() as folder:
        store = PartStore(Path(folder) / "parts", "bench", n)
        for i, summary in enumerate(summaries):
            stage("part + manifest line (main)", lambda: store.write(evaluate.Outcome(i, "ok", "", summary)))
        stage("combine (main)", lambda: stack_variants(summaries))
    total = sum(spent.values())
    for name, seconds in spent.items():
        print(f"  {name:32s} {1e3 * seconds / n:6.1f} ms")
    print(f"  {'total':32s} {1e3 * total / n:6.1f} ms CPU per variant")


def throughput(n: int = 60) -> None:
    doc, base = wave_only_document()
    first, _ = timed(lambda: rate(doc, base, 1, workers=0))
    print(f"first variant in a fresh process (imports, rotor tables): {first:.2f} s")
    rates = {}
    for label, workers in (("in-process (workers=0)", 0), ("local pool, 1 worker  ", 1),
                           ("local pool, 2 workers ", 2)):
        rates[workers], main, kids = rate(doc, base, n, workers=workers)
        print(f"{label}: {rates[workers]:5.2f} variants/s; CPU per variant: main {main:.0f} ms, "
              f"workers {kids:.0f} ms")
    print(f"scaling 2 workers / 1 worker = {rates[2] / rates[1]:.2f}")
    try:
        from raft_sim.sweeps.execute import close_local_cluster, local_cluster
    except ImportError:
        return
    t0 = time.perf_counter()
    client = local_cluster(2)
    start = time.perf_counter() - t0
    try:
        rate(doc, base, 2, client=client)  # warm the workers (imports, rotor tables)
        dask, main, _ = rate(doc, base, n, client=client)
    finally:
        close_local_cluster(client)
    # against the pool measured before any Dask client: once Dask has run, its threads stay
    # and the pool spawns (not forks) its workers, which then start cold
    print(f"Dask LocalCluster, 2 workers: {dask:.2f} variants/s (cluster start {start:.1f} s, main CPU "
          f"{main:.0f} ms/variant); overhead per variant against the pool of 2 "
          f"{(1 / dask - 1 / rates[2]) * 1e3:+.0f} ms")


def grid5() -> None:
    import xarray as xr

    from raft_sim.sweeps.api import read_document, sweep
    doc, base, _ = read_document(VOLTURN)
    doc["settings"] = {**doc["settings"], "min_freq": 0.01, "max_freq": 1.0, "refine_grid": False}
    grid = {LENGTHS: "830:870:5", "platform.members[outer_column].rho_fill[0]": "x0.9:1.1:5"}
    t_pool, pool = timed(lambda: sweep(doc, grid, workers=2, base_dir=base))
    t_dask, dask = timed(lambda: sweep(doc, grid, workers=2, client="local", base_dir=base))
    xr.testing.assert_identical(pool, dask)
    print(f"5 x 5 VolturnUS-S grid, 4 cases, RAFT's default grid: pool {t_pool:.1f} s, "
          f"Dask local {t_dask:.1f} s (cluster start included); identical")


if __name__ == "__main__":
    warnings.simplefilter("ignore")
    if "--stages" in sys.argv:
        stages()
    throughput()
    if "--grid5" in sys.argv:
        grid5()
