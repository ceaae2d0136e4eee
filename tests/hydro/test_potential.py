"""Potential-flow database on a case grid, its Contribution, and which strip terms it replaces."""
from __future__ import annotations

import numpy as np
import pytest
import yaml

from conftest import DESIGNS, RAFT_REF, needs_shared
from raft_sim.conventions import DOFS
from raft_sim.hydro.database import hydro_database
from raft_sim.hydro.potential import (design_database, excitation_coefficients, potential_flow_contribution,
                                      radiation_coefficients, replaced_members)


def _toy(direction=(0.0, np.pi / 2)):
    """Database with A = omega * I, B = 2 omega * I, X = (1 + i) omega * (d + 1) in every DOF."""
    w = np.array([0.5, 1.0, 2.0])
    eye = np.eye(6)
    x = (1 + 1j) * w[:, None, None] * (np.arange(len(direction))[None, :, None] + 1) * np.ones((1, 1, 6))
    return hydro_database(w, w[:, None, None] * eye, 2 * w[:, None, None] * eye, x, direction,
                          rho=1025.0, g=9.81, water_depth=np.inf, source="toy",
                          added_mass_zero=0.1 * eye)


def test_interpolation_in_frequency():
    # SOURCE: definition (linear interpolation; toward A(0) and B = 0 below the first row,
    # held above the last).
    a, b = radiation_coefficients(_toy(), [0.25, 0.75, 1.5, 3.0])
    assert a[:, 0, 0] == pytest.approx([0.1 + (0.5 - 0.1) * 0.5, 0.75, 1.5, 2.0])
    assert b[:, 2, 2] == pytest.approx([0.5, 1.5, 3.0, 4.0])
    assert np.all(a[:, 0, 1] == 0)


