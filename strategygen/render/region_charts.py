"""Inline SVG charts of the regional overview: trend, 2025 position, heat map, e-government.

Drawn with the primitives of :mod:`strategygen.render.svg` (accessible ``<svg>`` with a title
and description, fixed-decimal coordinates, shapes that survive grayscale printing). Every
chart also carries its numbers as a table, printed under it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import escape

from strategygen.assess.region.model import RegionAssessment
from strategygen.render.chartlabels import fit_label, text_width
from strategygen.render.svg import (
    GRID,
    INK,
    WIDTH,
    Chart,
    marker,
    pt,
    score_text,
    svg_element,
)
from strategygen.words import lowerfirst

#: Heat-map bands: (lower bound, fill, text colour). The text colour keeps a contrast of at
#: least 4.5:1 on its fill (tests/test_region_render.py checks every pair).
BANDS: tuple[tuple[float, str, str], ...] = (
    (0.0, "#f3f6fa", INK),
    (20.0, "#cddcec", INK),
    (40.0, "#8fb0d4", INK),
    (60.0, "#2f5f93", "#ffffff"),
    (80.0, "#173a5e", "#ffffff"),
)
MISSING_FILL = "#e6e6e6"

#: Markers of the editions in the trend chart, oldest first.
EDITION_MARKS: tuple[tuple[str, str], ...] = (
    ("diamond", "#6b6b6b"),
    ("square", "#a34a00"),
    ("circle", "#1f3a5f"),
)


def band(value: float) -> tuple[str, str]:
    """Return the (fill, text colour) of a heat-map cell for ``value`` (0-100)."""
    chosen = BANDS[0]
    for item in BANDS:
        if value >= item[0]:
            chosen = item
    return chosen[1], chosen[2]


def _names(items: Sequence[str]) -> str:
    items = list(items)
    if not items:
        return "none"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _row_label(name: str, width: float, size: float = 11.0) -> str:
    """Return ``name`` escaped and fitted to ``width``: an ellipsis ends it only if it cannot fit.

    SVG text does not wrap, so a name wider than the label column would be cut at the
    chart's edge; the chart's data table always keeps the full name.
    """
    if text_width(name, size) <= width:
        return str(escape(name))
    return str(escape(fit_label(name, width, size, max_lines=1).lines[0]))


def _axis(
    x0: float,
    width: float,
    low: float,
    high: float,
    top: float,
    bottom: float,
    step: float,
    fmt: str = "{:.0f}",
) -> str:
    """Gridlines and tick labels from ``low`` to ``high`` every ``step``."""
    out = []
    tick = low
    while tick <= high + 1e-9:
        x = x0 + width * (tick - low) / (high - low)
        out.append(
            f'<line x1="{pt(x)}" y1="{pt(top)}" x2="{pt(x)}" y2="{pt(bottom)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{pt(x)}" y="{pt(bottom + 14)}" text-anchor="middle" font-size="11">'
            f"{fmt.format(tick)}</text>"
        )
        tick += step
    return "".join(out)


def trend_chart(r: RegionAssessment) -> Chart:
    """Dot plot of each member's overall score in 2022, 2023 and 2024."""
    years = [c.year for c in r.trend[0].cells]
    values = [c.total for row in r.trend for c in row.cells if c.total is not None]
    low = max(0.0, math.floor(min(values) / 10) * 10)
    high = min(100.0, math.ceil(max(values) / 10) * 10)
    label_w, right = 214.0, 20.0
    plot_w = WIDTH - label_w - right
    row_h, top = 22.0, 40.0
    height = top + row_h * len(r.trend) + 30
    body = []
    x = 8.0
    for year, (shape, colour) in zip(years, EDITION_MARKS, strict=True):
        body.append(marker(shape, x + 6, 14, 10, colour))
        body.append(f'<text x="{pt(x + 16)}" y="18">{year}</text>')
        x += 70
    bottom = top + row_h * len(r.trend) - 6
    body.append(_axis(label_w, plot_w, low, high, top - 6, bottom, 10))

    def sx(v: float) -> float:
        return label_w + plot_w * (v - low) / (high - low)

    for i, row in enumerate(r.trend):
        y = top + i * row_h + 8
        body.append(
            f'<text x="{pt(label_w - 8)}" y="{pt(y + 4)}" text-anchor="end">'
            f"{_row_label(row.name, label_w - 12, 12)}</text>"
        )
        shown = [
            (c, m) for c, m in zip(row.cells, EDITION_MARKS, strict=True) if c.total is not None
        ]
        if len(shown) >= 2:
            xs = [sx(c.total or 0.0) for c, _ in shown]
            body.append(
                f'<line x1="{pt(min(xs))}" y1="{pt(y)}" x2="{pt(max(xs))}" y2="{pt(y)}" '
                f'stroke="#8a8a8a" stroke-width="1.5"/>'
            )
        for c, (shape, colour) in shown:
            body.append(marker(shape, sx(c.total or 0.0), y, 9, colour))
    missing = [row.name for row in r.trend if any(not c.covered for c in row.cells)]
    first, last = years[0], years[-1]
    rises = sorted(
        (row for row in r.trend if row.change is not None), key=lambda t: -(t.change or 0.0)
    )
    best = rises[0] if rises else None
    title = f"{r.title}: overall readiness scores {first}\u2013{last}"
    desc = (
        f"Dot plot of each member's overall score in the Government AI Readiness Index "
        f"{first}, {first + 1} and {last}, on a scale from {low:.0f} to {high:.0f}; diamonds mark "
        f"{first}, squares {first + 1} and circles {last}, and a line joins a member's scores. "
        f"Members are ordered by their latest score, highest first."
        + (
            f" The largest gain is {best.name}'s ({best.change:+.2f} points from "
            f"{best.change_from} to {best.change_to})."
            if best is not None and best.change is not None
            else ""
        )
        + (f" Not covered in every edition: {_names(missing)}." if missing else "")
    )
    head = ("Member", *(str(y) for y in years), "Change")
    rows = tuple(
        (
            row.name,
            *(
                f"{c.total:.2f} (rank {c.rank})" if c.total is not None else "not covered"
                for c in row.cells
            ),
            f"{row.change:+.2f} ({row.change_from}\u2013{row.change_to})"
            if row.change is not None
            else "n/a",
        )
        for row in r.trend
    )
    return Chart(
        svg_element("region-trend", height, title, desc, "".join(body)), title, desc, head, rows
    )


