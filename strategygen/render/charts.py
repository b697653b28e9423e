"""Inline SVG charts drawn from an Assessment: vector, no script, readable in grayscale.

This module draws the readiness charts (dimensions, pillars; the trend across editions is in
:mod:`strategygen.render.trend_chart`) and gathers every chart of a
document; the plan charts (roadmap, training tiers) are in :mod:`strategygen.render.plan_charts`
and the drawing primitives in :mod:`strategygen.render.svg`.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import escape

from strategygen.assess.model import Assessment, Benchmark
from strategygen.i18n.catalog import N_
from strategygen.i18n.catalog import gettext as _
from strategygen.i18n.formats import decimal, not_available
from strategygen.names import articled
from strategygen.render.plan_charts import roadmap_chart, training_chart
from strategygen.render.svg import (
    COUNTRY,
    WIDTH,
    Chart,
    Series,
    bar_chart,
    marker,
    pt,
    score_axis,
    score_text,
    svg_element,
)
from strategygen.render.trend_chart import trend_chart
from strategygen.words import lowerfirst


def _compare(items: Sequence[Benchmark]) -> tuple[list[str], list[str]]:
    above = [b.label for b in items if b.score is not None and b.score >= (b.peer_mean or 0.0)]
    below = [b.label for b in items if b.score is not None and b.score < (b.peer_mean or 0.0)]
    return above, below


def _join(items: Sequence[str]) -> str:
    """Join labels in running text ("vision, adaptability and infrastructure")."""
    items = [lowerfirst(w) for w in items]
    if not items:
        return _("none")
    if len(items) == 1:
        return items[0]
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


# How the pillar chart's legend names each group's marker.
_SHAPES = {
    "square": N_("open squares the %(series)s"),
    "triangle": N_("triangles the %(series)s"),
    "diamond": N_("open diamonds the %(series)s"),
}


def _rank(rank: int | None, ranked: int | None) -> str:
    """Return "98 of 193" in the document's language, or n/a."""
    if not rank:
        return not_available()
    return _("%(rank)s of %(ranked)s") % {"rank": rank, "ranked": ranked}


# Grayscale-safe styles for the comparison groups a chart shows, in order.
_GROUP_STYLES: tuple[tuple[str, str, str], ...] = (
    ("#a34a00", "hatch", "square"),
    ("#1d6b5a", "dots", "triangle"),
    ("#6b6b6b", "light", "diamond"),
)


def chart_groups(a: Assessment) -> list[Series]:
    """Return the groups a chart draws: the peer group, the widest regional group, the world.

    Tables show every comparison group; a chart keeps to three so it stays legible.
    """
    view = a.readiness
    peer = view.peer
    keys: list[str] = [peer.key] if peer is not None else []
    present = {g.key for g in view.groups}
    # The widest regional group first: it adds most to the peer group and the world.
    regional = next(
        (k for k in ("lac", "region", "subregion") if k in present and k not in keys), None
    )
    if regional is not None:
        keys.append(regional)
    if "world" not in keys:
        keys.append("world")
    out = []
    for i, key in enumerate(keys[:3]):
        group = view.group(key)
        colour, fill, marker = _GROUP_STYLES[i]
        label = _("World mean") if key == "world" else _("%(group)s mean") % {"group": group.label}
        out.append(Series(key, label, colour, fill, marker))
    return out


def _group_name(a: Assessment, series: Series) -> str:
    """Return the group a series shows, in running text ("CDCC members", "the world")."""
    return _("the world") if series.key == "world" else a.readiness.group(series.key).label


def _group_mean(a: Assessment, series: Series) -> str:
    """Return the mean a series shows as one noun phrase ("the mean for CDCC members")."""
    if series.key == "world":
        return _("the mean for the world")
    return a.readiness.group(series.key).mean_for


