"""RAFT ``cases`` table (``keys`` + ``data`` rows) -> ``Case`` objects.

Angles (wind, wave, current and turbine headings, yaw misalignment) are converted
from degrees. Several wave systems per case are given, as in RAFT, by lists in the
wave columns (``wave_heading: [0, 90]``); scalars in the other wave columns apply to
every system. Spectrum names (case-insensitive): ``JONSWAP``; ``PM`` or
``Pierson-Moskowitz`` (JONSWAP with gamma 1, a raft_sim addition); ``still`` or
``none``; ``unit`` (S = 1 m^2 s/rad); ``constant`` (S = the ``wave_height`` value).

A raft_sim addition: an optional ``probability`` column (fraction of the lifetime spent
in each case; given for every case or none, summing to 1 within
:data:`PROBABILITY_TOLERANCE`, then normalised), and ``cases: {file: scatter.csv}``
reading the same columns from a CSV file (header row of column names, one case per
row, one wave system per case; errors name ``file:line.column``), and
``cases: {weibull: ...}`` expanding wind-speed bins of a Weibull distribution into cases
(:mod:`raft_sim.design.weibull`).
"""
from __future__ import annotations

import csv
import math
import re
from dataclasses import replace
from pathlib import Path

from raft_sim.design.errors import DesignError, printable
from raft_sim.design.objects import Case, SeaState
from raft_sim.design.include import read_text
from raft_sim.design.limits import MAX_CASES, MAX_WAVE_SYSTEMS, check_count
from raft_sim.design.validate import DEG, Section, describe, did_you_mean, join, to_float
from raft_sim.design.weibull import WEIBULL_KEYS, weibull_rows

CASE_KEYS = ("wind_speed", "wind_heading", "turbulence", "turbine_status", "yaw_misalign",
             "wave_spectrum", "wave_period", "wave_height", "wave_heading", "wave_gamma",
             "current_speed", "current_heading", "current_turbulence", "turbine_heading",
             "probability")
WAVE_KEYS = ("wave_spectrum", "wave_period", "wave_height", "wave_heading", "wave_gamma")
SPECTRA = {"jonswap": "jonswap", "pm": "pierson_moskowitz", "pierson-moskowitz": "pierson_moskowitz",
           "pierson_moskowitz": "pierson_moskowitz", "still": "still", "none": "still",
           "unit": "unit", "constant": "constant"}
STATUS = ("operating", "parked", "idling")
IEC_TURBULENCE = re.compile(r"^(I|II|III|IV)([ABC])?_(NTM|ETM|EWM)$")
SECTION_KEYS = ("keys", "data", "file", "weibull")
"""Keys of the ``cases`` mapping: RAFT's table, a CSV file, or Weibull bins."""
PROBABILITY_TOLERANCE = 0.01
"""Largest accepted |sum of case probabilities - 1|; within it they are normalised."""


def turbulence(value, path: str, ctx) -> float | str:
    """A turbulence entry: fraction I_ref (float) or IEC string such as 'IIB_NTM'."""
    if isinstance(value, str):
        try:
            value = to_float(value, path)
        except DesignError:
            if not IEC_TURBULENCE.match(value.strip()):
                raise DesignError(path, f"expected a turbulence intensity or an IEC class like 'IIB_NTM', got {describe(value)}") from None
            return value.strip()
    number = to_float(value, path, "a non-negative turbulence intensity")
    if number < 0:
        raise DesignError(path, f"expected a non-negative turbulence intensity, got {number:g}")
    if number > 1:
        ctx.warn(path, f"turbulence intensity {number:g} is read as a fraction (RAFT's I_ref); "
                 "a percentage should be divided by 100")
    return number


