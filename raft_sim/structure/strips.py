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
    """

    member: np.ndarray
    r: np.ndarray
    q: np.ndarray
    area_change: np.ndarray
    added_mass_volume: np.ndarray
    ca_end: np.ndarray
    cd_end: np.ndarray
