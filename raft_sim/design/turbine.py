"""RAFT ``turbine`` section -> ``Turbine`` (RNA, tower members, rotor, controller).

Units converted here: precone, shaft tilt, blade twist, airfoil angle of attack and
``wt_ops.pitch_op`` from degrees to rad; ``wt_ops.omega_op`` from rpm to rad/s
(exactly 2 pi / 60; RAFT itself uses 0.1047). ``pitch_control.GS_Angles`` are
already in rad in RAFT's format.
"""
from __future__ import annotations

import math

import numpy as np

from raft_sim.design.errors import DesignError
from raft_sim.design.limits import MAX_BLADES, MAX_ELEMENTS, MAX_MEMBERS, MAX_SECTORS, check_count
from raft_sim.design.members import MEMBER_KEYS, members_from_section
from raft_sim.design.objects import (RNA, Airfoil, Blade, Controller, OperatingSchedule, Rotor,
                                     Site, Turbine)
from raft_sim.design.validate import DEG, Section, describe, float_array, item_sections, join, to_float

RPM = 2.0 * math.pi / 60.0
AERO_SERVO = {0: "off", 1: "aero", 2: "aero_control"}

TURBINE_KEYS = frozenset({
    "mRNA", "IxRNA", "IrRNA", "xCG_RNA", "hHub", "Fthrust", "I_drivetrain", "nBlades", "Zhub",
    "Rhub", "precone", "shaft_tilt", "shaft_toe", "overhang", "aeroServoMod", "aeroMod", "env",
    "blade", "airfoils", "pitch_control", "torque_control", "wt_ops", "gear_ratio", "tower",
    "nacelle", "nrotors", "rotorCoords", "position", "speed_gain", "yaw_mode", "headings",
    "name", "type", "comments",
})
BLADE_KEYS = frozenset({"Rtip", "precurveTip", "presweepTip", "geometry", "airfoils", "nSector", "nr"})
AIRFOIL_KEYS = frozenset({"name", "relative_thickness", "data", "added_mass_coeff"})
ENV_KEYS = frozenset({"rho", "mu", "shearExp"})


def table(sec: Section, key: str, min_cols: int, expected: str) -> np.ndarray:
    """A numeric table (rows of at least ``min_cols`` numbers), shape (rows, cols)."""
    value = sec.raw(key)
    arr = float_array(value, sec.at(key), expected)
    if arr.ndim != 2 or arr.shape[1] < min_cols or arr.shape[0] < 2:
        raise DesignError(sec.at(key), f"expected {expected}, got {describe(value)}")
    return arr


def rna(sec: Section) -> RNA:
    """RNA point mass; ``hHub`` falls back to ``Zhub`` or ``position[0][2]``."""
    if sec.has("hHub"):
        hub = sec.number("hHub")
    elif sec.has("Zhub"):
        hub = sec.number("Zhub")
    else:
        raise DesignError(sec.at("hHub"), "required key is missing (hub height above still water)")
    return RNA(mass=sec.number("mRNA", nonnegative=True),
               inertia_axial=sec.number("IxRNA", 0.0, nonnegative=True),
               inertia_radial=sec.number("IrRNA", 0.0, nonnegative=True),
               x_cg=sec.number("xCG_RNA", 0.0), hub_height=hub)


def single_rotor_checks(sec: Section) -> None:
    """Refuse several rotors or rotors offset from the tower axis."""
    if sec.has("nrotors") and sec.integer("nrotors") != 1:
        raise DesignError(sec.at("nrotors"), "only single-rotor turbines are supported (nrotors: 1)")
    for key in ("rotorCoords", "position"):
        if sec.has(key):
            arr = float_array(sec.raw(key), sec.at(key), "a list of rotor coordinates")
            arr = np.atleast_2d(arr)
            if arr.shape[0] != 1:
                raise DesignError(sec.at(key), "only single-rotor turbines are supported")
            if np.any(arr[0, :2] != 0):
                raise DesignError(sec.at(key), "a rotor offset from the platform's z axis is not supported")
    if sec.has("shaft_toe") and sec.number("shaft_toe") != 0:
        sec.ctx.warn(sec.at("shaft_toe"), "shaft toe is not modelled; the shaft is taken in the x-z plane")
    if sec.has("yaw_mode") and sec.integer("yaw_mode") != 0:
        sec.ctx.warn(sec.at("yaw_mode"), "only yaw_mode 0 (rotor aligned with the inflow) is modelled")


def env_checks(sec: Section, site: Site) -> None:
    """``turbine.env`` is ignored (RAFT uses the site values); warn where it differs."""
    env = sec.section("env", ENV_KEYS, default=None)
    if env is None:
        return
    pairs = (("rho", site.rho_air, "site.rho_air"), ("mu", site.mu_air, "site.mu_air"),
             ("shearExp", site.shear_exp, "site.shearExp_air"))
    for key, used, name in pairs:
        if env.has(key) and not math.isclose(env.number(key), used, rel_tol=1e-9):
            sec.ctx.warn(env.at(key), f"ignored; {name} = {used:g} is used, as RAFT does")


