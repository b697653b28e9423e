"""Who leads each action and reports each indicator: a recorded body, else a named role.

Each action has a domain (``ai_policy``, ``education``, ``data_protection``...). Its lead is,
in this order:

1. a body recorded in the profile for that domain, with its source: the AI lead body for AI
   policy (else "the lead body for AI, once designated", since choosing it is a decision the
   draft leaves to the government), the digital lead body for digital government, and for
   other domains a government stakeholder whose name shows the domain (``Ministry of
   Education``);
2. otherwise a named role in the country's own setting: "the ministry responsible for
   education", and in a French overseas region the State's services or the territorial
   authority, whichever holds the competence;
3. only when the domain is unknown, a marked gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from strategygen.assess.context import CountryContext, Territory
from strategygen.i18n import current
from strategygen.i18n.catalog import N_, gettext
from strategygen.inputs.profile import Agency, CountryProfile
from strategygen.title_articles import title_in_text

OwnerKind = Literal["recorded", "role", "gap"]

#: Domain -> the role that leads it when no body is recorded ("the ministry responsible for X"),
#: marked for translation and translated when the assessment runs in the document's language.
ROLES: dict[str, str] = {
    "ai_policy": N_("the ministry responsible for digital transformation"),
    "digital_government": N_("the ministry responsible for digital government"),
    "centre": N_("the office of the head of government"),
    "data_protection": N_("the ministry responsible for justice"),
    "justice": N_("the ministry responsible for justice"),
    "security": N_("the ministry responsible for national security"),
    "public_service": N_("the ministry responsible for the public service"),
    "finance": N_("the ministry responsible for finance"),
    "economy": N_("the ministry responsible for the economy and investment"),
    "education": N_("the ministry responsible for education"),
    "higher_education": N_("the ministry responsible for higher education and research"),
    "health": N_("the ministry responsible for health"),
    "agriculture": N_("the ministry responsible for agriculture and fisheries"),
    "tourism": N_("the ministry responsible for tourism"),
    "energy": N_("the ministry responsible for energy"),
    "industry": N_("the ministry responsible for industry"),
    "telecoms": N_("the ministry responsible for telecommunications"),
    "disaster": N_("the national disaster management agency"),
    "statistics": N_("the national statistics office"),
    "foreign_affairs": N_("the ministry responsible for foreign affairs"),
    "planning": N_("the ministry responsible for planning and external cooperation"),
    "labour": N_("the ministry responsible for labour"),
}

#: Who leads AI-policy actions while no lead body for AI is on record.
AI_LEAD_TO_DESIGNATE = N_("the lead body for AI, once designated")

#: Domain -> words that identify a recorded government body for it (matched on whole words).
KEYWORDS: dict[str, tuple[str, ...]] = {
    "ai_policy": ("artificial intelligence", "ai"),
    "digital_government": ("digital", "e-government", "egov", "information technology", "ict"),
    "data_protection": ("data protection", "information commissioner", "privacy"),
    "justice": ("justice", "attorney general", "legal affairs"),
    "security": ("national security", "cybersecurity", "cyber security", "csirt", "police"),
    "public_service": ("public service", "public administration", "civil service"),
    "finance": ("finance", "treasury"),
    "economy": ("economy", "economic development", "investment", "trade", "planning"),
    "education": ("education",),
    "higher_education": ("higher education", "university", "research", "science"),
    "health": ("health",),
    "agriculture": ("agriculture", "fisheries"),
    "tourism": ("tourism",),
    "energy": ("energy", "electricity"),
    "industry": ("industry", "industrial", "manufacturing", "mining"),
    "telecoms": ("telecommunications", "telecoms", "utilities regulation", "broadband"),
    "disaster": ("disaster", "emergency management", "civil protection"),
    "statistics": ("statistics", "statistical"),
    "foreign_affairs": ("foreign affairs", "foreign", "external affairs"),
    "planning": ("planning", "external cooperation"),
    "labour": ("labour", "labor", "employment"),
}

# Competences the French State keeps in an overseas region; the others are the territorial
# authority's or shared with it. Data protection is supervised nationally by the CNIL.
_FRENCH_STATE = frozenset(
    {"data_protection", "justice", "security", "foreign_affairs", "higher_education"}
)


@dataclass(frozen=True)
class Owner:
    """The body or role that leads an action or reports an indicator."""

    name: str
    kind: OwnerKind
    domain: str
    source_id: str | None = None

    @property
    def is_gap(self) -> bool:
        """True when no lead could be named, not even as a role."""
        return self.kind == "gap"


def _agency_name(agency: Agency) -> str:
    return f"{agency.name} ({agency.acronym})" if agency.acronym else agency.name


def _words(text: str) -> str:
    return f" {re.sub(r'[^a-z0-9-]+', ' ', text.lower()).strip()} "


def _stakeholder(profile: CountryProfile, domain: str) -> Owner | None:
    keys = KEYWORDS.get(domain, ())
    for st in profile.stakeholders:
        if st.kind != "government":
            continue
        words = _words(st.name)
        if any(f" {k} " in words for k in keys):
            return Owner(st.name, "recorded", domain, st.source)
    return None


def _local_government(t: Territory) -> str:
    """Return the territory's government in running text: "the Government of Anguilla".

    A Spanish, French or Dutch draft prints the name the document's language gives it
    (:attr:`Territory.local_government`) with its article ("el Gobierno de Puerto Rico", "la
    Région Guadeloupe", "de Regering van Aruba").
    """
    lang = current().code
    if lang == "en":
        return f"the {t.local_government}"
    return title_in_text(t.local_government, lang)


def _role(domain: str, ctx: CountryContext, country: str) -> str:
    t = ctx.territory
    if t is not None and t.kind == "french_overseas_region":
        if domain == "data_protection":
            return gettext("the French data protection authority (CNIL), with the State's services")
        if domain in _FRENCH_STATE:
            return gettext("the French State's services in %(country)s") % {"country": country}
        if domain == "education":
            return gettext("the education authority (académie) of %(country)s") % {
                "country": country
            }
        return _local_government(t)
    if t is not None and domain == "foreign_affairs":
        return gettext("%(government)s, with the %(state)s") % {
            "government": _local_government(t),
            "state": t.administering_state,
        }
    role = gettext(ROLES[domain])
    if t is not None and t.kind == "us_territory":
        # US territories have executive departments, not ministries. Every role above that
        # names a ministry starts with the same words, in each language's translation too.
        role = role.replace(
            gettext("the ministry responsible"), gettext("the government department responsible")
        )
    return role


def resolve(domain: str, profile: CountryProfile, ctx: CountryContext) -> Owner:
    """Return the lead for ``domain``: a recorded body, else a named role, else a gap."""
    inst = profile.institutions
    if domain == "ai_policy":
        if inst.ai_lead_agency is None and ctx.territory is None:
            # Without a recorded AI lead, choosing one is the government's first decision (the
            # governance chapter's options, the action confirming the lead body): AI-policy
            # actions go to that body rather than to the digital-government lead by default.
            return Owner(gettext(AI_LEAD_TO_DESIGNATE), "role", domain)
        lead = inst.ai_lead_agency or inst.digital_lead_agency
        if lead is not None:
            return Owner(_agency_name(lead), "recorded", domain, lead.source)
    if domain == "digital_government":
        body = inst.digital_lead_agency or inst.ai_lead_agency
        if body is not None:
            return Owner(_agency_name(body), "recorded", domain, body.source)
    if domain not in ROLES:
        return Owner(f"lead for {domain.replace('_', ' ')} to be assigned", "gap", domain)
    found = _stakeholder(profile, domain)
    if found is not None:
        return found
    return Owner(_role(domain, ctx, profile.identity.name), "role", domain)
