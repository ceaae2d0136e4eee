"""Sweep maps: a metric of a sweep Dataset (``raft_sim.sweep``, ``raft-sim sweep -o``)
against its swept parameters. A line per value of a second parameter, a heat map over
two, or a line against one parameter coordinate of a zipped sweep. The metric is the one
of ``raft-sim sweep --rank`` (:mod:`raft_sim.sweeps.rank`). Variants that are not ``ok``
are NaN and show as gaps."""
from __future__ import annotations

import numpy as np

from raft_sim.plot.style import new_axes, unit_scale

ZIP_DIM = "variant"


def parameter_dims(sweep) -> list[str]:
    """The swept dims of a sweep Dataset (those of ``variant_status``), in order."""
    return list(sweep["variant_status"].dims)


def sweep_metric(sweep, metric: str = "std.pitch", case=None):
    """The metric of every variant, NaN where the variant is not ``ok``.

    Parameters
    ----------
    sweep : xarray.Dataset
        Sweep Dataset (docs/sweeps.md).
    metric : str
        ``STAT.WHAT`` as for ``--rank`` (``std.pitch``, ``max.mooring_tension``,
        ``natural_period.surge``, ``mass``); a leading ``-`` is ignored here.
    case : int, optional
        A case label: the metric of that case. Default: the maximum over cases (and
        components), as ``--rank``.

    Returns
    -------
    xarray.DataArray
        Dims: the parameter dims; SI units in ``attrs["units"]``.

    Raises
    ------
    raft_sim.design.errors.DesignError
        A metric that names nothing in the Dataset.
    """
    from raft_sim.sweeps.rank import metric as rank_metric
    from raft_sim.sweeps.rank import metric_unit
    text = metric.lstrip("-")
    dims = parameter_dims(sweep)
    values = rank_metric(sweep, text, dims + ["case"])  # max over components, case kept
    name = text
    if case is not None and "case" not in values.dims:
        raise ValueError(f"case={case!r}: metric {text!r} has no case dimension")
    if "case" in values.dims:
        values = values.max("case", skipna=True) if case is None else values.sel(case=case)
        name += ", max over cases" if case is None else f", case {case}"
    values = values.transpose(*dims).astype(float).where(sweep["variant_status"] == "ok")
    values.attrs = {"units": metric_unit(sweep, text), "long_name": name}
    return values.rename(text)


def _scaled(values, degrees: bool):
    """(values in the plotted unit, axis label with that unit)."""
    scale, unit = unit_scale(values.attrs.get("units", ""), degrees)
    unit = unit or "-"
    return values * scale, f"{values.attrs['long_name']} [{unit}]"


def parameter_label(sweep, name: str) -> str:
    """Axis label of a swept parameter: its path, and scale factor or file units."""
    attrs = sweep[name].attrs
    path = attrs.get("path", name)
    if attrs.get("units") == "1":
        return f"{path} (scale factor) [-]"
    return f"{path} [as in the design file]"


def _check_dims(values, keep: list[str]) -> None:
    extra = [d for d in values.dims if d not in keep]
    if extra:
        raise ValueError(f"swept dims {extra} not drawn: select one value of each first "
                         f"(sweep.sel({extra[0]}=...))")


def plot_sweep_lines(sweep, metric: str = "std.pitch", x: str | None = None,
                     hue: str | None = None, case=None, ax=None, degrees: bool = True):
    """The metric against one swept parameter, one line per value of another.

    Parameters
    ----------
    sweep : xarray.Dataset
    metric : str
        As :func:`sweep_metric`.
    x : str, optional
        Parameter on the x axis: a dim of a grid sweep, or a parameter coordinate of a
        zipped sweep (default: the first parameter).
    hue : str, optional
        Grid sweeps: a second swept dim, one line per value (default: the other dim of a
        two-parameter sweep). Not used for a zipped sweep (one line, sorted by ``x``).
    case : int, optional
        One case instead of the maximum over cases.
    ax : matplotlib.axes.Axes, optional
    degrees : bool
        Metrics in rad drawn in degrees, in rad/s in rpm.

    Returns
    -------
    matplotlib.axes.Axes
        One line (with markers) per ``hue`` value; failed variants are gaps (NaN).
    """
    values, ylabel = _scaled(sweep_metric(sweep, metric, case), degrees)
    dims = parameter_dims(sweep)
    ax = new_axes(ax)
    if dims == [ZIP_DIM]:
        x = x or zip_parameters(sweep)[0]
        positions, order = _positions(sweep[x].values)
        ax.plot(positions[order], values.values[order], marker="o")
        _categories(ax.xaxis, sweep[x].values)
    else:
        x = x or dims[0]
        rest = [d for d in dims if d != x]
        hue = hue if hue is not None else (rest[0] if rest else None)
        _check_dims(values, [x] + ([hue] if hue else []))
        series = [(None, values)] if hue is None else \
            [(v, values.sel({hue: v})) for v in sweep[hue].values]
        for value, line in series:
            label = "_nolegend_" if value is None else f"{_short(sweep, hue)} = {_text(value)}"
            positions, order = _positions(sweep[x].values)
            ax.plot(positions[order], line.values[order], marker="o", label=label)
        _categories(ax.xaxis, sweep[x].values)
        if hue is not None:
            ax.legend(fontsize="small", title=None)
    ax.set_xlabel(parameter_label(sweep, x))
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    return ax


