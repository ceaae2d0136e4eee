"""Strict JSON (raft_sim.jsonsafe), issue 12: no NaN/Infinity tokens, nulls explained.

SOURCE: RFC 8259 section 6 ("Numeric values that cannot be represented ... such as
Infinity and NaN are not permitted"); Python's json.loads accepts them, so the output is
re-parsed with a hook that rejects them.
"""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

from raft_sim.jsonsafe import NOT_FINITE, dumps, finite_json


def strict_loads(text):
    def refuse(token):
        raise ValueError(f"non-standard JSON token {token}")
    return json.loads(text, parse_constant=refuse)


def test_non_finite_become_null_with_paths():
    data = {"a": math.inf, "b": [1.0, np.nan, {"c": np.float64(-np.inf)}], "d": np.array([1.0, np.inf]),
            "e": np.int64(3), "f": True, "g": None, "h": "text"}
    clean, nulled = finite_json(data)
    assert clean == {"a": None, "b": [1.0, None, {"c": None}], "d": [1.0, None], "e": 3, "f": True,
                     "g": None, "h": "text"}
    assert nulled == ["a", "b[1]", "b[2].c", "d[1]"]


def test_dumps_is_strict_json_and_lists_reasons():
    text = dumps({"natural_periods": {"surge": math.inf, "heave": 10.0}, "x": math.nan},
                 reasons={"natural_periods": "no positive restoring"})
    data = strict_loads(text)
    assert data["natural_periods"] == {"surge": None, "heave": 10.0}
    assert data["null_values"] == {"natural_periods.surge": "no positive restoring", "x": NOT_FINITE}
    assert "null_values" not in strict_loads(dumps({"a": 1.0}))


def test_plain_json_dumps_would_be_invalid():
    with pytest.raises(ValueError):
        strict_loads(json.dumps({"a": math.inf}))  # what raft-sim info --json printed before
