"""One document: load, assess, render HTML (and PDF), write atomically, then the manifest.

:func:`build_one` never raises for a bad profile, template or render: the located error
text is in its :class:`DocResult`, so one country's failure never stops the others.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from strategygen.atomic import write_atomic
from strategygen.build.manifest import (
    MANIFEST_NAME,
    MANIFEST_SCHEMA,
    find_up_to_date,
    inputs_hash,
    read_manifest,
    tool_versions,
    up_to_date,
)
from strategygen.build.plan import BuildOptions, load_build_theme
from strategygen.errors import StrategygenError

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
        timings: Seconds per stage (load, assess, html, pdf, write).
        warnings: WeasyPrint's warnings and errors.
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


def _memory_kb() -> tuple[int, int]:
    """Return (peak, current) resident memory of this process in KiB (Linux units)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            current = int(fh.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, ValueError, IndexError):
        current = 0
    return int(peak), current


def build_one(job: BuildJob, options: BuildOptions, output_dir: Path, shared: str) -> DocResult:
    """Build one profile into ``output_dir/<CODE>/``, then write its manifest.

    Every output is rendered in memory before any file is written, and each file is
    replaced atomically, so a failure leaves the previous outputs and manifest as they were.
    Never raises for a bad profile, template or render: the error text is in the result.
    ``KeyboardInterrupt`` propagates (after the atomic writers have removed their temp files).
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
            formats=options.formats,
            seconds=time.perf_counter() - start,
            timings=timings,
            error=message,
            worker=os.getpid(),
            peak_rss_kb=peak,
            rss_kb=current,
        )

    try:
        from strategygen.assess.run import assess
        from strategygen.inputs.loader import load_profile
        from strategygen.render.html import render_document

        profile_bytes = job.path.read_bytes()
        digest = inputs_hash(shared, profile_bytes)
        t = time.perf_counter()
        profile = load_profile(job.path, job.display)
        code, country = profile.code, profile.identity.name
        t = lap("load", t)
        folder = output_dir / code
        manifest = read_manifest(folder / MANIFEST_NAME)
        if not options.force and manifest is not None and up_to_date(manifest, digest, folder):
            return _skipped(job, manifest, folder, time.perf_counter() - start)
        assessment = assess(
            profile,
            options.build_date,
            rule_dirs=[Path(d) for d in options.rule_dirs],
            disabled_rules=options.disabled_rules,
            default_horizon=options.horizon,
        )
        t = lap("assess", t)
        html = render_document(
            assessment,
            build_date=options.build_date,
            template_dirs=options.template_dirs,
            meta_overrides={"watermark": options.pdf.watermark},
            sections=options.sections,
            theme=load_build_theme(options.theme),
            title_pattern=options.title,
        )
        t = lap("html", t)
        files: list[tuple[str, str, str | bytes]] = []
        if "html" in options.formats:
            files.append(("html", f"{code}-strategy.html", html))
        pages: int | None = None
        warnings: tuple[str, ...] = ()
        if "pdf" in options.formats:
            pdf, pages, messages = _render_pdf(html, assessment, options)
            warnings = tuple(messages)
            if options.pdf.strict and warnings:
                listed = "\n  ".join(warnings)
                return failed(
                    f"{job.display}: WeasyPrint reported {len(warnings)} problem(s) "
                    f"(--strict):\n  {listed}"
                )
            files.append(("pdf", f"{code}-strategy.pdf", pdf))
            t = lap("pdf", t)
        entries = []
        for fmt, name, data in files:
            write_atomic(folder / name, data)
            raw = data.encode("utf-8") if isinstance(data, str) else data
            entry: dict[str, Any] = {
                "format": fmt,
                "file": name,
                "bytes": len(raw),
                "sha256": hashlib.sha256(raw).hexdigest(),
            }
            if fmt == "pdf":
                entry["pages"] = pages
            entries.append(entry)
        lap("write", t)
        seconds = time.perf_counter() - start
        timings["total"] = seconds
        manifest_data = {
            "schema": MANIFEST_SCHEMA,
            "code": code,
            "country": country,
            "source": job.display,
            "inputs_hash": digest,
            "options": options.fingerprint(),
            "template_dirs": list(options.template_dirs),
            "tailoring": {
                "theme": options.theme,
                "rule_dirs": list(options.rule_dirs),
                "project": options.project,
            },
            "versions": tool_versions(options.formats),
            "outputs": entries,
            "pages": pages,
            "timings": {k: round(v, 4) for k, v in timings.items()},
            "warnings": list(warnings),
        }
        # The manifest goes last: it vouches for outputs that are already in place.
        write_atomic(folder / MANIFEST_NAME, json.dumps(manifest_data, indent=2) + "\n")
    except StrategygenError as exc:
        return failed(str(exc))
    except OSError as exc:
        return failed(f"{job.display}: cannot read or write: {exc.strerror or exc}")
    except Exception as exc:  # isolation: an unforeseen failure costs one country only
        return failed(f"{job.display}: internal error: {type(exc).__name__}: {exc}")
    peak, current = _memory_kb()
    return DocResult(
        source=job.display,
        status="built",
        code=code,
        country=country,
        formats=options.formats,
        outputs=tuple(folder / e["file"] for e in entries),
        pages=pages,
        seconds=seconds,
        timings=timings,
        warnings=warnings,
        worker=os.getpid(),
        peak_rss_kb=peak,
        rss_kb=current,
    )


def _render_pdf(html: str, assessment: Any, options: BuildOptions) -> tuple[bytes, int, list[str]]:
    """Render the PDF bytes of one document with its metadata (WeasyPrint imported here)."""
    from strategygen.render.context import default_meta
    from strategygen.render.pdf import PdfMetadata, default_asset_dirs, render_pdf_bytes

    profile = assessment.profile
    meta = default_meta(
        assessment,
        options.build_date,
        theme=load_build_theme(options.theme),
        title_pattern=options.title,
    )
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
        created=options.build_date,
        generator=meta.generator,
    )
    return render_pdf_bytes(
        html,
        asset_dirs=default_asset_dirs(options.template_dirs),
        variant=options.pdf.variant,
        paper=options.pdf.paper,
        watermark=options.pdf.watermark,
        metadata=metadata,
    )
