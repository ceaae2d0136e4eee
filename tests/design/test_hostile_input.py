"""Hostile and ambiguous input to the loader (issue 12): each is refused with one line
naming the YAML path or the file, never misread, never a traceback, never unbounded work.

SOURCE: YAML 1.2 core schema (yaml.org/spec/1.2.2, 10.3.2: integers are decimal, 0o/0x
prefixed; no sexagesimal, no leading-zero octal) against the YAML 1.1 readings PyYAML
makes by default (0320 -> 208, 1:30 -> 90); the "billion laughs" entity-expansion
attack (CVE-2003-1564 for XML) transposed to YAML aliases; POSIX file types (stat(2)).
The designs are mutations of tests/design/tiny_design.py.
"""
from __future__ import annotations

import os
import warnings

import pytest
import yaml

from raft_sim.design.errors import DesignError, printable
from raft_sim.design.include import read_yaml
from raft_sim.design.limits import MAX_INCLUDE_DEPTH
from raft_sim.design.load import design_from_dict, load_design
from tiny_design import tiny_design, tiny_turbine


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data))
    return path


def refused(path, match: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(DesignError, match=match) as info:
            load_design(path)
    text = str(info.value)
    assert "\n" not in text and len(text) < 400
    return text


def tiny_text() -> str:
    return yaml.safe_dump(tiny_design())


@pytest.mark.parametrize("scalar, shown", [
    ("0320", "0320"), ("1:30", "1:30"), ("0x1F", "0x1F"), ("1_000", "1_000"), ("0o17", "0o17"),
    ("190:20:30.15", "190:20:30.15"),
])
def test_yaml11_numbers_are_refused_not_misread(tmp_path, scalar, shown):
    # YAML 1.1 would read 0320 as 208 (octal) and 1:30 as 90 (sexagesimal)
    text = tiny_text().replace("water_depth: 100.0", f"water_depth: {scalar}")
    msg = refused(write(tmp_path / "d.yaml", text), r"^d\.yaml: invalid YAML at line \d+, column \d+: ")
    assert f"ambiguous number '{shown}'" in msg


def test_quoted_and_decimal_numbers_still_read(tmp_path):
    text = tiny_text().replace("water_depth: 100.0", "water_depth: '0320'")
    assert load_design(write(tmp_path / "d.yaml", text)).site.water_depth == 320.0
    data = read_yaml(write(tmp_path / "n.yaml", "a: [1e8, -1.5, .5, 1., 0, +3, 1.5e-3, 7, 1.0E+5, 00.5]"))
    assert data["a"] == [1e8, -1.5, 0.5, 1.0, 0, 3, 1.5e-3, 7, 1e5, 0.5]


@pytest.mark.parametrize("digits", ["١٢٣", "１２３", "۱۲۳"])
def test_non_ascii_digits_refused(digits):
    d = tiny_design()
    d["site"]["water_depth"] = digits  # Python's float() would read these as 123
    with pytest.raises(DesignError, match=r"^site\.water_depth: expected a positive number"):
        design_from_dict(d)


def test_duplicate_keys_and_second_platform_section(tmp_path):
    text = tiny_text() + "platform:\n  members: []\n"
    refused(write(tmp_path / "d.yaml", text), r"duplicate key 'platform' \(first at line \d+\)")
    inner = tiny_text().replace("water_depth: 100.0", "water_depth: 100.0\n  water_depth: 5", 1)
    refused(write(tmp_path / "e.yaml", inner), r"line \d+.*duplicate key 'water_depth'")


def test_huge_integers(tmp_path):
    refused(write(tmp_path / "d.yaml", tiny_text().replace("nIter: 5", "nIter: " + "9" * 401)),
            "integer with 401 digits")
    d = tiny_design(with_turbine=True)
    d["turbine"]["nBlades"] = 1e300
    with pytest.raises(DesignError, match=r"^turbine\.nBlades: expected an integer of at most 20, got 1e\+300$"):
        design_from_dict(d)
    d["turbine"]["nBlades"] = 10 ** 400  # an int too large for float()
    with pytest.raises(DesignError, match=r"^turbine\.nBlades: .*401 digits"):
        design_from_dict(d)


def test_billion_laughs_and_self_reference(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    refused(write(tmp_path / "laughs.yaml", "\n".join(lines)), r"^laughs\.yaml: the YAML expands to more than")
    refused(write(tmp_path / "self.yaml", "site: &s {water_depth: 10, again: *s}"),
            r"^self\.yaml: invalid YAML at line 1: an alias refers to the node that contains it")
    refused(write(tmp_path / "deep.yaml", "site: " + "[" * 3000 + "]" * 3000), "nested deeper than 64")


def test_file_kinds(tmp_path):
    refused(tmp_path, "expected a YAML file, got a directory")
    refused(tmp_path / "nothing.yaml", "file not found")
    os.mkfifo(tmp_path / "pipe.yaml")
    refused(tmp_path / "pipe.yaml", "got a device, pipe or socket")  # would block on open()
    refused("/dev/zero", "got a device, pipe or socket")  # would be read until memory runs out
    os.symlink(tmp_path / "loop_b", tmp_path / "loop_a")
    os.symlink(tmp_path / "loop_a", tmp_path / "loop_b")
    refused(tmp_path / "loop_a", "Too many levels of symbolic links")
    refused(str(tmp_path / "a\x00b.yaml"), "NUL byte")
    write(tmp_path / "bin.yaml", "site:\x00 1")
    refused(tmp_path / "bin.yaml", "not a text")


def test_file_size_cap(tmp_path, monkeypatch):
    import raft_sim.design.include as include
    monkeypatch.setattr(include, "MAX_FILE_BYTES", 100)
    refused(write(tmp_path / "d.yaml", tiny_text()), r"bytes exceeds the limit of 100")


def test_include_depth_confinement_and_special_files(tmp_path):
    for i in range(MAX_INCLUDE_DEPTH + 5):
        write(tmp_path / f"c{i}.yaml", {"include": f"c{i + 1}.yaml"})
    d = tiny_design()
    d["site"] = {"include": "c0.yaml"}
    refused(write(tmp_path / "d.yaml", d), rf"^site\.include: includes nested deeper than {MAX_INCLUDE_DEPTH}")

    write(tmp_path / "site.yaml", tiny_design()["site"])
    d["site"] = {"include": "../site.yaml"}
    nested = write(tmp_path / "sub" / "d.yaml", d)
    refused(nested, r"^site\.include: '\.\./site\.yaml' lies outside the design's folder")
    assert load_design(nested, include_anywhere=True).site.water_depth == 100.0

    os.symlink(tmp_path / "site.yaml", tmp_path / "sub" / "link.yaml")  # a link out of the tree
    d["site"] = {"include": "link.yaml"}
    refused(write(tmp_path / "sub" / "d.yaml", d), "lies outside the design's folder")

    d["site"] = {"include": "/dev/zero"}
    with pytest.raises(DesignError, match=r"^site\.include: expected a regular YAML file"):
        load_design(write(tmp_path / "z.yaml", d), include_anywhere=True)
    os.mkfifo(tmp_path / "fifo.yaml")
    d["site"] = {"include": "fifo.yaml"}
    refused(write(tmp_path / "f.yaml", d), r"^site\.include: expected a regular YAML file")
    d["site"] = {"include": "a\x00b.yaml"}
    refused(write(tmp_path / "n.yaml", d), r"^site\.include: invalid file name \(NUL byte\)")


def _refused_with(where, value, match):
    """The tiny design with ``value`` at the key path ``where`` is refused with ``match``."""
    d = tiny_design()
    node = d
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    with pytest.raises(DesignError, match=match):
        design_from_dict(d)


@pytest.mark.parametrize("where, value, match", [
    (("platform", "members", 0, "shape"), "rubbish", r"shape: expected one of 'circular', .*got 'rubbish'"),
    (("platform", "members", 0, "shape"), "cirk", r"got 'cirk' \(did you mean 'circ'\?\)"),
    (("platform", "members", 0, "shape"), "rectangle-ish", r"shape: expected one of"),
    (("mooring", "points", 0, "type"), "unfixed", r"points\[0\]\.type: expected one of .*got 'unfixed' \(did you mean 'fixed'\?\)"),
    (("mooring", "points", 3, "type"), "vesselx", r"points\[3\]\.type: .*did you mean 'vessel'"),
    (("cases", "data", 0, 3), "operatng", r"turbine_status: .*did you mean 'operating'"),
    (("cases", "data", 0, 5), "JONSWOP", r"wave_spectrum: unknown wave spectrum 'JONSWOP'.*did you mean 'jonswap'"),
])
def test_keywords_matched_exactly(where, value, match):
    _refused_with(where, value, match)


def test_accepted_keyword_spellings():
    d = tiny_design()
    d["platform"]["members"][0]["shape"] = " Circular "
    d["mooring"]["points"][0]["type"] = "Anchor"
    design = design_from_dict(d)
    assert design.platform.members[0].shape == "circular"
    assert design.mooring.points[0].kind == "fixed"


@pytest.mark.parametrize("where, value, match", [
    (("settings", "min_freq"), 1e-300, r"^settings\.min_freq: .* frequencies \(max_freq / min_freq\) exceed the limit"),
    (("platform", "members", 0, "heading"), list(range(5000)), r"^platform\.members\[0\]\.heading: 5,000 headings exceed"),
    (("platform", "members", 0, "stations"), [i / 4999 for i in range(5000)], r"stations: 5,000 stations exceed"),
    (("platform", "members"), [tiny_design()["platform"]["members"][0]] * 3000, r"^platform\.members: 3,000 members exceed"),
    (("platform", "members", 0, "dlsMax"), 1e-6, r"^platform\.members\[0\]\.dlsMax: .* strips .* exceed the limit"),
    (("settings", "nIter"), 1e9, r"^settings\.nIter: expected an integer of at most 1,000"),
    (("cases", "data"), [tiny_design()["cases"]["data"][0]] * 20000, r"^cases\.data: 20,000 load cases exceed"),
])
def test_work_is_bounded(where, value, match):
    _refused_with(where, value, match)


def test_rotor_sectors_bounded():
    d = tiny_design(with_turbine=True)
    d["turbine"]["blade"]["nSector"] = 1e6
    with pytest.raises(DesignError, match=r"^turbine\.blade\.nSector: expected an integer of at most 360"):
        design_from_dict(d)


def test_control_characters_escaped_in_names_keys_and_messages():
    d = tiny_design()
    d["name"] = "ok\nerror: forged line\x1b[2J"
    d["platform"]["members"][0]["\x1b[2Jkey"] = 1
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        design = design_from_dict(d)
    assert design.name == "ok\\nerror: forged line\\x1b[2J"
    assert any("platform.members[0].\\x1b[2Jkey: unknown key" in str(w.message) for w in caught)
    assert all(str(w.message).isprintable() for w in caught)
    d["platform"]["members"][0]["shape"] = "evil\n\x1b]0;title\x07"
    with pytest.raises(DesignError) as info:
        design_from_dict(d)
    assert str(info.value).isprintable()
    assert printable("tab\there") == "tab\\there"


def test_cases_null_is_no_cases():
    d = tiny_design()
    d["cases"] = None
    assert design_from_dict(d).cases == ()


def test_turbine_fixture_unchanged_by_limits():
    # the limits are far above real designs: the tiny turbine and all shipped files load
    d = tiny_design()
    d["turbine"] = tiny_turbine()
    assert design_from_dict(d).turbine.rotor.n_blades == 3


@pytest.mark.parametrize("old, new, match", [
    ("410.0      20", "nan      20", r"could not be read: expected a finite number, got 'nan'"),
    ("2e8", "1e999", r"could not be read: expected a finite number"),
    ("400.0  0.0  -90.0", "٤٠٠  0.0  -90.0", r"could not be read: expected a finite number"),
])
def test_moordyn_numbers_strict(tmp_path, old, new, match):
    from test_load_design import MOORDYN
    assert old in MOORDYN
    (tmp_path / "moor.dat").write_text(MOORDYN.replace(old, new))
    d = tiny_design()
    d["site"]["water_depth"] = 90.0
    d["mooring"] = {"file": "moor.dat"}
    with pytest.raises(DesignError, match=r"^mooring\.file: MoorDyn file moor\.dat " + match):
        design_from_dict(d, base_dir=tmp_path)


def test_moordyn_file_must_be_regular(tmp_path):
    os.mkfifo(tmp_path / "moor.dat")
    d = tiny_design()
    d["mooring"] = {"file": "moor.dat"}
    with pytest.raises(DesignError, match=r"^mooring\.file: expected a regular MoorDyn file"):
        design_from_dict(d, base_dir=tmp_path)
