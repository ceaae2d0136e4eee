"""Quasi-static mooring through MoorPy: build the system, evaluate it at a platform pose.

The platform is one MoorPy body, externally coupled (all six DOFs driven by us), placed at
the platform reference point. Vessel points ride on that body at their relative
positions, fixed points are anchors, free points are solved by MoorPy for their own
equilibrium (with their mass and volume) whenever the body moves.

Forces and moments returned here act ON the platform, in global axes, with moments
about the (displaced) platform reference point, i.e. MoorPy's body convention. Stiffness
is ``K = -dF/dx`` (positive for a restoring mooring), about the same point.

MoorPy is imported lazily: ``import raft_sim`` does not load it.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from raft_sim.design.errors import DesignError, DesignWarning
from raft_sim.design.objects import LineType, Mooring

if TYPE_CHECKING:  # pragma: no cover
    import moorpy

LINE_SOLVE_TOL = 1e-6
"""Absolute catenary closure tolerance passed to MoorPy's line solver [m]."""

FREE_POINT_TOL = 1e-6
"""Position tolerance of MoorPy's free-point equilibrium solve [m]."""

_POINT_TYPE = {"fixed": 1, "vessel": 1, "free": 0}  # MoorPy: 1 fixed/attached, 0 free


@dataclass(frozen=True, eq=False)
class MooringState:
    """Mooring loads and linearisation at one platform pose.

    Attributes
    ----------
    position : ndarray, shape (6,)
        Platform pose the state was evaluated at [m, rad].
    force : ndarray, shape (6,)
        Net mooring force and moment on the platform, global axes, moments about the
        displaced reference point [N, N m].
    stiffness : ndarray, shape (6, 6)
        Coupled mooring stiffness ``-dF/dx`` about the reference point (free points
        equilibrated) [N/m, N/rad, N m/m, N m/rad].
    fairlead_tension, anchor_tension : ndarray, shape (n_lines,)
        Line tension at the upper (fairlead) and lower (anchor) end [N].
    fairlead_force : ndarray, shape (n_lines, 3)
        Force vector the line exerts on its fairlead end, global axes [N]
        (horizontal part ``hypot(fx, fy)``, vertical part ``-fz`` for a hanging line).
    line_names : tuple of str
    tension_jacobian, anchor_tension_jacobian : ndarray, shape (n_lines, 6) or None
        ``d(fairlead_tension)/dx`` and ``d(anchor_tension)/dx`` about the pose
        (:func:`tension_jacobians`) [N/m, N/rad]; None if not requested.
    """

    position: np.ndarray
    force: np.ndarray
    stiffness: np.ndarray
    fairlead_tension: np.ndarray
    anchor_tension: np.ndarray
    fairlead_force: np.ndarray
    line_names: tuple[str, ...]
    tension_jacobian: np.ndarray | None = None
    anchor_tension_jacobian: np.ndarray | None = None


def line_type_dict(line_type: LineType, rho_water: float, g: float) -> dict[str, Any]:
    """MoorPy line-type dictionary for one ``LineType``.

    Parameters
    ----------
    line_type : LineType
    rho_water : float
        Water density [kg/m^3].
    g : float
        Gravitational acceleration [m/s^2].

    Returns
    -------
    dict
        Keys MoorPy reads: ``d_vol`` [m], ``m`` [kg/m], ``w`` submerged weight [N/m],
        ``EA`` [N], ``MBL`` [N], ``cost`` [$/m], ``Cd``, ``CdAx``, ``Ca``, ``CaAx`` [-].
    """
    d = float(line_type.diameter)
    m = float(line_type.mass_density)
    return dict(
        name=line_type.name, d_vol=d, m=m, w=(m - 0.25 * np.pi * d**2 * rho_water) * g,
        EA=float(line_type.stiffness), MBL=float(line_type.breaking_load),
        cost=float(line_type.cost), Cd=float(line_type.transverse_drag),
        CdAx=float(line_type.tangential_drag), Ca=float(line_type.transverse_added_mass),
        CaAx=float(line_type.tangential_added_mass), material="", d_nom=d,
    )


