"""Strip discretisation and end faces.

SOURCE: RAFT raft_member.py strip layout (sections split into ceil(L/dlsMax) equal strips,
end added-mass volume pi/12 d^3 per end, differences at steps and along tapers) and analytic
geometry (clipping at z = 0, volumes).
"""
import numpy as np
import pytest
from member_builders import straight_member

from raft_sim.design.objects import Member, Platform
from raft_sim.structure.hydrostatics import hydrostatics
from raft_sim.structure.strips import end_faces, platform_strips


def test_strip_layout_and_clipping():
    # SOURCE: RAFT layout (ceil(30/4) = 8 strips of 3.75 m) + analytic clipping at z = 0
    mem = straight_member([0, 0, -23.0], [0, 0, 7.0], 6.0, dls_max=4.0)
    s = platform_strips([mem])
    assert len(s.length) == 7                                   # 6 full strips + the clipped one
    assert np.allclose(s.length[:6], 3.75) and s.length[6] == pytest.approx(0.5)
    assert s.r[6, 2] == pytest.approx(-0.25) and np.all(s.r[:, 2] < 0)
    assert s.length.sum() == pytest.approx(23.0)
    assert s.volume.sum() == pytest.approx(hydrostatics([mem]).volume, rel=1e-12)
    assert np.allclose(s.size, 6.0) and s.circular.all() and np.allclose(s.ca, 1.0)


def test_strips_of_a_member_pointing_down_and_horizontal():
    # SOURCE: analytic clipping; a horizontal submerged member keeps all its strips
    s = platform_strips([straight_member([0, 0, 3.0], [0, 0, -9.0], 2.0, dls_max=5.0)])
    assert s.length.sum() == pytest.approx(9.0) and np.all(s.r[:, 2] < 0)
    h = platform_strips([straight_member([0, 0, -5.0], [12.0, 0, -5.0], 2.0, dls_max=5.0)])
    assert np.allclose(h.length, 4.0) and np.allclose(h.r[:, 0], [2, 6, 10])


def test_end_faces_of_closed_cylinder():
    # SOURCE: RAFT end convention: +A at end A, -A at end B, volume pi d^3/12 = (2/3) pi r^3
    f = end_faces([straight_member([0, 0, -20.0], [0, 0, -2.0], 4.0, ca_end=0.7)])
    assert np.allclose(f.area_change, [np.pi * 4, -np.pi * 4])
    assert np.allclose(f.added_mass_volume, 2 / 3 * np.pi * 8)
    assert np.allclose(f.r[:, 2], [-20.0, -2.0]) and np.allclose(f.ca_end, 0.7)
    f = end_faces([straight_member([0, 0, -20.0], [0, 0, 2.0], 4.0)])      # end B above water
    assert len(f.area_change) == 1


def test_taper_and_step_faces():
    # SOURCE: RAFT (taper end effects spread over the taper's strips, telescoping to
    # pi/12 |d2^3 - d1^3|; a step (repeated station) gives one face with the area difference)
    st = np.array([0.0, 108.0, 116.0, 130.0])
    d = np.array([9.4, 9.4, 6.5, 6.5])
    base = straight_member([0, 0, -120.0], [0, 0, 10.0], 9.4, stations=st)
    spar = Member(**{**base.__dict__, "diameter": d})
    f = end_faces([spar])
    taper = f.r[:, 2] > -119
    assert taper.sum() == 2                                            # two strips of 4 m on the taper
    assert f.added_mass_volume[taper].sum() == pytest.approx(np.pi / 12 * (9.4**3 - 6.5**3), rel=1e-12)
    assert f.area_change[taper].sum() == pytest.approx(np.pi / 4 * (6.5**2 - 9.4**2), rel=1e-12)
    st2 = np.array([0.0, 6.0, 6.0, 32.0])
    base = straight_member([0, 0, -20.0], [0, 0, 12.0], 24.0, stations=st2)
    col = Member(**{**base.__dict__, "diameter": np.array([24.0, 24.0, 12.0, 12.0])})
    f = end_faces([col])
    step = np.isclose(f.r[:, 2], -14.0)
    assert step.sum() == 1
    assert f.area_change[step][0] == pytest.approx(np.pi / 4 * (144 - 576))
    assert f.added_mass_volume[step][0] == pytest.approx(np.pi / 12 * (24**3 - 12**3))


def test_platform_indexes_and_potential_flow_flag():
    # SOURCE: contract of Strips/EndFaces (member index into Platform.members); the flag
    # follows the builders' potential_flow argument (coefficients exist), not the request
    # Member.potential_flow (issue 11: without coefficients strip theory is kept).
    a = straight_member([0, 0, -10.0], [0, 0, 5.0], 2.0)
    b = straight_member([20, 0, -10.0], [20, 0, 5.0], 2.0, potential_flow=True)
    plat = Platform(members=(a, b))
    s, f = platform_strips(plat, [False, True]), end_faces(plat, [False, True])
    assert set(s.member) == {0, 1} and np.all(s.potential_flow == (s.member == 1))
    assert np.all(f.potential_flow == (f.member == 1))
    assert not platform_strips(plat).potential_flow.any() and not end_faces(plat).potential_flow.any()


def test_strips_and_faces_at_a_pose_from_one_layout():
    # SOURCE: analytic geometry. A cylinder (A at z = -20, B at z = +10) pitched by theta about
    # the origin and heaved by -1 m has end A at z = -20 cos(theta) - 1 and its axis crosses
    # z = 0 at s = 20 + 1 / cos(theta) from A: that is the wetted length (tolerance 1e-12,
    # rounding only); end A is the only submerged face.
    from raft_sim.structure.frames import rotation_matrix
    from raft_sim.structure.strips import faces_at, member_ends, strip_layout, strips_at
    mem = straight_member([0, 0, -20.0], [0, 0, 10.0], 6.0, dls_max=4.0)
    layout = strip_layout([mem])
    theta = 0.2
    rot = rotation_matrix(0.0, theta, 0.0)
    r_a, r_b = (e @ rot.T + [0.0, 0.0, -1.0] for e in member_ends([mem]))
    s, f = strips_at(layout, r_a, r_b), faces_at(layout, r_a, r_b)
    wetted = 20.0 + 1.0 / np.cos(theta)
    assert s.length.sum() == pytest.approx(wetted, rel=1e-12)
    assert s.volume.sum() == pytest.approx(np.pi / 4 * 36.0 * wetted, rel=1e-12)
    assert np.all(s.r[:, 2] < 0) and np.allclose(s.q, rot[:, 2], rtol=0, atol=1e-15)
    assert len(f.r) == 1 and np.allclose(f.r[0], r_a[0], rtol=0, atol=1e-12)
    assert f.area_change[0] == pytest.approx(np.pi * 9.0, rel=1e-12)
    # the same layout at the undisplaced pose gives the builders' strips
    s0 = platform_strips([mem])
    np.testing.assert_array_equal(strips_at(layout, *member_ends([mem])).r, s0.r)
    assert s0.layout is not None and len(s0.layout.s_lo) == len(layout.s_lo)
