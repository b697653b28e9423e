"""A rule's condition in words, for ``strategygen rules list`` and other listings.

``maturity.strategy.stage <= 2 and (institutions.ai_strategy is missing or
institutions.ai_strategy.status is one of draft, announced)``: paths as the rule file writes
them, operators as words or symbols, ``all`` as "and", ``any`` as "or", brackets where needed.
"""

from __future__ import annotations

from typing import Any

from strategygen.assess.rules.model import AllOf, AnyOf, Leaf, NotOf

_OPS: dict[str, str] = {
    "eq": "is",
    "ne": "is not",
    "in": "is one of",
    "not_in": "is none of",
    "lt": "<",
    "le": "<=",
    "gt": ">",
    "ge": ">=",
}


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    return str(value)


def condition_text(cond: Leaf | AllOf | AnyOf | NotOf) -> str:
    """Return a readable one-line rendering of a rule condition."""
    if isinstance(cond, Leaf):
        if cond.op == "missing":
            return f"{cond.path} is missing"
        if cond.op == "present":
            return f"{cond.path} is known"
        return f"{cond.path} {_OPS[cond.op]} {_value(cond.value)}"
    if isinstance(cond, NotOf):
        return f"not ({condition_text(cond.not_)})"
    children = cond.all_ if isinstance(cond, AllOf) else cond.any_
    joiner = " and " if isinstance(cond, AllOf) else " or "
    parts = []
    for child in children:
        text = condition_text(child)
        # A nested group keeps its brackets so "a and (b or c)" cannot be misread.
        parts.append(
            f"({text})" if isinstance(child, AllOf | AnyOf) and len(_kids(child)) > 1 else text
        )
    return joiner.join(parts)


def _kids(cond: AllOf | AnyOf) -> list[Any]:
    return list(cond.all_ if isinstance(cond, AllOf) else cond.any_)
