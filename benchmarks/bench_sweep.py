"""Sweep throughput: wave-only variants per second on 1 and 2 workers, and the Dask overhead.

Run on demand (not a test):  python benchmarks/bench_sweep.py [--grid5]

Each variant is VolturnUS-S with one wave-only case (the shipped file's parked first
case: JONSWAP Hs 4 m, Tp 10 s) on RAFT's default frequency grid (0.01..1 Hz, step 0.01
Hz), a line length changed per variant. Rates are measured after a warm-up sweep, so pool
start-up and first imports are reported separately. ``--grid5`` also runs the issue's
5 x 5 grid (line length x slurry ballast density, all four cases) on the local pool and
through a Dask LocalCluster and checks that the datasets are identical.
"""
from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
VOLTURN = REPO / "designs" / "VolturnUS-S_IEA15MW.yaml"


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


def rate(doc, base, n: int, **kw) -> float:
    """Variants per second of an n-variant line-length sweep."""
    from raft_sim.sweeps.api import sweep
    seconds, ds = timed(lambda: sweep(doc, {"mooring.lines[*].length": f"800:900:{n}"},
                                      base_dir=base, **kw))
    assert (ds["variant_status"] == "ok").all()
    return n / seconds


def throughput(n: int = 12) -> None:
    doc, base = wave_only_document()
    first, _ = timed(lambda: rate(doc, base, 1, workers=0))
    print(f"first variant in a fresh process (imports, rotor tables): {first:.2f} s")
    serial = rate(doc, base, n, workers=0)
    one = rate(doc, base, n, workers=1)
    two = rate(doc, base, n, workers=2)
    print(f"in-process (workers=0): {serial:.2f} variants/s")
    print(f"local pool, 1 worker:   {one:.2f} variants/s (pool start-up included)")
    print(f"local pool, 2 workers:  {two:.2f} variants/s; scaling 2/1 = {two / one:.2f}")
    try:
        from raft_sim.sweeps.execute import local_cluster
    except ImportError:
        return
    t0 = time.perf_counter()
    client = local_cluster(2)
    start = time.perf_counter() - t0
    try:
        rate(doc, base, 2, client=client)  # warm the workers
        dask = rate(doc, base, n, client=client)
    finally:
        client.close()
        client.cluster.close()
    overhead = 1 / dask - 1 / two
    print(f"Dask LocalCluster, 2 workers: {dask:.2f} variants/s (cluster start {start:.1f} s); "
          f"overhead per variant vs the local pool {overhead * 1e3:+.0f} ms")


def grid5() -> None:
    import xarray as xr

    from raft_sim.sweeps.api import read_document, sweep
    doc, base, _ = read_document(VOLTURN)
    grid = {"mooring.lines[*].length": "830:870:5",
            "platform.members[outer_column].rho_fill[0]": "x0.9:1.1:5"}
    t_pool, pool = timed(lambda: sweep(doc, grid, workers=2, base_dir=base))
    t_dask, dask = timed(lambda: sweep(doc, grid, workers=2, client="local", base_dir=base))
    xr.testing.assert_identical(pool, dask)
    print(f"5 x 5 VolturnUS-S grid, 4 cases: pool {t_pool:.1f} s, Dask local {t_dask:.1f} s; identical")


if __name__ == "__main__":
    warnings.simplefilter("ignore")
    throughput()
    if "--grid5" in sys.argv:
        grid5()
