"""Country indicators beyond the readiness index, each figure with its year and dataset.

E-government, connectivity, governance, cybersecurity, GovTech maturity, economic structure
and risk, and Caribbean legal facts. Every loader reads its table once per process and
returns typed rows keyed by ISO alpha-3 code. A figure comes with its year and the catalogue
id of its dataset (``Measure``); a blank cell in the source is ``None`` here and must stay a
visible gap in a document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from strategygen.assess.datasets.files import Measure, Row, flag, measure, num, table, whole

EGDI_EDITIONS: tuple[int, ...] = (2022, 2024)
GTMI_WAVES: tuple[int, ...] = (2022, 2025)


@dataclass(frozen=True)
class Egdi:
    """UN E-Government Survey values for one country in one edition (indices on 0-1)."""

    edition: int
    dataset: str
    rank: int | None
    egdi: float | None
    osi: float | None
    """Online Service Index."""
    tii: float | None
    """Telecommunication Infrastructure Index."""
    hci: float | None
    """Human Capital Index."""
    epi: float | None
    """E-Participation Index."""
    group: str
    """EGDI group (Very High, High, Middle, Low), derived from the EGDI value."""


@cache
def egdi(year: int) -> Mapping[str, Egdi]:
    """Return the E-Government Survey of ``year`` (2022 or 2024), keyed by ISO code."""
    if year not in EGDI_EDITIONS:
        raise KeyError(f"no bundled E-Government Survey {year}; bundled: {EGDI_EDITIONS}")
    s = str(year)
    return {
        row["iso3"]: Egdi(
            edition=year,
            dataset=f"egdi{year}",
            rank=whole(row, f"egdi_rank_{s}"),
            egdi=num(row, f"egdi_{s}"),
            osi=num(row, f"osi_{s}"),
            tii=num(row, f"tii_{s}"),
            hci=num(row, f"hci_{s}"),
            epi=num(row, f"epi_{s}"),
            group=row[f"egdi_group_{s}_derived"],
        )
        for row in table(f"egdi_{year}.csv")
    }


@dataclass(frozen=True)
class Wdi:
    """World Development Indicators for one economy: latest year per value."""

    country: str
    un_member: bool
    region: str
    """World Bank region."""
    income_group: str
    """World Bank income group (``High income``, ``Upper middle income``...); may be blank."""
    population: Measure | None
    gdp_per_capita_usd: Measure | None
    internet_users_pct: Measure | None
    gov_edu_expenditure_pct_gdp: Measure | None
    rd_expenditure_pct_gdp: Measure | None


@cache
def wdi() -> Mapping[str, Wdi]:
    """Return the WDI extract for 216 economies, keyed by ISO code."""

    def m(row: Row, column: str) -> Measure | None:
        return measure(row, column, "wdi")

    return {
        row["iso3"]: Wdi(
            country=row["country"],
            un_member=flag(row, "un_member"),
            region=row["wb_region"],
            income_group=row["wb_income_group"],
            population=m(row, "population"),
            gdp_per_capita_usd=m(row, "gdp_per_capita_usd"),
            internet_users_pct=m(row, "internet_users_pct"),
            gov_edu_expenditure_pct_gdp=m(row, "gov_edu_expenditure_pct_gdp"),
            rd_expenditure_pct_gdp=m(row, "rd_expenditure_pct_gdp"),
        )
        for row in table("wdi_latest.csv")
    }


@dataclass(frozen=True)
class Wgi:
    """Worldwide Governance Indicators for one economy (estimate and percentile rank)."""

    year: int
    government_effectiveness: float | None
    government_effectiveness_pctrank: float | None
    regulatory_quality: float | None
    regulatory_quality_pctrank: float | None
    dataset: str = "wgi2023"


@cache
def wgi() -> Mapping[str, Wgi]:
    """Return the WGI extract (data year 2023), keyed by ISO code."""
    out: dict[str, Wgi] = {}
    for row in table("wgi_latest.csv"):
        year = whole(row, "year")
        if year is None:
            continue
        out[row["iso3"]] = Wgi(
            year=year,
            government_effectiveness=num(row, "gov_effectiveness_est"),
            government_effectiveness_pctrank=num(row, "gov_effectiveness_pctrank"),
            regulatory_quality=num(row, "regulatory_quality_est"),
            regulatory_quality_pctrank=num(row, "regulatory_quality_pctrank"),
        )
    return out


GCI_PILLARS: dict[str, str] = {
    "legal": "Legal measures",
    "technical": "Technical measures",
    "organizational": "Organisational measures",
    "capacity_development": "Capacity development",
    "cooperation": "Cooperation",
}


@dataclass(frozen=True)
class Gci:
    """ITU Global Cybersecurity Index for one country: score 0-100, five pillars of 0-20."""

    year: int
    score: float
    tier: int | None
    """Tier 1 (role-modelling) to 5 (building), derived from the score."""
    tier_label: str
    near_threshold: bool
    """True when the score is within a point of a tier threshold, so ITU's own tier may differ."""
    pillars: Mapping[str, float | None]
    dataset: str = "gci2024"


@cache
def gci() -> Mapping[str, Gci]:
    """Return the Global Cybersecurity Index 2024, keyed by ISO code."""
    out: dict[str, Gci] = {}
    for row in table("gci_2024.csv"):
        year, score = whole(row, "year"), num(row, "gci_score")
        if year is None or score is None:
            continue
        out[row["iso3"]] = Gci(
            year=year,
            score=score,
            tier=whole(row, "gci_tier_derived"),
            tier_label=row["gci_tier_label"],
            near_threshold=flag(row, "near_threshold_flag"),
            pillars={p: num(row, p) for p in GCI_PILLARS},
        )
    return out


