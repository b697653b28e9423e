"""Run pandoc (from the ``pypandoc-binary`` wheel) safely: sandboxed, offline, time-limited.

pandoc is the converter behind the Word (DOCX) and OpenDocument (ODT) drafts. Every call
runs with ``--sandbox``, so its readers and writers cannot open any file or address other
than those named on the command line; input comes on stdin and output goes to stdout, so
pandoc never writes into the user's folders either.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from strategygen.errors import RenderError

#: pandoc versions before this lack features the DOCX writer relies on (SVG images with
#: ``svgBlip``, repeated table header rows, ``native_numbering`` captions).
MIN_VERSION = (3, 1)

#: Wall-clock limit of one pandoc call; a 50-page draft converts in about a second.
TIMEOUT_SECONDS = 120.0

_INSTALL_HINT = "reinstall strategygen with pip (it brings pandoc as the pypandoc-binary wheel)"


def _wheel_binary() -> Path | None:
    """Return the pandoc executable inside the pypandoc-binary wheel, if installed."""
    spec = importlib.util.find_spec("pypandoc")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        for name in ("pandoc", "pandoc.exe"):
            candidate = Path(folder) / "files" / name
            if candidate.is_file():
                return candidate
    return None


def _parse_version(text: str) -> tuple[int, ...]:
    match = re.search(r"pandoc(?:\.exe)?\s+(\d+(?:\.\d+)*)", text)
    if match is None:
        return ()
    return tuple(int(part) for part in match.group(1).split("."))


@functools.cache
def find_pandoc() -> tuple[Path, str]:
    """Return the pandoc executable and its version string.

    The wheel's binary comes first (a known version that works offline); a ``pandoc`` on
    ``PATH`` is used only when it is recent enough.

    Raises:
        RenderError: No suitable pandoc was found.

    """
    candidates: list[Path] = []
    wheel = _wheel_binary()
    if wheel is not None:
        candidates.append(wheel)
    on_path = shutil.which("pandoc")
    if on_path is not None:
        candidates.append(Path(on_path))
    found: list[str] = []
    for binary in candidates:
        try:
            out = subprocess.run(
                [str(binary), "--version"], capture_output=True, text=True, timeout=30, check=True
            ).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        version = _parse_version(out)
        if version >= MIN_VERSION:
            return binary, ".".join(map(str, version))
        found.append(f"{binary} ({'.'.join(map(str, version)) or 'unknown version'})")
    need = ".".join(map(str, MIN_VERSION))
    if found:
        raise RenderError(
            f"pandoc {need} or newer is needed for DOCX and ODT; found {', '.join(found)}; "
            + _INSTALL_HINT
        )
    raise RenderError(f"pandoc is needed for DOCX and ODT output; {_INSTALL_HINT}")


def pandoc_version() -> str:
    """Return the version of the pandoc that conversions use, e.g. ``3.9``."""
    return find_pandoc()[1]


def run_pandoc(
    args: Sequence[str], stdin: bytes, *, epoch: int | None = None, cwd: Path | None = None
) -> bytes:
    """Run pandoc with ``--sandbox`` on ``stdin`` and return what it wrote to stdout.

    Args:
        args: pandoc arguments (formats, reference document, extensions).
        stdin: The input document.
        epoch: ``SOURCE_DATE_EPOCH`` for pandoc, so the dates it writes are the build date.
        cwd: Working folder (an empty temporary folder), so relative names resolve nowhere.

    Raises:
        RenderError: pandoc failed, timed out or could not be started; the message carries
            pandoc's own explanation.

    """
    binary, _ = find_pandoc()
    env = {key: value for key, value in os.environ.items() if key in ("PATH", "LANG", "LC_ALL")}
    # The Haskell runtime may read HOME and XDG folders for user data files; point them at
    # the empty working folder so no file of the user's is ever picked up.
    if cwd is not None:
        env["HOME"] = str(cwd)
        env["XDG_DATA_HOME"] = str(cwd)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    command = [str(binary), "--sandbox", *args]
    try:
        done = subprocess.run(
            command,
            input=stdin,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            env=env,
            cwd=str(cwd) if cwd is not None else None,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(f"pandoc did not finish within {TIMEOUT_SECONDS:.0f} s") from None
    except OSError as exc:
        raise RenderError(f"pandoc could not be started ({exc})") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip() or f"exit code {done.returncode}"
        raise RenderError(f"pandoc failed: {message}")
    return done.stdout
