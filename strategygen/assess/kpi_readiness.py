"""KPI kinds read from the bundled data: readiness index scores and other country indicators.

The headline readiness KPI is defined on the framework in force (the 2025 edition) and names
the edition it will be read from; a dimension of the earlier framework is read, once retired,
from the nearest measure of the new one. Indicator KPIs (Internet use, e-government,
cybersecurity) take their baseline from the bundled datasets with year and source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Literal

from pydantic import Field, field_validator

from strategygen.assess.datasets.readiness import FRAMEWORK_2025
from strategygen.assess.kpi_context import Kind, KpiContext, known_dimension
from strategygen.assess.model import Baseline


class ReadinessScoreBaseline(Kind):
    """The country's score in the readiness index (overall, a pillar or a dimension)."""

    kind: Literal["readiness_score"]
    dimension: str

    _check = field_validator("dimension")(known_dimension)

    def compute(self, ctx: KpiContext) -> Baseline | None:
        """Return the score with the edition it comes from and its source, or None."""
        b = ctx.benchmarks.get(self.dimension)
        if b is None or b.score is None:
            return None
        analysis = ctx.readiness.analysis if ctx.readiness is not None else None
        if analysis is not None:
            return Baseline(f"{b.score:.2f}", analysis.year, analysis.source)
        r = ctx.profile.readiness
        if r.edition is None or r.source is None:
            return None
        return Baseline(f"{b.score:.2f}", r.edition, r.source)


class ReadinessLatestBaseline(Kind):
    """The country's overall score in the newest edition (the framework in force)."""

    kind: Literal["readiness_latest"]

    def compute(self, ctx: KpiContext) -> Baseline | None:
        """Return the newest edition's total with that edition's year and dataset, or None."""
        latest = ctx.readiness.latest if ctx.readiness is not None else None
        if latest is None or latest.total is None:
            return None
        return Baseline(f"{latest.total:.2f}", latest.year, latest.source)


IndicatorKey = Literal["internet_users_pct", "egdi", "osi", "gci", "gtmi", "gov_effectiveness"]


class IndicatorBaseline(Kind):
    """A figure from a bundled dataset (UN E-Government Survey, WDI, ITU GCI...)."""

    kind: Literal["indicator"]
    indicator: IndicatorKey

    def compute(self, ctx: KpiContext) -> Baseline | None:
        """Return the figure with its year and dataset, or None where the data has none."""
        item = ctx.evidence.get(self.indicator) if ctx.evidence is not None else None
        if item is None:
            return None
        return Baseline(item.text, item.year, item.source)


class ReadinessScoreTarget(Kind):
    """Half the gap to the peer group's mean if below it, else half the gap to its leader."""

    kind: Literal["readiness_score"]
    dimension: str
    successor: str | None = None
    """The nearest measure of the framework in force, where the target's measure is retired."""

    _check = field_validator("dimension")(known_dimension)

    @field_validator("successor")
    @classmethod
    def _known_successor(cls, key: str | None) -> str | None:
        if key is not None and key not in FRAMEWORK_2025.labels:
            raise ValueError(f"must be one of {', '.join(FRAMEWORK_2025.labels)}")
        return key

    def compute(self, ctx: KpiContext) -> tuple[str, int]:
        """Return the target text and its year, naming where progress will be read."""
        b = ctx.benchmarks.get(self.dimension)
        end = ctx.horizon_end
        if b is None or b.score is None:
            return (
                f"A first readiness assessment completed by {ctx.short_year + 1}; "
                "targets set from its results",
                ctx.short_year + 1,
            )
        view = ctx.readiness
        latest = view.latest if view is not None else None
        if self.dimension == "total" or view is None or latest is None:
            return relative_target(
                b.score,
                b.peer_mean,
                b.peer_leader,
                b.peer_leader_score,
                ctx.peer_label(),
                end,
                wider_means(ctx, b.means),
            )
        # The earlier framework is no longer published: the target is set, and will be
        # read, on the nearest measure of the framework in force.
        item = next((m for m in view.latest_measures if m.key == self.successor), None)
        if item is None or item.score is None or self.successor is None:
            return (
                f"No measure of the {latest.year} framework matches this dimension "
                f"(baseline from the {b.edition} edition): track it with national measures "
                f"and report every year to {end}",
                0,
            )
        peer = view.peer
        text, year = relative_target(
            item.score,
            item.means.get(peer.key) if peer is not None else None,
            item.leader,
            item.leader_score,
            ctx.peer_label(),
            end,
            wider_means(ctx, item.means),
        )
        label = FRAMEWORK_2025.labels[self.successor].lower()
        return (
            f"On {label} as the {latest.year} edition measures it ({item.score:.2f}): "
            f"{text[0].lower()}{text[1:]}",
            year,
        )


