"""Text in several languages in the data files: rules, KPIs, pillars and sectors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import strategygen.i18n as i18n
from strategygen.api import render_html
from strategygen.assess.costs import cost_data
from strategygen.assess.kpi_catalogue import catalogue as kpi_catalogue
from strategygen.assess.kpi_catalogue import load_catalogue
from strategygen.assess.model import FiredRule
from strategygen.assess.pillars import PILLAR_KEYS, pillar_file, pillars
from strategygen.assess.rules import check_translated, load_rules
from strategygen.assess.run import assess
from strategygen.assess.sectors import catalogue as sector_catalogue
from strategygen.errors import ProfileError, RuleFileError
from strategygen.i18n import LANGUAGES, use_language
from strategygen.i18n.texts import Localised, local, missing_texts
from strategygen.inputs.loader import load_profile
from strategygen.inputs.tailoring import Tailoring
from strategygen.inputs.theme import load_theme
from strategygen.resources import data_file, shipped_dir
from strategygen.words import words

TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
DATE = dt.date(2026, 11, 30)

RULE = """\
rules:
  - id: TEST-LANG
    area: strategy
    pillar: governance
    when: {{fact: identity.iso3, op: present}}
    finding:
      en: "{{country}} is being tested."
{finding}
    recommendation: "Keep testing."
    priority: high
    horizon: short
    evidence: "A test."
