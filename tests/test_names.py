"""Country names inside sentences: the article where usage wants one, in every language."""

from __future__ import annotations

import datetime as dt

import pytest

from strategygen.api import render_html
from strategygen.body_names import (
    acronyms_after_first,
    english_articles,
    english_name_takes_article,
)
from strategygen.inputs.loader import load_profile
from strategygen.inputs.tailoring import Tailoring
from strategygen.names import (
    apply_grammar,
    articled,
    at_start,
    capitalise_openings,
    contract,
    english_possessives,
    in_text,
)
from strategygen.resources import shipped_dir
from strategygen.title_articles import title_in_text


@pytest.mark.parametrize(
    ("name", "inside"),
    [
        ("Dominican Republic", "the Dominican Republic"),
        ("Bahamas", "the Bahamas"),
        ("Cayman Islands", "the Cayman Islands"),
        ("United States Virgin Islands", "the United States Virgin Islands"),
        ("Jamaica", "Jamaica"),
        ("Saint Kitts and Nevis", "Saint Kitts and Nevis"),
        ("Trinidad and Tobago", "Trinidad and Tobago"),
        ("The Gambia", "The Gambia"),
    ],
)
def test_in_text(name: str, inside: str) -> None:
    assert in_text(name) == inside


def test_other_languages_place_their_own_articles() -> None:
    # An English name inside another language is left as it is.
    assert in_text("Dominican Republic", "es") == "Dominican Republic"


@pytest.mark.parametrize(
    ("lang", "name", "inside"),
    [
        ("es", "República Dominicana", "la República Dominicana"),
        ("es", "Haití", "Haití"),
        ("es", "Caribe", "el Caribe"),
        ("es", "Islas Caimán", "las Islas Caimán"),
        ("es", "Estados Unidos", "los Estados Unidos"),
        ("fr", "Haïti", "Haïti"),
        ("fr", "Cuba", "Cuba"),
        ("fr", "Jamaïque", "la Jamaïque"),
        ("fr", "Suriname", "le Suriname"),
        ("fr", "Bahamas", "les Bahamas"),
        ("fr", "Îles Turques-et-Caïques", "les Îles Turques-et-Caïques"),
        ("nl", "Suriname", "Suriname"),
        ("nl", "Dominicaanse Republiek", "de Dominicaanse Republiek"),
        ("nl", "Verenigd Koninkrijk", "het Verenigd Koninkrijk"),
        ("nl", "Kaaimaneilanden", "de Kaaimaneilanden"),
    ],
)
def test_articles_in_spanish_french_and_dutch(lang: str, name: str, inside: str) -> None:
    assert in_text(name, lang) == inside
    assert at_start(name, lang) == inside[:1].upper() + inside[1:]


@pytest.mark.parametrize(
    ("lang", "name", "inside"),
    [
        ("fr", "Canada", "le Canada"),
        ("fr", "Mexique", "le Mexique"),
        ("fr", "Inde", "l'Inde"),
        ("fr", "Équateur", "l'Équateur"),
        ("fr", "Honduras", "le Honduras"),
        ("fr", "Corée du Sud", "la Corée du Sud"),
        ("fr", "Sierra Leone", "la Sierra Leone"),
        ("fr", "Royaume des Pays-Bas", "le Royaume des Pays-Bas"),
        ("fr", "Émirats arabes unis", "les Émirats arabes unis"),
        ("fr", "Malte", "Malte"),
        ("fr", "Yémen", "le Yémen"),
        ("fr", "Singapour", "Singapour"),
        ("es", "India", "la India"),
        ("es", "República Checa", "la República Checa"),
        ("es", "Perú", "Perú"),
        ("nl", "Verenigde Arabische Emiraten", "de Verenigde Arabische Emiraten"),
        ("nl", "Centraal-Afrikaanse Republiek", "de Centraal-Afrikaanse Republiek"),
        ("nl", "Canada", "Canada"),
    ],
)
def test_articles_of_any_country(lang: str, name: str, inside: str) -> None:
    # Any of the 193 countries can be drafted in any language: the rules, not a list.
    assert in_text(name, lang) == inside