def latest_chart(r: RegionAssessment) -> Chart:
    """Bars of each member's overall score in the newest edition (its own framework)."""
    summary = r.newest
    covered = [p for p in r.latest if p.total is not None]
    label_w, right = 214.0, 40.0
    plot_w = WIDTH - label_w - right
    row_h, top = 18.0, 16.0
    height = top + row_h * len(covered) + 30
    bottom = top + row_h * len(covered) - 2
    body = [_axis(label_w, plot_w, 0, 100, top - 6, bottom, 25)]
    for i, p in enumerate(covered):
        y = top + i * row_h
        w = plot_w * max(0.0, min(100.0, p.total or 0.0)) / 100
        body.append(
            f'<text x="{pt(label_w - 8)}" y="{pt(y + 10)}" text-anchor="end" font-size="11">'
            f"{_row_label(p.name, label_w - 12)}</text>"
            f'<rect x="{pt(label_w)}" y="{pt(y)}" width="{pt(w)}" height="{pt(row_h - 5)}" '
            f'fill="#1f3a5f"/>'
            f'<text x="{pt(label_w + w + 3)}" y="{pt(y + 10)}" font-size="10">'
            f"{score_text(p.total)}</text>"
        )
    missing = [p.name for p in r.latest if p.total is None]
    title = f"{r.title}: overall readiness scores {summary.year} (new framework)"
    desc = (
        f"Horizontal bar chart of each member's overall score in the {summary.year} edition, on a "
        f"0-100 scale, highest first. The group mean is {score_text(summary.group_mean)}; "
        f"{summary.leader} leads with {score_text(summary.leader_score)} and {summary.last} "
        f"scores {score_text(summary.last_score)}. These scores use a new framework and are not "
        "comparable with earlier editions."
        + (f" Not covered in {summary.year}: {_names(missing)}." if missing else "")
    )
    svg = svg_element("region-latest", height, title, desc, "".join(body))
    head = ("Member", "Score", "World rank", "Rank in group")
    rows = tuple(
        (
            p.name,
            score_text(p.total),
            f"{p.rank} of {p.ranked}" if p.rank else "not covered",
            str(p.group_rank) if p.group_rank else "n/a",
        )
        for p in r.latest
    )
    return Chart(svg, title, desc, head, rows)


