"""Fatigue summaries for people (text) and scripts (JSON): ``raft-sim fatigue``.

The keys of :func:`fatigue_json` are a public interface documented in docs/fatigue.md.
Values are SI: DELs are ranges in the channel's units (N, N m), damage is Miner's sum [-].
"""
from __future__ import annotations

import math

import numpy as np


def _num(value) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def _by_channel(da) -> dict[str, float | None]:
    return {str(k): _num(v) for k, v in zip(da["channel"].values, da.values)}


def top_cases(fatigue, channel: str, n: int = 3) -> list[tuple[object, float]]:
    """The ``n`` cases with the largest share of a channel's lifetime damage.

    Parameters
    ----------
    fatigue : xarray.Dataset
        From :func:`raft_sim.results.fatigue_dataset.fatigue_dataset`, with probabilities.
    channel : str
        Channel key.
    n : int
        Number of cases.

    Returns
    -------
    list of (case label, share [-])
        Largest share first; cases that failed are left out.
    """
    share = fatigue["damage_share"].sel(fatigue_method=fatigue.attrs["method"], channel=channel)
    values = np.nan_to_num(share.values, nan=-1.0)
    order = np.argsort(-values, kind="stable")[:n]
    return [(share["case"].values[i].item(), float(values[i])) for i in order if values[i] > 0]


def fatigue_json(fatigue, design_name: str = "", n_top: int = 3) -> dict:
    """The documented JSON summary of a fatigue Dataset.

    Parameters
    ----------
    fatigue : xarray.Dataset
        From :func:`~raft_sim.results.fatigue_dataset.fatigue_dataset`.
    design_name : str
        Reported as ``design``.
    n_top : int
        Cases listed per channel under ``lifetime.top_cases``.

    Returns
    -------
    dict
        Keys ``design``, ``method``, ``reference_cycles``, ``units``, ``slopes``,
        ``cases`` (each ``case``, ``probability``, ``DEL``, ``damage``, ``failed``) and
        ``lifetime`` (None without probabilities); see docs/fatigue.md.
    """
    method = fatigue.attrs["method"]
    pick = {"fatigue_method": method}
    missing = [m for m in fatigue.attrs["missing_cases"].split(", ") if m]
    cases = []
    for icase, case in enumerate(fatigue["case"].values):
        entry = {"case": case.item() if hasattr(case, "item") else case,
                 "probability": _num(fatigue["probability"].values[icase]) if "probability" in fatigue else None,
                 "DEL": _by_channel(fatigue["DEL"].sel(pick).isel(case=icase)),
                 "damage": _by_channel(fatigue["damage"].sel(pick).isel(case=icase))
                 if "damage" in fatigue else None,
                 "failed": str(case) in missing}
        cases.append(entry)
    lifetime = None
    if "lifetime_damage" in fatigue:
        lifetime = {
            "years": fatigue.attrs["lifetime_years"],
            "damage": _by_channel(fatigue["lifetime_damage"].sel(pick)),
            "DEL": _by_channel(fatigue["lifetime_DEL"].sel(pick)),
            "top_cases": {str(ch): [{"case": c, "share": s} for c, s in top_cases(fatigue, str(ch), n_top)]
                          for ch in fatigue["channel"].values},
            "missing_cases": missing,
            "probability_covered": fatigue.attrs["probability_covered"],
        }
    return {
        "design": design_name, "method": method, "reference_cycles": fatigue.attrs["reference_cycles"],
        "units": dict(zip(map(str, fatigue["channel"].values), map(str, fatigue["channel_units"].values))),
        "slopes": _by_channel(fatigue["slope"]),
        "cases": cases, "lifetime": lifetime,
    }


def fatigue_text(fatigue, design_name: str = "", n_top: int = 3) -> str:
    """Lifetime summary and the cases that contribute most, as a text table.

    Without probabilities, the DEL of every case instead.
    """
    summary = fatigue_json(fatigue, design_name, n_top)
    life = summary["lifetime"]
    head = (f"design: {design_name}; method: {summary['method']}; "
            f"N_eq = {summary['reference_cycles']:.3g} cycles; lifetime {fatigue.attrs['lifetime_years']:g} years")
    if life is None:
        note = "no case probabilities: DEL per case (as if it lasted the lifetime), no lifetime totals"
        return "\n".join([head, note, _case_table(summary)])
    columns = f"{'channel':<28}{'unit':<6}{'m':>4}{'lifetime DEL':>15}{'damage':>12}"
    rows = [head, "", f"{columns}  top cases (share of damage)"]
    for key, unit in summary["units"].items():
        damage = life["damage"][key]
        top = ", ".join(f"{t['case']} ({100 * t['share']:.0f} %)" for t in life["top_cases"][key])
        rows.append(f"{key:<28}{unit:<6}{summary['slopes'][key]:>4g}{_g(life['DEL'][key]):>15}"
                    f"{_g(damage) if damage is not None else '-':>12}  {top}")
    coverage = _coverage_note(life)
    return "\n".join(rows + (["", coverage] if coverage else []))


