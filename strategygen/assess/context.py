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
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal, cast

from strategygen.assess.economy import Risk, risk_for
from strategygen.assess.groups import local_name
from strategygen.i18n import current
from strategygen.i18n.catalog import N_, gettext
from strategygen.i18n.formats import decimal
from strategygen.inputs.profile import CountryProfile
from strategygen.names import in_text
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
    "uk_overseas_territory": N_("a British Overseas Territory"),
    "french_overseas_region": N_("an overseas region and department of France"),
    "dutch_constituent_country": N_("a constituent country of the Kingdom of the Netherlands"),
    "us_territory": N_("a territory of the United States"),
}

#: The administering states as each language names them (the Kingdom of the Netherlands by
#: its own title: "Koninkrijk der Nederlanden").
STATE_NAMES: dict[str, dict[str, str]] = {
    "United Kingdom": {"es": "Reino Unido", "fr": "Royaume-Uni", "nl": "Verenigd Koninkrijk"},
    "France": {"es": "Francia", "fr": "France", "nl": "Frankrijk"},
    "Kingdom of the Netherlands": {
        "es": "Reino de los Países Bajos",
        "fr": "Royaume des Pays-Bas",
        "nl": "Koninkrijk der Nederlanden",
    },
    "United States": {"es": "Estados Unidos", "fr": "États-Unis", "nl": "Verenigde Staten"},
}


@dataclass(frozen=True)
class Territory:
    """A non-sovereign territory: who administers it and whether it makes its own laws."""

    kind: TerritoryKind
    state: str
    """The administering state, in English as the data file names it."""
    government_en: str
    """The local government's name in English, as the data file records it."""
    legislates: bool
    source: dict[str, object]
    government_own: str = ""
    """Its name in its own official language where that is not English (``Gobierno de
    Puerto Rico``), which a draft in that language prints instead."""
    own_language: str = ""
    iso3: str = ""

    @property
    def local_government(self) -> str:
        """The local government's name as a draft in the language in use writes it.

        In its own official language, its own name ("Gobierno de Puerto Rico"); in English,
        the recorded name. In another language, a government named only by its territory
        ("Government of Anguilla", "Cayman Islands Government") is named as that language
        names a government ("Gobierno de Anguila"); a proper name such as "Collectivité
        territoriale de Martinique" stays as it is.
        """
        lang = current().code
        if self.government_own and lang == self.own_language:
            return self.government_own
        english = self.government_en
        generic = english.startswith("Government of ") or english.endswith(" Government")
        if lang == "en" or not generic or not self.iso3:
            return english
        place = local_name(self.iso3, english)
        return gettext("Government of %(country)s") % {"country": in_text(place, lang)}

    @property
    def description(self) -> str:
        """``a British Overseas Territory`` and similar, for running text, translated."""
        return gettext(KIND_TEXT[self.kind])

    @property
    def administering_state(self) -> str:
        """The administering state as the document's language names it in running text.

        English keeps the name as recorded ("United Kingdom"); Spanish, French and Dutch
        give it its article ("el Reino Unido", "la France", "het Verenigd Koninkrijk").
        """
        lang = current().code
        if lang == "en":
            return self.state
        return in_text(STATE_NAMES.get(self.state, {}).get(lang, self.state), lang)

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
        overall = {"risk": decimal(r.risk, 1), "risk_class": r.risk_class}
        if r.rank:
            first = gettext(
                "an overall INFORM risk of %(risk)s out of 10, classed %(risk_class)s, rank "
                "%(rank)s of %(ranked)s (1 is the highest risk)"
            ) % {**overall, "rank": r.rank, "ranked": r.ranked}
        else:
            first = (
                gettext("an overall INFORM risk of %(risk)s out of 10, classed %(risk_class)s")
                % overall
            )
        return (
            first,
            gettext("hazard and exposure of %(value)s") % {"value": decimal(r.hazard_exposure, 1)},
            gettext("vulnerability of %(value)s") % {"value": decimal(r.vulnerability, 1)},
            gettext("lack of coping capacity of %(value)s")
            % {"value": decimal(r.lack_of_coping_capacity, 1)},
        )


@dataclass(frozen=True)
class Membership:
    """Membership of a regional body, with the source that lists it."""

    acronym: str
    body: str
    status: str
    source: dict[str, object]
    named: str = ""
    """The body in running text in the document's language, with its article ("la Comunidad
    del Caribe"); the English name as recorded in an English draft."""


#: The regional bodies of ``regional_bodies.csv`` in running text, for translation (their
#: official names in Spanish, French and Dutch, with the article they take).
BODY_NAMES: dict[str, str] = {
    "Caribbean Community": N_("the Caribbean Community"),
    "Organisation of Eastern Caribbean States": N_("the Organisation of Eastern Caribbean States"),
    "Central American Integration System": N_("the Central American Integration System"),
}


def _named(item: Membership) -> Membership:
    """Return the membership with its body named in the document's language."""
    key = BODY_NAMES.get(item.body)
    if current().code == "en" or key is None:
        return replace(item, named=item.body)
    return replace(item, named=gettext(key))


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
            ids.append("inform2025")
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
                state=row["administering_state"],
                government_en=row["local_government"],
                legislates=row["legislates"] == "yes",
                source=source,
                government_own=row["local_government_own"],
                own_language=row["own_language"],
                iso3=row["iso3"],
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
    # Only a recorded AI lead body is "the lead body": the digital-government lead is one of
    # the options the governance chapter sets out, not a decision the draft can take.
    body = profile.institutions.ai_lead_agency
    if body is None:
        return None
    return f"{body.name} ({body.acronym})" if body.acronym else body.name


def _lead_short(profile: CountryProfile) -> str | None:
    body = profile.institutions.ai_lead_agency
    return None if body is None else (body.acronym or body.name)


def country_context(profile: CountryProfile) -> CountryContext:
    """Work out the region, status, fragility and strategy situation of one country."""
    caribbean = is_caribbean(profile)
    region = "the Caribbean" if caribbean else (profile.identity.un_region or "its region")
    risk = risk_for(profile.identity.iso3)
    fragility = (
        Fragility(risk) if risk is not None and risk.inform_class in FRAGILE_CLASSES else None
    )
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
        memberships=tuple(_named(m) for m in memberships().get(profile.identity.iso3, ())),
    )
