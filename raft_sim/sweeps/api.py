"""``raft_sim.sweep``: run a design sweep and return one labelled Dataset."""
from __future__ import annotations

import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from raft_sim.design.errors import DesignError
from raft_sim.sweeps.evaluate import OK, evaluate_variant
from raft_sim.sweeps.plan import Parameter, Plan, make_parameter, make_plan
from raft_sim.sweeps.values import Values, from_yaml

if TYPE_CHECKING:
    import xarray as xr

DASK_MISSING = "Dask is not installed: pip install 'raft_sim[dask]' (or: pip install 'dask[distributed]')"


@dataclass(frozen=True)
class SweepRun:
    """A finished sweep run.

    Attributes
    ----------
    dataset : xarray.Dataset
        All variants (see docs/sweeps.md).
    computed : int
        Variants computed in this run.
    reused : int
        Variants already finished in the parts folder (``resume``).
    failed : int
        Variants whose status is not ``ok``.
    """

    dataset: "xr.Dataset"
    computed: int
    reused: int
    failed: int


def read_document(design, base_dir=None) -> tuple[dict, str | None, str | None]:
    """A design as written, includes resolved: (document, base_dir, source file).

    ``design`` is a YAML file path or an already parsed mapping.
    """
    from raft_sim.design.include import read_yaml, resolve_includes
    if isinstance(design, dict):
        folder = Path(base_dir) if base_dir is not None else None
        return resolve_includes(design, folder), (str(folder) if folder else None), None
    path = Path(design)
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DesignError(path.name, "the design must be a mapping at top level")
    return resolve_includes(data, path.resolve().parent, path), str(path.resolve().parent), str(path)


def parameters_from(spec) -> list[Parameter]:
    """Parameters from ``{path: values}`` (values: VALUES text, a list, a number or
    :class:`~raft_sim.sweeps.values.Values`) or a sequence of Parameter."""
    if isinstance(spec, dict):
        out = []
        for path, values in spec.items():
            where = f"parameter {path}"
            values = values if isinstance(values, Values) else from_yaml(
                list(values) if isinstance(values, tuple) else values, where)
            out.append(make_parameter(path, values, where))
        return out
    return list(spec)


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity where the OS tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


def connect(client, workers: int):
    """A Dask client: the given one, ``"local"`` (new LocalCluster) or a scheduler address.

    Returns (client, owned): ``owned`` when this function created it.
    """
    if client is None or not isinstance(client, str):
        return client, False
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        raise DesignError("--dask", DASK_MISSING) from None
    from raft_sim.sweeps.execute import local_cluster
    if client == "local":
        return local_cluster(workers), True
    from dask.distributed import Client
    try:
        return Client(client, timeout=10), True
    except Exception as err:  # noqa: BLE001 -- bad address, refused, timeout: one line
        raise DesignError("--dask", f"cannot reach the Dask scheduler at {client}: {err}") from None


def run_sweep(design, parameters, *, zip: bool = False, workers: int | None = None, client=None,
              output=None, resume: bool = False, strict: bool = False, progress: str = "auto",
              base_dir=None, evaluate: Callable | None = None, keep_parts: bool = False) -> SweepRun:
    """Run a sweep; see :func:`sweep` for the parameters. Returns a :class:`SweepRun`."""
    from raft_sim.design.load import design_from_dict
    from raft_sim.sweeps.combine import combine
    from raft_sim.sweeps.progress import Progress
    from raft_sim.sweeps.store import PartStore, parts_dir

    document, folder, source = read_document(design, base_dir)
    design_from_dict(pickle.loads(pickle.dumps(document)), base_dir=folder, strict=strict,
                     source=source)  # the base design must be valid (its warnings show once)
    plan = make_plan(document, parameters_from(parameters), base_dir=folder, zip=zip, strict=strict)
    if resume and output is None:
        raise DesignError("--resume", "needs the -o output whose parts folder is resumed")
    if output is not None:
        from raft_sim.outfile import check_target
        output = check_target(output, protected=[source] if source else [])
    workers = available_cores() if workers is None else int(workers)
    if workers < 0:
        raise DesignError("--workers", f"expected 0 (this process) or more workers, got {workers}")
    dask_client, owned = connect(client, max(workers, 1))
    try:
        scratch = tempfile.TemporaryDirectory(prefix="raft_sim_sweep_") if output is None else None
        folder_parts = Path(scratch.name) / "parts" if scratch else parts_dir(output)
        store = PartStore(folder_parts, plan.fingerprint(), len(plan), resume)
        reused = store.records()
        todo = [i for i in range(len(plan)) if i not in reused]
        bar = Progress(len(todo), len(reused), progress)

        def on_done(outcome, attempts):
            store.write(outcome, attempts)
            bar.update(outcome.status != OK)

        try:
            _dispatch(plan, todo, on_done, evaluate or evaluate_variant, workers, dask_client)
        finally:
            bar.close()
    finally:
        if owned:
            from raft_sim.sweeps.execute import close_local_cluster
            close_local_cluster(dask_client)
    records = store.records()
    dataset = combine(plan, records, store.load)
    if output is not None:
        from raft_sim.outfile import write_atomically
        from raft_sim.results.dataset import save_results
        write_atomically(output, lambda path: save_results(dataset, path))
    failed = sum(r["status"] != OK for r in records.values())
    if scratch is not None:
        scratch.cleanup()
    elif not keep_parts:
        store.remove()
    return SweepRun(dataset, len(todo), len(reused), failed)


