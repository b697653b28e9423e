"""No English in a Spanish, French or Dutch draft, names and source titles aside.

The check (strategygen/i18n/leaks.py) reads the visible text block by block; here it is
first shown to catch what it must and to spare what is printed as published.
"""

from __future__ import annotations

import datetime as dt

import pytest

from strategygen import Tailoring, render_html
from strategygen.i18n import government_language
from strategygen.i18n.leaks import english_lines, published_titles, recorded_names
from strategygen.resources import shipped_dir

_DOC = """<body><section class="chapter" id="sec-readiness">
<p>La República Dominicana supera la media
<a class="cite" href="#src-x">(Oxford Insights 2025)</a>.</p>
<p>El Government AI Readiness Index 2025 la sitúa en el puesto 84.</p>
<p>La Data Protection Act de Jamaica está en vigor.</p>
<td>Halve the gap to the mean by 2032</td>
<th>Measure</th>
</section>
<section class="chapter annex" id="sec-annex_sources"><table><tbody>
<tr id="src-a"><td><code>a</code></td><td>The State of the World</td>
<td>Bank of the World</td><td>2024</td>
<td>Terms of use; cite the Survey</td>
<td><a class="url" href="https://example.org/terms-and-use">https://example.org/terms-and-use</a></td></tr>
</tbody></table></section></body>"""


def test_the_check_catches_english_and_spares_what_is_published() -> None:
    found = english_lines(_DOC, "es", names={"Data Protection Act"})
    assert [(sid, line) for sid, line, _ in found] == [
        ("readiness", "Halve the gap to the mean by 2032"),
        ("readiness", "Measure"),
    ]


def test_words_of_the_document_language_are_not_english() -> None:
    section = '<section class="chapter" id="sec-roadmap"><p>{}</p></section>'
    french = section.format("Les actions de la section 5.")
    assert english_lines(french, "fr") == []
    assert english_lines(french, "es") != []
    dutch = section.format("Het plan was klaar, of bijna.")
    assert english_lines(dutch, "nl") == []


def test_titles_the_data_files_keep_as_published_are_spared() -> None:
    # A rule's evidence quotes Finland's course under its own English title.
    assert any("Elements of AI" in t for t in published_titles("es"))


def test_a_territory_government_is_named_in_its_own_language() -> None:
    # Puerto Rico's government is the Gobierno de Puerto Rico in a Spanish draft, the
    # Government of Puerto Rico in an English one; Aruba's the Regering van Aruba in Dutch.
    day = dt.date(2026, 7, 1)
    assert "Gobierno de Puerto Rico" in render_html("PRI", Tailoring(language="es"), build_date=day)
    english = render_html("PRI", Tailoring(language="en"), build_date=day)
    assert "Government of Puerto Rico" in english and "Gobierno de Puerto Rico" not in english
    assert "Regering van Aruba" in render_html("ABW", Tailoring(language="nl"), build_date=day)


#: Chapters whose Spanish, French and Dutch text is complete (the results framework and the
#: gaps annex print the KPI catalogue's texts, checked with it).
_TRANSLATED = (
    "national_context",
    "readiness",
    "policy_framework",
    "governance",
    "roadmap",
    "public_sector",
    "capability",
    "annex_rules",
    "annex_sources",
    "annex_glossary",
)


@pytest.mark.parametrize("draft", ["DOM:es", "HTI:fr"])
def test_the_translated_chapters_print_no_english(draft: str) -> None:
    code, _, lang = draft.partition(":")
    document = render_html(code, Tailoring(language=lang), build_date=dt.date(2026, 7, 1))
    names = recorded_names(shipped_dir("country_profiles") / f"{code}.yaml")
    found = [
        (sid, line) for sid, line, _ in english_lines(document, lang, names) if sid in _TRANSLATED
    ]
    assert found == []


def test_readiness_and_policy_framework_chapters_have_no_english() -> None:
    # The chapters most built from figures and sentences composed in Python (group means,
    # leaders, indicator texts, index labels), in a Spanish draft for Jamaica, whose bodies
    # and laws are recorded in English.
    document = render_html("JAM", Tailoring(language="es"), build_date=dt.date(2026, 7, 1))
    names = recorded_names(shipped_dir("country_profiles") / "JAM.yaml")
    found = [
        (sid, line)
        for sid, line, _ in english_lines(document, "es", names)
        if sid in ("readiness", "policy_framework")
    ]
    assert found == []


def test_languages_and_territory_authorities_are_named_in_the_draft_language() -> None:
    day = dt.date(2026, 7, 1)
    haiti = render_html("HTI", Tailoring(language="fr"), build_date=day)
    context = haiti.split('id="sec-national_context"', 1)[1].split("</section>", 1)[0]
    assert "créole haïtien" in context and "Haitian Creole" not in context
    # A French region's draft is for its own authority, not a "Government of Martinique".
    martinique = render_html("MTQ", Tailoring(language="fr"), build_date=day)
    assert "Collectivité territoriale de Martinique" in martinique
    assert "Gouvernement de la Martinique" not in martinique


def _methodology_annex(code: str, lang: str) -> str:
    """The methodology annex of a draft, as its own section (the leak check reads sections)."""
    document = render_html(code, Tailoring(language=lang), build_date=dt.date(2026, 7, 1))
    start = document.index('<section class="chapter annex" id="sec-annex_methodology">')
    return document[start : document.index("</section>", start) + len("</section>")]


