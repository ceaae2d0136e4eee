"""Sweep files: the parameters of a sweep written in YAML.

::

    zip: false                 # optional; true pairs the lists (all of one length)
    parameters:
      - path: mooring.lines[*].length
        values: 830:880:5      # VALUES text, or a YAML list [830, 850, 880]
      - path: platform.members[outer_column].rho_fill[0]
        values: {scale: [0.9, 1.0, 1.1]}
        name: ballast_scale    # optional dimension name

A mapping ``parameters: {path: values, ...}`` is accepted too.
"""
from __future__ import annotations

from pathlib import Path

from raft_sim.design.errors import DesignError
from raft_sim.design.include import read_yaml
from raft_sim.sweeps.plan import Parameter, make_parameter
from raft_sim.sweeps.values import from_yaml

FILE_KEYS = {"parameters", "zip"}
ENTRY_KEYS = {"path", "values", "name"}


def read_sweep_file(path) -> tuple[list[Parameter], bool]:
    """Parameters and the ``zip`` flag of a sweep file.

    Raises
    ------
    DesignError
        Unreadable file or an invalid entry, naming ``<file>: parameters[i]...``.
    """
    label = Path(path).name
    data = read_yaml(Path(path), f"--file {label}")
    if not isinstance(data, dict) or "parameters" not in data:
        raise DesignError(f"--file {label}", "expected a mapping with a 'parameters' list")
    unknown = set(data) - FILE_KEYS
    if unknown:
        raise DesignError(f"--file {label}", f"unknown keys {sorted(map(str, unknown))} (allowed: parameters, zip)")
    zipped = data.get("zip", False)
    if not isinstance(zipped, bool):
        raise DesignError(f"--file {label}: zip", f"expected true or false, got {zipped!r}")
    entries = data["parameters"]
    if isinstance(entries, dict):
        entries = [{"path": k, "values": v} for k, v in entries.items()]
    if not isinstance(entries, list) or not entries:
        raise DesignError(f"--file {label}: parameters", "expected a non-empty list of {path, values}")
    return [_entry(e, f"--file {label}: parameters[{i}]") for i, e in enumerate(entries)], zipped


def _entry(entry, where: str) -> Parameter:
    if not isinstance(entry, dict) or not {"path", "values"} <= set(entry):
        raise DesignError(where, "expected a mapping with 'path' and 'values'")
    unknown = set(entry) - ENTRY_KEYS
    if unknown:
        raise DesignError(where, f"unknown keys {sorted(map(str, unknown))} (allowed: path, values, name)")
    path, name = entry["path"], entry.get("name")
    if not isinstance(path, str):
        raise DesignError(f"{where}.path", f"expected a PATH string, got {path!r}")
    if name is not None and not isinstance(name, str):
        raise DesignError(f"{where}.name", f"expected a name, got {name!r}")
    return make_parameter(path, from_yaml(entry["values"], f"{where}.values"), f"{where} ({path})", name)
