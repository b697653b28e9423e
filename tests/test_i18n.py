"""Documents in Spanish, French and Dutch: catalogues, language choice, locale formats."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from click.testing import CliRunner

from strategygen.api import render_html
from strategygen.assess.run import assess
from strategygen.cli import cli
from strategygen.errors import ProfileError
from strategygen.i18n import (
    COMPLETE_LANGUAGES,
    COUNTRY_LANGUAGES,
    LANGUAGES,
    UnsupportedLanguage,
    choose_language,
    country_locale,
    formats,
    government_language,
    use_language,
)
from strategygen.i18n.catalog import locale_dir, po_path, translations
from strategygen.inputs.loader import load_profile
from strategygen.inputs.project import load_project
from strategygen.inputs.tailoring import Tailoring
from strategygen.render.furniture import WATERMARK_WORDS, watermark_uri
from strategygen.resources import shipped_dir

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
DATE = dt.date(2026, 11, 30)


def _shipped(code: str) -> Path:
    return shipped_dir("country_profiles") / f"{code}.yaml"


# ---- the catalogues ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def extracted() -> set[tuple[str | None, Any]]:
    """Every message the code and the shipped templates ask for, as pybabel extracts it."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map
    ):
        # A plural message is (singular, plural), as the catalogue keys it.
        found.add((context, message if isinstance(message, str) else tuple(message)))
    return found


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalogue_is_complete_checked_and_current(
    lang: str, extracted: set[tuple[str | None, Any]]
) -> None:
    with open(po_path(lang), "rb") as fh:
        catalog = read_po(fh, locale=lang)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        where = f"{lang}: {message.context or ''}|{message.id[:60]!r}"
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            problems.append(f"{where}: untranslated (or a plural form missing)")
        if message.fuzzy:
            problems.append(f"{where}: fuzzy")
    # Babel's checks: the same python-format placeholders on both sides.
    for message, errors in catalog.check():
        problems += [f"{lang}: {message.id[:60]!r}: {error}" for error in errors]
    held = {(m.context, m.id) for m in catalog if m.id}
    problems += [
        f"{lang}: not in the catalogue (run pybabel update): {m!r}" for m in extracted - held
    ]
    assert not catalog.obsolete, f"{lang}: obsolete entries left in the catalogue"
    assert not problems, "\n".join(problems)


def test_an_untranslated_or_fuzzy_entry_is_caught(tmp_path: Path) -> None:
    # The check above reads the flags Babel reads: a fuzzy entry is not compiled.
    text = po_path("es").read_text(encoding="utf-8")
    fuzzy = text.replace('msgid "Executive summary"', '#, fuzzy\nmsgid "Executive summary"', 1)
    path = tmp_path / "es.po"
    path.write_text(fuzzy, encoding="utf-8")
    with open(path, "rb") as fh:
        catalog = read_po(fh, locale="es")
    assert catalog["Executive summary"].fuzzy
    from strategygen.i18n.catalog import compile_catalogue

    assert compile_catalogue(catalog).gettext("Executive summary") == "Executive summary"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_glossary_terms_are_kept(lang: str) -> None:
    glossary = yaml.safe_load((locale_dir() / lang / "glossary.yaml").read_text(encoding="utf-8"))
    assert glossary["language"] == lang and glossary["terms"]
    with open(po_path(lang), "rb") as fh:
        strings = [
            text
            for m in read_po(fh, locale=lang)
            if m.id
            for text in (m.string if isinstance(m.string, tuple) else (m.string,))
        ]
    for term in glossary["terms"]:
        assert {"en", "term", "source"} <= set(term), term
        for variant in term.get("avoid", []):
            pattern = re.compile(rf"\b{re.escape(variant)}\b", re.IGNORECASE)
            bad = [s for s in strings if pattern.search(s)]
            assert not bad, f"{lang}: use {term['term']!r}, not {variant!r}: {bad[:3]}"


def test_override_folder_catalogue_wins(tmp_path: Path) -> None:
    folder = tmp_path / "over" / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "strategygen.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Executive summary"\nmsgstr "Síntesis"\n',
        encoding="utf-8",
    )
    chained = translations("es", (str(tmp_path / "over"),))
    assert chained.gettext("Executive summary") == "Síntesis"
    assert chained.gettext("Glossary") == "Glosario"  # the shipped catalogue behind it


def test_a_broken_override_catalogue_is_a_located_error(tmp_path: Path) -> None:
    folder = tmp_path / "bad" / "locale" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "strategygen.po").write_text('msgid "a"\nmsgstr "b"\nmsgid\n', encoding="utf-8")
    from strategygen.errors import StrategygenError

    with pytest.raises(StrategygenError, match=r"strategygen\.po:\d+:1: not a valid gettext"):
        translations("fr", (str(tmp_path / "bad"),))


