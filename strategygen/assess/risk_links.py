"""Which of the plan's actions treat each risk of the risk register.

The register's mitigations are general measures; the actions that carry them out in this
country's plan are the fired rules listed here, so a reader can go from a risk to the actions
that answer it. A risk with none of its actions in the plan lists none, and the draft says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from strategygen.assess.model import FiredRule

#: Risk key (as in the risks chapter) -> rule ids or id prefixes (ending in "-") that treat it.
RISK_ACTIONS: Mapping[str, tuple[str, ...]] = {
    "insecurity": ("FRAG-SECURE", "FRAG-SERVICES"),
    "skills": ("SKL-", "WEAK-HUMCAP", "FRAG-DIASPORA"),
    "suppliers": ("SKL-SPEC", "PS-GUIDE", "INF-COMPUTE", "SIDS-POOL", "WEAK-ADAPT"),
    "data_protection": ("DPL-", "TERR-EULAW"),
    "bias": ("PS-BASELINE", "ETH-", "WEAK-DATA", "INF-ENERGY", "AWARE"),
    "cybersecurity": ("CYB-",),
    "coordination": ("STR-", "REG-COOP", "FRAG-DONORS", "SMALL-ADMIN", "COOP-INTL"),
    "trust": ("PS-INVENTORY", "PS-GUIDE", "ETH-BODY", "AWARE"),
    "disasters": ("SEC-RESILIENCE", "SIDS-POOL"),
    "sectors": ("SEC-",),
    "evidence": ("DATA-IMPUTED", "COV-", "RAM-ALIGN"),
}


def _matches(rule_id: str, keys: Iterable[str]) -> bool:
    return any(rule_id.startswith(k) if k.endswith("-") else rule_id == k for k in keys)


def risk_actions(fired: Iterable[FiredRule]) -> dict[str, tuple[str, ...]]:
    """Return, for each risk, the ids of the plan's actions that treat it, in plan order."""
    ids = [r.id for r in fired]
    return {risk: tuple(i for i in ids if _matches(i, keys)) for risk, keys in RISK_ACTIONS.items()}
