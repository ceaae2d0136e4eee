"""Undamped natural frequencies and mode shapes of the rigid-body system.

Solves the generalised eigenproblem ``K v = omega^2 M v`` (M includes added mass, K
hydrostatics + gravity + mooring + any extra springs). Each mode is then assigned to the
degree of freedom it moves most, in the manner of RAFT: going through the DOFs from last
to first (rotations before translations, since a pitch mode of a spar also carries a
large surge component in metres), each DOF claims the not-yet-claimed mode with the
largest component of that DOF in the unit-norm eigenvectors.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np

from raft_sim.conventions import DOFS
from raft_sim.design.errors import DesignWarning


@dataclass(frozen=True, eq=False)
class NaturalModes:
    """Natural modes sorted by ascending frequency.

    Attributes
    ----------
    frequencies : ndarray, shape (n,)
        Natural frequencies [rad/s]; 0 for a mode with non-positive stiffness.
    periods : ndarray, shape (n,)
        Natural periods ``2 pi / omega`` [s]; inf for a non-positive stiffness.
    shapes : ndarray, shape (n, n)
        Mode shapes as columns, scaled so the largest-magnitude component is +1
        [m or rad, relative].
    dominant_dof : tuple of str, length n
        DOF each mode is assigned to.
    dof_periods : dict of str to float
        Period of the mode assigned to each DOF [s].
    dof_frequencies : dict of str to float
        Frequency of the mode assigned to each DOF [rad/s].
    """

    frequencies: np.ndarray
    periods: np.ndarray
    shapes: np.ndarray
    dominant_dof: tuple[str, ...]
    dof_periods: dict[str, float] = field(default_factory=dict)
    dof_frequencies: dict[str, float] = field(default_factory=dict)

    @property
    def frequencies_hz(self) -> np.ndarray:
        """Natural frequencies [Hz], shape (n,)."""
        return self.frequencies / (2.0 * np.pi)


def assign_modes(vectors: np.ndarray) -> np.ndarray:
    """Mode index claimed by each DOF (RAFT-style greedy assignment).

    Parameters
    ----------
    vectors : ndarray, shape (n, n)
        Eigenvectors as columns (any scaling; compared after unit-norm scaling).

    Returns
    -------
    ndarray of int, shape (n,)
        ``mode_of_dof[i]`` is the column assigned to DOF ``i``; a permutation.
    """
    mags = np.abs(vectors) / np.linalg.norm(vectors, axis=0, keepdims=True)
    n = mags.shape[0]
    mode_of_dof = np.empty(n, dtype=int)
    free = np.ones(n, dtype=bool)
    for dof in range(n - 1, -1, -1):  # last DOF first: rotations claim before translations
        row = np.where(free, mags[dof], -1.0)
        mode_of_dof[dof] = int(np.argmax(row))  # ties: lowest-frequency mode wins
        free[mode_of_dof[dof]] = False
    return mode_of_dof


def natural_modes(mass: np.ndarray, stiffness: np.ndarray,
                  dof_names: tuple[str, ...] | None = None) -> NaturalModes:
    """Natural frequencies, periods and mode shapes of ``M x'' + K x = 0``.

    Parameters
    ----------
    mass : array_like, shape (n, n)
        Mass matrix including added mass [kg, kg m, kg m^2].
    stiffness : array_like, shape (n, n)
        Total stiffness matrix [N/m, N/rad, N m/rad ...].
    dof_names : tuple of str, optional
        Names of the n DOFs; default ``conventions.DOFS`` for n = 6, else
        ``("dof0", "dof1", ...)``.

    Returns
    -------
    NaturalModes

    Raises
    ------
    ValueError
        Non-square/mismatched or non-finite matrices, or a singular mass matrix.

    Warns
    -----
    DesignWarning
        For modes with a non-positive (or complex) eigenvalue: their period is inf.
    """
    import scipy.linalg

    m = np.asarray(mass, dtype=float)
    k = np.asarray(stiffness, dtype=float)
    if m.ndim != 2 or m.shape[0] != m.shape[1] or k.shape != m.shape:
        raise ValueError(f"mass and stiffness must be equal square matrices, got {m.shape}, {k.shape}")
    if not (np.all(np.isfinite(m)) and np.all(np.isfinite(k))):
        raise ValueError("mass and stiffness must be finite")
    n = m.shape[0]
    names = dof_names if dof_names is not None else (DOFS if n == 6 else tuple(f"dof{i}" for i in range(n)))
    if len(names) != n:
        raise ValueError(f"{len(names)} DOF names for {n} DOFs")
    if np.linalg.matrix_rank(m) < n:
        raise ValueError("mass matrix is singular")
    lam, vec = scipy.linalg.eig(k, m, check_finite=False)  # checked above
    lam, vec = _real_modes(lam, vec)
    bad = ~(lam > 0.0)
    omega = np.sqrt(np.where(bad, 0.0, lam))
    if np.any(bad):
        warnings.warn(f"{int(bad.sum())} mode(s) with non-positive stiffness: period reported as inf",
                      DesignWarning, stacklevel=2)
    order = np.argsort(omega, kind="stable")
    omega, vec = omega[order], vec[:, order]
    with np.errstate(divide="ignore"):
        periods = np.where(omega > 0.0, 2.0 * np.pi / np.where(omega > 0.0, omega, 1.0), np.inf)
    shapes = _normalised(vec)
    mode_of_dof = assign_modes(shapes)
    dominant = [""] * n
    for dof, mode in enumerate(mode_of_dof):
        dominant[mode] = names[dof]
    return NaturalModes(
        frequencies=omega, periods=periods, shapes=shapes, dominant_dof=tuple(dominant),
        dof_periods={names[i]: float(periods[j]) for i, j in enumerate(mode_of_dof)},
        dof_frequencies={names[i]: float(omega[j]) for i, j in enumerate(mode_of_dof)},
    )


def _real_modes(lam: np.ndarray, vec: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Real parts of eigenpairs; complex eigenvalues are flagged non-positive."""
    lam = np.asarray(lam)
    complex_ = np.abs(lam.imag) > 1e-8 * np.maximum(np.abs(lam.real), 1e-300)
    out = np.where(complex_ | ~np.isfinite(lam), -1.0, lam.real)
    return out, np.real(vec)


def _normalised(vec: np.ndarray) -> np.ndarray:
    """Scale each column so its largest-magnitude entry is +1."""
    idx = np.argmax(np.abs(vec), axis=0)
    peak = vec[idx, np.arange(vec.shape[1])]
    return vec / np.where(peak == 0.0, 1.0, peak)[None, :]
