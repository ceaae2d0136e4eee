"""Wind-speed Weibull bins expanded into load cases (``cases: {weibull: ...}``, a raft_sim addition).

```yaml
cases:
  weibull:
    scale: 11.3                 # Weibull A at hub height [m/s]
    shape: 2.0                  # Weibull k [-]
    wind_speeds: [4, 6, 8]      # bin centres [m/s], increasing; bins split halfway
    tails: end_bins             # end_bins (default) | exclude
    wave_height: [1.1, 1.3, 1.6]      # a case column: a scalar, or one entry per bin
    wave_period: 8.0
    turbulence: IB_NTM
```

Bin ``i`` covers ``[e_i, e_{i+1})``: the inner edges lie halfway between neighbouring
centres and the outer ones half a spacing beyond the end centres (clamped at 0 m/s).
Its probability is ``F(e_{i+1}) - F(e_i)`` with ``F(U) = 1 - exp(-(U/A)^k)``. The wind
outside the outer edges is, with ``tails: end_bins``, given to the end bins (the first
bin covers ``[0, e_1)``, the last ``[e_n, inf)``, so the probabilities sum to 1); with
``tails: exclude`` it is left out: the cases then cover less than the whole lifetime
and the loader warns how much is missing. Each bin becomes one row of RAFT's ``cases``
table with ``wind_speed`` = the centre and ``probability`` = the bin's probability.
"""
from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from raft_sim.design.errors import DesignError
from raft_sim.design.validate import Section, describe

WEIBULL_KEYS = ("scale", "shape", "wind_speeds", "tails")
TAILS = ("end_bins", "exclude")


def bin_edges(centres: ArrayLike) -> np.ndarray:
    """Edges of wind-speed bins around increasing centres [m/s].

    Parameters
    ----------
    centres : array_like, shape (n,)
        Bin centres [m/s], strictly increasing, >= 0.

    Returns
    -------
    numpy.ndarray, shape (n + 1,)
        Halfway between neighbours inside; half the end spacing beyond the end centres,
        clamped at 0 [m/s]. One bin: ``[0, inf)``.
    """
    u = np.asarray(centres, dtype=float)
    if u.size == 1:
        return np.array([0.0, np.inf])
    mid = (u[1:] + u[:-1]) / 2
    first, last = u[0] - (mid[0] - u[0]), u[-1] + (u[-1] - mid[-1])
    return np.concatenate([[max(first, 0.0)], mid, [last]])


def weibull_cdf(speed: ArrayLike, scale: float, shape: float) -> np.ndarray:
    """Weibull cumulative distribution ``1 - exp(-(U / A)^k)`` of the wind speed [-].

    Parameters
    ----------
    speed : array_like
        Wind speed U [m/s] (``inf`` allowed).
    scale : float
        A [m/s], > 0.
    shape : float
        k [-], > 0.
    """
    return -np.expm1(-(np.asarray(speed, dtype=float) / scale) ** shape)


def bin_probabilities(centres: ArrayLike, scale: float, shape: float,
                      tails: str = "end_bins") -> np.ndarray:
    """Probability of each wind-speed bin under a Weibull distribution.

    Parameters
    ----------
    centres : array_like, shape (n,)
        Bin centres [m/s] (:func:`bin_edges`).
    scale, shape : float
        Weibull A [m/s] and k [-].
    tails : {"end_bins", "exclude"}
        Whether the probability below the first and above the last edge goes to the end
        bins (the result sums to 1) or is left out.

    Returns
    -------
    numpy.ndarray, shape (n,)
        Fraction of the time in each bin [-].
    """
    edges = bin_edges(centres)
    if tails == "end_bins":
        edges[0], edges[-1] = 0.0, np.inf
    elif tails != "exclude":
        raise ValueError(f"tails: expected one of {', '.join(TAILS)}, got {tails!r}")
    return np.diff(weibull_cdf(edges, scale, shape))


def weibull_rows(sec: Section, case_keys) -> tuple[list[dict], list[str], float]:
    """The bins of a ``cases.weibull`` section as ``cases`` rows.

    Parameters
    ----------
    sec : Section
        The ``weibull`` mapping (unknown keys already reported by the caller).
    case_keys : iterable of str
        The ``cases`` column names (others are not case columns).

    Returns
    -------
    rows : list of dict
        Column -> value for each bin, with ``wind_speed`` and ``probability``.
    paths : list of str
        The YAML path that names each bin, e.g. ``cases.weibull.wind_speeds[2]``.
    excluded : float
        Probability left out by ``tails: exclude`` (0 with ``end_bins``) [-].
    """
    scale = sec.number("scale", positive=True)
    shape = sec.number("shape", positive=True)
    centres = sec.vector("wind_speeds", nonnegative=True, min_length=1)
    if np.any(np.diff(centres) <= 0):
        i = int(np.argmax(np.diff(centres) <= 0)) + 1
        raise DesignError(f"{sec.at('wind_speeds')}[{i}]", f"expected increasing wind speeds, got "
                          f"{centres[i]:g} after {centres[i - 1]:g}")
    tails = sec.string("tails", "end_bins").strip().lower()
    if tails not in TAILS:
        raise DesignError(sec.at("tails"), f"expected one of {', '.join(TAILS)}, got {describe(sec.data['tails'])}")
    n = centres.size
    columns = {}
    for key in case_keys:
        if not sec.has(key):
            continue
        value = sec.data[key]
        if isinstance(value, list):
            if len(value) != n:
                raise DesignError(sec.at(key), f"expected a scalar or a list of {n} values (one per wind "
                                  f"speed in wind_speeds), got a list of {len(value)}")
            columns[key] = value
        else:
            columns[key] = [value] * n
    probability = bin_probabilities(centres, scale, shape, tails)
    rows = [{**{k: v[i] for k, v in columns.items()}, "wind_speed": float(centres[i]),
             "probability": float(probability[i])} for i in range(n)]
    paths = [f"{sec.at('wind_speeds')}[{i}]" for i in range(n)]
    excluded = 0.0 if tails == "end_bins" else max(0.0, 1.0 - math.fsum(probability))
    return rows, paths, excluded
