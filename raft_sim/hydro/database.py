"""The hydrodynamic database: first-order potential-flow coefficients of a hull.

One ``xarray.Dataset`` layout, whoever computed it (WAMIT files through
:mod:`raft_sim.hydro.wamit`, Capytaine through :mod:`raft_sim.hydro.capytaine_bem`), laid out
like Capytaine's own results so that either can be saved to netCDF and read back:

=========================  ===============================================  ==============
variable                   dims                                             units
=========================  ===============================================  ==============
``added_mass``             (omega, influenced_dof, radiating_dof)           kg, kg m, kg m^2
``radiation_damping``      (omega, influenced_dof, radiating_dof)           N s/m, N s, N m s
``excitation_force``       (omega, wave_direction, influenced_dof), complex N/m, N m/m
``added_mass_zero``        (influenced_dof, radiating_dof), optional        as added_mass
``added_mass_infinite``    (influenced_dof, radiating_dof), optional        as added_mass
``hydrostatic_stiffness``  (influenced_dof, radiating_dof), optional        N/m, N, N m
=========================  ===============================================  ==============

``added_mass[i, j]`` is the force in DOF ``i`` (influenced) per unit acceleration of DOF
``j`` (radiating), so ``.values`` is the matrix of the equations of motion as it stands.
Coordinates: ``omega`` [rad/s] ascending and finite (the zero- and infinite-frequency limits
are the separate ``added_mass_zero`` / ``added_mass_infinite``), ``wave_direction`` [rad]
(direction the waves travel towards, from +x towards +y), DOF labels
``raft_sim.conventions.DOFS``. The excitation is per metre of wave amplitude, with the
phase relative to the wave crest at the origin, in raft_sim's convention
x(t) = Re(X exp(+i omega t)); each reader converts to it once. Attributes: ``rho`` [kg/m^3],
``g`` [m/s^2], ``water_depth`` [m] (inf for deep water), ``source`` (where it came from).
"""
from __future__ import annotations

import numpy as np

from raft_sim.conventions import DOFS

DOF_DIMS = ("influenced_dof", "radiating_dof")
RADIATION_UNITS = {"added_mass": "kg, kg m, kg m^2 (translation/rotation blocks)",
                   "radiation_damping": "N s/m, N s, N m s/rad (translation/rotation blocks)"}


def hydro_database(omega, added_mass, radiation_damping, excitation_force, wave_direction, *,
                   rho: float, g: float, water_depth: float, source: str,
                   added_mass_zero=None, added_mass_infinite=None, hydrostatic_stiffness=None):
    """Assemble a hydrodynamic database Dataset (layout in the module docstring).

    Parameters
    ----------
    omega : array_like, shape (F,)
        Angular frequencies, finite and positive [rad/s]; sorted on output.
    added_mass, radiation_damping : array_like, shape (F, 6, 6)
        Matrices [i, j] = load in DOF i per unit acceleration / velocity of DOF j [SI].
    excitation_force : array_like, complex, shape (F, D, 6)
        Load per unit wave amplitude, e^{+i omega t} convention [N/m, N m/m].
    wave_direction : array_like, shape (D,)
        Directions of travel [rad].
    rho, g, water_depth : float
        Density [kg/m^3], gravity [m/s^2] and depth [m] (inf: deep water) of the data.
    source : str
        Provenance, e.g. the file or the solver.
    added_mass_zero, added_mass_infinite, hydrostatic_stiffness : array_like, shape (6, 6), optional
        Limits of the added mass at omega = 0 and infinity [SI]; hydrostatic stiffness [SI].

    Returns
    -------
    xarray.Dataset
    """
    import xarray as xr

    omega = np.asarray(omega, dtype=float)
    order = np.argsort(omega)
    coords = {"omega": omega[order], "wave_direction": np.asarray(wave_direction, dtype=float),
              "influenced_dof": list(DOFS), "radiating_dof": list(DOFS)}
    dims3 = ("omega",) + DOF_DIMS
    data = {name: (dims3, np.asarray(value, dtype=float)[order], {"units": RADIATION_UNITS[name]})
            for name, value in (("added_mass", added_mass), ("radiation_damping", radiation_damping))}
    data["excitation_force"] = (("omega", "wave_direction", "influenced_dof"),
                                np.asarray(excitation_force, dtype=complex)[order],
                                {"units": "N/m, N m/m (per m of wave amplitude)",
                                 "convention": "x(t) = Re(X exp(+i omega t)), phase of the crest at the origin"})
    for name, value, units in (("added_mass_zero", added_mass_zero, RADIATION_UNITS["added_mass"]),
                               ("added_mass_infinite", added_mass_infinite, RADIATION_UNITS["added_mass"]),
                               ("hydrostatic_stiffness", hydrostatic_stiffness, "N/m, N, N m/rad")):
        if value is not None:
            data[name] = (DOF_DIMS, np.asarray(value, dtype=float), {"units": units})
    ds = xr.Dataset(data, coords=coords,
                    attrs={"rho": float(rho), "g": float(g), "water_depth": float(water_depth),
                           "source": source})
    ds.omega.attrs["units"] = "rad/s"
    ds.wave_direction.attrs["units"] = "rad"
    return ds


def interp_rows(x_new, x, values):
    """Linear interpolation of ``values`` (first axis over ``x``, ascending) onto ``x_new``,
    held constant beyond the ends; any dtype (complex too), vectorised.

    Parameters
    ----------
    x_new : array_like, shape (N,)
    x : array_like, shape (M,)
    values : ndarray, shape (M, ...)

    Returns
    -------
    ndarray, shape (N, ...)
    """
    x_new, x = np.asarray(x_new, dtype=float), np.asarray(x, dtype=float)
    if len(x) == 1:
        return np.repeat(values, len(x_new), axis=0)
    idx = np.clip(np.searchsorted(x, x_new) - 1, 0, len(x) - 2)
    t = np.clip((x_new - x[idx]) / (x[idx + 1] - x[idx]), 0.0, 1.0)
    t = t.reshape((-1,) + (1,) * (values.ndim - 1))
    return values[idx] * (1.0 - t) + values[idx + 1] * t
