"""Run one strategygen command in a fresh process and measure it, for the benchmarks.

``bench.region`` and ``bench.formats`` time a command as a user starts it: a new Python
process, the repository as its working folder and a fixed build date. This module runs it
and reports wall time, CPU time and peak memory of that process alone.
"""

from __future__ import annotations

import os
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
class Finished:
    """One finished run: its measures and what it printed."""

    wall: float
    cpu: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str


def run_strategygen(*args: str) -> Finished:
    """Run ``python -m strategygen ARGS`` in a fresh process and measure it.

    wall: seconds from start to exit (``time.perf_counter``); CPU: user + system seconds of
    the process and the children it waited for, and peak resident memory in MB, both from
    ``os.wait4``, so they are this run's own and not a running total over every child of
    the benchmark. Output goes through files, so a long report cannot block the pipe.
    """
    with tempfile.TemporaryDirectory(prefix="bench-process-") as tmp:
        out, err = Path(tmp) / "stdout", Path(tmp) / "stderr"
        start = time.perf_counter()
        with out.open("w") as stdout, err.open("w") as stderr:
            proc = subprocess.Popen(
                [sys.executable, "-m", "strategygen", *args],
                stdout=stdout,
                stderr=stderr,
                cwd=ROOT,
                env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
            )
            _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        return Finished(
            wall=wall,
            cpu=usage.ru_utime + usage.ru_stime,
            peak_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
            returncode=os.waitstatus_to_exitcode(status),
            stdout=out.read_text(),
            stderr=err.read_text(),
        )
