"""The regional overview as a build step: resolve the group, assess, render, write atomically.

:func:`build_region` shares the build plan of ``strategygen build`` (theme, override
templates, rule library, paper, watermark, PDF variant, build date) and its writers (HTML,
PDF, and DOCX and ODT from the same HTML), renders every format in
memory first and then replaces each file atomically, so a failure leaves the previous
overview as it was. Like :func:`~strategygen.build.document.build_one` it reports a failed
document in its result rather than raising.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from strategygen.build.commit import Output, check_output_dir, commit, document_lock, recover
from strategygen.build.plan import BuildPlan
from strategygen.errors import RenderError, StrategygenError

if TYPE_CHECKING:
    from strategygen.assess.region.group import RegionGroup
    from strategygen.assess.region.model import RegionAssessment

#: Where overviews go under the output folder: ``regions/<GROUP>/<GROUP>-overview.html``.
REGIONS_DIR = "regions"


@dataclass(frozen=True)
class RegionResult:
    """The outcome of one overview (picklable, printable as JSON).

    Attributes:
        group: The group's key (its folder and file name).
        title: The group as the cover names it.
        status: ``built`` or ``failed``.
        members: Codes of the members compared.
        outside: Codes reported apart (associate members, countries outside the index).
        formats: The formats asked for.
        outputs: Files written.
        pages: PDF page count, when a PDF was built.
        seconds: Wall time of the whole overview.
        timings: Seconds per stage (assess, html, pdf, docx, odt, write).
        warnings: WeasyPrint's warnings and errors, then the office writers' (``docx: ...``).
        error: The located error text of a failure.

    """

    group: str
    title: str
    status: Literal["built", "failed"]
    members: tuple[str, ...] = ()
    outside: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    outputs: tuple[Path, ...] = ()
    pages: int | None = None
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the result as plain JSON data (paths as strings)."""
        return {
            "group": self.group,
            "title": self.title,
            "status": self.status,
            "members": list(self.members),
            "outside": list(self.outside),
            "formats": list(self.formats),
            "outputs": [str(p) for p in self.outputs],
            "pages": self.pages,
            "seconds": round(self.seconds, 4),
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
            "warnings": list(self.warnings),
            "error": self.error,
        }


def region_folder(output_dir: Path, key: str) -> Path:
    """Return the folder of group ``key``'s overview under ``output_dir``."""
    return output_dir / REGIONS_DIR / key


def group_for(
    spec: str, *, profile_dirs: Sequence[Path] = (), label: str | None = None
) -> RegionGroup:
    """Resolve ``spec`` (``CDCC``, a UN sub-region or codes) to a group with its profiles.

    For a sub-region, every available profile is read for the sub-region it records, so
    territories that no index covers are found too.

    Raises:
        UsageError: An unknown group, a missing profile, or too few indexed countries.
        ProfileError: A profile that cannot be loaded (sub-region groups read them all).

    """
    from strategygen.assess.region.group import profile_files, resolve_group, subregions
    from strategygen.inputs.loader import load_profile

    regions: dict[str, str] = {}
    names: dict[str, str] = {}
    if spec.strip().lower() in subregions():
        for code, path in profile_files(profile_dirs).items():
            profile = load_profile(path)
            names[code] = profile.identity.name
            if profile.identity.un_region:
                regions[code] = profile.identity.un_region
    return resolve_group(spec, profile_dirs=profile_dirs, names=names, regions=regions, label=label)


def assess_group(group: RegionGroup, plan: BuildPlan) -> RegionAssessment:
    """Load the group's profiles and assess it with the plan's date, rules and tailoring.

    Raises:
        ProfileError: A member's profile cannot be loaded (every problem, located).

    """
    from strategygen.assess.region.run import assess_region
    from strategygen.inputs.loader import load_profile

    profiles = {code: load_profile(path) for code, path in group.profiles.items()}
    return assess_region(
        group, profiles, plan.build_date, tailoring=plan.tailoring, rules=plan.rules
    )


def region_html(assessment: RegionAssessment, plan: BuildPlan) -> str:
    """Render the overview's HTML with the plan's templates, theme and watermark."""
    from strategygen.render.region_html import render_region

    return render_region(assessment, tailoring=plan.tailoring, theme=plan.theme)


