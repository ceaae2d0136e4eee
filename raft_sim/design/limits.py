"""Bounds on the work a design may ask for, each refused with a clear ``DesignError``.

The caps are far above any published design (the shipped ones use at most 30 members,
20 stations per member, 3 headings, 100 frequencies and 10 cases) and keep a hostile or
mistyped file from taking minutes and gigabytes before it fails. They are documented in
docs/cli.md ("Limits").
"""
from __future__ import annotations

MAX_FILE_BYTES = 16 * 1024 * 1024
"""Largest design, included or MoorDyn file read [bytes]."""
MAX_NODES = 1_000_000
"""Most YAML values in one file, counting every alias expansion (billion-laughs guard)."""
MAX_NESTING = 64
"""Deepest nesting of YAML mappings and lists in one file."""
MAX_INCLUDE_DEPTH = 16
"""Longest chain of ``include`` files below the design."""
MAX_MEMBERS = 500
"""Platform (or tower) members after heading copies."""
MAX_STATIONS = 1000
"""Stations of one member."""
MAX_HEADINGS = 360
"""Heading copies of one member entry."""
MAX_STRIPS = 20_000
"""Strips of one member (length / dlsMax)."""
MAX_FREQUENCIES = 10_000
"""Frequencies of the analysis grid (max_freq / min_freq)."""
MAX_CASES = 10_000
"""Load cases of one design."""
MAX_WAVE_SYSTEMS = 16
"""Wave systems of one load case."""
MAX_MOORING_ITEMS = 500
"""Mooring points, lines and line types (each)."""
MAX_BLADES = 20
"""Blades of a rotor (``nBlades``)."""
MAX_SECTORS = 360
"""Azimuthal sectors of the BEM evaluation (``nSector``)."""
MAX_ELEMENTS = 1000
"""Radial blade elements of the BEM (``nr``)."""
MAX_ITERATIONS = 1000
"""Drag-linearisation iterations (``nIter``)."""


def check_count(count: int, limit: int, path: str, what: str) -> None:
    """Raise ``DesignError(path, ...)`` when ``count`` exceeds ``limit``.

    Parameters
    ----------
    count : int
        Number of items asked for.
    limit : int
        Largest number accepted.
    path : str
        YAML path the items come from.
    what : str
        Plural noun for the message ("members", "frequencies").
    """
    if count > limit:
        from raft_sim.design.errors import DesignError
        raise DesignError(path, f"{count:,} {what} exceed the limit of {limit:,} (see 'Limits' in docs/cli.md)")
