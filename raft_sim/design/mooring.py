"""RAFT ``mooring`` section (MoorPy YAML form or a MoorDyn ``file``) -> ``Mooring``.

Line-type coefficient defaults follow MoorPy's YAML reader (0 when absent). The
mooring's own ``water_depth`` is kept for the mooring when it differs from the site's,
as RAFT does (with a warning). ``moorMod`` 1/2 (lumped-mass dynamics) are solved
quasi-statically, with a warning.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from raft_sim.design.errors import DesignError, printable
from raft_sim.design.limits import MAX_MOORING_ITEMS, check_count
from raft_sim.design.moordyn import moordyn_records
from raft_sim.design.objects import LineType, Mooring, MooringLine, MooringPoint, Site
from raft_sim.design.validate import Section, item_sections, join, keyword

MOORING_KEYS = frozenset({"water_depth", "points", "lines", "line_types", "anchor_types", "moorMod",
                          "currentMod", "file", "rho", "water_density", "tol", "bodies", "rods",
                          "rod_types", "g"})
POINT_KEYS = frozenset({"name", "type", "location", "mass", "volume", "anchor_type", "CdA", "Ca", "cost"})
LINE_KEYS = frozenset({"name", "endA", "endB", "type", "length", "cost"})
LINE_TYPE_KEYS = frozenset({"name", "diameter", "mass_density", "stiffness", "breaking_load", "cost",
                            "transverse_added_mass", "tangential_added_mass", "transverse_drag",
                            "tangential_drag", "EAd", "EAd_Lm", "material"})
ANCHOR_TYPE_KEYS = None  # anchor types are not used; any keys are accepted


POINT_KINDS = {"fixed": "fixed", "anchor": "fixed", "vessel": "vessel", "fairlead": "vessel",
               "coupled": "vessel", "free": "free", "connect": "free", "connection": "free"}


def point_kind(sec: Section) -> str:
    """MoorPy's point type words (exactly): fixed/anchor, vessel/fairlead/coupled, free/connect(ion)."""
    value = sec.raw("type")
    if isinstance(value, str) and value.strip().lower() in ("body", "turbine"):
        raise DesignError(sec.at("type"), f"points attached to other bodies ('{printable(value)}') are not supported")
    return keyword(value, sec.at("type"), POINT_KINDS)


def unique(names: list[str], path: str, what: str) -> None:
    for i, name in enumerate(names):
        if name in names[:i]:
            raise DesignError(f"{join(path, i)}.name", f"duplicate {what} name '{name}'")


def line_types(sec: Section) -> tuple[LineType, ...]:
    out = []
    check_count(len(sec.sequence("line_types")), MAX_MOORING_ITEMS, sec.at("line_types"), "line types")
    for lt in item_sections(sec, "line_types", LINE_TYPE_KEYS):
        out.append(LineType(
            name=lt.string("name"), diameter=lt.number("diameter", positive=True),
            mass_density=lt.number("mass_density", positive=True), stiffness=lt.number("stiffness", positive=True),
            breaking_load=lt.number("breaking_load", 0.0, nonnegative=True), cost=lt.number("cost", 0.0),
            transverse_added_mass=lt.number("transverse_added_mass", 0.0, nonnegative=True),
            tangential_added_mass=lt.number("tangential_added_mass", 0.0, nonnegative=True),
            transverse_drag=lt.number("transverse_drag", 0.0, nonnegative=True),
            tangential_drag=lt.number("tangential_drag", 0.0, nonnegative=True)))
    unique([t.name for t in out], sec.at("line_types"), "line type")
    return tuple(out)


def points(sec: Section, depth: float) -> tuple[MooringPoint, ...]:
    out = []
    check_count(len(sec.sequence("points")), MAX_MOORING_ITEMS, sec.at("points"), "points")
    for p in item_sections(sec, "points", POINT_KEYS):
        location = p.vector("location", 3)
        kind = point_kind(p)
        if location[2] < -depth * (1 + 1e-9):
            raise DesignError(p.at("location"), f"point lies below the seabed (z = {location[2]:g} m, depth {depth:g} m)")
        out.append(MooringPoint(name=p.string("name"), kind=kind, location=location,
                                mass=p.number("mass", 0.0, nonnegative=True),
                                volume=p.number("volume", 0.0, nonnegative=True)))
    unique([q.name for q in out], sec.at("points"), "point")
    return tuple(out)