def heatmap_chart(r: RegionAssessment) -> Chart:
    """Heat map of the ten dimensions per member, each cell printed with its score."""
    h = r.heatmap
    label_w, cell_w, cell_h = 204.0, 42.0, 20.0
    head_h = 150.0
    rows = [*h.rows]
    height = head_h + cell_h * (len(rows) + 1) + 46
    body = []
    for j, (_, label) in enumerate(h.dimensions):
        cx = label_w + j * cell_w + cell_w / 2
        body.append(
            f'<text transform="translate({pt(cx + 3)},{pt(head_h - 6)}) rotate(-90)" '
            f'font-size="11">{escape(label)}</text>'
        )

    def cell(x: float, y: float, value: float | None, bold: bool = False) -> str:
        if value is None:
            return (
                f'<rect x="{pt(x)}" y="{pt(y)}" width="{pt(cell_w - 2)}" height="{pt(cell_h - 2)}" '
                f'fill="{MISSING_FILL}"/><text x="{pt(x + cell_w / 2 - 1)}" y="{pt(y + 13)}" '
                f'text-anchor="middle" font-size="10">n/a</text>'
            )
        fill, ink = band(value)
        weight = ' font-weight="bold"' if bold else ""
        return (
            f'<rect x="{pt(x)}" y="{pt(y)}" width="{pt(cell_w - 2)}" height="{pt(cell_h - 2)}" '
            f'fill="{fill}"/><text x="{pt(x + cell_w / 2 - 1)}" y="{pt(y + 13)}" '
            f'text-anchor="middle" font-size="10" fill="{ink}"{weight}>{value:.0f}</text>'
        )

    for i, row in enumerate(rows):
        y = head_h + i * cell_h
        label = row.name if row.edition in (h.edition, None) else f"{row.name} ({row.edition})"
        body.append(
            f'<text x="{pt(label_w - 8)}" y="{pt(y + 13)}" text-anchor="end" font-size="11">'
            f"{_row_label(label, label_w - 12)}</text>"
        )
        for j, value in enumerate(row.values):
            body.append(cell(label_w + j * cell_w, y, value))
    y = head_h + len(rows) * cell_h + 4
    body.append(
        f'<text x="{pt(label_w - 8)}" y="{pt(y + 13)}" text-anchor="end" font-size="11" '
        f'font-weight="bold">Group mean {h.edition}</text>'
    )
    for j, value in enumerate(h.means):
        body.append(cell(label_w + j * cell_w, y, value, bold=True))
    ly = y + cell_h + 16
    lx = 8.0
    body.append(f'<text x="{pt(lx)}" y="{pt(ly + 4)}" font-size="11">Score:</text>')
    lx += 46
    for k, (lower, fill, _) in enumerate(BANDS):
        upper = BANDS[k + 1][0] if k + 1 < len(BANDS) else 100.0
        body.append(
            f'<rect x="{pt(lx)}" y="{pt(ly - 6)}" width="14" height="12" fill="{fill}" '
            f'stroke="{INK}" stroke-width="0.5"/>'
            f'<text x="{pt(lx + 18)}" y="{pt(ly + 4)}" font-size="11">'
            f"{lower:.0f}\u2013{upper:.0f}</text>"
        )
        lx += 74
    body.append(
        f'<rect x="{pt(lx)}" y="{pt(ly - 6)}" width="14" height="12" fill="{MISSING_FILL}" '
        f'stroke="{INK}" stroke-width="0.5"/><text x="{pt(lx + 18)}" y="{pt(ly + 4)}" '
        'font-size="11">no score</text>'
    )
    older = [f"{row.name} ({row.edition})" for row in rows if row.edition not in (h.edition, None)]
    title = f"{r.title}: readiness dimensions per member"
    desc = (
        f"Heat map of the ten dimensions of the Government AI Readiness Index (three-pillar "
        f"framework), one row per member, scores 0-100 printed in each cell and shaded from light "
        f"(low) to dark (high). Scores are from {h.edition}"
        + (f", except {_names(older)}, from the latest edition that covers them" if older else "")
        + f". The last row is the group mean in {h.edition}. The dimensions with the highest "
        f"group means are {_names([lowerfirst(s) for s in h.strongest])}; the lowest are "
        f"{_names([lowerfirst(s) for s in h.weakest])}."
    )
    # The edition goes with the name rather than in a column of its own: eleven columns are
    # already many for a portrait page (the Word draft prints this table in full).
    head = ("Member (edition)", *(label for _, label in h.dimensions))
    table = (
        *(
            (
                f"{row.name} ({row.edition or 'not covered'})",
                *(score_text(v) for v in row.values),
            )
            for row in rows
        ),
        (f"Group mean ({h.edition})", *(score_text(v) for v in h.means)),
    )
    svg = svg_element("region-heatmap", height, title, desc, "".join(body))
    return Chart(svg, title, desc, head, table)


