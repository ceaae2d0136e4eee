"""The batched drag linearisation (raft_sim.hydro.drag_projection, used by the case pipeline)
against the per-strip reference (raft_sim.hydro.drag, itself checked against RAFT)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import raft_sim
from raft_sim.environment.waves import wave_kinematics
from raft_sim.hydro.current import current_velocity
from raft_sim.hydro.drag import drag_damping_matrix, drag_excitation, drag_point_matrices
from raft_sim.hydro.drag_projection import (drag_coefficients, drag_damping, drag_elements,
                                            drag_excitation as projected_excitation)
from raft_sim.structure.strips import end_faces, platform_strips

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name, current", [("VolturnUS-S_IEA15MW", 0.0), ("OC4-DeepCwind_NREL5MW", 1.2)])
def test_projection_equals_the_per_strip_linearisation(name, current):
    # SOURCE: algebra -- the projected variance sum |a amp|^2 - 2 Re(g.P) + g^T Re(Q) g is the
    # expanded |a amp - i w g.X|^2 of raft_sim.hydro.drag; damping and excitation are the same
    # sums regrouped. Checked on rectangular (VolturnUS-S pontoons) and circular strips, with
    # and without a mean current, two sources and two cases: 1e-9 relative.
    design = raft_sim.load_design(REPO / "designs" / f"{name}.yaml")
    rho, depth = design.site.rho_water, design.site.water_depth
    strips, faces = platform_strips(design.platform), end_faces(design.platform)
    omega = np.linspace(0.05, 2.0, 40)
    heading = [0.0, 0.7]
    u_s = np.concatenate([wave_kinematics(strips.r, omega, heading, depth)[0],
                          np.zeros((len(strips.r), omega.size, 1, 3))], axis=2)
    u_f = np.concatenate([wave_kinematics(faces.r.reshape(-1, 3), omega, heading, depth)[0],
                          np.zeros((len(faces.r), omega.size, 1, 3))], axis=2)
    mean = (None, None) if current == 0.0 else tuple(
        current_velocity(r.reshape(-1, 3)[:, 2], current, 0.3, depth, 0.12) for r in (strips.r, faces.r))
    rng = np.random.default_rng(3)
    amp = rng.uniform(0.05, 0.5, (2, omega.size, 3))
    X = 0.3 * (rng.standard_normal((2, omega.size, 3, 6)) + 1j * rng.standard_normal((2, omega.size, 3, 6)))
    el = drag_elements(strips, faces, u_s, u_f, rho, *mean)
    b = drag_coefficients(el, omega, amp, X)
    b6, f6 = drag_damping(el, b), projected_excitation(el, b)
    for c in range(2):
        b_s, b_e = drag_point_matrices(strips, faces, omega, X[c], u_s * amp[c][None, ..., None],
                                       u_f * amp[c][None, ..., None], rho,
                                       u_mean_strips=mean[0], u_mean_faces=mean[1])
        ref_b = drag_damping_matrix(strips, faces, b_s, b_e)
        ref_f = drag_excitation(strips, faces, b_s, b_e, u_s, u_f)
        np.testing.assert_allclose(b6[c], ref_b, rtol=1e-9, atol=1e-9 * np.abs(ref_b).max())
        np.testing.assert_allclose(f6[c], ref_f, rtol=1e-9, atol=1e-9 * np.abs(ref_f).max())
