"""The floating system built from a design: the one place where the physics modules meet.

``Model`` is a thin, read-only assembly of the pure functions in ``structure``, ``hydro``,
``mooring``, ``aero`` and ``solve``. Each property is computed once on first use; nothing
is mutated after construction except MoorPy's internal state, which every method that
uses it sets explicitly.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from raft_sim.design.objects import Design


@dataclass(frozen=True)
class TowerTop:
    """Mass above the tower base: mass [kg], CG height [m], pitch inertia about the base
    [kg m^2] and base height [m]."""

    mass: float
    z_cg: float
    inertia: float
    z_base: float


class Model:
    """A floating wind turbine ready for analysis.

    Parameters
    ----------
    design : Design
        As returned by :func:`raft_sim.load_design`.

    Examples
    --------
    >>> model = Model(load_design("designs/OC3-Hywind_NREL5MW.yaml"))  # doctest: +SKIP
    >>> model.natural_frequencies().dof_periods["heave"]               # doctest: +SKIP
    """

    def __init__(self, design: Design):
        self.design = design

    # ------------------------------------------------------------------ structure
    @cached_property
    def mass(self):
        """Mass properties of platform, tower and RNA (:class:`~raft_sim.structure.inertia.MassProperties`)."""
        from raft_sim.structure.inertia import mass_properties
        return mass_properties(self.design.platform, self.design.turbine)

    @cached_property
    def hydrostatics(self):
        """Buoyancy and waterplane stiffness (:class:`~raft_sim.structure.hydrostatics.Hydrostatics`)."""
        from raft_sim.structure.hydrostatics import hydrostatics
        site = self.design.site
        return hydrostatics(self.design.platform.members, site.rho_water, site.g)

    @cached_property
    def strips(self):
        """Submerged strips of the platform members (:class:`~raft_sim.structure.strips.Strips`)."""
        from raft_sim.structure.strips import platform_strips
        return platform_strips(self.design.platform.members)

    @cached_property
    def end_faces(self):
        """Submerged end faces and steps (:class:`~raft_sim.structure.strips.EndFaces`)."""
        from raft_sim.structure.strips import end_faces
        return end_faces(self.design.platform.members)

    @cached_property
    def added_mass(self) -> np.ndarray:
        """Constant strip-theory (Morison) added mass about the reference point, (6, 6) [SI]."""
        from raft_sim.hydro.added_mass import strip_added_mass
        return strip_added_mass(self.strips, self.end_faces, self.design.site.rho_water)

    @cached_property
    def mooring_system(self):
        """The MoorPy system of the design's mooring, or None without mooring."""
        if self.design.mooring is None:
            return None
        from raft_sim.mooring import mooring_system
        site = self.design.site
        return mooring_system(self.design.mooring, site.rho_water, site.g)

    @cached_property
    def nacelle_position(self) -> np.ndarray:
        """RNA reference point on the tower axis, below the hub by ``overhang sin(tilt)``,
        where the nacelle acceleration is reported (as RAFT's ``AxRNA``) [m], (3,)."""
        from raft_sim.structure.inertia import rna_position
        turbine = self.design.turbine
        rotor = turbine.rotor
        tilt, overhang = (rotor.shaft_tilt, rotor.overhang) if rotor else (0.0, 0.0)
        cg, axis = rna_position(turbine.rna, tilt, overhang)
        return cg - turbine.rna.x_cg * axis

    @cached_property
    def tower_base(self) -> "TowerTop":
        """Mass properties of everything above the tower base (tower + RNA)."""
        from raft_sim.structure.inertia import center_of_mass, members_mass_matrix, rna_mass_matrix
        turbine = self.design.turbine
        rotor = turbine.rotor
        m6 = rna_mass_matrix(turbine.rna, rotor.shaft_tilt if rotor else 0.0,
                             rotor.overhang if rotor else 0.0)
        z_base = self.nacelle_position[2]
        if turbine.tower:
            m6 = m6 + members_mass_matrix(turbine.tower)[0]
            z_base = min(min(t.r_a[2], t.r_b[2]) for t in turbine.tower)
        mass, z_cg = float(m6[0, 0]), float(center_of_mass(m6)[2])
        inertia = float(m6[4, 4] - 2.0 * z_base * mass * z_cg + mass * z_base**2)
        return TowerTop(mass, z_cg, inertia, float(z_base))

    # ------------------------------------------------------------------ statics
    def statics(self, external_force=None, x0=None):
        """Mean equilibrium under weight, buoyancy, mooring and a constant external load.

        Parameters
        ----------
        external_force : array_like, shape (6,), optional
            Constant load about the reference point, global axes [N, N m].
        x0 : array_like, shape (6,), optional
            Starting pose [m, rad].

        Returns
        -------
        raft_sim.solve.statics.Equilibrium
        """
        from raft_sim.solve.statics import equilibrium
        return equilibrium(
            self.mass.mass, self.mass.cg, self.hydrostatics.force, self.hydrostatics.stiffness,
            mooring=self.mooring_system, external_force=external_force,
            yaw_stiffness=self.design.platform.yaw_stiffness, g=self.design.site.g, x0=x0,
            center_of_buoyancy=self.hydrostatics.center_of_buoyancy)

    @cached_property
    def equilibrium(self):
        """Equilibrium without external load (still water, no wind, no current)."""
        return self.statics()

    def natural_frequencies(self, equilibrium=None):
        """Rigid-body natural frequencies and modes at an equilibrium.

        Uses (M + A) with the constant strip-theory added mass of the strips wetted at
        the equilibrium pose, and the total tangent
        stiffness (hydrostatic + gravity + mooring + yaw spring) at the equilibrium.

        Parameters
        ----------
        equilibrium : Equilibrium, optional
            Default: the unloaded equilibrium.

        Returns
        -------
        raft_sim.solve.modes.NaturalModes
        """
        from raft_sim.analysis import hydro_geometry
        from raft_sim.solve.modes import natural_modes
        eq = self.equilibrium if equilibrium is None else equilibrium
        added = hydro_geometry(self, eq.position).added_mass  # strips wetted at the mean pose
        return natural_modes(self.mass.mass_matrix + added, eq.stiffness)

    # ------------------------------------------------------------------ dynamics
    def analyze_case(self, case, n_waves: int | None = None):
        """Mean offsets and linearised responses of one load case.

        Parameters
        ----------
        case : Case
        n_waves : int, optional
            Wave-system slots (default: the number of wave systems in ``case``).

        Returns
        -------
        raft_sim.analysis.CaseResponse
        """
        from raft_sim.analysis import analyze_case
        n = len(case.waves) if n_waves is None else n_waves
        return analyze_case(self, case, max(n, 1), self.aero_loads(case))

    def aero_loads(self, case):
        """Linearised aerodynamics of rotor and tower in a case (None: no wind or aero off).

        Returns
        -------
        raft_sim.analysis.AeroLoads or None
        """
        from raft_sim.aero.loads import case_aero_loads
        return case_aero_loads(self.controlled_design, case, self.design.settings.omega)

    @cached_property
    def controlled_design(self) -> Design:
        """The design with ROSCO's default floating-feedback filters where ``Fl_Kp`` has
        none, tuned on the platform pitch natural frequency (warns naming the keys to set;
        :func:`raft_sim.aero.control.with_default_filters`)."""
        from raft_sim.aero.control import with_default_filters
        return with_default_filters(
            self.design, lambda: self.natural_frequencies().dof_frequencies["pitch"])

    def analyze(self, cases=None):
        """Run load cases and return labelled results.

        Parameters
        ----------
        cases : sequence of Case, optional
            Default: the design's cases.

        Returns
        -------
        xarray.Dataset
            See ``docs/outputs.md``. A case whose analysis raises is reported with an
            ``AnalysisWarning``, gets NaN results and its message in ``error``.
        """
        from raft_sim.results.collect import collect_results
        cases = self.design.cases if cases is None else tuple(cases)
        n_waves = max([len(c.waves) for c in cases] + [1])
        return collect_results(self, [self._guarded_case(i, c, n_waves) for i, c in enumerate(cases)])

    def _guarded_case(self, index: int, case, n_waves: int):
        """``analyze_case``; a case that raises is reported and gets NaN results, so the
        other cases' results are kept."""
        import warnings

        from raft_sim.analysis import AnalysisWarning, failed_case
        try:
            return self.analyze_case(case, n_waves)
        except Exception as err:  # noqa: BLE001 -- reported, and the sweep goes on
            warnings.warn(f"case {index}: analysis failed ({type(err).__name__}: {err}); "
                          "its results are NaN", AnalysisWarning, stacklevel=3)
            return failed_case(self, case, n_waves, err)
