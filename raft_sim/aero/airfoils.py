"""Airfoil polars per blade element, blended along the span as RAFT intends.

RAFT (``raft_rotor.py``, ``Rotor.__init__``) builds the polar of each blade element in
three steps, which this module reproduces with its own code:

1. every named airfoil polar is resampled (linear interpolation) on one common grid of
   200 angles of attack: 50 intervals from -180 to -30 deg, 99 from -30 to 30 deg and
   50 from 30 to 180 deg; the -180 deg value is made equal to the +180 deg value;
2. the relative thickness of each element is a PCHIP interpolation of the airfoils'
   relative thicknesses over their relative span positions (0 at the blade root
   station, 1 at the last station) at the element's relative position;
3. the element's cl, cd, cm are a PCHIP interpolation, in relative thickness, between
   the listed airfoils' polars (one polar per distinct thickness).

When the listed thicknesses do not decrease monotonically from root to tip (RAFT stops
there), polars are interpolated linearly in span position instead.

RAFT hands these tables to CCBlade, whose ``CCAirfoil`` fits smoothing splines to them
(smoothing factor 0.1 for cl, 0.001 for cd); by default the same smoothing is applied
here and the result resampled every 0.1 deg. Angles are in radians. Polars are evaluated
between grid points with a cubic spline per element, vectorised over any number of
(element, angle) pairs.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from raft_sim.design.objects import Airfoil, Blade


def raft_alpha_grid() -> np.ndarray:
    """RAFT's common angle-of-attack grid: 200 angles from -pi to pi [rad], shape (200,)."""
    deg = np.unique(np.hstack([
        np.linspace(-180.0, -30.0, 51),
        np.linspace(-30.0, 30.0, 100),
        np.linspace(30.0, 180.0, 51),
    ]))
    return np.radians(deg)


def resampled_polar(airfoil: Airfoil, alpha: np.ndarray) -> np.ndarray:
    """cl, cd, cm of one airfoil, linearly resampled on ``alpha``.

    Parameters
    ----------
    airfoil : Airfoil
        Polar with ascending ``alpha`` [rad].
    alpha : ndarray, shape (m,)
        Ascending grid spanning -pi..pi [rad].

    Returns
    -------
    ndarray, shape (3, m)
        Rows cl, cd, cm [-]. Outside the tabulated range the end values are held; the
        value at ``alpha[0]`` is set to that at ``alpha[-1]`` so the polar is periodic.
    """
    table = np.vstack([airfoil.cl, airfoil.cd, airfoil.cm])
    out = np.array([np.interp(alpha, airfoil.alpha, row) for row in table])
    out[:, 0] = out[:, -1]
    return out


