"""Tests of raft_sim.environment.wind (IEC turbulence, Kaimal spectrum, rotor averaging)."""
import numpy as np
import pytest
from scipy.integrate import quad

from raft_sim.environment.wind import (
    disc_coherence_average, kaimal_spectrum, longitudinal_length_scale,
    rotor_averaged_spectrum, turbulence_sigma, wind_amplitudes, wind_spectra,
)


def _pair_distance_density(r, radius):
    # SOURCE: analytic density of the distance between two uniform random points of a disc
    # (e.g. Solomon, Geometric Probability, 1978): (4r/(pi R^2))(acos(s) - s sqrt(1-s^2)), s=r/2R.
    s = r / (2 * radius)
    return 4 * r / (np.pi * radius**2) * (np.arccos(s) - s * np.sqrt(1 - s**2))


def test_turbulence_sigma_iec_models():
    # SOURCE: IEC 61400-1 ed.3 eqs (11), (19), (20) and table 1 (I_ref A=.16, B=.14, C=.12, A+=.18)
    assert turbulence_sigma("IIB_NTM", 10.0) == pytest.approx(0.14 * (0.75 * 10 + 5.6), rel=1e-12)
    assert turbulence_sigma("IA+_NTM", 8.0) == pytest.approx(0.18 * (0.75 * 8 + 5.6), rel=1e-12)
    v_ave = 0.2 * 50.0  # class I
    etm = 2 * 0.16 * (0.072 * (v_ave / 2 + 3) * (15.0 / 2 - 4) + 10)
    assert turbulence_sigma("IA_ETM", 15.0) == pytest.approx(etm, rel=1e-12)
    v_ave = 0.2 * 37.5  # class III
    etm = 2 * 0.12 * (0.072 * (v_ave / 2 + 3) * (20.0 / 2 - 4) + 10)
    assert turbulence_sigma("IIIC_ETM", 20.0) == pytest.approx(etm, rel=1e-12)
    assert turbulence_sigma("IIIC_EWM", 30.0) == pytest.approx(0.11 * 30.0, rel=1e-12)


def test_numeric_turbulence_is_reference_intensity_as_raft():
    # SOURCE: RAFT raft_rotor.IECKaimal sets iec_wind.I_ref = float(turbulence) and uses the NTM.
    assert turbulence_sigma(0.5, 5.0) == pytest.approx(0.5 * (0.75 * 5 + 5.6), rel=1e-12)
    assert turbulence_sigma("0.12", 11.0) == pytest.approx(0.12 * (0.75 * 11 + 5.6), rel=1e-12)
    with pytest.raises(ValueError):
        turbulence_sigma("IIX_NTM", 10.0)


def test_length_scale():
    # SOURCE: IEC 61400-1 ed.3 eq (5) and annex C: L_u = 8.1 Lambda_1
    assert longitudinal_length_scale(150.0) == pytest.approx(8.1 * 42.0, rel=1e-12)
    assert longitudinal_length_scale(50.0) == pytest.approx(8.1 * 0.7 * 50.0, rel=1e-12)


def test_kaimal_integrates_to_variance():
    # SOURCE: analytic, int_0^inf 4 s^2 tau / (1 + 6 f tau)^(5/3) df = s^2
    sigma, v, lu = 1.7, 11.0, 340.2
    var, _ = quad(lambda w: kaimal_spectrum(np.array([w]), v, sigma, lu)[0], 0, np.inf, limit=400)
    assert var == pytest.approx(sigma**2, rel=1e-6)


@pytest.mark.parametrize("x", [0.005, 0.019, 0.021, 0.3, 1.0, 2.5, 5.0, 6.0])
def test_disc_average_matches_quadrature_of_pair_distance(x):
    # SOURCE: independent numerical Laplace transform of the analytic pair-distance density
    ref, _ = quad(lambda r: _pair_distance_density(r, 1.0) * np.exp(-x * r), 0, 2,
                  epsabs=1e-15, epsrel=1e-13, limit=200)
    assert disc_coherence_average(np.array([x]))[0] == pytest.approx(ref, rel=1e-9)


@pytest.mark.parametrize("x", [8.999999, 9.0, 14.0, 40.0, 300.0])
def test_disc_average_large_argument(x):
    # SOURCE: independent numerical integration in the stretched variable t = x r (the
    # integrand is concentrated near r = 0), of the analytic pair-distance density.
    ref, _ = quad(lambda t: _pair_distance_density(t / x, 1.0) * np.exp(-t) / x, 0, 2 * x,
                  epsabs=0, epsrel=1e-12, limit=400, points=[1, 10, 40])
    assert disc_coherence_average(np.array([x]))[0] == pytest.approx(ref, rel=1e-7)


