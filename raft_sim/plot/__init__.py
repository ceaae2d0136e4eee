"""Plot functions ``f(results_or_design, ..., ax=None) -> Axes`` (see docs/plots.md).

Imported lazily: ``from raft_sim.plot import plot_rao`` loads only the module it needs, and
matplotlib only when a plot is drawn.
"""
from __future__ import annotations

import importlib

_LAZY = {
    "plot_geometry_3d": "geometry", "plot_projection": "geometry",
    "plot_side_view": "geometry", "plot_top_view": "geometry",
    "plot_rao": "responses", "plot_psd": "responses",
    "plot_channel_rao": "responses", "plot_channel_psd": "responses",
    "plot_statistics": "statistics", "plot_natural_periods": "periods",
    "plot_rao_comparison": "rao_comparison",
    "plot_sweep_lines": "sweep", "plot_sweep_map": "sweep",
    "plot_damage_shares": "fatigue", "plot_damage_map": "fatigue",
    "plot_damage_by": "fatigue", "plot_case_dels": "fatigue",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'raft_sim.plot' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"raft_sim.plot.{_LAZY[name]}"), name)
    globals()[name] = value
    return value
