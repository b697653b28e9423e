"""From fired rules to a plan: each action's lead, cost estimate and years; the budget table.

The rules say what to do; this module says who leads it (``owners``), what it is likely to cost
in this country (``costs``) and when it runs (``schedule``), then totals the estimates by year
and pillar and costs the training tiers, whose due years come from the KPI catalogue so that the
capability plan and the indicator table agree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from strategygen.assess.context import CountryContext
from strategygen.assess.costs import (
    BudgetTable,
    CostBasis,
    CostEstimate,
    TierCost,
    band_keys,
    budget_table,
    cost_basis,
    estimate,
    tier_costs,
    training_estimate,
)
from strategygen.assess.kpi_catalogue import catalogue
from strategygen.assess.kpi_measures import KpiContext, TrainingTierTarget
from strategygen.assess.model import FiredRule, TrainingTier
from strategygen.assess.owners import Owner, resolve
from strategygen.assess.pillars import PILLAR_KEYS
from strategygen.assess.schedule import Schedule, priority_list, schedule
from strategygen.assess.sectors import SectorPlan, sector_actions
from strategygen.inputs.profile import CountryProfile

#: Order of priorities when sector actions join the fired rules.
PRIORITY = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class Plan:
    """The fired rules completed with leads, costs and years, and what is computed from them."""

    fired: tuple[FiredRule, ...]
    schedule: Schedule
    priorities: tuple[FiredRule, ...]
    cost_basis: CostBasis
    budget: BudgetTable
    tier_costs: tuple[TierCost, ...]
    bands: tuple[CostEstimate, ...]
    deferred: tuple[FiredRule, ...] = ()


def _lead(rule: FiredRule, profile: CountryProfile, ctx: CountryContext) -> Owner:
    if rule.owner:
        # A rule that names its lead directly (a filled ``owner`` text) keeps it.
        return Owner(rule.owner, "recorded", rule.lead_domain or "custom")
    if rule.lead_domain:
        return resolve(rule.lead_domain, profile, ctx)
    return Owner("lead to be assigned", "gap", "custom")


def tier_due_years(ctx: KpiContext) -> dict[str, int]:
    """Year each training tier's target falls due, as the KPI catalogue sets it."""
    out: dict[str, int] = {}
    for spec in catalogue().values():
        if isinstance(spec.target, TrainingTierTarget) and spec.target.tier not in out:
            out[spec.target.tier] = ctx.due_year(spec.target.due)
    return out


def complete_plan(
    fired: Sequence[FiredRule],
    profile: CountryProfile,
    ctx: CountryContext,
    kpi_ctx: KpiContext,
    tiers: Sequence[TrainingTier],
    sectors: SectorPlan | None = None,
) -> Plan:
    """Give every action a lead, a cost estimate and its years; total the budget.

    The actions are the fired rules plus one per priority sector (economy pillar).
    """
    start, end = kpi_ctx.horizon_start, kpi_ctx.horizon_end
    if sectors is not None:
        extra = sector_actions(sectors)
        known = {r.id for r in fired}
        merged = (*fired, *(r for r in extra if r.id not in known))
        fired = tuple(sorted(merged, key=lambda r: (PRIORITY[r.priority], r.id)))
    deferred: tuple[FiredRule, ...] = ()
    if ctx.fragile:
        # In a crisis, growth and research actions wait until security and basic services allow;
        # the draft lists them as deferred rather than scheduling and costing them now.
        deferred = tuple(r for r in fired if r.defer_in_crisis)
        fired = tuple(r for r in fired if not r.defer_in_crisis)
        kept = {r.id for r in fired}
        fired = tuple(
            dataclasses.replace(r, depends_on=tuple(d for d in r.depends_on if d in kept))
            for r in fired
        )
    sched = schedule(fired, start, end)
    basis = cost_basis(profile)
    due = tier_due_years(kpi_ctx)
    people: Mapping[str, int | None] = {t.key: t.target for t in tiers}
    tier_rows = tier_costs(people, {k: due.get(k, end) for k in people}, basis)
    done = []
    for rule in fired:
        lead = _lead(rule, profile, ctx)
        slot = sched.slots[rule.id]
        cost: CostEstimate | None = None
        if rule.cost_band == "T":
            cost = training_estimate(tier_rows, basis)
        elif rule.cost_band:
            cost = estimate(rule.cost_band, basis)
        done.append(
            dataclasses.replace(
                rule,
                owner=lead.name if not lead.is_gap else None,
                lead=lead,
                cost=cost,
                first_year=slot.first,
                last_year=slot.last,
            )
        )
    completed = tuple(done)
    # Budget rows follow the pillars' document order and carry their printed names.
    order = {k: i for i, k in enumerate(PILLAR_KEYS)}
    items = [
        (r.pillar_label, r.first_year or start, r.last_year or end, r.cost.usd)
        for r in sorted(completed, key=lambda r: order.get(r.pillar, len(order)))
        if r.cost is not None and r.cost.usd is not None
    ]
    return Plan(
        fired=completed,
        schedule=sched,
        priorities=priority_list(completed),
        cost_basis=basis,
        budget=budget_table(items, range(start, end + 1)),
        tier_costs=tier_rows,
        bands=tuple(estimate(k, basis) for k in band_keys() if k != "T"),
        deferred=deferred,
    )
