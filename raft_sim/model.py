"""The floating system built from a design: the one place where the physics modules meet.

``Model`` is a thin, read-only assembly of the pure functions in ``structure``, ``hydro``,
``mooring``, ``aero`` and ``solve``. Each property is computed once on first use; nothing
is mutated after construction except MoorPy's internal state, which every method that
uses it sets explicitly.
"""
from __future__ import annotations

from functools import cached_property

import numpy as np

from raft_sim.design.objects import Design


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
            yaw_stiffness=self.design.platform.yaw_stiffness, g=self.design.site.g, x0=x0)

    @cached_property
    def equilibrium(self):
        """Equilibrium without external load (still water, no wind, no current)."""
        return self.statics()

    def natural_frequencies(self, equilibrium=None):
        """Rigid-body natural frequencies and modes at an equilibrium.

        Uses (M + A) with the constant strip-theory added mass and the total tangent
        stiffness (hydrostatic + gravity + mooring + yaw spring) at the equilibrium.

        Parameters
        ----------
        equilibrium : Equilibrium, optional
            Default: the unloaded equilibrium.

        Returns
        -------
        raft_sim.solve.modes.NaturalModes
        """
        from raft_sim.solve.modes import natural_modes
        eq = self.equilibrium if equilibrium is None else equilibrium
        return natural_modes(self.mass.mass_matrix + self.added_mass, eq.stiffness)
