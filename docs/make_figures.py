"""Figures of the documentation, drawn by raft_sim's own code into docs/figures/.

Run ``python docs/make_figures.py`` to redraw them all; ``mkdocs build`` runs the
``on_pre_build`` hook below, which draws the ones that are missing. The validation figure
needs RAFT's expected outputs in ``../shared/reference`` beside the repository; without them
it is a placeholder saying so.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
FIGURES = DOCS / "figures"
REFERENCE = REPO.parent / "shared" / "reference"
DESIGNS = {"oc3": "OC3-Hywind_NREL5MW.yaml", "oc4": "OC4-DeepCwind_NREL5MW.yaml",
           "volturnus": "VolturnUS-S_IEA15MW.yaml"}
RESULT_FIGURES = ("overview_oc3.png", "rao_channels_oc3.png", "stats_oc3.png", "periods_oc3.png")


def _save(fig, name: str) -> None:
    FIGURES.mkdir(exist_ok=True)
    fig.savefig(FIGURES / name, dpi=90)
    print(f"wrote docs/figures/{name}")


def geometry_figures() -> None:
    """One geometry figure per shipped design, at its mean pose."""
    import raft_sim
    from raft_sim.plot.figures import geometry_figure, mean_pose
    for key, file in DESIGNS.items():
        design = raft_sim.load_design(REPO / "designs" / file)
        pose, lines = mean_pose(raft_sim.Model(design))
        _save(geometry_figure(design, pose, lines), f"geometry_{key}.png")


def result_figures() -> None:
    """RAOs, spectra, statistics and natural periods of the shipped OC3 design's cases."""
    import raft_sim
    from raft_sim.plot.figures import (channels_figure, periods_figure, response_overview,
                                       statistics_figure)
    model = raft_sim.Model(raft_sim.load_design(REPO / "designs" / DESIGNS["oc3"]))
    results = model.analyze()
    _save(response_overview(results, ("surge", "heave", "pitch")), RESULT_FIGURES[0])
    fig = channels_figure(results)
    _save(fig, RESULT_FIGURES[1])
    _save(statistics_figure(results, ("surge", "heave", "pitch")), RESULT_FIGURES[2])
    _save(periods_figure(model.natural_frequencies(), results), RESULT_FIGURES[3])


