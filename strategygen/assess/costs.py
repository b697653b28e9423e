"""Cost bands scaled to the country: orders of magnitude for consultation, never budgets.

Each action carries a band from ``strategygen/data/cost_bands.yaml`` (effort in staff-years plus
other spending). The effort is scaled by the country's population and priced from its GDP per
capita, both facts with a year and source; the assumptions are printed beside the figures.
Without GDP per capita a band is shown in staff-years only, and the draft asks for the figure.
The budget chapter totals the estimates by year and pillar.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from strategygen.i18n import current
from strategygen.i18n.catalog import pgettext
from strategygen.i18n.formats import decimal, integer
from strategygen.i18n.texts import Localised, local
from strategygen.inputs.datafile import load_data_file
from strategygen.inputs.profile import CountryProfile
from strategygen.resources import data_file

Range = tuple[float, float]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BandSpec(_Strict):
    """One cost band as written in the data file."""

    key: Annotated[str, Field(pattern=r"^[A-Z]$")]
    label: Localised
    """Text fields take plain English or one entry per language ({en: ..., es: ...})."""
    staff_years: tuple[float, float]
    other: tuple[float, float]
    basis: Localised
    training: bool = False
    """True for the training programme, costed from the tiers when the headcount is known."""


class StaffYearSpec(_Strict):
    """How a staff-year is priced from GDP per capita."""

    gdp_multiple: float
    floor_usd: float
    basis: Localised


class SizeFactor(_Strict):
    """Effort multiplier for countries with a population below ``below`` (None: any size)."""

    below: int | None
    factor: float


class TierSpec(_Strict):
    """Days of learning per person in a training tier, and the delivery cost multiple."""

    days: tuple[float, float]
    delivery: float


class CostFile(_Strict):
    """The cost-band data file."""

    staff_year: StaffYearSpec
    working_days: int
    size_factors: list[SizeFactor]
    bands: list[BandSpec]
    training: dict[str, TierSpec]


@cache
def cost_data() -> CostFile:
    """Return the validated cost-band data (located errors; texts in every language given)."""
    return load_data_file(
        data_file("cost_bands.yaml"),
        CostFile,
        "cost-band file",
        item_key="key",
        strict=False,
        bundled=True,
    )


def band_keys() -> tuple[str, ...]:
    """Return the keys of the defined bands (``A``..``D``, and ``T`` for training)."""
    return tuple(b.key for b in cost_data().bands)


def round2(value: float) -> float:
    """Round to two significant figures: estimates must not look more precise than they are."""
    if value <= 0:
        return 0.0
    digits = 1 - math.floor(math.log10(value))
    return float(round(value, digits))


@dataclass(frozen=True)
class CostBasis:
    """What a country's estimates are computed from, with the facts' years and sources."""

    staff_year_usd: float | None
    gdp_per_capita: float | None
    gdp_year: int | None
    gdp_source: str | None
    population: int | None
    population_year: int | None
    population_source: str | None
    size_factor: float
    staff_year_basis: str
    size_steps: tuple[tuple[int | None, float], ...] = ()
    """The population steps of the size scale: (below, factor); None is the open top step."""

    @property
    def priced(self) -> bool:
        """True when amounts in US$ can be computed (GDP per capita is known)."""
        return self.staff_year_usd is not None


@dataclass(frozen=True)
class CostEstimate:
    """An action's cost band, its scaled effort and (when priced) its US$ range."""

    band: str
    label: str
    staff_years: Range
    usd: Range | None
    basis: str


@dataclass(frozen=True)
class TierCost:
    """The cost of one civil-service training tier: learners' time and delivery."""

    key: str
    people: int | None
    days: Range
    due_year: int
    learner_time_usd: Range | None
    delivery_usd: Range | None


def size_factor(population: int | None) -> float:
    """Return the effort multiplier for a population (1 when the population is unknown)."""
    if population is None:
        return 1.0
    for step in cost_data().size_factors:
        if step.below is None or population < step.below:
            return step.factor
    return 1.0


def cost_basis(profile: CountryProfile) -> CostBasis:
    """Compute the staff-year price and size factor from the profile's population and GDP."""
    spec = cost_data().staff_year
    ctx = profile.context
    gdp = ctx.gdp_per_capita_usd
    pop = ctx.population
    rate = max(spec.gdp_multiple * gdp.value, spec.floor_usd) if gdp is not None else None
    return CostBasis(
        staff_year_usd=round2(rate) if rate is not None else None,
        gdp_per_capita=gdp.value if gdp else None,
        gdp_year=gdp.year if gdp else None,
        gdp_source=gdp.source if gdp else None,
        population=pop.value if pop else None,
        population_year=pop.year if pop else None,
        population_source=pop.source if pop else None,
        size_factor=size_factor(pop.value if pop else None),
        staff_year_basis=" ".join(local(spec.basis).split()).replace(
            "{floor}", integer(spec.floor_usd)
        ),
        size_steps=tuple((step.below, step.factor) for step in cost_data().size_factors),
    )


