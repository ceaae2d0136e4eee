"""Load cases of a prepared design: contributions, their sum, one batched drag-linearised solve.

:func:`analyze_case` is a pure function of (prepared design, case): it reads the frozen
:class:`~raft_sim.system.prepare.Prepared`, moves only its own copy of the mooring, and
returns a :class:`CaseResult`. :func:`analyze_cases` gives the same result for many cases;
cases that share a mean load and wave headings (a scatter diagram) share the statics, the
geometry and the wave kinematics, and their drag linearisations iterate as one batch.

Excitation sources (each wave system, turbulent wind) are statistically independent; they
share one linearised system (the drag damping follows the total relative-velocity variance
of all of them). Every physical effect is a :class:`~raft_sim.system.contribution.Contribution`.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, replace

import numpy as np

from raft_sim.design.objects import Case
from raft_sim.system.contribution import Contribution, total

WIND_SOURCE = "wind"


class AnalysisWarning(UserWarning):
    """A load case whose analysis failed; the other cases' results are kept."""


class CaseFailure(RuntimeError):
    """A case that cannot be analysed (e.g. no static equilibrium)."""


@dataclass(frozen=True, eq=False)
class CaseResult:
    """Linear responses of one case to its S excitation sources.

    Attributes
    ----------
    case : Case
    mean : ndarray, shape (6,)
        Mean offsets [m, rad].
    rao : ndarray, complex, shape (F, S, 6)
        Response per unit source amplitude (1 m of wave, 1 m/s of wind).
    source_psd : ndarray, shape (F, S)
        One-sided spectrum of each source [m^2 s/rad, m^2/s^2 s/rad].
    source_heading : ndarray, shape (S,)
        Direction each source travels towards [rad].
    source : tuple of str
        ``wave_1..`` then ``wind``.
    converged : bool
        Static equilibrium found and drag linearisation converged.
    iterations : int
    error : str
        Why the case failed ("" if it did not).
    contributions : tuple of Contribution
        Per-effect breakdown (the drag contribution at the converged linearisation).
    channels : dict of str to raft_sim.system.channels.Channel
    equilibrium : raft_sim.solve.statics.Equilibrium or None
    findings : tuple of str
        Sanity warnings about the case's environment and response (e.g. breaking waves, a
        negatively damped mode), one line each.
    """

    case: Case
    mean: np.ndarray
    rao: np.ndarray
    source_psd: np.ndarray
    source_heading: np.ndarray
    source: tuple
    converged: bool
    iterations: int
    error: str = ""
    contributions: tuple = ()
    channels: dict | None = None
    equilibrium: object = None
    findings: tuple = ()

    def contribution(self, name: str) -> Contribution:
        """The contribution of one effect (``"rotor"``, ``"drag"``, ``"mooring"``, ...)."""
        for c in self.contributions:
            if c.name == name:
                return c
        raise KeyError(f"no contribution {name!r}; have {[c.name for c in self.contributions]}")


def source_labels(n_waves: int) -> tuple[str, ...]:
    """``wave_1 .. wave_W`` and ``wind``."""
    return tuple(f"wave_{i + 1}" for i in range(n_waves)) + (WIND_SOURCE,)


def failed_result(prepared, case: Case, n_waves: int, error: str) -> CaseResult:
    """Placeholder result of a case whose analysis failed: NaN results and the reason."""
    n_freq, n_src = prepared.omega.size, n_waves + 1
    return CaseResult(case=case, mean=np.full(6, np.nan),
                      rao=np.full((n_freq, n_src, 6), np.nan, complex),
                      source_psd=np.zeros((n_freq, n_src)), source_heading=np.zeros(n_src),
                      source=source_labels(n_waves), converged=False, iterations=0, error=error,
                      channels={})


def batch_key(case: Case) -> tuple:
    """Cases with equal keys share statics, geometry and wave kinematics."""
    return (case.wind_speed, case.wind_heading, str(case.turbulence), case.turbine_status,
            case.yaw_misalign, case.turbine_heading, case.current_speed, case.current_heading,
            case.current_exponent, str(case.current_turbulence),
            tuple(sea.heading for sea in case.waves))


