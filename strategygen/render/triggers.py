"""A rule's trigger in words, for the rules annex of a Spanish, French or Dutch draft.

The rules annex of an English draft logs each trigger as the rule files write it, a condition
path and its value (``law.cybercrime.status = none``), for the consultant who edits rules. A
reader of a translated draft gets the same fact in words of the document's language: what the
fact is, its value as the document words it elsewhere, and the rule's threshold or list of
values ("Ley de ciberdelincuencia, situación: no promulgada (regla: no promulgada, ...)").

A path this module has no words for (a consultant's own rule) is printed as the code it is.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from strategygen.assess.benchmarks import DIMENSION_LABELS
from strategygen.assess.economy import ECONOMY_SERIES, SHARE_UNITS
from strategygen.assess.model import Trigger
from strategygen.i18n import formats
from strategygen.i18n.catalog import N_, gettext
from strategygen.words import words

#: What each condition path is, in words (printed before its value).
FACTS: dict[str, str] = {
    "civil_service.ai_trained": N_("Civil servants trained in AI"),
    "civil_service.digital_specialists": N_("Digital specialists in the civil service"),
    "civil_service.headcount": N_("Civil-service headcount"),
    "context.population.value": N_("Population"),
    "country.electricity_access_pct": N_("Share of the population with access to electricity"),
    "country.eu_law": N_("European Union law applies"),
    "country.fragile": N_("Fragile or humanitarian context"),
    "country.ict_exports_pct": N_("ICT service exports, share of service exports"),
    "country.services_pct_gdp": N_("Services, share of GDP"),
    "derived.development_plan_expired": N_("National development plan past its end year"),
    "derived.digital_strategy_expired": N_("Digital strategy past its end year"),
    "identity.cdcc_status": N_("CDCC membership"),
    "identity.iso3": N_("Country code"),
    "identity.sids": N_("Small island developing state"),
    "institutions.ai_ethics_body": N_("Body overseeing AI or data ethics"),
    "institutions.ai_lead_agency": N_("Lead body for AI policy"),
    "institutions.ai_strategy": N_("National AI strategy"),
    "institutions.ai_strategy.status": N_("National AI strategy, status"),
    "institutions.unesco_ram": N_("UNESCO Readiness Assessment (RAM)"),
    "institutions.unesco_ram.status": N_("UNESCO Readiness Assessment (RAM), status"),
    "law.cybercrime.status": N_("Cybercrime law, status"),
    "law.data_protection": N_("Data protection law"),
    "law.data_protection.status": N_("Data protection law, status"),
    "public_sector_ai.use_cases": N_("Public-sector AI use cases"),
    "readiness.covered": N_("Covered by the readiness index"),
    "readiness.imputed_over_40pct": N_("Over two fifths of the readiness index's data imputed"),
    "data: inform_hazard_exposure": N_("INFORM hazard and exposure (0-10)"),
    "data: ndgain_vulnerability": N_("ND-GAIN vulnerability (0-1)"),
}
_SCORE = N_("Readiness index score for %(dimension)s")
_GAP = N_("Points below the peer group's mean for %(dimension)s (readiness index)")
_BENCHMARK = re.compile(r"^benchmark\.([a-z_]+)\.(score|gap_to_peer_mean)$")

#: The words a coded value takes, by path (the kinds of :mod:`strategygen.words`).
VALUE_KINDS: dict[str, str] = {
    "law.cybercrime.status": "law_status",
    "law.data_protection.status": "law_status",
    "institutions.ai_strategy.status": "ai_strategy_status",
    "institutions.unesco_ram.status": "ram_status",
    "identity.cdcc_status": "cdcc_status",
}
_OPERATORS: dict[str, str] = {
    "ge": N_("at least %(threshold)s"),
    "gt": N_("more than %(threshold)s"),
    "le": N_("at most %(threshold)s"),
    "lt": N_("less than %(threshold)s"),
    "ne": N_("other than %(threshold)s"),
}
_NUMBER = re.compile(r"^-?\d+(?:\.(\d+))?$")
_WITH_YEAR = re.compile(r"^(-?\d+(?:\.\d+)?) \((\d{4})\)$")


def fact_label(path: str) -> str | None:
    """Return what ``path`` is, in the language in use, or None if it has no words here."""
    if path in FACTS:
        return gettext(FACTS[path])
    bench = _BENCHMARK.match(path)
    if bench and bench.group(1) in DIMENSION_LABELS:
        dimension = gettext(DIMENSION_LABELS[bench.group(1)]).lower()
        message = _SCORE if bench.group(2) == "score" else _GAP
        return gettext(message) % {"dimension": dimension}
    if path.startswith("data: ") and path[6:] in ECONOMY_SERIES:
        label, unit, _ = ECONOMY_SERIES[path[6:]]
        name = gettext(label)
        # The unit as the economy figures word it, without a figure: "% of GDP", "% del PIB".
        share = gettext(SHARE_UNITS[unit]) % {"share": "%"} if unit in SHARE_UNITS else unit
        return f"{name[:1].upper()}{name[1:]} ({share})"
    return None


def _number(text: str) -> str | None:
    """Return a number as the rule log writes it ("46.92") in the document's locale, or None."""
    found = _NUMBER.match(text)
    if not found:
        return None
    digits = len(found.group(1) or "")
    return formats.decimal(float(text), min(digits, 4)) if digits else formats.integer(int(text))


def value_words(path: str, value: str) -> str:
    """Return a trigger's value as the document words it."""
    if value == "missing":
        return gettext("not recorded")
    if value == "present":
        return gettext("recorded")
    if value in ("true", "false"):
        return gettext("Yes") if value == "true" else gettext("No")
    if path in VALUE_KINDS:
        try:
            return words(value, VALUE_KINDS[path])
        except ValueError:
            return value
    with_year = _WITH_YEAR.match(value)
    if with_year:
        return f"{_number(with_year.group(1))} ({with_year.group(2)})"
    return _number(value) or value


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    # Values that hold a comma themselves ("enacted, not in force") are kept apart by semicolons.
    sep = "; " if any("," in item for item in items) else ", "
    return gettext("%(items)s or %(last)s") % {"items": sep.join(items[:-1]), "last": items[-1]}


def rule_words(path: str, condition: str) -> str | None:
    """Return the rule's condition in words ("at least 5"), None when it only restates the value.

    ``condition`` is the rule's condition after its path (``ge 5``, ``in [none, draft]``,
    ``is missing``), or already in words (the sector rules write "at least 8").
    """
    op, _, rest = condition.partition(" ")
    if op in ("eq", "is"):
        return None
    if op in _OPERATORS:
        return gettext(_OPERATORS[op]) % {"threshold": value_words(path, rest)}
    if op == "in" and rest.startswith("[") and rest.endswith("]"):
        values = [v.strip() for v in rest[1:-1].split(",") if v.strip()]
        return _join([value_words(path, v) for v in values])
    return condition


def trigger_words(trigger: Trigger) -> Markup | None:
    """Return the trigger in words (label, value and rule), or None if its path has none."""
    label = fact_label(trigger.path)
    if label is None:
        return None
    text = escape(
        gettext("%(fact)s: %(value)s")
        % {"fact": label, "value": value_words(trigger.path, trigger.value)}
    )
    own = trigger.condition.startswith(trigger.path + " ")
    rule = rule_words(
        trigger.path, trigger.condition[len(trigger.path) + 1 :] if own else trigger.condition
    )
    if rule is None:
        return Markup(text)
    return Markup('{} <span class="condition">({}: {})</span>').format(text, gettext("rule"), rule)
