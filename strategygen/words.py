"""Words for coded values: the one table that turns an enumerated value into text.

Profiles and the assessment keep states as codes (``in_preparation``,
``enacted_not_in_force``, ``civil_society``, ``short``) and actions as rule ids
(``DPL-NONE``). A document never prints a code: templates pass it through the ``words``
and ``action_title`` filters, Python code through :func:`words` and :func:`action_title`,
and both read the tables below. The module sits outside the stage folders so that the
assessment (which writes some sentences) and the renderers share it.

The table is written in English, the source language; the other languages' wordings are in
the gettext catalogues (``strategygen/locale``), one entry per wording with its kind as the
message context, so that "high" as a priority and "high" as a risk can be translated
apart (``pybabel extract`` collects them through :mod:`strategygen.i18n.extract`). Each
phrase is written to read in running text in the position its kind describes, in lower
case; a table cell or the start of a sentence asks for the capitalised form (``cap=True``,
or ``| words(kind, cap=true)`` in a template).
"""

from __future__ import annotations

from collections.abc import Mapping

from strategygen.i18n import LANGUAGES as DOCUMENT_LANGUAGES
from strategygen.i18n.catalog import pgettext, translations

#: What a value the profile does not give reads as, unless its kind says otherwise.
NOT_RECORDED = "not recorded"

