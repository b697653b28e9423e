"""The readiness trend chart: overall score and rank in every edition, frameworks kept apart.

The editions 2022-2024 share one framework and are joined by a line; the newest edition, on
the framework introduced in 2025, stands in its own panel behind a divider, because its
scores cannot be read as a change from 2024. An edition that does not cover the country has
no point and says "not covered"; it is never drawn as zero.
"""

from __future__ import annotations

from markupsafe import escape

from strategygen.assess.model import Assessment, EditionResult
from strategygen.i18n.catalog import N_
from strategygen.i18n.catalog import gettext as _
from strategygen.i18n.formats import decimal, not_available
from strategygen.names import articled
from strategygen.render.svg import (
    COUNTRY,
    GRID,
    INK,
    WIDTH,
    Chart,
    Series,
    marker,
    pt,
    score_text,
    svg_element,
)

# Words drawn in the chart (marked here: the extractor does not read inside f-strings).
_OLD_FRAMEWORK = N_("Three-pillar framework, 2022\u20132024")
_NEW_FRAMEWORK = N_("New framework: not comparable")
_NOT_COVERED = N_("not covered")
_NO_SCORE = N_("no score")
_PEER_STYLE = ("#a34a00", "square")
_TOP, _BOTTOM = 40.0, 140.0
_LEFT, _DIVIDER = 52.0, 470.0


def _y(score: float) -> float:
    """Map a 0-100 score to the plot's vertical axis."""
    return _BOTTOM - (_BOTTOM - _TOP) * score / 100


def _rank_text(ed: EditionResult) -> str:
    if not ed.covered:
        return _("not covered in that edition")
    return _("rank %(rank)s of %(ranked)s") % {"rank": ed.rank, "ranked": ed.ranked}


