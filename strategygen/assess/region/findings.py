"""Common findings: which rules of the library fire for how many members.

Each member's own assessment is run with the build's rule library (custom and disabled
rules included), exactly as its draft is built; the overview then counts, per rule, the
members it fired for. A rule is described by a short neutral label; a rule without one
(a user's own rule, say) is described by its condition in words. The actions of the priority
sectors chosen from each member's economy data count too, labelled by their sector.
"""

from __future__ import annotations

from collections.abc import Sequence

from strategygen.assess.model import Assessment
from strategygen.assess.region.model import Finding
from strategygen.assess.rules import Rule
from strategygen.assess.rules.describe import condition_text
from strategygen.words import lowerfirst

#: One neutral phrase per shipped rule: what the members it fires for have in common.
LABELS: dict[str, str] = {
    "WEAK-VISION": "Vision 5 points or more below the peer-group mean",
    "WEAK-GOV": "Governance and ethics 5 points or more below the peer-group mean",
    "WEAK-DIGCAP": "Digital capacity 5 points or more below the peer-group mean",
    "WEAK-ADAPT": "Adaptability 5 points or more below the peer-group mean",
    "WEAK-HUMCAP": "Human capital 5 points or more below the peer-group mean",
    "WEAK-INFRA": "Infrastructure 5 points or more below the peer-group mean",
    "WEAK-DATA": "Data availability 5 points or more below the peer-group mean",
    "WEAK-INNOV": "Innovation capacity 5 points or more below the peer-group mean",
    "SKL-TRAIN": "Under one civil servant in ten trained in AI or data",
    "SKL-TRAIN-CONFIRM": "Number of AI-trained civil servants not on record",
    "SKL-SPEC": "No digital, data or AI specialists in government, per source",
    "SKL-SPEC-CONFIRM": "Number of government digital specialists not on record",
    "SKL-HEADCOUNT": "Civil-service headcount not on record",
    "DATA-IMPUTED": "Over 40% of the 2023 index data estimated",
    "COV-NONE": "Not in the readiness index and no national assessment, per source",
    "COV-CONFIRM": "Not in the readiness index; other assessments not on record",
    "RAM-ALIGN": "A UNESCO readiness assessment is on record",
    "SIDS-POOL": "Small island developing state: high fixed costs, pooling pays",
    "SMALL-ADMIN": "Small administration: new functions without new bodies",
    "AWARE": "Public awareness of AI to build",
    "REG-COOP": "CDCC participation as a channel for cooperation",
    "PS-INVENTORY": "No inventory of AI use in the public sector on record",
    "PS-BASELINE": "AI systems in production without a measured baseline",
    "DPL-NONE": "No data protection law, per source",
    "DPL-CONFIRM": "Data protection law not on record",
    "DPL-COMMENCE": "Data protection law named, commencement not confirmed",
    "DPL-DRAFT": "Data protection bill still in draft",
    "DPL-PARTIAL": "Data protection law enacted but not fully in force",
    "DPL-INFORCE": "Data protection law in force",
    "CYB-GAP": "No cybercrime law fully in force",
    "CYB-CONFIRM": "Cybercrime law not confirmed",
    "ETH-BODY": "No body overseeing AI and data ethics, per source",
    "ETH-CONFIRM": "AI and data ethics oversight not on record",
    "PS-GUIDE": "AI in public use without adopted guidelines",
    "PS-GUIDE-CONFIRM": "AI in public use; guidelines not on record",
    "STR-NONE": "No national AI strategy, per source",
    "STR-CONFIRM": "AI strategy status not on record",
    "STR-EARLY": "AI strategy begun but not adopted",
    "STR-REFRESH": "AI strategy adopted: review and update",
    "STR-LEAD": "No AI lead body on record",
    "PLAN-SUCCESSOR": "National development plan past its horizon",
    "DIGITAL-SUCCESSOR": "Digital strategy past its horizon",
    "TERR-EULAW": "EU data protection and AI rules apply locally",
    "FRAG-SECURE": "Fragile context: records and the staff who hold them at risk",
    "FRAG-SERVICES": "Fragile context: AI risks gravest where institutions are weak",
    "FRAG-DONORS": "Fragile context: partners' digital projects to coordinate",
    "FRAG-DIASPORA": "Fragile context: diaspora skills to draw on",
    "ECO-SME": "Thin local technology sector to bring AI to firms",
    "ECO-DIGSERV": "ICT services at least 2% of exports",
    "RES-FUND": "Innovation capacity below 35, not 5 points below the peer mean",
    "SKL-SCHOOLS": "Human capital score below 40",
    "SKL-RESKILL": "Services at least 60% of GDP",
    "INF-COMPUTE": "Infrastructure below 40, not 5 points below the peer mean",
    "INF-ENERGY": "Under 90% of people with electricity",
    "INF-DATA": "Data availability below 50, not 5 points below the peer mean",
    "COOP-INTL": "Not in a regional group the rule library covers",
}


def sector_labels() -> dict[str, str]:
    """Label the actions of the priority sectors (``SEC-TOURISM``...), which are not rules."""
    from strategygen.assess.sectors import catalogue

    return {
        "SEC-" + spec.key.split("_")[0].upper(): f"Priority sector for AI: {lowerfirst(spec.name)}"
        for spec in catalogue()
    }


def rule_label(rule: Rule) -> str:
    """Return the neutral label of ``rule``: its phrase above, else its condition in words."""
    return LABELS.get(rule.id) or f"Fires when {condition_text(rule.spec.when)}"


def common_findings(
    assessments: Sequence[Assessment], rules: Sequence[Rule]
) -> tuple[Finding, ...]:
    """Count, for every rule that fired for any member, the members it fired for.

    Ordered by how many members share the finding (most first), then by priority and id.
    """
    by_id = {r.id: r for r in rules}
    sectors = sector_labels()
    fired: dict[str, list[str]] = {}
    details: dict[str, tuple[str, str]] = {}
    titles: dict[str, str] = {}
    for a in assessments:
        for rule in a.fired:
            fired.setdefault(rule.id, []).append(a.profile.identity.name)
            details[rule.id] = (rule.area, rule.priority)
            titles[rule.id] = rule.title or rule.id
    rank = {"high": 0, "medium": 1, "low": 2}
    out = []
    for rule_id, names in fired.items():
        area, priority = details[rule_id]
        spec = by_id.get(rule_id)
        out.append(
            Finding(
                rule=rule_id,
                # Not a rule of the library: a priority sector's action, else its own title.
                label=rule_label(spec)
                if spec
                else LABELS.get(rule_id) or sectors.get(rule_id) or titles[rule_id],
                area=area,
                priority=priority,
                members=tuple(names),
                count=len(names),
            )
        )
    return tuple(sorted(out, key=lambda f: (-f.count, rank.get(f.priority, 3), f.rule)))
