"""One document: load, assess, render HTML (PDF, DOCX, ODT), write atomically, then the manifest.

:func:`build_one` never raises for a bad profile, template or render: the located error
text is in its :class:`DocResult`, so one country's failure never stops the others.
"""

from __future__ import annotations

import hashlib
import os
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from strategygen.build.commit import Output, Transaction, document_lock, recover
from strategygen.build.manifest import (
    MANIFEST_NAME,
    find_up_to_date,
    inputs_hash,
    manifest_text,
    read_manifest,
    up_to_date,
)
from strategygen.build.plan import BuildPlan
from strategygen.errors import RenderError, StrategygenError
from strategygen.files import FileRefused, os_reason, read_input
from strategygen.inputs.yamlsource import MAX_BYTES
from strategygen.render.narrative import NarrativeError

if TYPE_CHECKING:
    from strategygen.assess.model import Assessment
    from strategygen.inputs.profile import CountryProfile
    from strategygen.render.pdf import RenderedPdf

Status = Literal["built", "skipped", "failed", "interrupted"]


@dataclass(frozen=True)
class BuildJob:
    """One profile to build: its file and the name errors should use for it."""

    path: Path
    display: str


@dataclass(frozen=True)
class DocResult:
    """The outcome of one profile; picklable, so that workers can send it back.

    Attributes:
        source: The profile as the user named it.
        status: ``built``, ``skipped`` (up to date), ``failed`` or ``interrupted``.
        code: ISO alpha-3 code, once the profile has loaded.
        country: Country name, once the profile has loaded.
        formats: The formats asked for.
        outputs: Files written (or found up to date), manifest excluded.
        pages: PDF page count, when a PDF was built.
        seconds: Wall time spent on this document.
        timings: Seconds per stage (load, assess, html, pdf, docx, odt, write).
        warnings: WeasyPrint's warnings and errors, then the office writers' (``docx: ...``).
        error: The located error text of a failure.
        worker: Process id that built it.
        peak_rss_kb: Peak resident memory of that process so far (KiB).
        rss_kb: Resident memory of that process after the document (KiB).

    """

    source: str
    status: Status
    code: str | None = None
    country: str | None = None
    formats: tuple[str, ...] = ()
    outputs: tuple[Path, ...] = ()
    pages: int | None = None
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    error: str | None = None
    worker: int = 0
    peak_rss_kb: int = 0
    rss_kb: int = 0

    def to_json(self) -> dict[str, Any]:
        """Return the result as plain JSON data (paths as strings)."""
        return {
            "source": self.source,
            "status": self.status,
            "code": self.code,
            "country": self.country,
            "formats": list(self.formats),
            "outputs": [str(p) for p in self.outputs],
            "pages": self.pages,
            "seconds": round(self.seconds, 4),
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
            "warnings": list(self.warnings),
            "error": self.error,
            "worker": self.worker,
            "peak_rss_kb": self.peak_rss_kb,
            "rss_kb": self.rss_kb,
        }


def _skipped(job: BuildJob, manifest: dict[str, Any], folder: Path, seconds: float) -> DocResult:
    """Describe an up-to-date document from its manifest."""
    return DocResult(
        source=job.display,
        status="skipped",
        code=manifest.get("code"),
        country=manifest.get("country"),
        formats=tuple(manifest.get("options", {}).get("formats", ())),
        outputs=tuple(folder / e["file"] for e in manifest["outputs"]),
        pages=manifest.get("pages"),
        seconds=seconds,
        warnings=tuple(manifest.get("warnings", ())),
    )


def check_skip(job: BuildJob, output_dir: Path, shared: str) -> DocResult | None:
    """Return a ``skipped`` result when the job's outputs are up to date, else None.

    Used before any worker starts, so a rebuild with nothing changed loads no profile: the
    output folder is guessed from the file name (``JAM.yaml`` -> ``output/JAM``). When the
    name is not the code, the worker checks again once the profile has told it its code.
    """
    start = time.perf_counter()
    folder = output_dir / job.path.stem.upper()
    manifest = find_up_to_date(job.path, folder, shared)
    if manifest is None:
        return None
    return _skipped(job, manifest, folder, time.perf_counter() - start)


