"""The rule library: declarative YAML rules, validated on load, evaluated against facts.

A rule's condition is data, never code: leaves compare one fact with a value using a fixed set
of operators, and ``all``/``any``/``not`` combine them. Facts are dotted paths into the profile
(``law.data_protection.status``) or into computed values (``maturity.strategy.stage``,
``benchmark.vision.gap_to_cdcc_mean``, ``derived.ai_trained_share``). Finding and recommendation
texts may contain ``{placeholders}`` from a fixed whitelist; they are filled by plain text
substitution with ready-formatted strings.

Semantics of a missing fact (None): ``missing`` is true and ``present`` false; every other
operator is false, including ``ne`` and ``not_in``, so an unknown value never satisfies a
comparison. Write ``any: [{fact: ..., op: missing}, ...]`` to treat "unknown" explicitly.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)

from strategygen.assess.benchmarks import BENCHMARK_KEYS
from strategygen.assess.kpis import CATALOGUE
from strategygen.assess.maturity import AREA_KEYS
from strategygen.assess.model import (
    Benchmark,
    FiredRule,
    Horizon,
    Maturity,
    Priority,
    Trigger,
)
from strategygen.errors import RuleError
from strategygen.inputs.profile import CountryProfile

Op = Literal["eq", "ne", "in", "not_in", "lt", "le", "gt", "ge", "missing", "present"]
Scalar = bool | int | float | str

PRIORITY_ORDER: dict[str, int] = {"high": 0, "medium": 1, "low": 2}
OWNER_TO_ASSIGN = "[OWNER TO ASSIGN]"

# Facts computed from the profile that rules may test (``derived.<name>``).
DERIVED_FACTS: dict[str, str] = {
    "ai_trained_share": "civil servants trained in AI or data, % of headcount",
    "digital_specialists_share": "digital and data specialists, % of headcount",
    "inventory_exists": "whether an inventory of public-sector AI use exists (true/false)",
    "use_cases_total": "number of known public-sector AI use cases",
    "use_cases_in_pilot": "number of use cases in pilot",
    "use_cases_in_production": "number of use cases in production",
    "production_without_baseline": "production use cases with no baseline measured",
    "high_risk_use_cases": "use cases the agency rates high risk",
    "ai_in_use": "whether any use case is in pilot or production (true/false)",
}
MATURITY_ATTRS: dict[str, tuple[str, ...] | None] = {
    "stage": None,
    "score": None,
    "confidence": ("high", "medium", "low"),
}
BENCHMARK_ATTRS: tuple[str, ...] = (
    "score",
    "cdcc_mean",
    "lac_mean",
    "world_mean",
    "world_rank",
    "cdcc_rank",
    "cdcc_leader_score",
    "gap_to_leader",
    "gap_to_cdcc_mean",
    "gap_to_lac_mean",
)

_AREAS = Literal[
    "strategy", "safeguards", "infrastructure", "skills", "innovation", "public_sector"
]
_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")
_RULE_ID = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$"

#: Counts derived from the use-case inventory; all None when no inventory exists.
USE_CASE_COUNTS: tuple[str, ...] = (
    "use_cases_total",
    "use_cases_in_pilot",
    "use_cases_in_production",
    "production_without_baseline",
    "high_risk_use_cases",
)


# ---------------------------------------------------------------------------------------------
# Placeholders: a fixed whitelist of names, each filled with a ready-formatted string.

# Text used in findings and recommendations when the fact behind a placeholder is missing.
_FALLBACKS: dict[str, str] = {
    "digital_lead_agency": "the lead agency for digital government",
    "ai_lead_agency": "the body designated to lead AI policy",
    "ethics_body": "the national AI ethics body",
    "dp_law": "the data protection law",
    "cybercrime_law": "the cybercrime law",
    "ai_strategy_title": "the national AI strategy",
    "digital_strategy": "the national digital strategy",
    "development_plan": "the national development plan",
    "country_official": "",
}
_SIMPLE_PLACEHOLDERS: tuple[str, ...] = (
    "country",
    "country_official",
    "digital_lead_agency",
    "ai_lead_agency",
    "ethics_body",
    "dp_law",
    "dp_status",
    "cybercrime_law",
    "cybercrime_status",
    "ai_strategy_title",
    "ai_strategy_status",
    "ai_strategy_year",
    "digital_strategy",
    "development_plan",
    "guidelines_status",
    "headcount",
    "headcount_year",
    "population",
    "ai_trained",
    "ai_trained_share",
    "digital_specialists",
    "use_cases_total",
    "use_cases_in_pilot",
    "use_cases_in_production",
    "production_without_baseline",
    "high_risk_use_cases",
    "horizon_start",
    "horizon_end",
    "mid_year",
    "edition",
    "overall_stage",
    "overall_stage_name",
)
_BENCHMARK_PLACEHOLDERS: tuple[str, ...] = (
    "score",
    "cdcc_mean",
    "lac_mean",
    "world_mean",
    "gap",
    "leader",
    "leader_score",
    "world_rank",
    "world_ranked",
    "cdcc_rank",
)
PLACEHOLDERS: frozenset[str] = frozenset(
    (
        *_SIMPLE_PLACEHOLDERS,
        *(f"{k}_{a}" for k in BENCHMARK_KEYS for a in _BENCHMARK_PLACEHOLDERS),
        *(f"{a}_stage" for a in AREA_KEYS),
        *(f"{a}_stage_name" for a in AREA_KEYS),
    )
)
MISSING_VALUE = "[DATA GAP]"


def _num(value: float | int) -> str:
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def _agency(agency: Any) -> str | None:
    if agency is None:
        return None
    name = str(agency.name)
    return f"{name} ({agency.acronym})" if getattr(agency, "acronym", None) else name


def placeholder_values(
    facts: FactContext, horizon_start: int, horizon_end: int
) -> dict[str, str | None]:
    """Return every whitelisted placeholder's text for one country (None where unknown)."""
    p = facts.profile
    inst, law, cs = p.institutions, p.law, p.civil_service
    d = facts.derived
    values: dict[str, str | None] = {
        "country": p.identity.name,
        "country_official": p.identity.official_name,
        "digital_lead_agency": _agency(inst.digital_lead_agency),
        "ai_lead_agency": _agency(inst.ai_lead_agency),
        "ethics_body": inst.ai_ethics_body.name if inst.ai_ethics_body else None,
        "dp_law": law.data_protection.title if law.data_protection else None,
        "dp_status": law.data_protection.status.replace("_", " ") if law.data_protection else None,
        "cybercrime_law": law.cybercrime.title if law.cybercrime else None,
        "cybercrime_status": law.cybercrime.status.replace("_", " ") if law.cybercrime else None,
        "ai_strategy_title": inst.ai_strategy.title if inst.ai_strategy else None,
        "ai_strategy_status": (
            inst.ai_strategy.status.replace("_", " ") if inst.ai_strategy else None
        ),
        "ai_strategy_year": (
            str(inst.ai_strategy.year) if inst.ai_strategy and inst.ai_strategy.year else None
        ),
        "digital_strategy": inst.digital_strategy.title if inst.digital_strategy else None,
        "development_plan": (
            inst.national_development_plan.title if inst.national_development_plan else None
        ),
        "guidelines_status": (
            p.public_sector_ai.guidelines.status if p.public_sector_ai.guidelines else None
        ),
        "headcount": _num(cs.headcount.value) if cs.headcount else None,
        "headcount_year": str(cs.headcount.year) if cs.headcount else None,
        "population": _num(p.context.population.value) if p.context.population else None,
        "ai_trained": _num(cs.ai_trained.value) if cs.ai_trained else None,
        "ai_trained_share": (
            f"{d['ai_trained_share']:.1f}%" if d["ai_trained_share"] is not None else None
        ),
        "digital_specialists": (
            _num(cs.digital_specialists.value) if cs.digital_specialists else None
        ),
        "horizon_start": str(horizon_start),
        "horizon_end": str(horizon_end),
        "mid_year": str(min(horizon_start + 2, horizon_end)),
        "edition": str(p.readiness.edition) if p.readiness.edition else None,
    }
    for name in USE_CASE_COUNTS:
        values[name] = _num(d[name]) if d[name] is not None else None
    for key, b in facts.benchmarks.items():
        values[f"{key}_score"] = f"{b.score:.2f}" if b.score is not None else None
        values[f"{key}_cdcc_mean"] = f"{b.cdcc_mean:.2f}"
        values[f"{key}_lac_mean"] = f"{b.lac_mean:.2f}"
        values[f"{key}_world_mean"] = f"{b.world_mean:.2f}"
        gap = b.gap_to_cdcc_mean
        values[f"{key}_gap"] = f"{abs(gap):.2f}" if gap is not None else None
        values[f"{key}_leader"] = b.cdcc_leader
        values[f"{key}_leader_score"] = f"{b.cdcc_leader_score:.2f}"
        values[f"{key}_world_rank"] = str(b.world_rank) if b.world_rank else None
        values[f"{key}_world_ranked"] = str(b.world_ranked)
        values[f"{key}_cdcc_rank"] = str(b.cdcc_rank) if b.cdcc_rank else None
    for key, m in facts.maturity.items():
        values[f"{key}_stage"] = str(m.stage) if m.stage is not None else None
        values[f"{key}_stage_name"] = m.stage_name
    return values


