"""The Word draft: opened with python-docx and as XML, checked against the HTML it came from."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from functools import cache
from html.parser import HTMLParser

import docx
import pytest
from lxml import etree

from strategygen import render_html
from strategygen.render.docx import OfficeMeta, OfficeOptions, render_docx, render_odt
from strategygen.render.docx_package import comment_text
from strategygen.render.office_ast import Marker
from strategygen.resources import shipped_dir

DATE = dt.date(2026, 3, 2)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CODES = sorted(p.stem for p in shipped_dir("country_profiles").glob("*.yaml"))
SAMPLE = ["JAM", "AIA", "HTI"]


@cache
def html_of(code: str) -> str:
    return render_html(code, build_date=DATE)


def meta_of(code: str) -> OfficeMeta:
    return OfficeMeta(
        title=f"{code}: National AI Strategy (draft for consultation)",
        author="Government of Testland",
        subject=f"Draft national AI strategy for {code}.",
        keywords=(code, "artificial intelligence"),
        lang="en",
        created=DATE,
        generator="strategygen test",
        running_title=f"{code}: National AI Strategy (draft)",
    )


@cache
def docx_of(code: str, comments: bool = False) -> bytes:
    data, warnings = render_docx(
        html_of(code), meta_of(code), options=OfficeOptions(comments=comments)
    )
    assert warnings == []
    return data


class _Visible(HTMLParser):
    """Collect the HTML's visible text, its chapter headings and its data gaps."""

    def __init__(self) -> None:
        super().__init__()
        self.skip = 0
        self.words: list[str] = []
        self.h2: list[str] = []
        self.h3 = 0
        self.gaps: list[str] = []
        self.tables = 0
        self._grab: list[str] | None = None
        self._grab_tag = ""
        self._in_nav = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cls = dict(attrs).get("class") or ""
        if tag in ("style", "script", "svg", "head", "title"):
            self.skip += 1
        if tag == "nav":
            self._in_nav = True
        if tag == "table":
            self.tables += 1
        if tag == "h3":
            self.h3 += 1
        if (tag == "h2" and not self._in_nav) or (tag == "span" and "gap" in cls.split()):
            self._grab, self._grab_tag = [], tag

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "svg", "head", "title"):
            self.skip -= 1
        if tag == "nav":
            self._in_nav = False
        if self._grab is not None and tag == self._grab_tag:
            text = " ".join("".join(self._grab).split())
            (self.h2 if tag == "h2" else self.gaps).append(text)
            self._grab = None

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        self.words.extend(data.split())
        if self._grab is not None:
            self._grab.append(data)


def visible(html: str) -> _Visible:
    parser = _Visible()
    parser.feed(html)
    return parser


def package_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [
            z.read(n) for n in ("word/document.xml", "word/footnotes.xml") if n in z.namelist()
        ]
    texts: list[str] = []
    for part in parts:
        root = etree.fromstring(part)
        for paragraph in root.iter(f"{W}p"):
            texts.append("".join(t.text or "" for t in paragraph.iter(f"{W}t")))
    return "\n".join(texts)


def norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def check_against_html(code: str, data: bytes) -> None:
    """The invariants every shipped profile's Word draft must keep."""
    html = visible(html_of(code))
    document = docx.Document(io.BytesIO(data))
    paragraphs = document.paragraphs
    h1 = [p.text for p in paragraphs if p.style is not None and p.style.name == "Heading 1"]
    h2 = [p for p in paragraphs if p.style is not None and p.style.name == "Heading 2"]
    # Chapters: one level-1 heading per chapter and annex of the HTML, in order, same words.
    chapters = [t for t in html.h2 if t != "Contents"]
    assert [norm(t) for t in h1] == [norm(t) for t in chapters]
    assert len(h2) == html.h3
    text = norm(package_text(data))
    for gap in html.gaps:
        assert norm(gap) in text, gap
    # Tables: every HTML table is a Word table whose header row repeats on each page.
    tables = document.element.body.findall(f".//{W}tbl")
    assert len(tables) == html.tables
    for table in tables:
        first_row = table.find(f"{W}tr")
        assert first_row is not None and first_row.find(f"{W}trPr/{W}tblHeader") is not None
    words = len(text.split())
    assert words >= 0.8 * len(html.words), (words, len(html.words))


@pytest.mark.parametrize("code", SAMPLE)
def test_sample_profiles_match_their_html(code: str) -> None:
    check_against_html(code, docx_of(code))


@pytest.mark.parametrize("code", [c for c in CODES if c not in SAMPLE])
def test_every_shipped_profile_builds_to_docx(code: str) -> None:
    check_against_html(code, docx_of(code))


