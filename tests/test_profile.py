"""The profile model: each rule of a well-formed profile, checked on the model itself."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from strategygen.assess import datasets as dataset
from strategygen.assess.checklist import (
    ALL_ITEMS,
    CHECKLIST,
    DATA_ITEMS,
    completeness,
    missing_items,
)
from strategygen.assess.datasets.readiness import scores as readiness_scores
from strategygen.assess.scaffold import known_codes, scaffold
from strategygen.errors import ProfileError
from strategygen.inputs.loader import load_profile_text
from strategygen.inputs.profile import PILLAR_DIMENSIONS, CountryProfile


@pytest.fixture
def data(valid_text: str) -> dict[str, Any]:
    loaded = yaml.safe_load(valid_text)
    assert isinstance(loaded, dict)
    return loaded


def errors(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Validate ``data`` and return (dotted location, message) for each error."""
    with pytest.raises(ValidationError) as info:
        CountryProfile.model_validate(data)
    return [(".".join(str(p) for p in e["loc"]), e["msg"]) for e in info.value.errors()]


def test_valid_fixture_is_valid(data: dict[str, Any]) -> None:
    profile = CountryProfile.model_validate(data)
    assert profile.code == "JAM"
    assert profile.readiness.total == 40


def test_profile_is_frozen(data: dict[str, Any]) -> None:
    profile = CountryProfile.model_validate(data)
    with pytest.raises(ValidationError):
        profile.identity.name = "Other"  # type: ignore[misc]


@pytest.mark.parametrize(
    "where",
    [(), ("identity",), ("readiness", "pillars"), ("readiness", "dimensions"), ("sources", 0)],
)
def test_unknown_key_is_an_error(data: dict[str, Any], where: tuple[Any, ...]) -> None:
    node: Any = data
    for part in where:
        node = node[part]
    node["misspelled"] = 1
    assert errors(data) == [
        (".".join(str(p) for p in (*where, "misspelled")), "Extra inputs are not permitted")
    ]


@pytest.mark.parametrize("value", [-0.01, 100.5])
def test_score_out_of_range(data: dict[str, Any], value: float) -> None:
    data["readiness"]["dimensions"]["vision"] = value
    [(loc, msg)] = errors(data)
    assert loc == "readiness.dimensions.vision"
    assert "100" in msg or "0" in msg


def test_score_bounds_are_inclusive(data: dict[str, Any]) -> None:
    data["readiness"]["dimensions"].update(
        vision=100, governance_ethics=0, digital_capacity=50, adaptability=50
    )
    CountryProfile.model_validate(data)


def test_unknown_iso3_code(data: dict[str, Any]) -> None:
    data["identity"]["iso3"] = "XXX"
    [(loc, msg)] = errors(data)
    assert loc == "identity.iso3"
    assert "not an ISO 3166-1 alpha-3 country code" in msg


def test_lower_case_iso3_code(data: dict[str, Any]) -> None:
    data["identity"]["iso3"] = "jam"
    [(loc, _)] = errors(data)
    assert loc == "identity.iso3"


def test_unknown_iso2_code(data: dict[str, Any]) -> None:
    data["identity"]["iso2"] = "QQ"
    [(loc, msg)] = errors(data)
    assert loc == "identity.iso2"
    assert "not an ISO 3166-1 alpha-2 country code" in msg


def test_iso2_must_match_iso3(data: dict[str, Any]) -> None:
    data["identity"]["iso2"] = "TT"  # Trinidad and Tobago: a real code, the wrong country
    [(loc, msg)] = errors(data)
    assert loc == "identity.iso2"
    assert "'JAM'" in msg and "'JM'" in msg


@pytest.mark.parametrize("status", ["member", "associate member", "none"])
def test_cdcc_status_accepts_the_three_values(data: dict[str, Any], status: str) -> None:
    data["identity"]["cdcc_status"] = status
    assert CountryProfile.model_validate(data).identity.cdcc_status == status


@pytest.mark.parametrize("status", ["Member", "associate", "observer", ""])
def test_cdcc_status_rejects_other_values(data: dict[str, Any], status: str) -> None:
    data["identity"]["cdcc_status"] = status
    [(loc, _)] = errors(data)
    assert loc == "identity.cdcc_status"


def test_pillar_not_mean_of_dimensions_names_both_numbers(data: dict[str, Any]) -> None:
    data["readiness"]["dimensions"]["adaptability"] = 51  # mean becomes 50.25
    [(loc, msg)] = errors(data)
    assert loc == "readiness"
    assert "pillars.government: pillar score" in msg
    assert "50.00" in msg and "50.25" in msg


