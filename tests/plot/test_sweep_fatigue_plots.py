"""Sweep maps and fatigue plots draw non-empty images whose content (lines, bars, cells,
labels with units, NaN gaps) matches the Dataset given. Sweeps: a synthetic Dataset with the
names of raft_sim.sweeps.combine; fatigue: raft_sim's fatigue stage on synthetic results."""
from __future__ import annotations

import numpy as np
import pytest
from figure_checks import close_figures, saved  # noqa: F401 (close_figures: an autouse fixture)
from matplotlib.collections import QuadMesh
from synthetic_results import synthetic_scatter, synthetic_sweep


@pytest.fixture(scope="module")
def sweep():
    return synthetic_sweep()


@pytest.fixture(scope="module")
def scatter():
    return synthetic_scatter()


@pytest.fixture(scope="module")
def fatigue(scatter):
    from raft_sim.plot.figures import fatigue_of
    return fatigue_of(scatter)


def _pitch_std_deg(sweep):
    """std.pitch as --rank defines it: max over cases, here recomputed in degrees."""
    return np.degrees(sweep["motion_std"].sel(dof="pitch").max("case").values)


# ---- sweeps ---------------------------------------------------------------------------

def test_sweep_metric_is_the_rank_metric_with_failed_variants_nan(sweep):
    # SOURCE: raft_sim.sweeps.rank contract (docs/sweeps.md): the metric is the max over
    # cases; a variant that is not ok is NaN (a gap), never 0.
    from raft_sim.plot.sweep import sweep_metric
    values = sweep_metric(sweep, "std.pitch")
    assert values.dims == ("mooring_lines_length", "ballast") and values.attrs["units"] == "rad"
    np.testing.assert_allclose(np.degrees(values.values), _pitch_std_deg(sweep), rtol=1e-12)
    assert np.isnan(values.values[1, 2]) and np.isfinite(values.values).sum() == 8
    one = sweep_metric(sweep, "std.pitch", case=1)
    np.testing.assert_allclose(one.values, sweep["motion_std"].sel(dof="pitch", case=1).values)
    period = sweep_metric(sweep, "natural_period.surge")
    assert period.attrs == {"units": "s", "long_name": "natural_period.surge"}  # no case dim
    assert one.attrs["long_name"] == "std.pitch, case 1"
    with pytest.raises(ValueError, match="no case dimension"):
        sweep_metric(sweep, "natural_period.surge", case=1)


def test_sweep_lines_one_line_per_second_parameter_with_gap(sweep, tmp_path):
    from raft_sim.plot.sweep import plot_sweep_lines
    ax = plot_sweep_lines(sweep, "std.pitch", x="mooring_lines_length", hue="ballast")
    saved(ax, tmp_path)
    lines = ax.get_lines()
    assert len(lines) == 3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        f"platform.members[0].rho_fill = {b:g}" for b in (1000, 1100, 1200)]
    np.testing.assert_allclose(lines[2].get_ydata(), _pitch_std_deg(sweep)[:, 2])
    assert np.isnan(lines[2].get_ydata()[1])  # the failed variant: a gap
    assert ax.get_xlabel() == "mooring.lines[*].length (scale factor) [-]"
    assert ax.get_ylabel() == "std.pitch, max over cases [deg]"


def test_sweep_lines_in_radians_and_one_dimension(sweep, tmp_path):
    from raft_sim.plot.sweep import plot_sweep_lines
    ax = plot_sweep_lines(sweep.isel(ballast=0), "std.pitch", degrees=False)
    saved(ax, tmp_path)
    assert len(ax.get_lines()) == 1 and ax.get_legend() is None
    assert ax.get_ylabel().endswith("[rad]")
    with pytest.raises(ValueError, match="ballast"):  # a third swept dim left unselected
        plot_sweep_lines(_three_dims(sweep), "std.pitch", x="mooring_lines_length", hue="extra")


def _three_dims(sweep):
    import xarray as xr
    return xr.concat([sweep, sweep], dim="extra").assign_coords(
        extra=("extra", [1.0, 2.0], {"path": "site.water_depth"}))


def test_sweep_map_one_cell_per_variant_failed_blank_and_crossed(sweep, tmp_path):
    from raft_sim.plot.sweep import plot_sweep_map
    ax = plot_sweep_map(sweep, "std.pitch")
    saved(ax, tmp_path)
    meshes = [c for c in ax.collections if isinstance(c, QuadMesh)]
    assert len(meshes) == 1
    cells = meshes[0].get_array()
    assert cells.size == 9 and int(np.ma.count_masked(cells)) == 1
    # rows: first parameter (line length) up the y axis; columns: ballast across
    np.testing.assert_allclose(np.ma.filled(cells, np.nan).reshape(3, 3), _pitch_std_deg(sweep))
    crosses = [line for line in ax.get_lines() if line.get_marker() == "x"]
    assert len(crosses) == 1 and crosses[0].get_xdata()[0] == 1200.0
    assert crosses[0].get_ydata()[0] == 1.0
    assert ax.get_xlabel() == "platform.members[0].rho_fill [as in the design file]"
    assert ax.get_ylabel() == "mooring.lines[*].length (scale factor) [-]"
    colorbar = [a for a in ax.figure.axes if a is not ax][0]
    assert colorbar.get_ylabel() == "std.pitch, max over cases [deg]"
    assert len(ax.texts) == 8  # each ok variant's value written in its cell
    assert len(ax.collections) == 1  # no contour by default on 3 x 3
    ax = plot_sweep_map(sweep, "std.pitch", contour=True, annotate=False)
    assert [type(c).__name__ for c in ax.collections] == ["QuadMesh", "QuadContourSet"]
    assert not ax.texts


