"""How the readiness index's editions apply to one country: trend, latest edition, analysis.

The bundled data is the source of every edition. A profile's ``readiness`` block overrides the
bundled scores of the edition it names (a drafter correcting or confirming a figure); a block
with ``covered: false`` holds no scores and overrides nothing, so the bundled editions that
cover the country still apply. From these the assessment takes:

- the **latest** edition (2025, the six-pillar framework in force), which leads the chapter and
  carries the headline target;
- the **analysis** edition: the newest edition on the earlier three-pillar framework that
  covers the country (2024, else 2023, else 2022), whose ten dimensions feed the benchmarks and
  the maturity stages;
- the **trend** 2022-2024 on that comparable framework. An edition that omits the country is
  "not covered in that edition", never a zero.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from strategygen.assess.datasets import GAIRI_EDITION, IMPUTED_OVER_40PCT, index_indicators
from strategygen.assess.datasets.readiness import (
    EDITIONS,
    FRAMEWORK_2020,
    LATEST_EDITION,
    Scores,
    edition,
    ranked,
    scores,
)
from strategygen.assess.groups import (
    Group,
    comparison_groups,
    group_means,
    leader,
    local_name,
    members,
    peer_group,
)
from strategygen.assess.model import ComparisonGroup, EditionResult, LatestMeasure, ReadinessView
from strategygen.i18n import current
from strategygen.i18n.catalog import N_, gettext
from strategygen.inputs.profile import PILLAR_DIMENSIONS, CountryProfile

THREE_PILLAR_YEARS: tuple[int, ...] = tuple(
    e.year for e in EDITIONS if e.framework is FRAMEWORK_2020
)

#: Points a dimension must stand above or below the peer mean to be called a strength or a
#: weakness: the threshold at which the WEAK-* rules fire. A lead or a gap of a point or two
#: is within what an index's edition-to-edition changes move, and no basis for a priority.
MIN_GAP = 5.0

#: The index's name as the profile model defaults it; a draft names it as its language's
#: glossary does (Spanish: "Índice de Preparación Gubernamental para la IA"; French and
#: Dutch keep the published English title). A name a profile sets itself is kept.
DEFAULT_INDEX = N_("Government AI Readiness Index")


@dataclass(frozen=True)
class Resolved:
    """The country's readiness evidence: the printable view and what benchmarks need."""

    view: ReadinessView
    groups: tuple[Group, ...]
    peer: Group | None
    analysis: Scores | None
    """The country's scores in the analysis edition (the profile's where it overrides)."""
    published_rank: bool
    """Whether ``analysis.rank`` is the index's published rank for these exact scores."""


def _override(profile: CountryProfile) -> Scores | None:
    """Return the profile's own scores if it gives a full block for a bundled edition."""
    r = profile.readiness
    if not r.covered or r.edition not in THREE_PILLAR_YEARS:
        return None
    if r.total is None or r.pillars is None or r.dimensions is None or r.rank is None:
        return None
    bundled = scores(r.edition).get(profile.code)
    return Scores(
        iso3=profile.code,
        country=profile.identity.name,
        edition=r.edition,
        rank=r.rank,
        un_region=bundled.un_region if bundled else (profile.identity.un_region or ""),
        total=r.total,
        pillars={p: getattr(r.pillars, p) for p in PILLAR_DIMENSIONS},
        dimensions={
            d: getattr(r.dimensions, d) for dims in PILLAR_DIMENSIONS.values() for d in dims
        },
    )


def _same(a: Scores, b: Scores) -> bool:
    return a.total == b.total and a.rank == b.rank


def _rounded(stats: dict[str, float | None]) -> dict[str, float | None]:
    return {k: (round(v, 2) if v is not None else None) for k, v in stats.items()}