GTMI_GROUPS: dict[str, str] = {"A": "very high", "B": "high", "C": "medium", "D": "low"}


@dataclass(frozen=True)
class GtmiWave:
    """One wave of the World Bank GovTech Maturity Index (0-1 scores, group A-D)."""

    year: int
    group: str
    gtmi: float | None
    cgsi: float | None
    """Core Government Systems Index."""
    psdi: float | None
    """Public Service Delivery Index."""
    dcei: float | None
    """Digital Citizen Engagement Index."""
    gtei: float | None
    """GovTech Enablers Index."""
    dataset: str = "gtmi"


@cache
def gtmi() -> Mapping[str, Mapping[int, GtmiWave]]:
    """Return the GovTech Maturity Index waves per country (a wave is absent where blank)."""
    out: dict[str, dict[int, GtmiWave]] = {}
    for row in table("gtmi_2022.csv"):
        waves: dict[int, GtmiWave] = {}
        for year in GTMI_WAVES:
            s = str(year)
            group = row[f"gtmi_group_{s}"].strip()
            if not group and num(row, f"gtmi_{s}") is None:
                continue
            waves[year] = GtmiWave(
                year=year,
                group=group,
                gtmi=num(row, f"gtmi_{s}"),
                cgsi=num(row, f"cgsi_{s}"),
                psdi=num(row, f"psdi_{s}"),
                dcei=num(row, f"dcei_{s}"),
                gtei=num(row, f"gtei_{s}"),
            )
        out[row["iso3"]] = waves
    return out


ECONOMY_MEASURES: dict[str, str] = {
    "agri_va_pct_gdp": "Agriculture, forestry and fishing, value added (% of GDP)",
    "industry_va_pct_gdp": "Industry including construction, value added (% of GDP)",
    "services_va_pct_gdp": "Services, value added (% of GDP)",
    "tourism_receipts_pct_exports": "International tourism receipts (% of total exports)",
    "ict_service_exports_pct_service_exports": "ICT service exports (% of service exports)",
    "remittances_pct_gdp_calc": "Personal remittances received (% of GDP, computed)",
    "empl_agri_pct_total_ilo": "Employment in agriculture (% of total, ILO modelled)",
    "empl_industry_pct_total_ilo": "Employment in industry (% of total, ILO modelled)",
    "empl_services_pct_total_ilo": "Employment in services (% of total, ILO modelled)",
    "gov_consumption_pct_gdp": "General government final consumption (% of GDP)",
    "electricity_access_pct_pop": "Access to electricity (% of population)",
    "renewable_energy_pct_final_consumption": "Renewable energy (% of final energy consumption)",
}


@cache
def economy() -> Mapping[str, Mapping[str, Measure]]:
    """Return each economy's structure figures (only those the source has), keyed by ISO code."""
    out: dict[str, dict[str, Measure]] = {}
    for row in table("economy_sectors.csv"):
        # Two publishers share the file: the ILO's employment series and the World Bank's.
        values = {
            c: measure(row, c, "ilo-employment" if c.endswith("_ilo") else "wdi-economy")
            for c in ECONOMY_MEASURES
        }
        out[row["iso3"]] = {c: v for c, v in values.items() if v is not None}
    return out


@dataclass(frozen=True)
class Risk:
    """Disaster and climate risk indices for one country (each may be absent)."""

    inform_risk: float | None
    """INFORM Risk 2025, 0-10, higher means more risk."""
    inform_class: str
    inform_rank: int | None
    inform_edition: str
    ndgain_index: Measure | None
    """ND-GAIN country index, 0-100, higher means better adapted."""
    wri_score: Measure | None
    """WorldRiskIndex 2024 score, higher means more risk."""
    dataset: str = "inform2025"


@cache
def risk() -> Mapping[str, Risk]:
    """Return the risk indices, keyed by ISO code."""
    return {
        row["iso3"]: Risk(
            inform_risk=num(row, "inform_risk"),
            inform_class=row["inform_risk_class"],
            inform_rank=whole(row, "inform_rank"),
            inform_edition=row["inform_edition"],
            ndgain_index=measure(row, "ndgain_index", "ndgain"),
            wri_score=measure(row, "wri_score", "worldriskindex2024", whole(row, "wri_year")),
        )
        for row in table("risk.csv")
    }


@dataclass(frozen=True)
class CaribbeanFact:
    """One legal or institutional fact about a CDCC member, with its own source."""

    iso3: str
    fact: str
    title: str
    year: int | None
    status: str
    """Blank when the status was not verified: never read a blank as ``none``."""
    value: str
    unit: str
    source_title: str
    source_url: str
    source_date: str
    confidence: str
    """V (primary or official), S (secondary) or U (sources conflict: do not use)."""
    note: str

    @property
    def usable(self) -> bool:
        """Whether the row may be used: confidence V or S, never U or blank."""
        return self.confidence in ("V", "S")


@cache
def caribbean_facts() -> Mapping[str, tuple[CaribbeanFact, ...]]:
    """Return the legal and institutional facts per CDCC member, keyed by ISO code."""
    out: dict[str, list[CaribbeanFact]] = {}
    for row in table("caribbean_facts.csv"):
        out.setdefault(row["iso3"], []).append(
            CaribbeanFact(
                iso3=row["iso3"],
                fact=row["fact"],
                title=row["title"],
                year=whole(row, "year"),
                status=row["status"],
                value=row["value"],
                unit=row["unit"],
                source_title=row["source_title"],
                source_url=row["source_url"],
                source_date=row["source_date"],
                confidence=row["confidence"],
                note=row["note"],
            )
        )
    return {code: tuple(rows) for code, rows in out.items()}
