"""Profile model: AI use in the public sector and the size and skills of the civil service."""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator, model_validator

from strategygen.inputs.fields import Count, ShortText, SourceId, StrictModel, Year

Stage = Literal["idea", "pilot", "production"]


class UseCase(StrictModel):
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


class Guidelines(StrictModel):
    """Rules that govern AI use inside the public sector."""

    status: Literal["none", "draft", "adopted"]
    """none, draft or adopted."""
    title: ShortText | None = None
    """Title of the guidance."""
    year: Year | None = None
    """Year of adoption or publication."""
    source: SourceId
    """Source for the status."""


class PublicSectorAI(StrictModel):
    """What is known about AI use in the public sector."""

    use_cases: list[UseCase] | None = None
    """Known use cases. Leave out when no inventory is on record; `[]` means an inventory found
    none."""
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


HeadcountScope = Literal["central_civil_service", "central_government", "public_sector"]


class Headcount(Count):
    """The number of people the civil-service figures refer to, with its definition."""

    scope: HeadcountScope | None = None
    """What is counted: central_civil_service (ministries and departments only),
    central_government (all central-government employees) or public_sector (the whole public
    sector, including state enterprises). Figures of different scope are not comparable."""
    approximate: bool = False
    """True when the source gives a rounded or estimated figure ("about 100,000")."""


class CivilService(StrictModel):
    """The size and skills of the civil service."""

    headcount: Headcount | None = None
    """Civil-service headcount, with the definition (scope) of what it counts."""
    digital_specialists: Count | None = None
    """Digital, data and technology specialists employed in government."""
    ai_trained: Count | None = None
    """Civil servants who have completed AI or data literacy training."""

    @field_validator("headcount", mode="before")
    @classmethod
    def _plain_count(cls, value: object) -> object:
        # Code written before headcounts had a scope passes a plain Count: keep accepting it
        # (its scope is then not recorded).
        if isinstance(value, Count) and not isinstance(value, Headcount):
            return value.model_dump()
        return value

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
