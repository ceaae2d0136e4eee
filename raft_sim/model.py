"""``Model``: a convenience facade over :func:`raft_sim.system.prepare.prepare` and the pure
case functions of :mod:`raft_sim.system.case`.

The model holds one :class:`~raft_sim.system.prepare.Prepared` (frozen) and nothing that
changes: every call works on its own data (its own MoorPy copy), so one ``Model`` may be
shared by threads.
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
    prepared : raft_sim.system.prepare.Prepared, optional
        ``prepare(design)`` when the caller has it already (e.g. built with a cache of
        reused parts); by default it is prepared on first use.

    Examples
    --------
    >>> model = Model(load_design("designs/OC3-Hywind_NREL5MW.yaml"))  # doctest: +SKIP
    >>> model.natural_frequencies().dof_periods["heave"]               # doctest: +SKIP
    """

    def __init__(self, design: Design, prepared=None):
        self.design = design
        if prepared is not None:
            self.__dict__["prepared"] = prepared  # the cached_property's value

    @cached_property
    def prepared(self):
        """What the load cases share (:class:`~raft_sim.system.prepare.Prepared`)."""
        from raft_sim.system.prepare import prepare
        return prepare(self.design)

    # ------------------------------------------------------------------ structure
    @property
    def mass(self):
        """Mass properties of platform, tower and RNA (:class:`~raft_sim.structure.inertia.MassProperties`)."""
        return self.prepared.mass

    @property
    def hydrostatics(self):
        """Buoyancy and waterplane stiffness (:class:`~raft_sim.structure.hydrostatics.Hydrostatics`)."""
        return self.prepared.hydrostatics

    @property
    def strips(self):
        """Submerged strips of the platform members at the undisplaced pose."""
        return self.prepared.strips

    @property
    def end_faces(self):
        """Submerged end faces and steps at the undisplaced pose."""
        return self.prepared.faces

    @property
    def added_mass(self) -> np.ndarray:
        """Constant strip-theory (Morison) added mass about the reference point, (6, 6) [SI]."""
        return self.prepared.added_mass

    def mooring_system(self):
        """A fresh MoorPy system of the design's mooring (None without mooring)."""
        from raft_sim.system.prepare import fresh_mooring
        return fresh_mooring(self.prepared)

    @property
    def nacelle_position(self) -> np.ndarray:
        """RNA reference point where the nacelle acceleration is reported [m], (3,)."""
        return self.prepared.nacelle_position

    @property
    def tower_base(self):
        """Mass properties of everything above the tower base (tower + RNA)."""
        return self.prepared.tower_top

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
        from raft_sim.system.prepare import static_equilibrium
        mp = self.mass  # solved once per load (a wave-only case reuses the unloaded one)
        return static_equilibrium(self.prepared, mp.mass, mp.cg, external_force,
                                  yaw_stiffness=self.design.platform.yaw_stiffness, x0=x0)

    @cached_property
    def equilibrium(self):
        """Equilibrium without external load (still water, no wind, no current)."""
        return self.statics()

    def natural_frequencies(self, equilibrium=None):
        """Rigid-body natural frequencies and modes at an equilibrium.

        Uses (M + A) with the constant strip-theory added mass of the strips wetted at
        the equilibrium pose (plus, with potential flow, the added mass A(w) at each mode's
        own frequency, iterated), and the total tangent stiffness (hydrostatic + gravity +
        mooring + yaw spring) at the equilibrium.

        Parameters
        ----------
        equilibrium : Equilibrium, optional
            Default: the unloaded equilibrium.

        Returns
        -------
        raft_sim.solve.modes.NaturalModes
        """
        from raft_sim.system.prepare import rigid_body_modes
        eq = self.equilibrium if equilibrium is None else equilibrium
        return rigid_body_modes(self.prepared, eq)

    # ------------------------------------------------------------------ dynamics
    def analyze_case(self, case, n_waves: int | None = None):
        """Mean offsets and linearised responses of one load case.

        Returns
        -------
        raft_sim.system.case.CaseResult
        """
        from raft_sim.system.case import analyze_case
        return analyze_case(self.prepared, case, n_waves)

    def analyze(self, cases=None, executor=None):
        """Run load cases and return labelled results.

        Parameters
        ----------
        cases : sequence of Case, optional
            Default: the design's cases.
        executor : concurrent.futures.Executor, optional
            Runs the case batches (e.g. ``raft_sim.parallel.local_executor("processes")``);
            default: this thread. The results do not depend on it.

        Returns
        -------
        xarray.Dataset
            See ``docs/outputs.md``. A case whose analysis fails is reported with an
            ``AnalysisWarning``, gets NaN results and its message in ``error``. With
            ``settings.refine_grid`` the grid (``omega``) is refined around lightly damped
            resonances; otherwise a ``GridWarning`` names those it does not resolve.
        """
        from raft_sim.results.collect import collect_results
        from raft_sim.system.run import run_cases
        cases = self.design.cases if cases is None else tuple(cases)
        omega, results = run_cases(self.prepared, cases, executor=executor)
        return collect_results(omega, results,
                               {"design": self.design.name, "source_file": str(self.design.source or "")})
