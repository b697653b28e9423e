"""The gettext catalogues: read from the ``.po`` files with Babel, one per language.

The catalogues are ``strategygen/locale/<lang>/LC_MESSAGES/strategygen.po``, the files
translators edit (``pybabel extract/update`` keep them in step with the code and
templates; see the README). They are compiled in memory by Babel the first time a
process needs a language (``babel.messages.mofile``), so no compiled ``.mo`` file can be
stale, forgotten in a commit or missing from a wheel. As with ``msgfmt``, a fuzzy or
empty entry is left out and its English text is printed; the test suite fails on any.

An override template folder may hold its own catalogue at the same relative place
(``<folder>/locale/<lang>/LC_MESSAGES/strategygen.po``): its entries win over the shipped
ones, so a consultancy's templates can carry their own translations.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import io
from pathlib import Path
from typing import TYPE_CHECKING

from strategygen.errors import StrategygenError
from strategygen.files import FileRefused, read_input
from strategygen.i18n import current

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

#: The gettext domain of every catalogue.
DOMAIN = "strategygen"

_LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

#: The largest catalogue read (the shipped ones are well under 1 MiB).
MAX_CATALOGUE_BYTES = 4 * 1024 * 1024


def locale_dir() -> Path:
    """Return the folder of the shipped catalogues (``strategygen/locale``)."""
    return _LOCALE_DIR


def po_path(lang: str, root: Path | None = None) -> Path:
    """Return the ``.po`` file of ``lang`` under ``root`` (default: the shipped catalogues)."""
    return (root or _LOCALE_DIR) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(path: Path, lang: str, inside: Path | None = None) -> Catalog:
    """Read a ``.po`` file with Babel (a regular file, inside ``inside`` when given).

    Raises:
        StrategygenError: The file is refused (a link out of its folder, too large,
            unreadable) or is not a valid catalogue; the message is located.

    """
    try:
        data = read_input(path, limit=MAX_CATALOGUE_BYTES, what="catalogue", inside=inside)
    except FileRefused as exc:
        at = 1 if exc.reason == "size" else 0
        raise StrategygenError(f"{path}:{at}:{at}: {exc.message}") from None
    # Babel's catalogue reader is imported here: an English draft reads no catalogue.
    from babel.messages.pofile import read_po

    try:
        return read_po(io.BytesIO(data), locale=lang, domain=DOMAIN, abort_invalid=True)
    except Exception as exc:  # babel's PoFileError and decoding errors
        line = getattr(exc, "lineno", 0) or 0
        raise StrategygenError(f"{path}:{line}:1: not a valid gettext catalogue: {exc}") from None


def compile_catalogue(catalog: Catalog) -> _gettext.GNUTranslations:
    """Compile a catalogue in memory (fuzzy entries left out, as ``msgfmt`` does)."""
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


@functools.lru_cache(maxsize=32)
def translations(lang: str, override_dirs: tuple[str, ...] = ()) -> _gettext.NullTranslations:
    """Return the translations of ``lang``: override folders' catalogues, then the shipped one.

    English is the source language: its translations return every message unchanged
    unless an override folder translates it.

    Raises:
        StrategygenError: A catalogue cannot be read or parsed (located).

    """
    chain: list[_gettext.NullTranslations] = []
    for folder in override_dirs:
        path = po_path(lang, Path(folder) / "locale")
        if path.exists():
            chain.append(compile_catalogue(read_catalogue(path, lang, inside=Path(folder))))
    shipped = po_path(lang)
    if lang != "en" and shipped.is_file():
        chain.append(compile_catalogue(read_catalogue(shipped, lang)))
    if not chain:
        return _gettext.NullTranslations()
    first = chain[0]
    for later in chain[1:]:
        first.add_fallback(later)
    return first


def active() -> _gettext.NullTranslations:
    """Return the translations of the language in use."""
    lang = current()
    return translations(lang.code, lang.catalogue_dirs)


def gettext(message: str) -> str:
    """Translate ``message`` into the language in use."""
    return active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count into the language in use."""
    return active().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` in ``context`` (a word whose translation depends on its use)."""
    return active().pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it (translated where printed)."""
    return message
