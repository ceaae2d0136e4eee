"""Turbulent wind: IEC 61400-1 turbulence levels, Kaimal spectrum, rotor averaging.

Conventions
-----------
- Spectra are one-sided densities S(omega) [m^2/s^2 per rad/s] of the longitudinal
  (along-wind) velocity on angular frequency omega [rad/s]; the variance is the integral
  of S over omega. (The IEC standard writes them per Hz: S_f(f) = 2 pi S(2 pi f).)
- Complex wind-speed amplitudes per frequency bin follow the wave convention,
  ``|u| = sqrt(2 S dw)`` (see ``wind_amplitudes``).

Turbulence input (``Case.turbulence``)
--------------------------------------
- A string ``"<class><category>_<model>"`` such as ``"IIB_NTM"``, ``"IB_ETM"``,
  ``"IIIC_EWM"``: turbine class I/II/III (IV accepted) sets V_ave for the ETM, the
  category A+/A/B/C sets I_ref (IEC 61400-1 ed. 3: 0.18/0.16/0.14/0.12).
- A number: used, as RAFT does (raft_rotor.IECKaimal sets ``I_ref`` to it), as the
  reference intensity I_ref [-] (a fraction, not percent) of the normal turbulence
  model, ``sigma_u = I_ref (0.75 V + 5.6)``. It is therefore NOT the turbulence
  intensity sigma_u / V itself. A number given as a string ("0.14") is read the same way.
"""
from __future__ import annotations

import re

import numpy as np

__all__ = [
    "IEC_I_REF", "IEC_V_REF", "turbulence_sigma", "longitudinal_length_scale",
    "kaimal_spectrum", "disc_coherence_average", "rotor_averaged_spectrum",
    "wind_spectra", "wind_amplitudes",
]

IEC_I_REF: dict[str, float] = {"A+": 0.18, "A": 0.16, "B": 0.14, "C": 0.12}
"""Reference turbulence intensity I_ref by category (IEC 61400-1 ed. 3, table 1) [-]."""

IEC_V_REF: dict[str, float] = {"I": 50.0, "II": 42.5, "III": 37.5, "IV": 30.0}
"""Reference wind speed V_ref by turbine class [m/s]; V_ave = 0.2 V_ref."""

COHERENCE_DECAY: float = 12.0
"""IEC exponential coherence decay constant a [-] (IEC 61400-1 ed. 3, annex C)."""

_CLASS_RE = re.compile(r"^(IV|III|II|I)(A\+|A|B|C)_(NTM|ETM|EWM)$")


def _parse_turbulence(turbulence):
    """Return (i_ref, v_ave, model) from a class string or a number."""
    if isinstance(turbulence, str):
        text = turbulence.strip().upper()
        match = _CLASS_RE.match(text)
        if match is None:
            try:
                return float(text), 10.0, "NTM"
            except ValueError:
                raise ValueError(
                    f"turbulence {turbulence!r}: expected a number or a class string such as "
                    "'IIB_NTM' (class I/II/III/IV, category A+/A/B/C, model NTM/ETM/EWM)"
                ) from None
        cls, cat, model = match.groups()
        return IEC_I_REF[cat], 0.2 * IEC_V_REF[cls], model
    return float(turbulence), 10.0, "NTM"


def turbulence_sigma(turbulence, wind_speed) -> np.ndarray:
    """Standard deviation of the longitudinal wind speed, IEC 61400-1 ed. 3 section 6.3.

    NTM: ``I_ref (0.75 V + 5.6)``; ETM: ``2 I_ref (0.072 (V_ave/2 + 3)(V/2 - 4) + 10)``;
    EWM (turbulent extreme wind model): ``0.11 V``.

    Parameters
    ----------
    turbulence : str or float
        Class string (``"IIB_NTM"``) or I_ref as a fraction (see module docstring).
    wind_speed : float or array_like
        Hub-height mean wind speed V [m/s].

    Returns
    -------
    ndarray
        sigma_u [m/s], shape of ``wind_speed``.
    """
    i_ref, v_ave, model = _parse_turbulence(turbulence)
    v = np.asarray(wind_speed, dtype=float)
    if model == "NTM":
        return i_ref * (0.75 * v + 5.6)
    if model == "ETM":
        return 2.0 * i_ref * (0.072 * (0.5 * v_ave + 3.0) * (0.5 * v - 4.0) + 10.0)
    return 0.11 * v


