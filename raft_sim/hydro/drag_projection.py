"""Stochastic drag linearisation of all strips and faces, batched over load cases.

The same physics as :mod:`raft_sim.hydro.drag` (read its docstring), written as
projections so that an iteration costs a few matrix products for any number of cases.
Every drag *element* k is one direction e_k of one strip (p1, p2, q) or one end face (q),
at the point r_k relative to the reference point P, with the coefficient
``c_k = 0.5 rho Cd_k A_k``. With ``g_k = [e_k, r_k x e_k]`` (the generalised force of a unit
force along e_k at r_k), the relative velocity along e_k of case c is

    v_k(f, s) = a_k(f, s) amp_c(f, s) - i w_f g_k . X_c(f, s)

(``a_k``: wave particle velocity along e_k per unit amplitude of source s, ``amp_c`` the
component amplitudes, X_c the motion amplitudes), whose variance is

    sigma_k^2 = 0.5 [ sum |a_k amp_c|^2 - 2 Re(g_k . P_ck) + g_k^T Re(Q_c) g_k ],
    P_ck = sum_{f,s} conj(a_k amp_c) i w X_c,     Q_c = sum_{f,s} w^2 X_c X_c^H.

The linearised coefficient ``b_k = c_k s_k`` (``s_k = sqrt(8/pi) sigma_k``, or
``equivalent_drag_speed`` with a mean current) then gives the 6x6 damping
``sum_k b_k g_k g_k^T`` and the drag excitation per unit source amplitude
``sum_k b_k a_k(f, s) g_k``. Circular strips use the variance (and mean) of the whole
transverse velocity in both transverse directions, as :mod:`raft_sim.hydro.drag`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from raft_sim.hydro.drag import SQRT_8_OVER_PI, drag_areas, equivalent_drag_speed
from raft_sim.structure.strips import EndFaces, Strips


@dataclass(frozen=True, eq=False)
class DragElements:
    """Drag elements of a submerged geometry (K of them), see the module docstring.

    Attributes
    ----------
    g : ndarray, shape (K, 6)
        Generalised direction ``[e, r x e]`` about the reference point [-, m].
    coefficient : ndarray, shape (K,)
        ``0.5 rho Cd A`` [kg/m].
    velocity : ndarray, complex, shape (K, F, S)
        Wave particle velocity along e per unit source amplitude [m/s per m] (zero for
        non-wave sources).
    mean : ndarray, shape (K,) or None
        Mean (current) velocity along e [m/s]; None without current.
    partner : ndarray of int, shape (K,)
        Index of the element whose variance is added to this one's (the other transverse
        direction of a circular strip), or -1.
    """

    g: np.ndarray
    coefficient: np.ndarray
    velocity: np.ndarray
    mean: np.ndarray | None
    partner: np.ndarray

    # Products every drag iteration needs, computed once per set of elements.
    @cached_property
    def velocity_conj(self) -> np.ndarray:
        """Complex conjugate of ``velocity``, shape (K, F S)."""
        return self.velocity.reshape(len(self.g), -1).conj()

    @cached_property
    def velocity_power(self) -> np.ndarray:
        """``|velocity|^2`` [m^2/s^2 per m^2], shape (K, F S)."""
        return np.abs(self.velocity.reshape(len(self.g), -1)) ** 2

    @cached_property
    def g_outer(self) -> np.ndarray:
        """``g_k g_k^T`` flattened, shape (K, 36)."""
        return (self.g[:, :, None] * self.g[:, None, :]).reshape(len(self.g), 36)


def drag_elements(strips: Strips, faces: EndFaces, u_strips, u_faces, rho: float,
                  current_strips=None, current_faces=None) -> DragElements:
    """Drag elements of strips and faces.

    Parameters
    ----------
    strips, faces : Strips, EndFaces
        Positions relative to the reference point [m].
    u_strips, u_faces : ndarray, complex, shape (N, F, S, 3) and (E, F, S, 3)
        Wave particle velocity per unit source amplitude [m/s per m].
    rho : float
        Water density [kg/m^3].
    current_strips, current_faces : ndarray, shape (N, 3) and (E, 3), optional
        Mean current velocity, global axes [m/s].

    Returns
    -------
    DragElements
        Strip elements in the order (strip, direction p1/p2/q), then faces.
    """
    n = len(strips.r)
    axes = np.stack([strips.p1, strips.p2, strips.q], axis=1)               # (N, 3, 3)
    cd = np.stack([strips.cd[:, 0], strips.cd[:, 1], strips.cd_axial], axis=1)
    coef_s = 0.5 * rho * cd * drag_areas(strips)                            # (N, 3)
    e = np.concatenate([axes.reshape(-1, 3), faces.q.reshape(-1, 3)])
    r = np.concatenate([np.repeat(strips.r, 3, axis=0), faces.r.reshape(-1, 3)])
    coef = np.concatenate([coef_s.ravel(), 0.5 * rho * faces.cd_end * np.abs(faces.area_change)])
    vel = np.concatenate([_along(u_strips[:, None], axes[:, :, None, None]).reshape((3 * n,) + u_strips.shape[1:3]),
                          _along(u_faces.reshape((-1,) + u_strips.shape[1:]), faces.q.reshape(-1, 1, 1, 3))])
    partner = np.full(len(e), -1)
    circ = np.flatnonzero(strips.circular)
    partner[3 * circ], partner[3 * circ + 1] = 3 * circ + 1, 3 * circ
    mean = None
    if current_strips is not None:
        mean = np.concatenate([np.einsum("nj,ndj->nd", current_strips, axes).ravel(),
                               np.einsum("ej,ej->e", current_faces.reshape(-1, 3), faces.q.reshape(-1, 3))])
    return DragElements(np.concatenate([e, np.cross(r, e)], axis=1), coef, vel, mean, partner)


def _along(u: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Components ``u . e`` over the last axis (broadcast), summed x, y, z in order."""
    return u[..., 0] * e[..., 0] + u[..., 1] * e[..., 1] + u[..., 2] * e[..., 2]


