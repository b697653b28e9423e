"""Country indicators from the bundled datasets, each with its year, source and peer-group mean.

E-government (UN EGDI and its parts, 2024 with 2022 for change), Internet use (WDI),
government effectiveness (WGI), cybersecurity commitment (ITU GCI 2024) and GovTech maturity
(World Bank GTMI) are read for the country; an indicator the source lacks is simply absent,
never zero. Each indicator also carries the mean of the country's peer group, computed from
the same dataset over the group's members that have a value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from strategygen.assess.datasets.indicators import egdi, gci, gtmi, wdi, wgi
from strategygen.assess.datasets.readiness import LATEST_EDITION
from strategygen.assess.groups import Group, members
from strategygen.i18n.catalog import N_, gettext
from strategygen.i18n.formats import decimal, integer, percent


@dataclass(frozen=True)
class Indicator:
    """One figure about the country from a bundled dataset."""

    key: str
    label: str
    value: float
    text: str
    """The value as printed, with its unit."""
    year: int
    source: str
    """Catalogue id of the dataset, cited in the document."""
    peer_mean: float | None = None
    peer_text: str | None = None
    previous: float | None = None
    """The same measure in an earlier edition, for change (EGDI 2022, GTMI 2022)."""
    previous_text: str | None = None
    previous_year: int | None = None
    previous_source: str | None = None
    note: str | None = None
    near_threshold: bool = False
    """For a tier derived from a score: the score lies within a point of a threshold."""

    @property
    def change(self) -> float | None:
        """The change since the earlier edition, where there is one."""
        return None if self.previous is None else round(self.value - self.previous, 4)


@dataclass(frozen=True)
class Evidence:
    """The indicators the bundled data holds for one country."""

    indicators: tuple[Indicator, ...]
    peer_label: str | None

    def get(self, key: str) -> Indicator | None:
        """Return one indicator, or None where the sources have no value for the country."""
        return next((i for i in self.indicators if i.key == key), None)

    @property
    def egdi_extremes(self) -> tuple[Indicator, Indicator] | None:
        """The strongest and the weakest of the EGDI's three parts (OSI, TII, HCI)."""
        parts = [i for key in ("osi", "tii", "hci") if (i := self.get(key)) is not None]
        if len(parts) < 2:
            return None
        ordered = sorted(parts, key=lambda i: (-i.value, i.key))
        return ordered[0], ordered[-1]

    @property
    def table(self) -> tuple[Indicator, ...]:
        """The indicators the readiness chapter tabulates (context figures are elsewhere)."""
        return tuple(
            i for i in self.indicators if i.key not in ("population", "gdp_per_capita_usd")
        )

    @property
    def sources(self) -> tuple[str, ...]:
        """Catalogue ids of every dataset the indicators come from."""
        ids = [i.source for i in self.indicators]
        ids += [i.previous_source for i in self.indicators if i.previous_source]
        return tuple(dict.fromkeys(ids))


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _peer_mean(codes: frozenset[str], read: Callable[[str], float | None]) -> float | None:
    return _mean([v for c in codes if (v := read(c)) is not None])


def _index(value: float) -> str:
    return decimal(value, 3)


#: ITU's names of the Global Cybersecurity Index tiers, as the document prints them.
GCI_TIERS: Mapping[str, str] = {
    "Role-modelling": N_("role-modelling"),
    "Advancing": N_("advancing"),
    "Establishing": N_("establishing"),
    "Evolving": N_("evolving"),
    "Building": N_("building"),
}


def _tier(tier: int, label: str) -> str:
    """Return ", tier 3 (establishing)" in the document's language."""
    name = GCI_TIERS.get(label)
    words = gettext(name) if name else label.lower()
    return gettext(", tier %(tier)s (%(label)s)") % {"tier": tier, "label": words}


def _egdi_part(code: str, year: int, part: str) -> float | None:
    row = egdi(year).get(code)
    value = getattr(row, part) if row is not None else None
    return value if isinstance(value, float) else None


EGDI_PARTS: Mapping[str, str] = {
    "egdi": "E-Government Development Index (0-1)",
    "osi": "Online Service Index (0-1)",
    "tii": "Telecommunication Infrastructure Index (0-1)",
    "hci": "Human Capital Index, e-government (0-1)",
}


