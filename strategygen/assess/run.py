"""The assessment stage: from a profile to everything the draft says; it never fails on data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from strategygen.assess.benchmarks import compute_benchmarks, strongest_weakest
from strategygen.assess.facts import completeness, missing_facts
from strategygen.assess.kpis import READINESS_KPI, KpiContext, build_kpis, training_tiers
from strategygen.assess.maturity import assess_maturity
from strategygen.assess.model import Assessment, DataGap
from strategygen.assess.rules import (
    FactContext,
    derive,
    fire,
    load_rules,
    placeholder_values,
    without_disabled,
)
from strategygen.inputs.profile import CountryProfile
from strategygen.resources import shipped_dir

# Length of the default strategy horizon: from the year after the build to five years later.
DEFAULT_HORIZON_YEARS = 5


def horizon(profile: CountryProfile, build_date: dt.date) -> tuple[int, int]:
    """Return the strategy's (first year, last year): the profile's, or a default from the build."""
    if profile.strategy_horizon is not None:
        return profile.strategy_horizon.start, profile.strategy_horizon.end
    start = build_date.year + 1
    return start, start + DEFAULT_HORIZON_YEARS


def assess(
    profile: CountryProfile,
    build_date: dt.date,
    *,
    rule_dirs: Sequence[Path] = (),
    ratios: Mapping[str, float] | None = None,
    disabled_rules: Sequence[str] = (),
    default_horizon: tuple[int, int] | None = None,
) -> Assessment:
    """Assess one country: benchmarks, maturity, fired rules, KPIs, training tiers, data gaps.

    Args:
        profile: A validated country profile.
        build_date: The build date (an input, so the same inputs give the same result).
        rule_dirs: Extra rule-library folders, read after the shipped rules; a rule there
            replaces a shipped rule with the same id.
        ratios: Overrides of the training-tier ratios
            (see ``strategygen.assess.kpis.DEFAULT_RATIOS``).
        disabled_rules: Ids of rules that must not fire (each must exist in the library).
        default_horizon: (first year, last year) used when the profile sets no horizon.

    Returns:
        The Assessment the templates print.

    Raises:
        RuleError: If a rule library file is malformed or a disabled id is unknown (never
            because of the profile's data).

    """
    if profile.strategy_horizon is None and default_horizon is not None:
        start, end = default_horizon
    else:
        start, end = horizon(profile, build_date)
    benchmarks = compute_benchmarks(profile)
    strongest, weakest = strongest_weakest(benchmarks)
    areas, overall = assess_maturity(profile, benchmarks)
    by_key = {b.key: b for b in benchmarks}
    maturity = {m.area: m for m in (*areas, overall)}
    facts = FactContext(profile, by_key, maturity, derive(profile))
    rules = without_disabled(load_rules([shipped_dir("rules"), *rule_dirs]), disabled_rules)
    fired = fire(rules, facts, placeholder_values(facts, start, end))
    tiers = training_tiers(profile, ratios)

    responsible: dict[str, str | None] = {}
    for rule in fired:
        for kid in rule.kpis:
            if responsible.get(kid) is None:
                responsible[kid] = rule.owner
    kpi_ids = {READINESS_KPI, *(k for rule in fired for k in rule.kpis)}
    ctx = KpiContext(profile, start, end, by_key, maturity, {t.key: t for t in tiers})
    kpis, kpi_gaps = build_kpis(kpi_ids, ctx, responsible)

    gaps = [DataGap(f.path, f.label, f.section, f.action) for f in missing_facts(profile)]
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
    )