def _dispatch(plan: Plan, todo, on_done, evaluate, workers: int, client) -> None:
    from raft_sim.sweeps.execute import run_dask, run_pool, run_serial
    if not todo:
        return
    if client is not None:
        run_dask(plan, todo, on_done, evaluate, client)
    elif workers == 0:
        run_serial(plan, todo, on_done, evaluate)
    else:
        run_pool(plan, todo, on_done, evaluate, min(workers, len(todo)))


def sweep(design, parameters, *, zip: bool = False, workers: int | None = None, client=None,
          output=None, resume: bool = False, strict: bool = False, progress: str = "quiet",
          base_dir=None, evaluate: Callable | None = None) -> "xr.Dataset":
    """Run a design sweep and return one labelled Dataset.

    Parameters
    ----------
    design : str, Path or dict
        RAFT-format YAML file, or the parsed mapping (then ``base_dir`` for relative paths).
    parameters : dict or sequence of Parameter
        ``{path: values}``: a path into the design as written (``mooring.lines[*].length``,
        ``platform.members[outer_column].d``, ``cases.wave_height``) and its values: VALUES
        text (``"830,850"``, ``"830:880:5"``, ``"x0.9,1,1.1"``), a list, or ``Values``.
    zip : bool
        Pair the value lists (one ``variant`` dim) instead of the full grid.
    workers : int, optional
        Local worker processes (default: the number of cores); 0 runs in this process.
    client : dask.distributed.Client or str, optional
        Run on Dask: a client, a scheduler address, or ``"local"`` for a new LocalCluster
        of ``workers`` single-threaded processes. Needs the ``[dask]`` extra.
    output : str or Path, optional
        netCDF file for the combined Dataset; finished variants are kept in
        ``<output>.parts/`` while the sweep runs (removed at the end).
    resume : bool
        Continue the sweep in ``<output>.parts/``: only variants not yet finished run.
    strict : bool
        Unknown keys in a variant are errors.
    progress : str
        ``"auto"``, ``"bar"``, ``"log"`` or ``"quiet"`` (reported on stderr).
    base_dir : str or Path, optional
        Folder for relative paths when ``design`` is a mapping.
    evaluate : callable, optional
        Per-variant function ``Task -> Outcome`` (default
        :func:`raft_sim.sweeps.evaluate.evaluate_variant`); must be picklable.

    Returns
    -------
    xarray.Dataset
        Parameter dims (grid) or a ``variant`` dim (zip); natural periods, mass, every
        statistic over cases, ``variant_status`` and ``variant_error`` (docs/sweeps.md).

    Raises
    ------
    DesignError
        Invalid base design, path, values or option (one line naming it). An invalid
        variant does not raise: it is recorded with ``variant_status = "invalid"``.
    """
    return run_sweep(design, parameters, zip=zip, workers=workers, client=client, output=output,
                     resume=resume, strict=strict, progress=progress, base_dir=base_dir,
                     evaluate=evaluate).dataset
