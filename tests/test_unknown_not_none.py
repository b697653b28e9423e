"""Unknown is not none: a missing fact gives a confirm step and a data gap, never an absence.

Per rule family: a fact not on record fires the confirm rule (and the fact is a data gap), a
sourced ``none`` fires the rule that creates the missing thing, and a fact that is in place
fires neither. Over every shipped profile and a set of synthetic ones, no sentence of the draft
asserts an absence without a sourced ``none`` or contradicts a recorded fact.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from strategygen.assess.checklist import CHECKLIST
from strategygen.assess.model import Assessment
from strategygen.assess.rules import AllOf, Leaf, NotOf, load_rules
from strategygen.assess.run import assess
from strategygen.inputs.loader import load_profile
from strategygen.inputs.profile import (
    AiStrategy,
    Count,
    CountryProfile,
    EthicsBody,
    Guidelines,
    Headcount,
    Law,
    LawStatus,
    Plan,
    PublicSectorAI,
    ReadinessAssessment,
    UseCase,
)
from strategygen.render.html import render_document
from strategygen.resources import shipped_dir

DATE = dt.date(2026, 11, 30)
PROFILES = sorted(shipped_dir("country_profiles").glob("*.yaml"))
SRC = "iso3166"  # a source id every shipped profile defines


def shipped(code: str) -> CountryProfile:
    return load_profile(shipped_dir("country_profiles") / f"{code}.yaml")


JAM = shipped("JAM")
AIA = shipped("AIA")


def with_law(base: CountryProfile, **laws: LawStatus | None) -> CountryProfile:
    return base.model_copy(update={"law": base.law.model_copy(update=laws)})


def with_inst(base: CountryProfile, **fields: object) -> CountryProfile:
    inst = base.institutions.model_copy(update=fields)
    return base.model_copy(update={"institutions": inst})


def with_cs(base: CountryProfile, **fields: object) -> CountryProfile:
    cs = base.civil_service.model_copy(update=fields)
    return base.model_copy(update={"civil_service": cs})


def law(status: str | None, title: str | None = "The Data Act, 2020") -> LawStatus:
    return LawStatus(status=status, title=title, year=2020, source=SRC)  # type: ignore[arg-type]


PILOT = UseCase(
    name="Chat assistant",
    agency="Tax Administration",
    function="tax administration",
    stage="pilot",
    risk_level="low",
    baseline_measured=False,
    source=SRC,
)


def in_use(guidelines: str | None) -> CountryProfile:
    gl = Guidelines(status=guidelines, source=SRC) if guidelines else None  # type: ignore[arg-type]
    psai = PublicSectorAI(use_cases=[PILOT], guidelines=gl)
    return JAM.model_copy(update={"public_sector_ai": psai})


def fired_ids(a: Assessment) -> set[str]:
    return {f.id for f in a.fired}


Make = Callable[[], CountryProfile]
# family -> (fact path, confirm rule, absence rule, (missing, sourced none, in place))
FAMILIES: dict[str, tuple[str, str, str, tuple[Make, Make, Make]]] = {
    "data protection": (
        "law.data_protection",
        "DPL-CONFIRM",
        "DPL-NONE",
        (
            lambda: with_law(JAM, data_protection=None),
            lambda: with_law(JAM, data_protection=law("none", None)),
            lambda: with_law(JAM, data_protection=law("in_force")),
        ),
    ),
    "data protection commencement": (
        "law.data_protection",
        "DPL-COMMENCE",
        "DPL-NONE",
        (
            lambda: with_law(JAM, data_protection=law(None)),
            lambda: with_law(JAM, data_protection=law("none", None)),
            lambda: with_law(JAM, data_protection=law("in_force")),
        ),
    ),
    "cybercrime": (
        "law.cybercrime",
        "CYB-CONFIRM",
        "CYB-GAP",
        (
            lambda: with_law(JAM, cybercrime=None),
            lambda: with_law(JAM, cybercrime=law("none", None)),
            lambda: with_law(JAM, cybercrime=law("in_force")),
        ),
    ),
    "AI strategy": (
        "institutions.ai_strategy",
        "STR-CONFIRM",
        "STR-NONE",
        (
            lambda: with_inst(JAM, ai_strategy=None),
            lambda: with_inst(JAM, ai_strategy=AiStrategy(status="none", source=SRC)),
            lambda: with_inst(
                JAM, ai_strategy=AiStrategy(status="adopted", title="AI Policy", source=SRC)
            ),
        ),
    ),
    "ethics body": (
        "institutions.ai_ethics_body",
        "ETH-CONFIRM",
        "ETH-BODY",
        (
            lambda: with_inst(JAM, ai_ethics_body=None),
            lambda: with_inst(JAM, ai_ethics_body=EthicsBody(exists=False, source=SRC)),
            lambda: with_inst(
                JAM, ai_ethics_body=EthicsBody(exists=True, name="AI Council", source=SRC)
            ),
        ),
    ),
    "public-sector guidelines": (
        "public_sector_ai.guidelines",
        "PS-GUIDE-CONFIRM",
        "PS-GUIDE",
        (lambda: in_use(None), lambda: in_use("none"), lambda: in_use("adopted")),
    ),
    "AI training": (
        "civil_service.ai_trained",
        "SKL-TRAIN-CONFIRM",
        "SKL-TRAIN",
        (
            lambda: with_cs(JAM, ai_trained=None),
            lambda: with_cs(JAM, ai_trained=Count(value=0, year=2025, source=SRC)),
            lambda: with_cs(JAM, ai_trained=Count(value=60000, year=2025, source=SRC)),
        ),
    ),
    "digital specialists": (
        "civil_service.digital_specialists",
        "SKL-SPEC-CONFIRM",
        "SKL-SPEC",
        (
            lambda: with_cs(JAM, digital_specialists=None),
            lambda: with_cs(JAM, digital_specialists=Count(value=0, year=2025, source=SRC)),
            lambda: with_cs(JAM, digital_specialists=Count(value=40, year=2025, source=SRC)),
        ),
    ),
    "readiness assessment (territory)": (
        "institutions.unesco_ram",
        "COV-CONFIRM",
        "COV-NONE",
        (
            lambda: with_inst(AIA, unesco_ram=None),
            lambda: with_inst(AIA, unesco_ram=ReadinessAssessment(status="none", source=SRC)),
            lambda: with_inst(AIA, unesco_ram=ReadinessAssessment(status="completed", source=SRC)),
        ),
    ),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_missing_confirms_none_creates_in_place_neither(family: str) -> None:
    path, confirm, absence, (missing, none, in_place) = FAMILIES[family]
    a = assess(missing(), DATE)
    assert confirm in fired_ids(a) and absence not in fired_ids(a)
    assert path in {g.path for g in a.gaps}, "a confirm step comes with its data gap"
    step = next(f for f in a.fired if f.id == confirm)
    assert step.confirms == path
    a = assess(none(), DATE)
    assert absence in fired_ids(a) and confirm not in fired_ids(a)
    a = assess(in_place(), DATE)
    assert not {confirm, absence} & fired_ids(a)
    assert path not in {g.path for g in a.gaps}


def _leaves(cond: object, negated: bool = False) -> list[tuple[Leaf, bool]]:
    if isinstance(cond, Leaf):
        return [(cond, negated)]
    if isinstance(cond, NotOf):
        return _leaves(cond.not_, not negated)
    children = cond.all_ if isinstance(cond, AllOf) else cond.any_  # type: ignore[union-attr]
    return [leaf for c in children for leaf in _leaves(c, negated)]


def test_only_confirm_rules_fire_on_a_missing_fact() -> None:
    """A rule that is not a confirm step must not treat an unrecorded fact as an absence."""
    for rule in load_rules([shipped_dir("rules")]):
        leaves = _leaves(rule.spec.when)
        fires_on_missing = [leaf for leaf, negated in leaves if (leaf.op == "missing") != negated]
        if rule.spec.confirms is None:
            assert not fires_on_missing, f"{rule.id} fires on a missing fact"
        else:
            assert fires_on_missing, f"{rule.id} confirms a fact but never tests it missing"
            assert any(leaf.path.startswith(rule.spec.confirms) for leaf in fires_on_missing), (
                rule.id
            )


def test_every_confirm_rule_names_a_catalogued_fact() -> None:
    paths = {spec.path for spec in CHECKLIST}
    confirms = [r for r in load_rules([shipped_dir("rules")]) if r.spec.confirms]
    assert len(confirms) >= 10
    assert all(r.spec.confirms in paths for r in confirms)


# --- the draft's sentences never assert an absence that is not sourced ----------------------

#: Phrases that assert an absence, with the recorded fact that alone may justify them.
ABSENCE_PHRASES: dict[str, tuple[tuple[str, ...], Callable[[CountryProfile], bool]]] = {
    "data protection": (
        (
            "no comprehensive personal-data protection law",
            "no comprehensive data-protection law",
            "no comprehensive data protection law",
            "enact a comprehensive data protection law",
            "enact a comprehensive data-protection law",
        ),
        lambda p: p.law.data_protection is not None and p.law.data_protection.status == "none",
    ),
    "AI strategy": (
        ("has no national ai strategy", "prepare a national ai strategy"),
        lambda p: (
            p.institutions.ai_strategy is not None and p.institutions.ai_strategy.status == "none"
        ),
    ),
    "ethics body": (
        (
            "is charged with overseeing the ethics",
            "has no body overseeing ai or data ethics",
            "there is no national body that oversees",
        ),
        lambda p: (
            p.institutions.ai_ethics_body is not None and not p.institutions.ai_ethics_body.exists
        ),
    ),
    "guidelines": (
        (
            "has no guidelines governing ai use",
            "there is no guidance for public officers",
            "public officers have no guidance on ai use",
        ),
        lambda p: (
            p.public_sector_ai.guidelines is not None
            and p.public_sector_ai.guidelines.status == "none"
        ),
    ),
    "digital strategy": (
        ("has no national digital strategy",),
        lambda p: (
            p.institutions.digital_strategy is not None
            and p.institutions.digital_strategy.status == "none"
        ),
    ),
    "readiness assessment": (
        ("no national readiness assessment has been made",),
        lambda p: (
            p.institutions.unesco_ram is not None and p.institutions.unesco_ram.status == "none"
        ),
    ),
    "cybercrime": (
        ("no cybercrime law",),
        lambda p: (
            p.law.cybercrime is not None
            and p.law.cybercrime.status
            in ("none", "draft", "enacted_not_in_force", "partially_in_force")
        ),
    ),
}


def _text(document: str) -> str:
    plain = htmllib.unescape(re.sub(r"<[^>]+>", " ", document))
    return re.sub(r"\s+", " ", plain).lower()


def _contradictions(p: CountryProfile, a: Assessment, text: str) -> list[str]:
    problems = [
        f"{family}: {phrase!r} without a sourced none"
        for family, (phrases, sourced) in ABSENCE_PHRASES.items()
        if not sourced(p)
        for phrase in phrases
        if phrase in text
    ]
    dp = p.law.data_protection
    if dp is not None and dp.status == "in_force":
        if "bring data-protection law fully into force" in text:
            problems.append("data protection in force, but a goal asks to bring it into force")
        if {"DPL-NONE", "DPL-DRAFT", "DPL-PARTIAL", "DPL-CONFIRM"} & fired_ids(a):
            problems.append("data protection in force, but a rule treats it as missing")
    s = p.institutions.ai_strategy
    if s is not None and s.status == "adopted" and "adopt the strategy formally" in text:
        problems.append("AI strategy adopted, but a goal asks to adopt it")
    for key in a.expired_plans:
        plan = getattr(p.institutions, key)
        if plan.title and f"serves the goals of {plan.title.lower()}" in text:
            problems.append(f"expired plan {plan.title!r} presented as current")
        if plan.title and f"builds directly on {plan.title.lower()}" in text:
            problems.append(f"expired plan {plan.title!r} presented as current")
    return problems


def _synthetic() -> list[tuple[str, CountryProfile]]:
    cases: list[tuple[str, CountryProfile]] = []
    for status in (None, "none", "draft", "enacted_not_in_force", "partially_in_force", "in_force"):
        title = None if status == "none" else "The Data Act, 2020"
        cases.append((f"dp-{status}", with_law(JAM, data_protection=law(status, title))))
    cases.append(("dp-missing", with_law(JAM, data_protection=None)))
    cases.append(("all-law-missing", JAM.model_copy(update={"law": Law()})))
    for status in ("none", "in_preparation", "adopted"):
        strategy = AiStrategy(status=status, title="AI Policy", source=SRC)  # type: ignore[arg-type]
        cases.append((f"strategy-{status}", with_inst(JAM, ai_strategy=strategy)))
    cases.append(("strategy-missing", with_inst(JAM, ai_strategy=None)))
    expired = Plan(title="Old Plan 2010-2020", status="adopted", start=2010, end=2020, source=SRC)
    cases.append(("plans-expired", with_inst(JAM, national_development_plan=expired)))
    cases.append(("digital-expired", with_inst(JAM, digital_strategy=expired)))
    cases.append(("digital-none", with_inst(JAM, digital_strategy=Plan(status="none", source=SRC))))
    for status in (None, "none", "adopted"):
        cases.append((f"guidelines-{status}", in_use(status)))
    cases.append(
        ("ethics-false", with_inst(JAM, ai_ethics_body=EthicsBody(exists=False, source=SRC)))
    )
    cases.append(
        ("aia-ram-none", with_inst(AIA, unesco_ram=ReadinessAssessment(status="none", source=SRC)))
    )
    cases.append(
        (
            "headcount-public-sector",
            with_cs(
                JAM,
                headcount=Headcount(
                    value=40000, year=2018, scope="public_sector", approximate=True, source=SRC
                ),
            ),
        )
    )
    return cases


SYNTHETIC = _synthetic()


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_shipped_draft_asserts_no_unsourced_absence(path: Path) -> None:
    p = load_profile(path)
    a = assess(p, DATE)
    text = _text(render_document(a))
    assert _contradictions(p, a, text) == []


@pytest.mark.parametrize("name", [n for n, _ in SYNTHETIC])
def test_synthetic_draft_asserts_no_unsourced_absence(name: str) -> None:
    p = dict(SYNTHETIC)[name]
    a = assess(p, DATE)
    text = _text(render_document(a))
    assert _contradictions(p, a, text) == []


def test_checker_catches_an_unsourced_absence() -> None:
    """The contradiction check can fail: an absence sentence without a sourced none is caught."""
    p = with_law(JAM, data_protection=None)
    a = assess(p, DATE)
    assert _contradictions(p, a, "there is no comprehensive data-protection law here")
    expired = with_inst(
        JAM,
        national_development_plan=Plan(
            title="Old Plan", status="adopted", start=2010, end=2020, source=SRC
        ),
    )
    a = assess(expired, DATE)
    assert _contradictions(expired, a, "the strategy serves the goals of old plan")


# --- Jamaica: the draft never tells a country to enact a law it has -------------------------


def test_jamaica_draft_respects_its_data_protection_act() -> None:
    a = assess(JAM, DATE)
    assert JAM.law.data_protection is not None
    assert JAM.law.data_protection.status == "in_force"
    ids = fired_ids(a)
    assert "DPL-INFORCE" in ids
    assert not {"DPL-NONE", "DPL-CONFIRM", "DPL-COMMENCE", "DPL-DRAFT", "DPL-PARTIAL"} & ids
    text = _text(render_document(a))
    assert "data protection act, 2020" in text
    assert "in force since 1 december 2023" in text
    assert "enact a comprehensive data" not in text


def test_expired_plan_is_shown_as_expired() -> None:
    old = Plan(title="Old Plan 2010-2020", status="adopted", start=2010, end=2020, source=SRC)
    p = with_inst(JAM, national_development_plan=old)
    a = assess(p, DATE)
    assert a.expired_plans == {"national_development_plan"}
    assert "PLAN-SUCCESSOR" in fired_ids(a)
    text = _text(render_document(a))
    assert "reached the end of its horizon in 2020" in text
    # The same plan is current when the draft is built before its end.
    assert assess(p, dt.date(2019, 6, 1)).expired_plans == frozenset()
