"""Checked reading of one mapping of a RAFT-format design.

``Section`` wraps a YAML mapping together with its dotted path (``platform.members[2]``)
and a ``Context`` (strictness, warnings). Its methods return validated, converted
values or raise ``DesignError(path, problem)`` with a one-line problem. Unknown keys
are reported when the section is opened, with a difflib suggestion.
"""
from __future__ import annotations

import difflib
import math
import re
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from raft_sim.design.errors import DesignError, DesignWarning, printable

MISSING = object()
DEG = math.pi / 180.0
MAX_INTEGER = 1_000_000
"""Largest integer accepted where the format expects a count or a mode number."""
_NUMBER_TEXT = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", re.ASCII)


@dataclass
class Context:
    """State shared while loading one design."""

    strict: bool = False
    base_dir: Path | None = None

    def warn(self, path: str, message: str) -> None:
        """Emit a ``DesignWarning`` reading ``"<path>: <message>"``, attributed to the caller
        of the loader (the first stack frame outside ``raft_sim/design``)."""
        text = printable(f"{path}: {message}" if path else message)
        warnings.warn(text, DesignWarning, stacklevel=_outside_level())

    def unknown_key(self, path: str, key: str, known) -> None:
        """Report an unknown key: a warning, or a ``DesignError`` when strict."""
        problem = f"unknown key{did_you_mean(key, known)}"
        where = join(path, str(key))
        if self.strict:
            raise DesignError(where, problem)
        self.warn(where, problem)


def did_you_mean(word, known) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``known`` to ``word``, else ``""``."""
    close = difflib.get_close_matches(str(word), sorted(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def keyword(value, path: str, words: dict):
    """The meaning of a keyword, matched exactly (case-insensitive, outer blanks ignored).

    Parameters
    ----------
    value : object
        As written in the YAML.
    path : str
        YAML path for the error.
    words : dict
        Accepted spellings (lower case) -> meaning.

    Raises
    ------
    DesignError
        Not one of ``words``, with the accepted words and a "did you mean" hint.
    """
    text = value.strip().lower() if isinstance(value, str) else None
    if text in words:
        return words[text]
    allowed = ", ".join(f"'{w}'" for w in words)
    hint = did_you_mean(text, words) if text else ""
    raise DesignError(path, f"expected one of {allowed}, got {describe(value)}{hint}")


_HERE = str(Path(__file__).resolve().parent)


def _outside_level() -> int:
    """``stacklevel`` that points ``warnings.warn`` at the first frame outside this package."""
    frame, level = sys._getframe(2), 2
    while frame is not None and frame.f_code.co_filename.startswith(_HERE):
        frame, level = frame.f_back, level + 1
    return level


def join(path: str, key) -> str:
    """Dotted path of ``key`` below ``path``; integers become ``[i]``."""
    if isinstance(key, int) and not isinstance(key, bool):
        return f"{path}[{key}]"
    key = printable(key)
    return f"{path}.{key}" if path else key


def describe(value) -> str:
    """Short one-line description of a YAML value for error messages."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int) and len(str(abs(value))) > 20:
        return f"an integer of {len(str(abs(value)))} digits"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return repr(text)
    if isinstance(value, dict):
        return f"a mapping of {len(value)} keys"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)}"
    if value is None:
        return "nothing (null)"
    return type(value).__name__


