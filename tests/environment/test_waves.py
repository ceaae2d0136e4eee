"""Tests of sea-state spectra, dispersion and linear wave kinematics."""
from __future__ import annotations

import numpy as np
import pytest
from conftest import load_expected, needs_shared

from raft_sim.design.objects import SeaState
from raft_sim.environment.waves import (
    jonswap, jonswap_gamma, pierson_moskowitz, wave_amplitudes, wave_kinematics,
    wave_number, wave_spectrum,
)

G = 9.81


# ---------------------------------------------------------------- dispersion
def test_dispersion_residual():
    # SOURCE: linear dispersion relation omega^2 = g k tanh(k h) (Airy theory), residual 1e-12.
    omega = np.linspace(0.01, 6.0, 400)
    for depth in (5.0, 50.0, 200.0, 3000.0):
        k = wave_number(omega, depth)
        resid = omega ** 2 - G * k * np.tanh(k * depth)
        assert np.max(np.abs(resid) / omega ** 2) < 1e-12


def test_dispersion_limits():
    # SOURCE: deep-water limit k = omega^2/g (kh >> 1) and shallow-water limit
    # k = omega / sqrt(g h) (kh << 1) of the dispersion relation.
    omega = np.array([1.0, 2.0, 4.0])
    np.testing.assert_allclose(wave_number(omega, 1000.0), omega ** 2 / G, rtol=1e-12)
    np.testing.assert_allclose(wave_number(omega, np.inf), omega ** 2 / G, rtol=0)
    w_low = np.array([1e-4, 1e-3])
    np.testing.assert_allclose(wave_number(w_low, 10.0), w_low / np.sqrt(G * 10.0), rtol=1e-5)
    assert wave_number(np.array([0.0]), 100.0)[0] == 0.0


# ---------------------------------------------------------------- spectra
def test_pm_equals_jonswap_gamma_one_and_closed_form():
    # SOURCE: Pierson-Moskowitz in omega form, S = 5/16 Hs^2 wp^4 w^-5 exp(-5/4 (wp/w)^4)
    # (IEC 61400-3 / DNV-RP-C205 3.5.5), identical to JONSWAP with gamma = 1.
    w = np.linspace(0.05, 3.0, 300)
    hs, tp = 4.0, 9.0
    wp = 2 * np.pi / tp
    closed = 5.0 / 16.0 * hs ** 2 * wp ** 4 * w ** -5 * np.exp(-1.25 * (wp / w) ** 4)
    np.testing.assert_allclose(pierson_moskowitz(w, hs, tp), closed, rtol=1e-12)
    np.testing.assert_array_equal(pierson_moskowitz(w, hs, tp), jonswap(w, hs, tp, gamma=1.0))


@pytest.mark.parametrize("gamma", [1.0, 2.0, 3.3, 5.0, None])
def test_jonswap_variance(gamma):
    # SOURCE: definition of Hs = 4 sqrt(m0): the spectrum integrates to Hs^2/16
    # (within 1 %, the accuracy of the normalising factor 1 - 0.287 ln gamma, DNV-RP-C205).
    w = np.linspace(1e-3, 20.0, 200001)
    hs, tp = 6.0, 12.0
    m0 = np.trapezoid(jonswap(w, hs, tp, gamma), w)
    assert m0 == pytest.approx(hs ** 2 / 16.0, rel=0.01)


def test_jonswap_gamma_rule():
    # SOURCE: IEC 61400-3 Annex B / DNV-RP-C205 3.5.5.5: gamma = 5 for Tp/sqrt(Hs) <= 3.6,
    # exp(5.75 - 1.15 Tp/sqrt(Hs)) for 3.6 < Tp/sqrt(Hs) < 5, 1 above.
    assert jonswap_gamma(4.0, 7.0) == 5.0          # ratio 3.5
    assert jonswap_gamma(4.0, 10.2) == 1.0         # ratio 5.1
    assert jonswap_gamma(4.0, 8.4) == pytest.approx(np.exp(5.75 - 1.15 * 4.2), rel=1e-14)
    w = np.linspace(0.1, 2.0, 50)
    np.testing.assert_array_equal(jonswap(w, 4.0, 8.4), jonswap(w, 4.0, 8.4, np.exp(5.75 - 1.15 * 4.2)))


