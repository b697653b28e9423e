"""The assessment's result types: everything the templates print, computed in Python.

These frozen dataclasses are the contract between the assessment stage
(``strategygen.assess.run``) and the document templates. Templates only read them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from strategygen.assess.context import CountryContext
from strategygen.assess.costs import BudgetTable, CostBasis, CostEstimate, TierCost
from strategygen.assess.evidence import Evidence
from strategygen.assess.owners import Owner
from strategygen.assess.sentences import first_sentence
from strategygen.inputs.profile import CountryProfile
from strategygen.words import action_title, words

if TYPE_CHECKING:
    # schedule.py and vision.py read this module's types, so they are not imported at run time.
    from strategygen.assess.pillars import PillarView
    from strategygen.assess.results import Objective
    from strategygen.assess.schedule import Schedule
    from strategygen.assess.sectors import SectorPlan
    from strategygen.assess.vision import Vision

Priority = Literal["high", "medium", "low"]
Horizon = Literal["short", "medium", "long"]
Confidence = Literal["high", "medium", "low"]
#: The six strategy areas a rule or KPI belongs to (``maturity.AREAS`` describes them).
Area = Literal["strategy", "safeguards", "infrastructure", "skills", "innovation", "public_sector"]

STAGE_NAMES: dict[int, str] = {
    1: "Basic",
    2: "Opportunistic",
    3: "Systematic",
    4: "Differentiating",
    5: "Transformational",
}

#: The seven national pillars of a draft (their names and mapping in ``data/pillars.yaml``).
PillarKey = Literal[
    "governance", "infrastructure", "skills", "research", "economy", "public_sector", "cooperation"
]


def _gap(mean: float | None, score: float | None) -> float | None:
    return None if mean is None or score is None else round(mean - score, 2)


@dataclass(frozen=True)
class Benchmark:
    """One index measure (total, pillar or dimension) compared with the country's groups.

    ``means`` holds one mean per comparison group that fits the country (keys ``cdcc``,
    ``subregion``, ``lac`` or ``region``, ``income``, ``world``); a group that does not apply
    is absent, so ``cdcc_mean`` is None for a country outside the Caribbean. ``peer`` names the
    group that relative targets and rule thresholds use.
    """

    key: str
    label: str
    level: Literal["total", "pillar", "dimension"]
    score: float | None
    edition: int
    """The edition the score and the means come from."""
    means: Mapping[str, float | None]
    peer: str
    """Key of the peer group in ``means``."""
    world_rank: int | None
    world_ranked: int
    peer_rank: int | None
    peer_ranked: int
    peer_leader: str | None
    peer_leader_score: float | None
    gap_to_leader: float | None
    """Points behind the peer group's highest scorer (0 for the leader)."""

    def mean(self, group: str) -> float | None:
        """Return the mean of one group (None when the group does not apply)."""
        return self.means.get(group)

    @property
    def peer_mean(self) -> float | None:
        """The peer group's mean."""
        return self.means.get(self.peer)

    @property
    def world_mean(self) -> float | None:
        """The mean of every country in the edition."""
        return self.means.get("world")

    @property
    def cdcc_mean(self) -> float | None:
        """The CDCC members' mean, only for CDCC members and associate members."""
        return self.means.get("cdcc")

    @property
    def lac_mean(self) -> float | None:
        """The Latin America and Caribbean mean, only for countries of that region."""
        return self.means.get("lac")

    @property
    def gap_to_peer_mean(self) -> float | None:
        """Points below the peer group's mean (negative when above it); None without a score."""
        return _gap(self.peer_mean, self.score)

    @property
    def gap_to_cdcc_mean(self) -> float | None:
        """Points below the CDCC members' mean (negative when above it); None if not a group."""
        return _gap(self.cdcc_mean, self.score)

    @property
    def gap_to_lac_mean(self) -> float | None:
        """Points below the Latin America and Caribbean mean; None if not a group."""
        return _gap(self.lac_mean, self.score)

    @property
    def cdcc_rank(self) -> int | None:
        """Rank among the CDCC members, when the CDCC is the peer group."""
        return self.peer_rank if self.peer == "cdcc" else None

    @property
    def cdcc_ranked(self) -> int | None:
        """How many CDCC members the edition scores, when the CDCC is the peer group."""
        return self.peer_ranked if self.peer == "cdcc" else None

    @property
    def cdcc_leader(self) -> str | None:
        """The highest-scoring CDCC member, when the CDCC is the peer group."""
        return self.peer_leader if self.peer == "cdcc" else None

    @property
    def cdcc_leader_score(self) -> float | None:
        """The highest CDCC member score, when the CDCC is the peer group."""
        return self.peer_leader_score if self.peer == "cdcc" else None


