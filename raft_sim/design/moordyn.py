"""Minimal reader of MoorDyn-style mooring input files (as RAFT's ``mooring.file``).

Reads the LINE TYPES, POINTS (or CONNECTION[S]) and LINES tables and the water depth
option ``WtrDpth``; rods, bodies and solver options are not used by a quasi-static
model. Point attachments ``Fixed``/``Anchor`` -> fixed, ``Vessel``/``Coupled``/
``Fairlead`` -> vessel, ``Free``/``Connect`` -> free.
"""
from __future__ import annotations

from pathlib import Path

from raft_sim.design.errors import DesignError, printable
from raft_sim.design.limits import MAX_MOORING_ITEMS
from raft_sim.design.validate import to_float

KINDS = {"fixed": "fixed", "anchor": "fixed", "vessel": "vessel", "coupled": "vessel",
         "fairlead": "vessel", "free": "free", "connect": "free"}


def table_name(line: str) -> str | None:
    """Upper-case name of a ``---- NAME ----`` header line, else None."""
    stripped = line.strip()
    if not stripped.startswith("--"):
        return None
    return stripped.strip("-").strip().upper()


def tables(text: str) -> dict[str, list[list[str]]]:
    """Rows of each table (after its two header lines), split on whitespace."""
    out: dict[str, list[list[str]]] = {}
    current = None
    skip = 0
    for line in text.splitlines():
        name = table_name(line)
        if name is not None:
            current, skip = name, 2
            out.setdefault(current, [])
            continue
        if current is None or not line.strip():
            continue
        if skip and current not in ("OPTIONS", "SOLVER OPTIONS"):
            skip -= 1
            continue
        out[current].append(line.split("#")[0].split())
    return out


def moordyn_records(path: Path, where: str) -> dict:
    """Line types, points, lines and water depth from a MoorDyn file.

    Returns
    -------
    dict
        ``line_types``: list of dict(name, diameter, mass_density, stiffness, cd, ca,
        cd_axial, ca_axial); ``points``: list of dict(name, kind, location, mass,
        volume); ``lines``: list of dict(name, end_a, end_b, line_type, length);
        ``water_depth``: float or None.
    """
    from raft_sim.design.include import read_text
    text = read_text(Path(path), where, "MoorDyn file")
    found = tables(text)
    try:
        return _records(found)
    except (ValueError, IndexError, KeyError) as exc:
        raise DesignError(where, f"MoorDyn file {Path(path).name} could not be read: {exc}"[:300]) from None


def _records(found: dict) -> dict:
    types = [dict(name=r[0], diameter=_num(r[1]), mass_density=_num(r[2]), stiffness=_num(r[3]),
                  cd=_num(r[6]), ca=_num(r[7]), cd_axial=_num(r[8]), ca_axial=_num(r[9]))
             for r in found.get("LINE TYPES", []) if len(r) >= 10]
    point_rows = next((found[k] for k in ("POINTS", "CONNECTION PROPERTIES", "CONNECTIONS", "CONNECTION")
                       if k in found), [])
    points = []
    for r in point_rows:
        kind = KINDS.get(r[1].lower().rstrip("0123456789"))
        if kind is None:
            raise ValueError(f"point {r[0]} has unsupported attachment '{r[1]}'")
        points.append(dict(name=r[0], kind=kind, location=[_num(x) for x in r[2:5]],
                           mass=_num(r[5]) if len(r) > 5 else 0.0, volume=_num(r[6]) if len(r) > 6 else 0.0))
    lines = [dict(name=r[0], line_type=r[1], end_a=r[2], end_b=r[3], length=_num(r[4]))
             for r in found.get("LINES", []) if len(r) >= 5]
    depth = None
    for r in found.get("OPTIONS", []) + found.get("SOLVER OPTIONS", []):
        if len(r) >= 2 and r[1].lower() in ("wtrdpth", "depth", "water_depth"):
            depth = _num(r[0])
    if not types or not points or not lines:
        raise ValueError("missing LINE TYPES, POINTS or LINES table")
    if max(len(types), len(points), len(lines)) > MAX_MOORING_ITEMS:
        raise ValueError(f"more than {MAX_MOORING_ITEMS} line types, points or lines")
    return dict(line_types=types, points=points, lines=lines, water_depth=depth)


def _num(text: str) -> float:
    """A finite number from a MoorDyn table cell (ASCII decimal notation only)."""
    try:
        return to_float(text, "", "a finite number")
    except DesignError:
        raise ValueError(f"expected a finite number, got {printable(text)[:40]!r}") from None
