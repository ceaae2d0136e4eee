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


FIGURE_NAMES = (tuple(f"geometry_{key}.png" for key in DESIGNS) + RESULT_FIGURES
                + ("validation_oc3_raft.png",))
"""Every figure this script writes (the docs may use only these)."""

MAKERS = {  # first figure each maker writes -> maker
    "geometry_oc3.png": geometry_figures,
    RESULT_FIGURES[0]: result_figures,
    "validation_oc3_raft.png": validation_figure,
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
