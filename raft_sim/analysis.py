"""Frequency-domain analysis of one load case: mean offsets, drag-linearised responses.

Each step is a function of the model and the case; :func:`analyze_case` chains them and
returns a :class:`CaseResponse` of plain arrays, which :mod:`raft_sim.results.dataset`
turns into labelled results. Excitation sources (each wave system, turbulent wind) are
statistically independent; they share one linearised system (the drag damping follows
the total relative-velocity variance of all of them).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from raft_sim.design.objects import Case

WIND_SOURCE = "wind"


@dataclass(frozen=True, eq=False)
class AeroLoads:
    """Rotor and tower aerodynamics of one case, linearised about its operating point.

    Attributes
    ----------
    mean_force : ndarray, shape (6,)
        Mean aerodynamic load about the reference point [N, N m].
    added_mass, damping : ndarray, shape (F, 6, 6)
        Frequency-dependent aerodynamic added mass [kg...] and damping [N s/m...].
    excitation : ndarray, complex, shape (F, 6)
        Load per unit rotor-averaged wind-speed amplitude [N/(m/s), N m/(m/s)].
    wind_psd : ndarray, shape (F,)
        One-sided spectrum of the rotor-averaged wind speed [m^2/s^2 s/rad].
    channels : dict of str to (ndarray (F,6) complex, ndarray (F,) complex, float)
        Rotor channels (rotor speed, blade pitch, ...): transfer from platform motion
        (per unit DOF amplitude), transfer from wind speed, and mean value.
    """

    mean_force: np.ndarray
    added_mass: np.ndarray
    damping: np.ndarray
    excitation: np.ndarray
    wind_psd: np.ndarray
    channels: dict


def no_aero(n_freq: int) -> AeroLoads:
    """Aerodynamics switched off: all zeros."""
    zeros = np.zeros((n_freq, 6, 6))
    return AeroLoads(np.zeros(6), zeros, zeros, np.zeros((n_freq, 6), complex),
                     np.zeros(n_freq), {})


@dataclass(frozen=True, eq=False)
class CaseResponse:
    """Linear responses of one case to its excitation sources (S of them).

    Attributes
    ----------
    mean : ndarray, shape (6,)
        Mean offsets [m, rad].
    rao : ndarray, complex, shape (F, S, 6)
        Response per unit source amplitude (1 m of wave, 1 m/s of wind).
    source_psd : ndarray, shape (F, S)
        One-sided spectrum of each source.
    source_heading : ndarray, shape (S,)
        Direction each source travels towards [rad].
    source : tuple of str
        Labels, ``wave_1..`` then ``wind``.
    converged : bool
        Drag linearisation converged.
    iterations : int
    equilibrium : raft_sim.solve.statics.Equilibrium or None
        None for a failed case.
    aero : AeroLoads
    error : str
        Why the case failed ("" if it did not).
    """

    mean: np.ndarray
    rao: np.ndarray
    source_psd: np.ndarray
    source_heading: np.ndarray
    source: tuple
    converged: bool
    iterations: int
    equilibrium: object
    aero: AeroLoads
    error: str = ""


class AnalysisWarning(UserWarning):
    """A load case whose analysis failed; the other cases' results are kept."""


def failed_case(model, case: Case, n_waves: int, error: Exception) -> CaseResponse:
    """Placeholder response of a case whose analysis raised: NaN results and the reason."""
    n_freq, n_src = model.design.settings.omega.size, n_waves + 1
    return CaseResponse(
        mean=np.full(6, np.nan), rao=np.full((n_freq, n_src, 6), np.nan, complex),
        source_psd=np.zeros((n_freq, n_src)), source_heading=np.zeros(n_src),
        source=tuple(f"wave_{i + 1}" for i in range(n_waves)) + (WIND_SOURCE,),
        converged=False, iterations=0, equilibrium=None, aero=no_aero(n_freq),
        error=f"{type(error).__name__}: {error}")


@dataclass(frozen=True, eq=False)
class HydroGeometry:
    """Submerged strips at a mean pose, for the wave hydrodynamics about the displaced
    reference point P.

    Attributes
    ----------
    strips, faces : Strips, EndFaces
        Positions relative to P, global axes [m] (moment arms).
    strips_abs, faces_abs : Strips, EndFaces
        The same with absolute positions [m] (where the waves are evaluated).
    origin : ndarray, shape (3,)
        P, the displaced reference point [m].
    added_mass : ndarray, shape (6, 6)
        Strip-theory added mass about P [SI].
    """

    strips: object
    faces: object
    strips_abs: object
    faces_abs: object
    origin: np.ndarray
    added_mass: np.ndarray


