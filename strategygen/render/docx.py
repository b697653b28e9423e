"""The Word (DOCX) and OpenDocument (ODT) writers: the draft's HTML through pandoc, then finished.

The same HTML the browser and the PDF show is the source, so the three formats never
disagree about a figure, a gap or a heading. pandoc (from the ``pypandoc-binary`` wheel,
run sandboxed) reads it and writes the package with the reference document's styles;
:mod:`strategygen.render.docx_package` and :mod:`strategygen.render.odt_package` then add
what pandoc leaves out (a table of contents with entries, header and footer, page numbers,
highlighted markers, comments, picture fallbacks, properties) and rewrite the zip with
fixed timestamps, so the same inputs give the same bytes.
"""

from __future__ import annotations

import gettext
import html as htmllib
import json
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from strategygen.errors import RenderError
from strategygen.i18n import LANGUAGES
from strategygen.i18n.catalog import translations
from strategygen.inputs.theme import Theme
from strategygen.render.office_ast import (
    OfficeDocument,
    Target,
    replace_toc_placeholder,
    rewrite,
)
from strategygen.render.office_html import prepare_html
from strategygen.render.office_nodes import Node, meta_list, meta_string
from strategygen.render.office_toc import toc_opendocument, toc_openxml
from strategygen.render.pandoc import run_pandoc
from strategygen.words import capfirst

#: A look: (accent, ink, muted, body font, heading font), colours as ``#rrggbb``.
Look = tuple[str, str, str, str, str]

#: Default look, as in the HTML's stylesheet when no theme is given.
DEFAULT_LOOK: Look = ("#1f3a5f", "#1a1a1a", "#4a4a4a", "Noto Serif", "Noto Sans")


def theme_look(theme: Theme | None) -> Look:
    """Return the look of a theme's colours and fonts (the default look without a theme)."""
    if theme is None:
        return DEFAULT_LOOK
    colours, fonts = theme.colours, theme.fonts
    return (colours.accent, colours.ink, colours.muted, fonts.body, fonts.headings)


#: The office formats ``--format`` accepts, with their file suffixes.
OFFICE_FORMATS: dict[str, str] = {"docx": ".docx", "odt": ".odt"}


@dataclass(frozen=True)
class OfficeMeta:
    """What the office writers print and record besides the body.

    Attributes:
        title: Document title (properties and cover).
        author: The issuing body (``dc:creator``).
        subject: One sentence on what the document is (``dc:subject``).
        keywords: Keywords, in order.
        lang: BCP 47 language tag (``en``, ``fr``...).
        created: The build date: creation and modification date, zip timestamps.
        generator: The producing software, e.g. ``strategygen 0.1.0``.
        running_title: The page header, e.g. ``Jamaica: National AI Strategy (draft)``.
        notice: The draft notice printed in every page's footer.

    """

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    lang: str
    created: date
    generator: str
    running_title: str
    # The PDF's footer says the same (templates/static/print.css, render/furniture.py).
    notice: str = "Draft for consultation: not an approved policy"
    page: str = "Page"
    """The word before the page number, and :attr:`of` the one before the page count."""
    of: str = "of"
    category: str = "Draft for consultation"


_META = re.compile(r'<meta\s+name="([^"]+)"\s+content="([^"]*)"\s*/?>')
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
_LANG = re.compile(r'<html\b[^>]*\blang="([^"]+)"')
_RUNNING = re.compile(r'<p class="running-title">(.*?)</p>', re.DOTALL)


def meta_from_html(html: str) -> OfficeMeta:
    """Read the office metadata from the HTML's head, as the PDF does.

    The document template writes the title, author (issuing body), description, keywords,
    generator and build date (``dcterms.created``) into the head, and the running title
    into ``p.running-title``; using them keeps the DOCX, ODT and PDF properties the same.

    Raises:
        RenderError: The HTML lacks a build date or a title (not one of our documents).

    """
    head = html[: html.find("</head>")] if "</head>" in html else html
    named = {name: htmllib.unescape(value) for name, value in _META.findall(head)}
    title = _TITLE.search(head)
    created = named.get("dcterms.created", "")
    try:
        day = date.fromisoformat(created)
    except ValueError:
        raise RenderError(f"the HTML has no build date (dcterms.created: {created!r})") from None
    if title is None:
        raise RenderError("the HTML has no <title>")
    lang = _LANG.search(html)
    running = _RUNNING.search(html)
    text = htmllib.unescape(" ".join(title.group(1).split()))
    code = lang.group(1) if lang else "en"
    # The footer's words in the document's language (the catalogue the HTML was made with).
    words = _translations(code)
    return OfficeMeta(
        title=text,
        author=named.get("author", ""),
        subject=named.get("description", ""),
        keywords=tuple(k.strip() for k in named.get("keywords", "").split(",") if k.strip()),
        lang=lang.group(1) if lang else "en",
        created=day,
        generator=named.get("generator", "strategygen"),
        running_title=htmllib.unescape(running.group(1).strip()) if running else text,
        notice=words.gettext("Draft for consultation: not an approved policy"),
        page=words.gettext("Page"),
        of=words.gettext("of"),
        category=capfirst(words.gettext("draft for consultation")),
    )


def _translations(tag: str) -> gettext.NullTranslations:
    """Return the catalogue of the document's language tag (English when it has none)."""
    primary = tag.replace("_", "-").split("-", 1)[0].lower()
    return translations(primary) if primary in LANGUAGES else gettext.NullTranslations()


