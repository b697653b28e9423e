"""An indicator KPI's baseline as a Spanish, French or Dutch draft prints it.

The bundled indicators (``evidence``) carry their value as English text ("91.0%", "75.83,
tier 3 (establishing)", "0.701, rank 85 of 193"), which an English draft prints as it is.
A draft in another language composes the same figure in the country's locale, with its
qualifier (rank, tier, group, estimate) in that language.
"""

from __future__ import annotations

from strategygen.assess.datasets.indicators import egdi, gci, gtmi, wgi
from strategygen.assess.evidence import Indicator
from strategygen.i18n import current
from strategygen.i18n.catalog import N_, gettext
from strategygen.i18n.formats import decimal, percent

#: The ITU Global Cybersecurity Index's tiers, as the data file names them.
_GCI_TIERS: dict[str, str] = {
    "role-modelling": N_("role-modelling"),
    "advancing": N_("advancing"),
    "establishing": N_("establishing"),
    "evolving": N_("evolving"),
    "building": N_("building"),
}


def indicator_text(item: Indicator, code: str) -> str:
    """Return ``item``'s value as the draft prints it (English: the evidence's own text)."""
    if current().code == "en":
        return item.text
    key, value = item.key, item.value
    if key == "internet_users_pct":
        return percent(value / 100, 1)
    if key == "egdi":
        row = egdi(item.year).get(code)
        text = decimal(value, 3)
        if row is not None and row.rank:
            text = gettext("%(value)s, rank %(rank)s of 193") % {"value": text, "rank": row.rank}
        return text
    if key == "gci":
        cyber = gci().get(code)
        text = decimal(value, 2)
        if cyber is not None and cyber.tier:
            label = cyber.tier_label.lower()
            return gettext("%(value)s, tier %(tier)s (%(label)s)") % {
                "value": text,
                "tier": cyber.tier,
                "label": gettext(_GCI_TIERS[label]) if label in _GCI_TIERS else label,
            }
        return text
    if key == "gtmi":
        wave = gtmi().get(code, {}).get(item.year)
        text = decimal(value, 3)
        if wave is not None:
            return gettext("%(value)s, group %(group)s") % {"value": text, "group": wave.group}
        return text
    if key == "gov_effectiveness":
        text = decimal(value, 1)
        gov = wgi().get(code)
        est = gov.government_effectiveness if gov is not None else None
        if est is not None:
            sign = "+" if est >= 0 else "-"
            estimate = sign + decimal(abs(est), 2)
            return gettext("%(value)s (estimate %(estimate)s)") % {
                "value": text,
                "estimate": estimate,
            }
        return text
    return decimal(value, 3)