def _check_mooring(mooring: Mooring) -> None:
    names = [p.name for p in mooring.points]
    types = {t.name for t in mooring.line_types}
    if len(set(names)) != len(names):
        raise DesignError("mooring.points", "point names are not unique")
    if mooring.water_depth <= 0:
        raise DesignError("mooring.water_depth", f"must be positive, got {mooring.water_depth}")
    for i, p in enumerate(mooring.points):
        if p.kind not in _POINT_TYPE:
            raise DesignError(f"mooring.points[{i}].type", f"unknown point kind {p.kind!r}")
    for i, line in enumerate(mooring.lines):
        for end in (line.end_a, line.end_b):
            if end not in names:
                raise DesignError(f"mooring.lines[{i}]", f"unknown end point {end!r}")
        if line.line_type not in types:
            raise DesignError(f"mooring.lines[{i}].type", f"unknown line type {line.line_type!r}")
        if line.length <= 0:
            raise DesignError(f"mooring.lines[{i}].length", "must be positive")


def mooring_system(mooring: Mooring, rho_water: float = 1025.0, g: float = 9.81) -> "moorpy.System":
    """Build a MoorPy system for a design's mooring, solved at the undisplaced pose.

    Parameters
    ----------
    mooring : Mooring
    rho_water : float
        Water density [kg/m^3].
    g : float
        Gravitational acceleration [m/s^2].

    Returns
    -------
    moorpy.System
        One coupled body (MoorPy type -1) at the origin; ``mooring.water_depth`` as depth.
        Extra attributes set here: ``raft_fairlead_end`` (ndarray of bool, n_lines),
        whether end B is a line's fairlead end (the end on a vessel point, otherwise the
        upper end); ``raft_line_names``; ``raft_anchor_to_vessel`` (every line runs from
        a fixed to a vessel point, enabling the analytic tension Jacobian);
        ``raft_solved_pose`` (the pose the lines were last solved at, or None: moving the
        system with MoorPy's own calls instead of :func:`mooring_force` must set it to None).

    Raises
    ------
    DesignError
        Unknown point/line-type names, non-positive depth or lengths.
    """
    import moorpy

    _check_mooring(mooring)
    line_props, point_props = _moorpy_default_props()
    ms = moorpy.System(depth=float(mooring.water_depth), rho=float(rho_water), g=float(g),
                       lineProps=line_props, pointProps=point_props)
    ms.addBody(-1, np.zeros(6))
    for lt in mooring.line_types:
        ms.lineTypes[lt.name] = line_type_dict(lt, rho_water, g)
    index = {}
    for p in mooring.points:
        loc = np.asarray(p.location, dtype=float)
        body = 1 if p.kind == "vessel" else 0
        ms.addPoint(_POINT_TYPE[p.kind], loc.copy(), m=float(p.mass), v=float(p.volume), body=body)
        index[p.name] = len(ms.pointList)
    kinds = {p.name: p.kind for p in mooring.points}
    z = {p.name: float(np.asarray(p.location)[2]) for p in mooring.points}
    end_b_is_fairlead = []
    for line in mooring.lines:
        ms.addLine(float(line.length), line.line_type, pointA=index[line.end_a], pointB=index[line.end_b])
        if kinds[line.end_b] == "vessel" or kinds[line.end_a] == "vessel":
            end_b_is_fairlead.append(kinds[line.end_b] == "vessel")
        else:
            end_b_is_fairlead.append(z[line.end_b] >= z[line.end_a])
    ms.raft_fairlead_end = np.array(end_b_is_fairlead, dtype=bool)
    # analytic tension Jacobian possible when every line runs from a fixed point to a vessel point
    ms.raft_anchor_to_vessel = all(
        sorted((kinds[ln.end_a], kinds[ln.end_b])) == ["fixed", "vessel"] for ln in mooring.lines)
    ms.raft_line_names = tuple(line.name for line in mooring.lines)
    ms.raft_solved_pose = None
    _initialise(ms)
    _set_pose(ms, np.zeros(6))
    return ms