def longitudinal_length_scale(hub_height: float) -> float:
    """Integral length scale of the longitudinal component, L_u = 8.1 Lambda_1 [m].

    Lambda_1 = 0.7 z for z < 60 m, else 42 m (IEC 61400-1 ed. 3, 6.3 and annex C).
    The same value is the coherence scale L_c of the IEC exponential coherence model.

    Parameters
    ----------
    hub_height : float
        Hub height above the surface z [m] (its magnitude is used).
    """
    z = abs(float(hub_height))
    return 8.1 * (0.7 * z if z < 60.0 else 42.0)


def kaimal_spectrum(omega, wind_speed: float, sigma_u: float, length_scale: float) -> np.ndarray:
    """One-sided Kaimal spectrum of the longitudinal velocity at a point.

    ``S_f(f) = 4 sigma^2 (L/V) / (1 + 6 f L/V)^(5/3)`` per Hz (IEC 61400-1 annex C),
    returned per rad/s: ``S(omega) = S_f(omega / 2 pi) / (2 pi)``.

    Parameters
    ----------
    omega : array_like, shape (F,)
        Angular frequencies [rad/s].
    wind_speed : float
        Hub-height mean wind speed V [m/s], > 0.
    sigma_u : float
        Standard deviation of the longitudinal velocity [m/s].
    length_scale : float
        Integral length scale L_u [m].

    Returns
    -------
    ndarray, shape (F,)
        S [m^2/s^2 per rad/s].
    """
    f = np.asarray(omega, dtype=float) / (2.0 * np.pi)
    tau = length_scale / wind_speed
    s_f = 4.0 * sigma_u**2 * tau / (1.0 + 6.0 * f * tau) ** (5.0 / 3.0)
    return s_f / (2.0 * np.pi)


# Coefficients c_k of the series  arccos(s) - s sqrt(1 - s^2) = pi/2 - 2 sum_k c_k s^(2k+1),
# c_k = (-1)^k binom(1/2, k) / (2k + 1); used by the large-argument expansion.
def _series_coefficients(n: int) -> np.ndarray:
    k = np.arange(n)
    binom = np.cumprod(np.r_[1.0, (0.5 - k[:-1]) / (k[:-1] + 1.0)])
    return (-1.0) ** k * binom / (2 * k + 1)


_N_ASYMPTOTIC = 10
_C_K = _series_coefficients(_N_ASYMPTOTIC)
_X_SWITCH = 9.0
_X_SMALL = 0.02
# Moments <r^n> / R^n, n = 1..4, of the distance between two random points of a disc.
_PAIR_MOMENTS = (128.0 / (45.0 * np.pi), 1.0, 2048.0 / (525.0 * np.pi), 5.0 / 3.0)


def _disc_average_closed_form(x):
    """Closed form in modified Struve and Bessel functions (cancellation grows as exp(2x))."""
    from scipy.special import iv, modstruve

    z = 2.0 * x
    bracket = (modstruve(1, z) - iv(1, z) - 2.0 / np.pi
               + x * (1.0 - 2.0 * modstruve(-2, z) + 2.0 * iv(2, z)))
    return 2.0 * bracket / x**3


def _disc_average_asymptotic(x):
    """Large-x expansion (Watson's lemma on the pair-distance density), error ~ exp(-2x)."""
    from math import factorial

    k = np.arange(_N_ASYMPTOTIC)
    fact = np.array([float(factorial(2 * kk + 2)) for kk in k])
    terms = _C_K * fact / 2.0 ** (2 * k + 1) / x[..., None] ** (2 * k + 3)
    return (4.0 / np.pi) * (0.5 * np.pi / x**2 - 2.0 * terms.sum(axis=-1))


