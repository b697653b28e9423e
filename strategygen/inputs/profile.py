"""The country-profile model: what a well-formed profile is (pydantic v2, no I/O)."""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from strategygen.inputs.problems import PatternHelp

SCHEMA_VERSION = 1

# Tolerance for the index's own rounding: the published pillar and total scores are
# rounded to two decimals, so a mean recomputed from rounded parts can differ by a few
# hundredths. Anything larger is a typing error.
MEAN_TOLERANCE = 0.06

SourceId = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_.-]*$",
        max_length=64,
        description="Id of an entry in the profile's `sources` registry.",
    ),
    PatternHelp(
        "must be a source id: lower-case letters, digits, '.', '_' or '-', starting with a "
        "letter or digit"
    ),
]
Year = Annotated[int, Field(ge=1900, le=2100, description="Calendar year.")]
Score = Annotated[float, Field(ge=0, le=100, description="Index score on a 0-100 scale.")]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]
LongText = Annotated[str, Field(min_length=1, max_length=4000)]


class _Model(BaseModel):
    """Shared configuration: strict keys, immutable, documented fields."""

    # The field documentation (the string under each field) is read by inputs/docs.py
    # when a schema is made, not by pydantic at every import.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(_Model):
    """One entry of the sources registry; every fact points to one by `id`."""

    id: SourceId
    """Short identifier that facts use in their `source` field (lower case, digits, `._-`)."""
    title: ShortText
    """Title of the document, dataset or web page."""
    publisher: ShortText
    """Organisation that published it."""
    year: Year
    """Year of publication (or of the edition used)."""
    url: (
        Annotated[
            str,
            Field(pattern=r"^https?://\S+$", max_length=500),
            PatternHelp("must be a web address starting with http:// or https://, without spaces"),
        ]
        | None
    ) = None
    """Where a reader can find it. Printed as text; never fetched by the tool."""
    licence: ShortText | None = None
    """Licence under which the data may be reused, for instance `CC BY 4.0`."""
    accessed: dt.date | None = None
    """Date the source was consulted (YYYY-MM-DD)."""


class Count(_Model):
    """A whole-number fact with its year and source."""

    value: Annotated[int, Field(ge=0)]
    """The number."""
    year: Year
    """Year the number refers to."""
    source: SourceId
    """Id of the source in the registry."""


class Amount(_Model):
    """A monetary or decimal fact with its year and source."""

    value: Annotated[float, Field(ge=0)]
    """The amount."""
    year: Year
    """Year the amount refers to."""
    source: SourceId
    """Id of the source in the registry."""


@functools.cache
def iso3166_pairs() -> dict[str, str]:
    """Map every ISO 3166-1 alpha-3 code to its alpha-2 code (pycountry's data).

    The data file is read directly: importing pycountry reads installed-package metadata,
    which costs more than validating a whole profile.
    """
    spec = importlib.util.find_spec("pycountry")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pycountry is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    data = json.loads((folder / "databases" / "iso3166-1.json").read_text(encoding="utf-8"))
    return {entry["alpha_3"]: entry["alpha_2"] for entry in data["3166-1"]}


