"""The readiness index as it concerns one country: benchmarks, comparison groups, editions.

These frozen dataclasses are part of the assessment's result (``Assessment.benchmarks`` and
``Assessment.readiness``); ``strategygen.assess.model`` re-exports them, so templates and
callers name them from there as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal


def _gap(mean: float | None, score: float | None) -> float | None:
    return None if mean is None or score is None else round(mean - score, 2)


@dataclass(frozen=True)
class Benchmark:
    """One index measure (total, pillar or dimension) compared with the country's groups.

    ``means`` holds one mean per comparison group that fits the country (keys ``cdcc``,
    ``subregion``, ``lac`` or ``region``, ``income``, ``world``); a group that does not apply
    is absent, so ``cdcc_mean`` is None for a country outside the Caribbean. ``peer`` names the
    group that relative targets and rule thresholds use.
    """

    key: str
    label: str
    level: Literal["total", "pillar", "dimension"]
    score: float | None
    edition: int
    """The edition the score and the means come from."""
    means: Mapping[str, float | None]
    peer: str
    """Key of the peer group in ``means``."""
    world_rank: int | None
    world_ranked: int
    peer_rank: int | None
    peer_ranked: int
    peer_leader: str | None
    peer_leader_score: float | None
    gap_to_leader: float | None
    """Points behind the peer group's highest scorer (0 for the leader)."""

    def mean(self, group: str) -> float | None:
        """Return the mean of one group (None when the group does not apply)."""
        return self.means.get(group)

    @property
    def peer_mean(self) -> float | None:
        """The peer group's mean."""
        return self.means.get(self.peer)

    @property
    def world_mean(self) -> float | None:
        """The mean of every country in the edition."""
        return self.means.get("world")

    @property
    def cdcc_mean(self) -> float | None:
        """The CDCC members' mean, only for CDCC members and associate members."""
        return self.means.get("cdcc")

    @property
    def lac_mean(self) -> float | None:
        """The Latin America and Caribbean mean, only for countries of that region."""
        return self.means.get("lac")

    @property
    def gap_to_peer_mean(self) -> float | None:
        """Points below the peer group's mean (negative when above it); None without a score."""
        return _gap(self.peer_mean, self.score)

    @property
    def gap_to_cdcc_mean(self) -> float | None:
        """Points below the CDCC members' mean (negative when above it); None if not a group."""
        return _gap(self.cdcc_mean, self.score)

    @property
    def gap_to_lac_mean(self) -> float | None:
        """Points below the Latin America and Caribbean mean; None if not a group."""
        return _gap(self.lac_mean, self.score)

    @property
    def cdcc_rank(self) -> int | None:
        """Rank among the CDCC members, when the CDCC is the peer group."""
        return self.peer_rank if self.peer == "cdcc" else None

    @property
    def cdcc_ranked(self) -> int | None:
        """How many CDCC members the edition scores, when the CDCC is the peer group."""
        return self.peer_ranked if self.peer == "cdcc" else None

    @property
    def cdcc_leader(self) -> str | None:
        """The highest-scoring CDCC member, when the CDCC is the peer group."""
        return self.peer_leader if self.peer == "cdcc" else None

    @property
    def cdcc_leader_score(self) -> float | None:
        """The highest CDCC member score, when the CDCC is the peer group."""
        return self.peer_leader_score if self.peer == "cdcc" else None


@dataclass(frozen=True)
class ComparisonGroup:
    """A group the country is compared with, and which countries it held in each edition."""

    key: str
    label: str
    column: str
    """Short table heading, for instance ``Eastern Africa mean``."""
    definition: str
    phrase: str
    """The group in running text: "the CDCC members", "Eastern Africa (its UN sub-region)"."""
    peer: bool
    """True for the group relative targets and rule thresholds use."""
    members: Mapping[int, tuple[str, ...]]
    """Edition year -> names of the group's countries that edition covers."""
    mean_for: str = ""
    """The mean for CDCC members, in the document's language (one noun phrase)."""
    named: str = ""
    """The group with its article in running text ("los miembros del CDCC")."""


@dataclass(frozen=True)
class EditionResult:
    """The country's overall result in one edition of the readiness index."""

    year: int
    framework: str
    """``three-pillar`` (2022-2024) or ``six-pillar`` (2025 on): only the same can be compared."""
    source: str
    """Id of the source to cite: the bundled dataset, or the profile's source when it overrides."""
    covered: bool
    """False when the edition does not cover the country: never read as a score of zero."""
    total: float | None
    rank: int | None
    ranked: int
    from_profile: bool
    means: Mapping[str, float | None]
    """Group key -> the group's mean total in this edition."""


@dataclass(frozen=True)
class LatestMeasure:
    """One measure (total, pillar or dimension) of the newest edition, with group means."""

    key: str
    label: str
    level: Literal["total", "pillar", "dimension"]
    score: float | None
    means: Mapping[str, float | None]
    weight: float | None = None
    """A pillar's weight in the total (2025 framework), else None."""
    leader: str | None = None
    """The peer group's highest scorer on this measure (the country itself if it leads)."""
    leader_score: float | None = None


@dataclass(frozen=True)
class ReadinessView:
    """Every edition of the readiness index as it concerns one country.

    ``latest`` is the newest edition (the framework in force); ``analysis`` is the newest
    edition on the earlier framework, whose ten dimensions feed the benchmarks and maturity
    stages; ``editions`` holds one entry per edition, covered or not.
    """

    index: str
    covered: bool
    groups: tuple[ComparisonGroup, ...]
    editions: tuple[EditionResult, ...]
    analysis: EditionResult | None
    latest: EditionResult | None
    latest_year: int
    latest_framework: str
    earlier_framework: str
    latest_measures: tuple[LatestMeasure, ...]
    imputed_2023: bool
    """Oxford Insights reported more than 40% of the 2023 indicator data imputed."""
    notes: tuple[str, ...] = ()
    indicators: Mapping[str, float | None] | None = None
    """Indicator scores (published for 2023 only): the profile's, else the bundled ones."""
    indicators_year: int | None = None
    indicators_source: str | None = None
    latest_strongest: tuple[LatestMeasure, ...] = ()
    """The newest edition's dimensions furthest above the peer-group mean (two at most)."""
    latest_weakest: tuple[LatestMeasure, ...] = ()
    """The newest edition's dimensions furthest below the peer-group mean (two at most)."""

    @property
    def peer(self) -> ComparisonGroup | None:
        """The peer group, if the country has comparison groups."""
        return next((g for g in self.groups if g.peer), None)

    @property
    def trend(self) -> tuple[EditionResult, ...]:
        """The editions on the earlier (comparable) framework, oldest first."""
        return tuple(e for e in self.editions if e.framework != "six-pillar")

    @property
    def not_covered(self) -> tuple[int, ...]:
        """Editions that do not cover the country."""
        return tuple(e.year for e in self.editions if not e.covered)

    def group(self, key: str) -> ComparisonGroup:
        """Return one comparison group by key."""
        for item in self.groups:
            if item.key == key:
                return item
        raise KeyError(key)
