"""Loader behaviour on valid designs: unit conversions, expansion, includes, aliases,
warnings and strictness.

SOURCE: RAFT's input conventions (raft/raft_member.py, raft_rotor.py, raft_fowt.py of
WISDEM/RAFT: degrees for angles, rpm for rotor speed, stations normalised to the
rA-rB length, heading copies rotated about z) and exact unit definitions
(1 deg = pi/180 rad, 1 rpm = 2 pi/60 rad/s). Designs are tests/design/tiny_design.py.
"""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import yaml

from raft_sim.design.errors import DesignError, DesignWarning
from raft_sim.design.load import design_from_dict, load_design
from conftest import RAFT_REF, needs_shared
from tiny_design import tiny_design


def load_quiet(design, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return design_from_dict(design, **kw)


def messages(record) -> list[str]:
    return [str(w.message) for w in record if issubclass(w.category, DesignWarning)]


def test_tiny_design_loads_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error", DesignWarning)
        d = design_from_dict(tiny_design(with_turbine=True))
    assert d.name == "tiny cylinder"
    assert len(d.platform.members) == 1 and len(d.mooring.lines) == 3
    assert d.turbine.rotor.controller is not None


def test_wave_heading_degrees_to_radians():
    d = load_quiet(tiny_design())
    assert d.cases[0].waves[0].heading == pytest.approx(math.pi / 2, rel=1e-15)
    assert d.cases[0].waves[0].spectrum == "jonswap"
    assert d.cases[0].waves[0].gamma is None  # IEC rule, RAFT's default wave_gamma 0


def test_rotor_units_converted():
    d = load_quiet(tiny_design(with_turbine=True))
    rotor = d.turbine.rotor
    np.testing.assert_allclose(rotor.schedule.rotor_speed, np.array([6, 10, 12]) * 2 * math.pi / 60, rtol=1e-15)
    np.testing.assert_allclose(rotor.schedule.pitch, np.radians([0, 0, 9]), rtol=1e-15)
    assert rotor.precone == pytest.approx(math.radians(-2.0), rel=1e-15)
    assert rotor.shaft_tilt == pytest.approx(math.radians(-5.0), rel=1e-15)
    np.testing.assert_allclose(rotor.blade.twist, np.radians([10, 5, 0]), rtol=1e-15)
    np.testing.assert_allclose(rotor.airfoils[0].alpha, [-math.pi, 0, math.pi], rtol=1e-15)
    np.testing.assert_allclose(rotor.controller.gs_angles, [0.1, 0.2], rtol=1e-15)  # already rad in RAFT
    assert rotor.aero_servo_mode == "aero_control"


def test_stations_fill_and_caps_rescaled_to_metres():
    d = load_quiet(tiny_design())
    m = d.platform.members[0]
    # stations [0, 0.5, 1] on a 40 m member -> [0, 20, 40] m; l_fill 0.25 -> 10 m
    np.testing.assert_allclose(m.stations, [0, 20, 40], rtol=1e-15)
    np.testing.assert_allclose(m.l_fill, [10, 0], rtol=1e-15)
    np.testing.assert_allclose(m.cap_stations, [0.0])
    assert m.diameter.shape == (3,) and np.all(m.diameter == 10.0)
    assert m.cd.shape == (3, 2) and np.all(m.cd == 0.8)
    assert m.dls_max == 2.0  # platform dlsMax applies to members without their own


def test_scalar_fill_applies_to_every_section_as_raft_tiles_it():
    design = tiny_design()
    design["platform"]["members"][0].update(l_fill=0.1, rho_fill=1500)
    m = load_quiet(design).platform.members[0]
    np.testing.assert_allclose(m.l_fill, [4, 4], rtol=1e-15)
    np.testing.assert_allclose(m.rho_fill, [1500, 1500])


def test_heading_copies_rotated_about_z():
    design = tiny_design()
    member = design["platform"]["members"][0]
    member.update(rA=[10, 0, -30], rB=[10, 0, 10], heading=[0, 90, 180])
    members = load_quiet(design).platform.members
    assert [m.name for m in members] == ["column[0]", "column[1]", "column[2]"]
    np.testing.assert_allclose(members[1].r_a, [0, 10, -30], atol=1e-12)
    np.testing.assert_allclose(members[2].r_b, [-10, 0, 10], atol=1e-12)
    assert members[1].heading == pytest.approx(math.pi / 2)


def test_rectangular_pair_and_vertical_heading_twist():
    design = tiny_design()
    member = design["platform"]["members"][0]
    member.update(shape="rect", d=[8, 4], t=0.05, gamma=10, heading=[0, 90], Cd=[1.5, 2.0])
    del member["cap_stations"], member["cap_t"], member["cap_d_in"]
    members = load_quiet(design).platform.members
    np.testing.assert_allclose(members[0].diameter, [[8, 4]] * 3)
    np.testing.assert_allclose(members[0].cd, [[1.5, 2.0]] * 3)  # a pair, as RAFT reads [a, b]
    # vertical member: the heading turns the cross-section (RAFT adds it to gamma)
    assert members[1].gamma == pytest.approx(math.radians(100))


def test_per_station_list_of_coefficients():
    design = tiny_design()
    design["platform"]["members"][0]["Cd"] = [0.5, 0.6, 0.7]
    m = load_quiet(design).platform.members[0]
    np.testing.assert_allclose(m.cd, [[0.5, 0.5], [0.6, 0.6], [0.7, 0.7]])


def test_multiple_wave_systems_from_lists():
    design = tiny_design()
    design["cases"]["data"][0][5:9] = [["JONSWAP", "PM"], [10, 6], [2, 1], [0, 45]]
    waves = load_quiet(design).cases[0].waves
    assert [w.spectrum for w in waves] == ["jonswap", "pierson_moskowitz"]
    assert waves[1].heading == pytest.approx(math.pi / 4) and waves[1].gamma == 1.0


def test_turbulence_kept_as_given():
    design = tiny_design()
    design["cases"]["data"].append([8, 0, "IIB_NTM", "parked", 0, "still", 10, 2, 0])
    cases = load_quiet(design).cases
    assert cases[0].turbulence == 0.1 and cases[1].turbulence == "IIB_NTM"
    assert cases[1].turbine_status == "parked" and cases[1].waves[0].spectrum == "still"


def test_site_aliases_and_forcing_alias():
    design = tiny_design()
    design["site"]["shearExp"] = 0.2
    design["settings"]["forcingsMod"] = 0
    d = load_quiet(design)
    assert d.site.shear_exp == 0.2
    assert d.settings.omega[0] == pytest.approx(2 * math.pi * 0.01)


def test_aero_mod_alias_and_anchor_point_word():
    design = tiny_design(with_turbine=True)
    del design["turbine"]["aeroServoMod"]
    design["turbine"]["aeroMod"] = 0
    design["mooring"]["points"][0]["type"] = "anchor"
    d = load_quiet(design)
    assert d.turbine.rotor.aero_servo_mode == "off"
    assert d.mooring.points[0].kind == "fixed"


def test_mooring_depth_differs_warns_and_keeps_mooring_depth():
    design = tiny_design()
    design["mooring"]["water_depth"] = 120.0
    with pytest.warns(DesignWarning, match=r"^mooring\.water_depth: differs"):
        d = design_from_dict(design)
    assert d.mooring.water_depth == 120.0 and d.site.water_depth == 100.0


def test_unknown_key_warns_with_suggestion_and_strict_refuses():
    design = tiny_design()
    design["platform"]["members"][0]["rho_shel"] = 7850
    with pytest.warns(DesignWarning) as record:
        design_from_dict(design)
    assert "platform.members[0].rho_shel: unknown key (did you mean 'rho_shell'?)" in messages(record)
    with pytest.raises(DesignError, match=r"^platform\.members\[0\]\.rho_shel: unknown key"):
        design_from_dict(design, strict=True)


def test_known_but_unused_keys_are_not_reported():
    design = tiny_design(with_turbine=True)
    design["turbine"]["Fthrust"] = 1e6
    design["mooring"]["anchor_types"] = [{"name": "drag", "mass": 1e3, "cost": 1e4}]
    design["comments"] = "free text"
    with warnings.catch_warnings():
        warnings.simplefilter("error", DesignWarning)
        design_from_dict(design, strict=True)


def test_legacy_numeric_type_warns():
    design = tiny_design()
    design["platform"]["members"][0]["type"] = 2
    with pytest.warns(DesignWarning, match=r"^platform\.members\[0\]\.type: legacy RAFT 1\.x numeric"):
        design_from_dict(design)


def test_unsupported_features_warn():
    design = tiny_design()
    design["platform"].update(potSecOrder=1, potModMaster=2)
    design["platform"]["members"][0]["type"] = "beam"
    design["mooring"]["moorMod"] = 1
    with pytest.warns(DesignWarning) as record:
        d = design_from_dict(design)
    text = messages(record)
    assert ("platform.potSecOrder: second-order wave loads are not modelled; mean drift and "
            "slow-drift response are omitted") in text
    assert any(t.startswith("platform.members[0].type: flexible member") for t in text)
    assert any(t.startswith("mooring.moorMod: lumped-mass") for t in text)
    assert d.platform.second_order and d.platform.members[0].potential_flow


def test_point_inertia_parallel_axis():
    """SOURCE: rigid-body mass matrix of a point mass m with inertia J at r:
    M[3:,3:] = J + m(|r|^2 I - r r^T), M[0,4] = m z, M[1,3] = -m z."""
    design = tiny_design()
    design["platform"]["additional_effects"] = [
        {"type": "point_inertia", "mass": 2.0, "moments_of_inertia": [1, 2, 3, 0, 0, 0], "location": [0, 0, -5]}]
    m6 = load_quiet(design).platform.extra_mass
    assert m6[0, 0] == 2.0 and m6[0, 4] == -10.0 and m6[1, 3] == 10.0
    np.testing.assert_allclose(np.diag(m6)[3:], [1 + 50, 2 + 50, 3])


def write(path, data):
    path.write_text(yaml.safe_dump(data))
    return path


def test_include_composition_and_override(tmp_path):
    design = tiny_design()
    (tmp_path / "parts").mkdir()
    write(tmp_path / "parts" / "mooring.yaml", {"include": "deeper/base.yaml", "water_depth": 100.0})
    (tmp_path / "parts" / "deeper").mkdir()
    write(tmp_path / "parts" / "deeper" / "base.yaml", design["mooring"] | {"water_depth": 50.0})
    write(tmp_path / "platform.yaml", design["platform"])
    design["mooring"] = {"include": "parts/mooring.yaml"}
    design["platform"] = {"include": "platform.yaml", "dlsMax": 1.0}
    main = write(tmp_path / "main.yaml", design)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DesignWarning)
        d = load_design(main)
    assert d.mooring.water_depth == 100.0  # the outer file's key beside include wins
    assert len(d.mooring.lines) == 3
    assert d.platform.members[0].dls_max == 1.0


