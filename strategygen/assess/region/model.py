"""The regional overview's result types: everything its templates print, computed in Python.

Frozen dataclasses of plain values (strings, numbers, tuples). A figure the document prints
carries the number of its entry in the document's sources (``ref``); ``None`` where a value
is unknown, which the templates print as a visible gap, never as a zero or an absence. The
policy tables' types (laws, AI strategies, civil-service capacity) live in ``policy_model``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from strategygen.assess.region.policy_model import CapacityRow as CapacityRow
from strategygen.assess.region.policy_model import Headcount as Headcount
from strategygen.assess.region.policy_model import LawCell as LawCell
from strategygen.assess.region.policy_model import LawCount as LawCount
from strategygen.assess.region.policy_model import Legal as Legal
from strategygen.assess.region.policy_model import LegalRow as LegalRow
from strategygen.assess.region.policy_model import Status as Status
from strategygen.assess.region.policy_model import StrategyRow as StrategyRow


@dataclass(frozen=True)
class SourceEntry:
    """One entry of the overview's sources annex, cited in the text as ``[number]``."""

    number: int
    title: str
    publisher: str
    year: int | None
    url: str | None
    licence: str | None
    used_for: tuple[str, ...]
    """What the overview takes from it ("readiness scores", "Jamaica: data protection")."""


@dataclass(frozen=True)
class Member:
    """One country of the group, with the link to its own draft."""

    code: str
    name: str
    status: str
    """``member``, ``associate member`` or ``none`` (its CDCC status)."""
    population: int | None
    population_year: int | None
    population_ref: int | None
    draft_html: str
    """Relative link from the overview to the country's HTML draft."""
    draft_pdf: str


@dataclass(frozen=True)
class EditionCell:
    """A member's overall result in one edition of the readiness index."""

    year: int
    covered: bool
    """False when the edition does not cover the member: "not covered", never zero."""
    total: float | None
    rank: int | None
    """World rank in the edition."""
    ranked: int
    group_rank: int | None
    """Rank among the group's members that the edition covers."""
    group_ranked: int


@dataclass(frozen=True)
class TrendRow:
    """A member's results 2022-2024 (one framework) and its change over the editions it is in."""

    code: str
    name: str
    cells: tuple[EditionCell, ...]
    change: float | None
    """Points gained (negative: lost) from the first to the last comparable edition covering it."""
    change_from: int | None
    change_to: int | None
    rank_change: int | None
    """World places gained (negative: lost) over the same editions."""


@dataclass(frozen=True)
class EditionSummary:
    """The group in one edition: how many members it covers and the means around them."""

    year: int
    framework: str
    """``three-pillar`` or ``six-pillar``."""
    ranked: int
    covered: int
    not_covered: tuple[str, ...]
    """Names of the members the edition does not cover."""
    group_mean: float | None
    lac_mean: float | None
    world_mean: float | None
    leader: str | None
    leader_score: float | None
    last: str | None
    last_score: float | None
    spread: float | None
    """Points between the leader and the last member."""
    ref: int


@dataclass(frozen=True)
class TrendSummary:
    """How the members' scores moved between the first and last comparable editions."""

    first: int
    last: int
    compared: int
    """Members covered by both editions."""
    rising: tuple[str, ...]
    falling: tuple[str, ...]
    gains: tuple[tuple[str, float], ...]
    """The largest gains (name, points), at most three, largest first."""
    losses: tuple[tuple[str, float], ...]
    """The members whose score fell (name, points), largest fall first."""
    up_but_down: tuple[str, ...] = ()
    """Members whose score rose while their world rank fell."""
    ranked: tuple[int, ...] = ()
    """How many countries each comparable edition ranks, oldest first."""


@dataclass(frozen=True)
class Tally:
    """The members in one state (of their AI strategy, say), for summaries."""

    state: str
    label: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Position:
    """A member's place in the newest edition (2025 framework) with its six pillar scores."""

    code: str
    name: str
    covered: bool
    total: float | None
    rank: int | None
    ranked: int
    group_rank: int | None
    pillars: tuple[float | None, ...]


@dataclass(frozen=True)
class HeatRow:
    """A member's ten dimension scores in its latest comparable edition."""

    code: str
    name: str
    edition: int | None
    """The edition the scores come from; None when no comparable edition covers the member."""
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class HeatMap:
    """The ten dimensions of the three-pillar framework per member."""

    edition: int
    """The edition most rows come from (the latest comparable one)."""
    dimensions: tuple[tuple[str, str], ...]
    """(key, label) in the framework's order."""
    pillars: tuple[tuple[str, int], ...]
    """(label, number of dimensions) for the header row."""
    rows: tuple[HeatRow, ...]
    means: tuple[float | None, ...]
    """The group mean per dimension over the rows from ``edition``."""
    strongest: tuple[str, ...]
    """Labels of the dimensions with the highest group means (two)."""
    weakest: tuple[str, ...]
    """Labels of the dimensions with the lowest group means (two)."""
    refs: tuple[int, ...]