# Each kind maps a code to its wording; the comment says where the phrase must read well.
# A ``None`` key words an absent or unverified value for that kind.
_ENGLISH: dict[str, dict[str | None, str]] = {
    # "Jamaica is a {member} of the CDCC"; a table cell "Associate member".
    "cdcc_status": {
        "member": "member",
        "associate member": "associate member",
        "none": "not a member",
    },
    # The state of a national AI strategy, after "the strategy is" or "status:".
    "ai_strategy_status": {
        "none": "not in place",
        "announced": "announced but not yet drafted",
        "in_preparation": "in preparation",
        "recommendations_only": "at the stage of recommendations, not yet a formal instrument",
        "draft": "in draft",
        "adopted": "adopted",
        None: NOT_RECORDED,
    },
    # The same state as what a country has: "at present Jamaica has {...}".
    "ai_strategy": {
        "none": "no national AI strategy",
        "announced": "a national AI strategy announced but not yet drafted",
        "in_preparation": "a national AI strategy in preparation",
        "recommendations_only": (
            "recommendations for a national AI strategy, not yet a formal instrument"
        ),
        "draft": "a draft national AI strategy",
        "adopted": "an adopted national AI strategy",
        None: "no recorded national AI strategy",
    },
    # The state of a law, after "the data protection law is" or "cybercrime law:". A law on
    # record without its status is unverified, never "not in force".
    "law_status": {
        "none": "not enacted",
        "draft": "a draft bill",
        "enacted_not_in_force": "enacted but not yet in force",
        "partially_in_force": "partially in force",
        "in_force": "in force",
        None: "on record, but whether it is in force is not verified",
    },
    # The same, short, for a table cell or an indicator's baseline: "draft (Data Bill)".
    "law_state": {
        "none": "none",
        "draft": "draft",
        "enacted_not_in_force": "enacted, not in force",
        "partially_in_force": "partially in force",
        "in_force": "in force",
        None: "not verified",
    },
    # The same, as the evidence for a maturity cap, in brackets after "no data-protection law
    # is on record as in force": it says what the source records.
    "law_evidence": {
        "none": "its source records no such law",
        "draft": "a draft bill",
        "enacted_not_in_force": "enacted, not yet in force",
        "partially_in_force": "partially in force",
        "in_force": "in force",
        None: "the law is recorded, but whether it is in force is not verified",
    },
    # A national plan's state, after "the plan is".
    "plan_status": {
        "none": "not in place",
        "in_preparation": "in preparation",
        "draft": "in draft",
        "adopted": "adopted",
        None: "on record, but its adoption is not verified",
    },
    # A national readiness assessment with UNESCO's methodology, after "the assessment is".
    "ram_status": {
        "none": "not made",
        "in_progress": "under way",
        "completed": "completed",
        None: NOT_RECORDED,
    },
    # Who a civil-service headcount counts: "100,000 central-government employees".
    "headcount_scope": {
        "central_civil_service": "civil servants in central ministries and departments",
        "central_government": "central-government employees",
        "public_sector": "public-sector employees, including state enterprises",
        None: "staff (what the figure counts is not recorded)",
    },
    # The World Bank's income group as the WDI file writes it: "classes Jamaica as {group}".
    "income_group": {
        "High income": "a high-income economy",
        "Upper middle income": "an upper-middle-income economy",
        "Lower middle income": "a lower-middle-income economy",
        "Low income": "a low-income economy",
    },
    # Guidance on AI use by public officers, after "such guidance is".
    "guidelines_status": {
        "none": "not in place",
        "draft": "in draft",
        "adopted": "adopted",
        None: NOT_RECORDED,
    },
    # A use case's stage, in a table cell ("Pilot") or after "a system in".
    "use_case_stage": {"idea": "idea", "pilot": "pilot", "production": "production"},
    # A use case's risk, before "risk": "high risk".
    "risk_level": {"low": "low", "medium": "medium", "high": "high"},
    # A stakeholder group, as a table heading or in a list.
    "stakeholder_kind": {
        "government": "government",
        "private": "private sector",
        "academia": "academia and research",
        "civil_society": "civil society",
        "regional": "regional bodies",
        "international": "international partners",
    },
    # Before "priority": "high priority".
    "priority": {"high": "high", "medium": "medium", "low": "low"},
    # A horizon as a span of time: "(medium term)"; the schedule adds its years.
    "horizon": {"short": "short term", "medium": "medium term", "long": "long term"},
    # The same, brief, for narrow table columns: "Short (2027–2028)".
    "horizon_brief": {"short": "short", "medium": "medium", "long": "long"},
    # Before "confidence": "low confidence".
    "confidence": {"high": "high", "medium": "medium", "low": "low"},
    # The three pillars of the policy framework.
    # A national pillar's name, as a heading or after "the pillar": "Governance, ethics and law".
    # The last three are the pillars of the earlier framework, still accepted in rule files.
    "pillar": {
        "governance": "governance, ethics and law",
        "infrastructure": "data and digital infrastructure",
        "skills": "skills and education",
        "research": "research and innovation",
        "economy": "the economy: priority sectors, firms and digital services",
        "public_sector": "AI in the public sector",
        "cooperation": "regional and international cooperation",
        "enablers": "enablers",
        "accelerators": "accelerators",
        "safeguards": "safeguards",
    },
    # A KPI's level in the logic model, in brackets after its id: "K13 (output)".
    "kpi_level": {
        "input": "input",
        "activity": "activity",
        "output": "output",
        "outcome": "outcome",
        "impact": "impact",
    },
    # The area a rule belongs to (the rules annex).
    "rule_area": {
        "strategy": "strategy",
        "safeguards": "safeguards",
        "infrastructure": "infrastructure",
        "skills": "skills",
        "innovation": "innovation",
        "public_sector": "public sector",
    },
    # The short name of each action of the shipped rule library, after its id. The full
    # recommendation is printed once, in the roadmap's action plan; every other mention
    # (tables, the roadmap chart) uses this name.
    "action": {
        "WEAK-VISION": "Publish a vision for AI with priority sectors and a timetable",
        "WEAK-GOV": "Sequence and track the legal and ethical agenda",
        "WEAK-DIGCAP": "Build the digital foundations AI needs",
        "WEAK-ADAPT": "Innovation fund and fast-track procurement for low-risk pilots",
        "WEAK-HUMCAP": "Expand data and AI courses with universities and colleges",
        "WEAK-INFRA": "Assess broadband and government hosting; consider shared cloud",
        "WEAK-DATA": "Open-data policy, catalogue and data stewards",
        "WEAK-INNOV": "Procurement and challenge prizes for local AI firms",
        "SKL-TRAIN": "Mandatory AI and data foundations module for all civil servants",
        "SKL-SPEC": "Central AI and data unit with specialist posts",
        "SKL-HEADCOUNT": "Obtain the civil-service headcount",
        "DATA-IMPUTED": "Strengthen the national statistics behind the index",
        "COV-NONE": "Commission a national AI readiness assessment",
        "SIDS-POOL": "Pool costly capacity with regional partners",
        "SMALL-ADMIN": "Lean institutional set-up using regional bodies",
        "AWARE": "National public-awareness programme on AI",
        "REG-COOP": "Regional harmonisation of AI and data rules",
        "PS-INVENTORY": "Survey AI use across government and keep a public register",
        "PS-BASELINE": "Reconstruct baselines and evaluate systems in use",
        "DPL-NONE": "Enact a data protection law and set up its authority",
        "DPL-DRAFT": "Prioritise the data protection bill and plan its authority",
        "DPL-PARTIAL": "Bring the data protection law fully into force",
        "DPL-INFORCE": "Data protection guidance on AI",
        "CYB-GAP": "Cybercrime law and national cybersecurity capacity",
        "ETH-BODY": "Independent review of high-risk AI uses",
        "PS-GUIDE": "Interim guidelines for AI use by public officers",
        "STR-NONE": "Prepare and adopt a national AI strategy",
        "STR-EARLY": "Complete, consult on and adopt the strategy",
        "STR-REFRESH": "Evaluate and refresh the current strategy",
        "STR-LEAD": "Confirm the lead body for AI policy",
        "SKL-TRAIN-CONFIRM": "Confirm AI and data training completions in the civil service",
        "SKL-SPEC-CONFIRM": "Count the digital, data and AI specialists in government",
        "COV-CONFIRM": "Confirm whether a national AI readiness assessment exists",
        "RAM-ALIGN": "Align the strategy with the UNESCO readiness assessment",
        "DPL-CONFIRM": "Confirm the status of data protection law",
        "DPL-COMMENCE": "Confirm which parts of the data protection law are in force",
        "CYB-CONFIRM": "Confirm the status of cybercrime law",
        "ETH-CONFIRM": "Confirm whether a body oversees AI and data ethics",
        "PS-GUIDE-CONFIRM": "Confirm the guidance on AI use by public officers",
        "STR-CONFIRM": "Confirm the status of a national AI strategy",
        "PLAN-SUCCESSOR": "Align with the successor to the national development plan",
        "DIGITAL-SUCCESSOR": "Confirm the successor to the digital strategy",
        "SEC-TOURISM": "AI pilots in tourism and hospitality",
        "SEC-AGRICULTURE": "AI advice for farmers and fishers",
        "SEC-FINANCE": "AI for fraud screening and fair credit in finance",
        "SEC-DIGITAL": "AI adoption by digital-service exporters",
        "SEC-RESILIENCE": "Early warning and damage assessment with AI",
        "SEC-ENERGY": "AI forecasting and loss detection in the power sector",
        "SEC-INDUSTRY": "Predictive maintenance and monitoring in industry",
    },
}