@dataclass(frozen=True)
class ComparisonGroup:
    """A group the country is compared with, and which countries it held in each edition."""

    key: str
    label: str
    column: str
    """Short table heading, for instance ``Eastern Africa mean``."""
    definition: str
    phrase: str
    """The group in running text: "the CDCC members", "Eastern Africa (its UN sub-region)"."""
    peer: bool
    """True for the group relative targets and rule thresholds use."""
    members: Mapping[int, tuple[str, ...]]
    """Edition year -> names of the group's countries that edition covers."""


@dataclass(frozen=True)
class EditionResult:
    """The country's overall result in one edition of the readiness index."""

    year: int
    framework: str
    """``three-pillar`` (2022-2024) or ``six-pillar`` (2025 on): only the same can be compared."""
    source: str
    """Id of the source to cite: the bundled dataset, or the profile's source when it overrides."""
    covered: bool
    """False when the edition does not cover the country: never read as a score of zero."""
    total: float | None
    rank: int | None
    ranked: int
    from_profile: bool
    means: Mapping[str, float | None]
    """Group key -> the group's mean total in this edition."""


@dataclass(frozen=True)
class LatestMeasure:
    """One measure (total, pillar or dimension) of the newest edition, with group means."""

    key: str
    label: str
    level: Literal["total", "pillar", "dimension"]
    score: float | None
    means: Mapping[str, float | None]
    weight: float | None = None
    """A pillar's weight in the total (2025 framework), else None."""
    leader: str | None = None
    """The peer group's highest scorer on this measure (the country itself if it leads)."""
    leader_score: float | None = None


@dataclass(frozen=True)
class ReadinessView:
    """Every edition of the readiness index as it concerns one country.

    ``latest`` is the newest edition (the framework in force); ``analysis`` is the newest
    edition on the earlier framework, whose ten dimensions feed the benchmarks and maturity
    stages; ``editions`` holds one entry per edition, covered or not.
    """

    index: str
    covered: bool
    groups: tuple[ComparisonGroup, ...]
    editions: tuple[EditionResult, ...]
    analysis: EditionResult | None
    latest: EditionResult | None
    latest_year: int
    latest_framework: str
    earlier_framework: str
    latest_measures: tuple[LatestMeasure, ...]
    imputed_2023: bool
    """Oxford Insights reported more than 40% of the 2023 indicator data imputed."""
    notes: tuple[str, ...] = ()
    indicators: Mapping[str, float | None] | None = None
    """Indicator scores (published for 2023 only): the profile's, else the bundled ones."""
    indicators_year: int | None = None
    indicators_source: str | None = None
    latest_strongest: tuple[LatestMeasure, ...] = ()
    """The newest edition's dimensions furthest above the peer-group mean (two at most)."""
    latest_weakest: tuple[LatestMeasure, ...] = ()
    """The newest edition's dimensions furthest below the peer-group mean (two at most)."""

    @property
    def peer(self) -> ComparisonGroup | None:
        """The peer group, if the country has comparison groups."""
        return next((g for g in self.groups if g.peer), None)

    @property
    def trend(self) -> tuple[EditionResult, ...]:
        """The editions on the earlier (comparable) framework, oldest first."""
        return tuple(e for e in self.editions if e.framework != "six-pillar")

    @property
    def not_covered(self) -> tuple[int, ...]:
        """Editions that do not cover the country."""
        return tuple(e.year for e in self.editions if not e.covered)

    def group(self, key: str) -> ComparisonGroup:
        """Return one comparison group by key."""
        for item in self.groups:
            if item.key == key:
                return item
        raise KeyError(key)


