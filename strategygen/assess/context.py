"""The country's situation that changes a draft's framing: region, status, fragility, strategy.

- Region: text about the Caribbean (its bodies, hazards and peers) is for Caribbean countries
  only; any other country gets its own UN sub-region named, or neutral text.
- Status: a territory is not a sovereign state. The bundled ``territories.csv`` records who
  administers each CDCC associate member and whether it can pass its own laws; a French
  overseas region is governed under French and EU law and is never told to legislate.
- Fragility: INFORM Risk 2025 classes of "High" or "Very High" mark a fragile or humanitarian
  context, which puts security, the continuity of basic services, donor coordination and the
  diaspora first in the sequence.
- Strategy: an adopted AI strategy makes the draft a refresh of that strategy (with its lead
  body named); a strategy under way makes it an input to completing it; otherwise a first one.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from typing import Literal, cast

from strategygen.assess.economy import Risk, risk_for
from strategygen.inputs.profile import CountryProfile
from strategygen.resources import data_file

TerritoryKind = Literal[
    "uk_overseas_territory",
    "french_overseas_region",
    "dutch_constituent_country",
    "us_territory",
]
StrategyMode = Literal["first", "complete", "refresh", "unknown"]

#: INFORM risk classes that mark a fragile or humanitarian context.
FRAGILE_CLASSES = frozenset({"High", "Very High"})

#: How each kind of territory is described in running text.
KIND_TEXT: dict[str, str] = {
    "uk_overseas_territory": "a British Overseas Territory",
    "french_overseas_region": "an overseas region and department of France",
    "dutch_constituent_country": "a constituent country of the Kingdom of the Netherlands",
    "us_territory": "a territory of the United States",
}


@dataclass(frozen=True)
class Territory:
    """A non-sovereign territory: who administers it and whether it makes its own laws."""

    kind: TerritoryKind
    administering_state: str
    local_government: str
    legislates: bool
    source: dict[str, object]

    @property
    def description(self) -> str:
        """``a British Overseas Territory`` and similar, for running text."""
        return KIND_TEXT[self.kind]

    @property
    def under_eu_law(self) -> bool:
        """True for an outermost region of the EU, where EU regulations apply directly."""
        return self.kind == "french_overseas_region"


@dataclass(frozen=True)
class Fragility:
    """Why the draft treats the country as a fragile or humanitarian context."""

    risk: Risk

    @property
    def reasons(self) -> tuple[str, ...]:
        """The INFORM figures behind the judgement, as clauses ready to print."""
        r = self.risk
        rank = f", rank {r.rank} of {r.ranked} (1 is the highest risk)" if r.rank else ""
        return (
            f"an overall INFORM risk of {r.risk:.1f} out of 10, classed {r.risk_class}{rank}",
            f"hazard and exposure of {r.hazard_exposure:.1f}",
            f"vulnerability of {r.vulnerability:.1f}",
            f"lack of coping capacity of {r.lack_of_coping_capacity:.1f}",
        )


@dataclass(frozen=True)
class Membership:
    """Membership of a regional body, with the source that lists it."""

    acronym: str
    body: str
    status: str
    source: dict[str, object]


@dataclass(frozen=True)
class CountryContext:
    """The facts about a country's situation that shape the draft's framing."""

    caribbean: bool
    region_name: str
    sids: bool
    territory: Territory | None
    risk: Risk | None
    fragility: Fragility | None
    strategy_mode: StrategyMode
    strategy_title: str | None
    strategy_year: int | None
    lead_body: str | None
    lead_short: str | None = None
    """The lead body's acronym, or its name when it has none."""
    memberships: tuple[Membership, ...] = ()
    """Regional bodies the country belongs to (bundled ``regional_bodies.csv``)."""

    @property
    def sovereign(self) -> bool:
        """True for a sovereign state (no territory record)."""
        return self.territory is None

    @property
    def legislates(self) -> bool:
        """True when the country or territory passes its own laws on data, cybercrime and AI."""
        return self.territory is None or self.territory.legislates

    @property
    def fragile(self) -> bool:
        """True in a fragile or humanitarian context."""
        return self.fragility is not None

    @property
    def government(self) -> str:
        """The government the draft is for: ``the Government of Anguilla`` and similar."""
        if self.territory is not None:
            return f"the {self.territory.local_government}"
        return "the Government"

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Ids of bundled sources this context cites (INFORM, the territory's legal basis)."""
        ids = []
        if self.risk is not None:
            ids.append("risk")
        if self.territory is not None:
            ids.append(str(self.territory.source["id"]))
        ids += [str(m.source["id"]) for m in self.memberships]
        return tuple(dict.fromkeys(ids))


@cache
def territories() -> dict[str, Territory]:
    """Return the bundled territory records, keyed by ISO alpha-3 code."""
    out: dict[str, Territory] = {}
    with data_file("territories.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            source: dict[str, object] = {
                "id": row["source_id"],
                "title": row["source_title"],
                "publisher": row["source_publisher"],
                "year": int(row["source_year"]),
                "url": row["source_url"],
            }
            kind = row["kind"]
            if kind not in KIND_TEXT:
                raise ValueError(f"territories.csv: {row['iso3']}: unknown kind {kind!r}")
            out[row["iso3"]] = Territory(
                kind=cast(TerritoryKind, kind),
                administering_state=row["administering_state"],
                local_government=row["local_government"],
                legislates=row["legislates"] == "yes",
                source=source,
            )
    return out


@cache
def memberships() -> dict[str, tuple[Membership, ...]]:
    """Return each country's regional memberships from the bundled list, keyed by ISO code."""
    out: dict[str, list[Membership]] = {}
    with data_file("regional_bodies.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            source: dict[str, object] = {
                "id": row["source_id"],
                "title": row["source_title"],
                "publisher": row["source_publisher"],
                "year": int(row["source_year"]),
                "url": row["source_url"],
            }
            out.setdefault(row["iso3"], []).append(
                Membership(row["acronym"], row["body"], row["status"], source)
            )
    return {code: tuple(items) for code, items in out.items()}


def territory_sources() -> dict[str, dict[str, object]]:
    """Return the sources the territory and membership records cite, keyed by id."""
    out = {str(t.source["id"]): t.source for t in territories().values()}
    for items in memberships().values():
        out.update({str(m.source["id"]): m.source for m in items})
    return out


def is_caribbean(profile: CountryProfile) -> bool:
    """Tell whether a country is a CDCC member or associate, or in the UN Caribbean sub-region."""
    ident = profile.identity
    return ident.cdcc_status != "none" or (ident.un_region or "").strip().lower() == "caribbean"


def _strategy(profile: CountryProfile) -> tuple[StrategyMode, str | None, int | None]:
    s = profile.institutions.ai_strategy
    if s is None:
        return "unknown", None, None
    if s.status == "adopted":
        return "refresh", s.title, s.year
    if s.status == "none":
        return "first", None, None
    return "complete", s.title, s.year


def _lead(profile: CountryProfile) -> str | None:
    inst = profile.institutions
    body = inst.ai_lead_agency or inst.digital_lead_agency
    if body is None:
        return None
    return f"{body.name} ({body.acronym})" if body.acronym else body.name


def _lead_short(profile: CountryProfile) -> str | None:
    inst = profile.institutions
    body = inst.ai_lead_agency or inst.digital_lead_agency
    return None if body is None else (body.acronym or body.name)


def country_context(profile: CountryProfile) -> CountryContext:
    """Work out the region, status, fragility and strategy situation of one country."""
    caribbean = is_caribbean(profile)
    region = "the Caribbean" if caribbean else (profile.identity.un_region or "its region")
    risk = risk_for(profile.identity.iso3)
    fragility = Fragility(risk) if risk is not None and risk.risk_class in FRAGILE_CLASSES else None
    mode, title, year = _strategy(profile)
    return CountryContext(
        caribbean=caribbean,
        region_name=region,
        sids=bool(profile.identity.sids),
        territory=territories().get(profile.identity.iso3),
        risk=risk,
        fragility=fragility,
        strategy_mode=mode,
        strategy_title=title,
        strategy_year=year,
        lead_body=_lead(profile),
        lead_short=_lead_short(profile),
        memberships=memberships().get(profile.identity.iso3, ()),
    )
