"""What templates receive: document metadata, numbered sections, sources, the render context."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from strategygen import __version__
from strategygen.assess.model import Assessment
from strategygen.i18n import formats
from strategygen.i18n.catalog import N_, gettext
from strategygen.i18n.texts import local
from strategygen.inputs.profile import Source
from strategygen.inputs.tailoring import SECTION_ORDER, fill_title
from strategygen.names import at_start, in_text

if TYPE_CHECKING:  # only a type here: the theme model loads when a theme is used
    from strategygen.inputs.theme import LoadedTheme

# Each section's title without its number; the numbers (1..n for chapters, A.. for annexes)
# are computed for the sections a project chooses, in the order it chooses them.
# In English; section_title() translates them.
SECTION_TITLES: dict[str, str] = {
    "front_matter": N_("Cover and contents"),
    "executive_summary": N_("Executive summary"),
    "national_context": N_("Introduction and national context"),
    "readiness": N_("Situation analysis: AI readiness"),
    "vision": N_("National AI vision and strategic goals"),
    "policy_framework": N_("Strategic pillars and policy framework"),
    "public_sector": N_("AI in the public sector: adoption and public value"),
    "capability": N_("National AI capability plan"),
    "roadmap": N_("Implementation roadmap"),
    "governance": N_("Governance and institutional arrangements"),
    "budget": N_("Budget and financing"),
    "monitoring": N_("Monitoring, evaluation and learning"),
    "risks": N_("Risks and mitigation"),
    "annex_sources": N_("Sources"),
    "annex_methodology": N_("Methodology"),
    "annex_rules": N_("Rules applied"),
    "annex_gaps": N_("Data gaps and how to fill them"),
    "annex_glossary": N_("Glossary"),
}


def section_title(sid: str) -> str:
    """Return a section's title in the document's language."""
    return gettext(SECTION_TITLES[sid])


def section_titles() -> dict[str, str]:
    """Return every section's title in the document's language, by id."""
    return {sid: section_title(sid) for sid in SECTION_TITLES}


def number_sections(order: Sequence[str] = SECTION_ORDER) -> tuple[tuple[str, str, str], ...]:
    """Return ``(id, number, title)`` for the cover and ``order``, numbered for that order.

    Chapters are numbered 1..n and annexes lettered A.. in the order given, so headings, the
    table of contents and cross-references stay consistent whatever a project leaves out.
    The cover and contents (``front_matter``) always come first and carry no number.
    """
    out = [("front_matter", "", section_title("front_matter"))]
    chapters = annexes = 0
    for sid in order:
        if sid == "front_matter":
            continue
        title = section_title(sid)
        if sid.startswith("annex_"):
            letter = chr(ord("A") + annexes)
            annexes += 1
            out.append(
                (
                    sid,
                    letter,
                    gettext("Annex %(letter)s. %(title)s") % {"letter": letter, "title": title},
                )
            )
        else:
            chapters += 1
            out.append((sid, str(chapters), title))
    return tuple(out)


# (id, number, title) in the default document order; the contract fixes the ids.
SECTIONS: tuple[tuple[str, str, str], ...] = number_sections()


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
    country: str = ""
    """The country's common name (for ``full_title``)."""
    country_in_text: str = ""
    """The name inside a sentence, with its article in English ("the Dominican Republic")."""
    country_at_start: str = ""
    """The name opening a sentence ("The Dominican Republic")."""

    @property
    def full_title(self) -> str:
        """The title with the country's name, never twice: ``Jamaica: National AI ...``.

        A title pattern that already names the country (``{country}: AI for ...``) is used
        as it is; otherwise the name goes in front, as the HTML and PDF titles need it.
        """
        if not self.country or self.country in self.title:
            return self.title
        # French puts a space before the colon: "Haïti : Stratégie ...".
        return gettext("%(country)s: %(title)s") % {"country": self.country, "title": self.title}

    @property
    def title_names_country(self) -> bool:
        """Whether the title itself names the country (the cover then does not repeat it)."""
        return bool(self.country) and self.country in self.title


