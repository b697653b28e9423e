"""Render an Assessment into one self-contained HTML document with sandboxed Jinja2 templates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from strategygen import __version__
from strategygen.assess.model import Assessment
from strategygen.errors import TemplateError
from strategygen.inputs.profile import Source
from strategygen.inputs.project import SECTION_ORDER, check_sections, fill_title
from strategygen.inputs.theme import LoadedTheme
from strategygen.render.narrative import NarrativeBlock, render_markdown
from strategygen.resources import shipped_dir

DEFAULT_PREFIX = "!default/"

# Each section's title without its number; the numbers (1..n for chapters, A.. for annexes)
# are computed for the sections a project chooses, in the order it chooses them.
SECTION_TITLES: dict[str, str] = {
    "front_matter": "Cover and contents",
    "executive_summary": "Executive summary",
    "national_context": "Introduction and national context",
    "readiness": "Situation analysis: AI readiness",
    "vision": "National AI vision and strategic goals",
    "policy_framework": "Policy framework",
    "public_sector": "AI in the public sector: adoption and public value",
    "capability": "National AI capability plan",
    "roadmap": "Implementation roadmap",
    "governance": "Governance and institutional arrangements",
    "budget": "Budget and financing",
    "monitoring": "Monitoring, evaluation and learning",
    "risks": "Risks and mitigation",
    "annex_sources": "Sources",
    "annex_methodology": "Methodology",
    "annex_rules": "Rules applied",
    "annex_gaps": "Data gaps and how to fill them",
    "annex_glossary": "Glossary",
}


def number_sections(order: Sequence[str] = SECTION_ORDER) -> tuple[tuple[str, str, str], ...]:
    """Return ``(id, number, title)`` for the cover and ``order``, numbered for that order.

    Chapters are numbered 1..n and annexes lettered A.. in the order given, so headings, the
    table of contents and cross-references stay consistent whatever a project leaves out.
    The cover and contents (``front_matter``) always come first and carry no number.
    """
    out = [("front_matter", "", SECTION_TITLES["front_matter"])]
    chapters = annexes = 0
    for sid in order:
        if sid == "front_matter":
            continue
        title = SECTION_TITLES[sid]
        if sid.startswith("annex_"):
            letter = chr(ord("A") + annexes)
            annexes += 1
            out.append((sid, letter, f"Annex {letter}. {title}"))
        else:
            chapters += 1
            out.append((sid, str(chapters), title))
    return tuple(out)


# (id, number, title) in the default document order; the contract fixes the ids.
SECTIONS: tuple[tuple[str, str, str], ...] = number_sections()

# Reference data the assessment draws on even when the profile does not list it
# (peer means come from the bundled index data).
_BUNDLED_SOURCE_IDS = ("gairi2023",)


@dataclass(frozen=True)
class DocMeta:
    """Document metadata printed on the cover and used by the print styles."""

    title: str
    short_title: str
    version: str
    build_date: dt.date
    data_date: str
    generator: str
    issuing_body: str
    lang: str
    watermark: bool = True
    subtitle: str | None = None
    prepared_by: str | None = None
    logo: str | None = None
    prepared_for: str = ""


class DefaultPrefixLoader(jinja2.BaseLoader):
    """Search override folders first, then the defaults; ``!default/x`` always means the default.

    The prefix lets an override template extend or include the template it replaces
    (``{% extends "!default/sections/vision.html" %}``) without recursing into itself.
    """

    def __init__(self, override_dirs: Sequence[Path], default_dir: Path) -> None:
        self.default_dir = default_dir
        self._all = jinja2.FileSystemLoader([*map(str, override_dirs), str(default_dir)])
        self._default = jinja2.FileSystemLoader(str(default_dir))

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        """Return the template source, from the default folder when the name has the prefix."""
        if template.startswith(DEFAULT_PREFIX):
            return self._default.get_source(environment, template[len(DEFAULT_PREFIX) :])
        return self._all.get_source(environment, template)

    def list_templates(self) -> list[str]:
        """List every template name reachable through this loader."""
        names = set(self._all.list_templates())
        names.update(DEFAULT_PREFIX + n for n in self._default.list_templates())
        return sorted(names)


class _Sandbox(SandboxedEnvironment):
    """A sandbox that also hides pydantic's model API from templates."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Refuse private names and pydantic ``model_*`` methods (copy, validate, dump...)."""
        if attr.startswith("model_") or attr.startswith("_"):
            return False
        return bool(super().is_safe_attribute(obj, attr, value))


def fmt_num(value: float | int | None, digits: int = 2) -> str:
    """Format a number with fixed decimals and thousands separators (``1,234.50``)."""
    if value is None:
        return "n/a"
    return f"{float(value):,.{digits}f}"


def fmt_int(value: float | int | None) -> str:
    """Format a whole number with thousands separators (``2,839,175``)."""
    if value is None:
        return "n/a"
    return f"{round(value):,d}"


