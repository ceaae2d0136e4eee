"""Shared test fixtures: locating the public reference data in ../shared."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "reference"
RAFT_REF = SHARED / "raft"
DESIGNS = REPO / "designs"

needs_shared = pytest.mark.skipif(
    not RAFT_REF.is_dir(),
    reason="reference data ../shared/reference/raft not present (open data beside the repo; see README)",
)


def load_expected(name: str):
    """Load a RAFT expected-output JSON, turning {'real','imag'} dicts into complex arrays."""
    def convert(obj):
        if isinstance(obj, dict):
            if set(obj) == {"real", "imag"}:
                return np.asarray(obj["real"]) + 1j * np.asarray(obj["imag"])
            return {k: convert(v) for k, v in obj.items()}
        if isinstance(obj, list):
            try:
                arr = np.asarray(obj, dtype=float)
                return arr
            except (ValueError, TypeError):
                return [convert(v) for v in obj]
        return obj
    with open(RAFT_REF / "test-expected" / name) as fh:
        return convert(json.load(fh))