def _text(value) -> str:
    return f"{value:.4g}" if isinstance(value, (float, np.floating)) else str(value)


def _numeric(values) -> bool:
    return np.asarray(values).dtype.kind in "iuf"


def _positions(values) -> tuple[np.ndarray, np.ndarray]:
    """(x positions, order that sorts them): the values, or 0, 1, ... for strings."""
    values = np.asarray(values)
    positions = values.astype(float) if _numeric(values) else np.arange(values.size, dtype=float)
    return positions, np.argsort(positions, kind="stable")


def _categories(axis, values) -> None:
    """Tick labels of a parameter whose values are strings (``parked``, ``operating``)."""
    if not _numeric(values):
        axis.set_ticks(np.arange(len(values)), [str(v) for v in values])


def _short(sweep, name: str) -> str:
    return sweep[name].attrs.get("path", name)


def zip_parameters(sweep) -> list[str]:
    """Parameter coordinates of a zipped sweep (coordinates along ``variant`` with a path)."""
    return [c for c in sweep.coords if "path" in sweep[c].attrs and sweep[c].dims == (ZIP_DIM,)]


def _edges(centres: np.ndarray) -> np.ndarray:
    """Cell edges halfway between sorted centres (one cell per value, extended at the ends)."""
    c = np.asarray(centres, dtype=float)
    if c.size == 1:
        return np.array([c[0] - 0.5, c[0] + 0.5]) if c[0] == 0 else c[0] * np.array([0.95, 1.05])
    mid = 0.5 * (c[1:] + c[:-1])
    return np.concatenate([[2 * c[0] - mid[0]], mid, [2 * c[-1] - mid[-1]]])


def plot_sweep_map(sweep, metric: str = "std.pitch", x: str | None = None,
                   y: str | None = None, case=None, ax=None, degrees: bool = True,
                   contour: bool | None = None, annotate: bool = True):
    """Heat map of the metric over two swept parameters of a grid sweep.

    Parameters
    ----------
    sweep : xarray.Dataset
        A grid sweep with at least two parameters.
    metric : str
        As :func:`sweep_metric`.
    x, y : str, optional
        Swept dims on the axes (default: the second and first parameter).
    case : int, optional
        One case instead of the maximum over cases.
    ax : matplotlib.axes.Axes, optional
    degrees : bool
    contour : bool, optional
        Contour lines over the map (needs at least 2 finite variants in every row and
        column). Default: only for grids of at least 4 x 4 variants, where they are
        smoother than the cell values written in each cell.
    annotate : bool
        Write each variant's value in its cell.

    Returns
    -------
    matplotlib.axes.Axes
        One ``QuadMesh`` (NaN cells, failed variants, left blank and crossed), a colour
        bar labelled with the metric and its unit, and a ``QuadContourSet`` with ``contour``.
    """
    values, label = _scaled(sweep_metric(sweep, metric, case), degrees)
    dims = parameter_dims(sweep)
    if dims == [ZIP_DIM] or len(dims) < 2:
        raise ValueError("a heat map needs a grid sweep of two parameters; "
                         "use plot_sweep_lines for one parameter or a zipped sweep")
    y = y or (dims[0] if x != dims[0] else dims[1])
    x = x or next(d for d in dims if d != y)
    _check_dims(values, [x, y])
    (xs, x_order), (ys, y_order) = _positions(sweep[x].values), _positions(sweep[y].values)
    grid = values.transpose(y, x).values[np.ix_(y_order, x_order)]
    xs, ys = xs[x_order], ys[y_order]
    ax = new_axes(ax)
    mesh = ax.pcolormesh(_edges(xs), _edges(ys), np.ma.masked_invalid(grid), cmap="viridis",
                         shading="flat")
    ax.figure.colorbar(mesh, ax=ax, label=label)
    finite = np.isfinite(grid)
    contour = min(grid.shape) >= 4 if contour is None else contour
    if contour and finite.sum(axis=0).min() >= 2 and finite.sum(axis=1).min() >= 2 \
            and np.nanmax(grid) > np.nanmin(grid):
        ax.contour(xs, ys, np.ma.masked_invalid(grid), colors="white", linewidths=0.8, alpha=0.7)
    bad_y, bad_x = np.nonzero(~finite)
    if bad_x.size:
        ax.plot(xs[bad_x], ys[bad_y], marker="x", color="C3", linestyle="none",
                label="variant not ok (invalid or failed)")
    if annotate:
        for j, i in zip(*np.nonzero(finite)):
            ax.text(xs[i], ys[j], f"{grid[j, i]:.3g}", ha="center", va="center",
                    fontsize="x-small", color="white")
    if bad_x.size:
        ax.legend(fontsize="small", loc="upper right")
    _categories(ax.xaxis, sweep[x].values[x_order])
    _categories(ax.yaxis, sweep[y].values[y_order])
    ax.set_xlabel(parameter_label(sweep, x))
    ax.set_ylabel(parameter_label(sweep, y))
    return ax
