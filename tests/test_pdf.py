"""PDF writer tests: layout structure, metadata, variants, safe fetching, strictness, atomicity.

They check structure and extracted text, never pixels. The synthetic document follows
templates/CONTRACT.md so that print.css is exercised the way the real templates use it.
"""

from __future__ import annotations

import html as html_lib
import re
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

import pikepdf
from pypdf import PdfReader

from strategygen.build.document import pdf_document
from strategygen.build.plan import resolve_plan
from strategygen.errors import RenderError
from strategygen.inputs.tailoring import Tailoring
from strategygen.render.pdf import PdfMetadata, extra_css, make_url_fetcher, write_pdf

ROOT = Path(__file__).resolve().parent.parent
PRINT_CSS = (ROOT / "templates" / "static" / "print.css").read_text(encoding="utf-8")
ACCENTED = "Haïti, República Dominicana, Curaçao, Sint Maarten, Kreyòl ayisyen: ède"

CHAPTERS = [
    ("executive_summary", "Executive summary", ["Purpose", "Main findings"]),
    ("national_context", "National context", ["Economy and society", "Digital infrastructure"]),
    ("readiness", "AI readiness", ["Pillar scores", "Peer comparison"]),
    ("capability", "National AI capability plan", ["Competencies", "Training paths"]),
    ("annex_sources", "Annex A: Sources", []),
]
ANNEX_IDS = {"annex_sources"}

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 160" width="400" height="160"'
    ' role="img" aria-label="Bar chart">'
    '<rect x="10" y="20" width="300" height="30" fill="#1f4e79"/>'
    '<rect x="10" y="70" width="200" height="30" fill="#7aa6c2"/>'
    '<text x="320" y="40" font-family="Noto Sans" font-size="12">0.62</text>'
    "</svg>"
)

META = PdfMetadata(
    title="Synthetic Republic: National AI Strategy (draft)",
    author="Ministry of Digital Transformation",
    subject="Draft national AI strategy",
    keywords=("AI", "strategy", "public sector"),
    lang="en",
    created=date(2025, 3, 14),
    generator="strategygen test",
)


def paragraphs(n: int, seed: str) -> str:
    text = (
        f"{seed}: public value comes from a clear strategy, legitimacy and operational "
        "capacity. The ministry coordinates data governance, skills and procurement, and "
        "reports progress each year against the indicators in the monitoring chapter. "
    )
    return "".join(f"<p>{text * 3}</p>" for _ in range(n))


def long_table(rows: int) -> str:
    body = "".join(
        f"<tr><td>Indicator {i}</td><td class='num'>{i * 1.5:.1f}</td><td>Source {i % 4}</td></tr>"
        for i in range(1, rows + 1)
    )
    return (
        "<table><caption>Indicators and baselines</caption>"
        "<thead><tr><th>Indicator</th><th class='num'>Baseline</th><th>Source</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def synthetic_html(*, extra_body: str = "", watermark: bool = True, lang: str = "en") -> str:
    toc = "".join(
        f'<li><a href="#sec-{cid}">{html_lib.escape(title)}</a></li>' for cid, title, _ in CHAPTERS
    )
    chapters = []
    for number, (cid, title, subs) in enumerate(CHAPTERS, start=1):
        cls = "chapter annex" if cid in ANNEX_IDS else "chapter"
        parts = [f'<section class="{cls}" id="sec-{cid}"><h2>{html_lib.escape(title)}</h2>']
        parts.append(paragraphs(2, f"Chapter {number}"))
        for sub in subs:
            parts.append(f"<h3>{html_lib.escape(sub)}</h3>{paragraphs(2, sub)}")
        if cid == "national_context":
            parts.append(f"<p>{ACCENTED}.<span class='footnote'>Names as used by ECLAC.</span></p>")
        if cid == "readiness":
            parts.append(
                '<figure class="chart" id="fig-pillars">'
                f"{SVG}<figcaption>Readiness by pillar</figcaption>"
                "<details><summary>Data</summary><table><caption>Data</caption>"
                "<thead><tr><th>Pillar</th><th>Score</th></tr></thead>"
                "<tbody><tr><td>Government</td><td>0.62</td></tr></tbody></table></details>"
                "</figure>"
            )
            parts.append(long_table(90))
        parts.append("</section>")
        chapters.append("".join(parts))
    body_class = ' class="watermark"' if watermark else ""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html_lib.escape(META.title)}</title>"
        f'<style media="print">{PRINT_CSS}</style></head>'
        f"<body{body_class}>"
        '<section class="cover" id="sec-front_matter">'
        '<p class="running-title">Synthetic Republic: National AI Strategy (draft)</p>'
        "<h1>Synthetic Republic</h1><h2>National AI Strategy</h2><p>14 March 2025</p>"
        '<div class="draft-notice">Draft for consultation.</div></section>'
        f'<nav class="toc" id="toc"><h2>Contents</h2><ol>{toc}</ol></nav>'
        f"{''.join(chapters)}{extra_body}</body></html>"
    )


