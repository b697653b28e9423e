"""Chart labels: measured, wrapped at spaces, shortened only on purpose, full text kept."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from strategygen.assess.model import Assessment
from strategygen.inputs.loader import load_profile
from strategygen.inputs.profile import CountryProfile
from strategygen.render.chartlabels import ELLIPSIS, fit_label, text_width
from strategygen.render.charts import build_charts
from strategygen.resources import shipped_dir

Make = Callable[[CountryProfile, date], Assessment]
DATE = date(2026, 1, 15)


def test_text_width_grows_with_text_size_and_weight() -> None:
    assert text_width("DPL-NONE", 10) < text_width("DPL-NONE", 12)
    assert text_width("DPL-NONE", 10) < text_width("DPL-NONE", 10, bold=True)
    assert text_width("iii", 10) < text_width("MMM", 10)
    # An accented letter counts as its base letter; unknown characters still have a width.
    assert text_width("é", 10) == text_width("e", 10)
    assert text_width("\u4e2d", 10) > 0


def test_short_label_stays_on_one_line() -> None:
    label = fit_label("Data protection guidance on AI", 300, 10, head="DPL-INFORCE")
    assert label.lines == ("Data protection guidance on AI",) and not label.shortened


def test_long_label_wraps_at_spaces_into_balanced_lines() -> None:
    text = "Mandatory AI and data foundations module for all civil servants"
    label = fit_label(text, 250, 10, head="SKL-TRAIN")
    assert len(label.lines) == 2 and not label.shortened
    assert " ".join(label.lines) == text
    first, second = label.lines
    assert len(second.split()) > 1, "no one-word second line"
    assert text_width("SKL-TRAIN ", 10, bold=True) + text_width(first, 10) <= 250
    assert text_width(second, 10) <= 250


def test_too_long_label_ends_with_an_ellipsis_after_a_whole_word() -> None:
    text = (
        "Enact a comprehensive data protection law, consistent with regional and "
        "international standards, and establish an independent authority"
    )
    label = fit_label(text, 200, 10, head="DPL-NONE")
    assert label.shortened and len(label.lines) == 2
    assert label.lines[-1].endswith(ELLIPSIS)
    kept = " ".join(label.lines)[:-1].split()
    assert kept == text.split()[: len(kept)], "words are dropped whole, never cut"
    assert all(text_width(line, 10) <= 200 for line in label.lines)


def test_roadmap_labels_carry_id_and_full_short_name(make_assessment: Make) -> None:
    profile = load_profile(shipped_dir("country_profiles") / "JAM.yaml")
    a = make_assessment(profile, DATE)
    chart = build_charts(a)["roadmap"]
    svg = str(chart.svg)
    assert "\u2026" not in svg, "a shipped action name was cut in the roadmap chart"
    for rule in a.fired:
        assert f'<tspan font-weight="bold">{rule.id}</tspan>' in svg
        # The short name is printed in full, over one or two <text> lines.
        name = rule.short_title
        texts = re.findall(r"<text[^>]*>(.*?)</text>", svg)
        flat = " ".join(re.sub(r"<[^>]+>", "", t) for t in texts)
        assert name.replace("&", "&amp;") in flat, name
    # The data table keeps the full recommendation; priorities and horizons are words.
    rows = {row[0]: row for row in chart.table_rows}
    for rule in a.fired:
        assert rows[rule.id][1] == rule.recommendation
        assert rows[rule.id][2] in ("High", "Medium", "Low")
        assert rows[rule.id][3] in ("Short term", "Medium term", "Long term")