@dataclass(frozen=True)
class EgovRow:
    """A member's e-government scores (UN E-Government Survey) and Internet use (WDI)."""

    code: str
    name: str
    egdi: float | None
    osi: float | None
    tii: float | None
    hci: float | None
    rank: int | None
    internet: float | None
    internet_year: int | None
    internet_stale: int | None = None
    """Year of the latest Internet figure when it is too old to print (``internet`` is None)."""


@dataclass(frozen=True)
class Egov:
    """E-government and connectivity, side by side."""

    edition: int
    ranked: int
    rows: tuple[EgovRow, ...]
    egdi_mean: float | None
    internet_mean: float | None
    internet_years: str
    """The years the Internet figures refer to, as printed (``2022-2024``)."""
    egdi_ref: int
    internet_ref: int


@dataclass(frozen=True)
class Finding:
    """A rule of the library and the members whose country assessment fired it."""

    rule: str
    label: str
    area: str
    priority: str
    members: tuple[str, ...]
    """Names of the members it fired for."""
    count: int


@dataclass(frozen=True)
class Served:
    """A member a regional action serves, and the figures that say why."""

    code: str
    name: str
    why: str


@dataclass(frozen=True)
class RegionalAction:
    """A piece of shared work, the members it serves and the reasons from the data."""

    key: str
    title: str
    aim: str
    criterion: str
    """The test a member passes to be served, in words."""
    served: tuple[Served, ...]
    to_confirm: tuple[Served, ...]
    """Members whose facts are not on record, so whether they need it is to be confirmed."""
    partners: tuple[Served, ...]
    """Members with experience to share (for instance an adopted strategy)."""
    precedent: str | None
    precedent_ref: int | None
    refs: tuple[int, ...] = ()
    """Sources of the figures given as reasons."""


@dataclass(frozen=True)
class BriefFact:
    """One line of a member's brief: a label, the value in words and its source."""

    label: str
    value: str
    ref: int | None
    gap: bool = False
    """True when the value is a gap to close rather than a fact."""


@dataclass(frozen=True)
class Brief:
    """A member's one-page brief."""

    code: str
    name: str
    facts: tuple[BriefFact, ...]
    stage: str
    """The overall maturity stage its draft assigns, in words."""
    priorities: tuple[str, ...]
    """The first priority actions of its draft."""
    actions: tuple[str, ...]
    """Titles of the regional actions that serve it."""
    gaps: int
    draft_html: str
    draft_pdf: str


@dataclass(frozen=True)
class GapRow:
    """What is missing for one member: in the index, the other data and its profile."""

    code: str
    name: str
    coverage: tuple[str, ...]
    """Editions and datasets that do not cover it."""
    profile: tuple[str, ...]
    """Facts its draft marks as data gaps (indicator baselines apart)."""
    baselines: int
    """Indicators of its draft whose baseline is a data gap."""


@dataclass(frozen=True)
class OutsideRow:
    """A country or territory reported apart (not in the index), with what is known of it."""

    code: str
    name: str
    status: str
    editions: tuple[int, ...]
    """Editions of the index that cover it (empty for every associate member to date)."""
    egdi: float | None
    internet: float | None
    internet_year: int | None
    internet_stale: int | None
    laws_on_record: int
    """How many of the four laws its profile records with a status."""
    strategy: Status
    draft_html: str
    draft_pdf: str


@dataclass(frozen=True)
class RegionAssessment:
    """Everything the regional overview says, ready to print."""

    key: str
    name: str
    title: str
    kind: str
    build_date: dt.date
    membership_ref: int | None
    """Source of the group's membership (the CDCC's list; None for other groups)."""
    members: tuple[Member, ...]
    outside: tuple[Member, ...]
    without_profile: tuple[str, ...]
    editions: tuple[EditionSummary, ...]
    """Every bundled edition, oldest first."""
    comparable: tuple[EditionSummary, ...]
    """The editions on the three-pillar framework (2022-2024)."""
    newest: EditionSummary
    """The newest edition (2025, its own framework)."""
    trend: tuple[TrendRow, ...]
    trend_summary: TrendSummary
    latest: tuple[Position, ...]
    latest_pillars: tuple[tuple[str, str, float], ...]
    """(key, label, weight) of the newest edition's pillars."""
    heatmap: HeatMap
    egov: Egov
    legal: Legal
    strategies: tuple[StrategyRow, ...]
    strategy_tally: tuple[Tally, ...]
    ram_tally: tuple[Tally, ...]
    capacity: tuple[CapacityRow, ...]
    findings: tuple[Finding, ...]
    actions: tuple[RegionalAction, ...]
    briefs: tuple[Brief, ...]
    gaps: tuple[GapRow, ...]
    outside_rows: tuple[OutsideRow, ...]
    sources: tuple[SourceEntry, ...]