@pytest.fixture(scope="module")
def assets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("assets")
    (folder / "dot.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<circle cx="5" cy="5" r="4"/></svg>',
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def default_pdf(tmp_path_factory: pytest.TempPathFactory, assets: Path) -> tuple[Path, object]:
    target = tmp_path_factory.mktemp("out") / "doc.pdf"
    result = write_pdf(synthetic_html(), target, asset_dirs=[assets], metadata=META)
    return target, result


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def heading_page(texts: list[str], heading: str, start: int) -> int:
    """1-based page where ``heading`` first appears as a line, at or after page ``start``."""
    for number, text in enumerate(texts, start=1):
        if number < start:
            continue
        lines = [normalise(line) for line in text.splitlines()]
        if heading in lines:
            return number
    raise AssertionError(f"heading {heading!r} not found")


# ---------- layout and text -----------------------------------------------------------


def test_page_count_in_range(default_pdf: tuple[Path, object]) -> None:
    path, result = default_pdf
    pages = len(PdfReader(path).pages)
    assert result.pages == pages  # type: ignore[attr-defined]
    assert 10 <= pages <= 25
    assert result.bytes == path.stat().st_size  # type: ignore[attr-defined]


def test_no_weasyprint_warnings(default_pdf: tuple[Path, object]) -> None:
    _, result = default_pdf
    assert result.warnings == ()  # type: ignore[attr-defined]


def test_every_heading_and_accented_text_extracted(default_pdf: tuple[Path, object]) -> None:
    path, _ = default_pdf
    text = normalise(" ".join(page_texts(path)))
    for _, title, subs in CHAPTERS:
        assert title in text
        for sub in subs:
            assert sub in text
    assert ACCENTED in text
    assert "Figure 1. Readiness by pillar" in text
    assert "Table 2. Indicators and baselines" in text  # Table 1 is the figure data


def test_toc_page_numbers_match_heading_pages(default_pdf: tuple[Path, object]) -> None:
    path, _ = default_pdf
    texts = page_texts(path)
    toc_page = next(i for i, t in enumerate(texts, start=1) if "Contents" in t)
    toc_lines = [normalise(line) for line in texts[toc_page - 1].splitlines()]
    for _, title, _subs in CHAPTERS:
        entry = next(line for line in toc_lines if line.startswith(title))
        printed = int(re.search(r"(\d+)$", entry).group(1))  # type: ignore[union-attr]
        assert printed == heading_page(texts, title, toc_page + 1), entry


def test_running_head_and_footer(default_pdf: tuple[Path, object]) -> None:
    path, _ = default_pdf
    texts = page_texts(path)
    total = len(texts)
    assert "Page" not in texts[0]  # the cover has no running head or foot
    assert f"Page 3 of {total}" in normalise(texts[2])
    assert "Synthetic Republic: National AI Strategy (draft)" in texts[2]
    assert "Draft for consultation" in texts[2]


def test_long_table_repeats_its_header(default_pdf: tuple[Path, object]) -> None:
    path, _ = default_pdf
    pages_with_rows = [t for t in page_texts(path) if "Indicator 1" in t or "Indicator 9" in t]
    assert len(pages_with_rows) >= 2
    for text in pages_with_rows:
        assert "Baseline" in text


def test_outline_mirrors_headings(default_pdf: tuple[Path, object]) -> None:
    path, _ = default_pdf
    reader = PdfReader(path)

    def titles(items: list[object], depth: int = 0) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        for item in items:
            if isinstance(item, list):
                found.extend(titles(item, depth + 1))
            else:
                found.append((depth, item.title))  # type: ignore[attr-defined]
        return found

    outline = titles(reader.outline)
    top = [t for d, t in outline if d == 0]
    assert top == ["Contents"] + [title for _, title, _ in CHAPTERS]
    nested = [t for d, t in outline if d == 1]
    assert nested == [sub for _, _, subs in CHAPTERS for sub in subs]


def test_metadata(default_pdf: tuple[Path, object]) -> None:
    path, _ = default_pdf
    reader = PdfReader(path)
    info = reader.metadata
    assert info is not None
    assert info.title == META.title
    assert info.author == META.author
    assert info.subject == META.subject
    assert info["/Keywords"] == "AI, strategy, public sector"
    assert str(info["/CreationDate"]).startswith("D:20250314")
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_default_output_is_tagged(default_pdf: tuple[Path, object]) -> None:
    path, _ = default_pdf
    root = PdfReader(path).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]