def test_french_articles_follow_the_cldr_names() -> None:
    from babel import Locale

    from strategygen.i18n.articles import definite_article

    names = Locale.parse("fr").territories
    for code in ("CA", "BR", "DE", "IN", "JP", "KE", "MX", "NG", "ZA", "GB", "US", "MT"):
        art = definite_article(names[code], "fr")
        assert art in ("le", "la", "les", "l'", ""), (code, art)
    assert in_text(names["DE"], "fr") == "l'Allemagne"
    assert in_text(names["BR"], "fr") == "le Brésil"
    assert in_text(names["ZA"], "fr") == "l'Afrique du Sud"


def test_prepositions_contract_and_french_elides() -> None:
    assert contract("el derecho de el Caribe y a el Caribe", ("Caribe",), "es") == (
        "el derecho del Caribe y al Caribe"
    )
    french = "De le Suriname, à le Suriname, en le Suriname; en la Jamaïque; de Haïti, que Haïti"
    assert contract(french, ("Suriname", "Jamaïque", "Haïti"), "fr") == (
        "Du Suriname, au Suriname, au Suriname; en Jamaïque; d'Haïti, qu'Haïti"
    )
    assert contract("aux Bahamas, de les Bahamas", ("Bahamas",), "fr") == "aux Bahamas, des Bahamas"
    assert contract("en l'Inde, de l'Inde", ("Inde",), "fr") == "en Inde, de l'Inde"
    assert articled("La première barre est Inde. Inde a", "Inde", "fr") == (
        "La première barre est l'Inde. L'Inde a"
    )
    # Dutch has no contractions; a name that is not listed is never touched.
    assert contract("van de Dominicaanse Republiek", ("Dominicaanse Republiek",), "nl") == (
        "van de Dominicaanse Republiek"
    )
    assert contract("de Haïtienne", ("Haïti",), "fr") == "de Haïtienne"


def test_titles_take_their_article_in_running_text_only() -> None:
    title = "Estrategia Nacional de Inteligencia Artificial (ENIA)"
    assert title_in_text(title, "es") == f"la {title}"
    assert title_in_text("Plan stratégique de développement", "fr") == (
        "le Plan stratégique de développement"
    )
    assert title_in_text("Nationale Digitale Strategie 2023–2030", "nl").startswith("de ")
    assert title_in_text("National AI Policy", "es") == "National AI Policy"  # unknown: as is
    html = (
        f"<p>La República Dominicana aprobó {title} en 2023; dentro de Plan Nacional.</p>"
        f"<td>{title}</td>"
        '<section class="chapter annex" id="sec-annex_sources"><p>Informe de Plan Nacional</p>'
        "</section><section><p>ver de Plan Nacional</p></section>"
    )
    out = apply_grammar(html, ("República Dominicana",), (title, "Plan Nacional"), "es")
    assert f"aprobó la {title} en 2023; dentro del Plan Nacional." in out
    assert f"<td>{title}</td>" in out  # a cell keeps the title as published
    assert "Informe de Plan Nacional" in out  # the sources annex is never touched
    assert "ver del Plan Nacional" in out
    drafted = (
        '<div class="narrative narrative-extend"><div><p>dentro de Plan Nacional</p></div></div>'
    )
    kept = apply_grammar(drafted + "<p>dentro de Plan Nacional</p>", (), ("Plan Nacional",), "es")
    assert kept == drafted + "<p>dentro del Plan Nacional</p>"  # a drafter's text as written
    assert apply_grammar(html, (), (title,), "en") == html


def test_drafts_use_the_grammar_of_their_language() -> None:
    day = dt.date(2026, 11, 30)
    dom = load_profile(shipped_dir("country_profiles") / "DOM.yaml")
    spanish = render_html(dom, tailoring=Tailoring(language="es"), build_date=day)
    assert "La República Dominicana aprobó la Estrategia Nacional de Inteligencia Artificial" in (
        spanish
    )
    assert "de República Dominicana" not in spanish
    hti = load_profile(shipped_dir("country_profiles") / "HTI.yaml")
    french = render_html(hti, tailoring=Tailoring(language="fr"), build_date=day)
    assert "d'Haïti" in french and " de Haïti" not in french


