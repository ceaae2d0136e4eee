"""Mean drag load of a steady current on the submerged strips and end faces.

Current profile (power law, z up from the still water line, h the water depth)::

    U(z) = U0 ((h + z) / h)^n        for -h <= z <= 0,

uniform for n = 0 (RAFT uses the same law with its ``shearExp_water``, default 0.12).
The current flows horizontally towards ``heading`` (from +x towards +y).

Quadratic Morison drag per strip (relative velocity u = current, body at rest)::

    f = 0.5 rho [ Cd_p A_p |u_perp| u_perp  (circular, whole transverse vector)
                  or Cd_p1 A_p1 |u.p1| (u.p1) p1 + Cd_p2 A_p2 |u.p2| (u.p2) p2 (rectangular)
                  + Cd_q A_q |u.q| (u.q) q ]

and on end faces ``0.5 rho Cd_end |A_change| |u.q| (u.q) q``; areas as in
``raft_sim.hydro.drag.drag_areas``. Forces are summed about the reference point.
"""
from __future__ import annotations

import numpy as np

from raft_sim.conventions import RHO_WATER
from raft_sim.hydro.drag import AreaConvention, drag_areas
from raft_sim.hydro.excitation import forces_to_6dof
from raft_sim.structure.strips import EndFaces, Strips

__all__ = ["current_velocity", "current_load"]


def current_velocity(z, speed: float, heading: float, depth: float,
                     exponent: float = 0.0) -> np.ndarray:
    """Current velocity vectors at elevations z.

    Parameters
    ----------
    z : array_like, shape (N,)
        Elevations [m] (negative below the still water line).
    speed : float
        Surface current speed U0 [m/s].
    heading : float
        Direction the current flows towards [rad].
    depth : float
        Water depth h [m].
    exponent : float
        Power-law exponent n [-] (0: uniform profile).

    Returns
    -------
    ndarray, shape (N, 3)
        Velocity [m/s]; zero above the water and at/below the sea bed.
    """
    z = np.atleast_1d(np.asarray(z, dtype=float))
    frac = np.clip((depth + z) / depth, 0.0, None) if np.isfinite(depth) else np.ones_like(z)
    mag = speed * frac ** exponent if exponent != 0.0 else np.full_like(z, speed)
    mag = np.where((z <= 0.0) & (frac > 0.0), mag, 0.0)
    return mag[:, None] * np.array([np.cos(heading), np.sin(heading), 0.0])


def current_load(strips: Strips, faces: EndFaces, speed: float, heading: float,
                 depth: float, exponent: float = 0.0, rho: float = RHO_WATER,
                 area_convention: AreaConvention = "raft") -> np.ndarray:
    """Mean current drag force and moment about the reference point.

    Parameters
    ----------
    strips, faces : Strips, EndFaces
    speed, heading, depth, exponent : float
        Current profile, see ``current_velocity`` [m/s, rad, m, -].
    rho : float
        Water density [kg/m^3].
    area_convention : {"raft", "raft_exact"}
        Rectangular drag areas, see ``drag_areas``.

    Returns
    -------
    ndarray, shape (6,)
        Mean force and moment [N, N m].
    """
    u = current_velocity(strips.r[:, 2], speed, heading, depth, exponent)      # (N, 3)
    axes = np.stack([strips.p1, strips.p2, strips.q], axis=1)                 # (N, 3dir, 3)
    comp = np.einsum("nj,ndj->nd", u, axes)                                   # (N, 3dir)
    perp = np.hypot(comp[:, 0], comp[:, 1])
    mag = np.abs(comp)
    mag[:, 0] = np.where(strips.circular, perp, mag[:, 0])
    mag[:, 1] = np.where(strips.circular, perp, mag[:, 1])
    cd = np.stack([strips.cd[:, 0], strips.cd[:, 1], strips.cd_axial], axis=1)
    coef = 0.5 * rho * cd * drag_areas(strips, area_convention) * mag * comp
    out = forces_to_6dof(strips.r, np.einsum("nd,ndi->ni", coef, axes))
    if len(faces.r):
        u_e = current_velocity(faces.r[:, 2], speed, heading, depth, exponent)
        uq = np.einsum("ej,ej->e", u_e, faces.q)
        f_e = (0.5 * rho * faces.cd_end * np.abs(faces.area_change) * np.abs(uq) * uq)[:, None] * faces.q
        out = out + forces_to_6dof(faces.r, f_e)
    return out