def test_pillar_mean_ignores_missing_dimensions(data: dict[str, Any]) -> None:
    data["readiness"]["dimensions"]["adaptability"] = None
    CountryProfile.model_validate(data)
    data["readiness"]["dimensions"]["vision"] = 62  # (62 + 50 + 50) / 3 = 54
    [(_, msg)] = errors(data)
    assert "50.00" in msg and "54.00" in msg


def test_pillar_within_rounding_tolerance_is_accepted(data: dict[str, Any]) -> None:
    data["readiness"]["pillars"]["government"] = 50.05
    data["readiness"]["total"] = 40.02
    CountryProfile.model_validate(data)


def test_total_not_mean_of_pillars(data: dict[str, Any]) -> None:
    data["readiness"]["total"] = 41
    [(loc, msg)] = errors(data)
    assert loc == "readiness"
    assert "total: total" in msg
    assert "41.00" in msg and "40.00" in msg


def test_rank_beyond_ranked_countries(data: dict[str, Any]) -> None:
    data["readiness"]["rank"] = 194
    [(loc, msg)] = errors(data)
    assert loc == "readiness"
    assert "rank: rank" in msg
    assert "194" in msg and "193" in msg


def test_rank_equal_to_ranked_countries_is_fine(data: dict[str, Any]) -> None:
    data["readiness"]["rank"] = 193
    CountryProfile.model_validate(data)


def test_not_covered_with_scores_is_an_error(data: dict[str, Any]) -> None:
    data["readiness"]["covered"] = False
    [(loc, msg)] = errors(data)
    assert loc == "readiness"
    assert "covered is false" in msg
    for name in ("rank", "ranked_countries", "total", "pillars", "dimensions"):
        assert name in msg


def test_not_covered_without_scores_is_fine(data: dict[str, Any]) -> None:
    data["readiness"] = {"covered": False, "note": "Not in the index."}
    profile = CountryProfile.model_validate(data)
    assert profile.readiness.total is None


def test_covered_missing_scores(data: dict[str, Any]) -> None:
    del data["readiness"]["pillars"]
    del data["readiness"]["rank"]
    [(loc, msg)] = errors(data)
    assert loc == "readiness"
    assert "covered is true, so rank, pillars must be given" in msg


def test_empty_use_cases_needs_a_source(data: dict[str, Any]) -> None:
    data["public_sector_ai"] = {"use_cases": []}
    [(loc, msg)] = errors(data)
    assert loc == "public_sector_ai"
    assert "use_cases_source" in msg
    data["public_sector_ai"]["use_cases_source"] = "src"
    assert CountryProfile.model_validate(data).public_sector_ai.use_cases == []


def test_use_cases_left_out_is_a_gap_not_an_error(data: dict[str, Any]) -> None:
    assert CountryProfile.model_validate(data).public_sector_ai.use_cases is None


@pytest.mark.parametrize("part", ["digital_specialists", "ai_trained"])
def test_civil_service_part_larger_than_headcount(data: dict[str, Any], part: str) -> None:
    data["civil_service"] = {
        "headcount": {"value": 100, "year": 2024, "source": "src"},
        part: {"value": 101, "year": 2024, "source": "src"},
    }
    [(loc, msg)] = errors(data)
    assert loc == "civil_service"
    assert f"{part} (101) is larger than headcount (100)" in msg
    data["civil_service"][part]["value"] = 100
    CountryProfile.model_validate(data)


@pytest.mark.parametrize(("start", "end"), [(2030, 2030), (2030, 2029), (2027, 2043)])
def test_horizon_order(data: dict[str, Any], start: int, end: int) -> None:
    data["strategy_horizon"] = {"start": start, "end": end}
    [(loc, msg)] = errors(data)
    assert loc == "strategy_horizon"
    assert f"end ({end}) must be after start ({start})" in msg


def test_horizon_accepted(data: dict[str, Any]) -> None:
    data["strategy_horizon"] = {"start": 2027, "end": 2042}
    assert CountryProfile.model_validate(data).strategy_horizon is not None


def test_unknown_source_id(data: dict[str, Any]) -> None:
    data["context"]["population"]["source"] = "wdi"
    [(_, msg)] = errors(data)
    assert "context.population.source" in msg
    assert "'wdi' is not defined in sources" in msg


def test_unknown_use_cases_source(data: dict[str, Any]) -> None:
    data["public_sector_ai"] = {"use_cases": [], "use_cases_source": "survey"}
    [(_, msg)] = errors(data)
    assert "public_sector_ai.use_cases_source" in msg


def test_duplicate_source_id(data: dict[str, Any]) -> None:
    data["sources"].append(copy.deepcopy(data["sources"][0]))
    [(_, msg)] = errors(data)
    assert "sources.1.id: duplicate source id" in msg


