"""Tower-base loads: the six load components that tower + RNA exert on the platform.

The part above the tower base (tower, RNA and rotor; mass matrix ``M`` about the platform
reference point, weight ``W = (0, 0, -m g)`` at its centre of gravity ``r_G``) moves
rigidly with the platform. Newton's law for that part gives the load it exerts on the
base, about the platform reference point, in global axes,

    L = E + W_load - M x_ddot,

with ``E`` the external (rotor and tower aerodynamic) loads on it and ``W_load`` the
weight's force and moment. For the linear response ``x = Re(X exp(i w t))`` about the mean
pose, per unit source amplitude,

    dL = dE + w^2 M X + [0, (theta x r_G) x W],

and the load about the base point ``r_b`` is ``M_b = M - r_b x F``. The components are
reported in the **rotor frame**: the tower-base axes that tilt with the platform
(``R(t)^T L``; linearised, the weight's load gains ``-theta x L_W``),
turned about the tower axis so that x points along the rotor's horizontal heading (the
direction the thrust pushes, "fore-aft"), y to its left ("side-side") and z up the
tower. Signs: a force component is positive along the axis; a moment is the right-hand
component about the axis, so a positive thrust gives a positive fore-aft moment (about
+y, the tower bent towards +x) and a force to the left (+y) at the top gives a *negative*
side-side moment (about +x), as OpenFAST's TwrBsMxt/TwrBsMyt.
"""
from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from raft_sim.conventions import GRAVITY

LOAD_COMPONENTS = ("fore_aft_shear", "side_side_shear", "axial_force",
                   "side_side_moment", "fore_aft_moment", "torsion")
"""Order of the six rotor-frame components returned here."""


def rotor_frame(mean_pose: ArrayLike, heading: float) -> np.ndarray:
    """Rotation (3, 3) from rotor-frame to global components at the mean pose.

    The platform's mean rotation followed by a turn about the tower axis to the rotor's
    heading relative to the platform (``heading`` minus the mean yaw).

    Parameters
    ----------
    mean_pose : array_like, shape (6,)
        Mean platform pose [m, rad].
    heading : float
        Absolute heading of the rotor axis, from +x towards +y [rad].
    """
    from raft_sim.structure.frames import rotation_matrix
    pose = np.asarray(mean_pose, dtype=float)
    yaw = heading - pose[5]
    turn = np.array([[np.cos(yaw), -np.sin(yaw), 0.0], [np.sin(yaw), np.cos(yaw), 0.0],
                     [0.0, 0.0, 1.0]])
    return rotation_matrix(*pose[3:]) @ turn


def mean_tower_base_load(mass: float, r_cg: ArrayLike, r_base: ArrayLike,
                         external: ArrayLike | None = None, g: float = GRAVITY) -> np.ndarray:
    """Mean load (6,) of tower + RNA on the base, about the base point, global axes.

    Parameters
    ----------
    mass : float
        Mass above the base [kg].
    r_cg, r_base : array_like, shape (3,)
        Its centre of gravity and the base point at the mean pose, relative to the
        (displaced) reference point, global axes [m].
    external : array_like, shape (6,), optional
        Mean aerodynamic load on it about the reference point [N, N m].
    g : float
        Gravitational acceleration [m/s^2].

    Returns
    -------
    ndarray, shape (6,)
        Force [N] and moment about the base point [N m] exerted on the base.
    """
    weight = np.array([0.0, 0.0, -mass * g])
    load = np.concatenate([weight, np.cross(r_cg, weight)])
    if external is not None:
        load = load + np.asarray(external, dtype=float)
    return np.concatenate([load[:3], load[3:] - np.cross(r_base, load[:3])])


