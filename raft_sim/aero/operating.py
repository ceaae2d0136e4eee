"""Operating point of the rotor over wind speed, and the steady power curve.

The rotor speed and blade pitch at a hub-height wind speed come from, in order:

1. the design's operating schedule (RAFT ``wt_ops``: wind speed -> rotor speed, pitch),
   interpolated linearly; wind speeds outside its range (cut-in .. cut-out) give a
   parked rotor and a :class:`~raft_sim.design.errors.DesignWarning`;
2. otherwise, controller regions (:class:`ControlRegions`): below rated the rotor
   tracks the optimal tip-speed ratio at fine pitch (rotor speed clipped to its
   limits); above rated it runs at maximum rotor speed and the pitch that gives rated
   aerodynamic power is solved for.

Turbine status (RAFT ``turbine_status``):

- ``"operating"``: as above;
- ``"parked"``: rotor stopped (omega = 0), blades feathered (pitch = 90 deg); the BEM
  then gives the drag/lift loads of the stopped blades without induction;
- ``"idling"``: blades feathered (90 deg) and the rotor free to turn; the idling speed
  of a feathered rotor is very low, so it is modelled as omega = 0, i.e. the same loads
  as parked.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from raft_sim.aero.bem import BladeElements, RotorLoads, blade_elements, rotor_loads
from raft_sim.design.errors import DesignError, DesignWarning
from raft_sim.design.objects import Rotor, Site

FEATHERED_PITCH: float = 0.5 * np.pi
"""Blade pitch of a parked or idling rotor [rad] (RAFT uses 90 deg)."""

STATUSES = ("operating", "parked", "idling")


@dataclass(frozen=True, eq=False)
class ControlRegions:
    """Steady control regions, used when the design has no operating schedule.

    Attributes
    ----------
    rated_power : float
        Rated aerodynamic (rotor) power [W].
    omega_min, omega_max : float
        Rotor speed limits [rad/s].
    cut_in, cut_out : float
        Wind speed range of operation [m/s].
    tsr : float or None
        Tip-speed ratio tracked below rated [-]; None: the Cp-optimal one.
    fine_pitch : float
        Blade pitch below rated [rad].
    """

    rated_power: float
    omega_min: float
    omega_max: float
    cut_in: float = 3.0
    cut_out: float = 25.0
    tsr: float | None = None
    fine_pitch: float = 0.0


@dataclass(frozen=True, eq=False)
class OperatingPoint:
    """Rotor speed and pitch over wind speed (arrays of shape S).

    Attributes
    ----------
    wind_speed : [m/s]; omega : rotor speed [rad/s]; pitch : blade pitch [rad]
    status : ndarray of str, "operating", "parked" or "idling"
    """

    wind_speed: np.ndarray
    omega: np.ndarray
    pitch: np.ndarray
    status: np.ndarray


@dataclass(frozen=True, eq=False)
class PowerCurve:
    """Steady rotor performance over wind speed (arrays of shape (n,)).

    Attributes
    ----------
    wind_speed [m/s], power [W], thrust [N], torque [N m], cp [-], ct [-],
    omega [rad/s], pitch [rad], status (str), converged (bool, all stations solved)
    """

    wind_speed: np.ndarray
    power: np.ndarray
    thrust: np.ndarray
    torque: np.ndarray
    cp: np.ndarray
    ct: np.ndarray
    omega: np.ndarray
    pitch: np.ndarray
    status: np.ndarray
    converged: np.ndarray


def rotor_radius(rotor: Rotor) -> float:
    """Radius of the rotor disc swept by the coned tips [m]."""
    cone = -rotor.precone
    return float(rotor.blade.tip_radius * np.cos(cone) + rotor.blade.precurve_tip * np.sin(cone))


def _status_array(status, shape) -> np.ndarray:
    status = np.broadcast_to(np.asarray(status, dtype=object), shape)
    bad = sorted({str(s) for s in status.ravel()} - set(STATUSES))
    if bad:
        raise DesignError("cases.turbine_status", f"unknown status {bad}; use one of {STATUSES}")
    return np.array(status, dtype=object)


def scheduled_point(rotor: Rotor, U) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rotor speed and pitch from the operating schedule.

    Returns
    -------
    omega [rad/s], pitch [rad], inside (bool: within the schedule's wind-speed range)
    """
    sched = rotor.schedule
    U = np.asarray(U, dtype=float)
    inside = (U >= sched.wind_speed.min()) & (U <= sched.wind_speed.max())
    omega = np.interp(U, sched.wind_speed, sched.rotor_speed)
    pitch = np.interp(U, sched.wind_speed, sched.pitch)
    return omega, pitch, inside


def optimal_tsr(rotor: Rotor, site: Site | None, pitch: float = 0.0,
                elements: BladeElements | None = None,
                tsr_grid: np.ndarray | None = None) -> float:
    """Tip-speed ratio of maximum power coefficient at a given pitch [-].

    One batched BEM evaluation over ``tsr_grid`` (default 2..14 in steps of 0.05) at
    8 m/s; Cp of the BEM does not depend on the wind speed itself.
    """
    tsr = np.arange(2.0, 14.0001, 0.05) if tsr_grid is None else np.asarray(tsr_grid, float)
    u = 8.0
    res = rotor_loads(rotor, site, u, tsr * u / rotor_radius(rotor), pitch, elements=elements)
    return float(tsr[np.argmax(res.cp)])


