"""One brief per member, the data gaps per member, and the countries reported apart.

A brief gathers what the overview says about one member on a single page, each fact with
its source, and links to the member's own draft. Facts that are not on record appear as
gaps to close, in the brief and in the gaps annex.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from strategygen.assess.model import Assessment
from strategygen.assess.region.data import COMPARABLE_YEARS, EDITION_YEARS, LATEST_YEAR, scores
from strategygen.assess.region.institutions import NOT_CONFIRMED
from strategygen.assess.region.model import (
    Brief,
    BriefFact,
    CapacityRow,
    EditionSummary,
    Egov,
    GapRow,
    Headcount,
    LegalRow,
    Member,
    OutsideRow,
    Position,
    RegionalAction,
    Status,
    StrategyRow,
    TrendRow,
)

#: How many of a draft's priority actions a brief quotes.
BRIEF_PRIORITIES = 3

_SENTENCE = re.compile(r"(?<=[.;:])\s+(?=[A-Z])")


def first_sentence(text: str) -> str:
    """Return the first sentence of ``text`` (a full stop ends it)."""
    cut = re.split(r"(?<=\.)\s+(?=[A-Z])", " ".join(text.split()), maxsplit=1)[0]
    return cut if cut.endswith(".") else cut + "."


def ordinal(n: int) -> str:
    """Return ``1st``, ``2nd``, ``3rd``, ``11th``..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _headcount(h: Headcount) -> str:
    about = "about " if h.approximate else ""
    scope = f" {h.scope}" if h.scope else " (what is counted is not recorded)"
    return f"{about}{h.value:,}{scope} ({h.year})"


def _status(s: Status) -> str:
    parts = [s.label]
    if s.title:
        parts.append(s.title)
    text = ": ".join(parts)
    return f"{text} ({s.year})" if s.year else text


def brief(
    member: Member,
    assessment: Assessment,
    trend: TrendRow,
    position: Position,
    editions: Mapping[int, EditionSummary],
    egov: Egov,
    legal: LegalRow,
    strategy: StrategyRow,
    capacity: CapacityRow,
    actions: Sequence[RegionalAction],
) -> Brief:
    """Gather one member's page: its figures, laws, strategy, priorities and gaps."""
    facts: list[BriefFact] = []
    if member.population is not None:
        facts.append(
            BriefFact(
                "Population",
                f"{member.population:,} ({member.population_year})",
                member.population_ref,
            )
        )
    newest = next((c for c in reversed(trend.cells) if c.covered), None)
    if newest is not None and newest.total is not None:
        facts.append(
            BriefFact(
                f"Readiness {newest.year}",
                f"{newest.total:.2f}; world rank {newest.rank} of {newest.ranked}; "
                f"{ordinal(newest.group_rank or 0)} of {newest.group_ranked} in the group",
                editions[newest.year].ref,
            )
        )
    missing = [str(c.year) for c in trend.cells if not c.covered]
    if missing:
        facts.append(
            BriefFact("Not in the index", " and ".join(missing) + " editions", None, gap=True)
        )
    if trend.change is not None:
        places = trend.rank_change or 0
        moved = (
            f"{abs(places)} world places {'up' if places > 0 else 'down'}"
            if places
            else "same world rank"
        )
        facts.append(
            BriefFact(
                f"Change {trend.change_from}\u2013{trend.change_to}",
                f"{trend.change:+.2f} points; {moved}",
                editions[trend.change_to or COMPARABLE_YEARS[-1]].ref,
            )
        )
    if position.covered and position.total is not None:
        facts.append(
            BriefFact(
                f"Readiness {LATEST_YEAR} (new framework)",
                f"{position.total:.2f}; world rank {position.rank} of {position.ranked}; "
                f"{ordinal(position.group_rank or 0)} in the group",
                editions[LATEST_YEAR].ref,
            )
        )
    row = next(r for r in egov.rows if r.code == member.code)
    if row.egdi is not None:
        facts.append(
            BriefFact(
                f"E-government (EGDI {egov.edition})",
                f"{row.egdi:.4f}; rank {row.rank} of {egov.ranked}",
                egov.egdi_ref,
            )
        )
    else:
        facts.append(BriefFact(f"E-government (EGDI {egov.edition})", "no score", None, gap=True))
    if row.internet is not None:
        facts.append(
            BriefFact(
                "Internet use",
                f"{row.internet:.1f}% of people ({row.internet_year})",
                egov.internet_ref,
            )
        )
    for cell in legal.cells:
        label = f"{cell.law_label} law"
        text = cell.label
        if cell.title:
            text += f": {cell.title}"
        facts.append(BriefFact(label, text, cell.ref, gap=cell.label == NOT_CONFIRMED))
    facts.append(
        BriefFact(
            "National AI strategy",
            _status(strategy.strategy),
            strategy.strategy.ref,
            gap=strategy.strategy.state == "unknown",
        )
    )
    facts.append(
        BriefFact(
            "UNESCO readiness assessment",
            _status(strategy.ram),
            strategy.ram.ref,
            gap=strategy.ram.state == "unknown",
        )
    )
    facts.append(
        BriefFact(
            "Civil service",
            _headcount(capacity.headcount) if capacity.headcount else "headcount not on record",
            capacity.headcount.ref if capacity.headcount else None,
            gap=capacity.headcount is None,
        )
    )
    overall = assessment.overall
    stage = (
        f"stage {overall.stage} of 5 ({overall.stage_name})"
        if overall.stage
        else f"not staged ({overall.stage_name.lower()})"
    )
    return Brief(
        code=member.code,
        name=member.name,
        facts=tuple(facts),
        stage=stage,
        priorities=tuple(
            first_sentence(r.recommendation) for r in assessment.priorities[:BRIEF_PRIORITIES]
        ),
        actions=tuple(a.title for a in actions if any(s.code == member.code for s in a.served)),
        gaps=len(assessment.gaps),
        draft_html=member.draft_html,
        draft_pdf=member.draft_pdf,
    )


def gap_row(member: Member, assessment: Assessment, egov: Egov) -> GapRow:
    """List what is missing for one member: index editions, datasets, its draft's gaps."""
    coverage = [f"readiness index {y}" for y in EDITION_YEARS if member.code not in scores(y)]
    row = next(r for r in egov.rows if r.code == member.code)
    if row.egdi is None:
        coverage.append(f"E-Government Survey {egov.edition}")
    if row.internet is None:
        coverage.append("Internet use (WDI)")
    facts = [g for g in assessment.gaps if not g.path.startswith("kpi.")]
    return GapRow(
        code=member.code,
        name=member.name,
        coverage=tuple(coverage),
        profile=tuple(dict.fromkeys(g.label for g in facts)),
        baselines=sum(1 for g in assessment.gaps if g.path.startswith("kpi.")),
    )


def outside_row(member: Member, egov: Egov, legal: LegalRow, strategy: Status) -> OutsideRow:
    """Summarise what is known of a country or territory the comparisons leave out."""
    row = next((r for r in egov.rows if r.code == member.code), None)
    return OutsideRow(
        code=member.code,
        name=member.name,
        status=member.status,
        editions=tuple(y for y in EDITION_YEARS if member.code in scores(y)),
        egdi=row.egdi if row else None,
        internet=row.internet if row else None,
        internet_year=row.internet_year if row else None,
        internet_stale=row.internet_stale if row else None,
        laws_on_record=sum(1 for c in legal.cells if c.state not in ("unknown", "unverified")),
        strategy=strategy,
        draft_html=member.draft_html,
        draft_pdf=member.draft_pdf,
    )
