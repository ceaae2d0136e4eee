"""One variant: design document -> validated design -> analysis -> summary.

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

    from raft_sim.sweeps.summary import Summary

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
    result : raft_sim.sweeps.summary.Summary or None
        Summary of the variant (see :func:`summarize`; a custom ``evaluate`` may give an
        ``xarray.Dataset``); None when there is none.
    seconds : float
        Wall time spent on the variant [s].
    warnings : tuple of str
        Warnings raised while loading and analysing it.
    """

    index: int
    status: str
    error: str = ""
    result: "Summary | xr.Dataset | None" = None
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


def analyze_design(design) -> "Summary":
    """Summary results of one design: every case, natural periods and mass.

    Parameters
    ----------
    design : raft_sim.design.objects.Design

    Returns
    -------
    Summary
        See :func:`summarize`.
    """
    from raft_sim.system.run import run_cases
    model, periods, mass = prepared_model(design)
    omega, results = run_cases(model.prepared, design.cases)
    return summarize(omega, results, periods, mass, design.fatigue, {"design": design.name})


def summarize(omega, results, periods: dict, mass: float, fatigue=None,
              attrs: dict | None = None) -> "Summary":
    """The per-variant part of a sweep: statistics over cases, natural periods, mass, fatigue.

    Built straight from the case results: the variables are those of the results Dataset
    (:func:`raft_sim.results.collect.collect_results`, docs/outputs.md) and of its fatigue
    stage, without the spectra and RAOs a sweep does not keep.

    Parameters
    ----------
    omega : ndarray, shape (F,)
        Frequency grid of the results [rad/s].
    results : sequence of raft_sim.system.case.CaseResult
    periods : dict of str to float
        Natural period per DOF [s].
    mass : float
        Total mass [kg].
    fatigue : raft_sim.design.objects.FatigueSettings, optional
        The design's fatigue section (default settings without it).
    attrs : dict, optional
        Extra global attributes (the design name).

    Returns
    -------
    raft_sim.sweeps.summary.Summary
        As a Dataset (:meth:`~raft_sim.sweeps.summary.Summary.to_dataset`): the statistic variables ``motion_<stat>`` (case, dof) and ``<channel>_<stat>``
        (case[, component]), ``converged`` and ``case_error`` (case), ``natural_period``
        (dof) [s], ``mass`` [kg]; the case coordinates (case description, status...), the
        dof and component coordinates; the fatigue stage's ``DEL`` (case, channel) and,
        with case probabilities, ``lifetime_DEL`` and ``lifetime_damage`` (channel), in the
        design's method (:func:`raft_sim.results.fatigue_dataset.fatigue_dataset`), with
        the ``channel``, ``channel_units`` and ``slope`` coordinates.
    """
    import numpy as np

    from raft_sim.conventions import DOFS
    from raft_sim.design.fatigue import YEAR
    from raft_sim.design.objects import FatigueSettings
    from raft_sim.results import fatigue_dataset as fd
    from raft_sim.results.collect import case_status, channel_names, stacked_channel
    from raft_sim.results.dataset import (CASE_STATE_ATTRS, TIME_CONVENTION, case_coordinates,
                                          channel_parts, dof_coordinates, motion_parts)
    from raft_sim.results.fatigue import METHODS
    from raft_sim.results.statistics import DEFAULT_DURATION
    from raft_sim.results.summary import fatigue_spectra, results_fatigue
    from raft_sim.sweeps.summary import Summary

    omega, settings = np.asarray(omega, float), fatigue or FatigueSettings()
    rao = np.stack([r.rao for r in results])
    source_psd = np.stack([r.source_psd for r in results])
    motion_psd, data = motion_parts(rao, source_psd, omega, np.stack([r.mean for r in results]),
                                    DEFAULT_DURATION)
    coords = {"case": ("case", np.arange(len(results)), {"long_name": "load case"}),
              **dof_coordinates(),
              **case_coordinates([r.case for r in results], [case_status(r) for r in results])}
    channel_psds = []
    for name in channel_names(results):
        transfer, mean, components = stacked_channel(results, name, rao.shape[1:3])
        parts, labels = channel_parts(name, transfer, mean, source_psd, omega, DEFAULT_DURATION,
                                      components=components)
        data.update({k: v for k, v in parts.items() if "stat" in v[2]})
        coords.update({k: (k, v) for k, v in labels.items()})
        channel_psds.append((name, parts[f"{name}_psd"][1], components))
    data["converged"] = ("case", np.array([r.converged for r in results], bool),
                         CASE_STATE_ATTRS["converged"])
    data["case_error"] = ("case", np.array([r.error for r in results], dtype=str),
                          CASE_STATE_ATTRS["error"])
    data["natural_period"] = ("dof", np.array([periods[d] for d in DOFS], float),
                              {"units": "s", "long_name": "rigid-body natural period (unloaded equilibrium)"})
    data["mass"] = ((), float(mass), {"units": "kg", "long_name": "total mass (platform, tower, RNA)"})
    chosen, p, arrays = results_fatigue(omega, results, fatigue_spectra(motion_psd, channel_psds), settings)
    row = METHODS.index(settings.method)
    for name in ("DEL",) + (() if p is None else ("lifetime_DEL", "lifetime_damage")):
        data[name] = (fd.DIMS[name][1:], arrays[name][row],
                      {**fd.ATTRS[name], "fatigue_method": settings.method})
    coords.update({"channel": ("channel", np.array([c[0] for c in chosen], dtype=str)),
                   "channel_units": ("channel", np.array([c[1] for c in chosen], dtype=str)),
                   "slope": ("channel", np.array([c[3].m for c in chosen], float), fd.ATTRS["slope"])})
    global_attrs = {"time_convention": TIME_CONVENTION,
                    "extreme_duration_s": float(DEFAULT_DURATION), **(attrs or {}),
                    "fatigue_reference_cycles": float(settings.reference_cycles),
                    "fatigue_lifetime_years": float(settings.lifetime / YEAR)}
    return Summary.of(data, coords, global_attrs)


PRELOADED = (
    "xarray", "moorpy", "scipy.interpolate", "scipy.optimize", "scipy.linalg", "threadpoolctl",
    "raft_sim.design.load", "raft_sim.model", "raft_sim.mooring", "raft_sim.aero.bem",
    "raft_sim.aero.control", "raft_sim.aero.linearization", "raft_sim.aero.loads",
    "raft_sim.hydro.potential", "raft_sim.hydro.drag_projection", "raft_sim.structure.strips",
    "raft_sim.structure.sanity", "raft_sim.solve.statics", "raft_sim.solve.drag_iteration",
    "raft_sim.system.case", "raft_sim.system.channels", "raft_sim.system.grid",
    "raft_sim.system.hydro", "raft_sim.system.prepare", "raft_sim.system.run",
    "raft_sim.results.summary", "raft_sim.results.collect", "raft_sim.sweeps.summary")
"""Modules a variant's analysis imports (MoorPy with matplotlib, SciPy: about 1.5 s in all)."""


def preload() -> None:
    """Import :data:`PRELOADED` (a worker forked after it inherits them warm)."""
    import importlib

    for name in PRELOADED:
        importlib.import_module(name)
    import xarray as xr
    xr.Dataset({"x": ("x", [0.0])}).copy(deep=True)  # xarray's lazy duck-array imports


def case_problem(summary: "Summary") -> str:
    """First failed or non-converged case of a summary, in words ('' if none)."""
    for label, error, converged in zip(summary.coords["case"][1], summary.data["case_error"][1],
                                       summary.data["converged"][1]):
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
