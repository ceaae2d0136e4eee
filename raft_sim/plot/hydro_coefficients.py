"""Plots of hydrodynamic databases (:mod:`raft_sim.hydro.database`): A(w), B(w), |X(w)|.

Functions take ``ax=`` and return it; pass several databases (e.g. WAMIT and Capytaine) to
compare them on one set of axes.
"""
from __future__ import annotations

import numpy as np

from raft_sim.plot.style import new_axes


def _label(db, label):
    return label if label is not None else db.attrs.get("source", "")


def plot_radiation(databases, dof: str = "heave", term: str = "added_mass", labels=None, ax=None):
    """Diagonal added mass or radiation damping of one DOF against frequency.

    Parameters
    ----------
    databases : Dataset or sequence of Dataset
    dof : str
        ``surge`` ... ``yaw``.
    term : {"added_mass", "radiation_damping"}
    labels : sequence of str, optional
        Legend entries (default: each database's ``source`` attribute).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = new_axes(ax)
    for db, label in _labelled(databases, labels):
        curve = db[term].sel(influenced_dof=dof, radiating_dof=dof)
        ax.plot(db.omega, curve, label=_label(db, label))
    ax.set_xlabel("frequency [rad/s]")
    ax.set_ylabel(f"{term.replace('_', ' ')} {dof} [{db[term].attrs.get('units', '').split(' (')[0]}]")
    ax.legend()
    return ax


def plot_excitation(databases, dof: str = "heave", direction: float = 0.0, labels=None, ax=None):
    """Excitation magnitude per metre of wave amplitude of one DOF against frequency.

    Parameters
    ----------
    databases : Dataset or sequence of Dataset
    dof : str
    direction : float
        Wave direction [rad] (nearest in each database).
    labels : sequence of str, optional
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = new_axes(ax)
    for db, label in _labelled(databases, labels):
        x = db.excitation_force.sel(influenced_dof=dof).sel(wave_direction=direction, method="nearest")
        ax.plot(db.omega, np.abs(x), label=_label(db, label))
    unit = "N m/m" if dof in ("roll", "pitch", "yaw") else "N/m"
    ax.set_xlabel("frequency [rad/s]")
    ax.set_ylabel(f"|X| {dof} [{unit}] at {np.degrees(direction):.0f} deg")
    ax.legend()
    return ax


def _labelled(databases, labels):
    """(database, label) pairs of one Dataset or a sequence of them (labels default None)."""
    databases = [databases] if hasattr(databases, "data_vars") else list(databases)
    return list(zip(databases, labels or [None] * len(databases)))
