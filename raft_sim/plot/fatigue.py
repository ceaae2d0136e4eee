"""Fatigue plots: each condition's share of the lifetime damage (bars per case, a heat map
over Hs-Tp, bars over wind speed) and the per-case DELs, read from the fatigue Dataset of
:func:`raft_sim.results.fatigue_dataset.fatigue_dataset` (docs/fatigue.md). The case
coordinates (``wave_height``, ``wave_period``, ``wind_speed``) are read from that Dataset,
or from ``cases=`` (the results Dataset) when it does not carry them. Failed cases are NaN
and drawn as a red cross on the axis, never as a zero bar."""
from __future__ import annotations

import numpy as np

from raft_sim.plot.style import case_labels, new_axes

CASE_COORDS = {"wave_height": ("Hs", "m"), "wave_period": ("Tp", "s"),
               "wind_speed": ("wind speed", "m/s")}
"""Case coordinates the plots group by: (axis name, unit)."""


def _method(fatigue, method):
    return method or fatigue.attrs.get("method", "dirlik")


def _channels(fatigue, channel) -> list[str]:
    names = [channel] if isinstance(channel, str) else list(channel or fatigue["channel"].values)
    known = [str(c) for c in fatigue["channel"].values]
    bad = [c for c in names if c not in known]
    if bad:
        raise KeyError(f"no fatigue channel {bad[0]!r}; channels: {', '.join(known)}")
    return names


def _shares(fatigue, channel: str, method):
    if "damage_share" not in fatigue:
        raise KeyError("the fatigue Dataset has no damage_share: the cases need probabilities "
                       "(a probability column in the design's cases)")
    return fatigue["damage_share"].sel(fatigue_method=_method(fatigue, method), channel=channel)


def case_coordinate(fatigue, name: str, cases=None) -> np.ndarray:
    """One value per case of a case coordinate (``wave_height`` ...), from the fatigue
    Dataset or else from ``cases`` (a Dataset with the same ``case`` labels).

    Raises
    ------
    KeyError
        Neither Dataset has the coordinate along ``case``.
    """
    for ds in (fatigue, cases):
        if ds is not None and name in ds.coords and ds[name].dims == ("case",):
            return ds[name].sel(case=fatigue["case"].values).values
    raise KeyError(f"no case coordinate {name!r}: pass the results Dataset as cases=")


def _labels(fatigue, cases):
    source = cases.sel(case=fatigue["case"].values) if cases is not None else fatigue
    return case_labels(source)


def _mark_failed(ax, x, values) -> None:
    bad = ~np.isfinite(values)
    if bad.any():
        ax.plot(np.asarray(x)[bad], np.zeros(bad.sum()), "x", color="C3", markersize=8,
                clip_on=False, label="case failed (not in the lifetime)")


def plot_damage_shares(fatigue, channel=None, method: str | None = None, ax=None, cases=None):
    """Each case's share of the lifetime damage, bars per case (a group per channel).

    Parameters
    ----------
    fatigue : xarray.Dataset
        From ``fatigue_dataset`` with probabilities (``damage_share``).
    channel : str or sequence of str, optional
        Channel key(s) (``tower_base_fore_aft``, ``mooring_line1_fairlead`` ...); default all.
    method : str, optional
        ``fatigue_method`` (default the Dataset's reported ``method``).
    ax : matplotlib.axes.Axes, optional
    cases : xarray.Dataset, optional
        Results Dataset for the case labels (wind speed, Hs, Tp).

    Returns
    -------
    matplotlib.axes.Axes
        One bar container per channel, one bar per case [%]; failed cases crossed.
    """
    channels = _channels(fatigue, channel)
    ax = new_axes(ax)
    x = np.arange(fatigue.sizes["case"], dtype=float)
    width = 0.8 / len(channels)
    for k, name in enumerate(channels):
        share = 100.0 * _shares(fatigue, name, method).values
        ax.bar(x + (k - 0.5 * (len(channels) - 1)) * width, share, width, label=name)
    _mark_failed(ax, x, share)
    ax.set_xticks(x, _labels(fatigue, cases), rotation=60, ha="right", fontsize="x-small")
    ax.set_ylabel("share of lifetime damage [%]")
    ax.set_xlabel("load case")
    ax.set_title(f"{_method(fatigue, method)}, {fatigue.attrs.get('lifetime_years', 20):g} years",
                 fontsize="small")
    ax.legend(fontsize="small")
    return ax


