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