def _in_profile(job: BuildJob, exc: NarrativeError) -> str:
    """Locate a narrative block's error at the block's text in the profile file."""
    from strategygen.inputs.yamlsource import read_yaml_file

    try:
        line, column = read_yaml_file(job.path, job.display).locate(
            ("narrative", exc.section_id, "text")
        )
    except StrategygenError:
        line = column = 0
    return f"{job.display}:{line}:{column}: {exc}"


def _memory_kb() -> tuple[int, int]:
    """Return (peak, current) resident memory of this process in KiB (Linux units)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            current = int(fh.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, ValueError, IndexError):
        current = 0
    return int(peak), current


def assess_profile(profile: CountryProfile, plan: BuildPlan) -> Assessment:
    """Assess ``profile`` with the plan's build date, rule library and tailoring."""
    from strategygen.assess.run import assess

    return assess(profile, plan.build_date, tailoring=plan.tailoring, rules=plan.rules)


def html_document(assessment: Assessment, plan: BuildPlan) -> str:
    """Render the HTML document of ``assessment`` with the plan's tailoring and theme."""
    from strategygen.render.html import render_document

    return render_document(assessment, tailoring=plan.tailoring, theme=plan.theme)


def pdf_document(html: str, plan: BuildPlan, name: str) -> RenderedPdf:
    """Render the PDF of ``html`` with the plan's paper, watermark and variant.

    Under ``strict`` any WeasyPrint warning fails the document: this is the one place
    that rule is applied.

    Raises:
        RenderError: The render failed, or (``strict``) WeasyPrint reported a problem.

    """
    from strategygen.render.pdf import default_asset_dirs, render_pdf_bytes

    rendered = render_pdf_bytes(
        html,
        asset_dirs=default_asset_dirs(plan.template_dirs),
        variant=plan.tailoring.pdf_variant,
        paper=plan.paper,
        watermark=plan.watermark,
    )
    if plan.tailoring.strict and rendered.warnings:
        listed = "\n  ".join(rendered.warnings)
        raise RenderError(
            f"{name}: WeasyPrint reported {len(rendered.warnings)} problem(s) "
            f"(--strict):\n  {listed}"
        )
    return rendered


def office_document(html: str, plan: BuildPlan, fmt: str) -> tuple[bytes, list[str]]:
    """Render the DOCX or ODT of ``html`` with the plan's paper, theme and comment choice.

    The styles come from the theme: its ``reference_docx`` for Word when it names one,
    else a reference document made from its colours and fonts.

    Raises:
        RenderError: pandoc or the finishing step failed.

    """
    from strategygen.render.docx import OfficeOptions, render_docx, render_odt, theme_look

    theme = plan.theme
    options = OfficeOptions(paper=plan.paper, comments=plan.tailoring.docx_comments)
    look = theme_look(theme.theme if theme is not None else None)
    if fmt == "docx":
        reference = None
        if theme is not None and theme.reference_docx is not None:
            reference = theme.reference_docx.read_bytes()
        return render_docx(html, reference=reference, look=look, options=options)
    return render_odt(html, look=look, options=options)


