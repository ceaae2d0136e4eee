"""Every notebook in notebooks/ runs top to bottom (code cells executed in order, as a kernel would)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path, monkeypatch):
    # SOURCE: documentation contract -- shipped examples must run (scikit-fem style).
    import matplotlib
    matplotlib.use("Agg")
    monkeypatch.chdir(REPO)
    cells = json.loads(path.read_text())["cells"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    namespace: dict = {}
    for source in code:
        exec(compile(source, f"{path.name}", "exec"), namespace)
    import matplotlib.pyplot as plt
    plt.close("all")
    assert "results" in namespace and namespace["results"].sizes["case"] == len(namespace["design"].cases)
