"""Inline SVG charts: accessible, deterministic, grayscale-safe, numbers also in a table."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from strategygen.assess.model import Assessment
from strategygen.i18n import use_language
from strategygen.inputs.loader import load_profile, load_profile_text
from strategygen.inputs.profile import CountryProfile
from strategygen.render.charts import build_charts
from strategygen.render.plan_charts import horizon_years
from strategygen.resources import shipped_dir

DATE = dt.date(2025, 6, 1)
Make = Callable[[CountryProfile, dt.date], Assessment]


def _shipped(code: str) -> CountryProfile:
    return load_profile(shipped_dir("country_profiles") / f"{code}.yaml")


def test_covered_country_has_all_five_charts(make_assessment: Make) -> None:
    charts = build_charts(make_assessment(_shipped("JAM"), DATE))
    assert set(charts) == {"trend", "dimensions", "pillars", "roadmap", "training"}
    for name, chart in charts.items():
        svg = str(chart.svg)
        assert svg.startswith("<svg ") and svg.endswith("</svg>")
        assert 'role="img"' in svg and "viewBox=" in svg
        assert f'<title id="chart-{name}-title">' in svg
        assert f'<desc id="chart-{name}-desc">' in svg
        assert "<script" not in svg and "href=" not in svg.replace("url(#", "")
        assert "@import" not in svg and "http://www.w3.org/2000/svg" in svg
        assert chart.description and chart.title
        assert all(len(row) == len(chart.table_head) for row in chart.table_rows)


def test_dimension_chart_numbers_match_benchmarks(make_assessment: Make) -> None:
    a = make_assessment(_shipped("JAM"), DATE)
    chart = build_charts(a)["dimensions"]
    dims = [b for b in a.benchmarks if b.level == "dimension"]
    assert [row[0] for row in chart.table_rows] == [b.label for b in dims]
    assert chart.table_rows[0][1] == f"{dims[0].score:.2f}"
    assert chart.table_rows[0][2] == f"{dims[0].cdcc_mean:.2f}"
    # The table gives every comparison group; the chart draws the country and its peer group.
    assert chart.table_head[2:7] == (
        "CDCC mean",
        "Caribbean mean",
        "LAC mean",
        "Upper-middle-income mean",
        "World mean",
    )
    # Grayscale: each series has its own pattern, not only a colour.
    assert 'id="dimensions-cdcc"' in str(chart.svg)


def test_uncovered_territory_has_no_score_charts(make_assessment: Make) -> None:
    charts = build_charts(make_assessment(_shipped("AIA"), DATE))
    assert set(charts) == {"roadmap", "training"}


def test_training_without_headcount_shows_ratios(make_assessment: Make) -> None:
    chart = build_charts(make_assessment(_shipped("AIA"), DATE))["training"]
    assert "numbers await the civil-service headcount" in str(chart.svg)
    assert "headcount" in chart.description
    assert all(row[4] == "awaits headcount" for row in chart.table_rows)


def test_training_with_headcount_shows_numbers(make_assessment: Make, valid_text: str) -> None:
    text = valid_text.replace(
        "readiness:",
        "civil_service:\n  headcount: {value: 20000, year: 2024, source: src}\nreadiness:",
    )
    a = make_assessment(load_profile_text(text), DATE)
    chart = build_charts(a)["training"]
    assert all(row[4] != "awaits headcount" for row in chart.table_rows)
    assert "officers" in str(chart.svg)
    assert "20,000" in chart.description


def test_roadmap_rows_follow_fired_rules(make_assessment: Make) -> None:
    a = make_assessment(_shipped("JAM"), DATE)
    chart = build_charts(a)["roadmap"]
    assert sorted(row[0] for row in chart.table_rows) == sorted(r.id for r in a.fired)
    years = horizon_years(a)
    assert years["short"][0] == a.horizon_start and years["long"][1] == a.horizon_end
    assert years["short"][1] < years["medium"][0] <= years["medium"][1] < years["long"][0]


def test_charts_are_deterministic(make_assessment: Make) -> None:
    first = build_charts(make_assessment(_shipped("JAM"), DATE))
    second = build_charts(make_assessment(_shipped("JAM"), DATE))
    assert {k: str(v.svg) for k, v in first.items()} == {k: str(v.svg) for k, v in second.items()}
    # Fixed float formatting: no long binary fractions or exponents in coordinates.
    assert not re.search(r"\d\.\d{3,}", str(first["dimensions"].svg))
    assert not re.search(r"\de[-+]\d", str(first["pillars"].svg))


def test_profile_text_is_escaped_in_svg(make_assessment: Make, valid_text: str) -> None:
    text = valid_text.replace("name: Testland", 'name: "<b>Evil & Co</b>"')
    charts = build_charts(make_assessment(load_profile_text(text), DATE))
    svg = str(charts["dimensions"].svg)
    assert "<b>" not in svg and "&lt;b&gt;Evil &amp; Co&lt;/b&gt;" in svg


def test_roadmap_chart_speaks_the_drafts_language(make_assessment: Make) -> None:
    a = make_assessment(_shipped("HTI"), DATE)
    assert a.language == "fr"
    with use_language("fr", "HT"):
        chart = build_charts(a)["roadmap"]
    svg = str(chart.svg)
    # The column labels are the catalogue's terms, not English glued onto a horizon.
    assert "-term" not in svg and "court terme" in svg and "long terme" in svg
    # The drawing's description carries French spacing, which the page's pass skips.
    assert "\u202f;" in chart.description and not re.search(r"\S; ", chart.description)


def test_dimension_description_reads_naturally_when_one_side_is_empty(
    make_assessment: Make,
) -> None:
    # Haiti is below its group's mean in every dimension: "dans 0 dimensions sur 10 (aucune)"
    # read as machine output; the one-sided case is a sentence of its own in each language.
    with use_language("fr", "HT"):
        a = make_assessment(_shipped("HTI"), DATE)
        desc = build_charts(a)["dimensions"].description
    assert "dans les 10 dimensions" in desc
    assert "dans 0 " not in desc and "(aucune)" not in desc
