"""ROSCO DISCON.IN files (raft_sim.design.discon) and ``turbine.controller`` in the loader."""
from __future__ import annotations

import re
import warnings

import numpy as np
import pytest

from conftest import SHARED
from raft_sim.design.discon import load_discon_controller, read_discon
from raft_sim.design.errors import DesignError
from raft_sim.design.load import design_from_dict
from tiny_design import tiny_design

DISCON = SHARED / "iea15-volturnus" / "IEA-15-240-RWT-UMaineSemi_DISCON.IN"
needs_discon = pytest.mark.skipif(not DISCON.is_file(), reason=f"{DISCON} not present (shared reference data)")


def _field(name: str) -> np.ndarray:
    """The numbers on the line of ``name`` in the shared DISCON, read with a regex (independent
    of the reader under test)."""
    for line in DISCON.read_text().splitlines():
        m = re.match(r"^\s*([^!]*?)\s*!\s*" + re.escape(name) + r"\s", line + " ")
        if m:
            return np.array(m.group(1).split(), dtype=float)
    raise KeyError(name)


@needs_discon
def test_shared_discon_sets_gains_schedule_filters_field_by_field():
    # SOURCE: the VolturnUS-S ROSCO controller file (IEA-15-240-RWT repository, ROSCO 2.9.4
    # tuning), field by field; ROSCO's units (rad, rad/s, N m) are ours, nothing is converted.
    c = load_discon_controller(DISCON)
    n = int(_field("PC_GS_n")[0])
    assert n == 30 and c.gs_angles.size == n
    np.testing.assert_array_equal(c.gs_angles, _field("PC_GS_angles"))
    np.testing.assert_array_equal(c.gs_kp, _field("PC_GS_KP"))
    np.testing.assert_array_equal(c.gs_ki, _field("PC_GS_KI"))
    assert c.vs_kp == _field("VS_KP")[0] and c.vs_ki == _field("VS_KI")[0]
    assert c.fl_kp == _field("Fl_Kp")[0] == -9.1984 and _field("Fl_Mode")[0] == 2
    assert c.min_pitch == _field("PC_FinePit")[0]
    f = c.filters
    assert f.speed_order == _field("F_LPFType")[0] == 2
    assert f.speed_corner == _field("F_LPFCornerFreq")[0] and f.speed_damping == _field("F_LPFDamping")[0]
    assert (f.float_corner, f.float_damping) == tuple(_field("F_FlCornerFreq")) == (0.213, 1.0)
    assert f.float_highpass == _field("F_FlHighPassFreq")[0] == 0.01042
    # notch 1 (F_NotchFreqs, BetaNum, BetaDen) sits on the tower-top signal, none on the speed
    assert _field("F_TwrTopNotch_Ind")[0] == 1 and _field("F_GenSpdNotch_N")[0] == 0
    assert f.float_notches == ((_field("F_NotchFreqs")[0], _field("F_NotchBetaNum")[0],
                                _field("F_NotchBetaDen")[0]),)
    assert f.speed_notches == ()


def _broken(tmp_path, name, replacement):
    """A copy of the shared DISCON whose value(s) on the line of ``name`` are replaced."""
    lines = DISCON.read_text().splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^\s*[^!]*!\s*" + re.escape(name) + r"\s", line + " "):
            lines[i] = f"{replacement}   ! {name} - broken for a test" if replacement is not None else ""
    out = tmp_path / "DISCON_broken.IN"
    out.write_text("\n".join(lines))
    return out


@needs_discon
@pytest.mark.parametrize("name, value, words", [
    ("PC_GS_KP", "-1.0 -0.9", "expected 30 numbers, got 2"),
    ("F_LPFCornerFreq", "fast", "expected numbers, got 'fast'"),
    ("F_FlCornerFreq", None, "required field is missing"),
    ("F_LPFType", "3", "expected 1 or 2, got 3"),
    ("Fl_Mode", "1", "Fl_Mode = 1"),
    ("F_TwrTopNotch_Ind", "4", "notch index 4 is not in 1..1"),
])
def test_malformed_discon_gives_one_line_naming_file_and_field(tmp_path, name, value, words):
    # SOURCE: project standard -- bad input gets one clear line naming the file and the field.
    path = _broken(tmp_path, name, value)
    with pytest.raises(DesignError) as err:
        load_discon_controller(path)
    msg = str(err.value)
    assert "\n" not in msg and "DISCON_broken.IN" in msg and name in msg and words in msg, msg


def test_discon_line_without_a_name_is_refused(tmp_path):
    # SOURCE: DISCON format: every parameter line ends with "! <Name> - <description>".
    path = tmp_path / "DISCON.IN"
    path.write_text('! header\n1.0 2.5  ! F_FlCornerFreq - ok\n"a!b.txt" ! PerfFileName - x\n')
    f = read_discon(path)
    np.testing.assert_array_equal(f.numbers("F_FlCornerFreq", 2), [1.0, 2.5])
    assert f.entries["PerfFileName"][0] == ["a!b.txt"]  # a "!" inside quotes is not a comment
    path.write_text("! header\n1.0   ! F_LPFCornerFreq - ok\n2.0\n")
    with pytest.raises(DesignError, match=r"DISCON.IN:3: expected '<value\(s\)> ! <Name>"):
        read_discon(path)


def _design(controller=None, pitch=None, torque=None):
    d = tiny_design(with_turbine=True)
    t = d["turbine"]
    if controller is not None:
        t["controller"] = controller
    t["pitch_control"] = pitch
    t["torque_control"] = torque
    return d


