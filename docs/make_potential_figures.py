"""The potential-flow figure of docs/potential-flow.md, drawn by raft_sim's own code.

``rao_comparison_figure()`` analyses the shipped VolturnUS-S design three times -- strip
theory (``potModMaster: 1``), the hull's WAMIT files (``potModMaster: 3``, ``hydroPath`` to
``../shared/reference/iea15-volturnus/HydroData``) and raft_sim's Capytaine BEM of its members
(``potModMaster: 2``) -- for its first load case, and draws the heave and pitch RAOs with
:func:`raft_sim.plot.rao_comparison.plot_rao_comparison`.

The BEM runs at the tests' panel size (``dz_BEM = da_BEM = 4`` m, converged to a few per cent,
docs/potential-flow.md) on ``min_freq_BEM = 0.01`` Hz steps up to the case grid's top, here
``max_freq = 0.25`` Hz (25 frequencies, one heading). The step must resolve the heave
excitation's cancellation near 0.35 rad/s, beside the heave resonance (0.31 rad/s): with
0.03 Hz steps the interpolated force is near zero at resonance and the heave peak vanishes.
About two minutes on a quiet 2-core machine, and nothing on a rerun, which reads Capytaine's
results from the BEM cache (``$RAFT_SIM_CACHE``, else ``~/.cache/raft_sim/bem``).
``docs/make_figures.py`` calls it (and the MkDocs hook, when the image is missing); without the
reference data or Capytaine the figure is a placeholder saying so.
"""
from __future__ import annotations

from pathlib import Path

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
HYDRO_PATH = REPO.parent / "shared" / "reference" / "iea15-volturnus" / "HydroData" / "IEA-15-240-RWT-UMaineSemi"
FIGURE = "rao_potential_volturnus.png"

VARIANTS = {  # legend label -> platform keys beside the include (RAFT's names)
    "potential flow (Capytaine BEM)": {"potModMaster": 2, "dz_BEM": 4.0, "da_BEM": 4.0, "min_freq_BEM": 0.01},
    "WAMIT files (hydroPath)": {"potModMaster": 3, "potFirstOrder": 1, "hydroPath": str(HYDRO_PATH)},
    "strip theory (Morison)": {"potModMaster": 1},
}
STYLES = ("C0-", "k--", "C3:")


def variant_results():
    """Results Datasets of the first load case of VolturnUS-S, one per entry of VARIANTS."""
    import yaml

    import raft_sim
    from raft_sim.design.load import design_from_dict

    data = yaml.safe_load((REPO / "designs" / "VolturnUS-S_IEA15MW.yaml").read_text())
    data["settings"] = {**data["settings"], "max_freq": 0.25}
    data["cases"] = {**data["cases"], "data": data["cases"]["data"][:1]}
    results = []
    for keys in VARIANTS.values():
        variant = {**data, "platform": {**data["platform"], **keys}}
        design = design_from_dict(variant, base_dir=REPO / "designs")
        results.append(raft_sim.Model(design).analyze())
    return results


def rao_comparison_figure(save) -> None:
    """Heave and pitch RAOs of VolturnUS-S from Capytaine, WAMIT and strip theory;
    ``save(fig, name)`` writes it."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(11, 4), layout="constrained")
    axes = fig.subplots(1, 2)
    missing = None
    if not HYDRO_PATH.with_suffix(".1").is_file():
        missing = "VolturnUS-S WAMIT files not found\n(../shared/reference/iea15-volturnus)"
    else:
        try:
            import capytaine  # noqa: F401
        except ImportError:
            missing = 'Capytaine not installed\n(pip install "raft_sim[bem]")'
    if missing:
        for ax in axes:
            ax.text(0.5, 0.5, missing, ha="center", va="center", transform=ax.transAxes)
        save(fig, FIGURE)
        return
    from raft_sim.plot.rao_comparison import plot_rao_comparison

    plot_rao_comparison(variant_results(), list(VARIANTS), ("heave", "pitch"), axes=axes, styles=STYLES)
    for ax in axes:
        ax.set_xlim(0.0, 1.5)
    fig.suptitle("VolturnUS-S + IEA 15 MW, parked, JONSWAP Hs 4 m, Tp 10 s (drag linearised in each model)",
                 fontsize=9)
    save(fig, FIGURE)
