"""The Word reference document: pandoc's default styles recoloured and refonted from the theme.

A reference document is where a Word draft takes its look from: pandoc copies its styles,
theme, settings, header and footer into the output. This module builds one from the
theme's colours and fonts (the same values the HTML and the PDF use) and adds the styles
the draft needs beyond pandoc's own (``docx_style_defs``): highlighted data gaps and
decisions, the draft notice box, paragraph numbers, figure notes and the table-of-contents
levels. A consultant's own reference document (``reference_docx`` in the theme) replaces
it; the markers stay highlighted then too, because the highlight is also applied directly
to their text.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Iterable

from lxml import etree

from strategygen.render.docx import DEFAULT_LOOK, Look
from strategygen.render.docx_style_defs import HIGHLIGHT as HIGHLIGHT
from strategygen.render.docx_style_defs import W, reference_styles
from strategygen.render.docx_style_defs import style_id as style_id
from strategygen.render.pandoc import run_pandoc

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_NS = {"w": W, "a": A}


def _replace_styles(styles_xml: bytes, new: Iterable[str]) -> bytes:
    root = etree.fromstring(styles_xml)
    for text in new:
        element = etree.fromstring(text)
        sid = element.get(f"{{{W}}}styleId")
        for old in root.findall(f"w:style[@w:styleId='{sid}']", _NS):
            root.remove(old)
        root.append(element)
    # Word reads the document defaults before any style: the body font goes there too,
    # so text outside any style (table cells, footnote numbers) uses it.
    for fonts in root.findall("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", _NS):
        for key in list(fonts.attrib):
            del fonts.attrib[key]
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out


def _retheme(theme_xml: bytes, accent: str, body: str, headings: str) -> bytes:
    """Set the Office theme's fonts and first accent colour (used by unstyled text)."""
    root = etree.fromstring(theme_xml)
    for tag, font in (("a:majorFont", headings), ("a:minorFont", body)):
        for latin in root.iterfind(f".//{tag}/a:latin", _NS):
            latin.set("typeface", font)
    for colour in root.iterfind(".//a:clrScheme/a:accent1/a:srgbClr", _NS):
        colour.set("val", accent.lstrip("#").upper())
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out


@functools.cache
def pandoc_reference(kind: str) -> bytes:
    """Return pandoc's own default reference document (``docx`` or ``odt``)."""
    return run_pandoc(["--print-default-data-file", f"reference.{kind}"], b"")


def rewrite_zip(data: bytes, changes: dict[str, bytes]) -> bytes:
    """Return a copy of a zip package with some members replaced (order kept)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            body = changes.get(info.filename, src.read(info.filename))
            dst.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


@functools.lru_cache(maxsize=8)
def default_reference_docx(look: Look = DEFAULT_LOOK) -> bytes:
    """Build the reference ``.docx`` for a look: ``(accent, ink, muted, body font, heading font)``.

    The colours are ``#rrggbb`` and the fonts installed family names, as a theme file gives them.
    """
    accent, ink, muted, body, headings = look
    base = pandoc_reference("docx")
    with zipfile.ZipFile(io.BytesIO(base)) as package:
        styles = package.read("word/styles.xml")
        theme = package.read("word/theme/theme1.xml")
    return rewrite_zip(
        base,
        {
            "word/styles.xml": _replace_styles(
                styles, reference_styles(accent, ink, muted, body, headings)
            ),
            "word/theme/theme1.xml": _retheme(theme, accent, body, headings),
        },
    )
