"""Priority sectors for AI, chosen from the country's economy and risk data, with reasons.

A candidate sector (``strategygen/data/sectors.yaml``) is proposed when one of its evidence
series reaches its threshold; the reason printed is the figure itself, with its year and
source. A drafter's sectors in the profile take precedence: they are kept in the drafter's
order, given the matching figures and uses where a candidate matches, and the data's own
proposals are listed beside them for consultation. A figure more than ``OLD_AFTER`` years
older than the build is flagged as old, so the draft asks for a newer one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from strategygen.assess.economy import INFORM, Figure, figures_for, risk_for
from strategygen.assess.model import FiredRule, Trigger
from strategygen.i18n import formats
from strategygen.i18n.catalog import N_, gettext
from strategygen.i18n.texts import Localised, local
from strategygen.inputs.datafile import load_data_file
from strategygen.inputs.profile import CountryProfile
from strategygen.resources import data_file

#: A figure whose year is more than this many years before the build year is flagged as old.
OLD_AFTER = 5
#: At most this many sectors are proposed from the data.
MAX_SECTORS = 3
#: Strength is capped so that one extreme figure does not decide the order alone.
MAX_STRENGTH = 3.0
#: Tourism figures for these years fall in the pandemic and understate a normal year.
PANDEMIC_YEARS = frozenset({2020, 2021})

# Risk-file series that sectors may test, besides the economy file's columns.
RISK_SERIES: dict[str, tuple[str, str]] = {
    "inform_hazard_exposure": (N_("INFORM hazard and exposure score"), N_("on a 0-10 scale")),
    "ndgain_vulnerability": (N_("ND-GAIN climate vulnerability score"), N_("on a 0-1 scale")),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class UseSpec(_Strict):
    """One concrete AI use in a sector."""

    use: Localised
    value: Localised
    risks: Localised


class EvidenceSpec(_Strict):
    """A data series and the threshold at which it selects the sector."""

    series: str
    threshold: float
    above: bool = True


class SectorSpec(_Strict):
    """A candidate sector as written in the data file."""

    key: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    name: Localised
    short: Localised
    """Lower-case name for running text (``financial services and remittances``)."""
    owner: Annotated[str, Field(min_length=1)]
    essential: bool
    """Whether the sector stays in the plan in a fragile context (livelihoods, basic needs)."""
    action: Localised
    aliases: list[str]
    evidence: Annotated[list[EvidenceSpec], Field(min_length=1)]
    uses: Annotated[list[UseSpec], Field(min_length=1)]


class SectorFile(_Strict):
    """The candidate-sector data file."""

    sectors: list[SectorSpec]


@dataclass(frozen=True)
class SectorUse:
    """A concrete use of AI in a sector, with the public value it could create and its risks."""

    use: str
    value: str
    risks: str


@dataclass(frozen=True)
class Evidence:
    """One figure tested for a sector, and whether it met the threshold."""

    series: str
    figure: Figure
    threshold: float
    above: bool
    met: bool
    old: bool
    pandemic: bool

    @property
    def strength(self) -> float:
        """How far the figure is past its threshold: 1 exactly at it, at most ``MAX_STRENGTH``.

        A weight in the economy counts as its multiple of the threshold; a shortfall (``above``
        false) as one plus the share of the threshold still missing, so a near-zero value
        cannot outrank every weight in the economy.
        """
        if self.above:
            ratio = self.figure.value / self.threshold if self.threshold else 0.0
        else:
            ratio = 1 + (self.threshold - self.figure.value) / self.threshold
        return min(ratio, MAX_STRENGTH)

    @property
    def statement(self) -> str:
        """The figure as a clause: ``international tourism receipts: 48.1% of total exports``."""
        return f"{self.figure.name}: {self.figure.text()}"


@dataclass(frozen=True)
class Sector:
    """A priority sector of the draft, with why it was chosen and what AI could do in it."""

    key: str
    name: str
    short: str
    origin: Literal["data", "drafter"]
    owner_domain: str
    evidence: tuple[Evidence, ...]
    uses: tuple[SectorUse, ...]
    action: str = ""
    """What the draft recommends for the sector (empty for a drafter's sector the data lacks)."""
    essential: bool = True
    """Whether the sector's action stays in the plan in a fragile context."""
    rationale: str | None = None
    source_id: str | None = None

    @property
    def decisive(self) -> tuple[Evidence, ...]:
        """The figures that met their threshold, strongest first."""
        return tuple(sorted((e for e in self.evidence if e.met), key=lambda e: -e.strength))

    @property
    def has_old_figure(self) -> bool:
        """True when a figure behind this sector is old."""
        return any(e.old for e in self.decisive)


@dataclass(frozen=True)
class SectorPlan:
    """The sectors a draft prioritises and every candidate considered, with its figures."""

    chosen: tuple[Sector, ...]
    considered: tuple[Sector, ...]
    drafter_led: bool
    deferred: tuple[Sector, ...] = ()
    """Chosen sectors whose action waits in a crisis: the draft names them only as deferred."""

    @property
    def suggested(self) -> tuple[Sector, ...]:
        """Sectors the data proposes that a drafter's list leaves out."""
        keys = {s.key for s in (*self.chosen, *self.deferred)}
        return tuple(s for s in self.considered if s.decisive and s.key not in keys)

    def in_crisis(self) -> SectorPlan:
        """Return the plan a fragile context keeps: non-essential sectors move to ``deferred``.

        Their actions are deferred in a crisis, so the draft's lists of priority sectors
        (summary, context, goals, evaluation questions) must not name them as priorities.
        """
        return replace(
            self,
            chosen=tuple(s for s in self.chosen if s.essential),
            deferred=tuple(s for s in self.chosen if not s.essential),
        )

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Ids of the bundled sources the chosen and considered sectors' figures cite."""
        ids = {e.figure.source_id for s in self.considered for e in s.evidence}
        ids |= {e.figure.source_id for s in self.chosen for e in s.evidence}
        return tuple(sorted(ids))


@cache
def catalogue() -> tuple[SectorSpec, ...]:
    """Return the candidate sectors from the bundled data file (validated, every language).

    Raises:
        ProfileError: A located fault in the file (``sectors[tourism].uses[0].value.es``).

    """
    return tuple(
        load_data_file(
            data_file("sectors.yaml"), SectorFile, "sector file", item_key="key", bundled=True
        ).sectors
    )


def _figure(iso3: str, series: str) -> Figure | None:
    if series in RISK_SERIES:
        risk = risk_for(iso3)
        if risk is None:
            return None
        label, unit = RISK_SERIES[series]
        if series == "inform_hazard_exposure":
            return Figure(risk.hazard_exposure, risk.year, INFORM, label, unit)
        fig = risk.ndgain_vulnerability
        return Figure(fig.value, fig.year, fig.source_id, label, unit) if fig else None
    return figures_for(iso3).get(series)


def _evidence(iso3: str, spec: SectorSpec, build_year: int) -> tuple[Evidence, ...]:
    out = []
    for ev in spec.evidence:
        fig = _figure(iso3, ev.series)
        if fig is None:
            continue
        met = fig.value >= ev.threshold if ev.above else fig.value <= ev.threshold
        out.append(
            Evidence(
                series=ev.series,
                figure=fig,
                threshold=ev.threshold,
                above=ev.above,
                met=met,
                old=build_year - fig.year > OLD_AFTER,
                pandemic=ev.series == "tourism_receipts_pct_exports" and fig.year in PANDEMIC_YEARS,
            )
        )
    return tuple(out)


def _uses(spec: SectorSpec) -> tuple[SectorUse, ...]:
    # Worded in the document's language: the assessment runs inside it.
    return tuple(SectorUse(local(u.use), local(u.value), local(u.risks)) for u in spec.uses)


def match(name: str) -> SectorSpec | None:
    """Return the candidate sector a drafter's sector name refers to, if any."""
    words = f" {re.sub(r'[^a-z0-9]+', ' ', name.lower()).strip()} "
    for spec in catalogue():
        if any(f" {alias} " in words for alias in spec.aliases):
            return spec
    return None


def choose_sectors(profile: CountryProfile, build_year: int) -> SectorPlan:
    """Choose the draft's priority sectors from the profile and the bundled data.

    Args:
        profile: The validated country profile.
        build_year: Year of the build, to flag figures that are old.

    Returns:
        The chosen sectors (the drafter's when the profile lists any, else the data's, strongest
        first, at most ``MAX_SECTORS``) and every candidate with the figures the data has.

    """
    iso3 = profile.identity.iso3
    considered = tuple(
        Sector(
            key=spec.key,
            name=local(spec.name),
            short=local(spec.short),
            origin="data",
            owner_domain=spec.owner,
            evidence=_evidence(iso3, spec, build_year),
            uses=_uses(spec),
            action=local(spec.action),
            essential=spec.essential,
        )
        for spec in catalogue()
    )
    by_key = {s.key: s for s in considered}
    if profile.priority_sectors:
        chosen = []
        for sec in profile.priority_sectors:
            spec = match(sec.name)
            known = by_key.get(spec.key) if spec else None
            chosen.append(
                Sector(
                    key=spec.key if spec else re.sub(r"[^a-z0-9]+", "_", sec.name.lower()),
                    name=sec.name,
                    short=sec.name.lower() if not sec.name.isupper() else sec.name,
                    origin="drafter",
                    owner_domain=spec.owner if spec else "economy",
                    evidence=known.evidence if known else (),
                    uses=known.uses if known else (),
                    action=known.action if known else "",
                    essential=known.essential if known else True,
                    rationale=sec.rationale,
                    source_id=sec.source,
                )
            )
        return SectorPlan(tuple(chosen), considered, drafter_led=True)
    ranked = sorted(
        (s for s in considered if s.decisive),
        key=lambda s: (-s.decisive[0].strength, s.key),
    )
    return SectorPlan(tuple(ranked[:MAX_SECTORS]), considered, drafter_led=False)


def _threshold(value: float) -> str:
    """Return a sector threshold in the locale, with the decimals it has ("0.45", "8")."""
    text = f"{value:g}"
    digits = len(text.partition(".")[2])
    return formats.decimal(value, digits) if digits else formats.integer(value)


def _finding(sector: Sector) -> str:
    if sector.origin == "drafter":
        why = sector.rationale or gettext(
            "the drafter names it a priority; the reasons are to be set out"
        )
        lead = gettext("%(sector)s is a priority sector chosen by the drafter: %(why)s") % {
            "sector": sector.name,
            "why": why,
        }
        if not sector.decisive:
            return lead.rstrip(".") + "."
        return (
            gettext("%(lead)s; the bundled data agrees.") % {"lead": lead.rstrip(".")}
            + " "
            + _figures(sector)
        )
    return gettext("The data make %(sector)s a priority.") % {"sector": sector.short} + (
        " " + _figures(sector)
    )


def _figures(sector: Sector) -> str:
    parts = []
    for ev in sector.decisive:
        fig = ev.figure
        values = {"figure": fig.heading, "value": fig.text(), "year": fig.year}
        if ev.old and ev.pandemic:
            clause = gettext(
                "%(figure)s stood at %(value)s in %(year)s, the latest year the series has; a "
                "newer national figure is needed (a pandemic year, which may not represent a "
                "normal one)."
            )
        elif ev.old:
            clause = gettext(
                "%(figure)s stood at %(value)s in %(year)s, the latest year the series has; a "
                "newer national figure is needed."
            )
        elif ev.pandemic:
            clause = gettext(
                "%(figure)s stood at %(value)s in %(year)s (a pandemic year, which may not "
                "represent a normal one)."
            )
        else:
            clause = gettext("%(figure)s stood at %(value)s in %(year)s.")
        parts.append(clause % values)
    return " ".join(parts)


def sector_actions(plan: SectorPlan) -> tuple[FiredRule, ...]:
    """Turn each chosen sector into an action of the economy pillar (led by its ministry)."""
    out = []
    for sector in plan.chosen:
        rid = "SEC-" + sector.key.split("_")[0].upper()
        action = sector.action or gettext(
            "Agree with the ministry, firms and researchers of the %(sector)s sector two AI "
            "pilots with a measured baseline, and the rules for the data they use"
        ) % {"sector": sector.short}
        triggers = tuple(
            Trigger(
                f"data: {e.series}",
                f"{e.figure.value:g} ({e.figure.year})",
                (gettext("at least %(threshold)s") if e.above else gettext("at most %(threshold)s"))
                % {"threshold": _threshold(e.threshold)},
            )
            for e in sector.decisive
        ) or (Trigger("priority_sectors", sector.name, gettext("named by the drafter")),)
        out.append(
            FiredRule(
                id=rid,
                area="innovation",
                pillar="economy",
                priority="medium",
                horizon="medium",
                finding=_finding(sector),
                recommendation=action + ".",
                owner=None,
                kpis=("K60",),
                depends_on=(),
                evidence=gettext(
                    "Sector choice from the country's economy and risk data (World Bank "
                    "WDI, ILO, INFORM); uses from strategygen/data/sectors.yaml"
                ),
                library="sectors.yaml",
                triggers=triggers,
                lead_domain=sector.owner_domain if sector.owner_domain else "economy",
                title=(gettext("AI in %(sector)s") % {"sector": sector.short})[:70],
                defer_in_crisis=not sector.essential,
                cost_band="B",
            )
        )
    return tuple(out)
