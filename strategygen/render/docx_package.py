"""Finish the Word package pandoc wrote: pages, header and footer, markers, pictures, properties.

pandoc writes the body; a draft for consultation needs more around it. This module sets
the paper size, puts the running title in the header and the draft notice with "Page X
of Y" in the footer (``PAGE`` and ``NUMPAGES`` fields), highlights every data gap and
decision directly on its text (so a consultant's reference document cannot hide them) and,
with ``--docx-comments``, attaches a Word comment to each, adds a PNG fallback to every
SVG picture (for Word before 2016 and for LibreOffice), writes the document properties
from the build date and asks Word to update the fields when the file is opened. The zip
is then rewritten with fixed timestamps so that the same inputs give the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime, time
from typing import Any

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from docx.text.run import Run
from lxml import etree

from strategygen.render.docx import OfficeMeta, OfficeOptions
from strategygen.render.docx_styles import HIGHLIGHT, style_id
from strategygen.render.office_ast import (
    MARKER_BOOKMARK,
    STYLE_TABLE_TEXT,
    Marker,
    OfficeDocument,
)
from strategygen.render.svg_raster import svg_to_png

#: Page sizes (width, height) in millimetres.
PAPER_MM: dict[str, tuple[float, float]] = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
MARGIN_MM = 25.0
_SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
_BLIP = qn("a:blip")
_EMBED = qn("r:embed")

# The text of each kind of comment; {label} is the marker without its brackets and prefix.
_MESSAGES = {
    "gap": "Data gap: {label}. To close it: {action}",
    "decision": "Decision needed: {label}. Settle it in consultation, then replace the marker "
    "with the decision.",
    "owner": "Decision needed: name the institution responsible for this action.",
    "cost": "Decision needed: estimate the cost of this action in national currency "
    "(see the cost bands in the budget chapter).",
}
# The marker's prefix in every document language (the catalogues' "DATA GAP").
_LABEL_PREFIX = re.compile(
    r"^\[?(DATA GAP|DECISION REQUIRED|BRECHA DE DATOS|LACUNE DE DONNÉES|ONTBREKENDE GEGEVENS"
    r"|DECISIÓN PENDIENTE|DÉCISION REQUISE|BESLISSING VEREIST)"
    r"\s*:\s*",
    re.IGNORECASE,
)


def comment_text(marker: Marker) -> str:
    """Return the Word comment for a marker: what is missing and what closes it."""
    label = _LABEL_PREFIX.sub("", marker.label).strip().strip("[]").strip()
    action = marker.action.strip() or "confirm the fact during consultation and cite its source."
    return _MESSAGES[marker.kind].format(label=label, action=action)


def _table_text(document: Any) -> None:
    """Give table cell paragraphs the compact table style (pandoc gives them body styles).

    Rows are kept whole on a page. The paragraph after a table also gets space above it:
    pandoc's tables have no margin, and text set tight under a table's last rule reads as
    part of it.
    """
    for table in document.element.body.iter(qn("w:tbl")):
        # A row never breaks across pages: a split row leaves a stranded fragment of one
        # cell at the top of the next page. The table style says so too, but LibreOffice
        # reads only the row's own property.
        for row in table.iterchildren(qn("w:tr")):
            properties = row.get_or_add_trPr()
            if properties.find(qn("w:cantSplit")) is None:
                properties.append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
        after = table.getnext()
        if after is not None and after.tag == qn("w:p"):
            spacing = after.get_or_add_pPr().get_or_add_spacing()
            if spacing.get(qn("w:before")) is None:
                spacing.set(qn("w:before"), "160")
    if not _has_style(document, STYLE_TABLE_TEXT):
        return
    target = style_id(STYLE_TABLE_TEXT)
    for cell in document.element.body.iter(qn("w:tc")):
        for paragraph in cell.iter(qn("w:p")):
            ppr = paragraph.get_or_add_pPr()
            current = ppr.find(qn("w:pStyle"))
            if current is None:
                ppr.insert(0, parse_xml(f'<w:pStyle {nsdecls("w")} w:val="{target}"/>'))
            elif current.get(qn("w:val")) in ("Compact", "BodyText", "FirstParagraph"):
                current.set(qn("w:val"), target)


def _field_runs(instruction: str, placeholder: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{placeholder}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _text_run(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<w:r><w:t xml:space="preserve">{escaped}</w:t></w:r>'


def _has_text(part: Any) -> bool:
    return any(p.text.strip() for p in part.paragraphs) or bool(part.tables)


def _page_setup(document: Any, paper: str) -> None:
    """Give the (last) section a paper size, and margins when the reference set none."""
    body = document.element.body
    sect = body.get_or_add_sectPr()
    had_margins = sect.find(qn("w:pgMar")) is not None
    section = document.sections[-1]
    width, height = PAPER_MM[paper]
    section.page_width, section.page_height = Mm(width), Mm(height)
    if not had_margins:
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(MARGIN_MM))
        section.header_distance = section.footer_distance = Mm(12)


def _header_footer(document: Any, meta: OfficeMeta) -> None:
    """Put the running title in an empty header, and the notice and page numbers in the footer."""
    section = document.sections[-1]
    header = section.header
    header.is_linked_to_previous = False
    if not _has_text(header):
        paragraph = header.paragraphs[0]
        paragraph.style = document.styles["Header"] if _has_style(document, "Header") else None
        paragraph.add_run(meta.running_title)
    footer = section.footer
    footer.is_linked_to_previous = False
    # A consultant's footer is kept; the notice and page numbers follow it, never replace it.
    paragraph = footer.paragraphs[0] if not _has_text(footer) else footer.add_paragraph()
    if _has_style(document, "Footer"):
        paragraph.style = document.styles["Footer"]
    xml = (
        _text_run(f"{meta.notice}  \u00b7  {meta.page} ")
        + _field_runs("PAGE", "1")
        + _text_run(f" {meta.of} ")
        + _field_runs("NUMPAGES", "1")
    )
    for run in parse_xml(f"<w:p {nsdecls('w')}>{xml}</w:p>"):
        paragraph._p.append(run)


def _has_style(document: Any, name: str) -> bool:
    try:
        document.styles[name]
    except KeyError:
        return False
    return True


def _highlight(document: Any) -> None:
    """Highlight every marker run directly, whatever its style says in the reference."""
    colours = {style_id(name): colour for name, colour in HIGHLIGHT.items()}

    def mark(root: Any) -> None:
        for rpr in root.iter(qn("w:rPr")):
            rstyle = rpr.find(qn("w:rStyle"))
            colour = colours.get(rstyle.get(qn("w:val"))) if rstyle is not None else None
            if colour and rpr.find(qn("w:highlight")) is None:
                # python-docx inserts the element where the schema's order wants it.
                rpr.get_or_add_highlight().set(qn("w:val"), colour)

    mark(document.part.element)
    for part in _note_parts(document):
        # python-docx keeps the footnotes as a plain part: parse its XML with python-docx's
        # element classes (for the ordered insert), edit it and store it back.
        root = parse_xml(part.blob)
        mark(root)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _note_parts(document: Any) -> list[Any]:
    """Return the footnotes part, if any (a marker can sit in a drafter's footnote)."""
    return [
        rel.target_part
        for rel in document.part.rels.values()
        if rel.reltype.endswith("/footnotes") and not rel.is_external
    ]


def _markers(document: Any, markers: list[Marker], meta: OfficeMeta, comments: bool) -> int:
    """Attach a comment to each marker (with ``comments``); drop the helper bookmarks.

    Returns the number of markers found in the body.
    """
    body = document.element.body
    starts = [
        b
        for b in body.iter(qn("w:bookmarkStart"))
        if b.get(qn("w:name"), "").startswith(MARKER_BOOKMARK)
    ]
    for start in starts:
        name = start.get(qn("w:name"))
        mark_id = start.get(qn("w:id"))
        index = int(name[len(MARKER_BOOKMARK) :]) - 1
        runs = []
        node = start.getnext()
        while node is not None and not (
            node.tag == qn("w:bookmarkEnd") and node.get(qn("w:id")) == mark_id
        ):
            if node.tag == qn("w:r"):
                runs.append(node)
            node = node.getnext()
        if comments and runs and 0 <= index < len(markers):
            paragraph = start.getparent()
            document.add_comment(
                [Run(runs[0], paragraph), Run(runs[-1], paragraph)],
                text=comment_text(markers[index]),
                author=meta.generator,
                initials="SG",
            )
        if node is not None:
            node.getparent().remove(node)
        start.getparent().remove(start)
    return len(starts)


def _picture_fallbacks(document: Any) -> list[str]:
    """Give every SVG-only picture a PNG rendering as its main image; return any warnings."""
    warnings: list[str] = []
    part = document.part
    for blip in part.element.iter(_BLIP):
        if blip.get(_EMBED):
            continue
        svg_blips = list(blip.iter(_SVG_BLIP))
        if not svg_blips:
            continue
        svg = part.related_parts[svg_blips[0].get(_EMBED)].blob
        png = svg_to_png(svg)
        if png is None:
            warnings.append(
                "no SVG rasteriser (cairosvg and libcairo2): charts have no PNG fallback"
            )
            break
        rid, _ = part.get_or_add_image(io.BytesIO(png))
        blip.set(_EMBED, rid)
    return warnings


def _properties(document: Any, meta: OfficeMeta) -> None:
    stamp = datetime.combine(meta.created, time(0, 0), tzinfo=UTC)
    props = document.core_properties
    props.title = meta.title
    props.subject = meta.subject
    props.author = meta.author
    props.keywords = ", ".join(meta.keywords)
    props.language = meta.lang
    props.category = meta.category
    props.comments = meta.subject
    props.last_modified_by = meta.generator
    props.created = props.modified = stamp
    props.revision = 1
    settings = document.settings.element
    # Word then offers to update the fields on opening: the page numbers in the contents.
    if settings.find(qn("w:updateFields")) is None:
        settings.append(parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))
    # Spelling and grammar in the document's language, whatever the reference's default.
    styles = document.styles.element
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), meta.lang)


