"""Natural modes with frequency-dependent added mass, each at its own frequency.

With potential-flow coefficients the added mass depends on frequency, so the eigenproblem
``K v = w^2 (M + A(w)) v`` is solved per DOF by fixed-point iteration: start from
``A(0)`` (or the lowest tabulated frequency), solve, take the frequency of the mode assigned
to that DOF, re-evaluate ``A`` there, and repeat until the frequency changes by less than
``rtol``. Mode assignment as in :func:`raft_sim.solve.modes.natural_modes`.
"""
from __future__ import annotations

import numpy as np

from raft_sim.conventions import DOFS
from raft_sim.solve.modes import NaturalModes, natural_modes


def iterated_natural_modes(mass, added_mass, stiffness, rtol: float = 1e-5,
                           max_iterations: int = 100) -> NaturalModes:
    """Natural modes with the added mass at each mode's own frequency.

    Parameters
    ----------
    mass : array_like, shape (6, 6)
        Structural mass (and any constant added mass) [kg, kg m, kg m^2].
    added_mass : callable
        ``added_mass(omega) -> (6, 6)`` frequency-dependent added mass [SI] at omega [rad/s],
        e.g. ``lambda w: radiation_coefficients(database, [w])[0][0]``.
    stiffness : array_like, shape (6, 6)
        Total stiffness [N/m, N/rad, N m/rad].
    rtol : float
        Relative change of a DOF's frequency that ends its iteration [-].
    max_iterations : int

    Returns
    -------
    NaturalModes
        Per DOF, the mode assigned to it in the solve at its own converged frequency;
        ``frequencies``, ``periods``, ``shapes`` and ``dominant_dof`` sorted by frequency.

    Raises
    ------
    RuntimeError
        A DOF whose frequency did not settle within ``max_iterations``.
    """
    m = np.asarray(mass, dtype=float)
    k = np.asarray(stiffness, dtype=float)
    start = natural_modes(m + added_mass(0.0), k)
    freq, shape = {}, {}
    for dof in DOFS:
        w = start.dof_frequencies[dof]
        for _ in range(max_iterations):
            modes = natural_modes(m + added_mass(w), k)
            w_new = modes.dof_frequencies[dof]
            if abs(w_new - w) <= rtol * max(w_new, 1e-12):
                break
            w = w_new
        else:
            raise RuntimeError(f"{dof} natural frequency did not converge in {max_iterations} iterations")
        freq[dof], shape[dof] = w_new, modes.shapes[:, modes.dominant_dof.index(dof)]
    order = sorted(DOFS, key=lambda d: freq[d])
    omega = np.array([freq[d] for d in order])
    with np.errstate(divide="ignore"):
        periods = np.where(omega > 0, 2 * np.pi / np.where(omega > 0, omega, 1.0), np.inf)
    return NaturalModes(frequencies=omega, periods=periods, shapes=np.column_stack([shape[d] for d in order]),
                        dominant_dof=tuple(order),
                        dof_periods={d: float(periods[order.index(d)]) for d in DOFS},
                        dof_frequencies={d: float(freq[d]) for d in DOFS})
