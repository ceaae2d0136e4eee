"""Potential flow inside the case pipeline: the WAMIT coefficients of VolturnUS-S (read through
platform.hydroPath) replace the members' strip inertia and move the heave resonance to the
definition report's period."""
from __future__ import annotations

import dataclasses
import warnings
from pathlib import Path

import numpy as np
import pytest
from conftest import SHARED

import raft_sim
from raft_sim.design.objects import Case, SeaState

REPO = Path(__file__).resolve().parents[2]
WAMIT = SHARED / "iea15-volturnus" / "HydroData" / "IEA-15-240-RWT-UMaineSemi"


@pytest.mark.skipif(not WAMIT.with_suffix(".1").is_file(),
                    reason="WAMIT files ../shared/reference/iea15-volturnus absent (open data beside the repo)")
def test_wamit_coefficients_in_a_case_give_the_reported_heave_period():
    # SOURCE: NREL/TP-5000-76773 (VolturnUS-S definition), heave natural period 20.4 s; the
    # hull's WAMIT files (IEA-15-240-RWT repository). With them in place of strip theory the
    # shipped design's heave period is within 5 % of the report (strip theory alone: ~16.9 s,
    # docs/validation.md), and the case's white-noise heave RAO peaks at that period (one bin).
    design = raft_sim.load_design(REPO / "designs" / "VolturnUS-S_IEA15MW.yaml")
    members = tuple(dataclasses.replace(m, potential_flow=True) for m in design.platform.members)
    platform = dataclasses.replace(design.platform, members=members, potential_first_order=True,
                                   hydro_path=str(WAMIT))
    settings = dataclasses.replace(design.settings, min_freq=0.002, max_freq=0.2, refine_grid=False)
    design = dataclasses.replace(design, platform=platform, settings=settings)
    model = raft_sim.Model(design)
    assert model.prepared.hydro_database is not None and all(model.prepared.potential_members)
    period = model.natural_frequencies().dof_periods["heave"]
    assert period == pytest.approx(20.4, rel=0.05)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = model.analyze_case(Case(waves=(SeaState("unit"),)))
    names = [c.name for c in result.contributions]
    assert "potential_flow" in names and np.all(result.contribution("strip_inertia").mass == 0.0)
    omega = model.prepared.omega
    peak = omega[np.argmax(np.abs(result.rao[:, 0, 2]))]
    assert abs(peak - 2 * np.pi / period) <= omega[1] - omega[0] + 1e-12
    # Long waves (below WAMIT's first frequency, 0.05 rad/s): the platform rides them, its
    # heave RAO the static C33 / (C33 + K33 of the lines); the residual dynamics are of order
    # (w / w_heave)^2 < 0.2 % at 0.0126 rad/s. (Held excitation gave 0.954, RAFT's value.)
    from raft_sim.system.contribution import total
    k = total(result.contributions, omega.size, result.rao.shape[1]).stiffness[0]
    hydrostatic = model.prepared.hydro_database.hydrostatic_stiffness.values[2, 2]
    assert omega[0] < 0.05
    assert abs(result.rao[0, 0, 2]) == pytest.approx(hydrostatic / k[2, 2], rel=0.005)


@pytest.mark.skipif(not WAMIT.with_suffix(".1").is_file(),
                    reason="WAMIT files ../shared/reference/iea15-volturnus absent (open data beside the repo)")
def test_potential_flow_coefficients_join_the_results_and_survive_netcdf(tmp_path):
    # SOURCE: issue 11 scope 4 -- A(w), B(w), X(w) join the results Dataset; they equal the
    # database interpolated to the case grid (raft_sim.hydro.potential.radiation_coefficients)
    # and come back unchanged from the netCDF file.
    from raft_sim.hydro.potential import radiation_coefficients
    from raft_sim.results.dataset import open_results, save_results
    design = raft_sim.load_design(REPO / "designs" / "VolturnUS-S_IEA15MW.yaml")
    members = tuple(dataclasses.replace(m, potential_flow=True) for m in design.platform.members)
    platform = dataclasses.replace(design.platform, members=members, potential_first_order=True,
                                   hydro_path=str(WAMIT))
    settings = dataclasses.replace(design.settings, refine_grid=False)
    model = raft_sim.Model(dataclasses.replace(design, platform=platform, settings=settings))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = model.analyze([Case(waves=(SeaState("jonswap", 4.0, 10.0),))])
    a, b = radiation_coefficients(model.prepared.hydro_database, ds["omega"].values)
    np.testing.assert_allclose(ds["potential_added_mass"].values, a, rtol=1e-12)
    np.testing.assert_allclose(ds["potential_damping"].values, b, rtol=1e-12)
    assert np.abs(ds["potential_excitation"].sel(dof="heave").values[0, :, 0]).max() > 1e6
    save_results(ds, tmp_path / "r.nc")
    back = open_results(tmp_path / "r.nc")
    np.testing.assert_array_equal(back["potential_excitation"].values, ds["potential_excitation"].values)
