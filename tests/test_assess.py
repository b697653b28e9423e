import datetime as dt
import math
import re
from pathlib import Path

import pytest

from strategygen.assess.kpi_catalogue import catalogue
from strategygen.assess.kpis import DEFAULT_RATIOS, training_tiers
from strategygen.assess.maturity import stage_for
from strategygen.assess.model import Assessment
from strategygen.assess.run import assess
from strategygen.assess.scaffold import scaffold
from strategygen.inputs.loader import load_profile, load_profile_text
from strategygen.inputs.profile import (
    AiStrategy,
    CivilService,
    Count,
    CountryProfile,
    Guidelines,
    Horizon,
    Institutions,
    Law,
    LawStatus,
    PublicSectorAI,
    UseCase,
)
from strategygen.inputs.tailoring import Tailoring
from strategygen.resources import shipped_dir

DATE = dt.date(2026, 3, 1)
SRC = "gairi2023"
SHIPPED = sorted(shipped_dir("country_profiles").glob("*.yaml"))


def _p(code: str = "JAM") -> CountryProfile:
    """The country's scaffold with only what the index and World Bank data supply.

    ``strategygen new`` also writes a CDCC member's verified laws and bodies; these tests
    start from none of them and add each fact they need.
    """
    scaffolded = load_profile_text(scaffold(code))
    return scaffolded.model_copy(
        update={"institutions": Institutions(), "law": Law(), "civil_service": CivilService()}
    )


def with_dims(base: CountryProfile, **dims: float) -> CountryProfile:
    r = base.readiness
    assert r.dimensions is not None
    new = r.dimensions.model_copy(update=dims)
    return base.model_copy(update={"readiness": r.model_copy(update={"dimensions": new})})


def headcount(base: CountryProfile, value: int | None, **more: int) -> CountryProfile:
    fields = {k: Count(value=v, year=2024, source=SRC) for k, v in more.items()}
    if value is not None:
        fields["headcount"] = Count(value=value, year=2024, source=SRC)
    return base.model_copy(update={"civil_service": CivilService(**fields)})


def test_stage_thresholds() -> None:
    assert [stage_for(x) for x in (0, 19.99, 20, 39.99, 40, 59.99, 60, 79.99, 80, 100)] == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
        5,
        5,
    ]


def test_no_adopted_strategy_caps_strategy_at_two() -> None:
    high = with_dims(_p(), vision=100)
    capped = assess(high, DATE).area("strategy")
    assert capped.score == 100 and capped.stage == 2 and capped.caps
    adopted = high.model_copy(
        update={"institutions": Institutions(ai_strategy=AiStrategy(status="adopted", source=SRC))}
    )
    # An adopted strategy lifts the cap to 3: stages 4 and 5 need an evaluation of its results.
    evaluated = assess(adopted, DATE).area("strategy")
    assert evaluated.stage == 3 and evaluated.held_back
    assert "evaluation" in evaluated.caps[0]
    middling = with_dims(adopted, vision=50)
    assert assess(middling, DATE).area("strategy").caps == ()


def test_a_cap_on_an_unrecorded_fact_asks_to_confirm_it() -> None:
    """A missing fact holds the stage until confirmed; it is never read as an absence."""
    high = with_dims(_p(), human_capital=90)
    area = assess(high, DATE).area("skills")
    assert area.stage == 2 and len(area.caps) == 1
    assert "not on record" in area.caps[0] and "confirmed" in area.caps[0]
    assert "no civil servants trained" not in area.caps[0]


def test_data_protection_not_in_force_caps_safeguards() -> None:
    high = with_dims(_p(), governance_ethics=90)
    for status, stage in (("draft", 2), ("partially_in_force", 2), ("in_force", 5)):
        profile = high.model_copy(
            update={"law": Law(data_protection=LawStatus(status=status, source=SRC))}  # type: ignore[arg-type]
        )
        assert assess(profile, DATE).area("safeguards").stage == stage