@dataclass(frozen=True)
class OfficeResult:
    """What an office render wrote: its size in bytes, warnings and wall time in seconds."""

    bytes: int
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0


@dataclass(frozen=True)
class OfficeOptions:
    """Office choices of a build: the paper size and ``--docx-comments``."""

    paper: str = "a4"
    comments: bool = False


def _office_module(name: str) -> Any:
    """Import a finishing module; a missing office dependency becomes a clear RenderError."""
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise RenderError(
            f"DOCX and ODT output needs {exc.name or 'python-docx'}: reinstall strategygen with pip"
        ) from None


def build_epoch(day: date) -> int:
    """Return the build date as a Unix time (midnight UTC), for ``SOURCE_DATE_EPOCH``."""
    return int(datetime.combine(day, time(0, 0), tzinfo=UTC).timestamp())


def office_document(html: str, meta: OfficeMeta, target: Target, workdir: Path) -> OfficeDocument:
    """Read the HTML with pandoc and rewrite the tree for ``target``."""
    prepared = prepare_html(html)
    read = run_pandoc(["-f", "html", "-t", "json"], prepared.html.encode("utf-8"), cwd=workdir)
    ast: dict[str, Any] = json.loads(read)
    # No title or author here: pandoc would print them as a title block above the cover.
    # The finishing step writes the document properties instead.
    pandoc_meta = {
        "subject": meta_string(meta.subject),
        "keywords": meta_list(meta.keywords),
        "lang": meta_string(meta.lang),
    }
    doc = rewrite(ast, prepared, target, pandoc_meta)
    if target == "docx":
        toc: Node = {"t": "RawBlock", "c": ["openxml", toc_openxml(doc.toc, doc.toc_title)]}
    else:
        toc = {"t": "RawBlock", "c": ["opendocument", toc_opendocument(doc.toc, doc.toc_title)]}
    replace_toc_placeholder(doc.ast["blocks"], toc)
    return doc


def _write(
    doc: OfficeDocument, target: Target, reference: bytes, meta: OfficeMeta, workdir: Path
) -> bytes:
    suffix = OFFICE_FORMATS[target]
    ref = workdir / f"reference{suffix}"
    ref.write_bytes(reference)
    # native_numbering: "Figure 1" and "Table 1" captions numbered by the word processor.
    return run_pandoc(
        [
            "-f",
            "json",
            "-t",
            target + "+native_numbering",
            f"--reference-doc={ref.name}",
            "-o",
            "-",
        ],
        json.dumps(doc.ast).encode("utf-8"),
        epoch=build_epoch(meta.created),
        cwd=workdir,
    )


def render_docx(
    html: str,
    meta: OfficeMeta | None = None,
    *,
    reference: bytes | None = None,
    look: Look | None = None,
    options: OfficeOptions | None = None,
) -> tuple[bytes, list[str]]:
    """Convert the draft's HTML into a finished Word document; return its bytes and warnings.

    Args:
        html: The rendered, self-contained HTML of the draft.
        meta: Title, issuing body, language, build date and the header and footer text
            (default: read from the HTML's head, as the PDF's are).
        reference: A consultant's reference ``.docx`` whose styles apply (replaces ``look``).
        look: Colours and fonts for the generated reference (default: the built-in look).
        options: Paper size and whether markers also become Word comments.

    Raises:
        RenderError: pandoc failed, or the reference document is unusable.

    """
    finish = _office_module("strategygen.render.docx_package").finish_docx
    styles = _office_module("strategygen.render.docx_styles")
    options = options or OfficeOptions()
    meta = meta or meta_from_html(html)
    with tempfile.TemporaryDirectory(prefix="strategygen-docx-") as tmp:
        workdir = Path(tmp)
        doc = office_document(html, meta, "docx", workdir)
        base = reference or styles.default_reference_docx(look or DEFAULT_LOOK)
        raw = _write(doc, "docx", base, meta, workdir)
    result: tuple[bytes, list[str]] = finish(raw, doc, meta, options)
    return result


def render_odt(
    html: str,
    meta: OfficeMeta | None = None,
    *,
    reference: bytes | None = None,
    look: Look | None = None,
    options: OfficeOptions | None = None,
) -> tuple[bytes, list[str]]:
    """Convert the draft's HTML into a finished OpenDocument text; return its bytes and warnings.

    Args:
        html: The rendered, self-contained HTML of the draft.
        meta: Title, issuing body, language, build date and the header and footer text
            (default: read from the HTML's head, as the PDF's are).
        reference: A reference ``.odt`` whose styles apply (replaces ``look``).
        look: Colours and fonts for the generated reference (default: the built-in look).
        options: Paper size.

    Raises:
        RenderError: pandoc failed.

    """
    odt = _office_module("strategygen.render.odt_package")
    options = options or OfficeOptions()
    meta = meta or meta_from_html(html)
    with tempfile.TemporaryDirectory(prefix="strategygen-odt-") as tmp:
        workdir = Path(tmp)
        doc = office_document(html, meta, "odt", workdir)
        base = reference or odt.default_reference_odt(look or DEFAULT_LOOK)
        raw = _write(doc, "odt", base, meta, workdir)
    result: tuple[bytes, list[str]] = odt.finish_odt(raw, doc, meta, options, look or DEFAULT_LOOK)
    return result
