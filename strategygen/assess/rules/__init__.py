"""The rule library: declarative YAML rules, validated on load, evaluated against a country.

A rule's condition is data, never code: leaves compare one value with a constant using a fixed
set of operators, and ``all``/``any``/``not`` combine them. The value a leaf reads is named by a
dotted path (its ``fact:`` key) into the profile (``law.data_protection.status``) or into
computed values (``maturity.strategy.stage``, ``benchmark.vision.gap_to_cdcc_mean``,
``derived.ai_trained_share``). Finding and recommendation texts may contain ``{placeholders}``
from a fixed whitelist; they are filled by plain text substitution with ready-formatted strings.

Semantics of a missing value (None): ``missing`` is true and ``present`` false; every other
operator is false, including ``ne`` and ``not_in``, so an unknown value never satisfies a
comparison. Write ``any: [{fact: ..., op: missing}, ...]`` to treat "unknown" explicitly.

The parts, in the order a rule meets them:

- ``paths``: what a condition can read, and the values derived from the profile;
- ``placeholders``: the whitelist of ``{names}`` and how they are filled;
- ``model``: the rule-file model (conditions and rules) with its checks;
- ``loading``: reading library folders, overrides, dependencies and located errors;
- ``evaluate``: a condition's truth and the fired rules.
"""

from strategygen.assess.rules.evaluate import PRIORITY_ORDER, evaluate, fire
from strategygen.assess.rules.loading import check_translated, load_rules, without_disabled
from strategygen.assess.rules.model import AllOf, AnyOf, Condition, Leaf, NotOf, Rule, RuleSpec
from strategygen.assess.rules.paths import (
    DERIVED_VALUES,
    ConditionContext,
    derive,
    expired_plans,
    path_type,
)
from strategygen.assess.rules.placeholders import (
    MISSING_VALUE,
    PLACEHOLDERS,
    fill,
    fill_owner,
    placeholder_values,
)

__all__ = [
    "DERIVED_VALUES",
    "MISSING_VALUE",
    "PLACEHOLDERS",
    "PRIORITY_ORDER",
    "AllOf",
    "AnyOf",
    "Condition",
    "ConditionContext",
    "Leaf",
    "NotOf",
    "Rule",
    "RuleSpec",
    "check_translated",
    "derive",
    "evaluate",
    "expired_plans",
    "fill",
    "fill_owner",
    "fire",
    "load_rules",
    "path_type",
    "placeholder_values",
    "without_disabled",
]
