"""Country names as they read inside a sentence: "the Dominican Republic", "le Suriname".

"La República Dominicana", "Haïti" without an article, "de Bahama's".

Some names take the definite article in running text (the Dominican Republic, the Bahamas,
the Cayman Islands, the United Kingdom); written bare they read as a translation error
("Where Dominican Republic stands"). Headings, the cover's country line and tables keep the
name as recorded; sentences use :func:`in_text`, and :func:`at_start` where the name opens a
sentence. Spanish, French and Dutch have their own rules (:mod:`strategygen.i18n.articles`):
"la República Dominicana" but "Haití", "la Jamaïque" but "Haïti", "de Dominicaanse Republiek".
After the article comes the grammar it triggers: :func:`contract` joins a preposition and
an article ("de el Caribe" -> "del Caribe", "à le Suriname" -> "au Suriname") and elides
before a vowel ("de Haïti" -> "d'Haïti"), and :func:`title_in_text` gives a title its
article ("aprobó la Estrategia Nacional de Inteligencia Artificial").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from markupsafe import escape

from strategygen.i18n.articles import definite_article
from strategygen.title_articles import title_article

# Common English usage (as in the UN and the FCO style guides): republics and unions named
# by their form of state, plural names and island groups.
_TAKES_ARTICLE = re.compile(
    r"^(?:Dominican Republic|Bahamas|Gambia|Netherlands|Philippines|Maldives|Comoros|"
    r"Seychelles|Czech Republic|Central African Republic|Holy See|Sudan|"
    r"United (?:Kingdom|States|Arab Emirates|Republic of Tanzania)\b.*|"
    r"(?:Democratic |Lao People's Democratic |Syrian Arab |Islamic |Kyrgyz )?Republic\b.*|"
    r"Russian Federation|Democratic People's Republic of Korea|"
    r".+ Islands|.+ Antilles)$"
)


def article(name: str, language: str) -> str:
    """Return the definite article ``name`` takes in running text in ``language`` ("" if none).

    English follows :data:`_TAKES_ARTICLE`; Spanish, French and Dutch follow
    :mod:`strategygen.i18n.articles` (an elided French article is ``l'``).
    """
    if language == "en":
        return "" if name.lower().startswith("the ") or not _TAKES_ARTICLE.match(name) else "the"
    return definite_article(name, language)


def in_text(name: str, language: str = "en") -> str:
    """Return ``name`` as it reads inside a sentence ("the Dominican Republic", "le Suriname")."""
    art = article(name, language)
    if not art or name.lower().startswith(art + " "):
        return name
    return f"{art}{name}" if art.endswith("'") else f"{art} {name}"


def at_start(name: str, language: str = "en") -> str:
    """Return ``name`` as it reads at the start of a sentence ("The Dominican Republic")."""
    text = in_text(name, language)
    return text[:1].upper() + text[1:]


def articled(text: str, name: str, language: str = "en", keep: Iterable[str] = ()) -> str:
    """Give every bare ``name`` in ``text`` its article, capitalised where a sentence opens.

    For text assembled with the bare name (chart descriptions, the vision statement):
    "For each dimension the first bar is Dominican Republic. Dominican Republic is ..."
    becomes "... the first bar is the Dominican Republic. The Dominican Republic is ...".
    The titles in ``keep`` stay as published ("Framework for Belize" is not "for le Belize").
    """
    inside = in_text(name, language)
    if inside == name:
        return text
    kept = [t for t in keep if t and name in t and t in text]
    if kept:
        for i, title in enumerate(kept):
            text = text.replace(title, f"\x00{i}\x00")
        text = articled(text, name, language)
        for i, title in enumerate(kept):
            text = text.replace(f"\x00{i}\x00", title)
        return text
    prefix = inside[: len(inside) - len(name)]
    upper = prefix[:1].upper() + prefix[1:]
    # Not after a letter, a hyphen or an apostrophe ("d'Inde"), nor after the article.
    bare = re.compile(
        rf"(?<![\w'’-])(?<!{re.escape(prefix)})(?<!{re.escape(upper)})"
        + re.escape(name)
        + r"(?![\w-])"
    )
    return capitalise_sentence_starts(bare.sub(inside, text), inside)


def capitalise_sentence_starts(text: str, phrase: str) -> str:
    """Capitalise ``phrase`` where it opens ``text`` or a sentence ("... . the Bahamas")."""
    opening = re.compile(r"(^|[.!?]\s+)" + re.escape(phrase))
    return opening.sub(lambda m: m.group(1) + phrase[:1].upper() + phrase[1:], text)


def capitalise_openings(html: str, name: str, language: str = "en") -> str:
    """Capitalise "the <name>" where it opens a sentence, a paragraph, a cell or a heading.

    Templates write the name with its lower-case article wherever it stands (translations
    keep one message per sentence); this pass, on the rendered HTML, gives it a capital
    where it begins a sentence: after a block-level opening tag, or after a full stop,
    question or exclamation mark (inline tags in between allowed).
    """
    inside = in_text(name, language)
    if inside == name:
        return html
    opening = re.compile(
        r"((?:<(?:p|li|td|th|h[1-6]|caption|dd|dt|figcaption|title|desc|summary)\b[^>]*>"
        r"|[.!?](?:</[a-z]+>)*\s+)(?:<(?:strong|em|span|a|b|i)\b[^>]*>)*)" + re.escape(inside)
    )
    return opening.sub(lambda m: m.group(1) + at_start(name, language), html)


# Names whose last word is an English plural take a bare apostrophe in the possessive
# ("the Bahamas' economy", "Saint Vincent and the Grenadines' own data"); a singular that
# ends in s keeps "'s" ("Barbados's", "Nevis's").
_PLURAL_LAST_WORDS = (
    "Antilles",
    "Bahamas",
    "Comoros",
    "Emirates",
    "Grenadines",
    "Islands",
    "Maldives",
    "Netherlands",
    "Philippines",
    "Seychelles",
    "States",
)
_PLURAL_POSSESSIVE = re.compile(
    r"\b(" + "|".join(_PLURAL_LAST_WORDS) + r")('|&#39;|&#x27;|\u2019)s\b"
)


def english_possessives(html: str) -> str:
    """Write the possessive of a plural name with a bare apostrophe ("the Bahamas'")."""
    return _PLURAL_POSSESSIVE.sub(r"\1\2", html)


# ---- the grammar an article triggers ----------------------------------------------------

# Preposition + article contractions, written once per language: (before, article) -> joined.
_CONTRACTIONS: dict[str, dict[tuple[str, str], str]] = {
    "es": {("de", "el"): "del", ("a", "el"): "al"},
    "fr": {
        ("de", "le"): "du",
        ("de", "les"): "des",
        ("à", "le"): "au",
        ("à", "les"): "aux",
        # "en" takes a feminine country bare and turns into au/aux otherwise.
        ("en", "la"): "en",
        ("en", "le"): "au",
        ("en", "les"): "aux",
        ("en", "l'"): "en",
    },
}

#: French words that elide before a vowel or a mute h ("de Haïti" -> "d'Haïti").
_ELIDING = ("de", "que", "jusque", "lorsque", "puisque")
_VOWEL = "AEIOUYÂÊÎÔÛÀÉÈËÏÜŸHaeiouyâêîôûàéèëïüÿh"


def contract(html: str, names: tuple[str, ...], language: str) -> str:
    """Join prepositions and articles before ``names`` and elide before a vowel (es, fr).

    Runs on text where every name has been written as :func:`in_text` gives it, with the
    catalogues' own prepositions in front: "de el Caribe" becomes "del Caribe", "à le
    Suriname" "au Suriname", "en la Jamaïque" "en Jamaïque", "de Haïti" "d'Haïti".
    """
    out = html
    for name in names:
        inside = in_text(name, language)
        out = contract_before(out, name, inside[: len(inside) - len(name)].strip(), language)
    return out


def contract_before(html: str, phrase: str, art: str, language: str) -> str:
    """Join a preposition with ``art`` before ``phrase``, or elide before it if it has none."""
    out = html
    if art:
        for (before, article_), joined in _CONTRACTIONS.get(language, {}).items():
            if article_ != art:
                continue
            head, rest = before[0], before[1:]
            gap = "" if art.endswith("'") else " "
            pattern = re.compile(
                rf"\b({head}|{head.upper()}){rest} {re.escape(art)}{gap}(?={re.escape(phrase)})"
            )
            out = pattern.sub(_joiner(joined), out)
    elif language == "fr" and phrase[:1] in _VOWEL:
        eliding = "|".join(_ELIDING)
        pattern = re.compile(rf"\b({eliding}) (?={re.escape(phrase)}(?![\w-]))", re.IGNORECASE)
        out = pattern.sub(lambda m: m.group(1)[:-1] + "'", out)
    return out


def _joiner(joined: str) -> Callable[[re.Match[str]], str]:
    """Return a replacement that writes ``joined`` in the case of the matched preposition."""

    def join(match: re.Match[str]) -> str:
        return _same_case(match.group(1), joined) + " "

    return join


def _same_case(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


#: Words after which a title already has its determiner (no article is added).
_DETERMINERS: dict[str, frozenset[str]] = {
    "es": frozenset("la el los las del al un una su sus esta este esa ese dicha dicho".split()),
    "fr": frozenset("la le les du des au aux un une sa son ses cette ce cet leur notre".split()),
    "nl": frozenset("de het een haar zijn hun deze dit die dat".split()),
}


def articled_titles(
    html: str, titles: tuple[str, ...], language: str, known: Mapping[str, str] | None = None
) -> str:
    """Give each document title in running text its article ("aprobó la Estrategia ...").

    After a lower-case word that is not already a determiner, and opening a sentence of a
    paragraph; a title opening a cell, a heading, a list or a bracket stays as published.
    Prepositions then contract with the article ("de el Plan" -> "del Plan", "de le Plan"
    -> "du Plan"). ``known`` gives the article of names whose words do not show it (an
    acronym takes its full name's: "la OGTIC").
    """
    blocked = _DETERMINERS.get(language)
    known = known or {}
    titles = (*titles, *known)
    if blocked is None:
        return html
    out = html
    # A name with an apostrophe is in the page HTML-escaped ("l&#39;Amérique latine").
    shown = {t: t for t in titles} | {str(escape(t)): t for t in titles}
    for title in sorted(shown, key=len, reverse=True):
        art = known.get(shown[title]) or title_article(shown[title], language)
        if not art:
            continue
        pattern = re.compile(rf"(?<=\s)(?<![\w'-])(?=\w)(?P<word>\w+) {re.escape(title)}")

        def add(match: re.Match[str], art: str = art, title: str = title) -> str:
            word = match.group("word")
            if word.lower() in blocked or not word[:1].islower():
                return match.group(0)
            joined = f"{art}{title}" if art.endswith("'") else f"{art} {title}"
            return f"{word} {joined}"

        out = contract_before(pattern.sub(add, out), title, art.rstrip("'"), language)
        # Opening a paragraph's sentence, it takes the article too ("La Oficina ... dirige").
        opening = re.compile(rf"(<p(?: class=\"[^\"]*\")?>|\.\s){re.escape(title)}(?=[ ,(])")
        capital = art[:1].upper() + art[1:]
        joined = f"{capital}{title}" if art.endswith("'") else f"{capital} {title}"

        def opened(match: re.Match[str], joined: str = joined) -> str:
            return f"{match.group(1)}{joined}"

        out = opening.sub(opened, out)
    return out


def apply_grammar(
    html: str,
    names: tuple[str, ...],
    titles: tuple[str, ...],
    language: str,
    known: Mapping[str, str] | None = None,
) -> str:
    """Contract and elide around ``names`` and give ``titles`` their articles (es, fr, nl).

    The sources annex and a drafter's narrative blocks are left as they are: a source's
    title stays exactly as published, and a drafter's text as written.
    """
    if language == "en":
        return html
    out: list[str] = []
    at = 0
    for start, end in protected_spans(html):
        out.append(
            articled_titles(contract(html[at:start], names, language), titles, language, known)
        )
        out.append(html[start:end])
        at = end
    out.append(articled_titles(contract(html[at:], names, language), titles, language, known))
    return "".join(out)


_DIV = re.compile(r"<(/?)div\b[^>]*>")
_CITATION = re.compile(r'<a class="cite"[^>]*>.*?</a>', re.DOTALL)


def protected_spans(html: str) -> list[tuple[int, int]]:
    """Spans the grammar pass leaves alone: the sources annex, citations, narrative blocks."""
    spans: list[tuple[int, int]] = []
    marker = html.find('id="sec-annex_sources"')
    if marker >= 0:
        start = html.rfind("<section", 0, marker)
        end = html.find("<section", start + 1)
        spans.append((start, len(html) if end < 0 else end))
    # A citation names its publisher as published ("OGTIC and Gabinete de Innovación").
    spans += [m.span() for m in _CITATION.finditer(html)]
    for found in re.finditer(r'<div class="narrative\b', html):
        depth, end = 0, len(html)
        for tag in _DIV.finditer(html, found.start()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.end()
                break
        spans.append((found.start(), end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
