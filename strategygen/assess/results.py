"""The results framework: one objective per pillar, with its outcome, outputs and indicators.

Following the World Bank handbook's advice to give every objective a results framework, each
pillar with actions gets an objective composed from what this country's draft does in it, the
outcome the pillar aims at, its outputs (the actions, with their years), its indicators (with
baseline, target and year) and the body responsible: the lead of its most urgent action.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from strategygen.assess.context import CountryContext
from strategygen.assess.model import FiredRule, Kpi
from strategygen.assess.pillars import PillarSpec, PillarView
from strategygen.i18n import current
from strategygen.i18n.catalog import N_, gettext, ngettext
from strategygen.inputs.profile import CountryProfile
from strategygen.title_articles import title_in_text

_PRIORITY = {"high": 0, "medium": 1, "low": 2}

# How each pillar's objective opens; the actions of the country's draft complete it.
_OPENINGS: dict[str, str] = {
    "infrastructure": N_(
        "Give people, firms and public bodies the connectivity, computing and data AI needs"
    ),
    "skills": N_("Widen the pool of people who can use, build and question AI"),
    "research": N_("Point research at the problems this strategy names"),
    "economy": N_("Bring AI into the firms and sectors the economy depends on"),
    "public_sector": N_("Use AI in public services only where it measurably helps, under control"),
    "cooperation": N_("Obtain through partners what is too costly to build alone"),
}


@dataclass(frozen=True)
class Objective:
    """One row group of the results framework."""

    number: int
    pillar: PillarSpec
    statement: str
    aim: str
    """The objective alone, without its main actions (the vision lists it; the plan holds them)."""
    outputs: tuple[FiredRule, ...]
    indicators: tuple[Kpi, ...]
    responsible: str | None


def _governance_opening(profile: CountryProfile, ctx: CountryContext) -> str:
    dp = profile.law.data_protection
    lang = current().code
    # Two clauses, each a whole verb phrase in every language, joined by "and". A title takes
    # its article here ("Llevar la Estrategia ..."): the objective opens a table row, where
    # the grammar pass leaves a title as published.
    if ctx.strategy_mode == "refresh":
        if ctx.strategy_title:
            head = gettext("Carry %(title)s into a second cycle") % {
                "title": title_in_text(ctx.strategy_title, lang)
            }
        else:
            head = gettext("Carry the national AI strategy into a second cycle")
    elif ctx.strategy_mode == "complete":
        title = profile.institutions.ai_strategy.title if profile.institutions.ai_strategy else None
        if title:
            head = gettext("Adopt %(title)s") % {"title": title_in_text(title, lang)}
        else:
            head = gettext("Adopt the national AI policy now in preparation")
    else:
        head = gettext("Adopt a first national AI strategy")
    if ctx.territory is not None and ctx.territory.under_eu_law:
        tail = gettext("apply the EU's data and AI rules locally")
    elif dp is not None and dp.status == "in_force" and dp.title:
        tail = gettext("apply %(law)s to AI") % {"law": title_in_text(dp.title, lang)}
    elif dp is not None and dp.status == "in_force":
        tail = gettext("apply the data protection law to AI")
    elif dp is None or dp.status is None:
        # Unknown is not none: the status is confirmed before any law is proposed.
        tail = gettext("confirm where data protection law stands")
    elif dp.status == "none":
        tail = gettext("enact a data protection law")
    else:
        tail = gettext("bring data protection law fully into force")
    # A Dutch objective may open with the title's article ("Het ... voortzetten").
    head = head[:1].upper() + head[1:]
    return gettext("%(first)s and %(second)s") % {"first": head, "second": tail}


def _and(items: Sequence[str]) -> str:
    if len(items) == 1:
        return items[0]
    return gettext("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def _evidence_opening(
    key: str,
    profile: CountryProfile,
    ctx: CountryContext,
    sectors: Sequence[str],
    below_peer: Collection[str],
    above_peer: Collection[str] = (),
) -> str:
    """Return a pillar's objective as the country's evidence shapes it (else the general aim).

    ``below_peer`` and ``above_peer`` hold the readiness dimensions on which the country scores
    under and at or over its peer group's mean; ``sectors`` the priority sectors the plan
    schedules.
    """
    if key == "infrastructure":
        infra, data = "infrastructure" in below_peer, "data_availability" in below_peer
        if infra and data:
            return gettext(
                "Close the gap to the peer group in connectivity, computing capacity and usable "
                "public data"
            )
        if data:
            return gettext(
                "Make public data usable and shareable, the foundation where the evidence "
                "shows the widest gap, alongside the connectivity and computing AI needs"
            )
        if infra:
            return gettext(
                "Widen connectivity and computing capacity, where the evidence shows the widest "
                "gap, and make public data ready for AI"
            )
    if key == "skills" and "human_capital" in below_peer:
        return gettext(
            "Raise skills, now below the peer group's mean, so that more people can use, build "
            "and question AI"
        )
    if key == "skills" and "human_capital" in above_peer:
        return gettext(
            "Build on skills that match or exceed the peer group's mean to widen the pool of "
            "people who can use, build and question AI"
        )
    # One sector or several: the translations say "sector" or "sectors" (English needs no
    # such word, hence the same text twice).
    listed = {"sectors": _and(list(sectors)) if sectors else ""}
    if key == "research" and sectors:
        return (
            ngettext(
                "Point research at the problems of %(sectors)s",
                "Point research at the problems of %(sectors)s",
                len(sectors),
            )
            % listed
        )
    if key == "economy" and sectors:
        return (
            ngettext(
                "Bring AI into %(sectors)s, and into the small and medium firms of the wider "
                "economy",
                "Bring AI into %(sectors)s, and into the small and medium firms of the wider "
                "economy",
                len(sectors),
            )
            % listed
        )
    if key == "public_sector" and profile.public_sector_ai.use_cases is None:
        return gettext(
            "Find out where government already uses AI, and use it in public services only "
            "where it measurably helps, under control"
        )
    if key == "cooperation" and ctx.fragile:
        return gettext(
            "Bring development partners behind one plan, and obtain through them what is too "
            "costly to build alone"
        )
    if key == "cooperation" and ctx.memberships:
        bodies = ", ".join(m.acronym for m in ctx.memberships)
        return gettext(
            "Obtain through %(bodies)s and other partners what is too costly to build alone"
        ) % {"bodies": bodies}
    return gettext(_OPENINGS[key])


def _lowerfirst(text: str) -> str:
    # "Data-sharing framework" -> "data-sharing framework", but "AI in tourism" stays.
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _titles(actions: Sequence[FiredRule], titles: dict[str, str], opening: str) -> str:
    # An action whose title the opening already says ("enact a data protection law") is not
    # repeated; the rest are listed with semicolons, since titles may contain "and".
    said = opening.lower()
    names: list[str] = []
    for rule in actions:
        name = _lowerfirst(titles.get(rule.id) or rule.short_title).rstrip(".")
        if name.lower() in said or said.endswith(name.lower()):
            continue
        names.append(name)
        if len(names) == 3:
            break
    return "; ".join(names)


def results_framework(
    profile: CountryProfile,
    ctx: CountryContext,
    views: Sequence[PillarView],
    titles: dict[str, str] | None = None,
    *,
    sectors: Sequence[str] = (),
    below_peer: Collection[str] = (),
    above_peer: Collection[str] = (),
) -> tuple[Objective, ...]:
    """Compose one objective per pillar that has actions, in pillar order.

    ``sectors`` (the scheduled priority sectors), ``below_peer`` and ``above_peer`` (readiness
    dimensions under, and at or over, the peer group's mean) let each objective say what this
    country's evidence asks of it.
    """
    out: list[Objective] = []
    for view in views:
        if not view.actions:
            continue
        actions = tuple(sorted(view.actions, key=lambda r: (_PRIORITY[r.priority], r.id)))
        if view.spec.key == "governance":
            opening = _governance_opening(profile, ctx)
        else:
            opening = _evidence_opening(
                view.spec.key, profile, ctx, sectors, below_peer, above_peer
            )
        means = _titles(actions, titles or {}, opening)
        statement = (
            gettext("%(objective)s. Main actions: %(actions)s.")
            % {"objective": opening, "actions": means}
            if means
            else f"{opening}."
        )
        lead = actions[0].lead
        out.append(
            Objective(
                number=len(out) + 1,
                pillar=view.spec,
                statement=statement,
                aim=f"{opening}.",
                outputs=actions,
                indicators=view.kpis,
                responsible=lead.name if lead is not None and not lead.is_gap else None,
            )
        )
    return tuple(out)


#: Indicators the results framework keeps per objective. Published frameworks (the World Bank
#: handbook's examples, Rwanda's and Colombia's) track two to four per objective; a longer list
#: is rarely measured, and each indicator without a baseline is a first-year survey.
INDICATORS_PER_OBJECTIVE = 3

_LEVEL_RANK = {"impact": 0, "outcome": 0, "output": 1, "activity": 2, "input": 3}


def select_indicators(
    fired: Sequence[FiredRule],
    kpis: Sequence[Kpi],
    pillar_keys: Sequence[str],
    keep: Sequence[str] = (),
    limit: int = INDICATORS_PER_OBJECTIVE,
) -> tuple[tuple[FiredRule, ...], frozenset[str]]:
    """Keep at most ``limit`` indicators per pillar and drop the others from the actions.

    An indicator belongs to the first pillar (in ``pillar_keys`` order) whose actions name
    it, as in the results framework. Within a pillar, indicators with a baseline come first
    (they can be reported from year one), then outcomes before outputs and activities, then
    the order in which the most urgent actions name them. ``keep`` (the headline readiness
    indicator) is always kept. Returns the actions with their indicator lists trimmed, and
    the ids kept.
    """
    by_id = {k.id: k for k in kpis}
    kept: set[str] = {k for k in keep if k in by_id}
    placed: set[str] = set(kept)
    ordered = sorted(fired, key=lambda r: _PRIORITY[r.priority])
    for key in pillar_keys:
        names = dict.fromkeys(
            k for r in ordered if r.pillar == key for k in r.kpis if k in by_id and k not in placed
        )
        placed.update(names)
        ranked = sorted(
            enumerate(names),
            key=lambda pair: (
                by_id[pair[1]].baseline is None,
                _LEVEL_RANK.get(by_id[pair[1]].level, 4),
                pair[0],
            ),
        )
        kept.update(k for _, k in ranked[:limit])
    trimmed = tuple(
        replace(r, kpis=tuple(k for k in r.kpis if k in kept)) if set(r.kpis) - kept else r
        for r in fired
    )
    return trimmed, frozenset(kept)
