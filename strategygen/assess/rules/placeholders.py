"""Placeholders in finding, recommendation and owner texts: a fixed whitelist, plain substitution.

A rule text may contain ``{name}`` for any name in ``PLACEHOLDERS``; each is filled with a
ready-formatted string for the country (no format specifications, no expressions). An unknown
value becomes a generic phrase or a visible ``[DATA GAP]``, never an invented figure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from strategygen.assess.benchmarks import BENCHMARK_KEYS
from strategygen.assess.datasets.catalogue import as_source
from strategygen.assess.economy import figures_for
from strategygen.assess.maturity import AREA_KEYS
from strategygen.assess.rules.paths import USE_CASE_COUNTS, ConditionContext
from strategygen.assess.schedule import horizon_spans
from strategygen.i18n import current
from strategygen.i18n.catalog import N_, gettext
from strategygen.i18n.formats import decimal, integer, percent
from strategygen.i18n.language_names import languages_after_in
from strategygen.inputs.institutions import Plan
from strategygen.inputs.law import LawStatus
from strategygen.names import capitalise_sentence_starts, in_text
from strategygen.words import words

PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")
OWNER_TO_ASSIGN = "[OWNER TO ASSIGN]"


# Text used in findings and recommendations when the fact behind a placeholder is missing,
# translated where it is printed (a translated rule text reads on in its own language).
_FALLBACKS: dict[str, str] = {
    "regional_bodies": N_("the regional bodies it belongs to"),
    "priority_sectors": N_("to be chosen in consultation"),
    "languages": N_("the languages people use"),
    "digital_lead_agency": N_("the lead agency for digital government"),
    "ai_lead_agency": N_("the body designated to lead AI policy"),
    "ethics_body": N_("the national AI ethics body"),
    "dp_law": N_("the data protection law"),
    "dp_authority": N_("the data protection authority"),
    "cybercrime_law": N_("the cybercrime law"),
    "ai_strategy_title": N_("the national AI strategy"),
    "digital_strategy": N_("the national digital strategy"),
    "development_plan": N_("the national development plan"),
    "country_official": "",
    "dp_authority_aside": "",
    "dp_authority_named": "",
}
_SIMPLE_PLACEHOLDERS: tuple[str, ...] = (
    "country",
    "regional_bodies",
    "priority_sectors",
    "languages",
    "country_official",
    "digital_lead_agency",
    "ai_lead_agency",
    "ethics_body",
    "dp_law",
    "dp_status",
    "dp_authority",
    "dp_authority_aside",
    "dp_authority_named",
    "cybercrime_law",
    "cybercrime_status",
    "ram_status",
    "ai_strategy_title",
    "ai_strategy_status",
    "ai_strategy_year",
    "digital_strategy",
    "development_plan",
    "guidelines_status",
    "headcount",
    "headcount_year",
    "population",
    "ai_trained",
    "ai_trained_share",
    "digital_specialists",
    "use_cases_total",
    "use_cases_in_pilot",
    "use_cases_in_production",
    "production_without_baseline",
    "high_risk_use_cases",
    "horizon_start",
    "horizon_end",
    "mid_year",
    "short_end",
    "edition",
    "overall_stage",
    "overall_stage_name",
    "peer_group",
    "peer_group_for",
    "ict_exports_share",
    "ict_exports_year",
    "ict_exports_source",
)
_BENCHMARK_PLACEHOLDERS: tuple[str, ...] = (
    "score",
    "peer_mean",
    "peer_rank",
    "cdcc_mean",
    "lac_mean",
    "world_mean",
    "gap",
    "leader",
    "leader_score",
    "world_rank",
    "world_ranked",
    "cdcc_rank",
)
PLACEHOLDERS: frozenset[str] = frozenset(
    (
        *_SIMPLE_PLACEHOLDERS,
        *(f"{k}_{a}" for k in BENCHMARK_KEYS for a in _BENCHMARK_PLACEHOLDERS),
        *(f"{a}_stage" for a in AREA_KEYS),
        *(f"{a}_stage_name" for a in AREA_KEYS),
    )
)
MISSING_VALUE = "[DATA GAP]"


def _num(value: float | int) -> str:
    """Format a count in the country's number format ("2,839,175"; "2.839.175")."""
    if isinstance(value, int) or float(value).is_integer():
        return integer(value)
    return decimal(value, 2)


