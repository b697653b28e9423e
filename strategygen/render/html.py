"""Render an Assessment into one self-contained HTML document with sandboxed Jinja2 templates."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from strategygen.agreement import plural_agreement
from strategygen.assess.context import STATE_NAMES
from strategygen.assess.model import Assessment
from strategygen.body_names import acronyms_after_first, english_articles
from strategygen.errors import StrategygenError, TemplateError
from strategygen.i18n import use_language
from strategygen.i18n.typography import french_spacing
from strategygen.inputs.tailoring import SECTION_ORDER, Tailoring
from strategygen.names import (
    apply_grammar,
    capitalise_openings,
    english_possessives,
    protected_spans,
)
from strategygen.render import sandbox
from strategygen.render.context import (
    DocMeta,
    collect_sources,
    default_meta,
    number_sections,
    section_titles,
)
from strategygen.render.environment import (
    cached_environment,
    css_markup,
    install_translations,
    locate_in_templates,
    not_found_message,
    read_css,
    template_location,
)
from strategygen.render.furniture import language_css
from strategygen.render.glossary_order import sort_glossary
from strategygen.render.narrative import NarrativeBlock, render_markdown
from strategygen.render.offline import find_external_refs
from strategygen.render.overrides import check_overrides_once
from strategygen.render.plain import freeze
from strategygen.render.sandbox import time_limit
from strategygen.title_articles import title_article

if TYPE_CHECKING:  # only a type here: the theme model loads when a theme is used
    from strategygen.inputs.theme import LoadedTheme


def render_document(
    assessment: Assessment,
    *,
    tailoring: Tailoring | None = None,
    theme: LoadedTheme | None = None,
    meta_overrides: Mapping[str, Any] | None = None,
) -> str:
    """Render the full draft strategy as one self-contained HTML page.

    Args:
        assessment: The country's assessment (profile and build date included).
        tailoring: Sections (in order), title pattern, override template folders and
            watermark; unset settings keep the defaults.
        theme: The tailoring's theme, already loaded (it is loaded here when not given).
        meta_overrides: Replacement values for ``DocMeta`` fields (title, version...).

    Returns:
        The HTML text.

    Raises:
        TemplateError: A template is missing, malformed or refers to an undefined value;
            the message names the template file and line (or the folders searched).
        ProfileError: The tailoring's theme file cannot be loaded.

    """
    settings = tailoring or Tailoring()
    search = tuple(str(d) for d in settings.templates)
    # The assessment chose the language; figures follow the country's locale, and an
    # override folder's own catalogue wins over the shipped one.
    with use_language(assessment.language, assessment.profile.identity.iso2, search):
        return _render(assessment, settings, theme, meta_overrides)


def _render(
    assessment: Assessment,
    settings: Tailoring,
    theme: LoadedTheme | None,
    meta_overrides: Mapping[str, Any] | None,
) -> str:
    """Render the document in the language in use (see :func:`render_document`)."""
    from strategygen.render.charts import build_charts

    if theme is None and settings.theme is not None:
        from strategygen.inputs.theme import load_theme

        theme = load_theme(settings.theme)
    template_dirs = settings.templates
    watermark = settings.watermark_for(theme)
    meta = default_meta(
        assessment,
        assessment.build_date,
        theme=theme,
        title_pattern=settings.title,
        watermark=watermark,
    )
    if meta_overrides:
        unknown = sorted(set(meta_overrides) - {f.name for f in dataclasses.fields(DocMeta)})
        if unknown:
            raise TemplateError(f"unknown document metadata field(s): {', '.join(unknown)}")
        meta = dataclasses.replace(meta, **dict(meta_overrides))
    # The sections were checked when the Tailoring was made (its type validates them).
    try:
        chosen = settings.chosen_sections()
    except ValueError as exc:
        raise TemplateError(str(exc)) from None
    profile = assessment.profile
    narrative = {
        sid: NarrativeBlock(block.mode, render_markdown(block.text, section_id=sid))
        for sid, block in sorted(profile.narrative.items())
    }
    search = tuple(str(d) for d in template_dirs)
    check_overrides_once(search)
    env = cached_environment(search)
    install_translations(env, assessment.language, search)
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
        "section_titles": section_titles(),
        "narrative": narrative,
        "narrative_blocks": narrative,  # alias: the macro `m.narrative` shadows the name
        "sources": collect_sources(assessment),
        "charts": build_charts(assessment),
        "css_screen": css_markup(read_css("screen.css", template_dirs)),
        "css_print": css_markup(read_css("print.css", template_dirs)),
        # The page foot, caption numbers and watermark in the document's language.
        "css_language": css_markup(language_css(assessment.language)),
        # The theme's colours and fonts come after both default stylesheets, unscoped by
        # media, so they win on screen and on paper alike.
        "css_theme": css_markup(theme.css()) if theme is not None else None,
    }
    # Templates are untrusted code: they get plain, read-only copies of the data (no
    # model methods that parse, load, copy or validate), one shared memo so that `p` and
    # `a.profile` are the same record.
    memo: dict[int, tuple[Any, Any]] = {}
    plain = {name: freeze(value, memo) for name, value in context.items()}
    # Globals, not render arguments: templates import "macros.html" without context
    # (as the contract says), and its macros still need sources, narrative and sections.
    env.globals.update(plain)
    html = run_templates(env, "document.html", template_dirs)
    # "the Dominican Republic" opening a sentence or a cell reads "The Dominican Republic".
    html = capitalise_openings(html, profile.identity.name, assessment.language)
    names = english_names(assessment)
    pairs = acronym_pairs(assessment)
    if assessment.language == "en":
        html = english_possessives(html)
        # "is preparing the National AI Policy", "belongs to the Caribbean Community".
        html = english_articles(html, names)
    else:
        # "de el Caribe" -> "del Caribe", "de Haïti" -> "d'Haïti", "aprobó la Estrategia ...".
        # Bodies take their article as titles do: "avec la Commission économique ...".
        # An acronym takes its full name's article ("la OGTIC", "l'IHSI").
        known = {
            acronym: art
            for name, acronym in pairs
            if (art := title_article(name, assessment.language))
        }
        html = apply_grammar(html, grammar_names(assessment), names, assessment.language, known)
    if assessment.language == "fr":
        # "Éléments probants : ...", "... 25,85 ;": the spaces French sets before : ; ? !
        html = french_spacing(html, protected_spans(html))
    # "Les Bahamas sont membres ...": a plural name takes a plural verb.
    html = plural_agreement(html, profile.identity.name, assessment.language)
    # The glossary's rows in the alphabetical order of the draft's language.
    html = sort_glossary(html)
    # "Office of the Prime Minister (OPM)" once per chapter, then "OPM".
    html = acronyms_after_first(html, pairs, assessment.language)
    if chosen != SECTION_ORDER:
        # With sections left out, a citation or action link may point at a section that is
        # not there; print those as plain text rather than ship a dead link.
        html = unlink_missing_targets(html)
    if settings.number_paragraphs:
        from strategygen.render.paranum import number_paragraphs

        html = number_paragraphs(html)
    check_offline(html, env, profile.code)
    return html


def run_templates(
    env: jinja2.Environment,
    name: str,
    template_dirs: Sequence[Path | str],
    context: Mapping[str, Any] | None = None,
) -> str:
    """Render template ``name``; every failure becomes a TemplateError naming template and line.

    A template is code from the user's override folder: whatever goes wrong inside it (an
    undefined name, a refused attribute, a runaway loop, a recursion without end, running
    past the time limit) is the template's fault, so the message names the template file
    and line, never the profile being rendered.
    """
    try:
        with time_limit(sandbox.RENDER_SECONDS):
            return env.get_template(name).render(dict(context or {}))
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(not_found_message(exc, template_dirs)) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{template_location(exc)}: {exc.message}") from None
    except StrategygenError as exc:
        # A template file refused by the loader is named already; say where it was included.
        where = template_location(exc)
        if where == "<template>":
            raise
        raise TemplateError(f"{where}: {exc}") from None
    except RecursionError as exc:
        raise TemplateError(
            f"{template_location(exc)}: recursion too deep (a macro or include calls itself "
            "without end)"
        ) from None
    except MemoryError as exc:
        raise TemplateError(f"{template_location(exc)}: ran out of memory") from None
    except Exception as exc:  # anything a template can raise is reported as the template's
        detail = str(exc) or type(exc).__name__
        raise TemplateError(f"{template_location(exc)}: {detail}") from None


def check_offline(html: str, env: jinja2.Environment, code: str, suffix: str = "strategy") -> None:
    """Refuse a document with any reference that could make a request when it is opened.

    Raises:
        TemplateError: Listing each reference, located in the template or stylesheet that
            holds it when it can be found there, else at its line and column in the HTML.

    """
    refs = find_external_refs(html)
    if not refs:
        return
    lines = []
    for ref in refs[:20]:
        origin = (
            locate_in_templates(ref.value, env) or f"{code}-{suffix}.html:{ref.line}:{ref.column}"
        )
        lines.append(
            f"{origin}: {ref.where}: external reference {ref.value!r}; a document may only "
            "refer to data: URIs and #anchors in itself (links a reader clicks may use "
            "http, https, mailto or a relative address)"
        )
    if len(refs) > 20:
        lines.append(f"... and {len(refs) - 20} more external references")
    raise TemplateError("\n".join(lines))


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


def grammar_names(assessment: Assessment) -> tuple[str, ...]:
    """Names whose article the grammar pass contracts: the country, its state, the region."""
    names = [assessment.profile.identity.name]
    territory = assessment.context.territory
    if territory is not None:
        lang = assessment.language
        names.append(STATE_NAMES.get(territory.state, {}).get(lang, territory.state))
    return (*names, "Caribe", "Caraïbes", "Caribisch gebied")


def english_names(assessment: Assessment) -> tuple[str, ...]:
    """Names of bodies, laws and plans a draft writes in its sentences.

    The profile's documents and bodies (lead agencies, ethics body, stakeholders), the
    regional bodies the country belongs to (by name and acronym) and a territory's own
    government. In English :func:`strategygen.body_names.english_articles` decides which
    of them take "the"; in Spanish, French and Dutch :func:`strategygen.names.apply_grammar`
    gives them the article their head noun takes.
    """
    profile = assessment.profile
    names = list(document_titles(profile))
    inst = profile.institutions
    for body in (inst.digital_lead_agency, inst.ai_lead_agency, inst.ai_ethics_body):
        name = getattr(body, "name", None)
        if isinstance(name, str) and name:
            names.append(name)
    for law in type(profile.law).model_fields:
        authority = getattr(getattr(profile.law, law, None), "authority", None)
        if isinstance(authority, str) and authority:
            names.append(authority)
    names += [s.name for s in profile.stakeholders]
    names += [m.body for m in assessment.context.memberships]
    # Regional bodies are mostly named by their acronyms, which take articles in Spanish
    # and French ("pertenece a la CARICOM", "appartient à la CARICOM").
    names += [m.acronym for m in assessment.context.memberships if m.acronym]
    territory = assessment.context.territory
    if territory is not None:
        names.append(territory.local_government)
    return tuple(names)


def acronym_pairs(assessment: Assessment) -> tuple[tuple[str, str], ...]:
    """Full names and acronyms of the lead bodies and regional bodies a draft names."""
    inst = assessment.profile.institutions
    pairs: list[tuple[str, str]] = []
    for body in (inst.digital_lead_agency, inst.ai_lead_agency):
        acronym = getattr(body, "acronym", None)
        if body is not None and isinstance(acronym, str) and acronym:
            pairs.append((body.name, acronym))
    pairs += [(m.body, m.acronym) for m in assessment.context.memberships if m.acronym]
    return tuple(pairs)


def document_titles(profile: Any) -> tuple[str, ...]:
    """Return the titles of the strategies, plans and laws the profile records."""
    titles: list[str] = []
    for group in (profile.institutions, profile.law):
        for name in type(group).model_fields:
            title = getattr(getattr(group, name, None), "title", None)
            if isinstance(title, str) and title:
                titles.append(title)
    return tuple(titles)