def lines(sec: Section, point_names: set[str], type_names: set[str]) -> tuple[MooringLine, ...]:
    out = []
    check_count(len(sec.sequence("lines")), MAX_MOORING_ITEMS, sec.at("lines"), "lines")
    for ln in item_sections(sec, "lines", LINE_KEYS):
        for key in ("endA", "endB"):
            if ln.string(key) not in point_names:
                raise DesignError(ln.at(key), f"unknown point '{ln.string(key)}' (not in mooring.points)")
        if ln.string("endA") == ln.string("endB"):
            raise DesignError(ln.at("endB"), "a line cannot start and end at the same point")
        if ln.string("type") not in type_names:
            raise DesignError(ln.at("type"), f"unknown line type '{ln.string('type')}' (not in mooring.line_types)")
        out.append(MooringLine(name=printable(ln.string("name", f"line{len(out) + 1}")), end_a=ln.string("endA"),
                               end_b=ln.string("endB"), line_type=ln.string("type"),
                               length=ln.number("length", positive=True)))
    return tuple(out)


def mode_warnings(sec: Section, site: Site) -> bool:
    """Warn for dynamic mooring and density overrides; return the current-on-lines flag."""
    mod = sec.integer("moorMod", 0, choices=(0, 1, 2))
    if mod:
        sec.ctx.warn(sec.at("moorMod"), f"lumped-mass mooring dynamics (moorMod {mod}) are not modelled; "
                     "the mooring is quasi-static (no line inertia or drag damping, tensions from statics)")
    for key in ("rho", "water_density"):
        if sec.has(key) and not math.isclose(sec.number(key, positive=True), site.rho_water, rel_tol=1e-9):
            sec.ctx.warn(sec.at(key), f"ignored; site.rho_water = {site.rho_water:g} is used")
    return sec.integer("currentMod", 0, choices=(0, 1)) == 1


def moordyn_mooring(sec: Section, site: Site, depth: float | None) -> Mooring:
    """Mooring read from the MoorDyn file named by ``mooring.file``."""
    where = sec.at("file")
    name = sec.string("file")
    base = sec.ctx.base_dir or Path(".")
    path = Path(name) if Path(name).is_absolute() else base / name
    if not path.exists():
        beside = base / Path(name).name
        if not beside.exists():
            raise DesignError(where, f"MoorDyn file not found: {path}")
        sec.ctx.warn(where, f"'{name}' not found relative to the design file; using {beside.name} beside it")
        path = beside
    rec = moordyn_records(path, where)
    kinds = {p["name"]: p for p in rec["points"]}
    types = {t["name"] for t in rec["line_types"]}
    for ln in rec["lines"]:
        for end in ("end_a", "end_b"):
            if ln[end] not in kinds:
                raise DesignError(where, f"line {ln['name']} attaches to unknown point {ln[end]}")
        if ln["line_type"] not in types:
            raise DesignError(where, f"line {ln['name']} uses unknown line type {ln['line_type']}")
    depth = depth if depth is not None else (rec["water_depth"] or site.water_depth)
    return Mooring(
        water_depth=depth,
        points=tuple(MooringPoint(name=p["name"], kind=p["kind"], location=np.array(p["location"]),
                                  mass=p["mass"], volume=p["volume"]) for p in rec["points"]),
        lines=tuple(MooringLine(name=f"line{ln['name']}", end_a=ln["end_a"], end_b=ln["end_b"],
                                line_type=ln["line_type"], length=ln["length"]) for ln in rec["lines"]),
        line_types=tuple(LineType(name=t["name"], diameter=t["diameter"], mass_density=t["mass_density"],
                                  stiffness=t["stiffness"], transverse_drag=t["cd"], transverse_added_mass=t["ca"],
                                  tangential_drag=t["cd_axial"], tangential_added_mass=t["ca_axial"])
                         for t in rec["line_types"]),
        current_on_lines=mode_warnings(sec, site))


def mooring_from_section(sec: Section, site: Site) -> Mooring:
    """Build the ``Mooring`` of a checked ``mooring`` section."""
    depth = None
    if sec.has("water_depth"):
        depth = sec.number("water_depth", positive=True)
        if not math.isclose(depth, site.water_depth, rel_tol=1e-9):
            sec.ctx.warn(sec.at("water_depth"), f"differs from site.water_depth ({site.water_depth:g} m); "
                         f"the mooring uses {depth:g} m and the hydrodynamics {site.water_depth:g} m, as RAFT does")
    if sec.has("file") and str(sec.raw("file")).strip():
        return moordyn_mooring(sec, site, depth)
    depth = site.water_depth if depth is None else depth
    types = line_types(sec)
    pts = points(sec, depth)
    lns = lines(sec, {p.name for p in pts}, {t.name for t in types})
    return Mooring(water_depth=depth, points=pts, lines=lns, line_types=types,
                   current_on_lines=mode_warnings(sec, site))
