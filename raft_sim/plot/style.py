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
    """Factor from a stored unit to the plotted one: with ``degrees`` the units of the
    printed tables (:data:`raft_sim.results.dataset.EDGE_UNITS`: rad -> deg, rad/s -> rpm)."""
    from raft_sim.results.dataset import EDGE_UNITS
    if degrees and units in EDGE_UNITS:
        unit, factor = EDGE_UNITS[units]
        return factor, unit
    return 1.0, units


def per_source(source: str) -> str:
    """Unit of the source amplitude an RAO is normalised by: 1 m of wave or 1 m/s of wind."""
    return "m" if str(source).startswith("wave") else "(m/s)"


_CASE_SHORT = (("wind_speed", "U", "m/s"), ("wave_height", "Hs", "m"), ("wave_period", "Tp", "s"))


def case_labels(results) -> list[str]:
    """One short legend label per case: ``case <label>`` plus the mean wind speed and the
    first wave system's Hs and Tp when the results carry them as case coordinates."""
    labels = []
    for i, case in enumerate(results["case"].values):
        parts = []
        for name, short, unit in _CASE_SHORT:
            if name in results.coords and results[name].dims == ("case",):
                value = float(results[name].values[i])
                if np.isfinite(value) and (value != 0.0 or name != "wind_speed"):
                    parts.append(f"{short} {value:.3g} {unit}")
        labels.append(f"case {case}" + (f": {', '.join(parts)}" if parts else ""))
    return labels