def airfoils(sec: Section) -> tuple[Airfoil, ...]:
    out = []
    for foil in item_sections(sec, "airfoils", AIRFOIL_KEYS):
        data = table(foil, "data", 4, "rows of [alpha_deg, cl, cd, cm]")
        if np.any(np.diff(data[:, 0]) <= 0):
            raise DesignError(foil.at("data"), "angles of attack must be strictly increasing")
        out.append(Airfoil(name=foil.string("name"),
                           relative_thickness=foil.number("relative_thickness", positive=True),
                           alpha=data[:, 0] * DEG, cl=data[:, 1], cd=data[:, 2], cm=data[:, 3]))
    names = [a.name for a in out]
    for i, name in enumerate(names):
        if name in names[:i]:
            raise DesignError(join(sec.at("airfoils"), i) + ".name", f"duplicate airfoil name '{name}'")
    return tuple(out)


def blade(sec: Section, hub_radius: float, foil_names: set[str]) -> Blade:
    value = sec.raw("blade")
    if isinstance(value, list):
        if len(value) != 1:
            raise DesignError(sec.at("blade"), "only one blade definition (one rotor) is supported")
        b = Section(value[0], sec.at("blade") + "[0]", sec.ctx, BLADE_KEYS)
    else:
        b = sec.section("blade", BLADE_KEYS)
    tip = b.number("Rtip", positive=True)
    geo = table(b, "geometry", 5, "rows of [r, chord, twist_deg, precurve, presweep]")
    r = geo[:, 0]
    if np.any(np.diff(r) <= 0):
        raise DesignError(b.at("geometry"), "blade radii must be strictly increasing")
    if r[0] < hub_radius - 1e-9 or r[-1] > tip + 1e-9:
        raise DesignError(b.at("geometry"), f"blade radii must lie between Rhub ({hub_radius:g} m) and Rtip ({tip:g} m)")
    if np.any(geo[:, 1] <= 0):
        raise DesignError(b.at("geometry"), "chord lengths must be positive")
    positions, names = blade_airfoils(b, foil_names)
    return Blade(r=r, chord=geo[:, 1], twist=geo[:, 2] * DEG, precurve=geo[:, 3], presweep=geo[:, 4],
                 tip_radius=tip, precurve_tip=b.number("precurveTip", 0.0),
                 presweep_tip=b.number("presweepTip", 0.0), airfoil_positions=positions,
                 airfoil_names=names, n_sector=b.integer("nSector", 4, minimum=1, maximum=MAX_SECTORS),
                 n_elements=b.integer("nr", 20, minimum=1, maximum=MAX_ELEMENTS))


def blade_airfoils(b: Section, foil_names: set[str]) -> tuple[np.ndarray, tuple[str, ...]]:
    """Airfoil stations along the blade: positions 0..1 and airfoil names."""
    rows = b.sequence("airfoils")
    positions, names = [], []
    for i, row in enumerate(rows):
        path = join(b.at("airfoils"), i)
        if not (isinstance(row, list) and len(row) == 2):
            raise DesignError(path, f"expected [position, airfoil name], got {describe(row)}")
        pos = to_float(row[0], path, "a position between 0 and 1")
        if not 0.0 <= pos <= 1.0:
            raise DesignError(path, f"airfoil position must be between 0 and 1, got {float(pos):g}")
        if not isinstance(row[1], (str, int, float)) or str(row[1]) not in foil_names:
            raise DesignError(path, f"unknown airfoil {describe(row[1])} (not in turbine.airfoils)")
        positions.append(float(pos))
        names.append(str(row[1]))
    if np.any(np.diff(positions) < 0):
        raise DesignError(b.at("airfoils"), "airfoil positions must be in increasing order")
    return np.array(positions), tuple(names)


def schedule(sec: Section) -> OperatingSchedule:
    ops = sec.section("wt_ops", {"v", "pitch_op", "omega_op"})
    v = ops.vector("v", nonnegative=True, min_length=1)
    n = v.size
    pitch, omega = ops.vector("pitch_op"), ops.vector("omega_op", nonnegative=True)
    for key, arr in (("pitch_op", pitch), ("omega_op", omega)):
        if arr.size != n:
            raise DesignError(ops.at(key), f"expected a list of {n} (length of v), got a list of {arr.size}")
    if np.any(np.diff(v) <= 0):
        raise DesignError(ops.at("v"), "wind speeds must be strictly increasing")
    return OperatingSchedule(wind_speed=v, pitch=pitch * DEG, rotor_speed=omega * RPM)


