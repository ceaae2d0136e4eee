"""Strip hydrodynamics at a mean pose (raft_sim.system.hydro).

SOURCE: the definitions of the pieces it assembles: Airy kinematics
(raft_sim.environment.waves.wave_kinematics, checked against linear wave theory in
tests/environment/test_waves.py) and the strip excitation (raft_sim.hydro.excitation).
"""
import numpy as np

import raft_sim
from conftest import DESIGNS


def test_wave_kinematics_at_strips_and_faces_is_one_airy_evaluation():
    # SOURCE: Airy kinematics are pointwise, so one evaluation at strips and faces together
    # equals wave_kinematics at each set (identical to the last bit, tolerance 0); the
    # excitation from them equals strip_excitation's (1e-12: the same sums)
    from raft_sim.environment.waves import wave_kinematics
    from raft_sim.hydro.excitation import strip_excitation
    from raft_sim.structure.frames import translate_force
    from raft_sim.system.hydro import hydro_geometry, wave_excitation, wave_kinematics_at, wave_velocities
    model = raft_sim.Model(raft_sim.load_design(DESIGNS / "VolturnUS-S_IEA15MW.yaml"))
    prepared, site = model.prepared, model.design.site
    pose = np.array([2.0, -1.0, -0.5, 0.02, 0.05, 0.1])
    conv = model.design.settings.conventions
    geo = hydro_geometry(prepared, pose, conv)
    omega, headings = np.array([0.2, 0.6, 1.4]), np.array([0.0, 0.7])
    kin = wave_kinematics_at(prepared, geo, omega, headings)
    for r, vel, acc in ((geo.strips_abs.r, kin.strip_velocity, kin.strip_acceleration),
                        (geo.faces_abs.r, kin.face_velocity, kin.face_acceleration)):
        v, a, _ = wave_kinematics(r, omega, headings, site.water_depth, site.g, site.rho_water)
        np.testing.assert_array_equal(vel, v)
        np.testing.assert_array_equal(acc, a)
    u_s, u_f = wave_velocities(kin)
    assert u_s.shape == (len(geo.strips.r), 3, 3, 3) and not u_s[:, :, -1].any()
    ref = translate_force(strip_excitation(geo.inertia_strips_abs, geo.inertia_faces_abs, omega, headings,
                                           site.water_depth, site.rho_water, site.g), -geo.origin)
    np.testing.assert_allclose(wave_excitation(prepared, geo, kin, conv), ref, rtol=1e-12,
                               atol=1e-12 * np.abs(ref).max())