"""


def _rule_folder(tmp_path: Path, finding_lines: str) -> Path:
    folder = tmp_path / "myrules"
    folder.mkdir()
    (folder / "lang.yaml").write_text(RULE.format(finding=finding_lines), encoding="utf-8")
    return folder


def _dom() -> object:
    return load_profile(shipped_dir("country_profiles") / "DOM.yaml")


# ---- the field type -----------------------------------------------------------------------


def test_plain_text_or_one_entry_per_language() -> None:
    text = Localised("Tourism", {"es": "Turismo"})
    assert str(text) == "Tourism" and text == "Tourism"
    assert local(text, "es") == "Turismo"
    assert local(text, "fr") == "Tourism"  # French is not complete: English stands in
    with use_language("es"):
        assert local(text) == "Turismo"
    assert local("plain", "es") == "plain"


def test_shipped_pillars_and_sectors_have_every_language() -> None:
    for lang in TRANSLATED:
        gaps = [(p.key, loc) for p in pillar_file() for loc in missing_texts(p, lang)]
        gaps += [(s.key, loc) for s in sector_catalogue() for loc in missing_texts(s, lang)]
        assert gaps == [], lang


def untranslated_shipped_texts(lang: str) -> list[tuple[str, tuple[str | int, ...]]]:
    """Every shipped rule, KPI and cost-band text without ``lang``, with where it is."""
    rules = load_rules([shipped_dir("rules")])
    found = [(r.id, loc) for r in rules for loc in missing_texts(r.spec, lang)]
    found += [(k, loc) for k, s in kpi_catalogue().items() for loc in missing_texts(s, lang)]
    return found + [("cost_bands", loc) for loc in missing_texts(cost_data(), lang)]


def test_a_complete_language_has_every_text_of_the_shipped_files() -> None:
    # For each language declared complete: one rule, KPI or cost band without it fails here.
    for lang in sorted(i18n.COMPLETE_LANGUAGES):
        assert untranslated_shipped_texts(lang) == [], lang


def test_the_completeness_check_fails_for_a_complete_language(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The same check, with Spanish declared complete and a KPI catalogue one of whose texts
    # has no Spanish, finds the untranslated text with its place in the file.
    assert all(not missing_texts(s, "es") for s in kpi_catalogue().values())
    source = data_file("kpis.yaml").read_text(encoding="utf-8")
    spanish = "      es: Índice de Preparación Gubernamental para la IA, puntuación general"
    assert spanish in source
    lines = [line for line in source.splitlines() if not line.startswith(spanish)]
    path = tmp_path / "kpis.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    monkeypatch.setattr(i18n, "COMPLETE_LANGUAGES", frozenset())
    load_catalogue(path)  # English-only text is fine while Spanish is not complete
    monkeypatch.setattr(i18n, "COMPLETE_LANGUAGES", frozenset({"es"}))
    with pytest.raises(ProfileError) as info:
        load_catalogue(path)
    assert len(info.value.problems) == 1
    first = info.value.problems[0]
    assert first.line > 0 and first.column > 0
    assert "no español text (es); es drafts are complete" in first.message


def test_pillar_names_match_the_catalogue_wording() -> None:
    # The pillar file and the wording table name each pillar once, the same way.
    for lang in LANGUAGES:
        with use_language(lang):
            for spec in pillars():
                assert spec.name == words(spec.key, "pillar", cap=True), (lang, spec.key)


def test_pillars_and_sectors_follow_the_language() -> None:
    with use_language("fr"):
        assert [p.key for p in pillars()] == list(PILLAR_KEYS)
        assert pillars()[0].name == "Gouvernance, éthique et droit"
        assert pillars()[0].ram_labels == ("Juridique et réglementaire", "Sociale et culturelle")
    with use_language("nl"):
        assert pillars()[1].indicators["open_data"] == "open data"
        assert pillars()[2].short == "vaardigheden"
    assert pillars()[0].name == "Governance, ethics and law"


# ---- located errors -----------------------------------------------------------------------


def test_errors_in_a_translated_field_are_located(tmp_path: Path) -> None:
    bad = _rule_folder(tmp_path, '      de: "{country} wird getestet."')
    with pytest.raises(RuleFileError) as info:
        load_rules([shipped_dir("rules"), bad])
    text = str(info.value)
    assert "lang.yaml:8:7: rules[TEST-LANG].finding.de: unknown key" in text, text
    assert "valid keys here: en, es, fr, nl" in text


def test_a_translation_keeps_the_placeholders(tmp_path: Path) -> None:
    bad = _rule_folder(tmp_path, '      es: "Se está probando."')
    with pytest.raises(RuleFileError) as info:
        load_rules([shipped_dir("rules"), bad])
    text = str(info.value)
    assert "lang.yaml:8:11: rules[TEST-LANG].finding.es:" in text, text
    assert "lacks {country}" in text


def test_a_text_that_is_not_text_is_located(tmp_path: Path) -> None:
    path = tmp_path / "kpis.yaml"
    source = data_file("kpis.yaml").read_text(encoding="utf-8")
    unit = "    unit:\n      en: score 0-100\n      es: puntuación 0-100\n"
    unit += "      fr: score de 0 à 100\n      nl: score 0-100\n"
    assert unit in source
    path.write_text(source.replace(unit, "    unit: 100\n", 1), "utf-8")
    with pytest.raises(ProfileError) as info:
        load_catalogue(path)
    assert "kpis[0].unit: must be text" in str(info.value)


# ---- in the document ----------------------------------------------------------------------


def test_a_rule_prints_its_translation_and_falls_back_to_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # English stands in for a missing text only in a language not declared complete (as a
    # language being added would be); Spanish, French and Dutch are complete, so this is
    # checked with none of them declared.
    monkeypatch.setattr(i18n, "COMPLETE_LANGUAGES", frozenset())
    folder = _rule_folder(tmp_path, '      es: "{country} está en fase de prueba."')
    profile = load_profile(shipped_dir("country_profiles") / "DOM.yaml")
    spanish = assess(profile, DATE, tailoring=Tailoring(language="es", rules=[folder]))
    fired = {r.id: r for r in spanish.fired}["TEST-LANG"]
    assert fired.finding.endswith("está en fase de prueba.")
    assert fired.recommendation == "Keep testing."  # no Spanish given: English stands in
    french = assess(profile, DATE, tailoring=Tailoring(language="fr", rules=[folder]))
    assert {r.id: r for r in french.fired}["TEST-LANG"].finding.endswith("is being tested.")


def test_a_complete_language_refuses_a_rule_without_its_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _rule_folder(tmp_path, '      es: "{country} está en fase de prueba."')
    monkeypatch.setattr(i18n, "COMPLETE_LANGUAGES", frozenset({"es"}))
    rules = [r for r in load_rules([folder])]
    with pytest.raises(RuleFileError) as info:
        check_translated(rules, "es")
    text = str(info.value)
    # The recommendation and the evidence have no Spanish; the finding has.
    assert "lang.yaml:9:5: rules[TEST-LANG].recommendation: no español text (es)" in text, text
    assert "rules[TEST-LANG].evidence: no español text (es)" in text
    assert "finding" not in text
    check_translated(rules, "fr")  # French is not complete: English stands in


def test_sectors_print_in_the_language_of_the_draft() -> None:
    profile = load_profile(shipped_dir("country_profiles") / "HTI.yaml")
    french = assess(profile, DATE, tailoring=Tailoring(language="fr"))
    chosen = french.sectors.chosen
    assert chosen, "Haiti's data choose priority sectors"
    names = {s.key: s.name for s in sector_catalogue()}
    for sector in chosen:
        if sector.origin == "data":
            assert sector.name == local(names[sector.key], "fr")
            assert sector.uses[0].value == local(
                next(s for s in sector_catalogue() if s.key == sector.key).uses[0].value, "fr"
            )
    actions = [r for r in french.fired if r.id.startswith("SEC-")]
    assert actions and all("stood at" not in r.finding for r in actions)


def test_rule_placeholders_follow_the_language_of_the_draft() -> None:
    # A translated rule text reads on in its language: numbers in the country's format, lists
    # joined and languages named in that language, and an unrecorded fact's stand-in worded
    # in it too; English drafts keep their wording.
    import re

    def fired(code: str, lang: str | None) -> dict[str, FiredRule]:
        profile = load_profile(shipped_dir("country_profiles") / f"{code}.yaml")
        return {r.id: r for r in assess(profile, DATE, tailoring=Tailoring(language=lang)).fired}

    french, english = fired("HTI", "fr"), fired("HTI", "en")
    gov_fr, gov_en = french["WEAK-GOV"].finding, english["WEAK-GOV"].finding
    assert re.search(r"\d,\d\d", gov_fr) and not re.search(r"\d\.\d\d", gov_fr), gov_fr
    assert re.search(r"\d\.\d\d", gov_en), gov_en
    assert "le CDCC et CARICOM" in french["REG-COOP"].recommendation
    assert "the CDCC and CARICOM" in english["REG-COOP"].recommendation
    # The list follows "en": French repeats the preposition, Dutch gives each its article.
    assert "en français et en créole haïtien" in french["AWARE"].recommendation
    assert "in het Nederlands, samen met" in fired("SUR", "nl")["AWARE"].recommendation
    dutch = fired("SUR", "nl")["ETH-CONFIRM"].recommendation
    assert "de toezichthouder voor gegevensbescherming)" in dutch
    assert "the data protection authority" not in dutch


# ---- sentences composed in Python ---------------------------------------------------------


def test_maturity_territory_and_risk_sentences_follow_the_language() -> None:
    dom = load_profile(shipped_dir("country_profiles") / "DOM.yaml")
    spanish = assess(dom, DATE, tailoring=Tailoring(language="es"))
    english = assess(dom, DATE, tailoring=Tailoring(language="en"))
    assert spanish.overall.stage == english.overall.stage
    names = {3: "Sistemática", 4: "Diferenciadora", 5: "Transformadora", 2: "Oportunista"}
    assert spanish.overall.stage_name == names[spanish.overall.stage]
    areas = {m.area: m for m in spanish.areas}
    assert areas["strategy"].label == "Visión y estrategia"
    assert english.overall.label == "Overall" and spanish.overall.label == "Global"
    assert "index" not in spanish.overall.basis and "media redondeada" in spanish.overall.basis
    glp = load_profile(shipped_dir("country_profiles") / "GLP.yaml")
    french = assess(glp, DATE, tailoring=Tailoring(language="fr"))
    territory = french.context.territory
    assert territory is not None
    with use_language("fr"):
        assert territory.description.startswith("une région et un département d'outre-mer")
        assert territory.administering_state == "la France"
    assert territory.administering_state == "France"  # English keeps the recorded name
    hti = load_profile(shipped_dir("country_profiles") / "HTI.yaml")
    fragile = assess(hti, DATE, tailoring=Tailoring(language="fr")).context.fragility
    assert fragile is not None
    with use_language("fr", "HT"):
        first = fragile.reasons[0]
    assert first.startswith("un risque global INFORM de 7,2 sur 10, dans la classe « Très élevé »")


# ---- tailoring per language ---------------------------------------------------------------

THEME = """\
issuing_body:
  en: Caribbean Policy Partners
  es: Socios para las Políticas del Caribe
  fr: Partenaires pour les politiques caribéennes
