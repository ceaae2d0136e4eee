"""Constant (frequency-independent) strip-theory added mass, as RAFT's ``A_hydro_morison``.

Per strip of volume ``V = A * length`` (``A`` the full cross-section area, pi d^2/4 or
side_1 * side_2; RAFT uses the same volume in both transverse directions of rectangles):

    A_strip = rho V (Ca_1 p1 p1^T + Ca_2 p2 p2^T + Ca_axial q q^T)

and per end face ``A_face = rho Ca_end V_end q q^T`` (``EndFaces.added_mass_volume``).
Each 3x3 translational block acts at the strip/face centre and is moved to the origin
with its moment arms. Strips and faces flagged ``potential_flow`` are skipped (their
added mass comes from the BEM data).
"""
from __future__ import annotations

import numpy as np

from raft_sim.structure.frames import point_matrices_6dof
from raft_sim.structure.strips import EndFaces, Strips


def _active(obj) -> np.ndarray:
    flag = getattr(obj, "potential_flow", None)
    n = obj.r.shape[0]
    return np.ones(n, bool) if flag is None else ~np.asarray(flag, bool)


def strip_added_mass_blocks(strips: Strips, rho: float) -> np.ndarray:
    """Translational added-mass block of each strip [kg], shape (N, 3, 3)."""
    v = rho * strips.volume * _active(strips)
    outer = lambda u: u[:, :, None] * u[:, None, :]  # noqa: E731
    return v[:, None, None] * (strips.ca[:, 0, None, None] * outer(strips.p1)
                               + strips.ca[:, 1, None, None] * outer(strips.p2)
                               + strips.ca_axial[:, None, None] * outer(strips.q))


def end_added_mass_blocks(faces: EndFaces, rho: float) -> np.ndarray:
    """Axial added-mass block of each end face [kg], shape (E, 3, 3)."""
    v = rho * faces.ca_end * faces.added_mass_volume * _active(faces)
    return v[:, None, None] * faces.q[:, :, None] * faces.q[:, None, :]


def strip_added_mass(strips: Strips, faces: EndFaces, rho: float = 1025.0) -> np.ndarray:
    """Constant Morison added-mass matrix about the origin.

    Parameters
    ----------
    strips : Strips
    faces : EndFaces
    rho : float
        Water density [kg/m^3].

    Returns
    -------
    ndarray, shape (6, 6)
        [kg, kg m, kg m^2], DOFs as ``raft_sim.conventions.DOFS``.
    """
    return (point_matrices_6dof(strip_added_mass_blocks(strips, rho), strips.r)
            + point_matrices_6dof(end_added_mass_blocks(faces, rho), faces.r))
