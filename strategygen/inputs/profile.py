"""The country-profile model: what a well-formed profile is (pydantic v2, no I/O)."""

from __future__ import annotations

import functools
import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

# The names below are re-exported ("X as X") so that code and tests can keep importing every
# profile type from this module; the types themselves live in the topic modules.
from strategygen.inputs.fields import Amount as Amount
from strategygen.inputs.fields import Count as Count
from strategygen.inputs.fields import LongText, ShortText, StrictModel, Year, deferred
from strategygen.inputs.fields import Source as Source
from strategygen.inputs.fields import SourceId as SourceId
from strategygen.inputs.institutions import Agency as Agency
from strategygen.inputs.institutions import AiStrategy as AiStrategy
from strategygen.inputs.institutions import EthicsBody as EthicsBody
from strategygen.inputs.institutions import Institutions as Institutions
from strategygen.inputs.institutions import Plan as Plan
from strategygen.inputs.institutions import ReadinessAssessment as ReadinessAssessment
from strategygen.inputs.law import Law as Law
from strategygen.inputs.law import LawStatus as LawStatus
from strategygen.inputs.law import LegalFrame as LegalFrame
from strategygen.inputs.problems import PatternHelp
from strategygen.inputs.public_service import CivilService as CivilService
from strategygen.inputs.public_service import Guidelines as Guidelines
from strategygen.inputs.public_service import Headcount as Headcount
from strategygen.inputs.public_service import PublicSectorAI as PublicSectorAI
from strategygen.inputs.public_service import UseCase as UseCase
from strategygen.inputs.readiness import INDICATOR_NAMES as INDICATOR_NAMES
from strategygen.inputs.readiness import PILLAR_DIMENSIONS as PILLAR_DIMENSIONS
from strategygen.inputs.readiness import Dimensions as Dimensions
from strategygen.inputs.readiness import Pillars as Pillars
from strategygen.inputs.readiness import Readiness as Readiness

SCHEMA_VERSION = 1


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


class Identity(StrictModel):
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
        str | None,
        Field(pattern=r"^(en|es|fr|nl)(-[A-Z]{2})?$"),
        PatternHelp(
            "must be a document language: one of en, es, fr, nl, optionally with a region "
            "such as 'es-DO'"
        ),
    ] = None
    """Language of the generated document: en, es, fr or nl (a region may follow: es-DO).
    Default: the language the government works in (Spanish for DOM, CUB, PRI; French for
    HTI, GLP, MTQ; Dutch for SUR, ABW, CUW, SXM; English otherwise)."""
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


class SecuritySituation(StrictModel):
    """A security or political crisis as a citable source establishes it."""

    summary: LongText
    """What the source establishes, in one or two sentences of the document's language (for
    instance what a UN Security Council resolution found and authorised)."""
    year: Year
    """Year of the source's statement."""
    source: SourceId
    """The source that establishes it: a resolution, a UN report, an official statement."""


class Context(StrictModel):
    """Basic national context figures."""

    population: Count | None = None
    """Total population (World Bank SP.POP.TOTL or a national statistics office)."""
    gdp_per_capita_usd: Amount | None = None
    """GDP per capita in current US dollars (World Bank NY.GDP.PCAP.CD)."""
    security: SecuritySituation | None = None
    """A sourced security or political crisis; the national context frames it with INFORM."""


class Sector(StrictModel):
    """A priority sector for AI."""

    name: ShortText
    """Name of the sector, for instance `tourism`."""
    rationale: LongText | None = None
    """Why it is a priority."""
    source: SourceId | None = None
    """Source that names it a priority (leave out if the drafter chose it)."""


class Stakeholder(StrictModel):
    """An organisation to involve in consultation and delivery."""

    name: ShortText
    """Name of the organisation."""
    kind: Literal["government", "private", "academia", "civil_society", "regional", "international"]
    """Which part of society it represents."""
    role: ShortText | None = None
    """Its expected role in the strategy."""
    source: SourceId | None = None
    """Source for its role, if any."""


class Horizon(StrictModel):
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


class Narrative(StrictModel):
    """Drafter-written Markdown for one section."""

    mode: Literal["extend", "replace"] = "extend"
    """`extend` adds the text after the generated text; `replace` shows it instead."""
    text: Annotated[str, Field(min_length=1, max_length=20000)]
    """Markdown (tables and footnotes allowed; HTML is sanitised)."""


class CountryProfile(StrictModel):
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
    """Data protection, cybercrime, access-to-information and electronic-transactions law."""
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
        if not deferred(info):
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
