"""Render a RegionAssessment into one self-contained HTML overview with sandboxed templates.

The overview's templates live under ``templates/region/`` and are found through the same
search path as a country draft's, so an override folder can replace any of them (for
instance ``my-templates/region/sections/actions.html``) and a theme applies as it does to
the drafts: issuing body, logo, cover wording, colours and fonts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from strategygen import __version__
from strategygen.assess.region.model import RegionAssessment
from strategygen.inputs.tailoring import Tailoring
from strategygen.inputs.theme import LoadedTheme
from strategygen.render.environment import cached_environment, css_markup, read_css
from strategygen.render.html import check_offline, run_templates
from strategygen.render.overrides import check_overrides_once
from strategygen.render.plain import freeze

#: The overview's chapters and annexes, in order: (id, title). Numbers are computed.
REGION_SECTIONS: tuple[tuple[str, str], ...] = (
    ("summary", "Summary"),
    ("members", "The group and the data"),
    ("ranking", "Readiness ranking and trend"),
    ("position", "The latest edition: a new framework"),
    ("dimensions", "Strengths and gaps by dimension"),
    ("egov", "E-government and connectivity"),
    ("laws", "Legal frameworks"),
    ("strategies", "AI strategies and readiness assessments"),
    ("capacity", "Civil-service capacity"),
    ("findings", "Common findings"),
    ("actions", "Regional recommendations for shared work"),
    ("briefs", "Member briefs"),
    ("outside", "Associate members"),
    ("annex_gaps", "Data gaps per member"),
    ("annex_method", "Method"),
    ("annex_sources", "Sources"),
)


@dataclass(frozen=True)
class RegionMeta:
    """What the cover, the page head and the HTML ``<head>`` print about the overview."""

    title: str
    short_title: str
    subtitle: str
    prepared_for: str
    issuing_body: str
    prepared_by: str | None
    logo: str | None
    version: str
    build_date: str
    generator: str
    lang: str
    watermark: bool


def region_sections(r: RegionAssessment) -> tuple[tuple[str, str, str], ...]:
    """Return ``(id, number, title)`` for every section the overview has, numbered in order.

    The chapter on countries reported apart is titled for what they are: the associate
    members for the CDCC, the countries outside the index for any other group; it is left
    out when there are none.
    """
    out = []
    chapters = annexes = 0
    for sid, title in REGION_SECTIONS:
        if sid == "outside":
            if not r.outside:
                continue
            if r.kind != "cdcc":
                title = "Countries and territories outside the index"
        if sid.startswith("annex_"):
            letter = chr(ord("A") + annexes)
            annexes += 1
            out.append((sid, letter, f"Annex {letter}. {title}"))
        else:
            chapters += 1
            out.append((sid, str(chapters), title))
    return tuple(out)


def region_meta(
    r: RegionAssessment, theme: LoadedTheme | None = None, *, watermark: bool = True
) -> RegionMeta:
    """Derive the overview's metadata from the group, the build date and the theme."""
    if r.kind == "cdcc":
        prepared_for = (
            "The member states of ECLAC's Caribbean Development and Cooperation Committee"
        )
    else:
        names = [m.name for m in r.members]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        prepared_for = "The governments of " + listed
    date = r.build_date.isoformat()
    return RegionMeta(
        title=f"AI readiness and national AI strategies: {r.title}",
        short_title=f"{r.title}: regional overview (draft)",
        subtitle=(
            theme.theme.cover.subtitle
            if theme is not None and theme.theme.cover.subtitle
            else "A regional overview for discussion, generated from the members' own profiles "
            "and published indices"
        ),
        prepared_for=prepared_for,
        issuing_body=theme.theme.issuing_body if theme is not None else "strategygen",
        prepared_by=theme.theme.cover.prepared_by if theme is not None else None,
        logo=theme.logo_data_uri if theme is not None else None,
        version=f"Draft 0.1 for discussion (generated {date})",
        build_date=date,
        generator=f"strategygen {__version__}",
        lang="en",
        watermark=watermark,
    )


def render_region(
    r: RegionAssessment,
    *,
    tailoring: Tailoring | None = None,
    theme: LoadedTheme | None = None,
) -> str:
    """Render the regional overview as one self-contained HTML page.

    Args:
        r: The group's assessment.
        tailoring: Override template folders and watermark (other settings do not apply).
        theme: The tailoring's theme, already loaded (loaded here when not given).

    Raises:
        TemplateError: A template is missing, malformed or refers to an undefined value;
            the message names the template file and line.

    """
    from strategygen.render.region_charts import region_charts

    settings = tailoring or Tailoring()
    if theme is None and settings.theme is not None:
        from strategygen.inputs.theme import load_theme

        theme = load_theme(settings.theme)
    watermark = settings.watermark_for(theme)
    search = tuple(str(d) for d in settings.templates)
    check_overrides_once(search)
    env = cached_environment(search)
    css_region = read_css("region.css", settings.templates)
    context: dict[str, Any] = {
        "r": r,
        "meta": region_meta(r, theme, watermark=watermark),
        "sections": region_sections(r),
        "charts": region_charts(r),
        "css_screen": css_markup(read_css("screen.css", settings.templates)),
        "css_print": css_markup(read_css("print.css", settings.templates)),
        "css_region": css_markup(css_region),
        "css_theme": css_markup(theme.css()) if theme is not None else None,
    }
    # Render arguments, not globals: the environment is shared with the country drafts,
    # whose templates read their own globals. Plain, read-only copies, as for a draft.
    memo: dict[int, tuple[Any, Any]] = {}
    plain = {name: freeze(value, memo) for name, value in context.items()}
    html = run_templates(env, "region/document.html", settings.templates, plain)
    check_offline(html, env, r.key, "overview")
    return html