def test_toc_field_properties_header_and_footer() -> None:
    data = docx_of("JAM")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
        settings = z.read("word/settings.xml").decode()
        headers = "".join(z.read(n).decode() for n in z.namelist() if "header" in n)
        footers = "".join(z.read(n).decode() for n in z.namelist() if "footer" in n)
    assert re.search(r'<w:instrText[^>]*> TOC \\o "1-1" \\h \\z \\u </w:instrText>', body)
    assert '<w:docPartGallery w:val="Table of Contents"/>' in body
    # The contents are filled (a link per chapter), not an empty "update field" shell.
    assert body.count("PAGEREF _Toc_sg") == len(
        [t for t in visible(html_of("JAM")).h2 if t != "Contents"]
    )
    assert 'w:updateFields w:val="true"' in settings
    assert "JAM: National AI Strategy (draft)" in headers
    assert "Draft for consultation: not an approved policy" in footers
    assert " PAGE " in footers and " NUMPAGES " in footers
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.title == "JAM: National AI Strategy (draft for consultation)"
    assert props.author == "Government of Testland"
    assert props.subject == "Draft national AI strategy for JAM."
    assert props.language == "en"
    assert props.created == dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
    assert props.modified == dt.datetime(2026, 3, 2, tzinfo=dt.UTC)


def test_charts_are_svg_with_png_fallback_and_alt_text() -> None:
    data = docx_of("JAM")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        svgs = [z.read(n) for n in media if n.endswith(".svg")]
    # Jamaica's draft has three charts: readiness pillars, dimensions and the roadmap.
    assert len(svgs) == 3 and len([n for n in media if n.endswith(".png")]) == 3
    # The SVG keeps its case-sensitive viewBox and gains a pixel size.
    assert all(b'viewBox="0 0 640 ' in s and b'width="640"' in s for s in svgs)
    pictures = re.findall(r"<wp:docPr [^>]*>", body)
    assert len(pictures) == 3
    for picture in pictures:
        descr = re.search(r'descr="([^"]+)"', picture)
        assert descr is not None and len(descr.group(1)) > 40  # the chart's description
    assert body.count("<asvg:svgBlip") == 3 or body.count("svgBlip") >= 3
    blips = re.findall(r"<a:blip [^>]*r:embed=", body)
    assert len(blips) == 3
    # Captions are numbered by Word (SEQ fields), as "Figure n" in the HTML and the PDF.
    assert body.count("SEQ Figure") == 3
    # Each chart's "Data table for this figure" label stays with the table it announces.
    # The roadmap chart's data is the action plan table, so two charts carry a data table.
    assert body.count('<w:pStyle w:val="FigureDataLabel"/>') == 2
    styles = docx.Document(io.BytesIO(data)).styles
    assert styles["Figure Data Label"].paragraph_format.keep_with_next


def test_markers_are_highlighted_and_comments_optional() -> None:
    plain = docx_of("JAM")
    with zipfile.ZipFile(io.BytesIO(plain)) as z:
        body = z.read("word/document.xml").decode()
        comments = (
            z.read("word/comments.xml").decode() if "word/comments.xml" in z.namelist() else ""
        )
    assert "<w:comment " not in comments
    assert "sg-mark-" not in body  # the helper bookmarks are gone
    gaps = visible(html_of("JAM")).gaps
    marked = r'<w:rStyle w:val="(DataGap|DecisionNeeded)"/>.*?<w:highlight w:val="(\w+)"/>'
    assert {h for h in re.findall(marked, body)} == {("DataGap", "yellow")}
    # A profile with a decision to take: it is highlighted in its own colour.
    with zipfile.ZipFile(io.BytesIO(docx_of("AIA"))) as z:
        aia = z.read("word/document.xml").decode()
    assert ("DecisionNeeded", "cyan") in set(re.findall(marked, aia))
    commented = docx_of("JAM", comments=True)
    with zipfile.ZipFile(io.BytesIO(commented)) as z:
        comments = z.read("word/comments.xml").decode()
        body = z.read("word/document.xml").decode()
    # One comment per gap with an action (and per decision); the notation samples in the
    # notice and the gaps annex get none.
    spans = re.findall(r'<span class="gap( gap-[a-z]+)?"([^>]*)>([^<]*)<', html_of("JAM"))
    wanted = [(label, attrs) for cls, attrs, label in spans if cls or " title=" in attrs]
    count = comments.count("<w:comment ")
    assert 0 < count == len(wanted) < len(gaps)
    assert body.count("<w:commentRangeStart ") == count
    label, attrs = wanted[0]
    inner = label.strip("[]").split(":", 1)[-1].strip()
    action = re.search(r'title="([^"]+)"', attrs)
    assert action is not None
    assert f"Data gap: {inner}. To close it: {action.group(1)}" in comments
    assert 'w:date="2026-03-02T00:00:00Z"' in comments