def wave_columns(case: dict, path: str) -> tuple[int, dict, set]:
    """Number of wave systems, each wave column as a list of that length, and the
    columns given as lists."""
    present = {k: case[k] for k in WAVE_KEYS if k in case}
    sizes = {len(v) for v in present.values() if isinstance(v, list)}
    if len(sizes) > 1:
        raise DesignError(path, f"wave columns have different numbers of wave systems: {sorted(sizes)}")
    n = sizes.pop() if sizes else 1
    check_count(n, MAX_WAVE_SYSTEMS, path, "wave systems")
    if n == 0:
        raise DesignError(path, "empty list of wave systems")
    listed = {k for k, v in present.items() if isinstance(v, list)}
    return n, {k: (v if k in listed else [v] * n) for k, v in present.items()}, listed


def sea_state(cols: dict, i: int, path: str, listed: frozenset = frozenset()) -> SeaState:
    """One wave system of a case; with several systems errors name ``column[i]``."""
    def at(key: str) -> str:
        return f"{path}.{key}[{i}]" if key in listed else f"{path}.{key}"

    name = str(_col(cols, "wave_spectrum", i, "JONSWAP"))
    kind = SPECTRA.get(name.strip().lower())
    if kind is None:
        allowed = "JONSWAP, PM, still, none, unit, constant"
        raise DesignError(at("wave_spectrum"), f"unknown wave spectrum {describe(name)} (expected one of "
                          f"{allowed}){did_you_mean(name.strip().lower(), SPECTRA)}")
    heading = to_float(_col(cols, "wave_heading", i, 0.0), at("wave_heading")) * DEG
    hs = _wave_number(cols, "wave_height", i, at("wave_height"), required=kind not in ("still", "unit"))
    tp = _wave_number(cols, "wave_period", i, at("wave_period"), required=kind not in ("still", "unit", "constant"))
    if hs < 0:
        raise DesignError(at("wave_height"), f"expected a non-negative significant wave height, got {hs:g}")
    if tp < 0 or (tp == 0 and kind in ("jonswap", "pierson_moskowitz")):
        raise DesignError(at("wave_period"), f"expected a positive peak period, got {tp:g}")
    if kind in ("still", "unit"):
        return SeaState(spectrum=kind, heading=heading)
    if kind == "constant":
        return SeaState(spectrum="constant", heading=heading, constant_density=hs)
    if hs == 0:
        return SeaState(spectrum="still", heading=heading)
    gamma = to_float(_col(cols, "wave_gamma", i, 0.0), at("wave_gamma"))
    if gamma < 0:
        raise DesignError(at("wave_gamma"), f"expected a positive peak enhancement (0 for the IEC rule), got {gamma:g}")
    if kind == "pierson_moskowitz":
        return SeaState(spectrum=kind, hs=hs, tp=tp, heading=heading, gamma=1.0)
    return SeaState(spectrum=kind, hs=hs, tp=tp, heading=heading, gamma=gamma or None)


def _col(cols: dict, key: str, i: int, default):
    return cols[key][i] if key in cols else default


def _wave_number(cols: dict, key: str, i: int, where: str, required: bool) -> float:
    """A wave height or period entry [m or s]; 0 when absent and not required."""
    if key not in cols or cols[key][i] is None:
        if required:
            raise DesignError(where, "required for this wave spectrum")
        return 0.0
    return to_float(cols[key][i], where)


