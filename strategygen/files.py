"""Reading untrusted input files: regular files only, size-limited, optionally confined to a folder.

Profiles, themes, rule files, project files, templates and stylesheets are all named by
users. A name may be a FIFO (reading it hangs), a device (it never ends), a folder, or a
symlink that leads out of the folder it was found in (to a system file, which would then be
printed into a document). :func:`read_input` refuses each of these before reading a byte and
says what the path really is.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class FileRefused(Exception):
    """A path that may not be read; ``str()`` is a plain sentence naming the path."""

    def __init__(self, path: Path | str, message: str, reason: str = "other") -> None:
        """Record the path, what is wrong with it and why (``kind``, ``size``, ``outside``...)."""
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message
        self.reason = reason


def kind_of(mode: int) -> str:
    """Name the kind of file ``mode`` describes ("a folder", "a FIFO (named pipe)"...)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "a regular file" if stat.S_ISREG(mode) else "not a regular file"


def os_reason(exc: OSError) -> str:
    """Say in words why an operating-system call failed (no errno codes)."""
    return exc.strerror or str(exc)


def confined(path: Path, root: Path) -> Path:
    """Return ``path`` with links and ``..`` resolved, if it stays inside ``root``.

    Raises:
        FileRefused: The path does not exist, or leads (through a symlink) outside ``root``.

    """
    try:
        real = path.resolve(strict=True)
        real_root = root.resolve(strict=True)
    except OSError as exc:
        raise FileRefused(path, f"cannot read file: {os_reason(exc)}", "os") from None
    except RuntimeError:  # a symlink loop, on Python versions that raise it
        raise FileRefused(path, "cannot read file: a loop of symbolic links", "os") from None
    if real != real_root and not real.is_relative_to(real_root):
        raise FileRefused(
            path,
            f"leads to {real}, outside its folder {real_root} (through a symbolic link); "
            "only files inside the folder may be used",
            "outside",
        )
    return real


def read_input(path: Path, *, limit: int, what: str, inside: Path | None = None) -> bytes:
    """Read a regular file of at most ``limit`` bytes, refusing anything else first.

    Args:
        path: The file to read.
        limit: The largest size accepted, in bytes.
        what: What the file is, for messages ("profile", "template", "stylesheet").
        inside: When given, the file must resolve (links followed) inside this folder.

    Raises:
        FileRefused: The path is missing, not a regular file (a folder, FIFO, device,
            socket), too large, unreadable, or outside ``inside``; the message says which.

    """
    real = confined(path, inside) if inside is not None else path
    try:
        # stat() never blocks, even on a FIFO; open() on a FIFO would wait for a writer.
        before = os.stat(real)
    except OSError as exc:
        raise FileRefused(path, f"cannot read file: {os_reason(exc)}", "os") from None
    if not stat.S_ISREG(before.st_mode):
        raise FileRefused(
            path,
            f"cannot read file: it is {kind_of(before.st_mode)}, not a file",
            "kind",
        )
    if before.st_size > limit:
        raise FileRefused(path, _too_big(before.st_size, limit, what), "size")
    try:
        # O_NONBLOCK: should the path be swapped for a FIFO after the check, open() still
        # returns at once, and the fstat() below refuses it.
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise FileRefused(path, f"cannot read file: {os_reason(exc)}", "os") from None
    with os.fdopen(fd, "rb") as handle:
        after = os.fstat(handle.fileno())
        if (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino) or not stat.S_ISREG(
            after.st_mode
        ):
            raise FileRefused(path, f"changed while it was being opened; {what} not read", "os")
        try:
            # One byte past the limit: the file may have grown since stat().
            data = handle.read(limit + 1)
        except OSError as exc:
            raise FileRefused(path, f"cannot read file: {os_reason(exc)}", "os") from None
    if len(data) > limit:
        raise FileRefused(path, _too_big(None, limit, what), "size")
    return data


def _too_big(size: int | None, limit: int, what: str) -> str:
    mib = 1024 * 1024
    shown = f"{limit // mib} MiB" if limit % mib == 0 else f"{limit // 1024} KiB"
    got = f"is {size} bytes" if size is not None else f"is over {limit} bytes"
    return f"file {got}; {what}s are limited to {limit} ({shown})"
