"""The group in the readiness index: ranking and trend 2022-2024, the 2025 position, dimensions.

The editions 2022-2024 share one framework (three pillars, ten dimensions), so a member's
scores in them can be compared and a change computed. The 2025 edition uses a new framework
(six pillars, weighted unequally): its scores are shown as a position of their own and never
subtracted from earlier ones. A member an edition omits is "not covered" in that edition.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from statistics import fmean

from strategygen.assess.groups import LAC_SUBREGIONS
from strategygen.assess.region.data import (
    COMPARABLE_YEARS,
    DATASET_OF_EDITION,
    LABELS,
    LATEST_YEAR,
    PILLARS_2020,
    PILLARS_2025,
    Scores,
    ranked,
    scores,
)
from strategygen.assess.region.model import (
    EditionCell,
    EditionSummary,
    HeatMap,
    HeatRow,
    Position,
    TrendRow,
    TrendSummary,
)
from strategygen.assess.region.sources import SourceBook


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(fmean(present), 2) if present else None


def group_ranks(values: Mapping[str, float]) -> dict[str, int]:
    """Rank codes by score, highest first; equal scores share a rank (1, 2, 2, 4)."""
    ordered = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
    out: dict[str, int] = {}
    for position, (code, value) in enumerate(ordered, start=1):
        tied = next((c for c, v in ordered if v == value), code)
        out[code] = out.get(tied, position)
    return out


def edition_summary(
    year: int, members: Sequence[str], names: Mapping[str, str], book: SourceBook
) -> EditionSummary:
    """Summarise one edition for the group: coverage, means, leader and last."""
    table = scores(year)
    rows = [table[c] for c in members if c in table]
    best = max(rows, key=lambda r: (r.total, r.iso3), default=None)
    worst = min(rows, key=lambda r: (r.total, r.iso3), default=None)
    lac = [r.total for r in table.values() if r.un_region in LAC_SUBREGIONS]
    return EditionSummary(
        year=year,
        framework="six-pillar" if year == LATEST_YEAR else "three-pillar",
        ranked=ranked(year),
        covered=len(rows),
        not_covered=tuple(names[c] for c in members if c not in table),
        group_mean=_mean([r.total for r in rows]),
        lac_mean=_mean(lac),
        world_mean=_mean([r.total for r in table.values()]),
        leader=names[best.iso3] if best else None,
        leader_score=best.total if best else None,
        last=names[worst.iso3] if worst else None,
        last_score=worst.total if worst else None,
        spread=round(best.total - worst.total, 2) if best and worst else None,
        ref=book.dataset(DATASET_OF_EDITION[year], f"readiness scores and ranks {year}"),
    )


def _cell(year: int, row: Scores | None, ranks: Mapping[str, int], covered: int) -> EditionCell:
    return EditionCell(
        year=year,
        covered=row is not None,
        total=row.total if row else None,
        rank=row.rank if row else None,
        ranked=ranked(year),
        group_rank=ranks.get(row.iso3) if row else None,
        group_ranked=covered,
    )


def trend(members: Sequence[str], names: Mapping[str, str]) -> tuple[TrendRow, ...]:
    """Each member's results 2022-2024, ordered by the latest comparable result.

    Members are ordered by their newest comparable score (highest first); a member that
    only earlier editions cover comes after those the 2024 edition covers.
    """
    ranks = {
        y: group_ranks({c: scores(y)[c].total for c in members if c in scores(y)})
        for y in COMPARABLE_YEARS
    }
    rows = []
    for code in members:
        cells = tuple(
            _cell(y, scores(y).get(code), ranks[y], len(ranks[y])) for y in COMPARABLE_YEARS
        )
        covered = [c for c in cells if c.covered]
        first, last = (covered[0], covered[-1]) if len(covered) >= 2 else (None, None)
        rows.append(
            TrendRow(
                code=code,
                name=names[code],
                cells=cells,
                change=(
                    round(last.total - first.total, 2)
                    if first and last and first.total is not None and last.total is not None
                    else None
                ),
                change_from=first.year if first else None,
                change_to=last.year if last else None,
                rank_change=(
                    first.rank - last.rank
                    if first and last and first.rank is not None and last.rank is not None
                    else None
                ),
            )
        )

    def order(row: TrendRow) -> tuple[int, float, str]:
        newest = next((c for c in reversed(row.cells) if c.covered), None)
        if newest is None or newest.total is None:
            return (len(COMPARABLE_YEARS), 0.0, row.name)
        return (COMPARABLE_YEARS[-1] - newest.year, -newest.total, row.name)

    return tuple(sorted(rows, key=order))


def trend_summary(rows: Sequence[TrendRow]) -> TrendSummary:
    """Count who rose and fell between the first and last comparable editions."""
    first, last = COMPARABLE_YEARS[0], COMPARABLE_YEARS[-1]
    both = [
        (row.name, row.change)
        for row in rows
        if row.change is not None and row.change_from == first and row.change_to == last
    ]
    ordered = sorted(both, key=lambda t: (-t[1], t[0]))
    return TrendSummary(
        first=first,
        last=last,
        compared=len(both),
        rising=tuple(n for n, c in ordered if c > 0),
        falling=tuple(n for n, c in reversed(ordered) if c < 0),
        gains=tuple((n, c) for n, c in ordered[:3] if c > 0),
        losses=tuple((n, c) for n, c in reversed(ordered) if c < 0),
        up_but_down=tuple(
            row.name
            for row in rows
            if row.change is not None
            and row.change > 0
            and row.rank_change is not None
            and row.rank_change < 0
        ),
        ranked=tuple(ranked(y) for y in COMPARABLE_YEARS),
    )


def latest_positions(members: Sequence[str], names: Mapping[str, str]) -> tuple[Position, ...]:
    """Each member's place in the newest edition (its own framework), highest score first."""
    table = scores(LATEST_YEAR)
    ranks = group_ranks({c: table[c].total for c in members if c in table})
    out = []
    for code in members:
        row = table.get(code)
        out.append(
            Position(
                code=code,
                name=names[code],
                covered=row is not None,
                total=row.total if row else None,
                rank=row.rank if row else None,
                ranked=ranked(LATEST_YEAR),
                group_rank=ranks.get(code),
                pillars=tuple(row.pillars.get(p) if row else None for p in PILLARS_2025),
            )
        )
    return tuple(sorted(out, key=lambda p: (p.total is None, -(p.total or 0.0), p.name)))


