"""English left in a Spanish, French or Dutch draft: the check a test and a script share.

A translated draft may still print English that no catalogue check sees: a sentence composed
in Python, a data file's text without its translation, a short template label. This module
reads a rendered HTML draft as its reader would (visible text, block by block) and reports
each block that holds a word which is English and is not a word of the document's language.

What is left out, because it is printed as published or as recorded: citations (they name
publishers), the sources annex's title, publisher and licence columns, chart drawings, rule
and indicator identifiers, and the names the caller passes (the profile's own strings: names
of bodies, laws and plans, as the country records them; the titles of published indices).
"""

from __future__ import annotations

import csv
import functools
import html
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from strategygen.resources import data_file, shipped_dir

#: Words that are common in English prose and are not words of Spanish, French or Dutch.
#: Function words catch composed sentences; the nouns catch short labels and headers.
ENGLISH: frozenset[str] = frozenset(
    (
        "the of and with which are for from by this that has have its will should where when "
        "would could their there these those been into than was were who whose how what why "
        "each every any within between after before under over about through against "
        "measure weight sources lead year years target baseline actions priority owner "
        "rank risks risk value mean group country countries cost costs score scores not none "
        "draft chapter section annex table figure see also only more less most least"
    ).split()
)

#: Words of the list above that are also words of a document language (Dutch "of" is
#: "or", French "action", "section", "source" and "figure" are French words).
NATIVE: dict[str, frozenset[str]] = {
    "es": frozenset(),
    "fr": frozenset("actions section source sources figure score scores table".split()),
    "nl": frozenset("of over was score scores plan".split()),
}

#: Published names that a translated sentence keeps as they are published.
PUBLISHED: tuple[str, ...] = (
    "Government AI Readiness Index",
    "INFORM Risk",
    "World Development Indicators",
    "Worldwide Governance Indicators",
    "Global Cybersecurity Index",
    "GovTech Maturity Index",
    "E-Government Development Index",
    "Online Service Index",
    "ND-GAIN",
    "WorldRiskIndex",
    # ECLAC's committee has no official name in Dutch or French usage of the region.
    "Caribbean Development and Cooperation Committee",
)

_SECTION = re.compile(r'<section class="[^"]*" id="sec-([a-z_]+)">(.*?)</section>', re.DOTALL)
_BLOCK = re.compile(r"<(p|li|td|th|caption|h\d|dd|dt|figcaption|summary)\b")
_CITE = re.compile(r'<a class="cite".*?</a>', re.DOTALL)
_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_SOURCE_ROW = re.compile(r'<tr id="src-[^"]*">.*?</tr>', re.DOTALL)
_CELL = re.compile(r"<td\b.*?</td>", re.DOTALL)
#: The sources annex's columns printed as published: title, publisher, licence.
_PUBLISHED_COLUMNS = (1, 2, 4)
# Rule ids (STR-LEAD), indicator ids (K01.5) and data fields (kpi.K12, priority_sectors).
_CODE = re.compile(r"\b[A-Z]{2,}(?:-[A-Z0-9]+)+\b|\bK\d+(?:\.\d+)?\b|\b\w+(?:[._]\w+)+\b")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_URL = re.compile(r"https?://\S+")
_BEFORE_MARK = re.compile(r"[ \u00a0\u202f]+([;:!?])")


def _unpublished_cells(row: re.Match[str]) -> str:
    """Drop from a sources-annex row the cells it prints as the source publishes them."""
    cells = _CELL.findall(row.group(0))
    return "".join(c for i, c in enumerate(cells) if i not in _PUBLISHED_COLUMNS)


def visible_blocks(document: str) -> list[tuple[str, str]]:
    """Return (section id, text) for each block of text a reader sees, published text removed."""
    out: list[tuple[str, str]] = []
    for sid, body in _SECTION.findall(document):
        body = _SVG.sub(" ", _CITE.sub(" ", body))
        if sid == "annex_sources":
            body = _SOURCE_ROW.sub(_unpublished_cells, body)
        text = html.unescape(re.sub(r"<[^>]+>", " ", _BLOCK.sub(r"\n<\1", body)))
        out.extend((sid, line) for line in (" ".join(x.split()) for x in text.split("\n")) if line)
    return out


