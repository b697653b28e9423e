"""Inline SVG charts drawn from an Assessment: vector, no script, readable in grayscale.

Each series has its own fill pattern or marker shape as well as its own colour, so the
charts survive black-and-white printing. Output is deterministic: ids derive from the
chart name and every coordinate is printed with fixed decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from strategygen.assess.model import Assessment, Benchmark, FiredRule

WIDTH = 640
FONT = "Noto Sans, DejaVu Sans, sans-serif"
INK = "#1a1a1a"
GRID = "#c8c8c8"


@dataclass(frozen=True)
class Series:
    """One data series: its legend label, colour and grayscale cue."""

    key: str
    label: str
    colour: str
    fill: str  # "solid", "hatch", "dots" or "light"
    marker: str  # "circle", "square", "triangle" or "diamond"


COUNTRY = Series("country", "Country", "#1f3a5f", "solid", "circle")
CDCC = Series("cdcc", "CDCC mean", "#a34a00", "hatch", "square")
LAC = Series("lac", "Latin America and Caribbean mean", "#1d6b5a", "dots", "triangle")
WORLD = Series("world", "World mean", "#6b6b6b", "light", "diamond")


@dataclass(frozen=True)
class Chart:
    """An SVG chart with its text alternative and its numbers as a table."""

    svg: Markup
    title: str
    description: str
    table_head: tuple[str, ...]
    table_rows: tuple[tuple[str, ...], ...]


def _f(x: float) -> str:
    """Format a coordinate with fixed decimals (no locale, no exponent)."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _score(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def _defs(prefix: str, series: Sequence[Series]) -> str:
    """Pattern definitions for the series that need one."""
    out = []
    for s in series:
        pid = f"{prefix}-{s.key}"
        if s.fill == "hatch":
            out.append(
                f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" '
                f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
                f'<rect width="3" height="6" fill="{s.colour}"/></pattern>'
            )
        elif s.fill == "dots":
            out.append(
                f'<pattern id="{pid}" width="5" height="5" patternUnits="userSpaceOnUse">'
                f'<rect width="5" height="5" fill="#ffffff"/>'
                f'<circle cx="2.5" cy="2.5" r="1.5" fill="{s.colour}"/></pattern>'
            )
    return f"<defs>{''.join(out)}</defs>" if out else ""


def _fill(prefix: str, s: Series) -> str:
    if s.fill in ("hatch", "dots"):
        return f"url(#{prefix}-{s.key})"
    if s.fill == "light":
        return "#d9d9d9"
    return s.colour


def _marker(shape: str, x: float, y: float, size: float, colour: str) -> str:
    """Draw a legend or plot marker; the shape carries the meaning in grayscale."""
    h = size / 2
    if shape == "circle":
        return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(h)}" fill="{colour}" stroke="{INK}"/>'
    if shape == "square":
        return (
            f'<rect x="{_f(x - h)}" y="{_f(y - h)}" width="{_f(size)}" height="{_f(size)}" '
            f'fill="#ffffff" stroke="{colour}" stroke-width="2"/>'
        )
    if shape == "triangle":
        pts = f"{_f(x)},{_f(y - h)} {_f(x + h)},{_f(y + h)} {_f(x - h)},{_f(y + h)}"
        return f'<polygon points="{pts}" fill="{colour}" stroke="{INK}"/>'
    pts = f"{_f(x)},{_f(y - h)} {_f(x + h)},{_f(y)} {_f(x)},{_f(y + h)} {_f(x - h)},{_f(y)}"
    return f'<polygon points="{pts}" fill="#ffffff" stroke="{INK}" stroke-width="1.5"/>'


def _svg(name: str, height: float, title: str, desc: str, body: str) -> Markup:
    tid, did = f"chart-{name}-title", f"chart-{name}-desc"
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img" '
        f'viewBox="0 0 {WIDTH} {_f(height)}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{tid} {did}" font-family="{FONT}" font-size="12" fill="{INK}">'
        f'<title id="{tid}">{escape(title)}</title><desc id="{did}">{escape(desc)}</desc>'
        f"{body}</svg>"
    )


def _legend_bars(prefix: str, series: Sequence[Series], y: float) -> str:
    out, x = [], 8.0
    for s in series:
        out.append(
            f'<rect x="{_f(x)}" y="{_f(y - 9)}" width="14" height="10" '
            f'fill="{_fill(prefix, s)}" stroke="{INK}" stroke-width="0.6"/>'
            f'<text x="{_f(x + 19)}" y="{_f(y)}">{escape(s.label)}</text>'
        )
        x += 34 + 7.0 * len(s.label)
    return "".join(out)


