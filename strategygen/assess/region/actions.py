"""Regional recommendations: shared work, each naming the members it serves and why.

Every action has a test a member passes to be served, computed from the bundled data and
the profiles, and the figures behind it are printed as the reason. A member whose facts are
not on record is listed as "to confirm", never as served or as not needing the action.
Dimension scores are compared with the group's mean in the same edition, so a member the
newest edition omits is judged against its own edition's mean.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean

from strategygen.assess.datasets import IMPUTED_OVER_40PCT
from strategygen.assess.region.data import COMPARABLE_YEARS, DATASET_OF_EDITION, LABELS, scores
from strategygen.assess.region.model import (
    LegalRow,
    RegionalAction,
    Served,
    StrategyRow,
)
from strategygen.assess.region.sources import SourceBook
from strategygen.inputs.profile import CountryProfile

#: Population below which a state is treated as a small administration for pooled services.
SMALL_STATE = 1_000_000

LAWS_OFF = frozenset({"none", "draft", "enacted_not_in_force", "partially_in_force"})
STRATEGY_OPEN = frozenset({"none", "announced", "in_preparation", "recommendations_only", "draft"})


@dataclass(frozen=True)
class Inputs:
    """What the actions are computed from, member by member (in the group's order)."""

    profiles: Sequence[CountryProfile]
    legal: Sequence[LegalRow]
    strategies: Sequence[StrategyRow]


@dataclass(frozen=True)
class DimensionValue:
    """A member's score on one dimension, with the group's mean in the same edition."""

    value: float
    year: int
    mean: float


def dimension(code: str, key: str, members: Sequence[str]) -> DimensionValue | None:
    """Return ``code``'s newest comparable score on ``key`` and that edition's group mean."""
    for year in reversed(COMPARABLE_YEARS):
        table = scores(year)
        row = table.get(code)
        if row is None:
            continue
        value = row.dimensions.get(key)
        peers = [
            v for c in members if c in table and (v := table[c].dimensions.get(key)) is not None
        ]
        if value is None or not peers:
            return None
        return DimensionValue(value, year, round(fmean(peers), 2))
    return None


def _below(code: str, key: str, members: Sequence[str]) -> str | None:
    """Say how far ``code`` is below the group mean on ``key``; None if not below."""
    d = dimension(code, key, members)
    if d is None or d.value >= d.mean:
        return None
    return f"{LABELS[key].lower()} {d.value:.2f} against a group mean of {d.mean:.2f} ({d.year})"


def _population(p: CountryProfile) -> tuple[int, int] | None:
    pop = p.context.population
    return (pop.value, pop.year) if pop is not None else None


def _join(parts: Sequence[str]) -> str:
    return "; ".join(parts)


def _edition_refs(book: SourceBook) -> tuple[int, ...]:
    return tuple(
        book.dataset(DATASET_OF_EDITION[y], f"readiness dimension scores {y}")
        for y in reversed(COMPARABLE_YEARS)
    )


def model_laws(data: Inputs, book: SourceBook) -> RegionalAction:
    """Model laws: members with a law of the matrix not (fully) in force."""
    served, confirm, partners = [], [], []
    for row in data.legal:
        off = [
            f"{c.law_label.lower()}: {c.label.lower()}" for c in row.cells if c.state in LAWS_OFF
        ]
        unknown = [
            c.law.replace("_", " ") for c in row.cells if c.state in ("unknown", "unverified")
        ]
        if off:
            served.append(Served(row.code, row.name, _join(off)))
        if unknown:
            confirm.append(Served(row.code, row.name, "not confirmed: " + ", ".join(unknown)))
        if all(c.state == "in_force" for c in row.cells):
            partners.append(Served(row.code, row.name, "all four laws in force"))
    return RegionalAction(
        key="model_laws",
        title="Model laws and legal harmonisation",
        aim=(
            "Draft model bills for data protection, cybercrime, access to information and "
            "electronic transactions once, with provisions for automated decisions, and help each "
            "member adapt and enact them; agree how supervisory authorities cooperate across "
            "borders."
        ),
        criterion=(
            "at least one of the four laws in draft, enacted but not in force, partly in force, "
            "or recorded as absent"
        ),
        served=tuple(served),
        to_confirm=tuple(confirm),
        partners=tuple(partners),
        precedent=(
            "The ITU and European Commission HIPCAR project (2008-2013) produced model texts for "
            "the region on cybercrime, electronic transactions and access to information, then "
            "helped countries transpose them."
        ),
        precedent_ref=book.reference("hipcar", "regional precedent for model laws"),
    )


def _dimension_action(
    key: str,
    title: str,
    aim: str,
    dims: Sequence[str],
    members: Sequence[str],
    names: Mapping[str, str],
    book: SourceBook,
    extra: Callable[[str], str | None] | None = None,
) -> RegionalAction:
    served, partners = [], []
    for code in members:
        reasons = [r for d in dims if (r := _below(code, d, members)) is not None]
        if extra is not None and reasons:
            more = extra(code)
            if more is None:
                continue
            reasons.insert(0, more)
        if reasons:
            served.append(Served(code, names[code], _join(reasons)))
    first = dims[0]
    # Partners lead on the first dimension and are not themselves served.
    served_codes = {s.code for s in served}
    above = [
        (d.value - d.mean, code, d)
        for code in members
        if code not in served_codes
        and (d := dimension(code, first, members)) is not None
        and d.value > d.mean
    ]
    for _, code, d in sorted(above, key=lambda t: (-t[0], t[1]))[:3]:
        partners.append(
            Served(code, names[code], f"{LABELS[first].lower()} {d.value:.2f} ({d.year})")
        )
    labels = " or ".join(LABELS[d].lower() for d in dims)
    return RegionalAction(
        key=key,
        title=title,
        aim=aim,
        criterion=f"a score below the group's mean on {labels} in the member's latest comparable "
        "edition",
        served=tuple(served),
        to_confirm=(),
        partners=tuple(partners),
        precedent=None,
        precedent_ref=None,
        refs=_edition_refs(book),
    )


def joint_training(
    members: Sequence[str], names: Mapping[str, str], book: SourceBook
) -> RegionalAction:
    """Joint training: members below the group mean on human capital or digital capacity."""
    return _dimension_action(
        "joint_training",
        "Joint training for public servants",
        "Run one regional AI and data literacy programme for civil servants, with shared course "
        "material, a common certificate and trainers who serve several administrations, so that "
        "no member has to build a full curriculum alone.",
        ("human_capital", "digital_capacity"),
        members,
        names,
        book,
    )


def shared_services(
    profiles: Sequence[CountryProfile], names: Mapping[str, str], book: SourceBook
) -> RegionalAction:
    """Shared services: small states below the group mean on infrastructure or data."""
    members = [p.code for p in profiles]
    pops = {p.code: _population(p) for p in profiles}

    def small(code: str) -> str | None:
        pop = pops.get(code)
        if pop is None or pop[0] >= SMALL_STATE:
            return None
        return f"population {pop[0]:,} ({pop[1]})"

    action = _dimension_action(
        "shared_services",
        "Shared digital services and computing",
        "Pool the services every administration needs but few can run alone: cloud hosting and "
        "computing capacity, a regional store of readiness indicators and datasets, and a shared "
        "unit that reviews the risks of AI systems before public bodies deploy them.",
        ("infrastructure", "data_availability"),
        members,
        names,
        book,
        extra=small,
    )
    refs = (*action.refs, *(r for p in profiles if (r := _pop_ref(p, book)) is not None))
    return _with(
        action,
        criterion=(
            f"a population under {SMALL_STATE:,} and a score below the group's mean on "
            "infrastructure or data availability in the member's latest comparable edition"
        ),
        refs=tuple(dict.fromkeys(refs)),
    )


def _pop_ref(p: CountryProfile, book: SourceBook) -> int | None:
    pop = p.context.population
    return book.profile(p, pop.source, "population") if pop is not None else None


def _with(action: RegionalAction, **changes: object) -> RegionalAction:
    from dataclasses import replace

    return replace(action, **changes)  # type: ignore[arg-type]


def common_procurement(
    members: Sequence[str], names: Mapping[str, str], book: SourceBook
) -> RegionalAction:
    """Propose common procurement to members whose technology sector is below the mean."""
    return _dimension_action(
        "common_procurement",
        "Common procurement of AI systems",
        "Buy AI systems, software licences and computing together under shared framework "
        "agreements with common contract clauses on data protection, transparency, audit rights "
        "and exit, which gives small buyers the terms that only large ones obtain alone.",
        ("maturity", "innovation_capacity"),
        members,
        names,
        book,
    )


def shared_evidence(
    members: Sequence[str],
    names: Mapping[str, str],
    strategies: Sequence[StrategyRow],
    book: SourceBook,
) -> RegionalAction:
    """Shared evidence: members with thin index coverage, and RAM status to confirm."""
    served, confirm, partners = [], [], []
    by_code = {s.code: s for s in strategies}
    for code in members:
        missing = [str(y) for y in COMPARABLE_YEARS if code not in scores(y)]
        reasons = []
        if missing:
            reasons.append("not covered by the index in " + " and ".join(missing))
        if code in IMPUTED_OVER_40PCT:
            reasons.append("over 40% of its 2023 indicator data estimated by the index")
        ram = by_code[code].ram
        if ram.state == "none":
            reasons.append("no UNESCO readiness assessment, per source")
        if reasons:
            served.append(Served(code, names[code], _join(reasons)))
        if ram.state == "unknown":
            confirm.append(Served(code, names[code], "UNESCO readiness assessment not on record"))
        elif ram.state in ("completed", "in_progress"):
            partners.append(Served(code, names[code], f"UNESCO assessment {ram.label.lower()}"))
    return RegionalAction(
        key="shared_evidence",
        title="Joint readiness assessments and shared indicators",
        aim=(
            "Coordinate UNESCO readiness assessments (RAM) across members, share the method and "
            "the team, and collect the indicators the index estimates or lacks for small states, "
            "so that every member can measure its progress from its own figures."
        ),
        criterion=(
            "thin coverage in the index (missing from an edition, or over 40% of its 2023 data "
            "estimated) or no UNESCO readiness assessment according to a cited source"
        ),
        served=tuple(served),
        to_confirm=tuple(confirm),
        partners=tuple(partners),
        precedent=None,
        precedent_ref=None,
        refs=_edition_refs(book),
    )


def peer_learning(strategies: Sequence[StrategyRow]) -> RegionalAction:
    """Peer learning: members without an adopted AI strategy, with those that have one."""
    served, confirm, partners = [], [], []
    for s in strategies:
        year = f" ({s.strategy.year})" if s.strategy.year else ""
        if s.strategy.state in STRATEGY_OPEN:
            served.append(Served(s.code, s.name, f"AI strategy: {s.strategy.label.lower()}{year}"))
        elif s.strategy.state == "unknown":
            confirm.append(Served(s.code, s.name, "AI strategy status not on record"))
        elif s.strategy.state == "adopted":
            title = s.strategy.title or "national AI strategy"
            partners.append(Served(s.code, s.name, f"adopted {title}{year}"))
    return RegionalAction(
        key="peer_learning",
        title="Peer learning on national AI strategies",
        aim=(
            "Pair members that are preparing or have not begun a national AI strategy with "
            "members that have adopted one, and share drafting templates, consultation methods "
            "and monitoring indicators."
        ),
        criterion="no adopted national AI strategy on a sourced record",
        served=tuple(served),
        to_confirm=tuple(confirm),
        partners=tuple(partners),
        precedent=None,
        precedent_ref=None,
    )


def regional_actions(
    data: Inputs, names: Mapping[str, str], book: SourceBook
) -> tuple[RegionalAction, ...]:
    """Every regional action, in the order the document presents them."""
    members = [p.code for p in data.profiles]
    return (
        joint_training(members, names, book),
        shared_services(data.profiles, names, book),
        common_procurement(members, names, book),
        model_laws(data, book),
        shared_evidence(members, names, data.strategies, book),
        peer_learning(data.strategies),
    )
