"""Atomic file writes: every output goes to a temporary file and is renamed over the target."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

#: Test hook: called with the target after its temporary file is complete and before the
#: rename, so a test can interrupt a write at its most delicate point (None in real use).
_before_rename: Callable[[Path], None] | None = None


def write_atomic(target: Path, data: str | bytes) -> None:
    """Write text or bytes to ``target`` through a temporary file in the same folder and a rename.

    A failure (or an interruption: ``KeyboardInterrupt``, or SIGTERM in a worker, which
    raises it) leaves no half-written file and keeps the previous version intact.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            # Flushed to disk before the rename, so a crash cannot leave a renamed but
            # empty file in place of the last good one.
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file owner-only (0600); a published draft should be
        # readable like any other file the user writes.
        os.chmod(tmp, 0o644)
        if _before_rename is not None:
            _before_rename(target)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