def test_public_sector_capped_without_register_and_guidelines() -> None:
    high = with_dims(_p(), digital_capacity=95, adaptability=95)
    area = assess(high, DATE).area("public_sector")
    # Without a register no body can be placed on the adoption scale: stage 2 at most.
    assert area.stage == 2 and len(area.caps) == 2
    case = UseCase(
        name="Assistant",
        agency="Tax",
        function="tax",
        stage="production",
        risk_level="low",
        baseline_measured=True,
        source=SRC,
    )
    governed = high.model_copy(
        update={
            "public_sector_ai": PublicSectorAI(
                use_cases=[case], guidelines=Guidelines(status="adopted", source=SRC)
            )
        }
    )
    assert assess(governed, DATE).area("public_sector").stage == 5


def test_overall_is_rounded_down_mean_of_area_stages() -> None:
    a = assess(_p("JAM"), DATE)
    stages = [m.stage for m in a.areas if m.stage is not None]
    assert a.overall.stage == math.floor(sum(stages) / len(stages))
    assert "rounded-down mean" in a.overall.basis


def test_confidence_low_for_imputed_antigua() -> None:
    a = assess(_p("ATG"), DATE)
    assert a.overall.confidence == "low"
    assert all(m.confidence == "low" for m in a.areas)
    assert "40%" in a.overall.confidence_reason


def test_confidence_levels_follow_missing_facts() -> None:
    base = _p("JAM")
    assert assess(base, DATE).area("strategy").confidence == "low"
    partial = base.model_copy(
        update={"institutions": Institutions(ai_strategy=AiStrategy(status="none", source=SRC))}
    )
    assert assess(partial, DATE).area("strategy").confidence == "medium"


def test_uncovered_anguilla_is_not_assessed_from_scores() -> None:
    a = assess(_p("AIA"), DATE)
    assert a.overall.stage is None and a.overall.stage_name == "Not assessed"
    assert all(m.score is None for m in a.areas)
    assert a.strongest == () and a.weakest == ()
    # Whether a national readiness assessment exists is not on record: confirm, never commission.
    assert any(f.id == "COV-CONFIRM" for f in a.fired)
    assert not any(f.id == "COV-NONE" for f in a.fired)
    assert a.kpi("K01").baseline is None
    assert any(g.path == "readiness.total" for g in a.gaps)


def test_uncovered_territory_staged_from_facts_where_possible() -> None:
    aia = _p("AIA").model_copy(
        update={
            "institutions": Institutions(
                ai_strategy=AiStrategy(status="adopted", source="iso3166")
            ),
            "law": Law(data_protection=LawStatus(status="draft", source="iso3166")),
        }
    )
    a = assess(aia, DATE)
    assert a.area("strategy").stage == 3
    assert a.area("safeguards").stage == 2
    assert a.area("infrastructure").stage is None
    assert a.overall.stage == 2


def test_tier_numbers_from_headcount() -> None:
    tiers = {t.key: t for t in training_tiers(headcount(_p(), 12345))}
    assert tiers["awareness"].target == 12345
    assert tiers["leaders"].target == math.ceil(12345 * 0.03)
    assert tiers["practitioners"].target == math.ceil(12345 * 0.10)
    assert tiers["specialists"].target == math.ceil(12345 * 0.02)
    assert "12,345" in tiers["leaders"].basis


def test_specialist_minimum_and_adjustable_ratios() -> None:
    small = {t.key: t for t in training_tiers(headcount(_p(), 100))}
    assert small["specialists"].target == 5
    custom = {t.key: t for t in training_tiers(headcount(_p(), 1000), {"leaders": 0.05})}
    assert custom["leaders"].target == 50 and custom["leaders"].ratio == 0.05
    assert DEFAULT_RATIOS["leaders"] == 0.03  # the override does not leak
    with pytest.raises(ValueError):
        training_tiers(_p(), {"interns": 0.5})


def test_missing_headcount_gives_no_tier_numbers_and_a_gap() -> None:
    a = assess(_p(), DATE)
    assert all(t.target is None for t in a.tiers)
    assert any(g.path == "civil_service.headcount" for g in a.gaps)