def analyze_case(prepared, case: Case, n_waves: int | None = None) -> CaseResult:
    """Mean offsets and drag-linearised responses of one load case (pure function).

    Parameters
    ----------
    prepared : raft_sim.system.prepare.Prepared
    case : Case
    n_waves : int, optional
        Wave-system slots (default: the number of wave systems in ``case``, at least 1).

    Returns
    -------
    CaseResult
        A case that fails is returned with NaN results and its ``error`` (and an
        :class:`AnalysisWarning`); it never raises for a problem of the case.
    """
    return analyze_cases(prepared, [case], n_waves)[0]


def analyze_cases(prepared, cases, n_waves: int | None = None, executor=None) -> list[CaseResult]:
    """:func:`analyze_case` for many cases, batched where they share a mean load.

    Parameters
    ----------
    prepared : raft_sim.system.prepare.Prepared
    cases : sequence of Case
    n_waves : int, optional
        Wave-system slots (default: the most any case has, at least 1).
    executor : concurrent.futures.Executor, optional
        Runs the batches (threads, processes, a Dask client's executor); default: in
        this thread. Every batch is computed the same way by any executor, so the results
        do not depend on it.

    Returns
    -------
    list of CaseResult, in the order of ``cases``
    """
    cases = list(cases)
    n_waves = max([len(c.waves) for c in cases] + [1]) if n_waves is None else n_waves
    groups: dict[tuple, list[int]] = {}
    for i, case in enumerate(cases):
        groups.setdefault(batch_key(case), []).append(i)
    batches = [[cases[i] for i in members] for members in groups.values()]
    labels = list(groups.values())
    if executor is None:
        outcomes = [analyze_batch(prepared, b, n_waves, i) for b, i in zip(batches, labels)]
    else:
        outcomes = list(executor.map(analyze_batch, [prepared] * len(batches), batches,
                                     [n_waves] * len(batches), labels))
    out: list[CaseResult | None] = [None] * len(cases)
    for members, results in zip(groups.values(), outcomes):
        for i, result in zip(members, results):
            out[i] = result
    return out


def analyze_batch(prepared, cases, n_waves: int, labels=None) -> list[CaseResult]:
    """Cases of one batch key; if the batch fails, each case alone, a failing one
    reported (by its label in ``labels``, default its position) with NaN results."""
    labels = list(range(len(cases))) if labels is None else list(labels)
    return _guarded_batch(prepared, cases, list(range(len(cases))), n_waves, labels)


def _guarded_batch(prepared, cases, members, n_waves, labels):
    try:
        return _analyze_batch(prepared, [cases[i] for i in members], n_waves)
    except Exception as err:  # noqa: BLE001 -- reported, and the other cases go on
        if len(members) > 1:
            return [r for i in members
                    for r in _guarded_batch(prepared, cases, [i], n_waves, labels)]
        message = str(err) if isinstance(err, CaseFailure) else f"{type(err).__name__}: {err}"
        warnings.warn(f"case {labels[members[0]]}: analysis failed ({message}); its "
                      "results are NaN", AnalysisWarning, stacklevel=4)
        return [failed_result(prepared, cases[members[0]], n_waves, message)]


def _wave_sources(cases, omega, n_waves):
    """Wave spectra (C, F, W) [m^2 s/rad] and headings (W,) [rad] (shared), zero-padded."""
    from raft_sim.environment.waves import wave_spectrum
    spectra = np.zeros((len(cases), omega.size, n_waves))
    headings = np.zeros(n_waves)
    for c, case in enumerate(cases):
        for i, sea in enumerate(case.waves):
            spectra[c, :, i] = wave_spectrum(sea, omega)
            headings[i] = sea.heading
    return spectra, headings


