"""The rule-file model: conditions (leaves and ``all``/``any``/``not``) and rules.

A rule's condition is data, never code: leaves compare one value with a constant using a
fixed set of operators, and ``all``/``any``/``not`` combine them. Every path, operator,
placeholder and KPI id is checked when the file is validated.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from strategygen.assess.checklist import CHECKLIST
from strategygen.assess.costs import band_keys
from strategygen.assess.kpi_catalogue import catalogue
from strategygen.assess.model import Area, Horizon, Priority
from strategygen.assess.owners import ROLES
from strategygen.assess.pillars import LEGACY_PILLARS, PILLAR_KEYS
from strategygen.assess.rules.paths import path_type
from strategygen.assess.rules.placeholders import PLACEHOLDER, PLACEHOLDERS
from strategygen.i18n.texts import Localised

Op = Literal["eq", "ne", "in", "not_in", "lt", "le", "gt", "ge", "missing", "present"]
Scalar = bool | int | float | str

_RULE_ID = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$"
#: The longest short name of an action, in any language.
TITLE_LIMIT = 70
CHECKLIST_PATHS: tuple[str, ...] = tuple(item.path for item in CHECKLIST)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Leaf(_Strict):
    """Compare the value at one condition path with a constant."""

    path: Annotated[str, Field(alias="fact")]
    """The condition path (see ``paths``); rule files write it under the key ``fact``."""
    op: Op
    value: Scalar | list[Scalar] | None = None

    @field_validator("path")
    @classmethod
    def _known_path(cls, path: str) -> str:
        path_type(path)
        return path

    @model_validator(mode="after")
    def _consistent(self) -> Leaf:
        tp = path_type(self.path)
        if self.op in ("missing", "present"):
            if self.value is not None:
                raise ValueError(f"op {self.op!r} takes no value")
            return self
        if self.value is None:
            raise ValueError(f"op {self.op!r} needs a value")
        if self.op in ("in", "not_in"):
            if not isinstance(self.value, list) or not self.value:
                raise ValueError(f"op {self.op!r} needs a non-empty list of values")
            values: list[Scalar] = list(self.value)
        else:
            if isinstance(self.value, list):
                raise ValueError(f"op {self.op!r} needs a single value, not a list")
            values = [self.value]
        if self.op in ("lt", "le", "gt", "ge"):
            if isinstance(self.value, bool) or not isinstance(self.value, int | float):
                raise ValueError(f"op {self.op!r} needs a number (got {self.value!r})")
            return self
        if typing.get_origin(tp) is Literal:
            allowed = typing.get_args(tp)
            bad = [v for v in values if v not in allowed]
            if bad:
                raise ValueError(
                    f"value {bad[0]!r} can never occur at {self.path}; allowed: "
                    + ", ".join(str(a) for a in allowed)
                )
        if tp is bool and any(not isinstance(v, bool) for v in values):
            raise ValueError(f"{self.path} is true or false (got {self.value!r})")
        return self


class AllOf(_Strict):
    """True when every condition holds."""

    all_: Annotated[list[Condition], Field(alias="all", min_length=1)]


class AnyOf(_Strict):
    """True when at least one condition holds."""

    any_: Annotated[list[Condition], Field(alias="any", min_length=1)]


class NotOf(_Strict):
    """True when the condition does not hold."""

    not_: Annotated[Condition, Field(alias="not")]


def _tag(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("fact", "all", "any", "not"):
            if key in value:
                return "leaf" if key == "fact" else key
        return None
    tags: dict[type, str] = {Leaf: "leaf", AllOf: "all", AnyOf: "any", NotOf: "not"}
    return tags.get(type(value))


Condition = Annotated[
    Annotated[Leaf, Tag("leaf")]
    | Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[NotOf, Tag("not")],
    Discriminator(
        _tag,
        custom_error_type="condition",
        custom_error_message="a condition needs 'fact' and 'op', or one of 'all', 'any', 'not'",
    ),
]
AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()


class RuleSpec(_Strict):
    """One rule as written in a library file."""

    id: Annotated[str, Field(pattern=_RULE_ID)]
    area: Area
    pillar: str
    """The national pillar (governance, infrastructure, skills, research, economy,
    public_sector, cooperation); the older enablers, accelerators and safeguards are read
    through the rule's area."""
    when: Condition
    finding: Localised
    """Text fields take plain English or one entry per language ({en: ..., es: ...})."""
    recommendation: Localised
    priority: Priority
    horizon: Horizon
    owner: Localised | None = None
    title: Localised | None = None
    """The action's short name, used wherever the full recommendation is not printed
    (at most ``TITLE_LIMIT`` characters in every language)."""
    lead: str | None = None
    """Domain of the body that leads the action (``education``, ``ai_policy``...): the draft
    names the recorded body or the ministry responsible for it. ``owner``, when it can be
    filled, names the lead directly instead."""
    cost: str | None = None
    """Cost band (``A`` to ``D`` in ``strategygen/data/cost_bands.yaml``)."""
    defer_in_crisis: bool = False
    """True when the action waits, in a fragile or humanitarian context, until security and basic
    services allow it (growth and research actions); the draft lists it as deferred."""
    legislative: bool = False
    """True when the action is to pass or change a law: it never fires for a territory that
    does not make its own laws (a French overseas region is governed by French and EU law)."""
    kpis: list[str] = []
    depends_on: list[str] = []
    evidence: Localised
    confirms: str | None = None
    """Makes the rule a confirm step for one item of the data checklist (for example
    ``law.data_protection``): it fires when the fact is not on record, asks for its status to
    be confirmed, and never recommends creating what may already exist."""

    @field_validator("confirms")
    @classmethod
    def _known_fact(cls, path: str | None) -> str | None:
        if path is not None and path not in CHECKLIST_PATHS:
            raise ValueError(
                f"{path!r} is not an item of the data checklist; use one of "
                f"{', '.join(CHECKLIST_PATHS)}"
            )
        return path

    @field_validator("pillar")
    @classmethod
    def _known_pillar(cls, name: str) -> str:
        if name not in (*PILLAR_KEYS, *LEGACY_PILLARS):
            raise ValueError(
                f"unknown pillar {name!r}; pillars: {', '.join(PILLAR_KEYS)} (or the older "
                f"{', '.join(LEGACY_PILLARS)})"
            )
        return name

    @field_validator("lead")
    @classmethod
    def _known_lead(cls, domain: str | None) -> str | None:
        if domain is not None and domain not in ROLES:
            raise ValueError(f"unknown lead domain {domain!r}; known: {', '.join(sorted(ROLES))}")
        return domain

    @field_validator("cost")
    @classmethod
    def _known_band(cls, band: str | None) -> str | None:
        if band is not None and band not in band_keys():
            raise ValueError(f"unknown cost band {band!r}; bands: {', '.join(band_keys())}")
        return band

    @field_validator("finding", "recommendation", "owner")
    @classmethod
    def _known_placeholders(cls, text: Localised | None) -> Localised | None:
        # Each translation keeps the English text's placeholders (checked by Texts), so
        # checking the English checks them all.
        if text is not None:
            unknown = sorted(set(PLACEHOLDER.findall(text)) - PLACEHOLDERS)
            if unknown:
                raise ValueError(f"unknown placeholder(s): {', '.join(unknown)}")
        return text

    @field_validator("title")
    @classmethod
    def _short_title(cls, title: Localised | None) -> Localised | None:
        if title is not None:
            for lang, text in (("en", str(title)), *title.translations.items()):
                if len(text) > TITLE_LIMIT:
                    raise ValueError(
                        f"a title has at most {TITLE_LIMIT} characters; the {lang} one has "
                        f"{len(text)}"
                    )
        return title

    @field_validator("kpis")
    @classmethod
    def _known_kpis(cls, ids: list[str]) -> list[str]:
        known = catalogue()
        unknown = [k for k in ids if k not in known]
        if unknown:
            raise ValueError(f"unknown KPI id(s): {', '.join(unknown)}")
        return ids


class RuleFile(_Strict):
    """A library file: an optional description and a list of rules."""

    description: str | None = None
    rules: list[RuleSpec]


@dataclass(frozen=True)
class Rule:
    """A validated rule with the library file it came from."""

    spec: RuleSpec
    library: str
    path: Path
    shipped: bool = True
    """False for a rule from a user's ``--rules`` folder (``library`` is then folder/file)."""

    @property
    def id(self) -> str:
        """The rule id."""
        return self.spec.id
