"""Potential-flow hydrodynamics of a case: a hydrodynamic database on the case's grid.

A database (:mod:`raft_sim.hydro.database`, from WAMIT files or Capytaine) holds A(w), B(w)
and X(w, beta) about the platform reference point, hull undisplaced. For a case this module

- interpolates it to the case frequencies (linear in omega; below the lowest tabulated
  frequency towards the zero-frequency added mass where the database has it, damping
  towards 0, and the excitation towards its long-wave limit where the database has the
  hydrostatic stiffness; above the highest held constant)
  and to the source headings (linear in the direction, periodic over 2 pi);
- returns ``Contribution(name="potential_flow", mass=A, damping=B, excitation=X)`` with zero
  excitation for the non-wave sources (wind);
- says which members' strip inertia the coefficients replace (:func:`replaced_members`):
  those asking for potential flow, and only when a database exists. Their strip drag stays.
"""
from __future__ import annotations

import numpy as np

from raft_sim.hydro.database import DOF_DIMS, interp_rows as _interp

__all__ = ["radiation_coefficients", "excitation_coefficients", "potential_flow_contribution",
           "replaced_members", "design_database"]


def _matrix(da):
    """(omega, 6, 6) values with [i, j] = (influenced, radiating)."""
    return da.transpose("omega", *DOF_DIMS).values


def radiation_coefficients(database, omega):
    """Added mass and radiation damping on the frequencies ``omega``.

    Parameters
    ----------
    database : xarray.Dataset
        Hydrodynamic database.
    omega : array_like, shape (F,)
        Case frequencies [rad/s].

    Returns
    -------
    added_mass, damping : ndarray, shape (F, 6, 6)
        [kg, kg m, kg m^2], [N s/m, N s, N m s/rad]; [i, j] = load in DOF i per unit
        acceleration / velocity of DOF j.
    """
    w = database.omega.values
    a, b = _matrix(database.added_mass), _matrix(database.radiation_damping)
    if "added_mass_zero" in database:
        w = np.concatenate([[0.0], w])
        a = np.concatenate([database.added_mass_zero.transpose(*DOF_DIMS).values[None], a])
        b = np.concatenate([np.zeros((1, 6, 6)), b])
    omega = np.asarray(omega, dtype=float)
    return _interp(omega, w, a), _interp(omega, w, b)


def excitation_coefficients(database, omega, heading, offset=(0.0, 0.0), depth=None,
                            long_wave: str = "limit"):
    """Wave excitation per unit amplitude on the case frequencies and headings.

    Parameters
    ----------
    database : xarray.Dataset
    omega : array_like, shape (F,)
        [rad/s].
    heading : array_like, shape (H,)
        Directions the waves travel towards [rad].
    offset : array_like, shape (2,)
        Mean horizontal offset (x, y) of the reference point [m]; the hull, its reference
        point and the loads move with it, so only the wave phase changes by
        ``exp(-i k (x cos beta + y sin beta))``.
    depth : float, optional
        Depth for the wave number of ``offset`` [m] (default: the database's).
    long_wave : {"limit", "hold"}
        Below the lowest tabulated frequency w1: ``"limit"`` goes linearly in the wave number
        k from X(w1) to the long-wave limit X(0) = C[:, heave] x 1 m, the hydrostatic load of
        a uniform rise of the surface (C the database's ``hydrostatic_stiffness``; without
        it, held): X - X(0) is of order k for a body small against the wave length (the
        surge force, mass times particle acceleration, is g k per unit amplitude in deep
        water); ``"hold"`` keeps X(w1) (RAFT).

    Returns
    -------
    ndarray, complex, shape (F, H, 6)
        [N/m, N m/m], e^{+i omega t} convention.
    """
    from raft_sim.environment.waves import wave_number

    omega = np.asarray(omega, dtype=float)
    heading = np.atleast_1d(np.asarray(heading, dtype=float))
    table = database.excitation_force.transpose("omega", "wave_direction", "influenced_dof").values
    w_table = database.omega.values
    x = _interp(omega, w_table, table)                                  # (F, D, 6)
    below = omega < w_table[0]
    if long_wave == "limit" and "hydrostatic_stiffness" in database and below.any():
        h, g = database.attrs.get("water_depth", np.inf), database.attrs.get("g", 9.81)
        t = wave_number(omega[below], h, g) / wave_number(w_table[:1], h, g)[0]
        x0 = database.hydrostatic_stiffness.transpose(*DOF_DIMS).values[:, 2]  # (6,) per m
        x[below] = x0 * (1.0 - t[:, None, None]) + table[0][None] * t[:, None, None]
    x = np.moveaxis(_interp_direction(heading, database.wave_direction.values, np.moveaxis(x, 1, 0)), 0, 1)
    if np.any(np.asarray(offset, dtype=float) != 0.0):
        h = database.attrs.get("water_depth", np.inf) if depth is None else depth
        k = wave_number(omega, h, database.attrs.get("g", 9.81))
        along = offset[0] * np.cos(heading) + offset[1] * np.sin(heading)
        x = x * np.exp(-1j * k[:, None] * along[None, :])[..., None]
    return x


