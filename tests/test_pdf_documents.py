"""Checks on REAL documents: the JAM and AIA drafts rendered to A4 PDF.

test_pdf.py exercises print.css on a synthetic document; this module builds two shipped
profiles (a large, data-rich one and a small, data-poor one) once per module and checks
what a ministry would get: length, headings, a table of contents whose page numbers are
right, bookmarks, metadata, tagged structure (default and PDF/UA-1) and a clean render
(strict mode: no WeasyPrint warning). Three renders, about 25 s in all.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

try:
    import weasyprint  # noqa: F401
except (ImportError, OSError) as exc:  # OSError: Pango/HarfBuzz libraries missing
    pytest.skip(
        f"WeasyPrint cannot be imported ({exc}); install it with scripts/setup.sh",
        allow_module_level=True,
    )

from pypdf import PdfReader

from strategygen.api import render_html
from strategygen.render.pdf import write_pdf

ROOT = Path(__file__).resolve().parent.parent
BUILD_DATE = date(2026, 11, 28)
CODES = ("JAM", "AIA")
MIN_PAGES, MAX_PAGES = 25, 45


@dataclass(frozen=True)
class Built:
    code: str
    html: str
    pdf: Path
    pages: int
    warnings: tuple[str, ...]
    reader: PdfReader
    texts: tuple[str, ...]


def _norm(text: str) -> str:
    """Collapse whitespace and undo soft hyphenation so headings compare as text."""
    text = text.replace("\u00ad", "").replace("\u2010", "-")
    text = re.sub(r"-\s*\n\s*", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _meta(html: str, name: str) -> str:
    found = re.search(rf'<meta name="{re.escape(name)}" content="([^"]*)"', html)
    assert found, f"<meta name={name!r}> missing"
    return html_lib.unescape(found.group(1))


def _render(code: str, folder: Path, variant: str | None = None) -> Built:
    html = render_html(ROOT / "country_profiles" / f"{code}.yaml", build_date=BUILD_DATE)
    target = folder / f"{code}-{variant or 'default'}.pdf".replace("/", "")
    # No metadata object: the PDF's title, author, subject and dates come from the HTML.
    result = write_pdf(html, target, variant=variant)
    reader = PdfReader(str(target))
    texts = tuple(_norm(page.extract_text() or "") for page in reader.pages)
    return Built(code, html, target, result.pages, result.warnings, reader, texts)


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    folder = tmp_path_factory.mktemp("pdf_documents")
    return {code: _render(code, folder) for code in CODES}


@pytest.fixture(scope="module")
def ua_doc(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _render("AIA", tmp_path_factory.mktemp("pdf_ua"), variant="pdf/ua-1")


def _toc_entries(html: str) -> list[tuple[str, str]]:
    """(section id, printed title) for each ToC link, as the reader sees it."""
    nav = re.search(r'<nav class="toc".*?</nav>', html, re.S)
    assert nav, "no <nav class=toc> in the document"
    entries = []
    for sid, inner in re.findall(r'<a href="#sec-([a-z_]+)">(.*?)</a>', nav.group(0), re.S):
        entries.append((sid, _norm(html_lib.unescape(re.sub(r"<[^>]+>", "", inner)))))
    return entries


def _heading_title(html: str, sid: str) -> str:
    """The text of a section's <h2>, without its number."""
    section = re.search(rf'id="sec-{sid}".*?<h2[^>]*>(.*?)</h2>', html, re.S)
    assert section, f"no h2 for section {sid}"
    text = re.sub(r'<span class="secnum">.*?</span>', "", section.group(1))
    return _norm(html_lib.unescape(re.sub(r"<[^>]+>", "", text)))


@pytest.mark.parametrize("code", CODES)
def test_page_count_in_range_a4(docs: dict[str, Built], code: str) -> None:
    d = docs[code]
    assert MIN_PAGES <= d.pages <= MAX_PAGES, f"{code}: {d.pages} pages"
    assert len(d.reader.pages) == d.pages
    box = d.reader.pages[0].mediabox
    # A4 is 595.28 x 841.89 pt.
    assert abs(float(box.width) - 595.28) < 1 and abs(float(box.height) - 841.89) < 1


