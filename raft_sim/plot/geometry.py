"""Drawings of a design: members, tower, rotor disc and mooring lines.

A 3-D view and two projections (side: x-z, top: x-y). The platform and turbine are drawn
at a rigid-body pose (e.g. the mean equilibrium), the mooring lines from node coordinates
given by the caller (:func:`raft_sim.mooring.line_coordinates` gives MoorPy's catenary
shapes). Nothing here computes physics: pose and line shapes are inputs.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from raft_sim.design.objects import Design, Member
from raft_sim.plot.style import new_axes
from raft_sim.structure.frames import member_frame, rotation_matrix
from raft_sim.structure.members import side_pairs

PLATFORM_COLOR = "#8c96a0"
TURBINE_COLOR = "#d9d9d9"
ROTOR_COLOR = "#4c8fd6"
MOORING_COLOR = "#5a3d2b"
EDGE_COLOR = "#3a3a3a"

_PLANES = {"side": (0, 2), "top": (0, 1)}
_DEPTH_AXIS = {"side": 1, "top": 2}   # axis the view looks along
_DEPTH_SIGN = {"side": 1.0, "top": -1.0}  # side: +y is farther; top: lower z is farther


def member_rings(member: Member, n_around: int = 24) -> np.ndarray:
    """Outline of a member's outer surface at each station, in platform axes.

    Parameters
    ----------
    member : Member
        Circular (rings of ``n_around`` points) or rectangular (closed 5-point rectangles).
    n_around : int
        Points around a circular section.

    Returns
    -------
    ndarray, shape (n_stations, k, 3)
        Surface points [m]; ``k = n_around + 1`` (circular) or 5 (rectangular), closed.
    """
    q, p1, p2 = member_frame(member.r_a, member.r_b, member.gamma)
    centres = member.r_a + np.asarray(member.stations)[:, None] * q
    if member.is_circular:
        theta = np.linspace(0.0, 2.0 * np.pi, n_around + 1)
        a = b = 0.5 * np.asarray(member.diameter, dtype=float).reshape(-1)[:, None]
        u, v = np.cos(theta), np.sin(theta)
    else:
        sides = side_pairs(member, np.asarray(member.diameter, dtype=float).reshape(-1, 2))  # along p1, p2
        a, b = 0.5 * sides[:, :1], 0.5 * sides[:, 1:]
        u, v = np.array([1, -1, -1, 1, 1.0]), np.array([1, 1, -1, -1, 1.0])
    return (centres[:, None, :] + (a * u)[..., None] * p1 + (b * v)[..., None] * p2)


def rotor_rim(design: Design, n_around: int = 48) -> np.ndarray | None:
    """Circle swept by the blade tips, in platform axes (None without a rotor).

    The hub centre is at the hub height, ``overhang`` along the tilted shaft from the tower
    axis (the convention of :func:`raft_sim.structure.inertia.rna_position`).

    Returns
    -------
    ndarray, shape (n_around + 1, 3) or None
        Rim points [m], closed.
    """
    turbine = design.turbine
    if turbine is None or turbine.rotor is None:
        return None
    rotor = turbine.rotor
    axis = np.array([np.cos(rotor.shaft_tilt), 0.0, np.sin(rotor.shaft_tilt)])
    hub = np.array([rotor.overhang * axis[0], 0.0, turbine.rna.hub_height])
    e1 = np.array([0.0, 1.0, 0.0])
    e2 = np.cross(axis, e1)
    theta = np.linspace(0.0, 2.0 * np.pi, n_around + 1)[:, None]
    radius = rotor.blade.tip_radius
    return hub + radius * (np.cos(theta) * e1 + np.sin(theta) * e2)


def to_global(points: np.ndarray, pose: np.ndarray | None) -> np.ndarray:
    """Platform-axis points moved rigidly to a pose.

    Parameters
    ----------
    points : ndarray, shape (..., 3)
        Points relative to the platform reference point [m].
    pose : array_like, shape (6,), or None
        Surge, sway, heave [m], roll, pitch, yaw [rad]; None is the undisplaced pose.

    Returns
    -------
    ndarray, shape (..., 3)
        Global coordinates [m].
    """
    if pose is None:
        return np.asarray(points, dtype=float)
    pose = np.asarray(pose, dtype=float)
    return pose[:3] + np.asarray(points, dtype=float) @ rotation_matrix(*pose[3:]).T


def _parts(design: Design):
    """(member, colour) of every platform, tower and nacelle member."""
    turbine = design.turbine
    rest = () if turbine is None else turbine.tower + turbine.nacelle
    return ([(m, PLATFORM_COLOR) for m in design.platform.members]
            + [(m, TURBINE_COLOR) for m in rest])


def plot_geometry_3d(design: Design, pose=None, mooring_lines: Sequence = (), ax=None,
                     n_around: int = 24, extent: str = "all"):
    """3-D view of members, tower, rotor disc and mooring lines.

    Parameters
    ----------
    design : Design
    pose : array_like, shape (6,), optional
        Rigid-body pose to draw the platform and turbine at [m, rad], e.g.
        ``Model(design).equilibrium.position``; default undisplaced.
    mooring_lines : sequence of ndarray, shape (n, 3)
        Node coordinates of each mooring line, global axes [m]
        (:func:`raft_sim.mooring.line_coordinates`).
    ax : mpl_toolkits.mplot3d.axes3d.Axes3D, optional
        A 3-D axes; default a new figure's.
    n_around : int
        Points around a circular section.
    extent : {"all", "structure"}
        Axis limits around everything drawn, or around platform, tower and rotor only
        (mooring lines cut at the box).

    Returns
    -------
    mpl_toolkits.mplot3d.axes3d.Axes3D
        One surface per member, one translucent polygon for the rotor disc, one line per
        mooring line.
    """
    from matplotlib.colors import to_rgba
    from matplotlib.ticker import MaxNLocator
    from mpl_toolkits.mplot3d.art3d import Poly3DCollection

    ax = new_axes(ax, projection="3d")
    solids = []
    for member, color in _parts(design):
        pts = to_global(member_rings(member, n_around), pose)
        ax.plot_surface(pts[..., 0], pts[..., 1], pts[..., 2], color=color, linewidth=0,
                        shade=True, antialiased=False)
        solids.append(pts.reshape(-1, 3))
    rim = rotor_rim(design)
    if rim is not None:
        rim = to_global(rim, pose)
        ax.add_collection3d(Poly3DCollection([rim], facecolor=to_rgba(ROTOR_COLOR, 0.3),
                                             edgecolor=ROTOR_COLOR))
        solids.append(rim)
    lines = [np.asarray(line, dtype=float) for line in mooring_lines]
    lo, hi = _box(solids, lines, extent)
    for line in lines:
        line = _cut(line, lo, hi)
        ax.plot(line[:, 0], line[:, 1], line[:, 2], color=MOORING_COLOR, linewidth=1.2)
    _equal_box(ax, lo, hi)
    for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
        axis.set_major_locator(MaxNLocator(4))
    ax.set_xlabel("x [m]")
    ax.set_ylabel("y [m]")
    ax.set_zlabel("z [m]")
    return ax


def _box(solids: list, lines: list, extent: str) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper corner [m] of the drawn region: everything with a 3 % margin, or the
    structure with a 10 % margin (of the largest span)."""
    if extent not in ("all", "structure"):
        raise ValueError(f"extent must be 'all' or 'structure', got {extent!r}")
    points = np.concatenate(solids + (lines if extent == "all" else []) or [np.zeros((1, 3))])
    lo, hi = points.min(axis=0), points.max(axis=0)
    margin = (0.1 if extent == "structure" else 0.03) * (hi - lo).max()
    return lo - margin, hi + margin


