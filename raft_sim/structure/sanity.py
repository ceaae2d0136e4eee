"""Physical sanity checks of a design and of a load case, before anything is solved.

Each check is a pure function of frozen inputs returning ``Finding`` values: ``"error"``
for a design that cannot be modelled (weight and buoyancy that cannot balance), and
``"warning"`` for input that is legal but physically dubious (no restoring in a DOF,
members below the seabed, waves steeper than breaking ...). The caller decides what to
do: ``raft-sim`` refuses errors with exit code 2 and prints warnings. The checks and
their thresholds are listed in docs/cli.md ("Sanity checks").
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from raft_sim.conventions import DOFS

BREAKING_STEEPNESS = 1.0 / 7.0
"""Limiting steepness H/L of a deep-water wave (Michell 1893: 0.142) [-]."""
BREAKING_DEPTH_RATIO = 0.78
"""Limiting height-to-depth ratio of a shallow-water wave (McCowan 1894) [-]."""
MAX_WIND_SPEED = 70.0
"""Extreme 3-s gust of IEC 61400-1 class I (1.4 x V_ref = 1.4 x 50 m/s) [m/s]."""
MAX_CURRENT_SPEED = 5.0
"""Beyond the fastest tidal races (about 5 m/s) [m/s]."""
MAX_TIP_SPEED = 150.0
"""Blade tip speed far above any utility-scale rotor (about 90-100 m/s) [m/s]."""
MAX_WAVE_HEIGHT = 30.0
"""Significant wave height beyond any recorded sea state (about 20 m) [m]."""
_HYDROSTATIC = ("heave", "roll", "pitch")


@dataclass(frozen=True)
class Finding:
    """One result of a sanity check.

    Attributes
    ----------
    level : {"error", "warning"}
        ``"error"``: the design or case cannot be analysed meaningfully.
    path : str
        YAML-ish path of what the finding is about (``platform``, ``cases.data[2]``).
    message : str
        One line a user can act on.
    """

    level: Literal["error", "warning"]
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def errors(findings) -> tuple[Finding, ...]:
    """The findings of level ``"error"``."""
    return tuple(f for f in findings if f.level == "error")


def design_findings(design, mass_properties, hydrostatics) -> tuple[Finding, ...]:
    """Sanity of a design's statics and geometry.

    Parameters
    ----------
    design : raft_sim.design.objects.Design
    mass_properties : raft_sim.structure.inertia.MassProperties
        From ``mass_properties(design.platform, design.turbine)``.
    hydrostatics : raft_sim.structure.hydrostatics.Hydrostatics
        From ``hydrostatics(design.platform.members, rho_water, g)``.

    Returns
    -------
    tuple of Finding
    """
    return (*balance_findings(design, mass_properties, hydrostatics),
            *restoring_findings(design, mass_properties, hydrostatics),
            *seabed_findings(design), *rotor_findings(design))


def balance_findings(design, mass_properties, hydrostatics) -> tuple[Finding, ...]:
    """Weight against the largest and the present buoyancy of the platform.

    A platform with no submerged volume is an error. One heavier than its fully
    submerged displacement is an error unless its mooring could hold it up (then a
    warning, as for a tidal turbine), see :func:`mooring_can_lift`.
    """
    mass = mass_properties.mass
    if not math.isfinite(mass) or mass <= 0.0:
        return (Finding("error", "platform", f"total mass is {mass:g} kg: every member, ballast and RNA "
                        "mass is zero (or negative); nothing to analyse"),)
    if not design.platform.members:
        return ()
    rho = design.site.rho_water
    full = fully_submerged_volume(design.platform.members, rho, design.site.g)
    can_lift = mooring_can_lift(design.mooring, rho)
    if mass > rho * full:
        level, held = ("warning", " unless the mooring holds it up") if can_lift else ("error", "")
        return (Finding(level, "platform", f"weight ({mass:.4g} kg) exceeds the buoyancy of the platform "
                        f"fully submerged ({rho * full:.4g} kg): it sinks{held}; weight and buoyancy "
                        "cannot balance within the draft"),)
    if hydrostatics.volume <= 0.0:
        return (Finding("error", "platform", "no platform member is below the waterline (z = 0): "
                        "the platform is out of the water and cannot float at this draft"),)
    displaced = rho * hydrostatics.volume
    if design.mooring is None and abs(displaced - mass) > 0.05 * displaced:
        return (Finding("warning", "platform", f"weight ({mass:.4g} kg) and displacement ({displaced:.4g} kg) "
                        "differ by more than 5 % and there is no mooring to take the difference: the "
                        "platform will settle far from its design draft"),)
    return ()


def mooring_can_lift(mooring, rho: float) -> bool:
    """Whether a mooring could carry part of the weight: an anchor (fixed point) above a
    fairlead, or a free point (buoy) with net buoyancy. Lines from anchors below every
    fairlead only pull down."""
    if mooring is None:
        return False
    fixed = [p.location[2] for p in mooring.points if p.kind == "fixed"]
    vessel = [p.location[2] for p in mooring.points if p.kind == "vessel"]
    buoys = [p for p in mooring.points if p.kind == "free" and rho * p.volume > p.mass]
    return bool(buoys) or (bool(fixed) and bool(vessel) and max(fixed) > min(vessel))


def equilibrium_findings(design, equilibrium) -> tuple[Finding, ...]:
    """Sanity of the unloaded static equilibrium.

    Parameters
    ----------
    design : raft_sim.design.objects.Design
    equilibrium : raft_sim.solve.statics.Equilibrium
        E.g. ``Model(design).equilibrium``.

    Returns
    -------
    tuple of Finding
        Error: the solve did not converge, or ends with the platform fully out of the
        water, or fully under it without a mooring that could hold it there. Warning
        (with a mooring): a DOF with zero or negative total stiffness there.
    """
    pos = np.asarray(equilibrium.position, dtype=float)
    if not equilibrium.converged or not np.all(np.isfinite(pos)):
        why = f" ({equilibrium.message})" if equilibrium.message else ""
        return (Finding("error", "platform", f"the static equilibrium (weight, buoyancy, mooring) does not "
                        f"converge{why}: weight and buoyancy cannot balance"),)
    out = []
    members = design.platform.members
    if members:
        low = min(min(m.r_a[2], m.r_b[2]) for m in members) + pos[2]
        top = max(max(m.r_a[2], m.r_b[2]) for m in members) + pos[2]
        held = mooring_can_lift(design.mooring, design.site.rho_water)
        if low >= 0 or (top <= 0 and not held):
            where = "out of the water" if low >= 0 else "under the water"
            out.append(Finding("error", "platform", f"at equilibrium (heave {pos[2]:.4g} m) the platform is "
                               f"entirely {where}: weight and buoyancy cannot balance within the draft"))
    if design.mooring is None:  # restoring_findings covers the DOFs without mooring
        return tuple(out)
    k = np.diag(np.asarray(equilibrium.stiffness, dtype=float))
    for dof, value in zip(DOFS, k):
        if not value > 0:
            out.append(Finding("warning", "platform", f"total {dof} stiffness at equilibrium is {value:.4g} SI "
                               "(not positive): the platform is unstable or free in that DOF"))
    return tuple(out)


def fully_submerged_volume(members, rho: float, g: float) -> float:
    """Displaced volume of the members all lowered below the waterline [m^3]."""
    from raft_sim.structure.hydrostatics import hydrostatics
    top = max(max(m.r_a[2], m.r_b[2]) for m in members)
    shift = np.array([0.0, 0.0, top + 1.0])
    sunk = [replace(m, r_a=m.r_a - shift, r_b=m.r_b - shift) for m in members]
    return hydrostatics(sunk, rho, g).volume


def restoring_findings(design, mass_properties, hydrostatics) -> tuple[Finding, ...]:
    """DOFs with zero or negative restoring that no mooring or yaw spring can correct."""
    from raft_sim.structure.inertia import gravity_stiffness
    if design.mooring is not None or mass_properties.mass <= 0.0 or not design.platform.members:
        return ()
    k = np.diag(hydrostatics.stiffness + gravity_stiffness(mass_properties.mass, mass_properties.cg,
                                                           design.site.g))
    out = []
    for i, dof in enumerate(DOFS):
        if dof == "yaw" and design.platform.yaw_stiffness > 0:
            continue
        if dof in _HYDROSTATIC and k[i] < 0:
            out.append(Finding("warning", "platform", f"negative {dof} restoring ({k[i]:.4g} SI) without "
                               f"mooring: the platform is statically unstable in {dof} (e.g. a negative "
                               "metacentric height); results are not physical"))
        elif k[i] <= 1e-9 * max(1.0, np.max(np.abs(k))):
            out.append(Finding("warning", "mooring", f"no restoring in {dof} (no mooring"
                               f"{' or yaw_stiffness' if dof == 'yaw' else ''}): its natural period is "
                               "infinite and its response is unbounded"))
    return tuple(out)


def seabed_findings(design) -> tuple[Finding, ...]:
    """Platform members reaching below the seabed."""
    depth = design.site.water_depth
    out = []
    for member in design.platform.members:
        low = min(member.r_a[2], member.r_b[2])
        if math.isfinite(depth) and low < -depth:
            out.append(Finding("warning", f"platform.members ({member.name})",
                               f"reaches z = {low:g} m, {-depth - low:g} m below the seabed (depth {depth:g} m)"))
    return tuple(out)


def rotor_findings(design) -> tuple[Finding, ...]:
    """A rotor dipping into the water, and rotor speeds no blade survives."""
    turbine = design.turbine
    if turbine is None or turbine.rotor is None:
        return ()
    rotor = turbine.rotor
    tip = rotor.blade.tip_radius
    out = []
    if rotor.hub_height > 0 > rotor.hub_height - tip:  # a hub below water is a tidal rotor (loader warns)
        out.append(Finding("warning", "turbine.Zhub", f"the blade tips reach z = {rotor.hub_height - tip:g} m, "
                           f"below the waterline (hub at {rotor.hub_height:g} m, tip radius {tip:g} m)"))
    if rotor.schedule is not None and rotor.schedule.rotor_speed.size:
        fastest = float(np.max(np.abs(rotor.schedule.rotor_speed)))
        if fastest * tip > MAX_TIP_SPEED:
            out.append(Finding("warning", "turbine.wt_ops.omega_op",
                               f"rotor speed {fastest * 30 / math.pi:.4g} rpm gives a tip speed of "
                               f"{fastest * tip:.4g} m/s (above {MAX_TIP_SPEED:g} m/s)"))
    return tuple(out)


def case_findings(design, case, path: str = "cases") -> tuple[Finding, ...]:
    """Sanity of one load case's environment.

    Parameters
    ----------
    design : raft_sim.design.objects.Design
    case : raft_sim.design.objects.Case
    path : str
        YAML path of the case, e.g. ``cases.data[3]``.

    Returns
    -------
    tuple of Finding
        Warnings: waves steeper than breaking (Hs/L > 1/7 at the peak period) or higher
        than 0.78 times the depth, Hs above 30 m, wind above 70 m/s, current above 5 m/s.
    """
    out = [f for sea in case.waves for f in wave_findings(sea, design.site, path)]
    if case.wind_speed > MAX_WIND_SPEED:
        out.append(Finding("warning", f"{path}.wind_speed", f"{case.wind_speed:g} m/s is above the extreme "
                           f"gust of IEC class I ({MAX_WIND_SPEED:g} m/s)"))
    if case.current_speed > MAX_CURRENT_SPEED:
        out.append(Finding("warning", f"{path}.current_speed", f"{case.current_speed:g} m/s is above any "
                           f"ocean or tidal current ({MAX_CURRENT_SPEED:g} m/s)"))
    return tuple(out)


def wave_findings(sea, site, path: str) -> tuple[Finding, ...]:
    """Breaking and extreme-height checks of one sea state."""
    if sea.spectrum not in ("jonswap", "pierson_moskowitz") or sea.hs <= 0 or sea.tp <= 0:
        return ()
    from raft_sim.environment.waves import wave_number
    where = f"{path}.wave_height"
    k = float(wave_number(np.array([2.0 * math.pi / sea.tp]), site.water_depth, site.g)[0])
    length = 2.0 * math.pi / k
    out = []
    if sea.hs / length > BREAKING_STEEPNESS:
        out.append(Finding("warning", where, f"Hs = {sea.hs:g} m over a wave length of {length:.4g} m "
                           f"(Tp = {sea.tp:g} s) is steeper than breaking (H/L > 1/7)"))
    if math.isfinite(site.water_depth) and sea.hs > BREAKING_DEPTH_RATIO * site.water_depth:
        out.append(Finding("warning", where, f"Hs = {sea.hs:g} m is higher than the water depth allows "
                           f"(breaking at {BREAKING_DEPTH_RATIO:g} x {site.water_depth:g} m)"))
    if sea.hs > MAX_WAVE_HEIGHT:
        out.append(Finding("warning", where, f"Hs = {sea.hs:g} m is above any recorded sea state "
                           f"({MAX_WAVE_HEIGHT:g} m)"))
    return tuple(out)
