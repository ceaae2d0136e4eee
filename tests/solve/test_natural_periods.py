"""Natural periods with frequency-dependent (potential-flow) added mass."""
from __future__ import annotations

import numpy as np
import pytest

from conftest import DESIGNS, SHARED
from raft_sim.solve.modes import natural_modes
from raft_sim.solve.natural_periods import iterated_natural_modes

VOLTURN = SHARED / "iea15-volturnus" / "HydroData" / "IEA-15-240-RWT-UMaineSemi"


def test_constant_added_mass_gives_the_plain_eigenproblem():
    # SOURCE: definition: with A independent of omega the iteration is the plain eigenproblem.
    rng = np.random.default_rng(3)
    m = np.diag([1e7, 1e7, 1e7, 1e10, 1e10, 2e10])
    a = np.diag([5e6, 5e6, 2e7, 5e9, 5e9, 1e10])
    k = np.diag([7e4, 7e4, 4e6, 2e9, 2e9, 1e8]) * (1 + 0.01 * rng.random(6))
    plain = natural_modes(m + a, k).dof_periods
    assert iterated_natural_modes(m, lambda w: a, k).dof_periods == pytest.approx(plain, rel=1e-12)


def test_single_dof_fixed_point():
    # SOURCE: one DOF, A(w) = a0 + a1 w: w^2 (m + a0 + a1 w) = k, solved by brentq independently.
    from scipy.optimize import brentq

    m, a0, a1, k = 1.0e7, 5.0e6, 2.0e6, 4.0e6
    w_ref = brentq(lambda w: w**2 * (m + a0 + a1 * w) - k, 1e-3, 10.0)
    mass, stiff = np.eye(6) * m, np.diag([k, 1, 1, 1, 1, 1.0]) * np.array([1, 1e9, 1e9, 1e9, 1e9, 1e9])
    added = lambda w: np.diag([a0 + a1 * w, 0, 0, 0, 0, 0])  # noqa: E731
    assert iterated_natural_modes(mass, added, stiff).dof_frequencies["surge"] == pytest.approx(w_ref, rel=1e-5)


@pytest.mark.skipif(not VOLTURN.with_suffix(".1").is_file(), reason="VolturnUS-S WAMIT files not present")
def test_volturnus_periods_with_wamit_added_mass():
    # SOURCE: NREL/TP-5000-76773 (Allen et al. 2020), VolturnUS-S natural periods: heave 20.4 s,
    # pitch 27.8 s (table quoted in ../shared/reference/published-figures.md, section 3.3). raft_sim's
    # mass, hydrostatic and mooring stiffness of the shipped design with the WAMIT added mass of the
    # IEA repository's .1 file at each mode's own frequency: within 5 %.
    import raft_sim
    from raft_sim.hydro.potential import radiation_coefficients
    from raft_sim.hydro.wamit import wamit_database
    from raft_sim.model import Model

    design = raft_sim.load_design(DESIGNS / "VolturnUS-S_IEA15MW.yaml")
    model = Model(design)
    db = wamit_database(VOLTURN, design.site.rho_water, design.site.g)
    modes = iterated_natural_modes(model.mass.mass_matrix, lambda w: radiation_coefficients(db, [w])[0][0],
                                   model.equilibrium.stiffness)
    assert modes.dof_periods["heave"] == pytest.approx(20.4, rel=0.05)
    assert modes.dof_periods["pitch"] == pytest.approx(27.8, rel=0.05)
