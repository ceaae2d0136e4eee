"""Hand-built strip discretisations for the hydrodynamics tests (no builder needed)."""
from __future__ import annotations

import numpy as np

from raft_sim.structure.strips import EndFaces, Strips


def vertical_cylinder(diameter: float, draft: float, n: int, x0: float = 0.0, y0: float = 0.0,
                      ca: float = 1.0, cd: float = 0.8, ca_end: float = 0.0,
                      cd_end: float = 0.0, bottom: bool = True):
    """Surface-piercing vertical circular cylinder from z = -draft to 0 in n equal strips.

    Returns (Strips, EndFaces); the only face is the closed bottom (end A) if ``bottom``.
    """
    dz = draft / n
    z = -draft + dz * (np.arange(n) + 0.5)
    r = np.column_stack([np.full(n, x0), np.full(n, y0), z])
    strips = Strips(
        member=np.zeros(n, int), r=r, length=np.full(n, dz),
        q=np.tile([0.0, 0.0, 1.0], (n, 1)), p1=np.tile([1.0, 0.0, 0.0], (n, 1)),
        p2=np.tile([0.0, 1.0, 0.0], (n, 1)), circular=np.ones(n, bool),
        size=np.full((n, 2), diameter), ca=np.full((n, 2), ca), cd=np.full((n, 2), cd),
        ca_axial=np.zeros(n), cd_axial=np.zeros(n))
    area = 0.25 * np.pi * diameter ** 2
    e = 1 if bottom else 0
    faces = EndFaces(
        member=np.zeros(e, int), r=np.array([[x0, y0, -draft]])[:e].reshape(e, 3),
        q=np.tile([0.0, 0.0, 1.0], (e, 1)), area_change=np.full(e, area),
        added_mass_volume=np.full(e, np.pi * diameter ** 3 / 12.0),
        ca_end=np.full(e, ca_end), cd_end=np.full(e, cd_end))
    return strips, faces


def single_strip(r, q, p1, size, circular=True, length=1.0, cd=(1.0, 1.0), cd_axial=0.0,
                 ca=(1.0, 1.0), ca_axial=0.0):
    """One strip at r with axes (p1, p2 = q x p1, q)."""
    q = np.asarray(q, float) / np.linalg.norm(q)
    p1 = np.asarray(p1, float) / np.linalg.norm(p1)
    p2 = np.cross(q, p1)
    return Strips(
        member=np.zeros(1, int), r=np.atleast_2d(np.asarray(r, float)), length=np.array([length]),
        q=q[None], p1=p1[None], p2=p2[None], circular=np.array([circular]),
        size=np.atleast_2d(np.asarray(size, float)), ca=np.array([ca], float),
        cd=np.array([cd], float), ca_axial=np.array([ca_axial], float),
        cd_axial=np.array([cd_axial], float))


def no_faces():
    """An empty EndFaces."""
    return EndFaces(member=np.zeros(0, int), r=np.zeros((0, 3)), q=np.zeros((0, 3)),
                    area_change=np.zeros(0), added_mass_volume=np.zeros(0),
                    ca_end=np.zeros(0), cd_end=np.zeros(0))
