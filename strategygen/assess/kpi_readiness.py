"""KPI kinds read from the bundled data: readiness index scores and other country indicators.

The headline readiness KPI is defined on the framework in force (the 2025 edition) and names
the edition it will be read from; a dimension of the earlier framework is read, once retired,
from the nearest measure of the new one. Indicator KPIs (Internet use, e-government,
cybersecurity) take their baseline from the bundled datasets with year and source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from pydantic import field_validator

from strategygen.assess.datasets.readiness import EDITION_YEARS, FRAMEWORK_2025, scores
from strategygen.assess.kpi_context import Kind, KpiContext, known_dimension
from strategygen.assess.kpi_indicators import indicator_text
from strategygen.assess.model import Baseline
from strategygen.i18n import country_name, current
from strategygen.i18n.catalog import N_, gettext
from strategygen.i18n.formats import decimal
from strategygen.i18n.texts import Localised, local
from strategygen.inputs.profile import iso3166_pairs

#: The measures of the 2025 framework as a target names them in running text.
_MEASURE_WORDS: dict[str, str] = {
    "policy_capacity": N_("policy capacity"),
    "ai_infrastructure": N_("AI infrastructure"),
    "governance": N_("governance"),
    "public_sector_adoption": N_("public-sector adoption"),
    "development_diffusion": N_("development and diffusion"),
    "resilience": N_("resilience"),
    "policy_vision": N_("policy vision"),
    "policy_commitment": N_("policy commitment"),
    "compute_capacity": N_("compute capacity"),
    "enabling_technical_infrastructure": N_("enabling technical infrastructure"),
    "data_quality": N_("data quality"),
    "governance_principles": N_("governance principles"),
    "regulatory_compliance": N_("regulatory compliance"),
    "government_digital_policy": N_("government digital policy"),
    "e_government_delivery": N_("e-government delivery"),
    "human_capital": N_("human capital"),
    "ai_sector_maturity": N_("AI sector maturity"),
    "ai_technology_diffusion": N_("AI technology diffusion"),
    "societal_transition": N_("societal transition"),
    "safety_security": N_("safety and security"),
}


def leader_name(name: str) -> str:
    """Return a peer group leader's name (as the index spells it) in the document's language."""
    lang = current().code
    if lang == "en":
        return name
    for year in reversed(EDITION_YEARS):
        for row in scores(year).values():
            if row.country == name:
                iso2 = iso3166_pairs().get(row.iso3)
                return country_name(lang, iso2, name) if iso2 else name
    return name


def _first_assessment(year: int) -> tuple[str, int]:
    """Return the target where no readiness score exists: an assessment that gives one."""
    return (
        gettext("A first readiness assessment completed by %(year)s; targets set from its results")
        % {"year": year},
        year,
    )


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
            return Baseline(decimal(b.score, 2), analysis.year, analysis.source)
        r = ctx.profile.readiness
        if r.edition is None or r.source is None:
            return None
        return Baseline(decimal(b.score, 2), r.edition, r.source)


class ReadinessLatestBaseline(Kind):
    """The country's overall score in the newest edition (the framework in force)."""

    kind: Literal["readiness_latest"]

    def compute(self, ctx: KpiContext) -> Baseline | None:
        """Return the newest edition's total with that edition's year and dataset, or None."""
        latest = ctx.readiness.latest if ctx.readiness is not None else None
        if latest is None or latest.total is None:
            return None
        return Baseline(decimal(latest.total, 2), latest.year, latest.source)


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
        return Baseline(indicator_text(item, ctx.profile.code), item.year, item.source)


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
        end = ctx.by(ctx.horizon_end)
        if b is None or b.score is None:
            return _first_assessment(ctx.by(ctx.short_year + 1))
        view = ctx.readiness
        latest = view.latest if view is not None else None
        if self.dimension == "total" or view is None or latest is None:
            return relative_target(
                b.score,
                b.peer_mean,
                b.peer_leader,
                b.peer_leader_score,
                ctx.peer_named(),
                end,
                wider_means(ctx, b.means),
                ctx.peer_mean_for(),
            )
        # The earlier framework is no longer published: the target is set, and will be
        # read, on the nearest measure of the framework in force.
        item = next((m for m in view.latest_measures if m.key == self.successor), None)
        if item is None or item.score is None or self.successor is None:
            return (
                gettext(
                    "No measure of the %(year)s framework matches this dimension (baseline "
                    "from the %(edition)s edition): track it with national measures and report "
                    "every year to %(end)s"
                )
                % {"year": latest.year, "edition": b.edition, "end": ctx.horizon_end},
                0,
            )
        peer = view.peer
        text, year = relative_target(
            item.score,
            item.means.get(peer.key) if peer is not None else None,
            item.leader,
            item.leader_score,
            ctx.peer_named(),
            end,
            wider_means(ctx, item.means),
            ctx.peer_mean_for(),
        )
        label = gettext(_MEASURE_WORDS[self.successor])
        return (
            gettext("On %(measure)s as the %(year)s edition measures it (%(score)s): %(target)s")
            % {
                "measure": label,
                "year": latest.year,
                "score": decimal(item.score, 2),
                "target": text[0].lower() + text[1:],
            },
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
    mean_for: str | None = None,
) -> tuple[str, int]:
    """Half the gap to the peer group's mean if below it, else half the gap to its leader.

    ``group`` names the peer group ("CDCC members"; "los miembros del CDCC") and
    ``mean_for`` its mean ("the mean for CDCC members"), each as the document's language
    writes it (see ``Group.named`` and ``Group.mean_for``). A country that leads its peer
    group is measured against the wider comparison groups (``wider``: each group's mean
    phrase and value, narrowest first): it aims at the first mean it is still below. "Stay
    the best" was no target for a country whose weakest dimensions the same draft names.
    Above every mean, the target is to improve on the baseline.
    """
    if mean_for is None:
        mean_for = gettext("the mean for %(group)s") % {"group": group}
    if mean is not None and score < mean:
        goal = score + (mean - score) / 2
        return (
            gettext("Halve the gap to %(mean_for)s (%(mean)s) by %(end)s: %(goal)s")
            % {
                "mean_for": mean_for,
                "mean": decimal(mean, 2),
                "end": end,
                "goal": decimal(goal, 2),
            },
            end,
        )
    if leader is not None and leader_score is not None and leader_score > score:
        goal = score + (leader_score - score) / 2
        return (
            gettext(
                "Halve the gap to the peer group's best (%(leader)s, %(score)s) by %(end)s: "
                "%(goal)s"
            )
            % {
                "leader": leader_name(leader),
                "score": decimal(leader_score, 2),
                "end": end,
                "goal": decimal(goal, 2),
            },
            end,
        )
    for phrase, value in wider:
        if value > score:
            return (
                gettext("Already the best of %(group)s, so reach %(wider)s (%(mean)s) by %(end)s")
                % {"group": group, "wider": phrase, "mean": decimal(value, 2), "end": end},
                end,
            )
    return (
        gettext(
            "Already the best of %(group)s and above the mean of every comparison group: "
            "improve on %(score)s by %(end)s"
        )
        % {"group": group, "score": decimal(score, 2), "end": end},
        end,
    )


