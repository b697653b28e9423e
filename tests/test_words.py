"""The enum-to-words layer: one table words every coded value, and no code reaches a document."""

from __future__ import annotations

import html as html_lib
import re
import typing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from strategygen.api import render_html
from strategygen.assess import model as assess_model
from strategygen.assess.kpi_catalogue import KpiSpec
from strategygen.inputs.profile import CountryProfile
from strategygen.render.typeset import keep_ranges
from strategygen.resources import shipped_dir
from strategygen.words import KINDS, LANGUAGES, action_title, lowerfirst, shorten, words

# Every coded field of the profile that a document prints, and the kind that words it.
# A new Literal field must be added here (and its words to strategygen/words.py), or to
# NOT_PRINTED when documents never show it.
PRINTED: dict[str, str] = {
    "identity.cdcc_status": "cdcc_status",
    "institutions.national_development_plan.status": "plan_status",
    "institutions.digital_strategy.status": "plan_status",
    "institutions.ai_strategy.status": "ai_strategy_status",
    "law.data_protection.status": "law_status",
    "law.cybercrime.status": "law_status",
    "law.access_to_information.status": "law_status",
    "public_sector_ai.use_cases.stage": "use_case_stage",
    "public_sector_ai.use_cases.risk_level": "risk_level",
    "public_sector_ai.guidelines.status": "guidelines_status",
    "stakeholders.kind": "stakeholder_kind",
    "institutions.unesco_ram.status": "ram_status",
    "law.electronic_transactions.status": "law_status",
    "civil_service.headcount.scope": "headcount_scope",
}
NOT_PRINTED = {"schema_version", "narrative", "narrative.mode"}


def _literals(annotation: Any) -> list[Any]:
    if typing.get_origin(annotation) is typing.Literal:
        return [annotation]
    return [lit for arg in typing.get_args(annotation) for lit in _literals(arg)]


def _models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models(arg)]


def _coded_fields(model: type[BaseModel], prefix: str = "") -> dict[str, tuple[str, ...]]:
    """Dotted path -> allowed values, for every Literal-typed field under ``model``."""
    found: dict[str, tuple[str, ...]] = {}
    for name, field in model.model_fields.items():
        path = prefix + name
        for lit in _literals(field.annotation):
            found[path] = tuple(str(v) for v in typing.get_args(lit))
        for sub in _models(field.annotation):
            found.update(_coded_fields(sub, path + "."))
    return found


def test_every_coded_profile_field_has_words_for_every_value() -> None:
    fields = _coded_fields(CountryProfile)
    unmapped = sorted(set(fields) - set(PRINTED) - NOT_PRINTED)
    assert not unmapped, f"coded fields with no wording (add to words.py and PRINTED): {unmapped}"
    for path, kind in PRINTED.items():
        assert path in fields, f"{path} is no longer a coded field of the profile"
        for value in fields[path]:
            text = words(value, kind)
            assert text and "_" not in text, f"{path}={value!r} reads {text!r}"


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        (typing.get_args(assess_model.Priority), "priority"),
        (typing.get_args(assess_model.Horizon), "horizon"),
        (typing.get_args(assess_model.Horizon), "horizon_brief"),
        (typing.get_args(assess_model.Confidence), "confidence"),
        (typing.get_args(assess_model.Area), "rule_area"),
        (typing.get_args(typing.get_type_hints(assess_model.FiredRule)["pillar"]), "pillar"),
        (typing.get_args(KpiSpec.model_fields["level"].annotation), "kpi_level"),
    ],
)
def test_assessment_codes_have_words(values: tuple[str, ...], kind: str) -> None:
    assert values, f"no values found for {kind}"
    for value in values:
        assert "_" not in words(value, kind)


def test_words_read_in_a_sentence_and_capitalise_for_cells() -> None:
    assert words("in_preparation", "ai_strategy_status") == "in preparation"
    assert words("enacted_not_in_force", "law_status") == "enacted but not yet in force"
    assert words("none", "guidelines_status") == "not in place"
    assert words("civil_society", "stakeholder_kind", cap=True) == "Civil society"
    assert words("in_preparation", "ai_strategy") == "a national AI strategy in preparation"


def test_absent_value_reads_as_not_recorded_never_none() -> None:
    assert words(None, "ai_strategy_status") == "not recorded"
    assert words(None, "priority") == "not recorded"
    assert "None" not in words(None, "law_status")


def test_unknown_kind_and_value_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="no wording for the kind 'colour'"):
        words("red", "colour")
    with pytest.raises(ValueError, match=r"law_status value 'repealed'.*strategygen/words\.py"):
        words("repealed", "law_status")