def validation_figure() -> None:
    """raft_sim against RAFT 2.0's expected response amplitudes, OC3spar case 0."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(13, 3.8), layout="constrained")
    axes = fig.subplots(1, 3)
    expected = REFERENCE / "raft" / "test-expected" / "OC3spar_true_analyzeCases.json"
    if not expected.is_file():
        for ax in axes:
            ax.text(0.5, 0.5, "RAFT reference data not found\n(../shared/reference)",
                    ha="center", va="center", transform=ax.transAxes)
        _save(fig, "validation_oc3_raft.png")
        return
    import raft_sim
    design = raft_sim.load_design(REFERENCE / "raft" / "test-inputs" / "OC3spar.yaml")
    ours = raft_sim.Model(design).analyze(design.cases[:1])
    raft = json.loads(expected.read_text())["case_metrics"]["0"]["0"]
    for ax, dof in zip(axes, ("surge", "heave", "pitch")):
        scale, unit = (np.degrees(1.0), "deg") if dof == "pitch" else (1.0, "m")
        ra = raft[f"{dof}_RA"]
        ref = np.abs(np.asarray(ra["real"])[0] + 1j * np.asarray(ra["imag"])[0])
        mine = scale * np.abs(ours["response"].isel(case=0, source=0).sel(dof=dof).values)
        ax.plot(ours["omega"], mine, label="raft_sim")
        ax.plot(ours["omega"], ref, "o", markersize=3, label="RAFT 2.0")
        ax.set_xlabel("omega [rad/s]")
        ax.set_ylabel(f"|{dof} amplitude per bin| [{unit}]")
        ax.set_xlim(0.0, 1.5)
        ax.legend()
    fig.suptitle("OC3-Hywind, JONSWAP Hs 6 m, Tp 12 s: response amplitude per frequency bin")
    _save(fig, "validation_oc3_raft.png")


def feedback_figure() -> None:
    """VolturnUS-S platform pitch std against wind speed: no floating feedback, unfiltered
    feedback, ROSCO's filtered feedback (the VolturnUS-S DISCON.IN; docs/aero-servo.md 2.4)."""
    from dataclasses import replace

    import yaml
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 4), layout="constrained")
    axes = fig.subplots(1, 2, sharey=True)
    discon = REFERENCE / "iea15-volturnus" / "IEA-15-240-RWT-UMaineSemi_DISCON.IN"
    if not discon.is_file():
        for ax in axes:
            ax.text(0.5, 0.5, "DISCON.IN not found\n(../shared/reference)", ha="center",
                    va="center", transform=ax.transAxes)
        _save(fig, "pitch_std_feedback.png")
        return
    import raft_sim
    from raft_sim.design.load import design_from_dict
    from raft_sim.design.objects import Case, ControllerFilters, SeaState
    data = yaml.safe_load((REPO / "designs" / DESIGNS["volturnus"]).read_text())
    data["turbine"] = {"include": "turbines/IEA-15MW.yaml", "controller": {"discon": str(discon)},
                       "pitch_control": None, "torque_control": None}
    design = design_from_dict(data, base_dir=REPO / "designs", include_anywhere=True)
    rotor = design.turbine.rotor
    ctrl = rotor.controller
    off = ControllerFilters(speed_corner=0.0, float_corner=0.0, float_highpass=0.0)
    variants = {"no floating feedback": replace(ctrl, fl_kp=0.0),
                "feedback, unfiltered": replace(ctrl, filters=off),
                "feedback, ROSCO filters (DISCON)": ctrl}
    speeds = np.array([6.0, 8.0, 10.0, 11.0, 12.0, 13.0, 14.0, 16.0, 18.0, 20.0, 22.0, 24.0])
    sea = SeaState("jonswap", 7.0, 14.0)
    for ax, (turb, title) in zip(axes, ((0.0, "waves only (Hs 7 m, Tp 14 s)"),
                                        ("IB_NTM", "waves + turbulence (IEC IB NTM)"))):
        cases = [Case(wind_speed=float(u), turbulence=turb, waves=(sea,)) for u in speeds]
        for (name, c), style in zip(variants.items(), ("k:", "C0--", "C3-")):
            variant = replace(design, turbine=replace(design.turbine, rotor=replace(rotor, controller=c)))
            std = raft_sim.Model(variant).analyze(cases)["motion_std"].sel(dof="pitch").values
            ax.plot(speeds, np.degrees(std), style, marker="o", ms=3, label=name)
        ax.axvline(10.74, color="0.7", lw=0.8)  # rated wind speed of the IEA 15 MW
        ax.set(title=title, xlabel="wind speed [m/s]")
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("platform pitch std [deg]")
    axes[0].legend(fontsize=8)
    fig.suptitle("VolturnUS-S + IEA 15 MW with the ROSCO controller of its DISCON.IN "
                 "(below rated: describing-function feedback)", fontsize=9)
    _save(fig, "pitch_std_feedback.png")


