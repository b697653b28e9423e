"""Prepare the rendered HTML for pandoc's HTML reader, so nothing the Word draft needs is lost.

pandoc's reader drops what a word processor has no place for: the class of a ``<p>``, the
``id`` of a table row or list item, the case of SVG attributes, Python-Markdown's footnote
list. These text-level rewrites run on the HTML our own templates produce (every element
they touch is closed explicitly there) and keep that information in a form pandoc reads:
classed paragraphs inside ``<div>``s, ids on empty ``<span>``s, charts as numbered
placeholders (the SVG text is kept aside, byte for byte) and notes as ``span.footnote``.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass

_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL | re.IGNORECASE)
_SVG_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.DOTALL)
_SVG_DESC = re.compile(r"<desc\b[^>]*>(.*?)</desc>", re.DOTALL)
_CLASSED_P = re.compile(r'<p\b([^>]*?)\sclass="([^"]*)"([^>]*)>(.*?)</p>', re.DOTALL)
_ID_ON = re.compile(r'<(li|dt|dd|td|th|p|blockquote)\b([^>]*?)\sid="([^"]+)"([^>]*)>')
_ROW_ID = re.compile(r'<tr\b([^>]*?)\sid="([^"]+)"([^>]*)>(\s*<t[hd]\b[^>]*>)')
_FOOTNOTE_DIV = re.compile(r'<div class="footnote">(.*?)</div>', re.DOTALL)
_FOOTNOTE_ITEM = re.compile(r'<li id="([^"]+)">(.*?)</li>', re.DOTALL)
_FOOTNOTE_REF = re.compile(
    r'<sup id="[^"]*"><a class="footnote-ref" href="#([^"]+)"[^>]*>[^<]*</a></sup>'
)
_BACKREF = re.compile(r'(?:&nbsp;|&#160;|\u00a0)?<a class="footnote-backref"[^>]*>.*?</a>')
_TAG = re.compile(r"<[^>]+>")
_HEAD = re.compile(r"<head\b.*?</head>", re.DOTALL | re.IGNORECASE)
_COLUMN_WIDTH = re.compile(
    r"table\.([\w.-]+)\s+thead\s+th:nth-child\((\d+)\)\s*\{\s*width:\s*([\d.]+)%;?\s*\}"
)
_TOC_NAV = re.compile(r'<nav\b[^>]*\bclass="toc"[^>]*>(.*?)</nav>', re.DOTALL)
_H2 = re.compile(r"<h2\b[^>]*>(.*?)</h2>", re.DOTALL)

#: Class of the empty ``<div>`` that stands where the HTML's linked contents list was; the
#: writers put their own table of contents (a Word TOC field, an ODF index) there.
TOC_CLASS = "strategygen-toc"

#: The ``src`` prefix of a chart placeholder image; the number indexes ``PreparedHtml.svgs``.
CHART_SRC = "strategygen-chart:"


@dataclass(frozen=True)
class PreparedHtml:
    """HTML ready for pandoc, and the inline SVG drawings taken out of it.

    Attributes:
        html: The rewritten HTML.
        svgs: Each ``<svg>`` element's source, in document order.
        titles: Each drawing's ``<title>`` text (plain, entities as written), or "".
        descriptions: Each drawing's ``<desc>`` text, or "".
        column_widths: The stylesheets' fixed column widths, in order: (table classes joined
            by dots, as in ``kpis.results``; column number from 1; share of the width), so
            that Word's tables match the PDF's.

    """

    html: str
    svgs: tuple[str, ...]
    titles: tuple[str, ...]
    descriptions: tuple[str, ...]
    column_widths: tuple[tuple[str, int, float], ...] = ()


def _plain(fragment: str) -> str:
    return " ".join(htmllib.unescape(_TAG.sub(" ", fragment)).split())


def extract_svgs(html: str) -> tuple[str, list[str]]:
    """Replace each inline ``<svg>`` with a placeholder ``<img>`` and return the SVG sources.

    pandoc would lower-case the SVG's attributes (``viewBox`` becomes ``viewbox``, which
    SVG renderers ignore), so the drawings are passed to the writer separately, as data.
    """
    svgs: list[str] = []

    def keep(match: re.Match[str]) -> str:
        svgs.append(match.group(0))
        return f'<img src="{CHART_SRC}{len(svgs) - 1}" alt="">'

    return _SVG.sub(keep, html), svgs


def wrap_classed_paragraphs(html: str) -> str:
    """Wrap every ``<p class="x">`` in ``<div class="x">`` so the class survives pandoc."""
    return _CLASSED_P.sub(
        lambda m: f'<div class="{m.group(2)}"><p{m.group(1)}{m.group(3)}>{m.group(4)}</p></div>',
        html,
    )


def hoist_ids(html: str) -> str:
    """Move ids that pandoc drops (table rows, list items, cells) onto empty ``<span>``s.

    Cross-references point at them (``#act-DPL-NONE``, ``#src-wdi``), and the Word writer
    turns a span's id into a bookmark that the link can jump to.
    """
    html = _ROW_ID.sub(
        lambda m: f'<tr{m.group(1)}{m.group(3)}>{m.group(4)}<span id="{m.group(2)}"></span>', html
    )
    return _ID_ON.sub(
        lambda m: f'<{m.group(1)}{m.group(2)}{m.group(4)}><span id="{m.group(3)}"></span>', html
    )


def inline_footnotes(html: str) -> str:
    """Turn Python-Markdown's footnotes (reference plus list) into ``span.footnote`` notes.

    The template contract's footnote form is an inline ``<span class="footnote">``; the
    Markdown extension instead writes a numbered reference and a list at the end of the
    block. Both become real footnotes in Word once they share the inline form.
    """
    notes: dict[str, str] = {}

    def collect(block: re.Match[str]) -> str:
        for item in _FOOTNOTE_ITEM.finditer(block.group(1)):
            body = _BACKREF.sub("", item.group(2)).strip()
            # A note may hold several paragraphs; inside a span they become line breaks.
            body = re.sub(r"</p>\s*<p>", "<br>", body)
            body = re.sub(r"</?p>", "", body).strip()
            notes[item.group(1)] = body
        return ""

    html = _FOOTNOTE_DIV.sub(collect, html)
    if not notes:
        return html

    def place(match: re.Match[str]) -> str:
        body = notes.get(match.group(1))
        return match.group(0) if body is None else f'<span class="footnote">{body}</span>'

    return _FOOTNOTE_REF.sub(place, html)


def replace_toc(html: str) -> str:
    """Replace the HTML's contents list with an empty placeholder that keeps its heading."""

    def placeholder(match: re.Match[str]) -> str:
        heading = _H2.search(match.group(1))
        title = htmllib.escape(_plain(heading.group(1))) if heading else "Contents"
        return f'<div class="{TOC_CLASS}" data-title="{title}"></div>'

    return _TOC_NAV.sub(placeholder, html, count=1)


def prepare_html(html: str) -> PreparedHtml:
    """Apply every rewrite pandoc's reader needs; see the module docstring."""
    # The head holds only metadata and stylesheets; the writer gets metadata separately,
    # and the stylesheets' text must not be mistaken for content.
    head = _HEAD.search(html)
    widths = tuple(
        (m.group(1), int(m.group(2)), float(m.group(3)) / 100)
        for m in _COLUMN_WIDTH.finditer(head.group(0) if head else "")
    )
    html = _HEAD.sub("", html, count=1)
    html, svgs = extract_svgs(html)
    titles = tuple(_plain(m.group(1)) if (m := _SVG_TITLE.search(s)) else "" for s in svgs)
    descs = tuple(_plain(m.group(1)) if (m := _SVG_DESC.search(s)) else "" for s in svgs)
    html = replace_toc(html)
    html = inline_footnotes(html)
    html = wrap_classed_paragraphs(html)
    html = hoist_ids(html)
    return PreparedHtml(html, tuple(svgs), titles, descs, widths)
