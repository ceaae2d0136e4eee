"""Tests of the mean current drag load."""
from __future__ import annotations

import numpy as np
import pytest
from conftest import RAFT_REF, load_expected, needs_shared
from hand_strips import single_strip, vertical_cylinder

from raft_sim.hydro.current import current_load, current_velocity

RHO = 1025.0


def test_uniform_current_on_vertical_cylinder():
    # SOURCE: quadratic Morison drag of a uniform current U on a vertical cylinder of draft L:
    # F = 0.5 rho Cd D L U^2 along the current heading, overturning moment at the mid-draft
    # (F * L/2 about the still water line), bottom face sees no axial flow.
    d, L, u, head = 6.0, 40.0, 1.5, np.deg2rad(25.0)
    strips, faces = vertical_cylinder(d, L, 8, cd=0.9, cd_end=0.6)
    f = current_load(strips, faces, u, head, 300.0, rho=RHO)
    mag = 0.5 * RHO * 0.9 * d * L * u ** 2
    np.testing.assert_allclose(f[:3], mag * np.array([np.cos(head), np.sin(head), 0.0]), rtol=1e-12,
                               atol=1e-9 * mag)
    # M = r x F with r = (0, 0, z): M_x = -z F_y, M_y = z F_x, integrated z = -L/2
    np.testing.assert_allclose(f[3:5], [L / 2 * mag * np.sin(head), -L / 2 * mag * np.cos(head)],
                               rtol=1e-12)
    assert abs(f[5]) < 1e-9 * mag


def test_power_law_profile():
    # SOURCE: stated profile U(z) = U0 ((h + z)/h)^n, zero above water, horizontal along heading.
    z = np.array([0.0, -50.0, -100.0, 5.0])
    v = current_velocity(z, 2.0, np.pi / 2, 200.0, exponent=0.12)
    np.testing.assert_allclose(v[:, 1], [2.0, 2.0 * 0.75 ** 0.12, 2.0 * 0.5 ** 0.12, 0.0])
    np.testing.assert_allclose(v[:, [0, 2]], 0.0, atol=1e-15)


def test_inclined_strip_axial_and_transverse():
    # SOURCE: Morison drag split along the member axes: a strip inclined at 45 deg in the x-z
    # plane in a current along x sees u_q = u_perp = U/sqrt(2); force
    # 0.5 rho (Cd D L |u_p| u_p e_p + Cd_q pi D L |u_q| u_q q).
    q = np.array([1.0, 0.0, 1.0]) / np.sqrt(2)
    s = single_strip([0, 0, -10.0], q=q, p1=[0, 1, 0], size=[2.0, 2.0], length=1.0,
                     cd=(1.0, 1.0), cd_axial=0.2)
    from hand_strips import no_faces
    f = current_load(s, no_faces(), 2.0, 0.0, np.inf, rho=RHO)
    up = 2.0 / np.sqrt(2)
    e_p = np.array([1.0, 0.0, -1.0]) / np.sqrt(2)
    ref = 0.5 * RHO * (1.0 * 2.0 * up ** 2 * e_p + 0.2 * np.pi * 2.0 * up ** 2 * q)
    np.testing.assert_allclose(f[:3], ref, rtol=1e-12, atol=1e-9)


@needs_shared
@pytest.mark.parametrize("name", ["OC3spar", "VolturnUS-S"])
def test_current_load_matches_raft(name):
    # SOURCE: raft/test-expected/<name>_true_calcCurrentLoads.json (RAFT tests/test_fowt.py:
    # current_speed 2 m/s, current_heading 15 deg, RAFT's default water profile exponent
    # shearExp_water = 0.12 with U(z) = U0 ((h - |z|)/h)^0.12), within 2 %.
    import raft_sim
    from raft_sim.structure.strips import end_faces, platform_strips
    design = raft_sim.load_design(RAFT_REF / "test-inputs" / f"{name}.yaml")
    strips, faces = platform_strips(design.platform), end_faces(design.platform)
    ref = load_expected(f"{name}_true_calcCurrentLoads.json")
    f = current_load(strips, faces, 2.0, np.deg2rad(15.0), design.site.water_depth,
                     exponent=0.12, rho=design.site.rho_water)
    big = np.abs(ref) > 1e-6 * np.abs(ref).max()
    np.testing.assert_allclose(f[big], ref[big], rtol=0.02)
    assert np.all(np.abs(f[~big]) < 1e-6 * np.abs(ref).max())
