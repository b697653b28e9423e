"""One document's outputs change together or not at all, under a lock, leaving nothing behind.

A document is several files (HTML, PDF, the manifest). Writing them one after the other
lets a failure after the first (a full disk, the file-size limit, a kill) leave a new HTML
beside an old PDF and a manifest that vouches for neither. Here every file is first written
to a temporary name and flushed; only when all of them are complete are the previous files
kept aside (hard links) and the new ones renamed into place, following a journal. A failure
during the renames puts the previous files back; a kill during them leaves the journal, and
the next build of that document rolls back before it starts. A build holds the document's
lock (``fcntl.flock`` on its folder) from before it decides anything until its files are in
place, so two builds never interleave, and the next build removes the temporaries a killed
one left.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import secrets
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from strategygen.errors import StrategygenError
from strategygen.files import os_reason

#: Journal of a commit in progress; present only between the first and the last rename.
JOURNAL_NAME = ".commit.json"

# Temporaries and kept-aside files of this module and of strategygen.atomic:
# ".<name>.<random>.tmp" and ".<name>.<random>.old".
_OWN = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_-]{6,}\.(tmp|old)$")

#: Test hook: called with each target just before it is renamed into place.
_before_rename: Callable[[Path], None] | None = None


class BuildLocked(StrategygenError):
    """Another build holds this document's lock."""


class CommitError(StrategygenError):
    """The outputs could not be written; the previous ones are in place."""


@dataclass(frozen=True)
class Output:
    """One file of a document: its name in the document's folder and its bytes."""

    name: str
    data: bytes


def folder_error(folder: Path, exc: OSError) -> CommitError:
    """Name the folder and the operation that failed ("a file of that name exists")."""
    if exc.errno in (errno.EEXIST, errno.ENOTDIR):
        why = "a file of that name exists"
        for parent in (folder, *folder.parents):
            if parent.exists() and not parent.is_dir():
                return CommitError(f"cannot create output folder {folder}: {parent} is a file")
    else:
        why = os_reason(exc)
    return CommitError(f"cannot create output folder {folder}: {why}")


def check_output_dir(output_dir: Path) -> None:
    """Refuse an output folder that cannot be created, naming it and why.

    Raises:
        CommitError: The folder, or one of its parents, is a file.

    """
    for path in (output_dir, *output_dir.parents):
        if path.exists():
            if not path.is_dir():
                why = "a file of that name exists" if path == output_dir else f"{path} is a file"
                raise CommitError(f"cannot create output folder {output_dir}: {why}")
            return