def wider_means(ctx: KpiContext, means: Mapping[str, float | None]) -> list[tuple[str, float]]:
    """Return the means of the groups wider than the peer group (phrase, value), narrowest first."""
    view = ctx.readiness
    if view is None or view.peer is None:
        return []
    keys = [g.key for g in view.groups]
    start = keys.index(view.peer.key) + 1 if view.peer.key in keys else 0
    out = []
    for group in view.groups[start:]:
        value = means.get(group.key)
        if value is not None:
            out.append((group.mean_for, value))
    return out


class ReadinessLatestTarget(Kind):
    """A target on the framework in force, read from the edition published in the last year."""

    kind: Literal["readiness_latest"]

    def compute(self, ctx: KpiContext) -> tuple[str, int]:
        """Return the target text, naming the edition it will be read from, and its year."""
        view = ctx.readiness
        end = ctx.by(ctx.horizon_end)
        latest = view.latest if view is not None else None
        if view is None or latest is None or latest.total is None:
            return _first_assessment(ctx.by(ctx.short_year + 1))
        total = next(m for m in view.latest_measures if m.key == "total")
        peer = view.peer
        mean = total.means.get(peer.key) if peer is not None else None
        text, year = relative_target(
            latest.total,
            mean,
            total.leader,
            total.leader_score,
            ctx.peer_named(),
            end,
            wider_means(ctx, total.means),
            ctx.peer_mean_for(),
        )
        return (
            gettext("%(target)s in the edition published in %(end)s (%(year)s framework)")
            % {"target": text, "end": ctx.horizon_end, "year": latest.year},
            year,
        )


class IndicatorTarget(Kind):
    """Half the gap to the peer-group mean, else higher than the baseline, in a named release."""

    kind: Literal["indicator"]
    indicator: IndicatorKey
    release: Localised
    """The publication the target is read from, for instance ``the UN E-Government Survey``
    (plain English or one entry per language)."""

    def compute(self, ctx: KpiContext) -> tuple[str, int]:
        """Return the target text, naming the release it is read from, and its year."""
        end = ctx.horizon_end
        release = local(self.release)
        item = ctx.evidence.get(self.indicator) if ctx.evidence is not None else None
        if item is None:
            return (
                gettext(
                    "A baseline from %(release)s by %(year)s; then higher in every release to "
                    "%(end)s"
                )
                % {"release": release, "year": ctx.short_year, "end": end},
                end,
            )
        mean = item.peer_mean
        if mean is not None and item.value < mean:
            goal = item.value + (mean - item.value) / 2
            digits = {"internet_users_pct": 1, "gov_effectiveness": 1, "gci": 2}.get(
                self.indicator, 3
            )
            return (
                gettext(
                    "Halve the gap to %(mean_for)s (%(mean)s) by %(end)s: %(goal)s in %(release)s"
                )
                % {
                    "mean_for": ctx.peer_mean_for(),
                    "mean": decimal(mean, digits),
                    "end": ctx.by(end),
                    "goal": decimal(goal, digits),
                    "release": release,
                },
                ctx.by(end),
            )
        return (
            gettext("Above the %(year)s baseline in %(release)s of %(end)s")
            % {"year": item.year, "release": release, "end": end},
            end,
        )
