"""The project file (``strategygen.toml``): section choice and order, title, horizon, tailoring."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from strategygen.errors import ProfileError
from strategygen.inputs.problems import did_you_mean, translate
from strategygen.inputs.profile import SECTION_IDS, Horizon
from strategygen.inputs.tomlsource import read_toml_file

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


def check_section(name: str) -> str:
    """Return ``name`` if it is a known section; raise ValueError naming the nearest if not."""
    if name not in SECTION_ORDER:
        raise ValueError(
            f"unknown section{did_you_mean(name, SECTION_ORDER)} "
            f"Valid names: {', '.join(SECTION_ORDER)}"
        )
    return name


def check_sections(names: list[str]) -> list[str]:
    """Return ``names`` if every one is a known section, listed once; raise ValueError if not."""
    unknown = [n for n in names if n not in SECTION_ORDER]
    if unknown:
        text = "; ".join(f"unknown section {n!r}{did_you_mean(n, SECTION_ORDER)}" for n in unknown)
        end = " " if text.endswith("?") else ". "
        raise ValueError(f"{text}{end}Valid names: {', '.join(SECTION_ORDER)}")
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


SectionName = Annotated[str, AfterValidator(check_section)]


class DocumentSettings(_Model):
    """What the document contains and how it is titled."""

    sections: list[SectionName] | None = None
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
    source = read_toml_file(path, display)
    try:
        parsed = ProjectFile.model_validate(source.data)
    except ValidationError as exc:
        raise ProfileError(source.display, translate(exc, source, ProjectFile)) from None
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
