"""Design sweeps: vary keys of a design document, run the variants in parallel, combine.

Modules: ``paths`` (addressing keys of the document), ``values`` (VALUES syntax),
``plan`` (parameters -> variants), ``evaluate`` (one variant, on a worker), ``execute``
(serial, process pool, Dask), ``store`` (parts + manifest on disk), ``combine`` (one
Dataset), ``rank`` (best variants), ``progress``, ``sweepfile``, ``api``
(:func:`raft_sim.sweep`). See docs/sweeps.md.
"""
