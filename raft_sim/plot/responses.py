"""Plots of results Datasets: RAOs and response spectra. Functions take ``ax=`` and return it;
they never run an analysis."""
from __future__ import annotations

import numpy as np

from raft_sim.conventions import ROTATIONS


def _axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt
        ax = plt.figure().add_subplot()
    return ax


def plot_rao(results, dof: str = "pitch", source: str = "wave_1", ax=None, degrees: bool = True):
    """RAO magnitude of one DOF against frequency for every case.

    Parameters
    ----------
    results : xarray.Dataset
        From :meth:`raft_sim.model.Model.analyze`.
    dof : str
        ``surge`` ... ``yaw``.
    source : str
        Excitation source label (``wave_1``, ``wind`` ...).
    ax : matplotlib.axes.Axes, optional
    degrees : bool
        Rotations per unit amplitude in deg instead of rad.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    scale = np.degrees(1.0) if degrees and dof in ROTATIONS else 1.0
    unit = ("deg" if degrees else "rad") if dof in ROTATIONS else "m"
    per = "m" if source.startswith("wave") else "(m/s)"
    rao = results["rao"].sel(dof=dof, source=source)
    for case in results["case"].values:
        ax.plot(results["omega"], scale * np.abs(rao.sel(case=case)), label=f"case {case}")
    ax.set_xlabel("omega [rad/s]")
    ax.set_ylabel(f"|{dof} RAO| [{unit}/{per}]")
    ax.legend()
    return ax


def plot_psd(results, dof: str = "pitch", ax=None, degrees: bool = True):
    """Response spectrum of one DOF against frequency for every case.

    Parameters
    ----------
    results : xarray.Dataset
    dof : str
    ax : matplotlib.axes.Axes, optional
    degrees : bool
        Rotations in deg^2 s/rad instead of rad^2 s/rad.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    scale = np.degrees(1.0) ** 2 if degrees and dof in ROTATIONS else 1.0
    unit = ("deg" if degrees else "rad") if dof in ROTATIONS else "m"
    for case in results["case"].values:
        ax.plot(results["omega"], scale * results["psd"].sel(case=case, dof=dof),
                label=f"case {case}")
    ax.set_xlabel("omega [rad/s]")
    ax.set_ylabel(f"{dof} PSD [{unit}^2 s/rad]")
    ax.legend()
    return ax