def latest_pillars() -> tuple[tuple[str, str, float], ...]:
    """(key, label, weight) of the newest edition's pillars, in the publisher's order."""
    return tuple((k, LABELS[k], w) for k, w in PILLARS_2025.items())


def _extremes(
    dims: Sequence[tuple[str, str]], means: Sequence[float | None]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    scored = sorted(
        ((m, i) for i, m in enumerate(means) if m is not None), key=lambda t: (-t[0], t[1])
    )
    top = tuple(dims[i][1] for _, i in scored[:2])
    bottom = tuple(dims[i][1] for _, i in reversed(scored[-2:]))
    return top, bottom


def heatmap(members: Sequence[str], names: Mapping[str, str], book: SourceBook) -> HeatMap:
    """Return the ten dimensions per member in its latest comparable edition.

    Each member's row comes from the newest 2022-2024 edition that covers it; the row
    says which edition that is. The group means are taken over the rows from the newest
    edition only, so a mean never mixes editions.
    """
    dims = tuple((d, LABELS[d]) for ds in PILLARS_2020.values() for d in ds)
    main = COMPARABLE_YEARS[-1]
    rows = []
    used: list[int] = []
    for code in members:
        year = next((y for y in reversed(COMPARABLE_YEARS) if code in scores(y)), None)
        row = scores(year).get(code) if year is not None else None
        if year is not None and year not in used:
            used.append(year)
        rows.append(
            HeatRow(
                code=code,
                name=names[code],
                edition=year,
                values=tuple(row.dimensions.get(d) if row else None for d, _ in dims),
            )
        )
    current = [r for r in rows if r.edition == main]
    means = tuple(_mean([r.values[i] for r in current]) for i in range(len(dims)))
    strongest, weakest = _extremes(dims, means)
    refs = tuple(
        book.dataset(DATASET_OF_EDITION[y], f"readiness dimension scores {y}")
        for y in sorted(used, reverse=True)
    )
    return HeatMap(
        edition=main,
        dimensions=dims,
        pillars=tuple((LABELS[p], len(ds)) for p, ds in PILLARS_2020.items()),
        rows=tuple(sorted(rows, key=lambda r: r.name)),
        means=means,
        strongest=strongest,
        weakest=weakest,
        refs=refs,
    )
