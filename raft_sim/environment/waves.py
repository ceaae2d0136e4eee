"""Sea states and linear (Airy) wave kinematics.

Conventions (see ``raft_sim.conventions``):

- Spectra are one-sided densities S(omega) [m^2 s/rad] on angular frequency omega [rad/s],
  so that the variance of the surface elevation is the integral of S over omega and
  Hs = 4 sqrt(m0).
- Complex amplitudes follow x(t) = Re(X exp(+i omega t)). A unit-amplitude wave of heading
  beta (direction of travel, from +x towards +y) has the elevation
  ``exp(-i k (x cos beta + y sin beta))`` at the horizontal point (x, y).
- Depth h is positive; ``h = inf`` is accepted (deep water).
"""
from __future__ import annotations

import numpy as np

from raft_sim.conventions import GRAVITY, RHO_WATER
from raft_sim.design.objects import SeaState

__all__ = [
    "wave_number", "jonswap_gamma", "jonswap", "pierson_moskowitz", "wave_spectrum",
    "wave_amplitudes", "depth_ratios", "wave_kinematics",
]


def wave_number(omega, depth: float, g: float = GRAVITY) -> np.ndarray:
    """Wave number from the finite-depth linear dispersion relation.

    Solves ``omega^2 = g k tanh(k h)`` by Newton's method on ``x = k h`` for all
    frequencies at once, starting from Eckart's approximation.

    Parameters
    ----------
    omega : array_like, shape (F,)
        Angular frequencies [rad/s]; non-negative.
    depth : float
        Water depth h [m]; ``np.inf`` gives the deep-water result ``omega^2 / g``.
    g : float
        Gravitational acceleration [m/s^2].

    Returns
    -------
    ndarray, shape (F,)
        Wave numbers k [rad/m] (0 where omega is 0).
    """
    omega = np.asarray(omega, dtype=float)
    k_deep = omega ** 2 / g
    if not np.isfinite(depth):
        return k_deep
    y = k_deep * depth                      # x tanh x = y
    x = np.where(y > 0, y / np.sqrt(np.tanh(np.maximum(y, 1e-300))), 0.0)
    for _ in range(60):
        t = np.tanh(x)
        f = x * t - y
        fp = t + x * (1.0 - t * t)
        dx = np.where(fp > 0, f / np.where(fp > 0, fp, 1.0), 0.0)
        x = x - dx
        if np.all(np.abs(dx) <= 1e-15 * np.maximum(x, 1e-300)):
            break
    return x / depth


def jonswap_gamma(hs: float, tp: float) -> float:
    """Peak-enhancement factor from the IEC 61400-3 (DNV-RP-C205) rule.

    ``gamma = 5`` for ``Tp/sqrt(Hs) <= 3.6``; ``exp(5.75 - 1.15 Tp/sqrt(Hs))`` between 3.6 and 5;
    ``1`` for ``Tp/sqrt(Hs) >= 5`` (Tp in s, Hs in m). Returns 1 for ``Hs <= 0``.
    """
    if hs <= 0.0:
        return 1.0
    ratio = tp / np.sqrt(hs)
    if ratio <= 3.6:
        return 5.0
    if ratio >= 5.0:
        return 1.0
    return float(np.exp(5.75 - 1.15 * ratio))


