"""Command-line interface: ``raft-sim check | info | run | fatigue``.

The CLI holds no physics: each command loads the design, calls the library API and
prints. Heavy modules are imported inside the commands so ``raft-sim --help`` is fast.
Exit codes: 0 success, 1 analysis failure, 2 invalid design or usage.
"""
from __future__ import annotations

import argparse
import json
import sys
import warnings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="raft-sim",
        description="Frequency-domain simulation of floating offshore wind turbines "
                    "from RAFT-format YAML designs.")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="validate a design file and report problems")
    _design_args(check)
    check.set_defaults(func=_cmd_check)

    info = sub.add_parser("info", help="static properties, mooring, equilibrium and natural periods")
    _design_args(info)
    info.add_argument("--json", action="store_true", help="print one JSON object (SI units)")
    info.set_defaults(func=_cmd_info)

    run = sub.add_parser("run", help="run every load case of the design and print statistics")
    _design_args(run)
    run.add_argument("-o", "--output", metavar="RESULTS.nc", help="write results to netCDF")
    run.add_argument("--json", action="store_true", help="print one JSON object with the statistics")
    run.add_argument("--refine-grid", action="store_true",
                     help="add frequencies around lightly damped resonances (settings.refine_grid)")
    run.set_defaults(func=_cmd_run)

    fatigue = sub.add_parser("fatigue", help="run the cases and print lifetime fatigue damage and DELs")
    _design_args(fatigue)
    fatigue.add_argument("--json", action="store_true", help="print one JSON object (SI units)")
    fatigue.add_argument("--top", type=int, default=3, metavar="N",
                         help="cases listed per channel as the largest contributors (default 3)")
    fatigue.set_defaults(func=_cmd_fatigue)
    return parser


def _design_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("design", metavar="DESIGN.yaml", help="RAFT-format design file")
    parser.add_argument("--strict", action="store_true",
                        help="treat unknown keys in the design as errors")


def _version() -> str:
    from raft_sim import __version__
    return f"raft-sim {__version__}"


def _load(args):
    from raft_sim.design.load import load_design
    return load_design(args.design, strict=args.strict)


def _cmd_check(args) -> int:
    design = _load(args)
    print(f"{args.design}: OK ({design.name}; platform members: {len(design.platform.members)}, "
          f"load cases: {len(design.cases)})")
    return 0


def _cmd_info(args) -> int:
    from raft_sim.model import Model
    from raft_sim.report import info_dict, info_text
    model = Model(_load(args))
    info = info_dict(model)
    print(json.dumps(info, indent=2) if args.json else info_text(info))
    return 0


def _cmd_run(args) -> int:
    from dataclasses import replace

    from raft_sim.system.prepare import prepare
    from raft_sim.system.run import run_cases
    design = _load(args)
    if args.refine_grid:
        design = replace(design, settings=replace(design.settings, refine_grid=True))
    omega, results = run_cases(prepare(design), design.cases)
    if args.json and not args.output:  # the JSON path needs no Dataset (no xarray, pandas)
        from raft_sim.results.summary import run_summary
        print(json.dumps(run_summary(omega, results), indent=2, allow_nan=False))
        return 1 if any(r.error for r in results) else 0
    from raft_sim.report import run_text
    from raft_sim.results.collect import collect_results
    from raft_sim.results.dataset import save_results, stats_to_json
    ds = collect_results(omega, results, {"design": design.name, "source_file": str(design.source or "")})
    if args.output:
        save_results(ds, args.output)
    print(json.dumps(stats_to_json(ds), indent=2, allow_nan=False) if args.json else run_text(ds))
    return 1 if any(ds["error"].values) else 0


def _cmd_fatigue(args) -> int:
    from raft_sim.fatigue_report import fatigue_json, fatigue_text
    from raft_sim.model import Model
    from raft_sim.results.fatigue_dataset import fatigue_dataset
    design = _load(args)
    fatigue = fatigue_dataset(Model(design).analyze(), design.fatigue)
    print(json.dumps(fatigue_json(fatigue, design.name, args.top), indent=2) if args.json
          else fatigue_text(fatigue, design.name, args.top))
    return 1 if fatigue.attrs["missing_cases"] else 0


def _show_warning(message, category, filename, lineno, file=None, line=None):
    print(f"warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``raft-sim`` console script; returns the exit code."""
    args = _parser().parse_args(argv)
    from raft_sim.design.errors import DesignError
    warnings.showwarning = _show_warning
    try:
        return args.func(args)
    except DesignError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
