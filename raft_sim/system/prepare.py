"""What depends only on the design, computed once: :func:`prepare` -> :class:`Prepared`.

A ``Prepared`` is frozen and picklable (it crosses to worker processes and Dask workers);
:func:`raft_sim.system.case.analyze_cases` reads it and never changes it. The mooring is kept
as a MoorPy *template* that is never moved: every case works on its own copy
(:func:`fresh_mooring`), so cases may run on any number of threads.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from raft_sim.design.objects import Design


@dataclass(frozen=True, eq=False)
class TowerTop:
    """Mass above the tower base: mass [kg], CG height [m], pitch inertia about the base
    [kg m^2] and base height [m] (tower + RNA at nacelle heading 0); the tower's own 6x6
    mass matrix about the reference point [SI] and the base point (lowest tower end, or
    the RNA reference point without a tower) [m]."""

    mass: float
    z_cg: float
    inertia: float
    z_base: float
    tower_mass_matrix: np.ndarray | None = None
    base_point: np.ndarray | None = None


@dataclass(frozen=True, eq=False)
class Prepared:
    """A design ready for its load cases (all SI).

    Attributes
    ----------
    design : Design
    omega : ndarray, shape (F,)
        Frequency grid of the analysis [rad/s].
    mass : raft_sim.structure.inertia.MassProperties
    hydrostatics : raft_sim.structure.hydrostatics.Hydrostatics
    strips, faces : Strips, EndFaces
        Submerged strips and end faces at the undisplaced pose.
    added_mass : ndarray, shape (6, 6)
        Strip-theory added mass at the undisplaced pose [SI].
    mooring_template : moorpy.System or None
        Never moved; use :func:`fresh_mooring`.
    nacelle_position : ndarray, shape (3,)
        RNA reference point where the nacelle acceleration is reported [m].
    tower_top : TowerTop
    blade_elements : raft_sim.aero.bem.BladeElements or None
    hydro_database : xarray.Dataset or None
        Potential-flow coefficients (WAMIT files or Capytaine BEM), or None.
    potential_members : tuple of bool
        Per platform member: its strip inertia and added mass are replaced by the database.
    statics_memo : dict
        Equilibria already solved for this design (:func:`static_equilibrium`), keyed by
        their inputs; e.g. a wave-only case reuses the unloaded equilibrium of the natural
        periods.
    geometry_memo : dict
        Strip geometry already built at a pose (:func:`raft_sim.system.hydro.hydro_geometry`).
    """

    design: Design
    omega: np.ndarray
    mass: object
    hydrostatics: object
    strips: object
    faces: object
    added_mass: np.ndarray
    mooring_template: object
    nacelle_position: np.ndarray
    tower_top: TowerTop | None
    blade_elements: object
    hydro_database: object = None
    potential_members: tuple = ()
    statics_memo: dict = field(default_factory=dict, repr=False)
    geometry_memo: dict = field(default_factory=dict, repr=False)

    def __getstate__(self):
        """Pickled without the memos (a worker rebuilds what it needs)."""
        return {**self.__dict__, "statics_memo": {}, "geometry_memo": {}}


def prepare(design: Design, omega: np.ndarray | None = None, reuse=None) -> Prepared:
    """Everything about a design that its load cases share.

    Parameters
    ----------
    design : Design
    omega : ndarray, shape (F,), optional
        Frequency grid [rad/s]; default ``design.settings.omega``.
    reuse : raft_sim.system.reuse.ContentCache, optional
        Parts whose inputs have the content of an earlier design are taken from it
        (design sweeps): the potential-flow database, strips and end faces, hydrostatics,
        mass properties, the MoorPy template and the tower-top properties
        (:func:`reused_part`). The result is the same without it.

    Returns
    -------
    Prepared
    """
    if reuse is not None:
        with reuse.batch():
            return _prepare(design, omega, reuse)
    return _prepare(design, omega, None)


def _prepare(design: Design, omega, reuse) -> Prepared:
    from raft_sim.hydro.potential import replaced_members
    from raft_sim.structure.hydrostatics import hydrostatics
    from raft_sim.structure.inertia import mass_properties

    site = design.site
    platform, members = design.platform, design.platform.members
    database = reused_part(reuse, "hydro database", _database_inputs(design), lambda: _database(design))
    replaced = replaced_members(members, database)
    strips, faces, added = reused_part(
        reuse, "strips", (members, replaced, site.rho_water), lambda: _submerged(members, replaced, site.rho_water))
    mooring = reused_part(reuse, "mooring", (design.mooring, site.rho_water, site.g),
                          lambda: _mooring_template(design))
    rotor = design.turbine.rotor if design.turbine is not None else None
    elements = None
    if rotor is not None:
        from raft_sim.aero.bem import blade_elements
        try:
            elements = blade_elements(rotor)
        except (ValueError, ArithmeticError) as err:  # e.g. polars no spline can follow
            from raft_sim.design.errors import DesignError
            first = next((line for line in str(err).splitlines() if line.strip()), type(err).__name__)
            raise DesignError("turbine.airfoils", f"the polars cannot be prepared for the BEM "
                              f"({first.strip()})") from None
    prepared = Prepared(
        design=design, omega=design.settings.omega if omega is None else np.asarray(omega, float),
        mass=reused_part(reuse, "mass", (platform, design.turbine),
                         lambda: mass_properties(platform, design.turbine)),
        hydrostatics=reused_part(reuse, "hydrostatics", (members, site.rho_water, site.g),
                                 lambda: hydrostatics(members, site.rho_water, site.g)),
        strips=strips, faces=faces, added_mass=added,
        mooring_template=mooring, nacelle_position=nacelle_position(design),
        tower_top=reused_part(reuse, "tower top", design.turbine, lambda: tower_top(design)),
        blade_elements=elements, hydro_database=database,
        potential_members=replaced)
    return with_controller_defaults(prepared)


def reused_part(reuse, kind: str, inputs, compute):
    """``compute()``, or with a :class:`~raft_sim.system.reuse.ContentCache` ``reuse`` the
    value it holds for ``kind`` and the content of ``inputs`` (everything ``compute`` reads)."""
    return compute() if reuse is None else reuse.get(kind, inputs, compute)


def _database_inputs(design: Design):
    """What :func:`raft_sim.hydro.potential.design_database` reads: platform, site, frequency
    settings and the wave headings of the cases."""
    headings = sorted({float(w.heading) for case in design.cases for w in case.waves})
    return design.platform, design.site, design.settings, headings


def _submerged(members, replaced, rho_water: float):
    """Submerged strips, end faces and their strip added mass at the undisplaced pose."""
    from raft_sim.hydro.added_mass import strip_added_mass
    from raft_sim.structure.strips import faces_at, member_ends, strip_layout, strips_at
    members = getattr(members, "members", members)
    layout, ends = strip_layout(members), member_ends(members)  # one layout for strips and faces
    strips, faces = strips_at(layout, *ends, replaced), faces_at(layout, *ends, replaced)
    return strips, faces, strip_added_mass(strips, faces, rho_water)


def _mooring_template(design: Design):
    """The MoorPy system of the design's mooring (None without mooring)."""
    if design.mooring is None:
        return None
    from raft_sim.mooring import mooring_system
    return mooring_system(design.mooring, design.site.rho_water, design.site.g)


