"""The KPI catalogue: read from ``strategygen/data/kpis.yaml`` once per process and checked.

Each entry says what is measured and names, by kind, how its baseline and target are computed
(see ``kpi_measures``). A mistake in the file is reported with its line and column.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from strategygen.assess.kpi_measures import BaselineKind, KpiContext, TargetKind
from strategygen.assess.model import Baseline
from strategygen.i18n.texts import Localised
from strategygen.inputs.datafile import load_data_file
from strategygen.resources import data_file

_KPI_ID = r"^K[0-9]{2}(\.[a-z_]+)?$"


class KpiSpec(BaseModel):
    """One catalogue entry: what is measured, how often, and how to set its baseline and target."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=_KPI_ID)]
    name: Localised
    """Text fields take plain English or one entry per language ({en: ..., es: ...})."""
    unit: Localised
    area: Literal[
        "strategy", "safeguards", "infrastructure", "skills", "innovation", "public_sector"
    ]
    level: Literal["input", "activity", "output", "outcome", "impact"]
    frequency: Localised
    baseline: BaselineKind | None = None
    """None: no profile field gives a baseline, so the KPI is always a data gap."""
    target: TargetKind
    collect: Localised
    """How to obtain the baseline where the profile has none (shown in the data-gap list)."""

    def baseline_for(self, ctx: KpiContext) -> Baseline | None:
        """Return the country's baseline, or None where the profile does not give one."""
        return self.baseline.compute(ctx) if self.baseline is not None else None

    def target_for(self, ctx: KpiContext) -> tuple[str, int]:
        """Return the target text and the year it falls due (0: every year to the end)."""
        return self.target.compute(ctx)


class KpiFile(BaseModel):
    """The catalogue file: a list of KPI entries with unique ids."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kpis: Annotated[list[KpiSpec], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_ids(self) -> KpiFile:
        seen: set[str] = set()
        for spec in self.kpis:
            if spec.id in seen:
                raise ValueError(f"KPI id {spec.id} appears twice")
            seen.add(spec.id)
        return self


def load_catalogue(path: Path, *, bundled: bool = False) -> Mapping[str, KpiSpec]:
    """Read and check a KPI catalogue file; return its entries by id.

    Raises:
        ProfileError: With every problem found, each located by line and column (a text
            lacking a language declared complete included).

    """
    parsed = load_data_file(path, KpiFile, "KPI catalogue", strict=False, bundled=bundled)
    return MappingProxyType({spec.id: spec for spec in parsed.kpis})


@cache
def catalogue() -> Mapping[str, KpiSpec]:
    """Return the shipped KPI catalogue, read and checked on first use."""
    return load_catalogue(data_file("kpis.yaml"), bundled=True)