def _initialise(ms: "moorpy.System") -> None:
    """MoorPy's ``System.initialize`` without the line profiles it only needs for plots.

    Counts the degrees of freedom, places bodies and points where they were added and
    solves every line once at MoorPy's default closure tolerance (the start of the finer
    solve that follows). The catenary solution does not depend on whether the node
    profile is computed; ``line_coordinates`` and a current on the lines compute their
    own.
    """
    ms.nDOF, ms.nCpldDOF, _ = ms.getDOFs()
    for body in ms.bodyList:
        body.setPosition(body.r6)
    for point in ms.pointList:
        point.setPosition(point.r)
    for line in ms.lineList:
        line.staticSolve()


_DEFAULT_PROPS: list = []  # MoorPy's parsed property libraries, read once per process


def _moorpy_default_props() -> tuple[dict, dict]:
    """MoorPy's default line and point property libraries, read with the C YAML loader.

    ``moorpy.System`` otherwise parses the same two files of its own package with the
    pure-Python YAML loader on every construction (~20 ms); passing the parsed content
    gives the identical ``lineProps``/``pointProps``. The files are parsed once per
    process; each call returns deep copies (MoorPy may keep and modify them).
    """
    import copy

    if not _DEFAULT_PROPS:
        import os

        import moorpy
        import yaml

        from raft_sim.design.include import yaml_loader

        library = os.path.join(os.path.dirname(os.path.realpath(moorpy.__file__)), "library")
        for name in ("MoorProps_default.yaml", "PointProps_default.yaml"):
            with open(os.path.join(library, name), encoding="utf-8") as file:
                _DEFAULT_PROPS.append(yaml.load(file.read(), Loader=yaml_loader()))
    return copy.deepcopy(_DEFAULT_PROPS[0]), copy.deepcopy(_DEFAULT_PROPS[1])


def system_copy(ms: "moorpy.System") -> "moorpy.System":
    """An independent copy of a MoorPy system, free to be moved and solved.

    A deep copy that shares what solving only reads: the property libraries, the line
    types (each line's ``type`` dict) and each line's last catenary ``info`` dict (a solve
    replaces it, never changes it). Everything a solve changes (poses, end forces,
    stiffnesses, warm starts) is copied.

    Parameters
    ----------
    ms : moorpy.System

    Returns
    -------
    moorpy.System
    """
    import copy

    shared = [ms.lineProps, ms.pointProps, ms.lineTypes, *ms.lineTypes.values()]
    shared += [line.info for line in ms.lineList if hasattr(line, "info")]
    return copy.deepcopy(ms, {id(obj): obj for obj in shared})


def set_line_current(ms: "moorpy.System", velocity: np.ndarray | None) -> None:
    """Apply (or remove) a uniform steady current to the mooring lines.

    Parameters
    ----------
    ms : moorpy.System
    velocity : array_like, shape (3,), or None
        Current velocity, global axes [m/s]; None or zeros removes it.

    Notes
    -----
    MoorPy computes the drag from the line shape of its previous solve; every pose
    evaluation here therefore solves the lines twice when a current is set, so the drag
    is consistent with the shape at that pose to one fixed-point update.
    """
    u = np.zeros(3) if velocity is None else np.asarray(velocity, dtype=float)
    if u.shape != (3,) or not np.all(np.isfinite(u)):
        raise ValueError(f"current velocity must be a finite (3,) vector, got {u!r}")
    ms.currentMod = int(np.any(u != 0.0))
    ms.current = u.copy()
    ms.raft_solved_pose = None  # the lines must be solved again, at any pose
    for line in ms.lineList:  # drop drag left from a previous current
        line.fCurrent = np.zeros(3)


def _set_pose(ms: "moorpy.System", position6: np.ndarray) -> None:
    """Move the coupled body and re-solve the lines (and free points) [m, rad].

    Nothing is done when the system was last solved, converged, at exactly this pose
    without a current: MoorPy's solvers start from the previous solution and stop before
    any step once it is converged, so solving again would give the same numbers. With a
    current every solve updates the drag (a fixed point), so it is always solved.
    """
    x = np.array(position6, dtype=float)
    solved = getattr(ms, "raft_solved_pose", None)
    if ms.currentMod == 0 and solved is not None and np.array_equal(solved, x):
        return
    ms.raft_solved_pose = None
    ms.bodyList[0].setPosition(x)
    for _ in range(2 if ms.currentMod == 1 else 1):
        for line in ms.lineList:
            line.staticSolve(tol=LINE_SOLVE_TOL)
    converged = True
    if ms.nDOF > 0:
        converged = ms.solveEquilibrium(tol=FREE_POINT_TOL, no_fail=True) is not False
    if converged:
        ms.raft_solved_pose = x


