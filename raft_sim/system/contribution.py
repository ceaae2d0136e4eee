"""One physical effect's share of the linearised equations of motion of one load case.

Every effect (structure, hydrostatics, strip inertia, linearised drag, current, mooring,
rotor aero-servo, tower drag, potential flow, user extras) is a :class:`Contribution`:

    [-w^2 M_e(w) + i w B_e(w) + C_e(w)] enters the impedance, F_e(w, s) the excitation
    per unit amplitude of source s, f_e the mean load.

Assembly (:func:`total`) is a sum; nothing else is needed to combine effects, so the
per-effect breakdown stays available. Terms that an effect does not have are ``None``.
Shapes (F frequencies, S sources):

- ``mass``, ``damping``, ``stiffness``: (6, 6) or (F, 6, 6), about the platform reference
  point at the mean pose, global axes [kg, kg m, kg m^2 | N s/m, N s, N m s/rad |
  N/m, N/rad, N m/rad];
- ``excitation``: complex (F, S, 6), load per unit source amplitude (1 m of wave
  elevation, 1 m/s of rotor-averaged wind speed) [N/m, N m/m | N/(m/s), N m/(m/s)];
- ``mean_force``: (6,) mean load [N, N m].
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TERMS = ("mass", "damping", "stiffness")


@dataclass(frozen=True, eq=False)
class Contribution:
    """Linear coefficients and loads of one physical effect (see the module docstring).

    Attributes
    ----------
    name : str
        Effect label, e.g. ``"structure"``, ``"strip_inertia"``, ``"drag"``, ``"mooring"``,
        ``"rotor"``, ``"potential_flow"``.
    mass, damping, stiffness : ndarray or None
        (6, 6) or (F, 6, 6) [SI].
    excitation : ndarray, complex, or None
        (F, S, 6) per unit source amplitude [SI].
    mean_force : ndarray or None
        (6,) [N, N m].
    """

    name: str
    mass: np.ndarray | None = None
    damping: np.ndarray | None = None
    stiffness: np.ndarray | None = None
    excitation: np.ndarray | None = None
    mean_force: np.ndarray | None = None


def _sum(values, shape) -> np.ndarray:
    out = np.zeros(shape, dtype=np.result_type(*values) if values else float)
    for v in values:
        out = out + v
    return out


def total(contributions, n_freq: int, n_source: int, name: str = "total") -> Contribution:
    """Sum of contributions, every term present (zeros where no effect has it).

    Parameters
    ----------
    contributions : iterable of Contribution
    n_freq, n_source : int
        F and S of the case.
    name : str

    Returns
    -------
    Contribution
        ``mass``, ``damping``, ``stiffness`` (F, 6, 6); ``excitation`` complex (F, S, 6);
        ``mean_force`` (6,).
    """
    parts = list(contributions)
    terms = {t: _sum([getattr(c, t) for c in parts if getattr(c, t) is not None],
                     (n_freq, 6, 6)) for t in TERMS}
    excitation = _sum([c.excitation for c in parts if c.excitation is not None],
                      (n_freq, n_source, 6)).astype(complex)
    mean = _sum([c.mean_force for c in parts if c.mean_force is not None], (6,))
    return Contribution(name, excitation=excitation, mean_force=mean, **terms)
