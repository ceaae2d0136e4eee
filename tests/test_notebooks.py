"""Every notebook in notebooks/ runs top to bottom in a real Jupyter kernel started in
notebooks/, as JupyterLab starts it (nbclient + ipykernel, in the ``test`` extra)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_in_a_jupyter_kernel(path):
    # SOURCE: documentation contract (issue 10): shipped notebooks run headless through a
    # Jupyter kernel whose working directory is notebooks/, with no cell raising.
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    # the kernel imports the raft_sim of this checkout (not another installed copy)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]), "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    client.execute(env=env)
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any(o.output_type in ("display_data", "execute_result") for o in outputs)
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    if path.name in IMAGES:
        assert len(images) == IMAGES[path.name]
    text = "".join(o.get("text", "") + "".join(o.get("data", {}).get("text/plain", ""))
                   for o in outputs)
    for expected in PRINTED.get(path.name, ()):
        assert expected in text, expected


IMAGES = {
    "quickstart.ipynb": 2,       # geometry, then the four result plots
    "sweep_study.ipynb": 1,      # two sweep maps and two sweep line plots in one figure
    "fatigue_study.ipynb": 1,    # damage shares, Hs-Tp map, shares over wind speed, DELs
}
"""Images each notebook displays."""
PRINTED = {
    "sweep_study.ipynb": ("best 3 variants by std.pitch", "best 3 variants by max.mooring_tension"),
    "fatigue_study.ipynb": ("16 cases", "lifetime DEL", "tower_base_fore_aft"),
}
"""Text each notebook prints (its sweep ranking, its fatigue summary)."""
