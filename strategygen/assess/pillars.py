"""The national pillars: which actions belong to each, and the mapping to RAM and the 4Cs.

The pillars, their UNESCO RAM dimensions and World Bank foundations are data
(``strategygen/data/pillars.yaml``), with each pillar's words in every document language.
A rule names its pillar, or falls in the pillar of its area; the three older pillar names
(enablers, accelerators, safeguards) in a user's rule file still work and are read through
the area.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from strategygen.assess.model import FiredRule, Kpi, PillarKey
from strategygen.i18n import current
from strategygen.i18n.catalog import N_, gettext
from strategygen.i18n.texts import Localised, localise
from strategygen.inputs.datafile import load_data_file
from strategygen.resources import data_file

PILLAR_KEYS: tuple[PillarKey, ...] = get_args(PillarKey)
#: Pillar names of the earlier three-pillar framework, still accepted in rule files.
LEGACY_PILLARS: tuple[str, ...] = ("enablers", "accelerators", "safeguards")

# The published frameworks' names, in English (N_ marks them; the catalogues translate them
# where they are printed).
RAM_DIMENSIONS: dict[str, str] = {
    "legal_regulatory": N_("Legal and regulatory"),
    "social_cultural": N_("Social and cultural"),
    "scientific_educational": N_("Scientific and educational"),
    "economic": N_("Economic"),
    "technical_infrastructural": N_("Technical and infrastructural"),
}
FOUNDATIONS: dict[str, str] = {
    "connectivity": N_("Connectivity"),
    "compute": N_("Compute"),
    "context": N_("Context (local data)"),
    "competency": N_("Competency"),
}
BLOCKS: dict[str, str] = {
    "foundations": N_("AI foundations"),
    "enablers": N_("AI enablers"),
    "services": N_("AI services"),
    "users_builders": N_("AI users and builders"),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PillarSpec(_Strict):
    """One national pillar as written in the data file."""

    key: PillarKey
    name: Localised
    short: Localised
    ram: list[
        Literal[
            "legal_regulatory",
            "social_cultural",
            "scientific_educational",
            "economic",
            "technical_infrastructural",
        ]
    ]
    foundations: list[Literal["connectivity", "compute", "context", "competency"]]
    block: Literal["foundations", "enablers", "services", "users_builders"]
    areas: list[str]
    outcome: Localised
    indicators: dict[str, Localised]
    """Readiness-index indicators read as evidence for the pillar -> their words."""

    @property
    def ram_labels(self) -> tuple[str, ...]:
        """The RAM dimensions in words, in the document's language."""
        return tuple(gettext(RAM_DIMENSIONS[r]) for r in self.ram)

    @property
    def foundation_labels(self) -> tuple[str, ...]:
        """The World Bank foundations in words, in the document's language."""
        return tuple(gettext(FOUNDATIONS[f]) for f in self.foundations)

    @property
    def block_label(self) -> str:
        """The World Bank building block in words, in the document's language."""
        return gettext(BLOCKS[self.block])


class PillarFile(_Strict):
    """The pillar data file."""

    pillars: Annotated[list[PillarSpec], Field(min_length=1)]


@cache
def pillar_file() -> tuple[PillarSpec, ...]:
    """Return the pillars as written in the data file, every language (validated once).

    Raises:
        ProfileError: A located fault in the file, or the pillars out of document order.

    """
    path = data_file("pillars.yaml")
    specs = tuple(
        load_data_file(path, PillarFile, "pillar file", item_key="key", bundled=True).pillars
    )
    if tuple(p.key for p in specs) != PILLAR_KEYS:
        raise ValueError(f"{path}: must list the pillars once each, in the order {PILLAR_KEYS}")
    return specs


@cache
def _pillars_in(lang: str) -> tuple[PillarSpec, ...]:
    return tuple(localise(p, lang) for p in pillar_file())


def pillars() -> tuple[PillarSpec, ...]:
    """Return the national pillars in document order, worded in the document's language."""
    return _pillars_in(current().code)


def pillar(key: str) -> PillarSpec:
    """Return one pillar by key."""
    return next(p for p in pillars() if p.key == key)


def pillar_for(declared: str, area: str) -> PillarKey:
    """Return the national pillar of a rule: the one it declares, else its area's."""
    for key in PILLAR_KEYS:
        if declared == key:
            return key
    for spec in pillars():
        if area in spec.areas:
            return spec.key
    return "governance"


@dataclass(frozen=True)
class Reading:
    """One readiness-index indicator score for the country (0-100)."""

    key: str
    label: str
    score: float


@dataclass(frozen=True)
class PillarView:
    """One pillar as the draft presents it: its actions, indicators and index evidence."""

    spec: PillarSpec
    actions: tuple[FiredRule, ...]
    kpis: tuple[Kpi, ...]
    readings: tuple[Reading, ...]
    """The pillar's index indicators the country has a score for, highest first."""

    @property
    def highest(self) -> Reading | None:
        """The pillar's highest-scoring indicator, if two or more are scored."""
        return self.readings[0] if len(self.readings) > 1 else None

    @property
    def lowest(self) -> Reading | None:
        """The pillar's lowest-scoring indicator, if two or more are scored."""
        return self.readings[-1] if len(self.readings) > 1 else None

    @property
    def zeros(self) -> tuple[Reading, ...]:
        """Indicators on which the index gives the country no points at all."""
        return tuple(r for r in self.readings if r.score == 0)


def readings(spec: PillarSpec, scores: Mapping[str, float | None] | None) -> tuple[Reading, ...]:
    """Return the country's index scores on the pillar's indicators, highest first."""
    scores = scores or {}
    found = [
        Reading(key, label, float(value))
        for key, label in spec.indicators.items()
        if (value := scores.get(key)) is not None
    ]
    order = list(spec.indicators)
    return tuple(sorted(found, key=lambda r: (-r.score, order.index(r.key))))


def pillar_views(
    fired: Sequence[FiredRule],
    kpis: Sequence[Kpi],
    indicators: Mapping[str, float | None] | None = None,
) -> tuple[PillarView, ...]:
    """Group the fired actions and their indicators by pillar, in pillar order."""
    by_id = {k.id: k for k in kpis}
    out = []
    # Each indicator is reported under the first pillar that names it, so no indicator is
    # counted twice in the results framework.
    used: set[str] = set()
    for spec in pillars():
        actions = tuple(r for r in fired if r.pillar == spec.key)
        ids = [
            k
            for k in dict.fromkeys(k for r in actions for k in r.kpis)
            if k in by_id and k not in used
        ]
        used.update(ids)
        out.append(
            PillarView(spec, actions, tuple(by_id[k] for k in ids), readings(spec, indicators))
        )
    return tuple(out)
