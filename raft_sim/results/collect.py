"""Case responses -> one labelled Dataset with derived channels."""
from __future__ import annotations

import numpy as np

from raft_sim.results.dataset import add_channel, results_dataset
from raft_sim.results.outputs import nacelle_acceleration, tension_response, tower_base_moment


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
    return _add_turbine_channels(model, ds, rao, responses)


def _add_turbine_channels(model, ds, rao, responses):
    omega = model.design.settings.omega
    if model.design.turbine is not None:
        hub = model.hub_position
        ds = add_channel(ds, "nacelle_acceleration",
                         nacelle_acceleration(rao, omega, hub, freq_axis=1), np.zeros(len(responses)))
        tb = model.tower_base
        moment = tower_base_moment(rao, omega, tb.mass, tb.z_cg, tb.inertia, tb.z_base,
                                   model.design.site.g, freq_axis=1)
        mean = tb.mass * model.design.site.g * (tb.z_cg - tb.z_base) * np.sin(
            np.stack([r.mean[4] for r in responses]))
        ds = add_channel(ds, "tower_base_moment", moment, mean)
    states = [r.equilibrium.mooring for r in responses]
    if states and states[0] is not None and states[0].tension_jacobian is not None:
        jac = np.stack([s.tension_jacobian for s in states])                # (N, L, 6)
        tension = np.einsum("nfsd,nld->nfsl", rao, jac)
        ds = add_channel(ds, "mooring_tension", tension,
                         np.stack([s.fairlead_tension for s in states]),
                         components=list(states[0].line_names))
    return ds
