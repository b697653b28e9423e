"""The tailoring settings: one type for the project file, the command line, the API and the hash.

:class:`Tailoring` is the single source of truth for how documents are tailored. Each field
carries a :class:`Setting` that says where it lives in the project file, how a command-line
value combines with the project file's, and which option spells it on the command line.
The project file's schema (``inputs/project.py``), the ``build`` command's options
(``cli/build.py``), the build fingerprint and the manifest are all derived from these
fields, so a new setting is added here and nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from strategygen.inputs.problems import did_you_mean
from strategygen.inputs.profile import SECTION_IDS, Horizon

if TYPE_CHECKING:
    from strategygen.inputs.theme import LoadedTheme

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

#: The project file a command reads from the current folder when none is named.
PROJECT_FILE = "strategygen.toml"

TITLE_FIELDS = ("country", "code", "start", "end")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def find_project(folder: Path) -> Path | None:
    """Return ``folder/strategygen.toml`` when it exists, else None."""
    path = folder / PROJECT_FILE
    return path if path.is_file() else None


def check_section(name: str) -> str:
    """Return ``name`` if it is a known section; raise ValueError naming the nearest if not."""
    if name not in SECTION_ORDER:
        raise ValueError(
            f"unknown section{did_you_mean(name, SECTION_ORDER)} "
            f"Valid names: {', '.join(SECTION_ORDER)}"
        )
    return name


def check_sections(names: Sequence[str]) -> tuple[str, ...]:
    """Return ``names`` if every one is a known section, listed once; raise ValueError if not."""
    unknown = [n for n in names if n not in SECTION_ORDER]
    if unknown:
        text = "; ".join(f"unknown section {n!r}{did_you_mean(n, SECTION_ORDER)}" for n in unknown)
        end = " " if text.endswith("?") else ". "
        raise ValueError(f"{text}{end}Valid names: {', '.join(SECTION_ORDER)}")
    repeated = sorted({n for n in names if list(names).count(n) > 1})
    if repeated:
        raise ValueError(f"section(s) listed more than once: {', '.join(repeated)}")
    return tuple(names)


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


Merge = Literal["replace", "option_first", "file_first", "union", "any"]


@dataclass(frozen=True)
class Setting:
    """Where a tailoring field lives and how its values combine.

    Attributes:
        table: The project file's table that holds it (``document`` or ``build``).
        option: The ``build`` command's option, e.g. ``--templates``.
        merge: How a command-line (or API) value combines with the project file's:
            ``replace`` (given wins), ``option_first`` (given folders searched first),
            ``file_first`` (given folders read last, so they override), ``union``
            (both, in order, once each) or ``any`` (true if either is).
        files: The value names files or folders whose contents enter the build hash
            (their bytes, not their names, decide whether an output is up to date).
        comma: On the command line the value is one comma-separated list.
        metavar: How the option's value is shown in ``--help``.

    """

    table: Literal["document", "build"]
    option: str | None
    merge: Merge = "replace"
    files: bool = False
    comma: bool = False
    metavar: str | None = None


SectionName = Annotated[str, AfterValidator(check_section)]
SectionList = Annotated[tuple[SectionName, ...], AfterValidator(check_sections)]
TitlePattern = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(check_title)]
Paper = Literal["a4", "letter"]
#: The document languages (strategygen.i18n.LANGUAGES; spelled out for the option's choices).
DocumentLanguage = Literal["en", "es", "fr", "nl"]
PdfVariant = Literal["pdf/a-3b", "pdf/ua-1"]


class Tailoring(BaseModel):
    """How documents are tailored: sections, title, horizon, templates, theme, rules, PDF, DOCX.

    Every field is optional; an unset field keeps the default behaviour (or the project
    file's value). Paths are as given: relative paths are relative to the current folder
    (or, in a project file, to the project file's folder).
    """

    # Field documentation (for --help) is read by inputs/docs.py when it is wanted.
    model_config = ConfigDict(extra="forbid", frozen=True)

    sections: Annotated[
        SectionList | None, Setting("document", "--sections", comma=True, metavar="A,B,C")
    ] = None
    """Sections to include, in order (section ids; the cover and contents always come first)."""
    skip_sections: Annotated[
        SectionList,
        Setting("document", "--skip-sections", merge="union", comma=True, metavar="A,B"),
    ] = ()
    """Sections to leave out, keeping the others in their order (section ids)."""
    title: Annotated[TitlePattern | None, Setting("document", "--title", metavar="PATTERN")] = None
    """Document title with {country}, {code}, {start} and {end} placeholders."""
    language: Annotated[DocumentLanguage | None, Setting("document", "--language")] = None
    """Language of the documents: en, es, fr or nl (default: the profile's
    identity.document_language, else the language the country's government works in)."""
    horizon: Annotated[Horizon | None, Setting("document", None)] = None
    """Strategy years, used when a profile does not set its own."""
    templates: Annotated[
        tuple[Path, ...], Setting("build", "--templates", merge="option_first", files=True)
    ] = ()
    """Folders of override templates, searched in order before the defaults."""
    theme: Annotated[Path | None, Setting("build", "--theme", files=True)] = None
    """Theme file: issuing body, logo, colours, fonts, cover wording, paper, watermark."""
    rules: Annotated[
        tuple[Path, ...], Setting("build", "--rules", merge="file_first", files=True)
    ] = ()
    """Folders of extra rule files; a rule with an existing id replaces it."""
    disable_rules: Annotated[
        tuple[str, ...], Setting("build", "--disable-rule", merge="union", metavar="ID")
    ] = ()
    """Ids of rules that must not fire."""
    paper: Annotated[Paper | None, Setting("build", "--paper")] = None
    """Paper size of the PDF (default: the theme's, else a4)."""
    watermark: Annotated[bool | None, Setting("build", "--watermark")] = None
    """Whether the PDF carries the diagonal DRAFT watermark (default: the theme's, else yes)."""
    pdf_variant: Annotated[PdfVariant | None, Setting("build", "--pdf-variant")] = None
    """PDF/A-3b for archiving or PDF/UA-1 for accessibility (default: a tagged PDF)."""
    strict: Annotated[bool, Setting("build", "--strict", merge="any")] = False
    """Fail a document when WeasyPrint reports any warning or error, or a font is missing."""
    docx_comments: Annotated[bool, Setting("build", "--docx-comments", merge="any")] = False
    """In the Word draft, also attach a comment to each data gap and decision needed."""
    number_paragraphs: Annotated[bool, Setting("document", "--number-paragraphs", merge="any")] = (
        False
    )
    """Number body paragraphs 1.1, 1.2 ... per chapter (A.1 ... in annexes) in every format,
    so that consultation responses can cite them."""

    def chosen_sections(self) -> tuple[str, ...]:
        """Return the sections to build, in order: ``sections`` (else all) minus the skipped.

        Raises:
            ValueError: If no section is left.

        """
        base = self.sections if self.sections is not None else SECTION_ORDER
        chosen = tuple(s for s in base if s not in self.skip_sections)
        if not chosen:
            raise ValueError("no section is left to build: skip_sections leaves out every one")
        return chosen

    def merged_over(self, base: Tailoring) -> Tailoring:
        """Return ``base`` (a project file's settings) with this object's settings applied.

        Each field combines as its :class:`Setting` says: for example, command-line template
        folders are searched before the project's, command-line rule folders are read after
        the project's (so their rules replace), disabled rules from both are combined, and
        any other setting given here replaces the project's.
        """
        values: dict[str, Any] = {}
        for name, setting in settings():
            mine, theirs = getattr(self, name), getattr(base, name)
            if setting.merge == "option_first":
                values[name] = (*mine, *theirs)
            elif setting.merge == "file_first":
                values[name] = (*theirs, *mine)
            elif setting.merge == "union":
                values[name] = tuple(dict.fromkeys((*theirs, *mine)))
            elif setting.merge == "any":
                values[name] = mine or theirs
            else:
                values[name] = mine if mine is not None else theirs
        return Tailoring.model_validate(values)

    def paper_for(self, theme: LoadedTheme | None) -> str:
        """Return the paper size: this setting, else the theme's, else a4."""
        return self.paper or (theme.theme.paper if theme is not None else "a4")

    def watermark_for(self, theme: LoadedTheme | None) -> bool:
        """Return whether documents carry the DRAFT watermark: this, else the theme's, else yes."""
        if self.watermark is not None:
            return self.watermark
        return theme.theme.watermark if theme is not None else True

    def file_paths(self) -> Iterator[tuple[str, Path]]:
        """Yield ``(field, path)`` for every file or folder whose contents enter the hash."""
        for name, setting in settings():
            if not setting.files:
                continue
            value = getattr(self, name)
            for path in value if isinstance(value, tuple) else (value,):
                if path is not None:
                    yield name, path

    def fingerprint(self) -> dict[str, Any]:
        """Return the settings that are choices rather than files, as plain JSON data.

        Together with the contents of :meth:`file_paths` (hashed by the build) they decide
        whether an output is up to date.
        """
        data = self.model_dump(mode="json")
        return {name: data[name] for name, setting in settings() if not setting.files}

    def to_json(self) -> dict[str, Any]:
        """Return every setting as plain JSON data (paths as strings), for the manifest."""
        return self.model_dump(mode="json")


def settings() -> Iterator[tuple[str, Setting]]:
    """Yield ``(field name, Setting)`` for every tailoring field, in declaration order."""
    for name, info in Tailoring.model_fields.items():
        setting = next(m for m in info.metadata if isinstance(m, Setting))
        yield name, setting
