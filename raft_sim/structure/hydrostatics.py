"""Hydrostatics of members in their undisplaced position: buoyancy and waterplane stiffness.

Convention of :attr:`Hydrostatics.stiffness` (same as RAFT's ``C_hydro`` and WAMIT's
hydrostatic matrix without body weight): *buoyancy and waterplane only*,

- ``C33 = rho g A_wp``, ``C34 = rho g int y dA``, ``C35 = -rho g int x dA``,
- ``C44 = rho g (int y^2 dA + V z_B)``, ``C55 = rho g (int x^2 dA + V z_B)``,
- ``C45 = -rho g int x y dA``,

about the origin (platform reference point on the still water line). The weight's
``-m g z_G`` term is *not* included: it is :func:`raft_sim.structure.inertia.gravity_stiffness`.
The yaw couplings ``C46 = -rho g V x_B``, ``C56 = -rho g V y_B`` are added only on request
(RAFT omits them, and they pair with the weight's ``m g x_G``, ``m g y_G``).

Note: RAFT 2.0's member code has the opposite sign for C34, C35 and C45; they vanish for
platforms symmetric about x and y, and the signs here follow from the physics (a waterplane
patch at y > 0 rises under positive roll and loses buoyancy).

Sections crossing the free surface, also inclined ones, are cut by the plane z = 0. The
submerged part is the frustum from the submerged end to the axis crossing plus the two
wedges between the inclined waterplane and the normal cross-section there; the wedges
have zero net volume and their first moment is added exactly for untapered sections (for
a tapered section the waterline size is used, a small approximation). The waterplane of an
inclined member is the cross-section projected along the axis: area ``A / |q_z|``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from raft_sim.structure.frames import member_frame
from raft_sim.structure.members import (Solids, section_area, section_second_moments, side_pairs,
                                        solid_moments)


@dataclass(frozen=True, eq=False)
class Hydrostatics:
    """Hydrostatic properties about the origin, undisplaced.

    Attributes
    ----------
    volume : float
        Displaced volume [m^3].
    center_of_buoyancy : ndarray, shape (3,)
        [m] (zeros if nothing is submerged).
    waterplane_area : float
        [m^2]
    waterplane_center : ndarray, shape (2,)
        Centroid (x, y) of the waterplane [m].
    waterplane_moments : ndarray, shape (3,)
        ``(int y^2 dA, int x^2 dA, int x y dA)`` about the origin [m^4] (roll, pitch, product).
    force : ndarray, shape (6,)
        Buoyancy force and moment about the origin [N, N m].
    stiffness : ndarray, shape (6, 6)
        Buoyancy + waterplane stiffness (module docstring) [N/m, N, N m/rad].
    """

    volume: float
    center_of_buoyancy: np.ndarray
    waterplane_area: float
    waterplane_center: np.ndarray
    waterplane_moments: np.ndarray
    force: np.ndarray
    stiffness: np.ndarray


def member_sections(members) -> Solids:
    """One solid per non-zero-length section of each member (outer shape, density 1).

    Parameters
    ----------
    members : sequence of Member

    Returns
    -------
    Solids
        ``member`` indexes ``members``; ``kind`` holds the section index within the member.
    """
    parts = []
    for im, mem in enumerate(members):
        q, p1, p2 = member_frame(mem.r_a, mem.r_b, mem.gamma)
        st = np.asarray(mem.stations, dtype=float)
        size = side_pairs(mem, mem.diameter)
        i0 = np.nonzero(np.diff(st) > 0)[0]
        n = len(i0)
        parts.append(dict(
            member=np.full(n, im), kind=i0, start=np.asarray(mem.r_a, float) + st[i0, None] * q,
            q=np.tile(q, (n, 1)), p1=np.tile(p1, (n, 1)), p2=np.tile(p2, (n, 1)),
            length=st[i0 + 1] - st[i0], size_a=size[i0], size_b=size[i0 + 1],
            circular=np.full(n, mem.is_circular), density=np.ones(n)))
    keys = ("member", "kind", "start", "q", "p1", "p2", "length", "size_a", "size_b", "circular", "density")
    if not parts:
        return Solids(*(np.zeros((0, 3)) if k in ("start", "q", "p1", "p2") else
                        np.zeros((0, 2)) if k.startswith("size") else np.zeros(0) for k in keys))
    return Solids(**{k: np.concatenate([p[k] for p in parts]) for k in keys})


def submerged_parts(sections: Solids):
    """Submerged part of each section, reoriented to start at its submerged end.

    Returns
    -------
    parts : Solids
        Frustum from the submerged end along ``q`` (flipped if needed) up to the axis
        crossing (or the whole section if fully submerged); sections entirely above water
        are dropped.
    piercing : ndarray of bool, shape (P,)
        Whether the part ends at the free surface.
    """
    end = sections.start + sections.length[:, None] * sections.q
    za, zb = sections.start[:, 2], end[:, 2]
    full = np.maximum(za, zb) < 0
    pierce = (np.minimum(za, zb) < 0) & (np.maximum(za, zb) >= 0)   # a station at z = 0 counts once
    flip = pierce & (zb < za)
    keep = full | pierce
    start = np.where(flip[:, None], end, sections.start)
    q = np.where(flip[:, None], -sections.q, sections.q)
    a = np.where(flip[:, None], sections.size_b, sections.size_a)
    b = np.where(flip[:, None], sections.size_a, sections.size_b)
    lwp = np.where(pierce, -start[:, 2] / np.where(pierce, q[:, 2], 1.0), sections.length)
    b = a + (b - a) * (lwp / sections.length)[:, None]
    parts = Solids(sections.member[keep], sections.kind[keep], start[keep], q[keep], sections.p1[keep],
                   sections.p2[keep], lwp[keep], a[keep], b[keep], sections.circular[keep],
                   np.ones(int(keep.sum())))
    return parts, pierce[keep]


def _wedge_moment(parts: Solids, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    """First moment [m^4] of the two free-surface wedges of inclined piercing parts, (P, 3)."""
    dz = parts.q[:, 2:3]
    p1z, p2z = parts.p1[:, 2:3], parts.p2[:, 2:3]
    ia, ib = ia[:, None], ib[:, None]
    return (-(parts.p1 * p1z * ia + parts.p2 * p2z * ib) / dz
            + 0.5 * parts.q * (p1z ** 2 * ia + p2z ** 2 * ib) / dz ** 2)


def waterplane(parts: Solids, piercing: np.ndarray):
    """Waterplane area, centroid and second-moment tensor of each piercing part.

    Returns
    -------
    area : ndarray, shape (W,) [m^2]
    center : ndarray, shape (W, 2) [m]
    tensor : ndarray, shape (W, 2, 2)
        ``int h h^T dA`` about the centroid, h = horizontal offset [m^4].
    first_moment : ndarray, shape (W, 3)
        Wedge first-moment correction to the submerged volume [m^4].
    """
    sel = piercing
    p = Solids(*(getattr(parts, k)[sel] for k in Solids.__dataclass_fields__))
    size = p.size_b
    dz = p.q[:, 2]
    area = section_area(size, p.circular) / np.abs(dz)
    center = (p.start + p.length[:, None] * p.q)[:, :2]
    ia, ib = section_second_moments(size, p.circular)
    v1 = (p.p1 - p.p1[:, 2:3] * p.q / dz[:, None])[:, :2]
    v2 = (p.p2 - p.p2[:, 2:3] * p.q / dz[:, None])[:, :2]
    tensor = (ia[:, None, None] * v1[:, :, None] * v1[:, None, :]
              + ib[:, None, None] * v2[:, :, None] * v2[:, None, :]) / np.abs(dz)[:, None, None]
    return area, center, tensor, _wedge_moment(p, ia, ib)


def hydrostatics(members, rho: float = 1025.0, g: float = 9.81, yaw_coupling: bool = False) -> Hydrostatics:
    """Displaced volume, buoyancy and hydrostatic stiffness of members about the origin.

    Parameters
    ----------
    members : sequence of Member
        Usually ``platform.members`` (members above water contribute nothing).
    rho : float
        Water density [kg/m^3].
    g : float
        Gravity [m/s^2].
    yaw_coupling : bool
        Add ``C46 = -rho g V x_B`` and ``C56 = -rho g V y_B``.

    Returns
    -------
    Hydrostatics
    """
    parts, piercing = submerged_parts(member_sections(members))
    vol, s1 = solid_moments(parts)[:2]
    area, center, tensor, wedge = waterplane(parts, piercing)
    first = (vol[:, None] * parts.start + s1[:, None] * parts.q).sum(0) + wedge.sum(0)
    volume = float(vol.sum())
    cb = first / volume if volume > 0 else np.zeros(3)
    awp = float(area.sum())
    mx, my = (area * center[:, 0]).sum(), (area * center[:, 1]).sum()
    iyy = (tensor[:, 1, 1] + area * center[:, 1] ** 2).sum()
    ixx = (tensor[:, 0, 0] + area * center[:, 0] ** 2).sum()
    ixy = (tensor[:, 0, 1] + area * center[:, 0] * center[:, 1]).sum()
    rg = rho * g
    c = np.zeros((6, 6))
    c[2, 2] = rg * awp
    c[2, 3] = c[3, 2] = rg * my
    c[2, 4] = c[4, 2] = -rg * mx
    c[3, 3] = rg * (iyy + first[2])
    c[4, 4] = rg * (ixx + first[2])
    c[3, 4] = c[4, 3] = -rg * ixy
    if yaw_coupling:
        c[3, 5] = -rg * first[0]
        c[4, 5] = -rg * first[1]
    buoy = rg * volume
    force = np.array([0.0, 0.0, buoy, buoy * cb[1], -buoy * cb[0], 0.0])
    return Hydrostatics(volume=volume, center_of_buoyancy=cb, waterplane_area=awp,
                        waterplane_center=np.array([mx, my]) / awp if awp > 0 else np.zeros(2),
                        waterplane_moments=np.array([iyy, ixx, ixy]), force=force, stiffness=c)
