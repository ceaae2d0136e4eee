"""Spectral fatigue (raft_sim.results.fatigue): oracles FLife, rainflow counting, closed forms."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy import integrate

from raft_sim.design.fatigue import in_load_units
from raft_sim.frequency import bin_widths
from raft_sim.results.fatigue import (METHODS, SNCurve, damage_equivalent_load, damage_rate,
                                      equivalent_range, range_components, spectral_moments)

flife = pytest.importorskip("FLife", reason="FLife (test extra) is the oracle of the spectral damage")

DESIGNS = Path(__file__).resolve().parents[2] / "designs"


@pytest.fixture(scope="module")
def volturn_results():
    """Results of the shipped VolturnUS-S design's four cases (about 3 s)."""
    from raft_sim.design.load import load_design
    from raft_sim.model import Model
    return Model(load_design(DESIGNS / "VolturnUS-S_IEA15MW.yaml")).analyze()


FLIFE = {"narrow_band": (flife.Narrowband, {}), "dirlik": (flife.Dirlik, {}),
         "tovo_benasciutti": (flife.TovoBenasciutti, {"method": "method 2"})}


def padded_for_trapezoid(omega, psd):
    """Grid and spectrum, zero-padded by the adjacent spacing at each end, whose trapezoid
    weights are our bin widths (Voronoi cells; checked here): FLife's trapezoid rule then
    integrates exactly our sums."""
    w = np.concatenate([[2 * omega[0] - omega[1]], omega, [2 * omega[-1] - omega[-2]]])
    h = np.diff(w)
    np.testing.assert_allclose((h[:-1] + h[1:]) / 2, bin_widths(omega), rtol=1e-10)
    return w, np.concatenate([[0.0], psd, [0.0]])


def flife_damage_rate(omega, psd, m, log_a, method):
    """FLife's damage per second of one spectrum S(omega).

    FLife integrates S(f) over f [Hz] with the trapezoid rule and uses amplitude S-N
    curves N = C s_a^-k; C = a / 2^m turns our range curve into FLife's amplitude curve.
    """
    w, s = padded_for_trapezoid(omega, psd)
    data = flife.SpectralData(input={"PSD": s * 2 * np.pi, "f": w / (2 * np.pi)})
    cls, kwargs = FLIFE[method]
    return 1.0 / cls(data).get_life(10.0**log_a / 2.0**m, m, **kwargs)


def test_equals_flife_on_shipped_design_spectra(volturn_results):
    # SOURCE: FLife 2.3 (Zorman, Slavic & Boltezar 2023, MIT) as oracle: Dirlik, Tovo-Benasciutti
    # (2005 "method 2") and narrow-band damage of the response spectra of VolturnUS-S (tower
    # base, thrust, generator torque, 3 fairlead tensions x 4 cases; at least 20 with
    # variance) on the design's refined, non-uniform grid, 1e-6 relative.
    ds = volturn_results
    omega = ds["omega"].values
    spectra = [ds["tower_base_moment_psd"].values, ds["thrust_psd"].values,
               ds["gen_torque_psd"].values] + list(ds["mooring_tension_psd"].transpose("line", ...).values)
    psd = np.concatenate(spectra)                          # (24, F)
    keep = psd.sum(axis=1) > 0                             # parked cases have no torque spectrum
    psd = psd[keep]
    assert psd.shape[0] >= 20
    moments = spectral_moments(psd, omega)
    for m, log_a in ((3.0, 30.0), (4.0, 40.0), (5.0, 48.0)):
        for method in METHODS:
            ours = damage_rate(moments, SNCurve(m=m, log_a=log_a), method)
            oracle = [flife_damage_rate(omega, s, m, log_a, method) for s in psd]
            np.testing.assert_allclose(ours, oracle, rtol=1e-6, err_msg=f"{method}, m={m}")


def synthesised_series(omega, psd, dt, seed):
    """Gaussian series with one-sided spectrum psd(omega) on the rfft grid (random phases)."""
    n = 2 * (omega.size - 1)
    amplitude = np.sqrt(2 * psd * (omega[1] - omega[0]))
    phase = np.exp(2j * np.pi * np.random.default_rng(seed).random(omega.size))
    return np.fft.irfft(amplitude * phase, n) * n / 2


def bump(omega, centre, width, variance):
    return variance * np.exp(-0.5 * ((omega - centre) / width) ** 2) / (np.sqrt(2 * np.pi) * width)