def _edition(context: ConditionContext) -> str | None:
    """Return the edition the benchmarks were read from (else the profile's)."""
    total = context.benchmarks.get("total")
    if total is not None and total.score is not None:
        return str(total.edition)
    edition = context.profile.readiness.edition
    return str(edition) if edition else None


def _two(value: float | None) -> str | None:
    return decimal(value, 2) if value is not None else None


def _words(fact: Any, kind: str) -> str | None:
    """Return a recorded fact's status in words ("partially in force"), or None."""
    return words(fact.status, kind) if fact is not None else None


def _agency(agency: Any) -> str | None:
    if agency is None:
        return None
    name = str(agency.name)
    return f"{name} ({agency.acronym})" if getattr(agency, "acronym", None) else name


def _law_status(law: LawStatus | None) -> str | None:
    """Return a law's status in words; None (a gap) when the law or its status is unrecorded."""
    if law is None or law.status is None:
        return None
    return words(law.status, "law_status")


def _plan(plan: Plan | None, expired: bool | None) -> str | None:
    """Return a plan's name for running text, never presenting an expired plan as current.

    None (so the generic fallback phrase is used) when no plan with a title is recorded.
    """
    if plan is None or plan.title is None or plan.status == "none":
        return None
    if expired:
        return gettext("the successor to %(title)s, whose horizon ended in %(end)s") % {
            "title": plan.title,
            "end": plan.end,
        }
    return plan.title


