"""Constant strip-theory added mass.

SOURCE: analytic strip theory (rho Ca A per unit length transverse, rho CaEnd (2/3) pi R^3 at
an end) and RAFT's expected ``A_hydro_morison`` (raft/test-expected/*_true_hydroConstants.json).
"""
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "structure"))
from member_builders import straight_member  # noqa: E402

from conftest import RAFT_REF, load_expected, needs_shared  # noqa: E402
from raft_sim.design.objects import Platform  # noqa: E402
from raft_sim.hydro.added_mass import strip_added_mass  # noqa: E402
from raft_sim.structure.strips import end_faces, platform_strips  # noqa: E402

RHO = 1025.0


def _added_mass(members):
    plat = Platform(members=tuple(members))
    return strip_added_mass(platform_strips(plat), end_faces(plat), RHO)


def test_vertical_cylinder_strip_theory():
    # SOURCE: analytic strip theory. A11 = rho Ca A T, A15 = rho Ca A int z dz = -rho Ca A T^2/2
    # (M[0,4] = m z convention), A55 = rho Ca A sum(z_i^2 dl) = rho Ca A (T^3/3 - T dl^2/12)
    # for strips of length dl (midpoint lumping), A33 = rho CaEnd (2/3) pi R^3.
    R, T, dl, ca, ca_end = 3.0, 20.0, 4.0, 0.9, 0.6
    A = _added_mass([straight_member([0, 0, -T], [0, 0, 8.0], 2 * R, ca=ca, ca_end=ca_end, dls_max=dl)])
    a = RHO * ca * np.pi * R**2
    assert A[0, 0] == pytest.approx(a * T, rel=1e-12) and A[1, 1] == pytest.approx(a * T, rel=1e-12)
    assert A[0, 4] == pytest.approx(-a * T**2 / 2, rel=1e-12) and A[1, 3] == pytest.approx(a * T**2 / 2, rel=1e-12)
    assert A[4, 4] == pytest.approx(a * (T**3 / 3 - T * dl**2 / 12), rel=1e-12)
    assert A[2, 2] == pytest.approx(RHO * ca_end * 2 / 3 * np.pi * R**3, rel=1e-12)
    assert A[5, 5] == pytest.approx(0.0, abs=1e-9 * A[0, 0])
    assert np.allclose(A, A.T)


def test_rectangular_and_inclined_members():
    # SOURCE: RAFT convention for rectangles: rho Ca_i (a b dl) along each of p1, p2;
    # circular inclined member: rho Ca V (I - q q^T) (isotropic transverse added mass)
    a, b, T = 4.0, 2.0, 10.0
    rect = straight_member([0, 0, -T], [0, 0, -1.0], (a, b), shape="rectangular", ca=0.8, ca_end=0.0)
    A = _added_mass([rect])
    assert A[0, 0] == pytest.approx(RHO * 0.8 * a * b * 9.0) and A[1, 1] == pytest.approx(A[0, 0])
    q = np.array([0.6, 0.0, 0.8])
    inc = straight_member(np.array([0, 0, -20.0]), np.array([0, 0, -20.0]) + 10 * q, 2.0, ca=1.0, ca_end=0.0)
    A = _added_mass([inc])
    V = np.pi * 10.0
    assert np.allclose(A[:3, :3], RHO * V * (np.eye(3) - np.outer(q, q)), rtol=1e-12, atol=1e-9)


def test_potential_flow_members_are_skipped():
    # SOURCE: RAFT calcHydroConstants (no strip added mass for potMod members whose
    # potential-flow coefficients are used); issue 11: a mere request keeps strip theory.
    m = straight_member([0, 0, -10.0], [0, 0, 5.0], 2.0, potential_flow=True)
    assert np.all(strip_added_mass(platform_strips([m], [True]), end_faces([m], [True]), RHO) == 0)
    assert np.any(_added_mass([m]) != 0)


@needs_shared
@pytest.mark.parametrize("name", ["OC3spar", "VolturnUS-S", "VolturnUS-S-pointInertia"])
def test_against_raft_expected(name):
    # SOURCE: raft/test-expected/<name>_true_hydroConstants.json, A_hydro_morison, within 1 %
    # of the matrix scale (entrywise for significant entries). Differences come only from the
    # strip piercing the surface, clipped here at z = 0 (RAFT keeps its node at the unclipped centre).
    import raft_sim
    d = raft_sim.load_design(RAFT_REF / "test-inputs" / f"{name}.yaml")
    A = strip_added_mass(platform_strips(d.platform), end_faces(d.platform), d.site.rho_water)
    ref = np.asarray(load_expected(f"{name}_true_hydroConstants.json")["A_hydro_morison"])
    scale = np.abs(ref).max()
    big = np.abs(ref) > 1e-6 * scale
    assert np.max(np.abs(A - ref)) <= 1e-2 * scale
    assert np.all(np.abs(A - ref)[big] <= 1e-2 * np.abs(ref)[big])
