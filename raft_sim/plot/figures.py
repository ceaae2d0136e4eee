"""Whole figures for the command line and the docs: geometry, response overview,
statistics, natural periods. The one plot module that calls the library (the model for
the mean pose, natural periods and mooring line shapes); the plot functions it arranges
only draw."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from raft_sim.conventions import DOFS
from raft_sim.design.errors import DesignError

KINDS_RESULTS = ("overview", "rao", "psd", "stats", "channels", "periods")
KINDS_DESIGN = ("geometry", "geometry3d", "side", "top", "periods")
KINDS = tuple(dict.fromkeys(KINDS_DESIGN + KINDS_RESULTS))


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


IMAGE_FORMATS = ("png", "svg", "pdf")


def _image_format(path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in IMAGE_FORMATS:
        raise DesignError("-o", f"{path}: the image format must be one of "
                          f"{', '.join(IMAGE_FORMATS)} (file extension)")
    return suffix


def write_plot(path, output, kind: str | None = None, dofs=None) -> None:
    """What ``raft-sim plot`` does: the figure of :func:`figure_for_file` written to ``output``.

    Parameters
    ----------
    path : str or pathlib.Path
        Design (``.yaml``) or results (``.nc``) file.
    output : str or pathlib.Path
        Image file; png, svg or pdf after its extension.
    kind : str, optional
    dofs : sequence of str, optional

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
    figure = figure_for_file(path, kind, dofs)
    write_atomically(output, lambda tmp: figure.savefig(tmp, format=fmt,
                                                        dpi=120 if fmt == "png" else None))


def figure_for_file(path, kind: str | None = None, dofs=None):
    """The figure ``raft-sim plot`` writes for a design or results file.

    Parameters
    ----------
    path : str or pathlib.Path
        ``.yaml``/``.yml`` design or ``.nc`` results (``raft-sim run -o``).
    kind : str, optional
        Design: ``geometry`` (default), ``geometry3d``, ``side``, ``top``, ``periods``.
        Results: ``overview`` (default; RAOs and spectra per DOF), ``rao``, ``psd``,
        ``stats``, ``channels``, ``periods`` (needs the design named in the file).
    dofs : sequence of str, optional
        DOFs to draw (default all six).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    DesignError
        Unknown kind for the file type, unknown DOF, unreadable file.
    """
    path = Path(path)
    dofs = _check_dofs(dofs or DOFS)
    if path.suffix.lower() in (".yaml", ".yml"):
        return _design_figure(path, kind or "geometry")
    if path.suffix.lower() in (".nc", ".nc4", ".netcdf"):
        return _results_figure(path, kind or "overview", dofs)
    raise DesignError(str(path), "expected a design (.yaml) or a results file (.nc)")


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


def _results_figure(path: Path, kind: str, dofs):
    from raft_sim.results.dataset import open_results
    if kind not in KINDS_RESULTS:
        raise DesignError("--kind", f"{kind!r} needs a design file; a results file draws: "
                          f"{', '.join(KINDS_RESULTS)}")
    if not path.is_file():
        raise DesignError(str(path), "file not found")
    try:
        results = open_results(path)
    except (OSError, ValueError) as err:
        raise DesignError(str(path), f"not a results file written by raft-sim run -o ({err})")
    if kind == "periods":
        from raft_sim.model import Model
        return periods_figure(Model(_design_of(results, path)).natural_frequencies(), results)
    if kind == "stats":
        return statistics_figure(results, dofs)
    if kind == "channels":
        return channels_figure(results)
    kinds = {"overview": ("rao", "psd"), "rao": ("rao",), "psd": ("psd",)}[kind]
    return response_overview(results, dofs, kinds=kinds)
