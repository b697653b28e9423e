"""The assessment's result types: everything the templates print, computed in Python.

These frozen dataclasses are the contract between the assessment stage
(``strategygen.assess.run``) and the document templates. Templates only read them. The
readiness index's types (benchmarks, comparison groups, editions) live in ``readiness_model``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from strategygen.assess.context import CountryContext
from strategygen.assess.costs import BudgetTable, CostBasis, CostEstimate, TierCost
from strategygen.assess.evidence import Evidence
from strategygen.assess.financing import FinancingLine
from strategygen.assess.owners import Owner
from strategygen.assess.readiness_model import Benchmark as Benchmark
from strategygen.assess.readiness_model import ComparisonGroup as ComparisonGroup
from strategygen.assess.readiness_model import EditionResult as EditionResult
from strategygen.assess.readiness_model import LatestMeasure as LatestMeasure
from strategygen.assess.readiness_model import ReadinessView as ReadinessView
from strategygen.assess.sentences import first_sentence
from strategygen.i18n.catalog import N_
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
    1: N_("Basic"),
    2: N_("Opportunistic"),
    3: N_("Systematic"),
    4: N_("Differentiating"),
    5: N_("Transformational"),
}

#: The seven national pillars of a draft (their names and mapping in ``data/pillars.yaml``).
PillarKey = Literal[
    "governance", "infrastructure", "skills", "research", "economy", "public_sector", "cooperation"
]


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
    """The institutional gates that lower this area's stage (a gate at or above the stage the
    score alone would give is not listed: it holds nothing back)."""
    confidence: Confidence
    confidence_reason: str
    held_back: bool = False
    """Whether a cap lowered the stage the score alone would give (then ``caps`` is not
    empty)."""


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
    year: int | None
    """Year of the value; None for a recorded status whose source gives no date (printed as
    undated rather than dropped: a sourced "none" is still a starting point)."""
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
    cap: int | None = None
    """Most people the tier plans for, whatever the headcount (None: no cap)."""
    capped: bool = False
    """True when the cap, not the ratio, set ``target``."""


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
    financing: tuple[FinancingLine, ...] = ()
    """The costed actions grouped by the kind of funding that suits them."""
    risk_actions: Mapping[str, tuple[str, ...]] | None = None
    """Risk key of the risk register -> ids of the plan's actions that treat it."""
    income_group: str | None = None
    """The World Bank income group (``Upper middle income``), from the bundled WDI file."""

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