def test_include_cycle_refused(tmp_path):
    write(tmp_path / "a.yaml", {"include": "b.yaml"})
    write(tmp_path / "b.yaml", {"include": "a.yaml"})
    design = tiny_design()
    design["site"] = {"include": "a.yaml"}
    with pytest.raises(DesignError, match=r"^site\.include: include cycle"):
        design_from_dict(design, base_dir=tmp_path)


def test_frozen_objects():
    d = load_quiet(tiny_design())
    with pytest.raises(AttributeError):
        d.site.water_depth = 5.0  # type: ignore[misc]


MOORDYN = """--------------------- MoorDyn Input File ------------------------------------
tiny test mooring written for raft_sim's loader tests
---------------------- LINE TYPES -----------------------------------
Name  Diam  MassDen  EA    BA/-zeta  EI  Cd   Ca   CdAx  CaAx
(-)   (m)   (kg/m)   (N)   (N-s/-)   (-) (-)  (-)  (-)   (-)
poly  0.2   30.0     2e8   -1.0      0   1.2  1.0  0.2   0.0
---------------------- POINTS --------------------------------
ID   Type      X     Y     Z     M    V    CdA   CA
(-)  (-)      (m)   (m)   (m)   (kg) (m^3) (m^2) (-)
1   Vessel     5.0  0.0  -20.0   0    0    0    0
2   Fixed    400.0  0.0  -90.0   0    0    0    0
---------------------- LINES --------------------------------------
ID  LineType  AttachA   AttachB  UnstrLen  NumSegs  Outputs
(-)   (-)       (-)       (-)      (m)       (-)      (-)
1     poly       2         1     410.0      20        -
---------------------- OPTIONS ---------------------------------------
90.0     WtrDpth   - water depth (m)
0.001    dtM       - time step (s)
------------------------- need this line ------------------------------
"""


