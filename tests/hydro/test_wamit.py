"""WAMIT readers: dimensional coefficients from the OC4 and VolturnUS-S files."""
from __future__ import annotations

import numpy as np
import pytest

from conftest import DESIGNS, RAFT_REF, SHARED, load_expected, needs_shared
from raft_sim.hydro.wamit import read_excitation, read_mean_drift, wamit_database

RHO, G = 1025.0, 9.81
OC4 = RAFT_REF / "examples" / "OC4semi-WAMIT_Coefs" / "marin_semi"
VOLTURN = SHARED / "iea15-volturnus" / "HydroData" / "IEA-15-240-RWT-UMaineSemi"
needs_volturn = pytest.mark.skipif(not VOLTURN.with_suffix(".1").is_file(),
                                   reason="../shared/reference/iea15-volturnus/HydroData not present")


@needs_shared
def test_oc4_radiation_matches_raft():
    # SOURCE: RAFT test-expected OC4semi-WAMIT_Coefs_true_BEM_forces.json (A_BEM, B_BEM, RAFT's
    # readWAMIT1 of marin_semi.1 with rho = 1025, ULEN = 1) on RAFT's test grid
    # 0.005..0.2 Hz. RAFT interpolates B/omega, we interpolate B: both linear between the
    # file's 0.01 rad/s steps, so B agrees to 1e-3 of each term's scale, A to 1e-4. Compared:
    # the terms above 1e-4 of sqrt(diagonal_i diagonal_j); the others are the file's numerical
    # noise, which RAFT symmetrises (it stores the (3,5) row also as (5,3)) and we keep as read.
    from raft_sim.hydro.potential import radiation_coefficients

    ref = load_expected("OC4semi-WAMIT_Coefs_true_BEM_forces.json")
    omega = np.arange(0.005, 0.2 + 0.0025, 0.005) * 2 * np.pi
    a, b = radiation_coefficients(wamit_database(OC4, RHO, G), omega)
    a_ref, b_ref = np.moveaxis(ref["A_BEM"], -1, 0), np.moveaxis(ref["B_BEM"], -1, 0)
    for got, want, rtol in ((a, a_ref, 1e-4), (b, b_ref, 1e-3)):
        scale = np.abs(want).max(axis=0)
        diag = np.diag(scale)
        big = scale > 1e-4 * np.sqrt(np.outer(diag, diag))
        assert np.all(np.abs(got - want).max(axis=0)[big] <= rtol * scale[big])


@needs_shared
def test_oc4_by_hand_and_layout():
    # SOURCE: marin_semi.1 rows "0.628319E+03 1 1 8.527234E+03 1.604159E-02" (period 628.3 s,
    # omega = 0.01) and "0.628319E+02 3 3 1.472033E+04 1.786772E+02" (omega = 0.1): A = Abar rho,
    # B = Bbar rho omega (WAMIT manual, ULEN = 1); row "1 5 -1.049620E+05" (k = 4).
    db = wamit_database(OC4, RHO, G)
    a = db.added_mass.sel(influenced_dof="surge", radiating_dof="surge")
    assert a.sel(omega=0.01, method="nearest") == pytest.approx(8.527234e3 * RHO, rel=1e-6)
    assert db.added_mass.sel(influenced_dof="surge", radiating_dof="pitch").sel(omega=0.01, method="nearest") \
        == pytest.approx(-1.049620e5 * RHO, rel=1e-6)
    heave = db.sel(influenced_dof="heave", radiating_dof="heave").sel(omega=0.1, method="nearest")
    assert heave.added_mass == pytest.approx(1.472033e4 * RHO, rel=1e-6)
    assert heave.radiation_damping == pytest.approx(1.786772e2 * RHO * 0.1, rel=1e-5)
    assert db.omega.values[0] == pytest.approx(0.01, rel=1e-5) and np.all(np.diff(db.omega) > 0)
    assert db.attrs["excitation_source"] == "none"      # marin_semi.3 is not in the reference data
    assert "added_mass_zero" not in db                  # no PER = -1 rows in this file


@needs_shared
def test_oc4_mean_drift_by_hand():
    # SOURCE: marin_semi.12d first row "0.25133E+02 0.25133E+02 0 0 1 4.27149E-01 0 4.27149E-01 0":
    # mean surge drift per m^2 of amplitude = Re rho g ULEN (WAMIT manual, second-order forces).
    drift = read_mean_drift(OC4.with_suffix(".12d"), RHO, G)
    value = drift.sel(influenced_dof="surge", wave_direction=0.0).sel(omega=2 * np.pi / 25.133, method="nearest")
    assert value == pytest.approx(0.427149 * RHO * G, rel=1e-5)
    assert drift.dims == ("omega", "wave_direction", "influenced_dof")