def fill(text: str, values: Mapping[str, str | None]) -> str:
    """Replace each ``{name}`` with its value, a generic phrase, or ``[DATA GAP]`` if unknown."""

    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        value = values.get(name)
        if value is None or value == "":
            return _FALLBACKS.get(name, MISSING_VALUE)
        return value

    return _PLACEHOLDER.sub(sub, text)


def fill_owner(text: str | None, values: Mapping[str, str | None]) -> str | None:
    """Fill an owner; None (shown as ``[OWNER TO ASSIGN]``) if any placeholder is unknown."""
    if text is None:
        return None
    if any(not values.get(name) for name in _PLACEHOLDER.findall(text)):
        return None
    return fill(text, values)


# ---------------------------------------------------------------------------------------------
# Fact paths: checked against the profile model (and the computed facts) when rules load.


def _unwrap(tp: Any) -> Any:
    """Strip Optional and Annotated from a type annotation."""
    while True:
        origin = typing.get_origin(tp)
        if origin is Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def fact_type(path: str) -> Any:
    """Return the type of the fact at a dotted path, or raise ValueError if there is none.

    Returns:
        The leaf annotation for profile paths (a ``Literal`` gives the allowed values), a
        tuple of allowed strings for computed facts with a closed set, or None otherwise.

    """
    parts = path.split(".")
    root = parts[0]
    if root == "derived":
        if len(parts) != 2 or parts[1] not in DERIVED_FACTS:
            raise ValueError(
                f"unknown fact path {path!r}: derived facts are {', '.join(sorted(DERIVED_FACTS))}"
            )
        return bool if parts[1] in ("inventory_exists", "ai_in_use") else float
    if root == "maturity":
        areas = (*AREA_KEYS, "overall")
        if len(parts) != 3 or parts[1] not in areas or parts[2] not in MATURITY_ATTRS:
            raise ValueError(
                f"unknown fact path {path!r}: use maturity.<area>.<attribute> with area one of "
                f"{', '.join(areas)} and attribute one of {', '.join(MATURITY_ATTRS)}"
            )
        allowed = MATURITY_ATTRS[parts[2]]
        return Literal[allowed] if allowed else float
    if root == "benchmark":
        if len(parts) != 3 or parts[1] not in BENCHMARK_KEYS or parts[2] not in BENCHMARK_ATTRS:
            raise ValueError(
                f"unknown fact path {path!r}: use benchmark.<key>.<attribute> with key one of "
                f"{', '.join(BENCHMARK_KEYS)} and attribute one of {', '.join(BENCHMARK_ATTRS)}"
            )
        return float
    model: Any = CountryProfile
    tp: Any = None
    for i, part in enumerate(parts):
        if not _is_model(model):
            raise ValueError(
                f"unknown fact path {path!r}: {'.'.join(parts[:i])} has no fields to select"
            )
        if part not in model.model_fields:
            known = ", ".join(model.model_fields)
            raise ValueError(f"unknown fact path {path!r}: {part!r} is not one of {known}")
        tp = _unwrap(model.model_fields[part].annotation)
        model = tp
    return tp


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Leaf(_Strict):
    """Compare one fact with a value."""

    fact: str
    op: Op
    value: Scalar | list[Scalar] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Leaf:
        tp = fact_type(self.fact)
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
                    f"value {bad[0]!r} can never occur at {self.fact}; allowed: "
                    + ", ".join(str(a) for a in allowed)
                )
        if tp is bool and any(not isinstance(v, bool) for v in values):
            raise ValueError(f"{self.fact} is true or false (got {self.value!r})")
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
    area: _AREAS
    pillar: Literal["enablers", "accelerators", "safeguards"]
    when: Condition
    finding: Annotated[str, Field(min_length=1)]
    recommendation: Annotated[str, Field(min_length=1)]
    priority: Priority
    horizon: Horizon
    owner: str | None = None
    kpis: list[str] = []
    depends_on: list[str] = []
    evidence: Annotated[str, Field(min_length=1)]

    @field_validator("finding", "recommendation", "owner")
    @classmethod
    def _known_placeholders(cls, text: str | None) -> str | None:
        if text is not None:
            unknown = sorted(set(_PLACEHOLDER.findall(text)) - PLACEHOLDERS)
            if unknown:
                raise ValueError(f"unknown placeholder(s): {', '.join(unknown)}")
        return text

    @field_validator("kpis")
    @classmethod
    def _known_kpis(cls, ids: list[str]) -> list[str]:
        unknown = [k for k in ids if k not in CATALOGUE]
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