def test_ratios_argument_flows_through_assess() -> None:
    a = assess(headcount(_p(), 2000), DATE, ratios={"practitioners": 0.2})
    assert {t.key: t.target for t in a.tiers}["practitioners"] == 400


def test_horizon_default_and_from_profile() -> None:
    a = assess(_p(), DATE)
    assert (a.horizon_start, a.horizon_end) == (2027, 2032)
    fixed = _p().model_copy(update={"strategy_horizon": Horizon(start=2026, end=2030)})
    b = assess(fixed, DATE)
    assert (b.horizon_start, b.horizon_end) == (2026, 2030)


def test_kpi_set_is_union_of_fired_rules_plus_readiness() -> None:
    a = assess(_p(), DATE)
    expected = {"K01"} | {k for f in a.fired for k in f.kpis}
    assert {k.id for k in a.kpis} == expected


def test_baselines_only_from_profile_facts() -> None:
    profile = headcount(_p(), 1000, ai_trained=40)
    a = assess(profile, DATE)
    k50 = a.kpi("K50")
    assert k50.baseline is not None
    assert k50.baseline.value == "40 (4.0% of headcount)"
    assert (k50.baseline.year, k50.baseline.source_id) == (2024, SRC)
    # The headline readiness KPI is read from the newest edition (the framework in force).
    k01 = a.kpi("K01")
    assert k01.baseline is not None
    assert (k01.baseline.value, k01.baseline.year, k01.baseline.source_id) == (
        "40.09",
        2025,
        "gairi2025",
    )
    assert "in the edition published in" in k01.target and "2025 framework" in k01.name
    # Internet use, a gap before the bundled data, now has a dated, sourced baseline.
    k20 = a.kpi("K20") if any(k.id == "K20" for k in a.kpis) else None
    if k20 is not None:
        assert k20.baseline is not None and k20.baseline.source_id == "wdi"
    # Every KPI without a baseline is listed as a data gap.
    missing = {k.id for k in a.kpis if k.baseline is None}
    assert missing == {g.path.removeprefix("kpi.") for g in a.gaps if g.path.startswith("kpi.")}


def _allowed_numbers(a: Assessment) -> set[str]:
    """Numbers a target may print: years, 100%, the tier ratios and data-derived values."""
    ok = {str(y) for y in range(a.horizon_start - 5, a.horizon_end + 1)} | {"100", "0", "3"}
    # The framework in force is named in the headline target: "6 pillars, 14 dimensions".
    ok |= {"6", "14"}
    ok |= {f"{100 * t.ratio:.0f}" for t in a.tiers}
    ok |= {f"{t.target:,}" for t in a.tiers if t.target is not None}
    ok |= {str(t.minimum) for t in a.tiers}
    pairs: list[tuple[float | None, float | None, float | None]] = [
        (b.score, b.peer_mean, b.peer_leader_score) for b in a.benchmarks
    ]
    peer = a.readiness.peer
    if peer is not None:
        pairs += [
            (m.score, m.means.get(peer.key), m.leader_score) for m in a.readiness.latest_measures
        ]
    # A peer group's leader aims at the mean of a wider comparison group.
    ok |= {f"{v:.2f}" for b in a.benchmarks for v in b.means.values() if v is not None}
    ok |= {
        f"{v:.2f}" for m in a.readiness.latest_measures for v in m.means.values() if v is not None
    }
    # A target may name the year of its own baseline.
    ok |= {str(k.baseline.year) for k in a.kpis if k.baseline is not None}
    for score, mean, leader in pairs:
        for value in (score, mean, leader):
            if value is not None:
                ok.add(f"{value:.2f}")
        if score is not None and mean is not None:
            ok.add(f"{score + (mean - score) / 2:.2f}")
        if score is not None and leader is not None:
            ok.add(f"{score + (leader - score) / 2:.2f}")
    for item in a.evidence.indicators:
        for digits in (1, 2, 3):
            ok.add(f"{item.value:.{digits}f}")
            if item.peer_mean is not None:
                ok.add(f"{item.peer_mean:.{digits}f}")
                ok.add(f"{item.value + (item.peer_mean - item.value) / 2:.{digits}f}")
    profile = a.profile
    if profile.civil_service.headcount:
        ok.add(f"{profile.civil_service.headcount.value:,}")
        ok.add(str(profile.civil_service.headcount.year))  # the basis names the headcount's year
    return ok


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_no_invented_absolute_targets(path: Path) -> None:
    # In English, whose number format the allowed figures are written in.
    a = assess(load_profile(path), DATE, tailoring=Tailoring(language="en"))
    allowed = _allowed_numbers(a)
    for kpi in a.kpis:
        # A number ends on a digit, so "2018, public sector" reads as 2018.
        for number in re.findall(r"\d(?:[\d,]*\d)?(?:\.\d+)?", kpi.target):
            assert number in allowed, f"{kpi.id}: {kpi.target!r} prints {number}"