MAX_WIDTH = 100
"""Widest line of :func:`run_fatigue_text` [characters]: the case columns wrap into blocks."""
CASE_COLUMN = 11


def run_fatigue_text(fatigue, width: int = MAX_WIDTH) -> str:
    """The fatigue part of ``raft-sim run``: DEL per channel and case, then the lifetime.

    Parameters
    ----------
    fatigue : xarray.Dataset
        From :func:`~raft_sim.results.fatigue_dataset.fatigue_dataset`.
    width : int
        Widest line [characters]: channels are rows and cases columns, in blocks of as
        many cases as fit.

    Returns
    -------
    str
        DELs in the reported method (ranges in the channel's SI units, the ``unit``
        column); with probabilities also the lifetime DEL and damage per channel.
    """
    summary = fatigue_json(fatigue)
    keys = list(summary["units"])
    if not keys:
        return "fatigue: no load channels in the results"
    name = min(max(map(len, keys)), 30) + 2
    cases_per_block = max(1, (width - name - 10) // CASE_COLUMN)
    lines = [f"fatigue: DEL per case ({summary['method']}): the range whose N_eq = {summary['reference_cycles']:.3g} "
             f"cycles do the damage", f"of the case lasting the whole {fatigue.attrs['lifetime_years']:g}-year "
             "lifetime; unit: the channel's (SI); m: S-N slope"]
    cases = summary["cases"]
    for start in range(0, len(cases), cases_per_block):
        block = cases[start:start + cases_per_block]
        lines += ["", f"{'channel':<{name}}{'unit':<6}{'m':>4}"
                  + "".join(f"{'case ' + str(c['case']):>{CASE_COLUMN}}" for c in block)]
        for key in keys:
            cells = ("failed" if c["failed"] else _g(c["DEL"][key]) for c in block)
            lines.append(f"{key[:name - 2]:<{name}}{summary['units'][key]:<6}{summary['slopes'][key]:>4g}"
                         + "".join(f"{cell:>{CASE_COLUMN}}" for cell in cells))
    life = summary["lifetime"]
    if life is None:
        lines += ["", "no case probabilities: no lifetime totals"]
        return "\n".join(lines)
    lines += ["", f"lifetime ({life['years']:g} years, cases weighted by their probability)",
              f"{'channel':<{name}}{'unit':<6}{'m':>4}{'DEL':>12}{'damage':>12}"]
    for key in keys:
        damage = life["damage"][key]
        lines.append(f"{key[:name - 2]:<{name}}{summary['units'][key]:<6}{summary['slopes'][key]:>4g}"
                     f"{_g(life['DEL'][key]):>12}{_g(damage) if damage is not None else '-':>12}")
    coverage = _coverage_note(life)
    return "\n".join(lines + ([coverage] if coverage else []))


def _coverage_note(life: dict) -> str:
    """The line saying which cases the lifetime totals miss, or how much of it they cover ('' if all)."""
    if life["missing_cases"]:
        return (f"WARNING: cases {', '.join(map(str, life['missing_cases']))} failed and are missing "
                f"from the lifetime totals (probability covered: {life['probability_covered']:.4g})")
    if life["probability_covered"] < 1 - 1e-9:
        return f"note: the cases cover {life['probability_covered']:.4g} of the lifetime"
    return ""


def _case_table(summary: dict) -> str:
    keys = list(summary["units"])
    rows = [f"{'case':<8}" + "".join(f"{k[:22]:>24}" for k in keys)]
    for entry in summary["cases"]:
        rows.append(f"{str(entry['case']):<8}" + "".join(f"{_g(entry['DEL'][k]):>24}" for k in keys))
    return "\n".join(rows)


def _g(value) -> str:
    return "nan" if value is None else f"{value:.4g}"
