"""RAOs of one design from several hydrodynamic models (e.g. Capytaine BEM, WAMIT files and
strip theory) on shared axes, one panel per DOF. Reads results Datasets only."""
from __future__ import annotations

import numpy as np

from raft_sim.plot.style import dof_scale, per_source

OMEGA_LABEL = "omega [rad/s]"


def plot_rao_comparison(results, labels, dofs=("heave", "pitch"), case=0, source: str = "wave_1",
                        axes=None, degrees: bool = True, styles=None):
    """|RAO| of each DOF against frequency, one line per results Dataset.

    Parameters
    ----------
    results : sequence of xarray.Dataset
        From :meth:`raft_sim.model.Model.analyze`, one per hydrodynamic model of the same
        design (their frequency grids may differ).
    labels : sequence of str
        Legend entry of each Dataset (e.g. "potential flow (Capytaine)").
    dofs : sequence of str
        ``surge`` ... ``yaw``; one panel each.
    case : int
        Index of the case to draw in every Dataset.
    source : str
        Excitation source label (``wave_1`` ...).
    axes : sequence of matplotlib.axes.Axes, optional
        One per DOF; default the panels of a new figure side by side.
    degrees : bool
        Rotations per unit amplitude in deg instead of rad.
    styles : sequence of str, optional
        Matplotlib format string of each Dataset's lines.

    Returns
    -------
    list of matplotlib.axes.Axes
    """
    results, labels = list(results), list(labels)
    if len(labels) != len(results):
        raise ValueError(f"labels: {len(labels)} given for {len(results)} results Datasets")
    if axes is None:
        import matplotlib.pyplot as plt
        axes = plt.figure(figsize=(5 * len(dofs), 4), layout="constrained").subplots(1, len(dofs), squeeze=False)[0]
    axes = list(axes)
    styles = list(styles) if styles is not None else ["-"] * len(results)
    for ax, dof in zip(axes, dofs):
        scale, unit = dof_scale(dof, degrees)
        for ds, label, style in zip(results, labels, styles):
            rao = ds["rao"].isel(case=case).sel(dof=dof, source=source).values
            ax.plot(ds["omega"].values, scale * np.abs(rao), style, label=label)
        ax.set_xlabel(OMEGA_LABEL)
        ax.set_ylabel(f"|{dof} RAO| [{unit}/{per_source(source)}]")
        ax.set_ylim(bottom=0.0)
        ax.grid(alpha=0.3)
        ax.legend(fontsize="small")
    return axes