def hydro_geometry(model, position: np.ndarray) -> HydroGeometry:
    """Strips and end faces of the platform moved to the mean pose ``position`` (6,) [m, rad].

    The submerged part is clipped at the still-water level in the displaced pose, so a
    platform that sinks or tilts under its mean load sees the waves where it really is.
    """
    from dataclasses import replace

    from raft_sim.hydro.added_mass import strip_added_mass
    from raft_sim.structure.frames import rotation_matrix
    from raft_sim.structure.strips import end_faces, platform_strips

    rot, origin = rotation_matrix(*position[3:]), np.asarray(position[:3], dtype=float)
    members = [replace(m, r_a=rot @ m.r_a + origin, r_b=rot @ m.r_b + origin)
               for m in model.design.platform.members]
    strips_abs, faces_abs = platform_strips(members), end_faces(members)
    strips = replace(strips_abs, r=strips_abs.r - origin)
    faces = replace(faces_abs, r=faces_abs.r - origin)
    return HydroGeometry(strips, faces, strips_abs, faces_abs, origin,
                         strip_added_mass(strips, faces, model.design.site.rho_water))


def mass_at_pose(mass_matrix: np.ndarray, position: np.ndarray) -> np.ndarray:
    """6x6 mass matrix about the reference point, turned with the body to ``position``.

    ``blockdiag(R, R) M blockdiag(R, R)^T``: the CG arm and the inertia tensor rotate with
    the body; translation does not change a matrix about the (moving) reference point.
    """
    from raft_sim.structure.frames import rotation_matrix
    rot6 = np.zeros((6, 6))
    rot6[:3, :3] = rot6[3:, 3:] = rotation_matrix(*position[3:])
    return rot6 @ mass_matrix @ rot6.T


def wave_sources(case: Case, omega: np.ndarray, n_waves: int):
    """Wave spectra (F, n_waves) [m^2 s/rad] and headings (n_waves,) [rad], zero-padded."""
    from raft_sim.environment.waves import wave_spectrum
    spectra = np.zeros((omega.size, n_waves))
    headings = np.zeros(n_waves)
    for i, sea in enumerate(case.waves):
        spectra[:, i] = wave_spectrum(sea, omega)
        headings[i] = sea.heading
    return spectra, headings


def mcf_mask(model, strips) -> np.ndarray:
    """Per strip: the member asks for the MacCamy-Fuchs correction, shape (N,)."""
    flags = np.array([m.mcf for m in model.design.platform.members], dtype=bool)
    return flags[strips.member] if flags.size else np.zeros(0, bool)


def current_force(model, case: Case) -> np.ndarray:
    """Mean current drag on the platform strips [N, N m], shape (6,)."""
    if case.current_speed == 0.0:
        return np.zeros(6)
    from raft_sim.hydro.current import current_load
    site = model.design.site
    return current_load(model.strips, model.end_faces, case.current_speed, case.current_heading,
                        site.water_depth, case.current_exponent, site.rho_water)


def current_velocities(model, case: Case, geometry: HydroGeometry):
    """Mean current velocity at the strips (N, 3) and faces (E, 3) [m/s], or Nones without current."""
    if case.current_speed == 0.0:
        return None, None
    from raft_sim.hydro.current import current_velocity
    depth = model.design.site.water_depth
    return tuple(current_velocity(r.reshape(-1, 3)[:, 2], case.current_speed, case.current_heading,
                                  depth, case.current_exponent)
                 for r in (geometry.strips_abs.r, geometry.faces_abs.r))


class _DragModel:
    """Stochastic drag linearisation of the strips for given wave velocities (closure state)."""

    def __init__(self, geometry, rho, omega, u_strips, u_faces, current=(None, None)):
        self.geometry, self.rho, self.omega = geometry, rho, omega
        self.u_strips, self.u_faces = u_strips, u_faces
        self.current_strips, self.current_faces = current
        self.b_strips = self.b_faces = None

    def __call__(self, X):
        from raft_sim.hydro.drag import drag_damping_matrix, drag_point_matrices
        g = self.geometry
        self.b_strips, self.b_faces = drag_point_matrices(
            g.strips, g.faces, self.omega, X, self.u_strips, self.u_faces, self.rho,
            u_mean_strips=self.current_strips, u_mean_faces=self.current_faces)
        return (drag_damping_matrix(g.strips, g.faces, self.b_strips, self.b_faces),
                self.excitation(self.u_strips, self.u_faces))

    def excitation(self, u_strips, u_faces):
        from raft_sim.hydro.drag import drag_excitation
        return drag_excitation(self.geometry.strips, self.geometry.faces, self.b_strips,
                               self.b_faces, u_strips, u_faces)


