"""The frequency grid: bin widths, modal damping, a resolution check and grid refinement.

Every spectral sum in raft_sim (wave and wind amplitudes ``sqrt(2 S dw)``, variances
``sum(S dw)``, spectral moments) uses the one bin-width rule of :func:`bin_widths`, so any
increasing grid works, not only RAFT's uniform ``omega = dw, 2 dw, ..., F dw``.

**Bin widths (Voronoi cells).** Frequency ``w_i`` stands for the cell between the midpoints
to its neighbours. The end cells are symmetric about the end frequencies (they extend by
half the adjacent spacing), except that no cell reaches below 0 rad/s. Hence

- on a uniform grid every width is the spacing: RAFT's ``sum(S) * dw`` exactly (the grid
  ``dw, 2 dw, ...`` covers ``[dw/2, (F + 1/2) dw]``, RAFT's midpoint rule);
- on any grid, ``sum(S * widths)`` is the trapezoid rule over ``[w_0, w_F-1]`` plus the two
  half end cells, so a smooth PSD is integrated with second-order accuracy in the largest
  spacing, also on irregular grids; a grid starting at 0 gets trapezoid end weights.

**Resolution of a lightly damped mode.** Near a natural frequency ``w_n`` with damping
ratio ``zeta`` the response PSD is close to a Lorentzian of half-width ``g = zeta w_n``,
i.e. of half-power bandwidth ``b = 2 zeta w_n``. Summed on a uniform grid of spacing ``h``
whose nearest point is offset by ``d`` from the peak, the Lorentzian's exact lattice sum
(Poisson summation) gives the relative variance error

    sinh(a) / (cosh(a) - cos(2 pi d / h)) - 1,      a = pi b / h,

which lies between ``tanh(a/2) - 1`` and ``coth(a/2) - 1``, i.e. within about
``+-2 exp(-pi b / h)``. With ``points`` bins per bandwidth (:data:`DEFAULT_POINTS` = 2) the
worst case is 0.4 %; with one bin it is -8 % / +9 %; a bandwidth of a tenth of a bin can be
off by a factor of 5 or more. :func:`resolution_check` flags modes with ``b < points * h``.

**Refinement.** :func:`refined_grid` adds, around each flagged mode,
``w_n + g sinh(j du)`` for integers ``j``, with ``du = 2 / points_per_bandwidth``: the spacing
is ``b / points_per_bandwidth`` at the peak and grows in proportion to the distance from
it, so every added interval carries a bounded share of the mode's variance. On such a
grid the Voronoi widths are ``g cosh(u) sinh(du)``, i.e. ``sinh(du)/du`` times the exact
Jacobian ``g cosh(u) du``, so the Lorentzian's variance comes out high by
``sinh(du)/du - 1 ~ du^2/6``: 1.0 % for 8 points per bandwidth, 0.26 % for the default 16,
0.12 % for 24 (the default is checked in tests/test_frequency.py). Points stop where their spacing
reaches the original local bin ``h`` (from there the original grid is as fine). They stay
below the top of the range the original cells cover, but may reach below its bottom, down
towards 0 rad/s: a resonance's quasi-static tail, excited by turbulent wind whose spectrum
grows towards 0, is part of its variance (OC3 near rated: a quarter of the surge variance
lies below RAFT's first bin). A ladder that runs into 0 gets one more point, at a third of
its lowest one, so that the first cell starts at 0 rad/s. A mode costs about
``points_per_bandwidth * acosh(points_per_bandwidth * h / b)`` points: 118 for ``b = h/50``,
81 for ``b = h/5``. A mode adds no point where the grid is already as fine as its ladder
(so equal or overlapping modes, or the modes of several cases passed together, share their
points). At most ``max_added`` points are added in total (``du`` grows evenly if needed).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from raft_sim.conventions import DOFS

DEFAULT_POINTS = 2.0
"""Bins per half-power bandwidth below which a mode counts as under-resolved [-]."""

DEFAULT_POINTS_PER_BANDWIDTH = 16
"""Added points per half-power bandwidth at a refined natural frequency [-]."""

DEFAULT_MAX_ADDED = 400
"""Cap on the number of points :func:`refined_grid` adds [-]."""

_UNIFORM_RTOL = 1e-10  # spacings equal to this relative tolerance count as uniform


# ----------------------------------------------------------------------------- bins
def bin_edges(omega: ArrayLike) -> np.ndarray:
    """Edges of the Voronoi cells of a frequency grid.

    Parameters
    ----------
    omega : array_like, shape (F,)
        Strictly increasing angular frequencies >= 0 [rad/s].

    Returns
    -------
    numpy.ndarray, shape (F + 1,)
        Cell edges [rad/s]: midpoints between neighbours inside; ``w_0 - (w_1 - w_0)/2``
        (not below 0) and ``w_F-1 + (w_F-1 - w_F-2)/2`` at the ends. A single frequency
        ``w`` gets the cell ``[w/2, 3w/2]`` (RAFT's grid with one point).
    """
    w = _grid(omega)
    if w.size == 1:
        return np.array([0.5 * w[0], 1.5 * w[0]])
    mid = 0.5 * (w[1:] + w[:-1])
    lo = max(w[0] - 0.5 * (w[1] - w[0]), 0.0)
    return np.concatenate([[lo], mid, [w[-1] + 0.5 * (w[-1] - w[-2])]])


def bin_widths(omega: ArrayLike) -> np.ndarray:
    """Bin width of each frequency: the width of its Voronoi cell (:func:`bin_edges`).

    The one definition used for amplitudes ``sqrt(2 S dw)``, variances and spectral
    moments. On a grid uniform to 1e-10 every width is set to the exact mean spacing
    ``(w_F-1 - w_0) / (F - 1)``, free of differencing round-off (RAFT parity; the first
    cell is then also the full spacing, which needs ``w_0 >= dw/2``, true for RAFT's grid).

    Parameters
    ----------
    omega : array_like, shape (F,)
        Strictly increasing angular frequencies >= 0 [rad/s].

    Returns
    -------
    numpy.ndarray, shape (F,)
        Widths [rad/s]; they sum to the covered range ``edges[-1] - edges[0]``.
    """
    w = _grid(omega)
    if w.size > 2:
        step = np.diff(w)
        mean = (w[-1] - w[0]) / (w.size - 1)
        if np.ptp(step) <= _UNIFORM_RTOL * mean and w[0] >= 0.5 * mean:
            return np.full(w.size, mean)
    return np.diff(bin_edges(w))


def _grid(omega: ArrayLike) -> np.ndarray:
    """Validated 1-D grid: non-empty, finite, >= 0, strictly increasing."""
    w = np.asarray(omega, dtype=float).reshape(-1)
    if w.size == 0 or not np.all(np.isfinite(w)) or w[0] < 0 or np.any(np.diff(w) <= 0):
        raise ValueError("frequency grid must be non-empty, finite, >= 0 and strictly increasing")
    return w


def local_bin_width(omega: ArrayLike, frequency: ArrayLike) -> np.ndarray:
    """Width of the grid cell containing each frequency (nearest end cell outside).

    Parameters
    ----------
    omega : array_like, shape (F,)
        Frequency grid [rad/s].
    frequency : array_like
        Frequencies to locate [rad/s].

    Returns
    -------
    numpy.ndarray
        Bin widths [rad/s], shape of ``frequency``.
    """
    w = _grid(omega)
    cell = np.searchsorted(bin_edges(w), np.asarray(frequency, dtype=float), side="right") - 1
    return bin_widths(w)[np.clip(cell, 0, w.size - 1)]


def _covered(omega: ArrayLike, frequency: ArrayLike) -> np.ndarray:
    """Whether each frequency lies inside the range the grid's cells cover."""
    edges = bin_edges(omega)
    f = np.asarray(frequency, dtype=float)
    return (f >= edges[0]) & (f <= edges[-1])


# ----------------------------------------------------------------------------- modes
@dataclass(frozen=True, eq=False)
class ModalDamping:
    """Natural frequency and damping ratio of the mode each DOF dominates.

    Attributes
    ----------
    dofs : tuple of str
        DOF names, in matrix order (``conventions.DOFS`` for 6 DOFs).
    frequencies : numpy.ndarray, shape (n,)
        Undamped natural frequency of the mode assigned to each DOF [rad/s]; NaN for a mode
        with zero or negative stiffness.
    ratios : numpy.ndarray, shape (n,)
        Modal damping ratio ``phi^T B phi / (2 w_n phi^T M phi)`` [-]; NaN where the
        frequency is NaN.
    """

    dofs: tuple[str, ...]
    frequencies: np.ndarray
    ratios: np.ndarray

    @property
    def bandwidths(self) -> np.ndarray:
        """Half-power bandwidths ``2 zeta w_n`` [rad/s], shape (n,)."""
        return 2.0 * self.ratios * self.frequencies


def modal_damping(mass: ArrayLike, damping: ArrayLike, stiffness: ArrayLike, omega: ArrayLike,
                  dofs: tuple[str, ...] | None = None, max_iter: int = 30,
                  rtol: float = 1e-9) -> ModalDamping:
    """Natural frequencies and damping ratios of the rigid-body modes.

    The modes are the undamped modes of ``(M(w), K)`` (:func:`raft_sim.solve.modes.natural_modes`,
    which also assigns each mode to a DOF). Mass and damping may depend on frequency; then
    each DOF's mode is found by the fixed point ``w_n = eig(M(w_n), K)``, with ``M`` and ``B``
    linearly interpolated on ``omega`` (held constant outside it). The damping ratio is
    ``zeta = phi^T B(w_n) phi / (2 w_n phi^T M(w_n) phi)``, exact for proportional damping.

    Parameters
    ----------
    mass : array_like, shape (F, n, n) or (n, n)
        Mass including added mass [kg, kg m, kg m^2].
    damping : array_like, shape (F, n, n) or (n, n)
        Linear damping [N s/m, N m s/rad ...].
    stiffness : array_like, shape (n, n)
        Total stiffness [N/m, N m/rad ...].
    omega : array_like, shape (F,)
        Frequency grid of ``mass`` and ``damping`` [rad/s].
    dofs : tuple of str, optional
        DOF names; default ``conventions.DOFS`` for n = 6.
    max_iter : int
        Iterations of the fixed point for frequency-dependent mass [-].
    rtol : float
        Relative tolerance on the frequency of that fixed point [-].

    Returns
    -------
    ModalDamping

    Warns
    -----
    DesignWarning
        From ``natural_modes``, for modes with non-positive stiffness.
    """
    from raft_sim.solve.modes import natural_modes

    w = _grid(omega)
    k = np.asarray(stiffness, dtype=float)
    m_of, b_of = _interpolator(mass, w), _interpolator(damping, w)
    names = dofs if dofs is not None else (DOFS if k.shape[0] == 6 else None)
    solved: dict[bytes, object] = {}

    def modes_of(m: np.ndarray):  # one eigen-solve per distinct mass matrix
        key = m.tobytes()
        if key not in solved:
            solved[key] = natural_modes(m, k, names)
        return solved[key]
    first = modes_of(m_of(w[0]))
    names = tuple(first.dof_frequencies)
    freq, ratio = np.full(len(names), np.nan), np.full(len(names), np.nan)
    for i, name in enumerate(names):
        wn, modes = first.dof_frequencies[name], first
        for _ in range(max_iter if np.ndim(mass) == 3 else 0):
            if not wn > 0:
                break
            modes = modes_of(m_of(wn))
            wn, old = modes.dof_frequencies[name], wn
            if abs(wn - old) <= rtol * old:
                break
        if wn > 0:
            phi = modes.shapes[:, modes.dominant_dof.index(name)]
            freq[i] = wn
            ratio[i] = phi @ b_of(wn) @ phi / (2.0 * wn * (phi @ m_of(wn) @ phi))
    return ModalDamping(names, freq, ratio)


def _interpolator(matrix: ArrayLike, omega: np.ndarray):
    """``f(w) -> (n, n)``: a constant matrix, or (F, n, n) interpolated linearly on omega."""
    a = np.asarray(matrix, dtype=float)
    if a.ndim == 2:
        return lambda _w: a
    if a.ndim != 3 or a.shape[0] != omega.size:
        raise ValueError(f"matrix of shape {a.shape} does not match {omega.size} frequencies")
    flat = a.reshape(omega.size, -1)

    def at(wn: float) -> np.ndarray:
        i = int(np.clip(np.searchsorted(omega, wn) - 1, 0, max(omega.size - 2, 0)))
        if omega.size == 1:
            return a[0]
        t = float(np.clip((wn - omega[i]) / (omega[i + 1] - omega[i]), 0.0, 1.0))
        return ((1.0 - t) * flat[i] + t * flat[i + 1]).reshape(a.shape[1:])
    return at


# ----------------------------------------------------------------------------- check
def variance_error_bounds(bandwidth: ArrayLike, bin_width: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Range of the relative variance error of a Lorentzian peak summed on a uniform grid.

    SOURCE: the lattice sum of a Lorentzian (Poisson summation),
    ``sum_n h / ((n h + d)^2 + g^2) = (pi / g) sinh(2 pi g / h) / (cosh(2 pi g / h) - cos(2 pi d / h))``,
    extreme over the offset ``d`` of the peak from the nearest grid point.

    Parameters
    ----------
    bandwidth : array_like
        Half-power bandwidth ``2 g`` of the peak [rad/s].
    bin_width : array_like
        Grid spacing h [rad/s].

    Returns
    -------
    (low, high) : tuple of numpy.ndarray
        ``tanh(a/2) - 1`` (peak midway between points) and ``coth(a/2) - 1`` (peak on a
        point), ``a = pi bandwidth / bin_width`` [-]; high is inf for a zero bandwidth.
    """
    half = 0.5 * np.pi * np.asarray(bandwidth, float) / np.asarray(bin_width, float)
    with np.errstate(divide="ignore"):
        return np.tanh(half) - 1.0, 1.0 / np.tanh(half) - 1.0


@dataclass(frozen=True)
class ResolutionFinding:
    """A lightly damped mode that the frequency grid does not resolve.

    Attributes
    ----------
    dof : str
        DOF that dominates the mode.
    frequency : float
        Natural frequency [rad/s].
    ratio : float
        Damping ratio [-].
    bandwidth : float
        Half-power bandwidth ``2 zeta w_n`` [rad/s].
    bin_width : float
        Width of the grid cell at the natural frequency (nearest end cell if outside) [rad/s].
    required_bin_width : float
        Bin width that resolves the mode, ``bandwidth / points`` [rad/s].
    inside : bool
        Whether the natural frequency lies inside the range the grid covers.
    """

    dof: str
    frequency: float
    ratio: float
    bandwidth: float
    bin_width: float
    required_bin_width: float
    inside: bool

    @property
    def required_min_freq(self) -> float:
        """``settings.min_freq`` of a RAFT uniform grid that resolves the mode [Hz]."""
        return self.required_bin_width / (2.0 * np.pi)

    @property
    def error_bounds(self) -> tuple[float, float]:
        """Range of the relative error of the mode's resonant variance on this bin [-]."""
        low, high = variance_error_bounds(self.bandwidth, self.bin_width)
        return float(low), float(high)


def resolution_check(omega: ArrayLike, frequencies: ArrayLike, ratios: ArrayLike,
                     labels: tuple[str, ...] = DOFS,
                     points: float = DEFAULT_POINTS) -> list[ResolutionFinding]:
    """Modes whose half-power bandwidth is narrower than ``points`` local bins.

    Parameters
    ----------
    omega : array_like, shape (F,)
        Frequency grid [rad/s].
    frequencies : array_like, shape (n,)
        Natural frequencies [rad/s]; NaN ones are skipped.
    ratios : array_like, shape (n,)
        Damping ratios [-] (<= 0 is flagged: no grid resolves an undamped mode).
    labels : tuple of str
        DOF label of each mode.
    points : float
        Bins required per half-power bandwidth [-]; the default 2 bounds the error of
        the resonant variance by 0.4 % (:func:`variance_error_bounds`).

    Returns
    -------
    list of ResolutionFinding
        In the order of ``labels``; empty when every mode is resolved.
    """
    wn, zeta = np.asarray(frequencies, float), np.asarray(ratios, float)
    valid = np.isfinite(wn) & (wn > 0) & ~np.isnan(zeta)
    band = 2.0 * np.maximum(zeta, 0.0) * wn
    h = local_bin_width(omega, np.where(valid, wn, 0.0))
    inside = _covered(omega, wn)
    bad = valid & ((band < points * h) | ~inside)
    return [ResolutionFinding(labels[i], float(wn[i]), float(zeta[i]), float(band[i]), float(h[i]),
                              float(band[i] / points), bool(inside[i])) for i in np.flatnonzero(bad)]


def resolution_message(finding: ResolutionFinding) -> str:
    """One warning line naming the DOF and the grid that would resolve its mode.

    Parameters
    ----------
    finding : ResolutionFinding

    Returns
    -------
    str
    """
    f = finding
    hz = f.frequency / (2.0 * np.pi)
    head = f"{f.dof} mode at {hz:.4g} Hz (damping ratio {f.ratio:.3g})"
    if f.bandwidth < 0.0:
        return (f"{head} is negatively damped (dynamically unstable): the linear response "
                "about this operating point is not meaningful")
    if f.bandwidth == 0.0:
        return f"{head} is undamped: its resonant response is unbounded on any frequency grid"
    if not f.inside:
        return (f"{head} lies outside the frequency grid: extend the grid to cover it "
                f"with bins <= {f.required_min_freq:.3g} Hz there")
    low, high = f.error_bounds
    return (f"{head} has a half-power bandwidth of {f.bandwidth / (2 * np.pi):.3g} Hz, narrower "
            f"than the local bin of {f.bin_width / (2 * np.pi):.3g} Hz: its resonant variance "
            f"may be off by {100 * low:+.0f} % to {100 * high:+.0f} %; use min_freq <= "
            f"{f.required_min_freq:.3g} Hz or refine the grid around {hz:.4g} Hz")


# ----------------------------------------------------------------------------- refine
def refined_grid(omega: ArrayLike, frequencies: ArrayLike, ratios: ArrayLike,
                 points: float = DEFAULT_POINTS,
                 points_per_bandwidth: float = DEFAULT_POINTS_PER_BANDWIDTH,
                 max_added: int = DEFAULT_MAX_ADDED) -> np.ndarray:
    """The grid plus points clustered around each under-resolved natural frequency.

    Around each mode flagged by :func:`resolution_check` (damping ratio > 0, below the top
    of the grid) the points ``w_n + zeta w_n sinh(j du)``, ``du = 2 / points_per_bandwidth``,
    are added for ``j = -J..J``, where J is where their spacing reaches the local bin;
    points above the top cell edge (:func:`bin_edges`), or less than half their spacing
    above 0, are dropped. The grid may so extend below its first cell; a ladder that runs
    into 0 gets a point at a third of its lowest one, so the grid then covers from 0 rad/s.
    If more than ``max_added`` points would be added, ``du`` grows so they fit (and any
    remainder is cut from the best-resolved modes).

    Parameters
    ----------
    omega : array_like, shape (F,)
        Original grid [rad/s]; every point is kept.
    frequencies : array_like, shape (n,)
        Natural frequencies [rad/s] (NaN skipped).
    ratios : array_like, shape (n,)
        Damping ratios [-].
    points : float
        Bins per half-power bandwidth below which a mode is refined [-].
    points_per_bandwidth : float
        Added points per half-power bandwidth at the peak [-].
    max_added : int
        Most points added in total [-].

    Returns
    -------
    numpy.ndarray, shape (F + added,)
        Strictly increasing grid [rad/s]; ``omega`` itself if no mode needs refining.
    """
    w = _grid(omega)
    top = bin_edges(w)[-1]
    labels = tuple(str(i) for i in range(np.size(frequencies)))
    found = [f for f in resolution_check(w, frequencies, ratios, labels, points)
             if f.ratio > 0 and f.frequency < top]
    found.sort(key=lambda f: f.bandwidth / f.bin_width)  # worst resolved first
    if not found or max_added <= 0:
        return w
    du = 2.0 / points_per_bandwidth
    for _ in range(8):   # coarsen the ladders evenly until they fit under the cap
        added = _ladders(w, found, du, top)
        if added.size <= max_added:
            break
        du *= 1.1 * added.size / max_added
    return _merge(w, added[:max_added])


def _ladders(omega: np.ndarray, found: list[ResolutionFinding], du: float, top: float) -> np.ndarray:
    """Ladder points of each mode in turn, each kept only where the grid so far is coarser
    than the ladder (so equal or overlapping modes do not add the same resolution twice)."""
    grid, added = omega, []
    for f in found:
        x, step = _ladder(f.frequency, 0.5 * f.bandwidth, du, f.bin_width, top)
        x = x[local_bin_width(grid, x) > 1.01 * step]
        grid = _merge(grid, x)
        added.append(x)
    return np.concatenate(added)


def _ladder(wn: float, g: float, du: float, h: float, top: float) -> tuple[np.ndarray, np.ndarray]:
    """Points ``wn + g sinh(j du)`` and their spacings ``g cosh(j du) du``, for ``|j|`` up to
    where the spacing reaches ``h``; those above ``top`` or less than half their spacing
    above 0 are dropped. If the ladder runs into 0, a point at a third of its lowest kept
    point is added, which makes the first cell start at 0 rad/s (:func:`bin_edges`)."""
    n = int(np.arccosh(max(h / (g * du), 1.0)) / du)
    u = du * np.arange(-n, n + 1)
    x, step = wn + g * np.sinh(u), g * np.cosh(u) * du
    keep = (x < top) & (x > 0.5 * step)
    x, step = x[keep], step[keep]
    if not keep[0] and x.size:
        return np.concatenate([[x[0] / 3.0], x]), np.concatenate([[2.0 * x[0] / 3.0], step])
    return x, step


def _merge(original: np.ndarray, added: np.ndarray) -> np.ndarray:
    """Sorted union keeping every original point; an added point within 1e-9 of the local
    bin of a kept point is dropped."""
    tol = 1e-9 * local_bin_width(original, added)
    i = np.searchsorted(original, added)
    gap = np.minimum(np.abs(added - original[np.maximum(i - 1, 0)]),
                     np.abs(original[np.minimum(i, original.size - 1)] - added))
    order = np.argsort(added)
    added, tol = added[order], tol[order]
    keep = (gap[order] > tol) & np.concatenate([[True], np.diff(added) > tol[1:]])
    return np.sort(np.concatenate([original, added[keep]]))
