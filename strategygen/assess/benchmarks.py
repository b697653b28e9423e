"""Benchmarks: a country's readiness scores against the comparison groups that fit it."""

from __future__ import annotations

from collections.abc import Iterable

from strategygen.assess import datasets as dataset
from strategygen.assess.datasets.readiness import scores
from strategygen.assess.editions import MIN_GAP, THREE_PILLAR_YEARS, Resolved, resolve
from strategygen.assess.groups import group_means, local_name, members
from strategygen.assess.model import Benchmark
from strategygen.i18n.catalog import N_, gettext
from strategygen.inputs.profile import PILLAR_DIMENSIONS, CountryProfile

PILLAR_LABELS: dict[str, str] = {
    "government": N_("Government"),
    "technology_sector": N_("Technology sector"),
    "data_infrastructure": N_("Data and infrastructure"),
}

DIMENSION_LABELS: dict[str, str] = {
    "vision": N_("Vision"),
    "governance_ethics": N_("Governance and ethics"),
    "digital_capacity": N_("Digital capacity"),
    "adaptability": N_("Adaptability"),
    "maturity": N_("Technology-sector maturity"),
    "innovation_capacity": N_("Innovation capacity"),
    "human_capital": N_("Human capital"),
    "infrastructure": N_("Infrastructure"),
    "data_availability": N_("Data availability"),
    "data_representativeness": N_("Data representativeness"),
}

TOTAL_KEY = "total"
DIMENSION_KEYS: tuple[str, ...] = tuple(d for dims in PILLAR_DIMENSIONS.values() for d in dims)
PILLAR_KEYS: tuple[str, ...] = tuple(PILLAR_DIMENSIONS)
# Every measure benchmarked, in the order the document prints them.
BENCHMARK_KEYS: tuple[str, ...] = (TOTAL_KEY, *PILLAR_KEYS, *DIMENSION_KEYS)
# In English (the region overview prints them as they are); a draft translates them.
LABELS: dict[str, str] = {
    TOTAL_KEY: N_("Overall readiness"),
    **PILLAR_LABELS,
    **DIMENSION_LABELS,
}

# How many dimensions the document names as strongest and weakest.
EXTREMES = 3


def _level(key: str) -> str:
    if key == TOTAL_KEY:
        return "total"
    return "pillar" if key in PILLAR_DIMENSIONS else "dimension"


def cdcc_member_codes() -> tuple[str, ...]:
    """Return the ISO codes of the CDCC member states (not associate members), sorted."""
    return tuple(sorted(code for code, row in dataset.cdcc().items() if row.status == "member"))


def profile_score(profile: CountryProfile, key: str) -> float | None:
    """Return the profile's own score for a benchmark key, or None where it has none."""
    readiness = profile.readiness
    if not readiness.covered:
        return None
    if key == TOTAL_KEY:
        return readiness.total
    if key in PILLAR_DIMENSIONS:
        return getattr(readiness.pillars, key) if readiness.pillars is not None else None
    return getattr(readiness.dimensions, key) if readiness.dimensions is not None else None


def _rank(score: float, others: Iterable[float]) -> int:
    """Competition ranking: 1 + the number of others strictly better (ties share a rank)."""
    return 1 + sum(1 for v in others if v > score)


