"""Themes: a consultancy's or regional body's name, logo, colours, fonts and cover wording."""

from __future__ import annotations

import base64
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from strategygen.errors import Problem, ProfileError
from strategygen.files import FileRefused, read_input
from strategygen.i18n.texts import Localised, check_length
from strategygen.inputs.problems import PatternHelp, translate
from strategygen.inputs.yamlsource import read_yaml_file

Colour = Annotated[
    str,
    Field(pattern=r"^#[0-9a-fA-F]{6}$", description="A colour as #rrggbb."),
    PatternHelp("must be a colour written as # and six hex digits, like #1f3a5f"),
]
# Font names end up inside CSS; letters, digits, spaces and hyphens cannot break out of it.
FontName = Annotated[
    str,
    Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 \-]{0,60}$"),
    PatternHelp(
        "must be a font family name (letters, digits, spaces and hyphens), like 'Noto Serif'"
    ),
]
MAX_LOGO_BYTES = 512 * 1024
#: The longest cover wording (issuing body, subtitle, prepared by), in any language.
MAX_WORDING = 200
MAX_REFERENCE_BYTES = 8 * 1024 * 1024
# An external relationship other than a hyperlink (which only a click follows): an
# attached template, a linked picture or frame, which Word fetches when a file opens.
_EXTERNAL_FETCH = re.compile(
    rb"<Relationship\b(?=[^>]*TargetMode=\"External\")(?![^>]*/relationships/hyperlink\")[^>]*>"
)


class _Model(BaseModel):
    # Field documentation is read by inputs/docs.py when the schema is made.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Colours(_Model):
    """The theme's colours."""

    accent: Colour = "#1f3a5f"
    """Headings, rules and the cover background."""
    ink: Colour = "#1a1a1a"
    """Body text."""
    muted: Colour = "#4a4a4a"
    """Secondary text such as captions."""


class Fonts(_Model):
    """Font families; they must be installed (the set-up installs Noto and DejaVu)."""

    body: FontName = "Noto Serif"
    """Family for body text."""
    headings: FontName = "Noto Sans"
    """Family for headings, tables and captions."""


class Cover(_Model):
    """Wording on the cover page (text, or one entry per language: {en: ..., es: ...})."""

    subtitle: Localised | None = None
    """A line under the title, for instance 'Prepared with the support of …'."""
    prepared_by: Localised | None = None
    """Who prepared the draft, printed on the cover."""

    @field_validator("subtitle", "prepared_by")
    @classmethod
    def _short(cls, text: Localised | None) -> Localised | None:
        return check_length(text, MAX_WORDING)


class Theme(_Model):
    """A theme file: who issues the drafts and how they look."""

    issuing_body: Localised
    """Organisation named on the cover and in the PDF metadata as author (text, or one
    entry per language: {en: ..., es: ..., fr: ..., nl: ...})."""
    logo: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    """SVG or PNG file, relative to the theme file's folder and inside it."""
    colours: Colours = Colours()
    """Colours."""
    fonts: Fonts = Fonts()
    """Fonts."""
    cover: Cover = Cover()
    """Cover wording."""
    paper: Literal["a4", "letter"] = "a4"
    """Paper size of the PDF."""
    watermark: bool = True
    """Whether the PDF carries the diagonal DRAFT watermark."""
    reference_docx: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    """A Word document (.docx) whose styles the Word draft takes, relative to the theme
    file's folder and inside it; by default the styles are made from the colours and fonts."""

    @field_validator("issuing_body")
    @classmethod
    def _short(cls, text: Localised) -> Localised:
        checked = check_length(text, MAX_WORDING)
        assert checked is not None
        return checked


@dataclass(frozen=True)
class LoadedTheme:
    """A validated theme with its logo read and encoded, ready to render."""

    theme: Theme
    folder: Path
    logo_data_uri: str | None
    reference_docx: Path | None = None

    def css(self) -> str:
        """Return CSS that applies the theme's colours and fonts over the defaults."""
        c, f = self.theme.colours, self.theme.fonts
        return (
            ":root {"
            f" --accent: {c.accent}; --ink: {c.ink}; --muted: {c.muted};"
            f' --serif: "{f.body}", "DejaVu Serif", serif;'
            f' --sans: "{f.headings}", "DejaVu Sans", sans-serif;'
            " }\n"
            # Page boxes do not inherit custom properties from :root, so the printed
            # cover's full-bleed colour has to be given as a value.
            f"@media print {{ @page :first {{ background: {c.accent}; }} }}\n"
        )