# ---- choosing the language ---------------------------------------------------------------


def test_default_language_follows_the_government_once_its_translation_is_complete() -> None:
    assert {c: government_language(c) for c in ("DOM", "CUB", "PRI")} == dict.fromkeys(
        ("DOM", "CUB", "PRI"), "es"
    )
    assert [government_language(c) for c in ("HTI", "GLP", "MTQ")] == ["fr"] * 3
    assert [government_language(c) for c in ("SUR", "ABW", "CUW", "SXM")] == ["nl"] * 4
    assert government_language("JAM") == "en"
    assert len(COUNTRY_LANGUAGES) == 10
    # A half-translated draft is no draft for a consultation: English until complete.
    for code, lang in COUNTRY_LANGUAGES.items():
        expected = lang if lang in COMPLETE_LANGUAGES else "en"
        assert choose_language(None, None, code) == expected
    # The profile's own field, then the tailoring, win over the default.
    assert choose_language(None, "en", "DOM") == "en"
    assert choose_language("fr", "en", "DOM") == "fr"
    assert choose_language(None, "es-DO", "JAM") == "es"
    with pytest.raises(UnsupportedLanguage, match="use one of en, es, fr, nl"):
        choose_language("de", None, "JAM")


def test_profile_language_is_checked_with_its_location(
    problems: Callable[[str], list[str]], valid_text: str, edit: Callable[[str, str, str], str]
) -> None:
    text = edit(valid_text, "  iso2: JM\n", "  iso2: JM\n  document_language: de\n")
    found = problems(text)
    assert any(
        p.startswith("p.yaml:6:22: identity.document_language:") and "en, es, fr, nl" in p
        for p in found
    ), found
    assert problems(edit(valid_text, "  iso2: JM\n", "  iso2: JM\n  document_language: fr\n")) == []


