"""The ``fatigue`` section of a design and the fatigue channel keys.

```yaml
fatigue:
  lifetime: 25              # years (default 20)
  reference_cycles: 1.0e7   # N_eq of the DELs (default 1e7)
  method: dirlik            # dirlik | tovo_benasciutti | narrow_band (the one summaries report)
  default: {m: 4}           # curve of load channels without their own
  curves:
    tower_base_fore_aft: {m: 3, log_a: 12.164, m2: 5, knee_cycles: 1.0e7, stress_per_load: 1.2e-7}
    mooring_line1_fairlead: {m: 3, reference_point: [1.0e6, 2.0e8]}   # [range N, cycles]
```

A curve is ``N = a S^-m`` with either ``log_a`` (log10 of a) or a reference point
``[range, cycles]`` on it, optionally a second slope ``m2`` after a knee
at ``knee_cycles`` (DNV-RP-C203). Its ranges are in the units of ``log_a`` / the
reference point; ``stress_per_load`` (range units per unit of the channel, e.g.
1e-6 / W [MPa per N m] for a bending moment and section modulus W) converts it to the
channel's units. Only ``m`` is needed for DELs; damage needs the intercept.

Channel keys are documented in docs/fatigue.md; :func:`channel_key` builds them from a
results variable name and its component labels.
"""
from __future__ import annotations

import difflib
import math

from raft_sim.conventions import DOFS
from raft_sim.design.errors import DesignError
from raft_sim.design.objects import FatigueSettings, SNCurve
from raft_sim.design.validate import Section

YEAR = 365.25 * 86400.0  # [s]
FATIGUE_KEYS = frozenset({"lifetime", "reference_cycles", "method", "default", "curves"})
CURVE_KEYS = frozenset({"m", "log_a", "reference_point", "m2", "knee_cycles",
                        "stress_per_load"})
METHODS = ("dirlik", "tovo_benasciutti", "narrow_band")

KEY_TEMPLATES: dict[str, str] = {
    "tower_base_moment": "tower_base_fore_aft",
    "tower_base_side_side_moment": "tower_base_side_side",
    "tower_base_shear": "tower_base_shear_fore_aft",
    "tower_base_side_side_shear": "tower_base_shear_side_side",
    "nacelle_side_side_acceleration": "nacelle_side_side_acceleration",
    "mooring_tension": "mooring_{line}_fairlead",
    "mooring_anchor_tension": "mooring_{line}_anchor",
}
"""Results channel name -> fatigue key (``{dim}`` is replaced by the component label)."""

TURBINE_KEYS = ("tower_base_fore_aft", "tower_base_side_side", "tower_base_shear_fore_aft",
                "tower_base_shear_side_side", "nacelle_acceleration",
                "nacelle_side_side_acceleration", "rotor_speed", "pitch",
                "gen_torque", "power", "thrust")
"""Fatigue keys of a design with a turbine (those the results hold are used)."""


def channel_key(name: str, components: dict[str, str] | None = None) -> str:
    """Fatigue key of a results channel, e.g. ``mooring_tension`` line ``line1`` ->
    ``mooring_line1_fairlead``; ``psd`` DOF ``pitch`` -> ``platform_pitch``.

    Parameters
    ----------
    name : str
        Channel name in the results (``tower_base_moment``; ``psd`` for the motions).
    components : dict, optional
        Component dim -> label of a multi-component channel.
    """
    components = components or {}
    if name == "psd":
        return f"platform_{components['dof']}"
    template = KEY_TEMPLATES.get(name)
    if template is not None:
        return template.format(**components)
    return "_".join([name, *map(str, components.values())])


def known_channel_keys(has_turbine: bool, line_names) -> tuple[str, ...]:
    """Every key a ``fatigue.curves`` entry may name for such a design."""
    keys = [f"platform_{dof}" for dof in DOFS]
    keys += list(TURBINE_KEYS) if has_turbine else []
    keys += [f"mooring_{line}_{end}" for line in line_names for end in ("fairlead", "anchor")]
    return tuple(keys)


def sn_curve(sec: Section) -> SNCurve:
    """One S-N curve mapping, in the channel's units."""
    m = sec.number("m", positive=True)
    m2 = sec.number("m2", None, positive=True)
    knee = sec.number("knee_cycles", 1.0e7, positive=True)
    scale = sec.number("stress_per_load", 1.0, positive=True)
    if sec.has("log_a") and sec.has("reference_point"):
        raise DesignError(sec.at("reference_point"), "give either log_a or a reference point, not both")
    if sec.has("reference_point"):
        point = sec.vector("reference_point", 2, positive=True)
        curve = SNCurve.through(m, point[0], point[1], m2, knee)
    else:
        curve = SNCurve(m=m, log_a=sec.number("log_a", None), m2=m2, knee_cycles=knee)
    if m2 is not None and curve.log_a is None:
        raise DesignError(sec.at("m2"), "a two-slope curve needs log_a or a reference point")
    return in_load_units(curve, scale)


def in_load_units(curve: SNCurve, stress_per_load: float) -> SNCurve:
    """The curve with ranges in load units, for stress = ``stress_per_load`` x load.

    N = a (c S)^-m = (a c^-m) S^-m: log_a drops by m log10(c); the knee stays at the
    same number of cycles."""
    if curve.log_a is None or stress_per_load == 1.0:
        return curve
    return SNCurve(m=curve.m, log_a=curve.log_a - curve.m * math.log10(stress_per_load),
                   m2=curve.m2, knee_cycles=curve.knee_cycles)


def fatigue_from_section(sec: Section, turbine, mooring) -> FatigueSettings:
    """The checked ``fatigue`` section.

    Parameters
    ----------
    sec : Section
        The ``fatigue`` mapping.
    turbine : Turbine or None
    mooring : Mooring or None
        Decide which channel keys ``curves`` may name (:func:`known_channel_keys`).
    """
    known_keys = known_channel_keys(turbine is not None,
                                    [line.name for line in mooring.lines] if mooring else [])
    method = sec.string("method", "dirlik").strip().lower()
    if method not in METHODS:
        raise DesignError(sec.at("method"), f"expected one of {', '.join(METHODS)}, got {method!r}")
    default = sec.section("default", CURVE_KEYS, None)
    curves = sec.section("curves", None, None)
    pairs = []
    for key in (curves.data if curves is not None else {}):
        if str(key) not in known_keys:
            close = difflib.get_close_matches(str(key), sorted(known_keys), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise DesignError(curves.at(str(key)), f"unknown fatigue channel{hint}")
        pairs.append((str(key), sn_curve(Section(curves.data[key], curves.at(str(key)), sec.ctx, CURVE_KEYS))))
    return FatigueSettings(
        lifetime=sec.number("lifetime", 20.0, positive=True) * YEAR,
        reference_cycles=sec.number("reference_cycles", 1.0e7, positive=True),
        method=method, default=sn_curve(default) if default is not None else None,
        curves=tuple(pairs))
