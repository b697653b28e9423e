"""Values about the country's situation that rule conditions may read (``country.<name>``).

They come from the country context (region, territory status, fragility, the state of the AI
strategy) and from the bundled economy and risk data. A value the data does not have is None,
so a condition on it is false (only ``missing`` holds), as for any missing profile fact.
"""

from __future__ import annotations

from typing import Any

from strategygen.assess.context import CountryContext
from strategygen.assess.economy import figures_for
from strategygen.assess.sectors import SectorPlan
from strategygen.i18n.catalog import gettext

#: Name -> (description, type) of every ``country.<name>`` value. The type is ``bool``,
#: ``float`` or a tuple of the allowed strings.
COUNTRY_VALUES: dict[str, tuple[str, Any]] = {
    "region": (
        "caribbean (a CDCC member or associate, or in the UN Caribbean sub-region) or other",
        ("caribbean", "other"),
    ),
    "fragile": ("INFORM Risk 2025 class High or Very High", bool),
    "sovereign": ("a sovereign state rather than a territory", bool),
    "legislates": ("passes its own laws on data, cybercrime and AI", bool),
    "eu_law": ("an outermost region of the European Union, where EU law applies", bool),
    "sids": ("a small island developing state", bool),
    "strategy_mode": (
        "first, complete (a strategy under way), refresh (adopted) or unknown",
        ("first", "complete", "refresh", "unknown"),
    ),
    "inform_risk": ("INFORM Risk 2025 score, 0-10", float),
    "inform_hazard": ("INFORM hazard and exposure, 0-10", float),
    "inform_coping_gap": ("INFORM lack of coping capacity, 0-10", float),
    "sectors_chosen": ("number of priority sectors in the draft", float),
    "regional_bodies": ("the regional bodies the country belongs to, as text", str),
    "priority_sectors": ("the draft's priority sectors, strongest first, as text", str),
    "tourism_pct_exports": ("international tourism receipts, % of exports", float),
    "remittances_pct_gdp": ("personal remittances received, % of GDP", float),
    "agriculture_pct_gdp": ("agriculture value added, % of GDP", float),
    "agriculture_pct_jobs": ("employment in agriculture, % of employment", float),
    "industry_pct_gdp": ("industry value added, % of GDP", float),
    "services_pct_gdp": ("services value added, % of GDP", float),
    "ict_exports_pct": ("ICT service exports, % of service exports", float),
    "electricity_access_pct": ("access to electricity, % of population", float),
    "renewables_pct": ("renewable energy, % of final energy consumption", float),
}

_SERIES: dict[str, str] = {
    "tourism_pct_exports": "tourism_receipts_pct_exports",
    "remittances_pct_gdp": "remittances_pct_gdp_calc",
    "agriculture_pct_gdp": "agri_va_pct_gdp",
    "agriculture_pct_jobs": "empl_agri_pct_total_ilo",
    "industry_pct_gdp": "industry_va_pct_gdp",
    "services_pct_gdp": "services_va_pct_gdp",
    "ict_exports_pct": "ict_service_exports_pct_service_exports",
    "electricity_access_pct": "electricity_access_pct_pop",
    "renewables_pct": "renewable_energy_pct_final_consumption",
}


def _listed(names: list[str]) -> str | None:
    """Join names as the document's language lists them ("A, B and C"; "A, B y C")."""
    if not names:
        return None
    if len(names) == 1:
        return names[0]
    return gettext("%(items)s and %(last)s") % {"items": ", ".join(names[:-1]), "last": names[-1]}


def _bodies(ctx: CountryContext) -> str | None:
    names = [m.acronym for m in ctx.memberships]
    if ctx.caribbean:
        names.insert(0, gettext("the CDCC"))
    return _listed(names)


def _sectors(ctx: CountryContext, plan: SectorPlan) -> str | None:
    # In a crisis the plan defers the non-essential sectors' actions: rule texts name only the rest.
    return _listed([s.short for s in plan.chosen if s.essential or not ctx.fragile])


def country_values(iso3: str, ctx: CountryContext, sectors: SectorPlan) -> dict[str, Any]:
    """Compute every ``country.<name>`` value for one country (None where data is missing)."""
    figures = figures_for(iso3)
    risk = ctx.risk
    out: dict[str, Any] = {
        "region": "caribbean" if ctx.caribbean else "other",
        "fragile": ctx.fragile,
        "sovereign": ctx.sovereign,
        "legislates": ctx.legislates,
        "eu_law": ctx.territory is not None and ctx.territory.under_eu_law,
        "sids": ctx.sids,
        "strategy_mode": ctx.strategy_mode,
        "inform_risk": risk.risk if risk else None,
        "inform_hazard": risk.hazard_exposure if risk else None,
        "inform_coping_gap": risk.lack_of_coping_capacity if risk else None,
        "sectors_chosen": float(len(sectors.chosen)),
        "regional_bodies": _bodies(ctx),
        "priority_sectors": _sectors(ctx, sectors),
    }
    for name, column in _SERIES.items():
        fig = figures.get(column)
        out[name] = fig.value if fig else None
    return out
