"""First-order potential-flow coefficients of the platform's members with Capytaine.

Capytaine (``pip install "raft_sim[bem]"``) solves the radiation problems of the six rigid-
body DOFs (rotations about the platform reference point, the origin) and the diffraction
problems of the wave directions on a frequency grid. The panels come from
:mod:`raft_sim.hydro.hull_mesh`; an interior free-surface lid (Capytaine's
``generate_lid`` at ``lowest_lid_position``) removes the irregular frequencies.

Conventions: Capytaine's complex amplitudes are those of Re(X exp(-i omega t)); raft_sim's
are of Re(X exp(+i omega t)), so the excitation is complex-conjugated here, once. Both
measure wave directions as the direction of travel from +x towards +y, and the phase from
the incident wave at the origin.

Cache: results are stored as netCDF in ``cache_dir`` (default ``$RAFT_SIM_CACHE`` or
``~/.cache/raft_sim/bem``) under a SHA-256 of the panels, lid or not, frequencies,
directions, depth, density, gravity and Capytaine's version; a rerun reads the file and
builds no Capytaine body and solves nothing. The returned Dataset's ``bem_cache``
attribute is ``"computed"`` or ``"hit"``, and the module's logger says which (INFO).
"""
from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import numpy as np

from raft_sim.conventions import DOFS, GRAVITY, RHO_WATER
from raft_sim.hydro.hull_mesh import PanelMesh, hull_panels

LOG = logging.getLogger(__name__)

INSTALL_HINT = 'Capytaine is needed for BEM coefficients: pip install "raft_sim[bem]" (or: pip install capytaine)'
CAPYTAINE_DOFS = ("Surge", "Sway", "Heave", "Roll", "Pitch", "Yaw")


class MissingCapytaine(ImportError):
    """Capytaine is not installed; the message is the one line that says how to install it."""


def _capytaine():
    try:
        import capytaine
    except ImportError as err:
        raise MissingCapytaine(INSTALL_HINT) from err
    return capytaine


def default_cache_dir() -> Path:
    """``$RAFT_SIM_CACHE`` or ``$XDG_CACHE_HOME/raft_sim/bem`` (default ``~/.cache/raft_sim/bem``)."""
    env = os.environ.get("RAFT_SIM_CACHE")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "raft_sim" / "bem"


def bem_frequencies(min_frequency: float, max_frequency: float) -> np.ndarray:
    """RAFT's BEM grid ``d, 2d, ...`` up to ``max_frequency`` with ``d = min_frequency`` [rad/s]."""
    n = max(1, int(np.floor(max_frequency / min_frequency + 0.5)))
    return min_frequency * np.arange(1, n + 1)


def capytaine_body(mesh: PanelMesh, lid_omega=None, g: float = GRAVITY):
    """Capytaine ``FloatingBody`` of the panels, six rigid DOFs about the origin.

    A mesh symmetric about the xOz plane is passed to Capytaine as its half
    (:func:`symmetric_half`), which roughly halves the solve time.

    Parameters
    ----------
    mesh : PanelMesh
    lid_omega : float or None
        Highest frequency the lid must clear of irregular frequencies [rad/s]; None: no lid.
    g : float
        [m/s^2]

    Returns
    -------
    capytaine.FloatingBody
    """
    cpt = _capytaine()
    half = symmetric_half(mesh)
    if half is None:
        hull = cpt.Mesh(mesh.vertices, mesh.faces, name="hull")
    else:
        hull = cpt.ReflectionSymmetricMesh(cpt.Mesh(mesh.vertices, mesh.faces[half], name="half hull"),
                                           plane="xOz", name="hull")
    hull = hull.immersed_part()
    lid = None
    if lid_omega is not None:
        lid = hull.generate_lid(z=lid_position(hull, float(lid_omega), g))
    return cpt.FloatingBody(hull, dofs=cpt.rigid_body_dofs(rotation_center=(0.0, 0.0, 0.0)),
                            lid_mesh=lid, name="platform")


