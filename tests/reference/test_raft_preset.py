"""``settings.conventions: raft`` against RAFT's own expected results (issue 7 acceptance).

SOURCE: raft/test-expected/<name>_true_analyzeCases.json, RAFT 2.0 on raft/test-inputs/<name>.yaml,
case 0 (JSONSWAP Hs 6 m Tp 12 s, no wind) and case 1 (10 m/s towards 30 deg, aeroServoMod 1,
current 1 m/s towards 15 deg). With the ``raft`` preset (every convention of RAFT 2.0.4 listed in
docs/raft-parity.md) the mean and std of all six motions agree within 2 %, with the absolute floors
that RAFT's numerics need (docs/raft-parity.md "Absolute floor"): 1e-5 (m or deg) for std and
rotation means, RAFT's statics tolerance 0.05 m for translation means.

Files not compared, because they switch on physics raft_sim does not have (docs/raft-parity.md,
measured in RAFT itself): VolturnUS-S and VolturnUS-S-pointInertia (second-order slender-body loads,
potSecOrder 1), VolturnUS-S-flexible (beam members), OC4semi-WAMIT_Coefs (WAMIT excitation file not
shipped), the farm files (arrays). VolturnUS-S-moorMod2's lumped-mass mooring changes RAFT's motions
by at most 1.5 %, so it is compared with raft_sim's quasi-static mooring.
"""
from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pytest
from conftest import RAFT_REF, load_expected, needs_shared

DOFS = ("surge", "sway", "heave", "roll", "pitch", "yaw")
ROTATIONS = ("roll", "pitch", "yaw")


def _raft_run(name):
    import raft_sim
    from raft_sim.design.objects import conventions_preset
    design = raft_sim.load_design(RAFT_REF / "test-inputs" / f"{name}.yaml")
    settings = dataclasses.replace(design.settings, conventions=conventions_preset("raft"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return raft_sim.Model(dataclasses.replace(design, settings=settings)).analyze()


@needs_shared
@pytest.mark.parametrize("name", ["OC3spar", "VolturnUS-S-moorMod2"])
def test_raft_preset_reproduces_raft_means_and_stds(name):
    ds = _raft_run(name)
    expected = load_expected(f"{name}_true_analyzeCases.json")["case_metrics"]
    for case in (0, 1):
        raft = expected[str(case)]["0"]
        assert not ds["error"].values[case] and ds["converged"].values[case]
        for dof in DOFS:
            factor = 180.0 / np.pi if dof in ROTATIONS else 1.0
            for stat, key in (("mean", "avg"), ("std", "std")):
                ours = float(ds[f"motion_{stat}"].sel(case=case, dof=dof)) * factor
                ref = float(raft[f"{dof}_{key}"])
                floor = 0.05 if stat == "mean" and dof not in ROTATIONS else 1e-5
                tol = max(0.02 * abs(ref), floor)
                assert abs(ours - ref) <= tol, (case, dof, stat, ours, ref)
