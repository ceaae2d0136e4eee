"""One variant: design document -> validated design -> analysis -> summary Dataset.

:func:`analyze_design` is the one place that runs the physics for a variant; swap it
(e.g. for ``analyze_case(prepare(design), case)`` per case) without touching the sweep
machinery. :func:`evaluate_variant` wraps it so that every outcome, including an invalid
design or an exception, comes back as a value; it runs on pool and Dask workers.
"""
from __future__ import annotations

import time
import warnings
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import xarray as xr

OK, INVALID, FAILED = "ok", "invalid", "failed"


@dataclass(frozen=True)
class Task:
    """Everything a worker needs for one variant (picklable, a few kB)."""

    index: int
    document: dict
    base_dir: str | None
    strict: bool = False


@dataclass(frozen=True)
class Outcome:
    """What became of one variant.

    Attributes
    ----------
    index : int
        Variant index in the plan.
    status : str
        ``"ok"``, ``"invalid"`` (the loader refused the design) or ``"failed"``
        (an exception, a failed or non-converged case, or a worker that died).
    error : str
        Why it is not ``ok`` (one line; empty when ok).
    result : xarray.Dataset or None
        Summary of the variant (see :func:`summarize`); None when there is none.
    seconds : float
        Wall time spent on the variant [s].
    warnings : tuple of str
        Warnings raised while loading and analysing it.
    """

    index: int
    status: str
    error: str = ""
    result: "xr.Dataset | None" = None
    seconds: float = 0.0
    warnings: tuple = ()


REUSE_SIZE = 8
"""Entries kept per kind in a worker's caches (a few MB each for VolturnUS-S)."""

_REUSE = None


def reuse_cache():
    """This process's :class:`~raft_sim.system.reuse.ContentCache` of design parts:
    prepared parts (kinds of :func:`raft_sim.system.prepare.prepare`), rotors and models."""
    global _REUSE
    if _REUSE is None:
        from raft_sim.system.reuse import ContentCache
        _REUSE = ContentCache(REUSE_SIZE)
    return _REUSE


def intern_rotor(design):
    """``design`` with its rotor replaced by an earlier rotor of identical content.

    The blade-element tables of :mod:`raft_sim.aero.bem` are cached per rotor object;
    handing every variant with the same rotor one object lets that cache serve them all
    (a variant whose rotor content differs gets its own tables).
    """
    turbine = design.turbine
    if turbine is None or turbine.rotor is None:
        return design
    kept = reuse_cache().get("rotor", turbine.rotor, lambda: turbine.rotor)
    return design if kept is turbine.rotor else replace(design, turbine=replace(turbine, rotor=kept))


def prepared_model(design):
    """A ``Model`` of ``design`` without its cases, with its natural periods and mass.

    Variants of identical content apart from the cases (sweeps over sea states or other
    case columns) share one: the system is prepared, the unloaded equilibrium and the
    natural modes solved once per worker process (not when a Capytaine database is solved
    at the cases' headings). Other variants are prepared with the
    process's :func:`reuse_cache`, so the parts their inputs share with an earlier variant
    (rotor tables, hull strips, mass, mooring...) are not rebuilt.

    Returns
    -------
    (Model, dict of str to float, float)
        The model, natural period per DOF [s] and total mass [kg].
    """
    from raft_sim.model import Model
    from raft_sim.system.prepare import prepare
    cache = reuse_cache()
    base = intern_rotor(design)
    if not _bem_headings_from_cases(base):
        base = replace(base, cases=())

    def build():
        model = Model(base, prepared=prepare(base, reuse=cache))
        return model, model.natural_frequencies().dof_periods, model.mass.mass
    return cache.get("model", base, build)


def _bem_headings_from_cases(design) -> bool:
    """Whether the design's potential-flow database is a Capytaine solve at its cases' wave
    headings (:func:`raft_sim.hydro.potential.design_database`): then the model keeps its
    cases, as ``raft-sim run`` prepares it, and is shared only by identical variants."""
    platform = design.platform
    if platform.potential_first_order and platform.hydro_path:
        return False  # WAMIT files: every heading they hold
    return any(m.potential_flow for m in platform.members)


def analyze_design(design) -> "xr.Dataset":
    """Summary results of one design: every case, natural periods and mass.

    Parameters
    ----------
    design : raft_sim.design.objects.Design

    Returns
    -------
    xarray.Dataset
        See :func:`summarize`.
    """
    model, periods, mass = prepared_model(design)
    return summarize(model.analyze(design.cases), periods, mass, design.fatigue)


