"""The one-way case pipeline (issue 7): pure, executor-independent, one operating point,
any frequency grid, and data flowing one way through the package."""
from __future__ import annotations

import ast
import concurrent.futures as cf
import dataclasses
import warnings
from pathlib import Path

import numpy as np
import pytest

import raft_sim
from raft_sim.design.objects import Case, SeaState

REPO = Path(__file__).resolve().parents[2]
DESIGNS = sorted((REPO / "designs").glob("*.yaml"))


def _numbers(results):
    """Every number a case result carries, flattened per case (for exact comparisons)."""
    out = []
    for r in results:
        parts = [r.mean, r.rao.ravel(), r.source_psd.ravel(), [r.converged, r.iterations]]
        parts += [np.ravel(ch.transfer) for ch in r.channels.values()]
        parts += [np.ravel(ch.mean) for ch in r.channels.values()]
        out.append(np.concatenate([np.asarray(p, dtype=complex).ravel() for p in parts]))
    return out


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: p.stem)
def test_serial_threaded_and_process_runs_are_identical(path):
    # SOURCE: issue 7 acceptance -- a case is a pure function of (prepared design, case): the
    # same results serially, on 8 threads sharing one Prepared, and on 2 processes (bitwise:
    # every executor computes each batch the same way, with one BLAS thread).
    from raft_sim.parallel import local_executor, single_threaded_blas
    from raft_sim.system.case import analyze_cases
    from raft_sim.system.prepare import prepare
    design = raft_sim.load_design(path)
    prepared = prepare(design)
    with single_threaded_blas(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        serial = _numbers(analyze_cases(prepared, design.cases))
        with local_executor("threads", 8) as pool:
            threaded = _numbers(analyze_cases(prepared, design.cases, executor=pool))
        with local_executor("processes", 2) as pool:
            processes = _numbers(analyze_cases(prepared, design.cases, executor=pool))
    for a, b, c in zip(serial, threaded, processes):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(a, c)


def test_cases_on_threads_share_nothing_mutable():
    # SOURCE: issue 7 -- eight threads sharing one Model gave four wrong equilibria when a
    # single MoorPy system was moved by every call. Each case alone on its own thread, all at
    # once, must equal the same case run alone serially.
    from raft_sim.system.case import analyze_case
    design = raft_sim.load_design(REPO / "designs" / "OC4-DeepCwind_NREL5MW.yaml")
    model = raft_sim.Model(design)
    cases = [dataclasses.replace(design.cases[1], wind_speed=u) for u in np.linspace(6, 20, 8)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        serial = [analyze_case(model.prepared, c) for c in cases]
        with cf.ThreadPoolExecutor(8) as pool:
            threaded = list(pool.map(lambda c: analyze_case(model.prepared, c), cases))
    for a, b in zip(serial, threaded):
        np.testing.assert_array_equal(a.mean, b.mean)
        np.testing.assert_array_equal(a.rao, b.rao)
        assert a.equilibrium.converged and b.equilibrium.converged


def test_a_batch_equals_its_cases_alone():
    # SOURCE: issue 7 -- cases that share a mean load are solved as one batch; each case's
    # drag iteration is the one it follows alone (same steps and stopping rule), so batch and
    # single runs agree to rounding (1e-12 relative: only the BLAS blocking differs).
    from raft_sim.system.case import analyze_case, analyze_cases
    design = raft_sim.load_design(REPO / "designs" / "VolturnUS-S_IEA15MW.yaml")
    prepared = raft_sim.Model(design).prepared
    cases = [Case(waves=(SeaState("jonswap", hs, tp),)) for hs, tp in ((2, 7), (6, 11), (11, 15))]
    batch = analyze_cases(prepared, cases)
    for case, together in zip(cases, batch):
        alone = analyze_case(prepared, case)
        assert alone.iterations == together.iterations
        np.testing.assert_allclose(together.rao, alone.rao, rtol=1e-12, atol=1e-12 * np.abs(alone.rao).max())


def test_speed_gain_gives_one_operating_point_everywhere():
    # SOURCE: issue 7 item 3 -- RAFT's speed_gain multiplies the inflow before the schedule
    # look-up and the BEM; the mean loads, the linearisation and the reported blade pitch all
    # use that one point. VolturnUS-S at 10 m/s with speed_gain 1.1: the rotor sees 11 m/s, above
    # rated (10.59 m/s), so the pitch is the schedule's at 11 m/s (> 0), not 0 as at 10 m/s.
    from raft_sim.aero.bem import aero_derivatives
    from raft_sim.aero.loads import case_aero_loads
    from raft_sim.aero.operating import operating_point
    design = raft_sim.load_design(REPO / "designs" / "VolturnUS-S_IEA15MW.yaml")
    rotor = dataclasses.replace(design.turbine.rotor, speed_gain=1.1)
    design = dataclasses.replace(design, turbine=dataclasses.replace(design.turbine, rotor=rotor))
    case = Case(wind_speed=10.0, waves=(SeaState("jonswap", 2.0, 8.0),))
    op = operating_point(rotor, 11.0)
    assert float(op.pitch) > 0.01
    aero = case_aero_loads(design, case, design.settings.omega)
    assert aero.servo.pitch == pytest.approx(float(op.pitch), abs=1e-12)
    assert aero.means["pitch"] == aero.servo.pitch
    assert aero.servo.rotor_speed == pytest.approx(float(op.omega), abs=1e-12)
    d = aero_derivatives(rotor, design.site, 11.0, float(op.omega), float(op.pitch), n_azimuth=4)
    assert aero.servo.derivatives.dT_dU == pytest.approx(float(d.dT_dU), rel=1e-12)
    ds = raft_sim.Model(design).analyze([case])
    assert float(ds["pitch_mean"][0]) == pytest.approx(float(op.pitch), abs=1e-12)


def _with_grid(design, **settings):
    return dataclasses.replace(design, settings=dataclasses.replace(design.settings, **settings))


def test_non_uniform_grid_matches_a_fine_uniform_grid():
    # SOURCE: convergence of the spectral integrals -- with one bin-width rule (Voronoi cells,
    # raft_sim.frequency) a jittered non-uniform grid of 160 points gives the same motion and
    # tension std as a 10x finer uniform grid, within 2 %, for a well-damped response
    # (VolturnUS-S, JONSWAP Hs 6 m Tp 12 s, no wind).
    design = raft_sim.load_design(REPO / "designs" / "VolturnUS-S_IEA15MW.yaml")
    case = Case(waves=(SeaState("jonswap", 6.0, 12.0),))
    rng = np.random.default_rng(7)
    hz = np.sort(np.linspace(0.005, 0.3, 160) + rng.uniform(-0.4, 0.4, 160) * (0.295 / 159))
    coarse = raft_sim.Model(_with_grid(design, frequencies=hz, refine_grid=False)).analyze([case])
    fine = raft_sim.Model(_with_grid(design, min_freq=0.0005, max_freq=0.3,
                                     refine_grid=False)).analyze([case])
    for dof in ("surge", "heave", "pitch"):
        assert float(coarse["motion_std"].sel(dof=dof)[0]) == pytest.approx(
            float(fine["motion_std"].sel(dof=dof)[0]), rel=0.02), dof
    np.testing.assert_allclose(coarse["mooring_tension_std"][0], fine["mooring_tension_std"][0], rtol=0.02)


def test_an_unresolved_resonance_is_named_with_the_grid_that_resolves_it():
    # SOURCE: issue 7 item 4 -- OC3-Hywind on RAFT's 0.005 Hz grid: its pitch resonance
    # (0.034 Hz, damping ratio ~1 %, half-power bandwidth ~0.0006 Hz) is narrower than a bin.
    from raft_sim.system.grid import GridWarning
    design = raft_sim.load_design(REPO / "designs" / "OC3-Hywind_NREL5MW.yaml")
    with pytest.warns(GridWarning) as record:
        raft_sim.Model(_with_grid(design, refine_grid=False)).analyze(design.cases[:1])
    messages = [str(w.message) for w in record if issubclass(w.category, GridWarning)]
    pitch = [m for m in messages if "pitch mode" in m]
    assert pitch and "min_freq <=" in pitch[0] and "refine_grid" in pitch[0]


def test_refined_grid_resolves_oc3_surge_and_tension():
    # SOURCE: convergence of the spectral sums -- on a uniform grid the error of a resonance's
    # variance falls in proportion to the bin (first order: measured 2.4 %, 1.2 %, 0.6 % for
    # 10x, 20x, 40x finer grids in the 11 m/s case), so 2 S(20x) - S(10x) is the converged
    # value (Richardson extrapolation). The shipped OC3 design (settings.refine_grid: true) gives
    # surge and line-tension std within 1 % of it, where its design grid alone (0.005 Hz) is up to
    # 26 % (surge) and 52 % (tension) low in the wind cases. Issue 7 asks for 2 % against a 10x
    # grid; that grid is itself 1.8-2.4 % low here, so the converged reference is used.
    design = raft_sim.load_design(REPO / "designs" / "OC3-Hywind_NREL5MW.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        refined = raft_sim.Model(design).analyze()
        fine = [raft_sim.Model(_with_grid(design, min_freq=0.005 / k, refine_grid=False)).analyze()
                for k in (10, 20)]
    assert refined["omega"].size > design.settings.omega.size
    for name, select in (("motion_std", {"dof": "surge"}), ("mooring_tension_std", {})):
        ten, twenty = (f[name].sel(**select).values for f in fine)
        np.testing.assert_allclose(refined[name].sel(**select).values, 2 * twenty - ten, rtol=0.01)


LAYERS = [
    {"conventions", "parallel"},
    {"design", "jsonsafe"},
    {"structure", "environment", "mooring", "outfile"},
    {"solve"},
    {"frequency"},
    {"hydro", "aero"},
    {"system"},
    {"results"},
    {"model", "report", "plot", "sweep", "sweeps"},
    {"cli", "raft_sim"},
]
"""raft_sim's packages from the bottom up: a module imports only its own layer or lower ones."""


VALUE_TYPES = {"raft_sim.system.contribution"}
"""Modules of plain value types (numpy only) that any layer may use."""


def _layer(module: str) -> int:
    if module in VALUE_TYPES:
        return 0
    parts = module.split(".")
    name = parts[1] if len(parts) > 1 else "raft_sim"
    return next(i for i, layer in enumerate(LAYERS) if name in layer)


def test_data_flows_one_way_no_upward_import():
    # SOURCE: issue 7 item 2 / STYLE.md -- no module imports a layer above it (lazy imports
    # inside functions included).
    upward = []
    for path in (REPO / "raft_sim").rglob("*.py"):
        rel = path.relative_to(REPO).with_suffix("")
        module = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        for node in ast.walk(ast.parse(path.read_text())):
            targets = [node.module] if isinstance(node, ast.ImportFrom) and node.module else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            for target in targets:
                if target.startswith("raft_sim") and _layer(target) > _layer(module):
                    upward.append(f"{module} -> {target}")
    assert not upward, upward


def test_case_warnings_are_flagged_in_the_results():
    # SOURCE: issue 12 scope 1 -- dubious physics is warned AND flagged in the results: a wave
    # steeper than breaking (H/L > 1/7: Hs 12 m at Tp 5 s, L = g Tp^2 / 2 pi = 39 m) and the
    # unresolved pitch resonance of OC3 on its design grid appear in the case's `warnings`.
    design = raft_sim.load_design(REPO / "designs" / "OC3-Hywind_NREL5MW.yaml")
    cases = [Case(waves=(SeaState("jonswap", 12.0, 5.0),)), design.cases[0]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = raft_sim.Model(_with_grid(design, refine_grid=False)).analyze(cases)
    assert "break" in str(ds["warnings"].values[0]).lower()
    assert "pitch mode" in str(ds["warnings"].values[1])


def test_a_wave_only_case_reuses_the_unloaded_equilibrium():
    # SOURCE: pipeline contract (docs/pipeline.md): equal statics inputs are solved once per
    # prepared design; a still-air, no-current case has the unloaded equilibrium of the natural
    # periods, and a case with a mean load gets its own.
    import raft_sim
    from raft_sim.system.case import analyze_case
    design = raft_sim.load_design(REPO / "designs" / "OC3-Hywind_NREL5MW.yaml")
    model = raft_sim.Model(design)
    unloaded = model.equilibrium
    wave_only = next(c for c in design.cases if c.wind_speed == 0 and c.current_speed == 0)
    windy = next(c for c in design.cases if c.wind_speed > 0)
    assert analyze_case(model.prepared, wave_only).equilibrium is unloaded
    loaded = analyze_case(model.prepared, windy).equilibrium
    assert loaded is not unloaded and loaded.position[0] > 1.0