@dataclass(frozen=True, eq=False)
class ElementPolars:
    """Tabulated polars of every blade element on a common angle grid.

    Attributes
    ----------
    alpha : ndarray, shape (m,)
        Angle-of-attack grid [rad], ascending from -pi to pi.
    cl, cd, cm : ndarray, shape (n, m)
        Coefficients of each of the n elements on ``alpha`` [-].
    thickness : ndarray, shape (n,)
        Relative thickness of each element [-].
    """

    alpha: np.ndarray
    cl: np.ndarray
    cd: np.ndarray
    cm: np.ndarray
    thickness: np.ndarray

    def __post_init__(self):
        from scipy.interpolate import CubicSpline

        # per-interval cubic coefficients, shape (4, m-1, n), for vectorised evaluation
        for name in ("cl", "cd"):
            coef = CubicSpline(self.alpha, getattr(self, name).T, axis=0).c
            object.__setattr__(self, f"_{name}_coef", coef)

    @property
    def n_elements(self) -> int:
        return self.cl.shape[0]

    def coefficients(self, alpha: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Lift and drag coefficients of every element at given angles of attack.

        Parameters
        ----------
        alpha : ndarray, shape (..., n)
            Angle of attack [rad]; the last axis runs over the n elements. Any real
            value is accepted (wrapped into [-pi, pi)).

        Returns
        -------
        cl, cd : ndarray, shape (..., n)
        """
        alpha = np.asarray(alpha, dtype=float)
        wrapped = (alpha + np.pi) % (2.0 * np.pi) - np.pi
        idx = np.clip(np.searchsorted(self.alpha, wrapped, side="right") - 1,
                      0, self.alpha.size - 2)
        dx = wrapped - self.alpha[idx]
        elem = np.broadcast_to(np.arange(self.n_elements), wrapped.shape)
        out = []
        for coef in (self._cl_coef, self._cd_coef):
            c = coef[:, idx, elem]
            out.append(((c[0] * dx + c[1]) * dx + c[2]) * dx + c[3])
        return out[0], out[1]


def smoothed_polar(alpha: np.ndarray, values: np.ndarray, smoothing: float,
                   fine_alpha: np.ndarray) -> np.ndarray:
    """Smoothing cubic spline of a tabulated coefficient, resampled on ``fine_alpha``.

    This is the polar representation of CCBlade's ``CCAirfoil`` used by RAFT: a
    FITPACK smoothing spline (cubic in alpha, linear in a dummy Reynolds direction
    holding two identical copies of the data) with smoothing factor ``smoothing``
    (0.1 for cl, 0.001 for cd).

    Parameters
    ----------
    alpha : ndarray, shape (m,)
        Tabulated angles [rad].
    values : ndarray, shape (n, m)
        Coefficients of n elements [-].
    smoothing : float
        FITPACK smoothing factor over the duplicated table.
    fine_alpha : ndarray, shape (f,)
        Angles to resample on [rad].

    Returns
    -------
    ndarray, shape (n, f)
    """
    from scipy.interpolate import RectBivariateSpline

    dummy_re = np.array([1e1, 1e15])
    at_re = np.array([1e6])
    fine_alpha = np.asarray(fine_alpha, dtype=float)
    order = np.argsort(fine_alpha, kind="stable")  # grid evaluation needs ascending x
    values = np.ascontiguousarray(values, dtype=float)
    out = np.empty((values.shape[0], fine_alpha.size))
    done: dict[bytes, int] = {}  # bit-identical rows (e.g. root cylinder) are fitted once
    for i, row in enumerate(values):  # one spline fit per distinct element polar
        first = done.setdefault(row.tobytes(), i)
        if first != i:
            out[i] = out[first]
            continue
        spl = RectBivariateSpline(alpha, dummy_re, np.c_[row, row], kx=3, ky=1, s=smoothing)
        # grid evaluation (one Reynolds number) gives the same values as pointwise
        # evaluation at half the cost
        out[i, order] = spl(fine_alpha[order], at_re)[:, 0]
    return out


SMOOTHING_CL = 0.1
"""Smoothing factor of lift polars in CCBlade's CCAirfoil, as used by RAFT [-]."""

SMOOTHING_CD = 0.001
"""Smoothing factor of drag polars in CCBlade's CCAirfoil, as used by RAFT [-]."""


def element_polars(blade: Blade, airfoils: tuple[Airfoil, ...],
                   span_fraction: np.ndarray,
                   alpha: np.ndarray | None = None,
                   smooth: bool = True) -> ElementPolars:
    """Polars of blade elements at relative span positions, blended as RAFT intends.

    Parameters
    ----------
    blade : Blade
        Supplies ``airfoil_positions`` (k,) in 0..1 and ``airfoil_names`` (k,).
    airfoils : tuple of Airfoil
        The rotor's airfoil library, looked up by name.
    span_fraction : ndarray, shape (n,)
        Relative span position of each element, 0 at the first blade station and 1
        at the last [-].
    alpha : ndarray, optional
        Angle grid [rad]; RAFT's 200-angle grid by default.
    smooth : bool, optional
        Represent cl and cd by CCBlade's smoothing splines (see :func:`smoothed_polar`),
        resampled every 0.1 deg, as RAFT's rotor does (default). False: interpolating
        cubic splines through the blended table.

    Returns
    -------
    ElementPolars
    """
    alpha = raft_alpha_grid() if alpha is None else np.asarray(alpha, dtype=float)
    pos, thick, tables = _station_tables(blade, airfoils, alpha)
    elem_thick, blended = _blend(pos, thick, tables, np.asarray(span_fraction, dtype=float))
    cl, cd, cm = blended[:, 0], blended[:, 1], blended[:, 2]
    if smooth:
        fine = np.linspace(-np.pi, np.pi, 3601)
        cm = np.array([np.interp(fine, alpha, row) for row in cm])
        cl = smoothed_polar(alpha, cl, SMOOTHING_CL, fine)
        cd = smoothed_polar(alpha, cd, SMOOTHING_CD, fine)
        alpha = fine
    return ElementPolars(alpha=alpha, cl=cl, cd=cd, cm=cm, thickness=elem_thick)


def _station_tables(blade: Blade, airfoils, alpha):
    """Positions (k,), thicknesses (k,) and resampled polars (k, 3, m) of the stations."""
    from raft_sim.design.errors import DesignError

    library = {af.name: af for af in airfoils}
    missing = [name for name in blade.airfoil_names if name not in library]
    if missing:
        raise DesignError("turbine.blade.airfoils", f"unknown airfoil name(s) {missing}")
    if len(blade.airfoil_names) < 2:
        raise DesignError("turbine.blade.airfoils", "at least two airfoil positions are needed")
    station_af = [library[name] for name in blade.airfoil_names]
    thick = np.array([af.relative_thickness for af in station_af])
    tables = np.array([resampled_polar(af, alpha) for af in station_af])
    return np.asarray(blade.airfoil_positions, dtype=float), thick, tables


def _blend(pos, thick, tables, span_fraction):
    """Element thickness (n,) and blended polars (n, 3, m), as RAFT intends."""
    from scipy.interpolate import PchipInterpolator

    if np.all(np.diff(thick) <= 0.0):
        upos, ifirst = np.unique(pos, return_index=True)  # repeated positions: first one
        elem_thick = PchipInterpolator(upos, thick[ifirst])(span_fraction)
        uniq, first = np.unique(thick, return_index=True)
        if uniq.size == 1:
            return elem_thick, np.repeat(tables[first], span_fraction.size, axis=0)
        return elem_thick, PchipInterpolator(uniq, tables[first], axis=0)(elem_thick)
    elem_thick = np.interp(span_fraction, pos, thick)
    flat = tables.reshape(len(pos), -1)
    blended = np.array([np.interp(span_fraction, pos, col) for col in flat.T]).T
    return elem_thick, blended.reshape(span_fraction.size, *tables.shape[1:])