def case_from_row(row: dict, path: str, ctx, current_exponent: float) -> Case:
    def num(key, default, nonneg=False):
        if key not in row or row[key] is None:
            return default
        value = to_float(row[key], f"{path}.{key}")
        if nonneg and value < 0:
            raise DesignError(f"{path}.{key}", f"expected a non-negative number, got {value:g}")
        return value

    status = str(row.get("turbine_status", "operating")).strip().lower()
    if status not in STATUS:
        raise DesignError(f"{path}.turbine_status", f"expected one of {', '.join(STATUS)}, got "
                          f"{describe(row['turbine_status'])}{did_you_mean(status, STATUS)}")
    waves = ()
    if any(k in row for k in WAVE_KEYS):
        n, cols, listed = wave_columns(row, path)
        waves = tuple(sea_state(cols, i, path, frozenset(listed)) for i in range(n))
    return Case(
        wind_speed=num("wind_speed", 10.0, nonneg=True), wind_heading=num("wind_heading", 0.0) * DEG,
        turbulence=turbulence(row.get("turbulence", 0.0), f"{path}.turbulence", ctx),
        turbine_status=status, yaw_misalign=num("yaw_misalign", 0.0) * DEG, waves=waves,
        current_speed=num("current_speed", 0.0, nonneg=True), current_heading=num("current_heading", 0.0) * DEG,
        current_exponent=current_exponent,
        current_turbulence=turbulence(row.get("current_turbulence", 0.0), f"{path}.current_turbulence", ctx),
        turbine_heading=num("turbine_heading", 0.0) * DEG, probability=_probability(row, path))


def _probability(row: dict, path: str) -> float | None:
    if row.get("probability") is None:
        return None
    value = to_float(row["probability"], f"{path}.probability", "a probability in [0, 1]")
    if not 0.0 <= value <= 1.0:
        raise DesignError(f"{path}.probability", f"expected a probability in [0, 1], got {value:g}")
    return value


def checked_probabilities(cases: tuple[Case, ...], paths: list[str], where: str, ctx) -> tuple[Case, ...]:
    """Cases with probabilities given for all or none, normalised to sum to 1.

    A sum further than :data:`PROBABILITY_TOLERANCE` from 1 is an error at ``where``;
    a smaller deviation (above 1e-9) is normalised with a warning."""
    given = [c.probability is not None for c in cases]
    if not any(given):
        return cases
    if not all(given):
        raise DesignError(f"{paths[given.index(False)]}.probability",
                          "missing, while other cases give a probability (give it for every case)")
    total = math.fsum(c.probability for c in cases)
    if abs(total - 1.0) > PROBABILITY_TOLERANCE:
        raise DesignError(where, f"case probabilities sum to {total:.6g}; they must sum to 1 "
                          f"(within {PROBABILITY_TOLERANCE:g})")
    if abs(total - 1.0) > 1e-9:
        ctx.warn(where, f"case probabilities sum to {total:.9g}; normalised to 1")
    return tuple(replace(c, probability=c.probability / total) for c in cases)


def cases_from_section(sec: Section, current_exponent: float = 0.12) -> tuple[Case, ...]:
    """All cases of a checked ``cases`` section.

    Errors name the row and column, e.g. ``cases.data[1].wave_height`` (or
    ``scatter.csv:3.wave_height`` for ``cases: {file: scatter.csv}``).
    """
    forms = [k for k in ("file", "weibull") if sec.has(k)]
    if len(forms) > 1 or forms and (sec.has("keys") or sec.has("data")):
        raise DesignError(sec.at(forms[-1]), "give one of keys and data, file, or weibull")
    if forms == ["file"]:
        return cases_from_file(sec, current_exponent)
    if forms == ["weibull"]:
        if isinstance(sec.data["weibull"], dict) and "probability" in sec.data["weibull"]:
            raise DesignError(join(sec.at("weibull"), "probability"),
                              "not a column here: the Weibull distribution gives each bin's probability")
        return cases_from_weibull(sec.section("weibull", WEIBULL_KEYS + WEIBULL_COLUMNS), current_exponent)
    keys = sec.sequence("keys")
    for i, key in enumerate(keys):
        path = join(sec.at("keys"), i)
        if not isinstance(key, str):
            raise DesignError(path, f"expected a column name, got {describe(key)}")
        if key not in CASE_KEYS:
            sec.ctx.unknown_key(sec.at("keys"), key, CASE_KEYS)
        if key in keys[:i]:
            raise DesignError(path, f"duplicate column '{key}'")
    rows = sec.sequence("data", default=[])
    check_count(len(rows), MAX_CASES, sec.at("data"), "load cases")
    out, paths = [], []
    for j, row in enumerate(rows):
        path = join(sec.at("data"), j)
        if not isinstance(row, list) or len(row) != len(keys):
            got = f"a list of {len(row)}" if isinstance(row, list) else describe(row)
            raise DesignError(path, f"expected a list of {len(keys)} values (one per key), got {got}")
        out.append(case_from_row(dict(zip(keys, row)), path, sec.ctx, current_exponent))
        paths.append(path)
    return checked_probabilities(tuple(out), paths, sec.at("data"), sec.ctx)


