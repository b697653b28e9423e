"""The bundled tables the regional overview reads: readiness editions, e-government, WDI.

Each table is read once per process. A blank cell is ``None`` here and stays a visible gap
in the document; a country an edition omits is absent from that edition's mapping, which
the overview prints as "not covered", never as a zero.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from strategygen.resources import data_file

#: The dimensions of the three-pillar framework (2022-2024), pillar by pillar.
PILLARS_2020: dict[str, tuple[str, ...]] = {
    "government": ("vision", "governance_ethics", "digital_capacity", "adaptability"),
    "technology_sector": ("maturity", "innovation_capacity", "human_capital"),
    "data_infrastructure": ("infrastructure", "data_availability", "data_representativeness"),
}

#: The six pillars of the 2025 framework with their weights in the total (recovered from the
#: data file by least squares: every row within 0.0065 of the stated total).
PILLARS_2025: dict[str, float] = {
    "policy_capacity": 0.10,
    "ai_infrastructure": 0.25,
    "governance": 0.15,
    "public_sector_adoption": 0.15,
    "development_diffusion": 0.25,
    "resilience": 0.10,
}

LABELS: dict[str, str] = {
    "total": "Overall score",
    "government": "Government",
    "technology_sector": "Technology sector",
    "data_infrastructure": "Data and infrastructure",
    "vision": "Vision",
    "governance_ethics": "Governance and ethics",
    "digital_capacity": "Digital capacity",
    "adaptability": "Adaptability",
    "maturity": "Technology-sector maturity",
    "innovation_capacity": "Innovation capacity",
    "human_capital": "Human capital",
    "infrastructure": "Infrastructure",
    "data_availability": "Data availability",
    "data_representativeness": "Data representativeness",
    "policy_capacity": "Policy capacity",
    "ai_infrastructure": "AI infrastructure",
    "governance": "Governance",
    "public_sector_adoption": "Public-sector adoption",
    "development_diffusion": "Development and diffusion",
    "resilience": "Resilience",
}

#: Editions of the index bundled, and the framework each uses.
EDITION_YEARS: tuple[int, ...] = (2022, 2023, 2024, 2025)
COMPARABLE_YEARS: tuple[int, ...] = (2022, 2023, 2024)
LATEST_YEAR = 2025
EGDI_YEAR = 2024

#: Catalogue ids of the bundled datasets, as cited in the document.
DATASET_OF_EDITION: dict[int, str] = {y: f"gairi{y}" for y in EDITION_YEARS}

#: How each bundled dataset is cited (the same entries as the dataset catalogue).
DATASET_SOURCES: dict[str, dict[str, object]] = {
    "gairi2022": {
        "title": "Government AI Readiness Index 2022 (public data)",
        "publisher": "Oxford Insights",
        "year": 2022,
        "url": "https://oxfordinsights.com/ai-readiness/ai-readiness-index/",
        "licence": "CC BY-SA 4.0",
    },
    "gairi2023": {
        "title": "Government AI Readiness Index 2023 (public indicator data)",
        "publisher": "Oxford Insights",
        "year": 2023,
        "url": "https://oxfordinsights.com/ai-readiness/ai-readiness-index/",
        "licence": "CC BY-SA 4.0",
    },
    "gairi2024": {
        "title": "Government AI Readiness Index 2024 (3 pillars, 10 dimensions)",
        "publisher": "Oxford Insights",
        "year": 2024,
        "url": "https://oxfordinsights.com/ai-readiness/government-ai-readiness-index-2024/",
        "licence": "Not verified; attribute Oxford Insights",
    },
    "gairi2025": {
        "title": "Government AI Readiness Index 2025 (6 pillars, 14 dimensions)",
        "publisher": "Oxford Insights",
        "year": 2025,
        "url": "https://oxfordinsights.com/ai-readiness/government-ai-readiness-index-2025/",
        "licence": "Not verified; attribute Oxford Insights",
    },
    "egdi2024": {
        "title": "UN E-Government Survey 2024 (EGDI and its parts)",
        "publisher": "UN DESA",
        "year": 2024,
        "url": "https://publicadministration.un.org/egovkb/en-us/Data-Center",
        "licence": "United Nations terms of use; cite the Survey",
    },
    "wdi": {
        "title": "World Development Indicators (latest year per value)",
        "publisher": "World Bank",
        "year": 2025,
        "url": "https://databank.worldbank.org/source/world-development-indicators",
        "licence": "CC BY 4.0",
    },
    "eclac-cdcc": {
        "title": "Caribbean Development and Cooperation Committee: members and associate members",
        "publisher": "ECLAC",
        "year": 2025,
        "url": "https://www.cepal.org/en/headquarters-and-offices/eclac-caribbean/committees",
    },
}


def _rows(name: str) -> list[dict[str, str]]:
    with data_file(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _num(row: Mapping[str, str], column: str) -> float | None:
    text = row.get(column, "").strip()
    return float(text) if text else None


@dataclass(frozen=True)
class Scores:
    """One country's scores in one edition; ``None`` where the edition has no value."""

    iso3: str
    country: str
    edition: int
    rank: int
    un_region: str
    total: float
    pillars: Mapping[str, float | None]
    dimensions: Mapping[str, float | None]

    def value(self, key: str) -> float | None:
        """Return the total, a pillar or a dimension score."""
        if key == "total":
            return self.total
        if key in self.pillars:
            return self.pillars[key]
        return self.dimensions.get(key)


