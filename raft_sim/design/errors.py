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
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)


class DesignWarning(UserWarning):
    """A design entry that is accepted but ignored, unsupported, or dubious."""
