"""End-to-end load-case responses against RAFT's expected outputs (OC3-Hywind spar, case 0).

SOURCE: raft/test-expected/OC3spar_true_analyzeCases.json (RAFT 2.0 on
raft/test-inputs/OC3spar.yaml): case 0 is JONSWAP Hs 6 m, Tp 12 s, heading 0, no wind, no
current. ``<dof>_RA[0]`` are RAFT's complex response amplitudes per frequency bin of the wave
system (rotations in degrees), i.e. our ``response`` variable; ``<dof>_std`` and ``_avg``
are statistics, ``wave_PSD`` the wave spectrum [m^2 s/rad].

Known, deliberate difference (docs: hydrodynamics at the mean pose). Under its own weight
RAFT's OC3 model sinks 0.67 m (mean heave -0.666 m, reproduced below). RAFT computes the
strip inertia (added mass and Morison inertial excitation) ONCE, at the undisplaced draft,
before solving the mean offsets, and then only moves the strip nodes with the platform
(raft_model.solveStatics with statics_mod = forcing_mod = 0; raft_member.calcHydroConstants /
calcImat scale the surface-piercing strip by its submerged fraction at that pose). So its
surface-piercing strip keeps the 4.00 m wetted length of the undisplaced draft although,
at the mean pose, 4.67 m of the column is under water. We evaluate all wave hydrodynamics
at the mean pose (consistent with where the kinematics are evaluated), so our surge and
pitch excitation and added mass carry the extra 0.67 m of wetted column near the surface.
Its share of the inertial load grows with the wave number (the e^{kz} decay favours the
surface), so our surge/pitch responses exceed RAFT's smoothly with frequency, from +0.2 %
at 0.28 rad/s to +6 % at 1.26 rad/s (std +1.0 % surge, +1.3 % pitch). Heave (end-face
pressure) is unaffected. ``test_oc3_case0_reproduces_raft_with_its_surface_strip_convention``
shows that this single convention explains the whole difference: with RAFT's frozen
surface-strip volume emulated, the responses match RAFT to 1e-4.

VolturnUS-S first-order excitation against VolturnUS-S_true_hydroExcitation.json (2 %) is
covered in tests/hydro/test_excitation.py::test_excitation_matches_raft. Its analyzeCases
outputs are not compared here: RAFT's VolturnUS-S.yaml turns on slender-body second-order
wave forces (potSecOrder 1: mean drift and difference-frequency response).
"""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from conftest import RAFT_REF, load_expected, needs_shared

DOFS = ("surge", "heave", "pitch")
ROTATIONS = ("roll", "pitch", "yaw")


def _oc3_design():
    import raft_sim
    return raft_sim.load_design(RAFT_REF / "test-inputs" / "OC3spar.yaml")


def _raft_case0():
    return load_expected("OC3spar_true_analyzeCases.json")["case_metrics"]["0"]["0"]


def _in_raft_units(values, dof):
    """Our SI values (m, rad) in RAFT's output units (m, deg)."""
    return values * (180.0 / np.pi) if dof in ROTATIONS else values


def _response(ds, dof):
    """Complex response amplitude of the wave system, per frequency bin, RAFT units."""
    return _in_raft_units(ds["response"].sel(case=0, dof=dof).values[:, 0], dof)


def _significant(raft_ra):
    """Bins where RAFT's response magnitude exceeds 1 % of its peak (issue acceptance)."""
    mag = np.abs(raft_ra)
    return mag > 1e-2 * mag.max()


def _with_conventions(design, **fields):
    """The design with ``settings.conventions`` fields set (physical preset otherwise)."""
    from raft_sim.design.objects import conventions_preset
    settings = dataclasses.replace(design.settings, conventions=conventions_preset("physical", **fields))
    return dataclasses.replace(design, settings=settings)


@pytest.fixture(scope="module")
def oc3_case0():
    """Our results for OC3spar case 0 and RAFT's expected metrics of that case."""
    import raft_sim
    design = _oc3_design()
    ds = raft_sim.Model(design).analyze(design.cases[:1])
    return ds, _raft_case0()


@needs_shared
def test_oc3_case0_wave_psd_and_mean_heave(oc3_case0):
    # SOURCE: OC3spar_true_analyzeCases.json case 0: wave_PSD (JONSWAP, gamma from the IEC rule;
    # the same function as RAFT's, so to 1e-6) and heave_avg (-0.666 m: weight minus buoyancy
    # over the waterplane stiffness; surge/pitch means are zero in head seas without wind).
    ds, raft = oc3_case0
    ref = raft["wave_PSD"]
    np.testing.assert_allclose(ds["wave_psd"].values[0], ref, rtol=1e-6, atol=1e-6 * ref.max())
    assert float(ds["motion_mean"].sel(case=0, dof="heave")) == pytest.approx(raft["heave_avg"], rel=1e-3)
    assert ds["converged"].values[0]


