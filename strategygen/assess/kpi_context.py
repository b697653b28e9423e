"""What KPI baselines and targets are computed from, and the base of every KPI kind.

Shared by ``kpi_measures`` (baselines and targets from profile facts) and ``kpi_readiness``
(baselines and targets from the readiness index and the other bundled indicators).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from strategygen.assess.benchmarks import BENCHMARK_KEYS
from strategygen.assess.evidence import Evidence
from strategygen.assess.model import Benchmark, Maturity, ReadinessView, TrainingTier
from strategygen.i18n.catalog import gettext
from strategygen.i18n.formats import decimal, integer
from strategygen.inputs.profile import CountryProfile

Due = Literal["short", "mid", "end"]


@dataclass(frozen=True)
class KpiContext:
    """What baselines and targets are computed from."""

    profile: CountryProfile
    horizon_start: int
    horizon_end: int
    benchmarks: Mapping[str, Benchmark]
    maturity: Mapping[str, Maturity]
    tiers: Mapping[str, TrainingTier]
    readiness: ReadinessView | None = None
    """The readiness index editions as they concern the country (None in bare tests)."""
    evidence: Evidence | None = None
    """Indicators from the bundled datasets (None in bare tests)."""
    late: int = 0
    """The last year an action producing the KPI is scheduled (0: none); see :meth:`by`."""

    def peer_named(self) -> str:
        """How targets name the peer group ("CDCC members"; "los miembros del CDCC")."""
        peer = self.readiness.peer if self.readiness is not None else None
        return peer.named if peer is not None else gettext("the peer group")

    def peer_mean_for(self) -> str:
        """How targets name the peer group's mean ("the mean for CDCC members")."""
        peer = self.readiness.peer if self.readiness is not None else None
        return peer.mean_for if peer is not None else gettext("the mean for the peer group")

    def by(self, year: int) -> int:
        """Return the year a target "by ``year``" falls due: never before the action ends.

        A strategy cannot be adopted before the action that drafts it ends, so a target
        due by a year falls due by :attr:`late` where that is later.
        """
        return max(year, self.late)

    @property
    def short_year(self) -> int:
        """Year a short-horizon target falls due (end of the first year)."""
        return self.horizon_start

    @property
    def mid_year(self) -> int:
        """Year a medium-horizon target falls due (third year, within the horizon)."""
        return min(self.horizon_start + 2, self.horizon_end)

    def due_year(self, due: Due) -> int:
        """Year a target falls due: the first, third or last year of the horizon."""
        return {"short": self.short_year, "mid": self.mid_year}.get(due, self.horizon_end)


def number_text(value: float) -> str:
    """Format a count with the locale's separators, and a fraction only when there is one."""
    if float(value).is_integer():
        return integer(value)
    return decimal(value, 2)


def source_year(profile: CountryProfile, source_id: str) -> int | None:
    """Return the year of the profile's source ``source_id`` (None if it is not registered)."""
    for source in profile.sources:
        if source.id == source_id:
            return source.year
    return None


def status_year(profile: CountryProfile, own: int | None, source_id: str) -> int | None:
    """Return the year a recorded status holds for: its own, its source's, or when it was checked.

    None when none of the three is recorded; the status is then shown as undated.
    """
    if own is not None:
        return own
    for source in profile.sources:
        if source.id == source_id:
            if source.year is not None:
                return source.year
            return source.accessed.year if source.accessed is not None else None
    return None


class Kind(BaseModel):
    """Base of every baseline and target kind: strict keys, immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def known_dimension(key: str) -> str:
    """Check that ``key`` is a benchmark key (``total``, a pillar or a dimension)."""
    if key not in BENCHMARK_KEYS:
        raise ValueError(f"must be one of {', '.join(BENCHMARK_KEYS)}")
    return key