def test_sweep_map_needs_two_grid_parameters(sweep):
    from raft_sim.plot.sweep import plot_sweep_map
    with pytest.raises(ValueError, match="two parameters"):
        plot_sweep_map(_zipped(sweep), "std.pitch")
    with pytest.raises(ValueError, match="select one value of each"):
        plot_sweep_map(_three_dims(sweep), "std.pitch")


def _zipped(sweep):
    """The grid's diagonal as a zipped sweep (one ``variant`` dim, a coordinate per parameter),
    in descending line length to check the sorting."""
    import xarray as xr
    idx = [2, 1, 0]
    parts = [sweep.isel(mooring_lines_length=i, ballast=i) for i in idx]
    z = xr.concat(parts, dim="variant")
    z = z.assign_coords(variant=np.arange(3))
    for name in ("mooring_lines_length", "ballast"):
        z[name].attrs = sweep[name].attrs
    z.attrs["sweep_mode"] = "zip"
    return z


def test_zipped_sweep_line_sorted_by_the_chosen_parameter(sweep, tmp_path):
    from raft_sim.plot.sweep import plot_sweep_lines
    z = _zipped(sweep)
    z["variant_status"][1] = "failed"
    ax = plot_sweep_lines(z, "std.pitch", x="ballast")
    saved(ax, tmp_path)
    (line,) = ax.get_lines()
    np.testing.assert_allclose(line.get_xdata(), [1000.0, 1100.0, 1200.0])
    diagonal = np.diag(_pitch_std_deg(sweep))
    np.testing.assert_allclose(line.get_ydata()[[0, 2]], diagonal[[0, 2]])
    assert np.isnan(line.get_ydata()[1])
    assert ax.get_xlabel() == "platform.members[0].rho_fill [as in the design file]"


def test_sweep_figure_map_and_lines(sweep, tmp_path):
    from raft_sim.design.errors import DesignError
    from raft_sim.plot.figures import default_metric, is_sweep, sweep_figure
    assert is_sweep(sweep) and default_metric(sweep) == "std.pitch"
    fig = sweep_figure(sweep)
    fig.savefig(tmp_path / "s.png", dpi=40)
    assert (tmp_path / "s.png").stat().st_size > 2000
    assert len(fig.axes) == 3  # map, its colour bar, lines
    assert "1 not ok" in fig.get_suptitle()
    assert len(sweep_figure(_zipped(sweep)).axes) == 2  # one panel per zipped parameter
    with pytest.raises(DesignError, match="--metric"):
        sweep_figure(sweep, "std.nope")
    with pytest.raises(DesignError, match="3 swept parameters"):
        sweep_figure(_three_dims(sweep))


# ---- fatigue --------------------------------------------------------------------------

def test_damage_share_bars_per_case_sum_to_100_percent(fatigue, tmp_path):
    # SOURCE: definition (docs/fatigue.md): damage_share = D_i / D_L over the cases that
    # ran, so the bars of a channel add up to 100 %; the failed case is NaN, not 0.
    from raft_sim.plot.fatigue import plot_damage_shares
    channels = ["tower_base_fore_aft", "mooring_line1_fairlead"]
    ax = plot_damage_shares(fatigue, channels)
    saved(ax, tmp_path)
    assert len(ax.containers) == 2 and all(len(c) == 5 for c in ax.containers)
    for container, name in zip(ax.containers, channels):
        heights = np.array([bar.get_height() for bar in container])
        expected = 100 * fatigue["damage_share"].sel(fatigue_method="dirlik", channel=name)
        np.testing.assert_allclose(heights, expected.values)
        assert np.nansum(heights) == pytest.approx(100.0, abs=1e-9) and np.isnan(heights[4])
    crosses = [line for line in ax.get_lines() if line.get_marker() == "x"]
    assert len(crosses) == 1 and list(crosses[0].get_xdata()) == [4.0]
    assert ax.get_ylabel() == "share of lifetime damage [%]"
    assert ax.get_xticklabels()[1].get_text() == "case 1: U 10 m/s, Hs 2 m, Tp 9 s"