def test_at_start_and_articled() -> None:
    assert at_start("Bahamas") == "The Bahamas"
    text = "The first bar is Dominican Republic. Dominican Republic is above the mean."
    assert articled(text, "Dominican Republic") == (
        "The first bar is the Dominican Republic. The Dominican Republic is above the mean."
    )


def test_openings_in_html_get_a_capital() -> None:
    html = (
        "<p>the Bahamas is preparing a policy.</p><td>the Bahamas</td>"
        "<p>In the Bahamas, <strong>x</strong>. the Bahamas has <em>one</em>.</p>"
    )
    assert capitalise_openings(html, "Bahamas") == (
        "<p>The Bahamas is preparing a policy.</p><td>The Bahamas</td>"
        "<p>In the Bahamas, <strong>x</strong>. The Bahamas has <em>one</em>.</p>"
    )


def test_plural_names_take_a_bare_apostrophe_in_the_possessive() -> None:
    text = (
        "Saint Vincent and the Grenadines's own data; the Bahamas&#39;s score; "
        "the Cayman Islands\u2019s plan; Barbados's law; Saint Kitts and Nevis's plan"
    )
    assert english_possessives(text) == (
        "Saint Vincent and the Grenadines' own data; the Bahamas&#39; score; "
        "the Cayman Islands\u2019 plan; Barbados's law; Saint Kitts and Nevis's plan"
    )


@pytest.mark.parametrize(
    ("name", "takes"),
    [
        ("National AI Policy", True),
        ("Data Protection Act, 2020", True),
        ("Office of the Prime Minister", True),
        ("Caribbean Community", True),
        ("Oficina Gubernamental de Tecnologías de la Información y Comunicación", True),
        ("Vision 2030 Jamaica: National Development Plan", False),
        ("eGov Jamaica Limited", False),
        ("CARICOM", False),
        ("the National AI Task Force", False),
        ("Jamaica's National AI Policy", False),
    ],
)
def test_english_names_of_bodies_and_laws_take_the(name: str, takes: bool) -> None:
    assert english_name_takes_article(name) is takes


def test_english_articles_in_sentences_not_in_cells_or_sources() -> None:
    names = ("National AI Policy", "Office of the Prime Minister", "Plan d'Haïti", "CARICOM")
    html = (
        "<p>Jamaica is preparing National AI Policy; the National AI Policy is due. "
        "Office of the Prime Minister leads. It belongs to CARICOM, in service of "
        "Plan d&#39;Haïti.</p><td>Office of the Prime Minister</td>"
        "<p>Because none is on record, Office of the Prime Minister asks.</p>"
        '<section id="sec-annex_sources"><p>cited in National AI Policy</p></section><section>'
    )
    assert english_articles(html, names) == (
        "<p>Jamaica is preparing the National AI Policy; the National AI Policy is due. "
        "The Office of the Prime Minister leads. It belongs to CARICOM, in service of "
        "the Plan d&#39;Haïti.</p><td>Office of the Prime Minister</td>"
        "<p>Because none is on record, the Office of the Prime Minister asks.</p>"
        '<section id="sec-annex_sources"><p>cited in National AI Policy</p></section><section>'
    )


def test_english_drafts_give_names_their_article() -> None:
    day = dt.date(2026, 7, 1)
    jam = render_html(load_profile(shipped_dir("country_profiles") / "JAM.yaml"), build_date=day)
    assert "is preparing the National AI Policy" in jam
    assert "is preparing National AI Policy" not in jam
    assert "behind Dominican Republic" not in jam and "is Dominican Republic&#39;s" not in jam
    # The Dominican Republic's draft is Spanish by default; its English draft is asked for.
    dom = render_html(
        load_profile(shipped_dir("country_profiles") / "DOM.yaml"),
        Tailoring(language="en"),
        build_date=day,
    )
    assert "belongs to the Central American Integration System" in dom


