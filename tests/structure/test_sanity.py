"""Physical sanity checks (raft_sim.structure.sanity), issue 12.

SOURCE: Archimedes' principle (a body heavier than its fully submerged displacement
sinks; the fully submerged volume of the tiny design's 10 m x 40 m cylinder is
pi 5^2 40 m^3 exactly); hydrostatic restoring C44 = rho g (I_wp + V z_B) - m g z_G
(Newman, Marine Hydrodynamics, 1977, sec. 6.16); Michell (1893) limiting steepness
H/L = 0.142 ~ 1/7 and McCowan (1894) limiting height H = 0.78 h; deep-water wave length
L = g T^2 / (2 pi); IEC 61400-1 class I extreme 3-s gust 1.4 x 50 = 70 m/s.
Designs are mutations of tests/design/tiny_design.py.
"""
from __future__ import annotations

import math
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from raft_sim.design.load import design_from_dict
from raft_sim.model import Model
from raft_sim.solve.statics import Equilibrium
from raft_sim.structure.sanity import (
    Finding, case_findings, design_findings, equilibrium_findings, errors, fully_submerged_volume,
    mooring_can_lift)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "design"))
from tiny_design import tiny_design  # noqa: E402


def build(d):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        design = design_from_dict(d)
    return design, Model(design)


def findings_of(d):
    design, model = build(d)
    return design_findings(design, model.mass, model.hydrostatics)


def messages(findings, level=None):
    return [f"{f.path}: {f.message}" for f in findings if level is None or f.level == level]


def test_tiny_design_is_sane():
    design, model = build(tiny_design())
    assert design_findings(design, model.mass, model.hydrostatics) == ()
    assert equilibrium_findings(design, model.equilibrium) == ()
    assert case_findings(design, design.cases[0]) == ()


def test_fully_submerged_volume_of_a_cylinder():
    design, _ = build(tiny_design())
    volume = fully_submerged_volume(design.platform.members, 1025.0, 9.81)
    assert volume == pytest.approx(math.pi * 5.0 ** 2 * 40.0, rel=1e-9)


def test_all_masses_zero_is_an_error():
    d = tiny_design()
    d["platform"]["members"][0].update(rho_shell=0.0, rho_fill=[0.0, 0.0])
    found = findings_of(d)
    assert messages(errors(found)) == [m for m in messages(found) if m.startswith("platform: total mass is 0 kg")]
    assert len(errors(found)) == 1


@pytest.mark.parametrize("mutate", [
    lambda d: d["platform"]["members"][0].update(rho_fill=[18000.0, 0.0]),  # ballast x10
    lambda d: d.update(turbine={**__import__("tiny_design").tiny_turbine(), "mRNA": 1e300}),
])
def test_too_heavy_to_float_is_an_error(mutate):
    d = tiny_design()
    mutate(d)
    (finding,) = errors(findings_of(d))
    assert finding.path == "platform" and "exceeds the buoyancy of the platform fully submerged" in finding.message


def test_too_heavy_is_a_warning_when_the_mooring_could_hold_it():
    d = tiny_design()
    d["platform"]["members"][0]["rho_fill"] = [18000.0, 0.0]
    d["mooring"]["points"][0]["location"] = [400, 0, 50]  # an anchor above the fairleads
    found = findings_of(d)
    assert errors(found) == () and "unless the mooring holds it up" in messages(found)[0]


def test_mooring_can_lift_only_with_buoys_or_raised_anchors():
    design, _ = build(tiny_design())
    assert not mooring_can_lift(design.mooring, 1025.0)
    assert not mooring_can_lift(None, 1025.0)
    d = tiny_design()
    d["mooring"]["points"].append({"name": "buoy", "type": "free", "location": [100, 0, -50], "volume": 10.0, "mass": 100.0})
    assert mooring_can_lift(build(d)[0].mooring, 1025.0)


def test_platform_out_of_the_water_is_an_error():
    d = tiny_design()
    d["platform"]["members"][0].update(rA=[0, 0, 1], rB=[0, 0, 41])
    (finding,) = errors(findings_of(d))
    assert "no platform member is below the waterline" in finding.message


def test_negative_metacentric_height_without_mooring_warns():
    # no ballast: z_G rises above z_B and C44 = rho g (I_wp + V z_B) - m g z_G < 0
    d = tiny_design()
    del d["mooring"]
    d["platform"]["members"][0]["l_fill"] = [0.0, 0.0]
    design, model = build(d)
    c44 = model.hydrostatics.stiffness[3, 3] - model.mass.mass * 9.81 * model.mass.cg[2]
    assert c44 < 0
    found = messages(design_findings(design, model.mass, model.hydrostatics), "warning")
    assert any(m.startswith("platform: negative roll restoring") for m in found)
    assert any(m.startswith("platform: negative pitch restoring") for m in found)