def test_zero_sea_state_is_zero_not_nan():
    # SOURCE: definition -- no waves (Hs = 0, still water) means a zero spectrum.
    w = np.linspace(0.0, 2.0, 21)
    for s in (jonswap(w, 0.0, 10.0), jonswap(w, 0.0, 10.0, None), pierson_moskowitz(w, 0.0, 8.0),
              wave_spectrum(SeaState("still"), w), wave_spectrum(SeaState("jonswap", 0.0, 0.0), w)):
        assert np.all(s == 0.0)
    assert np.all(np.isfinite(jonswap(w, 2.0, 8.0)))       # omega = 0 included
    assert np.all(wave_amplitudes(jonswap(w, 0.0, 10.0), 0.1) == 0.0)


def test_wave_spectrum_dispatch_and_table():
    # SOURCE: definitions (dispatcher returns the named spectrum; a table is interpolated
    # linearly and zero outside its range).
    w = np.linspace(0.1, 2.0, 40)
    np.testing.assert_array_equal(wave_spectrum(SeaState("jonswap", 3.0, 9.0, gamma=2.0), w),
                                  jonswap(w, 3.0, 9.0, 2.0))
    np.testing.assert_array_equal(wave_spectrum(SeaState("pierson_moskowitz", 3.0, 9.0), w),
                                  pierson_moskowitz(w, 3.0, 9.0))
    table = SeaState("table", table_omega=np.array([0.5, 1.0, 1.5]),
                     table_density=np.array([0.0, 2.0, 1.0]))
    s = wave_spectrum(table, np.array([0.2, 0.75, 1.0, 1.25, 1.6]))
    np.testing.assert_allclose(s, [0.0, 1.0, 2.0, 1.5, 0.0])
    np.testing.assert_allclose(wave_amplitudes(np.array([2.0]), 0.25), [1.0])


def test_white_spectra_unit_and_constant():
    # SOURCE: definitions (RAFT raft_fowt.calcHydroExcitation): "unit" is S = 1 m^2 s/rad at
    # every frequency, so each component amplitude is sqrt(2 d_omega) and the response
    # spectrum equals |RAO|^2; "constant" is S = the given level at every frequency.
    w = np.linspace(0.05, 3.0, 60)
    np.testing.assert_array_equal(wave_spectrum(SeaState("unit"), w), np.ones_like(w))
    np.testing.assert_array_equal(wave_spectrum(SeaState("constant", constant_density=2.5), w),
                                  np.full_like(w, 2.5))
    np.testing.assert_allclose(wave_amplitudes(wave_spectrum(SeaState("unit"), w), 0.02),
                               np.sqrt(0.04), rtol=1e-15)
    # a white spectrum of level S0 over a band B has variance S0 B: Hs = 4 sqrt(S0 B)
    dw = w[1] - w[0]
    m0 = np.sum(wave_spectrum(SeaState("constant", constant_density=0.3), w)) * dw
    assert m0 == pytest.approx(0.3 * w.size * dw, rel=1e-14)
    with pytest.raises(ValueError, match="constant_density"):
        wave_spectrum(SeaState("constant", constant_density=-1.0), w)


def test_white_spectra_from_case_table():
    # SOURCE: RAFT case-table convention: "unit" needs no height or period; "constant" takes
    # its level [m^2 s/rad] from the wave_height column (raft_fowt.calcHydroExcitation).
    from raft_sim.design.cases import sea_state
    w = np.array([0.2, 0.7, 1.9])
    unit = sea_state({"wave_spectrum": ["unit"], "wave_heading": [30.0]}, 0, "cases.data[0]")
    const = sea_state({"wave_spectrum": ["constant"], "wave_height": [0.7]}, 0, "cases.data[1]")
    np.testing.assert_array_equal(wave_spectrum(unit, w), [1.0, 1.0, 1.0])
    np.testing.assert_array_equal(wave_spectrum(const, w), [0.7, 0.7, 0.7])
    assert unit.heading == pytest.approx(np.pi / 6, rel=1e-15)


