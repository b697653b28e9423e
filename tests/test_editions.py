"""Readiness editions in the assessment and the document: the 2025 framework, the 2022-2024
trend, countries missing from an edition, comparison groups, and Caribbean wording."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest

from strategygen.assess.editions import resolve
from strategygen.assess.model import Assessment
from strategygen.assess.run import assess
from strategygen.assess.scaffold import scaffold
from strategygen.inputs.loader import load_profile, load_profile_text
from strategygen.inputs.profile import CountryProfile
from strategygen.render.html import render_document
from strategygen.resources import shipped_dir

DATE = dt.date(2026, 3, 1)


def _shipped(code: str) -> CountryProfile:
    return load_profile(shipped_dir("country_profiles") / f"{code}.yaml")


def _new(code: str) -> CountryProfile:
    return load_profile_text(scaffold(code), f"{code}.yaml")


def _text(html: str) -> str:
    """The visible text of a document: no tags, styles or scripts, entities decoded."""
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.DOTALL)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", unescape(body))


def _section(html: str, sid: str) -> str:
    start = html.index(f'id="sec-{sid}"')
    end = html.find("<section", start + 1)
    return _text(html[start : end if end > 0 else len(html)])


@pytest.fixture(scope="module")
def jam() -> tuple[Assessment, str]:
    a = assess(_shipped("JAM"), DATE)
    return a, render_document(a)


@pytest.fixture(scope="module")
def dma() -> tuple[Assessment, str]:
    a = assess(_shipped("DMA"), DATE)
    return a, render_document(a)


@pytest.fixture(scope="module")
def mus() -> tuple[Assessment, str]:
    a = assess(_new("MUS"), DATE)
    return a, render_document(a)


# --- the assessment -------------------------------------------------------------------


def test_latest_edition_is_2025_on_the_new_framework(jam: tuple[Assessment, str]) -> None:
    view = jam[0].readiness
    assert view.latest is not None
    assert (view.latest.year, view.latest.framework) == (2025, "six-pillar")
    assert (view.latest.total, view.latest.rank, view.latest.ranked) == (40.09, 99, 195)
    pillars = [m for m in view.latest_measures if m.level == "pillar"]
    assert len(pillars) == 6 and sum(m.weight or 0 for m in pillars) == pytest.approx(1.0)
    assert len([m for m in view.latest_measures if m.level == "dimension"]) == 14
    assert [e.year for e in view.trend] == [2022, 2023, 2024]
    assert {e.framework for e in view.trend} == {"three-pillar"}


def test_jamaica_trend_and_analysis_edition(jam: tuple[Assessment, str]) -> None:
    view = jam[0].readiness
    assert [(e.year, e.total, e.rank, e.ranked) for e in view.trend] == [
        (2022, 37.09, 103, 181),
        (2023, 41.32, 98, 193),
        (2024, 37.79, 122, 188),
    ]
    assert view.analysis is not None and view.analysis.year == 2024
    # The shipped profile's 2023 block overrides the bundled 2023 row (the same values).
    assert [e.from_profile for e in view.editions] == [False, True, False, False]
    assert view.not_covered == ()


def test_dominica_is_not_covered_in_2022_and_2024(dma: tuple[Assessment, str]) -> None:
    view = dma[0].readiness
    assert view.not_covered == (2022, 2024)
    missing = [e for e in view.editions if not e.covered]
    # Absent means no score at all, never a zero.
    assert all(e.total is None and e.rank is None for e in missing)
    assert view.analysis is not None and view.analysis.year == 2023
    assert view.latest is not None and view.latest.total == 19.76
    assert dma[0].benchmark("total").edition == 2023


def test_group_means_per_edition_skip_absent_members(dma: tuple[Assessment, str]) -> None:
    view = dma[0].readiness
    cdcc = view.group("cdcc")
    # 14 members in 2022 (no Dominica, no Saint Kitts and Nevis), 16 in 2023, 15 in 2024.
    assert [len(cdcc.members[y]) for y in (2022, 2023, 2024, 2025)] == [14, 16, 15, 16]
    assert "Dominica" not in cdcc.members[2024]
    assert [e.means["cdcc"] for e in view.editions] == [34.74, 37.28, 38.99, 25.85]


def test_headline_kpi_names_the_framework_and_edition(jam: tuple[Assessment, str]) -> None:
    k01 = jam[0].kpi("K01")
    assert "2025 framework" in k01.name
    assert k01.baseline is not None and (k01.baseline.year, k01.baseline.source_id) == (
        2025,
        "gairi2025",
    )
    assert f"in the edition published in {jam[0].horizon_end} (2025 framework)" in k01.target


def test_a_profile_for_an_edition_that_omits_the_country_adds_it() -> None:
    # A drafter may record scores for an edition the bundle lacks (a correction, say):
    # they override that edition only and become the analysis edition if newest.
    dma = _shipped("DMA")
    r = dma.readiness.model_copy(update={"edition": 2024, "rank": 150, "ranked_countries": 188})
    resolved = resolve(dma.model_copy(update={"readiness": r}))
    assert resolved.view.analysis is not None and resolved.view.analysis.year == 2024
    assert resolved.view.analysis.from_profile and resolved.view.not_covered == (2022,)


def test_uncovered_territory_has_no_editions() -> None:
    view = assess(_shipped("AIA"), DATE).readiness
    assert not view.covered and view.analysis is None and view.latest is None
    assert view.not_covered == (2022, 2023, 2024, 2025)


def test_internet_use_fills_a_kpi_baseline_that_was_a_gap(jam: tuple[Assessment, str]) -> None:
    item = jam[0].evidence.get("internet_users_pct")
    assert item is not None and (item.text, item.year, item.source) == ("90.1%", 2024, "wdi")
    k20 = next((k for k in jam[0].kpis if k.id == "K20"), None)
    if k20 is not None:
        assert k20.baseline is not None and k20.baseline.value == "90.1%"
    egdi = jam[0].evidence.get("egdi")
    assert egdi is not None and egdi.previous_year == 2022 and egdi.previous_source == "egdi2022"


# --- the document ---------------------------------------------------------------------


def test_readiness_chapter_leads_with_2025_and_says_it_is_not_comparable(
    jam: tuple[Assessment, str],
) -> None:
    text = _section(jam[1], "readiness")
    first = text.index("Readiness in 2025: the framework in force")
    assert first < text.index("Trend 2022–2024") < text.index("Comparison with peers")
    assert "Jamaica scores 40.09 out of 100 and ranks 99 of 195 countries" in text
    assert "not comparable with earlier editions" in text
    assert "six pillars and fourteen dimensions" in text
    assert "from 37.09 in 2022 (rank 103 of 181) to 37.79 in 2024 (rank 122 of 188)" in text
    assert 'id="fig-trend"' in jam[1]
    # Every edition is cited, and each cited dataset is in the sources annex with its licence.
    annex = _section(jam[1], "annex_sources")
    for dataset_id in ("gairi2022", "gairi2023", "gairi2024", "gairi2025", "egdi2024", "wdi"):
        assert f'href="#src-{dataset_id}"' in jam[1]
        assert dataset_id in annex
    assert "CC BY-SA 4.0" in annex and "not verified" in annex


def test_dominica_chapter_says_not_covered_never_zero(dma: tuple[Assessment, str]) -> None:
    text = _section(dma[1], "readiness")
    assert "not covered in the 2022 and 2024 editions" in text
    assert "its only score on that framework is 34.82 in 2023 (rank 127 of 193)" in text
    assert "A year without a score is not a score of zero." in text
    assert "not covered in that edition" in text  # the trend chart's data table
    assert "come from the 2023 edition" in text
    assert "2024: 0" not in text and "0.00 in 2024" not in text


def test_jamaica_is_compared_with_the_caribbean_groups(jam: tuple[Assessment, str]) -> None:
    text = _section(jam[1], "readiness")
    for heading in ("CDCC mean", "Caribbean mean", "LAC mean", "Upper-middle-income mean"):
        assert heading in text
    assert "the peer group for targets and thresholds is CDCC members" in text


CARIBBEAN_BODIES = re.compile(
    r"CDCC|ECLAC|CARICOM|OECS|CARICAD|Caribbean|Latin America|CELAC", re.IGNORECASE
)


def test_a_mauritius_draft_compares_with_africa_and_names_no_caribbean_body(
    mus: tuple[Assessment, str],
) -> None:
    a, html = mus
    text = _text(html)
    assert not CARIBBEAN_BODIES.search(text), CARIBBEAN_BODIES.findall(text)[:5]
    # Nor in the metadata a search engine or PDF reader sees.
    assert not CARIBBEAN_BODIES.search(html.split("<style")[0])
    readiness = _section(html, "readiness")
    assert "Eastern Africa mean" in readiness and "Sub-Saharan Africa mean" in readiness
    assert "World mean" in readiness
    assert "the peer group for targets and thresholds is Eastern Africa" in readiness
    assert {g.key for g in a.readiness.groups} == {"subregion", "region", "income", "world"}


def test_a_germany_draft_names_no_caribbean_body() -> None:
    a = assess(_new("DEU"), DATE)
    html = render_document(a)
    assert not CARIBBEAN_BODIES.search(_text(html))
    assert "Western Europe mean" in _section(html, "readiness")


def test_data_as_of_is_the_newest_source_year(jam: tuple[Assessment, str]) -> None:
    a, html = jam
    newest = max([s.year for s in a.profile.sources if s.year is not None] + [2025])
    cover = _section(html, "front_matter")
    assert re.search(rf"Data as of {newest}\b", cover)
