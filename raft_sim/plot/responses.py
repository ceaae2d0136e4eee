"""Plots of a results Dataset over frequency: RAOs and response spectra, per DOF and per
derived channel, with the excitation spectrum on a second y axis. Functions take ``ax=``
and return it; they only read the Dataset."""
from __future__ import annotations

import numpy as np

from raft_sim.plot.style import case_labels, dof_scale, new_axes, per_source, unit_scale

OMEGA_LABEL = "omega [rad/s]"


def _cases(results, cases):
    """Indices and labels of the cases to draw (default all)."""
    labels = case_labels(results)
    if cases is None:
        return list(enumerate(labels))
    values = list(results["case"].values)
    return [(values.index(c), labels[values.index(c)]) for c in cases]


def _curves(ax, results, values, cases, scale: float) -> list[str]:
    """One line per case of ``values`` (case, omega) [plotted unit]; their colours."""
    omega = results["omega"].values
    colors = [ax.plot(omega, scale * np.asarray(values[index]), label=label)[0].get_color()
              for index, label in _cases(results, cases)]
    ax.set_xlabel(OMEGA_LABEL)
    ax.legend(fontsize="small")
    return colors


def _spectrum_axis(ax, results, spectrum, cases, label: str, colors: list[str]):
    """Excitation spectrum (case, omega) on a twin y axis, dotted, same colours as the cases."""
    twin = ax.twinx()
    omega = results["omega"].values
    for (index, _), color in zip(_cases(results, cases), colors):
        twin.plot(omega, np.asarray(spectrum[index]), linestyle=":", color=color, linewidth=1.0)
    twin.set_ylabel(label)
    twin.set_ylim(bottom=0.0)
    return twin


def _source_spectrum(results, source: str):
    """Spectrum of one source (case, omega) and its axis label."""
    unit = "m^2 s/rad" if str(source).startswith("wave") else "(m/s)^2 s/rad"
    name = "wave" if str(source).startswith("wave") else "wind"
    return (results["source_psd"].sel(source=source).values,
            f"{name} spectrum ({source}, dotted) [{unit}]")


def plot_rao(results, dof: str = "pitch", source: str = "wave_1", ax=None, degrees: bool = True,
             cases=None, spectrum: bool = True):
    """RAO magnitude of one DOF against frequency, one line per case.

    Parameters
    ----------
    results : xarray.Dataset
        From :meth:`raft_sim.model.Model.analyze` or :func:`raft_sim.results.dataset.open_results`.
    dof : str
        ``surge`` ... ``yaw``.
    source : str
        Excitation source label (``wave_1``, ``wind`` ...).
    ax : matplotlib.axes.Axes, optional
    degrees : bool
        Rotations per unit amplitude in deg instead of rad.
    cases : sequence, optional
        Case labels to draw; default all.
    spectrum : bool
        Draw the source's spectrum on a second y axis (dotted).

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = new_axes(ax)
    scale, unit = dof_scale(dof, degrees)
    rao = np.abs(results["rao"].sel(dof=dof, source=source).values)
    colors = _curves(ax, results, rao, cases, scale)
    ax.set_ylabel(f"|{dof} RAO| [{unit}/{per_source(source)}]")
    if spectrum:
        values, label = _source_spectrum(results, source)
        _spectrum_axis(ax, results, values, cases, label, colors)
    return ax


def plot_psd(results, dof: str = "pitch", ax=None, degrees: bool = True, cases=None,
             spectrum: bool = True):
    """Response spectrum of one DOF against frequency, one line per case.

    Parameters
    ----------
    results : xarray.Dataset
    dof : str
        ``surge`` ... ``yaw``.
    ax : matplotlib.axes.Axes, optional
    degrees : bool
        Rotations in deg^2 s/rad instead of rad^2 s/rad.
    cases : sequence, optional
        Case labels to draw; default all.
    spectrum : bool
        Draw the wave elevation spectrum (all wave systems) on a second y axis (dotted).

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = new_axes(ax)
    scale, unit = dof_scale(dof, degrees)
    colors = _curves(ax, results, results["psd"].sel(dof=dof).values, cases, scale**2)
    ax.set_ylabel(f"{dof} PSD [{unit}^2 s/rad]")
    if spectrum:
        _spectrum_axis(ax, results, results["wave_psd"].values, cases,
                       "wave spectrum (dotted) [m^2 s/rad]", colors)
    return ax