def _raw_rule_id(data: Any, loc: tuple[int | str, ...]) -> str:
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        try:
            return str(data["rules"][loc[1]].get("id", f"#{loc[1] + 1}"))
        except (KeyError, IndexError, TypeError, AttributeError):
            return f"#{loc[1] + 1}"
    return "-"


def _field(loc: Sequence[int | str]) -> str:
    """Dotted field path without the discriminator tags pydantic adds for conditions."""
    parts: list[str] = []
    for item in map(str, loc):
        # A condition's location repeats its tag ("all.all.0"); a leaf adds "leaf".
        if item == "leaf" or (parts and parts[-1] == item and item in ("all", "any", "not")):
            continue
        parts.append(item)
    return ".".join(parts)


def _message(text: str) -> str:
    return text.removeprefix("Value error, ")


def _load_file(path: Path, library: str | None = None, shipped: bool = True) -> list[Rule]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RuleError(f"{path}: cannot read rule file: {exc}") from None
    try:
        parsed = RuleFile.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            rid = _raw_rule_id(data, loc)
            lines.append(f"{path}: rule {rid}: {_field(loc[2:]) or 'rule'}: {_message(err['msg'])}")
        raise RuleError("\n".join(lines)) from None
    return [Rule(spec, library or path.name, path, shipped) for spec in parsed.rules]


