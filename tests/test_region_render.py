"""The regional overview as printed: what the HTML and the charts show, read back from them.

The assessment's figures are checked against the data files in tests/test_region.py; here the
rendered tables are parsed and compared with the profiles and the assessment, so that a
template cannot turn an unknown into an absence, drop a member or print a raw code.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from strategygen.assess.region.group import resolve_group
from strategygen.assess.region.model import RegionAssessment
from strategygen.assess.region.run import assess_region
from strategygen.assess.run import rule_library
from strategygen.inputs.loader import load_profile
from strategygen.inputs.profile import CountryProfile
from strategygen.render.chartlabels import ELLIPSIS, text_width
from strategygen.render.region_charts import BANDS, _row_label, region_charts
from strategygen.render.region_html import render_region
from strategygen.render.svg import WIDTH

DATE = dt.date(2026, 1, 15)
LAWS = ("data_protection", "cybercrime", "access_to_information", "electronic_transactions")


@pytest.fixture(scope="module")
def profiles() -> dict[str, CountryProfile]:
    group = resolve_group("CDCC")
    return {c: load_profile(p) for c, p in group.profiles.items()}


@pytest.fixture(scope="module")
def region(profiles: dict[str, CountryProfile]) -> RegionAssessment:
    return assess_region(resolve_group("CDCC"), profiles, DATE, rules=rule_library())


@pytest.fixture(scope="module")
def html(region: RegionAssessment) -> str:
    return render_region(region)


class _Tables(HTMLParser):
    """Every ``<table>`` of a page as (class, rows), each row a list of cell texts.

    Charts' data tables sit inside ``<details>``; they are collected like any other.
    """

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[str, list[list[str]]]] = []
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("svg", "style"):
            self._skip += 1
        elif tag == "table":
            self._rows = []
            self.tables.append((dict(attrs).get("class") or "", self._rows))
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("svg", "style"):
            self._skip -= 1
        elif tag in ("td", "th") and self._cell is not None and self._rows:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._rows = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._skip:
            self._cell.append(data)


def _table(html: str, css_class: str) -> list[list[str]]:
    parser = _Tables()
    parser.feed(html)
    found = [rows for cls, rows in parser.tables if css_class in cls.split()]
    assert len(found) == 1, css_class
    return found[0]


def _text(html: str) -> str:
    body = re.sub(r"<(style|svg|script)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


# --- the matrices and rankings as printed ---------------------------------------------------


def test_printed_law_matrix_shows_each_profiles_status_and_never_turns_a_gap_into_no_law(
    html: str, region: RegionAssessment, profiles: dict[str, CountryProfile]
) -> None:
    rows = _table(html, "laws")[1:]
    names = {m.code: m.name for m in region.members}
    assert [r[0] for r in rows] == [names[c] for c in resolve_group("CDCC").members]
    by_name = {r[0]: r[1:] for r in rows}
    for code, name in names.items():
        for law, text in zip(LAWS, by_name[name], strict=True):
            record = getattr(profiles[code].law, law, None)
            status = getattr(record, "status", None) if record is not None else None
            if status is None:
                assert text.startswith("Not confirmed"), (code, law, text)
            elif status == "none":
                # A sourced absence: "No law" with its citation.
                assert re.fullmatch(r"No law( \(\d{4}\))? \[\d+\]", text), (code, law, text)
            else:
                assert not text.startswith(("Not confirmed", "No law")), (code, law, text)


def test_printed_law_counts_add_up_to_the_matrix(html: str, region: RegionAssessment) -> None:
    counts = _table(html, "law-counts")[1:]
    matrix = [r[1:] for r in _table(html, "laws")[1:]]
    for i, row in enumerate(counts):
        column = [cells[i] for cells in matrix]
        in_force, partly, draft, none, unknown = (int(x) for x in row[1:])
        assert in_force + partly + draft + none + unknown == len(region.members)
        assert unknown == sum(c.startswith("Not confirmed") for c in column)
        assert none == sum(c.startswith("No law") for c in column)
        assert draft == sum(c.startswith("Draft bill") for c in column)


def test_printed_ranking_follows_the_latest_comparable_scores(
    html: str, region: RegionAssessment
) -> None:
    rows = _table(html, "ranking")[1:] if "ranking" in html else []
    assert rows, "the ranking table is printed"
    printed = [r[0] for r in rows]
    assert printed == [t.name for t in region.trend]
    latest = [t.cells[-1].total for t in region.trend if t.cells[-1].total is not None]
    assert latest == sorted(latest, reverse=True)
    # Every covered 2024 score is printed in its member's row, with two decimals.
    for row, t in zip(rows, region.trend, strict=True):
        cell = t.cells[-1]
        if cell.total is not None:
            assert f"{cell.total:.2f}" in row[3], t.name
        else:
            assert row[3].startswith("not covered"), t.name


def test_no_raw_value_or_code_reaches_the_reader(html: str, region: RegionAssessment) -> None:
    text = _text(html)
    # "None of the ... members" is English; a bare None is a Python value.
    assert not re.search(r"\bNone\b(?! of)", text)
    for raw in ("nan", "in_force", "partially_in_force", "in_preparation", "unverified"):
        assert not re.search(rf"\b{raw}\b", text), raw
    assert "none since" not in text
    # Members are named, never coded, in the text a reader sees (links aside).
    for m in region.members:
        assert not re.search(rf"\b{m.code}\b", text), m.code


def test_summary_counts_only_members_not_already_served_as_more_to_confirm(
    html: str, region: RegionAssessment
) -> None:
    text = _text(html)
    for act in region.actions:
        served = {s.code for s in act.served}
        extra = [s for s in act.to_confirm if s.code not in served]
        if extra:
            assert f"{len(extra)} more that may qualify once facts are confirmed" in text
    assert "more to confirm" not in text


def test_associate_members_link_to_both_drafts(html: str, region: RegionAssessment) -> None:
    for o in region.outside_rows:
        assert f'href="../../{o.code}/{o.code}-strategy.html"' in html
        assert f'href="../../{o.code}/{o.code}-strategy.pdf"' in html


def test_a_sub_region_names_its_countries_without_a_profile() -> None:
    group = resolve_group("South America")
    assert group.without_profile
    assert all(len(name) > 3 for name in group.without_profile), group.without_profile
    assert "Brazil" in group.without_profile


# --- the charts -----------------------------------------------------------------------------

_TEXT = re.compile(r"<text ([^>]*)>([^<]*)</text>")


def _attr(attrs: str, name: str, default: str | None = None) -> str | None:
    found = re.search(rf'\b{name}="([^"]*)"', attrs)
    return found.group(1) if found else default


@pytest.mark.parametrize("name", ["trend", "latest", "heatmap", "egov"])
def test_chart_labels_stay_inside_the_chart(region: RegionAssessment, name: str) -> None:
    chart = region_charts(region)[name]
    svg = str(chart.svg)
    for attrs, label in _TEXT.findall(svg):
        if "rotate" in attrs or not label.strip():
            continue
        x = float(_attr(attrs, "x") or 0)
        size = float(_attr(attrs, "font-size", "12") or 12)
        width = text_width(label, size, bold="bold" in attrs)
        anchor = _attr(attrs, "text-anchor", "start")
        left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
        assert left >= 0 and left + width <= WIDTH + 1, (name, label, x)


def test_the_egov_panels_titles_share_a_line_and_do_not_overlap(
    region: RegionAssessment,
) -> None:
    svg = str(region_charts(region)["egov"].svg)
    titles = [(a, t) for a, t in _TEXT.findall(svg) if 'font-weight="bold"' in a]
    assert len(titles) == 2
    (a1, t1), (a2, _) = titles
    assert _attr(a1, "y") == _attr(a2, "y")
    assert float(_attr(a1, "x") or 0) + text_width(t1, 12, bold=True) < float(_attr(a2, "x") or 0)


def test_a_name_too_long_for_its_column_is_shortened_visibly() -> None:
    name = "Venezuela (Bolivarian Republic of) and its very long official designation"
    label = _row_label(name, 150)
    assert label.endswith(ELLIPSIS) and text_width(label, 11) <= 150
    assert _row_label("Jamaica", 150) == "Jamaica"
    assert _row_label("Trinidad & Tobago", 150) == "Trinidad &amp; Tobago"


# --- the heat map's colours -----------------------------------------------------------------


def _luminance(colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


@pytest.mark.parametrize(("lower", "fill", "ink"), BANDS)
def test_heat_map_text_keeps_aa_contrast_on_every_band(lower: float, fill: str, ink: str) -> None:
    a, b = sorted((_luminance(fill), _luminance(ink)), reverse=True)
    assert (a + 0.05) / (b + 0.05) >= 4.5


def test_a_list_group_is_prepared_for_its_governments_in_a_sentence() -> None:
    from strategygen.render.region_html import region_meta

    group = resolve_group("JAM,TTO,BRB")
    profiles = {c: load_profile(p) for c, p in group.profiles.items()}
    r = assess_region(group, profiles, DATE, rules=rule_library())
    assert region_meta(r).prepared_for == (
        "The governments of Barbados, Jamaica and Trinidad and Tobago"
    )