def cases_from_file(sec: Section, current_exponent: float) -> tuple[Case, ...]:
    """Cases from a CSV file: a header of ``cases`` column names, then one case per row.

    Every cell must be filled; errors name ``<file>:<line>.<column>``."""
    file = sec.string("file")
    path = Path(file) if sec.ctx.base_dir is None else sec.ctx.base_dir / file
    text = read_text(path, sec.at("file"), "CSV file")
    name = printable(Path(file).name)
    table = [(line, row) for line, row in enumerate(csv.reader(text.splitlines()), start=1)
             if any(cell.strip() for cell in row)]                          # blank lines skipped
    if not table:
        raise DesignError(name, "empty file (expected a header row of column names)")
    check_count(len(table) - 1, MAX_CASES, name, "load cases")
    head, keys = table[0][0], [k.strip() for k in table[0][1]]
    for key in keys:
        if key not in CASE_KEYS:
            raise DesignError(f"{name}:{head}", f"unknown column {printable(key)!r} "
                              f"(expected names of {', '.join(CASE_KEYS)})")
        if keys.count(key) > 1:
            raise DesignError(f"{name}:{head}", f"duplicate column {key!r}")
    out, paths = [], []
    for line, row in table[1:]:
        where = f"{name}:{line}"
        if len(row) != len(keys):
            raise DesignError(where, f"expected {len(keys)} values (one per column), got {len(row)}")
        cells = dict(zip(keys, (cell.strip() for cell in row)))
        empty = [k for k, v in cells.items() if not v]
        if empty:
            raise DesignError(f"{where}.{empty[0]}", "empty value")
        out.append(case_from_row(cells, where, sec.ctx, current_exponent))
        paths.append(where)
    return checked_probabilities(tuple(out), paths, name, sec.ctx)


WEIBULL_COLUMNS = tuple(k for k in CASE_KEYS if k not in ("wind_speed", "probability"))
"""Case columns a ``cases.weibull`` section may give (a scalar or one value per bin)."""


def cases_from_weibull(sec: Section, current_exponent: float) -> tuple[Case, ...]:
    """One case per wind-speed bin of a ``cases.weibull`` section (:mod:`raft_sim.design.weibull`).

    Errors in a per-bin column name its entry, e.g. ``cases.weibull.wave_height[3]``."""
    rows, paths, excluded = weibull_rows(sec, WEIBULL_COLUMNS)
    check_count(len(rows), MAX_CASES, sec.at("wind_speeds"), "load cases")
    out = []
    for i, row in enumerate(rows):
        try:
            out.append(case_from_row(row, sec.path, sec.ctx, current_exponent))
        except DesignError as err:
            key = err.path.removeprefix(sec.path + ".").split(".")[0].split("[")[0]
            if isinstance(sec.data.get(key), list):   # a per-bin column: name the bin's entry
                raise DesignError(f"{sec.at(key)}[{i}]{err.path.removeprefix(sec.at(key))}", err.problem) from None
            raise
    if excluded > 0:
        sec.ctx.warn(sec.path, f"tails: exclude leaves out the wind outside the outer bin edges "
                     f"(probability {excluded:.4g}): the cases cover {1 - excluded:.4g} of the lifetime")
        return tuple(out)
    return checked_probabilities(tuple(out), paths, sec.path, sec.ctx)
