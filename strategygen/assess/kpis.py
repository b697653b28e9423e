"""KPI catalogue, baselines from profile facts, relative targets, and training-tier targets.

Baselines come only from facts in the profile (value, year, source id); where the profile has
none, the KPI has no baseline and the assessment records a data gap. Targets are relative moves
(a stage up, half a gap closed, every production use case covered) or numbers computed from
supplied data with stated ratios; no absolute target is invented.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from strategygen.assess.model import Baseline, Benchmark, DataGap, Kpi, Maturity, TrainingTier
from strategygen.inputs.profile import CountryProfile

# Training-tier ratios of civil-service headcount, and minimum sizes. They are planning
# assumptions, not published standards: no source gives Caribbean-specific ratios, so the
# document prints them as adjustable assumptions.
AWARENESS_RATIO = 1.0
LEADERS_RATIO = 0.03
PRACTITIONERS_RATIO = 0.10
SPECIALISTS_RATIO = 0.02
SPECIALISTS_MINIMUM = 5

DEFAULT_RATIOS: dict[str, float] = {
    "awareness": AWARENESS_RATIO,
    "leaders": LEADERS_RATIO,
    "practitioners": PRACTITIONERS_RATIO,
    "specialists": SPECIALISTS_RATIO,
}
TIER_MINIMUMS: dict[str, int] = {
    "awareness": 0,
    "leaders": 0,
    "practitioners": 0,
    "specialists": SPECIALISTS_MINIMUM,
}
_TIER_TEXT: dict[str, tuple[str, str]] = {
    "awareness": ("Foundations and awareness", "every civil servant"),
    "leaders": ("Leaders", "senior civil servants and heads of agencies"),
    "practitioners": (
        "Practitioners",
        "policy, operations, procurement, legal and HR staff who use or commission AI",
    ),
    "specialists": (
        "Specialists",
        "data scientists, data engineers, machine-learning engineers and data ethicists",
    ),
}

# The readiness-total KPI is in every country's set.
READINESS_KPI = "K01"


@dataclass(frozen=True)
class KpiContext:
    """What baselines and targets are computed from."""

    profile: CountryProfile
    horizon_start: int
    horizon_end: int
    benchmarks: Mapping[str, Benchmark]
    maturity: Mapping[str, Maturity]
    tiers: Mapping[str, TrainingTier]

    @property
    def short_year(self) -> int:
        """Year a short-horizon target falls due (end of the first year)."""
        return self.horizon_start

    @property
    def mid_year(self) -> int:
        """Year a medium-horizon target falls due (third year, within the horizon)."""
        return min(self.horizon_start + 2, self.horizon_end)


BaselineFn = Callable[[KpiContext], Baseline | None]
TargetFn = Callable[[KpiContext], tuple[str, int]]


@dataclass(frozen=True)
class KpiSpec:
    """One catalogue entry: what is measured, how often, and how to set its baseline and target."""

    id: str
    name: str
    unit: str
    area: str
    level: str
    frequency: str
    baseline: BaselineFn
    target: TargetFn
    collect: str


def _num(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def _source_year(profile: CountryProfile, source_id: str) -> int | None:
    for source in profile.sources:
        if source.id == source_id:
            return source.year
    return None


def _none(_: KpiContext) -> Baseline | None:
    return None


def _score_baseline(key: str) -> BaselineFn:
    def fn(ctx: KpiContext) -> Baseline | None:
        r = ctx.profile.readiness
        b = ctx.benchmarks.get(key)
        if b is None or b.score is None or r.edition is None or r.source is None:
            return None
        return Baseline(f"{b.score:.2f}", r.edition, r.source)

    return fn


def _score_target(key: str) -> TargetFn:
    """Half the gap to the CDCC mean if below it, else half the gap to the CDCC leader."""

    def fn(ctx: KpiContext) -> tuple[str, int]:
        b = ctx.benchmarks.get(key)
        end = ctx.horizon_end
        if b is None or b.score is None:
            return (
                f"A first readiness assessment completed by {ctx.short_year + 1}; "
                "targets set from its results",
                ctx.short_year + 1,
            )
        if b.score < b.cdcc_mean:
            goal = b.score + (b.cdcc_mean - b.score) / 2
            return (
                f"Close half the gap to the CDCC members' mean ({b.cdcc_mean:.2f}) by {end}: "
                f"{goal:.2f} or higher in the edition published that year",
                end,
            )
        if b.gap_to_leader:
            goal = b.score + b.gap_to_leader / 2
            return (
                f"Close half the gap to the CDCC leader ({b.cdcc_leader}, "
                f"{b.cdcc_leader_score:.2f}) by {end}: {goal:.2f} or higher",
                end,
            )
        return (f"Remain at or above the highest CDCC member score through {end}", end)

    return fn


def _fixed(text: str, when: str = "end") -> TargetFn:
    """Make a target phrase with ``{year}`` filled from the horizon (short, mid or end)."""

    def fn(ctx: KpiContext) -> tuple[str, int]:
        year = {"short": ctx.short_year, "mid": ctx.mid_year}.get(when, ctx.horizon_end)
        return text.replace("{year}", str(year)), year

    return fn


def _strategy_baseline(ctx: KpiContext) -> Baseline | None:
    s = ctx.profile.institutions.ai_strategy
    if s is None:
        return None
    year = s.year or _source_year(ctx.profile, s.source)
    if year is None:
        return None
    label = s.status.replace("_", " ")
    return Baseline(f"{label}" + (f" ({s.title})" if s.title else ""), year, s.source)


def _strategy_target(ctx: KpiContext) -> tuple[str, int]:
    s = ctx.profile.institutions.ai_strategy
    if s is not None and s.status == "adopted":
        return (
            f"A refreshed strategy, informed by an evaluation of the current one, adopted by "
            f"{ctx.mid_year}",
            ctx.mid_year,
        )
    return (
        f"Strategy adopted by a formal government instrument by {ctx.short_year}",
        ctx.short_year,
    )


def _law_baseline(which: str) -> BaselineFn:
    def fn(ctx: KpiContext) -> Baseline | None:
        law = getattr(ctx.profile.law, which)
        if law is None:
            return None
        year = law.year or _source_year(ctx.profile, law.source)
        if year is None:
            return None
        text = law.status.replace("_", " ") + (f" ({law.title})" if law.title else "")
        return Baseline(text, year, law.source)

    return fn


def _dp_target(ctx: KpiContext) -> tuple[str, int]:
    law = ctx.profile.law.data_protection
    if law is not None and law.status == "in_force":
        return (f"In force and enforced; the authority reports every year to {ctx.horizon_end}", 0)
    return (f"Every provision in force by {ctx.mid_year}", ctx.mid_year)


def _count_baseline(which: str, with_share: bool = False) -> BaselineFn:
    def fn(ctx: KpiContext) -> Baseline | None:
        cs = ctx.profile.civil_service
        count = getattr(cs, which)
        if count is None:
            return None
        text = _num(count.value)
        if with_share and cs.headcount is not None and cs.headcount.value > 0:
            text += f" ({100 * count.value / cs.headcount.value:.1f}% of headcount)"
        return Baseline(text, count.year, count.source)

    return fn


def _inventory_source(ctx: KpiContext) -> tuple[int, str] | None:
    psai = ctx.profile.public_sector_ai
    if psai.use_cases is None:
        return None
    ids = [psai.use_cases_source] if psai.use_cases_source else []
    ids += sorted({c.source for c in psai.use_cases})
    years = [y for i in ids if (y := _source_year(ctx.profile, i)) is not None]
    if not ids or not years:
        return None
    return max(years), ids[0]


def _use_case_baseline(kind: str) -> BaselineFn:
    def fn(ctx: KpiContext) -> Baseline | None:
        found = _inventory_source(ctx)
        cases = ctx.profile.public_sector_ai.use_cases
        if found is None or cases is None:
            return None
        year, source = found
        production = [c for c in cases if c.stage == "production"]
        if kind == "production":
            return Baseline(_num(len(production)), year, source)
        if kind == "pilot":
            return Baseline(_num(sum(1 for c in cases if c.stage == "pilot")), year, source)
        if not production:
            return None
        share = 100 * sum(1 for c in production if c.baseline_measured) / len(production)
        return Baseline(f"{share:.0f}%", year, source)

    return fn


def _tier_target(tier: str, kpi_phrase: str, when: str) -> TargetFn:
    def fn(ctx: KpiContext) -> tuple[str, int]:
        year = ctx.mid_year if when == "mid" else ctx.horizon_end
        t = ctx.tiers.get(tier)
        if t is None:
            return (f"Tier target by {year}", year)
        if t.target is None:
            return (
                f"{t.ratio:.0%} of headcount ({kpi_phrase}) by {year}; "
                "the number is set once the headcount is known",
                year,
            )
        return (f"{_num(t.target)} {kpi_phrase} by {year} ({t.basis})", year)

    return fn


def _spec(
    kid: str,
    name: str,
    unit: str,
    area: str,
    level: str,
    frequency: str,
    baseline: BaselineFn,
    target: TargetFn,
    collect: str,
) -> KpiSpec:
    return KpiSpec(kid, name, unit, area, level, frequency, baseline, target, collect)


_DIMENSION_KPIS: dict[str, tuple[str, str]] = {
    "vision": ("Readiness index: vision dimension", "strategy"),
    "governance_ethics": ("Readiness index: governance and ethics dimension", "safeguards"),
    "digital_capacity": ("Readiness index: digital capacity dimension", "public_sector"),
    "adaptability": ("Readiness index: adaptability dimension", "public_sector"),
    "human_capital": ("Readiness index: human capital dimension", "skills"),
    "infrastructure": ("Readiness index: infrastructure dimension", "infrastructure"),
    "data_availability": ("Readiness index: data availability dimension", "infrastructure"),
    "innovation_capacity": ("Readiness index: innovation capacity dimension", "innovation"),
}

_READINESS_COLLECT = (
    "Commission a readiness assessment (for example UNESCO's Readiness Assessment "
    "Methodology) to obtain comparable scores."
)

CATALOGUE: dict[str, KpiSpec] = {
    s.id: s
    for s in (
        _spec(
            "K01",
            "Government AI readiness score (overall)",
            "score 0-100",
            "strategy",
            "impact",
            "each index edition",
            _score_baseline("total"),
            _score_target("total"),
            _READINESS_COLLECT,
        ),
        *(
            _spec(
                f"K01.{dim}",
                name,
                "score 0-100",
                area,
                "impact",
                "each index edition",
                _score_baseline(dim),
                _score_target(dim),
                _READINESS_COLLECT,
            )
            for dim, (name, area) in _DIMENSION_KPIS.items()
        ),
        _spec(
            "K10",
            "National AI strategy adopted by a formal instrument",
            "status and year",
            "strategy",
            "output",
            "annual",
            _strategy_baseline,
            _strategy_target,
            "Record the status of the AI strategy or policy with its year and source.",
        ),
        _spec(
            "K11",
            "Strategy actions delivered on schedule",
            "% of actions due",
            "strategy",
            "output",
            "annual",
            _none,
            _fixed("Every action due in a year delivered or formally rescheduled, to {year}"),
            "Set up an action tracker when the strategy is adopted and report from it each year.",
        ),
        _spec(
            "K12",
            "Strategy objectives with a baseline, a target and a deadline",
            "% of objectives",
            "strategy",
            "output",
            "annual",
            _none,
            _fixed("100% of objectives by {year}", "short"),
            "Review each objective of the strategy for a baseline, a target and a deadline.",
        ),
        _spec(
            "K13",
            "Personal-data protection law status",
            "none / draft / enacted / partly in force / in force",
            "safeguards",
            "output",
            "annual",
            _law_baseline("data_protection"),
            _dp_target,
            "Record the data protection act, its year and which provisions are in force.",
        ),
        _spec(
            "K14",
            "Data-protection authority operational",
            "yes/no",
            "safeguards",
            "output",
            "annual",
            _none,
            _fixed("Authority appointed, staffed and receiving complaints by {year}", "mid"),
            "Confirm whether a data-protection authority (or commissioner) is appointed and "
            "operating.",
        ),
        _spec(
            "K15",
            "Algorithmic impact assessment required of public bodies",
            "yes/no; assessments published",
            "safeguards",
            "output",
            "annual",
            _none,
            _fixed(
                "Requirement adopted by {year} and applied to every new AI system before use",
                "mid",
            ),
            "Record whether any rule requires an impact assessment before a public body uses AI.",
        ),
        _spec(
            "K16",
            "Public AI systems with a published transparency record",
            "% of production use cases",
            "safeguards",
            "output",
            "annual",
            _none,
            _fixed("100% of production use cases by {year}"),
            "Count production AI systems with a public transparency record.",
        ),
        _spec(
            "K17",
            "Staff of the AI governance or delivery unit",
            "full-time equivalents",
            "strategy",
            "input",
            "annual",
            _none,
            _fixed("Every post in the unit's approved establishment filled by {year}", "mid"),
            "Obtain the approved and filled posts of the unit leading AI policy.",
        ),
        _spec(
            "K19",
            "Coordination body meetings held against plan",
            "% of planned meetings",
            "strategy",
            "activity",
            "annual",
            _none,
            _fixed("100% of planned meetings held each year to {year}"),
            "Keep minutes of the coordination body and report meetings held against plan.",
        ),
        _spec(
            "K20",
            "Individuals using the internet",
            "% of population",
            "infrastructure",
            "impact",
            "annual",
            _none,
            _fixed("Higher in every year to {year}; the level is set once a baseline exists"),
            "Take the ITU 'individuals using the Internet' series for the country.",
        ),
        _spec(
            "K23",
            "Gender gap in internet use",
            "percentage points",
            "infrastructure",
            "impact",
            "annual",
            _none,
            _fixed("Narrower in every year to {year}"),
            "Take internet use by sex from ITU or the national household survey.",
        ),
        _spec(
            "K24",
            "Shared government cloud platform",
            "stage 0-3 (GovTech Maturity Index coding)",
            "infrastructure",
            "output",
            "every two years",
            _none,
            _fixed("One step up the 0-3 scale by {year}", "mid"),
            "Take the country's code from the World Bank GovTech dataset.",
        ),
        _spec(
            "K25",
            "Government datasets published as open data",
            "count; % of the data catalogue",
            "infrastructure",
            "output",
            "annual",
            _none,
            _fixed("Higher every year to {year}; the share is set after a first data audit"),
            "Count the datasets on the national open-data portal.",
        ),
        _spec(
            "K30",
            "Agencies at each AI adoption level (0-4)",
            "% distribution of agencies",
            "public_sector",
            "outcome",
            "every two years",
            _none,
            _fixed("Share of agencies at level 0 lower at each census to {year}"),
            "Run the agency AI-maturity census in the annex.",
        ),
        _spec(
            "K31",
            "AI use cases in production",
            "count",
            "public_sector",
            "output",
            "annual",
            _use_case_baseline("production"),
            _fixed(
                "Every production system on the public register by {year}; growth target set "
                "at the first register review",
                "short",
            ),
            "Survey ministries and agencies with the use-case register template.",
        ),
        _spec(
            "K32",
            "AI use cases in pilot",
            "count",
            "public_sector",
            "activity",
            "annual",
            _use_case_baseline("pilot"),
            _fixed(
                "Every pilot registered with a baseline and an evaluation plan by {year}",
                "short",
            ),
            "Survey ministries and agencies with the use-case register template.",
        ),
        _spec(
            "K33",
            "Production use cases with a baseline measured before go-live",
            "% of production use cases",
            "public_sector",
            "output",
            "annual",
            _use_case_baseline("baseline"),
            _fixed("100% of production use cases by {year}", "short"),
            "For each production use case, record whether performance was measured before go-live.",
        ),
        _spec(
            "K40",
            "Processing time of AI-supported services",
            "% change against the pre-deployment baseline",
            "public_sector",
            "outcome",
            "annual",
            _none,
            _fixed(
                "Measured before and after go-live for every production use case to {year}",
            ),
            "Take case-processing times from each service's management information.",
        ),
        _spec(
            "K41",
            "User satisfaction with AI-supported public services",
            "% satisfied",
            "public_sector",
            "outcome",
            "annual",
            _none,
            _fixed("No fall against the pre-deployment level in any year to {year}"),
            "Add a satisfaction question to the service's user survey before go-live.",
        ),
        _spec(
            "K44",
            "Production use cases with documented human oversight",
            "% of production use cases",
            "safeguards",
            "output",
            "annual",
            _none,
            _fixed("100% of production use cases by {year}", "short"),
            "Record the human-oversight arrangement of each production use case in the register.",
        ),
        _spec(
            "K50",
            "Civil servants who completed foundational AI literacy",
            "count; % of headcount",
            "skills",
            "output",
            "annual",
            _count_baseline("ai_trained", with_share=True),
            _tier_target("awareness", "civil servants trained", "mid"),
            "Ask the public service training institute for AI or data course completions.",
        ),
        _spec(
            "K51",
            "AI learning hours delivered",
            "hours",
            "skills",
            "activity",
            "annual",
            _none,
            _fixed("Reported every year to {year}"),
            "Take learning hours from the learning management system.",
        ),
        _spec(
            "K52",
            "Senior leaders who completed an AI leadership course",
            "count; % of senior civil servants",
            "skills",
            "output",
            "annual",
            _none,
            _tier_target("leaders", "leaders trained", "mid"),
            "Count senior civil servants who completed an AI or data leadership course.",
        ),
        _spec(
            "K53",
            "Practitioners certified in AI use",
            "count",
            "skills",
            "output",
            "annual",
            _none,
            _tier_target("practitioners", "practitioners certified", "end"),
            "Count practitioner certifications from the training institute.",
        ),
        _spec(
            "K54",
            "Digital, data and AI specialists in government",
            "full-time equivalents; % of headcount",
            "skills",
            "outcome",
            "annual",
            _count_baseline("digital_specialists", with_share=True),
            _tier_target("specialists", "specialists in post or trained", "end"),
            "Count filled digital, data and technology posts across government.",
        ),
        _spec(
            "K55",
            "Specialist vacancies filled",
            "% of advertised posts; days to hire",
            "skills",
            "outcome",
            "annual",
            _none,
            _fixed("Higher fill rate each year to {year}; level set after one year of data"),
            "Take vacancy and hiring data from the public service commission.",
        ),
        _spec(
            "K57",
            "Staff at target proficiency per role family",
            "% of staff surveyed",
            "skills",
            "outcome",
            "every two years",
            _none,
            _fixed("Baseline survey by the first year; one proficiency level up by {year}"),
            "Run the civil-service AI skills survey in the annex.",
        ),
        _spec(
            "K62",
            "AI and technology start-ups",
            "count",
            "innovation",
            "impact",
            "annual",
            _none,
            _fixed("Higher every year to {year}; level set once a baseline exists"),
            "Ask the business registry or innovation agency for a count of technology start-ups.",
        ),
    )
}


def kpi_sort_key(kpi_id: str) -> tuple[int, str]:
    """Order KPI ids numerically (K01 < K01.vision < K10 < K54)."""
    head, _, tail = kpi_id.partition(".")
    return int(head[1:]), tail


def training_tiers(
    profile: CountryProfile, ratios: Mapping[str, float] | None = None
) -> tuple[TrainingTier, ...]:
    """Compute the four training tiers' targets from the civil-service headcount.

    Args:
        profile: The validated country profile.
        ratios: Optional overrides of ``DEFAULT_RATIOS`` (tier key -> share of headcount, 0-1).

    Returns:
        Awareness, leaders, practitioners and specialists tiers; ``target`` is None when the
        headcount is unknown.

    Raises:
        ValueError: If ``ratios`` names an unknown tier or a share outside 0-1 (a programming
            error, not a data problem).

    """
    merged = dict(DEFAULT_RATIOS)
    for key, value in (ratios or {}).items():
        if key not in merged:
            raise ValueError(f"unknown training tier {key!r}; known: {', '.join(merged)}")
        if not 0 <= value <= 1:
            raise ValueError(f"ratio for {key!r} must be between 0 and 1 (got {value})")
        merged[key] = float(value)
    headcount = profile.civil_service.headcount
    out: list[TrainingTier] = []
    for key, ratio in merged.items():
        label, audience = _TIER_TEXT[key]
        minimum = TIER_MINIMUMS[key]
        floor_text = f", minimum {minimum}" if minimum else ""
        if headcount is None:
            target = None
            basis = f"{ratio:.0%} of civil-service headcount{floor_text}; headcount not recorded"
        else:
            target = max(minimum, math.ceil(ratio * headcount.value - 1e-9))
            basis = (
                f"{ratio:.0%} of a headcount of {_num(headcount.value)} "
                f"({headcount.year}){floor_text}"
            )
        out.append(TrainingTier(key, label, audience, ratio, minimum, target, basis))
    return tuple(out)


def build_kpis(
    ids: Iterable[str], ctx: KpiContext, responsible: Mapping[str, str | None]
) -> tuple[tuple[Kpi, ...], tuple[DataGap, ...]]:
    """Build the KPI records for ``ids`` and a data gap for each missing baseline.

    Args:
        ids: KPI ids from the catalogue (unknown ids are ignored; the rule loader rejects them).
        ctx: Profile, horizon, benchmarks, maturity and training tiers.
        responsible: KPI id -> body responsible (from the owner of the first rule naming it).

    Returns:
        (KPIs sorted by id, data gaps for KPIs without a baseline).

    """
    kpis: list[Kpi] = []
    gaps: list[DataGap] = []
    for kid in sorted(set(ids) & set(CATALOGUE), key=kpi_sort_key):
        spec = CATALOGUE[kid]
        baseline = spec.baseline(ctx)
        target, year = spec.target(ctx)
        kpis.append(
            Kpi(
                id=spec.id,
                name=spec.name,
                unit=spec.unit,
                area=spec.area,
                level=spec.level,
                baseline=baseline,
                target=target,
                target_year=year or ctx.horizon_end,
                frequency=spec.frequency,
                responsible=responsible.get(kid),
            )
        )
        if baseline is None:
            gaps.append(
                DataGap(
                    path=f"kpi.{kid}",
                    label=f"baseline for {kid}: {spec.name.lower()}",
                    section="monitoring",
                    action=spec.collect,
                )
            )
    return tuple(kpis), tuple(gaps)