@needs_volturn
def test_volturnus_by_hand():
    # SOURCE: IEA-15-240-RWT-UMaineSemi.1/.3/.hst, rows read by hand (PER = 12.56637 s, omega = 0.5):
    #   .1  "1 1 1.336420E+04 1.486418E+03", "3 3 2.893392E+04 2.430506E+03",
    #       "4 4 1.293680E+07 2.553024E+05" (k = 5), PER = -1 "3 3 2.627505E+04", PER = 0 "3 3 2.421631E+04"
    #   .3  beta 0: "1 ... Re 9.603407E+01 Im 4.704008E+02", "5 ... Re -2.396232E+03 Im -5.869693E+03";
    #       beta 90: "2 ... Re 2.030158E+01 Im 4.797400E+02"
    #   .hst "3 3 4.430486E+02", "4 4 2.182405E+05"
    # A = Abar rho, B = Bbar rho omega, X = Xbar rho g, C = Cbar rho g (ULEN = 1).
    db = wamit_database(VOLTURN, RHO, G).sel(omega=0.5, method="nearest")
    assert float(db.omega) == pytest.approx(2 * np.pi / 12.56637, rel=1e-6)
    ab = lambda i, j: (float(db.added_mass.sel(influenced_dof=i, radiating_dof=j)),  # noqa: E731
                       float(db.radiation_damping.sel(influenced_dof=i, radiating_dof=j)))
    assert ab("surge", "surge") == pytest.approx((1.336420e4 * RHO, 1.486418e3 * RHO * 0.5), rel=1e-5)
    assert ab("heave", "heave") == pytest.approx((2.893392e4 * RHO, 2.430506e3 * RHO * 0.5), rel=1e-5)
    assert ab("roll", "roll") == pytest.approx((1.293680e7 * RHO, 2.553024e5 * RHO * 0.5), rel=1e-5)
    x = db.excitation_force
    assert complex(x.sel(wave_direction=0.0, influenced_dof="surge")) == pytest.approx((96.03407 + 470.4008j) * RHO * G, rel=1e-6)
    assert complex(x.sel(wave_direction=0.0, influenced_dof="pitch")) == pytest.approx((-2396.232 - 5869.693j) * RHO * G, rel=1e-6)
    assert complex(x.sel(wave_direction=np.pi / 2, influenced_dof="sway")) == pytest.approx((20.30158 + 479.74j) * RHO * G, rel=1e-6)
    assert float(db.added_mass_zero.sel(influenced_dof="heave", radiating_dof="heave")) == pytest.approx(2.627505e4 * RHO)
    assert float(db.added_mass_infinite.sel(influenced_dof="heave", radiating_dof="heave")) == pytest.approx(2.421631e4 * RHO)
    c = db.hydrostatic_stiffness
    assert float(c.sel(influenced_dof="heave", radiating_dof="heave")) == pytest.approx(443.0486 * RHO * G)
    assert float(c.sel(influenced_dof="roll", radiating_dof="roll")) == pytest.approx(2.182405e5 * RHO * G)


@needs_volturn
def test_volturnus_directions_and_grid():
    # SOURCE: the HydroData README: the .1 file has zero- and infinite-frequency rows, the .3 file
    # all headings in 10 deg steps (here -180..180); 100 finite periods in both files.
    db = wamit_database(VOLTURN, RHO, G)
    assert db.sizes["omega"] == 100 and "added_mass_zero" in db and "added_mass_infinite" in db
    w, beta, x = read_excitation(VOLTURN.with_suffix(".3"), RHO, G)
    assert np.allclose(np.rad2deg(beta), np.arange(-180, 181, 10))
    assert np.array_equal(w, db.omega.values) and x.shape == (100, 37, 6)


@needs_volturn
def test_phase_convention_matches_strip_froude_krylov():
    # SOURCE: long-wave limit of linear wave loads (Newman 1977, Marine Hydrodynamics, 6.17):
    # at omega = 0.15 rad/s (wavelength 2.7 km >> hull) the excitation is the Froude-Krylov
    # plus added-mass inertia load that raft_sim's strip theory computes (raft_sim.hydro.excitation,
    # e^{+i w t}): surge leads the elevation by +90 deg for waves travelling towards +x, heave is
    # in phase. A convention error (e^{-i w t}) would flip the surge phase by 180 deg. Magnitudes
    # within 15 % (strip Ca = 1 against WAMIT's 3-D added mass). Pitch is left out: at long
    # waves its Froude-Krylov and inertia parts nearly cancel, so its phase is not robust.
    import raft_sim
    from raft_sim.hydro.excitation import strip_excitation
    from raft_sim.hydro.potential import excitation_coefficients
    from raft_sim.structure.strips import end_faces, platform_strips

    d = raft_sim.load_design(DESIGNS / "VolturnUS-S_IEA15MW.yaml")
    omega, heading = np.array([0.15]), np.array([0.0])
    strip = strip_excitation(platform_strips(d.platform), end_faces(d.platform), omega, heading,
                             d.site.water_depth, RHO, G)[0, 0]
    wamit = excitation_coefficients(wamit_database(VOLTURN, RHO, G), omega, heading)[0, 0]
    for i in (0, 2):
        assert abs(np.angle(wamit[i] / strip[i])) < 0.02
        assert abs(wamit[i]) == pytest.approx(abs(strip[i]), rel=0.15)
    assert np.angle(wamit[0]) == pytest.approx(np.pi / 2, abs=0.02)
