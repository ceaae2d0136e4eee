"""Tests of raft_sim.mooring (MoorPy wrapper) against published mooring figures.

Sources: /work/shared/reference/published-figures.md sections 1.3 (OC3-Hywind, Jonkman 2010
Table 5-1, r-test MAP++ decks [M], report Eq. 5-3 stiffness [S]) and 2.2 (OC4-DeepCwind,
Robertson et al. 2014 Table 5-1 / r-test MAP deck [M], Eq. 5-15 stiffness [S]). The
Mooring objects are built here from those published numbers, not read from RAFT files.
"""
from __future__ import annotations

import numpy as np
import pytest

from raft_sim.design.errors import DesignError
from raft_sim.design.objects import LineType, Mooring, MooringLine, MooringPoint
from raft_sim.mooring import mooring_force, mooring_state, mooring_system, set_line_current

G_DECK = 9.80665  # g used by the OpenFAST/MAP++ decks the published figures come from
RHO = 1025.0


def three_line_mooring(depth, anchor_radius, fairlead_radius, fairlead_z, headings_deg,
                       length, diameter, mass_density, ea, free_point_at=None):
    """Symmetric three-line catenary mooring; optionally each line split at a massless
    free point placed at fraction ``free_point_at`` of the straight anchor-fairlead chord."""
    pts, lines = [], []
    for i, a in enumerate(np.radians(headings_deg)):
        u = np.array([np.cos(a), np.sin(a), 0.0])
        anchor = u * anchor_radius + np.array([0, 0, -depth])
        fair = u * fairlead_radius + np.array([0, 0, fairlead_z])
        pts += [MooringPoint(f"anchor{i}", "fixed", anchor), MooringPoint(f"fair{i}", "vessel", fair)]
        if free_point_at is None:
            lines.append(MooringLine(f"line{i}", f"anchor{i}", f"fair{i}", "main", length))
        else:
            f = free_point_at
            pts.append(MooringPoint(f"mid{i}", "free", anchor + f * (fair - anchor)))
            lines += [MooringLine(f"line{i}a", f"anchor{i}", f"mid{i}", "main", f * length),
                      MooringLine(f"line{i}b", f"mid{i}", f"fair{i}", "main", (1 - f) * length)]
    return Mooring(water_depth=depth, points=tuple(pts), lines=tuple(lines),
                   line_types=(LineType("main", diameter, mass_density, ea),))


def oc3_mooring(**kw):
    """OC3-Hywind mooring, published-figures.md 1.3 [M] (r-test MAP deck)."""
    return three_line_mooring(320.0, 853.87, 5.2, -70.0, [0, 120, 240], 902.2, 0.09,
                              77.7066, 384.243e6, **kw)


def oc4_mooring(length=835.35):
    """OC4-DeepCwind mooring, published-figures.md 2.2 [M] (r-test MAP deck, L = 835.35 m)."""
    return three_line_mooring(200.0, 837.6, 40.868, -14.0, [60, 180, 300], length, 0.0766,
                              113.35, 7.536e8)


@pytest.fixture(scope="module")
def oc3_system():
    return mooring_system(oc3_mooring(), RHO, G_DECK)


def rel(a, b):
    return abs(a - b) / abs(b)


def test_oc3_fairlead_tension_matches_map(oc3_system):
    # SOURCE: published-figures.md 1.3 [M], r-test MAP++ 1.20.10 summary: H = 736,939 N,
    # V = 535,728 N, T = 911,089 N per line at rest (g = 9.80665 as in the deck).
    st = mooring_state(oc3_system)
    h = np.hypot(st.fairlead_force[:, 0], st.fairlead_force[:, 1])
    v = -st.fairlead_force[:, 2]
    assert np.all(np.abs(h / 736939 - 1) < 0.005)
    assert np.all(np.abs(v / 535728 - 1) < 0.005)
    assert np.all(np.abs(st.fairlead_tension / 911089 - 1) < 0.005)
    # anchor end of a line with 134.8 m on the seabed carries the horizontal part only
    assert np.all(np.abs(st.anchor_tension / 736939 - 1) < 0.005)
    # SOURCE: published-figures.md 1.3 [S] old RAFT test F_moor0 = -1,607 kN heave, no moment
    assert rel(st.force[2], -1607e3) < 0.005
    assert np.allclose(st.force[[0, 1, 3, 4, 5]], 0, atol=5.0)
    assert st.line_names == ("line0", "line1", "line2")


def test_oc3_stiffness_matches_report(oc3_system):
    # SOURCE: published-figures.md 1.3 [S], report Eq. 5-3 linearised stiffness (old NREL
    # RAFT test actual_C_moor0): K11 = 41,180, K33 = 11,940, K44 = K55 = 3.111e8,
    # K66 = 1.156e7, K15 = -2,821,000, K51 = -2,816,000 (N/m, N, N m/rad).
    k = mooring_state(oc3_system, with_tension_jacobian=False).stiffness
    ref = {(0, 0): 41180, (1, 1): 41180, (2, 2): 11940, (3, 3): 311.1e6, (4, 4): 311.1e6,
           (5, 5): 11.56e6, (0, 4): -2821e3, (4, 0): -2816e3, (1, 3): 2821e3, (3, 1): 2816e3}
    for (i, j), value in ref.items():
        assert rel(k[i, j], value) < 0.01, (i, j, k[i, j], value)