def estimate(band: str, basis: CostBasis) -> CostEstimate:
    """Return the scaled estimate for ``band`` (a key of the cost-band data).

    Raises:
        KeyError: For a band the data does not define (the rule loader rejects those first).

    """
    spec = {b.key: b for b in cost_data().bands}[band]
    lo = spec.staff_years[0] * basis.size_factor
    hi = spec.staff_years[1] * basis.size_factor
    usd: Range | None = None
    if basis.staff_year_usd is not None:
        usd = (
            round2(lo * basis.staff_year_usd * (1 + spec.other[0])),
            round2(hi * basis.staff_year_usd * (1 + spec.other[1])),
        )
    # Worded in the document's language (the assessment runs inside it).
    return CostEstimate(
        band, local(spec.label), (round(lo, 2), round(hi, 2)), usd, local(spec.basis)
    )


def training_estimate(tiers: Iterable[TierCost], basis: CostBasis) -> CostEstimate:
    """Cost the training programme as the delivery cost of every tier, else band ``T``.

    The learners' own time is a real cost but not a budget line, so it is shown with the tiers
    and left out of the programme's estimate.
    """
    fallback = estimate("T", basis)
    rows = list(tiers)
    if not rows or any(t.delivery_usd is None for t in rows):
        return fallback
    lo = round2(sum(t.delivery_usd[0] for t in rows if t.delivery_usd))
    hi = round2(sum(t.delivery_usd[1] for t in rows if t.delivery_usd))
    staff = basis.staff_year_usd or 1.0
    return CostEstimate(
        "T",
        fallback.label,
        (round(lo / staff, 2), round(hi / staff, 2)),
        (lo, hi),
        "delivery of the four training tiers to the numbers computed from the headcount",
    )


def tier_costs(
    people: Mapping[str, int | None], due: Mapping[str, int], basis: CostBasis
) -> tuple[TierCost, ...]:
    """Cost each training tier from its number of people (None when the headcount is unknown).

    Args:
        people: Tier key -> people to train.
        due: Tier key -> year the tier's target falls due.
        basis: The country's cost basis.

    """
    data = cost_data()
    day = basis.staff_year_usd / data.working_days if basis.staff_year_usd else None
    out = []
    for key, n in people.items():
        spec = data.training[key]
        time_usd = delivery = None
        if n is not None and day is not None:
            time_usd = (round2(n * spec.days[0] * day), round2(n * spec.days[1] * day))
            delivery = (
                round2(n * spec.days[0] * day * spec.delivery),
                round2(n * spec.days[1] * day * spec.delivery),
            )
        out.append(TierCost(key, n, spec.days, due[key], time_usd, delivery))
    return tuple(out)


@dataclass(frozen=True)
class BudgetTable:
    """Estimated spending by pillar and year (US$ ranges), with totals."""

    years: tuple[int, ...]
    rows: tuple[tuple[str, tuple[Range, ...], Range], ...]
    totals: tuple[Range, ...]
    total: Range


def budget_table(items: Iterable[tuple[str, int, int, Range]], years: Iterable[int]) -> BudgetTable:
    """Spread each (pillar, first year, last year, US$ range) evenly over its years and total.

    Years outside ``years`` are dropped (an action never runs beyond the strategy period).
    """
    span = tuple(years)
    per: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    for pillar, first, last, (lo, hi) in items:
        run = [y for y in range(first, last + 1) if y in span] or [span[-1]]
        for y in run:
            cell = per[pillar][y]
            cell[0] += lo / len(run)
            cell[1] += hi / len(run)
    rows = []
    for pillar in per:
        cells = tuple((round2(per[pillar][y][0]), round2(per[pillar][y][1])) for y in span)
        row_total = (
            round2(sum(per[pillar][y][0] for y in span)),
            round2(sum(per[pillar][y][1] for y in span)),
        )
        rows.append((pillar, cells, row_total))
    totals = tuple(
        (round2(sum(per[p][y][0] for p in per)), round2(sum(per[p][y][1] for p in per)))
        for y in span
    )
    total = (
        round2(sum(per[p][y][0] for p in per for y in span)),
        round2(sum(per[p][y][1] for p in per for y in span)),
    )
    return BudgetTable(span, tuple(rows), totals, total)


def _amount(value: float) -> str:
    """Format an amount without its currency, in the country's locale.

    Millions keep one decimal where there is one (``1.2m``; ``1,2 M`` in French). English
    writes thousands as ``45k``; Spanish, French and Dutch write them in full, rounded to the
    thousand (``45,000`` in the Dominican Republic, ``45 000`` in Haiti, ``45.000`` in
    Suriname), "k" being English shorthand.
    """
    if value >= 1_000_000:
        millions = float(f"{value / 1_000_000:.1f}")
        number = integer(millions) if millions.is_integer() else decimal(millions, 1)
        return pgettext("money", "%(amount)sm") % {"amount": number}
    if value >= 1_000:
        if current().code == "en":
            return f"{integer(value / 1_000)}k"
        return integer(round(value, -3))
    return integer(value)


def _currency(amount: str) -> str:
    return pgettext("money", "US$%(amount)s") % {"amount": amount}


def money(value: float) -> str:
    """Format US$ with a k/m suffix: ``US$45k``, ``US$1.2m`` (``1,2 M USD`` in French)."""
    return _currency(_amount(value))


def money_range(rng: Range | None) -> str | None:
    """Format a US$ range (``US$45k–120k`` style), or None when it is not priced."""
    if rng is None:
        return None
    lo, hi = rng
    return _currency(f"{_amount(lo)}\u2013{_amount(hi)}")
