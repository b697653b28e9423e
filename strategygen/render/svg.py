"""SVG building blocks shared by the charts: series styles, patterns, markers, axes, bars.

Each series has its own fill pattern or marker shape as well as its own colour, so the
charts survive black-and-white printing. Output is deterministic: ids derive from the
chart name and every coordinate is printed with fixed decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from strategygen.i18n.catalog import gettext
from strategygen.i18n.formats import decimal

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


@dataclass(frozen=True)
class Chart:
    """An SVG chart with its text alternative and its numbers as a table."""

    svg: Markup
    title: str
    description: str
    table_head: tuple[str, ...]
    table_rows: tuple[tuple[str, ...], ...]


def pt(x: float) -> str:
    """Format a coordinate with fixed decimals (no locale, no exponent)."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def score_text(x: float | None) -> str:
    """Format a score with two decimals in the document's locale, or ``n/a`` when there is none."""
    return decimal(x, 2)


def pattern_defs(prefix: str, series: Sequence[Series]) -> str:
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


def fill_ref(prefix: str, s: Series) -> str:
    """Return the SVG fill of series ``s``: its pattern in chart ``prefix``, or its colour."""
    if s.fill in ("hatch", "dots"):
        return f"url(#{prefix}-{s.key})"
    if s.fill == "light":
        return "#d9d9d9"
    return s.colour


def marker(shape: str, x: float, y: float, size: float, colour: str) -> str:
    """Draw a legend or plot marker; the shape carries the meaning in grayscale."""
    h = size / 2
    if shape == "circle":
        return f'<circle cx="{pt(x)}" cy="{pt(y)}" r="{pt(h)}" fill="{colour}" stroke="{INK}"/>'
    if shape == "square":
        return (
            f'<rect x="{pt(x - h)}" y="{pt(y - h)}" width="{pt(size)}" height="{pt(size)}" '
            f'fill="#ffffff" stroke="{colour}" stroke-width="2"/>'
        )
    if shape == "triangle":
        pts = f"{pt(x)},{pt(y - h)} {pt(x + h)},{pt(y + h)} {pt(x - h)},{pt(y + h)}"
        return f'<polygon points="{pts}" fill="{colour}" stroke="{INK}"/>'
    pts = f"{pt(x)},{pt(y - h)} {pt(x + h)},{pt(y)} {pt(x)},{pt(y + h)} {pt(x - h)},{pt(y)}"
    return f'<polygon points="{pts}" fill="#ffffff" stroke="{INK}" stroke-width="1.5"/>'


def svg_element(name: str, height: float, title: str, desc: str, body: str) -> Markup:
    """Wrap ``body`` in an accessible ``<svg>`` (role img, title and description ids)."""
    tid, did = f"chart-{name}-title", f"chart-{name}-desc"
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img" '
        f'viewBox="0 0 {WIDTH} {pt(height)}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{tid} {did}" font-family="{FONT}" font-size="12" fill="{INK}">'
        f'<title id="{tid}">{escape(title)}</title><desc id="{did}">{escape(desc)}</desc>'
        f"{body}</svg>"
    )


def legend_bars(prefix: str, series: Sequence[Series], y: float) -> str:
    """Draw a legend of filled swatches for bar ``series`` on one row at height ``y``."""
    out, x = [], 8.0
    for s in series:
        out.append(
            f'<rect x="{pt(x)}" y="{pt(y - 9)}" width="14" height="10" '
            f'fill="{fill_ref(prefix, s)}" stroke="{INK}" stroke-width="0.6"/>'
            f'<text x="{pt(x + 19)}" y="{pt(y)}">{escape(s.label)}</text>'
        )
        x += 34 + 7.0 * len(s.label)
    return "".join(out)


def score_axis(x0: float, plot_w: float, top: float, bottom: float) -> str:
    """Draw the 0-100 score axis: gridlines and tick labels between ``top`` and ``bottom``."""
    out = []
    for tick in (0, 25, 50, 75, 100):
        x = x0 + plot_w * tick / 100
        out.append(
            f'<line x1="{pt(x)}" y1="{pt(top)}" x2="{pt(x)}" y2="{pt(bottom)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{pt(x)}" y="{pt(bottom + 14)}" text-anchor="middle" '
            f'font-size="11">{tick}</text>'
        )
    return "".join(out)


def bar_chart(
    name: str,
    title: str,
    desc: str,
    rows: Sequence[tuple[str, Sequence[float | None]]],
    series: Sequence[Series],
    bar_h: float = 11.0,
    gap: float = 8.0,
) -> Markup:
    """Draw grouped horizontal bars on a 0-100 scale, one group per row."""
    # The label column widens for long labels ("Maturité du secteur technologique"): at 12 px
    # a character takes about 6.3 px, and the English labels fit the 180 px it never goes below.
    longest = max((len(label) for label, _ in rows), default=0)
    label_w, right = max(180.0, min(260.0, 8 + 6.3 * longest)), 44.0
    plot_w = WIDTH - label_w - right
    group_h = bar_h * len(series) + gap
    top = 34.0
    height = top + group_h * len(rows) + 26
    body = [pattern_defs(name, series), legend_bars(name, series, 16)]
    body.append(score_axis(label_w, plot_w, top - 4, top + group_h * len(rows) - gap + 4))
    for i, (label, values) in enumerate(rows):
        gy = top + i * group_h
        mid = gy + bar_h * len(series) / 2
        body.append(
            f'<text x="{pt(label_w - 8)}" y="{pt(mid + 4)}" text-anchor="end">'
            f"{escape(label)}</text>"
        )
        for j, (s, v) in enumerate(zip(series, values, strict=True)):
            y = gy + j * bar_h
            if v is None:
                body.append(
                    f'<text x="{pt(label_w + 4)}" y="{pt(y + 9.5)}" font-size="10">'
                    f"{escape(gettext('no score'))}</text>"
                )
                continue
            w = plot_w * max(0.0, min(100.0, v)) / 100
            body.append(
                f'<rect x="{pt(label_w)}" y="{pt(y)}" width="{pt(w)}" height="{pt(bar_h - 1)}" '
                f'fill="{fill_ref(name, s)}" stroke="{INK}" stroke-width="0.6"/>'
            )
            body.append(
                f'<text x="{pt(label_w + w + 4)}" y="{pt(y + 9.5)}" font-size="10">'
                f"{decimal(v, 1)}</text>"
            )
    return svg_element(name, height, title, desc, "".join(body))