@pytest.mark.parametrize("length,ref", [
    # SOURCE: published-figures.md 2.2 [S], report Eq. 5-15: K11 = 7.08e4 N/m,
    # K33 = 1.91e4 N/m, K44 = K55 = 8.73e7 N m/rad; matches the 835.35 m deck [M].
    (835.35, {(0, 0): 7.08e4, (1, 1): 7.08e4, (2, 2): 1.91e4, (3, 3): 8.73e7, (4, 4): 8.73e7}),
])
def test_oc4_stiffness_matches_report(length, ref):
    ms = mooring_system(oc4_mooring(length), RHO, G_DECK)
    k = mooring_state(ms, with_tension_jacobian=False).stiffness
    for (i, j), value in ref.items():
        assert rel(k[i, j], value) < 0.01, (i, j, k[i, j], value)


@pytest.mark.parametrize("pose", [np.zeros(6), np.array([12.0, -4.0, -1.5, 0, 0, 0])])
def test_stiffness_is_derivative_of_moorpy_force(oc3_system, pose):
    # SOURCE: definition K = -dF/dx; central difference of MoorPy's own net body force.
    # (Poses have zero rotation, where Euler-angle and small-rotation derivatives agree.)
    k = mooring_state(oc3_system, pose, with_tension_jacobian=False).stiffness
    h = np.array([0.05, 0.05, 0.05, 5e-4, 5e-4, 5e-4])
    k_fd = np.zeros((6, 6))
    for j in range(6):
        d = np.eye(6)[j] * h[j]
        k_fd[:, j] = -(mooring_force(oc3_system, pose + d) - mooring_force(oc3_system, pose - d)) / (2 * h[j])
    scale = np.sqrt(np.outer(np.diag(k), np.diag(k)))
    assert np.all(np.abs(k_fd - k) <= 0.01 * scale), np.abs(k_fd - k) / scale


def test_tension_jacobian_matches_moorpy_finite_difference(oc3_system):
    # SOURCE: MoorPy's own System.getCoupledStiffness(tensions=True) (independent
    # differences, steps 0.05 m / 0.002 rad); fairleads are end B here.
    st = mooring_state(oc3_system, np.zeros(6))
    _, jac_mp = oc3_system.getCoupledStiffness(dx=0.05, dth=0.002, lines_only=True, tensions=True)
    jac_b = np.asarray(jac_mp)[3:, :]
    scale = np.max(np.abs(jac_b), axis=1, keepdims=True)
    assert np.all(np.abs(st.tension_jacobian - jac_b) <= 0.02 * scale)
    # physics: moving towards the +x anchor slackens line 0
    assert st.tension_jacobian[0, 0] < 0


def test_free_point_split_line_equals_single_line():
    # SOURCE: analytic -- a massless free point joining two halves of a uniform line
    # leaves the catenary unchanged, so force and coupled (Guyan-reduced) stiffness agree.
    one = mooring_state(mooring_system(oc3_mooring(), RHO, G_DECK), with_tension_jacobian=False)
    two = mooring_state(mooring_system(oc3_mooring(free_point_at=0.6), RHO, G_DECK),
                        with_tension_jacobian=False)
    assert rel(two.force[2], one.force[2]) < 1e-3
    for i in range(6):
        assert rel(two.stiffness[i, i], one.stiffness[i, i]) < 0.01
    # fairlead ends: the upper half of each line (end B on the vessel)
    assert np.allclose(two.fairlead_tension[1::2], one.fairlead_tension, rtol=1e-3)


def test_tension_jacobian_finite_difference_path_matches_analytic():
    # SOURCE: same analytic identity as above (split line == single line); the split
    # system uses the finite-difference path (free points re-solved), the single line the
    # analytic end-stiffness path, at a displaced pose.
    pose = np.array([8.0, 3.0, -1.0, 0.0, 0.0, 0.0])
    one = mooring_state(mooring_system(oc3_mooring(), RHO, G_DECK), pose)
    two = mooring_state(mooring_system(oc3_mooring(free_point_at=0.6), RHO, G_DECK), pose)
    jac_two = two.tension_jacobian[1::2]
    scale = np.max(np.abs(one.tension_jacobian), axis=1, keepdims=True)
    assert np.all(np.abs(jac_two - one.tension_jacobian) <= 0.01 * scale)


def test_bad_mooring_input_raises():
    good = oc3_mooring()
    bad_type = Mooring(good.water_depth, good.points,
                       (MooringLine("x", "anchor0", "fair0", "nope", 900.0),), good.line_types)
    with pytest.raises(DesignError):
        mooring_system(bad_type)
    bad_point = Mooring(good.water_depth, good.points,
                        (MooringLine("x", "anchor0", "ghost", "main", 900.0),), good.line_types)
    with pytest.raises(DesignError):
        mooring_system(bad_point)


