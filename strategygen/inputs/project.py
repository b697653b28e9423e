"""The project file (``strategygen.toml``): section choice and order, title, horizon, tailoring."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from strategygen.errors import Problem, ProfileError, UsageError
from strategygen.inputs.loader import dotted
from strategygen.inputs.profile import SECTION_IDS, Horizon

if TYPE_CHECKING:
    from strategygen.inputs.theme import LoadedTheme

PROJECT_FILE = "strategygen.toml"

# Sections a project may choose, in their default order. The cover and contents
# (front_matter) always come first and cannot be removed: the draft notice is on it.
SECTION_ORDER: tuple[str, ...] = (
    # The chapters a profile may also write narrative for, then the annexes.
    *SECTION_IDS,
    "annex_sources",
    "annex_methodology",
    "annex_rules",
    "annex_gaps",
    "annex_glossary",
)

TITLE_FIELDS = ("country", "code", "start", "end")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def check_sections(names: list[str]) -> list[str]:
    """Return ``names`` if every one is a known section, listed once; raise ValueError if not."""
    unknown = [n for n in names if n not in SECTION_ORDER]
    if unknown:
        raise ValueError(
            f"unknown section name(s): {', '.join(unknown)}; "
            f"valid names are: {', '.join(SECTION_ORDER)}"
        )
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValueError(f"section(s) listed more than once: {', '.join(repeated)}")
    return names


def check_title(pattern: str) -> str:
    """Return ``pattern`` if its placeholders are all known; raise ValueError if not."""
    unknown = [p for p in _PLACEHOLDER.findall(pattern) if p not in TITLE_FIELDS]
    if unknown:
        raise ValueError(
            f"unknown placeholder(s) {', '.join('{' + u + '}' for u in unknown)}; "
            f"use {', '.join('{' + f + '}' for f in TITLE_FIELDS)}"
        )
    return pattern


def fill_title(pattern: str, values: dict[str, str]) -> str:
    """Fill ``{country}``-style placeholders by plain substitution (never str.format)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), pattern)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class DocumentSettings(_Model):
    """What the document contains and how it is titled."""

    sections: list[str] | None = None
    """Sections to include, in order (the cover and contents always come first)."""
    title: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    """Title pattern with {country}, {code}, {start} and {end} placeholders."""
    horizon: Horizon | None = None
    """Strategy years, used when a profile does not set its own."""

    @field_validator("sections")
    @classmethod
    def _known_sections(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else check_sections(value)

    @field_validator("title")
    @classmethod
    def _known_placeholders(cls, value: str | None) -> str | None:
        return None if value is None else check_title(value)


class BuildSettings(_Model):
    """Tailoring inputs, as paths relative to the project file."""

    templates: list[str] = []
    """Override template folders, searched in order before the defaults."""
    theme: str | None = None
    """Theme file."""
    rules: list[str] = []
    """Extra rule folders; a rule with an existing id replaces it."""
    disable_rules: list[str] = []
    """Ids of rules that must never fire."""


class ProjectFile(_Model):
    """The whole project file."""

    document: DocumentSettings = DocumentSettings()
    """Document settings."""
    build: BuildSettings = BuildSettings()
    """Tailoring settings."""


@dataclass(frozen=True)
class Project:
    """Project settings with paths resolved against the project file's folder."""

    sections: tuple[str, ...] = SECTION_ORDER
    title: str | None = None
    horizon: Horizon | None = None
    templates: tuple[Path, ...] = ()
    theme: Path | None = None
    rules: tuple[Path, ...] = ()
    disable_rules: tuple[str, ...] = field(default_factory=tuple)


def load_project(path: Path, display: str | None = None) -> Project:
    """Read ``strategygen.toml``; every fault is a ProfileError that names file, line and key.

    Raises:
        ProfileError: TOML syntax errors, unknown keys, unknown section names or placeholders.

    """
    shown = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(shown, [Problem(shown, 0, 0, "", f"cannot read file: {exc}")]) from None
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, column = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        message = re.sub(r"\s*\(at line.*\)", "", str(exc))
        raise ProfileError(
            shown, [Problem(shown, line, column, "", f"TOML syntax error: {message}")]
        ) from None
    try:
        parsed = ProjectFile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            line = _line_of(text, loc)
            message = "unknown key" if error["type"] == "extra_forbidden" else str(error["msg"])
            message = message.removeprefix("Value error, ")
            problems.append(Problem(shown, line, 1, dotted(loc), message))
        raise ProfileError(shown, problems) from None
    base = path.resolve().parent
    doc, build = parsed.document, parsed.build
    return Project(
        sections=tuple(doc.sections) if doc.sections is not None else SECTION_ORDER,
        title=doc.title,
        horizon=doc.horizon,
        templates=tuple(base / t for t in build.templates),
        theme=base / build.theme if build.theme else None,
        rules=tuple(base / r for r in build.rules),
        disable_rules=tuple(build.disable_rules),
    )


def _line_of(text: str, loc: tuple[str | int, ...]) -> int:
    """Find the line that sets the deepest named key of ``loc`` (TOML parsers keep no positions)."""
    names = [part for part in loc if isinstance(part, str)]
    for name in reversed(names):
        pattern = re.compile(rf"^\s*(\[+\s*)?([\w.]*\.)?{re.escape(name)}\s*(=|\])", re.MULTILINE)
        match = pattern.search(text)
        if match:
            return text.count("\n", 0, match.start()) + 1
    return 1


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
    from strategygen.resources import shipped_dir

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
