"""Strip-theory (Morison inertia) wave excitation on the submerged members.

Per strip of volume V, with the incident-wave particle acceleration a and the member
axes (p1, p2, q)::

    f = rho V [ (1 + Ca_p1) (a.p1) p1 + (1 + Ca_p2) (a.p2) p2 + Ca_q (a.q) q ]

(Froude-Krylov plus diffraction/added-mass inertia across the member; along the axis
only the optional axial added mass, because the axial Froude-Krylov force comes from
the pressure on the end faces). Per end face (ends, steps, tapers)::

    f = p A_change q + rho Ca_end V_end (a.q) q

with the dynamic pressure p and the signed area change A_change (+A at a closed end A).
Forces are summed as forces and moments about the reference point (r x f). Strips and
faces flagged ``potential_flow`` (members modelled with BEM coefficients) get no strip-theory
inertial excitation, as in RAFT; their drag still applies (``raft_sim.hydro.drag``).
"""
from __future__ import annotations

from typing import Literal

import numpy as np

from raft_sim.conventions import GRAVITY, RHO_WATER
from raft_sim.environment.waves import wave_kinematics, wave_number
from raft_sim.structure.strips import EndFaces, Strips

__all__ = ["strip_inertia_matrices", "face_inertia_matrices", "forces_to_6dof",
           "mccamy_fuchs_cm", "inertia_excitation", "strip_excitation", "strip_cm"]

McfPhase = Literal["physical", "raft"]


def _strip_theory(obj) -> np.ndarray:
    """1.0 where strip-theory inertia applies, 0.0 for potential-flow members' strips/faces."""
    pf = getattr(obj, "potential_flow", None)
    n = len(obj.r)
    return np.ones(n) if pf is None else 1.0 - np.asarray(pf, dtype=float).reshape(n)


def _outer(u: np.ndarray) -> np.ndarray:
    """Outer products u u^T, shape (N, 3, 3), of unit vectors u (N, 3)."""
    return np.einsum("ni,nj->nij", u, u)


