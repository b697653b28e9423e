"""Plausible ranges for the numbers a profile states about a country.

The model checks types and signs; this module catches numbers that are well typed but cannot
be true of any country (a population of 10^39, a GDP per capita of a billion dollars), which
would otherwise flow into training targets, costs and charts. Every number anywhere in a
profile must also stay below :data:`ABSURD`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

#: No count, amount or score in a profile can reach this (it catches 1e300-style typos).
ABSURD = 1e12

#: (lowest, highest, what) for the numbers with a known plausible range, by field path.
#: The highest values leave room above today's extremes (India's and China's populations,
#: Monaco's GDP per capita, the largest civil services).
RANGES: dict[tuple[str, ...], tuple[float, float, str]] = {
    ("context", "population", "value"): (1, 2_000_000_000, "a population"),
    ("context", "gdp_per_capita_usd", "value"): (50, 500_000, "a GDP per capita in US dollars"),
    ("civil_service", "headcount", "value"): (1, 100_000_000, "a civil-service headcount"),
    ("civil_service", "digital_specialists", "value"): (
        0,
        10_000_000,
        "a number of digital specialists",
    ),
    ("civil_service", "ai_trained", "value"): (0, 100_000_000, "a number of trained officials"),
    ("readiness", "rank"): (1, 250, "a rank among the world's countries"),
    ("readiness", "ranked_countries"): (1, 250, "a number of ranked countries"),
}

Finding = tuple[tuple[str, ...], str, str]


def implausible(profile: BaseModel) -> Iterator[Finding]:
    """Yield ``(field path, message, value)`` for every number outside its plausible range."""
    for loc, value in _numbers(profile, ()):
        if (isinstance(value, float) and not math.isfinite(value)) or abs(value) >= ABSURD:
            yield loc, f"{_show(value)} is not a plausible value; check the number", _show(value)
            continue
        bounds = RANGES.get(loc)
        if bounds is not None:
            low, high, what = bounds
            if not low <= value <= high:
                yield (
                    loc,
                    f"{value:,} is not plausible as {what} (expected {low:,.0f} to {high:,.0f}); "
                    "check the number and its unit",
                    _show(value),
                )


def _show(value: float) -> str:
    """Print a number briefly; an integer too large for a float is described by its digits."""
    if isinstance(value, int):
        return f"a {len(str(abs(value)))}-digit number" if abs(value) >= 10**15 else str(value)
    return f"{value:g}"


def _numbers(node: Any, loc: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], int | float]]:
    """Yield every int and float (not bool) in a validated model, with its field path."""
    if isinstance(node, bool) or node is None:
        return
    if isinstance(node, (int, float)):
        yield loc, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _numbers(getattr(node, name), (*loc, name))
    elif isinstance(node, (list, tuple)):
        for i, item in enumerate(node):
            yield from _numbers(item, (*loc, str(i)))
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from _numbers(item, (*loc, str(key)))
