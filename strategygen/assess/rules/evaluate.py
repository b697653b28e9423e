"""Evaluating rules: a condition's truth, the values that decided it, and the fired rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from strategygen.assess.model import FiredRule, Trigger
from strategygen.assess.pillars import pillar_for
from strategygen.assess.rules.model import AllOf, AnyOf, Leaf, NotOf, Rule
from strategygen.assess.rules.paths import ConditionContext
from strategygen.assess.rules.placeholders import fill, fill_owner
from strategygen.i18n.texts import local

PRIORITY_ORDER: dict[str, int] = {"high": 0, "medium": 1, "low": 2}


def _show(value: Any) -> str:
    if value is None:
        return "missing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list):
        return f"{len(value)} item(s)"
    if isinstance(value, BaseModel):
        status = getattr(value, "status", None)
        return f"present (status {status})" if isinstance(status, str) else "present"
    return str(value)


def _describe(leaf: Leaf) -> str:
    if leaf.op == "missing":
        return f"{leaf.path} is missing"
    if leaf.op == "present":
        return f"{leaf.path} is present"
    if isinstance(leaf.value, list):
        shown = "[" + ", ".join(_show(v) for v in leaf.value) + "]"
    else:
        shown = _show(leaf.value)
    return f"{leaf.path} {leaf.op} {shown}"


def _compare(op: str, actual: Any, value: Any) -> bool:
    if op == "missing":
        return actual is None
    if op == "present":
        return actual is not None
    if actual is None:
        return False
    if op in ("lt", "le", "gt", "ge"):
        if isinstance(actual, bool) or not isinstance(actual, int | float):
            return False
        number, bound = float(actual), float(value)
        return {
            "lt": number < bound,
            "le": number <= bound,
            "gt": number > bound,
            "ge": number >= bound,
        }[op]
    if op == "eq":
        return bool(actual == value)
    if op == "ne":
        return bool(actual != value)
    if op == "in":
        return bool(actual in value)
    return bool(actual not in value)


def evaluate(
    cond: Leaf | AllOf | AnyOf | NotOf, context: ConditionContext
) -> tuple[bool, list[Trigger]]:
    """Evaluate a condition; return its truth and the values that decided it."""
    if isinstance(cond, Leaf):
        actual = context.get(cond.path)
        return _compare(cond.op, actual, cond.value), [
            Trigger(cond.path, _show(actual), _describe(cond))
        ]
    if isinstance(cond, NotOf):
        ok, triggers = evaluate(cond.not_, context)
        return not ok, [Trigger(t.path, t.value, f"not ({t.condition})") for t in triggers]
    results = [evaluate(c, context) for c in (cond.all_ if isinstance(cond, AllOf) else cond.any_)]
    if isinstance(cond, AllOf):
        ok = all(r for r, _ in results)
    else:
        ok = any(r for r, _ in results)
    # Log the children that agree with the outcome: for a true `all` every child, for a true
    # `any` the children that held; for a false result the children that failed.
    return ok, [t for r, ts in results if r == ok for t in ts]


def fire(
    rules: Sequence[Rule], context: ConditionContext, values: Mapping[str, str | None]
) -> tuple[FiredRule, ...]:
    """Evaluate every rule and return those that fire, sorted by priority then id.

    ``depends_on`` of a fired rule lists only dependencies that fired as well, so the
    document never refers to an action it does not contain.
    """
    fired: list[tuple[Rule, list[Trigger]]] = []
    for rule in rules:
        if rule.spec.legislative and context.country.get("legislates") is False:
            # A territory without its own legislature is never told to pass a law.
            continue
        ok, triggers = evaluate(rule.spec.when, context)
        if ok:
            fired.append((rule, triggers))
    ids = {r.id for r, _ in fired}
    out = [
        FiredRule(
            id=r.id,
            area=r.spec.area,
            pillar=pillar_for(r.spec.pillar, r.spec.area),
            priority=r.spec.priority,
            horizon=r.spec.horizon,
            finding=fill(local(r.spec.finding).strip(), values),
            recommendation=fill(local(r.spec.recommendation).strip(), values),
            owner=fill_owner(local(r.spec.owner) if r.spec.owner else None, values),
            lead_domain=r.spec.lead,
            title=local(r.spec.title) if r.spec.title else None,
            defer_in_crisis=r.spec.defer_in_crisis,
            cost_band=r.spec.cost,
            kpis=tuple(r.spec.kpis),
            depends_on=tuple(d for d in r.spec.depends_on if d in ids),
            evidence=local(r.spec.evidence).strip(),
            library=r.library,
            triggers=tuple(triggers),
            shipped=r.shipped,
            confirms=r.spec.confirms,
        )
        for r, triggers in fired
    ]
    return tuple(sorted(out, key=lambda f: (PRIORITY_ORDER[f.priority], f.id)))
