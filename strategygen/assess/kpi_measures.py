"""How a KPI's baseline and target are set for a country: the kinds the KPI catalogue names.

The catalogue (``strategygen/data/kpis.yaml``) is data; each entry picks a baseline kind and a
target kind by name (``kind: readiness_score``) with its parameters, and the models here compute
them (the kinds read from the bundled data are in ``kpi_readiness``). Baselines come from facts
in the profile or the bundled data (value, year, source id); where neither has one, the KPI has
no baseline and the assessment records a data gap. Targets are relative
moves (a stage up, half a gap closed, every production use case covered) or numbers computed
from supplied data with stated ratios; no absolute target is invented.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator

from strategygen.assess.kpi_context import (
    Due,
    Kind,
    KpiContext,
    number_text,
    source_year,
    status_year,
)
from strategygen.assess.kpi_readiness import (
    IndicatorBaseline,
    IndicatorTarget,
    ReadinessLatestBaseline,
    ReadinessLatestTarget,
    ReadinessScoreBaseline,
    ReadinessScoreTarget,
)
from strategygen.assess.model import Baseline
from strategygen.i18n.catalog import gettext
from strategygen.i18n.formats import percent
from strategygen.i18n.texts import Localised, local
from strategygen.words import words

__all__ = ["BaselineKind", "KpiContext", "TargetKind", "number_text"]

# ---------------------------------------------------------------------------------------------
# Baselines.


class AiStrategyBaseline(Kind):
    """The status (and title) of the national AI strategy."""

    kind: Literal["ai_strategy"]

    def compute(self, ctx: KpiContext) -> Baseline | None:
        """Return the status with its year (or its source's year), or None if unknown."""
        s = ctx.profile.institutions.ai_strategy
        if s is None:
            return None
        year = status_year(ctx.profile, s.year, s.source)
        label = words(s.status, "ai_strategy_status")
        return Baseline(f"{label}" + (f" ({s.title})" if s.title else ""), year, s.source)


class StrategyDeliveryBaseline(Kind):
    """Delivery of the strategy's own objectives or actions: none before a strategy exists."""

    kind: Literal["strategy_delivery"]

    def compute(self, ctx: KpiContext) -> Baseline | None:
        """Return "none yet" while the recorded AI strategy is not adopted, else None.

        An adopted strategy's delivery must be measured (a data gap); an unknown status gives
        no baseline either, since a strategy may exist.
        """
        s = ctx.profile.institutions.ai_strategy
        if s is None or s.status == "adopted":
            return None
        year = status_year(ctx.profile, s.year, s.source)
        return Baseline(gettext("none yet: no adopted strategy on record"), year, s.source)


class LawBaseline(Kind):
    """The status (and title) of one law in the profile's ``law`` block."""

    kind: Literal["law"]
    law: Literal["data_protection", "cybercrime"]

    def compute(self, ctx: KpiContext) -> Baseline | None:
        """Return the law's status with its year (or its source's year), or None if unknown.

        A law recorded without its status has no baseline: its title alone does not say
        where the indicator starts.
        """
        law = getattr(ctx.profile.law, self.law)
        if law is None or law.status is None:
            return None
        # An undated source still dates nothing, but the recorded status is the starting
        # point (Haiti's "no data protection law"): it is printed as undated, not dropped.
        year = status_year(ctx.profile, law.year, law.source)
        text = words(law.status, "law_state") + (f" ({law.title})" if law.title else "")
        return Baseline(text, year, law.source)


class LawAuthorityBaseline(Kind):
    """The body recorded as supervising a law (for data protection: the regulator)."""

    kind: Literal["law_authority"]
    law: Literal["data_protection"]

    def compute(self, ctx: KpiContext) -> Baseline | None:
        """Return the authority's name with its source's year, or None if none is recorded."""
        law = getattr(ctx.profile.law, self.law)
        if law is None or law.authority is None:
            return None
        year = source_year(ctx.profile, law.source) or law.year
        if year is None:
            return None
        return Baseline(
            gettext("in place (%(authority)s)") % {"authority": law.authority}, year, law.source
        )


class CivilServiceCountBaseline(Kind):
    """A civil-service count, optionally with its share of the headcount."""

    kind: Literal["civil_service_count"]
    count: Literal["ai_trained", "digital_specialists"]
    share_of_headcount: bool = False

    def compute(self, ctx: KpiContext) -> Baseline | None:
        """Return the count (and share) with its year and source, or None if not recorded."""
        cs = ctx.profile.civil_service
        count = getattr(cs, self.count)
        if count is None:
            return None
        text = number_text(count.value)
        if self.share_of_headcount and cs.headcount is not None and cs.headcount.value > 0:
            share = percent(count.value / cs.headcount.value, 1)
            text = gettext("%(count)s (%(share)s of headcount)") % {"count": text, "share": share}
        return Baseline(text, count.year, count.source)


def _inventory_source(ctx: KpiContext) -> tuple[int, str] | None:
    psai = ctx.profile.public_sector_ai
    if psai.use_cases is None:
        return None
    ids = [psai.use_cases_source] if psai.use_cases_source else []
    ids += sorted({c.source for c in psai.use_cases})
    years = [y for i in ids if (y := source_year(ctx.profile, i)) is not None]
    if not ids or not years:
        return None
    return max(years), ids[0]


class UseCasesBaseline(Kind):
    """A measure of the public-sector AI use-case inventory."""

    kind: Literal["use_cases"]
    measure: Literal["in_production", "in_pilot", "production_with_baseline_share"]

    def compute(self, ctx: KpiContext) -> Baseline | None:
        """Return the measure with the inventory's year and source, or None without one."""
        found = _inventory_source(ctx)
        cases = ctx.profile.public_sector_ai.use_cases
        if found is None or cases is None:
            return None
        year, source = found
        production = [c for c in cases if c.stage == "production"]
        if self.measure == "in_production":
            return Baseline(number_text(len(production)), year, source)
        if self.measure == "in_pilot":
            pilots = sum(1 for c in cases if c.stage == "pilot")
            return Baseline(number_text(pilots), year, source)
        if not production:
            return None
        share = sum(1 for c in production if c.baseline_measured) / len(production)
        return Baseline(percent(share), year, source)


BaselineKind = Annotated[
    ReadinessScoreBaseline
    | ReadinessLatestBaseline
    | IndicatorBaseline
    | AiStrategyBaseline
    | StrategyDeliveryBaseline
    | LawBaseline
    | LawAuthorityBaseline
    | CivilServiceCountBaseline
    | UseCasesBaseline,
    Field(discriminator="kind"),
]


# ---------------------------------------------------------------------------------------------
# Targets: each returns (text, year due); a year of 0 means "every year to the horizon's end".


class AiStrategyTarget(Kind):
    """Adoption by a formal instrument, or a refresh of a strategy already adopted."""

    kind: Literal["ai_strategy"]

    def compute(self, ctx: KpiContext) -> tuple[str, int]:
        """Return the target text and its year."""
        s = ctx.profile.institutions.ai_strategy
        year = ctx.by(ctx.short_year)
        if s is not None and s.status == "adopted":
            text = gettext(
                "A refreshed strategy, informed by an evaluation of the current one, adopted by "
                "%(year)s"
            )
        else:
            text = gettext("Strategy adopted by a formal government instrument by %(year)s")
        return text % {"year": year}, year


class DataProtectionLawTarget(Kind):
    """The next step from the recorded status: confirm it, enact, complete, or enforce."""

    kind: Literal["data_protection_law"]

    def compute(self, ctx: KpiContext) -> tuple[str, int]:
        """Return the target text and its year (never a step the record shows is done)."""
        law = ctx.profile.law.data_protection
        status = law.status if law is not None else None
        if status == "in_force":
            return (
                gettext("In force and enforced; the authority reports every year to %(end)s")
                % {"end": ctx.horizon_end},
                0,
            )
        if status is None:
            year = ctx.by(ctx.short_year)
            return (
                gettext(
                    "Status confirmed from the official gazette by %(year)s; the target is then "
                    "the next step it shows"
                )
                % {"year": year},
                year,
            )
        year = ctx.by(ctx.mid_year)
        if status == "none":
            text = gettext("A comprehensive law enacted and in force by %(year)s")
        else:
            text = gettext("Every provision in force by %(year)s")
        return text % {"year": year}, year


class DataProtectionAuthorityTarget(Kind):
    """An authority appointed and working, or yearly reporting where one is recorded."""

    kind: Literal["data_protection_authority"]

    def compute(self, ctx: KpiContext) -> tuple[str, int]:
        """Return the target text and its year."""
        law = ctx.profile.law.data_protection
        if law is not None and law.authority is not None:
            return (
                gettext(
                    "Staffed and funded for its caseload; publishes complaints and enforcement "
                    "figures every year to %(end)s"
                )
                % {"end": ctx.horizon_end},
                0,
            )
        year = ctx.by(ctx.mid_year)
        return (
            gettext("Authority appointed, staffed and receiving complaints by %(year)s")
            % {"year": year},
            year,
        )


class TextTarget(Kind):
    """A fixed phrase with ``{year}`` filled from the horizon (one entry per language)."""

    kind: Literal["text"]
    text: Localised
    due: Due = "end"

    @field_validator("text")
    @classmethod
    def _has_year(cls, text: Localised) -> Localised:
        # The year is the only substitution; any other brace would print as written. The
        # translations keep the English text's placeholders (checked as they are read).
        if "{year}" not in text or text.replace("{year}", "").count("{"):
            raise ValueError("must contain {year} (where the due year goes) and no other {...}")
        return text

    def compute(self, ctx: KpiContext) -> tuple[str, int]:
        """Return the phrase with its due year filled in, and that year.

        A phrase due "by" its year falls due no earlier than the action producing it ends;
        one that runs "to" or starts "from" its year keeps it.
        """
        year = ctx.due_year(self.due)
        if "by {year}" in self.text:
            year = ctx.by(year)
        return local(self.text).replace("{year}", str(year)), year


class TrainingTierTarget(Kind):
    """The number to train in one tier of the civil-service training plan."""

    kind: Literal["training_tier"]
    tier: Literal["awareness", "leaders", "practitioners", "specialists"]
    phrase: Localised
    """What is counted, in running text ("civil servants trained"; one entry per language)."""
    due: Literal["mid", "end"]

    def compute(self, ctx: KpiContext) -> tuple[str, int]:
        """Return the tier's target text and its year."""
        year = ctx.by(ctx.due_year(self.due))
        t = ctx.tiers.get(self.tier)
        phrase = local(self.phrase)
        if t is None:
            return (gettext("Tier target by %(year)s") % {"year": year}, year)
        if t.target is None:
            return (
                gettext(
                    "%(share)s of headcount (%(phrase)s) by %(year)s; the number is set once the "
                    "headcount is known"
                )
                % {"share": percent(t.ratio), "phrase": phrase, "year": year},
                year,
            )
        return (
            gettext("%(count)s %(phrase)s by %(year)s (%(basis)s)")
            % {"count": number_text(t.target), "phrase": phrase, "year": year, "basis": t.basis},
            year,
        )


TargetKind = Annotated[
    ReadinessScoreTarget
    | ReadinessLatestTarget
    | IndicatorTarget
    | AiStrategyTarget
    | DataProtectionLawTarget
    | DataProtectionAuthorityTarget
    | TextTarget
    | TrainingTierTarget,
    Field(discriminator="kind"),
]
