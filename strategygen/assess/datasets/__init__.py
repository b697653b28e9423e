"""The bundled reference data, loaded lazily and once per process, with typed rows.

The submodules hold the loaders: ``catalogue`` (what is bundled, its licence and coverage),
``readiness`` (the Government AI Readiness Index, every edition), ``indicators``
(e-government, WDI, governance, cybersecurity, GovTech, economy, risk, Caribbean legal
facts) and ``files`` (CSV reading). This module keeps the original entry points: the 2023
scores and indicators the shipped profiles were built from, and the CDCC membership list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from strategygen.assess.datasets.files import table
from strategygen.assess.datasets.readiness import Scores, scores
from strategygen.inputs.profile import INDICATOR_NAMES

# Oxford Insights' 2023 report (pp. 45-46) flags these members as having more than
# 40% of their indicator data imputed; their scores must be read with low confidence.
IMPUTED_OVER_40PCT = frozenset({"ATG", "DMA", "GRD", "KNA", "VCT"})

GAIRI_EDITION = 2023
GAIRI_RANKED = 193

# The Latin America and Caribbean group of the index is the 33 CELAC states, which are
# exactly the countries of these three UN M49 sub-regions in the dataset.
LAC_REGIONS = frozenset({"Caribbean", "Central America", "South America"})

SOURCES: dict[str, dict[str, object]] = {
    "gairi2023": {
        "id": "gairi2023",
        "title": "Government AI Readiness Index 2023 (public indicator data)",
        "publisher": "Oxford Insights",
        "year": 2023,
        "url": "https://oxfordinsights.com/ai-readiness/ai-readiness-index/",
        "licence": "CC BY-SA 4.0",
    },
    "wdi": {
        "id": "wdi",
        "title": "World Development Indicators: SP.POP.TOTL and NY.GDP.PCAP.CD",
        "publisher": "World Bank",
        "year": 2025,
        "url": "https://databank.worldbank.org/source/world-development-indicators",
        "licence": "CC BY 4.0",
    },
    "eclac-cdcc": {
        "id": "eclac-cdcc",
        "title": "Caribbean Development and Cooperation Committee: members and associate members",
        "publisher": "ECLAC",
        "year": 2025,
        "url": "https://www.cepal.org/en/headquarters-and-offices/eclac-caribbean/committees",
    },
    "iso3166": {
        "id": "iso3166",
        "title": "ISO 3166-1 country codes and country languages (mledoze/countries dataset)",
        "publisher": "ISO; mledoze/countries",
        "year": 2024,
        "url": "https://github.com/mledoze/countries",
        "licence": "ODbL 1.0",
    },
    "un-sids": {
        "id": "un-sids",
        "title": "List of Small Island Developing States",
        "publisher": "UN-OHRLLS",
        "year": 2024,
        "url": "https://www.un.org/ohrlls/content/list-sids",
    },
}


# One country's scores in one edition (the 2023 edition for ``index_scores``).
IndexRow = Scores


@dataclass(frozen=True)
class CdccRow:
    """One CDCC member or associate member."""

    iso3: str
    iso2: str
    name: str
    official_name: str
    status: str
    languages: tuple[str, ...]
    population: int | None
    gdp_per_capita: float | None
    gdp_year: int | None
    note: str


def index_scores() -> Mapping[str, IndexRow]:
    """Return the 2023 scores of all 193 ranked countries, keyed by ISO alpha-3 code."""
    return scores(GAIRI_EDITION)


@cache
def index_indicators() -> dict[str, dict[str, float | None]]:
    """Return the 39 indicator scores per country; ``None`` where the index has no value."""
    out: dict[str, dict[str, float | None]] = {}
    for row in table("gairi_2023_indicators.csv"):
        out[row["iso3"]] = {
            name: (float(row[name]) if row[name] != "" else None) for name in INDICATOR_NAMES
        }
    return out


@cache
def cdcc() -> dict[str, CdccRow]:
    """Return the 29 CDCC members and associate members, keyed by ISO alpha-3 code."""
    out: dict[str, CdccRow] = {}
    for row in table("cdcc_members.csv"):
        out[row["iso3"]] = CdccRow(
            iso3=row["iso3"],
            iso2=row["iso2"],
            name=row["name_common"],
            official_name=row["name_official"],
            status=row["cdcc_status"],
            languages=tuple(x.strip() for x in row["languages"].split(";") if x.strip()),
            population=int(row["population_2024"]) if row["population_2024"] else None,
            gdp_per_capita=(
                float(row["gdp_per_capita_latest"]) if row["gdp_per_capita_latest"] else None
            ),
            gdp_year=(
                int(row["gdp_per_capita_latest_year"])
                if row["gdp_per_capita_latest_year"]
                else None
            ),
            note=row["note"],
        )
    return out