def test_words_in_each_language_and_english_for_others() -> None:
    assert words("adopted", "guidelines_status", lang="fr") == "adoptées"
    assert words("adopted", "plan_status", lang="es-DO") == "aprobado"
    assert words("high", "priority", lang="nl", cap=True) == "Hoog"
    # The same English word translates by its kind: a risk is "alto", a priority "alta".
    assert words("high", "risk_level", lang="es") == "alto"
    assert words("high", "priority", lang="es") == "alta"
    assert words("adopted", "guidelines_status", lang="en-GB") == "adopted"
    assert words("adopted", "guidelines_status", lang="de") == "adopted"
    assert set(LANGUAGES["en"]) == set(KINDS)


def test_words_follow_the_language_in_use() -> None:
    from strategygen.i18n import use_language

    with use_language("fr", "HT"):
        assert words("in_force", "law_status") == "en vigueur"
        assert action_title("STR-NONE") == "Élaborer et adopter une stratégie nationale pour l'IA"
    assert words("in_force", "law_status") == "in force"


def test_action_title_from_table_or_cut_from_recommendation() -> None:
    assert action_title("DPL-NONE") == "Enact a data protection law and set up its authority"
    own = action_title(
        "MY-RULE",
        "Create a national register of algorithms used by every ministry and agency for "
        "decisions about people, with a public summary, and review it yearly",
    )
    assert own.endswith("\u2026") and len(own) <= 70 and " " in own
    assert not own[:-1].endswith(" ")
    assert action_title("MY-RULE", "") == "MY-RULE"


def test_lowerfirst_spares_acronyms() -> None:
    assert lowerfirst("Government AI readiness score") == "government AI readiness score"
    assert lowerfirst("AI use cases in pilot") == "AI use cases in pilot"
    assert lowerfirst("CDCC mean") == "CDCC mean"


def test_shorten_cuts_at_a_word_boundary() -> None:
    assert shorten("short text", 20) == "short text"
    cut = shorten("Enact a comprehensive data protection law, consistent with standards", 40)
    assert cut == "Enact a comprehensive data protection\u2026"


def test_keep_ranges_wraps_year_ranges_and_escapes() -> None:
    out = str(keep_ranges("National <AI> Strategy 2027\u20132032"))
    assert out == 'National &lt;AI&gt; Strategy <span class="nowrap">2027\u20132032</span>'
    assert str(keep_ranges("Plan 2027 - 2030")) == 'Plan <span class="nowrap">2027-2030</span>'


# ---------- every shipped profile's HTML: no code and no "None" in the visible text ----------

# Codes with an underscore never read as English; the others are checked in the phrases
# that printed them raw before ("is none", "status: draft").
RAW_CODES = sorted(
    v
    for path, vals in _coded_fields(CountryProfile).items()
    if path in PRINTED
    for v in vals
    if "_" in v
)
BAD_PHRASES = (
    re.compile(r"\bNone\b"),
    re.compile(r"\bis none\b"),
    re.compile(r"\(status: (none|draft|adopted|announced|in preparation)\)"),
    re.compile(r"\b(low|medium|high) confidence \((low|medium|high) confidence"),
    re.compile(r"\b(" + "|".join(RAW_CODES) + r")\b"),
)


def visible_text(document: str) -> str:
    """The text a reader sees: no styles, scripts, SVG, code samples or attributes."""
    body = re.sub(r"<style\b.*?</style>", " ", document, flags=re.S).split("<body", 1)[1]
    body = re.sub(r"<(script|svg|code)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", html_lib.unescape(body))


def test_visible_text_check_catches_raw_values() -> None:
    text = visible_text(
        "<body><p>Guidance is none (status: draft); KPIs: None; state in_preparation</p>"
        "<code>law.status = in_preparation</code></body>"
    )
    hits = [p.pattern for p in BAD_PHRASES if p.search(text)]
    assert len(hits) == 4, hits
    assert "law.status" not in text


PROFILES = sorted(shipped_dir("country_profiles").glob("*.yaml"))


@pytest.mark.parametrize("profile", PROFILES, ids=[p.stem for p in PROFILES])
def test_no_raw_code_or_none_in_any_shipped_draft(profile: Path) -> None:
    document = render_html(profile, build_date=date(2026, 1, 15))
    text = visible_text(document)
    problems = [
        f"{m.group(0)!r} in ...{text[max(0, m.start() - 70) : m.end() + 30]}..."
        for pattern in BAD_PHRASES
        for m in pattern.finditer(text)
    ]
    assert not problems, f"{profile.stem}:\n  " + "\n  ".join(problems[:10])