def compute_benchmarks(
    profile: CountryProfile, resolved: Resolved | None = None
) -> tuple[Benchmark, ...]:
    """Compare the country's total, pillar and dimension scores with its comparison groups.

    The scores are those of the analysis edition (the newest three-pillar edition covering
    the country; the profile's own where it overrides that edition); group means, ranks and
    leaders come from the bundled data of the same edition. Ranks compare the country's score
    with every other country's, so an edited profile still ranks consistently; ties share the
    better rank, except for the total when the scores are the published ones, where the
    index's own rank (which breaks ties on unrounded scores) is used. A country no edition
    covers gets benchmarks with no score, ranks or gaps, against the latest comparable means.

    Args:
        profile: The validated country profile.
        resolved: The country's editions (from ``editions.resolve``); computed if not given.

    Returns:
        One Benchmark per key of ``BENCHMARK_KEYS``, in that order.

    """
    resolved = resolved or resolve(profile)
    own = resolved.analysis
    year = own.edition if own is not None else THREE_PILLAR_YEARS[-1]
    rows = scores(year)
    code = profile.code
    groups = resolved.groups
    peer = resolved.peer or groups[-1]
    peer_codes = {r.iso3 for r in members(peer, year)} - {code}
    out: list[Benchmark] = []
    for key in BENCHMARK_KEYS:
        score = own.value(key) if own is not None else None
        others = {c: v for c, r in rows.items() if c != code and (v := r.value(key)) is not None}
        world_rank = peer_rank = None
        gap = None
        # The peer group's leader: the other members' bundled scores and the country's own.
        candidates = [(v, rows[c].country, c) for c, v in others.items() if c in peer_codes]
        if score is not None:
            candidates.append(
                (score, own.country if own is not None else profile.identity.name, code)
            )
            if key == TOTAL_KEY and resolved.published_rank and own is not None:
                world_rank = own.rank
                peer_rank = 1 + sum(1 for c in peer_codes if c in rows and rows[c].rank < own.rank)
            else:
                world_rank = _rank(score, others.values())
                peer_rank = _rank(score, (v for c, v in others.items() if c in peer_codes))
        # Highest score leads; a tie goes to the name first in alphabetical order.
        top = min(candidates, key=lambda item: (-item[0], item[1])) if candidates else None
        if score is not None and top is not None:
            gap = round(max(top[0] - score, 0.0), 2)
        means = {k: s.mean for k, s in group_means(groups, year, key).items()}
        out.append(
            Benchmark(
                key=key,
                label=gettext(LABELS[key]),
                level=_level(key),  # type: ignore[arg-type]
                score=score,
                edition=year,
                means={k: (round(v, 2) if v is not None else None) for k, v in means.items()},
                peer=peer.key,
                world_rank=world_rank,
                world_ranked=len(others) + (1 if score is not None else 0),
                peer_rank=peer_rank,
                peer_ranked=len([c for c in peer_codes if c in others])
                + (1 if score is not None else 0),
                peer_leader=local_name(top[2], top[1]) if top else None,
                peer_leader_score=top[0] if top else None,
                gap_to_leader=gap,
            )
        )
    return tuple(out)


def strongest_weakest(
    benchmarks: Iterable[Benchmark], count: int = EXTREMES
) -> tuple[tuple[Benchmark, ...], tuple[Benchmark, ...]]:
    """Return up to ``count`` dimensions furthest above and furthest below the CDCC mean.

    Only dimensions at least :data:`MIN_GAP` points above the mean can be strengths and only
    those at least as far below it weaknesses. The
    country's own highest-scoring dimension is never listed among its weakest (nor its lowest
    among its strongest), however it compares with the mean: calling a country's best score
    one of its weakest would mislead the reader. Dimensions without a score are left out; ties
    are broken by the document order.

    Returns:
        (strongest, weakest): strongest first in the first tuple, weakest first in the second.

    """
    scored = [b for b in benchmarks if b.level == "dimension" and b.score is not None]
    order = {key: i for i, key in enumerate(BENCHMARK_KEYS)}
    if not scored:
        return (), ()

    def diff(b: Benchmark) -> float:
        return round((b.score or 0.0) - (b.peer_mean or 0.0), 6)

    top = max(scored, key=lambda b: (b.score or 0.0, -order[b.key]))
    bottom = min(scored, key=lambda b: (b.score or 0.0, order[b.key]))
    above = [b for b in scored if diff(b) >= MIN_GAP and b is not bottom]
    below = [b for b in scored if diff(b) <= -MIN_GAP and b is not top]
    strongest = sorted(above, key=lambda b: (-diff(b), order[b.key]))[:count]
    weakest = sorted(below, key=lambda b: (diff(b), order[b.key]))[:count]
    return tuple(strongest), tuple(weakest)