def summarize(results: "xr.Dataset", periods: dict, mass: float, fatigue=None) -> "xr.Dataset":
    """The per-variant part of a sweep: statistics over cases, natural periods, mass.

    Parameters
    ----------
    results : xarray.Dataset
        From ``Model.analyze`` (statistic variables found by their ``stat``/``channel`` attrs).
    periods : dict of str to float
        Natural period per DOF [s].
    mass : float
        Total mass [kg].
    fatigue : raft_sim.design.objects.FatigueSettings, optional
        The design's fatigue section (default settings without it).

    Returns
    -------
    xarray.Dataset
        Every statistic variable of ``results`` (dims case[, dof or component]),
        ``converged`` and ``case_error`` (case), ``natural_period`` (dof) [s], ``mass`` [kg];
        the case and dof coordinates of ``results`` (case description, case status...);
        the fatigue stage's ``DEL`` (case, channel) and, with case probabilities,
        ``lifetime_DEL`` and ``lifetime_damage`` (channel), in the design's method
        (:func:`raft_sim.results.fatigue_dataset.fatigue_dataset`).
    """
    import numpy as np
    import xarray as xr

    from raft_sim.conventions import DOFS
    from raft_sim.results.fatigue_dataset import fatigue_dataset
    variables = results.variables  # plain Variables: no DataArray, no alignment
    coords = results.coords
    data = {n: v for n, v in variables.items()
            if "stat" in v.attrs and "channel" in v.attrs and n not in coords}
    data["converged"] = variables["converged"]
    data["case_error"] = variables["error"]
    data["natural_period"] = ("dof", np.array([periods[d] for d in DOFS], float),
                              {"units": "s", "long_name": "rigid-body natural period (unloaded equilibrium)"})
    data["mass"] = ((), float(mass), {"units": "kg", "long_name": "total mass (platform, tower, RNA)"})
    fat = fatigue_dataset(results, fatigue)
    method = fat.attrs["method"]
    row = list(fat["fatigue_method"].values).index(method)
    fvars = fat.variables
    for name in ("DEL", "lifetime_DEL", "lifetime_damage"):
        if name in fvars:
            data[name] = (fvars[name].dims[1:], fvars[name].values[row],
                          {**fvars[name].attrs, "fatigue_method": method})
    used = {d for v in data.values() for d in (v.dims if hasattr(v, "dims") else v[0])}
    kept = {c: variables[c] for c in coords if variables[c].dims and set(variables[c].dims) <= used}
    kept.update({c: fvars[c] for c in ("channel", "channel_units", "slope")})
    attrs = {k: v for k, v in results.attrs.items() if k != "source_file"}
    attrs.update({"fatigue_reference_cycles": fat.attrs["reference_cycles"],
                  "fatigue_lifetime_years": fat.attrs["lifetime_years"]})
    return xr.Dataset(data, coords=kept, attrs=attrs)


def preload() -> None:
    """Import what a variant's analysis uses (a forked worker then inherits it warm)."""
    import xarray as xr

    import raft_sim.aero.loads  # noqa: F401
    import raft_sim.model  # noqa: F401
    import raft_sim.mooring  # noqa: F401
    import raft_sim.results.collect  # noqa: F401
    import raft_sim.system.case  # noqa: F401
    import raft_sim.system.prepare  # noqa: F401
    import raft_sim.system.run  # noqa: F401
    xr.Dataset({"x": ("x", [0.0])}).copy(deep=True)  # xarray's lazy duck-array imports


def case_problem(summary: "xr.Dataset") -> str:
    """First failed or non-converged case of a summary, in words ('' if none)."""
    for label, error, converged in zip(summary["case"].values, summary["case_error"].values,
                                       summary["converged"].values):
        if str(error):
            return f"case {label}: {error}"
        if not bool(converged):
            return f"case {label}: drag linearisation did not converge"
    return ""


def evaluate_variant(task: Task) -> Outcome:
    """Load, validate and analyse one variant; never raises for the design's sake.

    Parameters
    ----------
    task : Task

    Returns
    -------
    Outcome
    """
    from raft_sim.design.errors import DesignError
    from raft_sim.design.load import design_from_dict
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            design = design_from_dict(task.document, base_dir=task.base_dir, strict=task.strict)
        except DesignError as err:
            return Outcome(task.index, INVALID, str(err), None, time.perf_counter() - start,
                           _messages(caught))
        try:
            summary = analyze_design(design)
        except Exception as err:  # noqa: BLE001 -- recorded as the variant's failure
            return Outcome(task.index, FAILED, f"{type(err).__name__}: {err}", None,
                           time.perf_counter() - start, _messages(caught))
    problem = case_problem(summary)
    return Outcome(task.index, FAILED if problem else OK, problem, summary,
                   time.perf_counter() - start, _messages(caught))


def _messages(caught) -> tuple:
    return tuple(dict.fromkeys(str(w.message) for w in caught))
