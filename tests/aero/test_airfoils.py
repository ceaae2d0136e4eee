"""Tests of raft_sim.aero.airfoils: polar resampling, spanwise blending, evaluation."""
from __future__ import annotations

import numpy as np
import pytest

from raft_sim.aero.airfoils import element_polars, raft_alpha_grid, resampled_polar
from raft_sim.design.objects import Airfoil, Blade


def polar(name, thickness, slope):
    """Synthetic polar: cl = slope * sin(2 alpha) / 2, cd = 0.01 + thickness * sin^2(alpha)."""
    a = np.radians(np.linspace(-180.0, 180.0, 73))
    return Airfoil(name=name, relative_thickness=thickness, alpha=a, cl=0.5 * slope * np.sin(2 * a),
                   cd=0.01 + thickness * np.sin(a) ** 2, cm=np.zeros_like(a))


def blade(positions, names):
    r = np.linspace(2.0, 50.0, 5)
    return Blade(r=r, chord=np.ones(5), twist=np.zeros(5), precurve=np.zeros(5),
                 presweep=np.zeros(5), tip_radius=52.0,
                 airfoil_positions=np.asarray(positions, float), airfoil_names=tuple(names))


def test_raft_alpha_grid():
    # Source: RAFT raft_rotor.py (n_aoa = 200 from -180 to 180 deg, 30 deg breakpoints).
    a = np.degrees(raft_alpha_grid())
    assert a.size == 200
    assert a[0] == pytest.approx(-180.0) and a[-1] == pytest.approx(180.0)
    assert np.all(np.diff(a) > 0)
    assert np.sum(np.abs(a) < 29.99) == 98  # 100 points from -30 to 30 inclusive


def test_resampled_polar_is_linear_interpolation_and_periodic():
    # Source: analytic (linear interpolation of the table; RAFT makes -180 equal +180).
    af = polar("a", 0.3, 6.0)
    grid = raft_alpha_grid()
    out = resampled_polar(af, grid)
    np.testing.assert_allclose(out[0, 1:], np.interp(grid[1:], af.alpha, af.cl), atol=1e-14)
    assert out[0, 0] == out[0, -1] and out[1, 0] == out[1, -1]


def test_blend_reproduces_listed_airfoil_and_thickness_interpolation():
    # Source: analytic. Two airfoils (t = 0.4 at root, 0.2 at tip): PCHIP through two
    # points is linear, so an element at span 0.25 has t = 0.35 and its polar is the
    # thickness-weighted mean 0.75 A + 0.25 B; an element at span 0 is exactly A.
    a, b = polar("A", 0.4, 6.0), polar("B", 0.2, 4.0)
    p = element_polars(blade([0.0, 1.0], ["A", "B"]), (a, b), np.array([0.0, 0.25]), smooth=False)
    np.testing.assert_allclose(p.thickness, [0.4, 0.35], atol=1e-12)
    grid = p.alpha
    ra, rb = resampled_polar(a, grid), resampled_polar(b, grid)
    np.testing.assert_allclose(p.cl[0], ra[0], atol=1e-12)
    np.testing.assert_allclose(p.cl[1], 0.75 * ra[0] + 0.25 * rb[0], atol=1e-12)
    np.testing.assert_allclose(p.cd[1], 0.75 * ra[1] + 0.25 * rb[1], atol=1e-12)


def test_non_monotonic_thickness_falls_back_to_span_interpolation():
    # Source: analytic; thickness rising toward the tip -> linear interpolation in span.
    a, b = polar("A", 0.2, 6.0), polar("B", 0.4, 4.0)
    p = element_polars(blade([0.0, 1.0], ["A", "B"]), (a, b), np.array([0.5]), smooth=False)
    np.testing.assert_allclose(p.thickness, [0.3], atol=1e-12)
    ra, rb = resampled_polar(a, p.alpha), resampled_polar(b, p.alpha)
    np.testing.assert_allclose(p.cl[0], 0.5 * (ra[0] + rb[0]), atol=1e-12)


def test_coefficients_interpolate_nodes_and_wrap_angles():
    # Source: analytic (interpolating cubic spline passes through the nodes; polars are
    # 2 pi periodic in alpha).
    a, b = polar("A", 0.4, 6.0), polar("B", 0.2, 4.0)
    p = element_polars(blade([0.0, 1.0], ["A", "B"]), (a, b), np.array([0.1, 0.9]), smooth=False)
    nodes = np.stack([p.alpha[10:20], p.alpha[10:20]], axis=-1)
    cl, cd = p.coefficients(nodes)
    np.testing.assert_allclose(cl, p.cl[:, 10:20].T, atol=1e-12)
    np.testing.assert_allclose(cd, p.cd[:, 10:20].T, atol=1e-12)
    x = np.array([[0.1, -0.2]])
    np.testing.assert_allclose(p.coefficients(x + 2 * np.pi)[0], p.coefficients(x)[0], atol=1e-12)


def test_smoothing_stays_close_to_table():
    # Source: CCBlade CCAirfoil smoothing factors (s = 0.1 for cl over the duplicated
    # 200-point table): the rms change of cl is at most sqrt(0.1 / 400) = 0.016.
    a, b = polar("A", 0.4, 6.0), polar("B", 0.2, 4.0)
    bl = blade([0.0, 1.0], ["A", "B"])
    raw = element_polars(bl, (a, b), np.array([0.3]), smooth=False)
    smooth = element_polars(bl, (a, b), np.array([0.3]), smooth=True)
    cl_s = smooth.coefficients(raw.alpha[:, None])[0][:, 0]
    assert np.sqrt(np.mean((cl_s - raw.cl[0]) ** 2)) <= np.sqrt(0.1 / 400) + 1e-9


def test_unknown_airfoil_name_is_a_design_error():
    # Source: input validation contract (DesignError names the YAML path).
    from raft_sim.design.errors import DesignError
    with pytest.raises(DesignError, match="blade.airfoils"):
        element_polars(blade([0.0, 1.0], ["A", "X"]), (polar("A", 0.3, 6.0),), np.array([0.5]))
