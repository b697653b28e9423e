"""Build orchestration: profile files in, one HTML document per country out, written atomically."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from strategygen.errors import StrategygenError


def default_build_date() -> dt.date:
    """Return SOURCE_DATE_EPOCH as a UTC date when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise StrategygenError(
                f"SOURCE_DATE_EPOCH must be a whole number of seconds (got {epoch!r})"
            ) from None
    return dt.date.today()


def write_atomic(target: Path, data: str) -> None:
    """Write text to ``target`` through a temporary file in the same folder and a rename.

    A failure leaves no half-written file and keeps the previous version intact.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def html_for_profile(
    path: Path,
    *,
    build_date: dt.date,
    display: str | None = None,
    template_dirs: Sequence[Path | str] = (),
) -> tuple[str, str]:
    """Load, assess and render one profile.

    Returns:
        (country code, HTML text).

    Raises:
        StrategygenError: A located profile, rule or template error.

    """
    from strategygen.assess import assess
    from strategygen.loader import load_profile
    from strategygen.render import render_document

    profile = load_profile(path, display)
    assessment = assess(profile, build_date)
    html = render_document(assessment, build_date=build_date, template_dirs=template_dirs)
    return profile.code, html


@dataclass(frozen=True)
class BuildResult:
    """The outcome of building one profile: the file written, or the error text."""

    source: str
    output: Path | None
    error: str | None
    seconds: float


def build_html(
    paths: Iterable[tuple[Path, str]],
    *,
    output_dir: Path,
    build_date: dt.date,
    template_dirs: Sequence[Path | str] = (),
) -> list[BuildResult]:
    """Build ``output_dir/<CODE>/<CODE>-strategy.html`` for each (path, display name).

    One failing profile does not stop the others; its error is returned in its result.
    """
    import time

    results: list[BuildResult] = []
    for path, display in paths:
        start = time.perf_counter()
        try:
            code, html = html_for_profile(
                path, build_date=build_date, display=display, template_dirs=template_dirs
            )
            target = output_dir / code / f"{code}-strategy.html"
            write_atomic(target, html)
        except StrategygenError as exc:
            results.append(BuildResult(display, None, str(exc), time.perf_counter() - start))
        except OSError as exc:
            message = f"{display}: cannot write output: {exc.strerror or exc}"
            results.append(BuildResult(display, None, message, time.perf_counter() - start))
        else:
            results.append(BuildResult(display, target, None, time.perf_counter() - start))
    return results
