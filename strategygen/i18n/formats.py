"""Numbers, percentages and dates in the country's own locale: the one place they are formatted.

Every figure a document prints goes through these functions (the templates' ``num``,
``int``, ``pct`` and ``date`` filters, the charts, the cost bands), which read the locale
of the language in use (:func:`strategygen.i18n.current`). The Dominican Republic's
Spanish (``es_DO``) writes 45.52 and 1,234; Haiti's French (``fr_HT``) 45,52 and 1 234
(narrow no-break space); Suriname's Dutch (``nl_SR``) 45,52 and 1.234.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

from babel.dates import format_date, format_skeleton
from babel.numbers import NumberPattern, format_decimal, format_percent, parse_pattern

from strategygen.i18n import current
from strategygen.i18n.catalog import gettext


def not_available() -> str:
    """Return what a missing figure reads as ("n/a")."""
    return gettext("n/a")


def decimal(value: float | int | None, digits: int = 2) -> str:
    """Format a number with exactly ``digits`` decimals and the locale's grouping."""
    if value is None:
        return not_available()
    return format_decimal(_rounded(value, digits), format=_pattern(digits), locale=current().locale)


@functools.cache
def _pattern(digits: int) -> NumberPattern:
    """Return the parsed pattern for ``digits`` decimals (a document formats hundreds)."""
    return parse_pattern("#,##0" + ("." + "0" * digits if digits > 0 else ""))


def _rounded(value: float | int, digits: int) -> Decimal:
    """Round as Python's formatting does (the binary value, half to even), then hand to Babel.

    Babel rounds the decimal text of a float (34.15 -> 34.2), Python the binary value
    (34.15 is 34.1499... -> 34.1); rounding first keeps every figure as it was printed
    before the locales came in, whatever the language.
    """
    return Decimal(f"{float(value):.{max(digits, 0)}f}")


def integer(value: float | int | None) -> str:
    """Format a whole number with the locale's grouping (``2,839,175``; ``2.839.175``)."""
    if value is None:
        return not_available()
    return format_decimal(round(value), format=_pattern(0), locale=current().locale)


def percent(share: float | None, digits: int = 0) -> str:
    """Format a 0-1 share as a percentage with the locale's sign and spacing (``42%``, ``42 %``)."""
    if share is None:
        return not_available()
    locale = current().locale
    pattern = locale.percent_formats[None].pattern
    if digits > 0 and "." not in pattern:
        pattern = pattern.replace("0", "0." + "0" * digits, 1)
    # Rounded as a percentage first, as decimal() does (see _rounded).
    return format_percent(_rounded(share * 100, digits) / 100, format=pattern, locale=locale)


def long_date(day: dt.date) -> str:
    """Format a date in words: "30 November 2026", "30 de noviembre de 2026", "1er mai 2026"."""
    lang = current()
    text = format_date(day, format="long", locale=lang.locale)
    if lang.code == "fr" and day.day == 1:
        # French writes the first of the month as an ordinal: "1er décembre 2026".
        text = "1er" + text[1:]
    return text


def year_month(day: dt.date) -> str:
    """Format a month and year in words: "November 2026", "noviembre de 2026"."""
    return format_skeleton("yMMMM", day, locale=current().locale)


def print_date(day: dt.date) -> str:
    """Format a date the document prints: ISO 8601 in English (2026-11-30), else in words.

    English drafts have always printed ISO dates and their readers' tools parse them; a
    Spanish, French or Dutch reader expects the date in words ("30 de noviembre de 2026").
    """
    return day.isoformat() if current().code == "en" else long_date(day)
