"""Shape pandoc's reading of the draft's HTML into a word-processor document.

The HTML is the document model both office formats start from; pandoc reads it into its
JSON syntax tree and this module rewrites that tree for Word and LibreOffice: chapter
headings become level-1 headings (the navigation pane and the table of contents list
them), the cover title a Title paragraph, each chart a captioned picture with its alt
text, data gaps and decisions marked spans (highlighted later, and optionally turned
into comments), ``span.footnote`` real footnotes, tables fixed column shares. Nothing
here reads a file or an address: an image that is not one of our own drawings or an
embedded ``data:`` picture is replaced by its alternative text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from strategygen.render.office_html import CHART_SRC, TOC_CLASS, PreparedHtml
from strategygen.render.office_nodes import (
    Node,
    attr_parts,
    column_shares,
    least_shares,
    plain_text,
    sized_svg,
    str_inlines,
    styled_div,
    svg_data_uri,
    with_minimums,
)

Target = Literal["docx", "odt"]

#: Paragraph and character styles the office writers use beyond pandoc's own; the
#: generated reference document defines each, and a consultant's may.
STYLE_DATA_GAP = "Data Gap"
STYLE_DECISION = "Decision Needed"
STYLE_NOTICE = "Draft Notice"
STYLE_PARA_NUMBER = "Paragraph Number"
STYLE_FIGURE_NOTE = "Figure Note"
STYLE_DATA_LABEL = "Figure Data Label"
STYLE_COVER_COUNTRY = "Cover Country"
STYLE_TABLE_TEXT = "Table Text"

#: Name prefix of the bookmark around each marker, so that post-processing can find it.
MARKER_BOOKMARK = "sg-mark-"

_PICTURES = re.compile(r"^data:image/(png|jpeg|gif|svg\+xml);base64,[A-Za-z0-9+/=]+$")


@dataclass(frozen=True)
class Marker:
    """A data gap or a decision the drafter must take, in document order.

    Attributes:
        kind: ``"gap"`` (a missing fact), ``"decision"`` (a choice to settle), ``"owner"`` (an
            action without a responsible body) or ``"cost"`` (an action without a cost).
        label: The marker's text as printed, e.g. ``[DATA GAP: lead body for AI policy]``.
        action: What closes it (the HTML's ``title``), or "".

    """

    kind: Literal["gap", "decision", "owner", "cost"]
    label: str
    action: str


@dataclass(frozen=True)
class TocEntry:
    """A heading listed in the table of contents: level (1 or 2), text and bookmark id."""

    level: int
    text: str
    ident: str


@dataclass
class OfficeDocument:
    """The rewritten tree and what the writers need to finish the file."""

    ast: Node
    markers: list[Marker] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    toc_title: str = "Contents"


class _Rewriter:
    """One pass over pandoc's tree; see the module docstring for what it changes."""

    def __init__(self, prepared: PreparedHtml, target: Target) -> None:
        self.prepared = prepared
        self.target = target
        self.doc = OfficeDocument(ast={})
        self.seen_annex = False
        self.in_notice = False

    # -- blocks ----------------------------------------------------------------------------

    def blocks(self, blocks: list[Node]) -> list[Node]:
        out: list[Node] = []
        for block in blocks:
            out.extend(self.block(block))
        return out

    def block(self, block: Node) -> list[Node]:
        kind = block["t"]
        handler: Callable[[Node], list[Node]] | None = getattr(self, f"_b_{kind}", None)
        if handler is not None:
            return handler(block)
        if kind in ("Para", "Plain"):
            return [{"t": kind, "c": self.inlines(block["c"])}]
        if kind == "BlockQuote":
            return [{"t": kind, "c": self.blocks(block["c"])}]
        if kind == "BulletList":
            return [{"t": kind, "c": [self.blocks(item) for item in block["c"]]}]
        if kind == "OrderedList":
            return [{"t": kind, "c": [block["c"][0], [self.blocks(i) for i in block["c"][1]]]}]
        if kind == "DefinitionList":
            return [
                {
                    "t": kind,
                    "c": [
                        [self.inlines(term), [self.blocks(d) for d in defs]]
                        for term, defs in block["c"]
                    ],
                }
            ]
        if kind == "RawBlock":
            return []  # the HTML reader's raw leftovers (comments); never passed on
        return [block]

    def _b_Header(self, block: Node) -> list[Node]:
        level, attr, inlines = block["c"]
        ident, classes, pairs = attr
        content = self.inlines(inlines)
        if level == 1:
            # The cover title: the document's title, not a chapter of it.
            return [styled_div("Title", [{"t": "Para", "c": content}], ident)]
        level -= 1
        if level <= 2:
            # A short, hidden bookmark name (Word hides names that start with "_"), which
            # the table of contents links to; pandoc's ids can exceed Word's 40 characters.
            ident = f"_Toc_sg{len(self.doc.toc) + 1:04d}"
            self.doc.toc.append(TocEntry(level, plain_text(content), ident))
        return [{"t": "Header", "c": [level, [ident, classes, pairs], content]}]

    def _b_Div(self, block: Node) -> list[Node]:
        ident, classes, pairs = attr_parts(block["c"][0])
        inner: list[Node] = block["c"][1]
        if TOC_CLASS in classes:
            # pandoc keeps the attribute's "data-" prefix; the heading is in the document's
            # language ("Table des matières"), so the fallback is only for hand-made HTML.
            self.doc.toc_title = pairs.get("data-title") or pairs.get("title") or "Contents"
            return [{"t": "Div", "c": [["", [TOC_CLASS], []], []]}, page_break(self.target)]
        if "running-title" in classes:
            return []  # it feeds the PDF's running header; the office header has its own
        if "cover" in classes:
            return [self._div(block, self.blocks(inner)), page_break(self.target)]
        if "annex" in classes and not self.seen_annex:
            # The annexes start together on a new page, as in the PDF.
            self.seen_annex = True
            return [page_break(self.target), self._div(block, self.blocks(inner))]
        style = {
            "cover-country": STYLE_COVER_COUNTRY,
            "cover-subtitle": "Subtitle",
            "draft-notice": STYLE_NOTICE,
            "chart-desc": STYLE_FIGURE_NOTE,
            "source-line": STYLE_FIGURE_NOTE,
        }
        for cls, name in style.items():
            if cls in classes:
                self.in_notice = cls == "draft-notice"
                try:
                    return [styled_div(name, self.blocks(inner), ident)]
                finally:
                    self.in_notice = False
        return [self._div(block, self.blocks(inner))]

    @staticmethod
    def _div(block: Node, inner: list[Node]) -> Node:
        return {"t": "Div", "c": [block["c"][0], inner]}

    def _b_Figure(self, block: Node) -> list[Node]:
        attr, caption, body = block["c"]
        pictures: list[Node] = []
        rest: list[Node] = []
        for child in body:
            image = _only_image(child)
            if image is not None and not pictures:
                pictures.append({"t": "Plain", "c": self.inlines([image])})
            elif child["t"] == "Plain":
                # The "Data table for this figure" label of the HTML's <details>: its
                # style keeps it on the page of the table it announces.
                rest.append(styled_div(STYLE_DATA_LABEL, [{"t": "Para", "c": child["c"]}]))
            else:
                rest.extend(self.block(child))
        short, long = caption
        caption = [short, self.blocks(long)]
        if not pictures:
            return rest
        # Only the picture stays in the figure: pandoc lays out a figure with several
        # blocks as side-by-side sub-figures, which squeezes the description and table.
        return [{"t": "Figure", "c": [attr, caption, pictures]}, *rest]

    def _b_Table(self, block: Node) -> list[Node]:
        attr, caption, colspecs, head, bodies, foot = block["c"]
        shares = self._widths(attr[1], column_shares(block), least_shares(block))
        specs = [
            [spec[0], {"t": "ColWidth", "c": share}]
            for spec, share in zip(colspecs, shares, strict=True)
        ]
        short, long = caption
        return [
            {
                "t": "Table",
                "c": [
                    attr,
                    [short, self.blocks(long)],
                    specs,
                    [head[0], [self._row(r) for r in head[1]]],
                    [
                        [b[0], b[1], [self._row(r) for r in b[2]], [self._row(r) for r in b[3]]]
                        for b in bodies
                    ],
                    [foot[0], [self._row(r) for r in foot[1]]],
                ],
            }
        ]

    def _widths(self, classes: list[str], shares: list[float], least: list[float]) -> list[float]:
        """Use the stylesheets' widths for this table's class; share the rest by content.

        A selector such as ``table.kpis.results`` applies only to a table with all of its
        classes. No column ends narrower than its longest word (``least``): a browser widens
        such a column by itself, but Word breaks the word ("Responsi-ble") instead.
        """
        fixed: dict[int, float] = {}
        for cls, column, share in self.prepared.column_widths:
            if all(c in classes for c in cls.split(".")) and 1 <= column <= len(shares):
                fixed[column - 1] = share  # a later rule wins, as in the cascade
        left = 1 - sum(fixed.values())
        if not fixed or left < 0:
            return shares
        others = sum(s for i, s in enumerate(shares) if i not in fixed)
        chosen = [
            fixed[i] if i in fixed else left * s / others if others else 0.0
            for i, s in enumerate(shares)
        ]
        return [round(s, 4) for s in with_minimums(chosen, least)]

    def _row(self, row: list[Any]) -> list[Any]:
        attr, cells = row
        return [attr, [[c[0], c[1], c[2], c[3], self.blocks(c[4])] for c in cells]]

    # -- inlines ---------------------------------------------------------------------------

    def inlines(self, inlines: list[Node]) -> list[Node]:
        out: list[Node] = []
        for node in inlines:
            out.extend(self.inline(node))
        return out

    def inline(self, node: Node) -> list[Node]:
        kind = node["t"]
        if kind == "Span":
            return self._span(node)
        if kind == "Image":
            return self._image(node)
        if kind in (
            "Emph",
            "Strong",
            "Strikeout",
            "Superscript",
            "Subscript",
            "SmallCaps",
            "Underline",
        ):
            return [{"t": kind, "c": self.inlines(node["c"])}]
        if kind == "Link":
            attr, content, target = node["c"]
            return [{"t": "Link", "c": [attr, self.inlines(content), target]}]
        if kind == "Quoted":
            return [{"t": kind, "c": [node["c"][0], self.inlines(node["c"][1])]}]
        if kind == "RawInline":
            return []
        return [node]

    def _span(self, node: Node) -> list[Node]:
        ident, classes, pairs = attr_parts(node["c"][0])
        content = self.inlines(node["c"][1])
        if "footnote" in classes:
            return [{"t": "Note", "c": [{"t": "Para", "c": content}]}]
        if "gap" in classes:
            kind: Literal["gap", "decision", "owner", "cost"] = "gap"
            for cls, name in (
                ("gap-decision", "decision"),
                ("gap-owner", "owner"),
                ("gap-cost", "cost"),
            ):
                if cls in classes:
                    kind = name  # type: ignore[assignment]
            style = STYLE_DATA_GAP if kind == "gap" else STYLE_DECISION
            if self.in_notice or (kind == "gap" and "title" not in pairs):
                # A sample that explains the notation (the notice's "[DATA GAP: …]", the
                # gaps annex's "[DATA GAP]"): no action to take, so no comment either.
                return [{"t": "Span", "c": [["", [], [["custom-style", style]]], content]}]
            self.doc.markers.append(Marker(kind, plain_text(content), pairs.get("title", "")))
            name = f"{MARKER_BOOKMARK}{len(self.doc.markers)}"
            return [{"t": "Span", "c": [[name, [], [["custom-style", style]]], content]}]
        if "para-num" in classes:
            return [
                {"t": "Span", "c": [[ident, [], [["custom-style", STYLE_PARA_NUMBER]]], content]}
            ]
        return [{"t": "Span", "c": [[ident, classes, list(pairs.items())], content]}]

    def _image(self, node: Node) -> list[Node]:
        attr, alt, (src, title) = node["c"]
        ident, classes, pairs = attr_parts(attr)
        if src.startswith(CHART_SRC):
            index = int(src[len(CHART_SRC) :])
            svg = sized_svg(self.prepared.svgs[index])
            text = self.prepared.descriptions[index] or self.prepared.titles[index]
            name = self.prepared.titles[index]
            return [
                {
                    "t": "Image",
                    "c": [
                        [ident, [], [["width", "100%"]]],
                        str_inlines(text),
                        [svg_data_uri(svg), name],
                    ],
                }
            ]
        if _PICTURES.match(src.strip()):
            keep = {k: v for k, v in pairs.items() if k in ("width", "height")}
            if not keep:
                keep = {"width": "4cm"}  # the cover logo: small, as in the HTML
            return [
                {
                    "t": "Image",
                    "c": [
                        [ident, classes, list(keep.items())],
                        self.inlines(alt),
                        [src.strip(), title],
                    ],
                }
            ]
        # Anything else would make the writer fetch a file or an address: keep the words.
        return self.inlines(alt)


def _only_image(block: Node) -> Node | None:
    """Return the single image a block holds (a chart body), or None."""
    node = block
    while node["t"] == "Div" and len(node["c"][1]) == 1:
        node = node["c"][1][0]
    if node["t"] in ("Plain", "Para") and len(node["c"]) == 1 and node["c"][0]["t"] == "Image":
        image: Node = node["c"][0]
        return image
    return None


def replace_toc_placeholder(blocks: list[Node], replacement: Node) -> bool:
    """Put ``replacement`` where the contents placeholder is; return whether it was found."""
    for index, block in enumerate(blocks):
        if block["t"] != "Div":
            continue
        if TOC_CLASS in block["c"][0][1]:
            blocks[index] = replacement
            return True
        if replace_toc_placeholder(block["c"][1], replacement):
            return True
    return False


def page_break(target: Target) -> Node:
    """Return a raw page break for the target format."""
    if target == "docx":
        return {"t": "RawBlock", "c": ["openxml", '<w:p><w:r><w:br w:type="page"/></w:r></w:p>']}
    return {"t": "RawBlock", "c": ["opendocument", '<text:p text:style-name="Page_20_Break"/>']}


def rewrite(
    ast: Node, prepared: PreparedHtml, target: Target, meta: dict[str, Any]
) -> OfficeDocument:
    """Rewrite pandoc's tree of the draft for ``target``; see the module docstring.

    Args:
        ast: pandoc's JSON tree of the prepared HTML.
        prepared: The prepared HTML (for the chart drawings and their text).
        target: ``"docx"`` or ``"odt"``.
        meta: pandoc metadata to set (title, author, lang...), as JSON ``MetaValue``s.

    """
    rewriter = _Rewriter(prepared, target)
    blocks = rewriter.blocks(ast["blocks"])
    rewriter.doc.ast = {
        "pandoc-api-version": ast["pandoc-api-version"],
        "meta": meta,
        "blocks": blocks,
    }
    return rewriter.doc
