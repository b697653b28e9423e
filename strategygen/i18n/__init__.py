"""The document's language: which languages exist, each country's default, the one in use.

A document is written in one of :data:`LANGUAGES`. The language is chosen, in order, by the
tailoring (``--language``, the project file, the API), by the profile
(``identity.document_language``), else by the country (:data:`COUNTRY_LANGUAGES`: the
language its government works in), else English. Numbers and dates follow the *country's*
own locale in that language (``es_DO`` writes 45.52, Spain's ``es`` would write 45,52).

The language in use is held in a context variable for the time a document is assessed and
rendered (:func:`use_language`), so that every sentence the assessment writes and every
figure the renderers format read it from one place, without passing it through every
function. The package sits outside the stage folders, like :mod:`strategygen.words`,
because the assessment and the renderers share it.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Iterator
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

#: The languages a document can be written in (ISO 639-1), English first.
LANGUAGES: tuple[str, ...] = ("en", "es", "fr", "nl")

#: Each language's name in that language, for messages and the README.
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "es": "español",
    "fr": "français",
    "nl": "Nederlands",
}

#: The document language of a country whose government does not work in English
#: (ISO 3166-1 alpha-3). Every other country's default is English.
COUNTRY_LANGUAGES: dict[str, str] = {
    "DOM": "es",
    "CUB": "es",
    "PRI": "es",
    "HTI": "fr",
    "GLP": "fr",
    "MTQ": "fr",
    "SUR": "nl",
    "ABW": "nl",
    "CUW": "nl",
    "SXM": "nl",
}

#: The locale for numbers and dates when Babel has none for the language and the country
#: (a Jamaican draft in Spanish): Latin American Spanish, the language's own otherwise.
#: English drafts use international English (``en_001``: "30 November 2026").
_FALLBACK_LOCALE: dict[str, str] = {"en": "en_001", "es": "es_419", "fr": "fr", "nl": "nl"}


class UnsupportedLanguage(ValueError):
    """A language no catalogue exists for."""


def check_language(code: str) -> str:
    """Return the primary language of ``code`` (``es-DO`` -> ``es``) if it is supported.

    Raises:
        UnsupportedLanguage: Naming the languages that are.

    """
    primary = code.replace("_", "-").split("-", 1)[0].lower()
    if primary not in LANGUAGES:
        raise UnsupportedLanguage(
            f"unsupported document language {code!r}; use one of {', '.join(LANGUAGES)}"
        )
    return primary


#: Languages in which a whole draft is translated: every chapter and the text of the rule,
#: KPI, pillar, sector and cost-band files. A country's draft defaults to its government's
#: language only for these (a consultation needs one language throughout, not a half-
#: translated draft), and a data-file text that lacks one of them is an error.
COMPLETE_LANGUAGES: frozenset[str] = frozenset({"es", "fr", "nl"})


def government_language(iso3: str) -> str:
    """Return the language the country's government works in (``en`` if not listed)."""
    return COUNTRY_LANGUAGES.get(iso3.upper(), "en")


def default_language(iso3: str) -> str:
    """Return the language a country's draft is written in unless told otherwise.

    The government's language once its translation is complete (``COMPLETE_LANGUAGES``),
    English before that.
    """
    lang = government_language(iso3)
    return lang if lang in COMPLETE_LANGUAGES else "en"


def choose_language(asked: str | None, profile_language: str | None, iso3: str) -> str:
    """Return the document language: ``asked`` (tailoring), else the profile's, else the default.

    Raises:
        UnsupportedLanguage: The language asked for has no catalogue.

    """
    for code in (asked, profile_language):
        if code:
            return check_language(code)
    return default_language(iso3)


@functools.lru_cache(maxsize=64)
def country_locale(lang: str, iso2: str | None) -> Locale:
    """Return the Babel locale that formats numbers and dates for ``lang`` in a country.

    The country's own variant when Babel has one (``es_DO``, ``fr_HT``, ``nl_SR``,
    ``en_JM``), else the language's regional default. An English draft keeps the decimal
    point the tool has always printed, even where CLDR gives English a comma (``en_DE``).
    """
    if iso2:
        try:
            found = Locale.parse(f"{lang}_{iso2.upper()}")
        except (UnknownLocaleError, ValueError):
            found = None
        if found is not None and (lang != "en" or found.number_symbols["latn"]["decimal"] == "."):
            return found
    return Locale.parse(_FALLBACK_LOCALE.get(lang, lang))


@dataclass(frozen=True)
class Language:
    """The language in use: its code, the locale for numbers and dates, extra catalogues.

    Attributes:
        code: The language (``es``).
        locale: The Babel locale that formats numbers and dates (``es_DO``).
        catalogue_dirs: Override template folders whose ``locale/`` catalogues are read
            before the shipped one (a consultancy's own wording wins).

    """

    code: str
    locale: Locale
    catalogue_dirs: tuple[str, ...] = ()


_ENGLISH = Language("en", Locale.parse("en_001"))
_CURRENT: contextvars.ContextVar[Language] = contextvars.ContextVar(
    "strategygen_language", default=_ENGLISH
)


def current() -> Language:
    """Return the language in use (English outside :func:`use_language`)."""
    return _CURRENT.get()


@contextlib.contextmanager
def use_language(
    code: str, iso2: str | None = None, catalogue_dirs: tuple[str, ...] = ()
) -> Iterator[Language]:
    """Write in ``code``, with numbers and dates in the country ``iso2``'s locale, in the block.

    Args:
        code: The document language.
        iso2: The country whose locale formats numbers and dates.
        catalogue_dirs: Override template folders that may hold their own catalogues.

    Raises:
        UnsupportedLanguage: ``code`` has no catalogue.

    """
    lang = check_language(code)
    token = _CURRENT.set(Language(lang, country_locale(lang, iso2), tuple(catalogue_dirs)))
    try:
        yield _CURRENT.get()
    finally:
        _CURRENT.reset(token)


#: Names a government writes differently from CLDR's (Sint Maarten writes no hyphen).
_NAME_EXCEPTIONS: dict[tuple[str, str], str] = {("nl", "SX"): "Sint Maarten"}


def country_name(lang: str, iso2: str, english: str) -> str:
    """Return the country's name in ``lang``: the profile's English name, else CLDR's.

    Names in Spanish, French and Dutch come from the Unicode CLDR (as shipped in Babel):
    "República Dominicana", "Haïti", "Suriname".
    """
    if lang == "en":
        return english
    exception = _NAME_EXCEPTIONS.get((lang, iso2.upper()))
    if exception:
        return exception
    name = Locale.parse(lang).territories.get(iso2.upper())
    return str(name) if name else english
