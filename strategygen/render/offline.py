"""The document's promise of no external request: find every reference that could fetch.

A draft must open without a single request: stylesheets, images and fonts are inline
(``data:`` URIs), and every link inside it is an in-document ``#anchor``. Hyperlinks that a
reader may click (``<a href="https://...">`` to a cited source, ``mailto:``, a relative link
from the regional overview to a country's draft beside it) fetch nothing when the document
opens and stay allowed. Everything else that a browser or WeasyPrint
would load by itself is an *external reference*: ``src``, ``srcset``, ``poster``,
``<link href>``, SVG ``<image>``/``<use>`` links, CSS ``url(...)``, ``@import``,
``image-set()``, and anything that runs script (``<script>``, ``on*`` handlers).
:func:`find_external_refs` lists each with its line and column in the HTML.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from html import parser as _parser
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

#: Schemes a clickable link may use; opening the document never follows them.
LINK_SCHEMES = ("http://", "https://", "mailto:")

# Elements that load or run something whatever their attributes say.
_REFUSED_TAGS = {
    "script": "runs script, which can fetch anything",
    "iframe": "embeds another document",
    "frame": "embeds another document",
    "frameset": "embeds other documents",
    "object": "embeds external content",
    "embed": "embeds external content",
    "applet": "embeds external content",
    "portal": "embeds another document",
    "base": "changes where every relative address points",
}

# Attributes whose value a browser fetches by itself (on any element).
_FETCHED = {
    "src", "srcset", "imagesrcset", "poster", "background", "lowsrc", "dynsrc", "data",
    "manifest", "codebase", "archive", "classid", "action", "formaction", "ping", "srcdoc",
}  # fmt: skip

# http-equiv values a <meta> may carry (refresh and link would fetch).
_META_OK = {"content-type", "content-language", "default-style", "x-ua-compatible"}

# SVG animation elements can set a link attribute to a remote address after load.
_ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform", "animatecolor"}
_LINK_ATTRS = {"href", "xlink:href", "src", "style", "srcset", "poster", "data"}

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(.))", re.DOTALL)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import\b", re.IGNORECASE)
_CSS_STRING_FUNCS = re.compile(r"(?:-webkit-)?(?:image-set|src)\(([^)]*)\)", re.IGNORECASE)
_CSS_STRING = re.compile(r"""(["'])(.*?)\1""", re.DOTALL)
# Browsers strip leading and trailing spaces and control characters from addresses.
_URL_TRIM = "".join(chr(c) for c in range(0x21))


@dataclass(frozen=True)
class ExternalRef:
    """One reference that would make a request, located in the HTML text.

    Attributes:
        line: 1-based line in the HTML.
        column: 1-based column in the HTML.
        where: What holds it (``<img src>``, ``<style> url()``, ``<script>``).
        value: The address (or the element) found.

    """

    line: int
    column: int
    where: str
    value: str

    def __str__(self) -> str:
        """Render as ``line:col: where: value``."""
        return f"{self.line}:{self.column}: {self.where}: {self.value!r}"


def is_local(value: str) -> bool:
    """Tell whether an address fetches nothing: an in-document ``#anchor`` or ``data:`` URI."""
    v = value.strip(_URL_TRIM)
    return v.startswith("#") or v[:5].lower() == "data:"


def _decode_css(text: str) -> tuple[str, list[int]]:
    r"""Undo CSS escapes (``\75 rl(`` is ``url(``); map each output index to its input index."""
    if "\\" not in text:
        return text, list(range(len(text)))  # nothing escaped (nearly always)
    out: list[str] = []
    where: list[int] = []
    pos = 0
    for match in _CSS_ESCAPE.finditer(text):
        # The text between escapes is copied a run at a time (a stylesheet with fonts
        # inlined is hundreds of kilobytes): one output character per input character.
        out.append(text[pos : match.start()])
        where.extend(range(pos, match.start()))
        hex_digits, char = match.groups()
        if hex_digits:
            code = int(hex_digits, 16)
            char = chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        out.append(char or "")
        where.append(match.start())
        pos = match.end()
    out.append(text[pos:])
    where.extend(range(pos, len(text)))
    return "".join(out), where


def css_external_refs(css: str) -> list[tuple[int, str, str]]:
    """Return ``(offset, what, address)`` for each fetching reference in a stylesheet."""
    return list(_css_refs(css))


# Every document of a build embeds the same stylesheet (with its fonts as data: URIs,
# hundreds of kilobytes), so its scan is kept: the answer depends on the text alone.
@functools.lru_cache(maxsize=64)
def _css_refs(css: str) -> tuple[tuple[int, str, str], ...]:
    decoded, where = _decode_css(css)
    # Comments become spaces of the same length, so offsets still point into the text.
    text = _CSS_COMMENT.sub(lambda m: " " * len(m.group(0)), decoded)
    found: list[tuple[int, str, str]] = []
    for match in _CSS_URL.finditer(text):
        value = next((g for g in match.groups() if g is not None), "")
        if not is_local(value):
            found.append((where[match.start()] if where else 0, "url()", value))
    for match in _CSS_IMPORT.finditer(text):
        # Even a data: import is refused: its own text could import a remote sheet.
        end = text.find(";", match.end())
        rule = text[match.start() : end if end >= 0 else len(text)].strip()
        found.append((where[match.start()], "@import", rule[:120]))
    for match in _CSS_STRING_FUNCS.finditer(text):
        for string in _CSS_STRING.finditer(match.group(1)):
            if not is_local(string.group(2)):
                found.append((where[match.start()], "image-set()/src()", string.group(2)))
    return tuple(sorted(found))


def _clickable(value: str) -> bool:
    """Tell whether a link is one a reader may follow: web, mail, or a sibling document.

    A relative address (the regional overview's link to a country's draft beside it) is
    followed only when clicked, like a web address; an absolute ``file:`` address, a
    ``javascript:`` one, a protocol-relative ``//host`` one and any other scheme are not
    allowed.
    """
    if value.lower().startswith(LINK_SCHEMES):
        return True
    if value.startswith(("//", "\\")) or not value:
        return False
    return urlsplit(value).scheme == "" and ":" not in value.split("/", 1)[0]


def _srcset_is_local(value: str) -> bool:
    # A data: URI contains commas, so candidates cannot be split safely: only a single
    # data: candidate (with an optional descriptor) is accepted.
    return re.fullmatch(r"\s*data:[^\s]*(\s+[0-9.]+[wx])?\s*", value, re.IGNORECASE) is not None


class _Finder(HTMLParser):
    """Walks the HTML and records every external reference with its position."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[ExternalRef] = []
        self._text = text
        self._starts: list[int] | None = None
        self._in_style = False
        self._in_script = False

    def _add(self, where: str, value: str, pos: tuple[int, int] | None = None) -> None:
        line, col = pos or self.getpos()
        self.found.append(ExternalRef(line, col + 1, where, value))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)
        if tag == "style":
            self._in_style = True
        elif tag == "script":
            self._in_script = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False
        elif tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            return
        found = css_external_refs(data)
        if found:
            line, col = self.getpos()
            start = self._line_starts[line - 1] + col
            for offset, what, value in found:
                self._add(f"<style> {what}", value, self._position(start + offset))

    @property
    def _line_starts(self) -> list[int]:
        # Only needed to place a reference found inside a stylesheet: computed on demand.
        if self._starts is None:
            self._starts = [0, *(m.end() for m in re.finditer("\n", self._text))]
        return self._starts

    def _position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1]

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _REFUSED_TAGS:
            self._add(f"<{tag}>", _REFUSED_TAGS[tag])
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and "http-equiv" in values:
            if values["http-equiv"].strip().lower() not in _META_OK:
                self._add("<meta http-equiv>", values["http-equiv"])
        if tag in _ANIMATIONS and values.get("attributename", "").lower() in _LINK_ATTRS:
            self._add(f"<{tag} attributeName>", values["attributename"])
        for name, value in values.items():
            self._check_attr(tag, name, value)

    def _check_attr(self, tag: str, name: str, value: str) -> None:
        where = f"<{tag} {name}>"
        if name.startswith("on"):
            self._add(where, "event handlers run script")
        elif name == "style":
            for _offset, what, found in css_external_refs(value):
                self._add(f"{where} {what}", found)
        elif name in ("href", "xlink:href"):
            v = value.strip(_URL_TRIM)
            clickable = tag in ("a", "area") and _clickable(v)
            if not (v.startswith("#") or clickable or self._data_ok(tag, v)):
                self._add(where, value)
        elif name == "srcset" or name == "imagesrcset":
            if not _srcset_is_local(value):
                self._add(where, value)
        elif name in _FETCHED and not (name not in ("ping", "srcdoc") and is_local(value)):
            self._add(where, value)

    @staticmethod
    def _data_ok(tag: str, value: str) -> bool:
        v = value.lower()
        if tag in ("a", "area"):
            return False  # a link to a data: URI is useless; browsers block it anyway
        if tag == "link":
            # A data: stylesheet could @import a remote one; only a data: image is inert.
            return v.startswith("data:image/")
        return v.startswith("data:")


def find_external_refs(html: str) -> list[ExternalRef]:
    """Return every reference in ``html`` (and its inline CSS) that could make a request."""
    if _nothing_to_find(html):
        return []
    finder = _Finder(html)
    finder.feed(html)
    finder.close()
    return finder.found


# A quick scan that proves a document clean without HTMLParser's full walk (which costs
# about a third of a warm HTML build, most of it keeping line numbers for every tag of the
# charts). It over-approximates what the parser sees: every "<" + letter is read as a start
# tag, with the parser's own expressions, and every <style ...> opening as a stylesheet up
# to the parser's closing pattern, so each tag and stylesheet the parser would check is
# checked here too, the same way. Anything found, or any tag the parser would treat
# specially (unfinished, bogus end), sends the document to the full parse, which then
# gives the exact list and positions. So the answer is always the parser's.
#
# The scan copies the parser's expressions for a start tag (Python 3.11's html.parser) and
# runs only where the running Python's parser uses the very same ones; elsewhere every
# document takes the full parse.
_LOCATE_END = re.compile(
    r"""
  <[a-zA-Z][^\t\n\r\f />\x00]*       # tag name
  (?:[\s/]*                          # optional whitespace before attribute name
    (?:(?<=['"\s/])[^\s/>][^\s/=>]*  # attribute name
      (?:\s*=+\s*                    # value indicator
        (?:'[^']*'                   # LITA-enclosed value
          |"[^"]*"                   # LIT-enclosed value
          |(?!['"])[^>\s]*           # bare value
         )
        \s*                          # possibly followed by a space
       )?(?:\s|/(?!>))*
     )*
   )?
  \s*                                # trailing whitespace
""",
    re.VERBOSE,
)
_TAG_NAME = re.compile(r"([a-zA-Z][^\t\n\r\f />\x00]*)(?:\s|/(?!>))*")
_ATTR = re.compile(
    r'((?<=[\'"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*'
    r'(\'[^\']*\'|"[^"]*"|(?![\'"])[^>\s]*))?(?:\s|/(?!>))*'
)
_SCAN_MATCHES_PARSER = all(
    getattr(_parser, name, None) is not None and getattr(_parser, name).pattern == ours.pattern
    for name, ours in (
        ("locatestarttagend_tolerant", _LOCATE_END),
        ("tagfind_tolerant", _TAG_NAME),
        ("attrfind_tolerant", _ATTR),
    )
)
_TAG_START = re.compile(r"<[a-zA-Z]")
_STYLE_START = re.compile(r"<style(?=[\t\n\r\f />\x00])", re.IGNORECASE)
_STYLE_END = re.compile(r"</\s*style\s*>", re.IGNORECASE)
# A tag needs a close look only if an attribute that can fetch or run might start in it
# (any attribute name comes after whitespace, a quote or "/"; names are matched by prefix),
# or its name is one that is refused or animates links.
_RISKY = re.compile(
    r"""[\s'"/](?:on|style|href|xlink:href|srcset|imagesrcset|http-equiv|attributename|"""
    + "|".join(sorted(_FETCHED, key=len, reverse=True))
    + ")",
    re.IGNORECASE,
)
_RISKY_TAGS = frozenset(_REFUSED_TAGS) | _ANIMATIONS | {"meta"}


def _start_tag_end(html: str, i: int) -> int:
    """Where the start tag at ``i`` ends, as HTMLParser finds it; -1 for a special case."""
    m = _LOCATE_END.match(html, i)
    if m is None:
        return -1
    j = m.end()
    if html.startswith(">", j):
        return j + 1
    if html.startswith("/>", j):
        return j + 2
    return -1  # unfinished or bogus: leave it to the parser


def _nothing_to_find(html: str) -> bool:
    """Tell whether ``html`` certainly holds no external reference (False: look closely)."""
    if not _SCAN_MATCHES_PARSER:
        return False
    probe = _Finder("")
    for match in _TAG_START.finditer(html):
        i = match.start()
        end = _start_tag_end(html, i)
        if end < 0:
            return False
        name = _TAG_NAME.match(html, i + 1)
        if name is None:
            return False
        tag = name.group(1).lower()
        if tag not in _RISKY_TAGS and not _RISKY.search(html, name.start(), end):
            continue
        k = name.end()
        attrs: list[tuple[str, str | None]] = []
        while k < end:
            m = _ATTR.match(html, k)
            if not m:
                break
            attrname, rest, value = m.group(1, 2, 3)
            if not rest:
                value = None
            elif value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
                value = value[1:-1]
            if value:
                value = unescape(value)
            attrs.append((attrname.lower(), value))
            k = m.end()
        if html[k:end].strip() not in (">", "/>"):
            return False
        probe._check(tag, attrs)
        if probe.found:
            return False
    for match in _STYLE_START.finditer(html):
        start = _start_tag_end(html, match.start())
        if start < 0:
            return False
        close = _STYLE_END.search(html, start)
        if css_external_refs(html[start : close.start() if close else len(html)]):
            return False
    return True
