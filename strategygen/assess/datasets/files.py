"""Reading the bundled CSV tables: each file parsed once per process, cells typed on the way out.

A blank cell means the source has no value. The helpers here turn it into ``None`` and
never into a zero or a guess, so a missing figure stays visibly missing downstream.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from strategygen.resources import data_file

Row = Mapping[str, str]


@dataclass(frozen=True)
class Measure:
    """One figure from a bundled table, with the year it refers to and the dataset it is from."""

    value: float
    year: int
    dataset: str
    """Id of the dataset in the catalogue (``strategygen data``), cited in the document."""


@cache
def table(name: str) -> tuple[Row, ...]:
    """Return the rows of ``strategygen/data/<name>`` as read-only mappings (read once)."""
    with data_file(name).open(encoding="utf-8", newline="") as handle:
        return tuple(dict(row) for row in csv.DictReader(handle))


@cache
def header(name: str) -> tuple[str, ...]:
    """Return the column names of a bundled table, in file order."""
    with data_file(name).open(encoding="utf-8", newline="") as handle:
        return tuple(next(csv.reader(handle), []))


def num(row: Row, column: str) -> float | None:
    """Return a cell as a float, or None when the source has no value there."""
    text = row.get(column, "").strip()
    return float(text) if text else None


def whole(row: Row, column: str) -> int | None:
    """Return a cell as an int (``"2024"`` or ``"2024.0"``), or None when it is blank."""
    value = num(row, column)
    return int(value) if value is not None else None


def flag(row: Row, column: str) -> bool:
    """Return a True/False cell as a bool (anything but ``True`` is false)."""
    return row.get(column, "").strip().lower() == "true"


def measure(row: Row, column: str, dataset: str, year: int | None = None) -> Measure | None:
    """Return a value with its year: from ``<column>_year``, else the given table year.

    A value without a year is returned as None: a figure this tool prints must always be
    dated, so an undated one is treated like a missing one.
    """
    value = num(row, column)
    when = whole(row, f"{column}_year") if f"{column}_year" in row else year
    if value is None or when is None:
        return None
    return Measure(value, when, dataset)


def by_code(name: str) -> dict[str, Row]:
    """Index a table by its ``iso3`` column."""
    return {row["iso3"]: row for row in table(name)}


def year_columns(columns: Sequence[str]) -> tuple[str, ...]:
    """Return the columns that date a value: ``year``, ``survey_year``, ``*_year``, ``edition``."""
    return tuple(
        c for c in columns if c in ("year", "survey_year", "edition") or c.endswith("_year")
    )
