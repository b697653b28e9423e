"""Plan charts: the roadmap of actions over the strategy years and the training tiers."""

from __future__ import annotations

from dataclasses import replace

from markupsafe import escape

from strategygen.assess.model import Assessment, FiredRule
from strategygen.i18n.catalog import N_
from strategygen.i18n.catalog import gettext as _
from strategygen.i18n.formats import integer, percent
from strategygen.i18n.typography import french_text
from strategygen.names import articled
from strategygen.render.chartlabels import FittedLabel, fit_label, text_width
from strategygen.render.svg import (
    INK,
    WIDTH,
    Chart,
    Series,
    fill_ref,
    legend_bars,
    pattern_defs,
    pt,
    svg_element,
)
from strategygen.words import words

_AWAITS = N_("Share of civil servants per tier; numbers await the civil-service headcount.")
# A horizon before its years, in the roadmap's description: "short-term 2027–2028".
_TERMS = {"short": N_("short-term"), "medium": N_("medium-term"), "long": N_("long-term")}


def _share(ratio: float) -> str:
    """Format a tier's share of staff (0.05 -> 5%, 0.005 -> 0.5%) in the document's locale."""
    digits = len(f"{ratio * 100:g}".partition(".")[2])
    return percent(ratio, digits)


def horizon_years(a: Assessment) -> dict[str, tuple[int, int]]:
    """Map each horizon (short, medium, long) to its first and last year (the schedule's)."""
    return dict(a.schedule.spans)


_PRIORITY_ORDER = {"high": 0, "medium": 1, "low": 2}
_HORIZON_ORDER = {"short": 0, "medium": 1, "long": 2}
PRIORITY_SERIES = {
    "high": Series("high", N_("High priority"), "#1f3a5f", "solid", "circle"),
    "medium": Series("medium", N_("Medium priority"), "#a34a00", "hatch", "square"),
    "low": Series("low", N_("Low priority"), "#1d6b5a", "dots", "triangle"),
}


def priority_series() -> list[Series]:
    """Return the roadmap's priority series with their legends in the document's language."""
    return [replace(s, label=_(s.label)) for s in PRIORITY_SERIES.values()]


def _ordered_rules(a: Assessment) -> list[FiredRule]:
    return sorted(
        a.fired, key=lambda r: (_HORIZON_ORDER[r.horizon], _PRIORITY_ORDER[r.priority], r.id)
    )


#: Line height of the roadmap's two-line action labels, and the font size of their text.
ROADMAP_LINE, ROADMAP_TEXT = 11.0, 9.5


def _roadmap_label(x: float, y: float, label: FittedLabel, size: float) -> str:
    """Draw an action's label: its id in bold, then its short name on one or two lines."""
    out = []
    for k, line in enumerate(label.lines):
        head = (
            f'<tspan font-weight="bold">{escape(label.head)}</tspan> '
            if k == 0 and label.head
            else ""
        )
        out.append(
            f'<text x="{pt(x)}" y="{pt(y + k * ROADMAP_LINE)}" font-size="{pt(size)}">'
            f"{head}{escape(line)}</text>"
        )
    return "".join(out)


