"""RAFT ``cases`` table (``keys`` + ``data`` rows) -> ``Case`` objects.

Angles (wind, wave, current and turbine headings, yaw misalignment) are converted
from degrees. Several wave systems per case are given, as in RAFT, by lists in the
wave columns (``wave_heading: [0, 90]``); scalars in the other wave columns apply to
every system. Spectrum names (case-insensitive): ``JONSWAP``; ``PM`` or
``Pierson-Moskowitz`` (JONSWAP with gamma 1, a raft_sim addition); ``still`` or
``none``; ``unit`` (S = 1 m^2 s/rad); ``constant`` (S = the ``wave_height`` value).
"""
from __future__ import annotations

import re

from raft_sim.design.errors import DesignError
from raft_sim.design.objects import Case, SeaState
from raft_sim.design.limits import MAX_CASES, MAX_WAVE_SYSTEMS, check_count
from raft_sim.design.validate import DEG, Section, describe, did_you_mean, join, to_float

CASE_KEYS = ("wind_speed", "wind_heading", "turbulence", "turbine_status", "yaw_misalign",
             "wave_spectrum", "wave_period", "wave_height", "wave_heading", "wave_gamma",
             "current_speed", "current_heading", "current_turbulence", "turbine_heading")
WAVE_KEYS = ("wave_spectrum", "wave_period", "wave_height", "wave_heading", "wave_gamma")
SPECTRA = {"jonswap": "jonswap", "pm": "pierson_moskowitz", "pierson-moskowitz": "pierson_moskowitz",
           "pierson_moskowitz": "pierson_moskowitz", "still": "still", "none": "still",
           "unit": "unit", "constant": "constant"}
STATUS = ("operating", "parked", "idling")
IEC_TURBULENCE = re.compile(r"^(I|II|III|IV)([ABC])?_(NTM|ETM|EWM)$")


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
        turbine_heading=num("turbine_heading", 0.0) * DEG)


def cases_from_section(sec: Section, current_exponent: float = 0.12) -> tuple[Case, ...]:
    """All cases of a checked ``cases`` section.

    Errors name the row and column, e.g. ``cases.data[1].wave_height``.
    """
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
    out = []
    for j, row in enumerate(rows):
        path = join(sec.at("data"), j)
        if not isinstance(row, list) or len(row) != len(keys):
            got = f"a list of {len(row)}" if isinstance(row, list) else describe(row)
            raise DesignError(path, f"expected a list of {len(keys)} values (one per key), got {got}")
        out.append(case_from_row(dict(zip(keys, row)), path, sec.ctx, current_exponent))
    return tuple(out)

