"""Mean (static) equilibrium pose of a floating platform.

Balanced loads, all on the platform, global axes, moments about the displaced reference
point [N, N m]:

- weight ``-m g e_z`` acting at the centre of gravity, whose arm rotates with the body
  (exact rotation, so the gravity restoring moment is ``m g z_G sin(theta)``-like);
- buoyancy ``rho g V e_z`` acting at the centre of buoyancy, whose arm also rotates with the
  body, and the waterplane restoring, linear in the tilt of the body's axis:
  ``F_b0 - C_wp t(x)`` (``C_wp`` is the hydrostatic stiffness ``C_h`` less its buoyancy-arm
  part, ``t(x)`` the pose with roll and pitch replaced by the global tilt angles of the
  body's z axis, so that a yawed and tilted body is restored about the axis it is tilted
  about). Without a centre of buoyancy, or with ``linear=True`` (RAFT's linearised
  statics), the whole ``C_h`` acts linearly on the pose;
- the nonlinear quasi-static mooring force at the displaced pose (MoorPy or a callable);
- an extra linear yaw spring ``-k_yaw x_yaw`` (e.g. a crowfoot not in the mooring model);
- a constant external load (mean aerodynamic thrust, current drag, mean drift ...).

Solved by Newton's method on the six pose components with the analytic tangent
stiffness ``C_h + K_gravity(x) + K_mooring(x) + k_yaw``, a per-iteration step limit and a
backtracking line search on a scaled residual norm. A solve that does not converge is
returned with ``converged=False``; only malformed input raises.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from raft_sim.conventions import GRAVITY
from raft_sim.mooring import MooringState
from raft_sim.structure import frames

log = logging.getLogger(__name__)

MAX_STEP = np.array([30.0, 30.0, 5.0, 0.1, 0.1, 0.1])
"""Default largest Newton step per iteration, per DOF [m, m, m, rad, rad, rad] (as RAFT)."""


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """Result of a static equilibrium solve.

    Attributes
    ----------
    position : ndarray, shape (6,)
        Equilibrium pose of the reference point [m, m, m, rad, rad, rad].
    residual : ndarray, shape (6,)
        Net unbalanced load at ``position`` [N, N m].
    converged : bool
    iterations : int
        Newton iterations used.
    stiffness : ndarray, shape (6, 6)
        Total tangent stiffness at ``position`` (hydrostatic + gravity + mooring + yaw
        spring) [SI].
    mooring : MooringState or None
        Mooring state at ``position`` (None without a MoorPy system).
    message : str
        Why the solve stopped.
    """

    position: np.ndarray
    residual: np.ndarray
    converged: bool
    iterations: int
    stiffness: np.ndarray
    mooring: MooringState | None = None
    message: str = ""


def rotation_matrix(angles: np.ndarray) -> np.ndarray:
    """Body-to-global rotation R = Rz(yaw) Ry(pitch) Rx(roll) of angles (roll, pitch, yaw) [rad], (3, 3)
    (:func:`raft_sim.structure.frames.rotation_matrix`)."""
    return frames.pose_rotation(angles)


def _vertical_load(force_z: float, arm: np.ndarray, position6: np.ndarray) -> np.ndarray:
    """Load (6,) of a vertical force at a body point whose arm turns with the body [N, N m]."""
    t = (rotation_matrix(position6[3:]) @ np.asarray(arm, dtype=float)).tolist()
    f = float(force_z)
    # cross(t, (0, 0, f)) term by term as numpy.cross forms it (the same numbers, without its overhead)
    return np.array([0.0, 0.0, f, t[1] * f - t[2] * 0.0, t[2] * 0.0 - t[0] * f, t[0] * 0.0 - t[1] * 0.0])


def _vertical_arm_stiffness(force_z: float, arm: np.ndarray, position6: np.ndarray) -> np.ndarray:
    """Tangent stiffness (6, 6) of that load's moment, ``-dM/dtheta`` for small global rotations."""
    t = (rotation_matrix(position6[3:]) @ np.asarray(arm, dtype=float)).tolist()
    f = float(force_z)
    k = np.zeros((6, 6))
    # -skew((0, 0, f)) @ skew(t): one nonzero product per entry, so written out it is the same
    k[3, 3], k[3, 5], k[4, 4], k[4, 5] = f * t[2], f * -t[0], f * t[2], -f * t[1]
    return k


