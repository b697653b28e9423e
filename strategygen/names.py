"""Country names as they read inside an English sentence: "the Dominican Republic".

Some names take the definite article in running English text (the Dominican Republic, the
Bahamas, the Cayman Islands, the United Kingdom); written bare they read as a translation
error ("Where Dominican Republic stands"). Headings, the cover's country line and tables keep
the name as recorded; sentences use :func:`in_text`, and :func:`at_start` where the name
opens a sentence. Other languages place their own articles, so the name is left unchanged.
"""

from __future__ import annotations

import re

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


def in_text(name: str, language: str = "en") -> str:
    """Return ``name`` as it reads inside an English sentence ("the Dominican Republic")."""
    if language != "en" or name.lower().startswith("the ") or not _TAKES_ARTICLE.match(name):
        return name
    return f"the {name}"


def at_start(name: str, language: str = "en") -> str:
    """Return ``name`` as it reads at the start of a sentence ("The Dominican Republic")."""
    text = in_text(name, language)
    return text[:1].upper() + text[1:]


def articled(text: str, name: str, language: str = "en") -> str:
    """Give every bare ``name`` in ``text`` its article, capitalised where a sentence opens.

    For text assembled with the bare name (chart descriptions, the vision statement):
    "For each dimension the first bar is Dominican Republic. Dominican Republic is ..."
    becomes "... the first bar is the Dominican Republic. The Dominican Republic is ...".
    """
    inside = in_text(name, language)
    if inside == name:
        return text
    bare = re.compile(r"(?<![Tt]he )(?<![\w-])" + re.escape(name) + r"(?![\w-])")
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
