"""Economy-structure and risk figures per country, read from the bundled WDI/ILO and INFORM data.

Every value is a ``Figure``: the number, the year it refers to and the id of its source, so that
whatever the draft prints carries both. A blank cell in the data is ``None``, never zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from strategygen.i18n.catalog import N_, gettext, pgettext
from strategygen.i18n.formats import decimal, percent

# The figures cite the bundled datasets' catalogue entries (``strategygen data``), one per
# publisher: ``wdi-economy`` for the World Bank series, ``ilo-employment`` for the ILO's,
# ``ndgain`` for ND-GAIN, ``inform2025`` for INFORM.
ECONOMY, EMPLOYMENT, NDGAIN, INFORM = "wdi-economy", "ilo-employment", "ndgain", "inform2025"

#: Column -> (label, unit, source id) for the economy file.
ECONOMY_SERIES: dict[str, tuple[str, str, str]] = {
    "agri_va_pct_gdp": (N_("agriculture, forestry and fishing value added"), "% of GDP", ECONOMY),
    "industry_va_pct_gdp": (N_("industry value added"), "% of GDP", ECONOMY),
    "services_va_pct_gdp": (N_("services value added"), "% of GDP", ECONOMY),
    "tourism_receipts_pct_exports": (
        N_("international tourism receipts"),
        "% of total exports",
        ECONOMY,
    ),
    "ict_service_exports_pct_service_exports": (
        N_("ICT service exports"),
        "% of service exports",
        ECONOMY,
    ),
    "remittances_pct_gdp_calc": (N_("personal remittances received"), "% of GDP", ECONOMY),
    "empl_agri_pct_total_ilo": (N_("employment in agriculture"), "% of employment", EMPLOYMENT),
    "empl_industry_pct_total_ilo": (N_("employment in industry"), "% of employment", EMPLOYMENT),
    "empl_services_pct_total_ilo": (N_("employment in services"), "% of employment", EMPLOYMENT),
    "gov_consumption_pct_gdp": (N_("general government final consumption"), "% of GDP", ECONOMY),
    "electricity_access_pct_pop": (N_("access to electricity"), "% of population", ECONOMY),
    "renewable_energy_pct_final_consumption": (
        N_("renewable energy"),
        "% of final energy consumption",
        ECONOMY,
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

    @property
    def name(self) -> str:
        """The label in the document's language (``international tourism receipts``)."""
        return gettext(self.label)

    @property
    def heading(self) -> str:
        """The label with its first letter capitalised (the rest unchanged: ``ICT``)."""
        name = self.name
        return name[:1].upper() + name[1:]

    def text(self, digits: int = 1) -> str:
        """Return the value with its unit in the document's language: ``48.1% of total exports``.

        A share is written with the locale's percent sign and spacing (``48,1 %`` in French),
        the unit after it translated as one phrase ("%(share)s of total exports").
        """
        unit = self.unit
        if unit.startswith("% "):
            phrase = gettext(SHARE_UNITS.get(unit, "%(share)s" + unit[1:]))
            return phrase % {"share": percent(self.value / 100, digits)}
        return f"{decimal(self.value, digits)} {gettext(unit)}"


#: How a share reads with its unit, one message per unit so each language can place it.
SHARE_UNITS: dict[str, str] = {
    "% of GDP": N_("%(share)s of GDP"),
    "% of total exports": N_("%(share)s of total exports"),
    "% of service exports": N_("%(share)s of service exports"),
    "% of employment": N_("%(share)s of employment"),
    "% of population": N_("%(share)s of population"),
    "% of final energy consumption": N_("%(share)s of final energy consumption"),
}


@dataclass(frozen=True)
class Risk:
    """A country's INFORM Risk 2025 figures (0-10, higher is riskier) and ND-GAIN vulnerability."""

    risk: float
    inform_class: str
    """INFORM's class as published ("Very High"); :attr:`risk_class` is its wording."""
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

    @property
    def risk_class(self) -> str:
        """INFORM's class in the document's language ("Very High", "muy alto")."""
        # A context of their own: "High" as a risk class agrees with "riesgo", not with
        # "confianza" or "prioridad".
        labels = {
            "Very Low": pgettext("INFORM class", "Very Low"),
            "Low": pgettext("INFORM class", "Low"),
            "Medium": pgettext("INFORM class", "Medium"),
            "High": pgettext("INFORM class", "High"),
            "Very High": pgettext("INFORM class", "Very High"),
        }
        return labels.get(self.inform_class, self.inform_class)


# INFORM Risk 2025 ranks 191 countries (with ties).
INFORM_RANKED = 191


@cache
def economy() -> dict[str, dict[str, Figure]]:
    """Return every country's economy figures: ISO3 -> column -> Figure (blank cells left out)."""
    from strategygen.assess.datasets.indicators import economy as measures

    out: dict[str, dict[str, Figure]] = {}
    for iso3, row in measures().items():
        out[iso3] = {
            column: Figure(m.value, m.year, m.dataset, *ECONOMY_SERIES[column][:2])
            for column, m in row.items()
            if column in ECONOMY_SERIES
        }
    return out


def _float(text: str) -> float | None:
    return float(text) if text.strip() else None


@cache
def risks() -> dict[str, Risk]:
    """Return every covered country's INFORM Risk 2025 figures, keyed by ISO3."""
    from strategygen.assess.datasets.files import table

    out: dict[str, Risk] = {}
    for row in table("risk.csv"):
        risk = _float(row["inform_risk"])
        if risk is None:
            continue
        vuln = _float(row["ndgain_vulnerability"])
        out[row["iso3"]] = Risk(
            risk=risk,
            inform_class=row["inform_risk_class"],
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
                    NDGAIN,
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