def _cut(line: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Line nodes outside the box set to NaN (3-D axes do not clip)."""
    inside = np.all((line >= lo - 1e-9) & (line <= hi + 1e-9), axis=1)
    return np.where(inside[:, None], line, np.nan)


def _equal_box(ax, lo: np.ndarray, hi: np.ndarray) -> None:
    """Axis limits of the box with one length scale on x, y and z."""
    span = np.maximum(hi - lo, 1e-9 * max((hi - lo).max(), 1.0))
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_zlim(lo[2], hi[2])
    ax.set_box_aspect(span)


def _silhouettes(rings: np.ndarray, plane: tuple[int, int]) -> list[np.ndarray]:
    """Projected outline of each section between two stations (convex hull of its ends)."""
    from scipy.spatial import ConvexHull

    flat = rings[..., list(plane)]
    out = []
    for i in range(len(flat) - 1):
        pts = flat[i:i + 2].reshape(-1, 2)
        if np.ptp(pts, axis=0).min() <= 1e-9 * max(np.ptp(pts), 1.0):
            continue  # seen edge-on: no area
        hull = ConvexHull(pts, qhull_options="QJ")
        out.append(pts[hull.vertices])
    return out


def plot_projection(design: Design, view: str = "side", pose=None,
                    mooring_lines: Sequence = (), ax=None, n_around: int = 24,
                    extent: str = "all"):
    """Side (x-z) or top (x-y) view of members, rotor disc and mooring lines.

    Members are drawn far to near (painter's order), each section between two stations as
    one filled polygon; the side view also draws the still-water line and the sea bed.

    Parameters
    ----------
    design : Design
    view : {"side", "top"}
        ``side`` looks along +y (x right, z up); ``top`` looks down (x right, y up).
    pose : array_like, shape (6,), optional
        Rigid-body pose of platform and turbine [m, rad]; default undisplaced.
    mooring_lines : sequence of ndarray, shape (n, 3)
        Node coordinates of each mooring line, global axes [m].
    ax : matplotlib.axes.Axes, optional
    n_around : int
        Points around a circular section.
    extent : {"all", "structure"}
        Axis limits around everything drawn, or around platform, tower and rotor only.

    Returns
    -------
    matplotlib.axes.Axes
        One polygon per member section plus one for the rotor disc; one line per mooring
        line (plus, side view, the still-water line and the sea bed).
    """
    from matplotlib.colors import to_rgba
    from matplotlib.patches import Polygon

    if view not in _PLANES:
        raise ValueError(f"view must be 'side' or 'top', got {view!r}")
    plane, depth = _PLANES[view], _DEPTH_AXIS[view]
    ax = new_axes(ax)
    shapes, solids = [], []
    for member, color in _parts(design):
        pts = to_global(member_rings(member, n_around), pose)
        shapes.append((_DEPTH_SIGN[view] * pts[..., depth].mean(), _silhouettes(pts, plane), color))
        solids.append(pts.reshape(-1, 3))
    rim = rotor_rim(design)
    if rim is not None:
        rim = to_global(rim, pose)
        shapes.append((-np.inf, _silhouettes(np.stack([rim, rim]), plane), ROTOR_COLOR))
        solids.append(rim)
    lines = [np.asarray(line, dtype=float) for line in mooring_lines]
    lo, hi = _box(solids, lines, extent)
    for _, polygons, color in sorted(shapes, key=lambda s: -s[0]):
        rotor = color == ROTOR_COLOR
        for poly in polygons:
            ax.add_patch(Polygon(poly, closed=True, facecolor=to_rgba(color, 0.3 if rotor else 1.0),
                                 edgecolor=ROTOR_COLOR if rotor else EDGE_COLOR,
                                 linewidth=1.2 if rotor else 0.4))
    for line in lines:
        ax.plot(line[:, plane[0]], line[:, plane[1]], color=MOORING_COLOR, linewidth=1.2)
    if view == "side":
        ax.axhline(0.0, color="#1f77b4", linewidth=0.8, linestyle="--", label="still water line")
        if np.isfinite(design.site.water_depth):
            ax.axhline(-design.site.water_depth, color="#8b6914", linewidth=0.8, label="sea bed")
    ax.set_xlim(lo[plane[0]], hi[plane[0]])
    ax.set_ylim(lo[plane[1]], hi[plane[1]])
    ax.set_aspect("equal", adjustable="box")
    names = "xyz"
    ax.set_xlabel(f"{names[plane[0]]} [m]")
    ax.set_ylabel(f"{names[plane[1]]} [m]")
    return ax


def plot_side_view(design: Design, pose=None, mooring_lines: Sequence = (), ax=None,
                   extent: str = "all"):
    """Side view (x-z) of the design; see :func:`plot_projection`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    return plot_projection(design, "side", pose, mooring_lines, ax, extent=extent)


def plot_top_view(design: Design, pose=None, mooring_lines: Sequence = (), ax=None,
                  extent: str = "all"):
    """Top view (x-y) of the design; see :func:`plot_projection`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    return plot_projection(design, "top", pose, mooring_lines, ax, extent=extent)