def test_sources_registry_must_not_be_empty(data: dict[str, Any]) -> None:
    data["sources"] = []
    locs = [loc for loc, _ in errors(data)]
    assert locs == ["sources"]


@pytest.mark.parametrize("value", ["ftp://x.org", "not a url", "https://a b"])
def test_source_url_must_be_http(data: dict[str, Any], value: str) -> None:
    data["sources"][0]["url"] = value
    [(loc, _)] = errors(data)
    assert loc == "sources.0.url"


def test_unknown_indicator_name(data: dict[str, Any]) -> None:
    data["readiness"]["indicators"] = {"ai_strategy": 50, "ai_stratgy": 10}
    [(loc, msg)] = errors(data)
    assert loc == "readiness.indicators"
    assert "ai_stratgy" in msg


def test_unknown_narrative_section(data: dict[str, Any]) -> None:
    data["narrative"] = {"visoin": {"text": "Hello"}}
    [(loc, _)] = errors(data)
    assert loc == "narrative.visoin.[key]"


@pytest.mark.parametrize("code", known_codes())
def test_every_scaffold_loads_and_keeps_the_index_arithmetic(code: str) -> None:
    """All 193 indexed countries (and the CDCC territories) give a valid starting profile."""
    try:
        profile = load_profile_text(scaffold(code), f"{code}.yaml")
    except ProfileError as exc:  # pragma: no cover - shown when it fails
        pytest.fail(str(exc))
    assert profile.code == code
    assert list(profile.inconsistencies()) == []
    # The scaffold records the newest edition on the three-pillar framework that covers it.
    row = next((r for year in (2024, 2023, 2022) if (r := readiness_scores(year).get(code))), None)
    if row is None:
        assert profile.readiness.covered is False
    else:
        assert profile.readiness.edition == row.edition
        assert profile.readiness.total == row.total
        assert profile.readiness.pillars is not None
        for pillar in PILLAR_DIMENSIONS:
            assert getattr(profile.readiness.pillars, pillar) == row.pillars[pillar]


def test_known_codes_cover_the_index_and_cdcc() -> None:
    codes = set(known_codes())
    assert len(dataset.index_scores()) == 193
    assert set(dataset.index_scores()) <= codes
    assert set(dataset.cdcc()) <= codes
    assert len(dataset.cdcc()) == 29


def test_completeness_of_a_small_profile(
    valid_text: str, edit: Callable[[str, str, str], str]
) -> None:
    profile = load_profile_text(valid_text)
    # Present: population and readiness scores; everything else is a gap.
    assert [f.path for f in CHECKLIST if f not in missing_items(profile)] == [
        "context.population",
        "readiness.total",
    ]
    assert completeness(profile, with_data=False) == pytest.approx(2 / len(CHECKLIST))
    # The fixture's code is JAM, which every bundled dataset covers: all eight data items held.
    assert completeness(profile) == pytest.approx((2 + len(DATA_ITEMS)) / len(ALL_ITEMS))
    richer = edit(
        valid_text,
        "  source: src\ncontext:",
        "  languages: [English]\n  sids: true\n  source: src\ncontext:",
    )
    assert completeness(load_profile_text(richer), with_data=False) == pytest.approx(
        4 / len(CHECKLIST)
    )


def test_empty_list_counts_as_missing(
    valid_text: str, edit: Callable[[str, str, str], str]
) -> None:
    text = edit(valid_text, "  source: src\ncontext:", "  languages: []\n  source: src\ncontext:")
    profile = load_profile_text(text)
    assert "identity.languages" in [f.path for f in missing_items(profile)]


def test_not_covered_profile_lacks_readiness_fact(data: dict[str, Any]) -> None:
    data["readiness"] = {"covered": False}
    profile = CountryProfile.model_validate(data)
    assert "readiness.total" in [f.path for f in missing_items(profile)]
    assert completeness(profile, with_data=False) == pytest.approx(1 / len(CHECKLIST))


def test_dataset_facts_count_where_a_dataset_covers_the_country(
    valid_text: str, edit: Callable[[str, str, str], str]
) -> None:
    """A member is covered by every bundled dataset; a territory such as Montserrat is not,
    and each fact no dataset holds for it is a gap with its own action."""
    jam = load_profile_text(valid_text)
    assert not [f for f in missing_items(jam) if f.path.startswith("data.")]
    montserrat = load_profile_text(
        edit(edit(valid_text, "iso3: JAM", "iso3: MSR"), "iso2: JM", "iso2: MS")
    )
    missing = {f.path for f in missing_items(montserrat)}
    assert {"data.readiness_latest", "data.egdi", "data.gci", "data.risk"} <= missing
    assert completeness(montserrat) < completeness(jam)
    for item in DATA_ITEMS:
        assert item.action and item.label
