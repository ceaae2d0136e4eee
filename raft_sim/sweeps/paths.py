"""Addresses of keys in a design document as written: ``platform.members[outer_column].d``.

A path is a dotted list of keys, each optionally followed by selectors in brackets:
an item index (``[0]``), every item (``[*]``), or the item whose ``name`` is the text
(``[outer_column]``). A table written as RAFT's ``cases`` (``keys`` + ``data`` rows) is
addressed by column (``cases.wave_height``: every row) and row (``cases[1].wave_height``).
Every addressed key must exist in the document; nothing is created.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from raft_sim.design.errors import DesignError

_TOKEN = re.compile(r"([^.\[\]]+)((?:\[[^\[\]]*\])*)")
_SELECTOR = re.compile(r"\[([^\[\]]*)\]")


def parse_path(text: str, where: str) -> tuple[tuple[str, Any], ...]:
    """Split a path into steps ``("key", name)``, ``("index", i)``, ``("all", None)``, ``("name", s)``.

    Parameters
    ----------
    text : str
        The path, e.g. ``mooring.lines[*].length``.
    where : str
        Argument to name in errors (``--set mooring.lines[*].length=...``).

    Raises
    ------
    DesignError
        Malformed path.
    """
    steps: list[tuple[str, Any]] = []
    parts = text.strip().split(".") if text.strip() else []
    if not parts:
        raise DesignError(where, "empty PATH")
    for part in parts:
        match = _TOKEN.fullmatch(part.strip())
        if match is None:
            raise DesignError(where, f"cannot read {part!r} in PATH {text!r} (expected key, key[index], key[*] or key[name])")
        steps.append(("key", match.group(1).strip()))
        for sel in _SELECTOR.findall(match.group(2)):
            sel = sel.strip()
            if not sel:
                raise DesignError(where, f"empty [] in PATH {text!r}")
            if sel == "*":
                steps.append(("all", None))
            elif re.fullmatch(r"-?\d+", sel):
                steps.append(("index", int(sel)))
            else:
                steps.append(("name", sel))
    return tuple(steps)


def _is_table(node) -> bool:
    return isinstance(node, dict) and isinstance(node.get("keys"), list) and isinstance(node.get("data"), list)


def _show(step) -> str:
    kind, value = step
    return {"key": f".{value}", "index": f"[{value}]", "all": "[*]", "name": f"[{value}]"}[kind]


# A slot is (container, key, columns): the addressed value is container[key]; ``columns`` is
# the table's ``keys`` list when that value is a table row (addressed next by column name).

def _column_slot(row: list, columns: list, name: str, done: str, where: str):
    if name not in columns:
        raise DesignError(where, f"no column {name!r} in {done} (columns: {', '.join(map(str, columns))})")
    col = columns.index(name)
    if not isinstance(row, list) or col >= len(row):
        raise DesignError(where, f"a row of {done} has no value in column {name!r}")
    return (row, col, None)


def _in_list(items: list, step, done: str, where: str, what: str) -> list[int]:
    kind, value = step
    if kind == "all":
        if not items:
            raise DesignError(where, f"{done} is an empty list")
        return list(range(len(items)))
    if kind == "index":
        if not -len(items) <= value < len(items):
            raise DesignError(where, f"{done}[{value}] does not exist ({done} has {len(items)} {what})")
        return [value]
    if what == "rows":
        raise DesignError(where, f"rows of {done} have no names; select them by index or [*]")
    found = [i for i, item in enumerate(items) if isinstance(item, dict) and str(item.get("name")) == value]
    if not found:
        names = ", ".join(str(item.get("name")) for item in items if isinstance(item, dict))
        raise DesignError(where, f"no item named {value!r} in {done} (names: {names or 'none'})")
    return found


def _step(slot, step, done: str, where: str) -> list:
    container, key, columns = slot
    node = container[key]
    kind, value = step
    if columns is not None:
        if kind != "key":
            raise DesignError(where, f"a row of {done} is selected; next comes a column name")
        return [_column_slot(node, columns, value, done, where)]
    if _is_table(node):
        rows = node["data"]
        if kind == "key" and value in ("keys", "data"):
            return [(node, value, None)]
        if kind == "key":
            return [_column_slot(row, node["keys"], value, done, where) for row in rows]
        return [(rows, i, node["keys"]) for i in _in_list(rows, step, done, where, "rows")]
    if kind == "key":
        if not isinstance(node, dict):
            raise DesignError(where, f"{done or 'the document'} is not a mapping; it has no key {value!r}")
        if value not in node:
            keys = ", ".join(map(str, list(node)[:15]))
            raise DesignError(where, f"no key {value!r} in {done or 'the document'} (keys: {keys})")
        return [(node, value, None)]
    if not isinstance(node, list):
        raise DesignError(where, f"{done} is not a list; cannot select {_show(step)}")
    return [(node, i, None) for i in _in_list(node, step, done, where, "items")]


def _resolve(doc: dict, steps, where: str) -> list:
    slots = [({"": doc}, "", None)]
    done = ""
    for step in steps:
        slots = [new for slot in slots for new in _step(slot, step, done, where)]
        done = f"{done}{_show(step)}".lstrip(".")
    if any(columns is not None for _, _, columns in slots):
        raise DesignError(where, f"PATH ends at a row of a table; add a column name ({done}.<column>)")
    return slots


def check_path(doc: dict, steps, where: str) -> int:
    """Number of locations ``steps`` address in ``doc`` (at least one).

    Raises
    ------
    DesignError
        A key, index, name or column that does not exist, naming ``where``.
    """
    return len(_resolve(doc, steps, where))


def current_values(doc: dict, steps, where: str) -> list:
    """The values ``steps`` address in ``doc``, in document order."""
    return [container[key] for container, key, _ in _resolve(doc, steps, where)]


def update(doc: dict, steps, change: Callable[[Any], Any], where: str) -> None:
    """Replace, in place, every value ``steps`` address in ``doc`` by ``change(old)``."""
    for container, key, _ in _resolve(doc, steps, where):
        container[key] = change(container[key])