def nacelle_mass(prepared, heading: float):
    """Mass matrix [SI], mass [kg] and CG [m] with the nacelle yawed to ``heading`` [rad]
    (the RNA's mass offset turns with the rotor, which faces the wind)."""
    from raft_sim.structure.inertia import center_of_mass, rna_mass_matrix
    mp, turbine = prepared.mass, prepared.design.turbine
    if heading == 0.0 or turbine is None or turbine.rotor is None:
        return mp.mass_matrix, mp.mass, mp.cg
    rotor = turbine.rotor
    m6 = (mp.mass_matrix - rna_mass_matrix(turbine.rna, rotor.shaft_tilt, rotor.overhang)
          + rna_mass_matrix(turbine.rna, rotor.shaft_tilt, rotor.overhang, heading))
    return m6, float(m6[0, 0]), center_of_mass(m6)


def _structure(prepared, position, conv, mass) -> Contribution:
    from raft_sim.solve.statics import linear_weight_stiffness, weight_stiffness
    from raft_sim.system.hydro import mass_at_pose
    m6, m, cg = mass
    g = prepared.design.site.g
    pose = position if conv.pose_matrices == "mean" else np.zeros(6)
    k = linear_weight_stiffness(m, cg, g) if conv.statics == "linear" else weight_stiffness(m, cg, pose, g)
    return Contribution("structure", mass=mass_at_pose(m6, pose), stiffness=k)


def _hydrostatics(prepared, position, conv) -> Contribution:
    from raft_sim.solve.statics import hydrostatic_pose_stiffness
    hs = prepared.hydrostatics
    k = np.array(hs.stiffness, dtype=float)
    if conv.pose_matrices == "mean" and conv.statics == "exact":
        k = k + hydrostatic_pose_stiffness(k, hs.force[2], hs.center_of_buoyancy, position)
    return Contribution("hydrostatics", stiffness=k)


def _static_contributions(prepared, case, aero, conv) -> list[Contribution]:
    """The effects with a mean load: current, rotor and tower aerodynamics, extra load."""
    from raft_sim.system.hydro import current_force
    platform = prepared.design.platform
    out = [Contribution("current", mean_force=current_force(prepared, case)),
           Contribution("additional", mean_force=np.asarray(platform.extra_load, float),
                        stiffness=np.asarray(platform.extra_stiffness, float),
                        damping=np.asarray(platform.extra_damping, float))]
    if aero is not None:
        out.append(Contribution("rotor", mean_force=aero.rotor_mean, mass=aero.rotor_added_mass,
                                damping=aero.rotor_damping))
        out.append(Contribution("tower_drag", mean_force=aero.tower_mean, damping=aero.tower_damping))
    return out


def _wind_excitation(aero, n_freq, n_waves, name) -> np.ndarray:
    """Excitation (F, S, 6) of the wind source only."""
    f = np.zeros((n_freq, n_waves + 1, 6), complex)
    if aero is not None:
        f[:, -1, :] = aero.rotor_excitation if name == "rotor" else aero.tower_excitation
    return f


