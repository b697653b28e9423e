"""The vision statement, composed from the country's own evidence.

The statement is built from parts that each come from a fact: the situation (a fragile context,
a strategy to refresh, the overall maturity stage), the priority sectors, the dimensions where
the country leads and trails its peers, the national development plan it serves, and for a
territory the legal order it works within. Countries whose evidence differs get different
visions; a drafter who disagrees replaces it through the profile's ``narrative``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from strategygen.assess.context import CountryContext
from strategygen.assess.model import Benchmark, Maturity
from strategygen.assess.sectors import SectorPlan
from strategygen.inputs.profile import CountryProfile
from strategygen.names import articled

#: Labels used in the vision for the readiness dimensions (lower case, in running text).
_DIMENSION_WORDS: dict[str, str] = {
    "vision": "a clear public direction for AI",
    "governance_ethics": "its legal and ethical framework",
    "digital_capacity": "the digital capacity of government",
    "adaptability": "a public service able to adapt",
    "maturity": "its technology firms",
    "innovation_capacity": "its capacity to innovate",
    "human_capital": "the skills of its people",
    "infrastructure": "its digital infrastructure",
    "data_availability": "the availability of public data",
    "data_representativeness": "data that represents all its people",
}


@dataclass(frozen=True)
class Vision:
    """The vision statement and the evidence each of its parts rests on."""

    statement: str
    basis: tuple[str, ...]
    """One clause per part naming the evidence that shaped it (printed under the vision)."""
    missing: tuple[str, ...] = ()
    """Foundations the evidence shows are not yet in place, in the order to build them:
    ``strategy`` (a strategy recorded as not adopted), ``law`` (a data protection law recorded
    as not in force), ``data`` and ``skills`` (data availability, human capital under the peer
    group's mean). A fact that is not on record adds nothing: unknown is not absent."""


def missing_foundations(
    profile: CountryProfile, ctx: CountryContext, below_peer: Collection[str]
) -> tuple[str, ...]:
    """Return the foundations the recorded evidence shows are missing (see ``Vision.missing``)."""
    out: list[str] = []
    strategy = profile.institutions.ai_strategy
    if strategy is not None and strategy.status is not None and strategy.status != "adopted":
        out.append("strategy")
    dp = profile.law.data_protection
    eu = ctx.territory is not None and ctx.territory.under_eu_law
    if not eu and dp is not None and dp.status is not None and dp.status != "in_force":
        out.append("law")
    if "data_availability" in below_peer:
        out.append("data")
    if "human_capital" in below_peer:
        out.append("skills")
    return tuple(out)


def _join(items: Sequence[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


#: What the vision promises to put in place for each missing foundation (``missing_foundations``).
_FOUNDATION_WORDS: dict[str, str] = {
    "law": "the data protection law",
    "data": "the usable public data",
    "skills": "the skills",
}


def _opening(
    name: str, end: int, ctx: CountryContext, overall: Maturity, missing: Sequence[str] = ()
) -> tuple[str, str]:
    if ctx.fragile:
        return (
            f"By {end}, {name} will use artificial intelligence where it helps keep essential "
            "services running, reach people in need and make aid go further, under rules that "
            "protect people who have little power to refuse",
            "a fragile and humanitarian context (INFORM Risk 2025)",
        )
    if ctx.strategy_mode == "refresh":
        title = ctx.strategy_title or "its national AI strategy"
        lead = f", led by {ctx.lead_short}," if ctx.lead_short else ""
        return (
            f"By {end}, {name} will have turned {title}{lead} from a plan into measured results",
            "an adopted AI strategy to refresh",
        )
    if overall.stage is not None and overall.stage >= 3:
        return (
            f"By {end}, {name} will use artificial intelligence routinely and responsibly "
            "across government",
            f"overall stage {overall.stage} ({overall.stage_name})",
        )
    if ctx.strategy_mode == "complete":
        # Only the foundations the evidence shows are missing: a country whose data protection
        # law is in force is not promised one.
        rest = [_FOUNDATION_WORDS[k] for k in missing if k in _FOUNDATION_WORDS]
        tail = f" and put in place {_join(rest)} it depends on" if rest else ""
        return (
            f"By {end}, {name} will have completed and adopted its first national AI policy{tail}",
            "a strategy in preparation",
        )
    stage = f"overall stage {overall.stage} ({overall.stage_name})" if overall.stage else "no stage"
    return (
        f"By {end}, {name} will have the foundations that trustworthy artificial intelligence "
        "needs: protective law, usable public data, skilled public servants and a clear lead",
        stage,
    )


def compose_vision(
    profile: CountryProfile,
    ctx: CountryContext,
    sectors: SectorPlan,
    strongest: Sequence[Benchmark],
    weakest: Sequence[Benchmark],
    overall: Maturity,
    horizon_end: int,
    build_date: dt.date,
    below_peer: Collection[str] = (),
) -> Vision:
    """Compose the vision statement from the country's evidence (see the module docstring)."""
    name = profile.identity.name
    missing = missing_foundations(profile, ctx, below_peer)
    # A foundation the statement already names among the weakest dimensions is not promised twice.
    said = {"data_availability": "data", "human_capital": "skills"}
    named = {said[b.key] for b in weakest[:2] if b.key in said}
    opening, why = _opening(name, horizon_end, ctx, overall, [k for k in missing if k not in named])
    parts = [opening]
    basis = [f"its situation ({why})"]
    # In a fragile context the non-essential sectors' actions wait (plan.py): the vision
    # promises only what the plan schedules.
    chosen = [s.short for s in sectors.chosen if s.essential or not ctx.fragile][:3]
    if chosen:
        parts.append(f"; it will put AI to work in {_join(chosen)}")
        origin = "the drafter's priority sectors" if sectors.drafter_led else "economy data"
        basis.append(f"the priority sectors from {origin} ({_join(chosen)})")
    strong = [_DIMENSION_WORDS.get(b.key, b.label.lower()) for b in strongest[:1]]
    weak = [_DIMENSION_WORDS.get(b.key, b.label.lower()) for b in weakest[:2]]
    if strong and weak:
        parts.append(f", building on {_join(strong)} and strengthening {_join(weak)}")
    elif weak:
        parts.append(f", strengthening {_join(weak)}")
    elif strong:
        parts.append(f", building on {_join(strong)}")
    if strong or weak:
        basis.append("the readiness dimensions furthest above and below the regional mean")
    plan = profile.institutions.national_development_plan
    # An expired plan is history, not a goal to serve: the vision then points at its successor.
    if plan is not None and plan.title and not plan.expired(build_date):
        parts.append(f", in service of {plan.title}")
        basis.append(f"its development plan ({plan.title})")
    elif plan is not None and plan.title:
        parts.append(f", in service of the development plan that succeeds {plan.title}")
        basis.append(f"the successor to its expired development plan ({plan.title})")
    if ctx.territory is not None and not ctx.territory.legislates:
        parts.append(
            f", within the legal order of {ctx.territory.administering_state}"
            + (" and the European Union" if ctx.territory.under_eu_law else "")
        )
        basis.append("the legal order it is governed by")
    statement = articled("".join(parts).replace(" ,", ",") + ".", name)
    return Vision(statement, tuple(basis), missing)