def _masks(names: Iterable[str]) -> tuple[str, ...]:
    """Prepare the names to mask once per document: longest first, each in two forms."""
    forms: list[str] = []
    for name in sorted({*names, *PUBLISHED}, key=len, reverse=True):
        # A name may open a sentence or follow an article in lower case ("national AI
        # roadmap (...)" from "National AI roadmap (...)").
        forms += [name, name[:1].lower() + name[1:]]
    return tuple(dict.fromkeys(forms))


def english_words(text: str, lang: str, names: Iterable[str] = ()) -> list[str]:
    """Return the English words of ``text`` once ``names`` and identifiers are masked."""
    return _english_words(text, ENGLISH - NATIVE.get(lang, frozenset()), _masks(names))


def _english_words(text: str, english: frozenset[str], masks: tuple[str, ...]) -> list[str]:
    # French sets a space before : ; ? !, which a recorded name does not have.
    text = _BEFORE_MARK.sub(r"\1", _URL.sub(" ", text))
    for form in masks:
        if form in text:
            text = text.replace(form, " ")
    text = _CODE.sub(" ", text)
    return [w for w in _WORD.findall(text) if w.lower() in english]


def english_lines(
    document: str, lang: str, names: Iterable[str] = ()
) -> list[tuple[str, str, list[str]]]:
    """Return (section id, line, English words) for each visible line that holds English."""
    masks = _masks(
        _BEFORE_MARK.sub(r"\1", n) for n in (*names, *published_titles(lang)) if len(n) > 3
    )
    english = ENGLISH - NATIVE.get(lang, frozenset())
    out: list[tuple[str, str, list[str]]] = []
    for sid, line in visible_blocks(document):
        found = _english_words(line, english, masks)
        if found:
            out.append((sid, line, found))
    return out


def _strings(node: Any) -> Iterator[str]:
    """Every string scalar in a parsed YAML tree."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def recorded_names(profile: Path) -> set[str]:
    """Return the strings a draft prints as recorded: the profile's and the bundled facts' names.

    A profile records the names of its bodies, laws and plans in the language they were
    published in (Jamaica's "Data Protection Act" stays English in a Spanish draft); the
    bundled legal facts and regional memberships name bodies and acts the same way.
    """
    names = {*_strings(yaml.safe_load(profile.read_text(encoding="utf-8"))), *_bundled_names()}
    return {" ".join(n.split()) for n in names if len(n.strip()) > 3}


@functools.cache
def _bundled_names() -> frozenset[str]:
    """Return the names of acts, regulators and regional bodies in the bundled facts."""
    names: set[str] = set()
    named = (("caribbean_facts.csv", ("title",)), ("regional_bodies.csv", ("body",)))
    for name, columns in named:
        with data_file(name).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                names.update(row[c] for c in columns if row.get(c))
                # A regulator is recorded as "regulator=<name>".
                value = row.get("value") or ""
                if "=" in value:
                    names.add(value.split("=", 1)[1].split(" (", 1)[0])
    return frozenset(names)


def _spans_kept(english: str, translation: str) -> Iterator[str]:
    """Yield the runs of two or more words a translation keeps verbatim from its English."""
    words = translation.replace("\u00ab", " ").replace("\u00bb", " ").split()
    i = 0
    while i < len(words):
        j = i + 1
        while j <= len(words) and " ".join(words[i:j]).strip('"();,') in english:
            j += 1
        if j - 1 - i >= 2:
            yield " ".join(words[i : j - 1]).strip('"();,')
            i = j - 1
        else:
            i += 1


def _kept_titles(node: Any, lang: str) -> Iterator[str]:
    if isinstance(node, dict):
        english, other = node.get("en"), node.get(lang)
        if isinstance(english, str) and isinstance(other, str):
            yield from _spans_kept(english, other)
        for value in node.values():
            yield from _kept_titles(value, lang)
    elif isinstance(node, list):
        for value in node:
            yield from _kept_titles(value, lang)


@functools.cache
def published_titles(lang: str) -> frozenset[str]:
    """Titles the translated data files keep in English, as published.

    A rule's evidence names a publication ("Elements of AI", "Digital Progress and Trends
    Report 2025") that its Spanish, French and Dutch texts quote as published: every run of
    two or more words a translation keeps verbatim from its English text is such a title.
    """
    files = [*sorted(shipped_dir("rules").glob("*.yaml")), *sorted(data_file(".").glob("*.yaml"))]
    found: set[str] = set()
    for path in files:
        found.update(_kept_titles(yaml.safe_load(path.read_text(encoding="utf-8")), lang))
    return frozenset(t for t in found if len(t) > 3)