class Identity(_Model):
    """Who the profile is about."""

    name: ShortText
    """Common English name of the country or territory, as printed in the document."""
    official_name: ShortText | None = None
    """Formal name, if different."""
    iso3: Annotated[
        str,
        Field(pattern=r"^[A-Z]{3}$"),
        PatternHelp("must be three upper-case letters, for example 'JAM'"),
    ]
    """ISO 3166-1 alpha-3 code (upper case), for example `JAM`."""
    iso2: Annotated[
        str,
        Field(pattern=r"^[A-Z]{2}$"),
        PatternHelp("must be two upper-case letters, for example 'JM'"),
    ]
    """ISO 3166-1 alpha-2 code (upper case), for example `JM`."""
    languages: Annotated[list[ShortText], Field(max_length=10)] = []
    """Official or main languages, most used first (empty: a data gap to fill)."""
    document_language: Annotated[
        str,
        Field(pattern=r"^[a-z]{2}(-[A-Z]{2})?$"),
        PatternHelp("must be a language tag such as 'en' or 'en-GB'"),
    ] = "en"
    """BCP 47 language tag of the generated document (the default templates are English)."""
    cdcc_status: Literal["member", "associate member", "none"]
    """Status in ECLAC's Caribbean Development and Cooperation Committee."""
    un_region: ShortText | None = None
    """UN M49 sub-region, for example `Caribbean`."""
    sids: bool | None = None
    """Whether it is on the UN list of small island developing states (null: not checked)."""
    source: SourceId
    """Source of the codes, names and languages."""

    @field_validator("iso3")
    @classmethod
    def _known_iso3(cls, value: str) -> str:
        if value not in iso3166_pairs():
            raise ValueError("is not an ISO 3166-1 alpha-3 country code; use the three-letter code")
        return value

    @field_validator("iso2")
    @classmethod
    def _known_iso2(cls, value: str, info: ValidationInfo) -> str:
        pairs = iso3166_pairs()
        if value not in pairs.values():
            raise ValueError("is not an ISO 3166-1 alpha-2 country code; use the two-letter code")
        # iso3 is declared first, so it is in info.data when it passed its own checks;
        # checking the pair here reports the mismatch at the iso2 line.
        iso3 = info.data.get("iso3")
        alpha_2 = pairs.get(iso3) if iso3 else None
        if alpha_2 is not None and alpha_2 != value:
            raise ValueError(
                f"does not match iso3 {iso3!r}; ISO 3166 pairs {iso3} with {alpha_2!r}"
            )
        return value


class Context(_Model):
    """Basic national context figures."""

    population: Count | None = None
    """Total population (World Bank SP.POP.TOTL or a national statistics office)."""
    gdp_per_capita_usd: Amount | None = None
    """GDP per capita in current US dollars (World Bank NY.GDP.PCAP.CD)."""


class Pillars(_Model):
    """The three pillars of the Government AI Readiness Index (2020-2024 framework)."""

    government: Score
    """Government pillar: mean of vision, governance_ethics, digital_capacity, adaptability."""
    technology_sector: Score
    """Technology Sector pillar: mean of maturity, innovation_capacity, human_capital."""
    data_infrastructure: Score
    """Data & Infrastructure pillar: mean of infrastructure, data_availability,
    data_representativeness."""


class Dimensions(_Model):
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


class Readiness(_Model):
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
        if not _deferred(info):
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


class Agency(_Model):
    """A public body with a role in digital government or AI."""

    name: ShortText
    """Full name of the body."""
    acronym: Annotated[str, Field(max_length=20)] | None = None
    """Short form used in the text, if any."""
    source: SourceId
    """Source that names the body in this role."""


class Plan(_Model):
    """A national plan or strategy document."""

    title: ShortText
    """Title of the plan."""
    year: Year | None = None
    """Year of adoption or publication."""
    status: Literal["draft", "adopted"] = "adopted"
    """Whether the plan is a draft or formally adopted."""
    source: SourceId
    """Source for the plan."""


AiStrategyStatus = Literal[
    "none", "announced", "in_preparation", "recommendations_only", "draft", "adopted"
]


class AiStrategy(_Model):
    """The state of the country's national AI strategy or policy."""

    status: AiStrategyStatus
    """One of none, announced, in_preparation, recommendations_only, draft, adopted."""
    title: ShortText | None = None
    """Title of the strategy or policy, if there is one."""
    year: Year | None = None
    """Year of adoption, publication or announcement."""
    source: SourceId
    """Source for the status."""


class EthicsBody(_Model):
    """A national body that oversees the ethics of AI or data use."""

    exists: bool
    """Whether such a body exists."""
    name: ShortText | None = None
    """Its name, if it exists."""
    source: SourceId
    """Source for the fact."""


LawStatusValue = Literal["none", "draft", "enacted_not_in_force", "partially_in_force", "in_force"]


class LawStatus(_Model):
    """The state of one law."""

    status: LawStatusValue
    """One of none, draft, enacted_not_in_force, partially_in_force, in_force."""
    title: ShortText | None = None
    """Short title of the act."""
    year: Year | None = None
    """Year of enactment (or of the draft)."""
    source: SourceId
    """Source for the status."""


