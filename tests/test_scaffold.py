"""`strategygen new`: starting profiles from the bundled data, with gaps left visible."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from strategygen.assess import datasets as dataset
from strategygen.assess.checklist import missing_items
from strategygen.assess.datasets.indicators import caribbean_facts
from strategygen.assess.datasets.readiness import scores
from strategygen.assess.run import assess
from strategygen.assess.scaffold import known_codes, scaffold, schema_reference, write_scaffold
from strategygen.errors import UsageError
from strategygen.inputs.loader import load_profile, load_profile_text
from strategygen.resources import data_file, shipped_dir


def test_member_scaffold_is_prefilled() -> None:
    profile = load_profile_text(scaffold("JAM"))
    assert profile.identity.name == "Jamaica"
    assert profile.identity.iso2 == "JM"
    assert profile.identity.cdcc_status == "member"
    assert profile.identity.sids is True
    assert profile.context.population is not None
    assert profile.context.population.source == "wdi"
    # The newest edition on the comparable framework that covers Jamaica is 2024.
    assert profile.readiness.covered is True
    assert (profile.readiness.edition, profile.readiness.source) == (2024, "gairi2024")
    assert profile.readiness.rank == scores(2024)["JAM"].rank == 122
    assert profile.readiness.ranked_countries == 188
    # Indicator scores are published for 2023 only; the draft reads them from the bundle.
    assert profile.readiness.indicators is None
    assert {s.id for s in profile.sources} >= {
        "eclac-cdcc",
        "gairi2024",
        "iso3166",
        "un-sids",
        "wdi",
    }
    # Jamaica's laws come from the verified facts table, each with its own source.
    assert profile.law.data_protection is not None
    assert profile.law.data_protection.status == "in_force"
    sources = {s.id: s for s in profile.sources}
    assert sources["gairi2024"].publisher == "Oxford Insights"
    assert sources["wdi"].licence == "CC BY 4.0"


def test_dominica_scaffold_uses_2023_because_2024_omits_it() -> None:
    text = scaffold("DMA")
    profile = load_profile_text(text)
    assert (profile.readiness.edition, profile.readiness.rank) == (2023, 127)
    assert profile.readiness.imputed_over_40pct is True
    assert profile.readiness.indicators is not None and len(profile.readiness.indicators) == 39
    assert "not covered in the 2022, 2024 edition(s) of the index" in text


def test_scaffold_lists_the_bundled_figures_with_their_sources() -> None:
    text = scaffold("MUS")
    assert "Government AI Readiness Index 2025 (new six-pillar framework): 52.76" in text
    assert "Individuals using the Internet: 73.3% (2024) [wdi]" in text
    assert "E-Government Development Index (0-1): 0.751, rank 76 of 193 (2024" in text
    assert "[egdi2024]" in text and "[gci2024]" in text and "[wgi2023]" in text
    profile = load_profile_text(text)
    assert profile.context.gdp_per_capita_usd is not None
    assert profile.context.gdp_per_capita_usd.value == 12991.29


def test_a_country_only_in_the_2025_edition_is_scaffolded_without_scores() -> None:
    profile = load_profile_text(scaffold("FSM"))
    assert profile.readiness.covered is False
    assert profile.readiness.note is not None and "2025 edition" in profile.readiness.note


def test_territory_scaffold_is_not_covered() -> None:
    profile = load_profile_text(scaffold("AIA"))
    assert profile.identity.cdcc_status == "associate member"
    assert profile.readiness.covered is False
    assert profile.readiness.total is None and profile.readiness.pillars is None
    assert "gairi2023" not in {s.id for s in profile.sources}


def test_non_cdcc_scaffold_leaves_gaps_commented() -> None:
    text = scaffold("fra")
    profile = load_profile_text(text)
    assert profile.identity.cdcc_status == "none"
    assert profile.identity.sids is None
    # The bundled World Bank data gives population and income for every country.
    assert profile.context.population is not None and profile.context.population.year == 2025
    assert "  # ai_strategy: {status: none" in text
    gaps = {f.path for f in missing_items(profile)}
    assert {"identity.languages", "identity.sids", "institutions.ai_strategy"} <= gaps
    assert "context.population" not in gaps


def test_imputed_flag_follows_the_report() -> None:
    # The 2023 report lists the countries with more than 40% imputed data: the flag is
    # written on a 2023 block, and the assessment keeps the caution whatever the edition.
    for code in sorted(dataset.IMPUTED_OVER_40PCT):
        profile = load_profile_text(scaffold(code))
        if profile.readiness.edition == 2023:
            assert profile.readiness.imputed_over_40pct is True
        assert assess(profile, dt.date(2026, 3, 1)).readiness.imputed_2023 is True
    jam = load_profile_text(scaffold("JAM"))
    assert assess(jam, dt.date(2026, 3, 1)).readiness.imputed_2023 is False


@pytest.mark.parametrize("code", ["XXX", "", "JAMAICA", "ATA"])
def test_unknown_code(code: str) -> None:
    with pytest.raises(UsageError, match="is not one of the 193 indexed countries"):
        scaffold(code)


def test_known_codes() -> None:
    codes = known_codes()
    # 195 countries in some edition of the index (Micronesia and Palau only in 2025) and the
    # 13 CDCC associate members.
    assert len(codes) == 208 and codes == sorted(codes)
    assert "FSM" in codes and "PLW" in codes
    assert "VIR" in codes and "USA" in codes


def test_write_scaffold_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "jam.yaml"
    write_scaffold("JAM", target)
    before = target.read_text(encoding="utf-8")
    assert load_profile(target).code == "JAM"
    with pytest.raises(UsageError, match="already exists"):
        write_scaffold("TTO", target)
    assert target.read_text(encoding="utf-8") == before


def test_schema_reference_is_relative_to_the_target(tmp_path: Path) -> None:
    reference = schema_reference(tmp_path / "x.yaml")
    assert not Path(reference).is_absolute()
    assert (tmp_path / reference).resolve() == data_file("profile.schema.json").resolve()
    text = scaffold("JAM", reference)
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={reference}"


MEMBERS = sorted(code for code, row in dataset.cdcc().items() if row.status == "member")
LAWS = ("data_protection", "cybercrime", "access_to_information", "electronic_transactions")


@pytest.mark.parametrize("code", MEMBERS)
def test_member_scaffold_holds_the_verified_facts(code: str) -> None:
    """`new` writes the laws, plans and bodies of caribbean_facts.csv: V and S rows only,
    each status as the table gives it, a blank status left unknown, never a U row."""
    profile = load_profile_text(scaffold(code), f"{code}.yaml")
    ids = {s.id for s in profile.sources}
    rows = {r.fact: r for r in caribbean_facts()[code]}
    for fact in LAWS:
        row, law = rows[fact], getattr(profile.law, fact)
        if not row.usable or (not row.status and not row.title):
            assert law is None, f"{code} {fact}: written from an unusable or empty row"
            continue
        assert law is not None, f"{code} {fact}: a usable row was not written"
        assert law.source in ids
        # A blank status is unknown: it must not become 'none' or any other value.
        assert law.status == (row.status or None), f"{code} {fact}"
    strategy, ram = rows["ai_strategy"], rows["unesco_ram"]
    if strategy.usable and strategy.status:
        assert profile.institutions.ai_strategy is not None
        assert profile.institutions.ai_strategy.status == strategy.status
    if not (ram.usable and ram.status):
        assert profile.institutions.unesco_ram is None


def test_scaffold_agrees_with_the_shipped_member_profiles() -> None:
    """Where a shipped member profile and its scaffold both record a law's status, they agree
    (the shipped profiles were filled from the same table)."""
    compared = 0
    for code in MEMBERS:
        new = load_profile_text(scaffold(code), f"{code}.yaml")
        shipped = load_profile(shipped_dir("country_profiles") / f"{code}.yaml")
        for fact in LAWS:
            a, b = getattr(new.law, fact), getattr(shipped.law, fact)
            if a is not None and b is not None and a.status and b.status:
                assert a.status == b.status, f"{code} {fact}: {a.status} != {b.status}"
                compared += 1
    assert compared >= 30


def test_a_conflicting_row_is_never_used() -> None:
    # Antigua and Barbuda's electronic transactions row is rated U: sources disagree.
    row = next(r for r in caribbean_facts()["ATG"] if r.fact == "electronic_transactions")
    assert row.confidence == "U"
    assert load_profile_text(scaffold("ATG"), "ATG.yaml").law.electronic_transactions is None


def test_a_plan_horizon_is_read_from_the_table() -> None:
    plan = load_profile_text(scaffold("GRD"), "GRD.yaml").institutions.national_development_plan
    assert plan is not None and (plan.start, plan.end, plan.status) == (2020, 2035, "adopted")