@contextlib.contextmanager
def document_lock(folder: Path) -> Iterator[None]:
    """Hold the lock of the document whose outputs go to ``folder`` (created if needed).

    The lock is on the folder itself (no lock file is left beside the outputs), and the
    operating system releases it when the holder exits, however it exits.

    Raises:
        BuildLocked: Another build holds it; the message says what to do.
        CommitError: The folder cannot be created or opened.

    """
    # Folders this build creates are removed again if it ends with nothing in them, so a
    # failed first build leaves no empty output folder behind.
    created = [p for p in (folder, *folder.parents) if not p.exists()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:
        raise folder_error(folder, exc) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            created = []
            raise BuildLocked(
                f"{folder}: another build is writing this document right now; wait for it "
                "to finish, or build into another --output-dir"
            ) from None
        yield
    finally:
        for path in created:
            with contextlib.suppress(OSError):
                path.rmdir()  # only succeeds when empty
        os.close(fd)


def recover(folder: Path, code: str, kind: str = "strategy") -> list[str]:
    """Undo what a killed build of this document left, under its lock; return what was done.

    ``code`` and ``kind`` make the document's file names (``JAM-strategy.html``,
    ``CDCC-overview.pdf``). An interrupted commit (its journal is present) is rolled back:
    each file it had replaced gets its previous version back and each file it had added is
    removed, so the folder again holds one build's outputs with the manifest that describes
    them. Then the temporaries and kept-aside files of this module's naming are removed.
    """
    done: list[str] = []
    journal = folder / JOURNAL_NAME
    try:
        steps = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        steps = None
    except (OSError, ValueError):
        steps = []  # unreadable: nothing to replay, but remove it below
    if steps is not None:
        for step in reversed(steps if isinstance(steps, list) else []):
            _undo(folder, step)
        journal.unlink(missing_ok=True)
        _sync(folder)
        done.append("rolled back an interrupted commit")
    for entry in os.listdir(folder):
        match = _OWN.match(entry)
        name = match.group("name") if match else ""
        # Only this document's own names: another tool's hidden files are left alone.
        if name.startswith(f"{code}-{kind}.") or name in ("manifest.json", JOURNAL_NAME):
            (folder / entry).unlink(missing_ok=True)
            done.append(f"removed {entry}")
    return done


def _undo(folder: Path, step: object) -> None:
    if not isinstance(step, dict):
        return
    target = folder / str(step.get("name", ""))
    old = step.get("old")
    if target.parent != folder:
        return  # a journal never names anything outside the folder
    if isinstance(old, str) and (folder / old).exists():
        os.replace(folder / old, target)
    elif old is None:
        target.unlink(missing_ok=True)


class Transaction:
    """The files of one document, staged as temporaries, then committed together or not at all.

    Use as a context manager: :meth:`add` each file (written to a temporary and flushed at
    once, so a full disk or a size limit fails here, before anything is replaced), then
    :meth:`commit`. Leaving the block without committing (an error, an interruption)
    removes the temporaries and leaves the previous files as they were.
    """

    def __init__(self, folder: Path, *, still_wanted: Callable[[], bool] | None = None) -> None:
        """Prepare a transaction in ``folder`` (whose lock the caller holds).

        Args:
            folder: The document's output folder.
            still_wanted: Asked before anything is replaced; when it says False (the batch
                that asked for the build is gone) the commit is abandoned.

        """
        self.folder = folder
        self.still_wanted = still_wanted
        self._staged: list[tuple[Output, Path]] = []
        self._kept: list[dict[str, str | None]] = []
        self._done = False

    def __enter__(self) -> Transaction:
        """Start staging."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Remove every temporary if the transaction was not committed."""
        if not self._done:
            _roll_back(self.folder, self._staged, self._kept)

    def add(self, output: Output) -> None:
        """Write ``output`` to a temporary file in the folder, flushed to disk.

        Raises:
            CommitError: The file could not be written (the message names it).

        """
        try:
            self._staged.append((output, _write_temp(self.folder, output)))
        except OSError as exc:
            raise _write_error(self.folder / output.name, exc) from None

    def commit(self) -> None:
        """Replace the previous files with the staged ones, all of them or none.

        Raises:
            CommitError: The batch is gone, or a rename failed; the previous files are
                back in place and no temporary is left.

        """
        folder = self.folder
        try:
            if self.still_wanted is not None and not self.still_wanted():
                raise CommitError(f"{folder}: the build was abandoned; nothing was replaced")
            for output, _ in self._staged:
                target = folder / output.name
                old: str | None = None
                if target.exists():
                    old = f".{output.name}.{secrets.token_hex(4)}.old"
                    os.link(target, folder / old)
                self._kept.append({"name": output.name, "old": old})
            _write_journal(folder, self._kept)
            for output, temp in self._staged:
                if _before_rename is not None:
                    _before_rename(folder / output.name)
                os.replace(temp, folder / output.name)
            _sync(folder)
            (folder / JOURNAL_NAME).unlink()
            _sync(folder)
        except OSError as exc:
            raise _write_error(Path(exc.filename or folder), exc) from None
        self._done = True
        for step in self._kept:
            if step["old"] is not None:
                (folder / step["old"]).unlink(missing_ok=True)


def commit(
    folder: Path, outputs: Sequence[Output], *, still_wanted: Callable[[], bool] | None = None
) -> None:
    """Replace the document's files in ``folder`` with ``outputs``, all of them or none.

    Raises:
        CommitError: A file could not be written or renamed; the previous files are in
            place and no temporary is left.

    """
    with Transaction(folder, still_wanted=still_wanted) as transaction:
        for output in outputs:
            transaction.add(output)
        transaction.commit()


def _write_error(path: Path, exc: OSError) -> CommitError:
    """Name the file and what went wrong (a full disk, the file-size limit...)."""
    reason = (
        "the file is larger than this process may write"
        if exc.errno == errno.EFBIG
        else (os_reason(exc))
    )
    return CommitError(f"cannot write {path}: {reason}; the previous files are unchanged")


def _roll_back(
    folder: Path, staged: list[tuple[Output, Path]], kept: list[dict[str, str | None]]
) -> None:
    """Put back every previous file, remove every temporary, and the journal last."""
    with contextlib.suppress(OSError):
        for step in reversed(kept):
            _undo(folder, step)
    for _, temp in staged:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        (folder / JOURNAL_NAME).unlink(missing_ok=True)
        _sync(folder)


def _write_temp(folder: Path, output: Output) -> Path:
    """Write ``output`` to ``.<name>.<random>.tmp`` in ``folder``, flushed to disk."""
    temp = folder / f".{output.name}.{secrets.token_hex(4)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(output.data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _write_journal(folder: Path, steps: list[dict[str, str | None]]) -> None:
    temp = folder / f".{JOURNAL_NAME}.{secrets.token_hex(4)}.tmp"
    temp.write_text(json.dumps(steps), encoding="utf-8")
    with open(temp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temp, folder / JOURNAL_NAME)
    _sync(folder)


def _sync(folder: Path) -> None:
    """Flush the folder's entries (the renames) to disk."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