def test_project_file_and_option(tmp_path: Path) -> None:
    path = tmp_path / "strategygen.toml"
    path.write_text('[document]\nlanguage = "nl"\n', encoding="utf-8")
    assert load_project(path).language == "nl"
    path.write_text('[document]\n\nlanguage = "pt"\n', encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_project(path, "strategygen.toml")
    assert str(info.value).startswith("strategygen.toml:3:12: document.language:"), str(info.value)
    assert Tailoring(language="fr").merged_over(Tailoring(language="nl")).language == "fr"
    assert Tailoring().merged_over(Tailoring(language="nl")).language == "nl"
    assert Tailoring(language="es").fingerprint()["language"] == "es"


def test_cli_refuses_an_unknown_language(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", "JAM", "--language", "pt", "--output-dir", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "'pt' is not one of 'en', 'es', 'fr', 'nl'" in result.output


# ---- numbers and dates --------------------------------------------------------------------


def test_numbers_follow_the_country_not_the_language() -> None:
    cases = {
        ("es", "DO"): ("45.52", "2,839,175", "41.3%", "30 de noviembre de 2026"),
        ("es", "CU"): ("45.52", "2,839,175", "41.3%", "30 de noviembre de 2026"),
        ("fr", "HT"): ("45,52", "2\u202f839\u202f175", "41,3\u00a0%", "30 novembre 2026"),
        ("nl", "SR"): ("45,52", "2.839.175", "41,3%", "30 november 2026"),
        ("en", "JM"): ("45.52", "2,839,175", "41.3%", "30 November 2026"),
    }
    for (lang, country), expected in cases.items():
        with use_language(lang, country):
            got = (
                formats.decimal(45.52),
                formats.integer(2839175),
                formats.percent(0.413, 1),
                formats.long_date(DATE),
            )
        assert got == expected, (lang, country)
    assert str(country_locale("es", "DO")) == "es_DO"
    assert str(country_locale("nl", "SX")) == "nl_SX"
    # No Spanish for Jamaica in CLDR: Latin American Spanish; English keeps the point.
    assert str(country_locale("es", "JM")) == "es_419"
    assert str(country_locale("en", "DE")) == "en_001"
    with use_language("fr", "HT"):
        assert formats.long_date(dt.date(2026, 12, 1)) == "1er décembre 2026"
        assert formats.decimal(None) == "n.d."


def test_rounding_is_the_same_in_every_language() -> None:
    # 34.15 is stored as 34.1499...; every language prints what English always printed.
    for lang, country in (("en", "JM"), ("es", "DO"), ("nl", "SR")):
        with use_language(lang, country):
            assert formats.decimal(34.15, 1).replace(",", ".") == "34.1"


# ---- the documents ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def drafts() -> dict[str, str]:
    """The HTML drafts of DOM, HTI and SUR in their default languages and JAM in Spanish."""
    out = {}
    for code in ("DOM", "HTI", "SUR"):
        language = Tailoring(language=government_language(code))
        out[code] = render_html(load_profile(_shipped(code)), tailoring=language, build_date=DATE)
    out["JAM-es"] = render_html(
        load_profile(_shipped("JAM")), tailoring=Tailoring(language="es"), build_date=DATE
    )
    return out


def test_documents_carry_their_language(drafts: dict[str, str]) -> None:
    expected = {"DOM": "es", "HTI": "fr", "SUR": "nl", "JAM-es": "es"}
    for key, lang in expected.items():
        assert f'<html lang="{lang}">' in drafts[key], key
    assert (
        "<title>República Dominicana: Estrategia Nacional de Inteligencia Artificial"
        in (drafts["DOM"])
    )
    assert (
        "<title>Haïti : Stratégie nationale pour l&#39;intelligence artificielle" in drafts["HTI"]
    )
    assert "<title>Suriname: Nationale AI-strategie" in drafts["SUR"]
    assert "Jamaica: Estrategia Nacional de Inteligencia Artificial" in drafts["JAM-es"]


def test_furniture_is_translated(drafts: dict[str, str]) -> None:
    dom = drafts["DOM"]
    assert '"Borrador para consulta pública: no constituye política aprobada"' in dom
    assert '"Página " counter(page) " de " counter(pages)' in dom
    assert 'content: "Gráfico " counter(figure)' in dom
    assert 'content: "Tableau " counter(table)' in drafts["HTI"]
    assert "Anexo A. Fuentes" in dom
    # The watermark is a drawing of the word: its letters never reach the text.
    assert "BORRADOR" not in dom
    assert watermark_uri(WATERMARK_WORDS["es"], "stroke='#ebebeb'") in dom


def test_charts_are_in_the_language_with_the_country_numbers(drafts: dict[str, str]) -> None:
    dom, hti = drafts["DOM"], drafts["HTI"]
    assert "Gráfico de líneas de la puntuación general (0-100) de la República Dominicana" in dom
    assert "Graphique linéaire du score global (0-100) d'Haïti" in hti
    # Scores: a decimal point in the Dominican Republic, a comma in Haiti.
    assert re.search(r"2023: \d{2}\.\d{2}, posición \d+ de 193\.", dom)
    assert re.search(r"2023 : \d{2},\d{2}, rang \d+ sur 193\.", hti)


def test_english_is_unchanged_by_default() -> None:
    profile = load_profile(_shipped("JAM"))
    assert assess(profile, DATE).language == "en"
    html = render_html(profile, build_date=DATE)
    assert '<html lang="en">' in html and "css_language" not in html
    assert 'content: "Borrador' not in html


def test_region_overview_stays_english() -> None:
    from strategygen.api import render_region_html

    html = render_region_html("DOM,HTI,JAM", build_date=DATE)
    assert '<html lang="en"' in html and "Dominican Republic" in html
    # Source titles stay as published; the members' names and findings are in English.
    assert "Dominican Republic" in html and ">República Dominicana<" not in html
    assert ">Haiti<" in html


def test_the_option_offers_exactly_the_languages_with_catalogues() -> None:
    import typing

    from strategygen.inputs.tailoring import DocumentLanguage

    assert typing.get_args(DocumentLanguage) == LANGUAGES
    for lang in TRANSLATED:
        assert po_path(lang).is_file() and lang in WATERMARK_WORDS


def _visible_text(html: str) -> str:
    """The text a reader sees: no head, styles, scripts or tags; entities decoded."""
    import html as html_lib

    body = html[html.find("<body") :]
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<title>.*?</title>", " ", body, flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", body)).split())


#: The sections whose templates are translated: the check below covers them. (The other
#: chapters still print English template text, as the CHANGELOG says.)
TRANSLATED_SECTIONS = (
    "front_matter",
    "executive_summary",
    "national_context",
    "vision",
    "monitoring",
    "risks",
    "governance",
    "budget",
    "public_sector",
    "capability",
    "annex_rules",
    "annex_gaps",
    "annex_glossary",
)


#: The data files whose texts have no translations yet (issue 17: per-language fields). A
#: catalogued phrase quoted inside one of their texts ("Ask the ministry responsible for
#: education for ...") is that file's English, not a template's; it is not checked here.
_UNTRANSLATED_DATA = "\n".join(
    p.read_text(encoding="utf-8")
    for p in [ROOT / "strategygen" / "data" / "kpis.yaml", *sorted((ROOT / "rules").glob("*.yaml"))]
)


