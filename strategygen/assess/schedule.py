"""When each action runs: one schedule for every table, caption and chart of the draft.

The strategy years are split into three horizons (short, medium, long). An action starts in its
horizon and, if it depends on other actions, no earlier than the year after they start; a
short-term action is due by the end of the short term, the others run to the end of the
strategy. Every year range the document prints comes from here, so tables, captions and the
Gantt chart cannot disagree.

The priority list of the executive summary is also chosen here: every high-priority action that
another action depends on comes first, then the rest by priority and horizon.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from strategygen.assess.model import FiredRule
from strategygen.words import words

HORIZONS: tuple[str, ...] = ("short", "medium", "long")
_PRIORITY = {"high": 0, "medium": 1, "low": 2}
#: Number of actions in the executive summary's priority list (more if prerequisites need it).
PRIORITY_LIST = 5


@dataclass(frozen=True)
class Slot:
    """The years one action runs, first and last inclusive."""

    rule_id: str
    horizon: str
    first: int
    last: int

    @property
    def years(self) -> str:
        """``2027–2028``, or one year."""
        return str(self.first) if self.first == self.last else f"{self.first}\u2013{self.last}"


@dataclass(frozen=True)
class Schedule:
    """Horizon spans and each action's years."""

    start: int
    end: int
    spans: dict[str, tuple[int, int]]
    slots: dict[str, Slot]

    def span_text(self, horizon: str) -> str:
        """``2027–2028`` for a horizon (one year printed once)."""
        first, last = self.spans[horizon]
        return str(first) if first == last else f"{first}\u2013{last}"

    def label(self, horizon: str) -> str:
        """``Short term (2027–2028)`` and so on."""
        return f"{words(horizon, 'horizon', cap=True)} ({self.span_text(horizon)})"


def horizon_spans(start: int, end: int) -> dict[str, tuple[int, int]]:
    """Split the strategy years into short, medium and long horizons (each at least one year).

    About the first 30% of the years are short term and the next 35% medium term; a two-year
    strategy has an empty long term, shown as its last year.
    """
    span = end - start + 1
    short_end = start + max(0, min(span - 3, round(span * 0.3) - 1))
    medium_end = max(short_end + 1, start + round(span * 0.65) - 1)
    medium_end = min(medium_end, end - 1) if span > 2 else min(medium_end, end)
    long_start = min(medium_end + 1, end)
    return {
        "short": (start, short_end),
        "medium": (min(short_end + 1, end), medium_end),
        "long": (long_start, end),
    }


def _order(fired: Sequence[FiredRule]) -> list[FiredRule]:
    """Order rules so that each comes after the fired rules it depends on (stable otherwise)."""
    by_id = {r.id: r for r in fired}
    done: list[FiredRule] = []
    seen: set[str] = set()

    def visit(rule: FiredRule, stack: tuple[str, ...]) -> None:
        if rule.id in seen or rule.id in stack:
            return
        for dep in rule.depends_on:
            if dep in by_id:
                visit(by_id[dep], (*stack, rule.id))
        seen.add(rule.id)
        done.append(rule)

    for rule in fired:
        visit(rule, ())
    return done


def schedule(fired: Sequence[FiredRule], start: int, end: int) -> Schedule:
    """Give every fired action its years, after the actions it depends on."""
    spans = horizon_spans(start, end)
    slots: dict[str, Slot] = {}
    for rule in _order(fired):
        first = spans[rule.horizon][0]
        for dep in rule.depends_on:
            if dep in slots:
                first = max(first, slots[dep].first + 1)
        first = min(first, end)
        last = spans["short"][1] if rule.horizon == "short" else end
        slots[rule.id] = Slot(rule.id, rule.horizon, first, max(first, last))
    return Schedule(start, end, spans, slots)


def prerequisites(fired: Iterable[FiredRule]) -> set[str]:
    """Ids of fired actions that at least one other fired action depends on."""
    rules = list(fired)
    ids = {r.id for r in rules}
    return {d for r in rules for d in r.depends_on if d in ids}


def priority_list(fired: Sequence[FiredRule], size: int = PRIORITY_LIST) -> tuple[FiredRule, ...]:
    """Choose the executive summary's priority actions.

    Every high-priority action that others depend on is listed (even beyond ``size``); the
    remaining places go to the other actions by priority, then horizon, then id.
    """
    needed = prerequisites(fired)
    key = {h: i for i, h in enumerate(HORIZONS)}

    def rank(r: FiredRule) -> tuple[int, int, str]:
        return (_PRIORITY[r.priority], key[r.horizon], r.id)

    first = sorted((r for r in fired if r.priority == "high" and r.id in needed), key=rank)
    rest = sorted((r for r in fired if r not in first), key=rank)
    return tuple(first + rest[: max(0, size - len(first))])
