"""Case results -> one labelled Dataset (motions, channels, case descriptions).

Reads only :class:`raft_sim.system.case.CaseResult` values and the frequency grid: no
model internals, no physics.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from raft_sim.results.dataset import (CASE_STATE_ATTRS, case_coordinates, channel_variables,
                                      results_dataset)

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
                          CASE_STATE_ATTRS["error"]),
                   warnings=("case", np.array(["\n".join(r.findings) for r in results], dtype=str),
                             {"units": "1", "long_name": "sanity warnings about the case, one a line "
                              "(empty if none)"}))
    ds = ds.assign_coords(case_coordinates([r.case for r in results],
                                           [case_status(r) for r in results]))
    data, coords = {}, {}
    for name in channel_names(results):
        transfer, mean, components = stacked_channel(results, name, rao.shape[1:3])
        more, labels = channel_variables(ds, name, transfer, mean, components=components)
        data.update(more)
        coords.update({k: v for k, v in labels.items() if k not in coords})
    ds = ds.assign(data).assign_coords({k: v for k, v in coords.items() if k not in ds.coords})
    return _with_potential_flow(ds, results)


def _with_potential_flow(ds, results):
    """A(w), B(w) of the potential-flow members and each case's excitation X(w), when the
    design has potential flow (the ``potential_flow`` contribution)."""
    from raft_sim.conventions import DOFS
    found = [next((c for c in r.contributions if c.name == "potential_flow"), None) for r in results]
    first = next((c for c in found if c is not None), None)
    if first is None:
        return ds
    excitation = np.stack([np.full(first.excitation.shape, np.nan, complex) if c is None else c.excitation
                           for c in found])
    dims = ("omega", "dof_i", "dof_j")
    out = ds.assign_coords(dof_i=("dof_i", np.array(DOFS)), dof_j=("dof_j", np.array(DOFS)))
    return out.assign(
        potential_added_mass=(dims, first.mass, {"units": "kg, kg m, kg m^2", "long_name":
                              "potential-flow added mass A[i, j]: load in DOF i per acceleration of DOF j"}),
        potential_damping=(dims, first.damping, {"units": "N s/m, N s, N m s/rad", "long_name":
                           "potential-flow radiation damping B[i, j]"}),
        potential_excitation=(("case", "omega", "source", "dof"), excitation,
                              {"units": "N, N m per m of wave", "long_name":
                               "potential-flow wave excitation per unit amplitude of each source"}))


def case_status(result) -> str:
    """``failed``, ``converged`` or ``not_converged`` (drag linearisation) of a CaseResult."""
    if result.error:
        return "failed"
    return "converged" if result.converged else "not_converged"


def channel_names(results) -> list[str]:
    """Names of the channels of any of the case results, in order of first appearance."""
    names: list[str] = []
    for r in results:
        names += [n for n in (r.channels or {}) if n not in names]
    return names


def stacked_channel(results, name: str, shape: tuple) -> tuple[np.ndarray, np.ndarray, list | None]:
    """One channel over all cases; cases without it get zeros (no such response, e.g. the
    rotor in still air) or NaN (a failed case).

    Returns
    -------
    transfer : ndarray, complex, shape (N, F, S) or (N, F, S, K)
    mean : ndarray, shape (N,) or (N, K)
    components : list or None
        Labels of the K components (None for a scalar channel).
    """
    template = next(r.channels[name] for r in results if r.channels and name in r.channels)
    comps = template.components
    k = () if comps is None else (len(comps),)
    transfer = np.zeros((len(results),) + tuple(shape) + k, complex)
    mean = np.zeros((len(results),) + k)
    for i, r in enumerate(results):
        if r.error:
            transfer[i], mean[i] = np.nan, np.nan
        elif name in (r.channels or {}):
            transfer[i], mean[i] = r.channels[name].transfer, r.channels[name].mean
    return transfer, mean, None if comps is None else list(comps)
