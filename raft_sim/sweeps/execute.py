"""Where variants run: in this process, on a local process pool, or on Dask.

Each runner builds the :class:`~raft_sim.sweeps.evaluate.Task` of every variant index
from the plan where the variant runs (so only indices travel, and the plan once per
worker), calls ``evaluate(task)`` and hands each
:class:`~raft_sim.sweeps.evaluate.Outcome` to ``on_done(outcome, attempts)`` as soon as it
arrives (in completion order). Ctrl-C (KeyboardInterrupt) stops the workers and
propagates; outcomes handed over before it are kept by the caller.
"""
from __future__ import annotations

import os
import signal
import threading
from collections import deque
from typing import Callable, Iterable

from raft_sim.sweeps.evaluate import FAILED, Outcome
from raft_sim.sweeps.plan import Plan

OnDone = Callable[[Outcome, int], None]

WORKER_DIED = ("worker process died while computing this variant (killed or crashed), "
               "twice: once among other variants and once alone")


def run_planned(plan: Plan, evaluate, index: int) -> Outcome:
    """``evaluate`` on variant ``index`` of ``plan`` (what a Dask worker runs)."""
    return evaluate(plan.task(index))


def run_serial(plan: Plan, indices: Iterable[int], on_done: OnDone, evaluate) -> None:
    """Every variant in this process, one after another."""
    for index in indices:
        on_done(run_planned(plan, evaluate, index), 1)


_WORKER: dict = {}


def _run_index(index: int) -> Outcome:
    return run_planned(_WORKER["plan"], _WORKER["evaluate"], index)


def settle() -> None:
    """Leave the objects alive now (imported modules: SciPy, MoorPy, matplotlib, xarray...)
    out of the garbage collector's full passes (``gc.freeze``): in a worker they live as long
    as the process, and scanning them took about 10 ms of every variant."""
    import gc
    gc.freeze()


def warm_worker() -> None:
    """What a Dask worker runs before its first variant: the imports, then :func:`settle`."""
    from raft_sim.sweeps.evaluate import preload
    preload()
    settle()


def _init_worker(parent: int, plan: Plan, evaluate) -> None:
    """Pool worker initializer: keep the plan, ignore Ctrl-C (the parent handles it), exit
    if the parent process dies, and :func:`settle` the imported heap."""
    _WORKER.update(plan=plan, evaluate=evaluate)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    settle()

    def watch():
        import multiprocessing
        import time
        parent_process = multiprocessing.parent_process()  # a forkserver's worker is not its child
        if parent_process is not None:
            parent_process.join()  # returns when the parent process ends
        else:
            while os.getppid() == parent:
                time.sleep(0.5)
        os._exit(3)

    threading.Thread(target=watch, daemon=True).start()


def start_method() -> str:
    """How pool workers start: ``fork`` from a process without other threads (they inherit
    its imports), else ``forkserver`` where there is one (a Jupyter kernel, after a Dask
    client: forking a process with threads is unsafe; the server imports
    :data:`raft_sim.sweeps.evaluate.PRELOADED` once and forks warm workers), else ``spawn``."""
    import multiprocessing
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _new_pool(workers: int, plan: Plan, evaluate):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    method = start_method()
    context = multiprocessing.get_context(method)
    if method == "fork":
        from raft_sim.sweeps.evaluate import preload
        preload()
    elif method == "forkserver":
        from raft_sim.sweeps.evaluate import PRELOADED
        context.set_forkserver_preload(list(PRELOADED))
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                               initargs=(os.getpid(), plan, evaluate))


