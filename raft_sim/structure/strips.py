"""Strip discretisation of members for strip-theory hydrodynamics.

This module's dataclasses are the contract between the geometry (``raft_sim.structure``)
and the strip-theory hydrodynamics (``raft_sim.hydro``). All arrays run over strips
(``N``) or end faces (``E``) of all members at once, so physics is vectorised over them.

Only the *submerged* part of each member (z < 0 in the undisplaced position) produces
hydrodynamic strips; a strip that pierces the free surface is clipped at z = 0.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from raft_sim.structure.frames import member_frame
from raft_sim.structure.members import section_area, side_pairs


@dataclass(frozen=True, eq=False)
class Strips:
    """Submerged strips of all members.

    Attributes
    ----------
    member : ndarray of int, shape (N,)
        Index of the member (in ``Platform.members``) each strip belongs to.
    r : ndarray, shape (N, 3)
        Strip centre position relative to the platform reference point [m].
    length : ndarray, shape (N,)
        Strip length along the member axis [m].
    q : ndarray, shape (N, 3)
        Unit vector along the member axis (from end A to end B).
    p1, p2 : ndarray, shape (N, 3)
        Unit vectors of the cross-section's local x and y axes (after ``gamma`` twist);
        (p1, p2, q) is right-handed.
    circular : ndarray of bool, shape (N,)
    size : ndarray, shape (N, 2)
        Diameter (both columns equal, circular) or side lengths along p1 and p2 [m], at the strip centre.
    ca, cd : ndarray, shape (N, 2)
        Transverse added-mass and drag coefficients along p1 and p2 [-].
    ca_axial, cd_axial : ndarray, shape (N,)
        Axial added-mass and drag coefficients [-].
    potential_flow : ndarray of bool, shape (N,), or None
        True where the strip's member takes its inertia and radiation from potential-flow
        coefficients that exist (the ``potential_flow`` argument of the builders, e.g.
        :func:`raft_sim.hydro.potential.replaced_members`): such strips add no Morison added
        mass or inertial excitation, only drag. A member that merely asks for potential flow
        (``Member.potential_flow``) without coefficients keeps its strip terms. None means
        all False.
    slot : ndarray of int, shape (N,), or None
        Index of the strip in its member's strip layout before clipping at the water line
        (the same strip at another pose has the same ``(member, slot)``).
    layout : StripLayout or None
        The layout of the members these strips were cut from (it serves every pose of
        those members, :func:`strips_at`); None for strips made otherwise.
    """

    member: np.ndarray
    r: np.ndarray
    length: np.ndarray
    q: np.ndarray
    p1: np.ndarray
    p2: np.ndarray
    circular: np.ndarray
    size: np.ndarray
    ca: np.ndarray
    cd: np.ndarray
    ca_axial: np.ndarray
    cd_axial: np.ndarray
    potential_flow: np.ndarray | None = None
    slot: np.ndarray | None = None
    layout: StripLayout | None = None

    @property
    def area(self) -> np.ndarray:
        """Cross-section area at each strip centre [m^2], shape (N,)."""
        return np.where(self.circular, 0.25 * np.pi * self.size[:, 0] ** 2,
                        self.size[:, 0] * self.size[:, 1])

    @property
    def volume(self) -> np.ndarray:
        """Displaced volume of each strip [m^3], shape (N,)."""
        return self.area * self.length


@dataclass(frozen=True, eq=False)
class EndFaces:
    """Submerged end faces and steps in cross-section (member ends, tapers, steps).

    At each submerged station where the cross-section area changes (including the two
    member ends), one face.

    Attributes
    ----------
    member : ndarray of int, shape (E,)
    r : ndarray, shape (E, 3)
        Face centre [m].
    q : ndarray, shape (E, 3)
        Member axis unit vector (A to B).
    area_change : ndarray, shape (E,)
        Cross-section area just after the face minus just before it, going along ``q``
        [m^2]: +A at a closed end A, -A at a closed end B. The dynamic pressure p on the
        face gives the axial force ``p * area_change * q``.
    added_mass_volume : ndarray, shape (E,)
        Reference volume of the axial end added mass [m^3] (added mass = rho * ca_end * volume).
    ca_end, cd_end : ndarray, shape (E,)
        End added-mass and drag coefficients [-].
    potential_flow : ndarray of bool, shape (E,), or None
        As for :class:`Strips` (None means all False).

    Notes
    -----
    As in RAFT, a tapered section contributes one face per strip (at the strip centre,
    with the area change across that strip), so the end effects of a taper are spread
    along it.
    q_inertia : ndarray, shape (E, 3), or None
        Axis of the faces' inertial (added-mass) excitation where it differs from ``q``
        (RAFT's undisplaced axes); None: ``q``.
    """

    member: np.ndarray
    r: np.ndarray
    q: np.ndarray
    area_change: np.ndarray
    added_mass_volume: np.ndarray
    ca_end: np.ndarray
    cd_end: np.ndarray
    potential_flow: np.ndarray | None = None
    q_inertia: np.ndarray | None = None


# ---------------------------------------------------------------------------------------
# Builders (structure helper): discretise members into Strips and EndFaces.
#
# The strip layout along each member axis does not depend on where the member is, so it is
# tabulated once for all members (:class:`StripLayout`); a pose then only sets the member
# axes and the clipping at z = 0, for all strips of all members at once.
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class StripLayout:
    """Strips and end-face candidates of members along their axes, before any clipping.

    Independent of the member ends ``r_a``, ``r_b`` (only their distance matters), so one
    layout serves a platform at every pose. Per strip slot (``K`` over all members, in member
    order), per end-face candidate (``J``: end A, steps, one per strip of a taper, end B,
    per member) and per member (``M``):

    Attributes
    ----------
    member, slot : ndarray of int, shape (K,)
        Member index and index of the strip in its member's layout.
    s_lo, s_hi : ndarray, shape (K,)
        Strip ends as distances from end A [m].
    st0, st1 : ndarray, shape (K,)
        Ends of the section (between two stations) the strip lies in [m].
    size0, dsize : ndarray, shape (K, 2)
        Size at ``st0`` and its change to ``st1`` (linear taper) [m].
    coef0, coef_slope : ndarray, shape (K, 6)
        Coefficients ``ca`` (2), ``cd`` (2), ``ca_axial``, ``cd_axial`` at ``st0`` [-] and
        their slopes along the axis [1/m] (linear interpolation between stations).
    face_member : ndarray of int, shape (J,)
    face_slot : ndarray of int, shape (J,)
        Global strip slot (into the K axis) of a taper face, -1 for the fixed faces.
    face_pos : ndarray, shape (J,)
        Position of the fixed faces from end A [m] (a taper face's is set by the pose).
    face_before, face_after : ndarray, shape (J, 2)
        Sizes just before and after the fixed faces [m].
    face_coef : ndarray, shape (J, 2)
        ``ca_end``, ``cd_end`` at the fixed faces [-].
    end_coef0, end_coef_slope : ndarray, shape (K, 2)
        ``ca_end``, ``cd_end`` at ``st0`` of each strip and their slopes [-, 1/m].
    gamma : ndarray, shape (M,)
        Twist of each member [rad].
    circular : ndarray of bool, shape (M,)
    """

    member: np.ndarray
    slot: np.ndarray
    s_lo: np.ndarray
    s_hi: np.ndarray
    st0: np.ndarray
    st1: np.ndarray
    size0: np.ndarray
    dsize: np.ndarray
    coef0: np.ndarray
    coef_slope: np.ndarray
    face_member: np.ndarray
    face_slot: np.ndarray
    face_pos: np.ndarray
    face_before: np.ndarray
    face_after: np.ndarray
    face_coef: np.ndarray
    end_coef0: np.ndarray
    end_coef_slope: np.ndarray
    gamma: np.ndarray
    circular: np.ndarray


def _member_strip_table(mem):
    """Strip ends along the axis of one member, split as RAFT does with ``dls_max``.

    Returns (s_lo, s_hi, section) arrays over the member's strips before clipping.
    """
    st = np.asarray(mem.stations, dtype=float)
    lsec = np.diff(st)
    sec = np.nonzero(lsec > 0)[0]
    ns = np.ceil(lsec[sec] / mem.dls_max - 1e-9).astype(int).clip(min=1)
    idx = np.repeat(sec, ns)
    j = np.arange(idx.size) - np.repeat(np.cumsum(ns) - ns, ns)
    dl = np.repeat(lsec[sec] / ns, ns)
    s_lo = st[idx] + dl * j
    return s_lo, s_lo + dl, idx


def _station_values(mem, n: int) -> np.ndarray:
    """Coefficients per station, (n, 8): ``ca`` (2), ``cd`` (2), ``ca_axial``, ``cd_axial``,
    ``ca_end``, ``cd_end`` (zeros where not given)."""
    out = np.zeros((n, 8))
    for col, name in ((0, "ca"), (2, "cd"), (4, "ca_axial"), (5, "cd_axial"), (6, "ca_end"), (7, "cd_end")):
        v = np.asarray(getattr(mem, name), dtype=float)
        if v.size == 0:
            continue
        if col < 4:
            out[:, col:col + 2] = v.reshape(n, -1)
        else:
            out[:, col] = v
    return out


def _end_volume(size, circular):
    """RAFT's end added-mass reference 'diameter' cubed times pi/12, per size (k, 2)."""
    d = np.where(circular, size[..., 0], size.mean(-1))
    return np.pi / 12.0 * d ** 3


def _member_layout(mem, index: int, first_slot: int) -> dict:
    """Layout arrays of one member (see :class:`StripLayout`); slots start at ``first_slot``."""
    st = np.asarray(mem.stations, dtype=float)
    size = side_pairs(mem, mem.diameter)
    s_lo, s_hi, sec = _member_strip_table(mem)
    values = _station_values(mem, len(st))
    v0 = values[sec]
    slope = (values[sec + 1] - v0) / (st[sec + 1] - st[sec])[:, None]
    steps = np.flatnonzero(st[1:] == st[:-1])
    taper = np.flatnonzero(np.any(size[sec] != size[sec + 1], axis=1))
    fixed_pos = np.concatenate([[0.0], st[steps], st[-1:]])
    fixed_coef = np.stack([np.interp(fixed_pos, st, values[:, 6]),
                           np.interp(fixed_pos, st, values[:, 7])], axis=-1)
    gap, zero = np.zeros((len(taper), 2)), np.zeros((1, 2))  # taper faces: set by the pose
    return dict(
        member=np.full(len(s_lo), index), slot=np.arange(len(s_lo)), s_lo=s_lo, s_hi=s_hi,
        st0=st[sec], st1=st[sec + 1], size0=size[sec], dsize=size[sec + 1] - size[sec],
        coef0=v0[:, :6], coef_slope=slope[:, :6],
        face_member=np.full(len(fixed_pos) + len(taper), index),
        face_slot=np.concatenate([np.full(len(steps) + 1, -1), first_slot + taper, [-1]]),
        face_pos=np.concatenate([fixed_pos[:-1], gap[:, 0], fixed_pos[-1:]]),
        face_before=np.concatenate([zero, size[steps], gap, size[-1:]]),
        face_after=np.concatenate([size[:1], size[steps + 1], gap, zero]),
        face_coef=np.concatenate([fixed_coef[:-1], gap, fixed_coef[-1:]]),
        end_coef0=v0[:, 6:], end_coef_slope=slope[:, 6:])


def strip_layout(members) -> StripLayout:
    """Strip layout of all members (``Platform.members`` or any sequence of Member).

    Each section between distinct stations is cut into ``ceil(length / dls_max)`` equal
    strips (RAFT's layout); every member end, step in cross-section and strip of a taper
    is an end-face candidate.

    Parameters
    ----------
    members : Platform or sequence of Member

    Returns
    -------
    StripLayout
    """
    members = getattr(members, "members", members)
    parts, first = [], 0
    for i, mem in enumerate(members):
        parts.append(_member_layout(mem, i, first))
        first += len(parts[-1]["s_lo"])
    if not parts:  # no members: empty tables of the right shapes
        empty = lambda *shape: np.zeros((0,) + shape)  # noqa: E731
        parts = [dict(member=np.zeros(0, int), slot=np.zeros(0, int), s_lo=empty(), s_hi=empty(),
                      st0=empty(), st1=empty(), size0=empty(2), dsize=empty(2), coef0=empty(6),
                      coef_slope=empty(6), face_member=np.zeros(0, int), face_slot=np.zeros(0, int),
                      face_pos=empty(), face_before=empty(2), face_after=empty(2), face_coef=empty(2),
                      end_coef0=empty(2), end_coef_slope=empty(2))]
    return StripLayout(**{k: np.concatenate([p[k] for p in parts]) for k in parts[0]},
                       gamma=np.array([float(m.gamma) for m in members]),
                       circular=np.array([m.is_circular for m in members], dtype=bool))


def member_ends(members) -> tuple[np.ndarray, np.ndarray]:
    """End coordinates ``r_a``, ``r_b`` of all members, shape (M, 3) each [m]."""
    members = getattr(members, "members", members)
    ends = np.array([(m.r_a, m.r_b) for m in members], dtype=float).reshape(-1, 2, 3)
    return ends[:, 0], ends[:, 1]


def _clipped(layout: StripLayout, r_a, q):
    """Strip intervals clipped to their part below z = 0: (lo, hi, keep), shape (K,).

    A strip of a horizontal member is kept whole when the member is below water."""
    za, qz = r_a[layout.member, 2], q[layout.member, 2]
    s_cut = np.divide(-za, qz, out=np.zeros_like(za), where=qz != 0)
    lo = np.where(qz < 0, np.maximum(layout.s_lo, s_cut), layout.s_lo)
    hi = np.where(qz > 0, np.minimum(layout.s_hi, s_cut), layout.s_hi)
    return lo, hi, np.where(qz == 0, za < 0, hi > lo)


def _along(st0, slope, base, s):
    """Linear interpolation ``slope (s - st0) + base`` along a section (as ``np.interp``)."""
    return slope * (s - st0)[:, None] + base


def _sizes(layout: StripLayout, s, k):
    """Sizes (len(k), 2) at positions s inside the sections of strip slots k [m]."""
    frac = ((s - layout.st0[k]) / (layout.st1[k] - layout.st0[k]))[:, None]
    return layout.size0[k] + layout.dsize[k] * frac


def _flags(n: int, potential_flow) -> np.ndarray:
    """Per-member potential-flow flags (M,) from None (all False) or a sequence of M."""
    if potential_flow is None:
        return np.zeros(n, bool)
    return np.array([bool(p) for p in potential_flow], dtype=bool).reshape(n)


def strips_at(layout: StripLayout, r_a, r_b, potential_flow=None, surface: str = "clip") -> Strips:
    """Submerged strips of members laid out as ``layout`` with ends ``r_a``, ``r_b`` (M, 3) [m].

    Strips entirely above water are dropped and a strip piercing the surface keeps only
    its submerged part (centre and length of that part). With ``surface="raft"`` (RAFT 2.0)
    a piercing strip keeps its submerged length but sits at its unclipped centre, and is
    dropped when that centre is above water.

    Parameters
    ----------
    layout : StripLayout
    r_a, r_b : ndarray, shape (M, 3)
        Member ends [m].
    potential_flow : sequence of bool, shape (M,), optional
        Per member: its inertia and radiation come from potential-flow coefficients.
    surface : {"clip", "raft"}
        Treatment of the strip that pierces the water line.

    Returns
    -------
    Strips
    """
    r_a = np.asarray(r_a, dtype=float).reshape(-1, 3)
    q, p1, p2 = member_frame(r_a, r_b, layout.gamma)
    lo, hi, keep = _clipped(layout, r_a, q)
    s = 0.5 * (lo + hi)
    if surface == "raft":  # RAFT: the unclipped centre decides, and is where the strip is
        s = 0.5 * (layout.s_lo + layout.s_hi)
        keep = keep & (r_a[layout.member, 2] + s * q[layout.member, 2] < 0.0)
    k = np.flatnonzero(keep)
    s, m = s[k], layout.member[k]
    coef = _along(layout.st0[k], layout.coef_slope[k], layout.coef0[k], s)
    flags = _flags(len(r_a), potential_flow)
    return Strips(
        member=m, r=r_a[m] + s[:, None] * q[m], length=hi[k] - lo[k], q=q[m], p1=p1[m], p2=p2[m],
        circular=layout.circular[m], size=_sizes(layout, s, k), ca=coef[:, 0:2], cd=coef[:, 2:4],
        ca_axial=coef[:, 4], cd_axial=coef[:, 5], potential_flow=flags[m], slot=layout.slot[k],
        layout=layout)


def faces_at(layout: StripLayout, r_a, r_b, potential_flow=None) -> EndFaces:
    """Submerged end faces of members laid out as ``layout`` with ends ``r_a``, ``r_b`` (M, 3).

    Both ends, steps, and each submerged strip of a taper (at the centre of its submerged
    part, with the area change across it). The end added-mass reference volume is
    ``pi/12 |d_after^3 - d_before^3|`` (a hemisphere of the radius at a closed end,
    differences of them at steps), with ``d`` the diameter or, for rectangles, the mean
    side length (RAFT's convention; RAFT's rectangular end B comes out negative, here it is
    positive).

    Parameters
    ----------
    layout : StripLayout
    r_a, r_b : ndarray, shape (M, 3)
        Member ends [m].
    potential_flow : sequence of bool, shape (M,), optional
        As for :func:`strips_at`.

    Returns
    -------
    EndFaces
    """
    r_a = np.asarray(r_a, dtype=float).reshape(-1, 3)
    q = member_frame(r_a, r_b, layout.gamma)[0]
    lo, hi, keep = _clipped(layout, r_a, q)
    taper = np.flatnonzero(layout.face_slot >= 0)
    k = layout.face_slot[taper]
    pos, before, after = layout.face_pos.copy(), layout.face_before.copy(), layout.face_after.copy()
    coef, present = layout.face_coef.copy(), layout.face_slot < 0
    pos[taper] = 0.5 * (lo[k] + hi[k])
    before[taper], after[taper] = _sizes(layout, lo[k], k), _sizes(layout, hi[k], k)
    coef[taper] = _along(layout.st0[k], layout.end_coef_slope[k], layout.end_coef0[k], pos[taper])
    present[taper] = keep[k]
    m = layout.face_member
    r = r_a[m] + pos[:, None] * q[m]
    circ = layout.circular[m]
    area_change = section_area(after, circ) - section_area(before, circ)
    vol = np.abs(_end_volume(after, circ) - _end_volume(before, circ))
    sub = np.flatnonzero(present & (r[:, 2] < 0) & (area_change != 0))
    flags = _flags(len(r_a), potential_flow)
    return EndFaces(
        member=m[sub], r=r[sub], q=q[m[sub]], area_change=area_change[sub],
        added_mass_volume=vol[sub], ca_end=coef[sub, 0], cd_end=coef[sub, 1],
        potential_flow=flags[m[sub]])


def platform_strips(members, potential_flow=None, surface: str = "clip") -> Strips:
    """Submerged strips of all members (``Platform.members`` or any sequence of Member).

    Parameters
    ----------
    members : Platform or sequence of Member
    potential_flow : sequence of bool, optional
        Per member: its strip inertia is replaced by potential-flow coefficients. Default:
        none is (strip theory for all, also for members that request potential flow).
    surface : {"clip", "raft"}
        See :func:`strips_at`.

    Returns
    -------
    Strips
        ``member`` indexes the sequence.
    """
    members = getattr(members, "members", members)
    return strips_at(strip_layout(members), *member_ends(members), potential_flow, surface)


def end_faces(members, potential_flow=None) -> EndFaces:
    """Submerged end faces of all members (``Platform.members`` or any sequence of Member);
    ``potential_flow`` as for :func:`platform_strips`; see :func:`faces_at`."""
    members = getattr(members, "members", members)
    return faces_at(strip_layout(members), *member_ends(members), potential_flow)
