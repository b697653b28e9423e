"""Jinja filters for printed words: coded values in words, labels in sentences, unbroken ranges.

Registered on the template environment by :func:`register_filters`:

- ``value | words(kind, cap=false)``: a coded value (``in_preparation``) in words, in the
  document's language (see :mod:`strategygen.words`, the one table of wordings);
- ``rule_id | action_title(recommendation)``: the short name of a rule's action;
- ``label | lowerfirst``: a label lower-cased for a sentence, acronyms spared;
- ``kpi_id | kpi_ref``: the id a document prints for an indicator (``K01.vision`` reads
  ``K01.1``; see :func:`strategygen.assess.kpis.kpi_ref`);
- ``country | in_text``: another country's name as it reads in a sentence ("the Bahamas");
- ``body | named``: a body's name with the article it takes in a list ("the ...", "la ...");
- ``language | language_name``: a language the profile records by its English name, as
  the document's language names it ("Haitian Creole" -> "créole haïtien");
- ``languages | languages_after_in``: a profile's languages listed after "in" ("en
  français et en créole haïtien", "in het Nederlands en het Papiaments");
- ``text | keep_ranges``: the text, escaped, with each year range (``2027–2032``) kept on
  one line, so that a title never breaks inside its period.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import jinja2
from markupsafe import Markup, escape

from strategygen.assess.kpis import kpi_ref
from strategygen.body_names import english_name_takes_article
from strategygen.i18n.language_names import language_name, languages_after_in
from strategygen.names import in_text
from strategygen.render.triggers import trigger_words
from strategygen.title_articles import title_in_text
from strategygen.words import action_title, lowerfirst, words

# A year range as titles print it: 2027–2032, 2027-2032 or 2027 – 2032.
_YEAR_RANGE = re.compile(r"\b(\d{4})\s*([\u2013\u2014-])\s*(\d{4})\b")


def _lang(context: jinja2.runtime.Context) -> str:
    meta = context.get("meta")
    lang = getattr(meta, "lang", None)
    return lang if isinstance(lang, str) and lang else "en"


@jinja2.pass_context
def _words_filter(context: jinja2.runtime.Context, value: Any, kind: str, cap: bool = False) -> str:
    return words(value, kind, lang=_lang(context), cap=cap)


@jinja2.pass_context
def _action_title_filter(
    context: jinja2.runtime.Context, rule_id: str, recommendation: str = ""
) -> str:
    return action_title(rule_id, recommendation or "", lang=_lang(context))


@jinja2.pass_context
def _in_text_filter(context: jinja2.runtime.Context, name: str, language: str = "") -> str:
    # Another country named in a sentence: "the Dominican Republic's 43.73". An English-only
    # chapter passes "en": its sentence stays English in a translated draft.
    return in_text(name, language or _lang(context))


@jinja2.pass_context
def _named_filter(context: jinja2.runtime.Context, name: str) -> str:
    # A body in a list ("the National AI Task Force, the Broadcasting Commission ..."): the
    # page-wide pass only sees a name after a word, not after a comma. Spanish, French and
    # Dutch take the article of the name's head noun ("el Banco ...", "la Commission ...").
    lang = _lang(context)
    if lang != "en":
        return title_in_text(name, lang)
    if english_name_takes_article(name):
        return f"the {name}"
    return name


@jinja2.pass_context
def _language_name_filter(context: jinja2.runtime.Context, english: str) -> str:
    return language_name(english, _lang(context))


@jinja2.pass_context
def _languages_after_in_filter(context: jinja2.runtime.Context, english: Sequence[str]) -> str:
    return languages_after_in(english, _lang(context))


def keep_ranges(text: str) -> Markup:
    """Escape ``text`` and wrap each year range in a span that never breaks across lines."""
    escaped = str(escape(text))
    return Markup(_YEAR_RANGE.sub(r'<span class="nowrap">\1\2\3</span>', escaped))


def register_filters(env: jinja2.Environment) -> None:
    """Add the filters this module defines (listed in the module docstring)."""
    env.filters["words"] = _words_filter
    env.filters["action_title"] = _action_title_filter
    env.filters["lowerfirst"] = lowerfirst
    env.filters["kpi_ref"] = kpi_ref
    env.filters["keep_ranges"] = keep_ranges
    env.filters["in_text"] = _in_text_filter
    env.filters["named"] = _named_filter
    env.filters["language_name"] = _language_name_filter
    env.filters["languages_after_in"] = _languages_after_in_filter
    # A rule trigger in words for the rules annex of a translated draft.
    env.filters["trigger_words"] = trigger_words