def weight_load(mass: float, cg: np.ndarray, position6: np.ndarray, g: float) -> np.ndarray:
    """Weight force and moment about the displaced reference point [N, N m], shape (6,)."""
    return _vertical_load(-mass * g, cg, position6)


def weight_stiffness(mass: float, cg: np.ndarray, position6: np.ndarray, g: float) -> np.ndarray:
    """Tangent stiffness of the weight moment, ``-dM/dtheta`` for small global rotations.

    Returns
    -------
    ndarray, shape (6, 6)
        Nonzero only in the rotational block; at the upright pose its roll and pitch
        diagonals are ``-m g z_G`` [N m/rad].
    """
    return _vertical_arm_stiffness(-mass * g, cg, position6)


def linear_weight_stiffness(mass: float, cg: np.ndarray, g: float) -> np.ndarray:
    """RAFT's constant gravity stiffness: only ``-m g z_G`` in roll and pitch [N m/rad], (6, 6)."""
    k = np.zeros((6, 6))
    k[3, 3] = k[4, 4] = -mass * g * float(np.asarray(cg)[2])
    return k


def buoyancy_pose_stiffness(buoyancy: float, center: np.ndarray | None,
                            position6: np.ndarray) -> np.ndarray:
    """Change of the buoyancy moment's tangent stiffness when the platform is tilted.

    The hydrostatic stiffness is given about the upright pose; at a tilted mean pose the
    buoyancy's arm turns with the body exactly as the weight's does, which couples yaw into
    roll and pitch. This returns that term minus its upright value (already part of the
    hydrostatic stiffness), so it vanishes at the upright pose.

    Parameters
    ----------
    buoyancy : float
        Vertical buoyancy force rho g V [N].
    center : ndarray, shape (3,) or None
        Centre of buoyancy, undisplaced [m]; None gives zeros.
    position6 : ndarray, shape (6,)
        Pose [m, rad].

    Returns
    -------
    ndarray, shape (6, 6)
        Nonzero only in the rotational block [N m/rad].
    """
    if center is None:
        return np.zeros((6, 6))
    return (_vertical_arm_stiffness(buoyancy, center, position6)
            - buoyancy_arm_stiffness(buoyancy, center))


def buoyancy_load(buoyancy: float, center: np.ndarray, position6: np.ndarray) -> np.ndarray:
    """Buoyancy force and moment about the displaced reference point, arm rotated with the body.

    Parameters
    ----------
    buoyancy : float
        Vertical buoyancy force rho g V [N].
    center : ndarray, shape (3,)
        Centre of buoyancy relative to the reference point, undisplaced [m].
    position6 : ndarray, shape (6,)
        Pose [m, rad].

    Returns
    -------
    ndarray, shape (6,)
        [N, N m].
    """
    return _vertical_load(buoyancy, center, position6)


def buoyancy_arm_stiffness(buoyancy: float, center: np.ndarray) -> np.ndarray:
    """Upright tangent stiffness of the buoyancy's arm (its part of ``C_h``), (6, 6).

    Roll and pitch diagonals ``rho g V z_B``; off-diagonals from an off-axis centre
    [N m/rad].
    """
    return _vertical_arm_stiffness(buoyancy, center, np.zeros(6))


def tilt_pose(position6: np.ndarray) -> np.ndarray:
    """The pose with roll and pitch replaced by the global tilt angles of the body's z axis.

    The body axis ``e = R e_z`` is tilted by ``atan2(-e_y, e_z)`` about global x and
    ``atan2(e_x, e_z)`` about global y; upright and unyawed these are roll and pitch to
    second order. Waterplane restoring acts on these angles, so it does not depend on
    the order in which yaw and tilt are composed.
    """
    e = rotation_matrix(position6[3:])[:, 2]
    out = np.array(position6, dtype=float)
    out[3] = np.arctan2(-e[1], e[2])
    out[4] = np.arctan2(e[0], e[2])
    return out