@needs_discon
def test_turbine_controller_discon_loads_and_yaml_keys_override_it():
    # SOURCE: issue 13 -- turbine.controller.discon reads the ROSCO file so that an OpenFAST
    # user's controller is used as is; keys written in the YAML override it.
    as_is = design_from_dict(_design({"discon": str(DISCON)})).turbine.rotor.controller
    ref = load_discon_controller(DISCON)
    np.testing.assert_array_equal(as_is.gs_kp, ref.gs_kp)
    assert as_is.fl_kp == ref.fl_kp and as_is.filters.float_corner == 0.213
    assert as_is.below_rated_feedback == "describing_function"
    over = design_from_dict(_design(
        {"discon": str(DISCON), "below_rated_feedback": "off"},
        pitch={"Fl_Kp": -5.0, "F_FlCornerFreq": [0.3, 0.7], "F_FlHighPassFreq": 0, "F_LPFType": 1},
        torque={"VS_KP": -1.0e7})).turbine.rotor.controller
    assert over.fl_kp == -5.0 and over.vs_kp == -1.0e7 and over.vs_ki == ref.vs_ki
    assert (over.filters.float_corner, over.filters.float_damping, over.filters.float_highpass) == (0.3, 0.7, 0.0)
    assert over.filters.speed_order == 1 and over.filters.speed_corner == ref.filters.speed_corner
    np.testing.assert_array_equal(over.gs_angles, ref.gs_angles)
    assert over.below_rated_feedback == "off"


def test_rosco_filter_keys_in_pitch_control():
    # SOURCE: docs/aero-servo.md -- ROSCO's names as raft_sim extensions, in rad/s and [-].
    d = _design(pitch={"GS_Angles": [0.1, 0.2], "GS_Kp": [-1.0, -0.5], "GS_Ki": [-0.1, -0.05],
                       "Fl_Kp": -5, "F_LPFType": 2, "F_LPFCornerFreq": 1.0, "F_LPFDamping": 0.5,
                       "F_FlCornerFreq": [0.2, 1.0], "F_FlHighPassFreq": 0.01, "PC_FinePit": 0.02})
    c = design_from_dict(d).turbine.rotor.controller
    f = c.filters
    assert (f.speed_order, f.speed_corner, f.speed_damping) == (2, 1.0, 0.5)
    assert (f.float_corner, f.float_damping, f.float_highpass, c.min_pitch) == (0.2, 1.0, 0.01, 0.02)
    plain = design_from_dict(tiny_design(with_turbine=True)).turbine.rotor.controller
    assert plain.filters.float_corner is None and plain.filters.speed_corner is None


@pytest.mark.parametrize("controller, pitch, where", [
    ({"discon": "no/such/DISCON.IN"}, None, "turbine.controller.discon: DISCON file not found"),
    ({"below_rated_feedback": "half"}, {"Fl_Kp": -5}, "turbine.controller.below_rated_feedback: expected one of"),
    (None, {"F_FlCornerFreq": [0.2]}, "turbine.pitch_control.F_FlCornerFreq: expected a list of 2"),
    (None, {"F_LPFType": 3}, "turbine.pitch_control.F_LPFType: expected one of 1, 2"),
])
def test_bad_controller_input_names_the_yaml_path(controller, pitch, where):
    # SOURCE: project standard -- DesignError naming the YAML path and the problem, on one line.
    with pytest.raises(DesignError) as err:
        design_from_dict(_design(controller, pitch=pitch))
    assert str(err.value).startswith(where) and "\n" not in str(err.value), str(err.value)


@needs_discon
def test_malformed_discon_through_the_yaml_names_the_yaml_path_and_the_file(tmp_path):
    # SOURCE: project standard -- one line naming the YAML path, the file and the field.
    path = _broken(tmp_path, "PC_GS_KI", "x y")
    with pytest.raises(DesignError) as err, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        design_from_dict(_design({"discon": str(path)}))
    msg = str(err.value)
    assert msg.startswith("turbine.controller.discon: ") and "DISCON_broken.IN" in msg
    assert "PC_GS_KI" in msg and "\n" not in msg


@needs_discon
def test_shipped_iea15_turbine_carries_the_discon_filters():
    # SOURCE: designs/turbines/IEA-15MW.yaml states its filters come from the VolturnUS-S
    # DISCON.IN; they must agree with the file (its tower-top notch is only read from the file).
    from conftest import DESIGNS
    from raft_sim.design.load import load_design
    shipped = load_design(DESIGNS / "VolturnUS-S_IEA15MW.yaml").turbine.rotor.controller.filters
    ref = load_discon_controller(DISCON).filters
    for name in ("speed_order", "speed_corner", "speed_damping", "float_corner", "float_damping",
                 "float_highpass"):
        assert getattr(shipped, name) == getattr(ref, name), name


@needs_discon
def test_pre_2_9_notch_layout_is_not_read_and_says_so(tmp_path):
    # SOURCE: ROSCO before 2.9 described notches with F_NotchType / F_NotchCornerFreq /
    # F_NotchBetaNumDen (ROSCO git history, ReadSetParameters.f90); they are skipped with a warning.
    lines = [ln for ln in DISCON.read_text().splitlines()
             if not re.search(r"!\s*F_(NumNotchFilts|NotchFreqs|NotchBetaNum|NotchBetaDen|GenSpdNotch_N|"
                              r"GenSpdNotch_Ind|TwrTopNotch_N|TwrTopNotch_Ind)\s", ln + " ")]
    lines.insert(10, "2                   ! F_NotchType - old layout")
    path = tmp_path / "DISCON_old.IN"
    path.write_text("\n".join(lines))
    from raft_sim.design.errors import DesignWarning
    with pytest.warns(DesignWarning, match=r"DISCON_old.IN:11 F_NotchType: notch filters in the pre-2.9"):
        c = load_discon_controller(path)
    assert c.filters.float_notches == () and c.filters.float_corner == 0.213
