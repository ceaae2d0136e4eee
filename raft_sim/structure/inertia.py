"""Rigid-body mass properties of the floating wind turbine about the platform reference point.

Conventions (as RAFT's ``FOWT.calcStatics``):

- all 6x6 matrices are about the platform reference point (the origin, on the still
  water line), in global axes, DOFs ordered as :data:`raft_sim.conventions.DOFS`;
- the substructure ("platform") comprises the platform members and ``Platform.extra_mass``;
  the total adds the tower members and the RNA;
- the RNA is a point mass. With ``a = (cos tilt, 0, sin tilt)`` the unit shaft axis
  (``tilt`` = the rotor's ``shaft_tilt`` as written in RAFT files, negative for the usual
  up-tilted upwind rotor), the hub is at height ``hub_height`` and ``overhang * a`` from the
  RNA reference point on the tower axis, so that point is ``(0, 0, hub_height - overhang *
  sin(tilt))``; the RNA centre of mass is ``x_cg * a`` from it. Its inertia is
  ``inertia_axial`` about ``a`` and ``inertia_radial`` about axes normal to it. Without a
  rotor, tilt and overhang are 0 and the RNA sits at ``(x_cg, 0, hub_height)``. This
  reproduces RAFT 2.0's expected statics (OC3 ``M_struc`` roll-yaw product of inertia and
  centre of gravity, VolturnUS-S centre of gravity).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from raft_sim.design.objects import RNA, Platform, Turbine
from raft_sim.structure.frames import point_mass_matrix
from raft_sim.structure.members import BALLAST, CAP, SHELL, platform_solids, solids_mass_matrices


@dataclass(frozen=True, eq=False)
class MassProperties:
    """Mass properties about the platform reference point.

    Attributes
    ----------
    mass_matrix : ndarray, shape (6, 6)
        Total mass matrix (platform + extra mass + tower + RNA) [kg, kg m, kg m^2].
    mass : float
        Total mass [kg].
    cg : ndarray, shape (3,)
        Total centre of gravity [m].
    platform_mass_matrix : ndarray, shape (6, 6)
        Substructure only (platform members + ``Platform.extra_mass``).
    platform_mass : float
    platform_cg : ndarray, shape (3,)
    shell_mass : float
        Shell and cap material of the platform members [kg].
    ballast_mass : float
        Ballast of the platform members [kg].
    ballast_by_density : tuple of (float, float)
        ``(density [kg/m^3], mass [kg])`` of platform ballast per distinct density, in order
        of first appearance (RAFT's ``m_ballast``, without zero-mass groups).
    tower_mass : float
    tower_cg : ndarray, shape (3,)
    rna_mass : float
    rna_cg : ndarray, shape (3,)
    """

    mass_matrix: np.ndarray
    mass: float
    cg: np.ndarray
    platform_mass_matrix: np.ndarray
    platform_mass: float
    platform_cg: np.ndarray
    shell_mass: float
    ballast_mass: float
    ballast_by_density: tuple
    tower_mass: float
    tower_cg: np.ndarray
    rna_mass: float
    rna_cg: np.ndarray


def center_of_mass(m6: np.ndarray) -> np.ndarray:
    """Centre of mass [m] from a 6x6 mass matrix about the origin (zero if massless)."""
    m = m6[0, 0]
    if m == 0:
        return np.zeros(3)
    return np.array([m6[5, 1], m6[3, 2], m6[4, 0]]) / m


def members_mass_matrix(members) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mass matrix of members about the origin, split by solid kind.

    Parameters
    ----------
    members : sequence of Member

    Returns
    -------
    total : ndarray, shape (6, 6)
    by_kind : ndarray, shape (3, 6, 6)
        Shell, ballast and cap contributions (index SHELL, BALLAST, CAP).
    ballast_solid_mass : ndarray, shape (K_ballast, 2)
        ``(density, mass)`` of every ballast solid, in member/section order.
    """
    solids = platform_solids(members)
    m6 = solids_mass_matrices(solids)
    by_kind = np.stack([m6[solids.kind == k].sum(0) for k in (SHELL, BALLAST, CAP)])
    sel = solids.kind == BALLAST
    ballast = np.stack([solids.density[sel], m6[sel, 0, 0]], axis=-1)
    return by_kind.sum(0), by_kind, ballast


def rna_position(rna: RNA, shaft_tilt: float = 0.0, overhang: float = 0.0,
                 heading: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """RNA centre of mass [m] and unit shaft axis (module docstring for the convention).

    Parameters
    ----------
    rna : RNA
    shaft_tilt : float
        Rotor shaft tilt as in RAFT files [rad].
    overhang : float
        Hub distance from the RNA reference point along the shaft axis [m] (RAFT ``overhang``).
    heading : float
        Nacelle yaw: direction of the shaft axis from +x towards +y [rad] (0: along +x).

    Returns
    -------
    cg, axis : ndarray, shape (3,)
    """
    axis = np.array([np.cos(shaft_tilt) * np.cos(heading), np.cos(shaft_tilt) * np.sin(heading),
                     np.sin(shaft_tilt)])
    ref = np.array([0.0, 0.0, rna.hub_height]) - np.array([0.0, 0.0, overhang * axis[2]])
    return ref + rna.x_cg * axis, axis


def rna_mass_matrix(rna: RNA, shaft_tilt: float = 0.0, overhang: float = 0.0,
                    heading: float = 0.0) -> np.ndarray:
    """6x6 mass matrix of the RNA point mass about the origin.

    Parameters
    ----------
    rna : RNA
    shaft_tilt : float
        Rotor shaft tilt as in RAFT files [rad].
    overhang : float
        RAFT ``overhang`` [m].
    heading : float
        Nacelle yaw [rad] (see :func:`rna_position`).

    Returns
    -------
    ndarray, shape (6, 6)
    """
    r, axis = rna_position(rna, shaft_tilt, overhang, heading)
    inertia = rna.inertia_radial * np.eye(3) + (rna.inertia_axial - rna.inertia_radial) * np.outer(axis, axis)
    return point_mass_matrix(rna.mass, r, inertia)


def _ballast_groups(ballast: np.ndarray) -> tuple:
    groups: dict[float, float] = {}
    for rho, m in ballast:
        if rho != 0 and m != 0:
            groups[float(rho)] = groups.get(float(rho), 0.0) + float(m)
    return tuple(groups.items())


def mass_properties(platform: Platform, turbine: Turbine | None = None) -> MassProperties:
    """Mass, centre of gravity and 6x6 mass matrix of platform, tower and RNA.

    Parameters
    ----------
    platform : Platform
    turbine : Turbine or None
        Tower members and RNA; the shaft tilt comes from ``turbine.rotor`` when present.

    Returns
    -------
    MassProperties
    """
    plat, by_kind, ballast = members_mass_matrix(platform.members)
    plat = plat + np.asarray(platform.extra_mass, dtype=float)
    tower = np.zeros((6, 6))
    rna = np.zeros((6, 6))
    if turbine is not None:
        if turbine.tower:
            tower = members_mass_matrix(turbine.tower)[0]
        rotor = turbine.rotor
        rna = rna_mass_matrix(turbine.rna, rotor.shaft_tilt if rotor else 0.0, rotor.overhang if rotor else 0.0)
    total = plat + tower + rna
    return MassProperties(
        mass_matrix=total, mass=float(total[0, 0]), cg=center_of_mass(total),
        platform_mass_matrix=plat, platform_mass=float(plat[0, 0]), platform_cg=center_of_mass(plat),
        shell_mass=float(by_kind[SHELL, 0, 0] + by_kind[CAP, 0, 0]),
        ballast_mass=float(by_kind[BALLAST, 0, 0]), ballast_by_density=_ballast_groups(ballast),
        tower_mass=float(tower[0, 0]), tower_cg=center_of_mass(tower),
        rna_mass=float(rna[0, 0]), rna_cg=center_of_mass(rna))


def gravity_stiffness(mass: float, cg: np.ndarray, g: float, yaw_coupling: bool = False) -> np.ndarray:
    """Linearised stiffness of the weight about the origin (RAFT's ``C_struc``).

    ``C44 = C55 = -m g z_G``. With ``yaw_coupling`` also the (non-symmetric) terms
    ``C46 = m g x_G`` and ``C56 = m g y_G`` that RAFT omits.

    Parameters
    ----------
    mass : float [kg]
    cg : ndarray, shape (3,) [m]
    g : float [m/s^2]
    yaw_coupling : bool

    Returns
    -------
    ndarray, shape (6, 6) [N/m, N, N m/rad]
    """
    c = np.zeros((6, 6))
    c[3, 3] = c[4, 4] = -mass * g * cg[2]
    if yaw_coupling:
        c[3, 5] = mass * g * cg[0]
        c[4, 5] = mass * g * cg[1]
    return c
