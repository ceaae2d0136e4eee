"""Gyroscopic moment of a spinning rotor on the rotating platform.

The rotor carries the angular momentum ``h = J Omega q`` (spin inertia J, rotor speed
Omega, shaft axis q). When the platform turns at the small rate ``w_p`` the shaft turns
with it, ``dh/dt = w_p x h``; the bearings supply that moment to the rotor, so the
platform feels ``-w_p x h = h x w_p``. Written as a damping term on the left-hand side of
``M x'' + B x' + C x = F`` this is ``B_rot = -[h]_x`` (``[h]_x`` the cross-product
matrix of h): skew-symmetric, so it exchanges energy between the rotational DOFs (mostly
pitch <-> yaw and roll <-> yaw) without dissipating any.
"""
from __future__ import annotations

import numpy as np

__all__ = ["gyroscopic_damping"]


def gyroscopic_damping(spin_inertia: float, rotor_speed: float, axis) -> np.ndarray:
    """Damping-like matrix of the rotor's gyroscopic moment on the platform.

    Parameters
    ----------
    spin_inertia : float
        Inertia of the spinning parts about the shaft, referred to the rotor speed
        [kg m^2] (the design's ``I_drivetrain``, as RAFT uses it).
    rotor_speed : float
        Mean rotor speed [rad/s] (0 for a parked rotor: no gyroscopic moment).
    axis : array_like, shape (3,)
        Unit vector along the shaft (``raft_sim.aero.linearization.rotor_axis``).

    Returns
    -------
    ndarray, shape (6, 6)
        Nonzero only in the rotational block: ``B[3:, 3:] = -[h]_x`` with
        ``h = spin_inertia * rotor_speed * axis`` [N m s/rad].
    """
    h = float(spin_inertia) * float(rotor_speed) * np.asarray(axis, dtype=float)
    b = np.zeros((6, 6))
    b[3:, 3:] = np.array([[0.0, h[2], -h[1]],
                          [-h[2], 0.0, h[0]],
                          [h[1], -h[0], 0.0]])
    return b
