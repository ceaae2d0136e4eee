"""Strict JSON: every non-finite number becomes ``null`` and is listed with the reason.

``json.dumps`` writes ``NaN`` and ``Infinity`` by default, which is not JSON. Here
:func:`finite_json` replaces them (also inside numpy arrays and scalars) and reports
where; :func:`dumps` adds that list as ``"null_values": {path: reason}`` and serialises
with ``allow_nan=False``. The policy is documented in docs/cli.md ("JSON output").
"""
from __future__ import annotations

import json
import math

NOT_FINITE = "not finite (NaN or infinite)"
"""Reason given for a nulled value that no caller-supplied reason covers."""


def finite_json(obj, path: str = "") -> tuple[object, list[str]]:
    """A copy of ``obj`` made of JSON types, non-finite floats replaced by ``None``.

    Parameters
    ----------
    obj : object
        Nested dicts, lists, tuples, numbers (Python or numpy), strings, None.
    path : str
        Dotted path of ``obj`` (prefix of the reported paths).

    Returns
    -------
    clean : object
    nulled : list of str
        Dotted paths (``natural_periods.surge``, ``cases[2].std.pitch``) of the replaced values.
    """
    nulled: list[str] = []
    return _clean(obj, path, nulled), nulled


def _clean(obj, path: str, nulled: list[str]):
    if isinstance(obj, dict):
        return {str(k): _clean(v, f"{path}.{k}" if path else str(k), nulled) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v, f"{path}[{i}]", nulled) for i, v in enumerate(obj)]
    if hasattr(obj, "tolist") and hasattr(obj, "dtype"):  # numpy array or scalar
        return _clean(obj.tolist(), path, nulled)
    if isinstance(obj, bool) or obj is None or isinstance(obj, (str, int)):
        return obj
    if isinstance(obj, float):
        if math.isfinite(obj):
            return obj
        nulled.append(path)
        return None
    if isinstance(obj, complex):
        return _clean({"real": obj.real, "imag": obj.imag}, path, nulled)
    return str(obj)


def reason_for(path: str, reasons: dict[str, str] | None) -> str:
    """The reason of the longest prefix of ``path`` in ``reasons``, else ``NOT_FINITE``."""
    best = ""
    for prefix in reasons or {}:
        if (path == prefix or path.startswith(prefix + ".") or path.startswith(prefix + "[")) and len(prefix) > len(best):
            best = prefix
    return reasons[best] if best else NOT_FINITE


def dumps(obj, reasons: dict[str, str] | None = None, **kwargs) -> str:
    """Valid JSON text of ``obj``; non-finite numbers are ``null`` and, for a mapping, listed
    under ``"null_values"`` with their reason.

    Parameters
    ----------
    obj : object
        As for :func:`finite_json`.
    reasons : dict of str to str, optional
        Path prefix -> why a value there may be non-finite (``{"natural_periods":
        "no positive restoring stiffness"}``); the longest matching prefix wins.
    **kwargs
        Passed to ``json.dumps`` (``indent`` ...).
    """
    clean, nulled = finite_json(obj)
    if nulled and isinstance(clean, dict):
        clean["null_values"] = {p: reason_for(p, reasons) for p in nulled}
    return json.dumps(clean, allow_nan=False, **kwargs)
