"""A small valid RAFT-format design written for the loader tests (not copied from anywhere).

A single vertical circular column (10 m diameter, 30 m draft) with a 3-line catenary
mooring in 100 m of water, and an optional tiny two-airfoil turbine.
"""
from __future__ import annotations

import copy


def tiny_design(with_turbine: bool = False) -> dict:
    """A fresh, mutable design mapping."""
    design = {
        "type": "input file for RAFT",
        "name": "tiny cylinder",
        "settings": {"min_freq": 0.01, "max_freq": 0.5, "XiStart": 0.1, "nIter": 5},
        "site": {"water_depth": 100.0, "rho_water": 1025.0, "rho_air": 1.225, "mu_air": 1.81e-5,
                 "shearExp": 0.12},
        "cases": {
            "keys": ["wind_speed", "wind_heading", "turbulence", "turbine_status", "yaw_misalign",
                     "wave_spectrum", "wave_period", "wave_height", "wave_heading"],
            "data": [[8.0, 0.0, 0.1, "operating", 0.0, "JONSWAP", 10.0, 2.0, 90.0]],
        },
        "platform": {
            "dlsMax": 2.0,
            "members": [{
                "name": "column", "type": "rigid", "rA": [0, 0, -30], "rB": [0, 0, 10],
                "shape": "circ", "stations": [0, 0.5, 1], "d": 10.0, "t": 0.05,
                "Cd": 0.8, "Ca": 1.0, "CdEnd": 0.6, "CaEnd": 0.6, "rho_shell": 7850,
                "l_fill": [0.25, 0.0], "rho_fill": [1800.0, 0.0],
                "cap_stations": [0], "cap_t": [0.1], "cap_d_in": [0],
            }],
        },
        "mooring": {
            "water_depth": 100.0,
            "points": [
                {"name": f"anchor{i}", "type": "fixed", "location": loc_a, "anchor_type": "drag"}
                for i, loc_a in enumerate([[400, 0, -100], [-200, 346.41, -100], [-200, -346.41, -100]])
            ] + [
                {"name": f"fair{i}", "type": "vessel", "location": loc_f}
                for i, loc_f in enumerate([[5, 0, -20], [-2.5, 4.33, -20], [-2.5, -4.33, -20]])
            ],
            "lines": [{"name": f"line{i}", "endA": f"anchor{i}", "endB": f"fair{i}", "type": "chain",
                       "length": 420.0} for i in range(3)],
            "line_types": [{"name": "chain", "diameter": 0.1, "mass_density": 60.0, "stiffness": 5e8,
                            "breaking_load": 1e7, "transverse_drag": 1.6}],
        },
    }
    if with_turbine:
        design["turbine"] = tiny_turbine()
    return copy.deepcopy(design)


def tiny_turbine() -> dict:
    polar = [[-180, 0, 0.5, 0], [0, 0.5, 0.01, -0.05], [180, 0, 0.5, 0]]
    return {
        "mRNA": 1.0e5, "IxRNA": 1.0e6, "IrRNA": 5.0e5, "xCG_RNA": -1.0, "hHub": 60.0,
        "nBlades": 3, "Zhub": 60.0, "Rhub": 1.0, "precone": -2.0, "shaft_tilt": -5.0,
        "overhang": -3.0, "aeroServoMod": 2, "I_drivetrain": 1.0e6, "gear_ratio": 1,
        "blade": {"Rtip": 20.0, "precurveTip": 0.0, "presweepTip": 0.0,
                  "geometry": [[1.5, 2.0, 10.0, 0, 0], [10.0, 1.5, 5.0, 0, 0], [19.0, 0.5, 0.0, 0, 0]],
                  "airfoils": [[0.0, "thick"], [1.0, "thin"]]},
        "airfoils": [{"name": "thick", "relative_thickness": 0.4, "data": polar},
                     {"name": "thin", "relative_thickness": 0.2, "data": polar}],
        "wt_ops": {"v": [4, 8, 12], "pitch_op": [0, 0, 9], "omega_op": [6, 10, 12]},
        "pitch_control": {"GS_Angles": [0.1, 0.2], "GS_Kp": [-1.0, -0.5], "GS_Ki": [-0.1, -0.05], "Fl_Kp": -5},
        "torque_control": {"VS_KP": -1.0e6, "VS_KI": -1.0e5},
        "tower": {"name": "tower", "type": "rigid", "rA": [0, 0, 10], "rB": [0, 0, 58], "shape": "circ",
                  "stations": [10, 58], "d": [4, 3], "t": [0.03, 0.02], "Cd": 0.5, "Ca": 0,
                  "CdEnd": 0, "CaEnd": 0, "rho_shell": 8500},
    }


def tiny_scatter_design() -> dict:
    """The tiny moored cylinder in three sea states with probabilities (0.6, 0.3 and 0.1 of a
    25-year lifetime, the last in still water) and a default S-N curve m = 3, log a = 28."""
    d = tiny_design()
    d["settings"].update(min_freq=0.02, max_freq=0.3)
    d["cases"] = {"keys": ["wave_spectrum", "wave_period", "wave_height", "probability"],
                  "data": [["JONSWAP", 8.0, 1.0, 0.6], ["JONSWAP", 10.0, 3.0, 0.3], ["still", 0, 0, 0.1]]}
    d["fatigue"] = {"lifetime": 25, "default": {"m": 3, "log_a": 28.0}}
    return d
