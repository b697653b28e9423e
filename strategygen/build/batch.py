"""Many documents: a batch in this process or in worker processes, with clean interruption.

:func:`run_batch` runs many :func:`~strategygen.build.document.build_one` calls, skipping
up-to-date outputs first, and never lets one country's failure stop the others. Ctrl-C or
SIGTERM stops the workers; finished outputs are kept and no partial file is left behind.

Heavy libraries (Jinja2, WeasyPrint) are imported inside the functions that need them, so
that ``strategygen --help`` and ``validate`` stay fast.
"""

from __future__ import annotations

import os
import re
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from strategygen.build.commit import check_output_dir
from strategygen.build.document import BuildJob, DocResult, build_one, check_skip
from strategygen.build.manifest import shared_digest
from strategygen.build.plan import BuildPlan

# Worker-process state: whether a document is being built (a stop signal then unwinds it
# so the atomic writers remove their temp files) and whether the batch is stopping.
_IN_TASK = False
_STOPPING = False
# What every task of this worker shares, set once by _init_worker: the plan (theme, rule
# library, settings), the output folder and the shared digest.
_SHARED: tuple[BuildPlan, Path, str] | None = None

#: How long stopped workers get to remove their temporary files before they are killed.
_STOP_GRACE_SECONDS = 10.0


def _on_stop_signal(signum: int, frame: FrameType | None) -> None:
    """SIGTERM in a worker: unwind the current document, or exit at once when idle."""
    global _STOPPING
    _STOPPING = True
    if _IN_TASK:
        raise KeyboardInterrupt
    # Idle (waiting for work): nothing half-written to clean up, and raising here would
    # print a traceback from the executor's loop.
    os._exit(0)


def _init_worker(
    plan: BuildPlan, output_dir: Path, shared: str, parent: int, busy: Any, counter: Any
) -> None:
    """Prepare a worker process: tie it to its parent, keep the plan; the parent handles Ctrl-C."""
    global _SHARED
    from strategygen.build import workers

    workers.init_worker(parent, busy, counter)
    _SHARED = (plan, output_dir, shared)
    # The terminal sends SIGINT to the whole process group; the parent reacts by sending
    # SIGTERM to each worker, which unwinds the document in progress cleanly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_stop_signal)


def _worker_build(job: BuildJob) -> DocResult:
    """Run :func:`build_one` in a worker; report an interruption instead of raising it."""
    global _IN_TASK
    if _STOPPING or _SHARED is None:
        return DocResult(source=job.display, status="interrupted")
    from strategygen.build import workers

    _IN_TASK = True
    try:
        with workers.busy():
            # Nothing is committed once the batch is gone (the parent was killed).
            return build_one(job, *_SHARED, still_wanted=workers.parent_alive)
    except KeyboardInterrupt:
        return DocResult(source=job.display, status="interrupted", worker=os.getpid())
    finally:
        _IN_TASK = False


@dataclass
class BatchOutcome:
    """All results of a batch in input order, and whether it was interrupted."""

    results: list[DocResult]
    interrupted: bool = False
    seconds: float = 0.0
    workers: int = 1


#: Called as ``progress(event, result_or_none, done, total, running)`` where ``event`` is
#: ``"start"`` or ``"done"`` and ``running`` lists the documents in progress.
ProgressCallback = Callable[[str, DocResult | None, int, int, list[str]], None]


def run_batch(
    jobs: Sequence[BuildJob],
    plan: BuildPlan,
    output_dir: Path,
    *,
    workers: int = 1,
    progress: ProgressCallback | None = None,
) -> BatchOutcome:
    """Build every job, skipping up-to-date ones, in ``workers`` processes.

    With one worker (or one document to build) the work runs in this process; otherwise a
    ``ProcessPoolExecutor`` runs one document per task and each worker keeps its compiled
    templates across documents. Ctrl-C (``KeyboardInterrupt``) stops the workers: documents
    in progress are abandoned without partial files, finished ones keep their outputs and
    manifests, and the outcome says ``interrupted``.

    Raises:
        RenderError: PDF output is asked for but WeasyPrint cannot load its libraries.

    """
    start = time.perf_counter()
    check_output_dir(output_dir)
    shared = shared_digest(plan)
    results: list[DocResult | None] = [None] * len(jobs)
    pending: list[int] = []
    done = 0
    total = len(jobs)

    def report(event: str, result: DocResult | None, running: list[str]) -> None:
        # Counting here, where every path (skip, serial, pool) reports, keeps the
        # "n/total" figure right however the document was handled.
        nonlocal done
        if event == "done":
            done += 1
        if progress is not None:
            progress(event, result, done, total, running)

    refused = duplicate_codes(jobs)
    for index, job in enumerate(jobs):
        if index in refused:
            results[index] = DocResult(
                source=job.display,
                status="failed",
                code=refused[index][0],
                formats=plan.formats,
                error=refused[index][1],
            )
            report("done", results[index], [])
            continue
        skipped = None if plan.force else check_skip(job, output_dir, shared)
        if skipped is None:
            pending.append(index)
        else:
            results[index] = skipped
            report("done", skipped, [])
    if pending and "pdf" in plan.formats:
        from strategygen.render.pdf import require_weasyprint

        # Once, before any worker starts: a missing system library is one clear message
        # (not one per document), and forked workers share the loaded library.
        require_weasyprint()
    count = max(1, min(workers, len(pending)))
    interrupted = False
    if count == 1:
        try:
            for index in pending:
                report("start", None, [jobs[index].display])
                result = build_one(jobs[index], plan, output_dir, shared)
                results[index] = result
                report("done", result, [])
        except KeyboardInterrupt:
            interrupted = True
    else:
        interrupted = _run_pool(jobs, pending, plan, output_dir, shared, count, results, report)
        done = sum(r is not None for r in results)
    final = [
        r if r is not None else DocResult(source=jobs[i].display, status="interrupted")
        for i, r in enumerate(results)
    ]
    interrupted = interrupted or any(r.status == "interrupted" for r in final)
    return BatchOutcome(final, interrupted, time.perf_counter() - start, count)


