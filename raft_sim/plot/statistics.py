"""Statistics across load cases: mean, standard deviation and expected extremes of a DOF or
a derived channel, one point per case. Statistic variables are found through their
``stat`` and ``channel`` attrs (``raft_sim.results.dataset``), not by their names."""
from __future__ import annotations

import numpy as np

from raft_sim.plot.style import case_labels, dof_scale, new_axes, unit_scale

DOF_CHANNEL = "dof"
_MARKERS = {"max": "^", "min": "v"}


def statistic_variables(results, channel: str) -> dict:
    """The statistic variables of one channel, by statistic name.

    Parameters
    ----------
    results : xarray.Dataset
    channel : str
        ``"dof"`` for the platform motions, else a derived channel name.

    Returns
    -------
    dict of str to xarray.DataArray
        ``{"mean": ..., "std": ..., "max": ..., ...}``.
    """
    found = {v.attrs["stat"]: v for v in results.data_vars.values()
             if v.attrs.get("channel") == channel and "stat" in v.attrs}
    if not found:
        known = sorted({v.attrs["channel"] for v in results.data_vars.values()
                        if "channel" in v.attrs and "stat" in v.attrs})
        raise KeyError(f"no statistics of channel {channel!r}; channels: {', '.join(known)}")
    return found


def _components(da, channel: str, component):
    """(dim, labels) of the components to draw; (None, [None]) for a scalar channel."""
    extra = [d for d in da.dims if d != "case"]
    if not extra:
        return None, [None]
    dim = extra[0]
    if component is None:
        component = "pitch" if channel == DOF_CHANNEL else None
    labels = list(da[dim].values) if component is None else [component]
    missing = [c for c in labels if c not in list(da[dim].values)]
    if missing:
        raise KeyError(f"{channel}: no {dim} {missing[0]!r}; choose from {list(da[dim].values)}")
    return dim, labels


def plot_statistics(results, channel: str = DOF_CHANNEL, component=None, ax=None,
                    degrees: bool = True):
    """Mean with +/- one standard deviation, and the expected maximum and minimum, per case.

    Parameters
    ----------
    results : xarray.Dataset
    channel : str
        ``"dof"`` (platform motions) or a derived channel (``tower_base_moment``,
        ``mooring_tension`` ...).
    component : optional
        A DOF for ``"dof"`` (default ``"pitch"``), a component label (mooring line) for
        a channel with components (default all of them, side by side).
    ax : matplotlib.axes.Axes, optional
    degrees : bool
        Rotations (and channels in rad) in degrees, channels in rad/s in rpm.

    Returns
    -------
    matplotlib.axes.Axes
        One error-bar series (mean +/- std) per component, plus one marker line each for
        the expected ``max`` and ``min`` when the results have them.
    """
    stats = statistic_variables(results, channel)
    dim, components = _components(stats["mean"], channel, component)
    ax = new_axes(ax)
    x = np.arange(results.sizes["case"], dtype=float)
    width = 0.6 / len(components)
    unit = ""
    for k, comp in enumerate(components):
        pick = (lambda da: da) if dim is None else (lambda da, c=comp: da.sel({dim: c}))
        if channel == DOF_CHANNEL:
            scale, unit = dof_scale(comp, degrees)
        else:
            scale, unit = unit_scale(stats["mean"].attrs["units"], degrees)
        xk = x + (k - 0.5 * (len(components) - 1)) * width
        name = "" if comp is None else f"{comp} "
        ax.errorbar(xk, scale * pick(stats["mean"]).values,
                    yerr=scale * pick(stats["std"]).values if "std" in stats else None,
                    fmt="o", capsize=3, label=f"{name}mean +/- std")
        for stat, marker in _MARKERS.items():
            if stat in stats:
                ax.plot(xk, scale * pick(stats[stat]).values, marker=marker, linestyle="none",
                        color=ax.containers[-1].lines[0].get_color(),
                        label=f"expected {stat}" if k == 0 else "_nolegend_")
    ax.set_xticks(x, case_labels(results), rotation=30, ha="right", fontsize="small")
    title = (components[0] if channel == DOF_CHANNEL
             else stats["mean"].attrs.get("long_name", channel).split(":")[0])
    ax.set_ylabel(f"{title} [{unit}]")
    ax.set_xlabel("load case")
    ax.legend(fontsize="small")
    return ax
