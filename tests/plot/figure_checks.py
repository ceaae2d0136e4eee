"""Shared by the plot tests: the Agg backend, figures closed after every test, and a drawn
figure saved and checked to be a non-empty image."""
from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    """Close every figure a test drew (imported into a test module, it applies to each test)."""
    yield
    plt.close("all")


def saved(ax, tmp_path, name="plot.png"):
    """Save the figure of ``ax`` as a PNG in ``tmp_path``; it must hold more than 2 kB."""
    path = tmp_path / name
    ax.figure.savefig(path, dpi=50)
    assert path.stat().st_size > 2000
    return path