class Institutions(_Model):
    """Institutions, plans and strategies that frame AI policy."""

    digital_lead_agency: Agency | None = None
    """Body that leads digital government."""
    ai_lead_agency: Agency | None = None
    """Body that leads AI policy, if one is designated."""
    national_development_plan: Plan | None = None
    """The national development plan or vision the strategy should align with."""
    digital_strategy: Plan | None = None
    """The national digital (transformation) strategy."""
    ai_strategy: AiStrategy | None = None
    """The national AI strategy or policy and its status."""
    ai_ethics_body: EthicsBody | None = None
    """A national AI or data ethics body."""


class Law(_Model):
    """Laws that matter most for trustworthy AI."""

    data_protection: LawStatus | None = None
    """Comprehensive personal-data protection law."""
    cybercrime: LawStatus | None = None
    """Cybercrime or cybersecurity law."""
    access_to_information: LawStatus | None = None
    """Access to information (freedom of information) law."""


Stage = Literal["idea", "pilot", "production"]


class UseCase(_Model):
    """One known use of AI by a public body."""

    name: ShortText
    """What the system is called or does."""
    agency: ShortText
    """The public body that uses it."""
    function: ShortText
    """The government function it serves, for instance `tax administration`."""
    stage: Stage
    """idea, pilot or production."""
    risk_level: Literal["low", "medium", "high"]
    """Risk to people's rights or safety, as the agency assesses it."""
    baseline_measured: bool
    """Whether performance was measured before the system went live."""
    source: SourceId
    """Source that reports the use case."""


class Guidelines(_Model):
    """Rules that govern AI use inside the public sector."""

    status: Literal["none", "draft", "adopted"]
    """none, draft or adopted."""
    title: ShortText | None = None
    """Title of the guidance."""
    year: Year | None = None
    """Year of adoption or publication."""
    source: SourceId
    """Source for the status."""


class PublicSectorAI(_Model):
    """What is known about AI use in the public sector."""

    use_cases: list[UseCase] | None = None
    """Known use cases. Leave out when no inventory exists; `[]` means an inventory found none."""
    use_cases_source: SourceId | None = None
    """Source of the inventory as a whole (required when `use_cases` is `[]`)."""
    guidelines: Guidelines | None = None
    """Public-sector AI use guidelines."""

    @model_validator(mode="after")
    def _empty_inventory_sourced(self) -> PublicSectorAI:
        if self.use_cases == [] and self.use_cases_source is None:
            raise ValueError(
                "use_cases is an empty list, which states that an inventory found no AI use; "
                "give use_cases_source, or leave use_cases out if no inventory exists"
            )
        return self


class CivilService(_Model):
    """The size and skills of the civil service."""

    headcount: Count | None = None
    """Central government civil-service headcount."""
    digital_specialists: Count | None = None
    """Digital, data and technology specialists employed in government."""
    ai_trained: Count | None = None
    """Civil servants who have completed AI or data literacy training."""

    @model_validator(mode="after")
    def _parts_within_whole(self) -> CivilService:
        if self.headcount is not None:
            for name in ("digital_specialists", "ai_trained"):
                part = getattr(self, name)
                if part is not None and part.value > self.headcount.value:
                    raise ValueError(
                        f"{name} ({part.value}) is larger than headcount ({self.headcount.value})"
                    )
        return self


class Sector(_Model):
    """A priority sector for AI."""

    name: ShortText
    """Name of the sector, for instance `tourism`."""
    rationale: LongText | None = None
    """Why it is a priority."""
    source: SourceId | None = None
    """Source that names it a priority (leave out if the drafter chose it)."""


class Stakeholder(_Model):
    """An organisation to involve in consultation and delivery."""

    name: ShortText
    """Name of the organisation."""
    kind: Literal["government", "private", "academia", "civil_society", "regional", "international"]
    """Which part of society it represents."""
    role: ShortText | None = None
    """Its expected role in the strategy."""
    source: SourceId | None = None
    """Source for its role, if any."""


class Horizon(_Model):
    """The years the strategy covers."""

    start: Year
    """First year of the strategy."""
    end: Year
    """Last year of the strategy."""

    @model_validator(mode="after")
    def _ordered(self) -> Horizon:
        if not self.start < self.end <= self.start + 15:
            raise ValueError(
                f"end ({self.end}) must be after start ({self.start}) and at most 15 years later"
            )
        return self