def _axis(x0: float, plot_w: float, top: float, bottom: float) -> str:
    out = []
    for tick in (0, 25, 50, 75, 100):
        x = x0 + plot_w * tick / 100
        out.append(
            f'<line x1="{_f(x)}" y1="{_f(top)}" x2="{_f(x)}" y2="{_f(bottom)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{_f(x)}" y="{_f(bottom + 14)}" text-anchor="middle" '
            f'font-size="11">{tick}</text>'
        )
    return "".join(out)


def _bar_chart(
    name: str,
    title: str,
    desc: str,
    rows: Sequence[tuple[str, Sequence[float | None]]],
    series: Sequence[Series],
) -> Markup:
    """Draw grouped horizontal bars on a 0-100 scale, one group per row."""
    label_w, right = 180.0, 44.0
    plot_w = WIDTH - label_w - right
    bar_h, gap = 11.0, 8.0
    group_h = bar_h * len(series) + gap
    top = 34.0
    height = top + group_h * len(rows) + 26
    body = [_defs(name, series), _legend_bars(name, series, 16)]
    body.append(_axis(label_w, plot_w, top - 4, top + group_h * len(rows) - gap + 4))
    for i, (label, values) in enumerate(rows):
        gy = top + i * group_h
        mid = gy + bar_h * len(series) / 2
        body.append(
            f'<text x="{_f(label_w - 8)}" y="{_f(mid + 4)}" text-anchor="end">'
            f"{escape(label)}</text>"
        )
        for j, (s, v) in enumerate(zip(series, values, strict=True)):
            y = gy + j * bar_h
            if v is None:
                body.append(
                    f'<text x="{_f(label_w + 4)}" y="{_f(y + 9.5)}" font-size="10">no score</text>'
                )
                continue
            w = plot_w * max(0.0, min(100.0, v)) / 100
            body.append(
                f'<rect x="{_f(label_w)}" y="{_f(y)}" width="{_f(w)}" height="{_f(bar_h - 1)}" '
                f'fill="{_fill(name, s)}" stroke="{INK}" stroke-width="0.6"/>'
            )
            body.append(
                f'<text x="{_f(label_w + w + 4)}" y="{_f(y + 9.5)}" font-size="10">{v:.1f}</text>'
            )
    return _svg(name, height, title, desc, "".join(body))


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
    svg = _bar_chart(
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
            _score(b.score),
            _score(b.cdcc_mean),
            _score(b.lac_mean),
            _score(b.world_mean),
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
        body.append(_marker(s.marker, x + 6, 14, 10, s.colour))
        body.append(f'<text x="{_f(x + 16)}" y="{_f(18)}">{escape(s.label)}</text>')
        x += 34 + 7.0 * len(s.label)
    body.append(_axis(label_w, plot_w, top - 8, top + row_h * len(items) - 14))
    for i, b in enumerate(items):
        y = top + i * row_h + 10
        weight = ' font-weight="bold"' if b.level == "total" else ""
        body.append(
            f'<text x="{_f(label_w - 8)}" y="{_f(y + 4)}" text-anchor="end"{weight}>'
            f"{escape(b.label)}</text>"
            f'<line x1="{_f(label_w)}" y1="{_f(y)}" x2="{_f(label_w + plot_w)}" y2="{_f(y)}" '
            f'stroke="#8a8a8a" stroke-width="1"/>'
        )
        values = (b.score, b.cdcc_mean, b.lac_mean, b.world_mean)
        # Peer markers are drawn first, the country on top so it is never hidden.
        for s, v in reversed(list(zip(series, values, strict=True))):
            if v is not None:
                body.append(_marker(s.marker, label_w + plot_w * v / 100, y, 11, s.colour))
        if b.score is not None:
            body.append(
                f'<text x="{_f(label_w + plot_w * b.score / 100)}" y="{_f(y - 9)}" '
                f'text-anchor="middle" font-size="10" font-weight="bold">{b.score:.1f}</text>'
            )
    total = next((b for b in items if b.level == "total"), items[0])
    title = f"{name}: readiness pillar profile against peer groups"
    gap_words = (
        f"The overall score of {_score(total.score)} compares with a CDCC mean of "
        f"{_score(total.cdcc_mean)}, a Latin America and Caribbean mean of "
        f"{_score(total.lac_mean)} and a world mean of {_score(total.world_mean)}."
    )
    desc = (
        f"Dot plot of the overall score and the three pillars of the Government AI Readiness "
        f"Index on a 0-100 scale. Filled circles mark {name}, open squares the CDCC mean, "
        f"triangles the Latin America and Caribbean mean and open diamonds the world mean. "
        f"{gap_words}"
    )
    svg = _svg("pillars", height, title, desc, "".join(body))
    head = ("Measure", name, "CDCC mean", "LAC mean", "World mean", "CDCC rank")
    rows = tuple(
        (
            b.label,
            _score(b.score),
            _score(b.cdcc_mean),
            _score(b.lac_mean),
            _score(b.world_mean),
            f"{b.cdcc_rank} of {b.cdcc_ranked}" if b.cdcc_rank else "n/a",
        )
        for b in items
    )
    return Chart(svg, title, desc, head, rows)


def horizon_years(a: Assessment) -> dict[str, tuple[int, int]]:
    """Map each horizon (short, medium, long) to its first and last year in the strategy."""
    start, end = a.horizon_start, a.horizon_end
    span = end - start + 1
    short_end = start + max(0, min(span - 3, round(span * 0.3) - 1))
    medium_end = max(short_end + 1, start + round(span * 0.65) - 1)
    medium_end = min(medium_end, end - 1)
    return {
        "short": (start, short_end),
        "medium": (short_end + 1, medium_end),
        "long": (medium_end + 1, end),
    }


_PRIORITY_ORDER = {"high": 0, "medium": 1, "low": 2}
_HORIZON_ORDER = {"short": 0, "medium": 1, "long": 2}
PRIORITY_SERIES = {
    "high": Series("high", "High priority", "#1f3a5f", "solid", "circle"),
    "medium": Series("medium", "Medium priority", "#a34a00", "hatch", "square"),
    "low": Series("low", "Low priority", "#1d6b5a", "dots", "triangle"),
}


def _short(text: str, limit: int = 58) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;:.") + "\u2026"


def _ordered_rules(a: Assessment) -> list[FiredRule]:
    return sorted(
        a.fired, key=lambda r: (_HORIZON_ORDER[r.horizon], _PRIORITY_ORDER[r.priority], r.id)
    )


def roadmap_chart(a: Assessment) -> Chart:
    """Draw the fired rules' actions on a timeline of the strategy years, by horizon."""
    name = a.profile.identity.name
    years = horizon_years(a)
    start, end = a.horizon_start, a.horizon_end
    rules = _ordered_rules(a)
    label_w, right = 250.0, 12.0
    plot_w = WIDTH - label_w - right
    n_years = end - start + 1
    col = plot_w / n_years
    row_h, top = 20.0, 58.0
    n_rows = max(1, len(rules))
    height = top + row_h * n_rows + 18
    series = list(PRIORITY_SERIES.values())
    body = [_defs("roadmap", series), _legend_bars("roadmap", series, 16)]
    for k in range(n_years):
        x = label_w + k * col
        fill = "#f2f2f2" if k % 2 == 0 else "#ffffff"
        body.append(
            f'<rect x="{_f(x)}" y="{_f(top - 20)}" width="{_f(col)}" '
            f'height="{_f(row_h * n_rows + 20)}" fill="{fill}"/>'
            f'<text x="{_f(x + col / 2)}" y="{_f(top - 6)}" text-anchor="middle" '
            f'font-size="11">{start + k}</text>'
        )
    for label, (y0, _) in years.items():
        x0 = label_w + (y0 - start) * col
        body.append(
            f'<text x="{_f(x0 + 2)}" y="{_f(top - 26)}" font-size="10" font-style="italic">'
            f"{label}-term</text>"
            f'<line x1="{_f(x0)}" y1="{_f(top - 36)}" x2="{_f(x0)}" '
            f'y2="{_f(top + row_h * n_rows)}" stroke="#8a8a8a" stroke-dasharray="3 2"/>'
        )
    if not rules:
        body.append(
            f'<text x="{_f(label_w + 6)}" y="{_f(top + 14)}">No action rules fired for '
            f"{escape(name)}.</text>"
        )
    for i, r in enumerate(rules):
        y = top + i * row_h
        y0, _ = years[r.horizon]
        # An action starts in its horizon and runs to the end of the strategy period,
        # except short-term actions, which are due by the end of the short term.
        y1 = years["short"][1] if r.horizon == "short" else end
        x0 = label_w + (y0 - start) * col
        w = (y1 - y0 + 1) * col
        s = PRIORITY_SERIES[r.priority]
        body.append(
            f'<text x="{_f(label_w - 6)}" y="{_f(y + 13)}" text-anchor="end" font-size="10">'
            f"{escape(_short(r.id + ': ' + r.recommendation, 40))}</text>"
            f'<rect x="{_f(x0 + 2)}" y="{_f(y + 4)}" width="{_f(w - 4)}" height="{_f(row_h - 7)}" '
            f'fill="{_fill("roadmap", s)}" stroke="{INK}" stroke-width="0.6"/>'
        )
    title = f"{name}: roadmap of actions, {start}\u2013{end}"
    counts = {h: sum(1 for r in rules if r.horizon == h) for h in ("short", "medium", "long")}
    spans = "; ".join(f"{h}-term {y0}\u2013{y1}" for h, (y0, y1) in years.items())
    desc = (
        f"Timeline of the {len(rules)} actions proposed for {name}, one row per action, "
        f"across the strategy years {start} to {end} ({spans}). "
        f"{counts['short']} actions are short-term, {counts['medium']} medium-term and "
        f"{counts['long']} long-term. Solid bars are high priority, hatched bars medium "
        "priority and dotted bars low priority."
    )
    svg = _svg("roadmap", height, title, desc, "".join(body))
    head = ("Action", "Recommendation", "Priority", "Horizon", "Years")
    rows = tuple(
        (
            r.id,
            r.recommendation,
            r.priority,
            r.horizon,
            f"{years[r.horizon][0]}\u2013{years['short'][1] if r.horizon == 'short' else end}",
        )
        for r in rules
    )
    return Chart(svg, title, desc, head, rows)


def training_chart(a: Assessment) -> Chart:
    """Training tiers: computed targets, or the ratios when the headcount is missing."""
    name = a.profile.identity.name
    tiers = list(a.tiers)
    have_numbers = bool(tiers) and all(t.target is not None for t in tiers)
    label_w, right = 200.0, 90.0
    plot_w = WIDTH - label_w - right
    row_h, top = 30.0, 20.0
    height = top + row_h * max(1, len(tiers)) + 34
    fills = ("#1f3a5f", "url(#training-hatch)", "url(#training-dots)", "#d9d9d9")
    body = [
        _defs(
            "training",
            (
                Series("hatch", "", "#a34a00", "hatch", "square"),
                Series("dots", "", "#1d6b5a", "dots", "triangle"),
            ),
        )
    ]
    values = [float(t.target) if have_numbers and t.target is not None else t.ratio for t in tiers]
    top_value = max(values) if values and max(values) > 0 else 1.0
    for i, (t, v) in enumerate(zip(tiers, values, strict=True)):
        y = top + i * row_h
        w = plot_w * v / top_value
        label = f"{t.target:,d} officers" if have_numbers else f"{t.ratio * 100:g}% of staff"
        body.append(
            f'<text x="{_f(label_w - 8)}" y="{_f(y + 14)}" text-anchor="end">'
            f"{escape(t.label)}</text>"
            f'<rect x="{_f(label_w)}" y="{_f(y + 3)}" width="{_f(max(w, 1.5))}" height="16" '
            f'fill="{fills[i % len(fills)]}" stroke="{INK}" stroke-width="0.6"/>'
            f'<text x="{_f(label_w + max(w, 1.5) + 5)}" y="{_f(y + 15)}" font-size="11">'
            f"{escape(label)}</text>"
        )
    note_y = top + row_h * max(1, len(tiers)) + 14
    if not have_numbers:
        body.append(
            f'<text x="{_f(label_w)}" y="{_f(note_y)}" font-size="11" font-style="italic">'
            "Share of civil servants per tier; numbers await the civil-service headcount.</text>"
        )
    title = f"{name}: civil-service AI training tiers"
    if have_numbers:
        hc = a.profile.civil_service.headcount
        desc = (
            (
                f"Bar chart of the number of civil servants to train in each tier, computed from a "
                f"headcount of {hc.value:,d} ({hc.year})"
                if hc
                else "Bar chart of the number of civil servants to train in each tier"
            )
            + ": "
            + "; ".join(f"{t.label} {t.target:,d}" for t in tiers if t.target is not None)
            + "."
        )
    else:
        desc = (
            "Bar chart of the share of civil servants each training tier should reach: "
            + "; ".join(f"{t.label} {t.ratio * 100:g}%" for t in tiers)
            + ". The numbers of officers await the civil-service headcount, which the profile "
            "does not yet give."
        )
    svg = _svg("training", height, title, desc, "".join(body))
    head = ("Tier", "Audience", "Share of staff", "Minimum", "Target (officers)", "Basis")
    rows = tuple(
        (
            t.label,
            t.audience,
            f"{t.ratio * 100:g}%",
            f"{t.minimum:,d}",
            f"{t.target:,d}" if t.target is not None else "awaits headcount",
            t.basis,
        )
        for t in tiers
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
