"""Run the fuzz corpus in one process and print a JSON summary (run by test_fuzz.py in a
subprocess bounded by a timeout and an address-space limit).

Outcomes per mutation: ``refused`` (one printable line, a DesignError), ``accepted``
(loaded, sanity checked), ``analysed`` (accepted, sane, run: finite results or a flagged
failed case), ``insane`` (accepted by the loader, refused by a sanity error) or
``FAIL: ...`` (anything else: another exception, a multi-line or unprintable message,
non-finite results without a flag, a CLI traceback or a wrong exit code).
"""
from __future__ import annotations

import contextlib
import io
import json
import shutil
import sys
import tempfile
import warnings
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzz_mutations import DESIGNS, all_mutations  # noqa: E402

from raft_sim import cli  # noqa: E402
from raft_sim.design.errors import DesignError  # noqa: E402
from raft_sim.design.load import design_from_dict, load_design  # noqa: E402

MAX_ANALYSED = 15  # accepted tiny designs run through the whole analysis
MAX_CLI = 40  # text mutations also run through raft_sim.cli.main(["check", ...])


def message_ok(text: str) -> bool:
    return bool(text) and "\n" not in text and text.isprintable() and len(text) < 600


def load(kind: str, payload, folder: Path):
    if kind == "dict":
        return design_from_dict(payload, base_dir=folder)
    path = folder / "mutated.yaml"
    path.write_bytes(payload.encode("utf-8", errors="surrogatepass"))
    return load_design(path)


def sanity(design):
    from raft_sim.model import Model
    from raft_sim.structure.sanity import case_findings, design_findings, errors
    model = Model(design)
    findings = design_findings(design, model.mass, model.hydrostatics)
    findings += tuple(f for c in design.cases for f in case_findings(design, c))
    for f in findings:
        if not message_ok(str(f)):
            raise AssertionError(f"unprintable finding {str(f)!r}")
    return model, errors(findings)


def finite_or_flagged(model) -> str:
    results = model.analyze()
    for i in range(results.sizes["case"]):
        error = str(results["error"].isel(case=i).item() or "")
        std = np.asarray(results["motion_std"].isel(case=i).values, dtype=float)
        if not error and not np.all(np.isfinite(std)):
            return "FAIL: non-finite results without a flagged failure"
        if error and bool(results["converged"].isel(case=i)):
            return "FAIL: failed case reported as converged"
    return "analysed"


def outcome(category: str, description: str, kind: str, payload, folder: Path, budget: Counter) -> str:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            design = load(kind, payload, folder)
        except DesignError as err:
            return "refused" if message_ok(str(err)) else f"FAIL: message {str(err)[:200]!r}"
        except Exception as err:  # noqa: BLE001 -- the point of the fuzzing
            return f"FAIL: {type(err).__name__}: {str(err)[:200]}"
        bad = [str(w.message) for w in caught if not message_ok(str(w.message))]
        if bad:
            return f"FAIL: warning {bad[0][:200]!r}"
        try:
            model, errors = sanity(design)
        except DesignError as err:  # refused while preparing (e.g. polars the BEM cannot use)
            return "insane" if message_ok(str(err)) else f"FAIL: message {str(err)[:200]!r}"
        except Exception as err:  # noqa: BLE001
            return f"FAIL: sanity {type(err).__name__}: {str(err)[:200]}"
        if errors:
            return "insane"
        if description.startswith(("tiny:", "tiny+turbine:")) and budget["analysed"] < MAX_ANALYSED \
                and design.cases and len(design.settings.omega) <= 200:
            budget["analysed"] += 1
            try:
                return finite_or_flagged(model)
            except Exception as err:  # noqa: BLE001
                return f"FAIL: analysis {type(err).__name__}: {str(err)[:200]}"
        return "accepted"


def cli_outcome(text: str, folder: Path) -> str:
    path = folder / "cli.yaml"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        code = cli.main(["check", str(path)])
    lines = err.getvalue().splitlines()
    errors = [line for line in lines if line.startswith("error:")]
    if "Traceback" in err.getvalue() or code not in (0, 2) or (code == 2) != (len(errors) == 1):
        return f"FAIL: cli exit {code}, stderr {err.getvalue()[:300]!r}"
    return f"cli exit {code}"


def main() -> None:
    summary: dict = {"categories": {}, "outcomes": Counter(), "failures": [], "cli": Counter()}
    budget: Counter = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "designs"
        shutil.copytree(DESIGNS, folder)
        for category, description, kind, payload in all_mutations():
            result = outcome(category, description, kind, payload, folder, budget)
            per = summary["categories"].setdefault(category, Counter())
            per[result if not result.startswith("FAIL") else "FAIL"] += 1
            summary["outcomes"][result if not result.startswith("FAIL") else "FAIL"] += 1
            if result.startswith("FAIL"):
                summary["failures"].append(f"{category} | {description} | {result}")
            if kind == "text" and sum(summary["cli"].values()) < MAX_CLI:
                res = cli_outcome(payload, folder)
                summary["cli"][res if not res.startswith("FAIL") else "FAIL"] += 1
                if res.startswith("FAIL"):
                    summary["failures"].append(f"cli {category} | {description} | {res}")
    print(json.dumps(summary, default=dict))


if __name__ == "__main__":
    main()
