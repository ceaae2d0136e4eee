"""Labelled results of an analysis: an ``xarray.Dataset``, its netCDF file and its JSON summary.

The variable names, dims, units and JSON keys are a user interface documented in
``docs/outputs.md``; keep them stable. xarray and pandas are imported here only, so
``import raft_sim`` stays light.

Dims: ``case``, ``omega`` [rad/s], ``source`` (statistically independent excitation
sources: wave systems and turbulent wind), ``dof`` (``conventions.DOFS``), and a component dim per channel where needed
(``line`` for mooring tensions). Statistic variables carry ``stat`` and ``channel`` attrs,
which :func:`stats_table` and :func:`stats_to_json` use to find them.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from raft_sim.conventions import DOF_UNITS, DOFS, ROTATIONS
from raft_sim.results.statistics import (
    DEFAULT_DURATION, bin_widths, response_psd, response_statistics)

if TYPE_CHECKING:
    import pandas as pd
    import xarray as xr

STATS: tuple[str, ...] = ("mean", "std", "max", "min", "max_3sigma", "min_3sigma", "tz")
"""Statistic names, in the order they are stored and reported."""

_STAT_LONG = {
    "mean": "mean value", "std": "standard deviation",
    "max": "expected maximum over the duration (Rayleigh peaks)",
    "min": "expected minimum over the duration (Rayleigh peaks)",
    "max_3sigma": "mean + 3 std (RAFT's maximum)", "min_3sigma": "mean - 3 std (RAFT's minimum)",
    "tz": "mean zero-upcrossing period",
}
_JSON_STATS = STATS[:-1]  # tz is infinite for a channel without variance: not in JSON

DOF_CHANNEL = "dof"
MOTION_UNITS = "m (surge, sway, heave), rad (roll, pitch, yaw)"

CHANNELS: dict[str, tuple[str, str, str, str | None]] = {
    "nacelle_acceleration": ("AxRNA", "m/s^2", "fore-aft nacelle acceleration", None),
    "nacelle_side_side_acceleration": ("AyRNA", "m/s^2", "side-side nacelle acceleration", None),
    "tower_base_moment": ("Mbase", "N m", "fore-aft tower-base bending moment", None),
    "tower_base_side_side_moment": ("Mbase_side_side", "N m",
                                    "side-side tower-base bending moment", None),
    "tower_base_shear": ("Fbase_fore_aft", "N", "fore-aft tower-base shear force", None),
    "tower_base_side_side_shear": ("Fbase_side_side", "N", "side-side tower-base shear force", None),
    "mooring_tension": ("Tmoor", "N", "mooring line tension", "line"),  # at the fairlead
    "mooring_anchor_tension": ("Tmoor_anchor", "N", "mooring line tension at the anchor", "line"),
    "rotor_speed": ("omega", "rad/s", "rotor speed", None),
    "pitch": ("bPitch", "rad", "blade pitch angle", None),
    "gen_torque": ("torque", "N m", "generator torque", None),
    "power": ("power", "W", "generator power", None),
    "thrust": ("thrust", "N", "rotor thrust", None),
}
"""Known derived channels: name -> (JSON key, units, long name, component dim)."""


def _per_amplitude(units: str) -> str:
    """Units of a transfer function per unit source amplitude (1 m of wave, 1 m/s of wind)."""
    if units == MOTION_UNITS:
        return ("m (surge, sway, heave), rad (roll, pitch, yaw) per m of wave (wave sources) "
                "or per m/s of wind (wind source)")
    return f"{units} per m of wave (wave sources) or per m/s of wind (wind source)"


def _squared(units: str) -> str:
    return "m^2 s/rad (surge, sway, heave), rad^2 s/rad (roll, pitch, yaw)" \
        if units == MOTION_UNITS else f"({units})^2 s/rad"


def _stat_vars(stats: dict, dims: tuple, prefix: str, channel: str, units: str,
               long_name: str) -> dict:
    out = {}
    for stat in STATS:
        unit = "s" if stat == "tz" else units
        attrs = {"units": unit, "long_name": f"{long_name}: {_STAT_LONG[stat]}",
                 "stat": stat, "channel": channel}
        out[f"{prefix}{stat}"] = (dims, stats[stat], attrs)
    return out


TIME_CONVENTION = "x(t) = Re(X exp(+i omega t))"
"""The ``time_convention`` attribute: complex amplitudes X of real signals x(t)."""
CASE_STATE_ATTRS = {
    "converged": {"units": "1", "long_name": "drag linearisation converged"},
    "error": {"units": "1", "long_name": "why the case failed (empty if it did not)"},
}
"""Attributes of the per-case ``converged`` and ``error`` variables."""


def dof_coordinates() -> dict:
    """The ``dof`` coordinate (:data:`raft_sim.conventions.DOFS`) and its ``dof_units``."""
    return {"dof": ("dof", np.array(DOFS), {"long_name": "rigid-body degree of freedom"}),
            "dof_units": ("dof", np.array([DOF_UNITS[d] for d in DOFS]),
                          {"long_name": "unit of each degree of freedom"})}


def results_dataset(omega: ArrayLike, rao: ArrayLike, source_psd: ArrayLike, mean: ArrayLike, *,
                    source: ArrayLike | None = None, source_heading: ArrayLike | None = None,
                    case: ArrayLike | None = None, converged: ArrayLike | None = None,
                    iterations: ArrayLike | None = None, duration: float = DEFAULT_DURATION,
                    attrs: dict | None = None) -> "xr.Dataset":
    """Dataset of rigid-body results for several load cases.

    Each case is excited by S statistically independent sources: wave systems (unit
    amplitude 1 m of wave elevation) and, where present, turbulent wind (unit amplitude
    1 m/s of rotor-averaged wind speed). Response spectra of the sources add.

    Parameters
    ----------
    omega : array_like, shape (F,)
        Angular frequencies [rad/s].
    rao : array_like, complex, shape (N, F, S, 6)
        Response per unit source amplitude for N cases [m/m, rad/m for waves;
        m/(m/s), rad/(m/s) for wind].
    source_psd : array_like, shape (N, F, S)
        One-sided spectra of the sources: wave elevation [m^2 s/rad] or wind speed
        [m^2/s^2 s/rad]; zeros for a source absent from a case.
    mean : array_like, shape (N, 6)
        Mean (static) offsets [m, rad].
    source : array_like of str, shape (S,), optional
        Source labels; default ``wave_1 .. wave_S``. Labels starting with ``wave`` are
        wave systems and enter ``wave_psd``.
    source_heading : array_like, shape (N, S), optional
        Direction each source travels towards [rad]; default 0.
    case : array_like, shape (N,), optional
        Case labels; default 0..N-1.
    converged : array_like of bool, shape (N,), optional
        Drag linearisation converged per case; default True.
    iterations : array_like of int, shape (N,), optional
        Drag linearisation solves per case; default 0.
    duration : float
        Exposure duration for the expected extremes [s].
    attrs : dict, optional
        Extra global attributes (strings or numbers).

    Returns
    -------
    xarray.Dataset
        Variables ``rao``, ``response``, ``source_psd``, ``source_heading``, ``wave_psd``,
        ``psd`` and the statistics ``motion_mean``, ``motion_std``, ``motion_max``,
        ``motion_min``, ``motion_max_3sigma``, ``motion_min_3sigma``, ``motion_tz`` over
        (case, dof), plus ``converged`` and ``drag_iterations`` (see docs/outputs.md).
    """
    import xarray as xr

    omega = np.asarray(omega, dtype=float)
    rao = np.asarray(rao, dtype=complex)
    source_psd = np.asarray(source_psd, dtype=float)
    n_case, _, n_src, _ = rao.shape
    source = (np.array([f"wave_{i + 1}" for i in range(n_src)]) if source is None
              else np.asarray(source, dtype=str))
    heading = (np.zeros((n_case, n_src)) if source_heading is None
               else np.broadcast_to(np.asarray(source_heading, dtype=float), (n_case, n_src)))
    case = np.arange(n_case) if case is None else np.asarray(case)
    converged = np.ones(n_case, bool) if converged is None else np.asarray(converged, bool)
    iterations = np.zeros(n_case, int) if iterations is None else np.asarray(iterations, int)
    psd, stat_vars = motion_parts(rao, source_psd, omega, mean, duration)
    amplitude = rao * np.sqrt(2.0 * source_psd * bin_widths(omega)[:, None])[..., None]
    is_wave = np.char.startswith(source, "wave")
    data = {
        "rao": (("case", "omega", "source", "dof"), rao,
                {"units": _per_amplitude(MOTION_UNITS),
                 "long_name": "response amplitude operator per unit source amplitude"}),
        "response": (("case", "omega", "source", "dof"), amplitude,
                     {"units": MOTION_UNITS, "long_name": "complex response amplitude per "
                      "frequency bin, a = sqrt(2 S d_omega) (zero source phase)"}),
        "source_psd": (("case", "omega", "source"), source_psd,
                       {"units": "m^2 s/rad (waves), m^2/s (wind)",
                        "long_name": "one-sided spectrum of each excitation source"}),
        "source_heading": (("case", "source"), heading,
                           {"units": "rad", "long_name": "direction the source travels "
                            "towards, from +x to +y"}),
        "wave_psd": (("case", "omega"), source_psd[..., is_wave].sum(axis=-1),
                     {"units": "m^2 s/rad", "long_name": "one-sided wave elevation spectrum, "
                      "all wave systems"}),
        "psd": (("case", "omega", "dof"), psd,
                {"units": _squared(MOTION_UNITS), "long_name": "one-sided response spectrum"}),
        "converged": (("case",), converged, CASE_STATE_ATTRS["converged"]),
        "drag_iterations": (("case",), iterations,
                            {"units": "1", "long_name": "drag linearisation solves"}),
        **stat_vars,
    }
    coords = {
        "case": ("case", case, {"long_name": "load case"}),
        "omega": ("omega", omega, {"units": "rad/s", "long_name": "angular frequency"}),
        "source": ("source", source, {"long_name": "independent excitation source"}),
        **dof_coordinates(),
    }
    global_attrs = {"time_convention": TIME_CONVENTION,
                    "extreme_duration_s": float(duration), **(attrs or {})}
    return xr.Dataset(data, coords=coords, attrs=global_attrs)


def motion_parts(rao: np.ndarray, source_psd: np.ndarray, omega: np.ndarray, mean: ArrayLike,
                 duration: float) -> tuple[np.ndarray, dict]:
    """Response spectrum and statistic variables of the platform motions.

    Parameters
    ----------
    rao : ndarray, complex, shape (N, F, S, 6)
        Response per unit source amplitude.
    source_psd : ndarray, shape (N, F, S)
        One-sided spectrum of each source.
    omega : ndarray, shape (F,)
        Frequencies [rad/s].
    mean : array_like, shape (N, 6)
        Mean offsets [m, rad].
    duration : float
        Exposure duration for the expected extremes [s].

    Returns
    -------
    psd : ndarray, shape (N, F, 6)
        One-sided response spectra [m^2 s/rad, rad^2 s/rad].
    variables : dict
        ``motion_<stat>`` for every stat of :data:`STATS`, as ``(dims, values, attrs)``.
    """
    psd = response_psd(rao, source_psd)
    stats = response_statistics(psd, omega, mean, duration)
    return psd, _stat_vars(stats, ("case", "dof"), "motion_", DOF_CHANNEL, MOTION_UNITS,
                           "platform motion")


CASE_COORDS: dict[str, tuple[str, str]] = {
    "case_label": ("1", "short description of the load case"),
    "status": ("1", "converged, not_converged (drag linearisation) or failed"),
    "wind_speed": ("m/s", "hub-height mean wind speed"),
    "wind_heading": ("rad", "direction the wind blows towards, from +x to +y"),
    "turbulence": ("1", "turbulence intensity or IEC class"),
    "turbine_status": ("1", "operating, parked or idling"),
    "yaw_misalign": ("rad", "rotor yaw misalignment"),
    "wave_height": ("m", "significant wave height of the first wave system"),
    "wave_period": ("s", "peak period of the first wave system"),
    "wave_heading": ("rad", "direction the first wave system travels towards"),
    "wave_spectrum": ("1", "spectrum of the first wave system"),
    "current_speed": ("m/s", "surface current speed"),
    "current_heading": ("rad", "direction the current flows towards"),
    "probability": ("1", "fraction of the lifetime the case occurs (NaN: not given)"),
}
"""Coordinates on the ``case`` dim describing each case: name -> (units, long name)."""


def case_label(case) -> str:
    """One line describing a case (wind, waves, current), in degrees and SI units."""
    parts = []
    if case.wind_speed > 0:
        parts.append(f"U {case.wind_speed:g} m/s {np.degrees(case.wind_heading):g} deg "
                     f"{case.turbulence} {case.turbine_status}")
    for sea in case.waves:
        if sea.spectrum == "still":
            continue
        if sea.spectrum in ("jonswap", "pierson_moskowitz"):
            parts.append(f"{sea.spectrum} Hs {sea.hs:g} m Tp {sea.tp:g} s {np.degrees(sea.heading):g} deg")
        else:
            parts.append(f"{sea.spectrum} waves {np.degrees(sea.heading):g} deg")
    if case.current_speed > 0:
        parts.append(f"current {case.current_speed:g} m/s {np.degrees(case.current_heading):g} deg")
    return "; ".join(parts) or "still water, no wind"


def case_coordinates(cases, statuses) -> dict:
    """Coordinates (see :data:`CASE_COORDS`) on the ``case`` dim for a list of Case."""
    def first_wave(attr, default):
        return [getattr(c.waves[0], attr) if c.waves and getattr(c.waves[0], attr) is not None
                else default for c in cases]
    probability = [getattr(c, "probability", None) for c in cases]
    values = {
        "case_label": [case_label(c) for c in cases], "status": list(statuses),
        "wind_speed": [c.wind_speed for c in cases], "wind_heading": [c.wind_heading for c in cases],
        "turbulence": [str(c.turbulence) for c in cases],
        "turbine_status": [str(c.turbine_status) for c in cases],
        "yaw_misalign": [c.yaw_misalign for c in cases],
        "wave_height": first_wave("hs", np.nan), "wave_period": first_wave("tp", np.nan),
        "wave_heading": first_wave("heading", np.nan), "wave_spectrum": first_wave("spectrum", ""),
        "current_speed": [c.current_speed for c in cases],
        "current_heading": [c.current_heading for c in cases],
        "probability": [np.nan if p is None else float(p) for p in probability],
    }
    out = {}
    for name, vals in values.items():
        units, long_name = CASE_COORDS[name]
        arr = np.asarray(vals, dtype=str if units == "1" and name != "probability" else float)
        attrs = {"long_name": long_name} if units == "1" else {"units": units, "long_name": long_name}
        out[name] = ("case", arr, attrs)
    return out


def add_channel(ds: "xr.Dataset", name: str, transfer: ArrayLike, mean: ArrayLike, *,
                units: str | None = None, long_name: str | None = None,
                component_dim: str | None = None, components: ArrayLike | None = None,
                json_key: str | None = None) -> "xr.Dataset":
    """New Dataset with a derived channel (its RAO, PSD and statistics) added.

    Parameters
    ----------
    ds : xarray.Dataset
        From :func:`results_dataset` (supplies omega, wave_psd and the duration).
    name : str
        Channel name; defaults for the other keywords come from :data:`CHANNELS`.
    transfer : array_like, complex, shape (N, F, S) or (N, F, S, K)
        Channel per unit source amplitude, K components (e.g. lines).
    mean : array_like, shape (N,) or (N, K)
        Mean value [units].
    units, long_name : str, optional
        Unit of the channel and its description.
    component_dim : str, optional
        Dim name of the K components (e.g. ``"line"``).
    components : array_like, shape (K,), optional
        Component labels; default 0..K-1.
    json_key : str, optional
        Key in :func:`stats_to_json`; default from :data:`CHANNELS`, else ``name``.

    Returns
    -------
    xarray.Dataset
        ``ds`` plus ``<name>_rao``, ``<name>_psd`` and ``<name>_<stat>`` for every stat.
    """
    data, coords = channel_variables(ds, name, transfer, mean, units=units, long_name=long_name,
                                     component_dim=component_dim, components=components,
                                     json_key=json_key)
    out = ds.assign(data)
    return out.assign_coords({k: v for k, v in coords.items() if k not in out.coords})


def channel_variables(ds: "xr.Dataset", name: str, transfer: ArrayLike, mean: ArrayLike, *,
                      units: str | None = None, long_name: str | None = None,
                      component_dim: str | None = None, components: ArrayLike | None = None,
                      json_key: str | None = None) -> tuple[dict, dict]:
    """The variables :func:`add_channel` adds, as ``(data, coords)`` for one ``assign``.

    Same parameters as :func:`add_channel`; ``data`` maps variable names to
    ``(dims, values, attrs)``, ``coords`` the component dim (if any) to its labels.
    """
    return channel_parts(name, transfer, mean, ds["source_psd"].values, ds["omega"].values,
                         ds.attrs["extreme_duration_s"], units=units, long_name=long_name,
                         component_dim=component_dim, components=components, json_key=json_key)


def channel_parts(name: str, transfer: ArrayLike, mean: ArrayLike, source_psd: np.ndarray,
                  omega: np.ndarray, duration: float, *, units: str | None = None,
                  long_name: str | None = None, component_dim: str | None = None,
                  components: ArrayLike | None = None, json_key: str | None = None
                  ) -> tuple[dict, dict]:
    """:func:`channel_variables` from the sources' spectra instead of a Dataset.

    Parameters
    ----------
    name, transfer, mean
        As for :func:`add_channel`.
    source_psd : ndarray, shape (N, F, S)
        One-sided spectrum of each source [m^2 s/rad, m^2/s^2 s/rad].
    omega : ndarray, shape (F,)
        Frequencies [rad/s].
    duration : float
        Exposure duration for the expected extremes [s].
    units, long_name, component_dim, components, json_key
        As for :func:`add_channel`.
    """
    key, unit, long, dim = CHANNELS.get(name, (name, "1", name, None))
    units, long_name = units or unit, long_name or long
    component_dim, json_key = component_dim or dim, json_key or key
    transfer = np.asarray(transfer, dtype=complex)
    scalar = transfer.ndim == 3
    transfer4 = transfer[..., None] if scalar else transfer
    psd = response_psd(transfer4, source_psd)
    mean = np.asarray(mean, dtype=float).reshape(psd.shape[0], -1)
    stats = response_statistics(psd, omega, mean, duration)
    extra: tuple = () if scalar else (component_dim or f"{name}_component",)
    if scalar:
        stats, psd = {k: v[..., 0] for k, v in stats.items()}, psd[..., 0]
    common = {"channel": name, "json_key": json_key}
    data = {
        f"{name}_rao": (("case", "omega", "source") + extra, transfer,
                        {"units": _per_amplitude(units), **common,
                         "long_name": f"{long_name} per unit source amplitude"}),
        f"{name}_psd": (("case", "omega") + extra, psd,
                        {"units": _squared(units), **common,
                         "long_name": f"{long_name}: one-sided spectrum"}),
    }
    for var, (dims, values, attrs) in _stat_vars(stats, ("case",) + extra, f"{name}_", name,
                                                  units, long_name).items():
        data[var] = (dims, values, {**attrs, "json_key": json_key})
    coords = {}
    if extra:
        coords[extra[0]] = np.arange(transfer4.shape[-1]) if components is None else np.asarray(components)
    return data, coords


# ----------------------------------------------------------------------------- netCDF

_PART = "complex_part"


def save_results(ds: "xr.Dataset", path: str | Path, engine: str = "h5netcdf") -> None:
    """Write a results Dataset to netCDF-4 (h5netcdf), complex variables split in two.

    A complex variable ``v`` is stored as ``v_real`` and ``v_imag`` (same dims and attrs,
    plus ``complex_part``); :func:`open_results` restores it.

    Parameters
    ----------
    ds : xarray.Dataset
        Results to save.
    path : str or pathlib.Path
        Output file.
    engine : str
        xarray backend; ``"scipy"`` writes netCDF-3, about 30x faster than h5netcdf for
        a small Dataset with many variables (used for the parts of a sweep).
    """
    out = ds.copy()
    for name in [n for n, v in ds.data_vars.items() if np.iscomplexobj(v.values)]:
        var = ds[name]
        out = out.drop_vars(name).assign({
            f"{name}_real": var.real.assign_attrs({**var.attrs, _PART: "real"}),
            f"{name}_imag": var.imag.assign_attrs({**var.attrs, _PART: "imag"}),
        })
    out.to_netcdf(path, engine=engine)


def open_results(path: str | Path, engine: str = "h5netcdf") -> "xr.Dataset":
    """Read a file written by :func:`save_results`, restoring complex variables.

    Parameters
    ----------
    path : str or pathlib.Path
        netCDF file.
    engine : str
        xarray backend that wrote it (``"scipy"`` for netCDF-3).

    Returns
    -------
    xarray.Dataset
        In memory (the file is closed).
    """
    import xarray as xr

    with xr.open_dataset(path, engine=engine) as stored:
        ds = stored.load()
    for real in [n for n, v in ds.data_vars.items() if v.attrs.get(_PART) == "real"]:
        name = real[: -len("_real")]
        attrs = {k: v for k, v in ds[real].attrs.items() if k != _PART}
        value = (ds[real] + 1j * ds[f"{name}_imag"]).assign_attrs(attrs)
        ds = ds.drop_vars([real, f"{name}_imag"]).assign({name: value})
    return ds


# ----------------------------------------------------------------------------- tables

def _stat_variables(ds: "xr.Dataset"):
    """(variable name, channel, stat) of every statistic variable, in Dataset order."""
    return [(n, v.attrs["channel"], v.attrs["stat"]) for n, v in ds.data_vars.items()
            if "stat" in v.attrs and "channel" in v.attrs]


def _in_degrees(values: np.ndarray, labels: np.ndarray, stat: str) -> np.ndarray:
    """DOF statistics with rotations converted to degrees (tz stays in s)."""
    if stat == "tz":
        return values
    factor = np.where(np.isin(labels, ROTATIONS), 180.0 / np.pi, 1.0)
    return values * factor


EDGE_UNITS = {"rad": ("deg", 180.0 / np.pi), "rad/s": ("rpm", 30.0 / np.pi)}
"""Channel units shown in engineering units in printed tables (blade pitch, rotor speed)."""


def stats_table(ds: "xr.Dataset", degrees: bool = True) -> "pd.DataFrame":
    """Statistics as a tidy table for printing.

    Parameters
    ----------
    ds : xarray.Dataset
        Results.
    degrees : bool
        Report rotations in degrees (as RAFT) instead of radians, and channels in rad or
        rad/s (blade pitch, rotor speed) in deg or rpm.

    Returns
    -------
    pandas.DataFrame
        Columns ``case``, ``channel``, ``component`` (DOF, line... or empty), ``stat``,
        ``value``, ``unit``; one row per value.
    """
    import pandas as pd

    rows = []
    for var, channel, stat in _stat_variables(ds):
        da = ds[var]
        comp_dims = [d for d in da.dims if d != "case"]
        labels = ds[comp_dims[0]].values if comp_dims else np.array([""])
        for icase, case in enumerate(ds["case"].values):
            values = np.atleast_1d(da.isel(case=icase).values)
            units = np.full(labels.shape, da.attrs["units"], dtype=object)
            if channel == DOF_CHANNEL and stat != "tz":
                units = np.array(["m" if lab not in ROTATIONS else ("deg" if degrees else "rad")
                                  for lab in labels], dtype=object)
                values = _in_degrees(values, labels, stat) if degrees else values
            elif degrees and stat != "tz" and da.attrs["units"] in EDGE_UNITS:
                unit, factor = EDGE_UNITS[da.attrs["units"]]
                units, values = np.full(labels.shape, unit, dtype=object), values * factor
            rows += [(case, channel, str(lab), stat, float(val), unit)
                     for lab, val, unit in zip(labels, values, units)]
    return pd.DataFrame(rows, columns=["case", "channel", "component", "stat", "value", "unit"])


def _plain(value: Any):
    """JSON-safe Python value: floats (non-finite -> None), lists, bools, ints, strings."""
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()] if value.ndim else _plain(value.item())
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value) if not isinstance(value, str) else value


def json_units(ds: "xr.Dataset") -> dict[str, str]:
    """Units of the values in :func:`stats_to_json`: per DOF, then per channel key."""
    units = {dof: ("deg" if dof in ROTATIONS else "m") for dof in DOFS}
    for var, channel, stat in _stat_variables(ds):
        if channel != DOF_CHANNEL and stat == "mean":
            units[ds[var].attrs["json_key"]] = ds[var].attrs["units"]
    return units


def stats_to_json(ds: "xr.Dataset", path: str | Path | None = None) -> dict:
    """Summary statistics per case, in the documented JSON structure.

    Parameters
    ----------
    ds : xarray.Dataset
        Results.
    path : str or pathlib.Path, optional
        If given, the structure is also written there as JSON.

    Returns
    -------
    dict
        ``{"units": {...}, "cases": [{"case": label, "mean": {dof: value}, "std": ...,
        "max": ..., "min": ..., "max_3sigma": ..., "min_3sigma": ..., "converged": bool,
        "drag_iterations": int, "<channel key>": {"mean": value or [per component], ...}},
        ...]}``; rotations in degrees, translations in m, channels in their units.
    """
    cases = []
    for icase, case in enumerate(ds["case"].values):
        entry: dict[str, Any] = {"case": _plain(case)}
        for var, channel, stat in _stat_variables(ds):
            if stat not in _JSON_STATS:
                continue
            values = ds[var].isel(case=icase).values
            if channel == DOF_CHANNEL:
                deg = _in_degrees(values, ds["dof"].values, stat)
                entry[stat] = {dof: _plain(v) for dof, v in zip(ds["dof"].values, deg)}
            else:
                entry.setdefault(ds[var].attrs["json_key"], {})[stat] = _plain(values)
        if "case_label" in ds.coords:
            entry["description"] = {name: _plain(ds[name].values[icase]) for name in CASE_COORDS
                                    if name in ds.coords}
        if "error" in ds:
            entry["error"] = str(ds["error"].values[icase]) or None
        if "warnings" in ds:
            text = str(ds["warnings"].values[icase])
            entry["warnings"] = text.split("\n") if text else []
        entry["converged"] = _plain(ds["converged"].values[icase])
        entry["drag_iterations"] = _plain(ds["drag_iterations"].values[icase])
        cases.append(entry)
    summary = {"units": json_units(ds), "cases": cases}
    if path is not None:
        Path(path).write_text(json.dumps(summary, indent=2, allow_nan=False))
    return summary
