"""Command-line interface: ``raft-sim check | info | run | sweep``.

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
    run.set_defaults(func=_cmd_run)

    sweep = sub.add_parser("sweep", help="run design variants (grid or zipped) in parallel; see docs/sweeps.md")
    _design_args(sweep)
    sweep.add_argument("--set", action="append", default=[], metavar="PATH=VALUES",
                       help="vary a key: mooring.lines[*].length=830:880:5, cases.wave_height=2,4,6, "
                            "platform.members[outer_column].d=x0.9,1,1.1 (repeatable)")
    sweep.add_argument("--file", metavar="SWEEP.yaml", help="parameters from a sweep file")
    sweep.add_argument("--zip", action="store_true", help="pair the value lists instead of the full grid")
    sweep.add_argument("--workers", type=int, metavar="N", help="local worker processes (default: the cores; 0: this process)")
    sweep.add_argument("--dask", metavar="ADDRESS", help="run on a Dask scheduler at ADDRESS, or 'local' for a LocalCluster")
    sweep.add_argument("-o", "--output", default="sweep.nc", metavar="SWEEP.nc",
                       help="combined netCDF (default sweep.nc); parts in SWEEP.nc.parts/ while running")
    sweep.add_argument("--resume", action="store_true", help="continue an interrupted sweep: compute only the missing variants")
    sweep.add_argument("--rank", metavar="METRIC", help="table of the best variants by METRIC (e.g. std.pitch, max.surge; -METRIC: higher is better)")
    sweep.add_argument("--top", type=int, default=10, metavar="N", help="rows of the --rank table (default 10)")
    sweep.add_argument("--json", action="store_true", help="print one JSON object (status per variant, ranking)")
    sweep.add_argument("--quiet", action="store_true", help="no progress output")
    sweep.set_defaults(func=_cmd_sweep)
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
    from raft_sim.model import Model
    from raft_sim.report import run_text
    from raft_sim.results.dataset import save_results, stats_to_json
    results = Model(_load(args)).analyze()
    if args.output:
        save_results(results, args.output)
    print(json.dumps(stats_to_json(results), indent=2) if args.json else run_text(results))
    return 1 if any(results["error"].values) else 0


def _cmd_sweep(args) -> int:
    from raft_sim.sweeps.api import run_sweep
    from raft_sim.sweeps.cli import read_args, report
    parameters, zipped = read_args(args)
    try:
        run = run_sweep(args.design, parameters, zip=zipped, workers=args.workers, client=args.dask,
                        output=args.output, resume=args.resume, strict=args.strict,
                        progress="quiet" if args.quiet else "auto")
    except KeyboardInterrupt:
        print(f"interrupted: finished variants are kept in {args.output}.parts; "
              "run the same command with --resume to compute the rest", file=sys.stderr)
        return 130
    print(report(run, args), end="")
    return 1 if run.failed else 0


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