def mooring_force(ms: "moorpy.System", position6: np.ndarray) -> np.ndarray:
    """Net mooring force/moment on the platform at a pose.

    Parameters
    ----------
    ms : moorpy.System
        As returned by ``mooring_system`` (its state is moved to the pose).
    position6 : array_like, shape (6,)
        Platform pose [m, rad].

    Returns
    -------
    ndarray, shape (6,)
        Force [N] and moment about the displaced reference point [N m], global axes.
    """
    _set_pose(ms, position6)
    return np.array(ms.bodyList[0].getForces(lines_only=True), dtype=float)


def mooring_stiffness(ms: "moorpy.System") -> np.ndarray:
    """Analytic coupled mooring stiffness (6, 6) at the system's current pose [SI]."""
    return np.array(ms.getCoupledStiffnessA(lines_only=True), dtype=float)


def _tensions(ms: "moorpy.System") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    fair_b = ms.raft_fairlead_end
    ta = np.array([line.TA for line in ms.lineList])
    tb = np.array([line.TB for line in ms.lineList])
    fa = np.array([line.fA for line in ms.lineList]).reshape(-1, 3)
    fb = np.array([line.fB for line in ms.lineList]).reshape(-1, 3)
    fair = np.where(fair_b, tb, ta)
    anchor = np.where(fair_b, ta, tb)
    fair_force = np.where(fair_b[:, None], fb, fa)
    return fair, anchor, fair_force


def tension_jacobians(ms: "moorpy.System", position6: np.ndarray,
                      steps: tuple[float, float] = (0.05, 5e-4)) -> tuple[np.ndarray, np.ndarray]:
    """Jacobians of the fairlead and anchor tensions w.r.t. the platform pose.

    Analytic (from MoorPy's end stiffness matrices) when every line runs from an anchor to
    a vessel point without seabed friction; otherwise central differences (free points re-equilibrated), both
    ends from the same perturbed solves. Rotational columns are derivatives for small
    rotations about the global axes, like the stiffness matrix (equal to the Euler-angle
    derivative at zero rotation).

    Parameters
    ----------
    ms : moorpy.System
    position6 : array_like, shape (6,)
        Pose to linearise about [m, rad].
    steps : (float, float)
        Translation [m] and rotation [rad] perturbations of the difference path.

    Returns
    -------
    fairlead, anchor : ndarray, shape (n_lines, 6)
        ``dT_fairlead/dx`` and ``dT_anchor/dx`` [N/m, N/rad]. The system is left at
        ``position6``.
    """
    x0 = np.asarray(position6, dtype=float)
    if getattr(ms, "raft_anchor_to_vessel", False) and not any(
            getattr(line, "cb", 0.0) for line in ms.lineList):
        _set_pose(ms, x0)
        return _analytic_tension_jacobians(ms)
    h = np.array([steps[0]] * 3 + [steps[1]] * 3)
    jac = np.zeros((2, len(ms.lineList), 6))
    for j in range(6):
        dx = np.zeros(6)
        dx[j] = h[j]
        _set_pose(ms, x0 + dx)
        tp = _tensions(ms)[:2]
        _set_pose(ms, x0 - dx)
        tm = _tensions(ms)[:2]
        jac[:, :, j] = (np.array(tp) - np.array(tm)) / (2.0 * h[j])
    _set_pose(ms, x0)
    return jac[0], jac[1]


