"""Panel meshes of members (numpy only; no BEM solver needed)."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from raft_sim.hydro.hull_mesh import PanelMesh, hull_panels, member_panels
from structure.member_builders import straight_member


def _mesh(members, dz=1.0, da=1.0):
    return hull_panels(members, dz, da)


def test_surface_piercing_cylinder_closed_form():
    # SOURCE: closed form for the inscribed n-gon prism (n = 4 ceil(pi D / (4 da)) = 32 sides for
    # D = 10, da = 1): waterplane A = n/2 R^2 sin(2 pi/n), volume A T; for the open (wetted)
    # surface, int n dS = (0, 0, -A) and int z n_z dS = V (divergence theorem, lid at z = 0).
    mesh = _mesh([straight_member([0, 0, -10.0], [0, 0, 5.0], 10.0)])
    area = 16 * 25.0 * np.sin(2 * np.pi / 32)
    assert mesh.volume == pytest.approx(area * 10.0, rel=1e-12)
    assert mesh.normals_area.sum(axis=0) == pytest.approx([0.0, 0.0, -area], abs=1e-9)
    assert mesh.vertices[:, 2].max() == pytest.approx(0.0, abs=1e-12)
    side = np.abs(mesh.centers[:, 2] + 5.0) < 0.6
    assert np.all(np.einsum("ij,ij->i", mesh.normals_area[side, :2], mesh.centers[side, :2]) > 0)  # outward


def test_rectangular_and_tapered_volumes():
    # SOURCE: closed forms: box 6 x 4 x 10 (submerged) = 240 m^3; horizontal box 20 long = 480 m^3;
    # frustum of square sections 4 -> 2 over 10 m: h/3 (A1 + A2 + sqrt(A1 A2)) = 10/3 (16 + 4 + 8).
    box = straight_member([0, 0, -10.0], [0, 0, 5.0], [6.0, 4.0], shape="rectangular")
    pontoon = straight_member([0, 0, -10.0], [20, 0, -10.0], [6.0, 4.0], shape="rectangular")
    taper = dataclasses.replace(straight_member([0, 0, -10.0], [0, 0, 0.0], [4.0, 4.0], shape="rectangular"),
                                diameter=np.array([[4.0, 4.0], [2.0, 2.0]]))
    assert _mesh([box]).volume == pytest.approx(240.0, rel=1e-12)
    assert _mesh([pontoon]).volume == pytest.approx(480.0, rel=1e-12)
    assert _mesh([taper]).volume == pytest.approx(10.0 / 3.0 * 28.0, rel=1e-3)  # vertex-mean centres of trapezoids


def test_stepped_column_panels_and_sizes():
    # SOURCE: OC4 offset column geometry (RAFT OC4semi.yaml: base D 24 from -20 to -14, column D 12
    # to +12): volume of the two stacked n-gon prisms (n = 52 from the base); no panel edge
    # longer than dz = da = 1.5 m.
    col = dataclasses.replace(straight_member([0, 0, -20.0], [0, 0, 12.0], 24.0, stations=[0, 6, 6, 32]),
                              diameter=np.array([24.0, 24.0, 12.0, 12.0]))
    mesh = _mesh([col], 1.5, 1.5)
    n = 4 * int(np.ceil(np.pi * 24 / 1.5 / 4))
    poly = lambda r: n / 2 * r**2 * np.sin(2 * np.pi / n)  # noqa: E731
    assert mesh.volume == pytest.approx(poly(12.0) * 6 + poly(6.0) * 14, rel=1e-12)
    edges = np.linalg.norm(np.diff(mesh.vertices[mesh.faces][:, [0, 1, 2, 3, 0]], axis=1), axis=-1)
    assert edges.max() <= 1.5 + 1e-9


def test_intersections_drop_inner_and_doubled_panels():
    # SOURCE: construction rule (module docstring): a column standing on a box, flush bottoms at
    # z = -10. No kept panel lies inside the other member; the coincident bottom faces are kept
    # once, so int z n_z dS gives the volume of the union, 20 x 8 x 4 + polygon area x 6 m, to
    # within the seams' panel-sized gaps (1 %).
    box = straight_member([-10, 0, -8.0], [10, 0, -8.0], [8.0, 4.0], shape="rectangular")   # 8 wide, z -10..-6
    col = straight_member([0, 0, -10.0], [0, 0, 5.0], 4.0)
    mesh = _mesh([box, col], 0.5, 0.5)
    n = 4 * int(np.ceil(np.pi * 4 / 0.5 / 4))
    col_area = n / 2 * 4.0 * np.sin(2 * np.pi / n)
    union = 20 * 8 * 4 + col_area * 6.0
    assert mesh.volume == pytest.approx(union, rel=0.01)
    from raft_sim.hydro.hull_mesh import _inside
    assert not np.any(_inside(col, mesh.centers[mesh.member == 0]))
    assert not np.any(_inside(box, mesh.centers[mesh.member == 1]))


def test_volturnus_mesh_is_symmetric_in_y():
    # SOURCE: the VolturnUS-S hull (columns at 60, 180, 300 deg) is its own mirror image in y;
    # the mesh must be too, so Capytaine can solve on half of it.
    import raft_sim
    from conftest import DESIGNS
    from raft_sim.hydro.capytaine_bem import symmetric_half

    d = raft_sim.load_design(DESIGNS / "VolturnUS-S_IEA15MW.yaml")
    mesh = _mesh([m for m in d.platform.members], 4.0, 4.0)
    half = symmetric_half(mesh)
    assert half is not None and 2 * half.sum() == len(mesh.faces)
    shifted = PanelMesh(mesh.vertices + [0.0, 0.3, 0.0], mesh.faces, mesh.member)
    assert symmetric_half(shifted) is None


def test_member_across_the_symmetry_plane_is_cut_there():
    # SOURCE: construction rule (module docstring): a ring where the axis crosses y = 0, so the
    # OC4 hull (its delta pontoons run across y = 0 at x = 14.4 m) meshes as its own mirror image at
    # panel sizes whose axial division would otherwise put a panel centre on the plane (4 m here).
    import raft_sim
    from conftest import DESIGNS
    from raft_sim.hydro.capytaine_bem import symmetric_half

    pontoon = straight_member([14.4, -12.5, -17.0], [14.4, 12.5, -17.0], 1.6)
    assert not np.any(np.abs(_mesh([pontoon], 4.0, 4.0).centers[:, 1]) < 1e-9)
    mesh = _mesh(raft_sim.load_design(DESIGNS / "OC4-DeepCwind_NREL5MW.yaml").platform.members, 4.0, 4.0)
    assert symmetric_half(mesh) is not None


def test_struts_above_water_give_no_panels():
    # SOURCE: only the wetted surface is meshed (VolturnUS-S struts at z = 14.5 m).
    v, f = member_panels(straight_member([0, 0, 14.5], [40, 0, 14.5], 0.91))
    assert len(f) == 0
