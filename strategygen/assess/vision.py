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
from strategygen.i18n import current
from strategygen.i18n.catalog import N_, gettext, ngettext
from strategygen.inputs.profile import CountryProfile
from strategygen.names import articled

#: Labels used in the vision for the readiness dimensions (lower case, in running text).
_DIMENSION_WORDS: dict[str, str] = {
    "vision": N_("a clear public direction for AI"),
    "governance_ethics": N_("its legal and ethical framework"),
    "digital_capacity": N_("the digital capacity of government"),
    "adaptability": N_("a public service able to adapt"),
    "maturity": N_("its technology firms"),
    "innovation_capacity": N_("its capacity to innovate"),
    "human_capital": N_("the skills of its people"),
    "infrastructure": N_("its digital infrastructure"),
    "data_availability": N_("the availability of public data"),
    "data_representativeness": N_("data that represents all its people"),
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
    return gettext("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


#: What the vision promises to put in place for each missing foundation (``missing_foundations``).
_FOUNDATION_WORDS: dict[str, str] = {
    "law": N_("the data protection law"),
    "data": N_("the usable public data"),
    "skills": N_("the skills"),
}


def _stage(overall: Maturity) -> str:
    return gettext("overall stage %(stage)s (%(name)s)") % {
        "stage": overall.stage,
        "name": overall.stage_name,
    }


def _opening(
    name: str, end: int, ctx: CountryContext, overall: Maturity, missing: Sequence[str] = ()
) -> tuple[str, str]:
    # Each opening is a whole sentence per language; the parts after it are clauses that
    # read after any of them.
    values: dict[str, object] = {"end": end, "name": name}
    if ctx.fragile:
        return (
            gettext(
                "By %(end)s, %(name)s will use artificial intelligence where it helps keep "
                "essential services running, reach people in need and make aid go further, under "
                "rules that protect people who have little power to refuse"
            )
            % values,
            gettext("a fragile and humanitarian context (INFORM Risk 2025)"),
        )
    if ctx.strategy_mode == "refresh":
        values["title"] = ctx.strategy_title or gettext("its national AI strategy")
        if ctx.lead_short:
            values["lead"] = ctx.lead_short
            text = gettext(
                "By %(end)s, %(name)s will have turned %(title)s, led by %(lead)s, from a plan "
                "into measured results"
            )
        else:
            text = gettext(
                "By %(end)s, %(name)s will have turned %(title)s from a plan into measured results"
            )
        return text % values, gettext("an adopted AI strategy to refresh")
    if overall.stage is not None and overall.stage >= 3:
        return (
            gettext(
                "By %(end)s, %(name)s will use artificial intelligence routinely and responsibly "
                "across government"
            )
            % values,
            _stage(overall),
        )
    if ctx.strategy_mode == "complete":
        # Only the foundations the evidence shows are missing: a country whose data protection
        # law is in force is not promised one.
        rest = [gettext(_FOUNDATION_WORDS[k]) for k in missing if k in _FOUNDATION_WORDS]
        if rest:
            values["foundations"] = _join(rest)
            text = gettext(
                "By %(end)s, %(name)s will have completed and adopted its first national AI "
                "policy and put in place %(foundations)s it depends on"
            )
        else:
            text = gettext(
                "By %(end)s, %(name)s will have completed and adopted its first national AI policy"
            )
        return text % values, gettext("a strategy in preparation")
    return (
        gettext(
            "By %(end)s, %(name)s will have the foundations that trustworthy artificial "
            "intelligence needs: protective law, usable public data, skilled public servants and "
            "a clear lead"
        )
        % values,
        _stage(overall) if overall.stage else gettext("no stage"),
    )


def _dimension_words(b: Benchmark) -> str:
    """Return a readiness dimension as the vision names it in running text."""
    words = _DIMENSION_WORDS.get(b.key)
    return gettext(words) if words is not None else b.label.lower()


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
    basis = [gettext("its situation (%(why)s)") % {"why": why}]
    # In a fragile context the non-essential sectors' actions wait (plan.py): the vision
    # promises only what the plan schedules.
    chosen = [s.short for s in sectors.chosen if s.essential or not ctx.fragile][:3]
    if chosen:
        listed = {"sectors": _join(chosen)}
        # One sector or several: the translations say which (English needs no such word).
        put = ngettext(
            "; it will put AI to work in %(sectors)s",
            "; it will put AI to work in %(sectors)s",
            len(chosen),
        )
        parts.append(put % listed)
        if sectors.drafter_led:
            origin = gettext(
                "the priority sectors from the drafter's priority sectors (%(sectors)s)"
            )
        else:
            origin = gettext("the priority sectors from economy data (%(sectors)s)")
        basis.append(origin % listed)
    strong = [_dimension_words(b) for b in strongest[:1]]
    weak = [_dimension_words(b) for b in weakest[:2]]
    if strong and weak:
        parts.append(
            gettext(", building on %(strong)s and strengthening %(weak)s")
            % {"strong": _join(strong), "weak": _join(weak)}
        )
    elif weak:
        parts.append(gettext(", strengthening %(weak)s") % {"weak": _join(weak)})
    elif strong:
        parts.append(gettext(", building on %(strong)s") % {"strong": _join(strong)})
    if strong or weak:
        basis.append(gettext("the readiness dimensions furthest above and below the regional mean"))
    plan = profile.institutions.national_development_plan
    # An expired plan is history, not a goal to serve: the vision then points at its successor.
    if plan is not None and plan.title and not plan.expired(build_date):
        parts.append(gettext(", in service of %(plan)s") % {"plan": plan.title})
        basis.append(gettext("its development plan (%(plan)s)") % {"plan": plan.title})
    elif plan is not None and plan.title:
        parts.append(
            gettext(", in service of the development plan that succeeds %(plan)s")
            % {"plan": plan.title}
        )
        basis.append(
            gettext("the successor to its expired development plan (%(plan)s)")
            % {"plan": plan.title}
        )
    if ctx.territory is not None and not ctx.territory.legislates:
        state = {"state": ctx.territory.administering_state}
        if ctx.territory.under_eu_law:
            parts.append(
                gettext(", within the legal order of %(state)s and the European Union") % state
            )
        else:
            parts.append(gettext(", within the legal order of %(state)s") % state)
        basis.append(gettext("the legal order it is governed by"))
    # A recorded title keeps the country's name as published ("... Framework for Belize").
    titles = [
        getattr(getattr(profile.institutions, f, None), "title", None) or ""
        for f in ("national_development_plan", "digital_strategy", "ai_strategy")
    ]
    statement = articled("".join(parts).replace(" ,", ",") + ".", name, current().code, keep=titles)
    return Vision(statement, tuple(basis), missing)