def test_full_name_once_per_chapter_then_the_acronym() -> None:
    body = ("Office of the Prime Minister", "OPM")
    chapter = (
        "<p>The Office of the Prime Minister (OPM) leads. It reports to the Office of the "
        "Prime Minister (OPM); Office of the Prime Minister (OPM) decides.</p>"
    )
    html = (
        f'<section class="chapter" id="sec-a">{chapter}</section>'
        f'<section class="chapter" id="sec-b">{chapter}</section>'
        '<section class="chapter annex" id="sec-annex_sources">'
        "<p>Office of the Prime Minister (OPM), Office of the Prime Minister (OPM)</p></section>"
    )
    once = "<p>The Office of the Prime Minister (OPM) leads. It reports to OPM; OPM decides.</p>"
    assert acronyms_after_first(html, (body,), "en") == (
        f'<section class="chapter" id="sec-a">{once}</section>'
        f'<section class="chapter" id="sec-b">{once}</section>'
        '<section class="chapter annex" id="sec-annex_sources">'
        "<p>Office of the Prime Minister (OPM), Office of the Prime Minister (OPM)</p></section>"
    )
    # Other languages keep their article: "la OGTIC", "l'IHSI".
    french = '<section class="chapter" id="sec-a">de l&#39;Institut (IHSI) et l&#39;Institut (IHSI)'
    assert acronyms_after_first(french, (("Institut", "IHSI"),), "fr").endswith("et l&#39;IHSI")


def test_bodies_take_their_article_and_citations_stay_as_published() -> None:
    body_es = "Gabinete de Innovación y Desarrollo Digital"
    html = (
        f"<p>La coalición comienza con {body_es}"
        f' <a class="cite" href="#src-x">(OGTIC and {body_es} 2023)</a>.</p>'
    )
    out = apply_grammar(html, (), (body_es,), "es")
    assert f"comienza con el {body_es}" in out
    assert f"(OGTIC and {body_es} 2023)" in out
    # A name with an apostrophe is matched in its escaped form, and elided in French.
    body_fr = "Commission économique pour l'Amérique latine et les Caraïbes (CEPALC)"
    shown = body_fr.replace("'", "&#39;")
    out = apply_grammar(f"<p>Elle commence avec {shown}.</p>", (), (body_fr,), "fr")
    assert f"avec la {shown}" in out
    institut = "Institut Haïtien de Statistique et d'Informatique"
    out = apply_grammar(f"<p>pilotée par {institut}</p>", (), (institut,), "fr")
    assert f"par l'{institut}" in out
    # Dutch: the head noun before the complement decides ("het Onderdirectoraat ...").
    sub = "Onderdirectoraat e-Government, Kabinet van de President"
    out = apply_grammar(f"<p>aangestuurd door {sub}</p>", (), (sub,), "nl")
    assert f"door het {sub}" in out
    eclac = "Economische Commissie voor Latijns-Amerika en het Caribisch gebied (ECLAC)"
    assert f"met de {eclac}" in apply_grammar(f"<p>begint met {eclac}.</p>", (), (eclac,), "nl")
    # Opening a paragraph, a body takes a capitalised article; a table cell stays bare.
    ogtic = "Oficina Gubernamental de Tecnologías de la Información y Comunicación (OGTIC)"
    out = apply_grammar(f"<p>{ogtic} dirige.</p><td>{ogtic}</td>", (), (ogtic,), "es")
    assert out == f"<p>La {ogtic} dirige.</p><td>{ogtic}</td>"
    # An acronym takes its full name's article when given ("bajo el liderazgo de la OGTIC").
    out = apply_grammar("<p>bajo el liderazgo de OGTIC.</p>", (), (), "es", {"OGTIC": "la"})
    assert out == "<p>bajo el liderazgo de la OGTIC.</p>"


def test_articled_leaves_a_recorded_title_as_published() -> None:
    title = "Horizon 2030: Long Term Development Framework for Belize"
    text = f"Belize sert {title}."
    out = articled(text, "Belize", "fr", keep=(title,))
    assert out == f"Le Belize sert {title}."
