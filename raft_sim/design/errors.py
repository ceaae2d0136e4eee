"""Errors and warnings about design input, each naming the YAML path it concerns."""
from __future__ import annotations


class DesignError(ValueError):
    """Invalid design input.

    Parameters
    ----------
    path : str
        Dotted YAML path of the offending entry, e.g. ``platform.members[2].d``.
    problem : str
        What is wrong, in words a user can act on.
    """

    def __init__(self, path: str, problem: str):
        self.path = printable(path)
        self.problem = printable(problem)
        super().__init__(f"{self.path}: {self.problem}" if self.path else self.problem)


class DesignWarning(UserWarning):
    """A design entry that is accepted but ignored, unsupported, or dubious."""


def printable(text) -> str:
    """``text`` with control characters (newlines, escape codes, ...) written as escapes,
    so that echoed input can neither forge output lines nor drive the terminal."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