def region_pdf(html: str, plan: BuildPlan, name: str) -> tuple[bytes, int, tuple[str, ...]]:
    """Render the overview's PDF: the plan's paper, watermark and variant; relative links kept.

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
        # The member briefs link to ../../<CODE>/<CODE>-strategy.pdf: kept relative, the
        # links work wherever the output folder is copied.
        relative_links=True,
    )
    if plan.tailoring.strict and rendered.warnings:
        listed = "\n  ".join(rendered.warnings)
        raise RenderError(
            f"{name}: WeasyPrint reported {len(rendered.warnings)} problem(s) "
            f"(--strict):\n  {listed}"
        )
    return rendered.data, rendered.pages, rendered.warnings


def build_region(group: RegionGroup, plan: BuildPlan, output_dir: Path) -> RegionResult:
    """Build the overview of ``group`` into ``output_dir/regions/<KEY>/``.

    Every format is rendered in memory, then all of them replace the previous files
    together, or none does, under the overview folder's lock. Never raises for a bad
    profile, template or render: the error text is in the result. ``KeyboardInterrupt``
    propagates (the temporaries are removed).
    """
    start = time.perf_counter()
    timings: dict[str, float] = {}
    base = RegionResult(
        group=group.key,
        title=group.title,
        status="failed",
        members=group.members,
        outside=group.outside,
        formats=plan.formats,
    )

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        timings[name] = now - since
        return now

    name = f"{group.key}-overview"
    try:
        t = time.perf_counter()
        assessment = assess_group(group, plan)
        t = lap("assess", t)
        html = region_html(assessment, plan)
        t = lap("html", t)
        files: list[tuple[str, str | bytes]] = []
        if "html" in plan.formats:
            files.append((f"{name}.html", html))
        pages: int | None = None
        warnings: tuple[str, ...] = ()
        if "pdf" in plan.formats:
            data, pages, warnings = region_pdf(html, plan, name)
            files.append((f"{name}.pdf", data))
            t = lap("pdf", t)
        for fmt in ("docx", "odt"):
            if fmt in plan.formats:
                from strategygen.build.document import office_document

                office, messages = office_document(html, plan, fmt)
                warnings += tuple(f"{fmt}: {m}" for m in messages)
                files.append((f"{name}.{fmt}", office))
                t = lap(fmt, t)
        folder = region_folder(output_dir, group.key)
        check_output_dir(folder)
        # As for a country's draft: one build at a time, a killed build's leftovers
        # undone, and every format replaced together or not at all.
        with document_lock(folder):
            recover(folder, group.key, "overview")
            outputs = [
                Output(file_name, content.encode("utf-8") if isinstance(content, str) else content)
                for file_name, content in files
            ]
            commit(folder, outputs)
        lap("write", t)
    except StrategygenError as exc:
        return _failed(base, str(exc), start, timings)
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        reason = exc.strerror or str(exc)
        return _failed(base, f"{name}: cannot read or write{where}: {reason}", start, timings)
    except Exception as exc:  # an unforeseen failure is reported like the others
        return _failed(base, f"{name}: internal error: {type(exc).__name__}: {exc}", start, timings)
    seconds = time.perf_counter() - start
    timings["total"] = seconds
    return RegionResult(
        group=group.key,
        title=group.title,
        status="built",
        members=group.members,
        outside=group.outside,
        formats=plan.formats,
        outputs=tuple(folder / f for f, _ in files),
        pages=pages,
        seconds=seconds,
        timings=timings,
        warnings=warnings,
    )


def _failed(
    base: RegionResult, message: str, start: float, timings: dict[str, float]
) -> RegionResult:
    from dataclasses import replace

    return replace(base, error=message, seconds=time.perf_counter() - start, timings=timings)


def draft_jobs(group: RegionGroup) -> list[Any]:
    """Return the build jobs of the group's country drafts (members, then those apart)."""
    from strategygen.build.document import BuildJob

    return [BuildJob(group.profiles[c], c) for c in group.codes]