def test_fonts_embedded_and_subset(default_pdf: tuple[Path, object]) -> None:
    path, _ = default_pdf
    names = set()
    for page in PdfReader(path).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            names.add(str(font["/BaseFont"]))
            descendant = font.get("/DescendantFonts")
            desc = (descendant[0].get_object() if descendant else font)["/FontDescriptor"]
            assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
    assert names
    # Subset fonts carry a six-letter tag; every family is one print.css names.
    assert all(re.match(r"/[A-Z]{6}\+", n) for n in names), names
    assert any("NotoSerif" in n.replace("-", "") for n in names), names
    assert any("NotoSans" in n.replace("-", "") for n in names), names


# ---------- variants, paper, watermark ------------------------------------------------


def test_pdf_ua1_is_tagged(tmp_path: Path, assets: Path) -> None:
    target = tmp_path / "ua.pdf"
    result = write_pdf(
        synthetic_html(), target, asset_dirs=[assets], variant="pdf/ua-1", metadata=META
    )
    assert result.warnings == ()
    root = PdfReader(target).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()


def test_pdf_a3b_has_output_intent_and_xmp(tmp_path: Path, assets: Path) -> None:
    target = tmp_path / "a.pdf"
    write_pdf(synthetic_html(), target, asset_dirs=[assets], variant="pdf/a-3b", metadata=META)
    root = PdfReader(target).trailer["/Root"]
    intents = root["/OutputIntents"]
    assert intents[0].get_object()["/S"] == "/GTS_PDFA1"
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp or b'pdfaid:part="3"' in xmp
    assert META.title.encode() in xmp


def test_unknown_variant_and_paper_are_errors(tmp_path: Path, assets: Path) -> None:
    with pytest.raises(RenderError, match="unknown PDF variant"):
        write_pdf(
            "<p>x</p>", tmp_path / "x.pdf", asset_dirs=[assets], variant="pdf/z", metadata=META
        )
    with pytest.raises(RenderError, match="unknown paper size"):
        extra_css("a5")


def test_letter_paper(tmp_path: Path, assets: Path) -> None:
    target = tmp_path / "letter.pdf"
    write_pdf(synthetic_html(), target, asset_dirs=[assets], paper="letter", metadata=META)
    box = PdfReader(target).pages[3].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_a4_paper(default_pdf: tuple[Path, object]) -> None:
    path, _ = default_pdf
    box = PdfReader(path).pages[3].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def _background_strokes(path: Path) -> list[int]:
    """Per page: stroke operators in the page's background drawing (its first XObject)."""
    counts = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            ops = [str(op.operator) for op in pikepdf.parse_content_stream(page)]
            names = [
                op.operands[0]
                for op in pikepdf.parse_content_stream(page)
                if str(op.operator) == "Do"
            ]
            strokes = 0
            if names and "BT" not in ops[: ops.index("Do")]:
                form = page.Resources.XObject[names[0]]
                strokes = sum(str(op.operator) == "S" for op in pikepdf.parse_content_stream(form))
            counts.append(strokes)
    return counts


def test_watermark_switch(tmp_path: Path, assets: Path) -> None:
    on = tmp_path / "on.pdf"
    off = tmp_path / "off.pdf"
    write_pdf(synthetic_html(), on, asset_dirs=[assets], metadata=META)
    write_pdf(synthetic_html(), off, asset_dirs=[assets], watermark=False, metadata=META)
    # The mark is a drawing (five stroked letters) behind every page, never text.
    assert all(n >= 5 for n in _background_strokes(on))
    assert not any(_background_strokes(off))
    assert not any("DRAFT" in t for t in page_texts(on) + page_texts(off))


# ---------- the URL fetcher -----------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "https://example.org/logo.png",
        "ftp://example.org/logo.png",
        "file:///etc/hostname",
    ],
)
def test_fetcher_blocks_non_asset_urls(url: str, assets: Path) -> None:
    fetcher = make_url_fetcher([assets])
    with pytest.raises(RenderError, match=re.escape(url)):
        fetcher.fetch(url)