def roadmap_chart(a: Assessment) -> Chart:
    """Draw the fired rules' actions on a timeline of the strategy years, by horizon.

    Each row is labelled with the action's id and short name (wrapped over two lines when
    needed; cut with an ellipsis only if two lines are not enough); the full names and
    recommendations stay in the description and the data table.
    """
    name = a.profile.identity.name
    years = horizon_years(a)
    start, end = a.horizon_start, a.horizon_end
    rules = _ordered_rules(a)
    label_w, right = 340.0, 12.0
    plot_w = WIDTH - label_w - right
    n_years = end - start + 1
    col = plot_w / n_years
    top = 58.0
    labels = [fit_label(r.short_title, label_w - 12, ROADMAP_TEXT, head=r.id) for r in rules]
    # A one-line label needs a row of 18 units, each further line 11 more.
    heights = [18.0 + ROADMAP_LINE * (len(lb.lines) - 1) for lb in labels] or [20.0]
    rows_h = sum(heights)
    height = top + rows_h + 18
    series = priority_series()
    body = [pattern_defs("roadmap", series), legend_bars("roadmap", series, 16)]
    # Every year is numbered when the columns are wide enough, else every other year.
    step = 1 if col >= text_width("2027", 11) + 6 else 2
    for k in range(n_years):
        x = label_w + k * col
        fill = "#f2f2f2" if k % 2 == 0 else "#ffffff"
        body.append(
            f'<rect x="{pt(x)}" y="{pt(top - 20)}" width="{pt(col)}" '
            f'height="{pt(rows_h + 20)}" fill="{fill}"/>'
        )
        if k % step == 0:
            body.append(
                f'<text x="{pt(x + col / 2)}" y="{pt(top - 6)}" text-anchor="middle" '
                f'font-size="11">{start + k}</text>'
            )
    for label, (y0, _last) in years.items():
        x0 = label_w + (y0 - start) * col
        body.append(
            f'<text x="{pt(x0 + 2)}" y="{pt(top - 26)}" font-size="10" font-style="italic">'
            f"{escape(_(_TERMS[label]))}</text>"
            f'<line x1="{pt(x0)}" y1="{pt(top - 36)}" x2="{pt(x0)}" '
            f'y2="{pt(top + rows_h)}" stroke="#8a8a8a" stroke-dasharray="3 2"/>'
        )
    if not rules:
        body.append(
            f'<text x="{pt(label_w + 6)}" y="{pt(top + 14)}">No action rules fired for '
            f"{escape(name)}.</text>"
        )
    y = top
    for r, lb, row_h in zip(rules, labels, heights, strict=True):
        # The years come from the assessment's schedule, like every table of the roadmap.
        slot = a.schedule.slots[r.id]
        y0, y1 = slot.first, slot.last
        x0 = label_w + (y0 - start) * col
        w = (y1 - y0 + 1) * col
        s = PRIORITY_SERIES[r.priority]
        mid = y + row_h / 2
        text_top = mid + 3.5 - ROADMAP_LINE * (len(lb.lines) - 1) / 2
        body.append(
            _roadmap_label(0, text_top, lb, ROADMAP_TEXT)
            + f'<rect x="{pt(x0 + 2)}" y="{pt(mid - 6.5)}" width="{pt(w - 4)}" height="13" '
            f'fill="{fill_ref("roadmap", s)}" stroke="{INK}" stroke-width="0.6"/>'
        )
        # A hairline under every row, so that a two-line label reads with its own bar.
        body.append(
            f'<line x1="0" y1="{pt(y + row_h)}" x2="{pt(WIDTH - right)}" '
            f'y2="{pt(y + row_h)}" stroke="#dddddd" stroke-width="0.5"/>'
        )
        y += row_h
    title = _("%(country)s: roadmap of actions, %(start)s\u2013%(end)s") % {
        "country": name,
        "start": start,
        "end": end,
    }
    counts = {h: sum(1 for r in rules if r.horizon == h) for h in ("short", "medium", "long")}
    spans = "; ".join(f"{_(_TERMS[h])} {y0}\u2013{y1}" for h, (y0, y1) in years.items())
    cut = [f"{r.id} ({r.short_title})" for r, lb in zip(rules, labels, strict=True) if lb.shortened]
    desc = _(
        "Timeline of the %(count)s actions proposed for %(country)s, one row per action "
        "labelled with its id and short name, across the strategy years %(start)s to %(end)s "
        "(%(spans)s). %(short)s actions are short-term, %(medium)s medium-term and %(long)s "
        "long-term. Solid bars are high priority, hatched bars medium priority and dotted bars "
        "low priority."
    ) % {
        "count": len(rules),
        "country": name,
        "start": start,
        "end": end,
        "spans": spans,
        "short": counts["short"],
        "medium": counts["medium"],
        "long": counts["long"],
    }
    if cut:
        desc += " " + _("Names shortened in the chart: %(names)s.") % {"names": "; ".join(cut)}
    desc = articled(desc, name, a.language)
    if a.language == "fr":
        # The description sits inside the drawing, which the page's French spacing skips.
        desc = french_text(desc)
    svg = svg_element("roadmap", height, title, desc, "".join(body))
    head = (_("Action"), _("Recommendation"), _("Priority"), _("Horizon"), _("Years"))
    rows = tuple(
        (
            r.id,
            r.recommendation,
            words(r.priority, "priority", cap=True),
            words(r.horizon, "horizon", cap=True),
            a.schedule.slots[r.id].years,
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
        pattern_defs(
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
        if have_numbers and t.target is not None:
            label = _("%(count)s officers") % {"count": integer(t.target)}
        else:
            label = _("%(share)s of staff") % {"share": _share(t.ratio)}
        body.append(
            f'<text x="{pt(label_w - 8)}" y="{pt(y + 14)}" text-anchor="end">'
            f"{escape(t.label)}</text>"
            f'<rect x="{pt(label_w)}" y="{pt(y + 3)}" width="{pt(max(w, 1.5))}" height="16" '
            f'fill="{fills[i % len(fills)]}" stroke="{INK}" stroke-width="0.6"/>'
            f'<text x="{pt(label_w + max(w, 1.5) + 5)}" y="{pt(y + 15)}" font-size="11">'
            f"{escape(label)}</text>"
        )
    note_y = top + row_h * max(1, len(tiers)) + 14
    if not have_numbers:
        body.append(
            f'<text x="{pt(label_w)}" y="{pt(note_y)}" font-size="11" font-style="italic">'
            f"{escape(_(_AWAITS))}</text>"
        )
    title = _("%(country)s: civil-service AI training tiers") % {"country": name}
    if have_numbers:
        hc = a.profile.civil_service.headcount
        listed = "; ".join(f"{t.label} {integer(t.target)}" for t in tiers if t.target is not None)
        if hc:
            desc = _(
                "Bar chart of the number of civil servants to train in each tier, computed from "
                "a headcount of %(headcount)s (%(year)s): %(tiers)s."
            ) % {"headcount": integer(hc.value), "year": hc.year, "tiers": listed}
        else:
            desc = _(
                "Bar chart of the number of civil servants to train in each tier: %(tiers)s."
            ) % {"tiers": listed}
    else:
        desc = _(
            "Bar chart of the share of civil servants each training tier should reach: "
            "%(tiers)s. The numbers of officers await the civil-service headcount, which the "
            "profile does not yet give."
        ) % {"tiers": "; ".join(f"{t.label} {_share(t.ratio)}" for t in tiers)}
    desc = articled(desc, name, a.language)
    if a.language == "fr":
        # The description sits inside the drawing, which the page's French spacing skips.
        desc = french_text(desc)
    svg = svg_element("training", height, title, desc, "".join(body))
    head = (
        _("Tier"),
        _("Audience"),
        _("Share of staff"),
        _("Minimum"),
        _("Target (officers)"),
        _("Basis"),
    )
    rows = tuple(
        (
            t.label,
            t.audience,
            _share(t.ratio),
            integer(t.minimum),
            integer(t.target) if t.target is not None else _("awaits headcount"),
            t.basis,
        )
        for t in tiers
    )
    return Chart(svg, title, desc, head, rows)
