"""The regional assessment: load the group's profiles, assess each member, compare them.

Each member is assessed exactly as its own draft is (same build date, rule library and
tailoring), so the common findings and the briefs say what the drafts say. The comparisons
read the bundled editions of the readiness index and the other bundled tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from strategygen.assess.model import Assessment
from strategygen.assess.region.actions import Inputs, regional_actions
from strategygen.assess.region.briefs import brief, gap_row, outside_row
from strategygen.assess.region.data import COMPARABLE_YEARS, EDITION_YEARS, LATEST_YEAR
from strategygen.assess.region.egov import e_government
from strategygen.assess.region.findings import common_findings
from strategygen.assess.region.group import RegionGroup
from strategygen.assess.region.institutions import (
    RAM_WORDS,
    STRATEGY_WORDS,
    capacity,
    legal,
    strategies,
    strategy_status,
    tally,
)
from strategygen.assess.region.model import Member, RegionAssessment
from strategygen.assess.region.readiness import (
    edition_summary,
    heatmap,
    latest_pillars,
    latest_positions,
    trend,
    trend_summary,
)
from strategygen.assess.region.sources import SourceBook
from strategygen.assess.rules import Rule
from strategygen.inputs.profile import CountryProfile
from strategygen.inputs.tailoring import Tailoring


def draft_link(code: str, extension: str) -> str:
    """Return the link from ``regions/<GROUP>/`` to a country's draft in the same output."""
    return f"../../{code}/{code}-strategy.{extension}"


def _member(profile: CountryProfile, book: SourceBook) -> Member:
    pop = profile.context.population
    return Member(
        code=profile.code,
        name=profile.identity.name,
        status=profile.identity.cdcc_status,
        population=pop.value if pop else None,
        population_year=pop.year if pop else None,
        population_ref=book.profile(profile, pop.source, "population") if pop else None,
        draft_html=draft_link(profile.code, "html"),
        draft_pdf=draft_link(profile.code, "pdf"),
    )


def assess_region(
    group: RegionGroup,
    profiles: Mapping[str, CountryProfile],
    build_date: dt.date,
    *,
    tailoring: Tailoring | None = None,
    rules: Sequence[Rule] | None = None,
) -> RegionAssessment:
    """Assess a group: rankings, dimensions, e-government, laws, findings, actions, briefs.

    Args:
        group: The group, from :func:`strategygen.assess.region.group.resolve_group`.
        profiles: Code -> loaded profile, for every code of the group.
        build_date: The build date (members are assessed as of this date).
        tailoring: The build's settings (rule folders, disabled rules, default horizon).
        rules: The rule library, already loaded (a build plan holds it).

    """
    from strategygen.assess.run import assess

    book = SourceBook()
    membership = (
        book.dataset("eclac-cdcc", "membership of the CDCC") if group.kind == "cdcc" else None
    )
    member_profiles = [profiles[c] for c in group.members]
    outside_profiles = [profiles[c] for c in group.outside]
    names = {p.code: p.identity.name for p in [*member_profiles, *outside_profiles]}
    codes = list(group.members)
    editions = {y: edition_summary(y, codes, names, book) for y in EDITION_YEARS}
    rows = trend(codes, names)
    positions = latest_positions(codes, names)
    heat = heatmap(codes, names, book)
    egov = e_government(codes, names, book)
    members = tuple(_member(p, book) for p in member_profiles)
    law = legal(member_profiles, book)
    strat = strategies(member_profiles, book)
    cap = capacity(member_profiles, book)
    # The overview is written in English: its members are assessed in English whatever
    # language their own drafts default to.
    english = (tailoring or Tailoring()).model_copy(update={"language": "en"})
    assessments: list[Assessment] = [
        assess(p, build_date, tailoring=english, rules=rules) for p in member_profiles
    ]
    library = rules if rules is not None else ()
    findings = common_findings(assessments, library)
    actions = regional_actions(Inputs(member_profiles, law.rows, strat), names, book)
    by_code = {r.code: r for r in rows}
    pos = {p.code: p for p in positions}
    briefs = tuple(
        brief(
            m,
            a,
            by_code[m.code],
            pos[m.code],
            editions,
            egov,
            law.rows[i],
            strat[i],
            cap[i],
            actions,
        )
        for i, (m, a) in enumerate(zip(members, assessments, strict=True))
    )
    gaps = tuple(gap_row(m, a, egov) for m, a in zip(members, assessments, strict=True))
    outside = tuple(_member(p, book) for p in outside_profiles)
    outside_egov = e_government(list(group.outside), names, book) if outside else egov
    outside_law = legal(outside_profiles, book)
    outside_rows = tuple(
        outside_row(m, outside_egov, outside_law.rows[i], strategy_status(p, book))
        for i, (m, p) in enumerate(zip(outside, outside_profiles, strict=True))
    )
    return RegionAssessment(
        key=group.key,
        name=group.name,
        title=group.title,
        kind=group.kind,
        build_date=build_date,
        membership_ref=membership,
        members=members,
        outside=outside,
        without_profile=group.without_profile,
        editions=tuple(editions[y] for y in EDITION_YEARS),
        comparable=tuple(editions[y] for y in COMPARABLE_YEARS),
        newest=editions[LATEST_YEAR],
        trend=rows,
        trend_summary=trend_summary(rows),
        latest=positions,
        latest_pillars=latest_pillars(),
        heatmap=heat,
        egov=egov,
        legal=law,
        strategies=strat,
        strategy_tally=tally([(x.name, x.strategy) for x in strat], STRATEGY_WORDS),
        ram_tally=tally([(x.name, x.ram) for x in strat], RAM_WORDS),
        capacity=cap,
        findings=findings,
        actions=actions,
        briefs=briefs,
        gaps=gaps,
        outside_rows=outside_rows,
        sources=book.entries(),
    )
