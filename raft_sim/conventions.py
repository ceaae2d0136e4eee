"""Conventions shared by every module: the one place they are written down.

- Units: SI throughout (m, kg, s, N, rad, rad/s). Degrees and Hz appear only in the
  YAML loader (RAFT's format) and in printed/plotted labels.
- Axes: x along the platform's reference surge direction, z up, origin on the still
  water line at the platform reference point.
- Six rigid-body degrees of freedom, in this order, named by ``DOFS``. Rotations are
  small angles about the x, y, z axes through the reference point (roll, pitch, yaw).
- Time convention for complex amplitudes: x(t) = Re(X exp(+i omega t)).
- Wave heading: direction the waves travel towards, measured from +x towards +y [rad].
"""
from __future__ import annotations

DOFS: tuple[str, ...] = ("surge", "sway", "heave", "roll", "pitch", "yaw")
"""Names of the six rigid-body degrees of freedom, in matrix order."""

TRANSLATIONS: tuple[str, ...] = DOFS[:3]
ROTATIONS: tuple[str, ...] = DOFS[3:]

DOF_UNITS: dict[str, str] = {
    "surge": "m", "sway": "m", "heave": "m", "roll": "rad", "pitch": "rad", "yaw": "rad",
}

GRAVITY: float = 9.81
"""Default gravitational acceleration [m/s^2], as in RAFT (overridable by ``site.g``)."""

RHO_WATER: float = 1025.0
"""Default sea-water density [kg/m^3]."""

RHO_AIR: float = 1.225
"""Default air density [kg/m^3]."""

MU_AIR: float = 1.81e-5
"""Default dynamic viscosity of air [Pa s]."""

DEFAULT_TOWER_CD: float = 0.5
"""Drag coefficient of the tower in wind where the design gives Cd = 0 [-] (smooth circular
cylinder at the supercritical Reynolds numbers of a tower in wind, ~1e7)."""
