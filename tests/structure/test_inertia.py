"""Mass properties of hand-built members.

SOURCE: analytic closed forms (hollow cylinder / box, discs, plates, point masses).
"""
import numpy as np
import pytest
from member_builders import straight_member

from raft_sim.design.objects import RNA, Platform, Turbine
from raft_sim.structure.inertia import gravity_stiffness, mass_properties, rna_mass_matrix, rna_position

RHO_S, RHO_B = 7850.0, 2000.0


def _rel(a, b):
    return np.max(np.abs(np.asarray(a) - b)) / np.max(np.abs(b))


def cylinder_parts(D=10.0, t=0.05, za=-20.0, zb=10.0, h=0.1, lf=4.0):
    """Closed-form (mass, z_c, Ixx_c, Izz) of shell, bottom cap, top cap and ballast."""
    L, R, Ri = zb - za, D / 2, D / 2 - t
    parts = []
    m = RHO_S * np.pi * (R**2 - Ri**2) * L
    parts.append((m, za + L / 2, m / 12 * (3 * (R**2 + Ri**2) + L**2), m / 2 * (R**2 + Ri**2)))
    for z in (za + h / 2, zb - h / 2):                  # RAFT: caps inside the shell at the ends
        m = RHO_S * np.pi * Ri**2 * h
        parts.append((m, z, m / 12 * (3 * Ri**2 + h**2), m / 2 * Ri**2))
    m = RHO_B * np.pi * Ri**2 * lf
    parts.append((m, za + lf / 2, m / 12 * (3 * Ri**2 + lf**2), m / 2 * Ri**2))
    return parts


def test_vertical_circular_cylinder_mass_matrix():
    # SOURCE: analytic hollow cylinder + two end plates + ballast slug, parallel-axis theorem
    mem = straight_member([3.0, -2.0, -20.0], [3.0, -2.0, 10.0], 10.0, t=0.05, rho_shell=RHO_S,
                          l_fill=4.0, rho_fill=RHO_B, caps=[0.0, 30.0], cap_t=0.1)
    mp = mass_properties(Platform(members=(mem,)))
    parts = cylinder_parts()
    m = sum(p[0] for p in parts)
    zg = sum(p[0] * p[1] for p in parts) / m
    x, y = 3.0, -2.0
    ixx = sum(p[2] + p[0] * (p[1] ** 2 + y**2) for p in parts)
    iyy = sum(p[2] + p[0] * (p[1] ** 2 + x**2) for p in parts)
    izz = sum(p[3] + p[0] * (x**2 + y**2) for p in parts)
    M = mp.mass_matrix
    assert mp.mass == pytest.approx(m, rel=1e-12)
    assert np.allclose(mp.cg, [x, y, zg], rtol=1e-12)
    assert M[3, 3] == pytest.approx(ixx, rel=1e-10)
    assert M[4, 4] == pytest.approx(iyy, rel=1e-10)
    assert M[5, 5] == pytest.approx(izz, rel=1e-10)
    assert M[3, 4] == pytest.approx(-m * x * y, rel=1e-10)        # product of inertia -int x y dm
    assert M[3, 5] == pytest.approx(-m * x * zg, rel=1e-10)
    assert mp.ballast_mass == pytest.approx(parts[3][0], rel=1e-12)
    assert mp.shell_mass == pytest.approx(parts[0][0] + parts[1][0] + parts[2][0], rel=1e-12)
    assert mp.ballast_by_density == ((RHO_B, pytest.approx(parts[3][0], rel=1e-12)),)


@pytest.mark.parametrize("gamma", [0.0, np.pi / 2])
def test_vertical_rectangular_box(gamma):
    # SOURCE: analytic hollow box (outer minus inner solid boxes); d = (a, b) in RAFT's order:
    # b along p1 = x and a along p2 = y for gamma 0 (structure.members.side_pairs)
    a, b, t, L = 12.0, 7.0, 0.05, 30.0
    mem = straight_member([0, 0, -20.0], [0, 0, 10.0], (a, b), t=t, shape="rectangular", gamma=gamma)
    M = mass_properties(Platform(members=(mem,))).mass_matrix
    mo, mi = RHO_S * a * b * L, RHO_S * (a - 2 * t) * (b - 2 * t) * L
    m = mo - mi
    z = -5.0
    i_about_x = mo / 12 * (a**2 + L**2) - mi / 12 * ((a - 2 * t) ** 2 + L**2) + m * z**2
    i_about_y = mo / 12 * (b**2 + L**2) - mi / 12 * ((b - 2 * t) ** 2 + L**2) + m * z**2
    izz = mo / 12 * (a**2 + b**2) - mi / 12 * ((a - 2 * t) ** 2 + (b - 2 * t) ** 2)
    if gamma:
        i_about_x, i_about_y = i_about_y, i_about_x
    assert M[0, 0] == pytest.approx(m, rel=1e-12)
    assert M[3, 3] == pytest.approx(i_about_x, rel=1e-10)
    assert M[4, 4] == pytest.approx(i_about_y, rel=1e-10)
    assert M[5, 5] == pytest.approx(izz, rel=1e-10)


