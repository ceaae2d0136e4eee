"""Hydrostatics of hand-built members.

SOURCE: analytic (Archimedes; waterplane area moments of circles, rectangles and the ellipse
cut by an inclined cylinder; exact integration over the cross-section of the submerged length).
Convention checked: ``Hydrostatics.stiffness`` is buoyancy + waterplane only,
C44 = rho g (I_wp + V z_B); the weight term -m g z_G is ``gravity_stiffness``.
"""
import numpy as np
import pytest
from member_builders import straight_member

from raft_sim.design.objects import Platform
from raft_sim.hydro.added_mass import strip_added_mass
from raft_sim.structure.hydrostatics import hydrostatics
from raft_sim.structure.inertia import gravity_stiffness, mass_properties
from raft_sim.structure.strips import end_faces, platform_strips

RHO, G = 1025.0, 9.81
RG = RHO * G


def test_vertical_circular_cylinder_offset():
    # SOURCE: analytic, V = pi R^2 T, z_B = -T/2, C33 = rho g A, C34 = rho g A y0,
    # C35 = -rho g A x0, C44 = rho g (pi R^4/4 + A y0^2 + V z_B), C45 = -rho g A x0 y0
    R, T, x0, y0 = 5.0, 20.0, 3.0, -4.0
    h = hydrostatics([straight_member([x0, y0, -T], [x0, y0, 10.0], 2 * R)], RHO, G)
    A, V, zb = np.pi * R**2, np.pi * R**2 * T, -T / 2
    assert h.volume == pytest.approx(V, rel=1e-12)
    assert np.allclose(h.center_of_buoyancy, [x0, y0, zb], rtol=1e-12)
    assert h.waterplane_area == pytest.approx(A, rel=1e-12)
    C = h.stiffness
    assert C[2, 2] == pytest.approx(RG * A, rel=1e-12)
    assert C[2, 3] == pytest.approx(RG * A * y0, rel=1e-12) and C[3, 2] == C[2, 3]
    assert C[2, 4] == pytest.approx(-RG * A * x0, rel=1e-12)
    assert C[3, 3] == pytest.approx(RG * (np.pi * R**4 / 4 + A * y0**2 + V * zb), rel=1e-12)
    assert C[4, 4] == pytest.approx(RG * (np.pi * R**4 / 4 + A * x0**2 + V * zb), rel=1e-12)
    assert C[3, 4] == pytest.approx(-RG * A * x0 * y0, rel=1e-12)
    assert np.allclose(h.force, [0, 0, RG * V, RG * V * y0, -RG * V * x0, 0], rtol=1e-12)


def test_freely_floating_cylinder_total_restoring_and_heave_period():
    # SOURCE: analytic. Total C44 = rho g (I_wp + V z_B) - m g z_G; heave period
    # 2 pi sqrt((m + A33)/C33) with A33 = rho CaEnd (2/3) pi R^3 (RAFT end convention, hemisphere)
    R, T = 5.0, 20.0
    mem = straight_member([0, 0, -T], [0, 0, 10.0], 2 * R, t=0.05, l_fill=5.0, rho_fill=2500.0,
                          caps=[0.0, 30.0], cap_t=0.1, ca_end=0.6)
    plat = Platform(members=(mem,))
    mp, h = mass_properties(plat), hydrostatics(plat.members, RHO, G)
    V, zb = np.pi * R**2 * T, -T / 2
    c44 = h.stiffness[3, 3] + gravity_stiffness(mp.mass, mp.cg, G)[3, 3]
    assert c44 == pytest.approx(RG * (np.pi * R**4 / 4 + V * zb) - mp.mass * G * mp.cg[2], rel=1e-12)
    A = strip_added_mass(platform_strips(plat), end_faces(plat), RHO)
    a33 = RHO * 0.6 * 2 / 3 * np.pi * R**3
    assert A[2, 2] == pytest.approx(a33, rel=1e-12)
    m = RHO * V                                                  # freely floating: m = rho V
    period = 2 * np.pi * np.sqrt((m + A[2, 2]) / h.stiffness[2, 2])
    assert period == pytest.approx(2 * np.pi * np.sqrt((T + 0.6 * 2 / 3 * R) / G), rel=1e-12)


@pytest.mark.parametrize("gamma", [0.0, np.deg2rad(30.0)])
def test_vertical_rectangular_cylinder(gamma):
    # SOURCE: analytic rectangle d = (a, b), RAFT's order: b along p1 = (cos g, sin g, 0), a along
    # p2 (structure.members.side_pairs); with ia = b^3 a/12, ib = b a^3/12 the second moments
    # about p2 and p1: int y^2 dA = ia sin^2 g + ib cos^2 g
    a, b, T = 12.0, 7.0, 15.0
    mem = straight_member([0, 0, -T], [0, 0, 5.0], (a, b), shape="rectangular", gamma=gamma)
    h = hydrostatics([mem], RHO, G)
    V = a * b * T
    ia, ib = b**3 * a / 12, b * a**3 / 12
    s, c = np.sin(gamma), np.cos(gamma)
    assert h.volume == pytest.approx(V, rel=1e-12)
    assert h.stiffness[2, 2] == pytest.approx(RG * a * b, rel=1e-12)
    assert h.stiffness[3, 3] == pytest.approx(RG * (ia * s**2 + ib * c**2 - V * T / 2), rel=1e-12)
    assert h.stiffness[4, 4] == pytest.approx(RG * (ia * c**2 + ib * s**2 - V * T / 2), rel=1e-12)
    assert h.stiffness[3, 4] == pytest.approx(-RG * (ia - ib) * s * c, abs=1e-6 * RG * ia)


