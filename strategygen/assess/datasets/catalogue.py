"""The catalogue of bundled datasets: who published each one, which edition, its licence.

The catalogue (``strategygen/data/datasets.yaml``) is what ``strategygen data`` lists and
what the document's sources annex cites. Coverage figures (rows, countries, year range) are
counted from the files themselves, so they always describe the data actually shipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from strategygen.assess.datasets.files import header, table, year_columns
from strategygen.i18n.texts import Localised, local
from strategygen.inputs.profile import Source
from strategygen.resources import read_data_yaml

CATALOGUE_FILE = "datasets.yaml"


class Dataset(BaseModel):
    """One catalogue entry, as written in ``datasets.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")]
    """Id cited in documents and profiles (the same syntax as a profile's source ids)."""
    title: str
    """What the dataset holds."""
    publisher: str
    """Who published the data."""
    edition: str
    """Edition or release, in the publisher's terms."""
    years: tuple[int, int] | None = None
    """Declared year range, for tables whose rows carry no year of their own."""
    files: tuple[str, ...]
    """File names under ``strategygen/data/``."""
    year_columns: tuple[str, ...] | None = None
    """Columns whose leading four digits date the rows; default: every year-like column."""
    licence: Localised
    """Licence or terms of reuse, or a plain statement that they were not verified (the
    project's own note is written in each document language; a licence name stays as is)."""
    url: str | None = None
    """Where a reader finds the source (printed, never fetched)."""
    notes: tuple[str, ...] = ()
    """Caveats a reader of the figures needs."""


@dataclass(frozen=True)
class Coverage:
    """What the shipped files of one dataset hold, counted from the files."""

    rows: int
    countries: int | None
    """Distinct ISO alpha-3 codes, or None for a table that is not keyed by country."""
    first_year: int | None
    last_year: int | None

    @property
    def year_range(self) -> str:
        """The year range as printed (``2022-2025``, ``2024``, or ``n/a``)."""
        if self.first_year is None or self.last_year is None:
            return "n/a"
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}-{self.last_year}"


@cache
def catalogue() -> Mapping[str, Dataset]:
    """Return every bundled dataset, keyed by id, in catalogue order."""
    entries = read_data_yaml(CATALOGUE_FILE)["datasets"]
    out: dict[str, Dataset] = {}
    for entry in entries:
        item = Dataset.model_validate(entry)
        if item.id in out:
            raise ValueError(f"{CATALOGUE_FILE}: duplicate dataset id {item.id!r}")
        out[item.id] = item
    return out


def dataset(dataset_id: str) -> Dataset:
    """Return one catalogue entry; a KeyError names the known ids."""
    entries = catalogue()
    if dataset_id not in entries:
        raise KeyError(f"unknown dataset {dataset_id!r}; known: {', '.join(entries)}")
    return entries[dataset_id]


@cache
def coverage(dataset_id: str) -> Coverage:
    """Count rows, countries and the year range of one dataset's files."""
    entry = dataset(dataset_id)
    rows = 0
    codes: set[str] = set()
    keyed = False
    years: set[int] = set(entry.years or ())
    for name in entry.files:
        columns = header(name)
        data = table(name)
        rows += len(data)
        if "iso3" in columns:
            keyed = True
            codes.update(row["iso3"] for row in data if row["iso3"])
        for column in entry.year_columns or year_columns(columns):
            for row in data:
                # Dates ("2023-12") count by their year; text (an edition name) is skipped.
                cell = row.get(column, "").strip()[:4]
                if cell.isdigit():
                    years.add(int(cell))
    return Coverage(
        rows=rows,
        countries=len(codes) if keyed else None,
        first_year=min(years) if years else None,
        last_year=max(years) if years else None,
    )


def as_source(dataset_id: str) -> Source:
    """Return a dataset as an entry of a document's sources registry.

    The year is the last year the dataset's values refer to (or its declared edition year).
    """
    entry = dataset(dataset_id)
    cover = coverage(dataset_id)
    year = cover.last_year or (entry.years[1] if entry.years else None)
    if year is None:
        raise ValueError(f"dataset {dataset_id!r} has no year to cite")
    return Source(
        id=entry.id,
        title=entry.title,
        publisher=entry.publisher,
        year=year,
        url=entry.url,
        licence=local(entry.licence),
    )


def describe() -> list[dict[str, object]]:
    """Return one plain record per dataset (for ``strategygen data`` and its ``--json``)."""
    out: list[dict[str, object]] = []
    for entry in catalogue().values():
        cover = coverage(entry.id)
        out.append(
            {
                "id": entry.id,
                "title": entry.title,
                "publisher": entry.publisher,
                "edition": entry.edition,
                "years": cover.year_range,
                "first_year": cover.first_year,
                "last_year": cover.last_year,
                "rows": cover.rows,
                "countries": cover.countries,
                "licence": entry.licence,
                "url": entry.url,
                "files": list(entry.files),
                "notes": list(entry.notes),
            }
        )
    return out
