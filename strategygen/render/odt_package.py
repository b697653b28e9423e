"""The OpenDocument (ODT) draft: a themed reference document, then the finishing touches.

LibreOffice and other ODF editors get the same draft as Word users, from the same tree.
The reference document is pandoc's own, refonted and recoloured from the theme, with the
styles the draft needs added (highlighted data gaps and decisions, the draft notice box,
paragraph numbers, page breaks, contents entries). Finishing writes the page size, the
running title in the header, the draft notice with "Page X of Y" in the footer and the
document properties, and rewrites the zip with fixed timestamps (``mimetype`` first).
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from datetime import UTC, datetime, time
from xml.sax.saxutils import escape

from lxml import etree

from strategygen.render.docx import DEFAULT_LOOK, Look, OfficeMeta, OfficeOptions
from strategygen.render.docx_package import PAPER_MM, deterministic_zip
from strategygen.render.docx_styles import pandoc_reference, rewrite_zip
from strategygen.render.office_ast import OfficeDocument

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
DC = "http://purl.org/dc/elements/1.1/"
_NS = {"office": OFFICE, "style": STYLE, "text": TEXT, "fo": FO, "meta": META, "dc": DC}
_DECL = f'xmlns:style="{STYLE}" xmlns:fo="{FO}" xmlns:text="{TEXT}"'


def _text_props(
    font: str | None = None,
    size: float | None = None,
    colour: str | None = None,
    bold: bool = False,
    extra: str = "",
) -> str:
    attrs = []
    if font:
        attrs.append(f'fo:font-family="&apos;{font}&apos;"')
    if size:
        attrs.append(f'fo:font-size="{size}pt"')
    if colour:
        attrs.append(f'fo:color="{colour}"')
    if bold:
        attrs.append('fo:font-weight="bold"')
    return f"<style:text-properties {' '.join(attrs)} {extra}/>"


def _style(
    name: str,
    family: str,
    text: str = "",
    paragraph: str = "",
    parent: str | None = None,
    display: str | None = None,
) -> str:
    parent_attr = f' style:parent-style-name="{parent}"' if parent else ""
    shown = f' style:display-name="{display}"' if display else ""
    para = f"<style:paragraph-properties {paragraph}/>" if paragraph else ""
    opening = f'<style:style {_DECL} style:name="{name}" style:family="{family}"'
    return f"{opening}{parent_attr}{shown}>{para}{text}</style:style>"


def _styles(accent: str, ink: str, muted: str, body: str, headings: str) -> list[str]:
    """Return the paragraph and text styles the ODT reference defines or replaces."""
    out = [
        _style("Standard", "paragraph", _text_props(body, 10.5, ink), 'fo:margin-bottom="0.2cm"'),
        _style(
            "Text_20_body",
            "paragraph",
            "",
            'fo:margin-top="0cm" fo:margin-bottom="0.2cm" fo:line-height="115%"',
            "Standard",
            "Text body",
        ),
        _style("First_20_paragraph", "paragraph", "", "", "Text_20_body", "First paragraph"),
        _style(
            "Heading",
            "paragraph",
            _text_props(headings, 13, accent, True),
            'fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"',
            "Standard",
        ),
        _style(
            "Title",
            "paragraph",
            _text_props(headings, 28, accent, True),
            'fo:margin-top="2cm" fo:margin-bottom="0.4cm"',
            "Standard",
        ),
        _style(
            "Subtitle",
            "paragraph",
            _text_props(headings, 14, muted),
            'fo:margin-bottom="0.8cm"',
            "Standard",
        ),
        _style(
            "Cover_20_Country",
            "paragraph",
            _text_props(headings, 13, accent, True, 'fo:text-transform="uppercase"'),
            'fo:margin-top="0.8cm"',
            "Standard",
            "Cover Country",
        ),
        _style(
            "Draft_20_Notice",
            "paragraph",
            _text_props(headings, 9, ink),
            'fo:background-color="#fdf2f0" fo:border="0.5pt solid #c0392b" fo:padding="0.15cm" '
            'fo:margin-bottom="0cm" style:join-border="true"',
            "Standard",
            "Draft Notice",
        ),
        _style(
            "Figure_20_Note",
            "paragraph",
            _text_props(headings, 8.5, muted),
            'fo:margin-bottom="0.2cm"',
            "Standard",
            "Figure Note",
        ),
        _style(
            "Figure_20_Data_20_Label",
            "paragraph",
            _text_props(headings, 8.5, muted),
            'fo:margin-bottom="0.1cm" fo:keep-with-next="always"',
            "Standard",
            "Figure Data Label",
        ),
        _style(
            "Table_20_Contents",
            "paragraph",
            _text_props(headings, 8.5, ink),
            'fo:margin-top="0.03cm" fo:margin-bottom="0.03cm"',
            "Standard",
            "Table Contents",
        ),
        _style(
            "Table_20_Heading",
            "paragraph",
            _text_props(headings, 8.5, ink, True),
            'fo:margin-top="0.03cm" fo:margin-bottom="0.03cm"',
            "Table_20_Contents",
            "Table Heading",
        ),
        _style(
            "Caption",
            "paragraph",
            _text_props(headings, 9, muted),
            'fo:margin-top="0.2cm" fo:margin-bottom="0.15cm"',
            "Standard",
        ),
        _style(
            "Page_20_Break",
            "paragraph",
            "",
            'fo:break-after="page" fo:margin-bottom="0cm"',
            "Standard",
            "Page Break",
        ),
        _style(
            "Contents_20_Heading",
            "paragraph",
            _text_props(headings, 18, accent, True),
            'fo:margin-bottom="0.4cm"',
            "Standard",
            "Contents Heading",
        ),
        _style(
            "Contents_20_1",
            "paragraph",
            _text_props(headings, 10, ink, True),
            'fo:margin-top="0.15cm"',
            "Standard",
            "Contents 1",
        ),
        _style(
            "Data_20_Gap",
            "text",
            _text_props(headings, None, None, False, 'fo:background-color="#ffff00"'),
            display="Data Gap",
        ),
        _style(
            "Decision_20_Needed",
            "text",
            _text_props(headings, None, None, True, 'fo:background-color="#00ffff"'),
            display="Decision Needed",
        ),
        _style(
            "Paragraph_20_Number",
            "text",
            _text_props(headings, 8.5, muted, True),
            display="Paragraph Number",
        ),
        _style(
            "Internet_20_link", "text", _text_props(None, None, accent), display="Internet link"
        ),
    ]
    # Definition lists (the cover's details, the glossary): a small bold label over its value,
    # as in the Word draft; pandoc's defaults (body size, 0.15 cm above and below each term,
    # a 1.3 cm indent) pushed a French cover's last line onto a page of its own.
    for tight in ("", "_20_Tight"):
        shown = " Tight" if tight else ""
        out.append(
            _style(
                f"Definition_20_Term{tight}",
                "paragraph",
                _text_props(headings, 9, muted, True),
                'fo:margin-top="0.2cm" fo:margin-bottom="0cm" fo:keep-with-next="always"',
                "Standard",
                f"Definition Term{shown}",
            )
        )
        out.append(
            _style(
                f"Definition_20_Definition{tight}",
                "paragraph",
                "",
                'fo:margin-left="0cm" fo:margin-top="0cm" fo:margin-bottom="0.05cm"',
                "Standard",
                f"Definition Definition{shown}",
            )
        )
    for level, size in ((1, 18), (2, 13), (3, 11), (4, 10.5)):
        out.append(
            _style(
                f"Heading_20_{level}",
                "paragraph",
                _text_props(headings, size, accent, True),
                'fo:margin-top="0.5cm"' if level == 1 else "",
                "Heading",
                f"Heading {level}",
            )
        )
    return out


def _replace(root: etree._Element, container: str, new: list[str]) -> None:
    parent = root.find(container, _NS)
    if parent is None:
        return
    for text in new:
        element = etree.fromstring(text)
        name, family = element.get(f"{{{STYLE}}}name"), element.get(f"{{{STYLE}}}family")
        for old in parent.findall(
            f"style:style[@style:name='{name}'][@style:family='{family}']", _NS
        ):
            parent.remove(old)
        parent.append(element)


@functools.lru_cache(maxsize=8)
def default_reference_odt(look: Look = DEFAULT_LOOK) -> bytes:
    """Build the reference ``.odt`` for a look: (accent, ink, muted, body font, heading font)."""
    base = pandoc_reference("odt")
    with zipfile.ZipFile(io.BytesIO(base)) as package:
        root = etree.fromstring(package.read("styles.xml"))
    _replace(root, "office:styles", _styles(*look))
    styles: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return rewrite_zip(base, {"styles.xml": styles})


def _page(styles_xml: bytes, meta: OfficeMeta, paper: str) -> bytes:
    """Set the page size and margins, and the header and footer of the default master page."""
    root = etree.fromstring(styles_xml)
    width, height = PAPER_MM[paper]
    for props in root.iterfind(".//style:page-layout/style:page-layout-properties", _NS):
        props.set(f"{{{FO}}}page-width", f"{width}mm")
        props.set(f"{{{FO}}}page-height", f"{height}mm")
        for side in ("top", "bottom", "left", "right"):
            props.set(f"{{{FO}}}margin-{side}", "20mm" if side in ("top", "bottom") else "25mm")
        layout = props.getparent()
        for old in layout.findall("style:header-style", _NS):
            layout.remove(old)
        layout.append(
            etree.fromstring(
                f'<style:header-style {_DECL}><style:header-footer-properties fo:min-height="0cm" '
                'fo:margin-bottom="0.5cm"/></style:header-style>'
            )
        )
    footer_text = (
        f'<text:p {_DECL} text:style-name="Footer">{escape(meta.notice)}  \u00b7  '
        f"{escape(meta.page)} "
        '<text:page-number text:select-page="current">1</text:page-number> '
        f"{escape(meta.of)} "
        "<text:page-count>1</text:page-count></text:p>"
    )
    header_text = f'<text:p {_DECL} text:style-name="Footer">{escape(meta.running_title)}</text:p>'
    for master in root.iterfind(".//style:master-page", _NS):
        for tag in ("style:header", "style:footer"):
            for old in master.findall(tag, _NS):
                master.remove(old)
        header = etree.SubElement(master, f"{{{STYLE}}}header")
        header.append(etree.fromstring(header_text))
        footer = etree.SubElement(master, f"{{{STYLE}}}footer")
        footer.append(etree.fromstring(footer_text))
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return out


def _meta(meta: OfficeMeta) -> bytes:
    """Return the ODF document properties (meta.xml), dated from the build date."""
    stamp = datetime.combine(meta.created, time(0, 0), tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    keywords = "".join(f"<meta:keyword>{escape(k)}</meta:keyword>" for k in meta.keywords)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-meta xmlns:office="{OFFICE}" xmlns:meta="{META}" xmlns:dc="{DC}" '
        'office:version="1.3"><office:meta>'
        f"<dc:title>{escape(meta.title)}</dc:title>"
        f"<dc:subject>{escape(meta.subject)}</dc:subject>"
        f"<dc:description>{escape(meta.subject)}</dc:description>{keywords}"
        f"<dc:language>{escape(meta.lang)}</dc:language>"
        f"<meta:initial-creator>{escape(meta.author)}</meta:initial-creator>"
        f"<dc:creator>{escape(meta.author)}</dc:creator>"
        f"<meta:creation-date>{stamp}</meta:creation-date><dc:date>{stamp}</dc:date>"
        f"<meta:generator>{escape(meta.generator)}</meta:generator>"
        "</office:meta></office:document-meta>"
    ).encode()


_CELL = re.compile(
    rb'(<style:style style:name="(TableHeaderRowCell|TableRowCell)" style:family="table-cell">\s*)'
    rb"<style:table-cell-properties[^>]*/>"
)


def _table_cells(content: bytes, accent: str) -> bytes:
    """Give pandoc's borderless table cells a rule below each row and a tinted header row."""

    def cell(match: re.Match[bytes]) -> bytes:
        if match.group(2) == b"TableHeaderRowCell":
            props = f'fo:background-color="#e8eef4" fo:border-bottom="0.75pt solid {accent}"'
        else:
            props = 'fo:border-bottom="0.5pt solid #bfbfbf"'
        return (
            match.group(1)
            + (
                f'<style:table-cell-properties {props} fo:border-top="none" '
                'fo:border-left="none" fo:border-right="none" fo:padding="0.06cm"/>'
            ).encode()
        )

    return _CELL.sub(cell, content)


def finish_odt(
    raw: bytes,
    doc: OfficeDocument,
    meta: OfficeMeta,
    options: OfficeOptions,
    look: Look = DEFAULT_LOOK,
) -> tuple[bytes, list[str]]:
    """Finish pandoc's ODT (see the module docstring) and return its bytes and warnings."""
    del doc  # markers are highlighted by their styles; ODT has no comment option
    stamp = datetime.combine(meta.created, time(0, 0), tzinfo=UTC)
    data = deterministic_zip(
        raw,
        stamp,
        {
            "styles.xml": lambda body: _page(body, meta, options.paper),
            "meta.xml": lambda body: _meta(meta),
            "content.xml": lambda body: _table_cells(body, look[0]),
        },
    )
    return data, []
