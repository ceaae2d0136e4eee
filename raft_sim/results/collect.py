"""Case responses -> one labelled Dataset with derived channels."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from raft_sim.results.dataset import add_channel, results_dataset
from raft_sim.results.outputs import (nacelle_acceleration, tower_base_mean_moment,
                                      tower_base_moment)


if TYPE_CHECKING:
    import xarray


def collect_results(model, responses) -> "xarray.Dataset":
    """Dataset of all cases: motions, nacelle acceleration, tower-base moment, tensions.

    Parameters
    ----------
    model : raft_sim.model.Model
    responses : sequence of raft_sim.analysis.CaseResponse

    Returns
    -------
    xarray.Dataset
    """
    omega = model.design.settings.omega
    rao = np.stack([r.rao for r in responses])
    ds = results_dataset(
        omega, rao, np.stack([r.source_psd for r in responses]),
        np.stack([r.mean for r in responses]), source=responses[0].source,
        source_heading=np.stack([r.source_heading for r in responses]),
        converged=[r.converged for r in responses], iterations=[r.iterations for r in responses],
        attrs={"design": model.design.name, "source_file": str(model.design.source or "")})
    ds = ds.assign(error=("case", np.array([r.error for r in responses], dtype=str),
                          {"units": "1", "long_name": "why the case failed (empty if it did not)"}))
    return _add_turbine_channels(model, ds, rao, responses)


def _add_turbine_channels(model, ds, rao, responses):
    omega = model.design.settings.omega
    if model.design.turbine is not None:
        ds = add_channel(ds, "nacelle_acceleration",
                         nacelle_acceleration(rao, omega, model.nacelle_position, freq_axis=1),
                         np.zeros(len(responses)))
        tb = model.tower_base
        moment = tower_base_moment(rao, omega, tb.mass, tb.z_cg, tb.inertia, tb.z_base,
                                   model.design.site.g, freq_axis=1)
        mean = tower_base_mean_moment(np.stack([r.mean[4] for r in responses]), tb.mass,
                                      tb.z_cg, tb.z_base, model.design.site.g)
        rotor = _rotor_channels(ds, rao, responses)
        if rotor is not None:
            lever = model.design.turbine.rna.hub_height - tb.z_base  # thrust acts at the hub
            moment = moment + lever * rotor["thrust"][0]
            mean = mean + lever * rotor["thrust"][1]
        ds = add_channel(ds, "tower_base_moment", moment, mean)
        if rotor is not None:
            for name, (transfer, values) in rotor.items():
                ds = add_channel(ds, name, transfer, values)
    states = [r.equilibrium.mooring if r.equilibrium is not None else None for r in responses]
    good = next((s for s in states if s is not None and s.tension_jacobian is not None), None)
    if good is not None:
        nan_jac = np.full_like(good.tension_jacobian, np.nan)
        jac = np.stack([s.tension_jacobian if s is not None else nan_jac for s in states])
        tension = np.einsum("nfsd,nld->nfsl", rao, jac)                      # (N, F, S, L)
        mean = np.stack([s.fairlead_tension if s is not None else nan_jac[:, 0] for s in states])
        ds = add_channel(ds, "mooring_tension", tension, mean, components=list(good.line_names))
    return ds


def _rotor_channels(ds, rao, responses):
    """Rotor channels (transfer (N, F, S), mean (N,)) of all cases, or None without rotor."""
    from raft_sim.aero.loads import ROTOR_CHANNELS, rotor_channel_transfers
    if all(r.aero is None or "servo" not in r.aero.channels for r in responses):
        return None
    wind = list(ds["source"].values).index("wind")
    out = {name: (np.zeros(rao.shape[:3], complex), np.zeros(len(responses)))
           for name in ROTOR_CHANNELS}
    for i, r in enumerate(responses):
        if r.aero is None or "servo" not in r.aero.channels:
            continue
        transfers = rotor_channel_transfers(r.aero, r.rao, wind)
        for name in ROTOR_CHANNELS:
            out[name][0][i] = transfers[name]
            out[name][1][i] = r.aero.channels["means"][name]
    return out
