"""Tests of raft_sim.aero.operating: schedules, parked/idling rotors, control regions."""
from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pytest
from conftest import RAFT_REF, needs_shared

from raft_sim.aero.bem import blade_elements, rotor_loads
from raft_sim.aero.operating import (FEATHERED_PITCH, ControlRegions, operating_point,
                                     optimal_tsr, power_curve, rotor_radius)
from raft_sim.design.errors import DesignError, DesignWarning
from raft_sim.design.objects import Airfoil, Blade, Rotor, Site

IEA15 = RAFT_REF / "test-inputs" / "IEA15MW.yaml"


def load(path):
    from rotor_yaml import rotor_and_site
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return rotor_and_site(path)


def drag_rotor(cd=0.8, chord=2.0, radius=40.0, hub=2.0, n=81):
    """Three straight blades of constant chord with a pure-drag polar (cl = 0)."""
    a = np.radians(np.linspace(-180, 180, 73))
    foil = Airfoil("plate", 0.3, a, np.zeros_like(a), np.full_like(a, cd), np.zeros_like(a))
    r = np.linspace(hub, radius, n)
    blade = Blade(r=r, chord=np.full(n, chord), twist=np.zeros(n), precurve=np.zeros(n),
                  presweep=np.zeros(n), tip_radius=radius, airfoil_positions=np.array([0.0, 1.0]),
                  airfoil_names=("plate", "plate"))
    return Rotor(n_blades=3, hub_radius=hub, hub_height=80.0, precone=0.0, shaft_tilt=0.0,
                 overhang=-5.0, blade=blade, airfoils=(foil,))


@needs_shared
def test_schedule_nodes_are_reproduced():
    # Source: design wt_ops of test-inputs/IEA15MW.yaml (linear interpolation is exact
    # at the schedule's own nodes, and midway it is the mean of neighbours).
    rotor, _ = load(IEA15)
    s = rotor.schedule
    op = operating_point(rotor, s.wind_speed)
    np.testing.assert_allclose(op.omega, s.rotor_speed, atol=1e-12)
    np.testing.assert_allclose(op.pitch, s.pitch, atol=1e-12)
    mid = 0.5 * (s.wind_speed[30] + s.wind_speed[31])
    op = operating_point(rotor, mid)
    assert op.pitch == pytest.approx(0.5 * (s.pitch[30] + s.pitch[31]), abs=1e-12)


@needs_shared
def test_outside_cut_in_cut_out_is_parked_with_warning():
    # Source: task contract (wind outside the schedule -> parked rotor, DesignWarning);
    # parked means omega = 0 and blades feathered to 90 deg as in RAFT.
    rotor, _ = load(IEA15)
    with pytest.warns(DesignWarning, match="parked"):
        op = operating_point(rotor, np.array([2.0, 10.0, 30.0]))
    assert list(op.status) == ["parked", "operating", "parked"]
    np.testing.assert_allclose(op.omega[[0, 2]], 0.0)
    np.testing.assert_allclose(op.pitch[[0, 2]], np.radians(90.0))
    assert op.omega[1] > 0


def test_parked_rotor_carries_its_drag():
    # Source: analytic drag of stopped blades: with the blades feathered the flow meets
    # each section broadside at alpha = -twist = 0 here, and a pure-drag polar gives
    # T = B * 1/2 rho U^2 c_d * chord * (blade length) (uniform wind, no tilt).
    # Tolerance 2 %: trapezoidal integration with zero load at hub and tip.
    rotor = drag_rotor()
    site = Site(water_depth=0.0, shear_exp=0.0)
    U = 30.0
    res = rotor_loads(rotor, site, U, 0.0, FEATHERED_PITCH, tilt=0.0,
                      elements=blade_elements(rotor, n_elements=200, smooth_polars=False))
    expected = 3 * 0.5 * 1.225 * U ** 2 * 0.8 * 2.0 * (40.0 - 2.0)
    assert res.thrust == pytest.approx(expected, rel=0.02)
    assert res.torque == pytest.approx(0.0, abs=1e-6 * expected)