def test_horizontal_rectangular_member_second_side_is_vertical():
    # SOURCE: RAFT's frame (p1 = -z, p2 = y for a horizontal member along x with gamma 0) and its
    # reading of d = [sl0, sl1] with sl0 along p2 (Member.plot, drag areas): a = 4 m wide (y),
    # b = 2 m tall (z); analytic solid box
    a, b, L = 4.0, 2.0, 10.0
    mem = straight_member([0, 0, -5.0], [L, 0, -5.0], (a, b), shape="rectangular", rho_shell=0.0,
                          l_fill=L, rho_fill=1000.0)
    M = mass_properties(Platform(members=(mem,))).mass_matrix
    m = 1000.0 * a * b * L
    assert M[3, 3] == pytest.approx(m / 12 * (a**2 + b**2) + m * 25.0, rel=1e-12)   # about the axis
    assert M[4, 4] == pytest.approx(m / 12 * (L**2 + b**2) + m * (25.0 + 25.0), rel=1e-12)
    assert M[5, 5] == pytest.approx(m / 12 * (L**2 + a**2) + m * 25.0, rel=1e-12)


def test_tapered_solid_ballast_volume_and_centroid():
    # SOURCE: analytic frustum V = pi h (R^2 + R r + r^2)/3, centroid h (R^2 + 2Rr + 3r^2)/(4(R^2+Rr+r^2))
    R, r, h = 5.0, 3.0, 8.0
    mem = straight_member([0, 0, -20.0], [0, 0, -12.0], 0.0, rho_shell=0.0, l_fill=h, rho_fill=1.0)
    mem = mem.__class__(**{**mem.__dict__, "diameter": np.array([2 * R, 2 * r])})
    mp = mass_properties(Platform(members=(mem,)))
    V = np.pi * h * (R**2 + R * r + r**2) / 3
    zc = h * (R**2 + 2 * R * r + 3 * r**2) / (4 * (R**2 + R * r + r**2))
    assert mp.mass == pytest.approx(V, rel=1e-12)
    assert mp.cg[2] == pytest.approx(-20.0 + zc, rel=1e-12)


def test_rna_point_mass_and_tilt():
    # SOURCE: RAFT 2.0 convention (see raft_sim.structure.inertia docstring); analytic point mass
    rna = RNA(mass=1e5, inertia_axial=4e7, inertia_radial=1e7, x_cg=-5.0, hub_height=100.0)
    tilt, over = np.deg2rad(-6.0), -10.0
    cg, axis = rna_position(rna, tilt, over)
    assert np.allclose(axis, [np.cos(tilt), 0, np.sin(tilt)])
    assert np.allclose(cg, [-5 * np.cos(tilt), 0, 100 - over * np.sin(tilt) - 5 * np.sin(tilt)])
    M = rna_mass_matrix(rna, tilt, over)
    # inertia about the CG: radial + (axial - radial) a a^T; product I_xz = 3e7 cos sin (tilt)
    Icg = M[3:, 3:] - 1e5 * (cg @ cg * np.eye(3) - np.outer(cg, cg))
    assert Icg[0, 2] == pytest.approx(3e7 * np.cos(tilt) * np.sin(tilt), rel=1e-9)
    mp = mass_properties(Platform(members=()), Turbine(rna=rna))
    assert np.allclose(mp.cg, [-5.0, 0, 100.0]) and mp.rna_mass == 1e5


def test_gravity_stiffness_convention():
    # SOURCE: analytic, restoring of the weight about the origin: C44 = C55 = -m g zG (RAFT C_struc)
    C = gravity_stiffness(1000.0, np.array([0.5, -0.2, -3.0]), 9.81)
    assert C[3, 3] == C[4, 4] == pytest.approx(3 * 9810.0) and C[3, 5] == 0
    C = gravity_stiffness(1000.0, np.array([0.5, -0.2, -3.0]), 9.81, yaw_coupling=True)
    assert C[3, 5] == pytest.approx(0.5 * 9810) and C[4, 5] == pytest.approx(-0.2 * 9810)


def test_extra_mass_enters_platform():
    # SOURCE: analytic, a point mass given as Platform.extra_mass adds its mass and moment
    from raft_sim.structure.frames import point_mass_matrix
    extra = point_mass_matrix(5e6, np.array([0.0, 0.0, -15.0]), np.diag([1e9, 1e9, 2e9]))
    mp = mass_properties(Platform(members=(), extra_mass=extra))
    assert mp.platform_mass == 5e6 and np.allclose(mp.platform_cg, [0, 0, -15.0])
    assert mp.mass_matrix[3, 3] == pytest.approx(1e9 + 5e6 * 225)
