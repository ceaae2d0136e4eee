"""RAFT member entries (platform members, towers, nacelles) -> ``Member`` objects.

Stations are rescaled so that 0 is at ``rA`` and the last station at the member
length; ballast fill lengths and cap stations use the same scaling. Angles are
converted from degrees. A ``heading`` list makes one ``Member`` per heading, named
``"name[i]"``, with its ends rotated about z (and, for vertical members, the heading
added to the cross-section twist, as RAFT does).
"""
from __future__ import annotations

import numpy as np

from raft_sim.design.errors import DesignError, printable
from raft_sim.design.limits import MAX_HEADINGS, MAX_STATIONS, MAX_STRIPS, check_count
from raft_sim.design.objects import Member
from raft_sim.design.validate import DEG, Section, keyword, per_station, per_station_pairs

MEMBER_KEYS = frozenset({
    "name", "type", "rA", "rB", "shape", "gamma", "potMod", "MCF", "stations", "d", "t",
    "Cd", "Ca", "CdEnd", "CaEnd", "Cd_q", "Ca_q", "rho_shell", "l_fill", "rho_fill",
    "cap_stations", "cap_t", "cap_d_in", "dlsMax", "heading", "extensionA", "extensionB",
    "E", "G",
})
FLEXIBLE_TYPES = ("beam", "flexible")
SHAPES = {"circular": "circular", "circ": "circular", "cylinder": "circular", "cylindrical": "circular",
          "rectangular": "rectangular", "rect": "rectangular", "rectangle": "rectangular",
          "square": "rectangular", "box": "rectangular"}


def member_type(sec: Section) -> None:
    """Check RAFT's member ``type``; warn for legacy numbers and flexible members."""
    if not sec.has("type"):
        return
    value = sec.raw("type")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        sec.ctx.warn(sec.at("type"), f"legacy RAFT 1.x numeric member type {value!r} is deprecated; "
                     "the member is treated as 'rigid' (use type: rigid)")
        return
    text = str(value).strip().lower()
    if text == "rigid":
        return
    if text in FLEXIBLE_TYPES:
        sec.ctx.warn(sec.at("type"), f"flexible member type '{value}' is not modelled; the member is "
                     "treated as rigid and its structural flexibility (E, G) is ignored")
        return
    if text.isdigit():
        sec.ctx.warn(sec.at("type"), f"legacy RAFT 1.x numeric member type '{value}' is deprecated; "
                     "the member is treated as 'rigid'")
        return
    raise DesignError(sec.at("type"), f"expected 'rigid' or 'beam', got {printable(repr(value))}")


def member_shape(sec: Section) -> str:
    """The cross-section shape, from the exact words of ``SHAPES``."""
    return keyword(sec.raw("shape"), sec.at("shape"), SHAPES)


def station_positions(sec: Section, length: float) -> tuple[np.ndarray, np.ndarray]:
    """Stations as given and rescaled to [0, length] [m]."""
    check_count(len(sec.raw("stations")) if isinstance(sec.raw("stations"), list) else 1,
                MAX_STATIONS, sec.at("stations"), "stations")
    st = sec.vector("stations", min_length=2)
    if np.any(np.diff(st) < 0):
        raise DesignError(sec.at("stations"), "stations must be in increasing order from rA to rB")
    if st[-1] <= st[0]:
        raise DesignError(sec.at("stations"), "the last station must be greater than the first")
    return st, (st - st[0]) * (length / (st[-1] - st[0]))


def outer_size(sec: Section, shape: str, n: int) -> np.ndarray:
    """Diameter (n,) or side-length pairs (n, 2) [m]."""
    if not sec.has("d"):
        raise DesignError(sec.at("d"), "required key is missing")
    if shape == "circular":
        return per_station(sec, "d", n, default=None, positive=True, what="length of stations")
    return per_station_pairs(sec, "d", n, default=None, positive=True)


def wall_thickness(sec: Section, diameter: np.ndarray, n: int) -> np.ndarray:
    """Shell thickness per station [m], checked against the section size."""
    t = per_station(sec, "t", n, default=0.0, nonnegative=True, what="length of stations")
    smallest = diameter if diameter.ndim == 1 else diameter.min(axis=1)
    bad = np.nonzero(t > 0.5 * smallest + 1e-12)[0]
    if bad.size:
        i = int(bad[0])
        raise DesignError(sec.at("t"), f"wall thickness {t[i]:g} m at station {i} exceeds the radius "
                          f"(half the smallest outer size, {0.5 * smallest[i]:g} m)")
    return t


