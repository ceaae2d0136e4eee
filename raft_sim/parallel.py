"""Running many cases: BLAS thread control and executors.

The case functions are pure (:mod:`raft_sim.system.case`), so any
``concurrent.futures.Executor`` can run them: a thread pool, a process pool, or a
``dask.distributed`` client's executor. Small dense products (6x6 solves, products over a
few hundred strips) are slowed badly by multithreaded BLAS, above all on a busy machine
(measured in benchmarks/bench_raft_sim.py), so case analyses run with one BLAS thread per
worker; parallelism comes from the executor.
"""
from __future__ import annotations

import contextlib


_CONTROLLER = None


def _blas_controller():
    """One ``ThreadpoolController`` per process (scanning the loaded libraries costs ~4 ms)."""
    global _CONTROLLER
    if _CONTROLLER is None:
        from threadpoolctl import ThreadpoolController
        _CONTROLLER = ThreadpoolController()
    return _CONTROLLER


@contextlib.contextmanager
def single_threaded_blas():
    """Limit BLAS/OpenMP to one thread inside the block (threadpoolctl; a no-op without it).

    The libraries are scanned once per process, at the first call (numpy and scipy are loaded
    by then).
    """
    try:
        controller = _blas_controller()
    except ImportError:  # pragma: no cover - threadpoolctl is a dependency
        yield
        return
    with controller.limit(limits=1):
        yield


def local_executor(kind: str, workers: int | None = None):
    """A ``concurrent.futures`` executor: ``"threads"`` or ``"processes"``.

    Parameters
    ----------
    kind : {"threads", "processes"}
    workers : int, optional
        Number of workers; default: the number of CPUs.

    Returns
    -------
    concurrent.futures.Executor
        Use it as a context manager. Process workers limit their BLAS to one thread.
    """
    import concurrent.futures as cf
    import os
    n = workers or os.cpu_count() or 1
    if kind == "threads":
        return cf.ThreadPoolExecutor(max_workers=n)
    if kind == "processes":
        return cf.ProcessPoolExecutor(max_workers=n, initializer=_limit_worker_blas)
    raise ValueError(f"unknown executor kind {kind!r}; use 'threads' or 'processes'")


def _limit_worker_blas():
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(limits=1)
    except ImportError:  # pragma: no cover
        pass