@cache
def scores(year: int) -> Mapping[str, Scores]:
    """Return every country's scores in the edition of ``year``, keyed by ISO alpha-3 code."""
    if year not in EDITION_YEARS:
        raise KeyError(f"no bundled edition {year}")
    pillars = list(PILLARS_2025) if year == LATEST_YEAR else list(PILLARS_2020)
    dims = [] if year == LATEST_YEAR else [d for ds in PILLARS_2020.values() for d in ds]
    out: dict[str, Scores] = {}
    for row in _rows(f"gairi_{year}_scores.csv"):
        total = _num(row, "total")
        if total is None:
            continue
        out[row["iso3"]] = Scores(
            iso3=row["iso3"],
            country=row["country"],
            edition=year,
            rank=int(row["rank"]),
            un_region=row["un_region"],
            total=total,
            pillars={p: _num(row, p) for p in pillars},
            dimensions={d: _num(row, d) for d in dims},
        )
    return out


def ranked(year: int) -> int:
    """Return how many countries the edition of ``year`` ranks."""
    return len(scores(year))


@dataclass(frozen=True)
class Egdi:
    """UN E-Government Survey values for one country (indices on a 0-1 scale)."""

    edition: int
    rank: int | None
    egdi: float | None
    osi: float | None
    tii: float | None
    hci: float | None


@cache
def egdi(year: int = EGDI_YEAR) -> Mapping[str, Egdi]:
    """Return the E-Government Survey of ``year``, keyed by ISO alpha-3 code."""
    s = str(year)
    out: dict[str, Egdi] = {}
    for row in _rows(f"egdi_{year}.csv"):
        rank = _num(row, f"egdi_rank_{s}")
        out[row["iso3"]] = Egdi(
            edition=year,
            rank=int(rank) if rank is not None else None,
            egdi=_num(row, f"egdi_{s}"),
            osi=_num(row, f"osi_{s}"),
            tii=_num(row, f"tii_{s}"),
            hci=_num(row, f"hci_{s}"),
        )
    return out


@dataclass(frozen=True)
class Dated:
    """A figure with the year it refers to."""

    value: float
    year: int


@cache
def internet_use() -> Mapping[str, Dated]:
    """Return Internet users (% of population), latest year per economy (WDI)."""
    out: dict[str, Dated] = {}
    for row in _rows("wdi_latest.csv"):
        value, year = _num(row, "internet_users_pct"), _num(row, "internet_users_pct_year")
        if value is not None and year is not None:
            out[row["iso3"]] = Dated(value, int(year))
    return out