def _run_pool(
    jobs: Sequence[BuildJob],
    pending: list[int],
    plan: BuildPlan,
    output_dir: Path,
    shared: str,
    count: int,
    results: list[DocResult | None],
    report: Callable[[str, DocResult | None, list[str]], None],
) -> bool:
    """Run ``pending`` jobs in a process pool, filling ``results``; return True if interrupted."""
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    # Imported here: multiprocessing and ctypes are not needed to build one document.
    from strategygen.build import workers

    # The plan goes to each worker once, when it starts, not with every document.
    busy, counter = workers.new_busy_table(count)
    executor = ProcessPoolExecutor(
        max_workers=count,
        initializer=_init_worker,
        initargs=(plan, output_dir, shared, os.getpid(), busy, counter),
    )
    futures: dict[Future[DocResult], int] = {}
    interrupted = False

    def running() -> list[str]:
        # Workers take tasks in submission order: the first unfinished ones are in progress.
        waiting = [i for f, i in futures.items() if not f.done()]
        return [jobs[i].display for i in sorted(waiting)[:count]]

    try:
        for index in pending:
            futures[executor.submit(_worker_build, jobs[index])] = index
        report("start", None, running())
        remaining = set(futures)
        while remaining:
            finished, remaining = wait(remaining, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=futures.__getitem__):
                index = futures[future]
                try:
                    result = future.result()
                except BrokenProcessPool as exc:
                    # A worker died (killed, out of memory): the documents it held fail.
                    result = DocResult(
                        source=jobs[index].display,
                        status="failed",
                        formats=plan.formats,
                        error=f"{jobs[index].display}: worker process died ({exc})",
                    )
                results[index] = result
                if result.status == "interrupted":
                    raise KeyboardInterrupt
                report("done", result, running())
    except KeyboardInterrupt:
        interrupted = True
        for future in futures:
            future.cancel()
        # ProcessPoolExecutor has no public way to stop running tasks before Python 3.14
        # (terminate_workers); its process table is the documented-in-source way in.
        processes = list((getattr(executor, "_processes", None) or {}).values())
        workers.stop_workers(processes, busy, _STOP_GRACE_SECONDS)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    # Keep the results of documents that finished while the pool was stopping.
    for future, index in futures.items():
        if results[index] is None and future.done() and not future.cancelled():
            try:
                results[index] = future.result()
            except Exception:  # a stopped worker's task has no result worth keeping
                results[index] = None
    return interrupted


_ISO3_LINE = re.compile(
    rb"""^[ \t]*iso3[ \t]*:[ \t]*["']?([A-Za-z]{3})["']?[ \t]*(?:#.*)?$""", re.M
)


def _scan_code(path: Path) -> tuple[str, int, int] | None:
    """Read a profile's ISO code cheaply, with its line and column (the YAML parser if needed)."""
    from strategygen.errors import ProfileError
    from strategygen.files import FileRefused, read_input
    from strategygen.inputs.yamlsource import MAX_BYTES, read_yaml_text

    try:
        raw = read_input(path, limit=MAX_BYTES, what="profile")
    except FileRefused:
        return None  # the document's own build reports it
    match = _ISO3_LINE.search(raw)
    if match:
        line = raw.count(b"\n", 0, match.start(1)) + 1
        column = match.start(1) - (raw.rfind(b"\n", 0, match.start(1)) + 1) + 1
        return match.group(1).decode("ascii").upper(), line, column
    try:
        doc = read_yaml_text(raw.decode("utf-8"), str(path))
    except (ProfileError, UnicodeDecodeError):
        return None
    identity = doc.data.get("identity")
    code = identity.get("iso3") if isinstance(identity, dict) else None
    if not isinstance(code, str):
        return None
    line, column = doc.locate(("identity", "iso3"))
    return code.upper(), line, column


def _loads(job: BuildJob) -> bool:
    from strategygen.errors import StrategygenError
    from strategygen.inputs.loader import load_profile

    try:
        load_profile(job.path, job.display)
    except StrategygenError:
        return False
    return True


def duplicate_codes(jobs: Sequence[BuildJob]) -> dict[int, tuple[str, str]]:
    """Find profiles of one batch that are for the same country; name all of them.

    Two files with one ISO code would build into the same folder, one silently replacing
    the other. Returns ``{job index: (code, message)}`` for every such file.
    """
    by_code: dict[str, list[tuple[int, int, int]]] = {}
    for index, job in enumerate(jobs):
        found = _scan_code(job.path)
        if found is not None:
            code, line, column = found
            by_code.setdefault(code, []).append((index, line, column))
    refused: dict[int, tuple[str, str]] = {}
    for code, candidates in by_code.items():
        # Only profiles that load claim their country: a broken copy (a test fixture, a
        # half-edited file) is reported by its own build, and the valid one still builds.
        places = [p for p in candidates if len(candidates) > 1 and _loads(jobs[p[0]])]
        if len(places) > 1:
            names = ", ".join(jobs[i].display for i, _, _ in places)
            for i, line, column in places:
                refused[i] = (
                    code,
                    f"{jobs[i].display}:{line}:{column}: identity.iso3: {len(places)} profiles "
                    f"in this build are for {code} ({names}); each country may appear once, "
                    "so none of them was built",
                )
    return refused