def test_moordyn_file_mooring(tmp_path):
    """SOURCE: the MoorDyn table layout (LINE TYPES / POINTS / LINES / OPTIONS) written above."""
    (tmp_path / "moor.dat").write_text(MOORDYN)
    design = tiny_design()
    design["site"]["water_depth"] = 90.0
    design["mooring"] = {"file": "moor.dat", "moorMod": 0}
    with warnings.catch_warnings():
        warnings.simplefilter("error", DesignWarning)
        d = design_from_dict(design, base_dir=tmp_path)
    m = d.mooring
    assert m.water_depth == 90.0 and len(m.lines) == 1 and m.lines[0].length == 410.0
    assert {p.name: p.kind for p in m.points} == {"1": "vessel", "2": "fixed"}
    assert m.line_types[0].stiffness == 2e8 and m.line_types[0].transverse_drag == 1.2


def test_mean_load_moved_to_reference_point():
    """SOURCE: statics, M_ref = M + r x F: Fx = 10 N at z = -5 m gives My = -50 N m."""
    design = tiny_design()
    design["platform"]["additional_effects"] = [
        {"type": "mean_load", "location": [0, 0, -5], "load": [10, 0, 0, 0, 0, 1]}]
    np.testing.assert_allclose(load_quiet(design).platform.extra_load, [10, 0, 0, 0, -50, 1])


