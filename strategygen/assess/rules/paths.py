"""What a rule condition can read: dotted paths into the profile and into computed values.

A condition's ``fact:`` key (the rule-file format's name for it) holds a *condition path*: a
profile field (``law.data_protection.status``), a maturity attribute
(``maturity.strategy.stage``), a benchmark attribute (``benchmark.vision.gap_to_cdcc_mean``) or
a value derived from the profile (``derived.ai_trained_share``). Paths are checked against the
models when rules load, so a typo is an error in the rule file, never a condition that
silently stays false.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel

from strategygen.assess.benchmarks import BENCHMARK_KEYS
from strategygen.assess.maturity import AREA_KEYS
from strategygen.assess.model import Benchmark, Maturity
from strategygen.inputs.problems import did_you_mean
from strategygen.inputs.profile import CountryProfile

# Values computed from the profile that rules may test (``derived.<name>``).
DERIVED_VALUES: dict[str, str] = {
    "ai_trained_share": "civil servants trained in AI or data, % of headcount",
    "digital_specialists_share": "digital and data specialists, % of headcount",
    "inventory_exists": "whether an inventory of public-sector AI use exists (true/false)",
    "use_cases_total": "number of known public-sector AI use cases",
    "use_cases_in_pilot": "number of use cases in pilot",
    "use_cases_in_production": "number of use cases in production",
    "production_without_baseline": "production use cases with no baseline measured",
    "high_risk_use_cases": "use cases the agency rates high risk",
    "ai_in_use": "whether any use case is in pilot or production (true/false)",
    "development_plan_expired": (
        "whether the national development plan's horizon ended before the build year "
        "(true/false; missing when the plan or its end year is not recorded)"
    ),
    "digital_strategy_expired": (
        "whether the digital strategy's horizon ended before the build year "
        "(true/false; missing when the strategy or its end year is not recorded)"
    ),
}

#: Derived values that are true or false (the others are numbers).
BOOLEAN_DERIVED: frozenset[str] = frozenset(
    {"inventory_exists", "ai_in_use", "development_plan_expired", "digital_strategy_expired"}
)

#: Plan fields whose horizon can pass, with the derived value that says so.
PLAN_FIELDS: dict[str, str] = {
    "national_development_plan": "development_plan_expired",
    "digital_strategy": "digital_strategy_expired",
}
MATURITY_ATTRS: dict[str, tuple[str, ...] | None] = {
    "stage": None,
    "score": None,
    "confidence": ("high", "medium", "low"),
}
BENCHMARK_ATTRS: tuple[str, ...] = (
    "score",
    "peer_mean",
    "peer_rank",
    "peer_leader_score",
    "gap_to_peer_mean",
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

#: Counts derived from the use-case inventory; all None when no inventory exists.
USE_CASE_COUNTS: tuple[str, ...] = (
    "use_cases_total",
    "use_cases_in_pilot",
    "use_cases_in_production",
    "production_without_baseline",
    "high_risk_use_cases",
)


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


def path_type(path: str) -> Any:
    """Return the type of the value at a condition path, or raise ValueError if there is none.

    Returns:
        The leaf annotation for profile paths (a ``Literal`` gives the allowed values), a
        tuple of allowed strings for computed values with a closed set, or None otherwise.

    """
    parts = path.split(".")
    root = parts[0]
    if root == "country":
        from strategygen.assess.country_values import COUNTRY_VALUES

        if len(parts) != 2 or parts[1] not in COUNTRY_VALUES:
            known = ", ".join(sorted(COUNTRY_VALUES))
            raise ValueError(f"unknown fact path {path!r}: country values are {known}")
        kind = COUNTRY_VALUES[parts[1]][1]
        return Literal[kind] if isinstance(kind, tuple) else kind
    if root == "derived":
        if len(parts) != 2 or parts[1] not in DERIVED_VALUES:
            known = ", ".join(sorted(DERIVED_VALUES))
            raise ValueError(f"unknown fact path {path!r}: derived values are {known}")
        return bool if parts[1] in BOOLEAN_DERIVED else float
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
            fields = list(model.model_fields)
            hint = did_you_mean(part, fields).removeprefix("; ")
            raise ValueError(
                f"unknown fact path {path!r}: {part!r} is not one of {', '.join(fields)}"
                + (f" ({hint})" if hint else "")
            )
        tp = _unwrap(model.model_fields[part].annotation)
        model = tp
    return tp


def expired_plans(profile: CountryProfile, build_date: dt.date) -> frozenset[str]:
    """Return the plan fields whose horizon ended before ``build_date``'s year."""
    return frozenset(
        key
        for key in PLAN_FIELDS
        if (plan := getattr(profile.institutions, key)) is not None and plan.expired(build_date)
    )


def derive(profile: CountryProfile, build_date: dt.date | None = None) -> dict[str, Any]:
    """Compute the ``derived.*`` values (None where the profile lacks what they need).

    Args:
        profile: The validated profile.
        build_date: The build date; a plan's expiry is judged against it (without it, and
            for a plan with no end year, expiry is unknown: None).

    """
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
    for key, name in PLAN_FIELDS.items():
        plan = getattr(profile.institutions, key)
        if build_date is None or plan is None or plan.end is None:
            out[name] = None
        else:
            out[name] = plan.expired(build_date)
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
class ConditionContext:
    """Everything a rule condition can read: the profile and the computed values."""

    profile: CountryProfile
    benchmarks: Mapping[str, Benchmark]
    maturity: Mapping[str, Maturity]
    derived: Mapping[str, Any]
    peer_group: str | None = None
    """How the document names the peer group (``CDCC members``, ``Eastern Africa``...)."""
    country: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    """The ``country.<name>`` values (see ``assess/country_values.py``)."""
    peer_group_for: str | None = None
    """The peer group after a mean, with its preposition ("for CDCC members", "de los
    miembros del CDCC"): ``{peer_group_for}`` in a rule text."""

    def get(self, path: str) -> Any:
        """Return the value at a dotted path, or None where any step is missing."""
        parts = path.split(".")
        node: Any
        if parts[0] == "country":
            return self.country.get(parts[1])
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
