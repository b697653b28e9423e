"""The facts a draft uses, how to tell whether a profile has them, and how to collect them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from strategygen.inputs.profile import CountryProfile


@dataclass(frozen=True)
class FactSpec:
    """One fact the document draws on.

    Attributes:
        path: Dotted path in the profile.
        label: What the fact is, in plain words.
        section: The document section that needs it most.
        action: What the drafter should do to collect it.

    """

    path: str
    label: str
    section: str
    action: str


FACTS: tuple[FactSpec, ...] = (
    FactSpec(
        "identity.languages",
        "official languages",
        "national_context",
        "List the official languages from the constitution or the statistics office.",
    ),
    FactSpec(
        "identity.sids",
        "small island developing state status",
        "national_context",
        "Check the UN-OHRLLS list of small island developing states.",
    ),
    FactSpec(
        "context.population",
        "population",
        "national_context",
        "Take the latest total population from the statistics office or the World Bank.",
    ),
    FactSpec(
        "context.gdp_per_capita_usd",
        "GDP per capita (current US$)",
        "national_context",
        "Take the latest GDP per capita from the World Bank or the central bank.",
    ),
    FactSpec(
        "readiness.total",
        "AI readiness index scores",
        "readiness",
        "Commission a readiness assessment (for example UNESCO's RAM) or use a "
        "comparable national survey.",
    ),
    FactSpec(
        "institutions.digital_lead_agency",
        "lead agency for digital government",
        "governance",
        "Name the ministry or agency mandated to lead digital government.",
    ),
    FactSpec(
        "institutions.ai_lead_agency",
        "lead body for AI policy",
        "governance",
        "Confirm whether Cabinet has designated a lead body for AI policy.",
    ),
    FactSpec(
        "institutions.national_development_plan",
        "national development plan",
        "national_context",
        "Cite the national development plan or long-term vision in force.",
    ),
    FactSpec(
        "institutions.digital_strategy",
        "national digital strategy",
        "policy_framework",
        "Cite the digital transformation strategy and its adoption status.",
    ),
    FactSpec(
        "institutions.ai_strategy",
        "status of a national AI strategy",
        "vision",
        "Record whether an AI strategy or policy exists, and its status and year.",
    ),
    FactSpec(
        "institutions.ai_ethics_body",
        "national AI or data ethics body",
        "policy_framework",
        "Record whether a body oversees AI or data ethics, and its name.",
    ),
    FactSpec(
        "law.data_protection",
        "data protection law",
        "policy_framework",
        "Record the data protection act, its year and whether it is in force.",
    ),
    FactSpec(
        "law.cybercrime",
        "cybercrime law",
        "policy_framework",
        "Record the cybercrime or cybersecurity act and its status.",
    ),
    FactSpec(
        "law.access_to_information",
        "access to information law",
        "policy_framework",
        "Record the access to information act and its status.",
    ),
    FactSpec(
        "public_sector_ai.use_cases",
        "inventory of AI use in the public sector",
        "public_sector",
        "Survey ministries and agencies for AI systems in idea, pilot or "
        "production stage, using the register template in the annex.",
    ),
    FactSpec(
        "public_sector_ai.guidelines",
        "guidelines for AI use in the public sector",
        "public_sector",
        "Record whether guidance on AI use by public officers exists.",
    ),
    FactSpec(
        "civil_service.headcount",
        "civil-service headcount",
        "capability",
        "Obtain the central government headcount from the public service ministry.",
    ),
    FactSpec(
        "civil_service.digital_specialists",
        "digital and data specialists in government",
        "capability",
        "Count digital, data and technology posts filled across government.",
    ),
    FactSpec(
        "civil_service.ai_trained",
        "civil servants trained in AI or data",
        "capability",
        "Ask the public service training institute for completions.",
    ),
    FactSpec(
        "priority_sectors",
        "priority sectors for AI",
        "vision",
        "Agree priority sectors with the planning ministry and sector ministries.",
    ),
    FactSpec(
        "stakeholders",
        "stakeholders to consult",
        "governance",
        "List the bodies from government, business, academia and civil society to consult.",
    ),
)


def value_at(profile: CountryProfile, path: str) -> Any:
    """Return the value at a dotted path, or None where any step is missing."""
    node: Any = profile
    for part in path.split("."):
        node = getattr(node, part, None)
        if node is None:
            return None
    return node


def is_present(profile: CountryProfile, spec: FactSpec) -> bool:
    """Whether the profile holds the fact (an empty list or empty value counts as missing)."""
    value = value_at(profile, spec.path)
    return value is not None and value != [] and value != ""


def missing_facts(profile: CountryProfile) -> list[FactSpec]:
    """Return the facts the document uses that the profile lacks, in document order."""
    return [spec for spec in FACTS if not is_present(profile, spec)]


def completeness(profile: CountryProfile) -> float:
    """Return the share (0-1) of the document's facts that the profile holds."""
    return 1 - len(missing_facts(profile)) / len(FACTS)
