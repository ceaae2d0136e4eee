"""Tests of raft_sim.aero.tower_drag (wind drag on tower strips and parked rotor)."""
import numpy as np
import pytest

from raft_sim.aero.tower_drag import (
    DEFAULT_TOWER_CD, parked_rotor_loads, strip_drag_loads, tower_drag_loads, wind_strips,
)
from raft_sim.design.objects import RNA, Member, Site, Turbine

RHO = 1.225


def _cylinder(z_a, z_b, d, cd, dls=0.5, x=0.0):
    n = 2
    return Member(name="tower", shape="circular", r_a=np.array([x, 0.0, z_a]),
                  r_b=np.array([x, 0.0, z_b]), stations=np.array([0.0, z_b - z_a]),
                  diameter=np.full(n, d), thickness=np.full(n, 0.05),
                  cd=np.full((n, 2), cd), dls_max=dls)


def test_uniform_wind_on_vertical_cylinder():
    # SOURCE: analytic Morison-type drag integrated over 10 m <= z <= 110 m, no shear:
    # F = 1/2 rho Cd D L U^2, M_y = F z_c; linearised dF/dU = rho Cd D L U along the wind,
    # 1/2 rho Cd D L U across it, 0 along the axis; B_15 = rho Cd D U int z dz, etc.
    d, cd, u = 6.0, 0.6, 12.0
    strips = wind_strips([_cylinder(10.0, 110.0, d, cd)])
    loads = strip_drag_loads(strips, u, 0.0, 150.0, 0.0, RHO)
    L = 100.0
    F = 0.5 * RHO * cd * d * L * u**2
    np.testing.assert_allclose(loads.mean, [F, 0, 0, 0, F * 60.0, 0], rtol=1e-12, atol=1e-6)
    k = RHO * cd * d * u
    assert loads.damping[0, 0] == pytest.approx(k * L, rel=1e-12)
    assert loads.damping[1, 1] == pytest.approx(0.5 * k * L, rel=1e-12)
    assert loads.damping[2, 2] == 0.0
    assert loads.damping[0, 4] == pytest.approx(k * (110**2 - 10**2) / 2, rel=1e-12)
    assert loads.damping[4, 4] == pytest.approx(k * (110**3 - 10**3) / 3, rel=1e-4)  # midpoint rule
    np.testing.assert_allclose(loads.excitation, loads.damping[:, 0], rtol=1e-12)


def test_shear_profile_mean_force():
    # SOURCE: analytic: F = 1/2 rho Cd D U_h^2 int_za^zb (z/z_h)^(2a) dz
    d, cd, u, zh, a = 8.0, 0.5, 10.0, 150.0, 0.12
    strips = wind_strips([_cylinder(15.0, 145.0, d, cd, dls=0.25)])
    loads = strip_drag_loads(strips, u, 0.0, zh, a, RHO)
    integral = zh / (2 * a + 1) * ((145 / zh) ** (2 * a + 1) - (15 / zh) ** (2 * a + 1))
    assert loads.mean[0] == pytest.approx(0.5 * RHO * cd * d * u**2 * integral, rel=1e-5)


def test_linearisation_matches_finite_difference_for_inclined_member():
    # SOURCE: definition of the linearisation, checked by central finite differences of the
    # quadratic drag of an inclined member in oblique wind (relative-wind perturbations
    # equivalent to platform surge and sway velocities).
    m = Member(name="brace", shape="circular", r_a=np.array([0.0, 0.0, 5.0]),
               r_b=np.array([20.0, 10.0, 60.0]),
               stations=np.array([0.0, 1.0]) * np.sqrt(20**2 + 10**2 + 55**2),
               diameter=np.array([4.0, 3.0]), thickness=np.array([0.03, 0.03]),
               cd=np.full((2, 2), 0.8), dls_max=3.0)
    strips = wind_strips([m])
    u, h = 11.0, 0.4
    base = np.array([u * np.cos(h), u * np.sin(h)])
    eps = 1e-4

    def mean(vec):
        speed, heading = np.hypot(*vec), np.arctan2(vec[1], vec[0])
        return strip_drag_loads(strips, speed, heading, 90.0, 0.0, RHO).mean

    lin = strip_drag_loads(strips, u, h, 90.0, 0.0, RHO)
    for j in (0, 1):
        dv = np.zeros(2)
        dv[j] = eps
        # a platform velocity dv lowers the relative wind by dv; force = -B x_dot
        fd = (mean(base - dv) - mean(base + dv)) / (2 * eps)
        np.testing.assert_allclose(lin.damping[:, j], -fd, rtol=1e-6, atol=1e-6 * abs(fd).max())


def test_default_cd_and_submerged_part_excluded():
    # SOURCE: documented behaviour: Cd 0 in the YAML -> DEFAULT_TOWER_CD; strips with z <= 0
    # carry no wind load.
    strips = wind_strips([_cylinder(-20.0, 80.0, 5.0, 0.0, dls=1.0)])
    assert np.all(strips.cd == DEFAULT_TOWER_CD)
    assert strips.r[:, 2].min() > 0 and strips.length.sum() == pytest.approx(80.0)
    turbine = Turbine(rna=RNA(1e6, 0, 0, 0, 150.0), tower=(_cylinder(15.0, 145.0, 8.0, 0.0),))
    loads = tower_drag_loads(turbine, Site(water_depth=200.0, shear_exp=0.0), 10.0, np.pi / 2)
    F = 0.5 * RHO * DEFAULT_TOWER_CD * 8.0 * 130.0 * 100.0
    np.testing.assert_allclose(loads.mean[:3], [0, F, 0], atol=1e-6 * F)
    assert loads.mean[3] == pytest.approx(-F * 80.0, rel=1e-12)  # roll moment of a +y force above


def test_parked_rotor_loads():
    # SOURCE: rigid-body statics: thrust T along q at the hub -> [T q, r_hub x T q].
    q = np.array([np.cos(0.1), 0.0, np.sin(-0.1)])
    hub = np.array([-12.0, 0.0, 151.0])
    out = parked_rotor_loads(2.0e5, 3.0e4, q, hub)
    np.testing.assert_allclose(out.mean, np.r_[2e5 * q, np.cross(hub, 2e5 * q)], rtol=1e-12)
    assert out.damping[0, 0] == pytest.approx(3e4 * q[0] ** 2, rel=1e-12)
    np.testing.assert_allclose(out.damping, out.damping.T)
