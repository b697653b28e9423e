"""A country's KPIs (from the catalogue) and the civil-service training tiers.

The catalogue itself is data (``strategygen/data/kpis.yaml``, read by ``kpi_catalogue``); how
each baseline and target is computed is in ``kpi_measures``. Baselines come only from facts in
the profile; where the profile has none, the KPI has no baseline and the assessment records a
data gap.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import replace

from strategygen.assess.kpi_catalogue import catalogue
from strategygen.assess.kpi_measures import KpiContext, number_text
from strategygen.assess.model import DataGap, Kpi, TrainingTier
from strategygen.i18n.catalog import N_, gettext
from strategygen.i18n.formats import percent
from strategygen.i18n.texts import local
from strategygen.inputs.profile import CountryProfile
from strategygen.words import words

__all__ = [
    "DEFAULT_RATIOS",
    "READINESS_KPI",
    "TIER_CAPS",
    "KpiContext",
    "build_kpis",
    "kpi_ref",
    "kpi_sort_key",
    "training_tiers",
]

# Training-tier ratios of civil-service headcount, and minimum sizes. They are planning
# assumptions, not published standards: no source gives Caribbean-specific ratios, so the
# document prints them as adjustable assumptions.
AWARENESS_RATIO = 1.0
LEADERS_RATIO = 0.03
PRACTITIONERS_RATIO = 0.10
SPECIALISTS_RATIO = 0.02
SPECIALISTS_MINIMUM = 5
# Caps on the targeted tiers. A headcount of all central-government employees counts teachers,
# police and health staff (the Dominican Republic's 618,687 does), and ratios meant for the
# administrative civil service then ask for thousands of specialists no training system or labour
# market could supply in one strategy period. The caps are planning assumptions like the ratios,
# sized to what one national programme can train or recruit in about six years.
TIER_CAPS: dict[str, int | None] = {
    "awareness": None,
    "leaders": 1500,
    "practitioners": 5000,
    "specialists": 500,
}

DEFAULT_RATIOS: dict[str, float] = {
    "awareness": AWARENESS_RATIO,
    "leaders": LEADERS_RATIO,
    "practitioners": PRACTITIONERS_RATIO,
    "specialists": SPECIALISTS_RATIO,
}
TIER_MINIMUMS: dict[str, int] = {
    "awareness": 0,
    "leaders": 0,
    "practitioners": 0,
    "specialists": SPECIALISTS_MINIMUM,
}
# The foundations tier reaches everyone the headcount counts: say who that is.
_FOUNDATIONS_AUDIENCE: dict[str, str] = {
    "central_government": N_("every central-government employee"),
    "public_sector": N_("every public-sector employee"),
}
_TIER_TEXT: dict[str, tuple[str, str]] = {
    "awareness": (N_("Foundations and awareness"), N_("every civil servant")),
    "leaders": (N_("Leaders"), N_("senior civil servants and heads of agencies")),
    "practitioners": (
        N_("Practitioners"),
        N_("policy, operations, procurement, legal and HR staff who use or commission AI"),
    ),
    "specialists": (
        N_("Specialists"),
        N_("data scientists, data engineers, machine-learning engineers and data ethicists"),
    ),
}

# The readiness-total KPI is in every country's set.
READINESS_KPI = "K01"


def kpi_ref(kpi_id: str) -> str:
    """Return the id a document prints for a KPI: ``K01.vision`` reads ``K01.1``.

    The catalogue names the readiness index's dimension indicators after the dimension
    (``K01.data_availability``) so that rules can cite them by meaning; printed, that
    would be a raw code in the results framework. Each one is numbered instead by its
    place among its siblings in the catalogue (the index's own order of dimensions); a
    plain id (``K25``) or one the catalogue does not hold prints as it is.
    """
    head, _, tail = kpi_id.partition(".")
    if not tail:
        return kpi_id
    siblings = [kid for kid in catalogue() if kid.startswith(f"{head}.")]
    if kpi_id not in siblings:
        return kpi_id
    return f"{head}.{siblings.index(kpi_id) + 1}"


def kpi_sort_key(kpi_id: str) -> tuple[int, int, str]:
    """Order KPI ids as printed (K01 < K01.1 < K01.2 < K10 < K54)."""
    head, _, tail = kpi_id.partition(".")
    ref = kpi_ref(kpi_id)
    number = int(ref.partition(".")[2]) if ref != kpi_id else 0
    return int(head[1:]), number, tail


def training_tiers(
    profile: CountryProfile, ratios: Mapping[str, float] | None = None
) -> tuple[TrainingTier, ...]:
    """Compute the four training tiers' targets from the civil-service headcount.

    Args:
        profile: The validated country profile.
        ratios: Optional overrides of ``DEFAULT_RATIOS`` (tier key -> share of headcount, 0-1).

    Returns:
        Awareness, leaders, practitioners and specialists tiers; ``target`` is None when the
        headcount is unknown.

    Raises:
        ValueError: If ``ratios`` names an unknown tier or a share outside 0-1 (a programming
            error, not a data problem).

    """
    merged = dict(DEFAULT_RATIOS)
    for key, value in (ratios or {}).items():
        if key not in merged:
            raise ValueError(f"unknown training tier {key!r}; known: {', '.join(merged)}")
        if not 0 <= value <= 1:
            raise ValueError(f"ratio for {key!r} must be between 0 and 1 (got {value})")
        merged[key] = float(value)
    headcount = profile.civil_service.headcount
    out: list[TrainingTier] = []
    for key, ratio in merged.items():
        label, audience = (gettext(text) for text in _TIER_TEXT[key])
        if (
            key == "awareness"
            and headcount is not None
            and headcount.scope in _FOUNDATIONS_AUDIENCE
        ):
            audience = gettext(_FOUNDATIONS_AUDIENCE[headcount.scope])
        minimum = TIER_MINIMUMS[key]
        floor_text = gettext(", minimum %(minimum)s") % {"minimum": minimum} if minimum else ""
        share = percent(ratio)
        cap = TIER_CAPS[key]
        capped = False
        if headcount is None:
            target = None
            basis = gettext(
                "%(share)s of civil-service headcount%(floor)s; headcount not recorded"
            ) % {"share": share, "floor": floor_text}
        else:
            target = max(minimum, math.ceil(ratio * headcount.value - 1e-9))
            if cap is not None and target > cap:
                target, capped = cap, True
            # Say what the headcount counts: a public-sector figure is not a civil service.
            scope = f", {words(headcount.scope, 'headcount_scope')}" if headcount.scope else ""
            about = (
                gettext("%(share)s of a headcount of about %(count)s")
                if headcount.approximate
                else gettext("%(share)s of a headcount of %(count)s")
            )
            basis = (about % {"share": share, "count": number_text(headcount.value)}) + (
                f" ({headcount.year}{scope}){floor_text}"
            )
            if capped:
                basis += gettext(", capped at %(cap)s") % {"cap": number_text(cap or 0)}
        out.append(TrainingTier(key, label, audience, ratio, minimum, target, basis, cap, capped))
    return tuple(out)


def build_kpis(
    ids: Iterable[str],
    ctx: KpiContext,
    responsible: Mapping[str, str | None],
    due: Mapping[str, int] | None = None,
) -> tuple[tuple[Kpi, ...], tuple[DataGap, ...]]:
    """Build the KPI records for ``ids`` and a data gap for each missing baseline.

    Args:
        ids: KPI ids from the catalogue (unknown ids are ignored; the rule loader rejects them).
        ctx: Profile, horizon, benchmarks, maturity and training tiers.
        responsible: KPI id -> body responsible (from the owner of the first rule naming it).
        due: KPI id -> the last year in which an action that produces it is scheduled; a
            target never falls due before that year (a strategy cannot be adopted before the
            action that drafts it ends).

    Returns:
        (KPIs sorted by id, data gaps for KPIs without a baseline).

    """
    kpis: list[Kpi] = []
    gaps: list[DataGap] = []
    specs = catalogue()
    for kid in sorted(set(ids) & set(specs), key=kpi_sort_key):
        spec = specs[kid]
        baseline = spec.baseline_for(ctx)
        # A target due "by" a year falls due no earlier than the action that produces it.
        target, year = spec.target_for(replace(ctx, late=(due or {}).get(kid, 0)))
        kpis.append(
            Kpi(
                id=spec.id,
                name=local(spec.name),
                unit=local(spec.unit),
                area=spec.area,
                level=spec.level,
                baseline=baseline,
                target=target,
                target_year=year or ctx.horizon_end,
                frequency=local(spec.frequency),
                responsible=responsible.get(kid),
            )
        )
        if baseline is None:
            gaps.append(
                DataGap(
                    path=f"kpi.{kid}",
                    label=gettext("baseline for %(kpi)s: %(name)s")
                    % {"kpi": kpi_ref(kid), "name": local(spec.name)},
                    section="monitoring",
                    action=local(spec.collect),
                )
            )
    return tuple(kpis), tuple(gaps)