#: The default title pattern (placeholders as in the project file's ``document.title``);
#: translated, placeholders kept, for a document in another language.
DEFAULT_TITLE = N_("National Artificial Intelligence Strategy {start}\u2013{end}")


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
    # The body that leads AI policy sponsors the strategy; the digital-government lead does
    # not, so without an AI lead the draft is prepared for the government as a whole.
    issuer = inst.ai_lead_agency
    data_date = newest_source_year(assessment)
    title = fill_title(
        title_pattern or gettext(DEFAULT_TITLE),
        {
            "country": p.identity.name,
            "code": p.code,
            "start": str(assessment.horizon_start),
            "end": str(assessment.horizon_end),
        },
    )
    # The government the draft is for stays the same whoever issues it: a theme changes
    # the issuing body (author), never the public body the strategy belongs to.
    territory = assessment.context.territory
    prepared_for = (
        issuer.name
        if issuer
        # A territory's own authority, by its name ("Collectivité territoriale de
        # Martinique"): "the Government of Martinique" would name a body that does not exist.
        else territory.local_government
        if territory is not None
        else gettext("Government of %(country)s")
        % {"country": in_text(p.identity.name, assessment.language)}
    )
    issuing_body = prepared_for
    subtitle = prepared_by = logo = None
    if theme is not None:
        # A theme may word these per language; the draft's language is in use here.
        issuing_body = local(theme.theme.issuing_body)
        cover = theme.theme.cover
        subtitle = local(cover.subtitle) if cover.subtitle else None
        prepared_by = local(cover.prepared_by) if cover.prepared_by else None
        logo = theme.logo_data_uri
    return DocMeta(
        title=title,
        short_title=gettext("%(country)s: National AI Strategy (draft)")
        % {"country": p.identity.name},
        version=gettext("Draft 0.1 for consultation (generated %(date)s)")
        % {"date": formats.print_date(build_date)},
        build_date=build_date,
        data_date=data_date,
        generator=f"strategygen {__version__}",
        issuing_body=issuing_body,
        lang=assessment.language,
        watermark=watermark,
        subtitle=subtitle,
        prepared_by=prepared_by,
        logo=logo,
        prepared_for=prepared_for,
        country=p.identity.name,
        country_in_text=in_text(p.identity.name, assessment.language),
        country_at_start=at_start(p.identity.name, assessment.language),
    )


def newest_source_year(assessment: Assessment) -> str:
    """Return the cover's "Data as of": the newest year of the sources the document uses.

    The years are those of the profile's sources and of the bundled datasets the document
    draws figures from; when a source records the date it was consulted in that newest year,
    the full date is given.
    """
    sources = collect_sources(assessment).values()
    # Undated web pages have no year; a consultation date still dates them.
    years = [s.year for s in sources if s.year is not None]
    years += [s.accessed.year for s in sources if s.accessed is not None]
    if not years:
        return gettext("not stated")
    newest = max(years)
    dated = [s.accessed for s in sources if s.accessed and s.accessed.year >= newest]
    return formats.print_date(max(dated)) if dated else str(newest)


def collect_sources(assessment: Assessment) -> dict[str, Source]:
    """Return the profile's sources plus the bundled datasets the document draws on.

    A profile's own entry wins over the bundled one with the same id (a drafter may cite a
    different release); each bundled dataset is listed with its publisher, licence and address.
    """
    from strategygen.assess.datasets.catalogue import as_source

    out = {s.id: s for s in assessment.profile.sources}
    for sid in assessment.datasets:
        if sid not in out:
            out[sid] = as_source(sid)
    for entry in assessment.dataset_sources:
        bundled = str(entry["id"])
        if bundled not in out:
            out[bundled] = Source.model_validate(entry)
    return out