def trend_chart(a: Assessment) -> Chart | None:
    """Draw the overall score per edition (None when no edition covers the country)."""
    view = a.readiness
    if not view.covered or not any(e.covered for e in view.editions):
        return None
    name = a.profile.identity.name
    peer = view.peer
    trend = list(view.trend)
    latest = [e for e in view.editions if e not in trend]
    country = Series("country", name, COUNTRY.colour, COUNTRY.fill, COUNTRY.marker)
    body: list[str] = []
    # Legend.
    body.append(marker(country.marker, 14, 14, 10, country.colour))
    body.append(f'<text x="24" y="18">{escape(name)}</text>')
    if peer is not None:
        x = 44 + 7.0 * len(name)
        body.append(marker(_PEER_STYLE[1], x, 14, 10, _PEER_STYLE[0]))
        legend = _("Mean for %(group)s") % {"group": peer.label}
        body.append(f'<text x="{pt(x + 10)}" y="18">{escape(legend)}</text>')
    # Axis and grid.
    for tick in (0, 25, 50, 75, 100):
        y = _y(tick)
        body.append(
            f'<line x1="{pt(_LEFT)}" y1="{pt(y)}" x2="{pt(WIDTH - 12)}" y2="{pt(y)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{pt(_LEFT - 6)}" y="{pt(y + 4)}" text-anchor="end" font-size="11">'
            f"{tick}</text>"
        )
    # The divider between the frameworks, each side labelled just above the 100 line (one
    # row below the legend, which a longer legend or label would otherwise overlap).
    body.append(
        f'<line x1="{pt(_DIVIDER)}" y1="{pt(_TOP - 14)}" x2="{pt(_DIVIDER)}" '
        f'y2="{pt(_BOTTOM + 40)}" stroke="{INK}" stroke-dasharray="4 3"/>'
        f'<text x="{pt((_LEFT + _DIVIDER) / 2)}" y="{pt(_TOP - 4)}" text-anchor="middle" '
        f'font-size="11" font-style="italic">'
        f"{escape(_(_OLD_FRAMEWORK))}</text>"
        f'<text x="{pt((_DIVIDER + WIDTH) / 2)}" y="{pt(_TOP - 4)}" text-anchor="middle" '
        f'font-size="11" font-style="italic">{escape(_(_NEW_FRAMEWORK))}</text>'
    )
    step = (_DIVIDER - _LEFT) / max(len(trend), 1)
    xs = {e.year: _LEFT + step * (i + 0.5) for i, e in enumerate(trend)}
    for i, e in enumerate(latest):
        xs[e.year] = _DIVIDER + (WIDTH - _DIVIDER) * (i + 1) / (len(latest) + 1)
    # Lines join consecutive covered editions of the comparable framework only.
    for series_key, colour, dash in (
        ("peer", _PEER_STYLE[0], ' stroke-dasharray="5 3"'),
        ("country", country.colour, ""),
    ):
        points: list[tuple[float, float]] = []
        for e in trend:
            value = e.means.get(peer.key) if series_key == "peer" and peer else e.total
            if series_key == "peer" and peer is None:
                value = None
            if value is None or (series_key == "country" and not e.covered):
                if len(points) > 1:
                    body.append(_polyline(points, colour, dash))
                points = []
                continue
            points.append((xs[e.year], _y(value)))
        if len(points) > 1:
            body.append(_polyline(points, colour, dash))
    for e in view.editions:
        x = xs[e.year]
        body.append(
            f'<text x="{pt(x)}" y="{pt(_BOTTOM + 16)}" text-anchor="middle" font-weight="bold">'
            f"{e.year}</text>"
            f'<text x="{pt(x)}" y="{pt(_BOTTOM + 30)}" text-anchor="middle" font-size="10">'
            f"{escape(_rank_text(e) if e.covered else _(_NOT_COVERED))}</text>"
        )
        mean = e.means.get(peer.key) if peer is not None else None
        if mean is not None:
            body.append(marker(_PEER_STYLE[1], x, _y(mean), 9, _PEER_STYLE[0]))
        if e.covered and e.total is not None:
            y = _y(e.total)
            body.append(marker(country.marker, x, y, 11, country.colour))
            body.append(
                f'<text x="{pt(x + 9)}" y="{pt(y - 8)}" font-size="10" font-weight="bold">'
                f"{decimal(e.total, 1)}</text>"
            )
        else:
            body.append(
                f'<text x="{pt(x)}" y="{pt(_BOTTOM - 8)}" text-anchor="middle" font-size="10" '
                f'font-style="italic">{escape(_(_NO_SCORE))}</text>'
            )
    height = _BOTTOM + 44
    title = _("%(country)s: Government AI Readiness Index, overall score and rank by edition") % {
        "country": name
    }
    covered = [e for e in trend if e.covered]
    missing = [str(e.year) for e in view.editions if not e.covered]
    if peer is not None:
        opening = _(
            "Line chart of the overall score (0-100) of %(country)s and its rank in each "
            "edition, with %(mean)s; 2022 to 2024 share a framework, 2025 (a new one) stands "
            "apart."
        ) % {"country": name, "mean": peer.mean_for}
    else:
        opening = _(
            "Line chart of the overall score (0-100) of %(country)s and its rank in each "
            "edition; 2022 to 2024 share a framework, 2025 (a new one) stands apart."
        ) % {"country": name}
    parts = [opening]
    parts += [
        _("%(year)s: %(score)s, %(rank)s.")
        % {"year": e.year, "score": score_text(e.total), "rank": _rank_text(e)}
        for e in covered
    ]
    parts += [
        _("%(year)s (new framework): %(score)s, %(rank)s.")
        % {"year": e.year, "score": score_text(e.total), "rank": _rank_text(e)}
        for e in latest
        if e.covered
    ]
    if missing:
        parts.append(_("Not covered in: %(years)s.") % {"years": ", ".join(missing)})
    desc = " ".join(parts)
    desc = articled(desc, name, a.language)
    svg = svg_element("trend", height, title, desc, "".join(body))
    peer_head = (
        _("Mean for %(group)s") % {"group": peer.label}
        if peer is not None
        else _("Peer-group mean")
    )
    head = (
        _("Edition"),
        _("Framework"),
        _("%(country)s: score") % {"country": name},
        _("Rank"),
        peer_head,
        _("World mean"),
    )
    rows = tuple(
        (
            str(e.year),
            _("three pillars, 10 dimensions")
            if e in trend
            else _("six pillars, 14 dimensions (new)"),
            score_text(e.total) if e.covered else _("not covered in that edition"),
            _("%(rank)s of %(ranked)s") % {"rank": e.rank, "ranked": e.ranked}
            if e.covered
            else not_available(),
            score_text(e.means.get(peer.key)) if peer is not None else not_available(),
            score_text(e.means.get("world")),
        )
        for e in view.editions
    )
    return Chart(svg, title, desc, head, rows)


def _polyline(points: list[tuple[float, float]], colour: str, dash: str) -> str:
    coords = " ".join(f"{pt(x)},{pt(y)}" for x, y in points)
    return f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'