def test_tension_above_breaking_load_warns():
    # SOURCE: published-figures.md 1.3 [M]: OC3 fairlead tension 911 kN at rest, so a
    # (hypothetical) breaking load of 500 kN must be flagged.
    from dataclasses import replace

    from raft_sim.design.errors import DesignWarning
    weak = oc3_mooring()
    weak = replace(weak, line_types=(replace(weak.line_types[0], breaking_load=5.0e5),))
    with pytest.warns(DesignWarning):
        mooring_state(mooring_system(weak, RHO, G_DECK), with_tension_jacobian=False)


def test_current_drag_on_lines():
    # SOURCE: analytic bound -- a uniform current U along +x pushes the lines downstream;
    # the net horizontal load reaching the body is positive and below the all-transverse
    # drag of every line, sum 0.5 rho Cd d L U^2 (Cd = 1.2 the LineType default).
    ms = mooring_system(oc3_mooring(), RHO, G_DECK)
    still = mooring_force(ms, np.zeros(6))
    set_line_current(ms, [1.0, 0.0, 0.0])
    wet = mooring_force(ms, np.zeros(6))
    bound = 3 * 0.5 * RHO * 1.2 * 0.09 * 902.2 * 1.0**2
    assert 0.05 * bound < wet[0] - still[0] < bound
    assert abs(wet[1]) < 1e-3 * bound  # symmetric about x
    set_line_current(ms, None)
    assert np.allclose(mooring_force(ms, np.zeros(6)), still, rtol=0, atol=1.0)


def _line_state(ms):
    """Everything a line solve leaves behind (forces, tensions, end stiffnesses, warm start)."""
    return np.concatenate([np.concatenate([[ln.HF, ln.VF, ln.TA, ln.TB], ln.fA, ln.fB,
                                           np.ravel(ln.KA), np.ravel(ln.KB), np.ravel(ln.KBA)])
                           for ln in ms.lineList] + [p.r for p in ms.pointList])


@pytest.mark.parametrize("free_point_at", [None, 0.6])
def test_initialisation_without_profiles_equals_moorpys(monkeypatch, free_point_at):
    # SOURCE: MoorPy's own System.initialize (the oracle): building with it instead of the
    # profile-free initialisation leaves every line and point in the identical state.
    import raft_sim.mooring as moor
    ours = mooring_system(oc3_mooring(free_point_at=free_point_at), RHO, G_DECK)
    monkeypatch.setattr(moor, "_initialise", lambda ms: ms.initialize())
    theirs = mooring_system(oc3_mooring(free_point_at=free_point_at), RHO, G_DECK)
    np.testing.assert_array_equal(_line_state(ours), _line_state(theirs))


@pytest.mark.parametrize("free_point_at", [None, 0.6])
def test_a_solved_pose_is_not_solved_again_and_gives_moorpys_numbers(free_point_at):
    # SOURCE: MoorPy -- its catenary (and free-point) solver starts from the last solution and
    # returns it unchanged once converged, so a forced re-solve at the same pose (the
    # oracle) gives the identical numbers that skipping it keeps.
    ms = mooring_system(oc3_mooring(free_point_at=free_point_at), RHO, G_DECK)
    pose = np.array([6.0, -2.0, -0.5, 0.01, 0.02, 0.03])
    first = mooring_force(ms, pose)
    kept = _line_state(ms)
    assert np.array_equal(ms.raft_solved_pose, pose)
    skipped = mooring_force(ms, pose)
    ms.raft_solved_pose = None  # force MoorPy to solve again
    solved = mooring_force(ms, pose)
    np.testing.assert_array_equal(first, skipped)
    np.testing.assert_array_equal(skipped, solved)
    np.testing.assert_array_equal(kept, _line_state(ms))
    set_line_current(ms, [0.5, 0.0, 0.0])  # a current makes every solve a drag update
    assert ms.raft_solved_pose is None
    mooring_force(ms, pose)
    assert ms.raft_solved_pose is not None
    before = _line_state(ms)
    mooring_force(ms, pose)
    assert not np.array_equal(before, _line_state(ms))


def test_system_copy_is_independent_and_solves_as_a_deep_copy():
    # SOURCE: copy.deepcopy of the MoorPy system (the oracle): the lighter copy, moved to a
    # pose, gives the identical state, and the original is not moved.
    import copy

    from raft_sim.mooring import system_copy
    oc3_system = mooring_system(oc3_mooring(), RHO, G_DECK)
    template = _line_state(oc3_system)
    pose = np.array([10.0, 3.0, -1.0, 0.0, 0.02, 0.05])
    light, deep = system_copy(oc3_system), copy.deepcopy(oc3_system)
    np.testing.assert_array_equal(mooring_force(light, pose), mooring_force(deep, pose))
    np.testing.assert_array_equal(_line_state(light), _line_state(deep))
    np.testing.assert_array_equal(_line_state(oc3_system), template)
    assert np.array_equal(oc3_system.raft_solved_pose, np.zeros(6))