def _wave_velocities(model, geometry, omega, headings):
    """Wave particle velocity per unit amplitude at strips and faces, a zero wind slot added.

    Returns
    -------
    u_strips : ndarray, complex, shape (N, F, W + 1, 3)
    u_faces : ndarray, complex, shape (E, F, W + 1, 3)
    """
    from raft_sim.environment.waves import wave_kinematics
    site = model.design.site
    out = []
    for r in (geometry.strips_abs.r, geometry.faces_abs.r.reshape(-1, 3)):
        vel = wave_kinematics(r, omega, headings, site.water_depth, site.g, site.rho_water)[0]
        out.append(np.concatenate([vel, np.zeros_like(vel[:, :, :1])], axis=2))
    return tuple(out)


def analyze_case(model, case: Case, n_waves: int, aero: AeroLoads | None = None) -> CaseResponse:
    """Mean offsets and drag-linearised responses of one load case.

    Parameters
    ----------
    model : raft_sim.model.Model
    case : Case
    n_waves : int
        Number of wave-system slots (the most any case of the design has).
    aero : AeroLoads, optional
        Linearised aerodynamics of the case; default none.

    Returns
    -------
    CaseResponse
    """
    from raft_sim.hydro.excitation import strip_excitation
    from raft_sim.solve.drag_iteration import linearize_drag
    from raft_sim.solve.response import impedance, solve_response
    from raft_sim.structure.frames import translate_force

    site, settings = model.design.site, model.design.settings
    omega = settings.omega
    d_omega = omega[0]
    aero = no_aero(omega.size) if aero is None else aero
    eq = model.statics(current_force(model, case) + aero.mean_force)

    spectra, headings = wave_sources(case, omega, n_waves)
    amplitude = np.sqrt(2.0 * spectra * d_omega)                           # (F, W)
    geo = hydro_geometry(model, eq.position)
    f_wave = translate_force(strip_excitation(   # loads about the origin -> about P
        geo.strips_abs, geo.faces_abs, omega, headings, site.water_depth, site.rho_water, site.g,
        mcf=mcf_mask(model, geo.strips)), -geo.origin)                     # (F, W, 6)
    # sources: the W wave systems, then wind (per unit amplitude, zero if no turbulence)
    f_unit = np.concatenate([f_wave, aero.excitation[:, None, :]], axis=1)  # (F, S, 6)
    amp = np.concatenate([amplitude, np.sqrt(2.0 * aero.wind_psd * d_omega)[:, None]], axis=1)
    u_unit_s, u_unit_f = _wave_velocities(model, geo, omega, headings)    # (N|E, F, S, 3)
    drag = _DragModel(geo, site.rho_water, omega, u_unit_s * amp[None, ..., None],
                      u_unit_f * amp[None, ..., None], current_velocities(model, case, geo))
    mass = mass_at_pose(model.mass.mass_matrix, eq.position) + geo.added_mass + aero.added_mass

    def solve(b_drag, f_drag):
        z = impedance(omega, mass, aero.damping + b_drag, eq.stiffness)
        return solve_response(z, f_unit * amp[..., None] + f_drag)

    x0 = np.full(f_unit.shape, settings.xi_start, dtype=complex)
    lin = linearize_drag(solve, drag, x0, settings.tolerance, settings.n_iter, settings.relaxation)
    z = impedance(omega, mass, aero.damping + lin.B_drag, eq.stiffness)
    rao = solve_response(z, f_unit + drag.excitation(u_unit_s, u_unit_f))
    psd = np.concatenate([spectra, aero.wind_psd[:, None]], axis=1)
    return CaseResponse(
        mean=eq.position, rao=rao, source_psd=psd,
        source_heading=np.append(headings, case.wind_heading),
        source=tuple(f"wave_{i + 1}" for i in range(n_waves)) + (WIND_SOURCE,),
        converged=bool(lin.converged), iterations=int(lin.iterations), equilibrium=eq, aero=aero)
