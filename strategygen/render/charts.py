"""Inline SVG charts drawn from an Assessment: vector, no script, readable in grayscale.

This module draws the readiness charts (dimensions, pillars) and gathers every chart of a
document; the plan charts (roadmap, training tiers) are in :mod:`strategygen.render.plan_charts`
and the drawing primitives in :mod:`strategygen.render.svg`.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import escape

from strategygen.assess.model import Assessment, Benchmark
from strategygen.render.plan_charts import roadmap_chart, training_chart
from strategygen.render.svg import (
    CDCC,
    COUNTRY,
    LAC,
    WIDTH,
    WORLD,
    Chart,
    Series,
    bar_chart,
    marker,
    pt,
    score_axis,
    score_text,
    svg_element,
)


def _compare(items: Sequence[Benchmark], attr: str) -> tuple[list[str], list[str]]:
    above = [b.label for b in items if b.score is not None and b.score >= getattr(b, attr)]
    below = [b.label for b in items if b.score is not None and b.score < getattr(b, attr)]
    return above, below


def _join(words: Sequence[str]) -> str:
    words = [w.lower() for w in words]
    if not words:
        return "none"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def dimension_chart(a: Assessment) -> Chart | None:
    """Dimension scores against the CDCC and LAC means (None when the index has no scores)."""
    dims = [b for b in a.benchmarks if b.level == "dimension"]
    if not dims or not a.profile.readiness.covered:
        return None
    name = a.profile.identity.name
    country = Series("country", name, COUNTRY.colour, COUNTRY.fill, COUNTRY.marker)
    above, below = _compare(dims, "cdcc_mean")
    title = f"{name}: readiness dimension scores against regional means"
    desc = (
        f"Horizontal bar chart of the ten dimensions of the Government AI Readiness Index "
        f"({a.profile.readiness.edition}), on a 0-100 scale. For each dimension the first bar "
        f"is {name}, the second the CDCC mean and the third the Latin America and Caribbean "
        f"mean. {name} is at or above the CDCC mean in {len(above)} of {len(dims)} dimensions "
        f"({_join(above)}) and below it in {len(below)} ({_join(below)})."
    )
    svg = bar_chart(
        "dimensions",
        title,
        desc,
        [(b.label, (b.score, b.cdcc_mean, b.lac_mean)) for b in dims],
        (country, CDCC, LAC),
    )
    head = ("Dimension", name, "CDCC mean", "LAC mean", "World mean", "World rank")
    rows = tuple(
        (
            b.label,
            score_text(b.score),
            score_text(b.cdcc_mean),
            score_text(b.lac_mean),
            score_text(b.world_mean),
            f"{b.world_rank} of {b.world_ranked}" if b.world_rank else "n/a",
        )
        for b in dims
    )
    return Chart(svg, title, desc, head, rows)


def pillar_chart(a: Assessment) -> Chart | None:
    """Pillar profile as a dot plot: country, CDCC, LAC and world (None when not covered)."""
    items = [b for b in a.benchmarks if b.level in ("total", "pillar")]
    if not items or not a.profile.readiness.covered:
        return None
    name = a.profile.identity.name
    series = (
        Series("country", name, COUNTRY.colour, COUNTRY.fill, COUNTRY.marker),
        CDCC,
        LAC,
        WORLD,
    )
    label_w, right = 180.0, 24.0
    plot_w = WIDTH - label_w - right
    row_h, top = 44.0, 40.0
    height = top + row_h * len(items) + 22
    body = []
    x = 8.0
    for s in series:
        body.append(marker(s.marker, x + 6, 14, 10, s.colour))
        body.append(f'<text x="{pt(x + 16)}" y="{pt(18)}">{escape(s.label)}</text>')
        x += 34 + 7.0 * len(s.label)
    body.append(score_axis(label_w, plot_w, top - 8, top + row_h * len(items) - 14))
    for i, b in enumerate(items):
        y = top + i * row_h + 10
        weight = ' font-weight="bold"' if b.level == "total" else ""
        body.append(
            f'<text x="{pt(label_w - 8)}" y="{pt(y + 4)}" text-anchor="end"{weight}>'
            f"{escape(b.label)}</text>"
            f'<line x1="{pt(label_w)}" y1="{pt(y)}" x2="{pt(label_w + plot_w)}" y2="{pt(y)}" '
            f'stroke="#8a8a8a" stroke-width="1"/>'
        )
        values = (b.score, b.cdcc_mean, b.lac_mean, b.world_mean)
        # Peer markers are drawn first, the country on top so it is never hidden.
        for s, v in reversed(list(zip(series, values, strict=True))):
            if v is not None:
                body.append(marker(s.marker, label_w + plot_w * v / 100, y, 11, s.colour))
        if b.score is not None:
            body.append(
                f'<text x="{pt(label_w + plot_w * b.score / 100)}" y="{pt(y - 9)}" '
                f'text-anchor="middle" font-size="10" font-weight="bold">{b.score:.1f}</text>'
            )
    total = next((b for b in items if b.level == "total"), items[0])
    title = f"{name}: readiness pillar profile against peer groups"
    gap_words = (
        f"The overall score of {score_text(total.score)} compares with a CDCC mean of "
        f"{score_text(total.cdcc_mean)}, a Latin America and Caribbean mean of "
        f"{score_text(total.lac_mean)} and a world mean of {score_text(total.world_mean)}."
    )
    desc = (
        f"Dot plot of the overall score and the three pillars of the Government AI Readiness "
        f"Index on a 0-100 scale. Filled circles mark {name}, open squares the CDCC mean, "
        f"triangles the Latin America and Caribbean mean and open diamonds the world mean. "
        f"{gap_words}"
    )
    svg = svg_element("pillars", height, title, desc, "".join(body))
    head = ("Measure", name, "CDCC mean", "LAC mean", "World mean", "CDCC rank")
    rows = tuple(
        (
            b.label,
            score_text(b.score),
            score_text(b.cdcc_mean),
            score_text(b.lac_mean),
            score_text(b.world_mean),
            f"{b.cdcc_rank} of {b.cdcc_ranked}" if b.cdcc_rank else "n/a",
        )
        for b in items
    )
    return Chart(svg, title, desc, head, rows)


def build_charts(a: Assessment) -> dict[str, Chart]:
    """Return every chart the document can show for this assessment, keyed by name.

    ``dimensions`` and ``pillars`` are absent when the readiness index does not cover the
    country; ``roadmap`` and ``training`` are always present.
    """
    out: dict[str, Chart] = {}
    dims = dimension_chart(a)
    if dims is not None:
        out["dimensions"] = dims
    pillars = pillar_chart(a)
    if pillars is not None:
        out["pillars"] = pillars
    out["roadmap"] = roadmap_chart(a)
    out["training"] = training_chart(a)
    return out