def jonswap(omega, hs: float, tp: float, gamma: float | None = None) -> np.ndarray:
    """One-sided JONSWAP spectrum (IEC 61400-3 form, as in RAFT and FAST).

    With f = omega / 2 pi and fp = 1/Tp::

        S(f) = C (5/16) Hs^2 fp^4 f^-5 exp(-5/4 (fp/f)^4) gamma^alpha,
        alpha = exp(-(f/fp - 1)^2 / (2 sigma^2)), sigma = 0.07 (f <= fp), 0.09 (f > fp),
        C = 1 - 0.287 ln(gamma),
        S(omega) = S(f) / (2 pi).

    Parameters
    ----------
    omega : array_like, shape (F,)
        Angular frequencies [rad/s].
    hs : float
        Significant wave height [m].
    tp : float
        Peak period [s].
    gamma : float or None
        Peak enhancement factor [-]; None (or a value <= 0, RAFT's "0 = default")
        selects ``jonswap_gamma(hs, tp)``.

    Returns
    -------
    ndarray, shape (F,)
        Spectral density [m^2 s/rad]; zero for ``hs <= 0``, ``tp <= 0`` or ``omega <= 0``.
    """
    omega = np.atleast_1d(np.asarray(omega, dtype=float))
    if hs <= 0.0 or tp <= 0.0:
        return np.zeros_like(omega)
    if gamma is None or gamma <= 0.0:
        gamma = jonswap_gamma(hs, tp)
    f = omega / (2.0 * np.pi)
    pos = f > 0
    fs = np.where(pos, f, 1.0)
    ratio4 = (tp * fs) ** -4.0                       # (fp/f)^4
    sigma = np.where(fs <= 1.0 / tp, 0.07, 0.09)
    alpha = np.exp(-0.5 * ((fs * tp - 1.0) / sigma) ** 2)
    c_norm = 1.0 - 0.287 * np.log(gamma)
    s_f = c_norm * 0.3125 * hs ** 2 * ratio4 / fs * np.exp(-1.25 * ratio4) * gamma ** alpha
    return np.where(pos, s_f / (2.0 * np.pi), 0.0)


def pierson_moskowitz(omega, hs: float, tp: float) -> np.ndarray:
    """One-sided Pierson-Moskowitz spectrum [m^2 s/rad] (JONSWAP with gamma = 1).

    ``S(omega) = (5/16) Hs^2 omega_p^4 omega^-5 exp(-5/4 (omega_p/omega)^4)``, omega_p = 2 pi / Tp.
    """
    return jonswap(omega, hs, tp, gamma=1.0)


def wave_spectrum(sea_state: SeaState, omega) -> np.ndarray:
    """Spectral density of one sea state on a frequency grid.

    Parameters
    ----------
    sea_state : SeaState
        ``spectrum`` is "jonswap", "pierson_moskowitz", "still" (zero), "table"
        (linear interpolation of ``table_density`` over ``table_omega``, zero outside),
        "unit" (white, S = 1 m^2 s/rad at every frequency: the response spectrum is then
        |RAO|^2, as RAFT's ``unit``) or "constant" (white at ``constant_density``, RAFT's
        ``constant``).
    omega : array_like, shape (F,)
        Angular frequencies [rad/s].

    Returns
    -------
    ndarray, shape (F,)
        One-sided spectral density [m^2 s/rad].
    """
    omega = np.atleast_1d(np.asarray(omega, dtype=float))
    kind = sea_state.spectrum
    if kind == "jonswap":
        return jonswap(omega, sea_state.hs, sea_state.tp, sea_state.gamma)
    if kind == "pierson_moskowitz":
        return pierson_moskowitz(omega, sea_state.hs, sea_state.tp)
    if kind == "still":
        return np.zeros_like(omega)
    if kind == "unit":
        return np.ones_like(omega)
    if kind == "constant":
        if not np.isfinite(sea_state.constant_density) or sea_state.constant_density < 0.0:
            raise ValueError("a 'constant' sea state needs a finite constant_density >= 0, "
                             f"got {sea_state.constant_density!r}")
        return np.full_like(omega, float(sea_state.constant_density))
    if kind == "table":
        if sea_state.table_omega is None or sea_state.table_density is None:
            raise ValueError("a 'table' sea state needs table_omega and table_density")
        w_tab = np.asarray(sea_state.table_omega, dtype=float)
        s_tab = np.asarray(sea_state.table_density, dtype=float)
        order = np.argsort(w_tab)
        return np.interp(omega, w_tab[order], s_tab[order], left=0.0, right=0.0)
    raise ValueError(f"unknown wave spectrum kind {kind!r}")


def wave_amplitudes(spectrum, d_omega) -> np.ndarray:
    """Component amplitudes ``sqrt(2 S d_omega)`` [m] of a discretised spectrum.

    ``spectrum`` [m^2 s/rad] and ``d_omega`` [rad/s] broadcast together.
    """
    return np.sqrt(2.0 * np.asarray(spectrum, dtype=float) * d_omega)