@needs_shared
def test_oc3_case0_std_within_3_percent(oc3_case0):
    # SOURCE: OC3spar_true_analyzeCases.json case 0, surge/heave/pitch _std; issue acceptance 3 %.
    # Ours exceed RAFT's by +1.0 % (surge) and +1.3 % (pitch): the surface-strip convention
    # explained in the module docstring; heave agrees to 1e-5 (checked to 0.5 %, the
    # drag-linearisation convergence margin).
    ds, raft = oc3_case0
    for dof in DOFS:
        ours = _in_raft_units(float(ds["motion_std"].sel(case=0, dof=dof)), dof)
        assert ours == pytest.approx(raft[f"{dof}_std"], rel=0.03), dof
    assert float(ds["motion_std"].sel(case=0, dof="heave")) == pytest.approx(raft["heave_std"], rel=5e-3)


@needs_shared
def test_oc3_case0_response_magnitudes(oc3_case0):
    # SOURCE: OC3spar_true_analyzeCases.json case 0, <dof>_RA[0] magnitudes where RAFT's
    # response exceeds 1 % of its peak (issue acceptance: 2 %).
    # - heave: 2 % everywhere (it is 1e-6 in practice);
    # - surge, pitch: 2 % up to 0.6 rad/s; above, ours exceed RAFT by the extra wetted length
    #   of the surface-piercing strip at the mean pose (module docstring), an excess that grows
    #   smoothly with frequency to +6 % at 1.26 rad/s: bounded here by [-2 %, +8 %] and required
    #   to be an excess (never a deficit beyond 2 %). The emulation test below pins the cause.
    ds, raft = oc3_case0
    omega = ds["omega"].values
    for dof in DOFS:
        ref = raft[f"{dof}_RA"][0]
        sig = _significant(ref)
        ratio = np.abs(_response(ds, dof))[sig] / np.abs(ref)[sig]
        low = omega[sig] <= 0.6
        if dof == "heave":
            np.testing.assert_allclose(ratio, 1.0, atol=0.02, err_msg=dof)
            continue
        np.testing.assert_allclose(ratio[low], 1.0, atol=0.02, err_msg=dof)
        assert np.all((ratio[~low] > 0.98) & (ratio[~low] < 1.08)), (dof, ratio[~low])


@needs_shared
def test_oc3_case0_reproduces_raft_with_its_surface_strip_convention():
    # SOURCE: OC3spar_true_analyzeCases.json case 0, complex <dof>_RA[0] and _std. With RAFT's
    # frozen strip inertia (settings.conventions.hydro_pose: undisplaced, module docstring; the
    # only change), the complex responses agree within 2 % of each bin's magnitude where RAFT's
    # response exceeds 1 % of its peak and the std within 0.5 % (surge +0.02 %, pitch +0.03 %
    # when written): nothing else in the chain (excitation, added mass, drag linearisation,
    # mooring, solve, statistics) differs. The margin over the observed agreement is the drag
    # linearisation's 1 % convergence tolerance (settings.tolerance; RAFT stops on its own
    # per-bin test with 0.8 relaxation), which bounds how closely two converged iterations can
    # agree; the surface-strip effect it isolates reaches 6 %.
    import raft_sim
    design = _with_conventions(_oc3_design(), hydro_pose="undisplaced")
    ds = raft_sim.Model(design).analyze(design.cases[:1])
    raft = _raft_case0()
    for dof in DOFS:
        ref = raft[f"{dof}_RA"][0]
        sig = _significant(ref)
        err = np.abs(_response(ds, dof) - ref)[sig] / np.abs(ref)[sig]
        assert err.max() < 0.02, (dof, err.max())
        ours = _in_raft_units(float(ds["motion_std"].sel(case=0, dof=dof)), dof)
        assert ours == pytest.approx(raft[f"{dof}_std"], rel=5e-3), dof


@needs_shared
def test_oc3_rao_peaks_at_natural_frequencies():
    # SOURCE: modal analysis (undamped (M + A) x'' + C x = 0, Model.natural_frequencies) and
    # the linear RAO: with light damping the heave and pitch RAO peaks of OC3-Hywind lie at
    # their natural frequencies (heave 0.204 rad/s, pitch 0.213 rad/s; published OC3 values
    # 0.032 Hz / 0.034 Hz, Jonkman 2010), within one frequency bin. White (unit) spectrum,
    # case 0 otherwise, on a 0.001 Hz grid (bin 0.0063 rad/s, 3 % of the peak frequency).
    import raft_sim
    from raft_sim.design.objects import SeaState
    design = _oc3_design()
    case = dataclasses.replace(design.cases[0], waves=(SeaState("unit"),))
    settings = dataclasses.replace(design.settings, min_freq=0.001, max_freq=0.1)
    model = raft_sim.Model(dataclasses.replace(design, settings=settings, cases=(case,)))
    ds = model.analyze()
    omega = settings.omega
    bin_width = omega[1] - omega[0]
    modes = model.natural_frequencies()
    for dof in ("heave", "pitch"):
        rao = np.abs(ds["rao"].sel(case=0, dof=dof).values[:, 0])
        peak = omega[np.argmax(rao)]
        assert abs(peak - modes.dof_frequencies[dof]) <= bin_width, (dof, peak, modes.dof_frequencies[dof])
