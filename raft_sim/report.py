"""Summaries of a model for people (text tables) and scripts (JSON-ready dicts).

The keys of :func:`info_dict` are a public interface (``raft-sim info --json``), documented
in ``docs/cli.md``; change them only with a CHANGELOG entry.
"""
from __future__ import annotations

import numpy as np

from raft_sim.conventions import DOFS

_STIFFNESS_UNITS = "N/m (translations), N m/rad (rotations)"


def _dof_dict(values) -> dict[str, float]:
    return {dof: float(v) + 0.0 for dof, v in zip(DOFS, values)}  # + 0.0: no "-0" in print


def _vec(values) -> list[float]:
    return [float(v) for v in np.asarray(values)]


def info_dict(model) -> dict:
    """Static properties, equilibrium and natural periods as a JSON-ready dict (SI units, rad).

    Parameters
    ----------
    model : raft_sim.model.Model

    Returns
    -------
    dict
        Keys: ``design``, ``source``, ``mass``, ``displacement``, ``waterplane``,
        ``hydrostatic_stiffness``, ``mooring``, ``equilibrium``, ``natural_periods``,
        ``unstable`` (DOFs without a finite natural period); see ``docs/cli.md``.
    """
    design, mass, hydro = model.design, model.mass, model.hydrostatics
    eq = model.equilibrium
    modes = model.natural_frequencies(eq)
    rho = design.site.rho_water
    return {
        "design": design.name,
        "source": design.source,
        "mass": {
            "total": mass.mass, "center_of_gravity": _vec(mass.cg),
            "platform": mass.platform_mass, "platform_center_of_gravity": _vec(mass.platform_cg),
            "ballast": mass.ballast_mass, "tower": mass.tower_mass, "rna": mass.rna_mass,
        },
        "displacement": {
            "volume": hydro.volume, "mass": rho * hydro.volume,
            "center_of_buoyancy": _vec(hydro.center_of_buoyancy),
        },
        "waterplane": {
            "area": hydro.waterplane_area,
            "second_moment_roll": float(hydro.waterplane_moments[0]),
            "second_moment_pitch": float(hydro.waterplane_moments[1]),
        },
        "hydrostatic_stiffness": _dof_dict(np.diag(hydro.stiffness)),
        "added_mass": _dof_dict(np.diag(model.added_mass)),
        "mooring": _mooring_dict(eq),
        "equilibrium": {
            "position": _dof_dict(eq.position), "converged": bool(eq.converged),
            "total_stiffness": _dof_dict(np.diag(eq.stiffness)),
        },
        "natural_periods": {dof: float(modes.dof_periods[dof]) for dof in DOFS},
        "unstable": [dof for dof in DOFS if not np.isfinite(modes.dof_periods[dof])],
    }


_NULL_REASONS = {"natural_periods": "no positive restoring stiffness in this mode (listed in 'unstable')"}


def info_json(info: dict) -> str:
    """:func:`info_dict` output as valid JSON: non-finite numbers are ``null``, listed in
    ``null_values`` with the reason (see docs/cli.md)."""
    from raft_sim.jsonsafe import dumps
    return dumps(info, reasons=_NULL_REASONS, indent=2)


def _mooring_dict(eq) -> dict | None:
    state = eq.mooring
    if state is None:
        return None
    return {
        "stiffness": _dof_dict(np.diag(state.stiffness)),
        "fairlead_tension": dict(zip(state.line_names, _vec(state.fairlead_tension))),
        "anchor_tension": dict(zip(state.line_names, _vec(state.anchor_tension))),
    }


def info_text(info: dict) -> str:
    """Human-readable table of :func:`info_dict` output."""
    m, disp, wp = info["mass"], info["displacement"], info["waterplane"]
    lines = [
        f"design: {info['design']}",
        "",
        f"{'total mass':<28}{m['total']:>16.6g} kg",
        f"{'centre of gravity':<28}{_xyz(m['center_of_gravity'])} m",
        f"{'platform mass':<28}{m['platform']:>16.6g} kg",
        f"{'ballast mass':<28}{m['ballast']:>16.6g} kg",
        f"{'tower / RNA mass':<28}{m['tower']:>16.6g} / {m['rna']:.6g} kg",
        f"{'displaced volume':<28}{disp['volume']:>16.6g} m^3",
        f"{'centre of buoyancy':<28}{_xyz(disp['center_of_buoyancy'])} m",
        f"{'waterplane area':<28}{wp['area']:>16.6g} m^2",
        "",
        _dof_table(info),
    ]
    if info["mooring"] is not None:
        lines += ["", f"{'line':<16}{'fairlead T [N]':>18}{'anchor T [N]':>18}"]
        moor = info["mooring"]
        for name, t in moor["fairlead_tension"].items():
            lines.append(f"{name:<16}{t:>18.6g}{moor['anchor_tension'][name]:>18.6g}")
    if not info["equilibrium"]["converged"]:
        lines.append("\nWARNING: the static equilibrium did not converge")
    return "\n".join(lines)


def _xyz(v) -> str:
    return f"{v[0]:>10.4g} {v[1]:>10.4g} {v[2]:>10.4g}"


def _dof_table(info: dict) -> str:
    moor = info["mooring"]["stiffness"] if info["mooring"] else dict.fromkeys(DOFS, 0.0)
    header = (f"{'DOF':<8}{'C_hydro':>13}{'C_moor':>13}{'A (strip)':>13}"
              f"{'offset':>16}{'period [s]':>12}")
    rows = [header]
    for dof in DOFS:
        offset = info["equilibrium"]["position"][dof]
        offset_txt = f"{np.degrees(offset):>9.4g} deg" if dof in DOFS[3:] else f"{offset:>11.4g} m"
        rows.append(f"{dof:<8}{info['hydrostatic_stiffness'][dof]:>13.4g}{moor[dof]:>13.4g}"
                    f"{info['added_mass'][dof]:>13.4g}{offset_txt:>16}"
                    f"{info['natural_periods'][dof]:>12.2f}")
    rows.append(f"(stiffness: {_STIFFNESS_UNITS}; added mass: kg, kg m^2)")
    return "\n".join(rows)


def run_text(results) -> str:
    """Statistics table per case of a results Dataset (rotations in degrees).

    Parameters
    ----------
    results : xarray.Dataset
        From :meth:`raft_sim.model.Model.analyze`.
    """
    from raft_sim.results.dataset import stats_table
    table = stats_table(results)
    blocks = []
    table = table[table["stat"] != "tz"]
    for case, rows in table.groupby("case", sort=False):
        wide = rows.pivot_table(index=["channel", "component", "unit"], columns="stat",
                                values="value", sort=False)
        wide = wide[[s for s in ("mean", "std", "max", "min") if s in wide.columns]]
        flag = "" if bool(results["converged"].sel(case=case)) else "  (drag linearisation NOT converged)"
        if "error" in results and results["error"].sel(case=case).item():
            flag = f"  FAILED: {results['error'].sel(case=case).item()}"
        label = f" ({results['case_label'].sel(case=case).item()})" if "case_label" in results.coords else ""
        blocks.append(f"case {case}{label}{flag}\n{wide.to_string(float_format=_fmt)}")
    return "\n\n".join(blocks)


def _fmt(value: float) -> str:
    return f"{value:.4g}"
