"""The build plan: everything a command's documents share, resolved and checked once.

:func:`resolve_plan` merges the project file with the command-line (or API) tailoring,
reads the build date, loads the theme and the rule library, checks the template folders,
the theme's fonts and (for PDF) WeasyPrint, and returns one frozen :class:`BuildPlan`.
Every document of the command, in this process or in a worker, uses that same plan: nothing
in it is read again per document.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from strategygen.errors import StrategygenError, UsageError
from strategygen.inputs.tailoring import SECTION_ORDER, Tailoring

if TYPE_CHECKING:
    from strategygen.assess.rules import Rule
    from strategygen.inputs.theme import LoadedTheme

#: The formats ``--format`` accepts (``all`` means every one), in build order.
FORMATS: tuple[str, ...] = ("html", "pdf", "docx", "odt")


def resolve_build_date(explicit: dt.date | None = None) -> dt.date:
    """Return the build date: ``explicit``, else SOURCE_DATE_EPOCH's UTC date, else today.

    This is the only place the environment variable is read. A value that is not a whole
    number of seconds is an error even when ``explicit`` is given: a reproducible-build
    setting that is silently ignored would be worse than none.

    Raises:
        StrategygenError: SOURCE_DATE_EPOCH is set but malformed.

    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    from_env = None
    if epoch is not None and epoch.strip():
        try:
            from_env = dt.datetime.fromtimestamp(int(epoch.strip()), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise StrategygenError(
                f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (got {epoch!r})"
            ) from None
    return explicit or from_env or dt.date.today()


@dataclass(frozen=True)
class BuildPlan:
    """What every document of one command shares; frozen, picklable, resolved once.

    Attributes:
        tailoring: The merged settings (project file, then command line or API).
        build_date: The date printed in the documents and written into the PDFs.
        formats: Some of ``html``, ``pdf``, ``docx`` and ``odt``, in :data:`FORMATS` order.
        project: The project file the settings came from, or None.
        theme: The loaded theme (logo checked and encoded), or None.
        rules: The rule library, loaded and checked, disabled rules removed.
        sections: The sections to include, in order.
        paper: The paper size of the PDF, DOCX and ODT (the tailoring's, else the theme's,
            else a4).
        watermark: Whether documents carry the DRAFT watermark.
        force: Rebuild even the outputs a manifest says are up to date.
        warnings: Problems found while resolving that do not stop the build.

    """

    tailoring: Tailoring
    build_date: dt.date
    formats: tuple[str, ...] = ("html",)
    project: Path | None = None
    theme: LoadedTheme | None = None
    rules: tuple[Rule, ...] = ()
    sections: tuple[str, ...] = SECTION_ORDER
    paper: str = "a4"
    watermark: bool = True
    force: bool = False
    warnings: tuple[str, ...] = ()

    @property
    def template_dirs(self) -> tuple[Path, ...]:
        """Override template folders, searched in order before the shipped templates."""
        return self.tailoring.templates

    def fingerprint(self) -> dict[str, Any]:
        """Return the choices that change an output's bytes (file contents are hashed apart)."""
        return {
            "formats": list(self.formats),
            "date": self.build_date.isoformat(),
            "paper": self.paper,
            "watermark": self.watermark,
            **self.tailoring.fingerprint(),
        }

    def with_force(self, force: bool = True) -> BuildPlan:
        """Return this plan with ``force`` set."""
        return replace(self, force=force)


def resolve_plan(
    tailoring: Tailoring | None = None,
    *,
    project: Path | str | None = None,
    build_date: dt.date | None = None,
    formats: Sequence[str] = ("html",),
    force: bool = False,
) -> BuildPlan:
    """Resolve and check everything a build shares, once, before any document is built.

    Args:
        tailoring: Settings from the command line or the API; they win over the project's.
        project: A project file (``strategygen.toml``) to read settings from first.
        build_date: The date to print; default SOURCE_DATE_EPOCH, else today.
        formats: Output formats (``html``, ``pdf``, ``docx``, ``odt``).
        force: Rebuild up-to-date outputs too.

    Raises:
        ProfileError: A located problem in the project or theme file.
        UsageError: A missing folder or file, an unknown format, or (``strict``) a theme
            font that is not installed.
        RuleError: A malformed rule file or an unknown rule id to disable.

    """
    from strategygen.assess.run import rule_library
    from strategygen.render.overrides import check_overrides

    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UsageError(
            f"unknown format {', '.join(unknown) or '(none)'}; use html, pdf, docx or odt"
        )
    chosen = tuple(f for f in FORMATS if f in formats)
    date = resolve_build_date(build_date)
    given = tailoring or Tailoring()
    project_path = Path(project) if project is not None else None
    merged = given
    if project_path is not None:
        from strategygen.inputs.project import load_project

        merged = given.merged_over(load_project(project_path))
    for kind, paths in (("template", merged.templates), ("rule", merged.rules)):
        for path in paths:
            if not path.is_dir():
                raise UsageError(f"{kind} folder {path} does not exist")
    # A template that would recurse into itself, or a block its parent lacks, fails here,
    # once, rather than in every document.
    check_overrides(merged.templates)
    try:
        sections = merged.chosen_sections()
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    theme = None
    if merged.theme is not None:
        if not merged.theme.is_file():
            raise UsageError(f"theme file {merged.theme} does not exist")
        from strategygen.inputs.theme import load_theme

        theme = load_theme(merged.theme)
    warnings = _font_warnings(theme)
    if warnings and merged.strict:
        raise UsageError("\n".join(f"{w} (--strict)" for w in warnings))
    return BuildPlan(
        tailoring=merged,
        build_date=date,
        formats=chosen,
        project=project_path,
        theme=theme,
        rules=rule_library(merged.rules, merged.disable_rules),
        sections=sections,
        paper=merged.paper_for(theme),
        watermark=merged.watermark_for(theme),
        force=force,
        warnings=tuple(warnings),
    )


def _font_warnings(theme: LoadedTheme | None) -> list[str]:
    """Name each theme font that fontconfig cannot find (the PDF would use a fallback)."""
    if theme is None:
        return []
    from strategygen.render.fonts import font_installed

    fonts = theme.theme.fonts
    out = []
    for role, family in (("fonts.body", fonts.body), ("fonts.headings", fonts.headings)):
        if font_installed(family) is False:
            out.append(
                f"theme {role}: font {family!r} is not installed; PDFs will use a fallback "
                "font (install it, or name one that 'fc-list : family' shows)"
            )
    return out
