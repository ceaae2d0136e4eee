"""Shared helpers of the plot functions: new axes, unit scaling and labels."""
from __future__ import annotations

import numpy as np

from raft_sim.conventions import ROTATIONS

DEG_PER_RAD = float(np.degrees(1.0))


def new_axes(ax=None, projection: str | None = None):
    """``ax``, or the axes of a new figure (matplotlib imported only here).

    Parameters
    ----------
    ax : matplotlib.axes.Axes, optional
    projection : str, optional
        ``"3d"`` for a 3-D axes.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        import matplotlib.pyplot as plt
        ax = plt.figure().add_subplot(projection=projection)
    return ax


def dof_scale(dof: str, degrees: bool = True) -> tuple[float, str]:
    """Factor from SI to the plotted unit of a DOF, and that unit (``m``, ``deg``, ``rad``)."""
    if dof in ROTATIONS:
        return (DEG_PER_RAD, "deg") if degrees else (1.0, "rad")
    return 1.0, "m"


def unit_scale(units: str, degrees: bool = True) -> tuple[float, str]:
    """Factor from a stored unit to the plotted one (rad -> deg when ``degrees``)."""
    if degrees and units == "rad":
        return DEG_PER_RAD, "deg"
    return 1.0, units


def per_source(source: str) -> str:
    """Unit of the source amplitude an RAO is normalised by: 1 m of wave or 1 m/s of wind."""
    return "m" if str(source).startswith("wave") else "(m/s)"


def case_labels(results) -> list[str]:
    """One legend label per case: its label plus the scalar coordinates on ``case``."""
    extra = [name for name, c in results.coords.items() if c.dims == ("case",) and name != "case"]
    labels = []
    for i, case in enumerate(results["case"].values):
        parts = [f"{name}={_short(results[name].values[i])}" for name in extra[:3]]
        labels.append(" ".join([f"case {case}"] + parts))
    return labels


def _short(value) -> str:
    if isinstance(value, (float, np.floating)):
        return f"{value:.3g}"
    return str(value)
