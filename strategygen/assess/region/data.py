"""What the regional overview reads from the bundled datasets, in the overview's terms.

A thin view over :mod:`strategygen.assess.datasets` (the readiness editions, the E-Government
Survey, the WDI and the dataset catalogue): the overview compares members on the editions
that share the three-pillar framework and shows the newest edition apart. A country an
edition omits is absent from that edition's mapping, which the overview prints as "not
covered", never as a zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from strategygen.assess.datasets.indicators import Egdi, egdi, wdi
from strategygen.assess.datasets.readiness import (
    EDITION_YEARS,
    EDITIONS,
    FRAMEWORK_2020,
    FRAMEWORK_2025,
    LATEST_EDITION,
    Scores,
    comparable_editions,
    ranked,
    scores,
)

__all__ = [
    "COMPARABLE_YEARS",
    "DATASET_OF_EDITION",
    "EDITION_YEARS",
    "EGDI_YEAR",
    "LABELS",
    "LATEST_YEAR",
    "PILLARS_2020",
    "PILLARS_2025",
    "Dated",
    "Egdi",
    "Scores",
    "egdi",
    "internet_use",
    "ranked",
    "scores",
]

LATEST_YEAR: int = LATEST_EDITION
#: The editions on the three-pillar framework, oldest first (2022-2024): the trend's.
COMPARABLE_YEARS: tuple[int, ...] = comparable_editions(EDITIONS[0].year)
#: The dimensions of the three-pillar framework, pillar by pillar.
PILLARS_2020: Mapping[str, tuple[str, ...]] = FRAMEWORK_2020.pillars
#: The newest framework's pillars with their weights in the total.
PILLARS_2025: Mapping[str, float] = FRAMEWORK_2025.weights or {
    p: 1 / len(FRAMEWORK_2025.pillars) for p in FRAMEWORK_2025.pillars
}
LABELS: Mapping[str, str] = {
    "total": "Overall score",
    **FRAMEWORK_2025.labels,
    **FRAMEWORK_2020.labels,
}
#: Catalogue id of each edition's data, as cited in the document.
DATASET_OF_EDITION: Mapping[int, str] = {e.year: e.dataset for e in EDITIONS}
#: The E-Government Survey edition the overview shows.
EGDI_YEAR = 2024


@dataclass(frozen=True)
class Dated:
    """A figure with the year it refers to."""

    value: float
    year: int


@cache
def internet_use() -> Mapping[str, Dated]:
    """Return Internet users (% of population), latest year per economy (WDI)."""
    out: dict[str, Dated] = {}
    for code, row in wdi().items():
        if row.internet_users_pct is not None:
            out[code] = Dated(row.internet_users_pct.value, row.internet_users_pct.year)
    return out
