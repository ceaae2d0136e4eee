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
    if life["missing_cases"]:
        rows.append(f"\nWARNING: cases {', '.join(life['missing_cases'])} failed and are missing from the "
                    f"lifetime totals (probability covered: {life['probability_covered']:.4g})")
    return "\n".join(rows)


def _case_table(summary: dict) -> str:
    keys = list(summary["units"])
    rows = [f"{'case':<8}" + "".join(f"{k[:22]:>24}" for k in keys)]
    for entry in summary["cases"]:
        rows.append(f"{str(entry['case']):<8}" + "".join(f"{_g(entry['DEL'][k]):>24}" for k in keys))
    return "\n".join(rows)


def _g(value) -> str:
    return "nan" if value is None else f"{value:.4g}"
