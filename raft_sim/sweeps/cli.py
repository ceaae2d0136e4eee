"""What ``raft-sim sweep`` reads from its arguments and prints."""
from __future__ import annotations

from raft_sim.design.errors import DesignError
from raft_sim.sweeps.plan import make_parameter
from raft_sim.sweeps.values import parse_values


def read_args(args):
    """Parameters and zip flag of ``raft-sim sweep``, with ``--rank`` and ``--top`` checked
    before anything runs."""
    if args.rank:
        from raft_sim.sweeps.rank import check_metric
        check_metric(args.rank)
    if args.top < 1:
        raise DesignError("--top", f"expected at least 1 row, got {args.top}")
    return parameters_from_args(args.set, args.file, args.zip)


def parameters_from_args(sets: list[str], sweep_file: str | None, zipped: bool):
    """Parameters of ``--set PATH=VALUES`` arguments and ``--file``; and the zip flag."""
    parameters = []
    if sweep_file:
        from raft_sim.sweeps.sweepfile import read_sweep_file
        parameters, file_zip = read_sweep_file(sweep_file)
        zipped = zipped or file_zip
    for text in sets:
        where = f"--set {text}"
        path, sep, values = text.partition("=")
        if not sep or not path.strip():
            raise DesignError(where, "expected PATH=VALUES, e.g. mooring.lines[*].length=830,850,880")
        parameters.append(make_parameter(path, parse_values(values, where), where))
    return parameters, zipped


def report(run, args) -> str:
    """The printed result of a sweep: counts, where it was written, the ranking (or JSON)."""
    from raft_sim.jsonsafe import dumps
    from raft_sim.sweeps.rank import ranking_text, summary_json
    ds = run.dataset
    if args.json:
        summary = {**summary_json(ds, args.rank, args.top), "computed": run.computed,
                   "reused": run.reused, "output": str(args.output)}
        return dumps(summary, indent=2) + "\n"
    total = int(ds["variant_status"].size)
    lines = [f"{total} variants: {total - run.failed} ok, {run.failed} failed or invalid "
             f"(computed {run.computed}, reused {run.reused}); written to {args.output}"]
    failed = ds["variant_status"].values.reshape(-1) != "ok"
    for error in ds["variant_error"].values.reshape(-1)[failed][:5]:
        lines.append(f"  {error}")
    if args.rank:
        lines.append(ranking_text(ds, args.rank, args.top))
    return "\n".join(lines) + "\n"
