"""The build's settings: formats, build date, options shared by every document, the theme.

Everything here is resolved once per command, before any document is built, and handed
unchanged to every document and worker.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from strategygen.errors import StrategygenError, UsageError
from strategygen.inputs.project import (
    PROJECT_FILE,
    SECTION_ORDER,
    Project,
    check_sections,
    check_title,
    load_project,
)
from strategygen.inputs.theme import LoadedTheme
from strategygen.render.pdf import PdfOptions

#: The formats ``--format`` accepts (``all`` means both).
FORMATS: tuple[str, ...] = ("html", "pdf")


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


@dataclass(frozen=True)
class BuildOptions:
    """Everything about a build that is not the profile itself.

    Attributes:
        formats: ``"html"`` and/or ``"pdf"``, in :data:`FORMATS` order.
        build_date: The date printed in the documents.
        template_dirs: Override template folders, searched before the shipped templates.
        pdf: Variant, paper, watermark and strict mode.
        force: Rebuild even when the manifest says the outputs are up to date.
        theme: Theme file (issuing body, logo, colours, fonts, cover wording), or None.
        rule_dirs: Extra rule folders; a rule there replaces a shipped rule with its id.
        disabled_rules: Ids of rules that must not fire.
        sections: Section ids to include, in order (None: every section).
        title: Title pattern with ``{country}``, ``{code}``, ``{start}``, ``{end}``.
        horizon: (first, last) year used when a profile sets no strategy horizon.
        project: The project file the settings came from (it enters the hash).

    """

    build_date: dt.date
    formats: tuple[str, ...] = ("html",)
    template_dirs: tuple[str, ...] = ()
    pdf: PdfOptions = field(default_factory=PdfOptions)
    force: bool = False
    theme: str | None = None
    rule_dirs: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    sections: tuple[str, ...] | None = None
    title: str | None = None
    horizon: tuple[int, int] | None = None
    project: str | None = None

    def fingerprint(self) -> dict[str, Any]:
        """Return the options that change the bytes of an output (they enter the hash)."""
        pdf = "pdf" in self.formats
        return {
            "formats": list(self.formats),
            "date": self.build_date.isoformat(),
            "paper": self.pdf.paper,
            "variant": self.pdf.variant,
            "watermark": self.pdf.watermark,
            "strict": self.pdf.strict,
            # The PDF's modification date comes from SOURCE_DATE_EPOCH when it is set.
            "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH") if pdf else None,
            # Tailoring: file contents are hashed in shared_digest; these are the choices.
            "sections": list(self.sections) if self.sections is not None else None,
            "title": self.title,
            "horizon": list(self.horizon) if self.horizon else None,
            "disabled_rules": sorted(self.disabled_rules),
        }


def load_build_theme(path: str | None) -> Any:
    """Load the build's theme (None when there is none); cached per process and file state."""
    if path is None:
        return None
    try:
        stat = Path(path).stat()
        key = (path, stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = (path, 0, 0)
    return _load_theme_cached(key)


@functools.lru_cache(maxsize=4)
def _load_theme_cached(key: tuple[str, int, int]) -> Any:
    # Every document of a batch uses the same theme; read and check its logo once.
    from strategygen.inputs.theme import load_theme

    return load_theme(Path(key[0]))


def with_force(options: BuildOptions, force: bool = True) -> BuildOptions:
    """Return ``options`` with ``force`` set (a small helper for callers and benchmarks)."""
    return replace(options, force=force)


@dataclass(frozen=True)
class Tailoring:
    """Every tailoring input of a build, resolved and checked (paths as strings)."""

    template_dirs: tuple[str, ...] = ()
    theme: str | None = None
    loaded_theme: LoadedTheme | None = None
    rule_dirs: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    sections: tuple[str, ...] | None = None
    title: str | None = None
    horizon: tuple[int, int] | None = None
    project: str | None = None


def resolve_tailoring(
    *,
    project_file: Path | None = None,
    template_dirs: Sequence[Path] = (),
    theme_file: Path | None = None,
    sections: str | None = None,
    title: str | None = None,
    rule_dirs: Sequence[Path] = (),
    disabled_rules: Sequence[str] = (),
    cwd: Path | None = None,
) -> Tailoring:
    """Merge the project file with command-line options and check every input once.

    The project file is ``project_file``, else ``strategygen.toml`` in ``cwd`` when it
    exists. Command-line template folders come before the project's (earlier folders win);
    command-line rule folders come after the project's (later folders replace rules);
    ``--theme``, ``--sections`` and ``--title`` replace the project's settings; disabled
    rules from both are combined.

    Raises:
        ProfileError: A located problem in the project or theme file.
        UsageError: An unknown section name or title placeholder, or a missing folder.
        RuleError: A malformed rule file or an unknown rule id to disable.

    """
    from strategygen.assess.rules import load_rules, without_disabled
    from strategygen.inputs.theme import load_theme
    from strategygen.resources import shipped_dir

    folder = cwd or Path.cwd()
    if project_file is None and (folder / PROJECT_FILE).is_file():
        project_file = folder / PROJECT_FILE
    project = load_project(project_file) if project_file is not None else Project()
    chosen: tuple[str, ...] | None = project.sections
    if sections is not None:
        names = [n.strip() for n in sections.split(",") if n.strip()]
        try:
            chosen = tuple(check_sections(names))
        except ValueError as exc:
            raise UsageError(f"--sections: {exc}") from None
    if chosen == SECTION_ORDER:
        chosen = None
    pattern = title if title is not None else project.title
    if title is not None:
        try:
            check_title(title)
        except ValueError as exc:
            raise UsageError(f"--title: {exc}") from None
    templates = [*template_dirs, *project.templates]
    rules = [*project.rules, *rule_dirs]
    for kind, paths in (("template", templates), ("rule", rules)):
        for path in paths:
            if not path.is_dir():
                raise UsageError(f"{kind} folder {path} does not exist")
    theme_path = theme_file or project.theme
    loaded = None
    if theme_path is not None:
        if not theme_path.is_file():
            raise UsageError(f"theme file {theme_path} does not exist")
        loaded = load_theme(theme_path)
    disabled = tuple(dict.fromkeys([*project.disable_rules, *disabled_rules]))

    # Load the library now so a broken rule file or an unknown id fails before any output.
    without_disabled(load_rules([shipped_dir("rules"), *rules]), disabled)
    return Tailoring(
        template_dirs=tuple(str(p) for p in templates),
        theme=str(theme_path) if theme_path is not None else None,
        loaded_theme=loaded,
        rule_dirs=tuple(str(p) for p in rules),
        disabled_rules=disabled,
        sections=chosen,
        title=pattern,
        horizon=(project.horizon.start, project.horizon.end) if project.horizon else None,
        project=str(project_file) if project_file is not None else None,
    )