def egov_chart(r: RegionAssessment) -> Chart:
    """Two panels side by side: EGDI (0-1) and Internet use (% of people) per member."""
    e = r.egov
    # The label column fits the longest name (within bounds); the two panels share the rest.
    widest = max((text_width(row.name, 11) for row in e.rows), default=0.0)
    label_w, gap, right = min(214.0, max(120.0, widest + 14)), 24.0, 34.0
    panel_w = (WIDTH - label_w - gap - right) / 2
    row_h, top = 18.0, 34.0
    height = top + row_h * len(e.rows) + 28
    left_x = label_w
    right_x = label_w + panel_w + gap
    # Short panel titles on one baseline, each within its panel; the caption and the
    # description under the chart name the index and the unit in full.
    body = [
        f'<text x="{pt(x)}" y="16" font-weight="bold">'
        f"{escape(fit_label(text, panel_w / 1.1, 12, max_lines=1).lines[0])}</text>"
        for x, text in ((left_x, f"EGDI {e.edition} (0 to 1)"), (right_x, "Internet users (%)"))
    ]
    bottom = top + row_h * len(e.rows) - 4
    body.append(_axis(left_x, panel_w, 0, 1, top - 6, bottom, 0.25, "{:.2f}"))
    body.append(_axis(right_x, panel_w, 0, 100, top - 6, bottom, 25))
    for i, row in enumerate(e.rows):
        y = top + i * row_h
        body.append(
            f'<text x="{pt(label_w - 8)}" y="{pt(y + 10)}" text-anchor="end" font-size="11">'
            f"{_row_label(row.name, label_w - 12)}</text>"
        )
        for x0, value, scale, text in (
            (left_x, row.egdi, 1.0, f"{row.egdi:.2f}" if row.egdi is not None else ""),
            (
                right_x,
                row.internet,
                100.0,
                f"{row.internet:.0f}" if row.internet is not None else "",
            ),
        ):
            if value is None:
                body.append(
                    f'<text x="{pt(x0 + 4)}" y="{pt(y + 10)}" font-size="10">no figure</text>'
                )
                continue
            w = panel_w * max(0.0, min(scale, value)) / scale
            body.append(
                f'<rect x="{pt(x0)}" y="{pt(y)}" width="{pt(w)}" height="{pt(row_h - 5)}" '
                f'fill="#1f3a5f"/>'
                f'<text x="{pt(x0 + w + 3)}" y="{pt(y + 10)}" font-size="10">{text}</text>'
            )
    no_web = [row.name for row in e.rows if row.internet is None]
    title = f"{r.title}: e-government and Internet use"
    desc = (
        f"Two horizontal bar charts side by side, one row per member, ordered by EGDI. Left: the "
        f"UN E-Government Development Index {e.edition} on a 0-1 scale (group mean "
        f"{e.egdi_mean:.2f}). Right: the share of people using the Internet, World Bank "
        f"figures for {e.internet_years} (group mean {e.internet_mean:.0f}%)."
        if e.egdi_mean is not None and e.internet_mean is not None
        else f"Two horizontal bar charts side by side: the EGDI {e.edition} and Internet use."
    ) + (f" No Internet figure for {_names(no_web)}." if no_web else "")
    head = (
        "Member",
        "EGDI",
        "Online services",
        "Telecom infrastructure",
        "Human capital",
        "EGDI rank",
        "Internet users (%)",
    )
    rows = tuple(
        (
            row.name,
            f"{row.egdi:.4f}" if row.egdi is not None else "n/a",
            f"{row.osi:.4f}" if row.osi is not None else "n/a",
            f"{row.tii:.4f}" if row.tii is not None else "n/a",
            f"{row.hci:.4f}" if row.hci is not None else "n/a",
            f"{row.rank} of {e.ranked}" if row.rank else "n/a",
            f"{row.internet:.1f} ({row.internet_year})" if row.internet is not None else "n/a",
        )
        for row in e.rows
    )
    return Chart(
        svg_element("region-egov", height, title, desc, "".join(body)), title, desc, head, rows
    )


def region_charts(r: RegionAssessment) -> dict[str, Chart]:
    """Every chart of the overview, keyed by name (``trend``, ``latest``, ``heatmap``, ``egov``)."""
    return {
        "trend": trend_chart(r),
        "latest": latest_chart(r),
        "heatmap": heatmap_chart(r),
        "egov": egov_chart(r),
    }