def _analyze_batch(prepared, cases, n_waves) -> list[CaseResult]:
    """Cases with one batch key: shared statics and geometry, batched drag iteration."""
    from raft_sim.aero.loads import case_aero_loads
    from raft_sim.hydro.drag_projection import drag_coefficients, drag_elements
    from raft_sim.frequency import bin_widths
    from raft_sim.solve.drag_iteration import linearize_drag_batch
    from raft_sim.system.hydro import (current_velocities, hydro_geometry, wave_excitation,
                                       wave_kinematics_at, wave_velocities)
    from raft_sim.system.prepare import static_equilibrium

    design, omega = prepared.design, prepared.omega
    conv, settings, site = design.settings.conventions, design.settings, design.site
    first = cases[0]
    aero = case_aero_loads(design, first, omega, elements=prepared.blade_elements, conventions=conv)
    static = _static_contributions(prepared, first, aero, conv)
    mass = nacelle_mass(prepared, aero.servo.heading if aero is not None else 0.0)
    hs = prepared.hydrostatics
    yaw_k = design.platform.yaw_stiffness if conv.yaw_spring else 0.0
    eq = static_equilibrium(prepared, mass[1], mass[2], sum(c.mean_force for c in static),
                            yaw_stiffness=yaw_k, linear=conv.statics == "linear")
    if not eq.converged:
        raise CaseFailure(f"no static equilibrium ({eq.message})")
    spectra, headings = _wave_sources(cases, omega, n_waves)
    geo = hydro_geometry(prepared, eq.position, conv)
    kin = wave_kinematics_at(prepared, geo, omega, headings)
    f_wave = wave_excitation(prepared, geo, kin, conv)                      # (F, W, 6)
    f_wave = np.concatenate([f_wave, np.zeros_like(f_wave[:, :1])], axis=1)  # wind slot
    contributions = [_structure(prepared, eq.position, conv, mass), _hydrostatics(prepared, eq.position, conv),
                     Contribution("strip_inertia", mass=geo.added_mass, excitation=f_wave)]
    if prepared.hydro_database is not None:
        from raft_sim.hydro.potential import potential_flow_contribution
        contributions.append(potential_flow_contribution(
            prepared.hydro_database, omega, np.append(headings, first.wind_heading),
            np.arange(n_waves + 1) < n_waves, offset=eq.position[:2], depth=site.water_depth,
            long_wave=conv.long_wave_excitation))
    if eq.mooring is not None:
        contributions.append(Contribution("mooring", stiffness=eq.mooring.stiffness))
    if yaw_k:
        k = np.zeros((6, 6))
        k[5, 5] = yaw_k
        contributions.append(Contribution("yaw_spring", stiffness=k))
    for c in static:
        if c.name in ("rotor", "tower_drag") and conv.wind_excitation:
            c = replace(c, excitation=_wind_excitation(aero, omega.size, n_waves, c.name))
        contributions.append(c)
    n_src = n_waves + 1
    system = total(contributions, omega.size, n_src)
    wind_psd = np.zeros(omega.size) if aero is None or not conv.wind_excitation else aero.wind_psd
    psd = np.concatenate([spectra, np.broadcast_to(wind_psd[None, :, None], (len(cases), omega.size, 1))],
                         axis=2)                                               # (C, F, S)
    amp = np.sqrt(2.0 * psd * bin_widths(omega)[None, :, None])
    u_s, u_f = wave_velocities(kin)
    current = current_velocities(first, geo, site.water_depth) if conv.current_in_drag else (None, None)
    elements = drag_elements(geo.strips, geo.faces, u_s, u_f, site.rho_water, *current)
    lin = linearize_drag_batch(
        lambda active, b: _solve(omega, system, elements, b, amp[active]),
        lambda active, x: drag_coefficients(elements, omega, amp[active], x),
        np.full((len(cases), omega.size, n_src, 6), settings.xi_start, complex),
        settings.tolerance, settings.n_iter, settings.relaxation)
    from raft_sim.hydro.drag_projection import drag_damping, drag_excitation
    from raft_sim.system.channels import batch_channels
    rao = _solve(omega, system, elements, lin.B_drag, np.ones_like(amp))    # per unit amplitude
    b_drag, f_drag = drag_damping(elements, lin.B_drag), drag_excitation(elements, lin.B_drag)
    channels = batch_channels(prepared, rao, eq.position, eq, aero, n_waves)
    return [CaseResult(
        case=case, mean=eq.position, rao=rao[c], source_psd=psd[c],
        source_heading=np.append(headings, case.wind_heading), source=source_labels(n_waves),
        converged=bool(lin.converged[c]), iterations=int(lin.iterations[c]),
        contributions=tuple(contributions) + (Contribution("drag", damping=b_drag[c],
                                                           excitation=f_drag[c]),),
        channels=channels[c], equilibrium=eq)
        for c, case in enumerate(cases)]


def _solve(omega, system, elements, b, amp) -> np.ndarray:
    """Responses (A, F, S, 6) for drag coefficients b (A, K) and amplitudes (A, F, S)."""
    from raft_sim.hydro.drag_projection import drag_damping, drag_excitation
    from raft_sim.solve.response import impedance, solve_response
    z = impedance(omega, system.mass[None], system.damping[None] + drag_damping(elements, b)[:, None],
                  system.stiffness[None])
    return solve_response(z, (system.excitation[None] + drag_excitation(elements, b)) * amp[..., None])
