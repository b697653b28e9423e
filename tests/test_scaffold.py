"""`strategygen new`: starting profiles from the bundled data, with gaps left visible."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategygen.assess import datasets as dataset
from strategygen.assess.checklist import missing_items
from strategygen.assess.scaffold import known_codes, scaffold, schema_reference, write_scaffold
from strategygen.errors import UsageError
from strategygen.inputs.loader import load_profile, load_profile_text
from strategygen.resources import data_file


def test_member_scaffold_is_prefilled() -> None:
    profile = load_profile_text(scaffold("JAM"))
    assert profile.identity.name == "Jamaica"
    assert profile.identity.iso2 == "JM"
    assert profile.identity.cdcc_status == "member"
    assert profile.identity.sids is True
    assert profile.context.population is not None
    assert profile.readiness.covered is True
    assert profile.readiness.rank == dataset.index_scores()["JAM"].rank
    assert profile.readiness.ranked_countries == 193
    assert profile.readiness.indicators is not None
    assert len(profile.readiness.indicators) == 39
    assert {s.id for s in profile.sources} == {
        "eclac-cdcc",
        "gairi2023",
        "iso3166",
        "un-sids",
        "wdi",
    }


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
    assert profile.context.population is None
    assert '  # population: {value: 0, year: 2024, source: "..."}   # DATA GAP' in text
    assert "  # ai_strategy: {status: none" in text
    gaps = {f.path for f in missing_items(profile)}
    assert {"identity.languages", "context.population", "institutions.ai_strategy"} <= gaps


def test_imputed_flag_follows_the_report() -> None:
    for code in sorted(dataset.IMPUTED_OVER_40PCT):
        assert load_profile_text(scaffold(code)).readiness.imputed_over_40pct is True
    assert load_profile_text(scaffold("JAM")).readiness.imputed_over_40pct is False


@pytest.mark.parametrize("code", ["XXX", "", "JAMAICA", "ATA"])
def test_unknown_code(code: str) -> None:
    with pytest.raises(UsageError, match="is not one of the 193 indexed countries"):
        scaffold(code)


def test_known_codes() -> None:
    codes = known_codes()
    assert len(codes) == 206 and codes == sorted(codes)
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
