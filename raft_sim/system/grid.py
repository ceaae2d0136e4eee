"""Frequency-grid resolution of the solved cases: the check, its warning, the refinement.

A lightly damped mode whose half-power bandwidth is narrower than the local bin is
under-resolved: its resonant variance is off by tens of percent (see
:mod:`raft_sim.frequency`). After a run, every case's modes are found from the sum of
its contributions (drag at the converged linearisation); modes of DOFs that do not
respond in that case (std below ``RESPONSE_FLOOR``, e.g. yaw of a spar in head seas) are
not checked. ``settings.refine_grid`` reruns the cases on a grid refined around every
flagged mode of every case (one grid for the whole Dataset).
"""
from __future__ import annotations

import warnings

import numpy as np

from raft_sim.conventions import DOFS

RESPONSE_FLOOR = 1e-6
"""DOFs whose response std is below this are not checked [m or rad]."""


class GridWarning(UserWarning):
    """A resonance narrower than the frequency bins of the analysis."""


def _case_modes(result, omega):
    from raft_sim.frequency import modal_damping
    from raft_sim.system.contribution import total
    system = total(result.contributions, omega.size, result.rao.shape[1])
    with warnings.catch_warnings():  # modes without stiffness are reported by `info`
        warnings.simplefilter("ignore")
        return modal_damping(system.mass, system.damping, system.stiffness[0], omega)


def _responding(result, omega) -> np.ndarray:
    from raft_sim.frequency import bin_widths
    var = np.sum(np.abs(result.rao) ** 2 * result.source_psd[..., None], axis=1)   # (F, 6)
    return np.sqrt(np.sum(var * bin_widths(omega)[:, None], axis=0)) > RESPONSE_FLOOR


def findings(omega: np.ndarray, results) -> list[tuple[object, list[int]]]:
    """Under-resolved modes: (the worst finding of a DOF, the cases where it occurs).

    Parameters
    ----------
    omega : ndarray, shape (F,)
        Grid of the results [rad/s].
    results : sequence of raft_sim.system.case.CaseResult
    """
    from raft_sim.frequency import resolution_check
    worst: dict[str, tuple[object, list[int]]] = {}
    for i, result in enumerate(results):
        if result.error:
            continue
        modes = _case_modes(result, omega)
        live = _responding(result, omega)
        for f in resolution_check(omega, modes.frequencies, modes.ratios, modes.dofs):
            if not live[DOFS.index(f.dof)]:
                continue
            old = worst.get(f.dof)
            if old is None:
                worst[f.dof] = (f, [i])
            else:
                keep = f if f.bandwidth / f.bin_width < old[0].bandwidth / old[0].bin_width else old[0]
                worst[f.dof] = (keep, old[1] + [i])
    return [worst[d] for d in DOFS if d in worst]


def warn_resolution(omega: np.ndarray, results) -> list[tuple[str, list[int]]]:
    """Warn (:class:`GridWarning`) once per under-resolved DOF; returns each message with the
    cases it concerns."""
    from raft_sim.frequency import resolution_message
    out = []
    for finding, cases in findings(omega, results):
        listed = ", ".join(str(c) for c in cases[:8]) + (", ..." if len(cases) > 8 else "")
        message = f"{resolution_message(finding)} (or set settings.refine_grid: true)"
        warnings.warn(f"case(s) {listed}: {message}", GridWarning, stacklevel=3)
        out.append((message, cases))
    return out


def refined_omega(omega: np.ndarray, results) -> np.ndarray:
    """One grid refined around the under-resolved, responding modes of all cases [rad/s]."""
    from raft_sim.frequency import refined_grid
    freqs, ratios = [], []
    for i, result in enumerate(results):
        if result.error:
            continue
        modes = _case_modes(result, omega)
        live = _responding(result, omega)
        freqs.append(np.where(live, modes.frequencies, np.nan))
        ratios.append(modes.ratios)
    if not freqs:
        return omega
    return refined_grid(omega, np.concatenate(freqs), np.concatenate(ratios))
