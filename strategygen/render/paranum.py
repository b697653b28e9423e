"""Paragraph numbers for consultation: 1.1, 1.2 ... per chapter (A.1, A.2 ... in the annexes).

Respondents to a consultation cite the text they comment on; numbered paragraphs make
"paragraph 5.3" unambiguous in every format. The numbers are written into the HTML
itself (``<span class="para-num">5.3</span>`` at the start of each body paragraph), so
the PDF prints them and the Word and ODT drafts, which are made from the HTML, carry the
same numbers as text that survives editing and copying.

Body paragraphs are the ``<p>`` elements of a chapter or annex outside tables, figures,
lists, quotations, definition lists and the draft notice; captions, source lines and
chart descriptions are furniture, not text to cite, and keep no number.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: Paragraph classes that count as body text (no class counts too).
BODY_CLASSES = frozenset({"lead", "pillar-scope", "checklist"})
#: Elements whose paragraphs are not numbered.
_EXCLUDED = frozenset(
    {
        "table",
        "figure",
        "li",
        "blockquote",
        "dd",
        "dt",
        "details",
        "nav",
        "header",
        "footer",
        "aside",
        "svg",
    }
)
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
_ANNEX_LETTER = re.compile(r"^\s*Annex\s+([A-Z])\.")
_TAGS = re.compile(r"<[^>]+>")


class _Finder(HTMLParser):
    """Find where each body paragraph's content starts, and its number."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[tuple[str, set[str]]] = []
        self.chapter: str | None = None
        self.chapter_depth = -1
        self.count = 0
        self.heading: list[str] | None = None
        self.inserts: list[tuple[tuple[int, int], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "section" and "chapter" in classes:
            self.chapter, self.chapter_depth, self.count = None, len(self.stack), 0
        if tag == "h2" and self.chapter_depth >= 0 and len(self.stack) == self.chapter_depth + 1:
            self.heading = []
        if tag == "p" and self._numbered(classes):
            self.count += 1
            self.inserts.append((self.getpos(), f"{self.chapter}.{self.count}"))
        if tag not in _VOID:
            self.stack.append((tag, classes))

    def _numbered(self, classes: set[str]) -> bool:
        if self.chapter is None or (classes and not classes <= BODY_CLASSES):
            return False
        return not any(
            tag in _EXCLUDED or "draft-notice" in cls
            for tag, cls in self.stack[self.chapter_depth :]
        )

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2" and self.heading is not None:
            self.chapter = _number_from_heading("".join(self.heading))
            self.heading = None
        # Pop up to the matching element (tolerates an unclosed child).
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break
        if tag == "section" and len(self.stack) <= self.chapter_depth:
            self.chapter, self.chapter_depth = None, -1

    def handle_data(self, data: str) -> None:
        if self.heading is not None:
            self.heading.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # a self-closed element opens nothing


def _number_from_heading(raw: str) -> str | None:
    """Return "5" for a numbered chapter heading, "A" for an annex, None otherwise."""
    text = _TAGS.sub("", raw)
    digits = re.match(r"\s*(\d+)\.\s", text)
    if digits:
        return digits.group(1)
    letter = _ANNEX_LETTER.match(text)
    return letter.group(1) if letter else None


def number_paragraphs(html: str) -> str:
    """Return ``html`` with a ``span.para-num`` ("5.3") opening each body paragraph."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    if not finder.inserts:
        return html
    line_starts = [0]
    for match in re.finditer("\n", html):
        line_starts.append(match.end())
    out: list[str] = []
    last = 0
    for (line, column), number in finder.inserts:
        start = line_starts[line - 1] + column
        end = html.index(">", start) + 1  # just after the <p ...> tag
        out.append(html[last:end])
        out.append(f'<span class="para-num">{number}</span> ')
        last = end
    out.append(html[last:])
    return "".join(out)
