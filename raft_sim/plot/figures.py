"""Whole figures for the command line and the docs: geometry, response overview,
statistics, natural periods, sweep maps, fatigue. The one plot module that calls the
library (the model for the mean pose, natural periods and mooring line shapes; the fatigue
stage of a results file); the plot functions it arranges only draw."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from raft_sim.conventions import DOFS
from raft_sim.design.errors import DesignError

KINDS_RESULTS = ("overview", "rao", "psd", "stats", "channels", "periods", "fatigue")
KINDS_DESIGN = ("geometry", "geometry3d", "side", "top", "periods")
KINDS_SWEEP = ("sweep",)
KINDS = tuple(dict.fromkeys(KINDS_DESIGN + KINDS_RESULTS + KINDS_SWEEP))
FATIGUE_VARIABLES = ("damage_rate", "DEL", "damage", "damage_share", "lifetime_damage",
                     "lifetime_DEL")
"""Variables of the fatigue stage (``fatigue_dataset``); a results file holding
``DEL`` along ``channel`` has them already."""


def _figure(rows: int, cols: int, width: float = 5.0, height: float = 3.4, **kw):
    from matplotlib.figure import Figure
    fig = Figure(figsize=(width * cols, height * rows), layout="constrained")
    return fig, fig.subplots(rows, cols, squeeze=False, **kw)


def mean_pose(model) -> tuple[np.ndarray, list[np.ndarray]]:
    """Unloaded equilibrium pose and the mooring line shapes there.

    Parameters
    ----------
    model : raft_sim.model.Model

    Returns
    -------
    pose : ndarray, shape (6,)
        [m, rad].
    lines : list of ndarray, shape (n, 3)
        MoorPy node coordinates of each line, global axes [m] (empty without mooring).
    """
    pose = np.asarray(model.equilibrium.position, dtype=float)
    ms = model.mooring_system()
    if ms is None:
        return pose, []
    from raft_sim.mooring import line_coordinates
    return pose, line_coordinates(ms, pose)


def geometry_figure(design, pose=None, mooring_lines=(), kind: str = "geometry"):
    """Views of a design at a pose.

    ``kind`` ``geometry``: 3-D and side views of platform, tower and rotor (mooring lines
    cut at the box), then side and top views of the whole system with the mooring lines;
    ``geometry3d``, ``side``, ``top``: that one view of the whole system.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.figure import Figure

    from raft_sim.plot.geometry import plot_geometry_3d, plot_projection
    panels = {"geometry": (("3d", "structure"), ("side", "structure"), ("side", "all"),
                           ("top", "all")),
              "geometry3d": (("3d", "all"),), "side": (("side", "all"),),
              "top": (("top", "all"),)}[kind]
    cols = min(2, len(panels))
    rows = -(-len(panels) // cols)
    fig = Figure(figsize=(6.5 * cols, 5.5 * rows), layout="constrained")
    titles = {"3d": "3-D view", "side": "side view", "top": "top view"}
    for k, (view, extent) in enumerate(panels):
        ax = fig.add_subplot(rows, cols, k + 1, projection="3d" if view == "3d" else None)
        if view == "3d":
            plot_geometry_3d(design, pose, mooring_lines, ax=ax, extent=extent)
        else:
            plot_projection(design, view, pose, mooring_lines, ax=ax, extent=extent)
        where = "floater and turbine" if extent == "structure" else "with mooring"
        ax.set_title(f"{titles[view]}, {where}")
    fig.suptitle(f"{design.name} at its mean pose")
    return fig


def response_overview(results, dofs=DOFS, degrees: bool = True, kinds=("rao", "psd")):
    """RAO (first wave source) and response spectrum of each DOF, one row per DOF.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from raft_sim.plot.responses import plot_psd, plot_rao
    source = next((s for s in results["source"].values if str(s).startswith("wave")),
                  results["source"].values[0])
    fig, axes = _figure(len(dofs), len(kinds))
    for row, dof in zip(axes, dofs):
        for ax, kind in zip(row, kinds):
            if kind == "rao":
                plot_rao(results, dof, source, ax=ax, degrees=degrees)
            else:
                plot_psd(results, dof, ax=ax, degrees=degrees)
    return fig


def _channels(results) -> list[str]:
    """Derived channels with statistics, in Dataset order."""
    names = [v.attrs["channel"] for v in results.data_vars.values()
             if "channel" in v.attrs and "stat" in v.attrs and v.attrs["channel"] != "dof"]
    return list(dict.fromkeys(names))


def channels_figure(results, degrees: bool = True):
    """Transfer function (first wave source) and spectrum of every derived channel.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from raft_sim.plot.responses import plot_channel_psd, plot_channel_rao
    channels = _channels(results) or ["(none)"]
    if channels == ["(none)"]:
        raise DesignError("--kind", "the results have no derived channels")
    fig, axes = _figure(len(channels), 2)
    for (ax1, ax2), channel in zip(axes, channels):
        plot_channel_rao(results, channel, "wave_1", ax=ax1, degrees=degrees)
        plot_channel_psd(results, channel, ax=ax2, degrees=degrees)
    return fig


def statistics_figure(results, dofs=DOFS, degrees: bool = True):
    """Statistics across cases: one panel per DOF, then one per derived channel.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from raft_sim.plot.statistics import plot_statistics
    panels = [("dof", dof) for dof in dofs] + [(c, None) for c in _channels(results)]
    cols = min(3, len(panels))
    rows = -(-len(panels) // cols)
    fig, axes = _figure(rows, cols, 4.6, 3.6)
    for ax, (channel, component) in zip(axes.flat, panels):
        plot_statistics(results, channel, component, ax=ax, degrees=degrees)
    for ax in axes.flat[len(panels):]:
        ax.set_visible(False)
    return fig


def design_wave_spectra(design):
    """Wave elevation spectra of a design's load cases (all wave systems summed).

    Returns
    -------
    xarray.Dataset
        ``wave_psd`` (case, omega) [m^2 s/rad] on the design's frequency grid.
    """
    import xarray as xr

    from raft_sim.environment.waves import wave_spectrum
    omega = design.settings.omega
    psd = np.array([sum((wave_spectrum(w, omega) for w in case.waves), np.zeros_like(omega))
                    for case in design.cases]).reshape(len(design.cases), omega.size)
    return xr.Dataset({"wave_psd": (("case", "omega"), psd, {"units": "m^2 s/rad"})},
                      coords={"case": np.arange(len(design.cases)),
                              "omega": ("omega", omega, {"units": "rad/s"})})


def periods_figure(periods, spectra):
    """Natural periods against the cases' wave spectra (one panel).

    Returns
    -------
    matplotlib.figure.Figure
    """
    from raft_sim.plot.periods import plot_natural_periods
    fig, axes = _figure(1, 1, 8.0, 4.5)
    plot_natural_periods(periods, spectra, ax=axes[0, 0])
    return fig


def _design_of(results, path: Path):
    source = results.attrs.get("source_file", "")
    candidates = [Path(source), path.parent / source] if source else []
    found = next((p for p in candidates if p.is_file()), None)
    if found is None:
        raise DesignError("--kind", "periods needs the design: natural periods are not stored "
                          f"in {path.name} and its source_file {source!r} is not found; "
                          "plot the DESIGN.yaml instead")
    from raft_sim.design.load import load_design
    return load_design(found)


def _check_dofs(dofs):
    bad = [d for d in dofs if d not in DOFS]
    if bad:
        raise DesignError("--dof", f"unknown DOF {bad[0]!r}; choose from {', '.join(DOFS)}")
    return tuple(dofs)


def is_sweep(ds) -> bool:
    """Whether a Dataset is a sweep's (``raft_sim.sweep``, ``raft-sim sweep -o``)."""
    return "sweep_mode" in ds.attrs or "variant_status" in ds.data_vars


def default_metric(sweep) -> str:
    """``std.pitch`` when the sweep has motion statistics, else its first statistic."""
    stats = [v.attrs for v in sweep.data_vars.values() if "stat" in v.attrs and "channel" in v.attrs]
    if any(a["stat"] == "std" and a["channel"] == "dof" for a in stats) and "dof" in sweep.dims \
            and "pitch" in sweep["dof"].values:
        return "std.pitch"
    if stats:
        first = stats[0]
        return f"{first['stat']}.{sweep['dof'].values[0] if first['channel'] == 'dof' else first['channel']}"
    return "mass"


def sweep_figure(sweep, metric: str | None = None, degrees: bool = True):
    """Sweep map of a metric: a heat map and lines over two grid parameters, lines over
    one, or one panel per parameter of a zipped sweep.

    Parameters
    ----------
    sweep : xarray.Dataset
    metric : str, optional
        ``--rank`` syntax (default :func:`default_metric`).
    degrees : bool

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    DesignError
        Unknown metric (naming ``--metric``), or more than two grid parameters.
    """
    from raft_sim.plot.sweep import ZIP_DIM, parameter_dims, plot_sweep_lines, plot_sweep_map
    from raft_sim.plot.sweep import sweep_metric, zip_parameters
    metric = metric or default_metric(sweep)
    try:
        sweep_metric(sweep, metric)
    except DesignError as err:
        raise DesignError("--metric", err.problem) from None
    dims = parameter_dims(sweep)
    if dims == [ZIP_DIM]:
        names = zip_parameters(sweep)
        fig, axes = _figure(1, len(names), 5.5, 4.0)
        for ax, name in zip(axes[0], names):
            plot_sweep_lines(sweep, metric, x=name, ax=ax, degrees=degrees)
    elif len(dims) == 1:
        fig, axes = _figure(1, 1, 6.5, 4.2)
        plot_sweep_lines(sweep, metric, ax=axes[0, 0], degrees=degrees)
    elif len(dims) == 2:
        fig, axes = _figure(1, 2, 6.5, 4.8)
        plot_sweep_map(sweep, metric, x=dims[1], y=dims[0], ax=axes[0, 0], degrees=degrees)
        plot_sweep_lines(sweep, metric, x=dims[0], hue=dims[1], ax=axes[0, 1], degrees=degrees)
    else:
        raise DesignError("--kind", f"sweep: {len(dims)} swept parameters ({', '.join(dims)}); "
                          "the sweep map draws one or two (select the others in Python: "
                          "raft_sim.plot.sweep with sweep.sel(...))")
    failed = int((sweep["variant_status"] != "ok").sum())
    fig.suptitle(f"{sweep.attrs.get('design', 'sweep')}: {metric} over {sweep['variant_status'].size} "
                 f"variants" + (f" ({failed} not ok: blank)" if failed else ""), fontsize="medium")
    return fig


def fatigue_of(results, settings=None):
    """The fatigue Dataset of a results Dataset, with the case coordinates attached.

    The fatigue variables of ``results`` when it holds them (``DEL`` along ``channel``, as
    ``raft-sim run -o`` writes them with ``with_fatigue``; their ``fatigue_*`` attributes
    restored without the prefix), else the fatigue stage :func:`raft_sim.results.fatigue_dataset.fatigue_dataset` with
    ``settings`` (default: 20 years, N_eq 1e7, slope-only curves: shares and DELs, no
    absolute damage). The case coordinates (``wind_speed``, ``wave_height`` ...) of
    ``results`` are attached along ``case`` for the plots.

    Returns
    -------
    xarray.Dataset
    """
    if "DEL" in results.data_vars and "channel" in results["DEL"].dims:
        names = [v for v in FATIGUE_VARIABLES if v in results.data_vars]
        attrs = {("method" if k == "fatigue_reported_method" else k.removeprefix("fatigue_")): v
                 for k, v in results.attrs.items() if k.startswith("fatigue_")}
        fatigue = results[names].assign_attrs(attrs)  # as merged by with_fatigue (run -o)
    else:
        from raft_sim.results.fatigue_dataset import fatigue_dataset
        fatigue = fatigue_dataset(results, settings)
    coords = {name: c.variable for name, c in results.coords.items()
              if c.dims == ("case",) and name not in fatigue.coords}
    return fatigue.assign_coords(coords)


def _distinct(fatigue, name: str) -> int:
    if name not in fatigue.coords:
        return 0
    values = fatigue[name].values.astype(float)
    return np.unique(values[np.isfinite(values)]).size


def fatigue_figure(fatigue, channels=None):
    """Per channel (one row): each case's share of the lifetime damage, the share over
    Hs-Tp, and over wind speed (when the cases vary them); without probabilities, the
    per-case DELs.

    Parameters
    ----------
    fatigue : xarray.Dataset
        :func:`fatigue_of`.
    channels : sequence of str, optional
        Channel keys (default all).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    DesignError
        An unknown channel (naming ``--channel``), or no fatigue channel at all.
    """
    from raft_sim.plot.fatigue import (plot_case_dels, plot_damage_by, plot_damage_map,
                                       plot_damage_shares)
    known = [str(c) for c in fatigue["channel"].values]
    if not known:
        raise DesignError("--kind", "fatigue: the results have no load channel (N, N m) to assess")
    bad = [c for c in channels or () if c not in known]
    if bad:
        raise DesignError("--channel", f"unknown fatigue channel {bad[0]!r}; choose from {', '.join(known)}")
    channels = list(channels or known)
    if "damage_share" not in fatigue:
        fig, axes = _figure(len(channels), 1, 9.0, 3.8)
        for ax, name in zip(axes[:, 0], channels):
            plot_case_dels(fatigue, name, ax=ax)
        fig.suptitle("per-case DELs (no case probabilities: no lifetime shares)", fontsize="medium")
        return fig
    panels = ["shares"] + (["map"] if _distinct(fatigue, "wave_height") > 1
                           or _distinct(fatigue, "wave_period") > 1 else []) \
        + (["wind"] if _distinct(fatigue, "wind_speed") > 1 else [])
    fig, axes = _figure(len(channels), len(panels), 6.0, 4.6)
    for row, name in zip(axes, channels):
        for ax, panel in zip(row, panels):
            if panel == "shares":
                plot_damage_shares(fatigue, name, ax=ax)
            elif panel == "map":
                plot_damage_map(fatigue, name, ax=ax)
            else:
                plot_damage_by(fatigue, name, ax=ax)
    fig.suptitle(f"share of lifetime damage per condition ({fatigue.attrs.get('method', 'dirlik')}, "
                 f"{fatigue.attrs.get('lifetime_years', 20):g} years)", fontsize="medium")
    return fig


IMAGE_FORMATS = ("png", "svg", "pdf")


def _image_format(path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in IMAGE_FORMATS:
        raise DesignError("-o", f"{path}: the image format must be one of "
                          f"{', '.join(IMAGE_FORMATS)} (file extension)")
    return suffix


def write_plot(path, output, kind: str | None = None, dofs=None, metric: str | None = None,
               channels=None) -> None:
    """What ``raft-sim plot`` does: the figure of :func:`figure_for_file` written to ``output``.

    Parameters
    ----------
    path : str or pathlib.Path
        Design (``.yaml``), results or sweep (``.nc``) file.
    output : str or pathlib.Path
        Image file; png, svg or pdf after its extension.
    kind : str, optional
    dofs : sequence of str, optional
    metric : str, optional
    channels : sequence of str, optional

    Raises
    ------
    DesignError
        Unknown image format (checked first), or as :func:`figure_for_file`.
    raft_sim.outfile.OutputError
        ``output`` cannot be written (written atomically: an existing image is only
        replaced by a complete one).
    """
    from raft_sim.outfile import write_atomically
    fmt = _image_format(output)  # an image extension: never the .yaml or .nc input
    figure = figure_for_file(path, kind, dofs, metric, channels)
    write_atomically(output, lambda tmp: figure.savefig(tmp, format=fmt,
                                                        dpi=120 if fmt == "png" else None))


def figure_for_file(path, kind: str | None = None, dofs=None, metric: str | None = None,
                    channels=None):
    """The figure ``raft-sim plot`` writes for a design, results or sweep file.

    Parameters
    ----------
    path : str or pathlib.Path
        ``.yaml``/``.yml`` design, ``.nc`` results (``raft-sim run -o``) or sweep
        (``raft-sim sweep -o``; recognised by its attrs).
    kind : str, optional
        Design: ``geometry`` (default), ``geometry3d``, ``side``, ``top``, ``periods``.
        Results: ``overview`` (default; RAOs and spectra per DOF), ``rao``, ``psd``,
        ``stats``, ``channels``, ``periods`` (needs the design named in the file),
        ``fatigue``. Sweep: ``sweep`` (the only one, and the default).
    dofs : sequence of str, optional
        DOFs to draw (default all six).
    metric : str, optional
        Sweep metric in ``--rank`` syntax (default ``std.pitch``).
    channels : sequence of str, optional
        Fatigue channel keys (default all).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    DesignError
        Unknown kind for the file type, unknown DOF, metric or channel, unreadable file.
    """
    path = Path(path)
    dofs = _check_dofs(dofs or DOFS)
    if path.suffix.lower() in (".yaml", ".yml"):
        _only_for(kind or "geometry", metric=metric, channels=channels)
        return _design_figure(path, kind or "geometry")
    if path.suffix.lower() in (".nc", ".nc4", ".netcdf"):
        return _results_figure(path, kind, dofs, metric, channels)
    raise DesignError(str(path), "expected a design (.yaml) or a results file (.nc)")


def _only_for(kind: str, metric=None, channels=None) -> None:
    """Refuse the options that the kind does not use."""
    if metric is not None and kind != "sweep":
        raise DesignError("--metric", f"only for a sweep file (--kind sweep), not --kind {kind}")
    if channels and kind != "fatigue":
        raise DesignError("--channel", f"only for --kind fatigue, not --kind {kind}")


def _design_figure(path: Path, kind: str):
    from raft_sim.design.load import load_design
    from raft_sim.model import Model
    if kind not in KINDS_DESIGN:
        raise DesignError("--kind", f"{kind!r} needs a results file (raft-sim run -o "
                          f"RESULTS.nc); a design draws: {', '.join(KINDS_DESIGN)}")
    design = load_design(path)
    model = Model(design)
    if kind == "periods":
        return periods_figure(model.natural_frequencies(), design_wave_spectra(design))
    pose, lines = mean_pose(model)
    return geometry_figure(design, pose, lines, kind)


def _open(path: Path):
    from raft_sim.results.dataset import open_results
    if not path.is_file():
        raise DesignError(str(path), "file not found")
    try:
        return open_results(path)
    except (OSError, ValueError) as err:
        raise DesignError(str(path), f"not a results file written by raft-sim run -o or "
                          f"raft-sim sweep -o ({err})")


def _results_figure(path: Path, kind: str | None, dofs, metric=None, channels=None):
    if kind is not None and kind not in KINDS_RESULTS + KINDS_SWEEP:
        raise DesignError("--kind", f"{kind!r} needs a design file; a results file draws: "
                          f"{', '.join(KINDS_RESULTS)}; a sweep file: {', '.join(KINDS_SWEEP)}")
    results = _open(path)
    sweep = is_sweep(results)
    kind = kind or ("sweep" if sweep else "overview")
    _only_for(kind, metric=metric, channels=channels)
    if sweep != (kind == "sweep"):
        raise DesignError("--kind", f"{path.name} is a sweep file: it draws --kind sweep" if sweep
                          else f"--kind sweep needs a sweep file (raft-sim sweep -o); "
                          f"{path.name} holds results: {', '.join(KINDS_RESULTS)}")
    if kind == "sweep":
        return sweep_figure(results, metric)
    if kind == "fatigue":
        return fatigue_figure(fatigue_of(results), channels)
    if kind == "periods":
        from raft_sim.model import Model
        return periods_figure(Model(_design_of(results, path)).natural_frequencies(), results)
    if kind == "stats":
        return statistics_figure(results, dofs)
    if kind == "channels":
        return channels_figure(results)
    kinds = {"overview": ("rao", "psd"), "rao": ("rao",), "psd": ("psd",)}[kind]
    return response_overview(results, dofs, kinds=kinds)
