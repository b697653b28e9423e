"""Profile model: the bodies, plans and strategies that frame AI policy (pydantic v2, no I/O).

A field left out means "not on record", never "there is none": a sourced absence is written as
``status: none`` (or ``exists: false``), so the assessment can tell the two apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, model_validator

from strategygen.inputs.fields import ShortText, SourceId, StrictModel, Year


class Agency(StrictModel):
    """A public body with a role in digital government or AI."""

    name: ShortText
    """Full name of the body."""
    acronym: Annotated[str, Field(max_length=20)] | None = None
    """Short form used in the text, if any."""
    as_of: Year | None = None
    """Year the source names the body in this role (portfolios change after elections)."""
    source: SourceId
    """Source that names the body in this role."""


PlanStatus = Literal["none", "in_preparation", "draft", "adopted"]


class Plan(StrictModel):
    """A national plan or strategy document, with the years it covers."""

    title: ShortText | None = None
    """Title of the plan (may be left out only while it is in preparation, or if there is none)."""
    year: Year | None = None
    """Year of adoption or publication."""
    status: PlanStatus | None = None
    """none, in_preparation, draft or adopted; leave out when the status is not verified."""
    start: Year | None = None
    """First year the plan covers, if it states one."""
    end: Year | None = None
    """Last year the plan covers (its horizon). Once that year is past, the draft shows the plan
    as expired, never as current."""
    source: SourceId
    """Source for the plan."""

    @model_validator(mode="after")
    def _consistent(self) -> Plan:
        if self.title is None and self.status not in ("none", "in_preparation"):
            raise ValueError(
                "title is required unless status is none or in_preparation "
                "(a plan that exists has a title)"
            )
        if self.status == "none" and (self.start or self.end or self.title):
            raise ValueError("status none states there is no plan, so leave out title, start, end")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self

    def expired(self, on: dt.date) -> bool:
        """Whether the plan's horizon ended before the year of ``on`` (False if no end is set)."""
        return self.end is not None and self.end < on.year


AiStrategyStatus = Literal[
    "none", "announced", "in_preparation", "recommendations_only", "draft", "adopted"
]


class AiStrategy(StrictModel):
    """The state of the country's national AI strategy or policy."""

    status: AiStrategyStatus
    """One of none, announced, in_preparation, recommendations_only, draft, adopted."""
    title: ShortText | None = None
    """Title of the strategy or policy, if there is one."""
    year: Year | None = None
    """Year of adoption, publication or announcement."""
    source: SourceId
    """Source for the status."""


class EthicsBody(StrictModel):
    """A national body that oversees the ethics of AI or data use."""

    exists: bool
    """Whether such a body exists."""
    name: ShortText | None = None
    """Its name, if it exists."""
    source: SourceId
    """Source for the fact."""


RamStatus = Literal["none", "in_progress", "completed"]


class ReadinessAssessment(StrictModel):
    """A national AI readiness assessment with UNESCO's Readiness Assessment Methodology (RAM)."""

    status: RamStatus
    """none (sourced: no assessment), in_progress or completed."""
    title: ShortText | None = None
    """Title of the assessment or its report."""
    year: Year | None = None
    """Year it was completed, or the year of the latest reported step."""
    source: SourceId
    """Source for the status."""


class Institutions(StrictModel):
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
    unesco_ram: ReadinessAssessment | None = None
    """UNESCO AI Readiness Assessment (RAM) for the country and its status."""