def test_no_restoring_without_mooring_warns_per_dof():
    d = tiny_design()
    del d["mooring"]
    found = messages(findings_of(d), "warning")
    for dof in ("surge", "sway", "yaw"):
        assert any(f"no restoring in {dof}" in m for m in found)
    assert not any("no restoring in heave" in m for m in found)
    d["platform"]["yaw_stiffness"] = 1e8
    assert not any("no restoring in yaw" in m for m in messages(findings_of(d)))


def test_member_below_the_seabed_warns():
    d = tiny_design()
    d["platform"]["members"][0]["rA"] = [0, 0, -5030]
    d["platform"]["dlsMax"] = 5.0
    found = messages(findings_of(d), "warning")
    assert any(m.startswith("platform.members (column): reaches z = -5030 m, 4930 m below the seabed") for m in found)


def test_rotor_dipping_into_the_water_and_absurd_rotor_speed_warn():
    d = tiny_design(with_turbine=True)
    d["turbine"]["Zhub"] = 10.0  # tip radius 20 m
    d["turbine"]["wt_ops"]["omega_op"] = [6, 10, 1e6]  # rpm
    found = messages(findings_of(d), "warning")
    assert any(m.startswith("turbine.Zhub: the blade tips reach z = -10 m") for m in found)
    assert any(m.startswith("turbine.wt_ops.omega_op: rotor speed 1e+06 rpm") for m in found)


def _case_with(hs, tp, wind=8.0, current=0.0):
    d = tiny_design()
    d["cases"]["keys"] += ["current_speed"]
    d["cases"]["data"] = [[wind, 0.0, 0.1, "operating", 0.0, "JONSWAP", tp, hs, 0.0, current]]
    design, _ = build(d)
    return messages(case_findings(design, design.cases[0], "cases.data[0]"))


def test_breaking_steepness_threshold():
    tp = 5.0
    length = 9.81 * tp ** 2 / (2 * math.pi)  # deep water: k h = 16 at 100 m
    assert _case_with(0.99 * length / 7, tp) == []
    (msg,) = _case_with(1.01 * length / 7, tp)
    assert msg.startswith("cases.data[0].wave_height: Hs = ") and "steeper than breaking (H/L > 1/7)" in msg
    assert f"{length:.4g} m" in msg


def test_waves_higher_than_depth_or_records_and_extreme_wind_current():
    found = _case_with(10_000.0, 20.0, wind=100.0, current=100.0)
    assert any("higher than the water depth allows (breaking at 0.78 x 100 m)" in m for m in found)
    assert any("above any recorded sea state" in m for m in found)
    assert any(m.startswith("cases.data[0].wind_speed: 100 m/s is above the extreme gust") for m in found)
    assert any(m.startswith("cases.data[0].current_speed: 100 m/s") for m in found)
    assert _case_with(2.0, 10.0, wind=69.0, current=4.9) == []


def _equilibrium(position, converged=True, stiffness=None):
    k = np.diag([1.0] * 6) if stiffness is None else stiffness
    return Equilibrium(position=np.asarray(position, float), residual=np.zeros(6), converged=converged,
                       iterations=3, stiffness=k, message="no step reduced the residual")


def test_equilibrium_findings():
    design, _ = build(tiny_design())
    (e,) = equilibrium_findings(design, _equilibrium(np.zeros(6), converged=False))
    assert e.level == "error" and "does not converge (no step reduced the residual)" in e.message
    (e,) = equilibrium_findings(design, _equilibrium([0, 0, np.nan, 0, 0, 0]))
    assert e.level == "error"
    (e,) = equilibrium_findings(design, _equilibrium([0, 0, -60.0, 0, 0, 0]))  # top at +10 m
    assert e.level == "error" and "entirely under the water" in e.message
    (e,) = equilibrium_findings(design, _equilibrium([0, 0, 31.0, 0, 0, 0]))  # keel at -30 m
    assert "entirely out of the water" in e.message
    (w,) = equilibrium_findings(design, _equilibrium(np.zeros(6), stiffness=np.diag([1, 1, 1, -5, 1, 1.0])))
    assert w.level == "warning" and "total roll stiffness at equilibrium is -5" in w.message


def test_finding_is_frozen_and_prints_one_line():
    f = Finding("warning", "platform", "x")
    assert str(f) == "platform: x"
    with pytest.raises(AttributeError):
        f.level = "error"