def deterministic_zip(data: bytes, stamp: datetime, fixes: dict[str, Any] | None = None) -> bytes:
    """Rewrite a zip with every entry dated ``stamp``, in the original order, deflated.

    ``fixes`` maps member names to functions that rewrite the member's bytes.
    """
    when = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if fixes and info.filename in fixes:
                body = fixes[info.filename](body)
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            # The ODF "mimetype" member must be first and stored, so readers can sniff it.
            entry.compress_type = (
                zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            )
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            dst.writestr(entry, body)
    return out.getvalue()


def finish_docx(
    raw: bytes, doc: OfficeDocument, meta: OfficeMeta, options: OfficeOptions
) -> tuple[bytes, list[str]]:
    """Finish pandoc's DOCX (see the module docstring) and return its bytes and warnings."""
    document = docx.Document(io.BytesIO(raw))
    _page_setup(document, options.paper)
    _header_footer(document, meta)
    _table_text(document)
    _highlight(document)
    _markers(document, doc.markers, meta, options.comments)
    warnings = _picture_fallbacks(document)
    _properties(document, meta)
    buffer = io.BytesIO()
    document.save(buffer)
    stamp = datetime.combine(meta.created, time(0, 0), tzinfo=UTC)
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")

    def comment_dates(body: bytes) -> bytes:
        return re.sub(rb'w:date="[^"]*"', f'w:date="{iso}"'.encode(), body)

    return deterministic_zip(
        buffer.getvalue(), stamp, {"word/comments.xml": comment_dates}
    ), warnings
