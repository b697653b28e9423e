"""Small helpers over pandoc's JSON syntax tree: text, attributes, styled divs, SVG, tables.

pandoc's tree is plain JSON (``{"t": "Str", "c": "word"}``); these functions read and
build the few node kinds the office writers need, and choose table column widths.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from typing import Any

Node = dict[str, Any]

_VIEWBOX = re.compile(r'\bviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"')
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
# About how many characters of 8.5 pt table text fit across a 16 cm text column, and
# what a cell's side margins take, in characters.
_LINE_CHARS = 90.0
_CELL_CHARS = 2.5
# Longer "words" are web addresses and reference keys, which Word breaks anywhere anyway;
# counting them whole would give an address column the whole width (the sources annex).
_LONGEST_WORD = 16


def plain_text(nodes: Iterable[Any]) -> str:
    """Return the text of inline (or block) nodes, spaces normalised."""
    out: list[str] = []

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            kind = node.get("t")
            if kind == "Str":
                out.append(node["c"])
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            elif kind == "Note":
                return  # a footnote's text is not part of the sentence that calls it
            else:
                visit(node.get("c"))
        elif isinstance(node, list):
            for item in node:
                visit(item)

    visit(list(nodes))
    return " ".join("".join(out).split())


def str_inlines(text: str) -> list[Node]:
    """Build pandoc inlines for a plain string."""
    out: list[Node] = []
    for index, word in enumerate(text.split()):
        if index:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def attr_parts(node_attr: list[Any]) -> tuple[str, list[str], dict[str, str]]:
    """Split a pandoc ``Attr`` into its id, classes and key-value pairs."""
    ident, classes, pairs = node_attr
    return ident, list(classes), {k: v for k, v in pairs}


def styled_div(style: str, blocks: list[Node], ident: str = "") -> Node:
    """Return a Div whose paragraphs take the named paragraph style (``custom-style``)."""
    return {"t": "Div", "c": [[ident, [], [["custom-style", style]]], blocks]}


def sized_svg(svg: str) -> str:
    """Give an SVG drawing explicit pixel width and height from its viewBox.

    The charts say ``width="100%"`` for the browser; a word processor needs an intrinsic
    size to keep the proportions when the picture is scaled to the text width.
    """
    box = _VIEWBOX.search(svg)
    opening = _SVG_OPEN.search(svg)
    if box is None or opening is None:
        return svg
    tag = re.sub(r'\s(width|height)="[^"]*"', "", opening.group(0))
    tag = tag[:-1].rstrip("/") + f' width="{box.group(1)}" height="{box.group(2)}">'
    return svg[: opening.start()] + tag + svg[opening.end() :]


def svg_data_uri(svg: str) -> str:
    """Encode SVG source as a ``data:`` URI for pandoc's writers."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _column_chars(table: Node) -> tuple[list[int], list[int]]:
    """Return, per column, the length of its longest cell and of its longest word."""
    _, _, colspecs, head, bodies, foot = table["c"]
    count = len(colspecs)
    widest = [1] * count
    longest = [1] * count
    rows: list[Any] = list(head[1]) + list(foot[1])
    for body in bodies:
        rows.extend(body[2])
        rows.extend(body[3])
    for row in rows:
        column = 0
        for cell in row[1]:
            span = cell[3]
            text = plain_text(cell[4])
            if span == 1 and column < count:
                widest[column] = max(widest[column], len(text))
                longest[column] = max(
                    [longest[column], *(min(len(w), _LONGEST_WORD) for w in text.split())]
                )
            column += span
    return widest, longest


def least_shares(table: Node) -> list[float]:
    """Return each column's narrowest width (a fraction of the text width): its longest word."""
    _, longest = _column_chars(table)
    return [(w + _CELL_CHARS) / _LINE_CHARS for w in longest]


def column_shares(table: Node) -> list[float]:
    """Choose column widths (fractions of the text width) from the text in each column.

    As a browser lays out an unsized table: every column gets at least the width of its
    longest word (so no word breaks, which an unsized Word table does to short headings
    and codes), and the space left goes to the columns in proportion to how much more
    their longest cell would need to fit on one line.
    """
    widest, _ = _column_chars(table)
    least = least_shares(table)
    most = [(w + _CELL_CHARS) / _LINE_CHARS for w in widest]
    if sum(least) >= 1:
        shares = [m / sum(least) for m in least]
    elif sum(most) <= 1:
        shares = [m / sum(most) for m in most]
    else:
        room = 1 - sum(least)
        want = sum(m - n for m, n in zip(most, least, strict=True))
        shares = [n + room * (m - n) / want for m, n in zip(most, least, strict=True)]
    return [round(s, 4) for s in shares]


def with_minimums(shares: list[float], least: list[float]) -> list[float]:
    """Raise every share below its minimum to that minimum, taking the width from the others.

    The width comes from the columns above their own minimum, in proportion to what they
    could give, so no column is pushed below its minimum in turn. When the minimums alone
    exceed the width, some word must break whatever is done, and the stylesheet's widths
    stand (the regional heat map's ten equal score columns under long headings).
    """
    if sum(least) >= 1:
        return shares
    short = sum(max(n - s, 0.0) for s, n in zip(shares, least, strict=True))
    if short <= 0:
        return shares
    spare = sum(max(s - n, 0.0) for s, n in zip(shares, least, strict=True))
    return [
        n if s <= n else s - short * (s - n) / spare for s, n in zip(shares, least, strict=True)
    ]


def meta_string(text: str) -> Node:
    """Return a pandoc ``MetaString`` value."""
    return {"t": "MetaString", "c": text}


def meta_list(items: Iterable[str]) -> Node:
    """Return a pandoc ``MetaList`` of strings."""
    return {"t": "MetaList", "c": [meta_string(i) for i in items]}
