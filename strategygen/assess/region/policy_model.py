"""The regional overview's policy tables: laws, AI strategies and civil-service capacity.

Part of the overview's result (``RegionAssessment.legal``, ``strategies`` and ``capacity``);
``strategygen.assess.region.model`` re-exports these types, so callers name them from there.
As there, ``None`` is an unknown that the templates print as a visible gap.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LawCell:
    """The state of one law in one member, as its profile records it."""

    law: str
    law_label: str
    """The law's name in the matrix ("Data protection")."""
    state: str
    """A law status (``in_force``...), ``none`` (a sourced absence), ``unverified`` (the law
    is named but its status was not confirmed) or ``unknown`` (nothing on record)."""
    label: str
    """The state in words ("In force", "Not confirmed")."""
    title: str | None
    year: int | None
    ref: int | None


@dataclass(frozen=True)
class LegalRow:
    """One member's row of the legal matrix."""

    code: str
    name: str
    cells: tuple[LawCell, ...]


@dataclass(frozen=True)
class LawCount:
    """How many members are in each state for one law."""

    law: str
    label: str
    in_force: int
    partly: int
    """Enacted but not (fully) in force."""
    draft: int
    none: int
    not_confirmed: int
    summary: str
    """The non-zero counts in words ("in force in 9, a draft bill in 2, not confirmed for 5")."""


@dataclass(frozen=True)
class Legal:
    """The legal matrix: four laws per member, with counts per law."""

    laws: tuple[tuple[str, str], ...]
    rows: tuple[LegalRow, ...]
    counts: tuple[LawCount, ...]
    titled: tuple[tuple[str, LawCell], ...]
    """(member name, cell) for every law a profile names by its title."""


@dataclass(frozen=True)
class Status:
    """A recorded status (AI strategy, readiness assessment, lead body) and its source."""

    state: str
    """The recorded value, or ``unknown`` when nothing is on record."""
    label: str
    title: str | None
    year: int | None
    ref: int | None


@dataclass(frozen=True)
class StrategyRow:
    """One member's AI strategy, UNESCO readiness assessment and AI lead body."""

    code: str
    name: str
    strategy: Status
    ram: Status
    lead: Status


@dataclass(frozen=True)
class Headcount:
    """A civil-service figure with what it counts, its year and source."""

    value: int
    year: int
    scope: str | None
    """What is counted, in words; None when the profile does not say."""
    approximate: bool
    ref: int | None


@dataclass(frozen=True)
class CapacityRow:
    """One member's civil-service figures (each None when not on record)."""

    code: str
    name: str
    headcount: Headcount | None
    specialists: Headcount | None
    trained: Headcount | None