def test_no_catalogued_english_reaches_a_translated_document(drafts: dict[str, str]) -> None:
    # Every English text the templates and code mark for translation is in the catalogue;
    # none of its fragments may reach a Spanish, French or Dutch draft (a {% trans %}
    # block whose id differs at run time from the extracted one would print English).
    with open(po_path("es"), "rb") as fh:
        ids = [m.id for m in read_po(fh, locale="es") if m.id]
    fragments = set()
    for msgid in ids:
        for text in msgid if isinstance(msgid, tuple) else (msgid,):
            plain = re.sub(r"<[^>]+>|&\w+;", " ", text)
            for part in re.split(r"%\(\w+\)s|%%", plain):
                part = " ".join(part.split()).strip(" .,;:()")
                if len(part) >= 30:
                    fragments.add(part)
    assert len(fragments) > 150
    for key in ("DOM", "HTI", "SUR"):
        # Names are printed as the profile records them (a stakeholder called "Economic
        # Commission for Latin America and the Caribbean" is not template text).
        own = _shipped(key).read_text(encoding="utf-8")
        checked = {f for f in fragments if f not in own and f not in _UNTRANSLATED_DATA}
        for sid in TRANSLATED_SECTIONS:
            found = re.search(
                rf'<section class="[^"]*" id="sec-{sid}">.*?</section>', drafts[key], re.S
            )
            assert found, (key, sid)
            # Citations name publishers and years as published; they are not template text.
            html = re.sub(r'<a class="cite".*?</a>', " ", found.group(0), flags=re.S)
            text = _visible_text("<body>" + html)
            leaked = sorted(f for f in checked if f in text)
            assert not leaked, f"{key} {sid}: English text in the draft: {leaked[:5]}"


def test_a_law_title_does_not_open_a_sentence_without_its_article(
    drafts: dict[str, str],
) -> None:
    # "Ley No. 172-13 ... está en vigor" lacked the article Spanish needs; the title, of
    # unknown gender, now stands in apposition to a noun that carries it.
    dom, sur = drafts["DOM"], drafts["SUR"]
    assert "La normativa de protección de datos personales, Ley No. 172-13" in dom
    assert re.search(r"(^|[.>]\s*)Ley No\. 172-13[^<]{0,120} está en vigor", dom) is None
    assert "De wetgeving inzake gegevensbescherming, ontwerpwet inzake privacy" in sur


def test_languages_after_in_repeat_the_preposition_or_take_the_article() -> None:
    from strategygen.i18n.language_names import languages_after_in

    two = ["French", "Haitian Creole"]
    with use_language("fr", "HT"):
        assert languages_after_in(two, "fr") == "français et en créole haïtien"
    with use_language("nl", "AW"):
        assert (
            languages_after_in(["Dutch", "Papiamento"], "nl") == "het Nederlands en het Papiaments"
        )
        assert languages_after_in(["Dutch"], "nl") == "het Nederlands"
    assert languages_after_in(["English", "Jamaican Patois"], "en") == "English and Jamaican Patois"


def test_maturity_and_adoption_take_the_glossarys_terms(drafts: dict[str, str]) -> None:
    # "Stage" is a maturity etapa/niveau in the readiness table, not a use case's fase/stade;
    # adoption is measured in levels.
    terms = {
        "DOM": ("etapa de madurez por ámbito</caption>", ">Etapa</th>", "Nivel de adopción"),
        "HTI": ("niveau de maturité par domaine</caption>", ">Niveau</th>", "Niveau d'adoption"),
        "SUR": ("volwassenheidsniveau per domein</caption>", ">Niveau</th>", "Adoptieniveau per"),
    }
    for code, wanted in terms.items():
        for term in wanted:
            assert term in drafts[code], (code, term)
    assert "au stade 1" not in drafts["HTI"] and "in fase 2" not in drafts["SUR"]


def test_a_digital_government_lead_is_not_called_the_lead_body_for_ai(
    drafts: dict[str, str],
) -> None:
    # Haiti and Suriname record only the digital-government lead, no lead body for AI: the
    # register (controls table) and the competency framework (capability chapter).
    hti, sur = drafts["HTI"], drafts["SUR"]
    assert "tenu par l&#39;organisme chef de file (IHSI)" not in hti
    assert "tenu par l'organisme chef de file (IHSI)" not in hti
    assert (
        hti.count("en attendant la désignation d&#39;un organisme chef de file pour l&#39;IA")
        + hti.count("en attendant la désignation d'un organisme chef de file pour l'IA")
        >= 2
    )
    assert sur.count("totdat een coördinerende instantie voor AI is aangewezen") >= 2