def build_one(
    job: BuildJob,
    plan: BuildPlan,
    output_dir: Path,
    shared: str,
    *,
    still_wanted: Callable[[], bool] | None = None,
) -> DocResult:
    """Build one profile into ``output_dir/<CODE>/`` with its manifest, all files together.

    The document's lock is held from the up-to-date check to the last rename, so two
    builds never interleave; what a killed build left is cleaned up first. Every output is
    rendered in memory, written to temporary files, and then all of them (manifest last)
    replace the previous ones together, or none does (:mod:`strategygen.build.commit`).
    ``still_wanted`` is asked before anything is replaced: a worker whose batch is gone
    writes nothing. Never raises for a bad profile, template or render: the error text is
    in the result. ``KeyboardInterrupt`` propagates (after the temporaries are removed).
    """
    start = time.perf_counter()
    timings: dict[str, float] = {}
    code: str | None = None
    country: str | None = None

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        timings[name] = now - since
        return now

    def failed(message: str) -> DocResult:
        peak, current = _memory_kb()
        return DocResult(
            source=job.display,
            status="failed",
            code=code,
            country=country,
            formats=plan.formats,
            seconds=time.perf_counter() - start,
            timings=timings,
            error=message,
            worker=os.getpid(),
            peak_rss_kb=peak,
            rss_kb=current,
        )

    try:
        from strategygen.inputs.loader import load_profile

        try:
            # A regular file only: a FIFO or a device would hang the build.
            profile_bytes = read_input(job.path, limit=MAX_BYTES, what="profile")
        except FileRefused as exc:
            at = 1 if exc.reason == "size" else 0
            return failed(f"{job.display}:{at}:{at}: {exc.message}")
        digest = inputs_hash(shared, profile_bytes)
        t = time.perf_counter()
        profile = load_profile(job.path, job.display)
        code, country = profile.code, profile.identity.name
        t = lap("load", t)
        folder = output_dir / code
        with document_lock(folder):
            recover(folder, code)
            manifest = read_manifest(folder / MANIFEST_NAME)
            if not plan.force and manifest is not None and up_to_date(manifest, digest, folder):
                return _skipped(job, manifest, folder, time.perf_counter() - start)
            assessment = assess_profile(profile, plan)
            t = lap("assess", t)
            html = html_document(assessment, plan)
            t = lap("html", t)
            files: list[tuple[str, str, bytes]] = []
            if "html" in plan.formats:
                files.append(("html", f"{code}-strategy.html", html.encode("utf-8")))
            pages: int | None = None
            warnings: tuple[str, ...] = ()
            if "pdf" in plan.formats:
                rendered = pdf_document(html, plan, job.display)
                pages, warnings = rendered.pages, rendered.warnings
                files.append(("pdf", f"{code}-strategy.pdf", rendered.data))
                t = lap("pdf", t)
            for fmt in ("docx", "odt"):
                if fmt in plan.formats:
                    office, messages = office_document(html, plan, fmt)
                    warnings += tuple(f"{fmt}: {m}" for m in messages)
                    files.append((fmt, f"{code}-strategy.{fmt}", office))
                    t = lap(fmt, t)
            with Transaction(folder, still_wanted=still_wanted) as transaction:
                entries = []
                for fmt, name, data in files:
                    transaction.add(Output(name, data))
                    entry: dict[str, Any] = {
                        "format": fmt,
                        "file": name,
                        "bytes": len(data),
                        "sha256": hashlib.sha256(data).hexdigest(),
                    }
                    if fmt == "pdf":
                        entry["pages"] = pages
                    entries.append(entry)
                lap("write", t)
                seconds = time.perf_counter() - start
                timings["total"] = seconds
                manifest_data = manifest_text(
                    plan=plan,
                    code=code,
                    country=country,
                    source=job.display,
                    digest=digest,
                    entries=entries,
                    pages=pages,
                    timings=timings,
                    warnings=warnings,
                )
                # The manifest is committed with the outputs it describes, last.
                transaction.add(Output(MANIFEST_NAME, manifest_data.encode("utf-8")))
                transaction.commit()
    except NarrativeError as exc:
        return failed(_in_profile(job, exc))
    except StrategygenError as exc:
        return failed(str(exc))
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        return failed(f"{job.display}: cannot read or write{where}: {os_reason(exc)}")
    except Exception as exc:  # isolation: an unforeseen failure costs one country only
        return failed(f"{job.display}: internal error: {type(exc).__name__}: {exc}")
    peak, current = _memory_kb()
    return DocResult(
        source=job.display,
        status="built",
        code=code,
        country=country,
        formats=plan.formats,
        outputs=tuple(folder / e["file"] for e in entries),
        pages=pages,
        seconds=seconds,
        timings=timings,
        warnings=warnings,
        worker=os.getpid(),
        peak_rss_kb=peak,
        rss_kb=current,
    )
