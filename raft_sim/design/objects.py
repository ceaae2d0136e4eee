"""Frozen, validated description of a floating wind turbine design.

These objects are what ``raft_sim.design.load.load_design`` returns. They hold SI units
and radians only (the loader converts RAFT's degrees, rpm and Hz). They hold no physics:
modules under ``raft_sim.structure``, ``raft_sim.hydro``, ``raft_sim.aero`` and
``raft_sim.mooring`` compute from them.

Arrays are ``numpy.ndarray`` (float64), already expanded to their full shape (a scalar
given in the YAML for every station is repeated per station). Dataclasses use
``eq=False`` because arrays do not compare to a single bool.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

Shape = Literal["circular", "rectangular"]
TurbineStatus = Literal["operating", "parked", "idling"]
AeroServoMode = Literal["off", "aero", "aero_control"]
SpectrumKind = Literal["jonswap", "pierson_moskowitz", "still", "table", "unit", "constant"]


@dataclass(frozen=True, eq=False)
class Conventions:
    """Modelling choices where RAFT 2.0 differs from physics (``settings.conventions``).

    ``Conventions()`` is raft_sim's physical model; :func:`conventions_preset` ``("raft")``
    reproduces RAFT 2.0. Each field is one documented difference (docs/validation.md).

    Attributes
    ----------
    preset : {"physical", "raft"}
        Name of the preset the fields came from (overrides may follow it).
    hydro_pose : {"mean", "undisplaced"}
        Strip added mass and inertial excitation from the strips wetted at the mean pose
        (physical), or, as RAFT, the added mass of the undisplaced pose, and strip volumes
        and inertia axes of the undisplaced design draft, only the strips' points moved to
        the mean pose.
    surface_strip : {"clip", "raft"}
        A strip piercing the water line keeps its submerged part at that part's centre
        (physical), or, as RAFT, keeps its submerged length at its unclipped centre (where
        the waves are taken) and is dropped when that centre is above water.
    pose_matrices : {"mean", "upright"}
        Structural mass and gravity/buoyancy-arm stiffness turned with the body to the mean
        pose (physical), or kept at the upright pose (RAFT).
    statics : {"exact", "linear"}
        Static equilibrium with the weight's arm turned exactly with the body (physical), or
        RAFT's linear statics: weight and buoyancy loads of the undisplaced pose minus a
        constant stiffness (only the ``-m g z_G`` roll/pitch gravity terms).
    yaw_spring : bool
        The platform's extra yaw stiffness enters statics and dynamics (physical); RAFT only
        uses it in its eigen-analysis.
    inplane_force : {"physical", "raft"}
        Sign of the rotor's in-plane (tangential) hub force in the mean load: physical, or
        CCBlade's opposite sign as RAFT uses it.
    current_in_drag : bool
        The mean current raises the drag linearisation (physical); RAFT ignores it.
    tower_drag : bool
        Wind drag on the tower members (physical); RAFT has none.
    wind_excitation : bool
        Turbulent wind excites the platform (physical); RAFT 2.0 disables it in its solver.
    floating_feedback : {"rotation_rate", "hub_velocity"}
        Signal of the pitch controller's floating feedback: the nacelle fore-aft rotation
        rate (ROSCO), or RAFT's hub velocity along the shaft divided by the hub height.
    feedback_below_rated : bool
        Floating feedback also below rated (at fine pitch), as RAFT; ROSCO clips it there.
    below_rated : {"rotor_speed", "pitch_gain"}
        What puts the controller below rated (torque loop on, pitch loop saturated): a
        rotor speed below the schedule's rated (largest) speed, or the blade at fine pitch
        (physical, ROSCO: at minimum rotor speed a minimum-pitch schedule holds the blade
        above fine pitch while the torque loop regulates the speed); or, as RAFT, a zero
        scheduled pitch gain at the operating pitch (which switches the pitch loop on, and
        the torque loop off, wherever the schedule's pitch is above the first gain-scheduled
        angle, e.g. the IEA 15 MW at 3-6 m/s).
    controller_filters : bool
        ROSCO's filters in the controller loops, as given, and as ROSCO's tuning would choose
        where a design gives ``Fl_Kp`` without a floating-feedback filter (physical); RAFT
        2.0 has no controller filters.
    mcf_phase : {"physical", "raft"}
        Phase of the MacCamy-Fuchs inertia coefficient (RAFT uses its complex conjugate).
    long_wave_excitation : {"limit", "hold"}
        Potential-flow excitation below the database's lowest frequency: towards its
        long-wave limit, the hydrostatic force of a uniform rise of the surface (the heave
        column of the database's hydrostatic stiffness), linearly in the wave number (physical);
        or held at the lowest frequency's value (RAFT's interpolation).
    """

    preset: str = "physical"
    hydro_pose: Literal["mean", "undisplaced"] = "mean"
    surface_strip: Literal["clip", "raft"] = "clip"
    pose_matrices: Literal["mean", "upright"] = "mean"
    statics: Literal["exact", "linear"] = "exact"
    yaw_spring: bool = True
    inplane_force: Literal["physical", "raft"] = "physical"
    current_in_drag: bool = True
    tower_drag: bool = True
    wind_excitation: bool = True
    floating_feedback: Literal["rotation_rate", "hub_velocity"] = "rotation_rate"
    feedback_below_rated: bool = False
    below_rated: Literal["rotor_speed", "pitch_gain"] = "rotor_speed"
    controller_filters: bool = True
    mcf_phase: Literal["physical", "raft"] = "physical"
    long_wave_excitation: Literal["limit", "hold"] = "limit"


RAFT_CONVENTIONS = dict(
    preset="raft", hydro_pose="undisplaced", surface_strip="raft", pose_matrices="upright",
    statics="linear", yaw_spring=False, inplane_force="raft", current_in_drag=False,
    tower_drag=False, wind_excitation=False,
    floating_feedback="hub_velocity", feedback_below_rated=True, below_rated="pitch_gain",
    controller_filters=False,
    mcf_phase="raft", long_wave_excitation="hold")
"""Field values of the ``raft`` preset (RAFT 2.0.4's behaviour)."""


def conventions_preset(name: str, **overrides) -> Conventions:
    """The ``physical`` or ``raft`` preset, with individual fields overridden."""
    base = {"physical": {}, "raft": RAFT_CONVENTIONS}[name]
    return Conventions(**{**base, **overrides})


@dataclass(frozen=True, eq=False)
class Settings:
    """Analysis settings.

    Attributes
    ----------
    min_freq : float
        Lowest frequency, also the bin width [Hz] (RAFT's ``min_freq``).
    max_freq : float
        Highest frequency [Hz].
    n_iter : int
        Maximum number of drag-linearisation iterations (RAFT's ``nIter``).
    xi_start : float
        Initial response amplitude for the drag linearisation [m or rad] (``XiStart``).
    tolerance : float
        Relative convergence tolerance of the drag linearisation [-].
    relaxation : float
        Under-relaxation factor of the drag iteration, 0 < r <= 1 [-].
    frequencies : ndarray or None
        Explicit increasing frequency grid [Hz] (raft_sim extension); replaces the
        uniform ``min_freq``/``max_freq`` grid when given.
    refine_grid : bool
        Add frequencies around lightly damped natural frequencies (raft_sim extension,
        see docs/outputs.md "Frequency grid").
    conventions : Conventions
        Modelling choices where RAFT differs from physics.
    """

    min_freq: float = 0.01
    max_freq: float = 1.0
    n_iter: int = 15
    xi_start: float = 0.1
    tolerance: float = 0.01
    relaxation: float = 0.5
    frequencies: np.ndarray | None = None
    refine_grid: bool = False
    conventions: Conventions = field(default_factory=Conventions)

    @property
    def omega(self) -> np.ndarray:
        """Frequency grid [rad/s]: ``2 pi frequencies`` if given, else RAFT's
        ``arange(min_freq, max_freq + min_freq/2, min_freq) * 2 pi``."""
        if self.frequencies is not None:
            return 2.0 * np.pi * np.asarray(self.frequencies, dtype=float)
        hz = np.arange(self.min_freq, self.max_freq + 0.5 * self.min_freq, self.min_freq)
        return 2.0 * np.pi * hz


@dataclass(frozen=True, eq=False)
class Site:
    """Environment constants of the site (SI)."""

    water_depth: float  # [m], positive (inf only for a turbine-only file without a depth)
    rho_water: float = 1025.0  # [kg/m^3]
    rho_air: float = 1.225  # [kg/m^3]
    mu_air: float = 1.81e-5  # [Pa s]
    shear_exp: float = 0.12  # wind shear power-law exponent [-]
    g: float = 9.81  # [m/s^2]
    mu_water: float = 1.0e-3  # dynamic viscosity of water [Pa s] (RAFT mu_water)
    shear_exp_water: float = 0.12  # current profile power-law exponent [-] (RAFT shearExp_water)


@dataclass(frozen=True, eq=False)
class Member:
    """One straight structural/hydrodynamic member (platform column, pontoon, brace, tower).

    Members with several RAFT ``heading`` values are expanded by the loader into one
    ``Member`` per heading, with ``r_a``/``r_b`` already rotated about z; ``name`` then
    gets a suffix ``"name[heading_index]"``.

    Attributes
    ----------
    name : str
    shape : {"circular", "rectangular"}
    r_a, r_b : ndarray, shape (3,)
        End coordinates relative to the platform reference point [m].
    stations : ndarray, shape (n,)
        Station positions as distances from ``r_a`` along the axis [m], from 0 to the
        member length (the loader rescales RAFT's arbitrary station units).
    diameter : ndarray, shape (n,) or (n, 2)
        Outer diameter per station (circular) or side lengths as RAFT's ``d`` gives them
        (rectangular: the first along p2, the second along p1, see
        :func:`raft_sim.structure.members.side_pairs`) [m].
    thickness : ndarray, shape (n,)
        Wall thickness per station [m].
    gamma : float
        Twist of the cross-section about the member axis [rad].
    cd, ca : ndarray, shape (n, 2)
        Transverse drag and added-mass coefficients along the cross-section's local
        x and y directions (equal for circular members) [-].
    cd_axial, ca_axial : ndarray, shape (n,)
        Axial (along-member) drag and added-mass coefficients per unit length [-]
        (RAFT ``Cd_q``, ``Ca_q``).
    cd_end, ca_end : ndarray, shape (n,)
        End-effect drag and added-mass coefficients at each station [-].
    rho_shell : float
        Shell material density [kg/m^3].
    l_fill : ndarray, shape (n-1,)
        Ballast fill length in each section, from the section's lower station [m].
    rho_fill : ndarray, shape (n-1,)
        Ballast density in each section [kg/m^3].
    cap_stations : ndarray, shape (k,)
        Positions of end caps / bulkheads along the axis, same scaling as stations [m].
    cap_t : ndarray, shape (k,)
        Cap thickness [m].
    cap_d_in : ndarray, shape (k,) or (k, 2)
        Inner diameter (or inner side lengths) of each cap; 0 means a full plate [m].
    potential_flow : bool
        Whether hydrodynamic coefficients of this member come from potential flow
        (RAFT ``potMod``) rather than strip theory.
    mcf : bool
        MacCamy-Fuchs correction requested (RAFT ``MCF``).
    dls_max : float
        Maximum strip length used when discretising the member [m] (RAFT ``dlsMax``).
    heading : float
        Rotation about z already applied to ``r_a``/``r_b`` (RAFT ``heading``) [rad].
    """

    name: str
    shape: Shape
    r_a: np.ndarray
    r_b: np.ndarray
    stations: np.ndarray
    diameter: np.ndarray
    thickness: np.ndarray
    gamma: float = 0.0
    cd: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    ca: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    cd_axial: np.ndarray = field(default_factory=lambda: np.zeros(0))
    ca_axial: np.ndarray = field(default_factory=lambda: np.zeros(0))
    cd_end: np.ndarray = field(default_factory=lambda: np.zeros(0))
    ca_end: np.ndarray = field(default_factory=lambda: np.zeros(0))
    rho_shell: float = 8500.0
    l_fill: np.ndarray = field(default_factory=lambda: np.zeros(0))
    rho_fill: np.ndarray = field(default_factory=lambda: np.zeros(0))
    cap_stations: np.ndarray = field(default_factory=lambda: np.zeros(0))
    cap_t: np.ndarray = field(default_factory=lambda: np.zeros(0))
    cap_d_in: np.ndarray = field(default_factory=lambda: np.zeros(0))
    potential_flow: bool = False
    mcf: bool = False
    dls_max: float = 5.0
    heading: float = 0.0

    @property
    def length(self) -> float:
        """Member length |r_b - r_a| [m]."""
        return float(np.linalg.norm(self.r_b - self.r_a))

    @property
    def is_circular(self) -> bool:
        return self.shape == "circular"


@dataclass(frozen=True, eq=False)
class Platform:
    """Floating platform: members plus platform-level options.

    Attributes
    ----------
    members : tuple of Member
        Expanded members (headings already applied).
    yaw_stiffness : float
        Additional yaw stiffness, e.g. standing in for a crowfoot [N m/rad].
    extra_mass : ndarray, shape (6, 6)
        Additional mass matrix about the reference point (e.g. point inertias) [SI].
    potential_first_order : bool
        Use potential-flow (BEM/WAMIT) first-order coefficients for ``potential_flow`` members.
    hydro_path : str or None
        Path (absolute, resolved by the loader) to WAMIT files without extension.
    second_order : bool
        Second-order wave loads requested (RAFT ``potSecOrder`` > 0); not modelled yet.
    extra_load : ndarray, shape (6,)
        Constant additional force and moment about the reference point [N, N m]
        (RAFT ``additional_effects`` of type ``mean_load``).
    qtf_path : str or None
        Resolved path of a WAMIT-format QTF file (RAFT ``qtfPath``, ``potSecOrder: 2``).
    extra_stiffness, extra_damping : ndarray, shape (6, 6)
        Additional linear stiffness [N/m, N/rad, N m/rad] and damping [N s/m, N s,
        N m s/rad] about the reference point (``additional_effects`` of type
        ``point_stiffness`` / ``point_damping``, raft_sim extensions).
    bem_min_frequency : float or None
        Lowest frequency and spacing of the BEM grid [rad/s] (RAFT ``min_freq_BEM`` in Hz);
        None: the case grid's.
    bem_dz, bem_da : float
        BEM panel lengths along member axes and around/across them [m] (RAFT ``dz_BEM``,
        ``da_BEM``; defaults 3 and 2 as RAFT's).
    """

    members: tuple[Member, ...]
    yaw_stiffness: float = 0.0
    extra_mass: np.ndarray = field(default_factory=lambda: np.zeros((6, 6)))
    potential_first_order: bool = False
    hydro_path: str | None = None
    second_order: bool = False
    extra_load: np.ndarray = field(default_factory=lambda: np.zeros(6))
    qtf_path: str | None = None
    extra_stiffness: np.ndarray = field(default_factory=lambda: np.zeros((6, 6)))
    extra_damping: np.ndarray = field(default_factory=lambda: np.zeros((6, 6)))
    bem_min_frequency: float | None = None
    bem_dz: float = 3.0
    bem_da: float = 2.0


@dataclass(frozen=True, eq=False)
class RNA:
    """Rotor-nacelle assembly as a rigid point mass (RAFT ``mRNA``, ``IxRNA`` ...)."""

    mass: float  # [kg]
    inertia_axial: float  # about the shaft axis [kg m^2] (IxRNA)
    inertia_radial: float  # about axes normal to the shaft [kg m^2] (IrRNA)
    x_cg: float  # x of the RNA centre of mass relative to the tower axis [m] (xCG_RNA)
    hub_height: float  # hub height above still water [m] (hHub)


@dataclass(frozen=True, eq=False)
class Airfoil:
    """Airfoil polar. ``alpha`` [rad] ascending, covering -pi..pi where given."""

    name: str
    relative_thickness: float
    alpha: np.ndarray  # (m,) [rad]
    cl: np.ndarray  # (m,)
    cd: np.ndarray  # (m,)
    cm: np.ndarray  # (m,)


@dataclass(frozen=True, eq=False)
class Blade:
    """Blade geometry along the span (RAFT ``blade.geometry`` columns)."""

    r: np.ndarray  # radial position of each station from the rotor axis [m]
    chord: np.ndarray  # [m]
    twist: np.ndarray  # [rad]
    precurve: np.ndarray  # [m]
    presweep: np.ndarray  # [m]
    tip_radius: float  # [m] (Rtip)
    precurve_tip: float = 0.0  # [m]
    presweep_tip: float = 0.0  # [m]
    airfoil_positions: np.ndarray = field(default_factory=lambda: np.zeros(0))  # (k,) 0..1
    airfoil_names: tuple[str, ...] = ()  # (k,) names into Rotor.airfoils
    n_sector: int = 4  # azimuthal sectors averaged in the BEM evaluation (RAFT nSector)
    n_elements: int = 20  # radial blade elements used by the BEM (RAFT nr)


@dataclass(frozen=True, eq=False)
class OperatingSchedule:
    """Steady operating points over wind speed (RAFT ``wt_ops``)."""

    wind_speed: np.ndarray  # [m/s]
    pitch: np.ndarray  # blade pitch [rad]
    rotor_speed: np.ndarray  # [rad/s]


BelowRatedFeedback = Literal["off", "describing_function", "on"]
Notch = tuple  # (frequency [rad/s], beta_num [-], beta_den [-]) of a ROSCO notch filter


@dataclass(frozen=True, eq=False)
class ControllerFilters:
    """ROSCO's linear filters on the measured signals (ROSCO/DISCON names in brackets).

    A corner frequency of 0 switches that filter off. None means "not given": no
    generator-speed filter; for the floating feedback, ROSCO's tuning defaults are applied
    when ``Fl_Kp`` is set (``raft_sim.aero.control.resolve_controller_filters``).
    """

    speed_corner: float | None = None  # generator-speed low-pass corner [rad/s] (F_LPFCornerFreq)
    speed_order: int = 1  # 1: first-order, 2: second-order low-pass (F_LPFType)
    speed_damping: float = 0.7  # damping of the second-order speed filter [-] (F_LPFDamping)
    speed_notches: tuple[Notch, ...] = ()  # notches on the generator speed (F_GenSpdNotch_Ind)
    float_corner: float | None = None  # feedback low-pass natural frequency [rad/s] (F_FlCornerFreq[0])
    float_damping: float = 1.0  # its damping ratio [-] (F_FlCornerFreq[1])
    float_highpass: float | None = None  # feedback high-pass corner [rad/s] (F_FlHighPassFreq)
    float_notches: tuple[Notch, ...] = ()  # notches on the tower-top signal (F_TwrTopNotch_Ind)


@dataclass(frozen=True, eq=False)
class Controller:
    """Gain-scheduled PI pitch controller and torque controller (RAFT names in brackets)."""

    gs_angles: np.ndarray  # blade pitch angles of the schedule [rad] (GS_Angles)
    gs_kp: np.ndarray  # proportional gains [s] (GS_Kp)
    gs_ki: np.ndarray  # integral gains [-] (GS_Ki)
    fl_kp: float = 0.0  # floating feedback gain [s] (Fl_Kp)
    vs_kp: float = 0.0  # torque controller proportional gain (VS_KP)
    vs_ki: float = 0.0  # torque controller integral gain (VS_KI)
    filters: ControllerFilters = field(default_factory=ControllerFilters)
    # floating feedback below rated, where ROSCO clips it at the minimum pitch
    below_rated_feedback: BelowRatedFeedback = "describing_function"
    min_pitch: float | None = None  # minimum (fine) blade pitch [rad] (PC_FinePit); None: from wt_ops


@dataclass(frozen=True, eq=False)
class Rotor:
    """Rotor aerodynamics and control inputs.

    Angles in rad, lengths in m, rotor speeds in rad/s.
    """

    n_blades: int
    hub_radius: float  # Rhub [m]
    hub_height: float  # Zhub [m]
    precone: float  # [rad]
    shaft_tilt: float  # [rad]
    overhang: float  # [m]
    blade: Blade
    airfoils: tuple[Airfoil, ...]
    schedule: OperatingSchedule | None = None
    controller: Controller | None = None
    gear_ratio: float = 1.0
    drivetrain_inertia: float = 0.0  # I_drivetrain [kg m^2]
    aero_servo_mode: AeroServoMode = "aero_control"
    speed_gain: float = 1.0  # inflow speed multiplier (flow confinement) [-] (RAFT speed_gain)


@dataclass(frozen=True, eq=False)
class Turbine:
    """Tower, RNA and (optionally) rotor of one turbine."""

    rna: RNA
    tower: tuple[Member, ...] = ()
    rotor: Rotor | None = None
    nacelle: tuple[Member, ...] = ()  # nacelle members (RAFT turbine.nacelle); not yet used by the model


@dataclass(frozen=True, eq=False)
class MooringPoint:
    name: str
    kind: Literal["fixed", "vessel", "free"]
    location: np.ndarray  # (3,) [m]; vessel points relative to the platform reference point
    mass: float = 0.0  # [kg]
    volume: float = 0.0  # [m^3]


@dataclass(frozen=True, eq=False)
class LineType:
    name: str
    diameter: float  # volume-equivalent diameter [m]
    mass_density: float  # mass per unit length in air [kg/m]
    stiffness: float  # axial stiffness EA [N]
    breaking_load: float = 0.0  # [N]
    cost: float = 0.0  # [$/m]
    transverse_added_mass: float = 1.0
    tangential_added_mass: float = 0.0
    transverse_drag: float = 1.2
    tangential_drag: float = 0.2


@dataclass(frozen=True, eq=False)
class MooringLine:
    name: str
    end_a: str  # point name
    end_b: str  # point name
    line_type: str  # line type name
    length: float  # unstretched length [m]


@dataclass(frozen=True, eq=False)
class Mooring:
    water_depth: float  # [m]
    points: tuple[MooringPoint, ...]
    lines: tuple[MooringLine, ...]
    line_types: tuple[LineType, ...]
    current_on_lines: bool = False  # current drag on lines requested (RAFT currentMod 1)


@dataclass(frozen=True, eq=False)
class SeaState:
    """One long-crested irregular wave system.

    Attributes
    ----------
    spectrum : {"jonswap", "pierson_moskowitz", "still", "table", "unit", "constant"}
        "unit": S(omega) = 1 m^2 s/rad at every frequency (RAFT ``unit``, for transfer
        functions); "constant": S(omega) = ``constant_density`` (RAFT ``constant``, which
        takes the level from the ``wave_height`` column).
    hs : float
        Significant wave height [m].
    tp : float
        Peak period [s].
    heading : float
        Direction the waves travel towards [rad].
    gamma : float or None
        JONSWAP peak enhancement; None means the IEC 61400-3 rule from Hs and Tp.
    table_omega, table_density : ndarray or None
        User-given one-sided spectrum S(omega) [m^2 s/rad] on ``table_omega`` [rad/s]
        when ``spectrum == "table"``.
    constant_density : float
        Spectral level of a "constant" spectrum [m^2 s/rad].
    """

    spectrum: SpectrumKind = "still"
    hs: float = 0.0
    tp: float = 0.0
    heading: float = 0.0
    gamma: float | None = None
    table_omega: np.ndarray | None = None
    table_density: np.ndarray | None = None
    constant_density: float = 0.0


@dataclass(frozen=True, eq=False)
class Case:
    """One load case (a row of RAFT's ``cases.data``).

    ``turbulence`` keeps what the YAML gives. A number is RAFT's IEC 61400-1
    reference turbulence intensity I_ref as a fraction (0.14 means 14 %, not percent),
    used in the normal turbulence model sigma_1 = I_ref (0.75 V_hub + 5.6); a string
    such as ``"IIB_NTM"`` names the IEC turbine class (I, II, III), turbulence
    category (A, B, C) and model (NTM, ETM, EWM). A numeric string (e.g. ``"0.1"``) is
    stored as a float. ``current_turbulence`` follows the same rule for the current.
    ``turbine_heading`` [rad] is RAFT's case heading for ``yaw_mode`` 1.
    ``current_exponent`` is the power-law exponent of the current profile, which the
    loader takes from ``site.shearExp_water`` as RAFT does (default 0.12).
    """

    wind_speed: float = 0.0  # hub-height mean wind speed [m/s]
    wind_heading: float = 0.0  # direction the wind blows towards [rad]
    turbulence: float | str = 0.0  # turbulence intensity [-] or IEC class string, e.g. "IIB_NTM"
    turbine_status: TurbineStatus = "operating"
    yaw_misalign: float = 0.0  # [rad]
    waves: tuple[SeaState, ...] = ()
    current_speed: float = 0.0  # surface current speed [m/s]
    current_heading: float = 0.0  # direction the current flows towards [rad]
    current_exponent: float = 0.0  # power-law profile exponent (0: uniform)
    current_turbulence: float | str = 0.0  # as ``turbulence``, for the current (RAFT current_turbulence)
    turbine_heading: float = 0.0  # [rad] (RAFT turbine_heading)
    probability: float | None = None  # fraction of the lifetime spent in this case [-]


@dataclass(frozen=True, eq=False)
class SNCurve:
    """S-N curve of a load channel: ``N = a S^-m`` cycles to failure at range S.

    S is the range (peak to trough) of the channel, in the channel's units (N, N m):
    a curve given in stress is converted by the loader with the stress per unit load
    (see docs/fatigue.md). With ``m2`` the curve has a knee at ``knee_cycles`` (as
    DNV-RP-C203): slope ``m`` for N <= knee_cycles (large ranges), ``m2`` beyond.

    Attributes
    ----------
    m : float
        Inverse slope (Woehler exponent) for N <= knee_cycles [-], > 0.
    log_a : float or None
        log10 of the intercept a [log10(unit^m)]. None: a slope-only curve, which
        defines DELs but no damage.
    m2 : float or None
        Inverse slope beyond the knee [-]; None for a one-slope curve.
    knee_cycles : float
        Cycles at the knee (used with ``m2``) [-].
    """

    m: float
    log_a: float | None = None
    m2: float | None = None
    knee_cycles: float = 1.0e7

    @classmethod
    def through(cls, m: float, reference_range: float, reference_cycles: float,
                m2: float | None = None, knee_cycles: float = 1.0e7) -> "SNCurve":
        """The curve of slope ``m`` through (range [unit], cycles [-])."""
        return cls(m=m, log_a=float(np.log10(reference_cycles) + m * np.log10(reference_range)),
                   m2=m2, knee_cycles=knee_cycles)


@dataclass(frozen=True, eq=False)
class FatigueSettings:
    """The ``fatigue`` section: lifetime, DEL reference and S-N curves per channel.

    Attributes
    ----------
    lifetime : float
        Design lifetime [s] (given in years in the YAML).
    reference_cycles : float
        Number of cycles N_eq at which damage equivalent loads are given [-].
    method : {"dirlik", "tovo_benasciutti", "narrow_band"}
        Spectral method reported in summaries (all three are computed).
    default : SNCurve or None
        Curve for load channels without their own; None: the documented slope-only
        defaults (m = 3 for mooring tensions, m = 4 for other loads).
    curves : tuple of (str, SNCurve)
        Curve per channel key (``tower_base_fore_aft``, ``mooring_line1_fairlead``...).
    """

    lifetime: float = 20.0 * 365.25 * 86400.0
    reference_cycles: float = 1.0e7
    method: Literal["dirlik", "tovo_benasciutti", "narrow_band"] = "dirlik"
    default: SNCurve | None = None
    curves: tuple[tuple[str, SNCurve], ...] = ()


@dataclass(frozen=True, eq=False)
class Design:
    """A complete floating wind turbine design, as loaded from one YAML file."""

    name: str
    settings: Settings
    site: Site
    platform: Platform
    turbine: Turbine | None
    mooring: Mooring | None
    cases: tuple[Case, ...] = ()
    source: str | None = None  # path of the YAML file it was loaded from
    fatigue: FatigueSettings | None = None  # the ``fatigue`` section, if given
