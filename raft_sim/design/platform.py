"""RAFT ``platform`` section -> ``Platform`` (members, potential-flow requests, extra inertia).

``potModMaster``: 0 keeps each member's ``potMod``; 1 sets all to strip theory; 2 and 3
request potential flow for all members. Potential-flow requests are recorded on the
members and the platform, and a warning says strip theory is used instead.
``additional_effects`` of type ``point_inertia`` (mass and inertia tensor at a point)
go into ``Platform.extra_mass`` about the reference point; ``mean_load`` (force and
moment [Fx, Fy, Fz, Mx, My, Mz] at a point) into ``Platform.extra_load``.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from raft_sim.design.errors import DesignError
from raft_sim.design.limits import MAX_MEMBERS, check_count
from raft_sim.design.members import MEMBER_KEYS, members_from_section
from raft_sim.design.objects import Platform
from raft_sim.design.validate import Section, item_sections

PLATFORM_KEYS = frozenset({
    "members", "potModMaster", "dlsMax", "min_freq_BEM", "dz_BEM", "da_BEM", "yaw_stiffness",
    "potFirstOrder", "hydroPath", "potSecOrder", "min_freq2nd", "max_freq2nd", "df_freq2nd",
    "qtfPath", "outFolderQTF", "additional_effects", "intersectMesh", "characteristic_length_min",
    "characteristic_length_max", "nw_BEM", "headings_BEM",
})
EFFECT_KEYS = frozenset({"type", "name", "location", "mass", "moments_of_inertia", "load",
                         "stiffness_matrix", "damping_matrix"})


def skew(r: np.ndarray) -> np.ndarray:
    """Cross-product matrix: ``skew(r) @ v == cross(r, v)``."""
    return np.array([[0.0, -r[2], r[1]], [r[2], 0.0, -r[0]], [-r[1], r[0], 0.0]])


def point_matrix_about_origin(m6: np.ndarray, r: np.ndarray) -> np.ndarray:
    """A 6x6 matrix relating loads and motions at the point ``r`` [m], moved to the reference
    point: ``H^T m6 H`` with ``H = [[I, -skew(r)], [0, I]]`` (motion of the point from the
    reference point's small motion)."""
    h = np.eye(6)
    h[:3, 3:] = -skew(r)
    return h.T @ m6 @ h


def point_inertia_matrix(mass: float, inertia: np.ndarray, r: np.ndarray) -> np.ndarray:
    """6x6 rigid-body mass matrix about the origin of a body at ``r``.

    Parameters
    ----------
    mass : float
        [kg]
    inertia : ndarray, shape (3, 3)
        Inertia tensor about the point ``r`` [kg m^2].
    r : ndarray, shape (3,)
        Position of the point relative to the reference point [m].
    """
    s = skew(r)
    m = np.zeros((6, 6))
    m[:3, :3] = mass * np.eye(3)
    m[:3, 3:] = -mass * s
    m[3:, :3] = mass * s
    m[3:, 3:] = inertia + mass * (s.T @ s)
    return m


def _matrix6(eff: Section, key: str) -> np.ndarray:
    """A 6x6 matrix given as six rows of six numbers."""
    rows = eff.sequence(key)
    values = np.array([[float(v) for v in row] for row in rows], dtype=float) \
        if all(isinstance(r, (list, tuple)) and len(r) == 6 for r in rows) and len(rows) == 6 else None
    if values is None or not np.all(np.isfinite(values)):
        raise DesignError(eff.at(key), "expected six rows of six finite numbers")
    return values


def additional_effects(sec: Section) -> dict[str, np.ndarray]:
    """Extra 6x6 mass, stiffness and damping matrices and 6-vector mean load about the
    reference point (keys ``mass``, ``stiffness``, ``damping``, ``load``)."""
    out = {"mass": np.zeros((6, 6)), "stiffness": np.zeros((6, 6)), "damping": np.zeros((6, 6)),
           "load": np.zeros(6)}
    if not sec.has("additional_effects"):
        return out
    for eff in item_sections(sec, "additional_effects", EFFECT_KEYS):
        kind = eff.string("type")
        r = eff.vector("location", 3, default=[0.0, 0.0, 0.0])
        if kind == "point_inertia":
            j = eff.vector("moments_of_inertia", 6, default=[0.0] * 6)
            if np.any(j[:3] < 0):
                raise DesignError(eff.at("moments_of_inertia"), "moments of inertia Jxx, Jyy, Jzz must be non-negative")
            tensor = np.array([[j[0], j[3], j[4]], [j[3], j[1], j[5]], [j[4], j[5], j[2]]])
            out["mass"] += point_inertia_matrix(eff.number("mass", 0.0, nonnegative=True), tensor, r)
        elif kind == "mean_load":
            f = eff.vector("load", 6)
            out["load"] += np.concatenate([f[:3], f[3:] + np.cross(r, f[:3])])
        elif kind in ("point_stiffness", "point_damping"):
            name = "stiffness" if kind == "point_stiffness" else "damping"
            out[name] += point_matrix_about_origin(_matrix6(eff, f"{name}_matrix"), r)
        else:
            raise DesignError(eff.at("type"), "expected 'point_inertia', 'mean_load', 'point_stiffness' "
                              f"or 'point_damping', got {kind!r}")
    return out


def resolved(sec: Section, key: str) -> str:
    """Path given by ``key``, made absolute relative to the design file's folder."""
    p = Path(sec.string(key))
    if not p.is_absolute() and sec.ctx.base_dir is not None:
        p = sec.ctx.base_dir / p
    return str(p)


def potential_master(sec: Section) -> bool | None:
    master = sec.integer("potModMaster", 0, choices=(0, 1, 2, 3))
    return {0: None, 1: False, 2: True, 3: True}[master]


def second_order(sec: Section) -> tuple[bool, str | None]:
    order = sec.integer("potSecOrder", 0, choices=(0, 1, 2))
    qtf = None
    if order == 2:
        if sec.has("qtfPath"):
            qtf = resolved(sec, "qtfPath")
        elif sec.has("hydroPath"):
            qtf = resolved(sec, "hydroPath") + ".12d"  # RAFT 2.0 read <hydroPath>.12d
        else:
            raise DesignError(sec.at("qtfPath"), "required key is missing (potSecOrder: 2 reads a QTF file)")
    if order:
        sec.ctx.warn(sec.at("potSecOrder"), "second-order wave loads are not modelled; mean drift and "
                     "slow-drift response are omitted")
    return order > 0, qtf


def platform_from_section(sec: Section) -> Platform:
    """Build the ``Platform`` of a checked ``platform`` section."""
    dls = sec.number("dlsMax", 5.0, positive=True)
    master = potential_master(sec)
    check_count(len(sec.sequence("members")), MAX_MEMBERS, sec.at("members"), "members")
    items = item_sections(sec, "members", MEMBER_KEYS)
    if not items:
        raise DesignError(sec.at("members"), "at least one member is required")
    members = [m for item in items for m in members_from_section(item, dls_max=dls, potential=master)]
    check_count(len(members), MAX_MEMBERS, sec.at("members"), "members (after heading copies)")
    first = sec.integer("potFirstOrder", 0, choices=(0, 1)) == 1
    hydro_path = None
    if first:
        if not sec.has("hydroPath"):
            raise DesignError(sec.at("hydroPath"), "required key is missing (potFirstOrder: 1 reads WAMIT files)")
    if sec.has("hydroPath"):
        hydro_path = resolved(sec, "hydroPath")
    second, qtf = second_order(sec)
    extra = additional_effects(sec)
    bem_df = sec.number("min_freq_BEM", 0.0, positive=True) if sec.has("min_freq_BEM") else None
    return Platform(members=tuple(members), yaw_stiffness=sec.number("yaw_stiffness", 0.0, nonnegative=True),
                    extra_mass=extra["mass"], potential_first_order=first, hydro_path=hydro_path,
                    second_order=second, extra_load=extra["load"], qtf_path=qtf,
                    extra_stiffness=extra["stiffness"], extra_damping=extra["damping"],
                    bem_min_frequency=None if bem_df is None else 2.0 * np.pi * bem_df,
                    bem_dz=sec.number("dz_BEM", 3.0, positive=True),
                    bem_da=sec.number("da_BEM", 2.0, positive=True))