def _interp_direction(heading, direction, values):
    """Linear, 2 pi-periodic interpolation of values (D, ...) onto headings (H,)."""
    if len(direction) == 1:
        return np.repeat(values, len(heading), axis=0)
    d0 = direction[0]
    span = direction[-1] - d0
    if span < 2 * np.pi - 1e-9:  # close the circle
        direction = np.concatenate([direction, [d0 + 2 * np.pi]])
        values = np.concatenate([values, values[:1]])
    wrapped = d0 + np.mod(heading - d0, 2 * np.pi)
    return _interp(wrapped, direction, values)


def potential_flow_contribution(database, omega, source_heading, wave_source=None,
                                offset=(0.0, 0.0), depth=None, long_wave: str = "limit"):
    """The potential-flow share of a case's equations of motion.

    Parameters
    ----------
    database : xarray.Dataset
        Hydrodynamic database (:mod:`raft_sim.hydro.database`).
    omega : array_like, shape (F,)
        Case frequencies [rad/s].
    source_heading : array_like, shape (S,)
        Direction of travel of each excitation source [rad] (ignored for non-wave sources).
    wave_source : array_like of bool, shape (S,), optional
        Which sources are waves (default: all); the others (wind) get zero excitation.
    offset, depth, long_wave
        See :func:`excitation_coefficients`.

    Returns
    -------
    raft_sim.system.contribution.Contribution
        ``mass`` A(w) and ``damping`` B(w), (F, 6, 6); ``excitation`` (F, S, 6) [SI].
    """
    from raft_sim.system.contribution import Contribution

    heading = np.atleast_1d(np.asarray(source_heading, dtype=float))
    wave = np.ones(heading.shape, bool) if wave_source is None else np.asarray(wave_source, bool)
    a, b = radiation_coefficients(database, omega)
    x = excitation_coefficients(database, omega, np.where(wave, heading, 0.0), offset, depth, long_wave)
    return Contribution("potential_flow", mass=a, damping=b, excitation=x * wave[None, :, None])


def replaced_members(members, database) -> tuple[bool, ...]:
    """Per member: are its strip inertia and added mass replaced by the database?

    True for members that ask for potential flow (``Member.potential_flow``, from RAFT's
    ``potMod`` / ``potModMaster``) when a database exists; all False without one, so that
    such members keep every strip-theory term. Pass the result as ``potential_flow`` to
    :func:`raft_sim.structure.strips.platform_strips` and ``end_faces``.

    Parameters
    ----------
    members : Platform or sequence of Member
    database : xarray.Dataset or None
    """
    members = getattr(members, "members", members)
    return tuple(bool(m.potential_flow) and database is not None for m in members)


def design_database(design, directions=None, **bem_options):
    """The hydrodynamic database a design asks for, or None (strip theory only).

    - ``platform.potFirstOrder: 1`` with ``hydroPath`` (RAFT's ``potModMaster: 3``): the WAMIT
      files ``<hydroPath>.1/.3/.hst`` (:func:`raft_sim.hydro.wamit.wamit_database`, ULEN 1).
    - otherwise, members with ``potMod`` (or ``potModMaster: 2``): Capytaine on those members
      (:func:`raft_sim.hydro.capytaine_bem.platform_bem_database`), on RAFT's BEM grid
      ``min_freq_BEM, 2 min_freq_BEM, ...`` up to the case grid's highest frequency (default
      spacing: the case grid's lowest frequency), for ``directions``.

    Parameters
    ----------
    design : raft_sim.design.objects.Design
    directions : array_like, optional
        Wave directions of the BEM solve [rad]; default the distinct wave headings of the
        design's cases (0 if none).
    **bem_options
        Passed on to the BEM solve (``cache_dir``, ``use_cache``, ``progress``, ``lid``).

    Returns
    -------
    xarray.Dataset or None

    Raises
    ------
    raft_sim.hydro.capytaine_bem.MissingCapytaine
        BEM asked for and Capytaine missing (its message is the install command).
    """
    platform, site = design.platform, design.site
    if platform.potential_first_order and platform.hydro_path:
        from raft_sim.hydro.wamit import wamit_database
        return wamit_database(platform.hydro_path, site.rho_water, site.g, water_depth=site.water_depth)
    if not any(m.potential_flow for m in platform.members):
        return None
    from raft_sim.hydro.capytaine_bem import bem_frequencies, platform_bem_database
    omega = design.settings.omega
    grid = bem_frequencies(platform.bem_min_frequency or float(omega[0]), float(omega[-1]))
    if directions is None:
        directions = sorted({float(w.heading) for case in design.cases for w in case.waves}) or [0.0]
    database = platform_bem_database(platform, grid, directions, water_depth=site.water_depth,
                                     rho=site.rho_water, g=site.g, **bem_options)
    return _with_hydrostatics(database, [m for m in platform.members if m.potential_flow], site)


def _with_hydrostatics(database, members, site):
    """The database with the hydrostatic stiffness of the hull it was solved for (the
    members' own, :func:`raft_sim.structure.hydrostatics.hydrostatics`), as WAMIT's ``.hst``
    gives it: its heave column is the long-wave limit of the excitation."""
    from raft_sim.structure.hydrostatics import hydrostatics
    stiffness = hydrostatics(members, site.rho_water, site.g).stiffness
    return database.assign(hydrostatic_stiffness=(DOF_DIMS, stiffness, {"units": "N/m, N, N m/rad"}))
