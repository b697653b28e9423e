"""Economy-structure and risk figures per country, read from the bundled WDI/ILO and INFORM data.

Every value is a ``Figure``: the number, the year it refers to and the id of its source, so that
whatever the draft prints carries both. A blank cell in the data is ``None``, never zero.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from strategygen.resources import data_file

#: The sources these figures come from, as entries for the document's sources annex.
SOURCES: dict[str, dict[str, object]] = {
    "wdi-economy": {
        "id": "wdi-economy",
        "title": (
            "World Development Indicators: economic structure, tourism receipts, ICT service "
            "exports, remittances, government consumption, electricity access, renewables"
        ),
        "publisher": "World Bank",
        "year": 2026,
        "url": "https://databank.worldbank.org/source/world-development-indicators",
        "licence": "CC BY 4.0",
    },
    "ilo-employment": {
        "id": "ilo-employment",
        "title": "Employment by sector, ILO modelled estimates (via Gapminder)",
        "publisher": "International Labour Organization",
        "year": 2025,
        "url": "https://ilostat.ilo.org/",
    },
    "inform2025": {
        "id": "inform2025",
        "title": "INFORM Risk Index 2025 (v0.7.0, 31 March 2025)",
        "publisher": "European Commission Joint Research Centre",
        "year": 2025,
        "url": "https://drmkc.jrc.ec.europa.eu/inform-index",
        "licence": "CC BY 4.0",
    },
    "ndgain": {
        "id": "ndgain",
        "title": "ND-GAIN Country Index (data to 2020)",
        "publisher": "University of Notre Dame",
        "year": 2022,
        "url": "https://gain.nd.edu/our-work/country-index/",
    },
}

#: Column -> (label, unit, source id) for the economy file.
ECONOMY_SERIES: dict[str, tuple[str, str, str]] = {
    "agri_va_pct_gdp": ("agriculture, forestry and fishing value added", "% of GDP", "wdi-economy"),
    "industry_va_pct_gdp": ("industry value added", "% of GDP", "wdi-economy"),
    "services_va_pct_gdp": ("services value added", "% of GDP", "wdi-economy"),
    "tourism_receipts_pct_exports": (
        "international tourism receipts",
        "% of total exports",
        "wdi-economy",
    ),
    "ict_service_exports_pct_service_exports": (
        "ICT service exports",
        "% of service exports",
        "wdi-economy",
    ),
    "remittances_pct_gdp_calc": ("personal remittances received", "% of GDP", "wdi-economy"),
    "empl_agri_pct_total_ilo": ("employment in agriculture", "% of employment", "ilo-employment"),
    "empl_industry_pct_total_ilo": ("employment in industry", "% of employment", "ilo-employment"),
    "empl_services_pct_total_ilo": ("employment in services", "% of employment", "ilo-employment"),
    "gov_consumption_pct_gdp": (
        "general government final consumption",
        "% of GDP",
        "wdi-economy",
    ),
    "electricity_access_pct_pop": ("access to electricity", "% of population", "wdi-economy"),
    "renewable_energy_pct_final_consumption": (
        "renewable energy",
        "% of final energy consumption",
        "wdi-economy",
    ),
}


@dataclass(frozen=True)
class Figure:
    """One value with the year it refers to and the id of its source."""

    value: float
    year: int
    source_id: str
    label: str
    unit: str

    def text(self, digits: int = 1) -> str:
        """Return the value with its unit, for instance ``48.1% of total exports``."""
        unit = self.unit
        if unit.startswith("% "):
            return f"{self.value:,.{digits}f}%{unit[1:]}"
        return f"{self.value:,.{digits}f} {unit}"


@dataclass(frozen=True)
class Risk:
    """A country's INFORM Risk 2025 figures (0-10, higher is riskier) and ND-GAIN vulnerability."""

    risk: float
    risk_class: str
    rank: int | None
    ranked: int
    hazard_exposure: float
    vulnerability: float
    lack_of_coping_capacity: float
    edition: str
    ndgain_vulnerability: Figure | None

    @property
    def year(self) -> int:
        """The INFORM edition year."""
        return 2025


# INFORM Risk 2025 ranks 191 countries (with ties).
INFORM_RANKED = 191


def _rows(name: str) -> list[dict[str, str]]:
    with data_file(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _float(text: str) -> float | None:
    return float(text) if text.strip() else None


@cache
def economy() -> dict[str, dict[str, Figure]]:
    """Return every country's economy figures: ISO3 -> column -> Figure (blank cells left out)."""
    out: dict[str, dict[str, Figure]] = {}
    for row in _rows("economy_sectors.csv"):
        figures: dict[str, Figure] = {}
        for column, (label, unit, source) in ECONOMY_SERIES.items():
            value = _float(row.get(column, ""))
            year = row.get(f"{column}_year", "")
            if value is not None and year.strip():
                figures[column] = Figure(value, int(year), source, label, unit)
        out[row["iso3"]] = figures
    return out


@cache
def risks() -> dict[str, Risk]:
    """Return every covered country's INFORM Risk 2025 figures, keyed by ISO3."""
    out: dict[str, Risk] = {}
    for row in _rows("risk.csv"):
        risk = _float(row["inform_risk"])
        if risk is None:
            continue
        vuln = _float(row["ndgain_vulnerability"])
        out[row["iso3"]] = Risk(
            risk=risk,
            risk_class=row["inform_risk_class"],
            rank=int(row["inform_rank"]) if row["inform_rank"].strip() else None,
            ranked=INFORM_RANKED,
            hazard_exposure=float(row["inform_hazard_exposure"]),
            vulnerability=float(row["inform_vulnerability"]),
            lack_of_coping_capacity=float(row["inform_lack_coping_capacity"]),
            edition=row["inform_edition"],
            ndgain_vulnerability=(
                Figure(
                    vuln,
                    int(row["ndgain_vulnerability_year"]),
                    "ndgain",
                    "ND-GAIN vulnerability",
                    "(0-1)",
                )
                if vuln is not None and row["ndgain_vulnerability_year"].strip()
                else None
            ),
        )
    return out


def figures_for(iso3: str) -> dict[str, Figure]:
    """Return one country's economy figures (empty when the data has no row for it)."""
    return economy().get(iso3, {})


def risk_for(iso3: str) -> Risk | None:
    """Return one country's INFORM figures, or None when INFORM does not cover it."""
    return risks().get(iso3)