def test_fetcher_blocks_dotdot_escape(assets: Path) -> None:
    url = (assets / ".." / ".." / "etc" / "hostname").as_posix()
    with pytest.raises(RenderError, match="outside the asset folders"):
        make_url_fetcher([assets]).fetch(f"file://{url}")


def test_fetcher_blocks_symlink_escape(tmp_path: Path) -> None:
    root = tmp_path / "assets"
    root.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    (root / "link.svg").symlink_to(secret)
    with pytest.raises(RenderError, match="outside the asset folders"):
        make_url_fetcher([root]).fetch((root / "link.svg").as_uri())


def test_fetcher_allows_data_and_assets(assets: Path) -> None:
    fetcher = make_url_fetcher([assets])
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    assert b"<circle" in fetcher.fetch((assets / "dot.svg").as_uri()).read()


def test_blocked_url_stops_the_render(tmp_path: Path, assets: Path) -> None:
    target = tmp_path / "doc.pdf"
    html = synthetic_html(extra_body='<img src="http://example.org/track.png" alt="">')
    with pytest.raises(RenderError, match=r"http://example\.org/track\.png"):
        write_pdf(html, target, asset_dirs=[assets], metadata=META)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_file_outside_assets_stops_the_render(tmp_path: Path, assets: Path) -> None:
    html = synthetic_html(extra_body='<img src="file:///etc/hostname" alt="">')
    with pytest.raises(RenderError, match="outside the asset folders"):
        write_pdf(html, tmp_path / "doc.pdf", asset_dirs=[assets], metadata=META)


def test_relative_asset_and_data_uri_render(tmp_path: Path, assets: Path) -> None:
    html = synthetic_html(
        extra_body='<p><img src="dot.svg" alt="dot"> <img alt="d" src="data:image/svg+xml,'
        "%3Csvg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/%3E\"></p>"
    )
    result = write_pdf(html, tmp_path / "doc.pdf", asset_dirs=[assets], metadata=META)
    assert result.warnings == ()


# ---------- strictness and atomic writes ----------------------------------------------


def test_warnings_collected_and_strict_fails(tmp_path: Path, assets: Path) -> None:
    html = synthetic_html(extra_body="<style>p { colour: red; margin: banana; }</style>")
    result = write_pdf(html, tmp_path / "lenient.pdf", asset_dirs=[assets], metadata=META)
    assert result.warnings and any("banana" in w or "colour" in w for w in result.warnings)
    # Whether warnings are fatal is the build's decision (--strict), made in one place.
    plan = resolve_plan(Tailoring(strict=True), formats=("pdf",))
    with pytest.raises(RenderError, match="strict"):
        pdf_document(html, plan, "strict.pdf")


def test_failed_render_keeps_previous_pdf(tmp_path: Path, assets: Path) -> None:
    target = tmp_path / "doc.pdf"
    target.write_bytes(b"%PDF-previous")
    html = synthetic_html(extra_body='<img src="https://example.org/x.png" alt="">')
    with pytest.raises(RenderError):
        write_pdf(html, target, asset_dirs=[assets], metadata=META)
    assert target.read_bytes() == b"%PDF-previous"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.pdf"]


def test_same_input_gives_identical_bytes_dated_by_the_document(
    tmp_path: Path, assets: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741910400")  # never read by the PDF writer
    first, second = tmp_path / "one.pdf", tmp_path / "two.pdf"
    for target in (first, second):
        write_pdf(synthetic_html(), target, asset_dirs=[assets], metadata=META)
    assert first.read_bytes() == second.read_bytes()
    info = PdfReader(first).metadata
    assert info is not None
    assert str(info["/ModDate"]).startswith("D:20250314")
    assert str(info["/CreationDate"]).startswith("D:20250314")


def test_metadata_comes_from_the_html_head(tmp_path: Path, assets: Path) -> None:
    write_pdf(synthetic_html(), tmp_path / "doc.pdf", asset_dirs=[assets])
    info = PdfReader(tmp_path / "doc.pdf").metadata
    assert info is not None and info.title == META.title


def test_default_asset_dirs(tmp_path: Path) -> None:
    from strategygen.render.pdf import default_asset_dirs

    (tmp_path / "static").mkdir()
    dirs = default_asset_dirs([tmp_path, tmp_path / "missing"])
    assert dirs[0] == tmp_path / "static"
    assert dirs[-1].name == "static" and (dirs[-1] / "print.css").is_file()
    assert len(dirs) == 2