def with_controller_defaults(prepared: Prepared) -> Prepared:
    """``prepared`` with the controller filters of the analysis: ROSCO's default
    floating-feedback filters where ``Fl_Kp`` has none, tuned on the platform's pitch natural
    frequency, or none under RAFT's conventions
    (:func:`raft_sim.aero.control.resolve_controller_filters`)."""
    from raft_sim.aero.control import resolve_controller_filters

    def pitch_frequency() -> float:
        try:
            return unloaded_pitch_frequency(prepared)
        except Exception:  # noqa: BLE001 -- an unphysical design: no default low-pass, and the
            return float("nan")  # design's own checks report the cause

    design = resolve_controller_filters(prepared.design, pitch_frequency)
    return prepared if design is prepared.design else replace(prepared, design=design)


def unloaded_equilibrium(prepared: Prepared):
    """Equilibrium without external load (still water, no wind, no current)
    (:class:`raft_sim.solve.statics.Equilibrium`), the one :meth:`raft_sim.model.Model.statics`
    gives (:func:`static_equilibrium`, solved once)."""
    mp = prepared.mass
    return static_equilibrium(prepared, mp.mass, mp.cg, yaw_stiffness=prepared.design.platform.yaw_stiffness)


def rigid_body_modes(prepared: Prepared, eq):
    """Rigid-body natural modes at an equilibrium ``eq``: (M + A) with the strip added mass
    of the strips wetted at its pose (plus, with potential flow, A(w) at each mode's own
    frequency, iterated) and the total tangent stiffness there
    (:class:`raft_sim.solve.modes.NaturalModes`)."""
    from raft_sim.design.objects import Conventions
    from raft_sim.solve.modes import natural_modes
    from raft_sim.system.hydro import hydro_geometry
    added = hydro_geometry(prepared, eq.position, Conventions()).added_mass
    mass = prepared.mass.mass_matrix + added
    db = prepared.hydro_database
    if db is None:
        return natural_modes(mass, eq.stiffness)
    from raft_sim.hydro.potential import radiation_coefficients
    from raft_sim.solve.natural_periods import iterated_natural_modes
    return iterated_natural_modes(mass, lambda w: radiation_coefficients(db, [w])[0][0], eq.stiffness)


def unloaded_pitch_frequency(prepared: Prepared) -> float:
    """Undamped pitch natural frequency at the unloaded equilibrium [rad/s] (ROSCO's
    ``ptfm_freq``), as :meth:`raft_sim.model.Model.natural_frequencies` gives it."""
    modes = rigid_body_modes(prepared, unloaded_equilibrium(prepared))
    return float(modes.dof_frequencies["pitch"])


