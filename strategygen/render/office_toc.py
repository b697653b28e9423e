"""Tables of contents for the office formats: a Word TOC field and an ODF index, both filled.

A Word TOC field that has never been updated shows nothing but "update field"; a reader
of a freshly generated draft, or LibreOffice converting it, would see an empty page. So
the field carries a result from the start: one linked entry per chapter and section, with
a ``PAGEREF`` field for the page number that Word fills in when it updates the fields
(the document asks to on opening). The ODF index is filled the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from strategygen.render.office_ast import TocEntry

#: Heading levels the contents list: the chapters and annexes, as in the HTML and the PDF
#: (Word's navigation pane shows every level).
TOC_LEVELS = 1


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _field(instruction: str, result: str = "", *, dirty: bool = False) -> tuple[str, str]:
    """Return the opening runs (begin, instruction, separate) and the closing run of a field."""
    flag = ' w:dirty="true"' if dirty else ""
    begin = (
        f'<w:r><w:fldChar w:fldCharType="begin"{flag}/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + (_run(result) if result else "")
    )
    return begin, '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def toc_openxml(entries: Sequence[TocEntry], title: str) -> str:
    """Return a Word table of contents (an ``sdt`` holding a ``TOC`` field) as OOXML.

    Each entry links to its heading's bookmark; the page numbers are ``PAGEREF`` fields
    that Word computes when it updates the document's fields.
    """
    begin, end = _field(f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u', dirty=True)
    paragraphs = [f'<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr>{_run(title)}</w:p>']
    entries = [e for e in entries if e.level <= TOC_LEVELS]
    for index, entry in enumerate(entries):
        page_begin, page_end = _field(f"PAGEREF {entry.ident} \\h")
        link = (
            f'<w:hyperlink w:anchor={quoteattr(entry.ident)} w:history="1">'
            f"{_run(entry.text)}<w:r><w:tab/></w:r>{page_begin}{page_end}</w:hyperlink>"
        )
        opening = begin if index == 0 else ""
        closing = end if index == len(entries) - 1 else ""
        style = f'<w:pPr><w:pStyle w:val="TOC{entry.level}"/></w:pPr>'
        paragraphs.append(f"<w:p>{style}{opening}{link}{closing}</w:p>")
    if not entries:
        paragraphs.append(f"<w:p>{begin}{end}</w:p>")
    return (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        "<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>"
        + "".join(paragraphs)
        + "</w:sdtContent></w:sdt>"
    )


def toc_opendocument(entries: Sequence[TocEntry], title: str) -> str:
    """Return an ODF table of contents (``text:table-of-content``) with its entries filled."""
    templates = "".join(
        f'<text:table-of-content-entry-template text:outline-level="{level}" '
        f'text:style-name="Contents_20_{level}">'
        "<text:index-entry-link-start/><text:index-entry-text/><text:index-entry-tab-stop "
        'style:type="right" style:leader-char="."/><text:index-entry-page-number/>'
        "<text:index-entry-link-end/></text:table-of-content-entry-template>"
        for level in range(1, TOC_LEVELS + 1)
    )
    body = "".join(
        f'<text:p text:style-name="Contents_20_{e.level}"><text:a xlink:type="simple" '
        f"xlink:href={quoteattr('#' + e.ident)}>{escape(e.text)}</text:a></text:p>"
        for e in entries
        if e.level <= TOC_LEVELS
    )
    return (
        '<text:table-of-content text:name="Table of Contents" text:protected="true">'
        f'<text:table-of-content-source text:outline-level="{TOC_LEVELS}">'
        f'<text:index-title-template text:style-name="Contents_20_Heading">{escape(title)}'
        f"</text:index-title-template>{templates}</text:table-of-content-source>"
        '<text:index-body><text:index-title text:name="Table of Contents_Head">'
        f'<text:p text:style-name="Contents_20_Heading">{escape(title)}</text:p></text:index-title>'
        f"{body}</text:index-body></text:table-of-content>"
    )