def controller(sec: Section) -> Controller | None:
    if not sec.has("pitch_control") and not sec.has("torque_control"):
        return None
    pc = sec.section("pitch_control", {"GS_Angles", "GS_Kp", "GS_Ki", "Fl_Kp"}, default={})
    tc = sec.section("torque_control", {"VS_KP", "VS_KI"}, default={})
    angles = pc.vector("GS_Angles", default=[])
    gains = {key: pc.vector(key, default=[]) for key in ("GS_Kp", "GS_Ki")}
    for key, arr in gains.items():
        if arr.size != angles.size:
            raise DesignError(pc.at(key), f"expected a list of {angles.size} (length of GS_Angles), got a list of {arr.size}")
    return Controller(gs_angles=angles, gs_kp=gains["GS_Kp"], gs_ki=gains["GS_Ki"],
                      fl_kp=pc.number("Fl_Kp", 0.0), vs_kp=tc.number("VS_KP", 0.0), vs_ki=tc.number("VS_KI", 0.0))


def aero_servo_mode(sec: Section) -> str:
    key = "aeroServoMod" if sec.has("aeroServoMod") or not sec.has("aeroMod") else "aeroMod"
    return AERO_SERVO[sec.integer(key, 1, choices=(0, 1, 2))]


def rotor(sec: Section) -> Rotor:
    hub_radius = sec.number("Rhub", positive=True)
    foils = airfoils(sec)
    overhang = sec.number("overhang")
    if overhang > 0:
        sec.ctx.warn(sec.at("overhang"), "positive overhang would put the rotor downwind (+x); "
                     "its sign is flipped to an upwind rotor, as RAFT does")
        overhang = -overhang
    hub_height = sec.number("Zhub") if sec.has("Zhub") else rna(sec).hub_height
    drivetrain_check(sec)
    return Rotor(n_blades=sec.integer("nBlades", minimum=1, maximum=MAX_BLADES), hub_radius=hub_radius, hub_height=hub_height,
                 precone=sec.angle("precone"), shaft_tilt=sec.angle("shaft_tilt"), overhang=overhang,
                 blade=blade(sec, hub_radius, {f.name for f in foils}), airfoils=foils,
                 schedule=schedule(sec), controller=controller(sec),
                 gear_ratio=sec.number("gear_ratio", 1.0, positive=True),
                 drivetrain_inertia=sec.number("I_drivetrain", 0.0, nonnegative=True),
                 aero_servo_mode=aero_servo_mode(sec), speed_gain=sec.number("speed_gain", 1.0, positive=True))


def drivetrain_check(sec: Section) -> None:
    """Warn when I_drivetrain, which also sets the rotor's gyroscopic moment, is far above the
    RNA's inertia about the shaft (a value copied from another turbine, as in RAFT's OC3 file)."""
    spin = sec.number("I_drivetrain", 0.0, nonnegative=True)
    axial = sec.number("IxRNA", 0.0, nonnegative=True)
    if axial > 0.0 and spin > 3.0 * axial:
        sec.ctx.warn(sec.at("I_drivetrain"), f"{spin:.4g} kg m^2 is {spin / axial:.1f} times IxRNA "
                     f"({axial:.4g} kg m^2); it sets the drivetrain dynamics and the rotor's "
                     "gyroscopic moment: check it")


def member_group(sec: Section, key: str) -> tuple:
    """Tower or nacelle: one member mapping or a list of them."""
    value = sec.raw(key)
    items = value if isinstance(value, list) else [value]
    check_count(len(items), MAX_MEMBERS, sec.at(key), "members")
    out = []
    for i, item in enumerate(items):
        path = join(sec.at(key), i) if isinstance(value, list) else sec.at(key)
        out.extend(members_from_section(Section(item, path, sec.ctx, MEMBER_KEYS)))
    check_count(len(out), MAX_MEMBERS, sec.at(key), "members (after heading copies)")
    return tuple(out)


def turbine_from_section(sec: Section, site: Site) -> Turbine:
    """Build the ``Turbine`` of a checked ``turbine`` section."""
    single_rotor_checks(sec)
    env_checks(sec, site)
    the_rna = rna(sec)
    if the_rna.hub_height < 0:
        sec.ctx.warn(sec.at("hHub"), "the hub is below still water (tidal rotor); underwater rotor "
                     "loads (hydrodynamic thrust, added mass, buoyancy) are not modelled and are omitted")
    tower = member_group(sec, "tower") if sec.has("tower") else ()
    nacelle = ()
    if sec.has("nacelle"):
        nacelle = member_group(sec, "nacelle")
        sec.ctx.warn(sec.at("nacelle"), "nacelle members are not included in the hydrodynamic model; "
                     "their loads are omitted")
    the_rotor = rotor(sec) if sec.has("blade") else None
    if the_rotor is None and sec.has("wt_ops"):
        raise DesignError(sec.at("blade"), "required key is missing (wt_ops given without blade geometry)")
    return Turbine(rna=the_rna, tower=tower, rotor=the_rotor, nacelle=nacelle)
