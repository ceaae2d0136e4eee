"""raft_sim: frequency-domain simulation of floating offshore wind turbines.

Public API (imported lazily, so ``import raft_sim`` stays light):

- :func:`load_design` -- RAFT-format YAML to a frozen :class:`~raft_sim.design.objects.Design`.
- :class:`Model` -- the floating system built from a design: statics, natural
  frequencies, responses per load case.
- :func:`sweep` -- run a design sweep (grid or zipped parameters) on a process pool or
  Dask and return one labelled Dataset.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_LAZY = {
    "load_design": ("raft_sim.design.load", "load_design"),
    "DesignError": ("raft_sim.design.errors", "DesignError"),
    "DesignWarning": ("raft_sim.design.errors", "DesignWarning"),
    "Model": ("raft_sim.model", "Model"),
    "sweep": ("raft_sim.sweeps.api", "sweep"),
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'raft_sim' has no attribute {name!r}")
    module, attr = _LAZY[name]
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value
