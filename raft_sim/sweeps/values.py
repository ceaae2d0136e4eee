"""The values a swept parameter takes: lists, ranges and scale factors.

Text forms (``--set PATH=VALUES``): a comma list ``830,850,880``; a range
``start:stop:count`` (``count`` evenly spaced values, both ends included); scale factors
of the value written in the design, ``x0.9,1,1.1`` or ``x0.8:1.2:5``. In a sweep file
the values may also be a YAML list (numbers, or strings such as ``[parked, operating]``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from raft_sim.design.errors import DesignError


@dataclass(frozen=True)
class Values:
    """Values of one parameter.

    Attributes
    ----------
    values : tuple
        The values (numbers or strings), in sweep order.
    scale : bool
        True when the values are factors multiplying the value written in the design.
    """

    values: tuple
    scale: bool = False


def _number(text: str, where: str) -> float | int:
    text = text.strip()
    if not text:
        raise DesignError(where, "empty value in VALUES")
    try:
        return int(text)
    except ValueError:
        pass
    try:
        value = float(text)
    except ValueError:
        raise DesignError(where, f"{text!r} is not a number (VALUES: a,b,c or start:stop:count or x0.9,1,1.1)") from None
    if not math.isfinite(value):
        raise DesignError(where, f"{text!r} is not a finite number")
    return value


def _range(text: str, where: str) -> tuple:
    parts = text.split(":")
    if len(parts) != 3:
        raise DesignError(where, f"a range is start:stop:count, got {text!r}")
    start, stop = (_number(p, where) for p in parts[:2])
    count = _number(parts[2], where)
    if not isinstance(count, int):
        raise DesignError(where, f"the count of start:stop:count must be a whole number, got {parts[2].strip()!r}")
    if count < 1:
        raise DesignError(where, f"empty range {text!r}: count must be at least 1")
    if count > 1 and start == stop:
        raise DesignError(where, f"range {text!r} repeats one value {count} times")
    return tuple(float(v) for v in np.linspace(start, stop, count))


def parse_values(text: str, where: str) -> Values:
    """Read VALUES text.

    Parameters
    ----------
    text : str
        ``a,b,c``, ``start:stop:count``, or either prefixed with ``x`` for scale factors.
    where : str
        Argument named in errors.

    Raises
    ------
    DesignError
        Non-numeric entry, empty list or range, malformed range, repeated value.
    """
    body = text.strip()
    scale = body[:1] in ("x", "X", "*")
    if scale:
        body = body[1:]
    if not body:
        raise DesignError(where, "no VALUES after '='")
    if ":" in body and "," not in body:
        values = _range(body, where)
    else:
        values = tuple(_number(p[1:] if scale and p.strip()[:1] in ("x", "X") else p, where)
                       for p in body.split(","))
    return checked(Values(values, scale), where)


def from_yaml(entry, where: str) -> Values:
    """Values from a sweep-file entry: a VALUES string, a number, or a list.

    A mapping ``{scale: [...]}`` or ``{scale: "0.9:1.1:3"}`` gives scale factors.
    """
    if isinstance(entry, dict):
        if set(entry) != {"scale"}:
            raise DesignError(where, f"expected a list, a VALUES string or {{scale: ...}}, got keys {sorted(map(str, entry))}")
        inner = from_yaml(entry["scale"], where)
        if any(isinstance(v, str) for v in inner.values):
            raise DesignError(where, "scale factors must be numbers")
        return Values(inner.values, True)
    if isinstance(entry, str):
        return parse_values(entry, where)
    if isinstance(entry, bool) or entry is None:
        raise DesignError(where, f"expected values, got {entry!r}")
    if isinstance(entry, (int, float)):
        return checked(Values((entry,)), where)
    if not isinstance(entry, list):
        raise DesignError(where, f"expected a list of values, got {type(entry).__name__}")
    bad = [v for v in entry if not isinstance(v, (int, float, str)) or isinstance(v, bool)]
    if bad:
        raise DesignError(where, f"values must be numbers or strings, got {bad[0]!r}")
    return checked(Values(tuple(entry)), where)


def checked(values: Values, where: str) -> Values:
    """``values`` if it has at least one value and no repeats."""
    if not values.values:
        raise DesignError(where, "empty list of values")
    seen = set()
    for v in values.values:
        if v in seen:
            raise DesignError(where, f"value {v!r} appears twice")
        seen.add(v)
    return values


def scaled(old, factor: float, where: str):
    """``old`` (a number or nested lists of numbers) multiplied by ``factor``."""
    if isinstance(old, list):
        return [scaled(v, factor, where) for v in old]
    if isinstance(old, bool) or not isinstance(old, (int, float)):
        raise DesignError(where, f"cannot scale the non-numeric value {old!r}")
    return old * factor