def potential_figure() -> None:
    """Heave and pitch RAOs of VolturnUS-S from Capytaine, WAMIT and strip theory
    (docs/make_potential_figures.py; the BEM is cached)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_potential_figures", DOCS / "make_potential_figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.rao_comparison_figure(_save)


def _volturnus_document(cases: list, **settings) -> dict:
    """The shipped VolturnUS-S design as written, with other cases and settings."""
    import yaml
    document = yaml.safe_load((REPO / "designs" / DESIGNS["volturnus"]).read_text())
    document["settings"].update(refine_grid=False, **settings)
    document["cases"] = {"keys": ["wind_speed", "wind_heading", "turbulence", "turbine_status",
                                  "yaw_misalign", "wave_spectrum", "wave_period", "wave_height",
                                  "wave_heading", "probability"][:len(cases[0])], "data": cases}
    return document


def sweep_figures() -> None:
    """Sweep maps of VolturnUS-S: 3 line lengths x 3 ballast densities, operating at 18 m/s
    (RAFT's default grid, 0.01-1 Hz; two worker processes)."""
    import raft_sim
    from raft_sim.plot.figures import sweep_figure
    document = _volturnus_document([[18.0, 0, "IB_NTM", "operating", 0, "JONSWAP", 10.0, 4.0, 0]],
                                   min_freq=0.01, max_freq=1.0)
    ds = raft_sim.sweep(document, {"mooring.lines[*].length": "830:870:3",
                                   "platform.members[outer_column].rho_fill[0]": "x0.9,1,1.1"},
                        workers=2, base_dir=REPO / "designs")
    _save(sweep_figure(ds, "max.mooring_tension"), SWEEP_FIGURES[0])
    _save(sweep_figure(ds, "std.pitch"), SWEEP_FIGURES[1])


def fatigue_figures() -> None:
    """Damage shares of VolturnUS-S over an illustrative 12-condition scatter (Weibull
    k = 2, c = 10 m/s bins; Hs = 0.25 U; two Tp per sea state, as notebooks/fatigue_study)."""
    import raft_sim
    from raft_sim.design.load import design_from_dict
    from raft_sim.plot.figures import fatigue_figure, fatigue_of
    speeds = np.array([4.0, 8.0, 12.0, 16.0, 20.0, 24.0])
    edges = np.concatenate([[2.0], 0.5 * (speeds[1:] + speeds[:-1]), [26.0]])
    p_wind = np.diff(1.0 - np.exp(-(edges / 10.0) ** 2))
    rows = [[u, 0, "IB_NTM", "operating", 0, "JONSWAP", round(2 * f * np.sqrt(0.25 * u)) / 2,
             0.25 * u, 0, p * share] for u, p in zip(speeds, p_wind) for f, share in ((4.5, 0.6), (6.0, 0.4))]
    total = sum(r[-1] for r in rows)
    for r in rows:
        r[-1] /= total
    design = design_from_dict(_volturnus_document(rows), base_dir=REPO / "designs")
    results = raft_sim.Model(design).analyze()
    figure = fatigue_figure(fatigue_of(results), ["tower_base_fore_aft", "mooring_line1_fairlead"])
    _save(figure, FATIGUE_FIGURE)


SWEEP_FIGURES = ("sweep_tension_volturnus.png", "sweep_pitch_volturnus.png")
FATIGUE_FIGURE = "fatigue_volturnus.png"
FIGURE_NAMES = (tuple(f"geometry_{key}.png" for key in DESIGNS) + RESULT_FIGURES
                + ("validation_oc3_raft.png", "pitch_std_feedback.png", "rao_potential_volturnus.png")
                + SWEEP_FIGURES + (FATIGUE_FIGURE,))
"""Every figure this script writes (the docs may use only these)."""

MAKERS = {  # first figure each maker writes -> maker
    "geometry_oc3.png": geometry_figures,
    RESULT_FIGURES[0]: result_figures,
    "validation_oc3_raft.png": validation_figure,
    "pitch_std_feedback.png": feedback_figure,
    "rao_potential_volturnus.png": potential_figure,
    SWEEP_FIGURES[0]: sweep_figures,
    FATIGUE_FIGURE: fatigue_figures,
}


def make(missing_only: bool = False) -> None:
    """Draw the figures (those not yet in docs/figures/ when ``missing_only``)."""
    import matplotlib
    matplotlib.use("Agg")
    import warnings

    with warnings.catch_warnings():  # design and grid notes are for analyses, not for figures
        warnings.simplefilter("ignore", UserWarning)
        for first, maker in MAKERS.items():
            if not (missing_only and (FIGURES / first).is_file()):
                maker()


def on_pre_build(config) -> None:
    """MkDocs hook: draw the figures that are missing before the pages are read."""
    sys.path.insert(0, str(REPO))
    make(missing_only=True)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    make()
