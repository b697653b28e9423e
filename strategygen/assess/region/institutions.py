"""Laws, AI strategies, readiness assessments and civil-service figures, member by member.

Everything here comes from the members' profiles, each value with the profile's own source.
A profile that records nothing about a law or a strategy leaves it *not confirmed*: the
overview never reads a missing record as "there is none". Only a status of ``none`` with a
source says that there is none.
"""

from __future__ import annotations

from collections.abc import Sequence

from strategygen.assess.region.model import (
    CapacityRow,
    Headcount,
    LawCell,
    LawCount,
    Legal,
    LegalRow,
    Status,
    StrategyRow,
    Tally,
)
from strategygen.assess.region.sources import SourceBook
from strategygen.inputs.profile import (
    AiStrategy,
    Count,
    CountryProfile,
    LawStatus,
    ReadinessAssessment,
)
from strategygen.inputs.profile import Headcount as ProfileHeadcount

#: The four laws of the matrix, as the profile names them, with their column labels.
LAWS: tuple[tuple[str, str], ...] = (
    ("data_protection", "Data protection"),
    ("cybercrime", "Cybercrime"),
    ("access_to_information", "Access to information"),
    ("electronic_transactions", "Electronic transactions"),
)

NOT_CONFIRMED = "Not confirmed"

LAW_WORDS: dict[str, str] = {
    "in_force": "In force",
    "partially_in_force": "Partly in force",
    "enacted_not_in_force": "Enacted, not in force",
    "draft": "Draft bill",
    "none": "No law",
    "unverified": NOT_CONFIRMED,
    "unknown": NOT_CONFIRMED,
}

STRATEGY_WORDS: dict[str, str] = {
    "adopted": "Adopted",
    "draft": "Draft",
    "recommendations_only": "Recommendations only",
    "in_preparation": "In preparation",
    "announced": "Announced",
    "none": "No strategy",
    "unknown": NOT_CONFIRMED,
}

RAM_WORDS: dict[str, str] = {
    "completed": "Completed",
    "in_progress": "In progress",
    "none": "Not undertaken",
    "unknown": NOT_CONFIRMED,
}

SCOPE_WORDS: dict[str, str] = {
    "central_civil_service": "central civil service (ministries and departments)",
    "central_government": "central-government employees",
    "public_sector": "whole public sector, state enterprises included",
}


def law_cell(profile: CountryProfile, law: str, label: str, book: SourceBook) -> LawCell:
    """Return the state of one law in ``profile``, cited, with unknowns kept visible."""
    record: LawStatus | None = getattr(profile.law, law)
    if record is None:
        return LawCell(law, label, "unknown", LAW_WORDS["unknown"], None, None, None)
    state = record.status if record.status is not None else "unverified"
    return LawCell(
        law=law,
        law_label=label,
        state=state,
        label=LAW_WORDS[state],
        title=record.title,
        year=record.year,
        ref=book.profile(profile, record.source, f"{label.lower()} law"),
    )


def legal(profiles: Sequence[CountryProfile], book: SourceBook) -> Legal:
    """Return the legal matrix for ``profiles`` (in order) with the members per state."""
    rows = tuple(
        LegalRow(
            code=p.code,
            name=p.identity.name,
            cells=tuple(law_cell(p, key, label, book) for key, label in LAWS),
        )
        for p in profiles
    )
    counts = []
    for i, (key, label) in enumerate(LAWS):
        states = [row.cells[i].state for row in rows]
        numbers = {
            "in_force": states.count("in_force"),
            "partly": states.count("partially_in_force") + states.count("enacted_not_in_force"),
            "draft": states.count("draft"),
            "none": states.count("none"),
            "not_confirmed": states.count("unverified") + states.count("unknown"),
        }
        words = {
            "in_force": "in force in {}",
            "partly": "enacted but not fully in force in {}",
            "draft": "a draft bill in {}",
            "none": "no law in {}",
            "not_confirmed": "not confirmed for {}",
        }
        summary = ", ".join(words[k].format(n) for k, n in numbers.items() if n)
        counts.append(LawCount(law=key, label=label, **numbers, summary=summary))
    titled = tuple((row.name, c) for row in rows for c in row.cells if c.title)
    return Legal(laws=LAWS, rows=rows, counts=tuple(counts), titled=titled)


def _status(
    profile: CountryProfile,
    record: AiStrategy | ReadinessAssessment | None,
    words: dict[str, str],
    topic: str,
    book: SourceBook,
) -> Status:
    if record is None:
        return Status("unknown", words["unknown"], None, None, None)
    state = str(record.status)
    return Status(
        state=state,
        label=words[state],
        title=record.title,
        year=record.year,
        ref=book.profile(profile, record.source, topic),
    )


def strategy_status(profile: CountryProfile, book: SourceBook) -> Status:
    """Return the member's national AI strategy as its profile records it."""
    record = profile.institutions.ai_strategy
    return _status(profile, record, STRATEGY_WORDS, "AI strategy status", book)


def strategies(profiles: Sequence[CountryProfile], book: SourceBook) -> tuple[StrategyRow, ...]:
    """AI strategy, UNESCO readiness assessment (RAM) and AI lead body per member."""
    rows = []
    for p in profiles:
        inst = p.institutions
        lead = inst.ai_lead_agency
        rows.append(
            StrategyRow(
                code=p.code,
                name=p.identity.name,
                strategy=strategy_status(p, book),
                ram=_status(p, inst.unesco_ram, RAM_WORDS, "UNESCO readiness assessment", book),
                lead=(
                    Status(
                        "named",
                        lead.name + (f" ({lead.acronym})" if lead.acronym else ""),
                        None,
                        lead.as_of,
                        book.profile(p, lead.source, "AI lead body"),
                    )
                    if lead is not None
                    else Status("unknown", NOT_CONFIRMED, None, None, None)
                ),
            )
        )
    return tuple(rows)


def _count(
    profile: CountryProfile, record: Count | None, topic: str, book: SourceBook
) -> Headcount | None:
    if record is None:
        return None
    # Only a headcount says what it counts and whether it is rounded.
    counted = record if isinstance(record, ProfileHeadcount) else None
    return Headcount(
        value=record.value,
        year=record.year,
        scope=SCOPE_WORDS[counted.scope] if counted and counted.scope else None,
        approximate=bool(counted and counted.approximate),
        ref=book.profile(profile, record.source, topic),
    )


def capacity(profiles: Sequence[CountryProfile], book: SourceBook) -> tuple[CapacityRow, ...]:
    """Civil-service headcount, digital specialists and AI-trained staff where recorded."""
    rows = []
    for p in profiles:
        cs = p.civil_service
        rows.append(
            CapacityRow(
                code=p.code,
                name=p.identity.name,
                headcount=_count(p, cs.headcount, "civil-service headcount", book),
                specialists=_count(p, cs.digital_specialists, "digital specialists", book),
                trained=_count(p, cs.ai_trained, "AI-trained civil servants", book),
            )
        )
    return tuple(rows)


def tally(statuses: Sequence[tuple[str, Status]], words: dict[str, str]) -> tuple[Tally, ...]:
    """Group member names by state, in the order of ``words``; empty states left out."""
    out = []
    for state, label in words.items():
        names = tuple(name for name, s in statuses if s.state == state)
        if names:
            out.append(Tally(state, label, names))
    return tuple(out)