def dimension_chart(a: Assessment) -> Chart | None:
    """Dimension scores against the comparison groups' means (None without index scores)."""
    dims = [b for b in a.benchmarks if b.level == "dimension"]
    if not dims or all(b.score is None for b in dims):
        return None
    name = a.profile.identity.name
    country = Series("country", name, COUNTRY.colour, COUNTRY.fill, COUNTRY.marker)
    # Country and peer group only: two bars per dimension keep the chart to half a page;
    # the data table gives every group.
    groups = chart_groups(a)[:1]
    above, below = _compare(dims)
    peer = a.readiness.peer
    peer_mean = peer.mean_for if peer is not None else _("the mean for the world")
    edition = dims[0].edition
    title = _("%(country)s: readiness dimension scores against comparison groups (%(edition)s)") % {
        "country": name,
        "edition": edition,
    }
    # "in 0 of 10 dimensions (none)" reads as machine output: a whole sentence for each
    # one-sided case, in every language.
    if not above:
        pattern = _(
            "Horizontal bar chart of the ten dimensions of the Government AI Readiness Index "
            "(%(edition)s), on a 0-100 scale. For each dimension the first bar is %(country)s, "
            "the second %(group_mean)s. %(country)s is below %(peer_mean)s in all %(count)s "
            "dimensions."
        )
    elif not below:
        pattern = _(
            "Horizontal bar chart of the ten dimensions of the Government AI Readiness Index "
            "(%(edition)s), on a 0-100 scale. For each dimension the first bar is %(country)s, "
            "the second %(group_mean)s. %(country)s is at or above %(peer_mean)s in all "
            "%(count)s dimensions."
        )
    else:
        pattern = _(
            "Horizontal bar chart of the ten dimensions of the Government AI Readiness Index "
            "(%(edition)s), on a 0-100 scale. For each dimension the first bar is %(country)s, "
            "the second %(group_mean)s. %(country)s is at or above %(peer_mean)s in %(above)s "
            "of %(count)s dimensions (%(above_list)s) and below it in %(below)s (%(below_list)s)."
        )
    desc = pattern % {
        "edition": edition,
        "country": name,
        # The means as one noun phrase each ("la media de los miembros del CDCC").
        "group_mean": _group_mean(a, groups[0]) if groups else peer_mean,
        "peer_mean": peer_mean,
        "above": len(above),
        "count": len(dims),
        "above_list": _join(above),
        "below": len(below),
        "below_list": _join(below),
    }
    desc = articled(desc, name, a.language)
    svg = bar_chart(
        "dimensions",
        title,
        desc,
        [(b.label, (b.score, *(b.mean(s.key) for s in groups))) for b in dims],
        (country, *groups),
        bar_h=10.0,
        gap=6.0,
    )
    all_groups = a.readiness.groups
    head = (_("Dimension"), name, *(g.column for g in all_groups), _("World rank"))
    rows = tuple(
        (
            b.label,
            score_text(b.score),
            *(score_text(b.mean(g.key)) for g in all_groups),
            _rank(b.world_rank, b.world_ranked),
        )
        for b in dims
    )
    return Chart(svg, title, desc, head, rows)


def pillar_chart(a: Assessment) -> Chart | None:
    """Pillar profile as a dot plot: the country and its comparison groups (None without scores)."""
    items = [b for b in a.benchmarks if b.level in ("total", "pillar")]
    if not items or all(b.score is None for b in items):
        return None
    name = a.profile.identity.name
    groups = chart_groups(a)
    series = (Series("country", name, COUNTRY.colour, COUNTRY.fill, COUNTRY.marker), *groups)
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
        values = (b.score, *(b.mean(s.key) for s in groups))
        # Group markers are drawn first, the country on top so it is never hidden.
        for s, v in reversed(list(zip(series, values, strict=True))):
            if v is not None:
                body.append(marker(s.marker, label_w + plot_w * v / 100, y, 11, s.colour))
        if b.score is not None:
            body.append(
                f'<text x="{pt(label_w + plot_w * b.score / 100)}" y="{pt(y - 9)}" '
                f'text-anchor="middle" font-size="10" font-weight="bold">'
                f"{decimal(b.score, 1)}</text>"
            )
    total = next((b for b in items if b.level == "total"), items[0])
    title = _("%(country)s: readiness pillar profile against comparison groups (%(edition)s)") % {
        "country": name,
        "edition": total.edition,
    }
    means = ", ".join(
        _("%(score)s for %(group)s")
        % {"score": score_text(total.mean(s.key)), "group": _group_name(a, s)}
        for s in groups
    )
    legend = ", ".join(_(_SHAPES[s.marker]) % {"series": s.label} for s in groups)
    desc = _(
        "Dot plot of the overall score and the three pillars of the Government AI Readiness "
        "Index (%(edition)s) on a 0-100 scale. Filled circles mark %(country)s, %(legend)s. "
        "The overall score of %(score)s compares with %(means)s."
    ) % {
        "edition": total.edition,
        "country": name,
        "legend": legend,
        "score": score_text(total.score),
        "means": means,
    }
    desc = articled(desc, name, a.language)
    svg = svg_element("pillars", height, title, desc, "".join(body))
    all_groups = a.readiness.groups
    head = (_("Measure"), name, *(g.column for g in all_groups), _("Rank in peer group"))
    rows = tuple(
        (
            b.label,
            score_text(b.score),
            *(score_text(b.mean(g.key)) for g in all_groups),
            _rank(b.peer_rank, b.peer_ranked),
        )
        for b in items
    )
    return Chart(svg, title, desc, head, rows)


def build_charts(a: Assessment) -> dict[str, Chart]:
    """Return every chart the document can show for this assessment, keyed by name.

    ``trend``, ``dimensions`` and ``pillars`` are absent when no edition of the readiness
    index covers the country; ``roadmap`` and ``training`` are always present.
    """
    out: dict[str, Chart] = {}
    trend = trend_chart(a)
    if trend is not None:
        out["trend"] = trend
    dims = dimension_chart(a)
    if dims is not None:
        out["dimensions"] = dims
    pillars = pillar_chart(a)
    if pillars is not None:
        out["pillars"] = pillars
    out["roadmap"] = roadmap_chart(a)
    out["training"] = training_chart(a)
    return out
