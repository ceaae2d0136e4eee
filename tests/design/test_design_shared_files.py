"""Every RAFT YAML file in the shared reference (designs/ and test-inputs/) either loads or
is refused with a one-line DesignError; the RAFT 2.0 test designs must load.

SOURCE: the files of WISDEM/RAFT (raft/designs, raft/test-inputs) in
../shared/reference/raft and the decisions recorded in docs/design-format.md.
"""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from conftest import RAFT_REF, needs_shared
from raft_sim.design.errors import DesignError, DesignWarning
from raft_sim.design.load import load_design

MUST_LOAD = {
    "designs/OC3spar.yaml", "designs/OC4semi.yaml", "designs/VolturnUS-S.yaml",
    "designs/Vertical_cylinder.yaml", "designs/RM1_Floating.yaml", "designs/FOCTT_example.yaml",
    "test-inputs/IEA15MW.yaml", "test-inputs/OC3spar.yaml", "test-inputs/OC4semi-WAMIT_Coefs.yaml",
    "test-inputs/VolturnUS-S.yaml", "test-inputs/VolturnUS-S-flexible.yaml",
    "test-inputs/VolturnUS-S-moorMod2.yaml", "test-inputs/VolturnUS-S-pointInertia.yaml",
}
REFUSED_PREFIX = {  # file -> start of the DesignError message
    "designs/VolturnUS-S_farm.yaml": "array_mooring:",
    "test-inputs/VolturnUS-S_farm.yaml": "array_mooring:",
    "test-inputs/VolturnUS-S_farm-moorMod1.yaml": "array_mooring:",
    "test-inputs/weis_inputs.yaml": "this is a WEIS",
    "test-inputs/weis_inputs_rect.yaml": "this is a WEIS",
    "test-inputs/weis_options.yaml": "this is a WEIS",
    "test-inputs/weis_options_rect.yaml": "this is a WEIS",
}


def shared_files() -> list[str]:
    if not RAFT_REF.is_dir():
        return []
    return sorted(str(p.relative_to(RAFT_REF)) for folder in ("designs", "test-inputs")
                  for p in (RAFT_REF / folder).glob("*.yaml"))


def load(rel: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DesignWarning)
        return load_design(RAFT_REF / rel)


@needs_shared
@pytest.mark.parametrize("rel", shared_files() or ["(shared data absent)"])
def test_shared_file_loads_or_is_refused(rel):
    try:
        design = load(rel)
    except DesignError as exc:
        message = str(exc)
        assert "\n" not in message
        assert rel not in MUST_LOAD, message
        if rel in REFUSED_PREFIX:
            assert message.startswith(REFUSED_PREFIX[rel]), message
        elif rel.split("/")[-1].startswith("mem_"):
            assert message.startswith("members: a member-only file"), message
        else:
            pytest.fail(f"unexpected refusal: {message}")
        return
    assert rel not in REFUSED_PREFIX
    assert rel in MUST_LOAD, f"{rel} loaded but is not listed in MUST_LOAD"
    assert design.site.water_depth > 0


@needs_shared
def test_every_must_load_file_exists():
    assert MUST_LOAD <= set(shared_files())


@needs_shared
def test_oc3_depth_warning_and_values():
    """SOURCE: OC3spar.yaml: site.water_depth 200, mooring.water_depth 320 (shared README)."""
    with pytest.warns(DesignWarning) as record:
        d = load_design(RAFT_REF / "designs" / "OC3spar.yaml")
    assert any(str(w.message).startswith("mooring.water_depth: differs from site.water_depth") for w in record)
    assert d.site.water_depth == 200.0 and d.mooring.water_depth == 320.0
    spar = d.platform.members[0]
    # stations [-120, -12, -4, 10] on rA z=-120 .. rB z=10 (130 m) -> distances from rA
    np.testing.assert_allclose(spar.stations, [0, 108, 116, 130], rtol=1e-14)
    np.testing.assert_allclose(spar.l_fill, [52.9, 0, 0], rtol=1e-14)
    assert not spar.potential_flow  # potModMaster 1 turns potMod off
    assert d.platform.yaw_stiffness == 98340000.0


@needs_shared
def test_volturnus_units_and_heading_copies():
    """SOURCE: VolturnUS-S.yaml (outer columns at 51.75 m radius, headings 60/180/300 deg;
    omega_op in rpm; precone -4 deg)."""
    d = load("test-inputs/VolturnUS-S.yaml")
    outer = [m for m in d.platform.members if m.name.startswith("outer_column")]
    assert len(outer) == 3
    for m, heading in zip(outer, (60, 180, 300)):
        np.testing.assert_allclose(m.r_a[:2], 51.75 * np.array([math.cos(math.radians(heading)),
                                                                 math.sin(math.radians(heading))]), atol=1e-9)
    rotor = d.turbine.rotor
    assert rotor.precone == pytest.approx(math.radians(-4.0))
    assert rotor.schedule.rotor_speed[-1] == pytest.approx(7.56 * 2 * math.pi / 60, rel=1e-12)
    assert d.cases[1].wind_heading == pytest.approx(math.radians(30))


@needs_shared
def test_point_inertia_file():
    """SOURCE: VolturnUS-S-pointInertia.yaml point_inertia (1.687e7 kg at z = -14.94 m)."""
    d = load("test-inputs/VolturnUS-S-pointInertia.yaml")
    m6 = d.platform.extra_mass
    assert m6[2, 2] == 1.687e7
    assert m6[0, 4] == pytest.approx(1.687e7 * -14.94)
    assert m6[5, 5] == pytest.approx(2.053e10)


@needs_shared
def test_moordyn_mooring_file():
    """SOURCE: IEA-15-240-RWT-UMaineSemi_MoorDyn.dat (3 lines of 850 m, 'main' type, EA 3.27e9 N)."""
    d = load("test-inputs/VolturnUS-S-moorMod2.yaml")
    assert len(d.mooring.lines) == 3 and all(ln.length == 850.0 for ln in d.mooring.lines)
    assert d.mooring.line_types[0].stiffness == 3.27e9
    assert sorted(p.kind for p in d.mooring.points) == ["fixed"] * 3 + ["vessel"] * 3