def load_theme(path: Path | str, display: str | None = None) -> LoadedTheme:
    """Read and validate a theme file; every fault is a located ProfileError.

    Raises:
        ProfileError: For YAML faults, unknown keys, bad values, and a logo that is
            outside the theme folder or not an SVG or PNG image.

    """
    path = Path(path)
    shown = display or str(path)
    doc = read_yaml_file(path, shown, kind="theme")
    try:
        theme = Theme.model_validate(doc.data, strict=True)
    except ValidationError as exc:
        raise ProfileError(shown, translate(exc, doc, Theme)) from None
    folder = path.resolve().parent
    logo_uri = None
    if theme.logo is not None:
        line, column = doc.locate(("logo",))

        def fail(message: str) -> ProfileError:
            return ProfileError(
                shown, [Problem(shown, line, column, "logo", message, repr(theme.logo))]
            )

        logo_uri = _logo_data_uri(folder, theme.logo, fail)
    reference = None
    if theme.reference_docx is not None:
        line, column = doc.locate(("reference_docx",))
        try:
            reference = check_reference_docx(folder, theme.reference_docx)
        except ValueError as exc:
            raise ProfileError(
                shown,
                [
                    Problem(
                        shown, line, column, "reference_docx", str(exc), repr(theme.reference_docx)
                    )
                ],
            ) from None
    return LoadedTheme(theme, folder, logo_uri, reference)


def check_reference_docx(folder: Path, name: str) -> Path:
    """Check a consultant's Word reference document; return its resolved path.

    It must sit inside the theme's folder, be a real, macro-free ``.docx`` of reasonable
    size, and refer to nothing outside itself: pandoc copies its parts (settings, header,
    footer) into every draft, and an external link there would make Word reach out to a
    server or a share whenever a draft is opened.

    Raises:
        ValueError: With the reason, for the located theme error.

    """
    resolved = (folder / name).resolve()
    if not resolved.is_relative_to(folder):
        raise ValueError(
            "the reference document must be inside the theme's folder "
            "(no '..', absolute paths or links out)"
        )
    if resolved.suffix.lower() != ".docx":
        raise ValueError("the reference document must be a .docx file")
    if not resolved.is_file():
        raise ValueError("the reference document does not exist")
    if resolved.stat().st_size > MAX_REFERENCE_BYTES:
        raise ValueError(f"the reference document is larger than {MAX_REFERENCE_BYTES >> 20} MiB")
    try:
        with zipfile.ZipFile(resolved) as package:
            infos = package.infolist()
            names = {i.filename for i in infos}
            if len(infos) > 2000 or sum(i.file_size for i in infos) > 8 * MAX_REFERENCE_BYTES:
                raise ValueError("the reference document unpacks to too much data")
            for needed in ("[Content_Types].xml", "word/document.xml", "word/styles.xml"):
                if needed not in names:
                    raise ValueError(f"the reference document is not a Word document (no {needed})")
            types = package.read("[Content_Types].xml")
            if b"macroEnabled" in types or "word/vbaProject.bin" in names:
                raise ValueError("the reference document must not contain macros")
            for rels in (n for n in names if n.endswith(".rels")):
                if _EXTERNAL_FETCH.search(package.read(rels)):
                    raise ValueError(
                        f"the reference document links to an outside file or address ({rels})"
                    )
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValueError(f"the reference document cannot be read as a .docx ({exc})") from None
    return resolved


def _logo_data_uri(folder: Path, name: str, fail: Callable[[str], ProfileError]) -> str:
    """Check the logo stays inside the theme folder and is a real SVG or PNG; encode it."""
    candidate = folder / name
    # resolve() follows symlinks, so a link pointing outside the folder is caught too.
    resolved = candidate.resolve()
    if not resolved.is_relative_to(folder):
        raise fail(
            "the logo must be inside the theme's folder (no '..', absolute paths or links out)"
        )
    if not os.path.lexists(resolved):
        raise fail("the logo file does not exist")
    try:
        # A regular file only (a FIFO would hang the build), read without following a link
        # swapped in after the check above.
        data = read_input(candidate, limit=MAX_LOGO_BYTES, what="logo", inside=folder)
    except FileRefused as exc:
        if exc.reason == "size":
            raise fail(f"the logo is larger than {MAX_LOGO_BYTES // 1024} KiB") from None
        reason = exc.message.removeprefix("cannot read file: ")
        raise fail(f"cannot read the logo: {reason}") from None
    suffix = resolved.suffix.lower()
    if suffix == ".png":
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            raise fail("the logo has a .png name but is not a PNG image")
        mime = "image/png"
    elif suffix == ".svg":
        _check_svg(data, fail)
        mime = "image/svg+xml"
    else:
        raise fail("the logo must be an SVG or PNG file")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _check_svg(data: bytes, fail: Callable[[str], ProfileError]) -> None:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        # Entities can expand without bound or pull in local files; logos never need them.
        raise fail("the SVG logo must not declare a DOCTYPE or entities")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise fail(f"the logo is not a valid SVG image ({exc})") from None
    if root.tag not in ("svg", "{http://www.w3.org/2000/svg}svg"):
        raise fail("the logo has an .svg name but its root element is not <svg>")
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("script", "foreignObject"):
            raise fail(f"the SVG logo must not contain <{tag}>")
        for attr, value in element.attrib.items():
            local = attr.rsplit("}", 1)[-1]
            if local.startswith("on"):
                raise fail(f"the SVG logo must not contain event handlers ({local})")
            if local == "href" and not value.startswith(("#", "data:")):
                raise fail("the SVG logo must not refer to other files or addresses")
