"""Tension Jacobians of both line ends (raft_sim.mooring.tension_jacobians).

SOURCE: central differences of MoorPy's own solved end tensions (``Line.TA``/``TB`` after
``staticSolve`` at perturbed poses, steps 1 mm / 1e-5 rad, free points re-solved), for the
OC3-Hywind mooring of published-figures.md 1.3 [M] (lines resting on the seabed) and the
same mooring with lines short enough to hang free of it (the suspended branch). Tolerance
1e-3 of each row's largest entry: the analytic path's error against these differences is
below 1e-3 (the steps' own truncation error), a wrong term (e.g. a missing line-weight
balance or MoorPy's cross stiffness) is 5-200 % off.
"""
from __future__ import annotations

import numpy as np
import pytest
from test_mooring import G_DECK, RHO, oc3_mooring

from raft_sim.mooring import _set_pose, _tensions, mooring_state, mooring_system

POSE = np.array([18.0, -7.0, -1.0, 0.0, 0.0, 0.0])


def _mooring(length):
    """The OC3 mooring with every line of the given length [m]."""
    m = oc3_mooring()
    lines = tuple(type(ln)(ln.name, ln.end_a, ln.end_b, ln.line_type, length) for ln in m.lines)
    return type(m)(m.water_depth, m.points, lines, m.line_types)


def _differences(ms, pose):
    h = np.array([1e-3] * 3 + [1e-5] * 3)
    jac = np.zeros((2, len(ms.lineList), 6))
    for j in range(6):
        d = np.eye(6)[j] * h[j]
        _set_pose(ms, pose + d)
        plus = np.array(_tensions(ms)[:2])
        _set_pose(ms, pose - d)
        jac[:, :, j] = (plus - np.array(_tensions(ms)[:2])) / (2 * h[j])
    _set_pose(ms, pose)
    return jac


@pytest.mark.parametrize("length, pose, resting", [
    (902.2, POSE, [True, False, True]),            # the published lines: two on the seabed
    (886.0, np.array([5.0, -2.0, -0.5, 0, 0, 0]), [False] * 3)], ids=["mixed", "suspended"])
def test_fairlead_and_anchor_jacobians_match_moorpy_differences(length, pose, resting):
    ms = mooring_system(_mooring(length), RHO, G_DECK)
    state = mooring_state(ms, pose)
    assert [line.LBot > 0 for line in ms.lineList] == resting
    fd = _differences(ms, pose)
    for ours, ref in ((state.tension_jacobian, fd[0]), (state.anchor_tension_jacobian, fd[1])):
        scale = np.abs(ref).max(axis=1, keepdims=True)
        assert np.all(np.abs(ours - ref) <= 1e-3 * scale), np.abs(ours - ref) / scale
    # physics: a line resting on a frictionless seabed pulls its anchor horizontally with the
    # fairlead's horizontal tension (constant along the line)
    on_bed = np.array(resting)
    horizontal = np.hypot(state.fairlead_force[:, 0], state.fairlead_force[:, 1])
    np.testing.assert_allclose(state.anchor_tension[on_bed], horizontal[on_bed], rtol=1e-9)


def test_anchor_tension_equals_fairlead_minus_weight_of_suspended_line():
    # SOURCE: statics of a hanging line without seabed contact: the anchor force is the
    # fairlead's horizontal force and its vertical force less the line's submerged weight.
    ms = mooring_system(_mooring(886.0), RHO, G_DECK)
    state = mooring_state(ms, np.array([5.0, -2.0, -0.5, 0, 0, 0]), with_tension_jacobian=False)
    assert not any(line.LBot > 0 for line in ms.lineList)
    for i, line in enumerate(ms.lineList):
        fair = state.fairlead_force[i]
        weight = line.type["w"] * line.L
        expected = np.hypot(np.hypot(fair[0], fair[1]), -fair[2] - weight)
        assert state.anchor_tension[i] == pytest.approx(expected, rel=1e-6)