def fmt_pct(share: float | None, digits: int = 0) -> str:
    """Format a 0-1 share as a percentage (``0.42`` -> ``42%``)."""
    if share is None:
        return "n/a"
    return f"{share * 100:.{digits}f}%"


def make_environment(template_dirs: Sequence[Path | str] = ()) -> jinja2.Environment:
    """Create the sandboxed Jinja2 environment over override folders and the defaults.

    Args:
        template_dirs: Override folders, searched in order before the shipped templates.

    """
    default_dir = shipped_dir("templates")
    env = _Sandbox(
        loader=DefaultPrefixLoader([Path(d) for d in template_dirs], default_dir),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "htm", "svg", "xml")),
        # trim_blocks stays off: prose often continues on the line after an
        # `{% endif %}`, and trimming that newline would glue two words together.
        trim_blocks=False,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["num"] = fmt_num
    env.filters["int"] = fmt_int
    env.filters["pct"] = fmt_pct
    return env


@functools.lru_cache(maxsize=8)
def _cached_environment(template_dirs: tuple[str, ...]) -> jinja2.Environment:
    # Compiling the templates costs about 200 ms; a batch reuses one environment per
    # template search path so that only the first document of a run pays for it.
    # Templates import their macros "with context", so macro modules are rebuilt for
    # every render from the current globals and no country's data leaks into another.
    return make_environment(template_dirs)


#: The default title pattern (placeholders as in the project file's ``document.title``).
DEFAULT_TITLE = "National Artificial Intelligence Strategy {start}\u2013{end}"


def default_meta(
    assessment: Assessment,
    build_date: dt.date,
    *,
    theme: LoadedTheme | None = None,
    title_pattern: str | None = None,
    watermark: bool = True,
) -> DocMeta:
    """Derive the document metadata from the profile, the build date and the tailoring.

    Args:
        assessment: The country's assessment.
        build_date: The build date printed in the document.
        theme: A loaded theme: its issuing body, cover wording and logo replace the defaults.
        title_pattern: Title with ``{country}``, ``{code}``, ``{start}``, ``{end}`` placeholders.
        watermark: Whether the document carries the DRAFT watermark.

    """
    p = assessment.profile
    inst = p.institutions
    issuer = inst.ai_lead_agency or inst.digital_lead_agency
    dated = [s.accessed for s in p.sources if s.accessed is not None]
    data_date = max(dated).isoformat() if dated else str(max(s.year for s in p.sources))
    title = fill_title(
        title_pattern or DEFAULT_TITLE,
        {
            "country": p.identity.name,
            "code": p.code,
            "start": str(assessment.horizon_start),
            "end": str(assessment.horizon_end),
        },
    )
    # The government the draft is for stays the same whoever issues it: a theme changes
    # the issuing body (author), never the public body the strategy belongs to.
    prepared_for = issuer.name if issuer else f"Government of {p.identity.name}"
    issuing_body = prepared_for
    subtitle = prepared_by = logo = None
    if theme is not None:
        issuing_body = theme.theme.issuing_body
        subtitle = theme.theme.cover.subtitle
        prepared_by = theme.theme.cover.prepared_by
        logo = theme.logo_data_uri
    return DocMeta(
        title=title,
        short_title=f"{p.identity.name}: National AI Strategy (draft)",
        version=f"Draft 0.1 for consultation (generated {build_date.isoformat()})",
        build_date=build_date,
        data_date=data_date,
        generator=f"strategygen {__version__}",
        issuing_body=issuing_body,
        lang=p.identity.document_language,
        watermark=watermark,
        subtitle=subtitle,
        prepared_by=prepared_by,
        logo=logo,
        prepared_for=prepared_for,
    )


def collect_sources(assessment: Assessment) -> dict[str, Source]:
    """Return the profile's sources plus the bundled reference sources the document cites."""
    from strategygen.assess.datasets import SOURCES

    out = {s.id: s for s in assessment.profile.sources}
    for sid in _BUNDLED_SOURCE_IDS:
        if sid not in out:
            out[sid] = Source.model_validate(SOURCES[sid])
    return out


def _read_css(name: str, template_dirs: Sequence[Path | str]) -> str | None:
    """Read ``static/<name>`` from the first folder that has it (overrides first)."""
    for folder in [*map(Path, template_dirs), shipped_dir("templates")]:
        path = folder / "static" / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return None


def _css_markup(text: str | None) -> Markup | None:
    # The CSS is our own file, not profile data; only '</style' could break out of it.
    if text is None:
        return None
    return Markup(text.replace("</", "<\\/"))


def _template_location(exc: BaseException) -> str:
    """Find the template file and line an exception was raised in (Jinja rewrites frames)."""
    lineno = getattr(exc, "lineno", None)
    name = getattr(exc, "filename", None) or getattr(exc, "name", None)
    if isinstance(exc, jinja2.TemplateSyntaxError) and name:
        return f"{name}:{lineno or 0}"
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".html", ".htm", ".svg", ".xml")):
            return f"{frame.filename}:{frame.lineno}"
    return f"{name}:{lineno or 0}" if name else "<template>"


