"""One variant's summary as plain arrays: what a worker returns and a part file holds.

A summary has the variables, coordinates and attributes of an ``xarray.Dataset``
(:meth:`Summary.to_dataset`), without building one per variant: the sweep builds one
Dataset of all variants (:mod:`raft_sim.sweeps.combine`), and a Dataset of ~70 small
variables costs more to build and to pickle than the numbers in it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import xarray as xr


def _entry(dims, values, attrs=None) -> tuple:
    return (dims,) if isinstance(dims, str) else tuple(dims), np.asarray(values), dict(attrs or {})


@dataclass(frozen=True)
class Summary:
    """Variables of one variant, as ``name -> (dims, values, attrs)``.

    Attributes
    ----------
    data : dict
        Data variables: dims (tuple of str), values (ndarray), attrs (dict).
    coords : dict
        Coordinates, in the same form; those named as their only dim are indexes.
    attrs : dict
        Global attributes.
    """

    data: dict
    coords: dict
    attrs: dict

    @classmethod
    def of(cls, data: dict, coords: dict, attrs: dict | None = None) -> "Summary":
        """A summary of ``(dims, values[, attrs])`` entries (dims a str or a tuple)."""
        return cls({k: _entry(*v) for k, v in data.items()},
                   {k: _entry(*v) for k, v in coords.items()}, dict(attrs or {}))

    @classmethod
    def from_dataset(cls, ds: "xr.Dataset") -> "Summary":
        """The summary of a Dataset (e.g. from a custom ``evaluate``)."""
        def entries(names):
            return {n: (ds.variables[n].dims, ds.variables[n].values, ds.variables[n].attrs) for n in names}
        return cls.of(entries(ds.data_vars), entries(ds.coords), ds.attrs)

    def to_dataset(self) -> "xr.Dataset":
        """The same variables as an ``xarray.Dataset``."""
        import xarray as xr
        return xr.Dataset(self.data, coords=self.coords, attrs=self.attrs)

    @property
    def indexes(self) -> list[str]:
        """Coordinates that index their dim (named as their only dim)."""
        return [n for n, (dims, _, _) in self.coords.items() if dims == (n,)]

    def structure(self) -> tuple:
        """Names, roles, dims and shapes of the variables (equal for stackable summaries)."""
        return tuple((role, n, dims, values.shape) for role, entries in (("data", self.data),
                                                                        ("coord", self.coords))
                     for n, (dims, values, _) in entries.items())

    def blank(self) -> "Summary":
        """The summary with no values: NaN, False or '' (coordinates of cases included;
        indexes and the other coordinates kept)."""
        def empty(name, entry, is_coord):
            dims, values, attrs = entry
            if is_coord and (dims == (name,) or "case" not in dims):
                return entry
            kind = values.dtype.kind
            fill = False if kind == "b" else "" if kind in "USO" else np.nan
            return dims, np.full(values.shape, fill, dtype=values.dtype if kind in "bUSO" else float), attrs
        return Summary({n: empty(n, e, False) for n, e in self.data.items()},
                       {n: empty(n, e, True) for n, e in self.coords.items()}, dict(self.attrs))


def as_summary(result) -> Summary:
    """A variant's result as a :class:`Summary` (a Dataset is converted)."""
    return result if isinstance(result, Summary) else Summary.from_dataset(result)