def _stop(pool) -> None:
    """Terminate the pool's workers now (running variants are abandoned)."""
    terminate = getattr(pool, "terminate_workers", None)  # Python >= 3.14
    if terminate is not None:
        terminate()
    else:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def run_pool(plan: Plan, indices: Iterable[int], on_done: OnDone, evaluate, workers: int) -> None:
    """Tasks on a local process pool of ``workers`` processes.

    At most ``workers`` variants are in flight (a variant queued behind one that kills its
    worker would be taken down with it before it ran). When a worker process dies, every
    variant that was in flight is retried once, alone on a fresh pool (so the variant that
    kills its worker is identified); dying again it is recorded as failed.
    """
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool
    queue, suspects = deque(indices), deque()
    attempts: dict[int, int] = {}
    pool = _new_pool(workers, plan, evaluate)
    inflight: dict = {}
    try:
        while queue or suspects or inflight:
            while len(inflight) < workers and (queue or suspects) and not (suspects and inflight):
                from_suspects = bool(suspects)
                index = suspects.popleft() if from_suspects else queue.popleft()
                try:
                    future = pool.submit(_run_index, index)
                except BrokenProcessPool:  # a worker died since the last wait
                    (suspects if from_suspects else queue).appendleft(index)
                    if inflight:
                        break  # wait() reports the variants it took down
                    pool.shutdown(wait=True)
                    pool = _new_pool(workers, plan, evaluate)
                    continue
                attempts[index] = attempts.get(index, 0) + 1
                inflight[future] = index
                if attempts[index] > 1:
                    break  # a retried variant runs alone
            done, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
            broken = []
            for future in done:
                index = inflight.pop(future)
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    broken.append(index)
                    continue
                except Exception as err:  # noqa: BLE001 -- e.g. a result that does not pickle
                    outcome = Outcome(index, FAILED, f"{type(err).__name__}: {err}")
                on_done(outcome, attempts[index])
            if broken:
                broken += list(inflight.values())
                inflight.clear()
                pool.shutdown(wait=True, cancel_futures=True)
                for index in sorted(broken):
                    if attempts[index] >= 2:
                        on_done(Outcome(index, FAILED, WORKER_DIED), attempts[index])
                    else:
                        suspects.append(index)
                pool = _new_pool(workers, plan, evaluate)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)


DASK_TIMEOUTS = {"distributed.comm.timeouts.connect": "60s", "distributed.comm.timeouts.tcp": "120s"}
"""Dask settings of a LocalCluster: connect and comm timeouts long enough for worker processes
that start (import numpy, xarray, MoorPy) on a machine loaded by other jobs."""


def local_cluster(workers: int):
    """A Dask ``Client`` on a new ``LocalCluster`` of single-threaded worker processes.

    Each worker process has its nanny (which restarts it if it dies), no memory limit (the
    nanny would otherwise kill a worker over a limit computed from the machine's memory
    shared among the workers), the longer :data:`DASK_TIMEOUTS`, and a private scratch
    folder (``Client.raft_sim_scratch``, removed by :func:`close_local_cluster`), so that
    clusters of concurrent runs do not clean up each other's worker folders.
    """
    import logging
    import tempfile

    import dask
    from dask.distributed import Client, LocalCluster
    scratch = tempfile.TemporaryDirectory(prefix="raft_sim_dask_")
    with dask.config.set(DASK_TIMEOUTS):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, memory_limit=0,
                               dashboard_address=None, silence_logs=logging.ERROR,
                               local_directory=scratch.name, death_timeout=120,
                               scheduler_kwargs={"dashboard": False})
        client = Client(cluster)
    client.raft_sim_scratch = scratch
    return client


def close_local_cluster(client) -> None:
    """Close a client of :func:`local_cluster`, its cluster and its scratch folder."""
    cluster = getattr(client, "cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()
    scratch = getattr(client, "raft_sim_scratch", None)
    if scratch is not None:
        scratch.cleanup()


def _same(value):
    return value


def dask_failure(index: int, err: BaseException) -> Outcome:
    """The failed outcome of a variant whose Dask task raised ``err`` (the reason in words)."""
    name = type(err).__name__
    if name == "KilledWorker":
        why = ("the worker process running it died each time it was tried (killed, out of "
               "memory or crashed in native code; see the worker logs)")
    elif "Cancelled" in name:
        why = ("Dask cancelled it (its scheduler or every worker holding its input went away, "
               "or the client shut down)")
    else:
        why = "it raised on the worker"
    return Outcome(index, FAILED, f"dask: {why}: {name}: {err}")


def run_dask(plan: Plan, indices: Iterable[int], on_done: OnDone, evaluate, client) -> None:
    """Variants on a ``dask.distributed`` client; Dask reschedules the work of a lost worker.

    The plan travels as the input of one task whose result the variant tasks depend on (not
    scattered: scattered data lost with its workers cannot be recovered, and then every
    variant task is cancelled; a task's input stays with the scheduler, which recomputes it).
    """
    from dask.distributed import as_completed

    try:
        client.run(warm_worker)  # imports on every worker before the first variants
    except Exception:  # noqa: BLE001 -- a worker lost while warming up; variants import what they need
        pass
    shared = client.submit(_same, plan, pure=False)
    futures = {client.submit(run_planned, shared, evaluate, index, pure=False, retries=1): index
               for index in indices}
    try:
        for future in as_completed(futures):
            index = futures[future]
            try:
                outcome = future.result()
            except Exception as err:  # noqa: BLE001 -- KilledWorker, cancelled, raised on the worker
                outcome = dask_failure(index, err)
            on_done(outcome, 1)
            future.release()
    except BaseException:
        client.cancel([*futures, shared])
        raise
    shared.release()
