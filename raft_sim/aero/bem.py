"""Steady blade-element momentum (BEM) aerodynamics of a rotor, vectorised.

Public API (signatures kept stable; raft_sim.aero.linearization builds on them)
------------------------------------------------------------------------------
All angles in rad, rotor speeds in rad/s, lengths in m, forces in N, moments in N m.
Inputs ``U``, ``omega``, ``pitch`` (and ``yaw``, ``tilt``, ``heading``) broadcast together
to a common shape ``S`` (scalars give ``S == ()``); every output has leading shape ``S``.

``blade_elements(rotor, n_elements=None, smooth_polars=True) -> BladeElements``
    RAFT's spanwise discretisation: ``n_elements`` (default the blade's ``nr``, 20) equal
    elements between the hub radius and the last blade station, with chord, twist,
    precurve, presweep interpolated linearly and polars blended by relative thickness
    and smoothed as CCBlade does inside RAFT (see airfoils.py).

``rotor_loads(rotor, site, U, omega, pitch, *, yaw=0.0, tilt=None, heading=0.0,
              n_azimuth=None, elements=None) -> RotorLoads``
    Steady BEM over all operating points x azimuths x elements in one vectorised,
    bracketed solve on the inflow angle.  ``site`` supplies rho_air and shear_exp (None:
    Site defaults).  ``tilt`` is the inflow tilt of the rotor axis, positive when the
    upwind (hub) end of the shaft is raised; by default ``-rotor.shaft_tilt`` (rotor
    angles are stored in RAFT's convention, negative for an upwind rotor); add the mean
    platform pitch yourself if wanted.  ``yaw`` is the yaw misalignment: heading of the
    rotor axis minus heading of the wind [rad].  ``n_azimuth`` defaults to the blade's
    ``nSector`` (4).

``aero_derivatives(rotor, site, U, omega, pitch, *, yaw=0.0, tilt=None, n_azimuth=None,
                   elements=None, steps=(0.01, 1e-3, 1e-4)) -> AeroDerivatives``
    Central finite differences; the 7 evaluations (base + 6 perturbations) are one
    batched ``rotor_loads`` call.  Fields (shape S): dT_dU [N s/m], dT_domega
    [N s/rad], dT_dpitch [N/rad], dQ_dU [N s], dQ_domega [N m s/rad], dQ_dpitch
    [N m/rad]; plus thrust [N], torque [N m] at the base point.

``raft_sim.structure.frames.translate_force(loads, offset)`` transfers 6-component loads to another point;
``rotation_to_global(tilt, heading)`` is the hub-to-global rotation.

Hub frame ("shaft frame") of ``RotorLoads.hub_loads``: x along the rotor axis pointing
downwind, z normal to x in the vertical plane through the axis (upwards), y = z cross x;
loads about the hub centre. ``RotorLoads.global_loads`` are the same loads about the hub
in global axes (``rotation_to_global(tilt, heading)``).

Stations where no bracket of the inflow angle exists are flagged in
``RotorLoads.converged`` (False) and carry zero load; no NaN propagates.

Equations and conventions: docs/aero.md.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from raft_sim.aero.airfoils import ElementPolars, element_polars
from raft_sim.design.objects import Rotor, Site

_EPS_PHI = 1e-6
_DEFAULT_SITE = Site(water_depth=0.0)


# ----------------------------------------------------------------------------- geometry

@dataclass(frozen=True, eq=False)
class BladeElements:
    """Blade elements used by the BEM (all arrays shape (n,) unless stated).

    Attributes
    ----------
    r : radial position of each element centre along the blade axis [m]
    chord, twist, precurve, presweep : chord [m], twist [rad], precurve and presweep [m]
    polars : ElementPolars of the elements
    hub_radius, tip_radius : [m]
    precurve_tip, presweep_tip : [m]
    n_blades : int
    """

    r: np.ndarray
    chord: np.ndarray
    twist: np.ndarray
    precurve: np.ndarray
    presweep: np.ndarray
    polars: ElementPolars
    hub_radius: float
    tip_radius: float
    precurve_tip: float
    presweep_tip: float
    n_blades: int


def blade_elements(rotor: Rotor, n_elements: int | None = None,
                   smooth_polars: bool = True) -> BladeElements:
    """RAFT's discretisation of the blade into equal elements (``nr`` = 20 in RAFT).

    Cached per rotor object (designs are frozen): the polar smoothing is the costly part.

    Element centres are ``Rhub + (i + 1/2) (r_last - Rhub) / n`` where ``r_last`` is the
    last blade station (``n_elements`` defaults to the blade's ``nr``, 20); geometry is
    interpolated linearly, polars blended by relative thickness at the element's
    relative span position ``(i + 1/2) / n`` and, with ``smooth_polars``, smoothed as
    CCBlade does inside RAFT (see airfoils.py).
    """
    if n_elements is None:
        n_elements = int(getattr(rotor.blade, "n_elements", 20))
    return _blade_elements(rotor, int(n_elements), bool(smooth_polars))


@lru_cache(maxsize=16)
def _blade_elements(rotor: Rotor, n_elements: int, smooth_polars: bool) -> BladeElements:
    b = rotor.blade
    r_last = float(b.r[-1])
    frac = (np.arange(n_elements) + 0.5) / n_elements
    r = rotor.hub_radius + frac * (r_last - rotor.hub_radius)
    return BladeElements(
        r=r,
        chord=np.interp(r, b.r, b.chord),
        twist=np.interp(r, b.r, b.twist),
        precurve=np.interp(r, b.r, b.precurve),
        presweep=np.interp(r, b.r, b.presweep),
        polars=element_polars(b, rotor.airfoils, frac, smooth=smooth_polars),
        hub_radius=float(rotor.hub_radius),
        tip_radius=float(b.tip_radius),
        precurve_tip=float(b.precurve_tip),
        presweep_tip=float(b.presweep_tip),
        n_blades=int(rotor.n_blades),
    )


def azimuthal_coordinates(r, precurve, presweep, cone_up):
    """Blade points in the azimuthal frame and the local cone angle.

    Parameters
    ----------
    r, precurve, presweep : ndarray, shape (n,)
        Position along the blade axis, out-of-plane offset (positive downwind) and
        in-plane offset [m].
    cone_up : float
        Precone, positive with tips upwind [rad].

    Returns
    -------
    x, y, z : ndarray, shape (n,)
        Downwind, in-plane and radial coordinates [m].
    cone : ndarray, shape (n,)
        Local cone angle of the blade axis (precone plus curvature slope) [rad].
    s : ndarray, shape (n,)
        Path length along the blade from the first point [m].
    """
    x = -r * np.sin(cone_up) + precurve * np.cos(cone_up)
    z = r * np.cos(cone_up) + precurve * np.sin(cone_up)
    y = np.asarray(presweep, dtype=float)
    seg = np.arctan2(-np.diff(x), np.diff(z))
    cone = np.concatenate([seg[:1], 0.5 * (seg[:-1] + seg[1:]), seg[-1:]])
    ds = np.sqrt(np.diff(precurve) ** 2 + np.diff(presweep) ** 2 + np.diff(r) ** 2)
    s = np.concatenate([[0.0], np.cumsum(ds)])
    return x, y, z, cone, s


# ----------------------------------------------------------------------------- momentum

def prandtl_factor(n_blades: int, r, hub_radius: float, tip_radius: float, phi,
                   tip: bool = True, hub: bool = True):
    """Prandtl tip- and hub-loss factor F = F_tip F_hub [-].

    ``F_tip = 2/pi acos(exp(-B (R - r) / (2 r |sin phi|)))`` and
    ``F_hub = 2/pi acos(exp(-B (r - R_hub) / (2 R_hub |sin phi|)))``.
    """
    sphi = np.maximum(np.abs(np.sin(phi)), 1e-300)
    f = np.ones(np.broadcast(r, phi).shape)
    if tip:
        f = f * (2.0 / np.pi) * np.arccos(np.exp(-0.5 * n_blades * (tip_radius - r) / (r * sphi)))
    if hub:
        f = f * (2.0 / np.pi) * np.arccos(np.exp(-0.5 * n_blades * (r - hub_radius) / (hub_radius * sphi)))
    return f


def momentum_thrust_coefficient(a, F=1.0):
    """Local thrust coefficient of the momentum balance with Buhl's correction [-].

    ``CT = 4 a F (1 - a)`` for ``a <= 0.4``; above, Buhl's (2005) quadratic
    ``CT = 8/9 + (4F - 40/9) a + (50/9 - 4F) a^2``, which matches value and slope at
    ``a = 0.4``.
    """
    a = np.asarray(a, dtype=float)
    glauert = 4.0 * a * F * (1.0 - a)
    buhl = 8.0 / 9.0 + (4.0 * F - 40.0 / 9.0) * a + (50.0 / 9.0 - 4.0 * F) * a * a
    return np.where(a <= 0.4, glauert, buhl)


def axial_induction(k, F):
    """Axial induction factor from the blade-element load parameter (windmill state).

    The blade-element thrust ``4 k F (1 - a)^2`` (``k = sigma' c_n / (4 F sin^2 phi)``)
    is equated to the momentum thrust: ``a = k / (1 + k)`` for ``k <= 2/3``
    (``a <= 0.4``), otherwise the root in [0.4, 1] of the Buhl quadratic.
    """
    k, F = np.broadcast_arrays(np.asarray(k, dtype=float), np.asarray(F, dtype=float))
    # Buhl: (50/9 - 4F - 4kF) a^2 + (4F - 40/9 + 8kF) a + (8/9 - 4kF) = 0
    qa = 50.0 / 9.0 - 4.0 * F - 4.0 * k * F
    qb = 4.0 * F - 40.0 / 9.0 + 8.0 * k * F
    qc = 8.0 / 9.0 - 4.0 * k * F
    disc = np.sqrt(np.maximum(qb * qb - 4.0 * qa * qc, 0.0))
    safe_qa = np.where(np.abs(qa) < 1e-12, 1.0, qa)
    root = np.where(np.abs(qa) < 1e-12, -qc / np.where(qb == 0, 1.0, qb),
                    (-qb + disc) / (2.0 * safe_qa))
    # pick the root of the high-induction branch (the other one lies outside [0.4, 1])
    alt = (-qb - disc) / (2.0 * safe_qa)
    root = np.where((root >= 0.4 - 1e-9) & (root <= 1.0 + 1e-9), root, alt)
    with np.errstate(divide="ignore", invalid="ignore"):
        momentum = k / (1.0 + k)
    return np.where(k <= 2.0 / 3.0, momentum, root)


@dataclass(frozen=True, eq=False)
class _Station:
    """Per-station constants of the residual (arrays broadcast to (..., n))."""

    r: np.ndarray
    chord: np.ndarray
    theta: np.ndarray  # twist + pitch [rad]
    vx: np.ndarray
    vy: np.ndarray
    polars: ElementPolars
    n_blades: int
    hub_radius: float
    tip_radius: float


def _induction(st: _Station, phi):
    """BEM residual and induction factors at inflow angles ``phi`` (CCBlade form)."""
    sphi, cphi = np.sin(phi), np.cos(phi)
    cl, cd = st.polars.coefficients(phi - st.theta)
    cn = cl * cphi + cd * sphi
    ct = cl * sphi - cd * cphi
    F = prandtl_factor(st.n_blades, st.r, st.hub_radius, st.tip_radius, phi)
    F = np.maximum(F, 1e-12)
    sigma = st.n_blades * st.chord / (2.0 * np.pi * st.r)
    with np.errstate(divide="ignore", invalid="ignore"):
        k = sigma * cn / (4.0 * F * sphi * sphi)
        kp = sigma * ct / (4.0 * F * sphi * cphi)
        lam = st.vy / st.vx
        a_wind = axial_induction(k, F)
        a_brake = np.where(k > 1.0, k / (k - 1.0), 0.0)
        a = np.where(phi > 0.0, a_wind, a_brake)
        ap = kp / (1.0 - kp)
        res_wind = sphi / (1.0 - a) - cphi / lam * (1.0 - kp)
        res_brake = sphi * (1.0 - k) - cphi / lam * (1.0 - kp)
    res = np.where(phi > 0.0, res_wind, res_brake)
    return res, a, ap


def _bracketed_phi(st: _Station, tol: float = 1e-10, max_iter: int = 80):
    """Solve the BEM residual for phi at every station, vectorised and bracketed.

    Brackets tried in order (Ning 2014): (0, pi/2]; [-pi/4, 0) (propeller brake, only
    when the residual goes from negative to positive there); [pi/2, pi). Inside its bracket
    each station takes Anderson-Bjorck (modified regula falsi) steps, which keep the root
    bracketed and bring in both ends; a step that is not finite or not inside the bracket
    bisects, and one next to an end moves ``0.45 tol`` inside, so that the bracket closes.
    Returns phi (the middle of the final bracket, narrower than ``tol``) and a boolean
    ``bracketed`` array (False: no bracket, the station is unsolved).
    """
    shape = np.broadcast(st.vx, st.r).shape
    cand = [(_EPS_PHI, 0.5 * np.pi), (-0.25 * np.pi, -_EPS_PHI), (0.5 * np.pi, np.pi - _EPS_PHI)]
    lo, hi = np.full(shape, np.nan), np.full(shape, np.nan)
    f_lo, f_hi = np.full(shape, np.nan), np.full(shape, np.nan)
    for i, (a_, b_) in enumerate(cand):
        fa = _induction(st, np.full(shape, a_))[0]
        fb = _induction(st, np.full(shape, b_))[0]
        # the propeller-brake bracket is only accepted with f(-pi/4) < 0 < f(-0)
        change = (fa < 0.0) & (fb > 0.0) if i == 1 else (fa * fb <= 0.0)
        ok = np.isnan(lo) & np.isfinite(fa) & np.isfinite(fb) & change
        lo, hi = np.where(ok, a_, lo), np.where(ok, b_, hi)
        f_lo, f_hi = np.where(ok, fa, f_lo), np.where(ok, fb, f_hi)
    bracketed = np.isfinite(lo)
    lo = np.where(bracketed, lo, 0.25 * np.pi)
    hi = np.where(bracketed, hi, 0.25 * np.pi)
    f_lo, f_hi = np.where(bracketed, f_lo, 1.0), np.where(bracketed, f_hi, -1.0)
    a, f_a, b, f_b = lo, f_lo, hi, f_hi        # b: the newest point; the root is between a and b
    for _ in range(max_iter):
        low, high = np.minimum(a, b), np.maximum(a, b)
        if np.max(high - low) < tol:
            break
        with np.errstate(divide="ignore", invalid="ignore"):
            c = b - f_b * (b - a) / (f_b - f_a)
        c = np.where(np.isfinite(c) & (c > low) & (c < high), c, 0.5 * (low + high))
        # a step next to an end moves 0.45 tol inside, so that the bracket closes there
        c = np.where(high - low > tol, np.clip(c, low + 0.45 * tol, high - 0.45 * tol), c)
        f_c = _induction(st, c)[0]
        f_c = np.where(np.isfinite(f_c), f_c, f_b)   # unknown sign: as the newest point's
        keep_a = np.sign(f_c) == np.sign(f_b)
        # Anderson-Bjorck: the end kept is weighted down, so that it too is approached
        m = np.where(f_b != 0.0, 1.0 - f_c / np.where(f_b != 0.0, f_b, 1.0), 0.5)
        f_a = np.where(keep_a, f_a * np.where(m > 0.0, m, 0.5), f_b)
        a = np.where(keep_a, a, b)
        b, f_b = c, f_c
        a = np.where(f_c == 0.0, c, a)               # the root itself
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    return 0.5 * (lo + hi), bracketed


# ----------------------------------------------------------------------------- inflow

def inflow_components(el: BladeElements, U, omega, azimuth, *, cone_up: float, tilt,
                      yaw, shear_exp: float, hub_height: float):
    """Wind plus rotation velocity seen by each element, in the blade frame.

    Parameters
    ----------
    el : BladeElements
    U, omega : ndarray, shape (p, 1, 1)
        Hub-height wind speed [m/s] and rotor speed [rad/s].
    azimuth : ndarray, shape (1, q, 1)
        Blade azimuth, 0 with the blade up, increasing with the rotation [rad].
    cone_up : float
        Precone, positive with tips upwind [rad].
    tilt, yaw : ndarray, shape (p, 1, 1)
        Inflow tilt (upwind end of the shaft raised positive) and yaw misalignment [rad].
    shear_exp : float
        Power-law exponent of the wind profile [-].
    hub_height : float
        Height of the hub above the reference of the profile [m].

    Returns
    -------
    vx, vy : ndarray, shape (p, q, n)
        Velocity normal to the blade (downwind) and in the rotor plane along the
        relative in-plane wind direction [m/s].
    """
    x, y, z, cone, _ = azimuthal_coordinates(el.r, el.precurve, el.presweep, cone_up)
    sa, ca = np.sin(azimuth), np.cos(azimuth)
    st, ct = np.sin(tilt), np.cos(tilt)
    sy, cy = np.sin(yaw), np.cos(yaw)
    sc, cc = np.sin(cone), np.cos(cone)
    height = (y * sa + z * ca) * ct - x * st
    base = np.maximum(1.0 + height / hub_height, 0.0)
    v = U * base ** shear_exp
    vx = v * ((cy * st * ca + sy * sa) * sc + cy * ct * cc) - omega * y * sc
    vy = v * (cy * st * sa - sy * ca) + omega * z
    return vx, vy


# ----------------------------------------------------------------------------- loads

@dataclass(frozen=True, eq=False)
class RotorLoads:
    """Steady rotor loads (shape S of the broadcast inputs unless stated).

    Attributes
    ----------
    U, omega, pitch : wind speed [m/s], rotor speed [rad/s], blade pitch [rad]
    thrust : force along the rotor axis, downwind positive [N]
    torque : aerodynamic torque about the rotor axis, driving positive [N m]
    power : torque * omega [W]
    cp, ct, cq : P/(q A U), T/(q A), Q/(q A R) with q = rho U^2/2, A = pi R^2 and R the
        coned tip radius [-] (0 where U = 0)
    hub_loads : ndarray, shape S + (6,)
        [Fx, Fy, Fz, Mx, My, Mz] about the hub in the hub frame [N, N m]
        (Fx = thrust, Mx = torque).
    global_loads : ndarray, shape S + (6,)
        Same loads, rotated to the global orientation (still about the hub).
    converged : ndarray, shape S + (n_azimuth, n_elements), bool
        False where the inflow angle could not be bracketed (those stations carry
        no load).
    alpha, a, ap : ndarray, shape S + (n_azimuth, n_elements)
        Angle of attack [rad], axial and tangential induction [-].
    tangential_force : ndarray, shape S + (3,)
        Part of the hub force (hub frame) due to the tangential (in-plane, driving)
        section loads alone [N]; it is included in ``hub_loads``. (CCBlade, and so
        RAFT, adds this part with the opposite sign; see docs/aero.md.)
    """

    U: np.ndarray
    omega: np.ndarray
    pitch: np.ndarray
    thrust: np.ndarray
    torque: np.ndarray
    power: np.ndarray
    cp: np.ndarray
    ct: np.ndarray
    cq: np.ndarray
    hub_loads: np.ndarray
    global_loads: np.ndarray
    converged: np.ndarray
    alpha: np.ndarray
    a: np.ndarray
    ap: np.ndarray
    tangential_force: np.ndarray

    @property
    def all_converged(self) -> bool:
        return bool(np.all(self.converged))


def _section_loads(el, vx, vy, theta, omega, rho):
    """Normal/tangential loads per unit length (N/m), alpha, a, ap, flags, shape (p,q,n)."""
    st = _Station(r=el.r, chord=el.chord, theta=theta, vx=vx, vy=vy, polars=el.polars,
                  n_blades=el.n_blades, hub_radius=el.hub_radius, tip_radius=el.tip_radius)
    rotating = np.broadcast_to(omega != 0.0, vx.shape)
    phi, bracketed = _bracketed_phi(st)
    _, a, ap = _induction(st, phi)
    a = np.where(rotating, a, 0.0)
    ap = np.where(rotating, ap, 0.0)
    phi = np.where(rotating, phi, np.arctan2(vx, vy))
    converged = np.where(rotating, bracketed, True)
    big_a, big_ap = np.abs(a) > 10.0, np.abs(ap) > 10.0
    with np.errstate(divide="ignore", invalid="ignore"):
        w = np.where(big_a, vy * (1.0 + ap) / np.cos(phi),
                     np.where(big_ap, vx * (1.0 - a) / np.sin(phi),
                              np.hypot(vx * (1.0 - a), vy * (1.0 + ap))))
    alpha = phi - theta
    cl, cd = el.polars.coefficients(alpha)
    q = 0.5 * rho * w * w * el.chord
    n_load = (cl * np.cos(phi) + cd * np.sin(phi)) * q
    t_load = (cl * np.sin(phi) - cd * np.cos(phi)) * q
    good = converged & np.isfinite(n_load) & np.isfinite(t_load)
    n_load = np.where(good, n_load, 0.0)
    t_load = np.where(good, t_load, 0.0)
    return n_load, t_load, alpha, a, ap, good


def _blade_integrals(el, n_load, t_load, cone_up):
    """Per-blade thrust, in-plane, radial force, torque and flap moment, shape (p, q)."""
    r = np.concatenate([[el.hub_radius], el.r, [el.tip_radius]])
    curve = np.concatenate([[0.0], el.precurve, [el.precurve_tip]])
    sweep = np.concatenate([[0.0], el.presweep, [el.presweep_tip]])
    _, _, z, cone, s = azimuthal_coordinates(r, curve, sweep, cone_up)
    pad = [(0, 0)] * (n_load.ndim - 1) + [(1, 1)]
    npf, tpf = np.pad(n_load, pad), np.pad(t_load, pad)

    def integral(f):
        return np.sum(0.5 * (f[..., 1:] + f[..., :-1]) * np.diff(s), axis=-1)

    return (integral(npf * np.cos(cone)), integral(tpf), integral(npf * np.sin(cone)),
            integral(tpf * z), integral(npf * z))


def rotation_to_global(tilt, heading=0.0):
    """Rotation matrices from the hub frame to global axes, shape S + (3, 3).

    ``R = Rz(heading) Ry(tilt)``: the hub x axis points downwind and, for a positive
    (upwind end raised) tilt, downwards: ``R @ [1, 0, 0] = [cos t cos h, cos t sin h, -sin t]``.
    """
    tilt, heading = np.broadcast_arrays(np.asarray(tilt, float), np.asarray(heading, float))
    ct, st, ch, sh = np.cos(tilt), np.sin(tilt), np.cos(heading), np.sin(heading)
    zero, one = np.zeros_like(tilt), np.ones_like(tilt)
    ry = np.stack([np.stack([ct, zero, st], -1), np.stack([zero, one, zero], -1),
                   np.stack([-st, zero, ct], -1)], -2)
    rz = np.stack([np.stack([ch, -sh, zero], -1), np.stack([sh, ch, zero], -1),
                   np.stack([zero, zero, one], -1)], -2)
    return rz @ ry


def _hub_frame_loads(el, n_load, t_load, cone_up, psi):
    """Rotor loads in the hub frame from section loads at each azimuth.

    Returns the (p, 6) loads [Fx, Fy, Fz, Mx, My, Mz] and the (p, 3) force due to the
    tangential section loads alone.  The driving tangential load acts along the direction
    of rotation, which is -y of the rotating blade frame (whose y is (0, cos psi, sin psi)
    in the hub frame).
    """
    thrust_b, side_b, radial_b, torque_b, flap_b = _blade_integrals(el, n_load, t_load, cone_up)
    scale = el.n_blades / psi.size
    ca, sa = np.cos(psi), np.sin(psi)
    fy_t, fz_t = scale * (-side_b * ca).sum(-1), scale * (-side_b * sa).sum(-1)
    hub = np.stack([scale * thrust_b.sum(-1),
                    fy_t - scale * (radial_b * sa).sum(-1),
                    fz_t + scale * (radial_b * ca).sum(-1),
                    scale * torque_b.sum(-1),
                    scale * (flap_b * ca).sum(-1),
                    scale * (flap_b * sa).sum(-1)], -1)
    return hub, np.stack([np.zeros_like(fy_t), fy_t, fz_t], -1)


def _coefficients(el, cone_up, rho, U, power, hub):
    """CP, CT, CQ on the coned disc area (0 where U = 0)."""
    radius = el.tip_radius * np.cos(cone_up) + el.precurve_tip * np.sin(cone_up)
    area = np.pi * radius ** 2
    q = 0.5 * rho * U ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        cp = np.where(q > 0, power / (q * area * U), 0.0)
        ct = np.where(q > 0, hub[:, 0] / (q * area), 0.0)
        cq = np.where(q > 0, hub[:, 3] / (q * area * radius), 0.0)
    return cp, ct, cq


def rotor_loads(rotor: Rotor, site: Site | None, U, omega, pitch, *, yaw=0.0, tilt=None,
                heading=0.0, n_azimuth: int | None = None,
                elements: BladeElements | None = None) -> RotorLoads:
    """Steady BEM rotor loads, vectorised over operating points, azimuths and elements.

    Parameters
    ----------
    rotor : Rotor
    site : Site or None
        Air density ``rho_air`` [kg/m^3] and shear exponent ``shear_exp`` [-];
        None uses Site's defaults.
    U : array_like
        Hub-height free-stream wind speed [m/s].
    omega : array_like
        Rotor speed [rad/s]; 0 means a stopped rotor (no induction).
    pitch : array_like
        Collective blade pitch, positive towards feather [rad].
    yaw : array_like, optional
        Yaw misalignment, rotor-axis heading minus wind heading [rad].
    tilt : array_like, optional
        Inflow tilt of the rotor axis, positive with the upwind end of the shaft raised
        [rad]; default ``-rotor.shaft_tilt`` (RAFT sign convention in the design). A mean
        platform pitch ``theta`` (rotation about +y; tower top moving towards +x) adds:
        ``tilt = -shaft_tilt + theta``.
    heading : array_like, optional
        Heading of the rotor axis in the global frame, used only for ``global_loads`` [rad].
    n_azimuth : int, optional
        Number of azimuth positions averaged; default the blade's ``nSector`` (RAFT: 4).
    elements : BladeElements, optional
        Precomputed ``blade_elements(rotor)`` (saves rebuilding the polars).

    Returns
    -------
    RotorLoads
    """
    el = blade_elements(rotor) if elements is None else elements
    site = _DEFAULT_SITE if site is None else site
    if n_azimuth is None:
        n_azimuth = int(getattr(rotor.blade, "n_sector", 4))
    tilt = -rotor.shaft_tilt if tilt is None else tilt
    U, omega, pitch, yaw, tilt, heading = np.broadcast_arrays(
        *(np.asarray(v, dtype=float) for v in (U, omega, pitch, yaw, tilt, heading)))
    shape = U.shape
    col = [v.reshape(-1, 1, 1) for v in (U, omega, pitch, yaw, tilt)]
    u3, om3, pitch3, yaw3, tilt3 = col
    psi = (2.0 * np.pi * np.arange(n_azimuth) / n_azimuth).reshape(1, -1, 1)
    cone_up = -float(rotor.precone)

    vx, vy = inflow_components(el, u3, om3, psi, cone_up=cone_up, tilt=tilt3, yaw=yaw3,
                               shear_exp=site.shear_exp, hub_height=rotor.hub_height)
    n_load, t_load, alpha, a, ap, good = _section_loads(
        el, vx, vy, el.twist + pitch3, om3, site.rho_air)
    thrust_b, side_b, radial_b, torque_b, flap_b = _blade_integrals(el, n_load, t_load, cone_up)

    hub, tang = _hub_frame_loads(el, n_load, t_load, cone_up, psi[0, :, 0])
    rot = rotation_to_global(tilt.reshape(-1), heading.reshape(-1))
    glob = np.concatenate([np.einsum("pij,pj->pi", rot, hub[:, :3]),
                           np.einsum("pij,pj->pi", rot, hub[:, 3:])], -1)
    power = hub[:, 3] * omega.reshape(-1)
    cp, ct, cq = _coefficients(el, cone_up, site.rho_air, U.reshape(-1), power, hub)

    def out(v):
        return v.reshape(shape + v.shape[1:])

    return RotorLoads(U=U, omega=omega, pitch=pitch, thrust=out(hub[:, 0]), torque=out(hub[:, 3]),
                      power=out(power), cp=out(cp), ct=out(ct), cq=out(cq),
                      hub_loads=out(hub), global_loads=out(glob), converged=out(good),
                      alpha=out(alpha), a=out(a), ap=out(ap), tangential_force=out(tang))


# ----------------------------------------------------------------------------- derivatives

@dataclass(frozen=True, eq=False)
class AeroDerivatives:
    """Sensitivities of rotor thrust T and torque Q (shape S).

    Units: dT_dU [N s/m], dT_domega [N s/rad], dT_dpitch [N/rad], dQ_dU [N s],
    dQ_domega [N m s/rad], dQ_dpitch [N m/rad]; thrust [N], torque [N m]. ``loads`` are the
    full :class:`RotorLoads` at the point itself (from the same batched BEM call).
    """

    thrust: np.ndarray
    torque: np.ndarray
    dT_dU: np.ndarray
    dT_domega: np.ndarray
    dT_dpitch: np.ndarray
    dQ_dU: np.ndarray
    dQ_domega: np.ndarray
    dQ_dpitch: np.ndarray
    loads: "RotorLoads | None" = None


def aero_derivatives(rotor: Rotor, site: Site | None, U, omega, pitch, *, yaw=0.0,
                     tilt=None, heading=0.0, n_azimuth: int | None = None,
                     elements: BladeElements | None = None,
                     steps: tuple[float, float, float] = (0.01, 1e-3, 1e-4)) -> AeroDerivatives:
    """Derivatives of thrust and torque by central differences in one batched BEM call.

    Parameters
    ----------
    rotor, site, U, omega, pitch, yaw, tilt, heading, n_azimuth, elements
        As in :func:`rotor_loads` (``heading`` only orients ``loads.global_loads``).
    steps : tuple of float
        Half-steps in U [m/s], omega [rad/s] and pitch [rad]. Where ``omega - h < 0``
        the lower point is clipped to 0 and the difference divided by the actual span.

    Returns
    -------
    AeroDerivatives
    """
    el = blade_elements(rotor) if elements is None else elements
    tilt = -rotor.shaft_tilt if tilt is None else tilt
    U, omega, pitch, yaw, tilt = np.broadcast_arrays(
        *(np.asarray(v, dtype=float) for v in (U, omega, pitch, yaw, tilt)))
    hu, hw, hp = steps
    om_lo = np.maximum(omega - hw, 0.0)
    z = np.zeros_like(U)
    du = np.stack([z, z + hu, z - hu, z, z, z, z])
    dw = np.stack([z, z, z, z + hw, om_lo - omega, z, z])
    dp = np.stack([z, z, z, z, z, z + hp, z - hp])
    res = rotor_loads(rotor, site, U + du, omega + dw, pitch + dp, yaw=yaw, tilt=tilt,
                      heading=heading, n_azimuth=n_azimuth, elements=el)
    T, Q = res.thrust, res.torque
    span_w = hw + (omega - om_lo)
    base = RotorLoads(**{f: np.asarray(getattr(res, f))[0] for f in RotorLoads.__dataclass_fields__})
    return AeroDerivatives(
        loads=base, thrust=T[0], torque=Q[0],
        dT_dU=(T[1] - T[2]) / (2 * hu), dQ_dU=(Q[1] - Q[2]) / (2 * hu),
        dT_domega=(T[3] - T[4]) / span_w, dQ_domega=(Q[3] - Q[4]) / span_w,
        dT_dpitch=(T[5] - T[6]) / (2 * hp), dQ_dpitch=(Q[5] - Q[6]) / (2 * hp),
    )
