"""French spacing before high punctuation, applied to a rendered French draft.

French sets a non-breaking space before the colon and a narrow one before the semicolon,
the question mark and the exclamation mark ("Éléments probants : ...", "... 25,85 ;").
Catalogue entries are written that way, but a sentence joins pieces ("; " between actions,
a label and its value) whose punctuation comes from elsewhere: one pass over the visible
text of the page sets every such space once, so that no template or message has to.

Only text between tags is touched, never a tag, an attribute, a character reference, a
style sheet, a script, a drawing or code; the spans the caller protects (the sources
annex, citations, a drafter's narrative) are left exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_TAG = re.compile(r"(<[^>]+>)")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|\w+);")
_SKIPPED = frozenset({"style", "script", "svg", "code", "pre", "title"})
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][\w-]*)")
#: A semicolon, question or exclamation mark after a character that is not a space, and
#: before a space or the end of the text run (the next tag).
_NARROW = re.compile(r"(?<=[^\s\u00a0\u202f(«\x00])([;!?])(?=\s|$)")
#: A colon likewise; a colon inside a word or a web address ("https:", "10:30") is kept.
_COLON = re.compile(r"(?<=[^\s\u00a0\u202f(«\x00]):(?=\s|$)")
#: A space a sentence already has before the mark becomes the right non-breaking one.
_SPACED_NARROW = re.compile(r" ([;!?])(?=\s|$)")
_SPACED_COLON = re.compile(r" :(?=\s|$)")
_OPENING = re.compile(r"^([;:!?])(?=\s)")


def _text(run: str) -> str:
    """Set the spaces in one run of text, leaving character references alone."""
    refs: list[str] = []

    def stash(match: re.Match[str]) -> str:
        refs.append(match.group(0))
        return "\x00"

    run = _ENTITY.sub(stash, run)
    run = _SPACED_NARROW.sub("\u202f\\1", _SPACED_COLON.sub("\u00a0:", run))
    run = _NARROW.sub("\u202f\\1", _COLON.sub("\u00a0:", run))
    # A mark opening a run follows an inline element ("<strong>Valeur</strong>: ...").
    run = _OPENING.sub(lambda m: ("\u00a0" if m.group(1) == ":" else "\u202f") + m.group(1), run)
    pieces = iter(refs)
    return re.sub("\x00", lambda _: next(pieces), run)


def french_text(text: str) -> str:
    """Return one plain text (not HTML) with French spaces before : ; ? !.

    For the text a drawing carries (its description), which the page's pass skips.
    """
    return _text(text)


def _spaced(html: str) -> str:
    """Apply :func:`_text` to every run of visible text in ``html``."""
    out: list[str] = []
    skipping: list[str] = []
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            found = _TAG_NAME.match(piece)
            if found and found.group(2).lower() in _SKIPPED and not piece.endswith("/>"):
                name = found.group(2).lower()
                if found.group(1):
                    if skipping and skipping[-1] == name:
                        skipping.pop()
                else:
                    skipping.append(name)
            out.append(piece)
        else:
            out.append(piece if skipping else _text(piece))
    return "".join(out)


def french_spacing(html: str, protected: Iterable[tuple[int, int]] = ()) -> str:
    """Return ``html`` with French spaces before : ; ? ! outside the ``protected`` spans.

    Only the document's body is read; the head (its title and style sheets) is left alone.
    """
    # The end of the head, not the first "<body": a style sheet's comment may name the tag.
    head = html.find("</head>")
    start = 0 if head < 0 else head
    out = [html[:start]]
    at = start
    for begin, end in protected:
        if end <= start:
            continue
        begin = max(begin, start)
        out.append(_spaced(html[at:begin]))
        out.append(html[begin:end])
        at = end
    out.append(_spaced(html[at:]))
    return "".join(out)