@dataclass(frozen=True)
class Maturity:
    """A maturity stage (1-5) for one assessment area, or overall."""

    area: str
    label: str
    stage: int | None
    stage_name: str
    score: float | None
    basis: str
    caps: tuple[str, ...]
    confidence: Confidence
    confidence_reason: str
    held_back: bool = False
    """Whether a cap lowered the stage the score alone would give (a cap at or above that
    stage is listed in ``caps`` but holds nothing back)."""


@dataclass(frozen=True)
class Trigger:
    """One condition path whose value made a rule fire, as logged in the rules annex."""

    path: str
    value: str
    condition: str

    @property
    def fact(self) -> str:
        """The condition path under the name rule files use (templates may still write it)."""
        return self.path


@dataclass(frozen=True)
class FiredRule:
    """A rule of the library whose condition held for this country."""

    id: str
    area: str
    pillar: PillarKey
    """The national pillar's key (``governance``, ``economy``...; see ``assess/pillars.py``)."""
    priority: Priority
    horizon: Horizon
    finding: str
    recommendation: str
    owner: str | None
    kpis: tuple[str, ...]
    depends_on: tuple[str, ...]
    evidence: str
    library: str
    triggers: tuple[Trigger, ...]
    shipped: bool = True
    """False when the rule came from a user's rule folder rather than the shipped library."""
    lead_domain: str | None = None
    """Domain of the lead body as the rule declares it (see ``assess/owners.py``)."""
    title: str | None = None
    """The action's short name when the rule gives one."""
    defer_in_crisis: bool = False
    """True when the action waits in a fragile context (see ``RuleSpec.defer_in_crisis``)."""
    cost_band: str | None = None
    """Cost band as the rule declares it (``A`` to ``D``), None if it declares none."""
    lead: Owner | None = None
    """The body or role that leads the action (set by the assessment after firing)."""
    cost: CostEstimate | None = None
    """The band scaled to the country (set by the assessment after firing)."""
    first_year: int | None = None
    """Year the action starts, from the schedule (set by the assessment)."""
    last_year: int | None = None
    """Year the action is due or ends, from the schedule (set by the assessment)."""

    @property
    def finding_lead(self) -> str:
        """The finding's first sentence (the fact; later sentences give the reasoning)."""
        return first_sentence(self.finding)

    @property
    def short_title(self) -> str:
        """The action's short name: the wording table's, else the rule's title or recommendation."""
        return action_title(self.id, self.title or self.recommendation)

    @property
    def pillar_label(self) -> str:
        """The national pillar's name, as printed, in the document's language."""
        from strategygen.assess.pillars import PILLAR_KEYS

        # The wording table holds the pillars' names (the same as pillars.yaml's, in
        # English) and the catalogues translate them.
        return words(self.pillar, "pillar", cap=True) if self.pillar in PILLAR_KEYS else self.pillar

    @property
    def years(self) -> str:
        """``2027–2028`` (one year printed once); empty before scheduling."""
        if self.first_year is None or self.last_year is None:
            return ""
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}\u2013{self.last_year}"

    confirms: str | None = None
    """For a confirm step: the path of the fact whose status it asks to confirm (a data gap);
    None for an action that rests on recorded facts."""


@dataclass(frozen=True)
class Baseline:
    """A KPI's starting value, always with its year and source."""

    value: str
    year: int
    source_id: str


@dataclass(frozen=True)
class Kpi:
    """A key performance indicator with baseline and target."""

    id: str
    name: str
    unit: str
    area: str
    level: str
    baseline: Baseline | None
    target: str
    target_year: int
    frequency: str
    responsible: str | None


@dataclass(frozen=True)
class TrainingTier:
    """One tier of the civil-service AI training plan."""

    key: str
    label: str
    audience: str
    ratio: float
    minimum: int
    target: int | None
    basis: str


@dataclass(frozen=True)
class DataGap:
    """A fact the document needs and the profile lacks, with how to collect it."""

    path: str
    label: str
    section: str
    action: str