def test_damage_map_sums_cases_of_one_sea_state(fatigue, scatter, tmp_path):
    from raft_sim.plot.fatigue import plot_damage_map
    ax = plot_damage_map(fatigue, "tower_base_fore_aft")
    saved(ax, tmp_path)
    (mesh,) = [c for c in ax.collections if isinstance(c, QuadMesh)]
    cells = np.ma.filled(mesh.get_array(), np.nan).reshape(3, 3)  # Hs 1, 2, 3 x Tp 7, 9, 11
    share = 100 * fatigue["damage_share"].sel(fatigue_method="dirlik",
                                              channel="tower_base_fore_aft").values
    assert cells[1, 1] == pytest.approx(share[1] + share[2])   # two wind speeds, one sea state
    assert cells[0, 0] == pytest.approx(share[0]) and cells[2, 2] == pytest.approx(share[3])
    assert np.isnan(cells[0, 1]) and np.isfinite(cells).sum() == 3  # empty cells blank
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Tp [s]", "Hs [m]")
    # the case coordinates may also come from the results (a bare fatigue Dataset)
    from raft_sim.results.fatigue_dataset import fatigue_dataset
    bare = fatigue_dataset(scatter)
    with pytest.raises(KeyError, match="cases="):
        plot_damage_map(bare, "tower_base_fore_aft")
    ax = plot_damage_map(bare, "tower_base_fore_aft", cases=scatter)
    np.testing.assert_allclose(np.ma.filled(ax.collections[0].get_array(), np.nan).reshape(3, 3),
                               cells)


def test_damage_by_wind_speed(fatigue, tmp_path):
    from raft_sim.plot.fatigue import plot_damage_by
    ax = plot_damage_by(fatigue, "mooring_line2_fairlead")
    saved(ax, tmp_path)
    (bars,) = ax.containers
    share = 100 * fatigue["damage_share"].sel(fatigue_method="dirlik",
                                              channel="mooring_line2_fairlead").values
    heights = [bar.get_height() for bar in bars]
    # 6, 10, 12 (cases 2 and 3), 18 m/s (failed only: NaN)
    np.testing.assert_allclose(heights[:3], [share[0], share[1], share[2] + share[3]])
    assert np.isnan(heights[3]) and ax.get_xlabel() == "wind speed [m/s]"


def test_case_dels_and_lifetime_del(fatigue, tmp_path):
    # SOURCE: docs/fatigue.md exposure: for one slope DEL_life^m = sum p_i DEL_i^m (here
    # over the cases that ran; slope 4 for the tower base by default).
    from raft_sim.plot.fatigue import plot_case_dels
    ax = plot_case_dels(fatigue, "tower_base_fore_aft")
    saved(ax, tmp_path)
    (bars,) = ax.containers
    dels = np.array([bar.get_height() for bar in bars])
    p = fatigue["probability"].values
    life = [line for line in ax.get_lines() if line.get_label().startswith("lifetime")][0]
    expected = (np.nansum(p[:4] * dels[:4] ** 4) / 1.0) ** 0.25
    assert life.get_ydata()[0] == pytest.approx(expected, rel=1e-9)
    assert ax.get_ylabel() == "tower_base_fore_aft DEL at N_eq = 1e+07 [N m]"


def test_fatigue_figure_rows_per_channel(fatigue, scatter):
    from raft_sim.design.errors import DesignError
    from raft_sim.plot.figures import fatigue_figure, fatigue_of
    fig = fatigue_figure(fatigue, ["tower_base_fore_aft", "mooring_line1_fairlead"])
    assert len(fig.axes) == 2 * (3 + 1)  # shares, map (+ colour bar), wind speed per row
    no_p = fatigue_of(scatter.drop_vars("probability"))
    fig = fatigue_figure(no_p)
    assert len(fig.axes) == no_p.sizes["channel"] and "no case probabilities" in fig.get_suptitle()
    with pytest.raises(DesignError, match="--channel"):
        fatigue_figure(fatigue, ["tower_top"])


def test_fatigue_of_reads_stored_fatigue_variables(scatter):
    # a results file that already holds the fatigue stage (raft-sim run -o merges it with
    # with_fatigue) is read with its settings, not recomputed with the defaults
    from raft_sim.design.objects import FatigueSettings
    from raft_sim.plot.figures import fatigue_of
    from raft_sim.results.fatigue_dataset import fatigue_dataset, with_fatigue
    settings = FatigueSettings(lifetime=25 * 365.25 * 86400.0, method="narrow_band")
    stored = with_fatigue(scatter, fatigue_dataset(scatter, settings))
    again = fatigue_of(stored)
    assert again.attrs["lifetime_years"] == pytest.approx(25.0)
    assert again.attrs["method"] == "narrow_band"
    np.testing.assert_allclose(again["DEL"].values, fatigue_dataset(scatter, settings)["DEL"].values)


def test_package_exports_the_new_functions():
    import raft_sim.plot as plot
    for name in ("plot_sweep_lines", "plot_sweep_map", "plot_damage_shares", "plot_damage_map",
                 "plot_damage_by", "plot_case_dels"):
        assert callable(getattr(plot, name))