def _with_partner(values: np.ndarray, partner: np.ndarray, combine) -> np.ndarray:
    """Combine each element's value with its partner's (last axis), where it has one."""
    has = partner >= 0
    out = values.copy()
    out[..., has] = combine(values[..., has], values[..., partner[has]])
    return out


def drag_coefficients(el: DragElements, omega, amplitude, X) -> np.ndarray:
    """Linearised drag coefficient ``b_k`` of every element for each case [N s/m].

    Parameters
    ----------
    el : DragElements
    omega : ndarray, shape (F,)
        [rad/s].
    amplitude : ndarray, shape (C, F, S)
        Component amplitudes of the sources per case [m, m/s].
    X : ndarray, complex, shape (C, F, S, 6)
        Motion amplitudes [m, rad].

    Returns
    -------
    ndarray, shape (C, K)
    """
    c = X.shape[0]
    power = el.velocity_power @ (amplitude.reshape(c, -1) ** 2).T             # (K, C)
    ix = (1j * omega[None, :, None, None] * X * amplitude[..., None]).reshape(c, -1, 6)
    p = el.velocity_conj @ ix                                                 # (C, K, 6)
    wx = (omega[None, :, None, None] * X).reshape(c, -1, 6)
    q = (np.swapaxes(wx, 1, 2) @ wx.conj()).real                              # (C, 6, 6)
    var = 0.5 * (power.T - 2.0 * np.sum(el.g * p.real, axis=-1)
                 + np.sum((el.g @ q) * el.g, axis=-1))
    var = _with_partner(np.maximum(var, 0.0), el.partner, np.add)
    if el.mean is None:
        speed = SQRT_8_OVER_PI * np.sqrt(var)
    else:
        mean = _with_partner(el.mean, el.partner, np.hypot)
        speed = equivalent_drag_speed(mean[None, :], np.sqrt(var))
    return el.coefficient[None, :] * speed


def drag_damping(el: DragElements, b) -> np.ndarray:
    """Drag damping about the reference point, ``sum_k b_k g_k g_k^T``, (C, 6, 6) [SI]."""
    return (b @ el.g_outer).reshape(-1, 6, 6)


def drag_excitation(el: DragElements, b) -> np.ndarray:
    """Drag excitation per unit source amplitude ``sum_k b_k a_k g_k``, (C, F, S, 6) complex."""
    k, f, s = el.velocity.shape
    w = (b[:, :, None] * el.g[None, :, :]).transpose(1, 0, 2).reshape(k, -1)   # (K, C 6)
    out = el.velocity.reshape(k, -1).T @ w                                       # (F S, C 6)
    return np.moveaxis(out.reshape(f, s, b.shape[0], 6), 2, 0)
