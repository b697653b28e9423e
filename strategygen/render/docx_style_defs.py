"""The styles of the Word reference document, as WordprocessingML: names, fonts, spacing.

:func:`reference_styles` returns every style the generated reference document defines or
replaces (headings, body text, the data-gap and decision markers, the draft notice, table
text, the contents levels and the default table style); ``docx_styles`` puts them into
pandoc's default reference document with the theme's colours and fonts.
"""

from __future__ import annotations

from strategygen.render.office_ast import (
    STYLE_COVER_COUNTRY,
    STYLE_DATA_GAP,
    STYLE_DATA_LABEL,
    STYLE_DECISION,
    STYLE_FIGURE_NOTE,
    STYLE_NOTICE,
    STYLE_PARA_NUMBER,
    STYLE_TABLE_TEXT,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_TIGHT = '<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>'

#: Highlight colours (Word's fixed palette) of the two kinds of marker.
HIGHLIGHT = {STYLE_DATA_GAP: "yellow", STYLE_DECISION: "cyan"}


def style_id(name: str) -> str:
    """Return the style id pandoc and Word derive from a style name (spaces removed)."""
    return name.replace(" ", "")


def _run_props(
    font: str | None = None,
    size: float | None = None,
    colour: str | None = None,
    bold: bool = False,
    italic: bool = False,
    caps: bool = False,
    highlight: str | None = None,
) -> str:
    # Word rejects run properties out of the schema's order: fonts, bold, italic, caps,
    # colour, size, highlight.
    parts = []
    if font:
        parts.append(
            f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
        )
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    if caps:
        parts.append("<w:caps/>")
    if colour:
        parts.append(f'<w:color w:val="{colour.lstrip("#").upper()}"/>')
    if size:
        half = round(size * 2)
        parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    if highlight:
        parts.append(f'<w:highlight w:val="{highlight}"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def _style_xml(
    kind: str,
    name: str,
    *,
    based_on: str | None = None,
    next_style: str | None = None,
    ppr: str = "",
    rpr: str = "",
    extra: str = "",
    builtin: bool = False,
    ui_name: str | None = None,
) -> str:
    custom = "" if builtin else ' w:customStyle="1"'
    body = f'<w:name w:val="{ui_name or name}"/>'
    if based_on:
        body += f'<w:basedOn w:val="{based_on}"/>'
    if next_style:
        body += f'<w:next w:val="{next_style}"/>'
    body += "<w:qFormat/>"
    if ppr:
        body += f"<w:pPr>{ppr}</w:pPr>"
    body += extra + rpr
    opening = f'<w:style xmlns:w="{W}" w:type="{kind}"{custom} w:styleId="{style_id(name)}">'
    return f"{opening}{body}</w:style>"


def reference_styles(accent: str, ink: str, muted: str, body: str, headings: str) -> list[str]:
    """Return the styles the generated reference defines or replaces, as XML."""
    acc = accent.lstrip("#").upper()
    keep = "<w:keepNext/><w:keepLines/>"
    heading = [
        ("Heading1", "heading 1", 18, 480, 160, 0),
        ("Heading2", "heading 2", 13, 280, 100, 1),
        ("Heading3", "heading 3", 11, 200, 60, 2),
        ("Heading4", "heading 4", 10.5, 160, 40, 3),
    ]
    out = [
        _style_xml(
            "paragraph",
            "Normal",
            builtin=True,
            rpr=_run_props(body, 10.5, ink),
            ppr='<w:spacing w:after="120" w:line="264" w:lineRule="auto"/>',
        ),
        _style_xml(
            "paragraph",
            "Body Text",
            based_on="Normal",
            builtin=True,
            ppr='<w:spacing w:before="0" w:after="120"/>',
        ),
        _style_xml(
            "paragraph",
            "Compact",
            based_on="Normal",
            ppr='<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>',
        ),
        _style_xml(
            "paragraph",
            "Title",
            based_on="Normal",
            next_style="BodyText",
            builtin=True,
            ppr='<w:spacing w:before="1200" w:after="240" w:line="240" w:lineRule="auto"/>',
            rpr=_run_props(headings, 28, accent, bold=True),
        ),
        _style_xml(
            "paragraph",
            "Subtitle",
            based_on="Normal",
            next_style="BodyText",
            builtin=True,
            ppr='<w:spacing w:after="480"/>',
            rpr=_run_props(headings, 14, muted),
        ),
        _style_xml(
            "paragraph",
            STYLE_COVER_COUNTRY,
            based_on="Normal",
            ppr='<w:spacing w:before="480" w:after="120"/>',
            rpr=_run_props(headings, 13, accent, bold=True, caps=True),
        ),
        _style_xml(
            "paragraph",
            "Caption",
            based_on="Normal",
            builtin=True,
            ppr='<w:spacing w:before="120" w:after="80"/>',
            rpr=_run_props(headings, 9, muted),
        ),
        _style_xml("paragraph", "Table Caption", based_on="Caption", ppr="<w:keepNext/>"),
        _style_xml(
            "paragraph",
            "Image Caption",
            based_on="Caption",
            ppr='<w:spacing w:before="60" w:after="160"/>',
        ),
        _style_xml(
            "paragraph",
            "Figure",
            based_on="Normal",
            ppr='<w:keepNext/><w:spacing w:before="120" w:after="0"/><w:jc w:val="center"/>',
        ),
        _style_xml("paragraph", "Captioned Figure", based_on="Figure", ppr="<w:keepNext/>"),
        _style_xml(
            "paragraph",
            STYLE_TABLE_TEXT,
            based_on="Normal",
            ppr=_TIGHT + '<w:jc w:val="left"/>',
            rpr=_run_props(headings, 8.5, ink),
        ),
        _style_xml(
            "paragraph",
            STYLE_FIGURE_NOTE,
            based_on="Normal",
            ppr='<w:spacing w:before="40" w:after="120"/>',
            rpr=_run_props(headings, 8.5, muted),
        ),
        _style_xml(
            "paragraph",
            STYLE_DATA_LABEL,
            based_on=style_id(STYLE_FIGURE_NOTE),
            ppr="<w:keepNext/>",
            rpr=_run_props(None, None, None, italic=True),
        ),
        _style_xml(
            "paragraph",
            "Definition Term",
            based_on="Normal",
            next_style="Definition",
            ppr='<w:keepNext/><w:spacing w:before="160" w:after="0"/>',
            rpr=_run_props(headings, 9, muted, bold=True),
        ),
        _style_xml(
            "paragraph",
            STYLE_NOTICE,
            based_on="Normal",
            ppr=(
                '<w:pBdr><w:top w:val="single" w:sz="8" w:space="4" w:color="C0392B"/>'
                '<w:left w:val="single" w:sz="8" w:space="4" w:color="C0392B"/>'
                '<w:bottom w:val="single" w:sz="8" w:space="4" w:color="C0392B"/>'
                '<w:right w:val="single" w:sz="8" w:space="4" w:color="C0392B"/></w:pBdr>'
                '<w:shd w:val="clear" w:color="auto" w:fill="FDF2F0"/>'
                '<w:spacing w:before="0" w:after="0"/>'
                '<w:ind w:left="113" w:right="113"/>'
            ),
            rpr=_run_props(headings, 9, ink),
        ),
        _style_xml(
            "paragraph",
            "Block Text",
            based_on="Normal",
            next_style="BodyText",
            builtin=True,
            ppr=(
                f'<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="{acc}"/></w:pBdr>'
                '<w:spacing w:before="120" w:after="120"/><w:ind w:left="360" w:right="360"/>'
            ),
            rpr=_run_props(None, 11, ink, italic=True),
        ),
        _style_xml(
            "paragraph",
            "Footnote Text",
            based_on="Normal",
            builtin=True,
            ppr='<w:spacing w:after="40" w:line="240" w:lineRule="auto"/>',
            rpr=_run_props(None, 8.5),
        ),
        _style_xml(
            "paragraph",
            "TOC Heading",
            based_on="Heading1",
            next_style="BodyText",
            builtin=True,
            ppr='<w:outlineLvl w:val="9"/>',
        ),
        _style_xml(
            "paragraph",
            "TOC1",
            ui_name="toc 1",
            based_on="Normal",
            builtin=True,
            ppr=(
                '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9350"/></w:tabs>'
                '<w:spacing w:before="100" w:after="20"/>'
            ),
            rpr=_run_props(headings, 10, ink, bold=True),
        ),
        _style_xml(
            "paragraph",
            "TOC2",
            ui_name="toc 2",
            based_on="Normal",
            builtin=True,
            ppr=(
                '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9350"/></w:tabs>'
                '<w:spacing w:before="0" w:after="0"/><w:ind w:left="360"/>'
            ),
            rpr=_run_props(headings, 9.5, ink),
        ),
        _style_xml(
            "paragraph",
            "Header",
            ui_name="header",
            based_on="Normal",
            builtin=True,
            ppr='<w:spacing w:after="0"/>',
            rpr=_run_props(headings, 8, muted),
        ),
        _style_xml(
            "paragraph",
            "Footer",
            ui_name="footer",
            based_on="Normal",
            builtin=True,
            ppr='<w:spacing w:after="0"/>',
            rpr=_run_props(headings, 8, muted),
        ),
        _style_xml(
            "character",
            STYLE_DATA_GAP,
            rpr=_run_props(headings, None, None, highlight=HIGHLIGHT[STYLE_DATA_GAP]),
        ),
        _style_xml(
            "character",
            STYLE_DECISION,
            rpr=_run_props(headings, None, None, bold=True, highlight=HIGHLIGHT[STYLE_DECISION]),
        ),
        _style_xml("character", STYLE_PARA_NUMBER, rpr=_run_props(headings, 8.5, muted, bold=True)),
        _style_xml("character", "Hyperlink", builtin=True, rpr=_run_props(None, None, accent)),
    ]
    for sid, name, size, before, after, level in heading:
        out.append(
            _style_xml(
                "paragraph",
                sid,
                ui_name=name,
                based_on="Normal",
                next_style="BodyText",
                builtin=True,
                ppr=(
                    f'{keep}<w:spacing w:before="{before}" w:after="{after}"/>'
                    f'<w:outlineLvl w:val="{level}"/>'
                ),
                rpr=_run_props(headings, size, accent, bold=True),
            )
        )
    out.append(_table_style(acc))
    return out


def _table_style(accent: str) -> str:
    """Return the default table style: row rules and a tinted header row that repeats."""
    return (
        f'<w:style xmlns:w="{W}" w:type="table" w:default="1" w:styleId="Table">'
        '<w:name w:val="Table"/><w:basedOn w:val="TableNormal"/><w:qFormat/>'
        f'<w:pPr>{_TIGHT}<w:jc w:val="left"/></w:pPr>'
        '<w:rPr><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        f'<w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="{accent}"/>'
        f'<w:bottom w:val="single" w:sz="8" w:space="0" w:color="{accent}"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/></w:tblBorders>'
        '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        "<w:trPr><w:cantSplit/></w:trPr>"
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
        "<w:tcPr><w:tcBorders>"
        f'<w:bottom w:val="single" w:sz="8" w:space="0" w:color="{accent}"/></w:tcBorders>'
        '<w:shd w:val="clear" w:color="auto" w:fill="E8EEF4"/><w:vAlign w:val="bottom"/></w:tcPr>'
        "</w:tblStylePr></w:style>"
    )