cover:
  prepared_by: {en: The drafting team, es: El equipo de redacción}
"""


def test_a_theme_and_an_override_folder_carry_their_own_translations(tmp_path: Path) -> None:
    theme = tmp_path / "theme.yaml"
    theme.write_text(THEME, encoding="utf-8")
    folder = tmp_path / "house" / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "strategygen.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Executive summary"\nmsgstr "Resumen para las autoridades"\n',
        encoding="utf-8",
    )
    dom = load_profile(shipped_dir("country_profiles") / "DOM.yaml")
    house = Tailoring(language="es", theme=theme, templates=[tmp_path / "house"])
    spanish = render_html(dom, tailoring=house, build_date=DATE)
    assert '<meta name="author" content="Socios para las Políticas del Caribe">' in spanish
    assert "El equipo de redacción" in spanish
    assert "Resumen para las autoridades" in spanish  # the folder's wording wins
    french = render_html(dom, tailoring=Tailoring(language="fr", theme=theme), build_date=DATE)
    assert "Partenaires pour les politiques caribéennes" in french
    assert "The drafting team" in french  # no French given: English stands in
    dutch = render_html(dom, tailoring=Tailoring(language="nl", theme=theme), build_date=DATE)
    assert '<meta name="author" content="Caribbean Policy Partners">' in dutch


def test_a_theme_translation_is_checked_with_its_location(tmp_path: Path) -> None:
    theme = tmp_path / "theme.yaml"
    theme.write_text("issuing_body:\n  en: Partners\n  pt: Parceiros\n", encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_theme(theme, "theme.yaml")
    assert "theme.yaml:3:3: issuing_body.pt: unknown key" in str(info.value)
    theme.write_text("issuing_body: {en: Partners, es: " + "x" * 201 + "}\n", encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_theme(theme, "theme.yaml")
    assert "issuing_body: at most 200 characters; the es text has 201" in str(info.value)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_data_file_translations_keep_the_glossary(lang: str) -> None:
    # The same rule as for the catalogues: a variant the glossary avoids never appears.
    import re

    import yaml

    from strategygen.i18n.catalog import locale_dir
    from strategygen.i18n.texts import texts_in

    glossary = yaml.safe_load((locale_dir() / lang / "glossary.yaml").read_text("utf-8"))
    specs = [*pillar_file(), *sector_catalogue(), *kpi_catalogue().values(), cost_data()]
    specs += [r.spec for r in load_rules([shipped_dir("rules")])]
    strings = [text.text(lang) or "" for spec in specs for _, text in texts_in(spec)]
    for term in glossary["terms"]:
        for variant in term.get("avoid", []):
            pattern = re.compile(rf"\b{re.escape(variant)}\b", re.IGNORECASE)
            bad = [s for s in strings if pattern.search(s)]
            assert not bad, f"{lang}: use {term['term']!r}, not {variant!r}: {bad[:3]}"


def test_french_rule_texts_fired_for_a_territory_do_not_assume_a_state() -> None:
    # Guadeloupe is a French region: no ministries, Government or State of its own.
    glp = load_profile(shipped_dir("country_profiles") / "GLP.yaml")
    fired = assess(glp, DATE, tailoring=Tailoring(language="fr")).fired
    ids = {"STR-CONFIRM", "STR-LEAD", "PS-INVENTORY", "SKL-SPEC-CONFIRM", "SKL-HEADCOUNT"}
    texts = [f"{r.finding} {r.recommendation}" for r in fired if r.id in ids]
    assert len(texts) == len(ids)
    for text in texts:
        for word in ("ministère", "Gouvernement", "l'État", "interministériel"):
            assert word not in text, (word, text)
