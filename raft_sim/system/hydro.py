"""Strip-theory hydrodynamics of one mean pose: geometry, added mass, wave excitation, drag elements.

Everything here is a function of the prepared design, the mean pose and the conventions;
it is shared by all cases of a batch that have that pose and those wave headings.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np


@dataclass(frozen=True, eq=False)
class HydroGeometry:
    """Submerged strips at a mean pose, about the displaced reference point P.

    Attributes
    ----------
    strips, faces : Strips, EndFaces
        Strips wetted at the mean pose (drag), positions relative to P, global axes [m].
    strips_abs, faces_abs : Strips, EndFaces
        The same with absolute positions [m] (where the waves are evaluated).
    inertia_strips, inertia_faces : Strips, EndFaces
        Strips of the inertia terms (added mass, inertial excitation), relative to P:
        the drag strips (physical), or the drag strips with RAFT's undisplaced lengths and
        axes (``hydro_pose: undisplaced``); always at the drag strips' positions.
    inertia_strips_abs, inertia_faces_abs : Strips, EndFaces
        The same with absolute positions [m].
    origin : ndarray, shape (3,)
        P, the displaced reference point [m].
    added_mass : ndarray, shape (6, 6)
        Strip-theory added mass about P [SI].
    """

    strips: object
    faces: object
    strips_abs: object
    faces_abs: object
    inertia_strips: object
    inertia_faces: object
    inertia_strips_abs: object
    inertia_faces_abs: object
    origin: np.ndarray
    added_mass: np.ndarray


def _undisplaced_inertia(strips, undisplaced):
    """The strips with the lengths (volumes) and axes the same strips (matched by member and
    slot) had at the undisplaced pose; zero length for a strip that was dry there."""
    key = lambda st: st.member.astype(np.int64) * 1_000_000 + st.slot.astype(np.int64)  # noqa: E731
    index = {k: i for i, k in enumerate(key(undisplaced).tolist())}
    found = np.array([index.get(k, -1) for k in key(strips).tolist()], dtype=int)
    hit = found >= 0
    fields = {"length": np.where(hit, undisplaced.length[np.maximum(found, 0)], 0.0)}
    for name in ("q", "p1", "p2"):
        fields[name] = np.where(hit[:, None], getattr(undisplaced, name)[np.maximum(found, 0)],
                                getattr(strips, name))
    return replace(strips, **fields)


def hydro_geometry(prepared, position: np.ndarray, conventions) -> HydroGeometry:
    """Strips and end faces of the platform at the mean pose ``position`` (6,) [m, rad].

    The drag strips are those wetted in the displaced pose (clipped at the still-water
    level there). The inertia strips are the same (``conventions.hydro_pose == "mean"``), or
    RAFT's (``"undisplaced"``): the same strips at the mean pose but with the lengths
    (volumes) they had at the undisplaced draft, and the added mass of the undisplaced pose.
    Built once per pose and conventions on a prepared design (``prepared.geometry_memo``).
    """
    key = (np.asarray(position, dtype=float).tobytes(), conventions.surface_strip,
           conventions.hydro_pose)
    platform = prepared.design.platform
    found = prepared.geometry_memo.get(key)
    if found is not None and found[0] is platform:  # the same pose seen before (read-only)
        return found[1]
    from raft_sim.system.prepare import remember
    geo = _hydro_geometry(prepared, position, conventions)
    remember(prepared.geometry_memo, key, (platform, geo))
    return geo


def _hydro_geometry(prepared, position: np.ndarray, conventions) -> HydroGeometry:
    from raft_sim.hydro.added_mass import strip_added_mass
    from raft_sim.structure.frames import rotation_matrix
    from raft_sim.structure.strips import faces_at, member_ends, strip_layout, strips_at

    rot, origin = rotation_matrix(*position[3:]), np.asarray(position[:3], dtype=float)
    members = prepared.design.platform.members
    layout = prepared.strips.layout  # cut from these members by prepare; the same at every pose
    if layout is None:  # strips made otherwise
        layout = strip_layout(members)
    ends = member_ends(members)
    r_a, r_b = ((rot @ r[:, :, None])[..., 0] + origin for r in ends)  # = rot @ r_i + origin
    surface, replaced = conventions.surface_strip, prepared.potential_members
    strips_abs = strips_at(layout, r_a, r_b, replaced, surface=surface)
    faces_abs = faces_at(layout, r_a, r_b, replaced)
    strips = replace(strips_abs, r=strips_abs.r - origin)
    faces = replace(faces_abs, r=faces_abs.r - origin)
    if conventions.hydro_pose == "undisplaced":
        base = prepared.strips if surface == "clip" else strips_at(layout, *ends, replaced, surface)
        i_strips = _undisplaced_inertia(strips, base)
        i_strips_abs = replace(i_strips, r=strips_abs.r)
        i_faces, i_faces_abs = faces, faces_abs
        if np.array_equal(faces.member, prepared.faces.member):  # same faces: undisplaced axes
            i_faces = replace(faces, q_inertia=prepared.faces.q)
            i_faces_abs = replace(faces_abs, q_inertia=prepared.faces.q)
        added = prepared.added_mass if base is prepared.strips else strip_added_mass(
            base, prepared.faces, prepared.design.site.rho_water)
    else:
        i_strips, i_strips_abs, i_faces, i_faces_abs = strips, strips_abs, faces, faces_abs
        added = strip_added_mass(strips, faces, prepared.design.site.rho_water)
    return HydroGeometry(strips, faces, strips_abs, faces_abs, i_strips, i_faces, i_strips_abs,
                         i_faces_abs, origin, added)


def mcf_mask(prepared, strips) -> np.ndarray:
    """Per strip: the member asks for the MacCamy-Fuchs correction, shape (N,)."""
    flags = np.array([m.mcf for m in prepared.design.platform.members], dtype=bool)
    return flags[strips.member] if flags.size else np.zeros(0, bool)


@dataclass(frozen=True, eq=False)
class WaveKinematics:
    """Airy wave kinematics per unit amplitude at the strips and faces of a :class:`HydroGeometry`.

    The inertia strips and faces sit where the drag ones do (only their lengths and axes
    may differ), so one evaluation serves the wave excitation and the drag.

    Attributes
    ----------
    omega : ndarray, shape (F,)
        [rad/s].
    headings : ndarray, shape (H,)
        Wave headings [rad].
    strip_velocity, strip_acceleration : ndarray, complex, shape (N, F, H, 3)
        At the strip centres [m/s, m/s^2 per m].
    face_velocity, face_acceleration : ndarray, complex, shape (E, F, H, 3)
        At the face centres [m/s, m/s^2 per m].
    face_pressure : ndarray, complex, shape (E, F, H)
        Dynamic pressure at the face centres [Pa per m].
    """

    omega: np.ndarray
    headings: np.ndarray
    strip_velocity: np.ndarray
    strip_acceleration: np.ndarray
    face_velocity: np.ndarray
    face_acceleration: np.ndarray
    face_pressure: np.ndarray


def wave_kinematics_at(prepared, geo: HydroGeometry, omega, headings) -> WaveKinematics:
    """Wave kinematics at the strips and faces of ``geo`` (absolute positions), all at once."""
    from raft_sim.environment.waves import wave_kinematics
    site = prepared.design.site
    n = len(geo.strips_abs.r)
    points = np.concatenate([geo.strips_abs.r, geo.faces_abs.r.reshape(-1, 3)])
    vel, acc, pressure = wave_kinematics(points, omega, headings, site.water_depth, site.g,
                                         site.rho_water)
    return WaveKinematics(np.asarray(omega, float), np.atleast_1d(np.asarray(headings, float)),
                          vel[:n], acc[:n], vel[n:], acc[n:], pressure[n:])


def wave_excitation(prepared, geo: HydroGeometry, kin: WaveKinematics, conventions) -> np.ndarray:
    """Strip-theory wave excitation about P per unit amplitude, (F, H, 6) complex [N/m, N m/m]."""
    from raft_sim.hydro.excitation import inertia_excitation, strip_cm
    from raft_sim.structure.frames import translate_force
    site = prepared.design.site
    cm = strip_cm(geo.inertia_strips_abs, kin.omega, site.water_depth, site.g,
                  mcf=mcf_mask(prepared, geo.inertia_strips), mcf_phase=conventions.mcf_phase)
    f = inertia_excitation(geo.inertia_strips_abs, geo.inertia_faces_abs, kin.strip_acceleration,
                           kin.face_acceleration, kin.face_pressure, site.rho_water, cm)
    return translate_force(f, -geo.origin)  # loads about the origin -> about P


def wave_velocities(kin: WaveKinematics):
    """Wave particle velocity per unit amplitude at the drag strips and faces, a zero
    wind slot appended: (N, F, H + 1, 3) and (E, F, H + 1, 3) complex [m/s per m]."""
    return tuple(np.concatenate([vel, np.zeros_like(vel[:, :, :1])], axis=2)
                 for vel in (kin.strip_velocity, kin.face_velocity))


def current_velocities(case, geo: HydroGeometry, depth: float):
    """Mean current velocity at the drag strips (N, 3) and faces (E, 3) [m/s], or Nones."""
    if case.current_speed == 0.0:
        return None, None
    from raft_sim.hydro.current import current_velocity
    return tuple(current_velocity(r.reshape(-1, 3)[:, 2], case.current_speed, case.current_heading,
                                  depth, case.current_exponent)
                 for r in (geo.strips_abs.r, geo.faces_abs.r))


def current_force(prepared, case) -> np.ndarray:
    """Mean current drag on the platform strips [N, N m], shape (6,)."""
    if case.current_speed == 0.0:
        return np.zeros(6)
    from raft_sim.hydro.current import current_load
    site = prepared.design.site
    return current_load(prepared.strips, prepared.faces, case.current_speed, case.current_heading,
                        site.water_depth, case.current_exponent, site.rho_water)


def mass_at_pose(mass_matrix: np.ndarray, position: np.ndarray) -> np.ndarray:
    """6x6 mass matrix about the reference point, turned with the body to ``position``.

    ``blockdiag(R, R) M blockdiag(R, R)^T``: the CG arm and the inertia tensor rotate with
    the body; translation does not change a matrix about the (moving) reference point.
    """
    from raft_sim.structure.frames import rotation_matrix
    rot6 = np.zeros((6, 6))
    rot6[:3, :3] = rot6[3:, 3:] = rotation_matrix(*position[3:])
    return rot6 @ mass_matrix @ rot6.T