def load_rules(dirs: Iterable[Path]) -> tuple[Rule, ...]:
    """Load and validate every ``*.yaml`` rule file in ``dirs``.

    Files are read in name order within each folder. A rule in a later folder replaces a rule
    with the same id from an earlier folder (so a user folder can override a shipped rule);
    the same id twice within one folder is an error.

    Raises:
        RuleError: Naming the file and rule id, for any malformed rule, unknown fact path,
            operator, placeholder, KPI id or dependency.

    """
    from strategygen.resources import shipped_dir

    shipped_root = shipped_dir("rules").resolve()
    by_id: dict[str, Rule] = {}
    for folder in dirs:
        seen: dict[str, Path] = {}
        shipped = Path(folder).resolve() == shipped_root
        for path in sorted(Path(folder).glob("*.yaml")):
            # A user's rule is labelled "folder/file" (not the full path, which would put
            # the consultant's disk layout into the document and change it per machine).
            label = path.name if shipped else f"{Path(folder).resolve().name}/{path.name}"
            for rule in _load_file(path, label, shipped):
                if rule.id in seen:
                    raise RuleError(
                        f"{path}: rule {rule.id}: duplicate id (also in {seen[rule.id].name})"
                    )
                seen[rule.id] = path
                by_id[rule.id] = rule
    for rule in by_id.values():
        for dep in rule.spec.depends_on:
            if dep not in by_id:
                raise RuleError(f"{rule.path}: rule {rule.id}: unknown dependency {dep!r}")
    return tuple(sorted(by_id.values(), key=lambda r: r.id))


