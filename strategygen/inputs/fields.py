"""Shared building blocks of the profile model: strict base class, field types, sourced values."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo

from strategygen.inputs.problems import PatternHelp

SourceId = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_.-]*$",
        max_length=64,
        description="Id of an entry in the profile's `sources` registry.",
    ),
    PatternHelp(
        "must be a source id: lower-case letters, digits, '.', '_' or '-', starting with a "
        "letter or digit"
    ),
]
Year = Annotated[int, Field(ge=1900, le=2100, description="Calendar year.")]
Score = Annotated[float, Field(ge=0, le=100, description="Index score on a 0-100 scale.")]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]
LongText = Annotated[str, Field(min_length=1, max_length=4000)]


class StrictModel(BaseModel):
    """Shared configuration: strict keys, immutable, documented fields."""

    # The field documentation (the string under each field) is read by inputs/docs.py
    # when a schema is made, not by pydantic at every import.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(StrictModel):
    """One entry of the sources registry; every fact points to one by `id`."""

    id: SourceId
    """Short identifier that facts use in their `source` field (lower case, digits, `._-`)."""
    title: ShortText
    """Title of the document, dataset or web page."""
    publisher: ShortText
    """Organisation that published it."""
    year: Year | None = None
    """Year of publication (or of the edition used). Leave out for an undated page: the draft
    then cites it as "n.d." rather than guess a year."""
    url: (
        Annotated[
            str,
            Field(pattern=r"^https?://\S+$", max_length=500),
            PatternHelp("must be a web address starting with http:// or https://, without spaces"),
        ]
        | None
    ) = None
    """Where a reader can find it. Printed as text; never fetched by the tool."""
    licence: ShortText | None = None
    """Licence under which the data may be reused, for instance `CC BY 4.0`."""
    accessed: dt.date | None = None
    """Date the source was consulted (YYYY-MM-DD)."""


class Count(StrictModel):
    """A whole-number fact with its year and source."""

    value: Annotated[int, Field(ge=0)]
    """The number."""
    year: Year
    """Year the number refers to."""
    source: SourceId
    """Id of the source in the registry."""


class Amount(StrictModel):
    """A monetary or decimal fact with its year and source."""

    value: Annotated[float, Field(ge=0)]
    """The amount."""
    year: Year
    """Year the amount refers to."""
    source: SourceId
    """Id of the source in the registry."""


def deferred(info: ValidationInfo) -> bool:
    """Tell whether the loader asked to run cross-field checks itself, for precise locations."""
    return bool(info.context and info.context.get("defer_cross_checks"))
