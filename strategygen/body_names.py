"""Names of bodies, laws and plans in running text: "the" in English, acronyms after the first.

English gives "the" to the names of strategies, laws and bodies ("is preparing the National
AI Policy", "belongs to the Caribbean Community") but not to slogans, companies or acronyms
("Vision 2030 Jamaica", "eGov Jamaica Limited", "CARICOM"): :func:`english_articles`. A lead
body's long name is written in full once per chapter and by its acronym after that:
:func:`acronyms_after_first`. Both run on the rendered HTML and leave the sources annex and a
drafter's narrative blocks as they are.
"""

from __future__ import annotations

import itertools
import re

from markupsafe import escape

from strategygen.names import protected_spans

# ---- English: "the" before the names of strategies, laws and bodies -------------------

# Names that stay bare in English: brands and companies ("eGov Jamaica Limited"), visions
# named like a slogan ("Vision 2030 Jamaica"), a country's own possessive, single words
# and acronyms ("CARICOM", "OGTIC").
_BARE_EN = re.compile(
    r"^(?:the\b|an?\b|Vision\b|[^A-Z]|\S+$)|\b(?:Limited|Ltd\.?|Inc\.?|plc|LLC)$|'s\b|\u2019s\b"
)

#: Words after which a name already has its determiner in English.
_DETERMINERS_EN = frozenset(
    "the a an its their his her our your this that these those each every any no whose "
    "which what some either neither".split()
)


# Capitalised words that open a sentence or a heading before a name ("Adopt the National
# AI Policy ..."); any other capitalised word may be part of the name ("Barbados Data ...").
_OPENERS_EN = "Adopt|Apply|Implement|Publish|Review|Use|Under|In|With|By|From|Through|For"


def english_name_takes_article(name: str) -> bool:
    """Whether a body's or document's name takes "the" in running English text.

    "the National AI Policy", "the Data Protection Act, 2020", "the Office of the Prime
    Minister", "the Caribbean Community"; but "Vision 2030 Jamaica", "eGov Jamaica
    Limited", "CARICOM" stay bare.
    """
    name = name.strip()
    return bool(name) and not _BARE_EN.search(name)


def english_articles(html: str, names: tuple[str, ...]) -> str:
    """Give each name of a body, law or strategy its "the" in running English text.

    Only after a lower-case word that is not already a determiner ("is preparing National
    AI Policy" -> "is preparing the National AI Policy"), or where the name opens a
    paragraph or a sentence ("The Office of the Prime Minister ... is the lead body"). A
    name opening a table cell, a heading or a list item stays as recorded, and so do the
    sources annex and a drafter's narrative blocks (titles there stay as published).
    """
    wanted = sorted({n.strip() for n in names if english_name_takes_article(n)}, key=len)
    if not wanted:
        return html
    # As the HTML writes them: "d'Haïti" is "d&#39;Haïti" there, "&" is "&amp;".
    forms = {str(escape(n)) for n in wanted} | set(wanted)
    alternatives = "|".join(re.escape(n) for n in sorted(forms, key=len, reverse=True))
    # A word, or a clause's comma after a word ("because none is on record, the Office ...").
    after_word = re.compile(
        rf"(?<![\w'-])(?P<word>[a-z][\w-]*,?|{_OPENERS_EN}) (?P<name>{alternatives})(?![\w-])"
    )
    opening = re.compile(
        rf"(?P<lead><p\b[^>]*>|[.!?] |[.!?]</[a-z]+> )(?P<name>{alternatives})(?![\w-])"
    )

    def add(match: re.Match[str]) -> str:
        word = match.group("word")
        if word.rstrip(",") in _DETERMINERS_EN and not word.endswith(","):
            return match.group(0)
        return f"{word} the {match.group('name')}"

    def add_capital(match: re.Match[str]) -> str:
        return f"{match.group('lead')}The {match.group('name')}"

    out: list[str] = []
    at = 0
    for start, end in [*protected_spans(html), (len(html), len(html))]:
        chunk = after_word.sub(add, html[at:start])
        out.append(opening.sub(add_capital, chunk))
        out.append(html[start:end])
        at = end
    return "".join(out)


# ---- a body's full name once per chapter, then its acronym ---------------------------

_CHAPTER = re.compile(r'<section class="chapter\b[^"]*" id="sec-([\w-]+)"')
_ARTICLES_BEFORE = {"en": ("the ", "The ")}


def acronyms_after_first(html: str, bodies: tuple[tuple[str, str], ...], language: str) -> str:
    """Write each body's full name once per chapter, then its acronym alone.

    ``bodies`` pairs a full name with its acronym ("Office of the Prime Minister", "OPM").
    In each chapter the first "Office of the Prime Minister (OPM)" stays; later ones read
    "OPM" (an English "the" in front goes with the full name: "the OPM" is not usage). The
    sources annex keeps every name as published.
    """
    pairs = [(n.strip(), a.strip()) for n, a in bodies if n.strip() and a.strip()]
    if not pairs:
        return html
    starts = [m.start() for m in _CHAPTER.finditer(html)]
    if not starts:
        return html
    bounds = [*starts, len(html)]
    out = [html[: starts[0]]]
    for start, end in itertools.pairwise(bounds):
        chunk = html[start:end]
        if 'id="sec-annex_sources"' not in chunk[:120]:
            for name, acronym in sorted(pairs, key=lambda p: len(p[0]), reverse=True):
                chunk = _shorten(chunk, name, acronym, language)
        out.append(chunk)
    return "".join(out)


def _shorten(chunk: str, name: str, acronym: str, language: str) -> str:
    forms = {name, str(escape(name))}
    full = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    lead = "|".join(re.escape(a) for a in _ARTICLES_BEFORE.get(language, ()))
    pattern = re.compile(
        (rf"(?:(?<![\w-])(?:{lead}))?" if lead else "")
        + rf"(?<![\w-])(?:{full}) \({re.escape(acronym)}\)"
    )
    seen = False

    def replace(match: re.Match[str]) -> str:
        nonlocal seen
        if not seen:
            seen = True
            return match.group(0)
        return acronym

    return pattern.sub(replace, chunk)