def _database(design: Design):
    """The design's potential-flow database; without Capytaine a warning, and strip theory
    (all of its terms) for the members that asked for BEM."""
    import warnings

    from raft_sim.design.errors import DesignWarning
    from raft_sim.hydro.capytaine_bem import MissingCapytaine
    from raft_sim.hydro.potential import design_database
    try:
        return design_database(design)
    except MissingCapytaine as err:
        warnings.warn(f"platform.potModMaster: {err}; until then strip "
                      "theory (Morison) is used for those members", DesignWarning, stacklevel=3)
        return None


MEMO_SIZE = 4
"""Entries kept per memo of a prepared design (the oldest is dropped first)."""


def remember(memo: dict, key, value) -> None:
    """Store ``value`` under ``key`` in a bounded memo (at most :data:`MEMO_SIZE` entries)."""
    while len(memo) >= MEMO_SIZE:
        memo.pop(next(iter(memo)))
    memo[key] = value


def static_equilibrium(prepared: Prepared, mass: float, cg, external_force=None,
                       yaw_stiffness: float = 0.0, linear: bool = False, x0=None):
    """Static equilibrium of the prepared design, solved once per inputs (from the undisplaced pose).

    Parameters
    ----------
    prepared : Prepared
    mass : float
        Total mass [kg].
    cg : array_like, shape (3,)
        Centre of gravity [m].
    external_force : array_like, shape (6,), optional
        Constant external load [N, N m]; default none.
    yaw_stiffness : float
        Extra yaw spring [N m/rad].
    linear : bool
        RAFT's linear statics.
    x0 : array_like, shape (6,), optional
        Starting pose [m, rad]; a solve from a given start is not memoised.

    Returns
    -------
    raft_sim.solve.statics.Equilibrium
        The same object for equal inputs (treat it as read-only).
    """
    from raft_sim.solve.statics import equilibrium
    cg = np.asarray(cg, dtype=float)
    force = np.zeros(6) if external_force is None else np.asarray(external_force, dtype=float)
    key = (float(mass), cg.tobytes(), force.tobytes(), float(yaw_stiffness), bool(linear))
    hs, template = prepared.hydrostatics, prepared.mooring_template
    found = prepared.statics_memo.get(key) if x0 is None else None
    if found is not None and found[0] is hs and found[1] is template:  # same hull and lines
        return found[2]
    eq = equilibrium(mass, cg, hs.force, hs.stiffness, mooring=fresh_mooring(prepared),
                     external_force=force, yaw_stiffness=yaw_stiffness, g=prepared.design.site.g,
                     x0=x0, center_of_buoyancy=hs.center_of_buoyancy, linear=linear)
    if x0 is None:
        remember(prepared.statics_memo, key, (hs, template, eq))
    return eq


def fresh_mooring(prepared: Prepared):
    """A private copy of the MoorPy system (None without mooring), free to be moved
    (:func:`raft_sim.mooring.system_copy`)."""
    if prepared.mooring_template is None:
        return None
    from raft_sim.mooring import system_copy
    return system_copy(prepared.mooring_template)


def nacelle_position(design: Design) -> np.ndarray | None:
    """RNA reference point on the tower axis, below the hub by ``overhang sin(tilt)``,
    where the nacelle acceleration is reported (as RAFT's ``AxRNA``) [m], (3,)."""
    from raft_sim.structure.inertia import rna_position
    turbine = design.turbine
    if turbine is None:
        return None
    rotor = turbine.rotor
    tilt, overhang = (rotor.shaft_tilt, rotor.overhang) if rotor else (0.0, 0.0)
    cg, axis = rna_position(turbine.rna, tilt, overhang)
    return cg - turbine.rna.x_cg * axis


def tower_top(design: Design) -> TowerTop | None:
    """Mass properties of everything above the tower base (tower + RNA)."""
    from raft_sim.structure.inertia import center_of_mass, members_mass_matrix, rna_mass_matrix
    turbine = design.turbine
    if turbine is None:
        return None
    rotor = turbine.rotor
    m6 = rna_mass_matrix(turbine.rna, rotor.shaft_tilt if rotor else 0.0,
                         rotor.overhang if rotor else 0.0)
    base, tower6 = nacelle_position(design), np.zeros((6, 6))
    if turbine.tower:
        tower6 = members_mass_matrix(turbine.tower)[0]
        m6 = m6 + tower6
        base = min((np.asarray(end, float) for t in turbine.tower for end in (t.r_a, t.r_b)),
                   key=lambda r: r[2])
    z_base = float(base[2])
    mass, z_cg = float(m6[0, 0]), float(center_of_mass(m6)[2])
    inertia = float(m6[4, 4] - 2.0 * z_base * mass * z_cg + mass * z_base**2)
    return TowerTop(mass, z_cg, inertia, z_base, tower6, np.array(base, dtype=float))
