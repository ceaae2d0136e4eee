"""OC3-Hywind with the NREL 5 MW rotor operating in wind, waves and current, against RAFT.

SOURCE: raft/test-expected/OC3spar_true_analyzeCases.json, case 1 of
raft/test-inputs/OC3spar.yaml: 10 m/s wind towards 30 deg, no turbulence, aeroServoMod 1
(aerodynamics, constant rotor speed), JONSWAP Hs 6 m Tp 12 s towards 0 deg, current 1 m/s
towards 15 deg. RAFT's rotations are in degrees.

Means: RAFT and raft_sim agree (issue acceptance 3 %).

Standard deviations: RAFT's case-1 surge/pitch std (0.709 m, 0.363 deg) are 22 % below its
own wave-only case 0 (0.910 m, 0.463 deg), with 10.9 deg of yaw std. This is an artefact of
RAFT's conventions acting together (numbers from this file's data and from the tests):

1. Gyroscopic moment of the rotor, ``B_gyro = getH(I_drivetrain Omega q)``
   (raft_fowt.calcTurbineConstants), with the input's ``I_drivetrain = 318,628,138 kg m^2``:
   the IEA 15 MW value, which the input file itself flags "<<< not correct! <<<". The
   NREL 5 MW spins 35,444,067 kg m^2 (hub 115,926 + 3 x 11,776,047, NREL/TP-500-38060; the
   input's IxRNA). With Omega = 1.20 rad/s, RAFT's |h| = 3.8e8 N m s couples pitch/roll with
   yaw 9x too strongly. raft_sim applies the same gyroscopic term (raft_sim.aero.gyroscopic,
   spin inertia = I_drivetrain, as the format defines it), so we share this convention but
   not the wrong number: the physical check below uses the NREL 5 MW rotor inertia.
2. RAFT's dynamic stiffness omits the OC3 yaw spring (98.34e6 N m/rad, platform
   ``yaw_stiffness``): solveDynamics uses ``fowt.C_moor`` (MoorPy only); the spring is only in
   its eigen-analysis. Yaw stiffness 2.2e7 instead of 1.20e8 N m/rad.
3. RAFT builds mass, strip added mass and the gravity stiffness at the undisplaced pose, so
   with the spar tilted 3.7 deg its yaw inertia stays 1.18e8 kg m^2 (ours at the mean pose:
   3.5e8, the tilted strips' added mass).
4. RAFT linearises the strip drag without the current (raft_sim includes the mean current).

With 2-4 RAFT's yaw mode falls to about 0.47 rad/s, in the wave band, with almost no damping
(a spar has no yaw drag); through the strong gyroscopic coupling of 1 it acts as a tuned
absorber: RAFT's pitch spectrum has a notch at 0.44 rad/s (0.013 deg^2 s against 0.78 in its
case 0), its surge spectrum drops to a fifth there, and the energy appears as yaw (936 deg^2 s
peak at 0.47 rad/s). tests/reference/test_raft_preset.py runs this input with
``settings.conventions: raft`` (these and every other RAFT convention, docs/raft-parity.md) and
recovers RAFT's means and stds of all six motions within 2 % (0.4 % when written), which pins
the cause. ``test_oc3_case1_std_away_from_raft_yaw_resonance`` is the physical
check: with the NREL 5 MW rotor inertia, it compares the spectra above RAFT's yaw resonance
(omega >= 0.565 rad/s), where RAFT's case 1 follows its case 0.

Note for users of RAFT's OC3spar.yaml as is: with its I_drivetrain, raft_sim's own yaw mode
(0.69 rad/s) is coupled 9x too strongly as well (yaw std 3.2 deg, surge/pitch std 0.865 m /
0.432 deg instead of 0.911 m / 0.462 deg and 0.46 deg of yaw with the right inertia).
"""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from conftest import RAFT_REF, load_expected, needs_shared

ROTATIONS = ("roll", "pitch", "yaw")
BAND_LOW = 0.565  # [rad/s] first RAFT bin (0.18 x pi) above its yaw resonance notch
NREL5MW_SPIN_INERTIA = 115926.0 + 3 * 11776047.0  # [kg m^2] hub + 3 blades, NREL/TP-500-38060


def _to_raft_units(value, dof):
    return value * (180.0 / np.pi) if dof in ROTATIONS else value


def _raft_case1():
    return load_expected("OC3spar_true_analyzeCases.json")["case_metrics"]["1"]["0"]


def _model():
    import raft_sim
    return raft_sim.Model(raft_sim.load_design(RAFT_REF / "test-inputs" / "OC3spar.yaml"))


def _std(ds, dof):
    return _to_raft_units(float(ds["motion_std"].sel(dof=dof).values[0]), dof)


def _psd(ds, dof):
    """One-sided spectrum in RAFT's units (m^2 s/rad, deg^2 s/rad), shape (F,)."""
    return _to_raft_units(_to_raft_units(ds["psd"].sel(dof=dof).values[0], dof), dof)


@pytest.fixture(scope="module")
def oc3_case1():
    """Case 1 with the input as is (means) and with the NREL 5 MW rotor's spin inertia in
    place of the input's wrong I_drivetrain (std; module docstring, item 1)."""
    import raft_sim
    model = _model()
    design = model.design
    rotor = dataclasses.replace(design.turbine.rotor, drivetrain_inertia=NREL5MW_SPIN_INERTIA)
    fixed = dataclasses.replace(design, turbine=dataclasses.replace(design.turbine, rotor=rotor))
    return (model.analyze(design.cases[1:2]), raft_sim.Model(fixed).analyze(fixed.cases[1:2]),
            _raft_case1())


@needs_shared
def test_oc3_case1_mean_offsets_within_3_percent(oc3_case1):
    # SOURCE: OC3spar_true_analyzeCases.json case 1 surge/sway/pitch _avg; issue acceptance 3 %
    # (ours +1.3 %, -0.6 %, +2.1 % when written).
    ds, _, raft = oc3_case1
    for dof in ("surge", "sway", "pitch"):
        ours = _to_raft_units(float(ds["motion_mean"].sel(dof=dof).values[0]), dof)
        assert ours == pytest.approx(raft[f"{dof}_avg"], rel=0.03), dof
    assert ds["converged"].values[0]


@needs_shared
def test_oc3_case1_std_away_from_raft_yaw_resonance(oc3_case1):
    # SOURCE: OC3spar_true_analyzeCases.json case 1 surge/pitch _PSD, integrated over the bins
    # omega >= 0.565 rad/s (issue acceptance 5 %); NREL 5 MW rotor inertia (module docstring).
    # RAFT's full-band std is lowered by its yaw-absorber artefact in 0.31-0.53 rad/s; above,
    # RAFT's case 1 follows its case 0. Ours: surge +0.3 %, pitch -3.2 % when written (full
    # band 0.911 m / 0.462 deg against RAFT's 0.709 m / 0.363 deg: the artefact).
    _, ds, raft = oc3_case1
    omega = ds["omega"].values
    band = omega >= BAND_LOW - 1e-9
    d_omega = omega[0]
    for dof in ("surge", "pitch"):
        ref = np.asarray(raft[f"{dof}_PSD"])
        std_ours = np.sqrt(np.sum(_psd(ds, dof)[band]) * d_omega)
        std_raft = np.sqrt(np.sum(ref[band]) * d_omega)
        assert std_ours == pytest.approx(std_raft, rel=0.05), dof
