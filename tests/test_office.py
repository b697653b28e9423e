"""The office writers' parts: HTML preparation, tree rewrites, safety, paragraph numbers, themes."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest

from strategygen.errors import ProfileError, RenderError
from strategygen.inputs.theme import load_theme
from strategygen.render.docx import DEFAULT_LOOK, OfficeMeta, render_docx, theme_look
from strategygen.render.docx_styles import default_reference_docx
from strategygen.render.office_html import prepare_html
from strategygen.render.office_nodes import column_shares, sized_svg, str_inlines, with_minimums
from strategygen.render.pandoc import run_pandoc
from strategygen.render.paranum import number_paragraphs

DATE = dt.date(2026, 3, 2)
# A 1x1 PNG.
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
META = OfficeMeta(
    title="Testland: strategy",
    author="Ministry of Tests",
    subject="A test.",
    keywords=("test",),
    lang="fr",
    created=DATE,
    generator="strategygen test",
    running_title="Testland (draft)",
)


def page(body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="fr"><head><title>T</title><style>p{color:red}</style></head>'
        f'<body><main><section class="chapter" id="sec-x"><h2><span class="secnum">1.</span> '
        f"Chapter</h2>{body}</section></main></body></html>"
    )


def word_xml(data: bytes, name: str = "word/document.xml") -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name).decode() if name in z.namelist() else ""


# -- HTML preparation -----------------------------------------------------------------------


def test_prepare_keeps_svg_source_and_classes() -> None:
    svg = '<svg viewBox="0 0 10 5" width="100%"><title>T &amp; U</title><desc>D</desc></svg>'
    prepared = prepare_html(page(f'<p class="source-line">Src</p><figure>{svg}</figure>'))
    assert prepared.svgs == (svg,)
    assert prepared.titles == ("T & U",) and prepared.descriptions == ("D",)
    assert '<img src="strategygen-chart:0"' in prepared.html
    assert '<div class="source-line"><p>Src</p></div>' in prepared.html
    assert "color:red" not in prepared.html  # the head and its stylesheet are gone


def test_sized_svg_uses_the_viewbox() -> None:
    out = sized_svg('<svg viewBox="0 0 640 238" width="100%" class="c"><g/></svg>')
    assert out.startswith('<svg viewBox="0 0 640 238" class="c" width="640" height="238">')


def test_markdown_footnotes_become_word_footnotes() -> None:
    body = (
        '<div class="narrative"><p>Claim<sup id="x-fnref-a"><a class="footnote-ref" '
        'href="#x-fn-a">1</a></sup> here.</p><div class="footnote"><hr><ol><li id="x-fn-a">'
        '<p>Source of the claim.&nbsp;<a class="footnote-backref" href="#x-fnref-a">↩</a>'
        '</p></li></ol></div></div><p>Inline<span class="footnote">Contract note.</span>.</p>'
    )
    data, _ = render_docx(page(body), META)
    notes = word_xml(data, "word/footnotes.xml")
    assert "Source of the claim." in notes and "Contract note." in notes
    assert "↩" not in notes and "↩" not in word_xml(data)
    assert word_xml(data).count("<w:footnoteReference ") == 2


def test_ids_of_rows_become_bookmarks_for_links() -> None:
    body = (
        '<p>See <a href="#act-A1">A1</a>.</p><table><caption>Actions</caption><thead><tr>'
        '<th>Ref.</th><th>Action</th></tr></thead><tbody><tr id="act-A1"><th>A1</th>'
        "<td>Do it</td></tr></tbody></table>"
    )
    xml = word_xml(render_docx(page(body), META)[0])
    assert 'w:anchor="act-A1"' in xml and 'w:name="act-A1"' in xml


def test_column_shares_respect_the_longest_word() -> None:
    def cell(text: str) -> list[object]:
        return [
            ["", [], []],
            {"t": "AlignDefault"},
            1,
            1,
            [{"t": "Plain", "c": str_inlines(text)}],
        ]

    rows = [[["", [], []], [cell("Priority"), cell("A long description " * 8)]]]
    table = {"c": [None, None, [None, None], [None, []], [[None, 0, [], rows]], [None, []]]}
    shares = column_shares(table)
    assert abs(sum(shares) - 1) < 0.01
    assert shares[0] >= (len("Priority") + 2.5) / 90 - 0.001
    assert shares[1] > 0.8
    # Short columns that fit on one line share the width as their text does.
    short = [[["", [], []], [cell("Year"), cell("Population estimate")]]]
    table["c"][4] = [[None, 0, [], short]]
    assert column_shares(table) == [0.2321, 0.7679]  # (4 + 2.5) : (19 + 2.5)


# -- Safety -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "src", ["http://example.invalid/x.png", "file:///etc/passwd", "../secret.png", "x.png"]
)
def test_no_image_is_fetched(src: str) -> None:
    data, _ = render_docx(page(f'<p>Logo <img src="{src}" alt="the logo"></p>'), META)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        rels = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".rels"))
        assert not [n for n in z.namelist() if n.startswith("word/media/")]
    assert "etc/passwd" not in rels and "example.invalid" not in rels
    assert "the logo" in word_xml(data)  # the alternative text stays


def test_pandoc_runs_sandboxed(tmp_path: Path) -> None:
    # With --sandbox, pandoc's writers cannot pull in a file the input names.
    picture = tmp_path / "p.png"
    picture.write_bytes(_PNG)
    data = run_pandoc(["-f", "markdown", "-t", "docx", "-o", "-"], f"![x]({picture})".encode())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not [n for n in z.namelist() if n.startswith("word/media/")]
    with pytest.raises(RenderError, match="pandoc failed"):
        run_pandoc(["-f", "no-such-format"], b"")


# -- Paragraph numbers ---------------------------------------------------------------------------


def test_paragraph_numbers_per_chapter_and_annex() -> None:
    html = (
        '<section class="chapter" id="sec-a"><h2><span class="secnum">3.</span> Three</h2>'
        '<p class="lead">One.</p><p>Two.</p><table><tr><td><p>cell</p></td></tr></table>'
        '<figure><p class="chart-desc">Desc.</p></figure><ul><li><p>item</p></li></ul>'
        '<div class="consult"><p>Three.</p></div><p class="source-line">Source.</p></section>'
        '<section class="chapter annex" id="sec-b"><h2>Annex B. Bee</h2><p>First.</p></section>'
        '<section class="cover"><p>Cover text.</p></section>'
    )
    out = number_paragraphs(html)
    numbers = re.findall(r'<span class="para-num">([^<]+)</span> (\w+)', out)
    assert numbers == [("3.1", "One"), ("3.2", "Two"), ("3.3", "Three"), ("B.1", "First")]
    assert number_paragraphs("<p>No chapters.</p>") == "<p>No chapters.</p>"


# -- Themes ------------------------------------------------------------------------------------


def _theme(folder: Path, extra: str) -> Path:
    path = folder / "theme.yaml"
    path.write_text(f"issuing_body: Partners\n{extra}", encoding="utf-8")
    return path


def _consultant_reference(folder: Path, font: str = "Comic Neue") -> Path:
    document = docx.Document(io.BytesIO(default_reference_docx()))
    document.styles["Normal"].font.name = font
    path = folder / "house.docx"
    document.save(str(path))
    return path


def test_consultant_reference_docx_applies(tmp_path: Path) -> None:
    _consultant_reference(tmp_path)
    theme = load_theme(_theme(tmp_path, "reference_docx: house.docx\n"))
    assert theme.reference_docx == (tmp_path / "house.docx").resolve()
    data, _ = render_docx(page("<p>Body.</p>"), META, reference=theme.reference_docx.read_bytes())
    assert 'w:ascii="Comic Neue"' in word_xml(data, "word/styles.xml")


def test_theme_colours_and_fonts_make_the_reference(tmp_path: Path) -> None:
    theme = load_theme(
        _theme(tmp_path, 'colours: {accent: "#005a5b"}\nfonts: {body: "DejaVu Serif"}\n')
    )
    look = theme_look(theme.theme)
    assert look != DEFAULT_LOOK
    styles = word_xml(default_reference_docx(look), "word/styles.xml")
    assert 'w:color w:val="005A5B"' in styles and 'w:ascii="DejaVu Serif"' in styles


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("outside", "inside the theme's folder"),
        ("missing", "does not exist"),
        ("notzip", "cannot be read as a .docx"),
        ("external", "links to an outside file"),
        ("macros", "must not contain macros"),
        ("suffix", "must be a .docx file"),
    ],
)
def test_bad_reference_docx_is_a_located_error(tmp_path: Path, setup: str, message: str) -> None:
    folder = tmp_path / "theme"
    folder.mkdir()
    name = "house.docx"
    if setup == "outside":
        _consultant_reference(tmp_path)
        name = "../house.docx"
    elif setup == "notzip":
        (folder / name).write_text("not a zip", encoding="utf-8")
    elif setup in ("external", "macros"):
        good = _consultant_reference(folder).read_bytes()
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                body = src.read(info.filename)
                if setup == "external" and info.filename == "word/_rels/document.xml.rels":
                    body = body.replace(
                        b"</Relationships>",
                        b'<Relationship Id="rX" Type="http://schemas.openxmlformats.org/'
                        b'officeDocument/2006/relationships/attachedTemplate" '
                        b'Target="http://example.invalid/t.dotx" TargetMode="External"/>'
                        b"</Relationships>",
                    )
                dst.writestr(info, body)
            if setup == "macros":
                dst.writestr("word/vbaProject.bin", b"\0")
        (folder / name).write_bytes(out.getvalue())
    elif setup == "suffix":
        name = "house.dotm"
        (folder / name).write_bytes(b"x")
    path = _theme(folder, f"\n\nreference_docx: {name}\n")
    with pytest.raises(ProfileError) as caught:
        load_theme(path)
    text = str(caught.value)
    assert text.startswith(f"{path}:4:17: reference_docx: "), text
    assert message in text


def test_stylesheet_column_widths_carry_over() -> None:
    html = page(
        '<table class="t"><caption>C</caption><thead><tr><th>A</th><th>B</th></tr></thead>'
        "<tbody><tr><td>x</td><td>a much longer cell than the first one</td></tr></tbody></table>"
    ).replace("p{color:red}", "table.t thead th:nth-child(1) { width: 70%; }")
    assert prepare_html(html).column_widths == (("t", 1, 0.7),)
    xml = word_xml(render_docx(html, META)[0])
    first, second = (int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', xml))
    assert abs(first / (first + second) - 0.7) < 0.01


def test_compound_selector_widths_apply_and_no_column_is_narrower_than_its_word() -> None:
    # "table.k.r" applies only to a table with both classes, after the plain "table.k" rule;
    # a fixed 5% column is widened to hold its longest word instead of breaking it.
    css = (
        "table.k thead th:nth-child(1) { width: 95%; }"
        "table.k thead th:nth-child(2) { width: 5%; }"
        "table.k.r thead th:nth-child(1) { width: 60%; }"
        "table.k.r thead th:nth-child(2) { width: 40%; }"
    )

    def table(classes: str) -> str:
        return (
            f'<table class="{classes}"><caption>C</caption><thead><tr><th>Indicator</th>'
            "<th>Responsible</th></tr></thead><tbody><tr><td>x</td><td>y</td></tr></tbody></table>"
        )

    def grid(classes: str) -> tuple[int, int]:
        html = page(table(classes)).replace("p{color:red}", css)
        xml = word_xml(render_docx(html, META)[0])
        first, second = (int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', xml))
        return first, second

    first, second = grid("k r")
    assert abs(first / (first + second) - 0.6) < 0.01
    first, second = grid("k")
    assert second / (first + second) >= (len("Responsible") + 2.5) / 90 - 0.001


def test_with_minimums_takes_width_from_columns_above_their_own() -> None:
    assert with_minimums([0.9, 0.1], [0.1, 0.2]) == pytest.approx([0.8, 0.2])
    assert with_minimums([0.5, 0.5], [0.1, 0.2]) == [0.5, 0.5]
    expected = [0.6 - 1 / 30, 0.3 - 2 / 30, 0.2]
    assert with_minimums([0.6, 0.3, 0.1], [0.5, 0.1, 0.2]) == pytest.approx(expected)
    # Minimums that cannot all be met leave the chosen widths alone.
    assert with_minimums([0.5, 0.5], [0.8, 0.4]) == [0.5, 0.5]


def test_table_rows_never_split_across_pages() -> None:
    body = (
        "<table><caption>C</caption><thead><tr><th>A</th></tr></thead>"
        "<tbody><tr><td>x</td></tr><tr><td>y</td></tr></tbody></table>"
    )
    xml = word_xml(render_docx(page(body), META)[0])
    rows = re.findall(r"<w:tr\b.*?</w:tr>", xml, re.DOTALL)
    assert len(rows) == 3 and all("<w:cantSplit/>" in r for r in rows)


def test_a_web_address_does_not_take_the_whole_width() -> None:
    def cell(text: str) -> list[object]:
        return [["", [], []], {"t": "AlignDefault"}, 1, 1, [{"t": "Plain", "c": str_inlines(text)}]]

    url = "https://example.org/" + "a-very-long-path-segment/" * 5
    rows = [[["", [], []], [cell("2022"), cell("Title of a source"), cell(url)]]]
    table = {"c": [None, None, [None] * 3, [None, []], [[None, 0, [], rows]], [None, []]]}
    shares = column_shares(table)
    # The year keeps its four digits on one line; before, the address took 96% of the width.
    assert shares[0] >= (4 + 2.5) / 90 - 0.001 and shares[2] < 0.85