def waterplane_pose_stiffness(waterplane_stiffness: np.ndarray, position6: np.ndarray) -> np.ndarray:
    """Change of the waterplane restoring's tangent stiffness when the platform is tilted.

    The waterplane restoring ``-C_wp t(x)`` acts on the tilt of the body axis
    (:func:`tilt_pose`); for small global rotations ``dr`` about a tilted pose the tilt
    angles change by ``J dr`` (``J`` 2 x 3), which couples yaw into roll and pitch as the
    arms of weight and buoyancy do. This returns ``C_wp (T - I)`` with ``T`` the identity
    whose roll and pitch rows are ``J``, so it vanishes at the upright pose.

    Parameters
    ----------
    waterplane_stiffness : ndarray, shape (6, 6)
        ``C_wp``: the hydrostatic stiffness less its buoyancy-arm part [SI].
    position6 : ndarray, shape (6,)
        Pose [m, rad].

    Returns
    -------
    ndarray, shape (6, 6)
        [N/rad, N m/rad].
    """
    e = rotation_matrix(position6[3:])[:, 2]
    d_e = -frames.skew(e)                      # de = dr x e
    yz, xz = e[1] ** 2 + e[2] ** 2, e[0] ** 2 + e[2] ** 2
    grad = np.array([[0.0, -e[2] / yz, e[1] / yz],      # d atan2(-e_y, e_z) / de
                     [e[2] / xz, 0.0, -e[0] / xz]])     # d atan2(e_x, e_z) / de
    t = np.eye(6)
    t[3:5, 3:] = grad @ d_e
    return np.asarray(waterplane_stiffness, dtype=float) @ (t - np.eye(6))


def hydrostatic_pose_stiffness(hydrostatic_stiffness: np.ndarray, buoyancy: float,
                               center: np.ndarray, position6: np.ndarray) -> np.ndarray:
    """Change of the hydrostatic tangent stiffness at a tilted pose: buoyancy arm and waterplane.

    :func:`buoyancy_pose_stiffness` plus :func:`waterplane_pose_stiffness` of the
    waterplane part ``C_h - K_B`` (:func:`buoyancy_arm_stiffness`); zero upright.

    Parameters
    ----------
    hydrostatic_stiffness : ndarray, shape (6, 6)
        ``C_h`` about the upright pose, without the weight term [SI].
    buoyancy : float
        rho g V [N].
    center : ndarray, shape (3,)
        Undisplaced centre of buoyancy [m].
    position6 : ndarray, shape (6,)
        Pose [m, rad].

    Returns
    -------
    ndarray, shape (6, 6)
    """
    c_wp = np.asarray(hydrostatic_stiffness, dtype=float) - buoyancy_arm_stiffness(buoyancy, center)
    return buoyancy_pose_stiffness(buoyancy, center, position6) + waterplane_pose_stiffness(c_wp, position6)


def _fd_stiffness(func: Callable[[np.ndarray], np.ndarray], x: np.ndarray,
                  steps: tuple[float, float] = (1e-3, 1e-5)) -> np.ndarray:
    """Central-difference ``-dF/dx`` of a load callable (6,) -> (6,)."""
    h = np.array([steps[0]] * 3 + [steps[1]] * 3)
    k = np.zeros((6, 6))
    for j in range(6):
        dx = np.zeros(6)
        dx[j] = h[j]
        k[:, j] = -(np.asarray(func(x + dx)) - np.asarray(func(x - dx))) / (2.0 * h[j])
    return k


def _mooring_model(mooring: Any) -> tuple[Callable, Callable]:
    """(load(x) -> F6, stiffness(x) -> K6x6) for None, a MoorPy system or a callable."""
    if mooring is None:
        return (lambda x: np.zeros(6)), (lambda x: np.zeros((6, 6)))
    if hasattr(mooring, "bodyList"):
        from raft_sim.mooring import mooring_force, mooring_stiffness

        def stiffness(x):
            if not np.array_equal(mooring.bodyList[0].r6, x):  # skip a re-solve at the current pose
                mooring_force(mooring, x)
            return mooring_stiffness(mooring)
        return (lambda x: mooring_force(mooring, x)), stiffness
    if callable(mooring):
        return (lambda x: np.asarray(mooring(x), dtype=float)), (lambda x: _fd_stiffness(mooring, x))
    raise TypeError("mooring must be None, a moorpy.System or a callable x6 -> force6")


def _checked(name: str, value: Any, shape: tuple[int, ...]) -> np.ndarray:
    arr = np.zeros(shape) if value is None else np.asarray(value, dtype=float)
    if arr.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} has non-finite entries")
    return arr


def _newton_step(k: np.ndarray, f: np.ndarray, max_step: np.ndarray) -> np.ndarray:
    """Diagonally scaled least-squares Newton step K dx = F, shrunk to the step limits."""
    d = np.abs(np.diag(k))
    d = 1.0 / np.sqrt(np.where(d > 0.0, d, 1.0))
    y = np.linalg.lstsq(d[:, None] * k * d[None, :], d * f, rcond=1e-10)[0]
    dx = d * y
    ratio = np.max(np.abs(dx) / max_step)
    return dx / ratio if ratio > 1.0 else dx


