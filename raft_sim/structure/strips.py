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
# ---------------------------------------------------------------------------------------

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


def _sizes_at(mem, s, sec):
    """Outer sizes (k, 2) at axial positions s inside sections sec (linear taper)."""
    st = np.asarray(mem.stations, dtype=float)
    size = side_pairs(mem, mem.diameter)
    frac = ((s - st[sec]) / (st[sec + 1] - st[sec]))[:, None]
    return size[sec] + (size[sec + 1] - size[sec]) * frac


def _coef(mem, values, s, width=None):
    """Coefficients interpolated along the axis at s (RAFT's np.interp over stations)."""
    st = np.asarray(mem.stations, dtype=float)
    v = np.asarray(values, dtype=float)
    if v.size == 0:
        return np.zeros(s.shape + ((width,) if width else ()))
    if width is None:
        return np.interp(s, st, np.broadcast_to(v, st.shape))
    v = np.broadcast_to(v.reshape(len(st), -1), (len(st), width))
    return np.stack([np.interp(s, st, v[:, k]) for k in range(width)], axis=-1)


def _submerged_interval(mem, s_lo, s_hi):
    """Clip axial intervals [s_lo, s_hi] to their part below z = 0; returns (lo, hi, keep)."""
    q = member_frame(mem.r_a, mem.r_b, mem.gamma)[0]
    za, qz = float(mem.r_a[2]), float(q[2])
    if qz == 0:
        return s_lo, s_hi, np.full(s_lo.shape, za < 0)
    s_cut = -za / qz
    lo = np.maximum(s_lo, s_cut) if qz < 0 else s_lo
    hi = np.minimum(s_hi, s_cut) if qz > 0 else s_hi
    return lo, hi, hi > lo


def member_strips(mem, index: int = 0, potential_flow: bool = False, surface: str = "clip") -> Strips:
    """Submerged strips of one member (RAFT's strip layout, clipped at z = 0).

    Each section between distinct stations is cut into ``ceil(length / dls_max)`` equal
    strips; strips entirely above water are dropped and a strip piercing the surface keeps
    only its submerged part (centre and length of that part). With ``surface="raft"``
    (RAFT 2.0) a piercing strip keeps its submerged length but sits at its unclipped
    centre, and is dropped when that centre is above water.

    Parameters
    ----------
    mem : Member
    index : int
        Member index stored in ``Strips.member``.
    potential_flow : bool
        The member's inertia and radiation come from potential-flow coefficients.
    surface : {"clip", "raft"}
        Treatment of the strip that pierces the water line.

    Returns
    -------
    Strips
    """
    q, p1, p2 = member_frame(mem.r_a, mem.r_b, mem.gamma)
    s_lo, s_hi, sec = _member_strip_table(mem)
    lo, hi, keep = _submerged_interval(mem, s_lo, s_hi)
    s = 0.5 * (lo + hi)
    if surface == "raft":  # RAFT: the unclipped centre decides, and is where the strip is
        s = 0.5 * (s_lo + s_hi)
        keep = keep & (float(mem.r_a[2]) + s * float(q[2]) < 0.0)
    lo, hi, sec, s = lo[keep], hi[keep], sec[keep], s[keep]
    slot = np.flatnonzero(keep)
    n = s.size
    return Strips(
        member=np.full(n, index), r=np.asarray(mem.r_a, float) + s[:, None] * q, length=hi - lo,
        q=np.tile(q, (n, 1)), p1=np.tile(p1, (n, 1)), p2=np.tile(p2, (n, 1)),
        circular=np.full(n, mem.is_circular), size=_sizes_at(mem, s, sec),
        ca=_coef(mem, mem.ca, s, 2), cd=_coef(mem, mem.cd, s, 2),
        ca_axial=_coef(mem, mem.ca_axial, s), cd_axial=_coef(mem, mem.cd_axial, s),
        potential_flow=np.full(n, bool(potential_flow)), slot=slot)


def _end_volume(size, circular):
    """RAFT's end added-mass reference 'diameter' cubed times pi/12, per size (k, 2)."""
    d = np.where(circular, size[..., 0], size.mean(-1))
    return np.pi / 12.0 * d ** 3


