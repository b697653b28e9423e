"""Time ``strategygen region CDCC``: wall and CPU time, pages and peak memory per format.

Run ``python -m bench.region`` (about two minutes on 2 cores: three runs of each format) or
``python -m bench.region --runs 1`` for a single run. Each run is a fresh process, as a user
starts it, writing into an empty temporary folder, so nothing is reused between runs: the
figures include Python's start-up, imports, the assessment of the 16 members (each member's
rule assessment included), rendering and the atomic write.

What is measured, per run:

- wall: seconds from starting the process to its exit (``time.perf_counter``);
- CPU: user + system seconds of the process and its children (``RUSAGE_CHILDREN`` before and
  after), the steadier figure on a shared machine;
- peak RSS: the largest resident set of any run so far (``ru_maxrss`` of the children, in
  MB; runs of the lighter format first);
- pages: the page count the command reports in its ``--json`` summary (PDF only).

The table printed is Markdown, with the median of each figure and the load average, so that
a figure taken on a busy machine says so.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: A fixed build date, so every run builds the same document.
EPOCH = "1780000000"


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
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        command = [sys.executable, "-m", "strategygen", "region", group, "--format", fmt]
        proc = subprocess.run(
            [*command, "--output-dir", tmp, "--json", "--quiet"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
            check=False,
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"strategygen region {group} --format {fmt} failed:\n{proc.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = json.loads(proc.stdout)["overview"]
    pages = summary.get("pages")
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far, in kilobytes on Linux.
    return Run(wall, cpu, after.ru_maxrss / 1024, int(pages) if pages else None)


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