def equilibrium(mass: float, cg: np.ndarray, buoyancy_force: np.ndarray,
                hydrostatic_stiffness: np.ndarray, mooring: Any = None,
                external_force: np.ndarray | None = None, yaw_stiffness: float = 0.0,
                g: float = GRAVITY, x0: np.ndarray | None = None, rtol: float = 1e-8,
                max_iter: int = 60, max_step: np.ndarray = MAX_STEP,
                tension_jacobian: bool = True,
                center_of_buoyancy: np.ndarray | None = None,
                linear: bool = False) -> Equilibrium:
    """Static equilibrium pose of a floating platform.

    Parameters
    ----------
    mass : float
        Total mass (structure, ballast, turbine) [kg].
    cg : array_like, shape (3,)
        Centre of gravity relative to the reference point, undisplaced [m].
    buoyancy_force : array_like, shape (6,)
        Buoyancy force and moment about the reference point at the undisplaced pose
        [N, N m] (e.g. ``[0, 0, rho g V, rho g V y_B, -rho g V x_B, 0]``).
    hydrostatic_stiffness : array_like, shape (6, 6)
        Buoyancy + waterplane stiffness about the reference point, WITHOUT the weight
        term ``-m g z_G`` (added here, exactly) [N/m, N m/rad ...].
    mooring : None, moorpy.System or callable
        A system from ``raft_sim.mooring.mooring_system`` (analytic stiffness), or a
        callable ``x6 -> force6`` on the platform [N, N m] (stiffness by finite
        differences), or None.
    external_force : array_like, shape (6,), optional
        Constant external load, global axes, about the reference point [N, N m].
    yaw_stiffness : float
        Extra linear yaw spring [N m/rad].
    g : float
        Gravitational acceleration [m/s^2].
    x0 : array_like, shape (6,), optional
        Starting pose [m, rad]; default undisplaced.
    center_of_buoyancy : array_like, shape (3,), optional
        Undisplaced centre of buoyancy [m]. When given (and not ``linear``), the buoyancy's
        arm rotates with the body as the weight's does (:func:`buoyancy_load`), the rest of
        ``hydrostatic_stiffness`` acts on the tilt of the body axis (:func:`tilt_pose`), and
        the returned tangent stiffness includes :func:`buoyancy_pose_stiffness` and
        :func:`waterplane_pose_stiffness`.
    rtol : float
        Convergence when every force < ``rtol * F_ref`` and every moment
        < ``rtol * F_ref * L_ref``; ``F_ref`` is the largest of weight, buoyancy and
        external force (at least 1 N), ``L_ref = max(1 m, |cg|)``.
    max_iter : int
        Newton iteration limit.
    max_step : array_like, shape (6,)
        Largest step per iteration [m, rad].
    tension_jacobian : bool
        Include the fairlead-tension Jacobian in the returned mooring state.
    linear : bool
        RAFT's linear statics: the weight's load of the undisplaced pose minus the constant
        :func:`linear_weight_stiffness` times the pose (no buoyancy-arm term); default the
        exact rotation of the weight's arm.

    Returns
    -------
    Equilibrium
        ``converged=False`` (with a message) when the iteration limit is reached or no
        step reduces the residual; no exception in that case.

    Raises
    ------
    ValueError
        Malformed input (shapes, non-finite values, negative mass or g).
    """
    cg = _checked("cg", cg, (3,))
    fb0 = _checked("buoyancy_force", buoyancy_force, (6,))
    c_h = _checked("hydrostatic_stiffness", hydrostatic_stiffness, (6, 6))
    f_ext = _checked("external_force", external_force, (6,))
    x = _checked("x0", x0, (6,)).copy()
    max_step = _checked("max_step", max_step, (6,))
    if not (np.isfinite(mass) and mass >= 0 and np.isfinite(g) and g >= 0):
        raise ValueError(f"mass and g must be finite and non-negative, got {mass}, {g}")
    if np.any(max_step <= 0):
        raise ValueError("max_step entries must be positive")
    moor_load, moor_stiff = _mooring_model(mooring)

    cb = None if center_of_buoyancy is None else _checked("center_of_buoyancy", center_of_buoyancy, (3,))
    turning = cb is not None and not linear  # buoyancy arm and waterplane turn with the body
    k_b0 = buoyancy_arm_stiffness(fb0[2], cb) if turning else None
    c_wp = c_h - k_b0 if turning else None
    fb_rest = fb0 - buoyancy_load(fb0[2], cb, np.zeros(6)) if turning else None  # beyond the buoyancy

    def pose_stiffness(xx):
        if linear:
            return linear_weight_stiffness(mass, cg, g)
        if not turning:
            return weight_stiffness(mass, cg, xx, g)
        # hydrostatic_pose_stiffness(c_h, fb0[2], cb, xx) with its constant parts computed once
        buoyancy_pose = _vertical_arm_stiffness(fb0[2], cb, xx) - k_b0
        return weight_stiffness(mass, cg, xx, g) + (buoyancy_pose + waterplane_pose_stiffness(c_wp, xx))

    weight0 = weight_load(mass, cg, np.zeros(6), g)

    def weight(xx):
        return weight0 - linear_weight_stiffness(mass, cg, g) @ xx if linear else weight_load(mass, cg, xx, g)

    def hydrostatic(xx):
        if not turning:
            return fb0 - c_h @ xx
        return buoyancy_load(fb0[2], cb, xx) + fb_rest - c_wp @ tilt_pose(xx)

    k_const = c_h.copy()
    k_const[5, 5] += yaw_stiffness

    def load(xx):
        return weight(xx) + hydrostatic(xx) + moor_load(xx) + f_ext \
            - np.eye(6)[5] * yaw_stiffness * xx[5]

    f_ref = max(abs(mass * g), float(np.linalg.norm(fb0[:3])), float(np.linalg.norm(f_ext[:3])), 1.0)
    scale = np.array([f_ref] * 3 + [f_ref * max(1.0, float(np.linalg.norm(cg)))] * 3)
    it, message, converged = 0, "iteration limit reached", False
    try:
        f = load(x)
    except Exception as exc:  # MoorPy failure at the start pose
        return _result(x, np.full(6, np.nan), False, 0, np.full((6, 6), np.nan), None,
                       f"load evaluation failed at the start pose: {exc}")
    for it in range(1, max_iter + 1):
        if np.all(np.abs(f) <= rtol * scale):
            converged, message, it = True, "converged", it - 1
            break
        k = k_const + pose_stiffness(x) + moor_stiff(x)
        dx = _newton_step(k, f, max_step)
        x, f, ok = _line_search(load, x, f, dx, scale)
        if not ok:
            message = "no step reduced the residual (no equilibrium, or a singular stiffness)"
            break
    else:
        if np.all(np.abs(f) <= rtol * scale):
            converged, message = True, "converged"
    if not converged:
        log.info("static equilibrium not converged after %d iterations: %s", it, message)
    return _finish(x, f, converged, it, message, mooring, k_const, pose_stiffness, moor_stiff,
                   tension_jacobian)


