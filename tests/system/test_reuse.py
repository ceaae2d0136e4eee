"""Keys of the content cache (raft_sim.system.reuse): content, not identity, decides them."""
from __future__ import annotations

import numpy as np

from raft_sim.system import reuse


def test_batch_hashes_a_repeated_part_once_and_keys_stay_content_keys(monkeypatch):
    # SOURCE: design (system/reuse.py): a key depends only on the content of the inputs,
    # with or without a batch; inside a batch the same object is pickled once.
    cache = reuse.ContentCache()
    part, other = {"x": np.arange(4.0)}, {"x": np.arange(4.0)}  # equal content, two objects
    plain = (cache.key((part, 1.0)), cache.key((part, 2.0)))
    hashed = []
    real = reuse.content_key
    monkeypatch.setattr(reuse, "content_key", lambda value: hashed.append(value) or real(value))
    with cache.batch():
        batched = (cache.key((part, 1.0)), cache.key((part, 2.0)))
        assert cache.key((other, 1.0)) == batched[0]
    assert batched == plain and plain[0] != plain[1]
    assert sum(value is part for value in hashed) == 1 and sum(value is other for value in hashed) == 1
    hashed.clear()
    cache.key((part, 1.0))  # outside a batch nothing is remembered
    assert sum(value is part for value in hashed) == 1
    assert cache.key(part) == cache.key(other) != cache.key({"x": np.arange(5.0)})