def country_evidence(code: str, peer: Group | None) -> Evidence:
    """Collect the country's indicators from the bundled datasets, with peer-group means."""
    # The group as the readiness index's newest edition defines it, the country included,
    # as for the readiness means.
    codes = (
        frozenset(r.iso3 for r in members(peer, LATEST_EDITION))
        if peer is not None
        else frozenset()
    )
    out: list[Indicator] = []
    now, before = egdi(2024).get(code), egdi(2022).get(code)
    for part, label in EGDI_PARTS.items():
        value = getattr(now, part) if now is not None else None
        if value is None:
            continue
        old = getattr(before, part) if before is not None else None
        mean = _peer_mean(codes, lambda c, p=part: _egdi_part(c, 2024, p))  # type: ignore[misc]
        rank = (
            gettext(", rank %(rank)s of %(ranked)s") % {"rank": now.rank, "ranked": 193}
            if part == "egdi" and now and now.rank
            else ""
        )
        old_rank = (
            gettext(", rank %(rank)s") % {"rank": before.rank}
            if part == "egdi" and before and before.rank
            else ""
        )
        out.append(
            Indicator(
                key=part,
                label=label,
                value=value,
                text=_index(value) + rank,
                year=2024,
                source="egdi2024",
                peer_mean=mean,
                peer_text=_index(mean) if mean is not None else None,
                previous=old,
                previous_text=(_index(old) + old_rank) if old is not None else None,
                previous_year=2022 if old is not None else None,
                previous_source="egdi2022" if old is not None else None,
                note=f"EGDI group: {now.group.lower()}" if part == "egdi" and now else None,
            )
        )
    row = wdi().get(code)
    for key, label, unit in (
        ("internet_users_pct", "Individuals using the Internet", "%"),
        ("population", "Population", ""),
        ("gdp_per_capita_usd", "GDP per capita (current US$)", "US$"),
    ):
        m = getattr(row, key) if row is not None else None
        if m is None:
            continue
        if unit == "%":
            text = percent(m.value / 100, 1)

            def read(c: str, k: str = key) -> float | None:
                r = wdi().get(c)
                v = getattr(r, k) if r is not None else None
                return v.value if v is not None else None

            mean = _peer_mean(codes, read)
            peer_text = percent(mean / 100, 1) if mean is not None else None
        else:
            text = integer(m.value) if not unit else f"US$ {integer(m.value)}"
            mean, peer_text = None, None
        out.append(Indicator(key, label, m.value, text, m.year, "wdi", mean, peer_text))
    gov = wgi().get(code)
    if gov is not None and gov.government_effectiveness_pctrank is not None:
        mean = _peer_mean(
            codes,
            lambda c: w.government_effectiveness_pctrank if (w := wgi().get(c)) else None,
        )
        est = gov.government_effectiveness
        out.append(
            Indicator(
                "gov_effectiveness",
                "Government effectiveness (percentile)",
                gov.government_effectiveness_pctrank,
                decimal(gov.government_effectiveness_pctrank, 1)
                + (
                    gettext(" (estimate %(value)s)")
                    % {"value": ("+" if est >= 0 else "-") + decimal(abs(est), 2)}
                    if est is not None
                    else ""
                ),
                gov.year,
                gov.dataset,
                mean,
                decimal(mean, 1) if mean is not None else None,
            )
        )
    cyber = gci().get(code)
    if cyber is not None:
        mean = _peer_mean(codes, lambda c: g.score if (g := gci().get(c)) else None)
        tier = _tier(cyber.tier, cyber.tier_label) if cyber.tier else ""
        out.append(
            Indicator(
                "gci",
                "Global Cybersecurity Index (0-100)",
                cyber.score,
                decimal(cyber.score, 2) + tier,
                cyber.year,
                cyber.dataset,
                mean,
                decimal(mean, 2) if mean is not None else None,
                note=(
                    "tier derived from the score with ITU's thresholds"
                    + (
                        "; the score is within a point of a threshold"
                        if cyber.near_threshold
                        else ""
                    )
                ),
                near_threshold=cyber.near_threshold,
            )
        )
    waves = gtmi().get(code, {})
    if waves:
        latest = waves[max(waves)]
        first = waves.get(min(waves)) if len(waves) > 1 else None
        if latest.gtmi is not None:
            mean = _peer_mean(
                codes,
                lambda c: w.gtmi if (w := gtmi().get(c, {}).get(latest.year)) else None,
            )
            out.append(
                Indicator(
                    "gtmi",
                    "GovTech Maturity Index (0-1)",
                    latest.gtmi,
                    _gtmi(latest.gtmi, latest.group),
                    latest.year,
                    latest.dataset,
                    mean,
                    _index(mean) if mean is not None else None,
                    previous=first.gtmi if first is not None else None,
                    previous_text=(
                        _gtmi(first.gtmi, first.group)
                        if first is not None and first.gtmi is not None
                        else None
                    ),
                    previous_year=first.year if first is not None else None,
                    previous_source=first.dataset if first is not None else None,
                    note="groups: A very high, B high, C medium, D low",
                )
            )
    return Evidence(tuple(out), peer.label if peer is not None else None)


def _gtmi(value: float, group: str) -> str:
    """Return "0.823, group A" in the document's language."""
    return gettext("%(value)s, group %(group)s") % {"value": _index(value), "group": group}