@dataclass(frozen=True)
class Assessment:
    """Everything the document says about one country, ready to print."""

    profile: CountryProfile
    build_date: dt.date
    horizon_start: int
    horizon_end: int
    benchmarks: tuple[Benchmark, ...]
    strongest: tuple[Benchmark, ...]
    weakest: tuple[Benchmark, ...]
    areas: tuple[Maturity, ...]
    overall: Maturity
    fired: tuple[FiredRule, ...]
    kpis: tuple[Kpi, ...]
    tiers: tuple[TrainingTier, ...]
    gaps: tuple[DataGap, ...]
    completeness: float
    context: CountryContext
    """Region, territory status, fragility and the state of the AI strategy."""
    sectors: SectorPlan
    """Priority sectors (the drafter's, else chosen from the data) and every candidate."""
    schedule: Schedule
    """Horizon spans and each action's years; every year range printed comes from here."""
    priorities: tuple[FiredRule, ...]
    """The executive summary's priority actions (prerequisites first)."""
    cost_basis: CostBasis
    """How estimates are scaled and priced for this country."""
    budget: BudgetTable
    """Estimated spending by pillar and year (empty rows when amounts cannot be priced)."""
    tier_costs: tuple[TierCost, ...]
    """Training tiers' people, due year and cost."""
    bands: tuple[CostEstimate, ...]
    """The cost bands scaled and priced for this country (A to D)."""
    readiness: ReadinessView
    evidence: Evidence
    """Indicators from the bundled datasets (e-government, connectivity, governance...)."""
    vision: Vision
    """The vision statement composed from the country's evidence, and what shaped it."""
    pillars: tuple[PillarView, ...]
    """The national pillars with their actions, indicators and index evidence, in order."""
    results: tuple[Objective, ...]
    """The results framework: one objective per pillar with actions."""
    deferred: tuple[FiredRule, ...] = ()
    """Actions that fired but wait, in a fragile context, until conditions allow them."""
    dataset_sources: tuple[dict[str, object], ...] = ()
    """Bundled sources the assessment cites beyond the profile's own (sources annex)."""
    language: str = "en"
    """The document's language (en, es, fr, nl): every sentence the assessment wrote is in it."""
    expired_plans: frozenset[str] = frozenset()
    """Institution fields (``national_development_plan``, ``digital_strategy``) whose plan
    horizon ended before the build year: the draft shows them as expired, never as current."""
    datasets: tuple[str, ...] = ()
    """Catalogue ids of the bundled datasets the document draws on (for the sources annex)."""

    def benchmark(self, key: str) -> Benchmark:
        """Return the benchmark for ``key`` (``total``, a pillar or a dimension name)."""
        for item in self.benchmarks:
            if item.key == key:
                return item
        raise KeyError(key)

    def pillar(self, key: str) -> PillarView:
        """Return one national pillar's view (``governance``, ``economy``...)."""
        for view in self.pillars:
            if view.spec.key == key:
                return view
        raise KeyError(key)

    def tier_cost(self, key: str) -> TierCost | None:
        """Return the cost of one training tier (``awareness``...), if it was computed."""
        return next((t for t in self.tier_costs if t.key == key), None)

    @property
    def training_delivery_total(self) -> tuple[float, float] | None:
        """The training plan's delivery cost over all tiers with a known size, or None.

        It is not part of the action plan's total (the tiers are costed in the capability
        plan), so the budget chapter states it beside that total.
        """
        known = [t.delivery_usd for t in self.tier_costs if t.delivery_usd is not None]
        if not known:
            return None
        return (sum(r[0] for r in known), sum(r[1] for r in known))

    @property
    def overall_kpis(self) -> tuple[Kpi, ...]:
        """Indicators that no objective of the results framework carries (overall readiness)."""
        placed = {k.id for o in self.results for k in o.indicators}
        return tuple(k for k in self.kpis if k.id not in placed)

    def area(self, key: str) -> Maturity:
        """Return the maturity of one area (``strategy``, ``safeguards``...) or ``overall``."""
        if key == "overall":
            return self.overall
        for item in self.areas:
            if item.area == key:
                return item
        raise KeyError(key)

    def kpi(self, kpi_id: str) -> Kpi:
        """Return the KPI with ``kpi_id`` from this country's KPI set."""
        for item in self.kpis:
            if item.id == kpi_id:
                return item
        raise KeyError(kpi_id)