def resolve(profile: CountryProfile) -> Resolved:
    """Work out every edition's result for the profile's country, with its comparison groups."""
    code = profile.code
    groups = tuple(
        comparison_groups(code, profile.identity.cdcc_status, profile.identity.un_region)
    )
    r = profile.readiness
    covered_by_profile = r.covered
    override = _override(profile)
    notes: list[str] = []
    if covered_by_profile and r.edition is not None and override is None and r.total is not None:
        notes.append(
            f"The profile gives scores for the {r.edition} edition, which is not a bundled "
            "edition on the comparable framework; the bundled editions are used instead."
        )

    rows: dict[int, Scores | None] = {}
    for item in EDITIONS:
        row = scores(item.year).get(code)
        if override is not None and override.edition == item.year:
            row = override
        rows[item.year] = row

    analysis_year = next((y for y in reversed(THREE_PILLAR_YEARS) if rows.get(y)), None)
    peer = peer_group(groups, analysis_year or LATEST_EDITION) if groups else None

    results: list[EditionResult] = []
    for item in EDITIONS:
        row = rows[item.year]
        from_profile = row is override and override is not None
        count = ranked(item.year)
        if from_profile and r.ranked_countries:
            count = r.ranked_countries
        results.append(
            EditionResult(
                year=item.year,
                framework=item.framework.key,
                source=(r.source or item.dataset) if from_profile else item.dataset,
                covered=row is not None,
                total=row.total if row is not None else None,
                rank=row.rank if row is not None else None,
                ranked=count,
                from_profile=from_profile,
                means=_rounded(
                    {k: s.mean for k, s in group_means(groups, item.year, "total").items()}
                ),
            )
        )
    by_year = {e.year: e for e in results}
    latest_measures = _latest_measures(rows[LATEST_EDITION], groups, peer)
    strongest, weakest = _extremes(latest_measures, peer)
    indicators, indicators_year, indicators_source = _indicators(profile)
    latest_row = rows[LATEST_EDITION]
    view = ReadinessView(
        index=gettext(r.index) if r.index == DEFAULT_INDEX else r.index,
        covered=any(rows.values()),
        groups=tuple(
            ComparisonGroup(
                key=g.key,
                label=g.label,
                column=g.column,
                definition=g.definition,
                phrase=_phrase(g),
                mean_for=g.mean_for,
                named=g.named,
                peer=peer is not None and g.key == peer.key,
                members={e.year: _member_names(g, e.year) for e in EDITIONS},
            )
            for g in groups
        ),
        editions=tuple(results),
        analysis=by_year[analysis_year] if analysis_year else None,
        latest=by_year[LATEST_EDITION] if latest_row is not None else None,
        latest_year=LATEST_EDITION,
        latest_framework=gettext(edition(LATEST_EDITION).framework.name),
        earlier_framework=gettext(FRAMEWORK_2020.name),
        latest_measures=latest_measures,
        latest_strongest=strongest,
        latest_weakest=weakest,
        imputed_2023=code in IMPUTED_OVER_40PCT or bool(r.covered and r.imputed_over_40pct),
        notes=tuple(notes),
        indicators=indicators,
        indicators_year=indicators_year,
        indicators_source=indicators_source,
    )
    analysis = rows[analysis_year] if analysis_year else None
    bundled = scores(analysis_year).get(code) if analysis_year else None
    published = analysis is not None and bundled is not None and _same(analysis, bundled)
    return Resolved(view, groups, peer, analysis, published)


def _indicators(
    profile: CountryProfile,
) -> tuple[Mapping[str, float | None] | None, int | None, str | None]:
    """Return the index's indicator scores: the profile's own, else the bundled 2023 ones."""
    r = profile.readiness
    if r.covered and r.indicators and r.edition is not None and r.source is not None:
        return dict(r.indicators), r.edition, r.source
    bundled = index_indicators().get(profile.code)
    if not bundled:
        return None, None, None
    return bundled, GAIRI_EDITION, edition(GAIRI_EDITION).dataset


def _extremes(
    measures: tuple[LatestMeasure, ...], peer: Group | None, count: int = 2
) -> tuple[tuple[LatestMeasure, ...], tuple[LatestMeasure, ...]]:
    """Return the dimensions furthest above and furthest below the peer group's mean.

    Only a lead or a gap of at least :data:`MIN_GAP` points counts: 52.54 against 52.98 is
    not a weakness to plan around.
    """
    if peer is None:
        return (), ()
    scored = [
        (round(m.score - mean, 6), i, m)
        for i, m in enumerate(measures)
        if m.level == "dimension"
        and m.score is not None
        and (mean := m.means.get(peer.key)) is not None
    ]
    above = [m for d, _, m in sorted(scored, key=lambda t: (-t[0], t[1])) if d >= MIN_GAP][:count]
    below = [m for d, _, m in sorted(scored, key=lambda t: (t[0], t[1])) if d <= -MIN_GAP][:count]
    return tuple(above), tuple(below)


def _member_names(group: Group, year: int) -> tuple[str, ...]:
    """Name the group's countries in an edition, in the document's language and its order."""
    lang = current().code
    found = members(group, year)
    if lang == "en":
        return tuple(x.country for x in found)
    names = (local_name(x.iso3, x.country) for x in found)
    # Alphabetical as the reader reads it: accents do not move a name to the end.
    return tuple(sorted(names, key=lambda n: unicodedata.normalize("NFKD", n).casefold()))


def _phrase(group: Group) -> str:
    """Name a group in running text, with the article it takes in the document's language."""
    if group.key == "cdcc":
        return gettext("the CDCC member states")
    if group.key == "subregion":
        return gettext("its UN sub-region (%(region)s)") % {"region": group.label}
    return group.named


def _latest_measures(
    row: Scores | None, groups: tuple[Group, ...], peer: Group | None
) -> tuple[LatestMeasure, ...]:
    """Total, pillars and dimensions of the newest edition, each with its group means."""
    if row is None:
        return ()
    framework = edition(LATEST_EDITION).framework
    weights = framework.weights or {}
    # The labels are marked for translation where the framework is defined.
    keys: list[tuple[str, str, str]] = [("total", gettext("Overall score"), "total")]
    for pillar, dims in framework.pillars.items():
        keys.append((pillar, gettext(framework.labels[pillar]), "pillar"))
        keys += [(d, gettext(framework.labels[d]), "dimension") for d in dims]
    out = []
    for key, label, level in keys:
        top = leader(peer, LATEST_EDITION, key) if peer is not None else None
        out.append(
            LatestMeasure(
                key,
                label,
                level,  # type: ignore[arg-type]
                row.value(key),
                _rounded({k: s.mean for k, s in group_means(groups, LATEST_EDITION, key).items()}),
                weights.get(key) if level == "pillar" else None,
                top[0] if top else None,
                top[1] if top else None,
            )
        )
    return tuple(out)
