"""A batch's worker processes: they die with their parent and stop at once when idle.

A worker must never outlive the batch that started it: a killed parent would otherwise leave
workers building and writing for minutes, then idle and holding memory. Each worker asks
Linux to send it SIGTERM when its parent dies (``prctl(PR_SET_PDEATHSIG)``) and also runs a
watchdog thread that notices a new parent process id; either way the document in progress
unwinds (its temporaries removed) and nothing is committed once the parent is gone.

When the batch is stopped (Ctrl-C), workers that are busy get a grace period to unwind; a
worker that is idle (waiting for work, or done unwinding) is killed at once, so stopping
takes well under a second unless a document is still unwinding.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

#: How often a worker's watchdog checks that its parent is still alive (seconds).
WATCH_SECONDS = 0.5
#: How long an orphaned worker may unwind before it exits regardless (seconds).
ORPHAN_GRACE_SECONDS = 5.0
#: How long a stopped idle worker may take to exit before it is killed (seconds).
IDLE_GRACE_SECONDS = 0.2

_PR_SET_PDEATHSIG = 1

# Worker-process state, set by init_worker.
_PARENT: int | None = None
_BUSY: Any = None
_SLOT = -1
_BUILDING = False


def new_busy_table(count: int) -> tuple[Any, Any]:
    """Shared memory for ``count`` workers: who is building (pids) and a slot counter."""
    context = multiprocessing.get_context()
    return context.Array("q", count, lock=False), context.Value("i", 0)


def init_worker(parent: int, busy: Any, counter: Any) -> None:
    """Tie this worker to ``parent``: die with it, and tell the batch when it is busy.

    Called first in each worker process (before its SIGTERM handler is installed, which
    the caller does next, so a parent that already died makes the worker exit at once).
    """
    global _PARENT, _BUSY, _SLOT
    _PARENT, _BUSY = parent, busy
    with counter.get_lock():
        _SLOT = counter.value
        counter.value += 1
    _set_parent_death_signal(signal.SIGTERM)
    if os.getppid() != parent:
        os._exit(0)  # the parent died before the signal was armed
    threading.Thread(target=_watch_parent, name="parent-watchdog", daemon=True).start()


def _set_parent_death_signal(signum: int) -> None:
    """Ask Linux to send ``signum`` to this process when its parent dies (no-op elsewhere)."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the watchdog alone notices the parent's death


def _watch_parent() -> None:
    """Stop this worker once its parent is gone (the death signal's backstop)."""
    while parent_alive():
        time.sleep(WATCH_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)
    # The SIGTERM handler unwinds a document in progress; the worker then waits for its
    # next task from a parent that no longer exists. Leave as soon as it is idle, and in
    # any case after the grace period (the main thread may be stuck in C code).
    deadline = time.monotonic() + ORPHAN_GRACE_SECONDS
    while _BUILDING and time.monotonic() < deadline:
        time.sleep(0.02)
    os._exit(1)


def parent_alive() -> bool:
    """Tell whether the batch that started this worker is still there (True outside workers)."""
    return _PARENT is None or os.getppid() == _PARENT


@contextlib.contextmanager
def busy() -> Iterator[None]:
    """Mark this worker as building a document for the duration of the block."""
    global _BUILDING
    _BUILDING = True
    if _BUSY is not None and 0 <= _SLOT < len(_BUSY):
        _BUSY[_SLOT] = os.getpid()
    try:
        yield
    finally:
        _BUILDING = False
        if _BUSY is not None and 0 <= _SLOT < len(_BUSY):
            _BUSY[_SLOT] = 0


def stop_workers(processes: Sequence[Any], busy_table: Any, grace: float) -> None:
    """Stop every worker: SIGTERM, then kill the idle at once and the busy after ``grace``.

    A busy worker unwinds its document (its temporary files are removed) and then goes
    idle; an idle one may be blocked on the task queue, where a signal alone cannot always
    reach it, so it is killed as soon as it has had :data:`IDLE_GRACE_SECONDS` to exit.
    """
    for process in processes:
        with contextlib.suppress(OSError, AttributeError, ValueError):
            process.terminate()
    start = time.monotonic()
    idle_since: dict[int, float] = {}
    while True:
        alive = [p for p in processes if _alive(p)]
        if not alive:
            return
        now = time.monotonic()
        building = {int(pid) for pid in busy_table} if busy_table is not None else set()
        for process in alive:
            pid = process.pid
            if pid in building:
                idle_since.pop(pid, None)
                overdue = now - start > grace
            else:
                overdue = now - idle_since.setdefault(pid, now) > IDLE_GRACE_SECONDS
            if overdue:
                with contextlib.suppress(OSError, AttributeError, ValueError):
                    process.kill()
        time.sleep(0.02)


def _alive(process: Any) -> bool:
    try:
        return bool(process.is_alive())
    except (OSError, AttributeError, ValueError, AssertionError):
        return False
