"""Time ``strategygen region CDCC``: wall and CPU time, pages and peak memory per format.

Run ``python -m bench.region`` (about two minutes on 2 cores: three runs of each format) or
``python -m bench.region --runs 1`` for a single run. Each run is a fresh process, as a user
starts it, writing into an empty temporary folder, so nothing is reused between runs: the
figures include Python's start-up, imports, the assessment of the 16 members (each member's
rule assessment included), rendering and the atomic write.

What is measured, per run:

- wall: seconds from starting the process to its exit (``time.perf_counter``);
- CPU: user + system seconds of the process and the children it waited for, the steadier
  figure on a shared machine (``bench.process``);
- peak RSS: the largest resident set of the process in any run of the format (MB);
- pages: the page count the command reports in its ``--json`` summary (PDF only).

The table printed is Markdown, with the median of each figure and the load average, so that
a figure taken on a busy machine says so.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from dataclasses import dataclass

from bench.process import run_strategygen


@dataclass(frozen=True)
class Run:
    """One run of the command."""

    wall: float
    cpu: float
    peak_mb: float
    pages: int | None


def run_once(group: str, fmt: str) -> Run:
    """Run ``strategygen region GROUP --format FMT`` once in a fresh process and folder."""
    with tempfile.TemporaryDirectory(prefix="bench-region-") as tmp:
        done = run_strategygen(
            "region", group, "--format", fmt, "--output-dir", tmp, "--json", "--quiet"
        )
    if done.returncode != 0:
        raise SystemExit(f"strategygen region {group} --format {fmt} failed:\n{done.stderr}")
    pages = json.loads(done.stdout)["overview"].get("pages")
    return Run(done.wall, done.cpu, done.peak_mb, int(pages) if pages else None)


def main(argv: list[str] | None = None) -> int:
    """Time each format ``--runs`` times and print a Markdown table of the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--group", default="CDCC", help="group to build (default: CDCC)")
    parser.add_argument("--runs", type=int, default=3, help="runs per format (default: 3)")
    parser.add_argument(
        "--formats", default="html,pdf", help="comma list of formats, each timed alone"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    print(f"strategygen region {args.group}: medians of {args.runs} run(s), fresh process each")
    print()
    print("| format | pages | wall (s) | CPU (s) | peak RSS (MB) | load average (1 min) |")
    print("|---|---:|---:|---:|---:|---:|")
    for fmt in args.formats.split(","):
        runs = [run_once(args.group, fmt) for _ in range(args.runs)]
        pages = runs[-1].pages
        print(
            f"| {fmt} | {pages if pages is not None else '-'} "
            f"| {statistics.median(r.wall for r in runs):.2f} "
            f"| {statistics.median(r.cpu for r in runs):.2f} "
            f"| {max(r.peak_mb for r in runs):.0f} "
            f"| {os.getloadavg()[0]:.2f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