#: The wording table, in English (the catalogues translate each wording, kind by kind).
ENGLISH: Mapping[str, Mapping[str | None, str]] = _ENGLISH

#: The source tables by language: English only; the other languages are in the catalogues.
LANGUAGES: dict[str, Mapping[str, Mapping[str | None, str]]] = {"en": _ENGLISH}

#: Every kind of coded value the tables word.
KINDS: tuple[str, ...] = tuple(_ENGLISH)

#: The longest short action name derived from a recommendation (rules without one).
ACTION_TITLE_LIMIT = 70


def capfirst(text: str) -> str:
    """Capitalise the first letter only (``"in force"`` -> ``"In force"``; ``AI`` stays)."""
    return text[:1].upper() + text[1:]


def lowerfirst(text: str) -> str:
    """Lower-case a label's first letter for use inside a sentence, sparing acronyms.

    ``"Data availability"`` becomes ``"data availability"``, while ``"AI use cases"`` and
    ``"CDCC mean"`` keep their capitals (Jinja's ``lower`` would print ``"ai use cases"``).
    """
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def words(value: object, kind: str, *, lang: str | None = None, cap: bool = False) -> str:
    """Return the wording of the coded ``value`` of ``kind`` in the document's language.

    ``None`` reads as the kind's wording for an absent value (``"not recorded"`` unless the
    kind has its own). ``cap`` capitalises the first letter, for table cells. The language
    is the one in use (:func:`strategygen.i18n.use_language`); ``lang="en"`` asks for the
    English wording whatever it is.

    Raises:
        ValueError: For an unknown kind, or a value the kind has no wording for (a code
            added to the profile model without its words).

    """
    labels = _ENGLISH.get(kind)
    if labels is None:
        known = ", ".join(KINDS)
        raise ValueError(f"no wording for the kind {kind!r} (known kinds: {known})")
    key = None if value is None else str(value)
    text = labels.get(key)
    if text is None:
        if key is None:
            text = NOT_RECORDED
        else:
            raise ValueError(
                f"no wording for the {kind} value {key!r}: add it to strategygen/words.py"
            )
    text = _translate(kind, text, lang)
    return capfirst(text) if cap else text


def _translate(kind: str, text: str, lang: str | None) -> str:
    """Translate a wording into ``lang`` (a tag; default: the language in use).

    A language without a catalogue is worded in English.
    """
    if lang is None:
        return pgettext(kind, text)
    primary = lang.replace("_", "-").split("-", 1)[0].lower()
    if primary == "en" or primary not in DOCUMENT_LANGUAGES:
        return text
    return translations(primary).pgettext(kind, text)


def action_title(rule_id: str, recommendation: str = "", *, lang: str | None = None) -> str:
    """Return the short name of a rule's action: the table's, else one cut from its text.

    A rule from a consultant's own folder has no entry in the table; its name is the text
    given when that fits :data:`ACTION_TITLE_LIMIT` characters (a rule's own ``title``),
    else the first clause of the text, cut at a word boundary with an ellipsis, or the rule
    id when there is no text.
    """
    name = _ENGLISH["action"].get(rule_id)
    if name:
        return _translate("action", name, lang)
    whole = " ".join(recommendation.split())
    if whole and len(whole) <= ACTION_TITLE_LIMIT:
        return whole
    text = " ".join(recommendation.split(",", 1)[0].split())
    if not text:
        return rule_id
    return shorten(text, ACTION_TITLE_LIMIT)


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` at a word boundary so that, with an ellipsis, it fits ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-\u2013") + "\u2026"