def _apply(mats: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    """``mats[n] @ vectors[n, ...]`` for mats (N, 3, 3) and vectors (N, ..., 3), as three
    broadcast products (faster than einsum for complex vectors, the same sums)."""
    cols = mats.reshape(mats.shape[:1] + (1,) * (vectors.ndim - 2) + (3, 3))
    return (vectors[..., 0, None] * cols[..., 0] + vectors[..., 1, None] * cols[..., 1]
            + vectors[..., 2, None] * cols[..., 2])


def strip_inertia_matrices(strips: Strips, rho: float = RHO_WATER) -> np.ndarray:
    """Inertial-excitation matrices of the strips (force = matrix @ acceleration).

    Returns
    -------
    ndarray, shape (N, 3, 3)
        ``rho V [(1+Ca_p1) p1 p1^T + (1+Ca_p2) p2 p2^T + Ca_q q q^T]`` [kg], global axes;
        zero for strips of potential-flow members (their excitation comes from BEM data).
    """
    rv = rho * strips.volume * _strip_theory(strips)
    cm = 1.0 + strips.ca
    mat = (cm[:, 0, None, None] * _outer(strips.p1) + cm[:, 1, None, None] * _outer(strips.p2)
           + strips.ca_axial[:, None, None] * _outer(strips.q))
    return rv[:, None, None] * mat


def face_inertia_matrices(faces: EndFaces, rho: float = RHO_WATER) -> np.ndarray:
    """Axial added-mass inertia matrices of the end faces, ``rho Ca_end V_end q q^T`` [kg], (E, 3, 3).

    Zero for faces of potential-flow members.
    """
    coef = rho * faces.ca_end * faces.added_mass_volume * _strip_theory(faces)
    q = faces.q if getattr(faces, "q_inertia", None) is None else faces.q_inertia
    return coef[:, None, None] * _outer(q)


def forces_to_6dof(r: np.ndarray, f: np.ndarray) -> np.ndarray:
    """Sum point forces into forces and moments about the origin.

    Parameters
    ----------
    r : ndarray, shape (N, 3)
        Application points [m].
    f : ndarray, shape (N, ..., 3)
        Forces [N] (any middle dimensions, real or complex).

    Returns
    -------
    ndarray, shape (..., 6)
        ``[sum f, sum r x f]`` [N, N m].
    """
    from raft_sim.structure.frames import skew

    r = np.asarray(r, dtype=float)
    n, middle = f.shape[0], f.shape[1:-1]
    lever = np.concatenate([np.broadcast_to(np.eye(3), (n, 3, 3)), skew(r)], axis=1)  # (N, 6, 3)
    flat = np.moveaxis(f.reshape(n, -1, 3), 2, 1).reshape(3 * n, -1)              # (3N, M)
    out = lever.transpose(1, 0, 2).reshape(6, 3 * n) @ flat                       # one BLAS call
    return out.T.reshape(middle + (6,))


def mccamy_fuchs_cm(k, radius, cm_low, phase: McfPhase = "physical") -> np.ndarray:
    """Transverse inertia coefficient with the MacCamy-Fuchs diffraction correction.

    For a vertical circular cylinder of radius R in a wave of number k (x = k R), linear
    diffraction theory gives the force per unit length ``rho pi R^2 Cm a`` with (e^{+i w t})::

        Cm = -4 i / (pi x^2 H1^(2)'(x))        (H^(2): outgoing scattered waves)

    which tends to 2 for x -> 0. As in RAFT, it is blended from the Morison value
    ``cm_low = 1 + Ca`` with the ramp ``0.5 (1 - cos(pi k / k_t))`` for k < k_t = pi/(5 R)
    (wavelength/D > 5) and used unblended above.

    Parameters
    ----------
    k : array_like, shape (F,)
        Wave numbers [rad/m].
    radius : array_like, shape (N,)
        Cylinder radius at each strip [m].
    cm_low : array_like, shape (N, ...)
        Morison inertia coefficient(s) 1 + Ca (e.g. (N, 2) for p1, p2).
    phase : {"physical", "raft"}
        ``"raft"`` reproduces RAFT 2.0, which uses H^(1) (``4 i / (pi x^2 H1^(1)'(x))``,
        the e^{-i w t} form) in its e^{+i w t} convention, i.e. the complex conjugate.

    Returns
    -------
    ndarray, complex, shape (N, F, ...)
    """
    from scipy.special import hankel1

    k = np.asarray(k, dtype=float)[None, :]
    radius = np.asarray(radius, dtype=float)[:, None]
    x = k * radius
    xs = np.where(x > 0, x, 1.0)
    dh1 = 0.5 * (hankel1(0, xs) - hankel1(2, xs))
    cm = 4j / (np.pi * xs ** 2 * dh1)
    if phase == "physical":
        cm = np.conj(cm)
    k_t = np.pi / 5.0 / radius
    ramp = np.where(k < k_t, 0.5 * (1.0 - np.cos(np.pi * k / k_t)), 1.0)
    ramp = np.where(x > 0, ramp, 0.0)
    cm_low = np.asarray(cm_low, dtype=float)
    extra = (1,) * (cm_low.ndim - 1)
    cm = cm.reshape(cm.shape + extra)
    ramp = ramp.reshape(ramp.shape + extra)
    return cm * ramp + cm_low[:, None] * (1.0 - ramp)


def inertia_excitation(strips: Strips, faces: EndFaces, acc_strips: np.ndarray,
                       acc_faces: np.ndarray, p_faces: np.ndarray,
                       rho: float = RHO_WATER, cm_strips: np.ndarray | None = None) -> np.ndarray:
    """Inertial wave excitation from given wave kinematics.

    Parameters
    ----------
    strips, faces : Strips, EndFaces
    acc_strips : ndarray, complex, shape (N, F, H, 3)
        Wave particle acceleration at the strip centres [m/s^2 per m of amplitude].
    acc_faces : ndarray, complex, shape (E, F, H, 3)
        Wave particle acceleration at the face centres.
    p_faces : ndarray, complex, shape (E, F, H)
        Dynamic pressure at the face centres [Pa per m].
    rho : float
        Water density [kg/m^3].
    cm_strips : ndarray, complex, shape (N, F, 2), optional
        Frequency-dependent transverse inertia coefficients (e.g. ``mccamy_fuchs_cm``)
        replacing ``1 + Ca``.

    Returns
    -------
    ndarray, complex, shape (F, H, 6)
        Excitation forces and moments about the origin [N/m, N m/m].
    """
    if cm_strips is None:
        f_s = _apply(strip_inertia_matrices(strips, rho), acc_strips)
    else:
        rv = rho * strips.volume * _strip_theory(strips)
        f_s = np.zeros(acc_strips.shape, dtype=complex)
        for col, axis in enumerate((strips.p1, strips.p2)):
            a_d = np.einsum("nfhj,nj->nfh", acc_strips, axis) * cm_strips[:, :, None, col]
            f_s += (rv[:, None, None] * a_d)[..., None] * axis[:, None, None, :]
        a_q = np.einsum("nfhj,nj->nfh", acc_strips, strips.q) * strips.ca_axial[:, None, None]
        f_s += (rv[:, None, None] * a_q)[..., None] * strips.q[:, None, None, :]
    out = forces_to_6dof(strips.r, f_s)
    if len(faces.r):
        f_e = _apply(face_inertia_matrices(faces, rho), acc_faces)
        area = faces.area_change * _strip_theory(faces)
        f_e = f_e + (p_faces * area[:, None, None])[..., None] * faces.q[:, None, None, :]
        out = out + forces_to_6dof(faces.r, f_e)
    return out


def strip_excitation(strips: Strips, faces: EndFaces, omega, heading, depth: float,
                     rho: float = RHO_WATER, g: float = GRAVITY, mcf=None,
                     mcf_phase: McfPhase = "physical") -> np.ndarray:
    """Strip-theory wave excitation per unit wave amplitude.

    Parameters
    ----------
    strips, faces : Strips, EndFaces
        Submerged strips and end faces (positions relative to the reference point).
    omega : array_like, shape (F,)
        Angular frequencies [rad/s].
    heading : array_like, shape (H,)
        Wave headings (direction of travel) [rad].
    depth : float
        Water depth [m].
    rho, g : float
        Water density [kg/m^3] and gravity [m/s^2].
    mcf : array_like of bool, shape (N,), optional
        Strips to which the MacCamy-Fuchs correction applies (circular strips of members
        with ``Member.mcf``, e.g. ``[platform.members[m].mcf for m in strips.member]``);
        ignored on rectangular strips.
    mcf_phase : {"physical", "raft"}
        See ``mccamy_fuchs_cm``.

    Returns
    -------
    ndarray, complex, shape (F, H, 6)
        Complex force/moment amplitudes about the reference point per metre of wave
        amplitude [N/m, N m/m]; multiply by the component amplitudes
        (``wave_amplitudes``) for the excitation of a sea state.
    """
    _, acc_s, _ = wave_kinematics(strips.r, omega, heading, depth, g, rho)
    _, acc_e, p_e = wave_kinematics(faces.r.reshape(-1, 3), omega, heading, depth, g, rho)
    cm = strip_cm(strips, omega, depth, g, mcf, mcf_phase)
    return inertia_excitation(strips, faces, acc_s, acc_e, p_e, rho, cm)


def strip_cm(strips: Strips, omega, depth: float, g: float = GRAVITY, mcf=None,
             mcf_phase: McfPhase = "physical") -> np.ndarray | None:
    """Transverse inertia coefficients of the strips with the MacCamy-Fuchs correction.

    Parameters
    ----------
    strips : Strips
    omega : array_like, shape (F,)
        Angular frequencies [rad/s].
    depth, g : float
        Water depth [m] and gravity [m/s^2].
    mcf, mcf_phase
        As for :func:`strip_excitation`.

    Returns
    -------
    ndarray, complex, shape (N, F, 2), or None
        ``mccamy_fuchs_cm`` on the corrected strips, ``1 + Ca`` on the others; None when
        no strip is corrected (then ``1 + Ca`` applies everywhere).
    """
    if mcf is None or not np.any(np.asarray(mcf, bool) & strips.circular):
        return None
    use = np.asarray(mcf, bool) & strips.circular
    k = wave_number(omega, depth, g)
    cm_low = 1.0 + strips.ca
    cm = np.broadcast_to(cm_low[:, None, :], (len(strips.r), len(k), 2)).astype(complex)
    cm[use] = mccamy_fuchs_cm(k, 0.5 * strips.size[use, 0], cm_low[use], mcf_phase)
    return cm
