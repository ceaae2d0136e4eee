"""Linear frequency-domain response: impedance and one batched solve.

Time convention (``raft_sim.conventions``): x(t) = Re(X exp(+i omega t)), so the
equation of motion M x'' + B x' + C x = f becomes Z(omega) X = F with

    Z = -omega^2 M + i omega B + C.

Everything here is plain numpy; frequencies, cases and headings are batch axes of a
single :func:`numpy.linalg.solve` call (no Python loop per frequency).
"""
from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def impedance(omega: ArrayLike, mass: ArrayLike, damping: ArrayLike,
              stiffness: ArrayLike) -> np.ndarray:
    """Mechanical impedance Z = -omega^2 M + i omega B + C.

    Parameters
    ----------
    omega : array_like, shape (F,)
        Angular frequencies [rad/s].
    mass, damping, stiffness : array_like, shape (6, 6) or (..., F, 6, 6)
        Mass incl. added mass [kg, kg m, kg m^2], linear damping [N s/m, ...] and
        stiffness [N/m, N, N m/rad]. Frequency-independent terms may be (6, 6); all three
        broadcast against each other.

    Returns
    -------
    numpy.ndarray, complex, shape (..., F, 6, 6)
        Impedance, such that ``Z @ X = F``.
    """
    w = np.asarray(omega, dtype=float)[:, None, None]
    M, B, C = (np.asarray(a) for a in (mass, damping, stiffness))
    return -w**2 * M + 1j * w * B + C


def solve_response(Z: ArrayLike, F: ArrayLike) -> np.ndarray:
    """Complex response amplitudes X solving ``Z @ X = F``, batched.

    Parameters
    ----------
    Z : array_like, complex, shape (..., F, 6, 6)
        Impedance (see :func:`impedance`).
    F : array_like, complex, shape (..., F, 6) or (..., F, H, 6)
        Excitation amplitudes [N, N m]. With ``F.ndim == Z.ndim - 1`` there is one
        right-hand side per impedance; with ``F.ndim == Z.ndim`` the axis before the DOFs
        (headings, wave systems...) holds H right-hand sides sharing the impedance.
        Leading axes broadcast against Z's.

    Returns
    -------
    numpy.ndarray, complex, shape of F (after broadcasting)
        Response amplitudes [m, rad].
    """
    Z = np.asarray(Z)
    F = np.asarray(F)
    if F.ndim == Z.ndim - 1:
        return np.linalg.solve(Z, F[..., None])[..., 0]
    if F.ndim == Z.ndim:
        return np.swapaxes(np.linalg.solve(Z, np.swapaxes(F, -1, -2)), -1, -2)
    raise ValueError(f"excitation with {F.ndim} dims does not match impedance with {Z.ndim} dims "
                     "(expected Z.ndim - 1 or Z.ndim)")


def rao(omega: ArrayLike, mass: ArrayLike, damping: ArrayLike, stiffness: ArrayLike,
        excitation: ArrayLike) -> np.ndarray:
    """Response amplitude operator: :func:`solve_response` of :func:`impedance`.

    Parameters
    ----------
    omega : array_like, shape (F,)
        Angular frequencies [rad/s].
    mass, damping, stiffness : array_like, shape (6, 6) or (..., F, 6, 6)
        As in :func:`impedance`.
    excitation : array_like, complex, shape (..., F, 6) or (..., F, H, 6)
        Excitation per unit wave amplitude [N/m, N m/m].

    Returns
    -------
    numpy.ndarray, complex, shape of ``excitation``
        Response per unit wave amplitude [m/m, rad/m].
    """
    return solve_response(impedance(omega, mass, damping, stiffness), excitation)
