"""The regional overview's assessment, checked against the bundled data files and the profiles.

Expected values are read straight from the CSV files and the profiles here, not through the
module under test, so a mistake in the overview's own loaders cannot hide itself.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from statistics import fmean

import pytest

from strategygen.assess.region.group import resolve_group
from strategygen.assess.region.model import RegionAssessment
from strategygen.assess.region.run import assess_region
from strategygen.assess.run import assess, rule_library
from strategygen.errors import UsageError
from strategygen.inputs.loader import load_profile
from strategygen.inputs.profile import CountryProfile, LawStatus
from strategygen.resources import data_file

DATE = dt.date(2026, 1, 15)
YEARS = (2022, 2023, 2024)
DIMENSIONS = (
    "vision",
    "governance_ethics",
    "digital_capacity",
    "adaptability",
    "maturity",
    "innovation_capacity",
    "human_capital",
    "infrastructure",
    "data_availability",
    "data_representativeness",
)


def _csv(name: str) -> dict[str, dict[str, str]]:
    with data_file(name).open(encoding="utf-8", newline="") as handle:
        return {row["iso3"]: row for row in csv.DictReader(handle)}


def _members() -> list[str]:
    return [c for c, row in _csv("cdcc_members.csv").items() if row["cdcc_status"] == "member"]


@pytest.fixture(scope="module")
def profiles() -> dict[str, CountryProfile]:
    group = resolve_group("CDCC")
    return {c: load_profile(p) for c, p in group.profiles.items()}


@pytest.fixture(scope="module")
def region(profiles: dict[str, CountryProfile]) -> RegionAssessment:
    return assess_region(resolve_group("CDCC"), profiles, DATE, rules=rule_library())


# --- the group ---------------------------------------------------------------------------


def test_cdcc_has_its_16_members_and_13_associates_apart() -> None:
    table = _csv("cdcc_members.csv")
    group = resolve_group("CDCC")
    assert sorted(group.members) == sorted(_members())
    assert len(group.members) == 16
    associates = [c for c, row in table.items() if row["cdcc_status"] == "associate member"]
    assert sorted(group.outside) == sorted(associates)
    assert len(group.outside) == 13
    assert (group.key, group.kind) == ("CDCC", "cdcc")
    names = [table[c]["name_common"] for c in group.members]
    assert names == sorted(names)


def test_a_list_of_codes_is_a_group_keyed_by_its_sorted_codes() -> None:
    group = resolve_group("jam, TTO,BRB")
    assert group.members == ("BRB", "JAM", "TTO")
    assert group.key == "BRB-JAM-TTO"
    assert group.outside == ()
    named = resolve_group("ATG,DMA,GRD,KNA,LCA,VCT", label="OECS members")
    assert (named.key, named.title) == ("OECS-members", "OECS members")


def test_a_territory_in_a_list_is_reported_apart_not_ranked() -> None:
    group = resolve_group("JAM,TTO,AIA")
    assert group.members == ("JAM", "TTO")
    assert group.outside == ("AIA",)


def test_a_sub_region_takes_its_countries_and_territories() -> None:
    regions = {
        c: load_profile(p).identity.un_region or ""
        for c, p in resolve_group("CDCC").profiles.items()
    }
    group = resolve_group("caribbean", regions=regions)
    assert group.key == "Caribbean"
    # Belize, Guyana and Suriname are in Central and South America for the UN.
    assert not {"BLZ", "GUY", "SUR"} & set(group.members)
    assert {"JAM", "TTO", "HTI", "CUB"} <= set(group.members)
    assert "AIA" in group.outside


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("Carribean", "did you mean 'Caribbean'?"),
        ("JAM", "at least 2"),
        ("JAM,XYZ", "no profile for XYZ"),
        ("JAM,TT0", "not ISO alpha-3 codes"),
        ("AIA,MSR", "0 of its countries with a profile are covered"),
        ("", "name a group"),
    ],
)
def test_bad_groups_are_clear_usage_errors(spec: str, message: str) -> None:
    with pytest.raises(UsageError, match=message.replace("?", r"\?").replace("(", r"\(")):
        resolve_group(spec)


def test_profiles_folder_adds_a_country(tmp_path: Path) -> None:
    source = load_profile(resolve_group("CDCC").profiles["JAM"])
    assert source.code == "JAM"
    folder = tmp_path / "mine"
    folder.mkdir()
    text = resolve_group("CDCC").profiles["JAM"].read_text(encoding="utf-8")
    (folder / "JAM.yaml").write_text(text.replace('name: "Jamaica"', 'name: "Jamaica (ours)"'))
    group = resolve_group("JAM,TTO", profile_dirs=[folder])
    assert group.profiles["JAM"] == folder / "JAM.yaml"


# --- rankings and trend --------------------------------------------------------------------


def test_trend_scores_and_ranks_are_those_of_the_edition_files(region: RegionAssessment) -> None:
    files = {y: _csv(f"gairi_{y}_scores.csv") for y in YEARS}
    assert {row.code for row in region.trend} == set(_members())
    for row in region.trend:
        for cell in row.cells:
            source = files[cell.year].get(row.code)
            if source is None:
                assert not cell.covered and cell.total is None and cell.rank is None
            else:
                assert cell.covered
                assert cell.total == float(source["total"])
                assert cell.rank == int(source["rank"])
                assert cell.ranked == len(files[cell.year])


def test_members_missing_from_an_edition_are_not_covered_never_zero(
    region: RegionAssessment,
) -> None:
    by_code = {row.code: row for row in region.trend}
    dma = {c.year: c for c in by_code["DMA"].cells}
    kna = {c.year: c for c in by_code["KNA"].cells}
    assert not dma[2022].covered and not dma[2024].covered and dma[2023].covered
    assert not kna[2022].covered and kna[2023].covered
    summaries = {e.year: e for e in region.editions}
    assert summaries[2024].not_covered == ("Dominica",)
    assert set(summaries[2022].not_covered) == {"Dominica", "Saint Kitts and Nevis"}
    assert summaries[2023].covered == 16
    # A member seen in one comparable edition only has no change, and is ranked last.
    assert by_code["DMA"].change is None
    assert region.trend[-1].code == "DMA"


def test_group_ranks_order_the_covered_members_by_score(region: RegionAssessment) -> None:
    for year in YEARS:
        table = _csv(f"gairi_{year}_scores.csv")
        scores = {c: float(table[c]["total"]) for c in _members() if c in table}
        expected = {c: 1 + sum(v > scores[c] for v in scores.values()) for c in scores}
        got = {
            row.code: cell.group_rank
            for row in region.trend
            for cell in row.cells
            if cell.year == year and cell.covered
        }
        assert got == expected
    order = [row.code for row in region.trend if row.cells[-1].covered]
    latest = _csv("gairi_2024_scores.csv")
    assert order == sorted(order, key=lambda c: -float(latest[c]["total"]))


def test_change_runs_from_the_first_to_the_last_comparable_edition(
    region: RegionAssessment,
) -> None:
    by_code = {row.code: row for row in region.trend}
    t22, t23, t24 = (_csv(f"gairi_{y}_scores.csv") for y in YEARS)
    jam = by_code["JAM"]
    assert (jam.change_from, jam.change_to) == (2022, 2024)
    assert jam.change == round(float(t24["JAM"]["total"]) - float(t22["JAM"]["total"]), 2)
    assert jam.rank_change == int(t22["JAM"]["rank"]) - int(t24["JAM"]["rank"])
    kna = by_code["KNA"]
    assert (kna.change_from, kna.change_to) == (2023, 2024)
    assert kna.change == round(float(t24["KNA"]["total"]) - float(t23["KNA"]["total"]), 2)
    summary = region.trend_summary
    assert summary.compared == 14  # covered in both 2022 and 2024
    assert summary.gains[0][0] == "Cuba"


# Means of the total per edition: world, Latin America and Caribbean, CDCC members
# (computed by the data's compilers; 2023's world and LAC figures are the report's own).
PUBLISHED_MEANS = {
    2022: (44.61, 39.88, 34.74),
    2023: (44.94, 41.50, 37.28),
    2024: (47.59, 42.99, 38.99),
    2025: (42.52, 35.20, 25.85),
}


def test_edition_means_agree_with_the_data_notes(region: RegionAssessment) -> None:
    for summary in region.editions:
        world, lac, cdcc = PUBLISHED_MEANS[summary.year]
        # 0.011: the notes cut 2022's LAC mean (39.8858) to 39.88; the overview rounds it.
        assert summary.world_mean == pytest.approx(world, abs=0.011)
        assert summary.lac_mean == pytest.approx(lac, abs=0.011)
        assert summary.group_mean == pytest.approx(cdcc, abs=0.011)


def test_2025_position_is_that_of_the_2025_file(region: RegionAssessment) -> None:
    table = _csv("gairi_2025_scores.csv")
    pillars = (
        "policy_capacity",
        "ai_infrastructure",
        "governance",
        "public_sector_adoption",
        "development_diffusion",
        "resilience",
    )
    assert [k for k, _, _ in region.latest_pillars] == list(pillars)
    assert sum(w for _, _, w in region.latest_pillars) == pytest.approx(1.0)
    for p in region.latest:
        row = table[p.code]
        assert p.total == float(row["total"]) and p.rank == int(row["rank"])
        assert p.pillars == tuple(float(row[k]) for k in pillars)
    totals = [p.total for p in region.latest]
    assert totals == sorted(totals, reverse=True)
    assert region.newest.leader == "Dominican Republic"


# --- dimensions, e-government -------------------------------------------------------------


def test_heat_map_rows_come_from_the_latest_comparable_edition(region: RegionAssessment) -> None:
    h = region.heatmap
    assert h.edition == 2024
    assert [d for d, _ in h.dimensions] == list(DIMENSIONS)
    t23, t24 = _csv("gairi_2023_scores.csv"), _csv("gairi_2024_scores.csv")
    for row in h.rows:
        source = t24.get(row.code)
        expected_year = 2024 if source else 2023
        source = source or t23[row.code]
        assert row.edition == expected_year
        assert row.values == tuple(float(source[d]) for d in DIMENSIONS)
    dma = next(r for r in h.rows if r.code == "DMA")
    assert dma.edition == 2023
    # The mean row uses the 2024 rows only, never a mix of editions.
    for i, d in enumerate(DIMENSIONS):
        values = [float(t24[c][d]) for c in _members() if c in t24]
        assert h.means[i] == pytest.approx(round(fmean(values), 2))


def test_egov_and_internet_figures_are_those_of_the_files(region: RegionAssessment) -> None:
    egdi, wdi = _csv("egdi_2024.csv"), _csv("wdi_latest.csv")
    for row in region.egov.rows:
        assert row.egdi == float(egdi[row.code]["egdi_2024"])
        assert row.osi == float(egdi[row.code]["osi_2024"])
        assert row.rank == int(egdi[row.code]["egdi_rank_2024"])
        assert row.internet == float(wdi[row.code]["internet_users_pct"])
        assert row.internet_year == int(wdi[row.code]["internet_users_pct_year"])
    values = [r.egdi for r in region.egov.rows]
    assert values == sorted(values, reverse=True)


def test_an_internet_figure_decades_old_is_not_printed_as_current(
    region: RegionAssessment,
) -> None:
    tca = next(o for o in region.outside_rows if o.code == "TCA")
    assert _csv("wdi_latest.csv")["TCA"]["internet_users_pct_year"] == "1990"
    assert tca.internet is None and tca.internet_stale == 1990


# --- laws, strategies, capacity -------------------------------------------------------------


LAWS = ("data_protection", "cybercrime", "access_to_information", "electronic_transactions")


def _law_state(profile: CountryProfile, law: str) -> str:
    record = getattr(profile.law, law, None)
    if record is None:
        return "unknown"
    status = getattr(record, "status", None)
    return str(status) if status is not None else "unverified"


def test_legal_matrix_is_each_profiles_record(
    region: RegionAssessment, profiles: dict[str, CountryProfile]
) -> None:
    assert [row.code for row in region.legal.rows] == list(resolve_group("CDCC").members)
    for row in region.legal.rows:
        for law, cell in zip(LAWS, row.cells, strict=True):
            state = _law_state(profiles[row.code], law)
            assert cell.state == state
            if state in ("unknown", "unverified"):
                assert cell.label == "Not confirmed"
            if state == "none":
                assert cell.label == "No law" and cell.ref is not None
    for i, count in enumerate(region.legal.counts):
        states = [row.cells[i].state for row in region.legal.rows]
        total = count.in_force + count.partly + count.draft + count.none + count.not_confirmed
        assert total == 16
        assert count.not_confirmed == sum(s in ("unknown", "unverified") for s in states)


def test_an_absent_record_is_not_confirmed_and_a_sourced_none_is_no_law() -> None:
    from strategygen.assess.region.institutions import law_cell
    from strategygen.assess.region.sources import SourceBook

    base = load_profile(resolve_group("CDCC").profiles["JAM"])
    book = SourceBook()
    src = base.sources[0].id
    law = base.law.model_copy(
        update={"data_protection": None, "cybercrime": LawStatus(status="none", source=src)}
    )
    profile = base.model_copy(update={"law": law})
    missing = law_cell(profile, "data_protection", "Data protection", book)
    assert (missing.state, missing.label, missing.ref) == ("unknown", "Not confirmed", None)
    none = law_cell(profile, "cybercrime", "Cybercrime", book)
    assert (none.state, none.label) == ("none", "No law")
    assert none.ref == 1  # cited: a sourced absence
    named = base.law.model_copy(
        update={"access_to_information": LawStatus(title="Access Act", year=2002, source=src)}
    )
    unverified = law_cell(
        base.model_copy(update={"law": named}), "access_to_information", "Access", book
    )
    assert (unverified.state, unverified.label) == ("unverified", "Not confirmed")
    assert (unverified.title, unverified.year, unverified.ref) == ("Access Act", 2002, 1)


def test_the_matrix_holds_the_recorded_statuses_of_the_shipped_profiles(
    region: RegionAssessment,
) -> None:
    rows = {row.code: {c.law: c for c in row.cells} for row in region.legal.rows}
    # Spot checks against the profiles' sourced records (caribbean_facts.csv, V and S rows).
    assert rows["JAM"]["data_protection"].state == "in_force"
    assert rows["JAM"]["data_protection"].year == 2020
    assert rows["HTI"]["data_protection"].state == "none"
    assert rows["TTO"]["data_protection"].state == "partially_in_force"
    assert rows["SUR"]["data_protection"].state == "draft"
    # Dominica's cybercrime sources conflict (confidence U): not recorded, so not confirmed.
    assert rows["DMA"]["cybercrime"].state == "unknown"
    assert rows["DMA"]["cybercrime"].label == "Not confirmed"


def test_strategy_and_ram_rows_follow_the_profiles(
    region: RegionAssessment, profiles: dict[str, CountryProfile]
) -> None:
    for row in region.strategies:
        record = profiles[row.code].institutions.ai_strategy
        if record is None:
            assert (row.strategy.state, row.strategy.label) == ("unknown", "Not confirmed")
        else:
            assert row.strategy.state == record.status
            assert row.strategy.ref is not None
        ram = getattr(profiles[row.code].institutions, "unesco_ram", None)
        assert row.ram.state == (ram.status if ram is not None else "unknown")
    counted = sum(len(t.members) for t in region.strategy_tally)
    assert counted == 16


def test_capacity_shows_only_recorded_headcounts(
    region: RegionAssessment, profiles: dict[str, CountryProfile]
) -> None:
    for row in region.capacity:
        recorded = profiles[row.code].civil_service.headcount
        if recorded is None:
            assert row.headcount is None
        else:
            assert row.headcount is not None and row.headcount.value == recorded.value


# --- findings and actions -------------------------------------------------------------------


def test_common_findings_count_the_rules_each_members_draft_fires(
    region: RegionAssessment, profiles: dict[str, CountryProfile]
) -> None:
    rules = rule_library()
    counts: dict[str, set[str]] = {}
    for code in resolve_group("CDCC").members:
        for rule in assess(profiles[code], DATE, rules=rules).fired:
            counts.setdefault(rule.id, set()).add(profiles[code].identity.name)
    assert {f.rule: set(f.members) for f in region.findings} == counts
    assert all(f.count == len(f.members) for f in region.findings)
    assert [f.count for f in region.findings] == sorted(
        (f.count for f in region.findings), reverse=True
    )


def test_every_shipped_rule_and_sector_has_a_neutral_label(region: RegionAssessment) -> None:
    from strategygen.assess.region.findings import LABELS, sector_labels

    missing = [r.id for r in rule_library() if r.id not in LABELS]
    assert not missing, f"label these rules in strategygen/assess/region/findings.py: {missing}"
    for f in region.findings:
        assert not f.label.startswith("Fires when") and f.label != f.rule, f.rule
    assert sector_labels()["SEC-TOURISM"] == "Priority sector for AI: tourism and hospitality"
    assert any(f.rule.startswith("SEC-") for f in region.findings)


def _latest_dimension(code: str, key: str) -> tuple[float, float, int]:
    for year in reversed(YEARS):
        table = _csv(f"gairi_{year}_scores.csv")
        if code in table:
            peers = [float(table[c][key]) for c in _members() if c in table]
            return float(table[code][key]), round(fmean(peers), 2), year
    raise AssertionError(code)


def test_dimension_actions_serve_exactly_the_members_below_the_mean(
    region: RegionAssessment,
) -> None:
    tests = {
        "joint_training": ("human_capital", "digital_capacity"),
        "common_procurement": ("maturity", "innovation_capacity"),
    }
    actions = {a.key: a for a in region.actions}
    for key, dims in tests.items():
        expected = set()
        for code in _members():
            below = [d for d in dims if (v := _latest_dimension(code, d))[0] < v[1]]
            if below:
                expected.add(code)
        served = {s.code: s for s in actions[key].served}
        assert set(served) == expected, key
        for code, s in served.items():
            value, mean, year = _latest_dimension(code, dims[0])
            if value < mean:
                assert f"{value:.2f} against a group mean of {mean:.2f} ({year})" in s.why


def test_shared_services_need_a_small_population(
    region: RegionAssessment, profiles: dict[str, CountryProfile]
) -> None:
    action = next(a for a in region.actions if a.key == "shared_services")
    assert action.served
    for s in action.served:
        population = profiles[s.code].context.population
        assert population is not None and population.value < 1_000_000
        assert f"population {population.value:,}" in s.why
    assert "JAM" not in {s.code for s in action.served}


def test_peer_learning_pairs_members_without_an_adopted_strategy_with_those_with_one(
    region: RegionAssessment,
) -> None:
    action = next(a for a in region.actions if a.key == "peer_learning")
    states = {r.code: r.strategy.state for r in region.strategies}
    assert {s.code for s in action.partners} == {c for c, s in states.items() if s == "adopted"}
    assert {s.code for s in action.to_confirm} == {c for c, s in states.items() if s == "unknown"}
    assert not {s.code for s in action.served} & {s.code for s in action.to_confirm}


def test_every_action_says_whom_it_serves_and_why(region: RegionAssessment) -> None:
    keys = [a.key for a in region.actions]
    for wanted in ("joint_training", "shared_services", "common_procurement", "model_laws"):
        assert wanted in keys
    for action in region.actions:
        assert action.criterion
        for s in (*action.served, *action.to_confirm, *action.partners):
            assert s.why and s.name


# --- briefs, gaps, sources ------------------------------------------------------------------


def test_a_brief_per_member_linking_to_its_draft(region: RegionAssessment) -> None:
    assert [b.code for b in region.briefs] == list(resolve_group("CDCC").members)
    for b in region.briefs:
        assert b.draft_html == f"../../{b.code}/{b.code}-strategy.html"
        assert b.draft_pdf == f"../../{b.code}/{b.code}-strategy.pdf"
        assert all(f.ref is not None or f.gap for f in b.facts)


def test_every_cited_number_is_in_the_sources(region: RegionAssessment) -> None:
    numbers = {s.number for s in region.sources}
    assert numbers == set(range(1, len(region.sources) + 1))
    refs = [e.ref for e in region.editions] + [region.egov.egdi_ref, region.egov.internet_ref]
    refs += [c.ref for row in region.legal.rows for c in row.cells if c.ref is not None]
    refs += [f.ref for b in region.briefs for f in b.facts if f.ref is not None]
    assert set(refs) <= numbers
    titles = [s.title for s in region.sources]
    assert any("Readiness Index 2025" in t for t in titles)
    assert any("E-Government Survey 2024" in t for t in titles)


def test_gaps_name_the_editions_that_miss_a_member(region: RegionAssessment) -> None:
    dma = next(g for g in region.gaps if g.code == "DMA")
    assert "readiness index 2022" in dma.coverage and "readiness index 2024" in dma.coverage
    jam = next(g for g in region.gaps if g.code == "JAM")
    assert not any("readiness index" in c for c in jam.coverage)
    # A brief's count of its draft's gaps is what Annex A lists for the member.
    rows = {g.code: g for g in region.gaps}
    for b in region.briefs:
        assert b.gaps == len(rows[b.code].profile) + rows[b.code].baselines, b.code


def test_the_overview_and_each_members_draft_give_the_same_results(
    region: RegionAssessment, profiles: dict[str, CountryProfile]
) -> None:
    rules = rule_library()
    rows = {row.code: {c.year: c for c in row.cells} for row in region.trend}
    latest = {p.code: p for p in region.latest}
    for code in resolve_group("CDCC").members:
        view = assess(profiles[code], DATE, rules=rules).readiness
        for result in view.editions:
            if result.year in rows[code]:
                cell = rows[code][result.year]
                assert (cell.covered, cell.total, cell.rank) == (
                    result.covered,
                    result.total,
                    result.rank,
                ), (code, result.year)
            else:
                p = latest[code]
                assert (p.covered, p.total, p.rank) == (result.covered, result.total, result.rank)