def rainflow_cycles(x):
    """(range, count) of the rainflow cycles of x, counted by the rainflow package (ASTM E1049)."""
    rainflow = pytest.importorskip("rainflow", reason="rainflow (test extra) counts the cycles")
    slope = np.sign(np.diff(x))
    turning = np.flatnonzero(slope[1:] != slope[:-1]) + 1     # keep only the turning points:
    cycles = np.array([(c[0], c[2]) for c in rainflow.extract_cycles(x[np.r_[0, turning, x.size - 1]])])
    return cycles[:, 0], cycles[:, 1]                          # the count is the same, and fast


@pytest.fixture(scope="module", params=["narrow_band", "two_peaked"])
def counted(request):
    """A spectrum, its duration and the rainflow cycles of a 2.4e6-sample series (>= 1e5 cycles)."""
    n, dt = 2_400_000, 0.3
    omega = 2 * np.pi * np.fft.rfftfreq(n, dt)
    psd = bump(omega, 1.0, 0.04, 1.0)
    if request.param == "two_peaked":  # wave-frequency response plus a low-frequency resonance
        psd = bump(omega, 1.0, 0.12, 1.0) + bump(omega, 0.25, 0.01, 1.5)
    ranges, counts = rainflow_cycles(synthesised_series(omega, psd, dt, seed=2026))
    assert counts.sum() >= 1e5, counts.sum()
    return request.param, omega, psd, n * dt, ranges, counts


@pytest.mark.parametrize("m", [3.0, 4.0, 5.0])
def test_del_matches_rainflow_counting(counted, m):
    # SOURCE: time-domain check of the spectral methods (Dirlik 1985; Benasciutti & Tovo 2005,
    # who validate against rainflow counting of simulated Gaussian series): a Gaussian series
    # synthesised from the spectrum (fixed seed), counted with the rainflow package; DEL of
    # the counted ranges (sum n S^m / N_eq)^(1/m). Dirlik and TB within 5 %; narrow band
    # conservative (Rayleigh ranges at the up-crossing rate bound the rainflow damage).
    kind, omega, psd, duration, ranges, counts = counted
    n_eq = 1.0e6
    measured = (np.sum(counts * ranges**m) / n_eq) ** (1 / m)
    moments = spectral_moments(psd, omega)
    spectral = {method: damage_equivalent_load(moments, SNCurve(m=m), duration, n_eq, method)
                for method in METHODS}
    for method in ("dirlik", "tovo_benasciutti"):
        assert spectral[method] == pytest.approx(measured, rel=0.05), (kind, method, m)
    assert spectral["narrow_band"] >= measured * 0.995, (kind, m)
    if kind == "two_peaked":  # a broad band: the Rayleigh estimate is clearly conservative
        assert spectral["narrow_band"] > 1.03 * measured


def test_no_variance_gives_zero_never_nan():
    # SOURCE: definition: a channel that does not vary has no cycles, damage 0 and DEL 0
    # (issue 8), for every method and one- and two-slope curves.
    omega = np.linspace(0.05, 2.0, 40)
    moments = spectral_moments(np.zeros((3, omega.size)), omega)
    for curve in (SNCurve(m=4.0), SNCurve(m=3.0, log_a=12.164, m2=5.0)):
        for method in METHODS:
            assert np.all(damage_rate(moments, curve, method, unit_intercept=True) == 0.0)
            assert np.all(damage_equivalent_load(moments, curve, 3600.0, 1e7, method) == 0.0)


def test_single_frequency_limit_is_narrow_band():
    # SOURCE: Dirlik's and TB's distributions tend to the Rayleigh one as alpha_2 -> 1 (Dirlik
    # 1985; Benasciutti & Tovo 2005): a one-bin spectrum (ideally narrow band) gives the
    # narrow-band damage, nu_0 (2 sqrt(2 m0))^m Gamma(1 + m/2) / a, with no NaN.
    omega = np.linspace(0.1, 2.0, 20)
    psd = np.where(np.arange(20) == 7, 3.0, 0.0)
    moments = spectral_moments(psd, omega)
    m0, m2 = moments[0], moments[2]
    from scipy.special import gamma
    expected = np.sqrt(m2 / m0) / (2 * np.pi) * (2 * np.sqrt(2 * m0)) ** 4 * gamma(3) / 1e10
    for method in METHODS:
        assert damage_rate(moments, SNCurve(m=4.0, log_a=10.0), method) == pytest.approx(expected, rel=1e-9)


