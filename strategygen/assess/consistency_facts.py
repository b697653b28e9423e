"""Consistency checks on what a draft asserts: caps, deferred sectors, a strategy's refresh.

Called by :func:`strategygen.assess.consistency.check`, which documents every code; these are

- ``cap``: an institutional cap shown for an area whose stage it does not lower (a cap at or
  above the stage the score gives is no reason for the stage).
- ``deferred-sector``: a sector whose action waits in a crisis, named as a priority (or in a
  list with the sectors the draft pursues) outside the roadmap's list of deferred actions.
- ``refresh-plan``: a draft for a country with an adopted strategy whose evaluate-and-refresh
  action is not high priority or does not start in the first year: the refresh is the
  document's purpose, so it cannot wait.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from strategygen.assess.model import Assessment

#: The action that evaluates and refreshes an adopted strategy (rules/strategy.yaml).
REFRESH_ACTION = "STR-REFRESH"
# "priority", "prioritaire", "prioritario", "prioriteit": one stem in every draft language.
_PRIORITY = re.compile(r"\bpriorit", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.;?!])\s+")


@dataclass(frozen=True)
class Problem:
    """One inconsistency: a code from the module docstring and a message naming the evidence."""

    code: str
    message: str


class Table(Protocol):
    """A table read from the draft (``consistency._Table``)."""

    css: str
    rows: list[list[str]]


def check_caps(a: Assessment, tables: Mapping[str, Sequence[Table]]) -> list[Problem]:
    """Report a cap listed for an area it does not hold back, in the data or the table."""
    out: list[Problem] = []
    for area in a.areas:
        if area.caps and not area.held_back:
            out.append(
                Problem(
                    "cap",
                    f"{area.label}: stage {area.stage} is not lowered by the cap listed for it: "
                    f"{area.caps[0]!r}",
                )
            )
    labels = {area.label: area for area in a.areas}
    for section, found_tables in tables.items():
        for table in found_tables:
            if "maturity" not in table.css.split():
                continue
            for row in table.rows:
                shown = labels.get(row[0]) if row else None
                if shown is None or len(row) < 4 or shown.held_back:
                    continue
                if row[3].strip() not in ("", "\u2014", "-"):
                    out.append(
                        Problem(
                            "cap",
                            f"{section}: {shown.label} is shown as capped ({row[3][:80]!r}) "
                            "although no cap lowers its stage",
                        )
                    )
    return out


def check_deferred_sectors(a: Assessment, text: Mapping[str, Sequence[str]]) -> list[Problem]:
    """Report a deferred sector named as a priority outside the roadmap and the annexes."""
    out: list[Problem] = []
    pursued = [s.short.lower() for s in a.sectors.chosen]
    for sector in a.sectors.deferred:
        name = re.compile(rf"\b{re.escape(sector.short.lower())}\b")
        for section, blocks in text.items():
            if section == "roadmap" or section.startswith("annex"):
                continue
            for block in blocks:
                for sentence in _SENTENCE.split(block):
                    low = sentence.lower()
                    if not name.search(low):
                        continue
                    if _PRIORITY.search(low) or any(p in low for p in pursued):
                        out.append(
                            Problem(
                                "deferred-sector",
                                f"{section}: {sector.short} is deferred in this context but "
                                f"named with the priorities: {sentence[:140]!r}",
                            )
                        )
    return out


def check_refresh(a: Assessment) -> list[Problem]:
    """Report an adopted strategy's refresh that is not high priority from the first year."""
    if a.context.strategy_mode != "refresh":
        return []
    rule = next((r for r in a.fired if r.id == REFRESH_ACTION), None)
    slot = a.schedule.slots.get(REFRESH_ACTION)
    if rule is None or slot is None:
        return []  # the rule was disabled or replaced: nothing to compare
    first = a.schedule.spans["short"][0]
    if rule.priority != "high" or slot.first != first:
        return [
            Problem(
                "refresh-plan",
                f"{REFRESH_ACTION} is {rule.priority} priority from {slot.first}; refreshing the "
                f"adopted strategy is the draft's purpose and starts in {first} at high priority",
            )
        ]
    return []