def test_idling_is_modelled_as_parked():
    # Source: documented modelling choice (feathered rotor idling ~ stopped).
    rotor = drag_rotor()
    rotor = dataclasses.replace(rotor, schedule=None)
    regions = ControlRegions(rated_power=1e6, omega_min=0.5, omega_max=1.5)
    el = blade_elements(rotor, smooth_polars=False)
    op = operating_point(rotor, [12.0, 12.0], ["parked", "idling"], regions=regions,
                         site=Site(water_depth=0.0), elements=el)
    assert op.omega[0] == op.omega[1] == 0.0 and op.pitch[0] == op.pitch[1] == FEATHERED_PITCH


def test_missing_schedule_and_regions_is_a_design_error():
    # Source: input contract (DesignError names the YAML path).
    rotor = dataclasses.replace(drag_rotor(), schedule=None)
    with pytest.raises(DesignError, match="wt_ops"):
        operating_point(rotor, 10.0)
    with pytest.raises(DesignError, match="turbine_status"):
        operating_point(drag_rotor(), 10.0, "spinning")


@needs_shared
def test_optimal_tsr_of_iea15_is_the_design_tsr():
    # Source: IEA-15-240-RWT design tip-speed ratio 9 ([D], published-figures.md 3.4),
    # at fine pitch 0; tolerance 0.5 (the Cp peak is flat).
    rotor, site = load(IEA15)
    assert optimal_tsr(rotor, site, 0.0) == pytest.approx(9.0, abs=0.5)


@needs_shared
def test_control_regions_hold_rated_power_and_track_tsr():
    # Source: IEA-15-240-RWT report values ([D], published-figures.md 3.4): rotor speed
    # 5.0..7.56 rpm, rated 15 MW electrical = 15 MW / 0.9655 aerodynamic (the table's
    # P / (Q Omega)). Above rated the solved pitch holds rated power (0.2 %); below
    # rated the rotor speed follows TSR * U / R within its limits.
    rotor, site = load(IEA15)
    rotor = dataclasses.replace(rotor, schedule=None)
    rated = 15e6 / 0.9655
    regions = ControlRegions(rated_power=rated, omega_min=5.0 * np.pi / 30,
                             omega_max=7.56 * np.pi / 30, tsr=9.0)
    el = blade_elements(rotor)
    U = np.array([6.0, 8.0, 13.0, 20.0])
    pc = power_curve(rotor, site, U, regions=regions, elements=el)
    np.testing.assert_allclose(pc.power[2:], rated, rtol=2e-3)
    expected = np.clip(9.0 * U[:2] / rotor_radius(rotor), regions.omega_min, regions.omega_max)
    np.testing.assert_allclose(pc.omega[:2], expected, rtol=1e-12)
    assert np.all(pc.power[:2] < rated) and np.all(pc.pitch[2:] > pc.pitch[1])
    # above-rated pitch rises with wind speed, as the report's schedule (8.4 deg at 13 m/s,
    # 17.8 deg at 20 m/s) does; within 2 deg of it
    np.testing.assert_allclose(np.degrees(pc.pitch[2:]), [8.377, 17.842], atol=2.0)


@needs_shared
def test_power_curve_is_one_batched_evaluation_of_the_schedule():
    # Source: consistency with single-point BEM evaluations (vectorisation must not
    # change results): 1e-9 relative.
    rotor, site = load(IEA15)
    el = blade_elements(rotor)
    U = np.linspace(4.0, 24.0, 50)
    pc = power_curve(rotor, site, U, elements=el)
    assert pc.power.shape == (50,) and np.all(pc.converged)
    for i in (3, 27, 49):
        one = rotor_loads(rotor, site, U[i], pc.omega[i], pc.pitch[i], elements=el)
        assert pc.thrust[i] == pytest.approx(float(one.thrust), rel=1e-9)
        assert pc.power[i] == pytest.approx(float(one.power), rel=1e-9)
    cp = pc.power / (0.5 * site.rho_air * U ** 3 * np.pi * rotor_radius(rotor) ** 2)
    np.testing.assert_allclose(pc.cp, cp, rtol=1e-12)
