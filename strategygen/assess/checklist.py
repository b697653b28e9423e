"""The data checklist: what a draft draws on from a profile, and how to collect what is missing.

Each item names a profile field (a fact, with its source, once filled in) that some section of
the document uses. An item the profile lacks becomes a visible data gap with the action that
closes it, and the share of items present is the profile's completeness.

The draft also reads some facts about the country straight from the bundled datasets (the
newest readiness edition and the 2022-2024 trend, e-government, Internet use, governance,
cybersecurity, GovTech maturity, economic structure, disaster risk). They are checklist
items too (``DATA_ITEMS``, paths starting with ``data.``): the profile need not repeat them,
but where no dataset covers the country the figure is missing from the draft just as a
profile fact would be, so it counts against completeness and becomes a data gap with its
own action.

(Three words are kept apart in the code: a *fact* is a sourced value in a profile; a
*checklist item* is one fact the document needs, listed here; a *condition path* is what a
rule's ``fact:`` key names, read through ``assess.rules.paths.ConditionContext``.)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from strategygen.assess.datasets.indicators import economy, risk
from strategygen.assess.datasets.readiness import LATEST_EDITION, scores
from strategygen.assess.editions import THREE_PILLAR_YEARS
from strategygen.assess.evidence import country_evidence
from strategygen.i18n.catalog import N_, gettext
from strategygen.inputs.profile import CountryProfile


@dataclass(frozen=True)
class ChecklistItem:
    """One profile fact the document draws on.

    Attributes:
        path: Dotted path in the profile.
        label: What the fact is, in plain words (English; translated where printed).
        section: The document section that needs it most.
        action: What the drafter should do to collect it.
        needs: An attribute of the value that must be set for the item to count as held:
            a law or plan recorded without its ``status`` is known to exist, but whether it
            is in force or adopted is still a gap to close.

    """

    path: str
    label: str
    section: str
    action: str
    needs: str | None = None


CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "identity.languages",
        N_("official languages"),
        "national_context",
        N_("List the official languages from the constitution or the statistics office."),
    ),
    ChecklistItem(
        "identity.sids",
        N_("small island developing state status"),
        "national_context",
        N_("Check the UN-OHRLLS list of small island developing states."),
    ),
    ChecklistItem(
        "context.population",
        N_("population"),
        "national_context",
        N_("Take the latest total population from the statistics office or the World Bank."),
    ),
    ChecklistItem(
        "context.gdp_per_capita_usd",
        N_("GDP per capita (current US$)"),
        "national_context",
        N_("Take the latest GDP per capita from the World Bank or the central bank."),
    ),
    ChecklistItem(
        "readiness.total",
        N_("AI readiness index scores"),
        "readiness",
        N_(
            "Commission a readiness assessment (for example UNESCO's RAM) or use a "
            "comparable national survey."
        ),
    ),
    ChecklistItem(
        "institutions.digital_lead_agency",
        N_("lead agency for digital government"),
        "governance",
        N_("Name the ministry or agency mandated to lead digital government."),
    ),
    ChecklistItem(
        "institutions.ai_lead_agency",
        N_("lead body for AI policy"),
        "governance",
        N_("Confirm whether Cabinet has designated a lead body for AI policy."),
    ),
    ChecklistItem(
        "institutions.national_development_plan",
        N_("national development plan and its status"),
        "national_context",
        N_(
            "Cite the national development plan or long-term vision, its years and whether it "
            "is adopted."
        ),
        needs="status",
    ),
    ChecklistItem(
        "institutions.digital_strategy",
        N_("national digital strategy and its status"),
        "policy_framework",
        N_("Cite the digital transformation strategy, its years and its adoption status."),
        needs="status",
    ),
    ChecklistItem(
        "institutions.ai_strategy",
        N_("status of a national AI strategy"),
        "vision",
        N_("Record whether an AI strategy or policy exists, and its status and year."),
    ),
    ChecklistItem(
        "institutions.ai_ethics_body",
        N_("national AI or data ethics body"),
        "policy_framework",
        N_("Record whether a body oversees AI or data ethics, and its name."),
    ),
    ChecklistItem(
        "institutions.unesco_ram",
        N_("UNESCO AI readiness assessment (RAM)"),
        "readiness",
        N_(
            "Confirm with UNESCO and the ministry whether a Readiness Assessment Methodology "
            "(RAM) study has been completed or is under way."
        ),
    ),
    ChecklistItem(
        "law.data_protection",
        N_("data protection law and its status"),
        "policy_framework",
        N_("Confirm whether a data protection act exists, its year and whether it is in force."),
        needs="status",
    ),
    ChecklistItem(
        "law.cybercrime",
        N_("cybercrime law and its status"),
        "policy_framework",
        N_(
            "Confirm whether a cybercrime or computer misuse act exists and whether it is in force."
        ),
        needs="status",
    ),
    ChecklistItem(
        "law.access_to_information",
        N_("access to information law and its status"),
        "policy_framework",
        N_("Confirm whether an access to information act exists and whether it is in force."),
        needs="status",
    ),
    ChecklistItem(
        "law.electronic_transactions",
        N_("electronic transactions law and its status"),
        "policy_framework",
        N_("Confirm whether an electronic transactions act exists and whether it is in force."),
        needs="status",
    ),
    ChecklistItem(
        "public_sector_ai.use_cases",
        N_("inventory of AI use in the public sector"),
        "public_sector",
        N_(
            "Survey ministries and agencies for AI systems in idea, pilot or "
            "production stage, using the register template in the annex."
        ),
    ),
    ChecklistItem(
        "public_sector_ai.guidelines",
        N_("guidelines for AI use in the public sector"),
        "public_sector",
        N_("Record whether guidance on AI use by public officers exists."),
    ),
    ChecklistItem(
        "civil_service.headcount",
        N_("civil-service headcount"),
        "capability",
        N_("Obtain the central government headcount from the public service ministry."),
    ),
    ChecklistItem(
        "civil_service.digital_specialists",
        N_("digital and data specialists in government"),
        "capability",
        N_("Count digital, data and technology posts filled across government."),
    ),
    ChecklistItem(
        "civil_service.ai_trained",
        N_("civil servants trained in AI or data"),
        "capability",
        N_("Ask the public service training institute for completions."),
    ),
    ChecklistItem(
        "priority_sectors",
        N_("priority sectors for AI"),
        "vision",
        N_("Agree priority sectors with the planning ministry and sector ministries."),
    ),
    ChecklistItem(
        "stakeholders",
        N_("stakeholders to consult"),
        "governance",
        N_("List the bodies from government, business, academia and civil society to consult."),
    ),
)


#: Facts the draft reads from the bundled datasets; each is held when a dataset covers the
#: country. The key after ``data.`` is the indicator key of ``assess.evidence`` where one exists.
DATA_ITEMS: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "data.readiness_latest",
        N_("Government AI Readiness Index %(edition)s (latest edition)"),
        "readiness",
        N_(
            "The %(edition)s edition of the index does not cover this country or territory: "
            "ask Oxford Insights whether a later edition will, and meanwhile rely on a national "
            "readiness assessment recorded in the profile."
        ),
    ),
    ChecklistItem(
        "data.readiness_trend",
        N_("readiness trend 2022-2024 (at least two editions on the earlier framework)"),
        "readiness",
        N_(
            "Fewer than two of the 2022-2024 editions cover this country, so no trend can be "
            "drawn: note the trend from a national assessment repeated over time, if there is one."
        ),
    ),
    ChecklistItem(
        "data.egdi",
        N_("UN E-Government Development Index and its parts"),
        "public_sector",
        N_(
            "The UN E-Government Survey does not cover this territory: record a national measure "
            "of online public services (for example the share of services available online)."
        ),
    ),
    ChecklistItem(
        "data.internet_users_pct",
        N_("share of individuals using the Internet"),
        "national_context",
        N_(
            "No World Bank figure exists: take the latest Internet-use rate from the telecoms "
            "regulator or the statistics office's household survey."
        ),
    ),
    ChecklistItem(
        "data.gov_effectiveness",
        N_("government effectiveness (Worldwide Governance Indicators)"),
        "governance",
        N_(
            "No World Bank governance estimate covers this territory: cite a public-administration "
            "review or leave governance findings to the consultation."
        ),
    ),
    ChecklistItem(
        "data.gci",
        N_("cybersecurity commitment (ITU Global Cybersecurity Index)"),
        "policy_framework",
        N_(
            "The ITU index does not cover this territory: ask the national CSIRT or the ministry "
            "responsible for cybersecurity for its latest self-assessment."
        ),
    ),
    ChecklistItem(
        "data.gtmi",
        N_("GovTech maturity (World Bank GovTech Maturity Index)"),
        "public_sector",
        N_(
            "The World Bank index does not cover this territory: record the state of shared "
            "government platforms (cloud, digital identity, payments) from the digital lead body."
        ),
    ),
    ChecklistItem(
        "data.economy",
        N_("structure of the economy (sector shares, tourism, ICT exports, remittances)"),
        "national_context",
        N_(
            "No bundled series covers this economy: take sector shares of output and employment "
            "from the statistics office or the central bank."
        ),
    ),
    ChecklistItem(
        "data.risk",
        N_("disaster and climate risk (INFORM Risk Index)"),
        "risks",
        N_(
            "INFORM does not rate this territory: cite the national disaster agency's hazard "
            "profile or a regional risk assessment."
        ),
    ),
)

#: Every item the completeness measure counts: profile facts, then dataset facts.
ALL_ITEMS: tuple[ChecklistItem, ...] = CHECKLIST + DATA_ITEMS


@cache
def held_in_data(code: str) -> frozenset[str]:
    """Return the ``data.`` paths that the bundled datasets hold for the country ``code``."""
    held = {f"data.{i.key}" for i in country_evidence(code, None).indicators}
    if code in scores(LATEST_EDITION):
        held.add("data.readiness_latest")
    if sum(1 for year in THREE_PILLAR_YEARS if code in scores(year)) >= 2:
        held.add("data.readiness_trend")
    if economy().get(code):
        held.add("data.economy")
    found = risk().get(code)
    if found is not None and found.inform_risk is not None:
        held.add("data.risk")
    return frozenset(held)


def item_text(text: str) -> str:
    """Return a checklist label or action in the document's language.

    A text may name the newest edition of the readiness index as ``%(edition)s`` (so no
    checklist text holds a literal percent sign).
    """
    return gettext(text) % {"edition": LATEST_EDITION}


def value_at(profile: CountryProfile, path: str) -> Any:
    """Return the value at a dotted path, or None where any step is missing."""
    node: Any = profile
    for part in path.split("."):
        node = getattr(node, part, None)
        if node is None:
            return None
    return node


def is_present(profile: CountryProfile, spec: ChecklistItem) -> bool:
    """Return whether the profile holds the item (an empty list or value counts as missing).

    An item with ``needs`` counts only when that attribute is set too: a law whose status was
    not verified is not yet held, so completeness cannot rise on titles alone.
    """
    if spec.path.startswith("data."):
        return spec.path in held_in_data(profile.code)
    value = value_at(profile, spec.path)
    if value is None or value == [] or value == "":
        return False
    return spec.needs is None or getattr(value, spec.needs, None) is not None


def missing_items(profile: CountryProfile) -> list[ChecklistItem]:
    """Return the checklist items the profile lacks, in document order."""
    return [spec for spec in ALL_ITEMS if not is_present(profile, spec)]


def completeness(profile: CountryProfile, *, with_data: bool = True) -> float:
    """Return the share (0-1) of the checklist items held for the country.

    With ``with_data`` (the default), the facts the draft reads from the bundled datasets
    count as well; without it, only the profile's own facts do.
    """
    items = ALL_ITEMS if with_data else CHECKLIST
    return sum(1 for spec in items if is_present(profile, spec)) / len(items)