def ballast(sec: Section, st: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Fill lengths [m] and densities [kg/m^3] per section (n-1,).

    A scalar ``l_fill`` or ``rho_fill`` applies to every section (RAFT tiles scalars);
    ``l_fill`` is in station units and limited to each section's length.
    """
    n = st.size
    l_fill = per_station(sec, "l_fill", n - 1, default=0.0, nonnegative=True,
                         what="one per section, length of stations - 1")
    lengths = np.diff(st)
    over = np.nonzero(l_fill > lengths * (1 + 1e-9) + 1e-12)[0]
    if over.size:
        i = int(over[0])
        raise DesignError(sec.at("l_fill"), f"fill length {l_fill[i]:g} exceeds the length {lengths[i]:g} "
                          f"of section {i} (station units)")
    rho_fill = per_station(sec, "rho_fill", n - 1, default=1025.0, nonnegative=True,
                           what="one per section, length of stations - 1")
    return l_fill * scale, rho_fill


def caps(sec: Section, shape: str, st: np.ndarray, scale: float):
    """Cap stations [m], thicknesses [m] and inner sizes [m]."""
    if not sec.has("cap_stations"):
        for key in ("cap_t", "cap_d_in"):
            if sec.has(key) and np.size(sec.raw(key)) > 0:
                raise DesignError(sec.at(key), "given without cap_stations")
        return np.zeros(0), np.zeros(0), np.zeros(0) if shape == "circular" else np.zeros((0, 2))
    cap_st = sec.vector("cap_stations")
    k = cap_st.size
    if k == 0:
        return np.zeros(0), np.zeros(0), np.zeros(0) if shape == "circular" else np.zeros((0, 2))
    outside = (cap_st < st[0] - 1e-9 * abs(st[0]) - 1e-12) | (cap_st > st[-1] + 1e-9 * abs(st[-1]) + 1e-12)
    if np.any(outside):
        raise DesignError(sec.at("cap_stations"), f"cap station {cap_st[outside][0]:g} lies outside the "
                          f"stations range [{st[0]:g}, {st[-1]:g}]")
    if not sec.has("cap_t"):
        raise DesignError(sec.at("cap_t"), "required key is missing (cap_stations given)")
    cap_t = per_station(sec, "cap_t", k, default=None, positive=True, what="length of cap_stations")
    if shape == "circular":
        d_in = per_station(sec, "cap_d_in", k, default=0.0, nonnegative=True, what="length of cap_stations")
    else:
        d_in = per_station_pairs(sec, "cap_d_in", k, default=0.0, nonnegative=True)
    return (cap_st - st[0]) * scale, cap_t, d_in


def headings(sec: Section) -> tuple[np.ndarray, bool]:
    """Heading copies [rad] and whether the member is to be repeated (list given)."""
    if not sec.has("heading"):
        return np.zeros(1), False
    value = sec.raw("heading")
    if isinstance(value, list):
        check_count(len(value), MAX_HEADINGS, sec.at("heading"), "headings")
    return sec.vector("heading", min_length=1) * DEG, isinstance(value, list)


def rotate_z(point: np.ndarray, angle: float) -> np.ndarray:
    c, s = np.cos(angle), np.sin(angle)
    return np.array([c * point[0] - s * point[1], s * point[0] + c * point[1], point[2]])


def members_from_section(sec: Section, *, dls_max: float = 5.0, potential: bool | None = None) -> list[Member]:
    """All ``Member`` objects described by one RAFT member entry.

    Parameters
    ----------
    sec : Section
        The member mapping.
    dls_max : float
        Default maximum strip length [m] when the member has no ``dlsMax``.
    potential : bool or None
        Override of ``potMod`` (RAFT ``potModMaster`` 1 -> False, 2/3 -> True).
    """
    name = printable(sec.string("name"))
    member_type(sec)
    shape = member_shape(sec)
    r_a, r_b = sec.vector("rA", 3), sec.vector("rB", 3)
    length = float(np.linalg.norm(r_b - r_a))
    if length == 0.0:
        raise DesignError(sec.at("rB"), "rB equals rA: a member needs a non-zero length")
    st, stations = station_positions(sec, length)
    n = st.size
    scale = length / (st[-1] - st[0])
    diameter = outer_size(sec, shape, n)
    thickness = wall_thickness(sec, diameter, n)
    l_fill, rho_fill = ballast(sec, st, scale)
    cap_st, cap_t, cap_d_in = caps(sec, shape, st, scale)
    mcf = sec.boolean("MCF", False)
    if mcf and shape != "circular":
        sec.ctx.warn(sec.at("MCF"), "MacCamy-Fuchs correction applies to circular members only; disabled")
        mcf = False
    for key in ("extensionA", "extensionB"):
        if sec.has(key) and sec.number(key) != 0:
            sec.ctx.warn(sec.at(key), "member end extensions are not modelled; the member ends at rA/rB")
    common = dict(
        name=name, shape=shape, stations=stations, diameter=diameter, thickness=thickness,
        cd=per_station_pairs(sec, "Cd", n, 0.6, nonnegative=True),
        ca=per_station_pairs(sec, "Ca", n, 0.97, nonnegative=True),
        cd_axial=per_station(sec, "Cd_q", n, 0.0, nonnegative=True, what="length of stations"),
        ca_axial=per_station(sec, "Ca_q", n, 0.0, nonnegative=True, what="length of stations"),
        cd_end=per_station(sec, "CdEnd", n, 0.6, nonnegative=True, what="length of stations"),
        ca_end=per_station(sec, "CaEnd", n, 0.6, nonnegative=True, what="length of stations"),
        rho_shell=sec.number("rho_shell", 8500.0, nonnegative=True),
        l_fill=l_fill, rho_fill=rho_fill, cap_stations=cap_st, cap_t=cap_t, cap_d_in=cap_d_in,
        potential_flow=sec.boolean("potMod", False) if potential is None else potential,
        mcf=mcf, dls_max=sec.number("dlsMax", dls_max, positive=True),
    )
    strips = length / common["dls_max"]
    if strips > MAX_STRIPS:
        where = sec.at("dlsMax") if sec.has("dlsMax") else sec.at("rB")
        raise DesignError(where, f"{strips:.3g} strips of at most dlsMax = {common['dls_max']:g} m along "
                          f"{length:g} m exceed the limit of {MAX_STRIPS:,} (see 'Limits' in docs/cli.md)")
    gamma = 0.0 if shape == "circular" else sec.angle("gamma")
    angles, repeated = headings(sec)
    vertical = r_a[0] == r_b[0] and r_a[1] == r_b[1]
    out = []
    for i, angle in enumerate(angles):
        out.append(Member(
            r_a=rotate_z(r_a, angle), r_b=rotate_z(r_b, angle),
            gamma=gamma + (angle if vertical and shape != "circular" else 0.0), heading=float(angle),
            **{**common, "name": f"{name}[{i}]" if repeated else name},
        ))
    return out
