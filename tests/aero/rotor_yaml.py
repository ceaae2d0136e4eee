"""Test helper: build Rotor/Site objects straight from a RAFT YAML file.

Uses ``raft_sim.load_design`` when the loader is available; otherwise a minimal local
reader of the ``turbine`` and ``site`` sections (degrees -> rad, rpm -> rad/s, signs of
precone/shaft_tilt kept as in the YAML, i.e. RAFT's convention).
"""
from __future__ import annotations

import numpy as np
import yaml

from raft_sim.design.objects import (Airfoil, Blade, OperatingSchedule, Rotor, Site)


def _first(value):
    return value[0] if isinstance(value, list) else value


def local_rotor(path) -> tuple[Rotor, Site]:
    """Rotor and Site read by the local minimal parser (no loader needed)."""
    with open(path) as fh:
        raw = yaml.safe_load(fh)
    site_in, turb = raw.get("site", {}), raw["turbine"]
    blade_in = _first(turb["blade"])
    geom = np.array(blade_in["geometry"], dtype=float)
    blade = Blade(
        r=geom[:, 0], chord=geom[:, 1], twist=np.radians(geom[:, 2]),
        precurve=geom[:, 3], presweep=geom[:, 4], tip_radius=float(blade_in["Rtip"]),
        precurve_tip=float(blade_in.get("precurveTip", 0.0)),
        presweep_tip=float(blade_in.get("presweepTip", 0.0)),
        airfoil_positions=np.array([float(a) for a, _ in blade_in["airfoils"]]),
        airfoil_names=tuple(str(b) for _, b in blade_in["airfoils"]),
    )
    airfoils = []
    for af in turb["airfoils"]:
        data = np.array(af["data"], dtype=float)
        airfoils.append(Airfoil(name=af["name"], relative_thickness=float(af["relative_thickness"]),
                                alpha=np.radians(data[:, 0]), cl=data[:, 1], cd=data[:, 2],
                                cm=data[:, 3]))
    ops = _first(turb["wt_ops"])
    schedule = OperatingSchedule(
        wind_speed=np.array(ops["v"], dtype=float),
        pitch=np.radians(np.array(ops["pitch_op"], dtype=float)),
        rotor_speed=np.array(ops["omega_op"], dtype=float) * np.pi / 30.0,
    )
    rotor = Rotor(
        n_blades=int(_first(turb["nBlades"])), hub_radius=float(_first(turb["Rhub"])),
        hub_height=float(_first(turb.get("hHub", turb.get("Zhub")))),
        precone=np.radians(float(_first(turb["precone"]))),
        shaft_tilt=np.radians(float(_first(turb["shaft_tilt"]))),
        overhang=float(_first(turb["overhang"])), blade=blade, airfoils=tuple(airfoils),
        schedule=schedule,
    )
    site = Site(water_depth=float(site_in.get("water_depth", 200.0)),
                rho_air=float(site_in.get("rho_air", 1.225)),
                mu_air=float(site_in.get("mu_air", 1.81e-5)),
                shear_exp=float(site_in.get("shearExp", 0.12)))
    return rotor, site


def rotor_and_site(path) -> tuple[Rotor, Site]:
    """Rotor and Site of a RAFT YAML file, through the project loader when present."""
    try:
        from raft_sim.design.load import load_design
    except ImportError:
        return local_rotor(path)
    design = load_design(str(path))
    return design.turbine.rotor, design.site