@needs_shared
def test_jonswap_reproduces_raft_wave_psd():
    # SOURCE: raft/test-expected/OC3spar_true_analyzeCases.json, wave_PSD of both cases
    # (JONSWAP Hs 6 m, Tp 12 s, gamma from the IEC rule, test-inputs/OC3spar.yaml). RAFT stores
    # 0.5 |zeta|^2 / d_omega, i.e. S(omega) in m^2 s/rad, the same units as ours.
    exp = load_expected("OC3spar_true_analyzeCases.json")
    w = exp["freq_rad"]
    s = jonswap(w, 6.0, 12.0)
    for case in exp["case_metrics"].values():
        ref = case["0"]["wave_PSD"]
        np.testing.assert_allclose(s, ref, rtol=1e-6, atol=1e-6 * ref.max())


# ---------------------------------------------------------------- kinematics
def test_kinematics_boundary_conditions_finite_depth():
    # SOURCE: Airy theory boundary conditions: at z = 0 the vertical velocity is
    # d(eta)/dt = i w eta and the dynamic pressure is rho g eta; at the sea bed w = 0;
    # horizontal velocity w cosh(k(z+h))/sinh(kh); acceleration i w u.
    depth, rho = 40.0, 1025.0
    omega = np.array([0.3, 0.8, 1.5])
    beta = np.array([0.0, 0.7])
    r = np.array([[3.0, -2.0, 0.0], [3.0, -2.0, -depth], [1.0, 4.0, -12.0]])
    vel, acc, p = wave_kinematics(r, omega, beta, depth, G, rho)
    k = wave_number(omega, depth)
    eta = np.exp(-1j * k[:, None] * (r[0, 0] * np.cos(beta) + r[0, 1] * np.sin(beta)))
    np.testing.assert_allclose(vel[0, ..., 2], 1j * omega[:, None] * eta, rtol=1e-12)
    np.testing.assert_allclose(p[0], rho * G * eta, rtol=1e-12)
    np.testing.assert_allclose(vel[1, ..., 2], 0.0, atol=1e-12)
    ph = np.exp(-1j * k[:, None] * (r[2, 0] * np.cos(beta) + r[2, 1] * np.sin(beta)))
    uh = omega * np.cosh(k * (depth - 12.0)) / np.sinh(k * depth)
    np.testing.assert_allclose(vel[2, ..., 0], (uh[:, None] * ph) * np.cos(beta), rtol=1e-12)
    np.testing.assert_allclose(vel[2, ..., 1], (uh[:, None] * ph) * np.sin(beta), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(acc, 1j * omega[None, :, None, None] * vel, rtol=1e-14)
    assert vel.shape == (3, 3, 2, 3) and p.shape == (3, 3, 2)


def test_kinematics_continuity():
    # SOURCE: incompressibility of the linear wave field, du/dx + dv/dy + dw/dz = 0
    # (central finite differences, relative 1e-6).
    depth, h = 30.0, 1e-3
    omega, beta = np.array([0.9]), np.array([0.4])
    x0 = np.array([2.0, 1.0, -7.0])
    div = 0.0
    for i in range(3):
        d = np.zeros(3)
        d[i] = h
        vp = wave_kinematics(np.array([x0 + d]), omega, beta, depth)[0][0, 0, 0, i]
        vm = wave_kinematics(np.array([x0 - d]), omega, beta, depth)[0][0, 0, 0, i]
        div += (vp - vm) / (2 * h)
    scale = omega[0] * wave_number(omega, depth)[0]
    assert abs(div) < 1e-6 * scale


def test_kinematics_deep_water_stable_and_dry_points():
    # SOURCE: deep-water Airy limit, u = w e^{kz} (exact when kh is huge, no overflow);
    # points above the still water line get no kinematics (definition).
    omega = np.array([2.0, 5.0])
    r = np.array([[0.0, 0.0, -3.0], [0.0, 0.0, 2.0]])
    vel, acc, p = wave_kinematics(r, omega, np.array([0.0]), 5000.0)
    assert np.all(np.isfinite(vel)) and np.all(np.isfinite(p))
    k = omega ** 2 / G
    np.testing.assert_allclose(vel[0, :, 0, 0], omega * np.exp(-3.0 * k), rtol=1e-12)
    np.testing.assert_allclose(vel[0, :, 0, 2], 1j * omega * np.exp(-3.0 * k), rtol=1e-12)
    assert np.all(vel[1] == 0) and np.all(acc[1] == 0) and np.all(p[1] == 0)
    vel_inf = wave_kinematics(r, omega, np.array([0.0]), np.inf)[0]
    np.testing.assert_allclose(vel_inf[0], vel[0], rtol=1e-12)
