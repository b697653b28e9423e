"""Benchmarks: a country's readiness scores against CDCC, Latin America and Caribbean, and world."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from strategygen.assess import datasets as dataset
from strategygen.assess.model import Benchmark
from strategygen.inputs.profile import PILLAR_DIMENSIONS, CountryProfile

PILLAR_LABELS: dict[str, str] = {
    "government": "Government",
    "technology_sector": "Technology sector",
    "data_infrastructure": "Data and infrastructure",
}

DIMENSION_LABELS: dict[str, str] = {
    "vision": "Vision",
    "governance_ethics": "Governance and ethics",
    "digital_capacity": "Digital capacity",
    "adaptability": "Adaptability",
    "maturity": "Technology-sector maturity",
    "innovation_capacity": "Innovation capacity",
    "human_capital": "Human capital",
    "infrastructure": "Infrastructure",
    "data_availability": "Data availability",
    "data_representativeness": "Data representativeness",
}

TOTAL_KEY = "total"
DIMENSION_KEYS: tuple[str, ...] = tuple(d for dims in PILLAR_DIMENSIONS.values() for d in dims)
PILLAR_KEYS: tuple[str, ...] = tuple(PILLAR_DIMENSIONS)
# Every measure benchmarked, in the order the document prints them.
BENCHMARK_KEYS: tuple[str, ...] = (TOTAL_KEY, *PILLAR_KEYS, *DIMENSION_KEYS)
LABELS: dict[str, str] = {TOTAL_KEY: "Overall readiness", **PILLAR_LABELS, **DIMENSION_LABELS}

# How many dimensions the document names as strongest and weakest.
EXTREMES = 3


@dataclass(frozen=True)
class PeerStats:
    """Peer-group statistics for one measure, computed from the bundled dataset."""

    cdcc_mean: float
    lac_mean: float
    world_mean: float
    world_ranked: int
    cdcc_ranked: int
    cdcc_leader: str
    cdcc_leader_score: float


def _level(key: str) -> str:
    if key == TOTAL_KEY:
        return "total"
    return "pillar" if key in PILLAR_DIMENSIONS else "dimension"


def _dataset_value(row: dataset.IndexRow, key: str) -> float | None:
    if key == TOTAL_KEY:
        return row.total
    if key in row.pillars:
        return row.pillars[key]
    return row.dimensions.get(key)


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0


def cdcc_member_codes() -> tuple[str, ...]:
    """Return the ISO codes of the CDCC member states (not associate members), sorted."""
    return tuple(sorted(code for code, row in dataset.cdcc().items() if row.status == "member"))


@cache
def peer_stats() -> Mapping[str, PeerStats]:
    """Return peer-group statistics for every benchmark key (skipping missing values)."""
    rows = dataset.index_scores()
    members = [rows[c] for c in cdcc_member_codes() if c in rows]
    out: dict[str, PeerStats] = {}
    for key in BENCHMARK_KEYS:
        world = [v for r in rows.values() if (v := _dataset_value(r, key)) is not None]
        lac = [
            v
            for r in rows.values()
            if r.un_region in dataset.LAC_REGIONS and (v := _dataset_value(r, key)) is not None
        ]
        cdcc = [(v, r.country) for r in members if (v := _dataset_value(r, key)) is not None]
        # Highest score leads; a tie goes to the name first in alphabetical order.
        leader_score, leader = min(cdcc, key=lambda item: (-item[0], item[1]))
        out[key] = PeerStats(
            cdcc_mean=_mean(v for v, _ in cdcc),
            lac_mean=_mean(lac),
            world_mean=_mean(world),
            world_ranked=len(world),
            cdcc_ranked=len(cdcc),
            cdcc_leader=leader,
            cdcc_leader_score=leader_score,
        )
    return out


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


def compute_benchmarks(profile: CountryProfile) -> tuple[Benchmark, ...]:
    """Compare the profile's total, pillar and dimension scores with the peer groups.

    The country's own score comes from the profile; peer means, ranks and leaders come from
    the bundled 2023 dataset. Ranks compare the profile's score with every other country's
    dataset score, so an edited profile still ranks consistently; ties share the better rank.
    The overall total uses the index's published rank (which breaks ties on unrounded scores)
    when the profile's total is the published one. Uncovered territories get
    benchmarks with ``score``, ranks and gaps set to None.

    Args:
        profile: The validated country profile.

    Returns:
        One Benchmark per key of ``BENCHMARK_KEYS``, in that order.

    """
    rows = dataset.index_scores()
    code = profile.code
    is_member = profile.identity.cdcc_status == "member"
    members = set(cdcc_member_codes())
    stats = peer_stats()
    out: list[Benchmark] = []
    for key in BENCHMARK_KEYS:
        peer = stats[key]
        score = profile_score(profile, key)
        world_rank: int | None = None
        cdcc_rank: int | None = None
        gap: float | None = None
        own = rows.get(code)
        published = profile.readiness.rank
        if key == TOTAL_KEY and score is not None and published and own and own.total == score:
            # The index breaks ties on unrounded scores; its published rank is authoritative.
            world_rank = published
            if is_member:
                cdcc_rank = 1 + sum(
                    1 for c in members if c != code and c in rows and rows[c].rank < published
                )
            gap = round(max(peer.cdcc_leader_score - score, 0.0), 2)
        elif score is not None:
            others = {c: _dataset_value(r, key) for c, r in rows.items() if c != code}
            world_rank = _rank(score, (v for v in others.values() if v is not None))
            if is_member:
                cdcc_rank = _rank(
                    score,
                    (v for c, v in others.items() if c in members and v is not None),
                )
            gap = round(max(peer.cdcc_leader_score - score, 0.0), 2)
        out.append(
            Benchmark(
                key=key,
                label=LABELS[key],
                level=_level(key),  # type: ignore[arg-type]
                score=score,
                cdcc_mean=round(peer.cdcc_mean, 2),
                lac_mean=round(peer.lac_mean, 2),
                world_mean=round(peer.world_mean, 2),
                world_rank=world_rank,
                world_ranked=peer.world_ranked,
                cdcc_rank=cdcc_rank,
                cdcc_ranked=peer.cdcc_ranked,
                cdcc_leader=peer.cdcc_leader,
                cdcc_leader_score=peer.cdcc_leader_score,
                gap_to_leader=gap,
            )
        )
    return tuple(out)


def strongest_weakest(
    benchmarks: Iterable[Benchmark], count: int = EXTREMES
) -> tuple[tuple[Benchmark, ...], tuple[Benchmark, ...]]:
    """Return up to ``count`` dimensions furthest above and furthest below the CDCC mean.

    Only dimensions above the mean can be strengths and only those below it weaknesses. The
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
        return round((b.score or 0.0) - b.cdcc_mean, 6)

    top = max(scored, key=lambda b: (b.score or 0.0, -order[b.key]))
    bottom = min(scored, key=lambda b: (b.score or 0.0, order[b.key]))
    above = [b for b in scored if diff(b) > 0 and b is not bottom]
    below = [b for b in scored if diff(b) < 0 and b is not top]
    strongest = sorted(above, key=lambda b: (-diff(b), order[b.key]))[:count]
    weakest = sorted(below, key=lambda b: (diff(b), order[b.key]))[:count]
    return tuple(strongest), tuple(weakest)