def regional_point(rotor: Rotor, site: Site | None, regions: ControlRegions, U,
                   elements: BladeElements | None = None,
                   n_bisect: int = 24) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rotor speed and pitch from control regions (no schedule in the design).

    Below rated: ``omega = clip(tsr U / R, omega_min, omega_max)`` at fine pitch.
    Above rated (power at that point exceeds ``rated_power``): ``omega = omega_max`` and
    the pitch in [fine, fine + 40 deg] giving rated power, by vectorised bisection.

    Returns
    -------
    omega [rad/s], pitch [rad], inside (bool: cut_in <= U <= cut_out)
    """
    el = blade_elements(rotor) if elements is None else elements
    U = np.asarray(U, dtype=float)
    tsr = regions.tsr if regions.tsr is not None else optimal_tsr(rotor, site, regions.fine_pitch, el)
    omega = np.clip(tsr * U / rotor_radius(rotor), regions.omega_min, regions.omega_max)
    pitch = np.full(U.shape, float(regions.fine_pitch))
    power = rotor_loads(rotor, site, U, omega, pitch, elements=el).power
    above = power > regions.rated_power
    if np.any(above):
        ua = U[above]
        lo = np.full(ua.shape, float(regions.fine_pitch))
        hi = lo + np.radians(40.0)
        for _ in range(n_bisect):
            mid = 0.5 * (lo + hi)
            p = rotor_loads(rotor, site, ua, regions.omega_max, mid, elements=el).power
            lo, hi = np.where(p > regions.rated_power, mid, lo), np.where(p > regions.rated_power, hi, mid)
        omega = np.where(above, regions.omega_max, omega)
        pitch[above] = 0.5 * (lo + hi)
    inside = (U >= regions.cut_in) & (U <= regions.cut_out)
    return omega, pitch, inside


def operating_point(rotor: Rotor, U, status="operating", *, site: Site | None = None,
                    regions: ControlRegions | None = None,
                    elements: BladeElements | None = None) -> OperatingPoint:
    """Rotor speed and blade pitch at hub-height wind speeds.

    Parameters
    ----------
    rotor : Rotor
    U : array_like
        Hub-height wind speed [m/s].
    status : str or array_like of str
        "operating", "parked" or "idling", broadcast with U.
    site : Site, optional
        Air properties, only needed with ``regions``.
    regions : ControlRegions, optional
        Used when ``rotor.schedule`` is None.
    elements : BladeElements, optional
        Precomputed elements (only used with ``regions``).

    Returns
    -------
    OperatingPoint
        Operating wind speeds outside the schedule (or cut-in..cut-out) become parked,
        with a DesignWarning.
    """
    U = np.asarray(U, dtype=float)
    status = _status_array(status, U.shape)
    if rotor.schedule is not None:
        omega, pitch, inside = scheduled_point(rotor, U)
    elif regions is not None:
        omega, pitch, inside = regional_point(rotor, site, regions, U, elements)
    else:
        raise DesignError("turbine.wt_ops", "no operating schedule and no control regions given; "
                          "cannot find the rotor speed and pitch")
    outside = (status == "operating") & ~inside
    if np.any(outside):
        warnings.warn(f"wind speed(s) {np.unique(U[outside]).tolist()} m/s outside the operating "
                      "range (cut-in..cut-out): rotor treated as parked", DesignWarning, stacklevel=2)
        status = np.where(outside, "parked", status).astype(object)
    stopped = status != "operating"
    omega = np.where(stopped, 0.0, omega)
    pitch = np.where(stopped, FEATHERED_PITCH, pitch)
    return OperatingPoint(wind_speed=U, omega=omega, pitch=pitch, status=status)


def operating_loads(rotor: Rotor, site: Site | None, U, status="operating", *, yaw=0.0,
                    tilt=None, heading=0.0, regions: ControlRegions | None = None,
                    n_azimuth: int | None = None,
                    elements: BladeElements | None = None) -> tuple[OperatingPoint, RotorLoads]:
    """Operating point and the steady BEM loads there (see :func:`bem.rotor_loads`).

    The free-stream wind speed ``U`` [m/s] is multiplied by the rotor's ``speed_gain``
    (RAFT's blockage/confinement factor, 1 by default) before both the schedule
    look-up and the BEM, as RAFT does.
    """
    el = blade_elements(rotor) if elements is None else elements
    U = np.asarray(U, dtype=float) * float(getattr(rotor, "speed_gain", 1.0))
    op = operating_point(rotor, U, status, site=site, regions=regions, elements=el)
    loads = rotor_loads(rotor, site, op.wind_speed, op.omega, op.pitch, yaw=yaw, tilt=tilt,
                        heading=heading, n_azimuth=n_azimuth, elements=el)
    return op, loads


def power_curve(rotor: Rotor, site: Site | None, wind_speeds, *, status="operating",
                regions: ControlRegions | None = None, yaw=0.0, tilt=None,
                n_azimuth: int | None = None, elements: BladeElements | None = None) -> PowerCurve:
    """Steady power, thrust, torque, Cp, Ct, rotor speed and pitch over wind speed.

    All wind speeds are solved in one batched BEM evaluation.

    Parameters
    ----------
    rotor : Rotor
    site : Site or None
        Air density and shear exponent (None: Site defaults).
    wind_speeds : array_like, shape (n,)
        Hub-height wind speeds [m/s].
    status, regions, yaw, tilt, n_azimuth, elements
        As in :func:`operating_point` and :func:`bem.rotor_loads`.

    Returns
    -------
    PowerCurve
    """
    op, loads = operating_loads(rotor, site, np.atleast_1d(np.asarray(wind_speeds, float)),
                                status, yaw=yaw, tilt=tilt, regions=regions,
                                n_azimuth=n_azimuth, elements=elements)
    conv = loads.converged.reshape(loads.converged.shape[0], -1).all(axis=1)
    return PowerCurve(wind_speed=op.wind_speed, power=loads.power, thrust=loads.thrust,
                      torque=loads.torque, cp=loads.cp, ct=loads.ct, omega=op.omega,
                      pitch=op.pitch, status=op.status, converged=conv)