def relative_target(
    score: float,
    mean: float | None,
    leader: str | None,
    leader_score: float | None,
    group: str,
    end: int,
    wider: Sequence[tuple[str, float]] = (),
) -> tuple[str, int]:
    """Half the gap to the peer group's mean if below it, else half the gap to its leader.

    A country that leads its peer group is measured against the wider comparison groups
    (``wider``: each group's phrase and mean, narrowest first): it aims at the first mean
    it is still below. "Stay the best" was no target for a country whose weakest dimensions
    the same draft names. Above every mean, the target is to improve on the baseline.
    """
    if mean is not None and score < mean:
        goal = score + (mean - score) / 2
        return (f"Halve the gap to the mean for {group} ({mean:.2f}) by {end}: {goal:.2f}", end)
    if leader is not None and leader_score is not None and leader_score > score:
        goal = score + (leader_score - score) / 2
        return (
            f"Halve the gap to the peer group's best ({leader}, {leader_score:.2f}) by {end}: "
            f"{goal:.2f}",
            end,
        )
    for phrase, value in wider:
        if value > score:
            return (
                f"Already the best of {group}, so reach the mean for {phrase} "
                f"({value:.2f}) by {end}",
                end,
            )
    return (
        f"Already the best of {group} and above the mean of every comparison group: "
        f"improve on {score:.2f} by {end}",
        end,
    )


def wider_means(ctx: KpiContext, means: Mapping[str, float | None]) -> list[tuple[str, float]]:
    """Return the comparison groups wider than the peer group with their means, narrowest first."""
    view = ctx.readiness
    if view is None or view.peer is None:
        return []
    keys = [g.key for g in view.groups]
    start = keys.index(view.peer.key) + 1 if view.peer.key in keys else 0
    out = []
    for group in view.groups[start:]:
        value = means.get(group.key)
        if value is not None:
            out.append((group.phrase, value))
    return out


class ReadinessLatestTarget(Kind):
    """A target on the framework in force, read from the edition published in the last year."""

    kind: Literal["readiness_latest"]

    def compute(self, ctx: KpiContext) -> tuple[str, int]:
        """Return the target text, naming the edition it will be read from, and its year."""
        view = ctx.readiness
        end = ctx.horizon_end
        latest = view.latest if view is not None else None
        if view is None or latest is None or latest.total is None:
            return (
                f"A first readiness assessment completed by {ctx.short_year + 1}; "
                "targets set from its results",
                ctx.short_year + 1,
            )
        total = next(m for m in view.latest_measures if m.key == "total")
        peer = view.peer
        mean = total.means.get(peer.key) if peer is not None else None
        text, year = relative_target(
            latest.total,
            mean,
            total.leader,
            total.leader_score,
            ctx.peer_label(),
            end,
            wider_means(ctx, total.means),
        )
        return (f"{text} in the edition published in {end} ({latest.year} framework)", year)


class IndicatorTarget(Kind):
    """Half the gap to the peer-group mean, else higher than the baseline, in a named release."""

    kind: Literal["indicator"]
    indicator: IndicatorKey
    release: Annotated[str, Field(min_length=1)]
    """The publication the target is read from, for instance ``the UN E-Government Survey``."""

    def compute(self, ctx: KpiContext) -> tuple[str, int]:
        """Return the target text, naming the release it is read from, and its year."""
        end = ctx.horizon_end
        item = ctx.evidence.get(self.indicator) if ctx.evidence is not None else None
        if item is None:
            return (
                f"A baseline from {self.release} by {ctx.short_year}; then higher in every "
                f"release to {end}",
                end,
            )
        mean = item.peer_mean
        if mean is not None and item.value < mean:
            goal = item.value + (mean - item.value) / 2
            digits = {"internet_users_pct": 1, "gov_effectiveness": 1, "gci": 2}.get(
                self.indicator, 3
            )
            return (
                f"Halve the gap to the mean for {ctx.peer_label()} ({mean:.{digits}f}) by "
                f"{end}: {goal:.{digits}f} in {self.release}",
                end,
            )
        return (
            f"Above the {item.year} baseline in {self.release} of {end}",
            end,
        )
