"""A bounded, content-keyed cache of what :func:`raft_sim.system.prepare.prepare` builds.

A design sweep prepares many designs that share most of their parts (the rotor when only
the mooring varies, the hull when only the ballast varies...). :class:`ContentCache` keeps
the last values computed for each kind of part, keyed by a SHA-256 hash of the pickled
inputs that determine them, so an equal part is built once per process.

Keys are built from the inputs' content, never their names or identity. Pickling is a
faithful serialisation, so two inputs with the same bytes have the same content: a wrong
hit is impossible; at worst equal content pickles differently (e.g. one object referenced
twice where the other has two equal copies) and is computed again.

The inputs of one kind may be a tuple of parts; each part is hashed on its own and the key
is the hash of the parts' digests. Within :meth:`ContentCache.batch` (one ``prepare``) a part
met again as the same object (the platform of the hydro database and of the mass, the
turbine of the mass and of the tower top) is not pickled again: nothing changes an input
while it runs.
"""
from __future__ import annotations

import hashlib
import pickle
import warnings
from collections import OrderedDict
from contextlib import contextmanager
from typing import Callable


def content_key(value) -> str:
    """SHA-256 hex digest of ``pickle.dumps(value)`` (protocol 5)."""
    return hashlib.sha256(pickle.dumps(value, protocol=5)).hexdigest()


class ContentCache:
    """Least-recently-used values by (kind, content of the inputs), bounded per kind.

    Parameters
    ----------
    size : int
        Entries kept per kind (the least recently used is dropped beyond it).

    Attributes
    ----------
    hits, misses : dict of str to int
        Lookups per kind that found a value / computed one.

    Notes
    -----
    Cached values are shared, never copied: they must not be changed by their users (the
    parts of a ``Prepared`` are read only). Warnings raised while a value is computed are
    kept with it and raised again on every hit, so each user sees the same warnings.
    """

    def __init__(self, size: int = 8):
        if size < 1:
            raise ValueError(f"size: expected at least 1 entry, got {size}")
        self.size = int(size)
        self._entries: dict[str, OrderedDict] = {}
        self.hits: dict[str, int] = {}
        self.misses: dict[str, int] = {}
        self._batch: dict[int, tuple] | None = None  # id(part) -> (part, digest) in a batch

    @contextmanager
    def batch(self):
        """Lookups whose inputs do not change meanwhile: a part seen again as the same
        object reuses its digest (see the module notes). Re-entrant."""
        if self._batch is not None:
            yield self
            return
        self._batch = {}
        try:
            yield self
        finally:
            self._batch = None

    def _digest(self, part) -> str:
        memo = self._batch
        if memo is None:
            return content_key(part)
        found = memo.get(id(part))
        if found is None or found[0] is not part:
            found = memo[id(part)] = (part, content_key(part))
        return found[1]

    def key(self, inputs) -> str:
        """Key of ``inputs``: a tuple's parts hashed one by one, then their digests."""
        parts = inputs if type(inputs) is tuple else (inputs,)
        return hashlib.sha256("".join(self._digest(part) for part in parts).encode()).hexdigest()

    def get(self, kind: str, inputs, compute: Callable[[], object]):
        """The value for ``inputs`` of ``kind``: cached, or ``compute()`` (then kept).

        Parameters
        ----------
        kind : str
            What is cached (one bounded table per kind).
        inputs : object
            Everything ``compute`` depends on (picklable).
        compute : callable () -> object

        Returns
        -------
        object
        """
        table = self._entries.setdefault(kind, OrderedDict())
        key = self.key(inputs)
        if key in table:
            table.move_to_end(key)
            self.hits[kind] = self.hits.get(kind, 0) + 1
            value, caught = table[key]
        else:
            with warnings.catch_warnings(record=True) as recorded:
                warnings.simplefilter("always")
                value = compute()
            caught = tuple(recorded)
            self.misses[kind] = self.misses.get(kind, 0) + 1
            table[key] = (value, caught)
            if len(table) > self.size:
                table.popitem(last=False)
        for w in caught:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        return value

    def clear(self) -> None:
        """Forget every value (the counters too)."""
        self._entries.clear()
        self.hits.clear()
        self.misses.clear()