def render_document(
    assessment: Assessment,
    *,
    build_date: dt.date,
    template_dirs: Sequence[Path | str] = (),
    meta_overrides: Mapping[str, Any] | None = None,
    sections: Sequence[str] | None = None,
    theme: LoadedTheme | None = None,
    title_pattern: str | None = None,
) -> str:
    """Render the full draft strategy as one self-contained HTML page.

    Args:
        assessment: The country's assessment (profile included).
        build_date: The date printed as the build date; an input, for reproducible output.
        template_dirs: Override template folders, searched before the shipped templates.
        meta_overrides: Replacement values for ``DocMeta`` fields (title, version...).
        sections: Section ids to include, in order (default: all, in the contract's order);
            the cover and contents always come first.
        theme: A loaded theme (issuing body, logo, cover wording, colours and fonts).
        title_pattern: The document title with ``{country}``-style placeholders.

    Returns:
        The HTML text.

    Raises:
        TemplateError: A template is missing, malformed or refers to an undefined value;
            the message names the template file and line (or the folders searched).

    """
    from strategygen.render.charts import build_charts

    meta = default_meta(assessment, build_date, theme=theme, title_pattern=title_pattern)
    if meta_overrides:
        unknown = sorted(set(meta_overrides) - {f.name for f in dataclasses.fields(DocMeta)})
        if unknown:
            raise TemplateError(f"unknown document metadata field(s): {', '.join(unknown)}")
        meta = dataclasses.replace(meta, **dict(meta_overrides))
    chosen = tuple(sections) if sections is not None else SECTION_ORDER
    try:
        check_sections(list(chosen))
    except ValueError as exc:
        raise TemplateError(str(exc)) from None
    profile = assessment.profile
    narrative = {
        sid: NarrativeBlock(block.mode, render_markdown(block.text, section_id=sid))
        for sid, block in sorted(profile.narrative.items())
    }
    env = _cached_environment(tuple(str(d) for d in template_dirs))
    # Only sections whose template exists appear in the ToC, so every ToC link resolves
    # while other section templates are still being written.
    available = set(env.list_templates())
    context: dict[str, Any] = {
        "p": profile,
        "a": assessment,
        "meta": meta,
        "sections": [s for s in number_sections(chosen) if f"sections/{s[0]}.html" in available],
        # Titles of every section, so a reference to one a project left out can still
        # name it (as plain text, since there is nothing to link to).
        "section_titles": dict(SECTION_TITLES),
        "narrative": narrative,
        "narrative_blocks": narrative,  # alias: the macro `m.narrative` shadows the name
        "sources": collect_sources(assessment),
        "charts": build_charts(assessment),
        "css_screen": _css_markup(_read_css("screen.css", template_dirs)),
        "css_print": _css_markup(_read_css("print.css", template_dirs)),
        # The theme's colours and fonts come after both default stylesheets, unscoped by
        # media, so they win on screen and on paper alike.
        "css_theme": _css_markup(theme.css()) if theme is not None else None,
    }
    # Globals, not render arguments: templates import "macros.html" without context
    # (as the contract says), and its macros still need sources, narrative and sections.
    env.globals.update(context)
    try:
        html = env.get_template("document.html").render()
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(_not_found_message(exc, template_dirs)) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{_template_location(exc)}: {exc.message}") from None
    except (jinja2.TemplateError, TypeError, ValueError, KeyError, AttributeError) as exc:
        raise TemplateError(f"{_template_location(exc)}: {exc}") from None
    if chosen != SECTION_ORDER:
        # With sections left out, a citation or action link may point at a section that is
        # not there; print those as plain text rather than ship a dead link.
        html = unlink_missing_targets(html)
    return html


def _not_found_message(exc: jinja2.TemplateNotFound, template_dirs: Sequence[Path | str]) -> str:
    """Name the missing template and every folder that was searched for it, in order."""
    name = str(exc.name)
    default = shipped_dir("templates")
    if name.startswith(DEFAULT_PREFIX):
        searched = [default]
    else:
        searched = [*map(Path, template_dirs), default]
    where = ", ".join(str(f) for f in searched)
    return f"template not found: {name} (searched, in order: {where})"


_ANCHOR = re.compile(r'<a\b([^>]*?)\bhref="#([^"]+)"([^>]*)>((?:(?!<a\b).)*?)</a>', re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')


def unlink_missing_targets(html: str) -> str:
    """Replace in-document links whose target id is absent with their text in a span."""
    # Only the body: the inlined stylesheets mention links in their comments.
    cut = html.find("</head>")
    head, body = (html[:cut], html[cut:]) if cut >= 0 else ("", html)
    ids = set(_ID.findall(body))

    def fix(match: re.Match[str]) -> str:
        if match.group(2) in ids:
            return match.group(0)
        return f'<span class="xref-omitted">{match.group(4)}</span>'

    return head + _ANCHOR.sub(fix, body)
