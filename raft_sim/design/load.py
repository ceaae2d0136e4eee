"""Load a RAFT-format YAML design into the frozen objects of ``raft_sim.design.objects``.

``load_design(path)`` reads a file; ``design_from_dict(data)`` takes an already parsed
mapping. Both validate every field they use and raise ``DesignError(path, problem)``
with a one-line problem naming the YAML path (``platform.members[2].d``). Accepted
input that cannot be modelled, is ignored, or looks dubious gives a ``DesignWarning``
naming its key; keys that are not part of the format give a warning too (an error with
``strict=True``).

Sections ``turbine``, ``platform``, ``mooring``, ``site`` and ``settings`` (and the
elements of ``turbines``/``platforms``/``moorings``) may be written as
``{include: relative/file.yaml, key: override, ...}``: the included file's top-level
mapping is the section, keys beside ``include`` replace its keys (shallow merge), paths
are relative to the including file, and includes may nest (cycles are errors).

The file format, units, defaults and warnings are described in docs/design-format.md.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from raft_sim.conventions import DEFAULT_TOWER_CD
from raft_sim.design.cases import SECTION_KEYS as CASES_KEYS, cases_from_section
from raft_sim.design.errors import DesignError, printable
from raft_sim.design.fatigue import FATIGUE_KEYS, fatigue_from_section
from raft_sim.design.include import read_yaml, resolve_includes
from raft_sim.design.limits import MAX_FREQUENCIES, MAX_ITERATIONS, check_count
from raft_sim.design.mooring import MOORING_KEYS, mooring_from_section
from raft_sim.design.objects import Conventions, Design, Platform, Settings, Site, conventions_preset
from raft_sim.design.platform import PLATFORM_KEYS, platform_from_section
from raft_sim.design.turbine import TURBINE_KEYS, turbine_from_section
from raft_sim.design.validate import Context, Section, describe

TOP_KEYS = frozenset({"type", "name", "comments", "settings", "site", "cases", "turbine", "turbines",
                      "platform", "platforms", "mooring", "moorings", "array", "array_mooring", "joints",
                      "fatigue"})
SETTINGS_KEYS = frozenset({"min_freq", "max_freq", "XiStart", "nIter", "staticsMod", "forcingMod",
                           "forcingsMod", "tolerance", "relaxation", "frequencies", "refine_grid",
                           "conventions"})
CONVENTION_KEYS = frozenset({"preset", *Conventions.__dataclass_fields__})
SITE_KEYS = frozenset({"water_depth", "rho_water", "rho_air", "mu_air", "mu_water", "shearExp",
                       "shearExp_air", "shearExp_water", "g"})
ARRAY_KEYS = frozenset({"keys", "data"})


def settings_from_section(sec: Section | None) -> Settings:
    """Analysis settings; frequencies stay in Hz."""
    if sec is None:
        return Settings()
    lo = sec.number("min_freq", 0.01, positive=True)
    hi = sec.number("max_freq", 1.0, positive=True)
    if hi < lo:
        raise DesignError(sec.at("max_freq"), f"must not be below min_freq ({lo:g} Hz), got {hi:g}")
    check_count(int(min(hi / lo, 1e18)), MAX_FREQUENCIES, sec.at("min_freq"), "frequencies (max_freq / min_freq)")
    modes = [k for k in ("forcingMod", "forcingsMod") if sec.has(k)]
    if len(modes) == 2 and sec.integer("forcingMod") != sec.integer("forcingsMod"):
        raise DesignError(sec.at("forcingsMod"), "differs from its alias forcingMod")
    for key in ("staticsMod", *modes[:1]):
        if sec.has(key) and sec.integer(key, choices=(0, 1)) != 0:
            sec.ctx.warn(sec.at(key), "only mode 0 (constant, linear statics) is modelled; the setting is ignored")
    relax = sec.number("relaxation", 0.5, positive=True)
    if relax > 1:
        raise DesignError(sec.at("relaxation"), f"expected a number in (0, 1], got {relax:g}")
    freqs = None
    if sec.has("frequencies"):
        freqs = sec.vector("frequencies", positive=True, min_length=1)
        check_count(freqs.size, MAX_FREQUENCIES, sec.at("frequencies"), "frequencies")
        if np.any(np.diff(freqs) <= 0):
            raise DesignError(sec.at("frequencies"), "must be strictly increasing [Hz]")
    return Settings(min_freq=lo, max_freq=hi, n_iter=sec.integer("nIter", 15, minimum=0, maximum=MAX_ITERATIONS),
                    xi_start=sec.number("XiStart", 0.1, nonnegative=True),
                    tolerance=sec.number("tolerance", 0.01, positive=True), relaxation=relax,
                    frequencies=freqs, refine_grid=sec.boolean("refine_grid", False),
                    conventions=conventions_from_settings(sec))


_CONVENTION_CHOICES = {"hydro_pose": ("mean", "undisplaced"), "surface_strip": ("clip", "raft"),
                       "pose_matrices": ("mean", "upright"), "statics": ("exact", "linear"),
                       "inplane_force": ("physical", "raft"),
                       "floating_feedback": ("rotation_rate", "hub_velocity"),
                       "mcf_phase": ("physical", "raft"),
                       "long_wave_excitation": ("limit", "hold"),
                       "below_rated": ("rotor_speed", "pitch_gain")}


def conventions_from_settings(sec: Section) -> Conventions:
    """``settings.conventions``: a preset name (``physical`` or ``raft``) or a mapping with
    an optional ``preset`` and individual fields of :class:`Conventions`."""
    if not sec.has("conventions"):
        return Conventions()
    raw = sec.raw("conventions")
    if isinstance(raw, str):
        raw = {"preset": raw}
    sub = Section(raw, sec.at("conventions"), sec.ctx, CONVENTION_KEYS)
    preset = sub.string("preset", "physical")
    if preset not in ("physical", "raft"):
        raise DesignError(sub.at("preset"), f"expected 'physical' or 'raft', got {preset!r}")
    fields = {}
    for key, default in Conventions.__dataclass_fields__.items():
        if key == "preset" or not sub.has(key):
            continue
        if key in _CONVENTION_CHOICES:
            value = sub.string(key)
            if value not in _CONVENTION_CHOICES[key]:
                raise DesignError(sub.at(key), f"expected one of {', '.join(_CONVENTION_CHOICES[key])}, "
                                  f"got {value!r}")
            fields[key] = value
        else:
            fields[key] = sub.boolean(key)
    return conventions_preset(preset, **fields)


def site_from_section(sec: Section, depth_needed: bool = True) -> Site:
    """Site constants; ``shearExp`` is accepted as an alias of ``shearExp_air``.

    Without a platform and mooring (a turbine-only file) ``water_depth`` may be
    omitted; it is then infinite (deep water), with a warning.
    """
    shear = sec.number("shearExp_air", 0.12)
    if sec.has("shearExp"):
        alias = sec.number("shearExp")
        if sec.has("shearExp_air") and not math.isclose(alias, shear, rel_tol=1e-9):
            sec.ctx.warn(sec.at("shearExp"), f"differs from shearExp_air; shearExp_air = {shear:g} is used")
        else:
            shear = alias
    if not depth_needed and not sec.has("water_depth"):
        sec.ctx.warn(sec.at("water_depth"), "missing; deep water (infinite depth) is assumed for this turbine-only design")
        depth = math.inf
    else:
        depth = sec.number("water_depth", positive=True)
    return Site(water_depth=depth,
                rho_water=sec.number("rho_water", 1025.0, positive=True),
                rho_air=sec.number("rho_air", 1.225, nonnegative=True),
                mu_air=sec.number("mu_air", 1.81e-5, nonnegative=True),
                shear_exp=shear, g=sec.number("g", 9.81, positive=True),
                mu_water=sec.number("mu_water", 1.0e-3, positive=True),
                shear_exp_water=sec.number("shearExp_water", 0.12))


def refuse_non_designs(data: dict) -> None:
    """Clear errors for YAML files that are not RAFT designs."""
    if "modeling_options" in data or any(str(k).startswith("turbine_") for k in data):
        raise DesignError("", "this is a WEIS input/options file, not a RAFT design (no site/platform sections)")
    if "members" in data and "platform" not in data:
        raise DesignError("members", "a member-only file (top-level 'members') is not a full design; "
                          "put the members under platform.members and add a site section")


def single(data: dict, name: str, plural: str, ctx: Context):
    """The one ``name`` section, accepting a one-element ``plural`` list."""
    if plural in data:
        items = data[plural]
        if not isinstance(items, list):
            raise DesignError(plural, f"expected a list, got {describe(items)}")
        if len(items) > 1:
            raise DesignError(plural, f"{len(items)} {plural} given; only one floating turbine per design is supported (no arrays)")
        if name in data and items:
            raise DesignError(plural, f"give either '{name}' or '{plural}', not both")
        return (items[0] if items else None), f"{plural}[0]"
    return data.get(name), name


def array_checks(data: dict, ctx: Context) -> dict:
    """Refuse arrays; a one-row ``array`` at the origin selects sections by ID (1, or 0 for none).

    Returns the design mapping with the sections whose ID is 0 removed.
    """
    if "array_mooring" in data:
        raise DesignError("array_mooring", "shared array-level mooring is not supported (single floating turbine only)")
    if "array" not in data:
        return data
    sec = Section(data["array"], "array", ctx, ARRAY_KEYS)
    keys, rows = sec.sequence("keys"), sec.sequence("data")
    if len(rows) != 1:
        raise DesignError("array.data", f"{len(rows)} turbines in the array; arrays of several floating turbines are not supported")
    if not isinstance(rows[0], list) or len(rows[0]) != len(keys):
        raise DesignError("array.data[0]", f"expected a list of {len(keys)} values (one per key)")
    row = dict(zip(keys, rows[0]))
    for key in ("x_location", "y_location", "heading_adjust"):
        if row.get(key, 0) not in (0, 0.0):
            raise DesignError(f"array.data[0].{key}", "a single turbine must sit at the origin with no heading adjustment")
    out = dict(data)
    for key, names in (("turbineID", ("turbine", "turbines")), ("platformID", ("platform", "platforms")),
                       ("mooringID", ("mooring", "moorings"))):
        ident = row.get(key, 1)
        if ident not in (0, 1):
            raise DesignError(f"array.data[0].{key}", f"expected 1 (the design's only {names[0]}) or 0 (none), got {describe(ident)}")
        if ident == 0:
            for name in names:
                out.pop(name, None)
    return out


def design_from_dict(data: dict, base_dir=None, strict: bool = False, source=None,
                     include_anywhere: bool = False) -> Design:
    """Build a ``Design`` from a parsed RAFT-format mapping.

    Parameters
    ----------
    data : dict
        Top-level mapping of the YAML design.
    base_dir : str or Path, optional
        Folder for relative ``include``, ``hydroPath``, ``qtfPath`` and mooring ``file``
        paths (default: the folder of ``source``, else none).
    strict : bool
        Unknown keys raise ``DesignError`` instead of warning.
    source : str or Path, optional
        File the mapping came from (stored in ``Design.source``).
    include_anywhere : bool
        Allow ``include`` files outside the folder tree of ``base_dir`` (default: refused).

    Raises
    ------
    DesignError
        On any invalid entry; ``str(error)`` is one line ``"<yaml path>: <problem>"``.
    """
    if not isinstance(data, dict):
        raise DesignError(str(source or ""), f"the design must be a mapping at top level, got {describe(data)}")
    if base_dir is None and source is not None:
        base_dir = Path(source).resolve().parent
    ctx = Context(strict=strict, base_dir=Path(base_dir) if base_dir is not None else None)
    refuse_non_designs(data)
    data = resolve_includes(data, ctx.base_dir, Path(source) if source is not None else None,
                            include_anywhere=include_anywhere)
    Section(data, "", ctx, TOP_KEYS)
    data = array_checks(data, ctx)
    if "joints" in data:
        ctx.warn("joints", "joints of flexible structures are ignored; all members are rigidly connected")
    if "site" not in data:
        raise DesignError("site", "required section is missing")
    depth_needed = any(data.get(k) is not None for k in ("platform", "platforms", "mooring", "moorings"))
    site = site_from_section(Section(data["site"], "site", ctx, SITE_KEYS), depth_needed)
    settings = settings_from_section(Section(data["settings"], "settings", ctx, SETTINGS_KEYS)
                                     if data.get("settings") is not None else None)
    platform_raw, platform_path = single(data, "platform", "platforms", ctx)
    if platform_raw is None:
        ctx.warn("platform", "no platform section: the design has no floating platform members")
        platform = Platform(members=())
    else:
        platform = platform_from_section(Section(platform_raw, platform_path, ctx, PLATFORM_KEYS))
    turbine_raw, turbine_path = single(data, "turbine", "turbines", ctx)
    turbine = None if turbine_raw is None else turbine_from_section(
        Section(turbine_raw, turbine_path, ctx, TURBINE_KEYS), site)
    mooring_raw, mooring_path = single(data, "mooring", "moorings", ctx)
    mooring = None if mooring_raw is None else mooring_from_section(
        Section(mooring_raw, mooring_path, ctx, MOORING_KEYS), site)
    if mooring is None and platform_raw is not None:
        ctx.warn("mooring", "no mooring section: the platform has no mooring stiffness")
    cases = ()
    if data.get("cases") is not None:
        cases = cases_from_section(Section(data["cases"], "cases", ctx, CASES_KEYS),
                                   site.shear_exp_water)
    fatigue = None if data.get("fatigue") is None else fatigue_from_section(
        Section(data["fatigue"], "fatigue", ctx, FATIGUE_KEYS), turbine, mooring)
    if turbine is not None and settings.conventions.tower_drag and any(
            np.any(np.asarray(m.cd) == 0.0) for m in turbine.tower):
        ctx.warn(f"{turbine_path}.tower.Cd", f"is 0 at some stations: the tower's wind drag uses "
                 f"Cd = {DEFAULT_TOWER_CD:g} there (raft_sim default; RAFT has no tower wind drag: "
                 "settings.conventions.tower_drag: false omits it)")
    name = data.get("name")
    name = printable(name if name is not None else (Path(source).stem if source is not None else "design"))
    return Design(name=name, settings=settings, site=site, platform=platform, turbine=turbine,
                  mooring=mooring, cases=cases, source=str(source) if source is not None else None,
                  fatigue=fatigue)


def load_design(path, strict: bool = False, include_anywhere: bool = False) -> Design:
    """Load a RAFT-format YAML design file.

    Parameters
    ----------
    path : str or Path
        The YAML file.
    strict : bool
        Unknown keys raise ``DesignError`` instead of warning.
    include_anywhere : bool
        Allow ``include`` files outside the design's folder tree (default: refused).

    Returns
    -------
    Design
        SI units and radians throughout (frequencies in ``Settings`` stay in Hz).

    Raises
    ------
    DesignError
        Unreadable or non-YAML file, YAML syntax error, top level not a mapping, or any
        invalid entry (see ``design_from_dict``).
    """
    path = Path(path)
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DesignError(printable(path.name), f"the design must be a mapping at top level, got {describe(data)}")
    return design_from_dict(data, base_dir=path.resolve().parent, strict=strict, source=path,
                            include_anywhere=include_anywhere)
