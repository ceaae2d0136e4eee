"""Platform pitch std of VolturnUS-S + IEA 15 MW against wind speed: no floating feedback,
unfiltered feedback, and ROSCO's filtered feedback (the VolturnUS-S DISCON.IN).

Run from the repository root (needs ../shared/reference for the DISCON file):

    python3 docs/figures/pitch_std_feedback.py

writes docs/figures/pitch_std_feedback.png (about a minute on one core).
"""
from __future__ import annotations

import sys
import warnings
from dataclasses import replace
from pathlib import Path

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import yaml  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
import raft_sim  # noqa: E402
from raft_sim.design.load import design_from_dict  # noqa: E402
from raft_sim.design.objects import Case, ControllerFilters, SeaState  # noqa: E402

DESIGNS = ROOT / "designs"
DISCON = ROOT.parent / "shared" / "reference" / "iea15-volturnus" / "IEA-15-240-RWT-UMaineSemi_DISCON.IN"
SPEEDS = np.array([6.0, 8.0, 10.0, 11.0, 12.0, 13.0, 14.0, 16.0, 18.0, 20.0, 22.0, 24.0])
SEA = SeaState("jonswap", 7.0, 14.0)


def discon_design():
    data = yaml.safe_load((DESIGNS / "VolturnUS-S_IEA15MW.yaml").read_text())
    data["turbine"] = {"include": "turbines/IEA-15MW.yaml", "controller": {"discon": str(DISCON)},
                       "pitch_control": None, "torque_control": None}
    return design_from_dict(data, base_dir=DESIGNS)


def variants(design):
    rotor = design.turbine.rotor
    ctrl = rotor.controller
    off = ControllerFilters(speed_corner=0.0, float_corner=0.0, float_highpass=0.0)
    controllers = {"no floating feedback": replace(ctrl, fl_kp=0.0),
                   "feedback, unfiltered": replace(ctrl, filters=off),
                   "feedback, ROSCO filters (DISCON)": ctrl}
    return {name: replace(design, turbine=replace(design.turbine, rotor=replace(rotor, controller=c)))
            for name, c in controllers.items()}


def pitch_std(design, turbulence) -> np.ndarray:
    cases = [Case(wind_speed=float(u), turbulence=turbulence, waves=(SEA,)) for u in SPEEDS]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = raft_sim.Model(design).analyze(cases)
    return np.degrees(ds["motion_std"].sel(dof="pitch").values)


def main(out=Path(__file__).with_suffix(".png")):
    fig, axes = plt.subplots(1, 2, figsize=(10, 4), sharey=True)
    for ax, (turb, title) in zip(axes, ((0.0, "waves only (Hs 7 m, Tp 14 s)"),
                                        ("IB_NTM", "waves + turbulence (IEC IB NTM)"))):
        for (name, design), style in zip(variants(discon_design()).items(), ("k:", "C0--", "C3-")):
            ax.plot(SPEEDS, pitch_std(design, turb), style, marker="o", ms=3, label=name)
        ax.axvline(10.74, color="0.7", lw=0.8)  # rated wind speed of the IEA 15 MW
        ax.set(title=title, xlabel="wind speed [m/s]")
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("platform pitch std [deg]")
    axes[0].legend(fontsize=8)
    fig.suptitle("VolturnUS-S + IEA 15 MW, ROSCO controller of DISCON.IN "
                 "(below rated: describing-function feedback)", fontsize=9)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    return out


if __name__ == "__main__":
    print(main())
