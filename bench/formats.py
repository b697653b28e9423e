"""Time one country's draft in each output format: wall and CPU time, size, pages, memory.

Run ``python -m bench.formats`` (about three minutes on 2 cores: JAM, HTI and AIA, three
runs of each of html, pdf, docx and odt) or ``python -m bench.formats --codes JAM --runs 1``.
Each run is ``strategygen build CODE --format FMT --force`` in a fresh process writing into
an empty temporary folder, as a user starts it, so the figures include Python's start-up,
imports, loading and assessing the profile, the HTML every format is made from, the
format's own conversion (WeasyPrint for PDF, pandoc for Word and OpenDocument) and the
atomic write.

What is measured, per run:

- wall: seconds from starting the process to its exit (``time.perf_counter``);
- CPU: user + system seconds of the process and the children it waited for, the steadier
  figure on a shared machine (``bench.process``);
- format: the seconds the build reports for the format's own step (its ``--json`` timings);
- size: the bytes of the file written; pages: the PDF's page count (``--json``);
- peak RSS: the largest resident set of the process in any run (``ru_maxrss``, MB).

The Markdown table printed gives the median of each figure and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.process import run_strategygen

FORMATS = ("html", "pdf", "docx", "odt")


@dataclass(frozen=True)
class Run:
    """One build of one country in one format."""

    wall: float
    cpu: float
    step: float
    size: int
    pages: int | None
    peak_mb: float


def run_once(code: str, fmt: str) -> Run:
    """Build ``code`` in ``fmt`` once, in a fresh process and an empty folder."""
    with tempfile.TemporaryDirectory(prefix="bench-formats-") as tmp:
        done = run_strategygen(
            "build", code, "--format", fmt, "--output-dir", tmp, "--force", "--json", "-q"
        )
        if done.returncode != 0:
            raise SystemExit(f"strategygen build {code} --format {fmt} failed:\n{done.stderr}")
        document = json.loads(done.stdout)["documents"][0]
        size = sum(Path(path).stat().st_size for path in document["outputs"])
    pages = document.get("pages")
    return Run(
        wall=done.wall,
        cpu=done.cpu,
        step=float(document["timings"].get(fmt, 0.0)),
        size=size,
        pages=int(pages) if pages else None,
        peak_mb=done.peak_mb,
    )


def main(argv: list[str] | None = None) -> int:
    """Time each country in each format ``--runs`` times; print a Markdown table of medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--codes", default="JAM,HTI,AIA", help="comma list of profiles")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma list of formats")
    parser.add_argument("--runs", type=int, default=3, help="runs of each (default: 3)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    print(f"strategygen build: medians of {args.runs} run(s), a fresh process each")
    print()
    print(
        "| country | format | size (KB) | pages | wall (s) | CPU (s) | format step (s) "
        "| peak RSS (MB) | load (1 min) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for fmt in args.formats.split(","):
        for code in args.codes.split(","):
            runs = [run_once(code, fmt) for _ in range(args.runs)]
            pages = runs[-1].pages
            print(
                f"| {code} | {fmt} | {runs[-1].size / 1024:.0f} "
                f"| {pages if pages is not None else '-'} "
                f"| {statistics.median(r.wall for r in runs):.2f} "
                f"| {statistics.median(r.cpu for r in runs):.2f} "
                f"| {statistics.median(r.step for r in runs):.2f} "
                f"| {max(r.peak_mb for r in runs):.0f} "
                f"| {os.getloadavg()[0]:.2f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