def test_tier_targets_appear_in_kpis_when_headcount_known() -> None:
    a = assess(headcount(_p(), 5000, ai_trained=10), DATE)
    assert a.kpi("K50").target.startswith("5,000 civil servants trained by")
    # The results framework keeps three indicators per objective; every tier indicator it
    # keeps prints its tier's computed target, and the leaders' tier is still computed.
    assert {t.key: t.target for t in a.tiers}["leaders"] == 150
    kept = {k.id: k.target for k in a.kpis}
    if "K52" in kept:
        assert "150 leaders trained" in kept["K52"]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_profile_assesses(path: Path) -> None:
    a = assess(load_profile(path), DATE)
    assert len(a.areas) == 6
    assert a.fired and a.kpis and len(a.tiers) == 4
    assert 0 <= a.completeness <= 1
    assert all(k.id in catalogue() for k in a.kpis)
    for f in a.fired:
        assert "{" not in f.finding + f.recommendation


def test_assessment_is_deterministic() -> None:
    assert assess(_p("JAM"), DATE) == assess(_p("JAM"), DATE)


def test_gaps_have_no_duplicates() -> None:
    paths = [g.path for g in assess(_p("AIA"), DATE).gaps]
    assert len(paths) == len(set(paths))


def test_a_cap_holds_an_area_back_only_when_it_lowers_the_stage() -> None:
    """A cap at or above the stage the score gives is listed but holds nothing back."""
    for path in SHIPPED:
        a = assess(load_profile(path), DATE)
        for area in a.areas:
            if area.held_back:
                assert area.caps and area.score is not None
                assert area.stage is not None and area.stage < stage_for(area.score)
            elif area.score is not None and area.stage is not None:
                assert area.stage == stage_for(area.score)


def test_the_vision_never_serves_an_expired_plan() -> None:
    """Barbados's plan ran 2005-2025: a 2026 draft serves its successor, not the plan."""
    a = assess(load_profile(shipped_dir("country_profiles") / "BRB.yaml"), DATE)
    plan = a.profile.institutions.national_development_plan
    assert plan is not None and plan.title and plan.expired(DATE)
    assert f"in service of {plan.title}" not in a.vision.statement
    assert f"succeeds {plan.title}" in a.vision.statement


def test_the_training_delivery_total_sums_the_costed_tiers() -> None:
    """Jamaica records a headcount, so its tiers are costed; the budget states their sum."""
    a = assess(load_profile(shipped_dir("country_profiles") / "JAM.yaml"), DATE)
    costed = [t.delivery_usd for t in a.tier_costs if t.delivery_usd is not None]
    assert costed, "Jamaica's tiers should be costed from its headcount"
    total = a.training_delivery_total
    assert total == (sum(r[0] for r in costed), sum(r[1] for r in costed))
    # Without a headcount nothing is costed and nothing is claimed.
    assert assess(_p("JAM"), DATE).training_delivery_total is None
