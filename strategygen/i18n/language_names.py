"""Language names in the document's language: "Haitian Creole" -> "créole haïtien".

A profile records its languages by their English names (as the CLDR writes them: "Spanish",
"Haitian Creole", "Sranan Tongo"). A draft in another language names them as that language
does, from the same CLDR data Babel ships; a name the CLDR does not know stays as recorded.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from babel import Locale

from strategygen.i18n.catalog import gettext

#: Names a profile may use that the CLDR writes otherwise ("Jamaican Creole English").
_ALIASES = {"jamaican patois": "jam", "patois": "jam"}


@functools.cache
def _codes() -> dict[str, str]:
    """Return English language name (lower case) -> language code, from the CLDR."""
    return {name.lower(): code for code, name in Locale("en").languages.items()} | _ALIASES


def language_name(english: str, lang: str) -> str:
    """Return the language called ``english`` as ``lang`` names it ("French" -> "français")."""
    if lang == "en":
        return english
    code = _codes().get(english.strip().lower())
    if code is None:
        return english
    name: str = Locale.parse(lang).languages.get(code, english)
    return name


def languages_after_in(english: Sequence[str], lang: str) -> str:
    """Return the languages as a list that follows the preposition "in" of ``lang``.

    French repeats the preposition before each further language ("en français et en créole
    haïtien", after the sentence's own "en"); Dutch names each language with its article
    ("in het Nederlands en het Papiaments"); English and Spanish list the names.
    """
    names = [language_name(n, lang) for n in english]
    if lang == "nl":
        names = [f"het {n}" for n in names]
    elif lang == "fr":
        names = names[:1] + [f"en {n}" for n in names[1:]]
    if len(names) < 2:
        return "".join(names)
    return gettext("%(items)s and %(last)s") % {"items": ", ".join(names[:-1]), "last": names[-1]}