def _analytic_tension_jacobians(ms: "moorpy.System") -> tuple[np.ndarray, np.ndarray]:
    """Fairlead and anchor tension Jacobians of anchor-to-vessel lines at the current pose.

    The fairlead at r (relative to the body reference point) moves by ``[I, -S(r)] dx`` and
    its force changes by ``df = -K_end [I, -S(r)] dx`` (MoorPy's end stiffness). The line's
    own balance gives the anchor force: ``f_anchor = -f_fair - w L_s z`` with the weight
    ``w L_s`` of the suspended length; without seabed friction the horizontal part follows
    the fairlead's exactly, and the vertical part too while the line is suspended (a
    line resting on the seabed has no vertical anchor force). Then ``dT/dx = (f/T)^T df``
    at each end. (MoorPy's cross stiffness ``KBA`` is not used: it disagrees with
    differences of MoorPy's own tensions for lines on the seabed.)
    """
    body = ms.bodyList[0]
    n = len(ms.lineList)
    fair, anchor = np.zeros((n, 6)), np.zeros((n, 6))
    for i, (line, end_b) in enumerate(zip(ms.lineList, ms.raft_fairlead_end)):
        f_fair, k, r_abs, f_anchor = ((line.fB, line.KB, line.rB, line.fA) if end_b
                                      else (line.fA, line.KA, line.rA, line.fB))
        r = np.asarray(r_abs) - body.r6[:3]
        s_r = np.array([[0.0, -r[2], r[1]], [r[2], 0.0, -r[0]], [-r[1], r[0], 0.0]])
        d_fair = -k @ np.hstack([np.eye(3), -s_r])                  # (3, 6)
        resting = getattr(line, "LBot", 0.0) > 0.0
        d_anchor = -d_fair * np.array([1.0, 1.0, 0.0 if resting else 1.0])[:, None]
        for out, f, d in ((fair, f_fair, d_fair), (anchor, f_anchor, d_anchor)):
            t = np.linalg.norm(f)
            if t > 0.0:
                out[i] = (np.asarray(f) / t) @ d
    return fair, anchor


def mooring_state(ms: "moorpy.System", position6: np.ndarray | None = None,
                  with_tension_jacobian: bool = True) -> MooringState:
    """Mooring loads, stiffness and line tensions at a platform pose.

    Parameters
    ----------
    ms : moorpy.System
        As returned by ``mooring_system``.
    position6 : array_like, shape (6,), optional
        Platform pose [m, rad]; default undisplaced.
    with_tension_jacobian : bool
        Also compute ``d(T_fairlead)/dx`` and ``d(T_anchor)/dx`` (analytic, or 12 extra
        line solves).

    Returns
    -------
    MooringState

    Warns
    -----
    DesignWarning
        When a line tension exceeds the line type's breaking load (if given).
    """
    x = np.zeros(6) if position6 is None else np.asarray(position6, dtype=float).copy()
    if x.shape != (6,):
        raise ValueError(f"position6 must have shape (6,), got {x.shape}")
    jac, jac_anchor = tension_jacobians(ms, x) if with_tension_jacobian else (None, None)
    force = mooring_force(ms, x)
    stiffness = mooring_stiffness(ms)
    fair, anchor, fair_force = _tensions(ms)
    mbl = np.array([float(line.type.get("MBL", 0.0) or 0.0) for line in ms.lineList])
    if np.any((mbl > 0) & (np.maximum(fair, anchor) > mbl)):
        warnings.warn("a mooring line tension exceeds its breaking load", DesignWarning, stacklevel=2)
    names = getattr(ms, "raft_line_names", tuple(f"line{i + 1}" for i in range(len(ms.lineList))))
    return MooringState(position=x, force=force, stiffness=stiffness, fairlead_tension=fair,
                        anchor_tension=anchor, fairlead_force=fair_force, line_names=names,
                        tension_jacobian=jac, anchor_tension_jacobian=jac_anchor)


def line_coordinates(ms: "moorpy.System", position6: np.ndarray) -> list[np.ndarray]:
    """Shapes of the mooring lines at a platform pose, from MoorPy's catenary solution.

    Parameters
    ----------
    ms : moorpy.System
        As returned by ``mooring_system`` (its state is moved to the pose).
    position6 : array_like, shape (6,)
        Platform pose [m, rad].

    Returns
    -------
    list of ndarray, shape (n_nodes, 3)
        Node coordinates of each line, global axes [m], from end A to end B.
    """
    _set_pose(ms, position6)
    return [np.column_stack(line.getLineCoords(0.0)[:3]) for line in ms.lineList]
