"""The Government AI Readiness Index, every bundled edition (2022-2025), typed per framework.

Oxford Insights replaced the index's framework in 2025: the editions 2022-2024 share three
pillars and ten equally weighted dimensions, while 2025 has six pillars and fourteen
dimensions, weighted unequally. A 2025 score is therefore never a change from 2024; the
``Framework`` of each edition says which scores can be set side by side.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from strategygen.assess.datasets.files import num, table, whole
from strategygen.i18n.catalog import N_


@dataclass(frozen=True)
class Framework:
    """The structure of the index in a run of editions."""

    key: str
    name: str
    """How the document names it, for instance ``the 2025 framework (6 pillars, 14 dimensions)``."""
    pillars: Mapping[str, tuple[str, ...]]
    """Pillar -> its dimensions, in the publisher's order."""
    labels: Mapping[str, str]
    """Plain-English label of every pillar and dimension (2025's marked for translation)."""
    weights: Mapping[str, float] | None
    """Pillar weights in the total, or None where the total is the plain mean of the pillars."""

    @property
    def dimensions(self) -> tuple[str, ...]:
        """Every dimension, pillar by pillar."""
        return tuple(d for dims in self.pillars.values() for d in dims)


FRAMEWORK_2020 = Framework(
    key="three-pillar",
    name=N_("the three-pillar framework (3 pillars, 10 dimensions) used until 2024"),
    pillars={
        "government": ("vision", "governance_ethics", "digital_capacity", "adaptability"),
        "technology_sector": ("maturity", "innovation_capacity", "human_capital"),
        "data_infrastructure": ("infrastructure", "data_availability", "data_representativeness"),
    },
    labels={
        "government": "Government",
        "technology_sector": "Technology sector",
        "data_infrastructure": "Data and infrastructure",
        "vision": "Vision",
        "governance_ethics": "Governance and ethics",
        "digital_capacity": "Digital capacity",
        "adaptability": "Adaptability",
        "maturity": "Technology-sector maturity",
        "innovation_capacity": "Innovation capacity",
        "human_capital": "Human capital",
        "infrastructure": "Infrastructure",
        "data_availability": "Data availability",
        "data_representativeness": "Data representativeness",
    },
    weights=None,
)

FRAMEWORK_2025 = Framework(
    key="six-pillar",
    name=N_("the six-pillar framework (6 pillars, 14 dimensions) introduced in 2025"),
    pillars={
        "policy_capacity": ("policy_vision", "policy_commitment"),
        "ai_infrastructure": (
            "compute_capacity",
            "enabling_technical_infrastructure",
            "data_quality",
        ),
        "governance": ("governance_principles", "regulatory_compliance"),
        "public_sector_adoption": ("government_digital_policy", "e_government_delivery"),
        "development_diffusion": ("human_capital", "ai_sector_maturity", "ai_technology_diffusion"),
        "resilience": ("societal_transition", "safety_security"),
    },
    labels={
        "policy_capacity": N_("Policy capacity"),
        "ai_infrastructure": N_("AI infrastructure"),
        "governance": N_("Governance"),
        "public_sector_adoption": N_("Public-sector adoption"),
        "development_diffusion": N_("Development and diffusion"),
        "resilience": N_("Resilience"),
        "policy_vision": N_("Policy vision"),
        "policy_commitment": N_("Policy commitment"),
        "compute_capacity": N_("Compute capacity"),
        "enabling_technical_infrastructure": N_("Enabling technical infrastructure"),
        "data_quality": N_("Data quality"),
        "governance_principles": N_("Governance principles"),
        "regulatory_compliance": N_("Regulatory compliance"),
        "government_digital_policy": N_("Government digital policy"),
        "e_government_delivery": N_("E-government delivery"),
        "human_capital": N_("Human capital"),
        "ai_sector_maturity": N_("AI sector maturity"),
        "ai_technology_diffusion": N_("AI technology diffusion"),
        "societal_transition": N_("Societal transition"),
        "safety_security": N_("Safety and security"),
    },
    # Not printed in the data file: recovered from it by least squares (every row within
    # 0.0065 of the stated total), and consistent with third-party descriptions.
    weights={
        "policy_capacity": 0.10,
        "ai_infrastructure": 0.25,
        "governance": 0.15,
        "public_sector_adoption": 0.15,
        "development_diffusion": 0.25,
        "resilience": 0.10,
    },
)


@dataclass(frozen=True)
class Edition:
    """One published edition of the index."""

    year: int
    dataset: str
    """Catalogue id of the edition's data (``gairi2025``...), cited in the document."""
    file: str
    framework: Framework


EDITIONS: tuple[Edition, ...] = (
    Edition(2022, "gairi2022", "gairi_2022_scores.csv", FRAMEWORK_2020),
    Edition(2023, "gairi2023", "gairi_2023_scores.csv", FRAMEWORK_2020),
    Edition(2024, "gairi2024", "gairi_2024_scores.csv", FRAMEWORK_2020),
    Edition(2025, "gairi2025", "gairi_2025_scores.csv", FRAMEWORK_2025),
)
EDITION_YEARS: tuple[int, ...] = tuple(e.year for e in EDITIONS)
LATEST_EDITION: int = EDITIONS[-1].year


def edition(year: int) -> Edition:
    """Return the edition published for ``year``; a KeyError lists the bundled ones."""
    for item in EDITIONS:
        if item.year == year:
            return item
    raise KeyError(f"no bundled edition {year}; bundled: {', '.join(map(str, EDITION_YEARS))}")


def comparable_editions(year: int) -> tuple[int, ...]:
    """Return the editions on the same framework as ``year``, oldest first (``year`` included)."""
    framework = edition(year).framework
    return tuple(e.year for e in EDITIONS if e.framework is framework)


@dataclass(frozen=True)
class Scores:
    """One country's scores in one edition."""

    iso3: str
    country: str
    """The country's name as the edition spells it."""
    edition: int
    rank: int
    un_region: str
    """UN M49 sub-region (intermediate region where M49 has one), as in the data file."""
    total: float
    pillars: Mapping[str, float | None]
    dimensions: Mapping[str, float | None]
    """``None`` where the edition has no value (it says N/A); never a zero."""

    def value(self, key: str) -> float | None:
        """Return the total (``"total"``), a pillar or a dimension score."""
        if key == "total":
            return self.total
        if key in self.pillars:
            return self.pillars[key]
        return self.dimensions.get(key)


@cache
def scores(year: int) -> Mapping[str, Scores]:
    """Return every country's scores in the edition of ``year``, keyed by ISO alpha-3 code."""
    item = edition(year)
    framework = item.framework
    out: dict[str, Scores] = {}
    for row in table(item.file):
        rank, total = whole(row, "rank"), num(row, "total")
        if rank is None or total is None:
            raise ValueError(f"{item.file}: {row['iso3']} has no rank or total")
        out[row["iso3"]] = Scores(
            iso3=row["iso3"],
            country=row["country"],
            edition=year,
            rank=rank,
            un_region=row["un_region"],
            total=total,
            pillars={p: num(row, p) for p in framework.pillars},
            dimensions={d: num(row, d) for d in framework.dimensions},
        )
    return out


def ranked(year: int) -> int:
    """Return how many countries the edition of ``year`` ranks."""
    return len(scores(year))


def country_editions(code: str) -> dict[int, Scores | None]:
    """Return ``code``'s scores in every bundled edition; None where the edition omits it.

    A country missing from an edition is "not covered in that edition": callers must print
    it as such and never as a zero score.
    """
    return {year: scores(year).get(code) for year in EDITION_YEARS}