def test_excitation_below_the_table_goes_to_the_long_wave_limit():
    # SOURCE: long-wave limit of linear wave loads: a wave much longer than the body is a
    # uniform rise of the surface, so X(0) is the hydrostatic load of a unit heave of the
    # water, C[:, heave] x 1 m (Newman, Marine Hydrodynamics, 1977, Sec. 6.17); between 0
    # and the first row linear in the wave number k = w^2/g (deep water). "hold" is RAFT's.
    from raft_sim.environment.waves import wave_number
    c = np.diag([0.0, 0.0, 4.0e6, 1.0e8, 1.0e8, 0.0])
    c[2, 4] = c[4, 2] = -2.0e6
    toy = _toy().assign(hydrostatic_stiffness=(("influenced_dof", "radiating_dof"), c))
    w = np.array([1e-6, 0.25, 0.5])
    x = excitation_coefficients(toy, w, [0.0, np.pi / 2])
    np.testing.assert_allclose(x[0], np.broadcast_to(c[:, 2], (2, 6)), rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(x[2], excitation_coefficients(toy, [0.5], [0.0, np.pi / 2])[0])
    t = wave_number(np.array([0.25]), np.inf, 9.81)[0] / wave_number(np.array([0.5]), np.inf, 9.81)[0]
    assert t == pytest.approx(0.25)
    np.testing.assert_allclose(x[1], (1 - t) * c[:, 2] + t * x[2], rtol=1e-12)
    held = excitation_coefficients(toy, w, [0.0, np.pi / 2], long_wave="hold")
    np.testing.assert_array_equal(held[0], held[2])
    np.testing.assert_array_equal(excitation_coefficients(_toy(), w, [0.0]),
                                  excitation_coefficients(_toy(), w, [0.0], long_wave="hold"))


def test_interpolation_in_heading_is_periodic():
    # SOURCE: definition: directions on a circle; between 90 deg and 0 + 360 deg the values blend
    # linearly, a heading and the same heading + 2 pi give the same load.
    x = excitation_coefficients(_toy(), [1.0], [0.0, np.pi / 4, np.pi / 2, 1.25 * np.pi, 2 * np.pi + np.pi / 4])
    assert x[0, :, 0] == pytest.approx((1 + 1j) * np.array([1.0, 1.5, 2.0, 1.5, 1.5]))


def test_offset_shifts_the_phase():
    # SOURCE: linear wave at heading beta: moving the hull by (x0, y0) multiplies the load by
    # exp(-i k (x0 cos beta + y0 sin beta)), k = omega^2 / g in deep water.
    x0 = excitation_coefficients(_toy(), [1.0], [0.0])
    x1 = excitation_coefficients(_toy(), [1.0], [0.0], offset=(10.0, 5.0))
    assert x1 == pytest.approx(x0 * np.exp(-1j * 10.0 / 9.81))


def test_contribution_shapes_and_wind_source():
    # SOURCE: Contribution contract (raft_sim.system.contribution): mass/damping (F, 6, 6),
    # excitation (F, S, 6), zero for the non-wave (wind) source.
    c = potential_flow_contribution(_toy(), [0.5, 1.0], [0.0, np.pi / 2, 0.0], [True, True, False])
    assert c.name == "potential_flow" and c.mass.shape == (2, 6, 6) and c.excitation.shape == (2, 3, 6)
    assert np.all(c.excitation[:, 2] == 0) and c.excitation[1, 1, 3] == pytest.approx(2 + 2j)
    assert c.stiffness is None and c.mean_force is None


def test_dimension_order_of_matrices():
    # SOURCE: database layout: [i, j] = load in DOF i (influenced) per motion of DOF j (radiating).
    a = np.zeros((1, 6, 6))
    a[0, 0, 4] = 7.0                      # surge force per pitch acceleration
    db = hydro_database([1.0], a, a, np.zeros((1, 1, 6)), [0.0], rho=1.0, g=1.0, water_depth=1.0, source="t")
    assert db.added_mass.sel(influenced_dof="surge", radiating_dof="pitch").item() == 7.0
    assert radiation_coefficients(db, [1.0])[0][0, 0, 4] == 7.0
    assert list(db.influenced_dof.values) == list(DOFS)


def _volturn_with(master: int):
    from raft_sim.design.load import design_from_dict

    text = yaml.safe_load((RAFT_REF / "test-inputs" / "VolturnUS-S.yaml").read_text())
    text["platform"]["potModMaster"] = master
    return design_from_dict(text, base_dir=RAFT_REF / "test-inputs")


@needs_shared
def test_requested_potential_flow_without_coefficients_keeps_strip_theory(monkeypatch):
    # SOURCE: issue 11 and the loader's warning ("strip theory (Morison) is used instead"):
    # until BEM coefficients exist, potModMaster 2 must give the same strip added mass,
    # excitation and natural periods as potModMaster 1 (RAFT 2.0 dropped the added mass:
    # heave 13.0 s against 16.5 s).
    import sys

    from raft_sim.model import Model

    monkeypatch.setitem(sys.modules, "capytaine", None)  # no BEM: the strip-theory fallback
    strip, requested = Model(_volturn_with(1)), Model(_volturn_with(2))
    assert all(m.potential_flow for m in requested.design.platform.members)
    assert replaced_members(requested.design.platform, None) == (False,) * len(requested.design.platform.members)
    assert np.array_equal(requested.added_mass, strip.added_mass) and requested.added_mass[2, 2] > 1e6
    t1, t2 = strip.natural_frequencies().dof_periods, requested.natural_frequencies().dof_periods
    assert t2 == pytest.approx(t1, rel=1e-12)


@needs_shared
def test_replaced_members_drop_strip_inertia_only_with_a_database():
    # SOURCE: RAFT calcHydroConstants/calcHydroExcitation: members with potMod and coefficients
    # get no strip added mass or inertial excitation (drag stays: raft_sim.hydro.drag ignores the flag).
    from raft_sim.hydro.added_mass import strip_added_mass
    from raft_sim.structure.strips import end_faces, platform_strips

    platform = _volturn_with(2).platform
    flags = replaced_members(platform, _toy())
    assert all(flags)
    a = strip_added_mass(platform_strips(platform, flags), end_faces(platform, flags), 1025.0)
    assert np.all(a == 0)


@needs_shared
def test_design_database_reads_hydro_path():
    # SOURCE: RAFT potModMaster 3 / potFirstOrder 1: platform.hydroPath names the WAMIT files
    # (RAFT's test input, its relative hydroPath resolved against examples/, where marin_semi.1 is).
    import raft_sim
    from raft_sim.design.load import design_from_dict

    text = yaml.safe_load((RAFT_REF / "test-inputs" / "OC4semi-WAMIT_Coefs.yaml").read_text())
    design = design_from_dict(text, base_dir=RAFT_REF / "examples")
    db = design_database(design)
    assert db.attrs["source"].endswith("marin_semi") and db.attrs["rho"] == design.site.rho_water
    assert design_database(raft_sim.load_design(DESIGNS / "VolturnUS-S_IEA15MW.yaml")) is None


@needs_shared
def test_bem_without_capytaine_is_one_line_and_strip_theory_stays(monkeypatch):
    # SOURCE: issue 11 scope 5: asking for BEM without Capytaine gives a one-line message with
    # the install command; the analysis goes on with every strip-theory term of those members.
    import sys

    from raft_sim.design.errors import DesignWarning
    from raft_sim.hydro.capytaine_bem import MissingCapytaine
    from raft_sim.system.prepare import prepare

    monkeypatch.setitem(sys.modules, "capytaine", None)   # import capytaine -> ImportError
    with pytest.raises(MissingCapytaine) as err:
        design_database(_volturn_with(2))
    assert "pip install" in str(err.value) and "\n" not in str(err.value)
    with pytest.warns(DesignWarning, match="platform.potModMaster: .*pip install.*strip theory"):
        prepared = prepare(_volturn_with(2))
    assert prepared.hydro_database is None and not any(prepared.potential_members)


def test_coefficient_plots_draw_each_database():
    # SOURCE: plot contract (raft_sim.plot): functions take ax= and return it, one line per database.
    import matplotlib
    matplotlib.use("Agg")
    from raft_sim.plot.hydro_coefficients import plot_excitation, plot_radiation

    ax = plot_radiation([_toy(), _toy()], "heave", "radiation_damping", labels=["a", "b"])
    assert len(ax.lines) == 2 and ax.lines[0].get_ydata()[1] == pytest.approx(2.0)
    ax = plot_excitation(_toy(), "pitch", np.pi / 2)
    assert ax.lines[0].get_ydata()[0] == pytest.approx(abs((1 + 1j) * 0.5 * 2))


def test_rao_comparison_plot_draws_each_results_dataset():
    # SOURCE: plot contract (raft_sim.plot): the function only reads the Datasets; one panel per
    # DOF, one line per Dataset on its own frequency grid, |RAO| in the plotted unit (pitch
    # rad -> deg per m of wave), axis labels with units, legend entries as given.
    import matplotlib
    matplotlib.use("Agg")
    from raft_sim.plot.rao_comparison import plot_rao_comparison
    from raft_sim.results.dataset import results_dataset

    def results(omega, scale):
        omega = np.asarray(omega, float)
        rao = np.zeros((1, omega.size, 1, 6), complex)
        rao[0, :, 0, 2] = scale * (1.0 + 1.0j) * omega     # heave [m/m]
        rao[0, :, 0, 4] = scale * 0.01j                     # pitch [rad/m]
        return results_dataset(omega, rao, np.ones((1, omega.size, 1)), np.zeros((1, 6)), source=["wave_1"])

    axes = plot_rao_comparison([results([0.1, 0.5, 1.0], 1.0), results([0.2, 0.4], 2.0)],
                               ["BEM", "strip"], ("heave", "pitch"))
    heave, pitch = axes
    assert [len(ax.lines) for ax in axes] == [2, 2]
    assert heave.lines[0].get_xdata() == pytest.approx([0.1, 0.5, 1.0])
    assert heave.lines[1].get_ydata() == pytest.approx(2.0 * np.sqrt(2.0) * np.array([0.2, 0.4]))
    assert pitch.lines[0].get_ydata() == pytest.approx(np.degrees(0.01) * np.ones(3))
    assert heave.get_ylabel() == "|heave RAO| [m/m]" and pitch.get_ylabel() == "|pitch RAO| [deg/m]"
    assert heave.get_xlabel() == "omega [rad/s]"
    assert [t.get_text() for t in heave.get_legend().get_texts()] == ["BEM", "strip"]
    with pytest.raises(ValueError, match="labels"):
        plot_rao_comparison([results([0.1], 1.0)], ["a", "b"])
