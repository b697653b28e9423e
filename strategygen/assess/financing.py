"""Which kind of funding suits each costed action, and what each kind adds up to for a country.

An action is matched to a source by what it is, not by the country: the staff time of a
decision or a confirmation (band A) and the laws, posts and training a state runs itself belong
in its own budget; major investments and infrastructure programmes (band D, band C in the
infrastructure pillar) are the business of development banks; regional cooperation suits
pooling with neighbours; programmes with firms and researchers suit partnerships; studies,
surveys and design work (band B) suit technical assistance. In a fragile context the actions
that protect records and basic services go to humanitarian and recovery funding, the budget keeps
only staff time and partners' technical assistance carries the other programmes, and in a
territory the actions on the administering state's law go to its programmes. Eligibility for
any one fund is never assessed: the draft says so and asks for confirmation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

from strategygen.assess.context import CountryContext
from strategygen.assess.costs import Range, round2
from strategygen.assess.datasets.indicators import wdi

if TYPE_CHECKING:
    # model.py holds the assessment, which carries these lines: import it for types only.
    from strategygen.assess.model import FiredRule

SourceKey = Literal[
    "own_budget",
    "development_banks",
    "technical_assistance",
    "regional",
    "partnerships",
    "humanitarian",
    "administering_state",
]

#: Printing order of the sources: the order of ``SourceKey`` (one list to keep).
ORDER: tuple[SourceKey, ...] = get_args(SourceKey)


@dataclass(frozen=True)
class FinancingLine:
    """One kind of funding with the costed actions it suits and their summed estimate."""

    key: SourceKey
    actions: tuple[str, ...]
    """Ids of the actions matched to this source, in the plan's order."""
    usd: Range | None
    """Sum of those actions' US$ ranges; None when the plan cannot be priced."""


def source_for(rule: FiredRule, ctx: CountryContext) -> SourceKey:
    """Return the kind of funding that suits a costed action (see the module docstring)."""
    band = rule.cost.band if rule.cost is not None else None
    if ctx.fragile and rule.id.startswith("FRAG-") and band != "A":
        return "humanitarian"
    if ctx.territory is not None and rule.id.startswith("TERR-"):
        return "administering_state"
    if band == "A":
        return "own_budget"
    if rule.pillar == "cooperation" or rule.id == "SIDS-POOL":
        return "regional"
    if band == "D" or (band == "C" and rule.pillar == "infrastructure"):
        return "development_banks"
    if rule.pillar in ("economy", "research"):
        return "partnerships"
    if band == "B" and rule.area != "safeguards":
        return "technical_assistance"
    if ctx.fragile:
        # Where the national budget cannot carry the plan, only staff time (band A) stays on
        # it; laws and programmes need partners' support until public finances recover.
        return "technical_assistance"
    return "own_budget"


def financing_lines(fired: Iterable[FiredRule], ctx: CountryContext) -> tuple[FinancingLine, ...]:
    """Group the costed actions by the source that suits them, in ``ORDER``, empty ones out."""
    grouped: dict[SourceKey, list[FiredRule]] = {}
    for rule in fired:
        if rule.cost is not None:
            grouped.setdefault(source_for(rule, ctx), []).append(rule)
    out = []
    for key in ORDER:
        rules = grouped.get(key)
        if not rules:
            continue
        ranges = [r.cost.usd for r in rules if r.cost is not None]
        usd: Range | None = None
        if ranges and all(rng is not None for rng in ranges):
            usd = (
                round2(sum(rng[0] for rng in ranges if rng)),
                round2(sum(rng[1] for rng in ranges if rng)),
            )
        out.append(FinancingLine(key, tuple(r.id for r in rules), usd))
    return tuple(out)


def income_group(code: str) -> str | None:
    """Return the World Bank income group of an economy (``Upper middle income``), or None."""
    row = wdi().get(code)
    return row.income_group if row is not None and row.income_group else None
