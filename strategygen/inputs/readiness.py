"""Profile model: Government AI Readiness Index scores and their arithmetic (pydantic v2)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import Field, ValidationInfo, field_validator, model_validator

from strategygen.inputs.fields import (
    LongText,
    Score,
    ShortText,
    SourceId,
    StrictModel,
    Year,
    deferred,
)

# Tolerance for the index's own rounding: the published pillar and total scores are
# rounded to two decimals, so a mean recomputed from rounded parts can differ by a few
# hundredths. Anything larger is a typing error.
MEAN_TOLERANCE = 0.06


class Pillars(StrictModel):
    """The three pillars of the Government AI Readiness Index (2020-2024 framework)."""

    government: Score
    """Government pillar: mean of vision, governance_ethics, digital_capacity, adaptability."""
    technology_sector: Score
    """Technology Sector pillar: mean of maturity, innovation_capacity, human_capital."""
    data_infrastructure: Score
    """Data & Infrastructure pillar: mean of infrastructure, data_availability,
    data_representativeness."""


class Dimensions(StrictModel):
    """The ten dimensions of the Government AI Readiness Index; `null` where the index has none."""

    vision: Score | None = None
    """Does the government have a vision for implementing AI?"""
    governance_ethics: Score | None = None
    """Are the right regulations and ethical frameworks in place?"""
    digital_capacity: Score | None = None
    """What is the existing digital capacity within government?"""
    adaptability: Score | None = None
    """Can the government change and innovate effectively?"""
    maturity: Score | None = None
    """Can the technology sector supply governments with AI technologies?"""
    innovation_capacity: Score | None = None
    """Does the technology sector have the conditions to support innovation?"""
    human_capital: Score | None = None
    """Are the right skills in the population to support the technology sector?"""
    infrastructure: Score | None = None
    """Is there good technological infrastructure to support AI?"""
    data_availability: Score | None = None
    """Is there good availability of data that could be used to train AI models?"""
    data_representativeness: Score | None = None
    """Is the available data likely to represent the whole population?"""


PILLAR_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "government": ("vision", "governance_ethics", "digital_capacity", "adaptability"),
    "technology_sector": ("maturity", "innovation_capacity", "human_capital"),
    "data_infrastructure": ("infrastructure", "data_availability", "data_representativeness"),
}

INDICATOR_NAMES: tuple[str, ...] = (
    "ai_strategy",
    "data_protection_and_privacy_laws",
    "cybersecurity",
    "regulatory_quality",
    "ethical_principles",
    "accountability",
    "online_services",
    "foundational_it_infrastructure",
    "government_promotion_of_investment_in_emerging_technologies",
    "government_effectiveness",
    "government_responsiveness_to_change",
    "procurement_data",
    "number_of_ai_unicorns_log_transformation",
    "number_of_non_ai_unicorns_log_transformation",
    "value_of_trade_in_ict_services_per_capita_log_transformation",
    "value_of_trade_in_ict_goods_per_capita_log_transformation",
    "computer_software_spending",
    "time_spent_dealing_with_government_regulations",
    "vc_availability",
    "r_d_spending_log_transformation",
    "company_investment_in_emerging_technology",
    "ai_research_papers_log_transformation",
    "graduates_in_stem_or_computer_science",
    "github_activity_log_transformation",
    "female_stem_graduates",
    "quality_of_engineering_and_technology_higher_ed",
    "ict_skills",
    "telecommunications_infrastructure",
    "supercomputers_log_transformation",
    "broadband_quality",
    "5g_infrastructure",
    "adoption_of_emerging_technologies",
    "open_data",
    "data_governance",
    "mobile_cellular_telephone_subscriptions",
    "households_with_internet_access",
    "statistical_capacity",
    "cost_of_cheapest_internet_enabled_device_of_monthly_gdp_per_capita",
    "gender_gap_in_internet_access",
)


class Readiness(StrictModel):
    """Scores from the Government AI Readiness Index, or a statement that none exist."""

    covered: bool
    """Whether the index covers this country. Territories outside it set `false` and no scores."""
    index: ShortText = "Government AI Readiness Index"
    """Name of the index."""
    edition: Year | None = None
    """Edition (year) of the index the scores come from."""
    source: SourceId | None = None
    """Source of the scores."""
    rank: Annotated[int, Field(ge=1)] | None = None
    """Global rank in that edition."""
    ranked_countries: Annotated[int, Field(ge=1)] | None = None
    """Number of countries ranked in that edition (the N of 'rank of N')."""
    total: Score | None = None
    """Overall score: the mean of the three pillars."""
    pillars: Pillars | None = None
    """Pillar scores."""
    dimensions: Dimensions | None = None
    """Dimension scores."""
    indicators: dict[str, Score | None] | None = None
    """Optional indicator scores keyed by indicator name; `null` where the index has no value."""
    imputed_over_40pct: bool = False
    """True when the index imputed more than 40% of this country's indicator data."""
    note: LongText | None = None
    """Free-text remark, for instance why the country is not covered."""

    @field_validator("indicators")
    @classmethod
    def _known_indicators(cls, value: dict[str, float | None] | None) -> Any:
        if value is not None:
            unknown = sorted(set(value) - set(INDICATOR_NAMES))
            if unknown:
                raise ValueError(f"unknown indicator name(s): {', '.join(unknown)}")
        return value

    @model_validator(mode="after")
    def _coverage_consistent(self, info: ValidationInfo) -> Readiness:
        scored = ("edition", "source", "rank", "ranked_countries", "total", "pillars", "dimensions")
        if self.covered:
            missing = [name for name in scored if getattr(self, name) is None]
            if missing:
                raise ValueError(
                    f"covered is true, so {', '.join(missing)} must be given "
                    "(set covered: false if the index does not cover this country)"
                )
        else:
            present = [name for name in scored[2:] if getattr(self, name) is not None]
            if present:
                raise ValueError(
                    f"covered is false, so {', '.join(present)} must be left out "
                    "(scores for an uncovered country would be invented)"
                )
        if not deferred(info):
            problems = list(self.inconsistencies())
            if problems:
                raise ValueError("; ".join(f"{'.'.join(loc)}: {msg}" for loc, msg, _ in problems))
        return self

    def inconsistencies(self) -> Iterator[tuple[tuple[str, ...], str, str]]:
        """Yield (relative field path, message, offending value) for broken index arithmetic."""
        if self.rank is not None and self.ranked_countries is not None:
            if self.rank > self.ranked_countries:
                yield (
                    ("rank",),
                    f"rank {self.rank} is beyond the {self.ranked_countries} ranked countries",
                    str(self.rank),
                )
        if self.pillars is None or self.dimensions is None:
            return
        for pillar, dims in PILLAR_DIMENSIONS.items():
            stated = float(getattr(self.pillars, pillar))
            # The index averages the dimensions it has; a missing one is left out.
            parts = [getattr(self.dimensions, d) for d in dims]
            known = [float(x) for x in parts if x is not None]
            mean = sum(known) / len(known) if known else stated
            if abs(stated - mean) > MEAN_TOLERANCE:
                yield (
                    ("pillars", pillar),
                    f"pillar score {stated:.2f} differs from {mean:.2f}, the mean of its "
                    f"dimensions ({', '.join(dims)}); one of these numbers is mistyped",
                    f"{stated:g}",
                )
        if self.total is not None:
            mean = (
                self.pillars.government
                + self.pillars.technology_sector
                + self.pillars.data_infrastructure
            ) / 3
            if abs(self.total - mean) > MEAN_TOLERANCE:
                yield (
                    ("total",),
                    f"total {self.total:.2f} differs from {mean:.2f}, the mean of the three "
                    "pillars; one of these numbers is mistyped",
                    f"{self.total:g}",
                )
