"""The JSON summary of a run straight from the case results, without building a Dataset.

``raft-sim run --json`` needs only these numbers, so it skips xarray and pandas (about
half a second of imports). The structure and values are those of
:func:`raft_sim.results.dataset.stats_to_json` on the Dataset of the same results
(tested to be equal).
"""
from __future__ import annotations

import numpy as np

from raft_sim.conventions import DOFS
from raft_sim.results.dataset import (_JSON_STATS, CASE_COORDS, CHANNELS, _in_degrees, _plain,
                                      case_coordinates)
from raft_sim.results.statistics import DEFAULT_DURATION, response_psd, response_statistics


def _channel_stats(results, name, omega, duration):
    """Statistics of one channel for every case (zeros where a case lacks it, NaN if failed)."""
    out = []
    for r in results:
        channel = (r.channels or {}).get(name)
        if r.error or channel is None:
            template = next(x.channels[name] for x in results if x.channels and name in x.channels)
            k = np.shape(template.mean)
            fill = np.nan if r.error else 0.0
            out.append({s: np.full(k, fill) for s in _JSON_STATS})
            continue
        transfer = channel.transfer if channel.transfer.ndim == 3 else channel.transfer[..., None]
        psd = response_psd(transfer, r.source_psd)
        stats = response_statistics(psd, omega, np.reshape(channel.mean, (1, -1))[0], duration)
        out.append({s: stats[s] if np.ndim(channel.mean) else stats[s][0] for s in _JSON_STATS})
    return out


def run_summary(omega: np.ndarray, results, duration: float = DEFAULT_DURATION) -> dict:
    """The documented JSON structure of ``raft-sim run --json`` (docs/outputs.md).

    Parameters
    ----------
    omega : ndarray, shape (F,)
        Frequency grid of the results [rad/s].
    results : sequence of raft_sim.system.case.CaseResult
    duration : float
        Exposure for the expected extremes [s].

    Returns
    -------
    dict
        JSON-ready (non-finite values are ``None``); rotations in degrees.
    """
    names = []
    for r in results:
        names += [n for n in (r.channels or {}) if n not in names]
    per_channel = {n: _channel_stats(results, n, omega, duration) for n in names}
    coords = case_coordinates([r.case for r in results],
                              ["failed" if r.error else "converged" if r.converged else "not_converged"
                               for r in results])
    units = {dof: ("deg" if dof in DOFS[3:] else "m") for dof in DOFS}
    units.update({CHANNELS.get(n, (n, "1"))[0]: CHANNELS.get(n, (n, "1"))[1] for n in names})
    cases = []
    for i, r in enumerate(results):
        psd = response_psd(r.rao, r.source_psd)
        stats = response_statistics(psd, omega, r.mean, duration)
        entry = {"case": i}
        for stat in _JSON_STATS:
            values = _in_degrees(np.asarray(stats[stat], float), np.array(DOFS), stat)
            entry[stat] = {dof: _plain(v) for dof, v in zip(DOFS, values)}
        for n in names:
            key = CHANNELS.get(n, (n,))[0]
            entry[key] = {s: _plain(np.asarray(per_channel[n][i][s])) for s in _JSON_STATS}
        entry["description"] = {c: _plain(coords[c][1][i]) for c in CASE_COORDS}
        entry["error"] = r.error or None
        entry["warnings"] = list(r.findings)
        entry["converged"] = bool(r.converged)
        entry["drag_iterations"] = int(r.iterations)
        cases.append(entry)
    return {"units": units, "cases": cases}
