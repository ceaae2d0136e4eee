"""Per-section geometry and mass of members: tapered solids, shells, ballast and caps.

A member is cut at its stations into sections. Each section's shell, ballast fill and
each end cap or bulkhead is described as a *linearly tapered solid* (circular frustum or
rectangular frustum) along the member axis; a shell is an outer solid minus an inner one
(a negative density). All solids of all members are held in one :class:`Solids` so that
mass properties are computed in one vectorised pass.

The conventions follow RAFT's member inertia (``raft_member.py``, ``getInertia``):

- the inner size of a section is ``d - 2 t`` (both side lengths for rectangles);
- ballast fills the inner volume of a section from its lower station over ``l_fill``;
- a cap at the first station occupies ``[s, s + t_cap]``, at the last station
  ``[s - t_cap, s]``, a pair of caps at the same interior station (a step) occupies
  ``[s - t_cap, s]`` (first) and ``[s, s + t_cap]`` (second), any other bulkhead
  ``[s - t_cap/2, s + t_cap/2]``. A cap fills the shell's inner size; its hole
  (``cap_d_in``) is given at the station and scaled with the inner size across the cap.
  Caps are made of the shell material, and overlap the ballast (as in RAFT).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from raft_sim.design.objects import Member
from raft_sim.structure.frames import member_frame, skew, translate_mass_matrix

_GAUSS_X = np.array([-np.sqrt(0.6), 0.0, np.sqrt(0.6)])
_GAUSS_W = np.array([5.0, 8.0, 5.0]) / 9.0

SHELL, BALLAST, CAP = 0, 1, 2
"""Values of :attr:`Solids.kind`."""


@dataclass(frozen=True, eq=False)
class Solids:
    """Linearly tapered solids along member axes (arrays over solids, K).

    Attributes
    ----------
    member : ndarray of int, shape (K,)
    kind : ndarray of int, shape (K,)
        ``SHELL``, ``BALLAST`` or ``CAP``.
    start : ndarray, shape (K, 3)
        Centre of the solid's first face [m].
    q, p1, p2 : ndarray, shape (K, 3)
        Member axis and cross-section axes.
    length : ndarray, shape (K,)
        Length along the axis [m].
    size_a, size_b : ndarray, shape (K, 2)
        Diameter (both columns) or side lengths along p1, p2 at the first and last face [m].
    circular : ndarray of bool, shape (K,)
    density : ndarray, shape (K,)
        Density [kg/m^3]; negative for the hollow inside of a shell.
    """

    member: np.ndarray
    kind: np.ndarray
    start: np.ndarray
    q: np.ndarray
    p1: np.ndarray
    p2: np.ndarray
    length: np.ndarray
    size_a: np.ndarray
    size_b: np.ndarray
    circular: np.ndarray
    density: np.ndarray


def side_pairs(member: Member, values: np.ndarray) -> np.ndarray:
    """Sizes as (n, 2) pairs (extent along p1, extent along p2) [m].

    Circular members: the diameter twice. Rectangular members: the design's side lengths
    ``d = [s1, s2]`` reversed, because RAFT's format gives ``s1`` along p2 and ``s2`` along
    p1 (RAFT 2.0's member drawing, ``Member.plot``, and its drag areas, ``a_i_p1 = sl[0] dl``,
    read it so), so that a horizontal member's ``s1`` is its width and ``s2`` its height
    (the VolturnUS-S pontoons ``[12.5, 7.0]``: 12.5 m wide, 7 m tall, as NREL/TP-5000-76773).
    ``gamma = 90 deg`` swaps them. docs/validation.md, "Rectangular members".
    """
    values = np.asarray(values, dtype=float)
    if values.ndim == 2:
        return values[:, ::-1]
    return np.repeat(values[:, None], 2, axis=1)


def section_area(size: np.ndarray, circular) -> np.ndarray:
    """Cross-section area [m^2] from sizes (..., 2) [m]."""
    return np.where(circular, 0.25 * np.pi * size[..., 0] ** 2, size[..., 0] * size[..., 1])


def section_second_moments(size: np.ndarray, circular) -> tuple[np.ndarray, np.ndarray]:
    """Area second moments ``(int a^2 dA, int b^2 dA)`` [m^4], a along p1 and b along p2."""
    circ = 0.015625 * np.pi * size[..., 0] ** 4
    ia = np.where(circular, circ, size[..., 0] ** 3 * size[..., 1] / 12.0)
    ib = np.where(circular, circ, size[..., 0] * size[..., 1] ** 3 / 12.0)
    return ia, ib


def solid_moments(solids: Solids):
    """Mass moments of each solid about its first face, in its local axes.

    Exact for linear tapers (3-point Gauss-Legendre integrates the degree-4 polynomials exactly).

    Returns
    -------
    mass : ndarray, shape (K,)
        Mass [kg].
    s1, s2 : ndarray, shape (K,)
        ``int s dm`` [kg m] and ``int s^2 dm`` [kg m^2], s along the axis from the first face.
    ja, jb : ndarray, shape (K,)
        ``int a^2 dm`` and ``int b^2 dm`` [kg m^2] (a along p1, b along p2).
    """
    frac = 0.5 * (1.0 + _GAUSS_X)                                  # (3,)
    s = solids.length[:, None] * frac                               # (K, 3)
    size = solids.size_a[:, None, :] + (solids.size_b - solids.size_a)[:, None, :] * frac[:, None]
    circ = solids.circular[:, None]
    w = 0.5 * solids.length[:, None] * _GAUSS_W * solids.density[:, None]
    area = section_area(size, circ)
    ia, ib = section_second_moments(size, circ)
    return ((w * area).sum(1), (w * area * s).sum(1), (w * area * s * s).sum(1),
            (w * ia).sum(1), (w * ib).sum(1))


def solids_mass_matrices(solids: Solids) -> np.ndarray:
    """6x6 mass matrix of each solid about the origin, global axes, shape (K, 6, 6)."""
    mass, s1, s2, ja, jb = solid_moments(solids)
    axes = np.stack([solids.p1, solids.p2, solids.q], axis=-1)       # columns p1, p2, q
    local = np.zeros(mass.shape + (3, 3))
    local[:, 0, 0] = jb + s2
    local[:, 1, 1] = ja + s2
    local[:, 2, 2] = ja + jb
    inertia = axes @ local @ np.swapaxes(axes, -1, -2)             # about first face
    m6 = np.zeros(mass.shape + (6, 6))
    m6[:, :3, :3] = mass[:, None, None] * np.eye(3)
    first = s1[:, None] * solids.q                                  # int r dm, from first face
    m6[:, :3, 3:] = -skew(first)
    m6[:, 3:, :3] = skew(first)
    m6[:, 3:, 3:] = inertia
    return translate_mass_matrix(m6, solids.start)


def _interp_sizes(x, stations, sizes):
    """Sizes (k, 2) at positions x (k,) along the axis, linear between stations."""
    x = np.atleast_1d(x)
    return np.stack([np.interp(x, stations, sizes[:, j]) for j in range(2)], axis=-1)


def _per_section(values, lsec):
    """Per-section array (n-1,) from a possibly empty or scalar input (empty means zeros)."""
    v = np.asarray(values, dtype=float)
    return np.zeros_like(lsec) if v.size == 0 else np.broadcast_to(v, lsec.shape)


def _section_solids(member: Member):
    """Shell (outer, inner) and ballast solids of each section: (start_s, length, a, b, density, kind)."""
    st = np.asarray(member.stations, dtype=float)
    outer = side_pairs(member, member.diameter)
    inner = outer - 2.0 * np.asarray(member.thickness, dtype=float)[:, None]
    lsec = np.diff(st)
    keep = lsec > 0
    i0 = np.nonzero(keep)[0]
    l_fill = _per_section(member.l_fill, lsec)
    rho_fill = _per_section(member.rho_fill, lsec)
    frac = (l_fill[i0] / lsec[i0])[:, None]
    fill_b = inner[i0] + (inner[i0 + 1] - inner[i0]) * frac
    n = len(i0)
    start = np.concatenate([st[i0]] * 3)
    length = np.concatenate([lsec[i0], lsec[i0], l_fill[i0]])
    a = np.concatenate([outer[i0], inner[i0], inner[i0]])
    b = np.concatenate([outer[i0 + 1], inner[i0 + 1], fill_b])
    dens = np.concatenate([np.full(n, member.rho_shell), np.full(n, -member.rho_shell), rho_fill[i0]])
    kind = np.concatenate([np.full(2 * n, SHELL), np.full(n, BALLAST)])
    return start, length, a, b, dens, kind


def _cap_solids(member: Member):
    """End cap / bulkhead solids: (start_s, length, a_outer, b_outer, a_hole, b_hole)."""
    st = np.asarray(member.stations, dtype=float)
    caps = np.atleast_1d(np.asarray(member.cap_stations, dtype=float))
    k = len(caps)
    if k == 0:
        z = np.zeros((0, 2))
        return np.zeros(0), np.zeros(0), z, z, z, z
    inner = side_pairs(member, member.diameter) - 2.0 * np.asarray(member.thickness, dtype=float)[:, None]
    h = np.broadcast_to(np.asarray(member.cap_t, dtype=float), (k,))
    hole = side_pairs(member, np.broadcast_to(np.asarray(member.cap_d_in, dtype=float),
                                              (k,) + np.shape(member.cap_d_in)[1:]))
    start, a, b, ref = np.empty(k), np.empty((k, 2)), np.empty((k, 2)), np.empty((k, 2))
    for i, (s, t) in enumerate(zip(caps, h)):
        lo, hi = np.searchsorted(st, s, "left"), np.searchsorted(st, s, "right") - 1
        pair_first = i + 1 < k and caps[i + 1] == s
        pair_second = i > 0 and caps[i - 1] == s
        if s == st[0] or pair_second:        # cap extends forward from the station
            start[i] = s
            a[i] = inner[hi] if hi >= 0 and st[hi] == s else _interp_sizes(s, st, inner)[0]
            b[i] = _interp_sizes(s + t, st, inner)[0]
            ref[i] = a[i]
        elif s == st[-1] or pair_first:      # cap extends backward from the station
            start[i] = s - t
            a[i] = _interp_sizes(s - t, st, inner)[0]
            b[i] = inner[lo] if lo < len(st) and st[lo] == s else _interp_sizes(s, st, inner)[0]
            ref[i] = b[i]
        else:                                # bulkhead centred on the station
            start[i] = s - 0.5 * t
            a[i] = _interp_sizes(s - 0.5 * t, st, inner)[0]
            b[i] = _interp_sizes(s + 0.5 * t, st, inner)[0]
            ref[i] = _interp_sizes(s, st, inner)[0]
    scale = np.divide(hole, ref, out=np.zeros_like(hole), where=ref > 0)
    return start, h, a, b, a * scale, b * scale


def platform_solids(members) -> Solids:
    """All shell, ballast and cap solids of a sequence of members (one vectorised set).

    Parameters
    ----------
    members : sequence of Member

    Returns
    -------
    Solids
    """
    parts = []
    for im, mem in enumerate(members):
        q, p1, p2 = member_frame(mem.r_a, mem.r_b, mem.gamma)
        s0, ln, a, b, dens, kind = _section_solids(mem)
        cs, ch, ca, cb, cha, chb = _cap_solids(mem)
        s0 = np.concatenate([s0, cs, cs])
        ln = np.concatenate([ln, ch, ch])
        a = np.concatenate([a, ca, cha])
        b = np.concatenate([b, cb, chb])
        dens = np.concatenate([dens, np.full(len(cs), mem.rho_shell), np.full(len(cs), -mem.rho_shell)])
        kind = np.concatenate([kind, np.full(2 * len(cs), CAP)])
        n = len(s0)
        parts.append(dict(
            member=np.full(n, im), kind=kind, start=np.asarray(mem.r_a, float) + s0[:, None] * q,
            q=np.tile(q, (n, 1)), p1=np.tile(p1, (n, 1)), p2=np.tile(p2, (n, 1)), length=ln,
            size_a=a, size_b=b, circular=np.full(n, mem.is_circular), density=dens))
    if not parts:
        empty = np.zeros((0, 3))
        return Solids(np.zeros(0, int), np.zeros(0, int), empty, empty, empty, empty, np.zeros(0),
                      np.zeros((0, 2)), np.zeros((0, 2)), np.zeros(0, bool), np.zeros(0))
    return Solids(**{k: np.concatenate([p[k] for p in parts]) for k in parts[0]})
