"""Build orchestration: profile files in, one HTML document per country out, written atomically."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from strategygen.errors import StrategygenError
from strategygen.pdf import PdfOptions, PdfResult


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
        # mkstemp creates the file owner-only (0600); a published draft should be
        # readable like any other file the user writes.
        os.chmod(tmp, 0o644)
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


def pdf_for_profile(
    path: Path,
    *,
    output_dir: Path,
    build_date: dt.date,
    display: str | None = None,
    template_dirs: Sequence[Path | str] = (),
    options: PdfOptions | None = None,
    write_html: bool = False,
) -> tuple[str, tuple[Path, ...], PdfResult]:
    """Build ``output_dir/<CODE>/<CODE>-strategy.pdf`` (and the ``.html`` if ``write_html``).

    Returns:
        (country code, the files written, the PDF writer's result: pages, size,
        WeasyPrint warnings and time).

    Raises:
        StrategygenError: A located profile, rule or template error, a blocked URL, a
            WeasyPrint failure, or a WeasyPrint warning under ``options.strict``.

    """
    from strategygen.assess import assess
    from strategygen.loader import load_profile
    from strategygen.pdf import PdfMetadata, default_asset_dirs, write_pdf
    from strategygen.render import default_meta, render_document

    opts = options or PdfOptions()
    profile = load_profile(path, display)
    assessment = assess(profile, build_date)
    meta = default_meta(assessment, build_date)
    html = render_document(
        assessment,
        build_date=build_date,
        template_dirs=template_dirs,
        meta_overrides={"watermark": opts.watermark},
    )
    target = output_dir / profile.code / f"{profile.code}-strategy.pdf"
    outputs: tuple[Path, ...] = ()
    if write_html:
        write_atomic(target.with_suffix(".html"), html)
        outputs = (target.with_suffix(".html"),)
    metadata = PdfMetadata(
        title=f"{profile.identity.name}: {meta.title} (draft for consultation)",
        author=meta.issuing_body,
        subject=f"Draft national AI strategy for {profile.identity.name}. {meta.version}.",
        keywords=(
            profile.identity.name,
            "artificial intelligence",
            "national AI strategy",
            "public sector",
            "draft",
        ),
        lang=meta.lang,
        created=build_date,
        generator=meta.generator,
    )
    result = write_pdf(
        html,
        target,
        asset_dirs=default_asset_dirs(template_dirs),
        variant=opts.variant,
        paper=opts.paper,
        watermark=opts.watermark,
        strict=opts.strict,
        metadata=metadata,
    )
    return profile.code, (*outputs, target), result


@dataclass(frozen=True)
class BuildResult:
    """The outcome of building one profile: the file written, or the error text."""

    source: str
    output: Path | None
    error: str | None
    seconds: float
    outputs: tuple[Path, ...] = ()
    warnings: tuple[str, ...] = ()
    pdf: PdfResult | None = None


def build_html(
    paths: Iterable[tuple[Path, str]],
    *,
    output_dir: Path,
    build_date: dt.date,
    template_dirs: Sequence[Path | str] = (),
    formats: Sequence[str] = ("html",),
    pdf_options: PdfOptions | None = None,
) -> list[BuildResult]:
    """Build ``output_dir/<CODE>/<CODE>-strategy.html`` for each (path, display name).

    ``formats`` holds ``"html"`` and/or ``"pdf"``; the PDF goes next to the HTML as
    ``<CODE>-strategy.pdf``, rendered with ``pdf_options``.

    One failing profile does not stop the others; its error is returned in its result.
    """
    import time

    results: list[BuildResult] = []
    for path, display in paths:
        start = time.perf_counter()
        pdf_result: PdfResult | None = None
        try:
            if "pdf" in formats:
                _, outputs, pdf_result = pdf_for_profile(
                    path,
                    output_dir=output_dir,
                    build_date=build_date,
                    display=display,
                    template_dirs=template_dirs,
                    options=pdf_options,
                    write_html="html" in formats,
                )
                target = outputs[0]
            else:
                code, html = html_for_profile(
                    path, build_date=build_date, display=display, template_dirs=template_dirs
                )
                target = output_dir / code / f"{code}-strategy.html"
                write_atomic(target, html)
                outputs = (target,)
        except StrategygenError as exc:
            results.append(BuildResult(display, None, str(exc), time.perf_counter() - start))
        except OSError as exc:
            message = f"{display}: cannot write output: {exc.strerror or exc}"
            results.append(BuildResult(display, None, message, time.perf_counter() - start))
        else:
            results.append(
                BuildResult(
                    display,
                    target,
                    None,
                    time.perf_counter() - start,
                    outputs=outputs,
                    warnings=pdf_result.warnings if pdf_result else (),
                    pdf=pdf_result,
                )
            )
    return results
