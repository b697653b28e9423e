"""The assessment stage: from a profile to everything the draft says; it never fails on data."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from strategygen.assess.benchmarks import compute_benchmarks, strongest_weakest
from strategygen.assess.checklist import completeness, item_text, missing_items
from strategygen.assess.context import CountryContext, country_context, territory_sources
from strategygen.assess.country_values import country_values
from strategygen.assess.datasets.catalogue import catalogue
from strategygen.assess.editions import Resolved
from strategygen.assess.editions import resolve as resolve_editions
from strategygen.assess.evidence import Evidence, country_evidence
from strategygen.assess.financing import financing_lines, income_group
from strategygen.assess.kpis import READINESS_KPI, KpiContext, build_kpis, training_tiers
from strategygen.assess.maturity import assess_maturity
from strategygen.assess.model import Assessment, DataGap, Kpi
from strategygen.assess.owners import resolve
from strategygen.assess.pillars import PILLAR_KEYS, pillar_views
from strategygen.assess.plan import complete_plan
from strategygen.assess.results import results_framework, select_indicators
from strategygen.assess.risk_links import risk_actions
from strategygen.assess.rules import (
    ConditionContext,
    Rule,
    check_translated,
    derive,
    expired_plans,
    fire,
    load_rules,
    placeholder_values,
    without_disabled,
)
from strategygen.assess.sectors import SectorPlan, choose_sectors
from strategygen.assess.vision import compose_vision
from strategygen.files import FileRefused, read_input
from strategygen.i18n import choose_language, country_name, use_language
from strategygen.inputs.profile import CountryProfile
from strategygen.inputs.tailoring import Tailoring
from strategygen.inputs.yamlsource import MAX_BYTES
from strategygen.resources import shipped_dir

# Length of the default strategy horizon: from the year after the build to five years later.
DEFAULT_HORIZON_YEARS = 5


def horizon(profile: CountryProfile, build_date: dt.date) -> tuple[int, int]:
    """Return the strategy's (first year, last year): the profile's, or a default from the build."""
    if profile.strategy_horizon is not None:
        return profile.strategy_horizon.start, profile.strategy_horizon.end
    start = build_date.year + 1
    return start, start + DEFAULT_HORIZON_YEARS


def rule_library(folders: Sequence[Path] = (), disabled: Sequence[str] = ()) -> tuple[Rule, ...]:
    """Return the shipped rules plus ``folders``' rules, minus ``disabled``; once per process.

    The library is cached by the contents of every rule file, so a process that assesses
    many countries reads and validates the YAML once, while an edited file is read again.

    Raises:
        RuleError: A malformed rule file or an unknown rule id to disable.

    """
    dirs = (shipped_dir("rules"), *map(Path, folders))
    state = hashlib.sha256()
    for folder in dirs:
        for path in sorted(folder.glob("*.yaml")):
            state.update(f"\0{path}\0".encode())
            try:
                # Regular files inside the folder only: a FIFO would hang here, and a link
                # out of the folder must not be read at all (load_rules reports both).
                data = read_input(path, limit=MAX_BYTES, what="rule file", inside=folder)
                state.update(hashlib.sha256(data).digest())
            except FileRefused:
                state.update(b"(unreadable)")
    return _rule_library(tuple(str(d) for d in dirs), tuple(disabled), state.hexdigest())


@functools.lru_cache(maxsize=8)
def _rule_library(dirs: tuple[str, ...], disabled: tuple[str, ...], state: str) -> tuple[Rule, ...]:
    # ``state`` is only part of the key: changed contents make a new entry.
    return without_disabled(load_rules([Path(d) for d in dirs]), disabled)


def dataset_sources(context: CountryContext, sectors: SectorPlan) -> tuple[dict[str, object], ...]:
    """Return the bundled sources the context and the sector figures cite."""
    known = territory_sources()
    ids = sorted({*context.source_ids, *sectors.source_ids})
    return tuple(known[i] for i in ids if i in known)


def assess(
    profile: CountryProfile,
    build_date: dt.date,
    *,
    tailoring: Tailoring | None = None,
    rules: Sequence[Rule] | None = None,
    ratios: Mapping[str, float] | None = None,
) -> Assessment:
    """Assess one country: benchmarks, maturity, fired rules, KPIs, training tiers, data gaps.

    Args:
        profile: A validated country profile.
        build_date: The build date (an input, so the same inputs give the same result).
        tailoring: Its extra rule folders (a rule there replaces a shipped rule with the
            same id), disabled rule ids and default horizon apply.
        rules: The rule library, already loaded (a build plan holds it); default: the
            shipped library with the tailoring's folders and disabled rules.
        ratios: Overrides of the training-tier ratios
            (see ``strategygen.assess.kpis.DEFAULT_RATIOS``).

    Returns:
        The Assessment the templates print.

    Raises:
        RuleError: If a rule library file is malformed or a disabled id is unknown (never
            because of the profile's data).

    """
    settings = tailoring or Tailoring()
    # Everything the assessment writes (gap messages, findings, labels) is in the
    # document's language, with figures in the country's locale.
    lang = choose_language(settings.language, profile.identity.document_language, profile.code)
    overrides = tuple(str(folder) for folder in settings.templates)
    identity = profile.identity
    # The draft names the country as its language does ("República Dominicana").
    name = country_name(lang, identity.iso2, identity.name)
    if lang != "en":
        # The profile's official name is English ("Republic of Haiti"): the cover then
        # prints the name in the document's language instead.
        localized = identity.model_copy(update={"name": name, "official_name": None})
        profile = profile.model_copy(update={"identity": localized})
    with use_language(lang, identity.iso2, overrides):
        return _assess(profile, build_date, settings, rules, ratios, lang)


def _assess(
    profile: CountryProfile,
    build_date: dt.date,
    settings: Tailoring,
    rules: Sequence[Rule] | None,
    ratios: Mapping[str, float] | None,
    lang: str,
) -> Assessment:
    """Assess one country in the language in use (see :func:`assess`)."""
    default_horizon = settings.horizon
    if profile.strategy_horizon is None and default_horizon is not None:
        start, end = default_horizon.start, default_horizon.end
    else:
        start, end = horizon(profile, build_date)
    if rules is None:
        rules = rule_library(settings.rules, settings.disable_rules)
    # A complete language never falls back to English: every rule must carry its text.
    check_translated(rules, lang)
    resolved = resolve_editions(profile)
    benchmarks = compute_benchmarks(profile, resolved)
    strongest, weakest = strongest_weakest(benchmarks)
    compared = [b for b in benchmarks if b.score is not None and b.peer_mean is not None]
    below_peer = [b.key for b in compared if (b.score or 0.0) < (b.peer_mean or 0.0)]
    above_peer = [b.key for b in compared if b.key not in below_peer]
    areas, overall = assess_maturity(profile, benchmarks)
    by_key = {b.key: b for b in benchmarks}
    maturity = {m.area: m for m in (*areas, overall)}
    peer = resolved.peer
    context = country_context(profile)
    sectors = choose_sectors(profile, build_date.year)
    values = country_values(profile.identity.iso3, context, sectors)
    conditions = ConditionContext(
        profile,
        by_key,
        maturity,
        derive(profile, build_date),
        peer.phrase if peer is not None else None,
        values,
        peer_group_for=peer.for_phrase if peer is not None else None,
    )
    fired = fire(rules, conditions, placeholder_values(conditions, start, end))
    tiers = training_tiers(profile, ratios)
    evidence = country_evidence(profile.code, peer)
    ctx = KpiContext(
        profile, start, end, by_key, maturity, {t.key: t for t in tiers}, resolved.view, evidence
    )
    plan = complete_plan(fired, profile, context, ctx, tiers, sectors)
    fired = plan.fired
    if context.fragile:
        # The plan has deferred the non-essential sectors' actions; from here on the draft
        # names only the sectors it pursues as priorities.
        sectors = sectors.in_crisis()

    # An indicator is reported by the lead of the first action that names it, and its target
    # falls due no earlier than the last action that produces it is scheduled to end.
    responsible: dict[str, str | None] = {}
    due: dict[str, int] = {}
    for rule in fired:
        for kid in rule.kpis:
            if responsible.get(kid) is None:
                responsible[kid] = rule.owner
            if rule.last_year is not None:
                due[kid] = max(due.get(kid, 0), rule.last_year)
    kpi_ids = {READINESS_KPI, *(k for rule in fired for k in rule.kpis)}
    if responsible.get(READINESS_KPI) is None:
        # The overall readiness score is the lead body's to report (or the role's).
        responsible[READINESS_KPI] = resolve("ai_policy", profile, context).name
    kpis, kpi_gaps = build_kpis(kpi_ids, ctx, responsible, due)
    fired, kept = select_indicators(fired, kpis, PILLAR_KEYS, keep=(READINESS_KPI,))
    kpis = tuple(k for k in kpis if k.id in kept)
    kpi_gaps = tuple(g for g in kpi_gaps if g.path.removeprefix("kpi.") in kept)
    # The plan's lists hold the same actions; they take the trimmed records too.
    trimmed = {r.id: r for r in fired}
    priorities = tuple(trimmed.get(r.id, r) for r in plan.priorities)
    deferred = tuple(trimmed.get(r.id, r) for r in plan.deferred)

    views = pillar_views(fired, kpis, resolved.view.indicators)
    income = income_group(profile.code)
    gaps = [
        DataGap(f.path, item_text(f.label), f.section, item_text(f.action))
        for f in missing_items(profile)
    ]
    known = {g.path for g in gaps}
    gaps += [g for g in kpi_gaps if g.path not in known]

    return Assessment(
        profile=profile,
        build_date=build_date,
        horizon_start=start,
        horizon_end=end,
        benchmarks=benchmarks,
        strongest=strongest,
        weakest=weakest,
        areas=areas,
        overall=overall,
        fired=fired,
        kpis=kpis,
        tiers=tiers,
        gaps=tuple(gaps),
        completeness=completeness(profile),
        context=context,
        sectors=sectors,
        schedule=plan.schedule,
        priorities=priorities,
        cost_basis=plan.cost_basis,
        budget=plan.budget,
        tier_costs=plan.tier_costs,
        bands=plan.bands,
        deferred=deferred,
        pillars=views,
        results=results_framework(
            profile,
            context,
            views,
            # The plan defers non-essential sectors in a crisis: objectives name only the rest.
            sectors=[s.short for s in sectors.chosen if s.essential or not context.fragile][:3],
            below_peer=below_peer,
            above_peer=above_peer,
        ),
        vision=compose_vision(
            profile, context, sectors, strongest, weakest, overall, end, build_date, below_peer
        ),
        dataset_sources=dataset_sources(context, sectors),
        expired_plans=expired_plans(profile, build_date),
        language=lang,
        readiness=resolved.view,
        evidence=evidence,
        datasets=_datasets(
            resolved,
            evidence,
            kpis,
            (
                *context.source_ids,
                *(("inform2025",) if context.risk is not None else ()),
                # ECO-DIGSERV's finding quotes the World Bank's ICT service exports figure.
                *(("wdi-economy",) if any(r.id == "ECO-DIGSERV" for r in fired) else ()),
                *sectors.source_ids,
                *(("wdi",) if income else ()),
            ),
        ),
        financing=financing_lines(fired, context),
        risk_actions=risk_actions(fired),
        income_group=income,
    )


def _datasets(
    resolved: Resolved, evidence: Evidence, kpis: Sequence[Kpi], more: Sequence[str] = ()
) -> tuple[str, ...]:
    """Catalogue ids of every bundled dataset the document draws a figure or a group from."""
    ids = [e.source for e in resolved.view.editions]
    ids += list(more)
    ids += [g.source for g in resolved.groups]
    ids += evidence.sources
    ids += [k.baseline.source_id for k in kpis if k.baseline is not None]
    known = catalogue()
    return tuple(i for i in dict.fromkeys(ids) if i in known)