def _cut_prism_integrals(mem, n=24):
    """Volume and first moment of a prism below z = 0 by Gauss quadrature over the section.

    The submerged length at section point (a, b) is s(a, b) = (0 - z(a, b)) / q_z; the
    integrands are polynomials of degree <= 2 in (a, b), so modest quadrature is exact.
    """
    from raft_sim.structure.frames import member_frame
    q, p1, p2 = member_frame(mem.r_a, mem.r_b, mem.gamma)
    xg, wg = np.polynomial.legendre.leggauss(n)
    if mem.is_circular:
        R = mem.diameter[0] / 2
        rr, tt = np.meshgrid(0.5 * R * (xg + 1), np.pi * (xg + 1))
        w = np.outer(np.pi * wg, 0.5 * R * wg) * rr
        a, b = rr * np.cos(tt), rr * np.sin(tt)
    else:
        B, A = mem.diameter[0]          # RAFT's order: the second side along p1 (side_pairs)
        a, b = np.meshgrid(0.5 * A * xg, 0.5 * B * xg, indexing="ij")
        w = np.outer(0.5 * A * wg, 0.5 * B * wg)
    base = mem.r_a + a[..., None] * p1 + b[..., None] * p2
    s = -base[..., 2] / q[2]
    vol = (w * s).sum()
    first = (w[..., None] * (base * s[..., None] + q * s[..., None] ** 2 / 2)).sum((0, 1))
    return vol, first


@pytest.mark.parametrize("shape,size", [("circular", 2.0), ("rectangular", (3.0, 1.5))])
@pytest.mark.parametrize("beta", [0.0, np.deg2rad(40.0)])
def test_inclined_surface_piercing_member(shape, size, beta):
    # SOURCE: analytic. The waterplane of a prism inclined by theta is its cross-section
    # projected along the axis: area A / cos(theta) (an ellipse for a circle), centroid on the
    # axis; volume and first moment of the submerged part by direct integration over the section.
    theta, depth, length = np.deg2rad(20.0), 10.0, 18.0
    q = np.array([np.sin(theta) * np.cos(beta), np.sin(theta) * np.sin(beta), np.cos(theta)])
    ra = np.array([1.0, 2.0, -depth])
    mem = straight_member(ra, ra + length * q, size, shape=shape, gamma=0.3 if shape != "circular" else 0.0)
    h = hydrostatics([mem], RHO, G)
    area = np.pi if shape == "circular" else 3.0 * 1.5
    assert h.waterplane_area == pytest.approx(area / np.cos(theta), rel=1e-12)
    crossing = ra + depth / np.cos(theta) * q
    assert np.allclose(h.waterplane_center, crossing[:2], rtol=1e-12)
    vol, first = _cut_prism_integrals(mem)
    assert h.volume == pytest.approx(area * depth / np.cos(theta), rel=1e-12)
    assert h.volume == pytest.approx(vol, rel=1e-10)
    assert np.allclose(h.center_of_buoyancy, first / vol, rtol=1e-10, atol=1e-10)
    if shape == "circular" and beta == 0.0:
        # ellipse, semi-axes R/cos(theta) along x and R along y, about its centre
        R, c = 1.0, np.cos(theta)
        ixx = np.pi * R**4 / (4 * c**3) + h.waterplane_area * crossing[0] ** 2
        iyy = np.pi * R**4 / (4 * c) + h.waterplane_area * crossing[1] ** 2
        assert h.stiffness[4, 4] == pytest.approx(RG * (ixx + first[2]), rel=1e-10)
        assert h.stiffness[3, 3] == pytest.approx(RG * (iyy + first[2]), rel=1e-10)


def test_member_pointing_down_and_fully_submerged_member():
    # SOURCE: analytic. A column given from top (end A above water) to bottom has the same
    # hydrostatics as the same column given bottom to top; a fully submerged horizontal
    # pontoon adds its volume at its centre and no waterplane.
    up = hydrostatics([straight_member([0, 0, -12.0], [0, 0, 6.0], 4.0)], RHO, G)
    down = hydrostatics([straight_member([0, 0, 6.0], [0, 0, -12.0], 4.0)], RHO, G)
    assert np.allclose(up.stiffness, down.stiffness, rtol=1e-12) and up.volume == pytest.approx(down.volume)
    pont = hydrostatics([straight_member([5.0, 0, -10.0], [25.0, 0, -10.0], (3.0, 2.0), shape="rectangular")], RHO, G)
    assert pont.volume == pytest.approx(120.0) and pont.waterplane_area == 0
    assert np.allclose(pont.center_of_buoyancy, [15.0, 0, -10.0])
    assert pont.stiffness[3, 3] == pytest.approx(RG * 120.0 * -10.0)


def test_station_on_the_waterline_counts_the_waterplane_once():
    # SOURCE: analytic; stations at z = -10, 0, 5 must give the same result as one section
    one = hydrostatics([straight_member([0, 0, -10.0], [0, 0, 5.0], 4.0)], RHO, G)
    two = hydrostatics([straight_member([0, 0, -10.0], [0, 0, 5.0], 4.0, stations=[0.0, 10.0, 15.0])], RHO, G)
    assert two.waterplane_area == pytest.approx(4 * np.pi, rel=1e-12)
    assert np.allclose(two.stiffness, one.stiffness, rtol=1e-12) and two.volume == pytest.approx(one.volume)