def disc_coherence_average(x) -> np.ndarray:
    """Mean of ``exp(-kappa |p1 - p2|)`` over all pairs of points p1, p2 of a disc.

    With R the disc radius and ``x = kappa R``. The distance r between two uniformly
    distributed points of the disc has the density
    ``p(r) = (4 r / (pi R^2)) (arccos(s) - s sqrt(1 - s^2))``, ``s = r / 2R``, so the mean
    is the Laplace transform of p on [0, 2R]. It evaluates in closed form to
    ``(2/x^3) [L1(2x) - I1(2x) - 2/pi + x (1 - 2 L_-2(2x) + 2 I2(2x))]`` (L: modified
    Struve, I: modified Bessel functions), used for 0.02 <= x < 9 (below, its Taylor
    series in the pair-distance moments); for larger x the
    exponentially growing terms cancel, and the asymptotic series
    ``2/x^2 - 8/(pi x^3) + 4/(pi x^5) + ...`` (Watson's lemma) is used instead. Limits:
    1 at x = 0 (full coherence), 2/x^2 as x -> inf.

    Parameters
    ----------
    x : array_like
        kappa R [-], >= 0.

    Returns
    -------
    ndarray
        The disc-averaged coherence [-], shape of ``x``.
    """
    x = np.asarray(x, dtype=float)
    out = np.ones_like(x)
    small = x < _X_SMALL
    xs = x[small]
    m1, m2, m3, m4 = _PAIR_MOMENTS
    out[small] = 1.0 - m1 * xs + m2 * xs**2 / 2.0 - m3 * xs**3 / 6.0 + m4 * xs**4 / 24.0
    mid = (x >= _X_SMALL) & (x < _X_SWITCH)
    out[mid] = _disc_average_closed_form(x[mid])
    big = x >= _X_SWITCH
    out[big] = _disc_average_asymptotic(x[big])
    return out


def rotor_averaged_spectrum(omega, wind_speed: float, sigma_u: float, length_scale: float,
                            rotor_radius: float, coherence_decay: float = COHERENCE_DECAY,
                            coherence_scale: float | None = None) -> np.ndarray:
    """Spectrum of the rotor-disc-averaged longitudinal wind speed.

    With the IEC exponential coherence ``Coh(r, f) = exp(-kappa r)``,
    ``kappa = a sqrt((f/V)^2 + (0.12/L_c)^2)``, the disc average of the velocity has
    the spectrum ``S_point(omega) * disc_coherence_average(kappa R)``.

    Parameters
    ----------
    omega : array_like, shape (F,)
        Angular frequencies [rad/s].
    wind_speed : float
        Hub-height mean wind speed V [m/s].
    sigma_u : float
        Standard deviation of the longitudinal velocity [m/s].
    length_scale : float
        Kaimal integral length scale L_u [m].
    rotor_radius : float
        Rotor (tip) radius R [m].
    coherence_decay : float
        Coherence decay constant a [-] (IEC: 12).
    coherence_scale : float, optional
        Coherence scale L_c [m]; defaults to ``length_scale`` (IEC ed. 3: L_c = 8.1 Lambda_1).

    Returns
    -------
    ndarray, shape (F,)
        S_rotor [m^2/s^2 per rad/s].
    """
    l_c = length_scale if coherence_scale is None else coherence_scale
    f = np.asarray(omega, dtype=float) / (2.0 * np.pi)
    kappa = coherence_decay * np.sqrt((f / wind_speed) ** 2 + (0.12 / l_c) ** 2)
    point = kaimal_spectrum(omega, wind_speed, sigma_u, length_scale)
    return point * disc_coherence_average(kappa * rotor_radius)


def wind_spectra(turbulence, wind_speed: float, hub_height: float, rotor_radius: float,
                 omega) -> tuple[np.ndarray, np.ndarray]:
    """Point (hub) and rotor-averaged longitudinal wind spectra of a load case.

    Parameters
    ----------
    turbulence : str or float
        ``Case.turbulence`` (see module docstring).
    wind_speed : float
        Hub-height mean wind speed [m/s]; zero or negative gives zero spectra.
    hub_height : float
        Hub height above the surface [m].
    rotor_radius : float
        Rotor tip radius [m].
    omega : array_like, shape (F,)
        Angular frequencies [rad/s].

    Returns
    -------
    S_point, S_rotor : ndarray, shape (F,)
        [m^2/s^2 per rad/s].
    """
    omega = np.asarray(omega, dtype=float)
    if wind_speed <= 0.0:
        return np.zeros_like(omega), np.zeros_like(omega)
    sigma = float(turbulence_sigma(turbulence, wind_speed))
    l_u = longitudinal_length_scale(hub_height)
    point = kaimal_spectrum(omega, wind_speed, sigma, l_u)
    rotor = rotor_averaged_spectrum(omega, wind_speed, sigma, l_u, rotor_radius)
    return point, rotor


def wind_amplitudes(spectrum, d_omega) -> np.ndarray:
    """Wind-speed amplitude per frequency bin, ``sqrt(2 S dw)`` [m/s].

    Parameters
    ----------
    spectrum : array_like, shape (F,)
        One-sided spectrum [m^2/s^2 per rad/s].
    d_omega : float or array_like
        Bin width [rad/s].
    """
    return np.sqrt(2.0 * np.asarray(spectrum, dtype=float) * d_omega)