def without_disabled(rules: Sequence[Rule], disabled: Iterable[str]) -> tuple[Rule, ...]:
    """Return ``rules`` minus those whose id is in ``disabled``.

    Raises:
        RuleError: For an id that is not in the library, naming the closest valid ids.

    """
    import difflib

    ids = [r.id for r in rules]
    wanted = list(dict.fromkeys(disabled))
    unknown = [d for d in wanted if d not in ids]
    if unknown:
        lines = []
        for bad in unknown:
            close = difflib.get_close_matches(bad.upper(), ids, n=4, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            lines.append(f"cannot disable rule {bad!r}: no rule has that id{hint}")
        lines.append("valid rule ids: " + ", ".join(ids))
        raise RuleError("\n".join(lines))
    return tuple(r for r in rules if r.id not in wanted)


# ---------------------------------------------------------------------------------------------
# Evaluation.


def derive(profile: CountryProfile) -> dict[str, Any]:
    """Compute the ``derived.*`` facts (None where the profile lacks what they need)."""
    cs = profile.civil_service
    head = cs.headcount.value if cs.headcount and cs.headcount.value > 0 else None

    def share(count: Any) -> float | None:
        return round(100 * count.value / head, 2) if count is not None and head else None

    cases = profile.public_sector_ai.use_cases
    out: dict[str, Any] = {
        "ai_trained_share": share(cs.ai_trained),
        "digital_specialists_share": share(cs.digital_specialists),
        "inventory_exists": cases is not None,
    }
    if cases is None:
        for name in (*USE_CASE_COUNTS, "ai_in_use"):
            out[name] = None
    else:
        production = [c for c in cases if c.stage == "production"]
        out.update(
            use_cases_total=len(cases),
            use_cases_in_pilot=sum(1 for c in cases if c.stage == "pilot"),
            use_cases_in_production=len(production),
            production_without_baseline=sum(1 for c in production if not c.baseline_measured),
            high_risk_use_cases=sum(1 for c in cases if c.risk_level == "high"),
            ai_in_use=any(c.stage in ("pilot", "production") for c in cases),
        )
    return out


@dataclass(frozen=True)
class FactContext:
    """Everything a rule condition can read: the profile and the computed values."""

    profile: CountryProfile
    benchmarks: Mapping[str, Benchmark]
    maturity: Mapping[str, Maturity]
    derived: Mapping[str, Any]

    def get(self, path: str) -> Any:
        """Return the fact at a dotted path, or None where any step is missing."""
        parts = path.split(".")
        node: Any
        if parts[0] == "derived":
            return self.derived.get(parts[1])
        if parts[0] == "maturity":
            node = self.maturity.get(parts[1])
            parts = parts[2:]
        elif parts[0] == "benchmark":
            node = self.benchmarks.get(parts[1])
            parts = parts[2:]
        else:
            node = self.profile
        for part in parts:
            node = getattr(node, part, None)
            if node is None:
                return None
        return node


def _show(value: Any) -> str:
    if value is None:
        return "missing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list):
        return f"{len(value)} item(s)"
    if isinstance(value, BaseModel):
        status = getattr(value, "status", None)
        return f"present (status {status})" if isinstance(status, str) else "present"
    return str(value)


def _describe(leaf: Leaf) -> str:
    if leaf.op == "missing":
        return f"{leaf.fact} is missing"
    if leaf.op == "present":
        return f"{leaf.fact} is present"
    if isinstance(leaf.value, list):
        shown = "[" + ", ".join(_show(v) for v in leaf.value) + "]"
    else:
        shown = _show(leaf.value)
    return f"{leaf.fact} {leaf.op} {shown}"


def _compare(op: str, actual: Any, value: Any) -> bool:
    if op == "missing":
        return actual is None
    if op == "present":
        return actual is not None
    if actual is None:
        return False
    if op in ("lt", "le", "gt", "ge"):
        if isinstance(actual, bool) or not isinstance(actual, int | float):
            return False
        number, bound = float(actual), float(value)
        return {
            "lt": number < bound,
            "le": number <= bound,
            "gt": number > bound,
            "ge": number >= bound,
        }[op]
    if op == "eq":
        return bool(actual == value)
    if op == "ne":
        return bool(actual != value)
    if op == "in":
        return bool(actual in value)
    return bool(actual not in value)


def evaluate(cond: Leaf | AllOf | AnyOf | NotOf, facts: FactContext) -> tuple[bool, list[Trigger]]:
    """Evaluate a condition; return its truth and the facts that decided it."""
    if isinstance(cond, Leaf):
        actual = facts.get(cond.fact)
        return _compare(cond.op, actual, cond.value), [
            Trigger(cond.fact, _show(actual), _describe(cond))
        ]
    if isinstance(cond, NotOf):
        ok, triggers = evaluate(cond.not_, facts)
        return not ok, [Trigger(t.fact, t.value, f"not ({t.condition})") for t in triggers]
    results = [evaluate(c, facts) for c in (cond.all_ if isinstance(cond, AllOf) else cond.any_)]
    if isinstance(cond, AllOf):
        ok = all(r for r, _ in results)
    else:
        ok = any(r for r, _ in results)
    # Log the children that agree with the outcome: for a true `all` every child, for a true
    # `any` the children that held; for a false result the children that failed.
    return ok, [t for r, ts in results if r == ok for t in ts]


def fire(
    rules: Sequence[Rule], facts: FactContext, values: Mapping[str, str | None]
) -> tuple[FiredRule, ...]:
    """Evaluate every rule and return those that fire, sorted by priority then id.

    ``depends_on`` of a fired rule lists only dependencies that fired as well, so the
    document never refers to an action it does not contain.
    """
    fired: list[tuple[Rule, list[Trigger]]] = []
    for rule in rules:
        ok, triggers = evaluate(rule.spec.when, facts)
        if ok:
            fired.append((rule, triggers))
    ids = {r.id for r, _ in fired}
    out = [
        FiredRule(
            id=r.id,
            area=r.spec.area,
            pillar=r.spec.pillar,
            priority=r.spec.priority,
            horizon=r.spec.horizon,
            finding=fill(r.spec.finding.strip(), values),
            recommendation=fill(r.spec.recommendation.strip(), values),
            owner=fill_owner(r.spec.owner, values),
            kpis=tuple(r.spec.kpis),
            depends_on=tuple(d for d in r.spec.depends_on if d in ids),
            evidence=r.spec.evidence.strip(),
            library=r.library,
            triggers=tuple(triggers),
            shipped=r.shipped,
        )
        for r, triggers in fired
    ]
    return tuple(sorted(out, key=lambda f: (PRIORITY_ORDER[f.priority], f.id)))
