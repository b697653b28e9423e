"""Profile model: the laws that matter most for trustworthy AI (pydantic v2, no I/O).

A law left out means "not on record"; a law recorded without a ``status`` means its title is
known but whether it is in force was not verified. Only ``status: none``, with its source,
states that there is no such law.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import model_validator

from strategygen.inputs.fields import LongText, ShortText, SourceId, StrictModel, Year

LawStatusValue = Literal["none", "draft", "enacted_not_in_force", "partially_in_force", "in_force"]

#: Statuses under which some part of a law applies, so a commencement date can be given.
COMMENCED: frozenset[str] = frozenset({"partially_in_force", "in_force"})


class LawStatus(StrictModel):
    """The state of one law."""

    status: LawStatusValue | None = None
    """One of none, draft, enacted_not_in_force, partially_in_force, in_force. Leave out when
    the law is known but whether it is in force has not been verified."""
    title: ShortText | None = None
    """Short title of the act (or bill)."""
    year: Year | None = None
    """Year of enactment (or of the draft)."""
    in_force_from: dt.date | None = None
    """Date the law (or its first part) came into force, when a source gives it (YYYY-MM-DD)."""
    authority: ShortText | None = None
    """Body that supervises or enforces the law (for data protection: the regulator)."""
    jurisdiction: ShortText | None = None
    """Who made the law, when it is not the country's own legislature (for example `European
    Union` for a regulation that applies in a French overseas region)."""
    source: SourceId
    """Source for the status."""

    @model_validator(mode="after")
    def _consistent(self) -> LawStatus:
        if self.status is None and self.title is None:
            raise ValueError(
                "give the law's title when its status is not verified, or leave the block out "
                "(nothing is known about it)"
            )
        if self.in_force_from is not None and self.status not in COMMENCED:
            raise ValueError(
                "in_force_from needs status in_force or partially_in_force "
                f"(got {self.status or 'no status'})"
            )
        return self


class LegalFrame(StrictModel):
    """How another state's or union's law applies to a territory (for associate members)."""

    summary: LongText
    """Plain statement of the arrangement, for example that EU law applies in a French
    overseas region. Printed in the draft with its source."""
    source: SourceId
    """Source for the arrangement."""


class Law(StrictModel):
    """Laws that matter most for trustworthy AI."""

    data_protection: LawStatus | None = None
    """Comprehensive personal-data protection law."""
    cybercrime: LawStatus | None = None
    """Cybercrime or cybersecurity law."""
    access_to_information: LawStatus | None = None
    """Access to information (freedom of information) law."""
    electronic_transactions: LawStatus | None = None
    """Electronic transactions (e-commerce, electronic signatures) law."""
    legal_frame: LegalFrame | None = None
    """For a territory: how the administering state's or a union's law applies to it."""