def test_the_methodology_annex_has_no_english() -> None:
    # Group definitions, member countries, framework names and plural phrases are composed
    # in Python; the stage table and captions are short labels the line check also reads.
    for code, lang in (("DOM", "es"), ("HTI", "fr"), ("SUR", "nl")):
        annex = _methodology_annex(code, lang)
        names = recorded_names(shipped_dir("country_profiles") / f"{code}.yaml")
        found = [(line, words) for _, line, words in english_lines(annex, lang, names)]
        assert found == [], (code, lang, found[:5])
    english = _methodology_annex("JAM", "en")
    assert "countries of the UN M49 sub-region Caribbean" in english
    assert "Saint Kitts and Nevis" in english
    spanish = _methodology_annex("DOM", "es")
    assert "San Cristóbal y Nieves" in spanish and "Saint Kitts" not in spanish


def test_a_territory_government_named_by_its_territory_is_named_in_the_draft_language() -> None:
    day = dt.date(2026, 7, 1)
    anguilla = render_html("AIA", Tailoring(language="es"), build_date=day)
    assert "Gobierno de Anguila" in anguilla and "Government of Anguilla" not in anguilla
    # A proper name stays as it is in any language.
    assert "Collectivité territoriale de Martinique" in render_html(
        "MTQ", Tailoring(language="nl"), build_date=day
    )


def test_the_public_sector_and_capability_chapters_have_no_english() -> None:
    # Haiti in French with an inventory of use cases, adopted guidelines and a full civil-
    # service record, so that the branches the shipped profiles never reach are read too
    # (use-case table, adoption levels, production systems without a baseline, capped tiers).
    from strategygen.inputs.fields import Count
    from strategygen.inputs.loader import load_profile
    from strategygen.inputs.public_service import (
        CivilService,
        Guidelines,
        Headcount,
        PublicSectorAI,
        UseCase,
    )

    path = shipped_dir("country_profiles") / "HTI.yaml"
    haiti = load_profile(path)
    src = haiti.sources[0].id
    cases = [
        UseCase(
            name="X",
            agency="Y",
            function="Z",
            stage=stage,
            risk_level=risk,
            baseline_measured=measured,
            source=src,
        )
        for stage, risk, measured in (
            ("production", "high", False),
            ("pilot", "low", True),
            ("idea", "medium", False),
        )
    ]
    variant = haiti.model_copy(
        update={
            "public_sector_ai": PublicSectorAI(
                use_cases=cases, guidelines=Guidelines(status="adopted", year=2024, source=src)
            ),
            "civil_service": CivilService(
                headcount=Headcount(value=90000, year=2023, source=src, approximate=True),
                digital_specialists=Count(value=40, year=2023, source=src),
                ai_trained=Count(value=300, year=2024, source=src),
            ),
        }
    )
    day = dt.date(2026, 7, 1)
    names = recorded_names(path) | {"X", "Y", "Z"}
    for profile, lang in ((variant, "fr"), ("DOM", "es")):
        document = render_html(profile, Tailoring(language=lang), build_date=day)
        for sid in ("public_sector", "capability"):
            assert f'id="sec-{sid}"' in document
        leaked = [
            (sid, line)
            for sid, line, _ in english_lines(document, lang, names)
            if sid in ("public_sector", "capability")
        ]
        assert leaked == [], leaked[:5]


def test_a_plural_country_name_is_never_the_subject_of_a_singular_verb() -> None:
    # "Les Bahamas a adopté", "las Bahamas no cuenta": the public-sector sentences put the
    # country after a preposition instead ("ont été adoptées aux Bahamas", "En las Bahamas").
    from strategygen.inputs.loader import load_profile
    from strategygen.inputs.public_service import Guidelines, PublicSectorAI

    bahamas = load_profile(shipped_dir("country_profiles") / "BHS.yaml")
    src = bahamas.sources[0].id
    for status, lang, wrong in (
        ("adopted", "fr", "Les Bahamas a "),
        ("none", "fr", "Les Bahamas ne "),
        ("none", "es", "Las Bahamas no "),
    ):
        guidelines = Guidelines(status=status, source=src)  # type: ignore[arg-type]
        variant = bahamas.model_copy(
            update={"public_sector_ai": PublicSectorAI(guidelines=guidelines)}
        )
        document = render_html(variant, Tailoring(language=lang), build_date=dt.date(2026, 7, 1))
        start = document.index('id="sec-public_sector"')
        chapter = document[start : document.index("</section>", start)]
        assert "Bahamas" in chapter and wrong not in chapter, (status, lang)


#: Every country whose government works in Spanish, French or Dutch, in its default
#: language, and English-speaking members and territories drafted in each language.
_DRAFTS = (
    *(f"{code}:" for code in ("DOM", "CUB", "PRI", "HTI", "GLP", "MTQ")),
    *(f"{code}:" for code in ("SUR", "ABW", "CUW", "SXM")),
    "JAM:es",
    "BRB:fr",
    "TTO:nl",
    "AIA:es",
    "VGB:fr",
    "GUY:nl",
)


@pytest.mark.parametrize("draft", _DRAFTS)
def test_a_translated_draft_prints_no_english(draft: str) -> None:
    # The whole document, every section, as its reader sees it: names the profile records,
    # citations and source titles aside (strategygen/i18n/leaks.py).
    code, _, asked = draft.partition(":")
    document = render_html(code, Tailoring(language=asked or None), build_date=dt.date(2026, 7, 1))
    lang = asked or government_language(code)
    assert f'<html lang="{lang}">' in document
    names = recorded_names(shipped_dir("country_profiles") / f"{code}.yaml")
    found = [
        f"[{sid}] {' '.join(w)} | {line[:160]}"
        for sid, line, w in english_lines(document, lang, names)
    ]
    assert not found, f"{len(found)} English lines, first:\n" + "\n".join(found[:12])