SECTION_IDS: tuple[str, ...] = (
    "executive_summary",
    "national_context",
    "readiness",
    "vision",
    "policy_framework",
    "public_sector",
    "capability",
    "roadmap",
    "governance",
    "budget",
    "monitoring",
    "risks",
)

SectionId = Literal[
    "executive_summary",
    "national_context",
    "readiness",
    "vision",
    "policy_framework",
    "public_sector",
    "capability",
    "roadmap",
    "governance",
    "budget",
    "monitoring",
    "risks",
]


class Narrative(_Model):
    """Drafter-written Markdown for one section."""

    mode: Literal["extend", "replace"] = "extend"
    """`extend` adds the text after the generated text; `replace` shows it instead."""
    text: Annotated[str, Field(min_length=1, max_length=20000)]
    """Markdown (tables and footnotes allowed; HTML is sanitised)."""


class CountryProfile(_Model):
    """A country's facts, each with its source: the input of one draft strategy."""

    schema_version: Literal[1] = 1
    """Version of this profile format."""
    identity: Identity
    """Names, codes, languages and regional status."""
    context: Context = Context()
    """Population and income."""
    readiness: Readiness
    """Government AI Readiness Index scores, or a statement that the country is not covered."""
    institutions: Institutions = Institutions()
    """Lead agencies, plans and the AI strategy status."""
    law: Law = Law()
    """Data protection, cybercrime and access-to-information law."""
    public_sector_ai: PublicSectorAI = PublicSectorAI()
    """Known public-sector AI use and guidelines."""
    civil_service: CivilService = CivilService()
    """Civil-service size and skills."""
    priority_sectors: Annotated[list[Sector], Field(max_length=12)] = []
    """Sectors the strategy should prioritise."""
    stakeholders: Annotated[list[Stakeholder], Field(max_length=60)] = []
    """Organisations to involve."""
    strategy_horizon: Horizon | None = None
    """Years the strategy covers; if left out, five years from the year after the build date."""
    narrative: dict[SectionId, Narrative] = {}
    """Optional drafter-written Markdown per document section."""
    sources: Annotated[list[Source], Field(min_length=1)]
    """The sources registry; every `source` field elsewhere must name one of these ids."""

    @model_validator(mode="after")
    def _references_resolve(self, info: ValidationInfo) -> CountryProfile:
        if not _deferred(info):
            problems = list(self.inconsistencies())
            if problems:
                raise ValueError("; ".join(f"{'.'.join(loc)}: {msg}" for loc, msg, _ in problems))
        return self

    def inconsistencies(self) -> Iterator[tuple[tuple[str, ...], str, str]]:
        """Yield (field path, message, value) for broken arithmetic and unresolved source ids."""
        for loc, message, got in self.readiness.inconsistencies():
            yield ("readiness", *loc), message, got
        seen: set[str] = set()
        for i, source in enumerate(self.sources):
            if source.id in seen:
                yield (("sources", str(i), "id"), "duplicate source id", repr(source.id))
            seen.add(source.id)
        for loc, ref in _source_refs(self, ()):
            if ref not in seen:
                known = ", ".join(sorted(seen))
                yield (
                    loc,
                    f"source {ref!r} is not defined in sources (defined: {known})",
                    repr(ref),
                )

    @property
    def code(self) -> str:
        """The ISO alpha-3 code, used for file and folder names."""
        return self.identity.iso3


def _deferred(info: ValidationInfo) -> bool:
    """Tell whether the loader asked to run cross-field checks itself, for precise locations."""
    return bool(info.context and info.context.get("defer_cross_checks"))


def _source_refs(node: Any, loc: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    """Walk a model and yield every `source`/`use_cases_source` reference with its path."""
    if isinstance(node, Source):
        return
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if name in ("source", "use_cases_source") and isinstance(value, str):
                yield (*loc, name), value
            else:
                yield from _source_refs(value, (*loc, name))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _source_refs(item, (*loc, str(i)))
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from _source_refs(item, (*loc, str(key)))