def _line_search(load: Callable, x: np.ndarray, f: np.ndarray, dx: np.ndarray,
                 scale: np.ndarray, n_halving: int = 12) -> tuple[np.ndarray, np.ndarray, bool]:
    """Backtracking on the scaled residual norm; MoorPy failures count as rejections."""
    merit = np.linalg.norm(f / scale)
    alpha = 1.0
    for _ in range(n_halving):
        trial = x + alpha * dx
        try:
            f_trial = load(trial)
        except Exception:  # e.g. a catenary that cannot close: shorten the step
            f_trial = None
        if f_trial is not None and np.all(np.isfinite(f_trial)) \
                and np.linalg.norm(f_trial / scale) < (1.0 - 1e-4 * alpha) * merit:
            return trial, f_trial, True
        alpha *= 0.5
    return x, f, False


def _finish(x, f, converged, it, message, mooring, k_const, pose_stiffness, moor_stiff,
            with_jacobian) -> Equilibrium:
    state = None
    try:
        if hasattr(mooring, "bodyList"):
            from raft_sim.mooring import mooring_state
            state = mooring_state(mooring, x, with_tension_jacobian=with_jacobian)
            k_moor = state.stiffness
        else:
            k_moor = moor_stiff(x)
        k = k_const + pose_stiffness(x) + k_moor
    except Exception as exc:  # mooring model fails at the final pose
        k, message, converged = np.full((6, 6), np.nan), f"{message}; final evaluation failed: {exc}", False
    return _result(x, f, converged, it, k, state, message)


def _result(x, f, converged, it, k, state, message) -> Equilibrium:
    return Equilibrium(position=np.asarray(x, dtype=float), residual=np.asarray(f, dtype=float),
                       converged=bool(converged), iterations=int(it), stiffness=k,
                       mooring=state, message=message)