def member_end_faces(mem, index: int = 0, potential_flow: bool = False) -> EndFaces:
    """Submerged end faces of one member: both ends, steps, and each strip of a taper.

    The end added-mass reference volume is ``pi/12 |d_after^3 - d_before^3|`` (a
    hemisphere of the radius at a closed end, differences of them at steps), with ``d``
    the diameter or, for rectangles, the mean side length (RAFT's convention; RAFT's
    rectangular end B comes out negative, here it is positive).

    Parameters
    ----------
    mem : Member
    index : int
    potential_flow : bool
        As for :func:`member_strips`.

    Returns
    -------
    EndFaces
    """
    q = member_frame(mem.r_a, mem.r_b, mem.gamma)[0]
    st = np.asarray(mem.stations, dtype=float)
    size = side_pairs(mem, mem.diameter)
    zero = np.zeros((1, 2))
    steps = np.nonzero(np.diff(st) == 0)[0]
    s_lo, s_hi, sec = _member_strip_table(mem)
    lo, hi, keep = _submerged_interval(mem, s_lo, s_hi)
    taper = keep & np.any(size[sec] != size[sec + 1], axis=1)
    lo, hi, sec = lo[taper], hi[taper], sec[taper]
    pos = np.concatenate([[0.0], st[steps], 0.5 * (lo + hi), [st[-1]]])
    before = np.concatenate([zero, size[steps], _sizes_at(mem, lo, sec), size[-1:]])
    after = np.concatenate([size[:1], size[steps + 1], _sizes_at(mem, hi, sec), zero])
    r = np.asarray(mem.r_a, float) + pos[:, None] * q
    circ = mem.is_circular
    area_change = section_area(after, circ) - section_area(before, circ)
    vol = np.abs(_end_volume(after, circ) - _end_volume(before, circ))
    sub = (r[:, 2] < 0) & (area_change != 0)
    n = int(sub.sum())
    return EndFaces(
        member=np.full(n, index), r=r[sub], q=np.tile(q, (n, 1)), area_change=area_change[sub],
        added_mass_volume=vol[sub], ca_end=_coef(mem, mem.ca_end, pos)[sub],
        cd_end=_coef(mem, mem.cd_end, pos)[sub], potential_flow=np.full(n, bool(potential_flow)))


def _concat(cls, items):
    names = list(cls.__dataclass_fields__)
    if not items:
        return cls(**{k: None if k == "q_inertia" else np.zeros((0, 3)) if k in ("r", "q", "p1", "p2") else
                      np.zeros((0, 2)) if k in ("size", "ca", "cd") else np.zeros(0) for k in names})
    return cls(**{k: None if getattr(items[0], k) is None else
                  np.concatenate([getattr(it, k) for it in items]) for k in names})


def _flags(members, potential_flow):
    return [False] * len(members) if potential_flow is None else [bool(p) for p in potential_flow]


def platform_strips(members, potential_flow=None, surface: str = "clip") -> Strips:
    """Submerged strips of all members (``Platform.members`` or any sequence of Member).

    Parameters
    ----------
    members : Platform or sequence of Member
    potential_flow : sequence of bool, optional
        Per member: its strip inertia is replaced by potential-flow coefficients. Default:
        none is (strip theory for all, also for members that request potential flow).
    surface : {"clip", "raft"}
        See :func:`member_strips`.

    Returns
    -------
    Strips
        ``member`` indexes the sequence.
    """
    members = getattr(members, "members", members)
    flags = _flags(members, potential_flow)
    return _concat(Strips, [member_strips(m, i, flags[i], surface) for i, m in enumerate(members)])


def end_faces(members, potential_flow=None) -> EndFaces:
    """Submerged end faces of all members (``Platform.members`` or any sequence of Member);
    ``potential_flow`` as for :func:`platform_strips`."""
    members = getattr(members, "members", members)
    flags = _flags(members, potential_flow)
    return _concat(EndFaces, [member_end_faces(m, i, flags[i]) for i, m in enumerate(members)])