def tower_base_load(X: ArrayLike, omega: ArrayLike, mass_matrix: ArrayLike, r_base: ArrayLike,
                    frame: ArrayLike, external: ArrayLike | None = None,
                    g: float = GRAVITY) -> np.ndarray:
    """Linear tower-base load per unit source amplitude, rotor-frame components.

    Parameters
    ----------
    X : array_like, complex, shape (..., F, S, 6)
        Platform motion per unit source amplitude [m, rad].
    omega : array_like, shape (F,)
        Angular frequencies [rad/s].
    mass_matrix : array_like, shape (6, 6)
        Mass matrix of tower + RNA about the reference point at the mean pose [kg, kg m,
        kg m^2]; its mass and centre of gravity give the weight.
    r_base : array_like, shape (3,)
        Base point at the mean pose relative to the reference point [m].
    frame : array_like, shape (3, 3)
        Rotor frame at the mean pose (:func:`rotor_frame`).
    external : array_like, complex, shape (..., F, S, 6), optional
        Linear aerodynamic load on tower + RNA about the reference point (rotor reaction
        to motion and wind, tower drag, torque reaction) [N, N m]. Like the linear rotor
        model (thrust along the shaft), these loads act in axes that turn with the
        nacelle, so their mean part does not rotate in the rotor frame.
    g : float
        Gravitational acceleration [m/s^2].

    Returns
    -------
    ndarray, complex, shape (..., F, S, 6)
        Components in :data:`LOAD_COMPONENTS` order [N, N m].

    Notes
    -----
    The weight ``W`` at ``r = r_G - r_b`` gives, in the tilting frame, the linear terms
    ``[-theta x W, (theta x r) x W - theta x (r x W)]``; the inertia ``w^2 M X`` and the
    aerodynamic load are moved from the reference point to the base point. All three are
    constant 6x6 maps (:func:`load_matrices`); X may carry leading dims (e.g. cases).
    """
    inertia, stiffness, transfer = load_matrices(mass_matrix, r_base, frame, g)
    X = np.asarray(X)
    w2 = np.asarray(omega, dtype=float)[:, None, None] ** 2
    load = w2 * rows_times(X, inertia) + rows_times(X, stiffness)
    if external is not None:
        load = load + rows_times(np.asarray(external), transfer)
    return load


def rows_times(X: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """``X @ matrix.T`` over the last axis of X (any leading dims) as one matrix product."""
    matrix = np.asarray(matrix).astype(X.dtype, copy=False)
    flat = np.ascontiguousarray(X).reshape(-1, X.shape[-1]) @ matrix.T
    return flat.reshape(X.shape[:-1] + (matrix.shape[0],))


def load_matrices(mass_matrix: ArrayLike, r_base: ArrayLike, frame: ArrayLike,
                  g: float = GRAVITY) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The constant 6x6 maps of :func:`tower_base_load`: ``L = w^2 A X + C X + D E``.

    Parameters
    ----------
    mass_matrix, r_base, frame, g
        As in :func:`tower_base_load`.

    Returns
    -------
    A, C, D : ndarray, shape (6, 6)
        Inertia [kg, kg m, kg m^2], weight stiffness [N/rad, N m/rad] and the transfer of
        a load about the reference point to rotor-frame components at the base [1, m].
    """
    from raft_sim.structure.frames import skew
    from raft_sim.structure.inertia import center_of_mass
    m6 = np.asarray(mass_matrix, dtype=float)
    r_b = np.asarray(r_base, dtype=float)
    weight, arm = np.array([0.0, 0.0, -m6[0, 0] * g]), center_of_mass(m6) - r_b
    to_base = np.eye(6)
    to_base[3:, :3] = -skew(r_b)                                   # M_b = M - r_b x F
    rotate = np.zeros((6, 6))
    rotate[:3, :3] = rotate[3:, 3:] = np.asarray(frame, dtype=float).T
    s_w = skew(weight)
    weight_terms = np.zeros((6, 6))                                 # on theta (columns 3:)
    weight_terms[:3, 3:] = s_w                                     # -theta x W
    weight_terms[3:, 3:] = s_w @ skew(arm) + skew(np.cross(arm, weight))
    transfer = rotate @ to_base
    return transfer @ m6, rotate @ weight_terms, transfer


def in_frame(load: ArrayLike, frame: ArrayLike) -> np.ndarray:
    """Global load components (..., 6) in the rotor frame (:func:`rotor_frame`)."""
    load, frame = np.asarray(load), np.asarray(frame, dtype=float)
    return np.concatenate([load[..., :3] @ frame, load[..., 3:] @ frame], axis=-1)