@pytest.mark.parametrize("code", CODES)
def test_text_has_every_section_heading(docs: dict[str, Built], code: str) -> None:
    d = docs[code]
    body = " ".join(d.texts[2:])  # after the cover and the contents
    entries = _toc_entries(d.html)
    assert len(entries) == 17
    for sid, _ in entries:
        title = _heading_title(d.html, sid)
        assert title in body, f"{code}: heading {title!r} not in the PDF text"


@pytest.mark.parametrize("code", CODES)
def test_toc_page_numbers_match_heading_pages(docs: dict[str, Built], code: str) -> None:
    d = docs[code]
    toc_page = next(i for i, t in enumerate(d.texts[:4]) if "Contents" in t[:200])
    toc = d.texts[toc_page]
    for sid, printed in _toc_entries(d.html):
        found = re.search(re.escape(printed) + r"[\s.\u2026]*?(\d+)\b", toc)
        assert found, f"{code}: ToC entry {printed!r} has no page number"
        page = int(found.group(1))
        title = _heading_title(d.html, sid)
        assert title in d.texts[page - 1], (
            f"{code}: ToC says {printed!r} is on page {page}, but the heading is not there"
        )


@pytest.mark.parametrize("code", CODES)
def test_bookmarks_mirror_h2_headings(docs: dict[str, Built], code: str) -> None:
    d = docs[code]
    top = [item for item in d.reader.outline if not isinstance(item, list)]
    titles = [_norm(item.title) for item in top]
    chapter_h2 = r'<section class="chapter[^"]*" id="sec-[a-z_]+">\s*<h2>(.*?)</h2>'
    h2s = [
        _norm(html_lib.unescape(re.sub(r"<[^>]+>", "", h)))
        for h in re.findall(chapter_h2, d.html, re.S)
    ]
    assert h2s, "no chapter headings found in the HTML"
    assert "Contents" in titles[0]
    assert titles[1:] == h2s
    # Each bookmark points at the page where its heading is printed.
    for item in top[1:]:
        page = d.reader.get_destination_page_number(item)
        assert _norm(item.title).split(". ", 1)[-1] in d.texts[page]


@pytest.mark.parametrize("code", CODES)
def test_metadata_title_author_language(docs: dict[str, Built], code: str) -> None:
    d = docs[code]
    info = d.reader.metadata
    assert info is not None
    assert info.title and "National" in info.title and "draft" in info.title
    assert info.author == _meta(d.html, "author") and info.author
    assert info.title == html_lib.unescape(re.findall(r"<title>(.*?)</title>", d.html)[0])
    assert info.subject == _meta(d.html, "description")
    lang = d.reader.trailer["/Root"].get("/Lang")
    assert lang == "en"
    assert info.creation_date is not None and info.creation_date.date() == BUILD_DATE
    assert info.modification_date == info.creation_date  # dates are inputs, not the clock


def _has_structure_tree(reader: PdfReader) -> bool:
    root = reader.trailer["/Root"]
    mark = root.get("/MarkInfo")
    return "/StructTreeRoot" in root and mark is not None and bool(mark.get_object().get("/Marked"))


def test_structure_tree_default_variant(docs: dict[str, Built]) -> None:
    for code in CODES:
        assert _has_structure_tree(docs[code].reader), f"{code}: default PDF is not tagged"


def test_structure_tree_pdf_ua_variant(ua_doc: Built) -> None:
    assert _has_structure_tree(ua_doc.reader)
    assert MIN_PAGES <= ua_doc.pages <= MAX_PAGES
    xmp = ua_doc.reader.xmp_metadata
    assert xmp is not None and b"pdfuaid" in xmp.stream.get_data()


def test_no_weasyprint_warnings(docs: dict[str, Built], ua_doc: Built) -> None:
    # What --strict would refuse: any WeasyPrint warning or error.
    for d in (*docs.values(), ua_doc):
        assert d.warnings == (), d.warnings


def test_charts_use_installed_fonts(docs: dict[str, Built]) -> None:
    html = docs["JAM"].html
    assert "Helvetica, Arial" not in html.split("<body", 1)[1]
    assert 'font-family="Noto Sans, DejaVu Sans, sans-serif"' in html