def test_single_row_array_selects_sections():
    design = tiny_design(with_turbine=True)
    design["array"] = {"keys": ["turbineID", "platformID", "mooringID", "x_location", "y_location",
                                "heading_adjust"], "data": [[0, 1, 1, 0, 0, 0]]}
    d = load_quiet(design)
    assert d.turbine is None and d.mooring is not None


def test_turbine_refusals_and_warnings():
    design = tiny_design(with_turbine=True)
    design["turbine"]["nrotors"] = 2
    with pytest.raises(DesignError, match=r"^turbine\.nrotors: only single-rotor"):
        load_quiet(design)
    design = tiny_design(with_turbine=True)
    design["turbine"]["hHub"] = -20.0
    design["turbine"]["env"] = {"rho": 1.0}
    with pytest.warns(DesignWarning) as record:
        design_from_dict(design)
    text = messages(record)
    assert any(t.startswith("turbine.hHub: the hub is below still water") for t in text)
    assert any(t.startswith("turbine.env.rho: ignored") for t in text)


def test_unknown_airfoil_name_refused():
    design = tiny_design(with_turbine=True)
    design["turbine"]["blade"]["airfoils"][1][1] = "missing"
    with pytest.raises(DesignError, match=r"^turbine\.blade\.airfoils\[1\]: unknown airfoil 'missing'"):
        load_quiet(design)


@pytest.mark.parametrize("name, kind", [("unit", "unit"), ("none", "still"), ("still", "still"),
                                        ("jonswap", "jonswap"), ("Pierson-Moskowitz", "pierson_moskowitz")])
def test_spectrum_names(name, kind):
    design = tiny_design()
    design["cases"]["data"][0][5] = name
    assert load_quiet(design).cases[0].waves[0].spectrum == kind


def test_constant_spectrum_level_from_wave_height():
    """SOURCE: RAFT raft_fowt.py: 'constant' spectrum S = wave_height value."""
    design = tiny_design()
    design["cases"]["data"][0][5] = "constant"
    wave = load_quiet(design).cases[0].waves[0]
    assert wave.spectrum == "constant" and wave.constant_density == 2.0


@needs_shared
def test_drivetrain_inertia_far_above_rotor_inertia_warns():
    # SOURCE: RAFT's OC3spar test input, whose I_drivetrain (3.19e8 kg m^2, the IEA 15 MW value,
    # marked "not correct" in the file) is 9 times the NREL 5 MW IxRNA (3.54e7, NREL/TP-500-38060).
    with pytest.warns(DesignWarning, match=r"turbine.I_drivetrain: .* 9.0 times IxRNA"):
        load_design(RAFT_REF / "test-inputs" / "OC3spar.yaml")


def test_point_stiffness_and_damping_move_to_the_reference_point():
    # SOURCE: rigid-body kinematics -- a spring k along x at r = (0, 0, z) sees the displacement
    # x + theta_y z, so about the reference point K11 = k, K15 = K51 = k z, K55 = k z^2 (and the
    # same for damping); a matrix that is not 6 x 6 is refused naming its path.
    k, z = 2.0e5, -12.0
    design = tiny_design()
    matrix = [[k if (i, j) == (0, 0) else 0.0 for j in range(6)] for i in range(6)]
    design["platform"]["additional_effects"] = [
        {"type": "point_stiffness", "location": [0.0, 0.0, z], "stiffness_matrix": matrix},
        {"type": "point_damping", "location": [0.0, 0.0, z], "damping_matrix": matrix}]
    platform = load_quiet(design).platform
    for m6 in (platform.extra_stiffness, platform.extra_damping):
        assert m6[0, 0] == k and m6[0, 4] == pytest.approx(k * z) and m6[4, 0] == pytest.approx(k * z)
        assert m6[4, 4] == pytest.approx(k * z * z) and np.count_nonzero(m6) == 4
    design["platform"]["additional_effects"][0]["stiffness_matrix"] = [[1.0, 2.0]]
    with pytest.raises(DesignError, match=r"platform.additional_effects\[0\].stiffness_matrix"):
        load_quiet(design)
