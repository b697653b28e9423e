"""Benchmarks and comparison groups: the analysis edition, group means, ranks and leaders."""

import csv
import datetime as dt

import pytest

from strategygen.assess.benchmarks import (
    BENCHMARK_KEYS,
    cdcc_member_codes,
    compute_benchmarks,
    strongest_weakest,
)
from strategygen.assess.datasets.readiness import scores
from strategygen.assess.editions import MIN_GAP, resolve
from strategygen.assess.groups import comparison_groups, group_mean, peer_group
from strategygen.assess.model import Benchmark
from strategygen.assess.scaffold import scaffold
from strategygen.inputs.loader import load_profile_text
from strategygen.inputs.profile import CountryProfile
from strategygen.resources import data_file


def _profile(code: str) -> CountryProfile:
    return load_profile_text(scaffold(code))


def _bench(profile: CountryProfile, key: str) -> Benchmark:
    return next(b for b in compute_benchmarks(profile) if b.key == key)


def _aggregates() -> list[dict[str, str]]:
    with data_file("gairi_aggregates.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    "row", _aggregates(), ids=lambda r: f"{r['edition']}-{r['group']}-{r['variable']}"
)
def test_group_means_reproduce_the_published_aggregates(row: dict[str, str]) -> None:
    # The bundled aggregates were computed from unrounded scores; ours use the published
    # two-decimal scores, so they may differ by a rounding step.
    groups = {g.key: g for g in comparison_groups("JAM", "member", None)}
    key = {"world": "world", "lac": "lac", "cdcc16": "cdcc"}[row["group"]]
    stat = group_mean(groups[key], int(row["edition"]), row["variable"])
    assert stat.mean == pytest.approx(float(row["mean"]), abs=0.011)
    assert stat.count == int(row["n_countries"])


def test_sixteen_cdcc_members() -> None:
    assert len(cdcc_member_codes()) == 16


def test_jamaica_uses_the_2024_edition_against_cdcc_peers() -> None:
    total = _bench(_profile("JAM"), "total")
    assert (total.edition, total.score, total.world_rank, total.world_ranked) == (
        2024,
        37.79,
        122,
        188,
    )
    assert total.peer == "cdcc"
    assert (total.peer_rank, total.peer_ranked) == (10, 15)
    assert total.peer_leader == "Dominican Republic"
    assert total.peer_leader_score == 52.69
    assert total.gap_to_leader == pytest.approx(14.9)
    assert total.cdcc_mean == 38.99 and total.lac_mean == 42.99 and total.world_mean == 47.59
    assert total.gap_to_peer_mean == pytest.approx(1.2)


def test_dominica_absent_from_2024_is_benchmarked_on_2023() -> None:
    total = _bench(_profile("DMA"), "total")
    assert (total.edition, total.score, total.world_rank) == (2023, 34.82, 127)
    assert total.cdcc_ranked == 16 and total.cdcc_mean == 37.28


def test_leader_has_rank_one_and_no_gap() -> None:
    total = _bench(_profile("DOM"), "total")
    assert total.cdcc_rank == 1
    assert total.gap_to_leader == 0


def test_world_rank_is_the_published_rank_for_every_member() -> None:
    for code in cdcc_member_codes():
        total = _bench(_profile(code), "total")
        assert total.world_rank == scores(total.edition)[code].rank


def test_ties_share_a_rank() -> None:
    atg, brb = _bench(_profile("ATG"), "vision"), _bench(_profile("BRB"), "vision")
    assert atg.score == brb.score == 0
    assert atg.world_rank == brb.world_rank
    assert atg.cdcc_rank == brb.cdcc_rank


def test_a_profile_overrides_the_bundled_scores_of_its_edition() -> None:
    jam = _profile("JAM")
    assert jam.readiness.edition == 2024
    top = jam.model_copy(update={"readiness": jam.readiness.model_copy(update={"total": 99.0})})
    total = _bench(top, "total")
    assert (total.score, total.world_rank, total.cdcc_rank) == (99.0, 1, 1)
    assert total.peer_leader == "Jamaica" and total.gap_to_leader == 0


def test_a_country_outside_the_caribbean_is_never_compared_with_the_cdcc() -> None:
    fra = _bench(_profile("FRA"), "total")
    assert fra.world_rank is not None
    assert fra.cdcc_rank is None and fra.cdcc_mean is None and fra.lac_mean is None
    assert fra.gap_to_cdcc_mean is None
    assert set(fra.means) == {"subregion", "region", "income", "world"}


def test_mauritius_is_compared_with_eastern_africa_and_sub_saharan_africa() -> None:
    resolved = resolve(_profile("MUS"))
    labels = [g.label for g in resolved.groups]
    assert labels == [
        "Eastern Africa",
        "Sub-Saharan Africa",
        "Upper-middle-income countries",
        "the world",
    ]
    assert resolved.peer is not None and resolved.peer.label == "Eastern Africa"
    total = _bench(_profile("MUS"), "total")
    assert total.peer == "subregion" and total.peer_leader == "Mauritius"


def test_jamaica_groups_are_the_cdcc_its_subregion_lac_income_and_world() -> None:
    keys = [g.key for g in comparison_groups("JAM", "member", None)]
    assert keys == ["cdcc", "subregion", "lac", "income", "world"]


def test_a_subregion_too_small_for_a_mean_hands_over_to_the_wider_region() -> None:
    groups = comparison_groups("USA", "none", None)
    assert groups[0].label == "Northern America"
    assert peer_group(groups, 2024).label == "Americas"


def test_uncovered_territory_has_means_but_no_score_or_ranks() -> None:
    benchmarks = compute_benchmarks(_profile("AIA"))
    assert [b.key for b in benchmarks] == list(BENCHMARK_KEYS)
    for b in benchmarks:
        assert b.score is None and b.world_rank is None and b.cdcc_rank is None
        assert b.gap_to_leader is None and b.gap_to_cdcc_mean is None
    assert benchmarks[0].world_mean == 47.59
    assert strongest_weakest(benchmarks) == ((), ())


def test_strongest_and_weakest_relative_to_the_peer_mean() -> None:
    strongest, weakest = strongest_weakest(compute_benchmarks(_profile("JAM")))
    # Digital capacity leads and infrastructure (30.26 against 33.08) trails the CDCC mean by
    # less than MIN_GAP points: neither is a strength or a weakness to plan around.
    assert [b.key for b in strongest] == ["governance_ethics", "adaptability"]
    # Data representativeness (76.62) trails the CDCC mean but is Jamaica's highest score, so
    # it is never called one of its weakest dimensions.
    assert [b.key for b in weakest] == ["vision", "data_availability"]
    assert all(abs(b.gap_to_cdcc_mean) >= MIN_GAP for b in strongest + weakest)  # type: ignore[arg-type]
    assert all(b.level == "dimension" for b in strongest + weakest)
    assert all(b.gap_to_cdcc_mean > 0 for b in weakest)  # type: ignore[operator]
    assert all(b.gap_to_cdcc_mean < 0 for b in strongest)  # type: ignore[operator]


def test_levels() -> None:
    levels = {b.key: b.level for b in compute_benchmarks(_profile("JAM"))}
    assert levels["total"] == "total"
    assert levels["government"] == "pillar"
    assert levels["vision"] == "dimension"


def test_date_is_irrelevant_to_benchmarks() -> None:
    # Benchmarks depend only on the profile and the bundled data.
    assert dt.date(2026, 1, 1) and compute_benchmarks(_profile("JAM")) == compute_benchmarks(
        _profile("JAM")
    )
