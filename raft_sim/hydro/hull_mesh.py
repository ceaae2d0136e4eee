"""Panel meshes of members for potential-flow (BEM) solvers; numpy only.

Each member is a surface of revolution (circular) or of "extrusion" (rectangular) about its
axis, built from its *meridian*: the polyline (s, size) that starts on the axis at end A,
goes out to the outline, along the stations (tapers and steps included) and back to the
axis at end B. Every meridian point becomes a ring of vertices; consecutive rings are
joined by quadrilaterals (triangles, as quads with a repeated vertex, where a ring shrinks
to the axis). Panel size: ``dz`` along the axis, ``da`` around the outline and across end
faces and steps (RAFT's ``dz_BEM``, ``da_BEM``). Circular members get at least 8 panels
around, a multiple of 4, and rectangular sides an even number, so that a hull symmetric
about its axes gets a symmetric mesh.

The member is then placed at its position and heading (axes of
:func:`raft_sim.structure.frames.member_frame`), a ring is inserted where the axis crosses
the still-water plane and where it crosses the plane y = 0 (so that a member lying across
that plane is meshed as its own mirror image and the hull's mesh can be solved as a half),
and panels above z = 0 are dropped (the panels of inclined members
that straddle it are left to the solver's clipping).

Where members intersect, each keeps its own closed surface except the panels whose centres
lie inside another meshed member (or face into it), which are removed, and of two
coincident faces with the same orientation (a column's base flush with a pontoon's) only
the first member's is kept. There is no boolean union of surfaces: the seams keep gaps or
overlaps of about one panel, an error of the order of a panel's share of the area.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from raft_sim.structure.frames import member_frame
from raft_sim.structure.members import side_pairs

DEFAULT_DZ = 3.0
"""Default axial panel length [m] (RAFT's ``dz_BEM`` default)."""
DEFAULT_DA = 2.0
"""Default panel length around the outline and across end faces [m] (RAFT's ``da_BEM``)."""


@dataclass(frozen=True, eq=False)
class PanelMesh:
    """Quadrilateral panels (triangles repeat their last vertex).

    Attributes
    ----------
    vertices : ndarray, shape (V, 3)
        [m], global axes, relative to the platform reference point.
    faces : ndarray of int, shape (P, 4)
        Vertex indices, ordered so that the normal points into the fluid.
    member : ndarray of int, shape (P,)
        Index of the member each panel belongs to.
    """

    vertices: np.ndarray
    faces: np.ndarray
    member: np.ndarray

    @property
    def centers(self) -> np.ndarray:
        """Panel centres (mean of the distinct vertices) [m], shape (P, 3)."""
        return panel_centers(self.vertices, self.faces)

    @property
    def normals_area(self) -> np.ndarray:
        """Normal times area of each panel [m^2], shape (P, 3) (half the diagonals' cross product)."""
        v = self.vertices[self.faces]
        return 0.5 * np.cross(v[:, 2] - v[:, 0], v[:, 3] - v[:, 1])

    @property
    def volume(self) -> float:
        """Enclosed volume by the divergence theorem, int z n_z dS [m^3] (closed meshes)."""
        return float(np.sum(self.centers[:, 2] * self.normals_area[:, 2]))


def panel_centers(vertices, faces) -> np.ndarray:
    """Mean of each panel's distinct vertices (3 for triangles, 4 for quads) [m], (P, 3)."""
    v = vertices[faces]
    tri = (faces[:, 3] == faces[:, 2])[:, None]
    return np.where(tri, v[:, :3].mean(axis=1), v.mean(axis=1))


def _meridian(member, dz: float, da: float, s_cuts=()):
    """Meridian points (s [m], size (2,) [m]) of a member, from the axis at A to the axis at B,
    with a station added at each of s_cuts (the waterline, the plane y = 0) that falls inside
    a section."""
    st = np.asarray(member.stations, dtype=float)
    size = side_pairs(member, member.diameter)
    for s_cut in s_cuts:
        k = np.searchsorted(st, s_cut)
        if 0 < k < len(st) and st[k - 1] < s_cut < st[k]:
            t = (s_cut - st[k - 1]) / (st[k] - st[k - 1])
            st = np.insert(st, k, s_cut)
            size = np.insert(size, k, size[k - 1] + t * (size[k] - size[k - 1]), axis=0)
    pts_s, pts_size = [st[0]], [np.zeros(2)]

    def segment(s1, z1, n):
        s0, z0 = pts_s[-1], pts_size[-1]
        for t in np.arange(1, n + 1) / n:
            pts_s.append(s0 + (s1 - s0) * t)
            pts_size.append(z0 + (z1 - z0) * t)

    def radial_n(z0, z1):
        return max(1, int(np.ceil(0.5 * np.max(np.abs(z1 - z0)) / da - 1e-9)))

    segment(st[0], size[0], radial_n(np.zeros(2), size[0]))
    for k in range(1, len(st)):
        length = st[k] - st[k - 1]
        if length > 0:
            segment(st[k], size[k], max(1, int(np.ceil(length / dz - 1e-9))))
        elif np.any(size[k] != size[k - 1]):
            segment(st[k], size[k], radial_n(size[k - 1], size[k]))
    segment(st[-1], np.zeros(2), radial_n(size[-1], np.zeros(2)))
    return np.asarray(pts_s), np.asarray(pts_size)


def _outline(member, da: float, max_size):
    """Unit outline around the section: (n, 2) factors of (size_1/2, size_2/2)."""
    if member.is_circular:
        n = max(8, 4 * int(np.ceil(np.pi * max_size[0] / da / 4 - 1e-9)))
        theta = 2 * np.pi * np.arange(n) / n
        return np.column_stack([np.cos(theta), np.sin(theta)])
    n1, n2 = (2 * max(1, int(np.ceil(0.5 * m / da - 1e-9))) for m in max_size)  # even: symmetric
    a = np.linspace(-1.0, 1.0, n1 + 1)[:-1]
    b = np.linspace(-1.0, 1.0, n2 + 1)[:-1]
    return np.concatenate([np.column_stack([a, -np.ones(n1)]), np.column_stack([np.ones(n2), b]),
                           np.column_stack([-a, np.ones(n1)]), np.column_stack([-np.ones(n2), -b])])


def member_panels(member, dz: float = DEFAULT_DZ, da: float = DEFAULT_DA):
    """Closed panel surface of one member in global coordinates.

    Parameters
    ----------
    member : raft_sim.design.objects.Member
    dz, da : float
        Axial and circumferential/radial panel lengths [m].

    Returns
    -------
    vertices : ndarray, shape (V, 3)
    faces : ndarray of int, shape (P, 4)
        Panels with the normal pointing out of the member, above-water panels dropped.
    """
    q, p1, p2 = member_frame(np.asarray(member.r_a, float), np.asarray(member.r_b, float), member.gamma)
    cuts = [-float(member.r_a[c]) / q[c] for c in (2, 1) if abs(q[c]) > 1e-12]   # z = 0, then y = 0
    s, size = _meridian(member, dz, da, cuts)
    ring = _outline(member, da, size.max(axis=0))
    m, n = len(s), len(ring)
    local = 0.5 * size[:, None, :] * ring[None, :, :]                                # (m, n, 2)
    xyz = (np.asarray(member.r_a, float) + s[:, None, None] * q
           + local[..., :1] * p1 + local[..., 1:] * p2).reshape(-1, 3)
    i, k = np.meshgrid(np.arange(m - 1), np.arange(n), indexing="ij")
    k1 = (k + 1) % n
    faces = np.stack([i * n + k, i * n + k1, (i + 1) * n + k1, (i + 1) * n + k], -1).reshape(-1, 4)
    faces = _collapse(xyz, faces)
    faces = faces[np.all(xyz[faces][:, :, 2] <= 1e-9, axis=1) | _straddles(xyz, faces)]
    return _compact(xyz, faces)


def _straddles(xyz, faces):
    z = xyz[faces][:, :, 2]
    return (z.min(axis=1) < -1e-9) & (z.max(axis=1) > 1e-9)


def _collapse(xyz, faces):
    """Merge coincident vertices (rings on the axis) and drop panels of zero area.

    A quad with one repeated edge becomes a triangle with its repeated vertex last.
    """
    _, first, inverse = np.unique(np.round(xyz, 9), axis=0, return_index=True, return_inverse=True)
    faces = first[inverse.reshape(-1)][faces]
    same = faces == np.roll(faces, -1, axis=1)            # same[k]: vertex k equals vertex k+1
    n_same = same.sum(axis=1)
    shift = (np.argmax(same, axis=1) - 2) % 4              # move the repeated pair to slots 2, 3
    order = (np.arange(4)[None, :] + shift[:, None]) % 4
    faces = np.where((n_same == 1)[:, None], np.take_along_axis(faces, order, axis=1), faces)
    return faces[n_same <= 1]


def _compact(xyz, faces):
    used, inverse = np.unique(faces, return_inverse=True)
    return xyz[used], inverse.reshape(faces.shape)


def _inside(member, points, tol: float = 1e-6) -> np.ndarray:
    """Points strictly inside a member's volume (tolerance tol [m] off its surface)."""
    q, p1, p2 = member_frame(np.asarray(member.r_a, float), np.asarray(member.r_b, float), member.gamma)
    d = points - np.asarray(member.r_a, float)
    s = d @ q
    st = np.asarray(member.stations, dtype=float)
    size = side_pairs(member, member.diameter)
    half = 0.5 * np.column_stack([np.interp(s, st, size[:, c]) for c in range(2)])
    a, b = d @ p1, d @ p2
    within = (s > st[0] + tol) & (s < st[-1] - tol)
    if member.is_circular:
        return within & (np.hypot(a, b) < half[:, 0] - tol)
    return within & (np.abs(a) < half[:, 0] - tol) & (np.abs(b) < half[:, 1] - tol)


def _covered(mesh_v, faces, index, members, eps: float = 1e-3) -> np.ndarray:
    """Panels of member ``index`` that face into another member or duplicate its surface.

    A panel is dropped if the point just outside it (centre + eps n) is inside another
    member (interior or touching faces), or if it lies on another member's surface with
    the same orientation (centre - eps n inside it) and that member comes first.
    """
    v = mesh_v[faces]
    c = panel_centers(mesh_v, faces)
    n = np.cross(v[:, 2] - v[:, 0], v[:, 3] - v[:, 1])
    n = n / np.linalg.norm(n, axis=1, keepdims=True)
    drop = np.zeros(len(faces), bool)
    for j, other in enumerate(members):
        if j != index:
            out, inn = _inside(other, c + eps * n), _inside(other, c - eps * n)
            drop |= out | (inn & (j < index))
    return drop


def hull_panels(members, dz: float = DEFAULT_DZ, da: float = DEFAULT_DA) -> PanelMesh:
    """Panel mesh of several members, without the panels inside or doubling other members.

    Parameters
    ----------
    members : sequence of Member
        The members to mesh (e.g. those in potential flow).
    dz, da : float
        Panel lengths [m] (see the module docstring).

    Returns
    -------
    PanelMesh
        ``member`` indexes ``members``.
    """
    verts, faces, owner, offset = [], [], [], 0
    for idx, mem in enumerate(members):
        v, f = member_panels(mem, dz, da)
        keep = ~_covered(v, f, idx, members)
        verts.append(v)
        faces.append(f[keep] + offset)
        owner.append(np.full(int(keep.sum()), idx))
        offset += len(v)
    if not verts:
        return PanelMesh(np.zeros((0, 3)), np.zeros((0, 4), int), np.zeros(0, int))
    return PanelMesh(np.concatenate(verts), np.concatenate(faces), np.concatenate(owner))
