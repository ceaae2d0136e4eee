"""All cases of a design on one frequency grid: the batched analysis, the grid check and,
with ``settings.refine_grid``, the rerun on a refined grid."""
from __future__ import annotations

from dataclasses import replace


def run_cases(prepared, cases, executor=None):
    """Analyse ``cases`` and make sure the grid resolves their resonances.

    Parameters
    ----------
    prepared : raft_sim.system.prepare.Prepared
    cases : sequence of Case
    executor : concurrent.futures.Executor, optional
        See :func:`raft_sim.system.case.analyze_cases`.

    Returns
    -------
    omega : ndarray, shape (F,)
        Grid of the results [rad/s] (refined if the design asks for it).
    results : list of raft_sim.system.case.CaseResult

    Warns
    -----
    raft_sim.system.grid.GridWarning
        For each DOF whose responding resonance stays narrower than the bins.
    """
    from raft_sim.parallel import single_threaded_blas
    from raft_sim.system.case import analyze_cases
    from raft_sim.system.grid import refined_omega, warn_resolution
    cases = list(cases)
    with single_threaded_blas():
        results = analyze_cases(prepared, cases, executor=executor)
        if prepared.design.settings.refine_grid:
            omega = refined_omega(prepared.omega, results)
            if omega.size > prepared.omega.size:
                prepared = replace(prepared, omega=omega)
                results = analyze_cases(prepared, cases, executor=executor)
        grid = warn_resolution(prepared.omega, results)
    return prepared.omega, _flagged(prepared.design, cases, results, grid)


def _flagged(design, cases, results, grid_messages):
    """Results with their sanity findings (environment checks, unresolved or unstable modes)."""
    from dataclasses import replace as with_fields

    from raft_sim.structure.sanity import case_findings
    out = []
    for i, (case, result) in enumerate(zip(cases, results)):
        notes = [str(f) for f in case_findings(design, case, f"cases.data[{i}]")]
        notes += [message for message, concerned in grid_messages if i in concerned]
        out.append(with_fields(result, findings=tuple(notes)))
    return out
