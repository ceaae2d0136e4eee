"""BEM time of the VolturnUS-S hull at the default mesh, and the cached rerun.

Run on demand (not a test; needs the [bem] extra):  python benchmarks/bench_bem.py [n_freq]

Meshes the shipped design's columns and pontoons (12.5 m wide, 7 m tall) at RAFT's default
panel size (dz 3 m, da 2 m, with the irregular-frequency lid), solves radiation and one
diffraction direction at 200 m depth on ``n_freq`` frequencies (default 6, 0.2-1.5 rad/s) into
a temporary cache folder, then repeats the call, which reads the cache. Capytaine's import is
done before the clock starts, so "cached" is the hash of the panels plus one netCDF read.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))   # this checkout's raft_sim, not an installed one


def main(n_freq: int = 6) -> None:
    import capytaine  # noqa: F401 -- imported before timing

    import raft_sim
    from raft_sim.hydro.capytaine_bem import solve_bem
    from raft_sim.hydro.hull_mesh import DEFAULT_DA, DEFAULT_DZ, hull_panels

    design = raft_sim.load_design(REPO / "designs" / "VolturnUS-S_IEA15MW.yaml")
    mesh = hull_panels(design.platform.members, DEFAULT_DZ, DEFAULT_DA)
    omega = np.linspace(0.2, 1.5, n_freq)
    with tempfile.TemporaryDirectory() as cache:
        for label in ("solve", "cached"):
            t0 = time.perf_counter()
            ds = solve_bem(mesh, omega, [0.0], water_depth=200.0, cache_dir=cache, progress=False)
            print(f"{label:<7} {len(mesh.faces)} panels, {n_freq} frequencies: {time.perf_counter() - t0:8.2f} s "
                  f"({ds.attrs['bem_cache']})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 6)