def depth_ratios(k, z, depth: float):
    """Depth-attenuation ratios of Airy waves, computed without overflow.

    Parameters
    ----------
    k : array_like
        Wave numbers [rad/m], > 0 where meaningful.
    z : array_like
        Elevations [m], -depth <= z <= 0 (broadcast against ``k``).
    depth : float
        Water depth [m] (may be ``inf``).

    Returns
    -------
    ch_sh, sh_sh, ch_ch : ndarray
        ``cosh(k(z+h))/sinh(kh)``, ``sinh(k(z+h))/sinh(kh)``, ``cosh(k(z+h))/cosh(kh)``,
        written as ``(e^{kz} +- e^{-k(z+2h)}) / (1 -+ e^{-2kh})``; all ``e^{kz}`` in deep
        water. Where ``k = 0`` the sinh ratios are set to 0 (no wave).
    """
    k = np.asarray(k, dtype=float)
    z = np.asarray(z, dtype=float)
    e_up = np.exp(k * z)
    if np.isfinite(depth):
        e_down = np.exp(-k * (z + 2.0 * depth))
        e_2h = np.exp(-2.0 * k * depth)
    else:
        e_down = np.zeros(np.broadcast(k, z).shape)
        e_2h = np.zeros_like(k)
    den_sh = 1.0 - e_2h
    safe = den_sh > 0
    den_sh = np.where(safe, den_sh, 1.0)
    ch_sh = np.where(safe, (e_up + e_down) / den_sh, 0.0)
    sh_sh = np.where(safe, (e_up - e_down) / den_sh, 0.0)
    ch_ch = (e_up + e_down) / (1.0 + e_2h)
    return ch_sh, sh_sh, ch_ch


def wave_kinematics(r, omega, heading, depth: float, g: float = GRAVITY,
                    rho: float = RHO_WATER):
    """Linear wave particle kinematics and dynamic pressure per unit wave amplitude.

    Parameters
    ----------
    r : array_like, shape (N, 3)
        Points [m] (z up, still water at z = 0). Points above the still water line get
        zero kinematics; points below the sea bed are evaluated at the bed.
    omega : array_like, shape (F,)
        Angular frequencies [rad/s].
    heading : array_like, shape (H,)
        Wave headings (direction of travel) [rad].
    depth : float
        Water depth [m] (``inf`` for deep water).
    g : float
        Gravitational acceleration [m/s^2].
    rho : float
        Water density [kg/m^3] (scales the pressure only).

    Returns
    -------
    velocity : ndarray, complex, shape (N, F, H, 3)
        Particle velocity per unit amplitude [m/s/m].
    acceleration : ndarray, complex, shape (N, F, H, 3)
        Particle acceleration ``i omega velocity`` [m/s^2/m].
    pressure : ndarray, complex, shape (N, F, H)
        Dynamic pressure ``rho g cosh(k(z+h))/cosh(kh)`` times the local phase [Pa/m].
    """
    r = np.atleast_2d(np.asarray(r, dtype=float))
    omega = np.atleast_1d(np.asarray(omega, dtype=float))
    heading = np.atleast_1d(np.asarray(heading, dtype=float))
    k = wave_number(omega, depth, g)                                   # (F,)
    wet = r[:, 2] <= 0.0
    z = np.clip(r[:, 2], -depth, 0.0) if np.isfinite(depth) else np.minimum(r[:, 2], 0.0)
    ch_sh, sh_sh, ch_ch = depth_ratios(k[None, :], z[:, None], depth)  # (N, F)
    cb, sb = np.cos(heading), np.sin(heading)                          # (H,)
    x_proj = r[:, 0, None] * cb + r[:, 1, None] * sb                   # (N, H)
    phase = np.exp(-1j * k[None, :, None] * x_proj[:, None, :])        # (N, F, H)
    phase = phase * wet[:, None, None]
    horiz = (omega * ch_sh)[:, :, None] * phase                        # (N, F, H)
    vel = np.empty(phase.shape + (3,), dtype=complex)
    vel[..., 0] = horiz * cb
    vel[..., 1] = horiz * sb
    vel[..., 2] = 1j * (omega * sh_sh)[:, :, None] * phase
    acc = 1j * omega[None, :, None, None] * vel
    pressure = rho * g * ch_ch[:, :, None] * phase
    return vel, acc, pressure
