"""The JSON summary of a run straight from the case results, without building a Dataset.

``raft-sim run --json`` needs only these numbers, so it skips xarray and pandas (about
half a second of imports). The statistics are those of
:func:`raft_sim.results.dataset.stats_to_json` on the Dataset of the same results, and
the fatigue entries (``DEL`` per case, ``fatigue``, ``lifetime``) those of
:func:`raft_sim.results.fatigue_dataset.fatigue_dataset` (both tested to be equal):
both call :func:`raft_sim.results.fatigue_lifetime.fatigue_arrays`.
"""
from __future__ import annotations

import numpy as np

from raft_sim.conventions import DOFS
from raft_sim.design.fatigue import YEAR, channel_key
from raft_sim.design.objects import FatigueSettings
from raft_sim.results.fatigue import METHODS
from raft_sim.results.collect import case_status, channel_names, stacked_channel
from raft_sim.results.fatigue_lifetime import fatigue_arrays, select_channels
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


def run_summary(omega: np.ndarray, results, duration: float = DEFAULT_DURATION,
                fatigue: FatigueSettings | None = None) -> dict:
    """The documented JSON structure of ``raft-sim run --json`` (docs/outputs.md).

    Parameters
    ----------
    omega : ndarray, shape (F,)
        Frequency grid of the results [rad/s].
    results : sequence of raft_sim.system.case.CaseResult
    duration : float
        Exposure for the expected extremes [s].
    fatigue : FatigueSettings, optional
        The design's ``fatigue`` section (default: its documented defaults).

    Returns
    -------
    dict
        JSON-ready (non-finite values are ``None``); rotations in degrees. Besides the
        statistics: ``fatigue`` (method, reference cycles, units and slopes per channel
        key), each case's ``DEL`` (key -> DEL [SI], the reported method) and, when every
        case has a probability, ``lifetime`` (``years``, ``damage``, ``DEL``, and
        ``missing_cases`` when a case failed); see docs/outputs.md.
    """
    names = channel_names(results)
    per_channel = {n: _channel_stats(results, n, omega, duration) for n in names}
    coords = case_coordinates([r.case for r in results], [case_status(r) for r in results])
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
    summary = {"units": units, "cases": cases}
    summary.update(_fatigue_summary(omega, results, names, fatigue or FatigueSettings(), cases))
    return summary


def fatigue_spectra(motion_psd: np.ndarray, channel_psds) -> list[tuple[str, str, np.ndarray]]:
    """(key, units, psd (case, omega)) of the motions and of every channel component.

    The keys, units and spectra of :func:`raft_sim.results.fatigue_dataset.fatigue_channels`
    on the Dataset of the same spectra: motions as ``platform_<dof>``, then each channel
    and component.

    Parameters
    ----------
    motion_psd : ndarray, shape (N, F, 6)
        Response spectra of the motions.
    channel_psds : iterable of (str, ndarray, list or None)
        Channel name, its spectra (N, F) or (N, F, K) and its K component labels (None for
        a scalar channel).
    """
    out = [(channel_key("psd", {"dof": dof}), "m" if i < 3 else "rad", motion_psd[..., i])
           for i, dof in enumerate(DOFS)]
    for name, psd, components in channel_psds:
        _, unit, _, dim = CHANNELS.get(name, (name, "1", name, None))
        psd = np.reshape(psd, np.shape(psd)[:2] + (-1,))
        for k, label in enumerate([None] if components is None else components):
            labels = {} if label is None else {dim or f"{name}_component": str(label)}
            out.append((channel_key(name, labels), unit, psd[..., k]))
    return out


def fatigue_channel_spectra(results, names) -> list[tuple[str, str, np.ndarray]]:
    """:func:`fatigue_spectra` of case results (NaN for a failed case, 0 where a case lacks
    a channel, as :func:`raft_sim.results.collect.stacked_channel` stacks them)."""
    rao, source_psd = np.stack([r.rao for r in results]), np.stack([r.source_psd for r in results])
    channels = []
    for name in names:
        transfer, _, components = stacked_channel(results, name, rao.shape[1:3])
        psd = response_psd(transfer if transfer.ndim == 4 else transfer[..., None], source_psd)
        channels.append((name, psd, components))
    return fatigue_spectra(response_psd(rao, source_psd), channels)


def results_fatigue(omega, results, spectra, settings: FatigueSettings):
    """The fatigue stage on case results: the chosen channels, probabilities and arrays.

    Parameters
    ----------
    omega : ndarray, shape (F,)
        Frequency grid [rad/s].
    results : sequence of raft_sim.system.case.CaseResult
    spectra : list of (key, units, psd)
        :func:`fatigue_spectra` of the results.
    settings : FatigueSettings

    Returns
    -------
    chosen : list of (key, units, psd, SNCurve)
        :func:`raft_sim.results.fatigue_lifetime.select_channels` of the channel spectra.
    probability : ndarray, shape (N,), or None
        Every case's fraction of the lifetime, None unless every case gives one.
    arrays : dict of ndarray
        :func:`raft_sim.results.fatigue_lifetime.fatigue_arrays`.
    """
    chosen = select_channels(spectra, settings)
    given = [r.case.probability for r in results]
    p = None if any(v is None for v in given) else np.array(given, float)
    psd = np.stack([c[2] for c in chosen], axis=1) if chosen else np.zeros((len(results), 0, len(omega)))
    arrays = fatigue_arrays(psd, np.asarray(omega, float), [c[3] for c in chosen], settings,
                            np.array([bool(r.error) for r in results]), p)
    return chosen, p, arrays


def _fatigue_summary(omega, results, names, settings: FatigueSettings, cases) -> dict:
    """``fatigue`` and ``lifetime`` entries, and each case's ``DEL`` (added to ``cases``)."""
    chosen, p, arrays = results_fatigue(omega, results, fatigue_channel_spectra(results, names), settings)
    keys = [c[0] for c in chosen]
    method = METHODS.index(settings.method)
    for i, entry in enumerate(cases):
        entry["DEL"] = {k: _plain(v) for k, v in zip(keys, arrays["DEL"][method, i])}
    out = {"fatigue": {"method": settings.method, "reference_cycles": float(settings.reference_cycles),
                       "units": {c[0]: c[1] for c in chosen},
                       "slopes": {c[0]: float(c[3].m) for c in chosen}}}
    if p is not None:
        lifetime = {"years": settings.lifetime / YEAR,
                    "damage": {k: _plain(v) for k, v in zip(keys, arrays["lifetime_damage"][method])},
                    "DEL": {k: _plain(v) for k, v in zip(keys, arrays["lifetime_DEL"][method])}}
        missing = [i for i, failed in enumerate(arrays["failed"]) if failed]
        if missing:
            lifetime["missing_cases"] = missing
        out["lifetime"] = lifetime
    return out
