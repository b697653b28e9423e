"""Text in the data files in several languages: one field, its English and its translations.

The rule library, the KPI catalogue, the pillars and the candidate sectors are YAML files
whose sentences reach the document. A field that holds such a sentence takes either plain
text (English only, as every file was written before translations) or a mapping with one
entry per language, English required::

    finding: >-
      {country} has no data protection law on record.
    name:
      en: Tourism and hospitality
      es: Turismo y hotelería
      fr: Tourisme et hôtellerie
      nl: Toerisme en horeca

The translations sit beside the English they translate, so whoever edits one sees the
others. The field is validated as the :class:`Texts` model, so a mistake is located like
any other (``sectors[0].name.de: unknown key; valid keys here: en, es, fr, nl``), and each
translation must keep the English text's placeholders (``{country}``, ``%(year)s``).

In Python the value is a :class:`Localised`, a ``str`` whose value is the English text (code
that compares, measures or searches the text keeps working) and which carries its
translations; :func:`local` picks the text of the language in use. A language without a text
falls back to English unless it is declared complete (``COMPLETE_LANGUAGES``): then
:func:`missing_texts` lists every field that lacks it, and the loaders turn the list into
located errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationInfo,
)
from pydantic import field_validator as _field_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

import strategygen.i18n as _i18n
from strategygen.i18n import LANGUAGE_NAMES, LANGUAGES, current

#: Placeholders a translation must keep: rule placeholders and gettext-style fields.
PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*\}|%\([a-z_][a-z0-9_]*\)[sd]")

Loc = tuple[str | int, ...]


def placeholders(text: str) -> list[str]:
    """Return the placeholders of ``text``, sorted (repeats kept once)."""
    return sorted(set(PLACEHOLDER.findall(text)))


class Texts(BaseModel):
    """One field's text per language, as written in a data file (English required)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    en: Annotated[str, Field(min_length=1)]
    es: Annotated[str, Field(min_length=1)] | None = None
    fr: Annotated[str, Field(min_length=1)] | None = None
    nl: Annotated[str, Field(min_length=1)] | None = None

    @_field_validator("es", "fr", "nl")
    @classmethod
    def _same_placeholders(cls, text: str | None, info: ValidationInfo) -> str | None:
        english = info.data.get("en")
        if text is None or not isinstance(english, str):
            return text
        want, got = placeholders(english), placeholders(text)
        if want != got:
            lost = sorted(set(want) - set(got))
            extra = sorted(set(got) - set(want))
            parts = []
            if lost:
                parts.append(f"lacks {', '.join(lost)}")
            if extra:
                parts.append(f"adds {', '.join(extra)}")
            raise ValueError(
                "a translation keeps the English text's placeholders; this one "
                + " and ".join(parts)
            )
        return text


class Localised(str):
    """English text that carries its translations (``str(x)`` is the English).

    Attributes:
        translations: Language code -> text, for the languages that have one.

    """

    translations: Mapping[str, str]

    #: The model the field is validated as (the error translator lists its keys).
    __validated_as__ = Texts

    def __new__(cls, english: str, translations: Mapping[str, str] | None = None) -> Localised:
        """Make a text from its English and its translations."""
        made = super().__new__(cls, english)
        made.translations = dict(translations or {})
        return made

    def text(self, lang: str) -> str | None:
        """Return the text in ``lang`` (the English for ``en``), or None if it has none."""
        return str(self) if lang == "en" else self.translations.get(lang)

    def __reduce__(self) -> tuple[Any, ...]:
        # Keep the translations through pickling (a build's worker processes).
        return (Localised, (str(self), dict(self.translations)))

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        """Validate plain text or a per-language mapping as :class:`Texts`."""
        return core_schema.no_info_before_validator_function(
            _as_mapping,
            core_schema.no_info_after_validator_function(
                _from_texts, handler.generate_schema(Texts)
            ),
            serialization=core_schema.plain_serializer_function_ser_schema(_as_mapping),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Describe the field for editors: text, or one entry per language."""
        return {
            "anyOf": [
                {"type": "string", "minLength": 1},
                handler(schema),
            ],
            "description": "Text in English, or one entry per language (en required): "
            + ", ".join(LANGUAGES),
        }


def _as_mapping(value: Any) -> Any:
    """Plain text is the English; a mapping is validated key by key; anything else is refused."""
    if isinstance(value, Localised):
        return {"en": str(value), **value.translations}
    if isinstance(value, str):
        return {"en": value}
    if isinstance(value, dict):
        return value
    raise PydanticCustomError("string_type", "Input should be a valid string")


def _from_texts(texts: Texts) -> Localised:
    others = {lang: getattr(texts, lang) for lang in LANGUAGES[1:] if getattr(texts, lang)}
    return Localised(texts.en, others)


def local(text: str, lang: str | None = None) -> str:
    """Return ``text`` in ``lang`` (default: the language in use), else its English.

    Plain ``str`` is returned as it is (a drafter's own words, or text with no translations).
    """
    if not isinstance(text, Localised):
        return text
    found = text.text(lang or current().code)
    return found if found is not None else str(text)


def localise(value: Any, lang: str | None = None) -> Any:
    """Return ``value`` with every :class:`Localised` inside it replaced by its text in ``lang``.

    Walks pydantic models (a copy is returned), lists, tuples and dicts; anything else is
    returned unchanged. Used on a whole pillar or sector, so that every template reading it
    prints the document's language without asking.
    """
    lang = lang or current().code
    if isinstance(value, Localised):
        return local(value, lang)
    if isinstance(value, BaseModel):
        update = {name: localise(getattr(value, name), lang) for name in type(value).model_fields}
        return value.model_copy(update=update)
    if isinstance(value, list):
        return [localise(v, lang) for v in value]
    if isinstance(value, tuple):
        return tuple(localise(v, lang) for v in value)
    if isinstance(value, dict):
        return {k: localise(v, lang) for k, v in value.items()}
    return value


def texts_in(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Localised]]:
    """Yield every :class:`Localised` inside ``value`` with its location (field path)."""
    if isinstance(value, Localised):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from texts_in(getattr(value, name), (*loc, info.alias or name))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from texts_in(item, (*loc, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts_in(item, (*loc, str(key)))


def missing_texts(value: Any, lang: str, loc: Loc = ()) -> list[Loc]:
    """Return the location of every text inside ``value`` that has nothing in ``lang``."""
    return [where for where, text in texts_in(value, loc) if text.text(lang) is None]


def needs_every_text(lang: str) -> bool:
    """Say whether a text lacking ``lang`` is an error (the language is declared complete)."""
    return lang != "en" and lang in _i18n.COMPLETE_LANGUAGES


def missing_message(lang: str) -> str:
    """Say what a text lacking ``lang`` needs, for a located error."""
    return (
        f"no {LANGUAGE_NAMES.get(lang, lang)} text ({lang}); {lang} drafts are complete, so "
        f"write this field as a mapping with an '{lang}' entry beside 'en'"
    )


def check_length(text: Localised | None, limit: int) -> Localised | None:
    """Refuse a text longer than ``limit`` characters in any of its languages.

    Raises:
        ValueError: Naming the language and the length (a validator turns it into a
            located error).

    """
    if text is not None:
        for lang, value in (("en", str(text)), *text.translations.items()):
            if len(value) > limit:
                raise ValueError(f"at most {limit} characters; the {lang} text has {len(value)}")
    return text
