"""Readers of WAMIT output files, dimensionalised into a hydrodynamic database.

WAMIT writes its coefficients without dimensions, with the fluid density rho, gravity g,
the length scale ULEN = L and the wave amplitude A (WAMIT manual, section 4):

- ``.1`` rows ``PER I J Abar Bbar``: A_ij = Abar rho L^k, B_ij = Bbar rho L^k omega, with
  k = 3, 4, 5 for (translation, translation), mixed, (rotation, rotation) pairs. PER = -1
  is the zero-frequency limit and PER = 0 the infinite-frequency limit (A only).
- ``.3`` rows ``PER BETA I Mod Pha Re Im``: X_i = (Re + i Im) rho g A L^m, m = 2 for forces
  and 3 for moments; BETA [deg] is the direction the waves travel towards.
- ``.hst`` rows ``I J Cbar``: C_ij = Cbar rho g L^k, k = 2, 3, 4 as for the added mass less one.
- ``.12d`` rows ``PER1 PER2 BETA1 BETA2 I Mod Pha Re Im`` (difference-frequency QTF): the
  mean drift is the diagonal PER1 = PER2, BETA1 = BETA2, F_i = Re rho g A^2 L^n, n = 1 for
  forces and 2 for moments.

``PER`` is the wave period [s] (WAMIT's default ``IPEROUT = 1``); pass ``period=False`` for
files written with angular frequency [rad/s]. Rows that WAMIT omits are zero. Indices I
(load) and J (motion) run 1..6 in raft_sim's DOF order.

Phase convention: WAMIT's complex amplitudes are those of Re(X exp(+i omega t)), with the
phase relative to the incident-wave elevation at the origin, as raft_sim's; the excitation
is therefore used as read (the test against strip theory's Froude-Krylov limit checks it).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from raft_sim.conventions import DOFS, GRAVITY, RHO_WATER

__all__ = ["read_radiation", "read_excitation", "read_hydrostatics", "read_mean_drift",
           "wamit_database"]


def _rotational(index) -> np.ndarray:
    """1 for rotational DOFs (WAMIT indices 4..6), 0 for translations (1..3)."""
    return (np.asarray(index) > 3).astype(int)


def _omega(per: np.ndarray, period: bool) -> np.ndarray:
    return 2.0 * np.pi / per if period else per


def _table(path) -> np.ndarray:
    """Numeric rows of a WAMIT file as a 2-D float array (short rows padded with NaN)."""
    import pandas as pd

    table = pd.read_csv(path, sep=r"\s+", header=None, names=range(12), dtype=float, engine="c")
    return table.dropna(axis=1, how="all").to_numpy()


def _matrices(keys, i, j, values, key_values):
    """Scatter values into (len(key_values), 6, 6) by the row key and 1-based indices."""
    out = np.zeros((len(key_values), 6, 6))
    out[np.searchsorted(key_values, keys), i - 1, j - 1] = values
    return out


def read_radiation(path, rho: float = RHO_WATER, length: float = 1.0, period: bool = True):
    """Added mass and radiation damping from a WAMIT ``.1`` file.

    Parameters
    ----------
    path : str or Path
    rho : float
        Water density used to dimensionalise [kg/m^3].
    length : float
        WAMIT's ULEN [m].
    period : bool
        First column is the period [s] (True) or the angular frequency [rad/s].

    Returns
    -------
    omega : ndarray, shape (F,)
        Finite frequencies, ascending [rad/s].
    added_mass, damping : ndarray, shape (F, 6, 6)
        [i, j] = load in DOF i per unit acceleration / velocity of DOF j [SI].
    added_mass_zero, added_mass_infinite : ndarray, shape (6, 6), or None
        Limits at omega = 0 (PER = -1) and omega = inf (PER = 0), where the file has them.
    """
    t = _table(path)
    per, i, j = t[:, 0], t[:, 1].astype(int), t[:, 2].astype(int)
    scale = rho * length ** (3 + _rotational(i) + _rotational(j))
    # limits: PER = -1 is omega = 0 and PER = 0 is omega = inf (for frequencies: 0 and -1)
    zero, infinite = (per == -1.0, per == 0.0) if period else (per == 0.0, per == -1.0)
    finite = ~(zero | infinite)
    omega_rows = _omega(per[finite], period)
    omega = np.unique(omega_rows)
    a = _matrices(omega_rows, i[finite], j[finite], t[finite, 3] * scale[finite], omega)
    b = _matrices(omega_rows, i[finite], j[finite], t[finite, 4] * scale[finite] * omega_rows, omega)
    return omega, a, b, _limit(zero, i, j, t[:, 3] * scale), _limit(infinite, i, j, t[:, 3] * scale)


def _limit(rows, i, j, values):
    """(6, 6) matrix of the selected rows, or None if there are none."""
    return _matrices(np.zeros(rows.sum()), i[rows], j[rows], values[rows], [0.0])[0] if rows.any() else None


def read_excitation(path, rho: float = RHO_WATER, g: float = GRAVITY, length: float = 1.0,
                    period: bool = True):
    """Wave excitation per unit amplitude from a WAMIT ``.3`` (or ``.2``) file.

    Parameters
    ----------
    path : str or Path
    rho, g : float
        Density [kg/m^3] and gravity [m/s^2] used to dimensionalise.
    length : float
        WAMIT's ULEN [m].
    period : bool
        First column is the period [s] (True) or the angular frequency [rad/s].

    Returns
    -------
    omega : ndarray, shape (F,)
        Ascending [rad/s].
    direction : ndarray, shape (D,)
        Wave directions, ascending, as in the file (converted to rad).
    excitation : ndarray, complex, shape (F, D, 6)
        [N/m, N m/m], e^{+i omega t} convention, phase of the crest at the origin.
    """
    t = _table(path)
    t = t[t[:, 0] > 0]
    w_rows, beta_rows, i = _omega(t[:, 0], period), np.deg2rad(t[:, 1]), t[:, 2].astype(int)
    omega, direction = np.unique(w_rows), np.unique(beta_rows)
    x = np.zeros((omega.size, direction.size, 6), dtype=complex)
    scale = rho * g * length ** (2 + _rotational(i))
    x[np.searchsorted(omega, w_rows), np.searchsorted(direction, beta_rows), i - 1] = \
        (t[:, 5] + 1j * t[:, 6]) * scale
    return omega, direction, x


def read_hydrostatics(path, rho: float = RHO_WATER, g: float = GRAVITY, length: float = 1.0):
    """Hydrostatic stiffness from a WAMIT ``.hst`` file, (6, 6) [N/m, N/rad, N m/rad]."""
    t = _table(path)
    i, j = t[:, 0].astype(int), t[:, 1].astype(int)
    scale = rho * g * length ** (2 + _rotational(i) + _rotational(j))
    return _matrices(np.zeros(len(t)), i, j, t[:, 2] * scale, [0.0])[0]


def read_mean_drift(path, rho: float = RHO_WATER, g: float = GRAVITY, length: float = 1.0,
                    period: bool = True):
    """Mean wave drift loads from a WAMIT ``.12d`` (difference-frequency QTF) file.

    Kept for the second-order work to come: the diagonal of the QTF (equal frequencies and
    equal directions) is the mean load per square metre of wave amplitude.

    Returns
    -------
    xarray.DataArray
        dims (omega, wave_direction, influenced_dof), real [N/m^2, N m/m^2].
    """
    import xarray as xr

    t = _table(path)
    diag = (t[:, 0] == t[:, 1]) & (t[:, 2] == t[:, 3]) & (t[:, 0] > 0)
    t = t[diag]
    w_rows, beta_rows, i = _omega(t[:, 0], period), np.deg2rad(t[:, 2]), t[:, 4].astype(int)
    omega, direction = np.unique(w_rows), np.unique(beta_rows)
    f = np.zeros((omega.size, direction.size, 6))
    f[np.searchsorted(omega, w_rows), np.searchsorted(direction, beta_rows), i - 1] = \
        t[:, 7] * rho * g * length ** (1 + _rotational(i))
    return xr.DataArray(f, dims=("omega", "wave_direction", "influenced_dof"),
                        coords={"omega": omega, "wave_direction": direction, "influenced_dof": list(DOFS)},
                        name="mean_drift", attrs={"units": "N/m^2, N m/m^2 (per m^2 of wave amplitude)"})


def wamit_database(root, rho: float = RHO_WATER, g: float = GRAVITY, length: float = 1.0,
                   water_depth: float = np.inf, period: bool = True):
    """Hydrodynamic database from the WAMIT files ``<root>.1``, ``.3`` and, if present, ``.hst``.

    This is RAFT's ``hydroPath`` (``potModMaster: 3``): ``root`` is the path without extension.
    Without a ``.3`` file the excitation is zero (with one wave direction, 0) and the
    Dataset's ``excitation_source`` attribute says "none". Excitation rows are interpolated
    linearly onto the ``.1`` frequencies if the two files' grids differ.

    Parameters
    ----------
    root : str or Path
    rho, g : float
        [kg/m^3], [m/s^2].
    length : float
        WAMIT's ULEN [m].
    water_depth : float
        Depth of the WAMIT run [m] (recorded in the attributes only).
    period : bool
        See :func:`read_radiation`.

    Returns
    -------
    xarray.Dataset
        See :mod:`raft_sim.hydro.database`.
    """
    from raft_sim.hydro.database import hydro_database, interp_rows

    root = Path(root)
    omega, a, b, a0, a_inf = read_radiation(f"{root}.1", rho, length, period)
    exc_file = Path(f"{root}.3")
    if exc_file.is_file():
        w3, direction, x3 = read_excitation(exc_file, rho, g, length, period)
        x = x3 if np.array_equal(w3, omega) else interp_rows(omega, w3, x3)
    else:
        direction, x = np.zeros(1), np.zeros((omega.size, 1, 6), complex)
    hst = Path(f"{root}.hst")
    c = read_hydrostatics(hst, rho, g, length) if hst.is_file() else None
    ds = hydro_database(omega, a, b, x, direction, rho=rho, g=g, water_depth=water_depth,
                        source=f"WAMIT {root}", added_mass_zero=a0, added_mass_infinite=a_inf,
                        hydrostatic_stiffness=c)
    ds.attrs["excitation_source"] = str(exc_file) if exc_file.is_file() else "none"
    return ds