def symmetric_half(mesh: PanelMesh, tol: float = 1e-6):
    """Mask of the panels with y > 0 if the mesh is its own mirror image in y (else None).

    Capytaine then solves on half the panels (``ReflectionSymmetricMesh``, plane xOz).
    """
    c = mesh.centers
    upper, lower = c[:, 1] > tol, c[:, 1] < -tol
    if not np.all(upper | lower) or upper.sum() != lower.sum():
        return None
    from scipy.spatial import cKDTree

    dist, _ = cKDTree(c[upper]).query(c[lower] * [1.0, -1.0, 1.0])
    return upper if np.all(dist < 1e-6 * max(1.0, np.abs(c).max())) else None


def lid_position(hull, omega_max: float, g: float = GRAVITY) -> float:
    """Depth of the irregular-frequency lid [m] (z < 0).

    Capytaine's ``lowest_lid_position``: the lowest lid that adds no irregular frequency of
    its own below ``omega_max``. Where every depth qualifies (its formula has no solution,
    as for semisubmersible columns below about 2 rad/s), half the hull's draft.
    """
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        z = float(hull.lowest_lid_position(omega_max=omega_max, g=g))
    return z if np.isfinite(z) and z < 0 else 0.5 * float(hull.z_span[0])


def cache_key(mesh: PanelMesh, omega, direction, water_depth, rho, g, lid: bool) -> str:
    """SHA-256 (hex) of everything a BEM result depends on: panels, lid or not, frequencies,
    directions, depth, density, gravity and Capytaine's version."""
    from importlib.metadata import version

    h = hashlib.sha256()
    h.update(np.round(np.asarray(mesh.vertices, float), 6).tobytes())
    h.update(np.asarray(mesh.faces, np.int64).tobytes())
    for arr in (omega, direction, [water_depth, rho, g, float(lid)]):
        h.update(np.round(np.asarray(arr, float), 12).tobytes())
    h.update(version("capytaine").encode())
    return h.hexdigest()


def _from_capytaine(result, omega, direction, rho, g, water_depth):
    """Capytaine's dataset -> raft_sim database (DOF labels, e^{+i w t})."""
    from raft_sim.hydro.database import hydro_database

    rename = dict(zip(CAPYTAINE_DOFS, DOFS))
    res = result.assign_coords(radiating_dof=[rename[d] for d in result.radiating_dof.values],
                               influenced_dof=[rename[d] for d in result.influenced_dof.values])
    res = res.sel(radiating_dof=list(DOFS), influenced_dof=list(DOFS))
    mat = lambda name: res[name].transpose("omega", "influenced_dof", "radiating_dof").values  # noqa: E731
    x = (res.diffraction_force + res.Froude_Krylov_force).transpose("omega", "wave_direction", "influenced_dof")
    return hydro_database(omega, mat("added_mass"), mat("radiation_damping"), np.conj(x.values), direction,
                          rho=rho, g=g, water_depth=water_depth, source=f"Capytaine {_capytaine().__version__}")


