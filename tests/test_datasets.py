"""The bundled datasets: catalogue, licences, coverage, editions and typed loaders."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from strategygen.assess.datasets import catalogue as cat
from strategygen.assess.datasets import indicators as ind
from strategygen.assess.datasets import readiness as gairi
from strategygen.assess.datasets.files import table
from strategygen.i18n.texts import Localised
from strategygen.resources import data_file

DATA_DIR = data_file("datasets.yaml").parent


def test_every_bundled_table_is_catalogued_and_every_catalogued_file_exists() -> None:
    listed = {name for entry in cat.catalogue().values() for name in entry.files}
    shipped = {p.name for p in DATA_DIR.glob("*.csv")}
    assert listed == shipped
    # The older partial trend file is superseded by the full editions.
    assert "gairi_trend_cdcc_2022_2025.csv" not in shipped


@pytest.mark.parametrize("dataset_id", list(cat.catalogue()))
def test_every_dataset_states_licence_publisher_and_years(dataset_id: str) -> None:
    entry = cat.dataset(dataset_id)
    assert entry.licence and entry.publisher and entry.edition
    cover = cat.coverage(dataset_id)
    assert cover.rows > 0
    assert cover.first_year is not None and cover.last_year is not None
    assert 1980 <= cover.first_year <= cover.last_year <= 2026
    source = cat.as_source(dataset_id)
    assert source.id == dataset_id and source.licence == entry.licence


def test_licences_are_stated_honestly() -> None:
    assert cat.dataset("gairi2023").licence == "CC BY-SA 4.0"
    assert cat.dataset("gairi2022").licence == "CC BY-SA 4.0"
    # No licence statement was found for 2024 and 2025: the catalogue must say so.
    for year in (2024, 2025):
        assert "not verified" in cat.dataset(f"gairi{year}").licence
    for wb in ("wdi", "wgi2023", "gtmi"):
        assert cat.dataset(wb).licence == "CC BY 4.0"
    assert "not verified" in cat.dataset("gci2024").licence


def test_coverage_is_counted_from_the_files() -> None:
    assert cat.coverage("gairi2025").countries == 195
    assert cat.coverage("gairi2024").countries == 188
    assert cat.coverage("gairi2023").countries == 193
    assert cat.coverage("gairi2022").countries == 181
    assert cat.coverage("egdi2024").countries == 193
    assert cat.coverage("gairi-aggregates").countries is None
    assert cat.coverage("caribbean-facts").countries == 16
    assert cat.coverage("gtmi").year_range == "2022-2025"


def test_missing_countries_per_edition() -> None:
    dominica = gairi.country_editions("DMA")
    assert dominica[2022] is None and dominica[2024] is None
    assert dominica[2023] is not None and dominica[2025] is not None
    kitts = gairi.country_editions("KNA")
    assert kitts[2022] is None and kitts[2024] is not None
    assert all(gairi.country_editions("JAM").values())
    # Associate members of the CDCC are in no edition.
    assert not any(gairi.country_editions("AIA").values())


def test_editions_and_frameworks() -> None:
    assert gairi.LATEST_EDITION == 2025
    assert gairi.comparable_editions(2024) == (2022, 2023, 2024)
    assert gairi.comparable_editions(2025) == (2025,)
    assert len(gairi.FRAMEWORK_2020.dimensions) == 10
    assert len(gairi.FRAMEWORK_2025.dimensions) == 14
    assert len(gairi.FRAMEWORK_2025.pillars) == 6
    assert set(gairi.FRAMEWORK_2025.labels) == {
        *gairi.FRAMEWORK_2025.pillars,
        *gairi.FRAMEWORK_2025.dimensions,
    }


def test_2025_total_is_the_weighted_mean_of_its_pillars() -> None:
    weights = gairi.FRAMEWORK_2025.weights
    assert weights is not None and sum(weights.values()) == pytest.approx(1.0)
    for row in gairi.scores(2025).values():
        total = sum(w * (row.pillars[p] or 0.0) for p, w in weights.items())
        assert total == pytest.approx(row.total, abs=0.01), row.iso3


def test_three_pillar_totals_are_plain_means() -> None:
    for year in (2022, 2023, 2024):
        for row in gairi.scores(year).values():
            pillars = [v for v in row.pillars.values() if v is not None]
            assert sum(pillars) / 3 == pytest.approx(row.total, abs=0.01)


def test_ranks_are_complete_and_follow_the_total() -> None:
    for year in gairi.EDITION_YEARS:
        rows = sorted(gairi.scores(year).values(), key=lambda r: r.rank)
        assert [r.rank for r in rows] == list(range(1, len(rows) + 1))
        assert all(a.total >= b.total for a, b in itertools.pairwise(rows))


def test_blank_cells_stay_none() -> None:
    # The source says N/A for Seychelles' data representativeness in 2022.
    assert gairi.scores(2022)["SYC"].dimensions["data_representativeness"] is None
    # Research spending has no value for Jamaica after 2002, and for Antigua none at all.
    assert ind.wdi()["ATG"].rd_expenditure_pct_gdp is None
    jam = ind.wdi()["JAM"].rd_expenditure_pct_gdp
    assert jam is not None and jam.year == 2002


def test_indicator_loaders_are_typed_and_dated() -> None:
    jam = ind.wdi()["JAM"]
    assert jam.internet_users_pct is not None
    assert (jam.internet_users_pct.year, jam.internet_users_pct.dataset) == (2024, "wdi")
    assert jam.income_group == "Upper middle income"
    e = ind.egdi(2024)["JAM"]
    assert (e.rank, e.egdi, e.group) == (96, 0.66777, "High")
    assert ind.egdi(2022)["JAM"].egdi == pytest.approx(0.5906, abs=1e-4)
    assert ind.gci()["JAM"].tier_label == "Establishing"
    assert ind.gtmi()["JAM"][2022].group == "B"
    assert 2025 not in ind.gtmi()["NIC"]
    assert ind.wgi()["JAM"].year == 2023
    facts = ind.caribbean_facts()["JAM"]
    assert {f.fact for f in facts} >= {"data_protection", "ai_strategy"}
    assert all(f.confidence in {"V", "S", "U", ""} for f in facts)


def test_each_table_is_read_once_per_process() -> None:
    assert table("wdi_latest.csv") is table("wdi_latest.csv")
    assert gairi.scores(2024) is gairi.scores(2024)


def test_data_command_lists_every_dataset(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "strategygen", "data"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    for dataset_id in cat.catalogue():
        assert f"\n{dataset_id} " in "\n" + result.stdout
    assert "years 2025; 195 rows, 195 countries" in result.stdout
    assert "licence: CC BY-SA 4.0" in result.stdout


def test_data_command_json(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "strategygen", "data", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    records = {r["id"]: r for r in json.loads(result.stdout)}
    assert set(records) == set(cat.catalogue())
    assert records["gairi2024"]["countries"] == 188
    assert records["wdi"]["licence"] == "CC BY 4.0"
    assert records["gairi2025"]["years"] == "2025"
    expected = {"edition", "first_year", "last_year", "rows", "url", "files"}
    assert expected <= set(records["egdi2024"])


def test_a_licence_note_is_written_in_every_document_language() -> None:
    # A licence's name is printed as it is; the project's own note about the terms (not
    # verified, whom to cite) is read by the reader of a Spanish, French or Dutch draft.
    names = re.compile(r"^(?:CC BY(?:-SA)? 4\.0|ODbL 1\.0)$")
    notes = [d for d in cat.catalogue().values() if not names.match(d.licence)]
    assert notes
    for entry in notes:
        assert isinstance(entry.licence, Localised), entry.id
        assert set(entry.licence.translations) == {"es", "fr", "nl"}, entry.id