def test_disc_average_direct_double_area_integral():
    # SOURCE: definition (mean over pairs of points of the disc), 4-D Gauss-Legendre
    # quadrature in polar coordinates, independent of the pair-distance density.
    # The rule converges only as n^-3 across the kink of |p1 - p2| (0.05 % error at n = 32).
    x = 1.3
    n = 32
    t, wt = np.polynomial.legendre.leggauss(n)
    rho = 0.5 * (t + 1)            # radius in [0, 1]
    w_rho = 0.5 * wt * rho          # area element r dr
    phi = np.pi * (t + 1)
    w_phi = np.pi * wt
    r1, p1 = np.meshgrid(rho, phi, indexing="ij")
    w1 = np.outer(w_rho, w_phi).ravel()
    pts = np.column_stack([(r1 * np.cos(p1)).ravel(), (r1 * np.sin(p1)).ravel()])
    dist = np.linalg.norm(pts[:, None, :] - pts[None, :, :], axis=-1)
    mean = (w1[:, None] * w1[None, :] * np.exp(-x * dist)).sum() / np.pi**2
    assert disc_coherence_average(np.array([x]))[0] == pytest.approx(mean, rel=1e-3)


def test_tiny_rotor_gives_point_spectrum_and_limits():
    # SOURCE: analytic limits: full coherence for R -> 0, and 2/x^2 for x -> inf.
    w = np.linspace(0.01, 3, 50)
    point = kaimal_spectrum(w, 10.0, 1.5, 340.2)
    tiny = rotor_averaged_spectrum(w, 10.0, 1.5, 340.2, rotor_radius=1e-6)
    np.testing.assert_allclose(tiny, point, rtol=1e-6)
    assert disc_coherence_average(np.array([1e4]))[0] == pytest.approx(2e-8, rel=1e-3)
    assert disc_coherence_average(np.array([0.0]))[0] == 1.0


def test_rotor_averaged_variance_from_coherence_model():
    # SOURCE: the rotor-averaged variance written directly from the coherence model,
    # var = int_0^2R p(r) [int_0^inf S(f) Coh(r, f) df] dr, integrated in the other order
    # (over frequency inside, with scipy quad per distance) than the tested spectrum.
    v, sigma, lu, radius = 10.0, 1.8, 340.2, 63.0

    def s_hz(f):
        tau = lu / v
        return 4 * sigma**2 * tau / (1 + 6 * f * tau) ** (5 / 3)

    def inner(r):
        return quad(lambda f: s_hz(f) * np.exp(-12 * np.sqrt((f / v) ** 2 + (0.12 / lu) ** 2) * r),
                    0, np.inf, limit=200)[0]

    # Gauss-Legendre in r over [0, 2R] (the density is continuous).
    t, wt = np.polynomial.legendre.leggauss(60)
    r = radius * (t + 1)
    inner_r = np.array([inner(ri) for ri in r])
    var_direct = np.sum(wt * radius * _pair_distance_density(r, radius) * inner_r)

    s_rot = lambda w: rotor_averaged_spectrum(np.array([w]), v, sigma, lu, radius)[0]
    var_spec = quad(s_rot, 0, np.inf, limit=400)[0]
    assert var_spec == pytest.approx(var_direct, rel=1e-4)
    assert var_spec < sigma**2  # averaging reduces the variance


def test_wind_spectra_and_amplitudes():
    # SOURCE: definitions (zero wind -> zero spectra; amplitude sqrt(2 S dw))
    w = np.arange(1, 11) * 0.1
    pt, rot = wind_spectra("IB_NTM", 0.0, 150.0, 120.0, w)
    assert not pt.any() and not rot.any()
    pt, rot = wind_spectra("IB_NTM", 12.0, 150.0, 120.0, w)
    sigma = 0.14 * (0.75 * 12 + 5.6)
    np.testing.assert_allclose(pt, kaimal_spectrum(w, 12.0, sigma, 340.2), rtol=1e-12)
    assert np.all(rot < pt)
    np.testing.assert_allclose(wind_amplitudes(rot, 0.1) ** 2, 2 * rot * 0.1, rtol=1e-12)