def test_two_slope_damage_equals_integral_over_range_density():
    # SOURCE: Miner's rule D = sum_j rate_j integral p_j(S) / N(S) dS evaluated by quadrature
    # against the closed form with incomplete gamma functions; DNV-RP-C203 (2016) Table 2-1
    # curve D in air (m1 = 3, log a1 = 12.164, m2 = 5, knee at 1e7 cycles), ranges in MPa.
    omega = np.linspace(0.02, 3.0, 150)
    psd = bump(omega, 0.6, 0.15, 400.0) + bump(omega, 1.8, 0.2, 150.0)       # MPa^2
    moments = spectral_moments(psd, omega)
    curve = SNCurve(m=3.0, log_a=12.164, m2=5.0, knee_cycles=1e7)
    knee = 10 ** ((12.164 - 7) / 3)
    log_a2 = 7 + 5 * np.log10(knee)  # 15.6067 (DNV's table rounds it to 15.606)

    def cycles(s):
        return 10**12.164 * s**-3.0 if s > knee else 10**log_a2 * s**-5.0

    for method in METHODS:
        rr, rs, er, es = (np.ravel(v) for v in range_components(moments, method))
        density = [lambda s, r=r, c=c: r * s / c**2 * np.exp(-s**2 / (2 * c**2)) for r, c in zip(rr, rs) if r > 0]
        density += [lambda s, r=r, c=c: r * np.exp(-s / c) / c for r, c in zip(er, es) if r > 0]
        top = 60 * max(rs.max(), es.max())  # beyond: below 1e-300 of the density
        expected = sum(integrate.quad(lambda s: p(s) / cycles(s), lo, hi, epsabs=0, epsrel=1e-11, limit=500)[0]
                       for p in density for lo, hi in ((0, knee), (knee, top)))
        assert damage_rate(moments, curve, method) == pytest.approx(expected, rel=1e-6), method


def test_two_slope_curve_knee_and_equivalent_range():
    # SOURCE: DNV-RP-C203 (2016) Table 2-1, curve D in air: log a2 = 15.606 and a fatigue
    # limit of 52.63 MPa at 1e7 cycles follow from m1 = 3, log a1 = 12.164 by continuity.
    curve = SNCurve(m=3.0, log_a=12.164, m2=5.0, knee_cycles=1e7)
    assert equivalent_range(1.0, curve, 1e7) == pytest.approx(52.63, rel=5e-4)  # DNV rounds
    assert equivalent_range(1.0, curve, 1e8) == pytest.approx(10 ** ((15.606 - 8) / 5), rel=1e-3)
    assert equivalent_range(1.0, curve, 1e5) == pytest.approx(10 ** ((12.164 - 5) / 3), rel=1e-12)
    assert equivalent_range(0.0, curve, 1e7) == 0.0


def test_curve_in_load_units_gives_the_stress_damage():
    # SOURCE: definition: stress = c x load, so N(load) = a (c S)^-m; the load curve from
    # in_load_units must give the damage of the stress channel c^2 S_load(omega).
    omega = np.linspace(0.05, 2.0, 60)
    psd_load = bump(omega, 0.8, 0.2, 4.0e14)                                 # (N m)^2
    c = 1.0e-6 / 0.9                                                         # MPa per N m (W = 0.9 m^3)
    stress_curve = SNCurve(m=3.0, log_a=12.164, m2=5.0)
    load_curve = in_load_units(stress_curve, c)
    for method in METHODS:
        assert damage_rate(spectral_moments(psd_load, omega), load_curve, method) == pytest.approx(
            damage_rate(spectral_moments(c**2 * psd_load, omega), stress_curve, method), rel=1e-10)


def test_vectorised_over_leading_dims_and_curves_per_channel():
    # SOURCE: interface contract: (case, channel, line) at once equals one spectrum at a time.
    rng = np.random.default_rng(4)
    omega = np.linspace(0.05, 2.0, 30)
    psd = rng.random((5, 2, 3, omega.size))
    curves = [SNCurve(m=3.0, log_a=11.0), SNCurve(m=4.0, log_a=13.0, m2=6.0), SNCurve(m=5.0)]
    batch = damage_rate(spectral_moments(psd, omega), curves, "dirlik", unit_intercept=True)
    for idx in np.ndindex(5, 2, 3):
        one = damage_rate(spectral_moments(psd[idx], omega), curves[idx[2]], "dirlik", unit_intercept=True)
        assert batch[idx] == pytest.approx(one, rel=1e-12)
    assert np.all(np.isnan(damage_rate(spectral_moments(psd, omega), curves, "dirlik")[..., 2]))