def _channel_mean(results, channel: str):
    for var in results.data_vars.values():
        if var.attrs.get("channel") == channel and var.attrs.get("stat") == "mean":
            return var
    raise KeyError(f"no channel {channel!r} in the results")


def channel_units(results, channel: str) -> str:
    """Unit of a derived channel, read from its statistic variables' attrs."""
    return _channel_mean(results, channel).attrs["units"]


def channel_title(results, channel: str) -> str:
    """Words for a derived channel (its ``long_name`` up to the colon), else its name."""
    return _channel_mean(results, channel).attrs.get("long_name", channel).split(":")[0]


def _component(da, component):
    """Select one component of a channel with a component dim (default the first)."""
    extra = [d for d in da.dims if d not in ("case", "omega", "source")]
    if not extra:
        return da, ""
    label = da[extra[0]].values[0] if component is None else component
    return da.sel({extra[0]: label}), f" {label}"


def plot_channel_rao(results, channel: str = "tower_base_moment", source: str = "wave_1",
                     component=None, ax=None, degrees: bool = True, cases=None,
                     spectrum: bool = True):
    """Transfer function magnitude of a derived channel, one line per case.

    Parameters
    ----------
    results : xarray.Dataset
    channel : str
        A channel of the results (``tower_base_moment``, ``mooring_tension``,
        ``nacelle_acceleration``, ``pitch`` ...; see ``raft_sim.results.dataset.CHANNELS``).
    source : str
        Excitation source label.
    component : optional
        Component label of a channel with components (a mooring line); default the first.
    ax : matplotlib.axes.Axes, optional
    degrees : bool
        Channels in rad (blade pitch) drawn in deg, in rad/s (rotor speed) in rpm.
    cases : sequence, optional
    spectrum : bool
        Draw the source's spectrum on a second y axis (dotted).

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = new_axes(ax)
    scale, unit = unit_scale(channel_units(results, channel), degrees)
    da, suffix = _component(results[f"{channel}_rao"].sel(source=source), component)
    colors = _curves(ax, results, np.abs(da.values), cases, scale)
    ax.set_ylabel(f"|{channel_title(results, channel)}{suffix}| per unit amplitude "
                  f"[{unit}/{per_source(source)}]")
    if spectrum:
        values, label = _source_spectrum(results, source)
        _spectrum_axis(ax, results, values, cases, label, colors)
    return ax


def plot_channel_psd(results, channel: str = "tower_base_moment", component=None, ax=None,
                     degrees: bool = True, cases=None, spectrum: bool = True):
    """Response spectrum of a derived channel, one line per case.

    Parameters
    ----------
    results : xarray.Dataset
    channel : str
        A channel of the results.
    component : optional
        Component label of a channel with components; default the first.
    ax : matplotlib.axes.Axes, optional
    degrees : bool
        Channels in rad drawn in deg, in rad/s in rpm.
    cases : sequence, optional
    spectrum : bool
        Draw the wave elevation spectrum on a second y axis (dotted).

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = new_axes(ax)
    scale, unit = unit_scale(channel_units(results, channel), degrees)
    da, suffix = _component(results[f"{channel}_psd"], component)
    colors = _curves(ax, results, da.values, cases, scale**2)
    ax.set_ylabel(f"{channel_title(results, channel)}{suffix} PSD [({unit})^2 s/rad]")
    if spectrum:
        _spectrum_axis(ax, results, results["wave_psd"].values, cases,
                       "wave spectrum (dotted) [m^2 s/rad]", colors)
    return ax
