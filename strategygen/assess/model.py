"""The assessment's result types: everything the templates print, computed in Python.

These frozen dataclasses are the contract between the assessment stage
(``strategygen.assess.run``) and the document templates. Templates only read them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from strategygen.assess.context import CountryContext
from strategygen.assess.costs import BudgetTable, CostBasis, CostEstimate, TierCost
from strategygen.assess.owners import Owner
from strategygen.assess.sectors import SectorPlan
from strategygen.inputs.profile import CountryProfile

if TYPE_CHECKING:
    # schedule.py reads FiredRule from this module, so it cannot be imported at run time.
    from strategygen.assess.schedule import Schedule

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


@dataclass(frozen=True)
class Benchmark:
    """One index measure (total, pillar or dimension) compared with peer groups."""

    key: str
    label: str
    level: Literal["total", "pillar", "dimension"]
    score: float | None
    cdcc_mean: float
    lac_mean: float
    world_mean: float
    world_rank: int | None
    world_ranked: int
    cdcc_rank: int | None
    cdcc_ranked: int
    cdcc_leader: str
    cdcc_leader_score: float
    gap_to_leader: float | None

    @property
    def gap_to_cdcc_mean(self) -> float | None:
        """Points below the CDCC members' mean (negative when above it); None without a score."""
        if self.score is None:
            return None
        return round(self.cdcc_mean - self.score, 2)

    @property
    def gap_to_lac_mean(self) -> float | None:
        """Points below the Latin America and Caribbean mean (negative when above it)."""
        if self.score is None:
            return None
        return round(self.lac_mean - self.score, 2)


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
    pillar: Literal["enablers", "accelerators", "safeguards"]
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
    dataset_sources: tuple[dict[str, object], ...] = ()
    """Bundled sources the assessment cites beyond the profile's own (sources annex)."""
    expired_plans: frozenset[str] = frozenset()
    """Institution fields (``national_development_plan``, ``digital_strategy``) whose plan
    horizon ended before the build year: the draft shows them as expired, never as current."""

    def benchmark(self, key: str) -> Benchmark:
        """Return the benchmark for ``key`` (``total``, a pillar or a dimension name)."""
        for item in self.benchmarks:
            if item.key == key:
                return item
        raise KeyError(key)

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