def solve_bem(mesh: PanelMesh, omega, direction, *, water_depth: float = np.inf,
              rho: float = RHO_WATER, g: float = GRAVITY, lid: bool = True,
              cache_dir=None, use_cache: bool = True, progress: bool | None = None):
    """Radiation and diffraction coefficients of a panel mesh, cached on disk.

    Parameters
    ----------
    mesh : PanelMesh
        Panels (:func:`raft_sim.hydro.hull_mesh.hull_panels`).
    omega : array_like, shape (F,)
        Frequencies [rad/s], > 0.
    direction : array_like, shape (D,)
        Wave directions of travel [rad].
    water_depth : float
        [m]; inf for deep water.
    rho, g : float
        [kg/m^3], [m/s^2].
    lid : bool
        Add the irregular-frequency lid.
    cache_dir : str or Path, optional
        Default :func:`default_cache_dir`.
    use_cache : bool
        Read and write the cache.
    progress : bool or None
        Capytaine's progress bar (None: its default, env ``CAPYTAINE_PROGRESS_BAR``).

    Returns
    -------
    xarray.Dataset
        Database (:mod:`raft_sim.hydro.database`) with attrs ``bem_cache`` ("computed" or
        "hit") and ``panels``.
    """
    import xarray as xr

    cpt = _capytaine()
    omega = np.asarray(omega, dtype=float)
    direction = np.atleast_1d(np.asarray(direction, dtype=float))
    path = Path(cache_dir or default_cache_dir()) / f"{cache_key(mesh, omega, direction, water_depth, rho, g, lid)}.nc"
    if use_cache and path.is_file():
        LOG.info("BEM cache hit: %s", path)
        return _read(path).assign_attrs(bem_cache="hit")
    body = capytaine_body(mesh, omega.max() if lid else None, g)
    LOG.info("BEM solve: %d panels (+%d lid), %d frequencies x (6 radiation + %d diffraction) problems",
             body.mesh.nb_faces, 0 if body.lid_mesh is None else body.lid_mesh.nb_faces, omega.size, direction.size)
    test = xr.Dataset(coords={"omega": omega, "wave_direction": direction, "radiating_dof": list(body.dofs),
                              "water_depth": [water_depth], "rho": [rho], "g": [g]})
    result = cpt.BEMSolver().fill_dataset(test, body, progress_bar=progress, hydrostatics=False)
    result = result.squeeze([d for d in ("water_depth", "rho", "g") if d in result.dims], drop=True)
    ds = _from_capytaine(result, omega, direction, rho, g, water_depth)
    ds = ds.assign_attrs(panels=int(body.mesh.nb_faces))
    if use_cache:
        _write(ds, path)
    return ds.assign_attrs(bem_cache="computed")


def _write(ds, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    x = ds.excitation_force
    out = ds.drop_vars("excitation_force").assign(excitation_force_re=x.real, excitation_force_im=x.imag)
    tmp = path.with_suffix(".tmp")
    out.to_netcdf(tmp, engine="h5netcdf")
    tmp.replace(path)


def _read(path: Path):
    import xarray as xr

    with xr.open_dataset(path, engine="h5netcdf") as f:
        ds = f.load()
    x = ds.excitation_force_re + 1j * ds.excitation_force_im
    x.attrs = {"units": "N/m, N m/m (per m of wave amplitude)",
               "convention": "x(t) = Re(X exp(+i omega t)), phase of the crest at the origin"}
    return ds.drop_vars(["excitation_force_re", "excitation_force_im"]).assign(excitation_force=x)


def platform_bem_database(platform, omega, direction, *, water_depth: float, rho: float = RHO_WATER,
                          g: float = GRAVITY, dz: float | None = None, da: float | None = None, **kwargs):
    """BEM database of the platform members that ask for potential flow.

    Parameters
    ----------
    platform : raft_sim.design.objects.Platform
        Members with ``potential_flow`` are meshed (none: ValueError).
    omega, direction, water_depth, rho, g
        See :func:`solve_bem`.
    dz, da : float, optional
        Panel lengths [m]; default the platform's ``bem_dz``/``bem_da`` (RAFT's ``dz_BEM``,
        ``da_BEM``; 3 m and 2 m when not given).
    **kwargs
        Passed to :func:`solve_bem` (``lid``, ``cache_dir``, ``use_cache``, ``progress``).

    Returns
    -------
    xarray.Dataset
    """
    members = [m for m in platform.members if m.potential_flow]
    if not members:
        raise ValueError("no platform member asks for potential flow (potMod / potModMaster)")
    mesh = hull_panels(members, dz or platform.bem_dz, da or platform.bem_da)
    return solve_bem(mesh, omega, direction, water_depth=water_depth, rho=rho, g=g, **kwargs)