def test_comment_texts() -> None:
    gap = Marker("gap", "[DATA GAP: national digital strategy]", "Cite the strategy.")
    assert (
        comment_text(gap) == "Data gap: national digital strategy. To close it: Cite the strategy."
    )
    decision = Marker("decision", "[DECISION REQUIRED: institutional lead for AI]", "")
    assert comment_text(decision).startswith("Decision needed: institutional lead for AI.")
    assert "responsible" in comment_text(Marker("owner", "[OWNER TO ASSIGN]", ""))
    assert "cost" in comment_text(Marker("cost", "[COST ESTIMATE REQUIRED]", ""))


def test_deterministic_with_fixed_zip_dates() -> None:
    first = docx_of("AIA")
    again, _ = render_docx(html_of("AIA"), meta_of("AIA"))
    assert first == again
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 3, 2, 0, 0, 0)}
        assert z.namelist()[0] == "[Content_Types].xml"


def test_letter_paper_and_default_a4() -> None:
    a4 = docx.Document(io.BytesIO(docx_of("JAM"))).sections[-1]
    assert round(a4.page_width.mm) == 210 and round(a4.page_height.mm) == 297
    data, _ = render_docx(html_of("AIA"), meta_of("AIA"), options=OfficeOptions(paper="letter"))
    letter = docx.Document(io.BytesIO(data)).sections[-1]
    assert round(letter.page_width.mm) == 216 and round(letter.page_height.mm) == 279


def test_odt_has_headings_properties_and_fixed_dates() -> None:
    data, warnings = render_odt(html_of("JAM"), meta_of("JAM"))
    assert warnings == []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        content = z.read("content.xml").decode()
        meta = z.read("meta.xml").decode()
        styles = z.read("styles.xml").decode()
        assert {i.date_time for i in z.infolist()} == {(2026, 3, 2, 0, 0, 0)}
    chapters = [t for t in visible(html_of("JAM")).h2 if t != "Contents"]
    assert content.count('text:outline-level="1"') >= len(chapters)
    assert "<text:table-of-content " in content
    assert "<dc:title>JAM: National AI Strategy (draft for consultation)</dc:title>" in meta
    assert "<meta:creation-date>2026-03-02T00:00:00Z</meta:creation-date>" in meta
    assert "<text:page-number" in styles and "Draft for consultation" in styles
    # Table rows are ruled and the header row tinted (pandoc writes borderless cells).
    assert 'fo:background-color="#e8eef4" fo:border-bottom="0.75pt solid #1f3a5f"' in content
    again, _ = render_odt(html_of("JAM"), meta_of("JAM"))
    assert again == data


def test_contents_heading_in_the_documents_language() -> None:
    # pandoc keeps the placeholder's "data-title" attribute under that name; the Word and
    # OpenDocument contents took the English fallback for every translated draft.
    from strategygen import Tailoring

    html = render_html("HTI", Tailoring(language="fr"), build_date=DATE)
    meta = meta_of("HTI")
    xml = zipfile.ZipFile(io.BytesIO(render_docx(html, meta)[0])).read("word/document.xml")
    assert b">Table des mati\xc3\xa8res</w:t>" in xml and b">Contents</w:t>" not in xml
    odt = zipfile.ZipFile(io.BytesIO(render_odt(html, meta)[0])).read("content.xml")
    assert b'Contents_20_Heading">Table des mati\xc3\xa8res</text:p>' in odt


def test_odt_definition_lists_are_compact() -> None:
    # The cover's details are a definition list; pandoc's default spacing pushed the last
    # detail of Haiti's French cover onto a page of its own in LibreOffice.
    data, _ = render_odt(html_of("AIA"), meta_of("AIA"))
    styles = zipfile.ZipFile(io.BytesIO(data)).read("styles.xml").decode()
    for name in ("Definition_20_Term_20_Tight", "Definition_20_Definition_20_Tight"):
        block = re.search(rf'style:name="{name}".*?</style:style>', styles, re.DOTALL)
        assert block is not None, name
        assert 'fo:margin-bottom="0' in block.group(0)
    term = re.search(r'style:name="Definition_20_Term".*?</style:style>', styles, re.DOTALL)
    assert term is not None and 'fo:font-size="9pt"' in term.group(0)