def placeholder_values(
    context: ConditionContext, horizon_start: int, horizon_end: int
) -> dict[str, str | None]:
    """Return every whitelisted placeholder's text for one country (None where unknown)."""
    p = context.profile
    inst, law, cs = p.institutions, p.law, p.civil_service
    d = context.derived
    dp_authority = law.data_protection.authority if law.data_protection else None
    values: dict[str, str | None] = {
        "country": in_text(p.identity.name, current().code),
        "country_official": p.identity.official_name,
        "languages": (
            # Rule texts put the list after "in" ("en français et en créole haïtien").
            languages_after_in(p.identity.languages, current().code)
            if p.identity.languages
            else None
        ),
        "digital_lead_agency": _agency(inst.digital_lead_agency),
        "ai_lead_agency": _agency(inst.ai_lead_agency),
        "ethics_body": inst.ai_ethics_body.name if inst.ai_ethics_body else None,
        "dp_law": law.data_protection.title if law.data_protection else None,
        "dp_status": _law_status(law.data_protection),
        "dp_authority": dp_authority,
        # A recorded authority as an aside to a generic noun: " (name)" and ": name"; nothing
        # when none is recorded, so that a sentence never names "the data protection
        # authority" twice ("the supervisor: the data protection authority").
        "dp_authority_aside": f" ({dp_authority})" if dp_authority else "",
        "dp_authority_named": f": {dp_authority}" if dp_authority else "",
        "cybercrime_law": law.cybercrime.title if law.cybercrime else None,
        "cybercrime_status": _law_status(law.cybercrime),
        "ram_status": _words(inst.unesco_ram, "ram_status"),
        "ai_strategy_title": inst.ai_strategy.title if inst.ai_strategy else None,
        "ai_strategy_status": _words(inst.ai_strategy, "ai_strategy_status"),
        "ai_strategy_year": (
            str(inst.ai_strategy.year) if inst.ai_strategy and inst.ai_strategy.year else None
        ),
        "digital_strategy": _plan(inst.digital_strategy, d.get("digital_strategy_expired")),
        "development_plan": _plan(
            inst.national_development_plan, d.get("development_plan_expired")
        ),
        "guidelines_status": _words(p.public_sector_ai.guidelines, "guidelines_status"),
        "headcount": _num(cs.headcount.value) if cs.headcount else None,
        "headcount_year": str(cs.headcount.year) if cs.headcount else None,
        "population": _num(p.context.population.value) if p.context.population else None,
        "ai_trained": _num(cs.ai_trained.value) if cs.ai_trained else None,
        "ai_trained_share": (
            percent(d["ai_trained_share"] / 100, 1) if d["ai_trained_share"] is not None else None
        ),
        "digital_specialists": (
            _num(cs.digital_specialists.value) if cs.digital_specialists else None
        ),
        "horizon_start": str(horizon_start),
        "horizon_end": str(horizon_end),
        "mid_year": str(min(horizon_start + 2, horizon_end)),
        # The last year of the short term, as the roadmap's schedule draws it.
        "short_end": str(horizon_spans(horizon_start, horizon_end)["short"][1]),
        "edition": _edition(context),
        "regional_bodies": context.country.get("regional_bodies") or None,
        "priority_sectors": context.country.get("priority_sectors") or None,
    }
    for name in USE_CASE_COUNTS:
        values[name] = _num(d[name]) if d[name] is not None else None
    # A figure in a finding carries its year and publisher (the catalogue's wdi-economy).
    ict = figures_for(p.identity.iso3).get("ict_service_exports_pct_service_exports")
    # One precision and one citation, as the sector chapter prints the same figure.
    values["ict_exports_share"] = percent(ict.value / 100, 1) if ict else None
    values["ict_exports_year"] = str(ict.year) if ict else None
    cited = as_source(ict.source_id) if ict else None
    values["ict_exports_source"] = f"{cited.publisher} {cited.year}" if cited else None
    values["peer_group"] = context.peer_group
    values["peer_group_for"] = context.peer_group_for
    for key, b in context.benchmarks.items():
        values[f"{key}_score"] = _two(b.score)
        values[f"{key}_peer_mean"] = _two(b.peer_mean)
        values[f"{key}_peer_rank"] = str(b.peer_rank) if b.peer_rank else None
        # The CDCC and LAC means exist only for countries of that region; elsewhere a rule
        # text that names them prints a visible gap rather than a foreign comparison.
        values[f"{key}_cdcc_mean"] = _two(b.cdcc_mean)
        values[f"{key}_lac_mean"] = _two(b.lac_mean)
        values[f"{key}_world_mean"] = _two(b.world_mean)
        gap = b.gap_to_peer_mean
        values[f"{key}_gap"] = decimal(abs(gap), 2) if gap is not None else None
        values[f"{key}_leader"] = b.peer_leader
        values[f"{key}_leader_score"] = _two(b.peer_leader_score)
        values[f"{key}_world_rank"] = str(b.world_rank) if b.world_rank else None
        values[f"{key}_world_ranked"] = str(b.world_ranked)
        values[f"{key}_cdcc_rank"] = str(b.cdcc_rank) if b.cdcc_rank else None
    for key, m in context.maturity.items():
        values[f"{key}_stage"] = str(m.stage) if m.stage is not None else None
        values[f"{key}_stage_name"] = m.stage_name
    return values


def fill(text: str, values: Mapping[str, str | None]) -> str:
    """Replace each ``{name}`` with its value, a generic phrase, or ``[DATA GAP]`` if unknown."""

    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        value = values.get(name)
        if value is None or value == "":
            fallback = _FALLBACKS.get(name)
            if fallback is None:
                return MISSING_VALUE
            return gettext(fallback) if fallback else ""
        return value

    filled = PLACEHOLDER.sub(sub, text)
    country = values.get("country")
    if country and country[:1].islower():
        # "{country} has ..." opens a sentence: "The Dominican Republic has ...".
        filled = capitalise_sentence_starts(filled, country)
    return filled


def fill_owner(text: str | None, values: Mapping[str, str | None]) -> str | None:
    """Fill an owner; None (shown as ``[OWNER TO ASSIGN]``) if any placeholder is unknown."""
    if text is None:
        return None
    if any(not values.get(name) for name in PLACEHOLDER.findall(text)):
        return None
    return fill(text, values)
