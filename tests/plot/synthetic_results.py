"""A small results Dataset for plot tests, built with the project's Dataset constructors
(random RAOs, Gaussian wave spectrum, exponential wind spectrum; no analysis run)."""
from __future__ import annotations

import numpy as np


def synthetic_results():
    """Two cases, 30 frequencies, a wave source and a wind source, two derived channels."""
    from raft_sim.results.dataset import add_channel, results_dataset
    omega = np.linspace(0.05, 1.5, 30)
    rng = np.random.default_rng(1)
    rao = rng.normal(size=(2, 30, 2, 6)) + 1j * rng.normal(size=(2, 30, 2, 6))
    psd = np.zeros((2, 30, 2))
    psd[:, :, 0] = np.exp(-((omega - 0.6) / 0.15) ** 2)
    psd[1, :, 1] = 2.0 * np.exp(-omega)
    ds = results_dataset(omega, rao, psd, rng.normal(size=(2, 6)), source=["wave_1", "wind"])
    ds = add_channel(ds, "tower_base_moment", rao[..., 4] * 1e7, [1e7, 2e7])
    return add_channel(ds, "mooring_tension", rao[..., :3] * 1e5, np.full((2, 3), 9e5),
                       components=["line1", "line2", "line3"])


def synthetic_scatter():
    """Five cases with probabilities and case coordinates (wind speed, Hs, Tp); cases 1
    and 2 share a sea state, case 4 failed (its ``error`` is set)."""
    from raft_sim.results.dataset import add_channel, results_dataset
    omega = np.linspace(0.05, 1.5, 40)
    n = 5
    rng = np.random.default_rng(2)
    rao = rng.normal(size=(n, 40, 1, 6)) + 1j * rng.normal(size=(n, 40, 1, 6))
    hs = np.array([1.0, 2.0, 2.0, 3.0, 3.0])
    psd = (hs[:, None] ** 2 * np.exp(-((omega - 0.6) / 0.2) ** 2))[:, :, None]
    ds = results_dataset(omega, rao, psd, np.zeros((n, 6)))
    ds = add_channel(ds, "tower_base_moment", rao[..., 4] * 1e7, np.full(n, 1e7))
    ds = add_channel(ds, "mooring_tension", rao[..., :2] * 1e5, np.full((n, 2), 9e5),
                     components=["line1", "line2"])
    ds = ds.assign_coords(wind_speed=("case", [6.0, 10.0, 12.0, 12.0, 18.0]),
                          wave_height=("case", hs), wave_period=("case", [7.0, 9.0, 9.0, 11.0, 11.0]),
                          probability=("case", [0.3, 0.25, 0.2, 0.15, 0.1]))
    return ds.assign(error=("case", ["", "", "", "", "did not converge"]))


def synthetic_sweep():
    """A 3 x 3 grid sweep Dataset (scale factor on the line length x ballast density),
    two cases, with the names and attrs of ``raft_sim.sweeps.combine``; the variant
    (line length 1.0, ballast 1200) failed and holds NaN."""
    import xarray as xr
    length = np.array([0.95, 1.0, 1.05])
    ballast = np.array([1000.0, 1100.0, 1200.0])
    rng = np.random.default_rng(3)
    std = rng.uniform(0.01, 0.05, size=(3, 3, 2, 6))
    status = np.full((3, 3), "ok", dtype="<U7")
    status[1, 2] = "failed"
    std[1, 2] = np.nan
    dims = ("mooring_lines_length", "ballast")
    dofs = ["surge", "sway", "heave", "roll", "pitch", "yaw"]
    return xr.Dataset(
        {"motion_std": (dims + ("case", "dof"), std, {"stat": "std", "channel": "dof",
                                                       "units": "m or rad"}),
         "natural_period": (dims + ("dof",), 30.0 + 100 * std[:, :, 0, :], {"units": "s"}),
         "variant_status": (dims, status),
         "variant_error": (dims, np.where(status == "ok", "", "drag did not converge"))},
        coords={"mooring_lines_length": ("mooring_lines_length", length,
                                         {"path": "mooring.lines[*].length", "units": "1"}),
                "ballast": ("ballast", ballast, {"path": "platform.members[0].rho_fill",
                                                 "units": "as in the design file"}),
                "case": [0, 1], "dof": dofs,
                "dof_units": ("dof", ["m", "m", "m", "rad", "rad", "rad"])},
        attrs={"sweep_mode": "grid", "design": "synthetic"})
