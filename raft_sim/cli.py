"""Command-line interface: ``raft-sim check | info | run | fatigue | sweep | plot``.

The CLI holds no physics: each command loads the design, calls the library API and
prints. Heavy modules are imported inside the commands so ``raft-sim --help`` is fast.
Exit codes (docs/cli.md): 0 success, 1 a load case (or the analysis) failed, 2 invalid
design, failed sanity check or usage, 3 the output file could not be written, 130
interrupted. No traceback reaches the user: a last-resort handler prints one line.
"""
from __future__ import annotations

import argparse
import signal
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

    plot = sub.add_parser("plot", help="draw a design's geometry, a results file's responses "
                          "or fatigue, or a sweep map")
    plot.add_argument("input", metavar="RESULTS.nc|SWEEP.nc|DESIGN.yaml",
                      help="results written by 'run -o', a sweep by 'sweep -o', or a design file")
    plot.add_argument("--kind", help="design: geometry (default), geometry3d, side, top, periods; "
                      "results: overview (default), rao, psd, stats, channels, periods, fatigue; "
                      "sweep: sweep (default)")
    plot.add_argument("--dof", nargs="+", metavar="DOF", help="DOFs to draw (default all six)")
    plot.add_argument("--metric", metavar="METRIC",
                      help="sweep: the metric mapped, as for 'sweep --rank' (default std.pitch)")
    plot.add_argument("--channel", nargs="+", metavar="KEY",
                      help="fatigue: channel keys to draw (default all; e.g. tower_base_fore_aft)")
    plot.add_argument("-o", "--output", required=True, metavar="FILE.png|svg|pdf",
                      help="image file; the format follows the extension")
    plot.set_defaults(func=_cmd_plot)
    return parser


def _design_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("design", metavar="DESIGN.yaml", help="RAFT-format design file")
    parser.add_argument("--strict", action="store_true",
                        help="treat unknown keys in the design as errors")
    parser.add_argument("--include-anywhere", action="store_true",
                        help="allow include: files outside the design's folder tree")


def _version() -> str:
    from raft_sim import __version__
    return f"raft-sim {__version__}"


def _load(args):
    from raft_sim.design.load import load_design
    return load_design(args.design, strict=args.strict, include_anywhere=args.include_anywhere)


def _sane_model(design):
    """The Model of a design that passes the physical sanity checks (warnings printed)."""
    from raft_sim.design.errors import DesignError
    from raft_sim.model import Model
    from raft_sim.structure.sanity import design_findings, equilibrium_findings, errors
    model = Model(design)
    findings = design_findings(design, model.mass, model.hydrostatics)
    if not errors(findings) and design.platform.members:
        findings += equilibrium_findings(design, model.equilibrium)
    for finding in findings:
        if finding.level == "warning":
            warnings.warn(str(finding), stacklevel=2)
    bad = errors(findings)
    if bad:
        raise DesignError(bad[0].path, bad[0].message)
    return model


def _cmd_check(args) -> int:
    design = _load(args)
    from raft_sim.design.errors import printable
    print(f"{printable(args.design)}: OK ({design.name}; platform members: {len(design.platform.members)}, "
          f"load cases: {len(design.cases)})")
    return 0


def _cmd_info(args) -> int:
    from raft_sim.report import info_dict, info_json, info_text
    info = info_dict(_sane_model(_load(args)))
    print(info_json(info) if args.json else info_text(info))
    return 0


def _cmd_run(args) -> int:
    from dataclasses import replace

    from raft_sim.design.errors import DesignError
    from raft_sim.jsonsafe import dumps
    from raft_sim.outfile import check_target, write_atomically
    from raft_sim.structure.sanity import case_findings
    from raft_sim.system.run import run_cases
    design = _load(args)
    if args.refine_grid:
        design = replace(design, settings=replace(design.settings, refine_grid=True))
    target = check_target(args.output, protected=[args.design]) if args.output else None
    if not design.cases:
        raise DesignError("cases", "the design has no load cases to run (use 'info' for statics)")
    model = _sane_model(design)
    for i, case in enumerate(design.cases):
        for finding in case_findings(design, case, f"cases.data[{i}]"):
            warnings.warn(str(finding), stacklevel=2)
    omega, results = run_cases(model.prepared, design.cases)
    status = 1 if any(r.error for r in results) else 0
    reasons = {"cases": "the case failed (see its error)",
               "lifetime.damage": "the channel's S-N curve has no intercept (log_a): DELs only"}
    summary = None
    if args.json:  # the JSON needs no Dataset (no xarray, pandas)
        from raft_sim.results.summary import run_summary
        summary = dumps(run_summary(omega, results, fatigue=design.fatigue), reasons=reasons, indent=2)
        if target is None:
            print(summary)
            return status
    from raft_sim.report import run_text
    from raft_sim.results.collect import collect_results
    from raft_sim.results.dataset import save_results
    from raft_sim.results.fatigue_dataset import fatigue_dataset, with_fatigue
    from raft_sim.results.fatigue_report import run_fatigue_text
    ds = collect_results(omega, results, {"design": design.name, "source_file": str(design.source or "")})
    fatigue = fatigue_dataset(ds, design.fatigue)
    if target is not None:
        write_atomically(target, lambda tmp: save_results(with_fatigue(ds, fatigue), tmp))
    print(summary if summary is not None else run_text(ds) + "\n\n" + run_fatigue_text(fatigue))
    return status


def _cmd_fatigue(args) -> int:
    from raft_sim.jsonsafe import dumps
    from raft_sim.model import Model
    from raft_sim.results.fatigue_dataset import fatigue_dataset
    from raft_sim.results.fatigue_report import fatigue_json, fatigue_text
    design = _load(args)
    fatigue = fatigue_dataset(Model(design).analyze(), design.fatigue)
    print(dumps(fatigue_json(fatigue, design.name, args.top), indent=2) if args.json
          else fatigue_text(fatigue, design.name, args.top))
    return 1 if fatigue.attrs["missing_cases"] else 0


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


def _cmd_plot(args) -> int:
    from raft_sim.plot.figures import write_plot
    write_plot(args.input, args.output, args.kind, args.dof, args.metric, args.channel)
    print(f"wrote {args.output}")
    return 0


def _show_warning(message, category, filename, lineno, file=None, line=None):
    from raft_sim.design.errors import printable
    print(f"warning: {printable(message)}", file=sys.stderr)


def _terminate(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``raft-sim`` console script; returns the exit code."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:  # --help, --version or a usage error (argparse printed it)
        return stop.code if isinstance(stop.code, int) else 2
    from raft_sim.design.errors import DesignError, printable
    from raft_sim.outfile import OutputError
    warnings.showwarning = _show_warning
    previous = signal.signal(signal.SIGTERM, _terminate) if _main_thread() else None
    try:
        return args.func(args)
    except DesignError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except OutputError as err:
        print(f"error: {printable(err)}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("error: interrupted (an -o file is only replaced once complete)", file=sys.stderr)
        return 130
    except MemoryError:
        print("error: out of memory", file=sys.stderr)
        return 1
    except Exception as err:  # noqa: BLE001 -- last resort: one line, never a traceback
        print(f"error: internal error ({type(err).__name__}: {printable(err)})"[:500]
              + "; please report it with the design file", file=sys.stderr)
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main_thread() -> bool:
    import threading
    return threading.current_thread() is threading.main_thread()


if __name__ == "__main__":
    sys.exit(main())