def _grouped(keys: np.ndarray, share: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Shares summed per distinct key (sorted); NaN where every case of the key failed."""
    values = np.unique(keys[np.isfinite(keys)])
    sums = np.array([np.nan if np.all(np.isnan(share[keys == v])) else np.nansum(share[keys == v])
                     for v in values])
    return values, sums


def _edges(centres: np.ndarray) -> np.ndarray:
    mid = 0.5 * (centres[1:] + centres[:-1])
    step = np.diff(centres).min() if centres.size > 1 else 1.0
    first = 2 * centres[0] - mid[0] if mid.size else centres[0] - 0.5 * step
    last = 2 * centres[-1] - mid[-1] if mid.size else centres[-1] + 0.5 * step
    return np.concatenate([[first], mid, [last]])


def _axis_label(name: str) -> str:
    short, unit = CASE_COORDS.get(name, (name, "-"))
    return f"{short} [{unit}]"


def plot_damage_map(fatigue, channel: str, x: str = "wave_period", y: str = "wave_height",
                    method: str | None = None, ax=None, cases=None, annotate: bool = True):
    """Heat map of the lifetime damage share over two case coordinates (Hs-Tp).

    Cases with the same (x, y) (e.g. several wind speeds in one sea state) add up in one
    cell; cells without a case are blank.

    Parameters
    ----------
    fatigue : xarray.Dataset
        With ``damage_share``.
    channel : str
        Channel key.
    x, y : str
        Case coordinates on the axes (default Tp [s] across, Hs [m] up).
    method : str, optional
    ax : matplotlib.axes.Axes, optional
    cases : xarray.Dataset, optional
        Results Dataset with the case coordinates, if ``fatigue`` has none.
    annotate : bool
        Write each cell's share [%].

    Returns
    -------
    matplotlib.axes.Axes
        One ``QuadMesh`` of shares [%] with a colour bar (``damage share [%]``).
    """
    share = 100.0 * _shares(fatigue, channel, method).values
    xs, ys = (case_coordinate(fatigue, n, cases).astype(float) for n in (x, y))
    ux, uy = np.unique(xs), np.unique(ys)
    grid = np.full((uy.size, ux.size), np.nan)
    for j, vy in enumerate(uy):
        for i, vx in enumerate(ux):
            here = share[(xs == vx) & (ys == vy)]
            if here.size and not np.all(np.isnan(here)):
                grid[j, i] = np.nansum(here)
    ax = new_axes(ax)
    mesh = ax.pcolormesh(_edges(ux), _edges(uy), np.ma.masked_invalid(grid), cmap="magma_r",
                         shading="flat", vmin=0.0)
    ax.figure.colorbar(mesh, ax=ax, label="damage share [%]")
    if annotate:
        for j, i in zip(*np.nonzero(np.isfinite(grid))):
            dark = grid[j, i] > 0.6 * np.nanmax(grid)
            ax.text(ux[i], uy[j], f"{grid[j, i]:.1f}", ha="center", va="center",
                    fontsize="x-small", color="white" if dark else "black")
    ax.set_xlabel(_axis_label(x))
    ax.set_ylabel(_axis_label(y))
    ax.set_title(f"{channel} ({_method(fatigue, method)})", fontsize="small")
    return ax


def plot_damage_by(fatigue, channel=None, by: str = "wind_speed", method: str | None = None,
                   ax=None, cases=None):
    """Lifetime damage share summed per value of one case coordinate (bars over wind speed).

    Parameters
    ----------
    fatigue : xarray.Dataset
        With ``damage_share``.
    channel : str or sequence of str, optional
        Channel key(s); default all (one bar group per channel).
    by : str
        Case coordinate (``wind_speed``, ``wave_height``, ``wave_period``).
    method : str, optional
    ax : matplotlib.axes.Axes, optional
    cases : xarray.Dataset, optional
        Results Dataset with the case coordinates, if ``fatigue`` has none.

    Returns
    -------
    matplotlib.axes.Axes
        One bar container per channel, one bar per distinct value of ``by`` [%].
    """
    channels = _channels(fatigue, channel)
    keys = case_coordinate(fatigue, by, cases).astype(float)
    ax = new_axes(ax)
    values = np.unique(keys[np.isfinite(keys)])
    step = np.diff(values).min() if values.size > 1 else 1.0
    width = 0.8 * step / len(channels)
    for k, name in enumerate(channels):
        centres, sums = _grouped(keys, 100.0 * _shares(fatigue, name, method).values)
        ax.bar(centres + (k - 0.5 * (len(channels) - 1)) * width, sums, width, label=name)
    ax.set_xlabel(_axis_label(by))
    ax.set_ylabel("share of lifetime damage [%]")
    ax.legend(fontsize="small")
    return ax


def plot_case_dels(fatigue, channel: str, method: str | None = None, ax=None, cases=None):
    """Per-case DEL (as if the case lasted the lifetime) and the lifetime DEL.

    Parameters
    ----------
    fatigue : xarray.Dataset
        From ``fatigue_dataset`` (``lifetime_DEL`` drawn when probabilities were given).
    channel : str
        Channel key.
    method : str, optional
    ax : matplotlib.axes.Axes, optional
    cases : xarray.Dataset, optional
        Results Dataset for the case labels.

    Returns
    -------
    matplotlib.axes.Axes
        One bar per case, a horizontal line at the lifetime DEL; the y label carries the
        channel's unit and the reference cycles N_eq.
    """
    name = _channels(fatigue, channel)[0]
    pick = {"fatigue_method": _method(fatigue, method), "channel": name}
    dels = fatigue["DEL"].sel(pick).values
    unit = str(fatigue["channel_units"].sel(channel=name).item())
    ax = new_axes(ax)
    x = np.arange(dels.size, dtype=float)
    ax.bar(x, dels, 0.7, color="C0", label="per case, over the whole lifetime")
    _mark_failed(ax, x, dels)
    if "lifetime_DEL" in fatigue:
        ax.axhline(float(fatigue["lifetime_DEL"].sel(pick)), color="C3",
                   label="lifetime (probability weighted)")
    ax.set_xticks(x, _labels(fatigue, cases), rotation=60, ha="right", fontsize="x-small")
    n_eq = fatigue.attrs.get("reference_cycles", 1e7)
    ax.set_ylabel(f"{name} DEL at N_eq = {n_eq:.0e} [{unit}]")
    ax.set_xlabel("load case")
    ax.legend(fontsize="small")
    return ax
