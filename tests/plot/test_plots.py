"""Every plot function draws a non-empty image whose content (lines, patches, labels with
units) matches what it was given. Results are small synthetic Datasets built with the
project's own Dataset constructors; geometry uses the shipped OC3 design at its mean pose."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from figure_checks import close_figures, saved  # noqa: F401 (close_figures: an autouse fixture)
from matplotlib.patches import Polygon
from synthetic_results import synthetic_results

from raft_sim.conventions import DOFS

REPO = Path(__file__).resolve().parents[2]
OC3 = REPO / "designs" / "OC3-Hywind_NREL5MW.yaml"


@pytest.fixture(scope="module")
def results():
    return synthetic_results()


@pytest.fixture(scope="module")
def oc3():
    from raft_sim.design.load import load_design
    from raft_sim.model import Model
    from raft_sim.plot.figures import mean_pose
    design = load_design(OC3)
    pose, lines = mean_pose(Model(design))
    return design, pose, lines


def _labelled_lines(ax):
    return [line for line in ax.get_lines() if not line.get_label().startswith("_")]


def test_rao_one_line_per_case_and_source_spectrum_on_twin_axis(results, tmp_path):
    # SOURCE: the Dataset given (|rao| of pitch in deg per m of wave, the wave spectrum).
    from raft_sim.plot.responses import plot_rao
    ax = plot_rao(results, "pitch")
    saved(ax, tmp_path)
    assert len(_labelled_lines(ax)) == 2
    assert ax.get_xlabel() == "omega [rad/s]" and ax.get_ylabel() == "|pitch RAO| [deg/m]"
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(),
                               np.degrees(np.abs(results["rao"].sel(case=1, dof="pitch",
                                                                    source="wave_1"))))
    twin = [a for a in ax.figure.axes if a is not ax][0]
    assert "m^2 s/rad" in twin.get_ylabel() and len(twin.get_lines()) == 2
    np.testing.assert_allclose(twin.get_lines()[0].get_ydata(),
                               results["source_psd"].sel(case=0, source="wave_1"))


def test_rao_of_wind_source_is_per_metre_per_second(results, tmp_path):
    from raft_sim.plot.responses import plot_rao
    ax = plot_rao(results, "surge", source="wind", spectrum=False)
    saved(ax, tmp_path)
    assert ax.get_ylabel() == "|surge RAO| [m/(m/s)]" and len(ax.figure.axes) == 1


def test_psd_rotations_in_deg_squared(results, tmp_path):
    # SOURCE: unit conversion (deg^2 = rad^2 (180/pi)^2).
    from raft_sim.plot.responses import plot_psd
    ax = plot_psd(results, "roll", cases=[1])
    saved(ax, tmp_path)
    assert ax.get_ylabel() == "roll PSD [deg^2 s/rad]" and len(_labelled_lines(ax)) == 1
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(),
                               np.degrees(1.0) ** 2 * results["psd"].sel(case=1, dof="roll"))


def test_channel_rao_and_psd_carry_channel_units(results, tmp_path):
    from raft_sim.plot.responses import plot_channel_psd, plot_channel_rao
    ax = plot_channel_rao(results, "mooring_tension", component="line2")
    saved(ax, tmp_path)
    assert "mooring line tension line2" in ax.get_ylabel() and "[N/m]" in ax.get_ylabel()
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), np.abs(
        results["mooring_tension_rao"].sel(case=0, source="wave_1", line="line2")))
    ax = plot_channel_psd(results, "tower_base_moment")
    saved(ax, tmp_path, "psd.png")
    assert ax.get_ylabel().endswith("PSD [(N m)^2 s/rad]") and len(_labelled_lines(ax)) == 2


def test_rotor_speed_is_drawn_in_rpm_as_the_tables_print_it(results, tmp_path):
    # SOURCE: brief (degrees and Hz only at the edges: tables, plots) and
    # results.dataset.EDGE_UNITS (printed tables: rad/s as rpm); 1 rad/s = 30/pi rpm.
    from raft_sim.plot.responses import plot_channel_rao
    from raft_sim.plot.statistics import plot_statistics
    from raft_sim.results.dataset import add_channel
    ds = add_channel(results, "rotor_speed", results["rao"].values[..., 4] * 0.1, [0.7, 0.8])
    ax = plot_channel_rao(ds, "rotor_speed", source="wind")
    saved(ax, tmp_path)
    assert "[rpm/(m/s)]" in ax.get_ylabel()
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), 30.0 / np.pi * np.abs(
        ds["rotor_speed_rao"].sel(case=0, source="wind")))
    ax = plot_statistics(ds, "rotor_speed")
    assert ax.get_ylabel().endswith("[rpm]")
    np.testing.assert_allclose(ax.containers[0].lines[0].get_ydata(), 30.0 / np.pi * np.array([0.7, 0.8]))
    ax = plot_channel_rao(ds, "rotor_speed", source="wind", degrees=False)
    assert "[rad/s/(m/s)]" in ax.get_ylabel()


def _stat(results, channel, stat):
    return next(v for v in results.data_vars.values()
                if v.attrs.get("channel") == channel and v.attrs.get("stat") == stat)


def test_statistics_found_by_attrs_not_names(results, tmp_path):
    # SOURCE: raft_sim.results.dataset contract: statistics carry `stat` and `channel` attrs;
    # renamed variables must still be found.
    from raft_sim.plot.statistics import plot_statistics
    renamed = results.rename({name: f"renamed_{k}" for k, (name, v) in enumerate(
        results.data_vars.items()) if v.attrs.get("channel") == "dof" and "stat" in v.attrs})
    ax = plot_statistics(renamed, "dof", "pitch")
    saved(ax, tmp_path)
    assert len(ax.containers) == 1 and ax.get_ylabel() == "pitch [deg]"
    mean = ax.containers[0].lines[0].get_ydata()
    np.testing.assert_allclose(mean, np.degrees(_stat(results, "dof", "mean").sel(dof="pitch")))
    markers = {line.get_label(): line.get_ydata() for line in _labelled_lines(ax)}
    np.testing.assert_allclose(markers["expected max"],
                               np.degrees(_stat(results, "dof", "max").sel(dof="pitch")))
    assert [t.get_text() for t in ax.get_xticklabels()] == ["case 0", "case 1"]


def test_case_labels_use_the_case_coordinates(results):
    from raft_sim.plot.style import case_labels
    with_coords = results.assign_coords(wind_speed=("case", [0.0, 11.0]),
                                        wave_height=("case", [6.0, 2.5]),
                                        wave_period=("case", [10.0, 9.0]))
    assert case_labels(with_coords) == ["case 0: Hs 6 m, Tp 10 s",
                                        "case 1: U 11 m/s, Hs 2.5 m, Tp 9 s"]


def test_statistics_of_a_channel_with_components(results, tmp_path):
    from raft_sim.plot.statistics import plot_statistics
    ax = plot_statistics(results, "mooring_tension")
    saved(ax, tmp_path)
    assert len(ax.containers) == 3 and ax.get_ylabel() == "mooring line tension [N]"
    with pytest.raises(KeyError, match="line9"):
        plot_statistics(results, "mooring_tension", "line9")
    with pytest.raises(KeyError, match="channels: dof"):
        plot_statistics(results, "nope")


def test_energy_band_of_a_uniform_spectrum():
    # SOURCE: closed form: a flat spectrum on 1..100 holds 90 % of its variance in 6..95.
    from raft_sim.plot.periods import energy_band
    omega = np.arange(1.0, 101.0)
    assert energy_band(omega, np.ones_like(omega)) == (5.0, 95.0)
    assert np.isnan(energy_band(omega, np.zeros_like(omega))[0])


def test_natural_periods_over_case_bands(results, tmp_path):
    from raft_sim.plot.periods import plot_natural_periods
    periods = {"surge": 120.0, "heave": 30.0, "pitch": 29.0, "yaw": np.inf}
    ax = plot_natural_periods(periods, results)
    saved(ax, tmp_path)
    vertical = [line for line in ax.get_lines() if len(set(line.get_xdata())) == 1]
    assert sorted(line.get_xdata()[0] for line in vertical) == [29.0, 30.0, 120.0]
    assert len(_labelled_lines(ax)) == 2 and len(ax.patches) == 2  # one band per case
    assert ax.get_xlabel() == "period [s]" and "[m^2 s/rad]" in ax.get_ylabel()


def test_mooring_line_shapes_run_from_anchor_to_fairlead(oc3):
    # SOURCE: OC3 mooring (NREL/TP-500-47535 Table 5-1 via published-figures.md 1.3 [M]):
    # anchors at radius 853.87 m and 320 m depth, fairleads at 5.2 m radius, 70 m depth.
    design, pose, lines = oc3
    assert len(lines) == 3
    for line in lines:
        assert np.hypot(*line[0, :2]) == pytest.approx(853.87, abs=0.01)
        assert line[0, 2] == pytest.approx(-320.0, abs=0.01)
        assert np.hypot(*line[-1, :2]) == pytest.approx(5.2, abs=0.2)
        assert line[-1, 2] == pytest.approx(-70.0 + pose[2], abs=0.1)
        assert line[:, 2].min() >= -320.0 - 1e-6


def test_member_rings_have_the_member_diameters(oc3):
    # SOURCE: OC3 spar geometry (published-figures.md 1.1 [M]): 9.4 m below the taper, 6.5 m above.
    from raft_sim.plot.geometry import member_rings
    design, _, _ = oc3
    rings = member_rings(design.platform.members[0])
    radius = np.hypot(rings[..., 0], rings[..., 1])
    np.testing.assert_allclose(radius[0], 4.7, atol=1e-9)
    np.testing.assert_allclose(radius[-1], 3.25, atol=1e-9)


def test_geometry_3d_draws_members_rotor_and_lines(oc3, tmp_path):
    from mpl_toolkits.mplot3d.art3d import Poly3DCollection

    from raft_sim.plot.geometry import plot_geometry_3d
    design, pose, lines = oc3
    ax = plot_geometry_3d(design, pose, lines)
    saved(ax, tmp_path)
    n_members = len(design.platform.members) + len(design.turbine.tower)
    surfaces = [c for c in ax.collections if isinstance(c, Poly3DCollection)]
    assert len(surfaces) == n_members + 1  # + rotor disc
    assert len(ax.get_lines()) == 3
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_zlabel()) == ("x [m]", "y [m]", "z [m]")
    assert -400.0 < ax.get_zlim()[0] < -320.0  # sea bed (320 m) in view; margin 3 % of 1479 m


def test_side_and_top_views(oc3, tmp_path):
    # SOURCE: OC3 geometry: draft 120 m, hub 90 m, rotor radius 63 m (NREL 5 MW).
    from raft_sim.plot.geometry import plot_side_view, plot_top_view
    design, pose, lines = oc3
    ax = plot_side_view(design, pose, lines, extent="structure")
    saved(ax, tmp_path)
    polygons = [p for p in ax.patches if isinstance(p, Polygon)]
    sections = sum(len(m.stations) - 1 for m in design.platform.members + design.turbine.tower)
    assert len(polygons) == sections + 1
    z = np.concatenate([p.get_xy()[:, 1] for p in polygons])
    assert z.min() == pytest.approx(-120.0 + pose[2], abs=0.5)
    assert z.max() == pytest.approx(90.0 + 63.0, abs=0.5)
    assert ax.get_xlabel() == "x [m]" and ax.get_ylabel() == "z [m]"
    assert len(ax.get_lines()) == 3 + 2  # mooring lines, still-water line, sea bed
    ax = plot_top_view(design, pose, lines)
    saved(ax, tmp_path, "top.png")
    assert ax.get_ylabel() == "y [m]" and len(ax.get_lines()) == 3
    with pytest.raises(ValueError, match="view"):
        from raft_sim.plot.geometry import plot_projection
        plot_projection(design, "front")


def test_overview_and_statistics_figures(results, tmp_path):
    from raft_sim.plot.figures import (channels_figure, periods_figure, response_overview,
                                       statistics_figure)
    fig = response_overview(results, ("pitch",))
    fig.savefig(tmp_path / "o.png", dpi=30)
    assert (tmp_path / "o.png").stat().st_size > 2000
    assert len(fig.axes) == 2 * 2  # (RAO, PSD), each with its spectrum twin
    fig = statistics_figure(results, DOFS[:2])
    assert sum(ax.get_visible() for ax in fig.axes) == 2 + 2  # 2 DOFs + 2 channels
    fig = channels_figure(results)
    assert len(fig.axes) == 2 * 2 * 2  # 2 channels x (RAO, PSD), each with its spectrum twin
    fig = periods_figure({"heave": 20.0}, results)
    assert len(fig.axes[0].patches) == 2


def test_package_exports_every_plot_function_lazily():
    import raft_sim.plot as plot
    for name in plot.__all__:
        assert callable(getattr(plot, name)) and name.startswith("plot_")
    with pytest.raises(AttributeError):
        plot.nope  # noqa: B018
