"""Case results -> one labelled Dataset (motions, channels, case descriptions).

Reads only :class:`raft_sim.system.case.CaseResult` values and the frequency grid: no
model internals, no physics.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from raft_sim.results.dataset import add_channel, case_coordinates, results_dataset

if TYPE_CHECKING:
    import xarray


def collect_results(omega: np.ndarray, results, attrs: dict | None = None) -> "xarray.Dataset":
    """Dataset of all cases: motions, derived channels, case descriptions.

    Parameters
    ----------
    omega : ndarray, shape (F,)
        Frequency grid [rad/s].
    results : sequence of raft_sim.system.case.CaseResult
    attrs : dict, optional
        Global attributes (design name, source file, ...).

    Returns
    -------
    xarray.Dataset
        See docs/outputs.md.
    """
    rao = np.stack([r.rao for r in results])
    ds = results_dataset(
        omega, rao, np.stack([r.source_psd for r in results]), np.stack([r.mean for r in results]),
        source=results[0].source, source_heading=np.stack([r.source_heading for r in results]),
        converged=[r.converged for r in results], iterations=[r.iterations for r in results],
        attrs=attrs)
    ds = ds.assign(error=("case", np.array([r.error for r in results], dtype=str),
                          {"units": "1", "long_name": "why the case failed (empty if it did not)"}),
                   warnings=("case", np.array(["\n".join(r.findings) for r in results], dtype=str),
                             {"units": "1", "long_name": "sanity warnings about the case, one a line "
                              "(empty if none)"}))
    ds = ds.assign_coords(case_coordinates([r.case for r in results],
                                           [_status(r) for r in results]))
    for name in _channel_names(results):
        ds = _add(ds, name, results, rao.shape[1:3])
    return ds


def _status(result) -> str:
    if result.error:
        return "failed"
    return "converged" if result.converged else "not_converged"


def _channel_names(results) -> list[str]:
    names: list[str] = []
    for r in results:
        names += [n for n in (r.channels or {}) if n not in names]
    return names


def _add(ds, name, results, shape):
    """One channel over all cases; cases without it get zeros (no such response, e.g. the
    rotor in still air) or NaN (a failed case)."""
    template = next(r.channels[name] for r in results if r.channels and name in r.channels)
    comps = template.components
    k = () if comps is None else (len(comps),)
    transfer = np.zeros((len(results),) + shape + k, complex)
    mean = np.zeros((len(results),) + k)
    for i, r in enumerate(results):
        if r.error:
            transfer[i], mean[i] = np.nan, np.nan
        elif name in (r.channels or {}):
            transfer[i], mean[i] = r.channels[name].transfer, r.channels[name].mean
    return add_channel(ds, name, transfer, mean, components=None if comps is None else list(comps))