def to_float(value, path: str, expected: str = "a number") -> float:
    """A finite float from a YAML scalar (numeric strings such as '1e8' accepted)."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict, tuple)):
        raise DesignError(path, f"expected {expected}, got {describe(value)}")
    if isinstance(value, str) and not _NUMBER_TEXT.fullmatch(value.strip()):
        # Python's float() would take '1_000', ' ١٢٣ ' (Arabic-Indic digits) or 'infinity'
        raise DesignError(path, f"expected {expected}, got {describe(value)}")
    try:
        number = float(value)
    except OverflowError:
        raise DesignError(path, f"expected {expected}, got {describe(value)} (too large)") from None
    except (TypeError, ValueError):
        raise DesignError(path, f"expected {expected}, got {describe(value)}") from None
    if not math.isfinite(number):
        raise DesignError(path, f"expected {expected}, got {describe(value)} (not finite)")
    return number


def check_sign(value: float, path: str, positive: bool, nonnegative: bool, expected: str) -> float:
    """Return ``value`` after a sign check."""
    if positive and not value > 0:
        raise DesignError(path, f"expected {expected}, got {value:g}")
    if nonnegative and not value >= 0:
        raise DesignError(path, f"expected {expected}, got {value:g}")
    return value


def float_array(value, path: str, expected: str) -> np.ndarray:
    """A finite float array of any (regular) shape from a YAML scalar or nested list."""
    if isinstance(value, (list, tuple)):
        try:
            arr = np.array(value, dtype=float)
        except OverflowError:
            raise DesignError(path, f"expected {expected}, got a number too large") from None
        except (TypeError, ValueError):
            flat = _first_bad(value)
            raise DesignError(path, f"expected {expected}, got a list containing {describe(flat)}") from None
    else:
        arr = np.array(to_float(value, path, expected))
    if arr.dtype == object or not np.isfinite(arr).all():
        raise DesignError(path, f"expected {expected}, got non-finite values")
    return arr


def _first_bad(value):
    for item in value:
        if isinstance(item, (list, tuple)):
            bad = _first_bad(item)
            if bad is not None:
                return bad
            continue
        try:
            to_float(item, "")
        except DesignError:
            return item
    return value


def sign_words(positive: bool, nonnegative: bool) -> str:
    return "a positive number" if positive else ("a non-negative number" if nonnegative else "a number")


class Section:
    """A YAML mapping at a known path, read with validation.

    Parameters
    ----------
    data : object
        The YAML value; must be a mapping.
    path : str
        Dotted path of this mapping in the design.
    ctx : Context
    known : iterable of str or None
        Keys of the format allowed here; others are reported. None skips the check.
    """

    def __init__(self, data, path: str, ctx: Context, known=None):
        if not isinstance(data, dict):
            raise DesignError(path, f"expected a mapping, got {describe(data)}")
        self.data = data
        self.path = path
        self.ctx = ctx
        if known is not None:
            known = set(known)
            for key in data:
                if key not in known:
                    ctx.unknown_key(path, key, known)

    def at(self, key) -> str:
        return join(self.path, key)

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def raw(self, key: str, default=MISSING):
        if self.has(key):
            return self.data[key]
        if default is MISSING:
            raise DesignError(self.at(key), "required key is missing")
        return default

    def number(self, key: str, default=MISSING, *, positive=False, nonnegative=False) -> float:
        """A finite float [unit as in the format]."""
        value = self.raw(key, default)
        if value is default and default is not MISSING:
            return default
        if type(value) is float and math.isfinite(value) and (value > 0 or not positive) \
                and (value >= 0 or not nonnegative):
            return value  # the common case, without building the path for an error
        expected = sign_words(positive, nonnegative)
        return check_sign(to_float(value, self.at(key), expected), self.at(key), positive, nonnegative, expected)

    def integer(self, key: str, default=MISSING, choices=None, minimum=None, maximum=MAX_INTEGER) -> int:
        """An integer (``3`` or ``3.0``), at least ``minimum`` and at most ``maximum``."""
        value = self.raw(key, default)
        if value is default and default is not MISSING:
            return default
        number = to_float(value, self.at(key), "an integer")
        if number != int(number):
            raise DesignError(self.at(key), f"expected an integer, got {describe(value)}")
        if minimum is not None and number < minimum:
            raise DesignError(self.at(key), f"expected an integer >= {minimum}, got {describe(value)}")
        if choices is None and abs(number) > maximum:
            raise DesignError(self.at(key), f"expected an integer of at most {maximum:,}, got {describe(value)}")
        number = int(number)
        if choices is not None and number not in choices:
            allowed = ", ".join(str(c) for c in choices)
            raise DesignError(self.at(key), f"expected one of {allowed}, got {describe(value)}")
        return number

    def boolean(self, key: str, default=MISSING) -> bool:
        value = self.raw(key, default)
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in ("true", "false", "yes", "no"):
            return value.strip().lower() in ("true", "yes")
        raise DesignError(self.at(key), f"expected true or false, got {describe(value)}")

    def string(self, key: str, default=MISSING) -> str:
        value = self.raw(key, default)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value)
        raise DesignError(self.at(key), f"expected a text value, got {describe(value)}")

    def vector(self, key: str, length: int | None = None, default=MISSING, *,
               positive=False, nonnegative=False, min_length: int = 0) -> np.ndarray:
        """A 1-D finite float array; a scalar counts as a list of one."""
        value = self.raw(key, default)
        path = self.at(key)
        words = sign_words(positive, nonnegative)
        noun = words.replace("a ", "", 1) + "s"
        expected = f"a list of {length} {noun}" if length else f"a list of {noun}"
        arr = float_array(value, path, expected)
        if arr.ndim == 0 and length is None:
            arr = arr.reshape(1)
        if arr.ndim != 1 or (length is not None and arr.size != length) or arr.size < min_length:
            raise DesignError(path, f"expected {expected}, got {describe(value)}")
        if positive and (arr <= 0).any() or nonnegative and (arr < 0).any():
            raise DesignError(path, f"expected {expected}, got {_fmt(arr)}")
        return arr

    def angle(self, key: str, default: float = 0.0) -> float:
        """An angle given in degrees, returned in [rad]."""
        return self.number(key, default) * DEG if self.has(key) else default

    def section(self, key: str, known=None, default=MISSING) -> "Section | None":
        value = self.raw(key, default)
        if value is None:
            return None
        return Section(value, self.at(key), self.ctx, known)

    def sequence(self, key: str, default=MISSING) -> list:
        value = self.raw(key, default)
        if not isinstance(value, list):
            raise DesignError(self.at(key), f"expected a list, got {describe(value)}")
        return value


def _fmt(arr: np.ndarray) -> str:
    values = ", ".join(f"{v:g}" for v in np.ravel(arr)[:8])
    return f"[{values}{', ...' if arr.size > 8 else ''}]"


def per_station(sec: Section, key: str, n: int, default, *, positive=False, nonnegative=False,
                what: str = "per station") -> np.ndarray:
    """A quantity given per station: a scalar is repeated, a list must have ``n`` values.

    Returns
    -------
    ndarray, shape (n,)
    """
    value = sec.raw(key, MISSING if default is MISSING else None)
    path = sec.at(key)
    words = sign_words(positive, nonnegative)
    expected = f"{words} or a list of {n} ({what})"
    if value is None:
        return np.full(n, float(default))
    arr = float_array(value, path, expected)
    if arr.ndim == 0:
        arr = np.full(n, float(arr))
    if arr.shape != (n,):
        raise DesignError(path, f"expected {expected}, got {describe(value)}")
    if positive and (arr <= 0).any() or nonnegative and (arr < 0).any():
        raise DesignError(path, f"expected {expected}, got {_fmt(arr)}")
    return arr


def per_station_pairs(sec: Section, key: str, n: int, default, *, positive=False,
                      nonnegative=False) -> np.ndarray:
    """A quantity with two transverse components per station.

    Accepted forms: a scalar (same everywhere); a list of 2 ``[a, b]`` (the pair at every
    station, as RAFT reads it); a list of ``n`` scalars (per station, same both
    directions; for ``n == 2`` this is read as a pair, as RAFT does); a list of ``n``
    pairs.

    Returns
    -------
    ndarray, shape (n, 2)
    """
    value = sec.raw(key, MISSING if default is MISSING else None)
    path = sec.at(key)
    words = sign_words(positive, nonnegative)
    expected = f"{words}, a pair [a, b] or a list of {n} (length of stations)"
    if value is None:
        return np.full((n, 2), float(default))
    arr = float_array(value, path, expected)
    if arr.ndim == 0:
        arr = np.full((n, 2), float(arr))
    elif arr.shape == (2,):
        arr = np.tile(arr, (n, 1))
    elif arr.shape == (n,):
        arr = np.repeat(arr[:, None], 2, axis=1)
    elif arr.shape != (n, 2):
        raise DesignError(path, f"expected {expected}, got {describe(value)}")
    if positive and (arr <= 0).any() or nonnegative and (arr < 0).any():
        raise DesignError(path, f"expected {expected}, got {_fmt(arr)}")
    return arr


def item_sections(sec: Section, key: str, known, default=MISSING) -> list[Section]:
    """The mappings of a list-valued key, each a ``Section`` at ``key[i]``."""
    items = sec.sequence(key, default)
    return [Section(item, join(sec.at(key), i), sec.ctx, known) for i, item in enumerate(items)]
