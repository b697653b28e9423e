import datetime as dt

import pytest

from strategygen.assess.benchmarks import (
    BENCHMARK_KEYS,
    cdcc_member_codes,
    compute_benchmarks,
    peer_stats,
    strongest_weakest,
)
from strategygen.assess.scaffold import scaffold
from strategygen.inputs.loader import load_profile_text
from strategygen.inputs.profile import CountryProfile


def _profile(code: str) -> CountryProfile:
    return load_profile_text(scaffold(code))


def _bench(profile: CountryProfile, key: str):  # type: ignore[no-untyped-def]
    return next(b for b in compute_benchmarks(profile) if b.key == key)


def test_total_means_match_published_figures() -> None:
    total = peer_stats()["total"]
    assert round(total.world_mean, 2) == 44.94
    assert round(total.lac_mean, 2) == 41.50
    assert round(total.cdcc_mean, 2) == 37.28
    assert total.world_ranked == 193
    assert total.cdcc_ranked == 16


def test_sixteen_cdcc_members() -> None:
    assert len(cdcc_member_codes()) == 16


def test_missing_dimension_values_are_skipped() -> None:
    stats = peer_stats()["data_representativeness"]
    assert stats.world_ranked == 191


def test_jamaica_rank_leader_and_gap() -> None:
    total = _bench(_profile("JAM"), "total")
    assert total.score == 41.32
    assert total.world_rank == 98
    assert total.cdcc_rank == 3
    assert total.cdcc_leader == "Dominican Republic"
    assert total.cdcc_leader_score == 50.71
    assert total.gap_to_leader == pytest.approx(9.39)
    assert total.gap_to_cdcc_mean == pytest.approx(-4.04)


def test_leader_has_rank_one_and_no_gap() -> None:
    total = _bench(_profile("DOM"), "total")
    assert total.cdcc_rank == 1
    assert total.gap_to_leader == 0


def test_world_rank_matches_dataset_for_every_member() -> None:
    from strategygen.assess import datasets as dataset

    for code in cdcc_member_codes():
        assert _bench(_profile(code), "total").world_rank == dataset.index_scores()[code].rank


def test_ties_share_a_rank() -> None:
    atg, brb = _bench(_profile("ATG"), "vision"), _bench(_profile("BRB"), "vision")
    assert atg.score == brb.score == 0
    assert atg.world_rank == brb.world_rank
    assert atg.cdcc_rank == brb.cdcc_rank


def test_edited_total_is_ranked_against_the_dataset() -> None:
    jam = _profile("JAM")
    top = jam.model_copy(update={"readiness": jam.readiness.model_copy(update={"total": 99.0})})
    assert _bench(top, "total").world_rank == 1
    assert _bench(top, "total").cdcc_rank == 1


def test_non_member_has_world_rank_but_no_cdcc_rank() -> None:
    fra = _bench(_profile("FRA"), "total")
    assert fra.world_rank is not None
    assert fra.cdcc_rank is None


def test_uncovered_territory_has_means_but_no_score_or_ranks() -> None:
    benchmarks = compute_benchmarks(_profile("AIA"))
    assert [b.key for b in benchmarks] == list(BENCHMARK_KEYS)
    for b in benchmarks:
        assert b.score is None and b.world_rank is None and b.cdcc_rank is None
        assert b.gap_to_leader is None and b.gap_to_cdcc_mean is None
    assert benchmarks[0].world_mean == 44.94
    assert strongest_weakest(benchmarks) == ((), ())


def test_strongest_and_weakest_relative_to_cdcc_mean() -> None:
    strongest, weakest = strongest_weakest(compute_benchmarks(_profile("JAM")))
    assert [b.key for b in strongest] == ["vision", "governance_ethics", "adaptability"]
    # Data representativeness (72.78) trails the CDCC mean but is Jamaica's highest score, so
    # it is never called one of its weakest dimensions.
    assert [b.key for b in weakest] == ["data_availability", "infrastructure", "human_capital"]
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
