import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from strategygen.assess.model import Trigger
from strategygen.assess.rules import (
    PRIORITY_ORDER,
    AllOf,
    ConditionContext,
    Leaf,
    NotOf,
    evaluate,
    fill,
    fill_owner,
    load_rules,
)
from strategygen.assess.rules.describe import condition_text
from strategygen.assess.rules.loading import find_cycle
from strategygen.assess.run import assess
from strategygen.assess.scaffold import scaffold
from strategygen.cli import cli
from strategygen.errors import RuleError, RuleFileError
from strategygen.i18n import use_language
from strategygen.inputs.loader import load_profile_text
from strategygen.inputs.profile import (
    Agency,
    AiStrategy,
    CivilService,
    Count,
    CountryProfile,
    EthicsBody,
    Guidelines,
    Institutions,
    Law,
    LawStatus,
    Plan,
    PublicSectorAI,
    ReadinessAssessment,
    UseCase,
)
from strategygen.inputs.tailoring import Tailoring
from strategygen.render.triggers import trigger_words
from strategygen.resources import shipped_dir

DATE = dt.date(2026, 3, 1)
SRC = "gairi2023"


def _p(code: str = "JAM") -> CountryProfile:
    """The country's scaffold with only what the index and World Bank data supply.

    ``strategygen new`` also writes a CDCC member's verified laws and bodies; these tests
    start from none of them and add each fact they need.
    """
    scaffolded = load_profile_text(scaffold(code))
    return scaffolded.model_copy(
        update={"institutions": Institutions(), "law": Law(), "civil_service": CivilService()}
    )


JAM = _p("JAM")


def edit(base: CountryProfile = JAM, **update: object) -> CountryProfile:
    return base.model_copy(update=update)


def strategy(status: str) -> CountryProfile:
    return edit(institutions=Institutions(ai_strategy=AiStrategy(status=status, source=SRC)))  # type: ignore[arg-type]


def law(**statuses: str) -> CountryProfile:
    return edit(
        law=Law(
            **{
                name: LawStatus(status=s, title="The Act", year=2020, source=SRC)  # type: ignore[arg-type]
                for name, s in statuses.items()
            }
        )
    )


def unverified(name: str) -> CountryProfile:
    """A law whose title is on record but whose status was not verified."""
    return edit(law=Law(**{name: LawStatus(title="The Act", year=2020, source=SRC)}))  # type: ignore[arg-type]


def plan(field: str, end: int) -> CountryProfile:
    """An adopted plan ending in ``end`` (the tests build on 2026-03-01)."""
    record = Plan(title="The Plan", status="adopted", start=end - 5, end=end, source=SRC)
    return edit(institutions=Institutions(**{field: record}))  # type: ignore[arg-type]


def ram(status: str, base: CountryProfile = JAM) -> CountryProfile:
    record = ReadinessAssessment(status=status, source=SRC)  # type: ignore[arg-type]
    return edit(base, institutions=Institutions(unesco_ram=record))


def use_case(stage: str, baseline: bool = False) -> UseCase:
    return UseCase(
        name="Chat assistant",
        agency="Tax Administration",
        function="tax administration",
        stage=stage,  # type: ignore[arg-type]
        risk_level="low",
        baseline_measured=baseline,
        source=SRC,
    )


def psai(cases: list[UseCase] | None, guidelines: str | None = None) -> CountryProfile:
    return edit(
        public_sector_ai=PublicSectorAI(
            use_cases=cases,
            use_cases_source=SRC,
            guidelines=Guidelines(status=guidelines, source=SRC) if guidelines else None,  # type: ignore[arg-type]
        )
    )


def count(value: int) -> Count:
    return Count(value=value, year=2024, source=SRC)


def civil(**values: int) -> CountryProfile:
    return edit(civil_service=CivilService(**{k: count(v) for k, v in values.items()}))


def dimension(name: str, value: float, base: CountryProfile = JAM) -> CountryProfile:
    r = base.readiness
    assert r.dimensions is not None
    dims = r.dimensions.model_copy(update={name: value})
    return edit(base, readiness=r.model_copy(update={"dimensions": dims}))


def readiness(**update: object) -> CountryProfile:
    return edit(readiness=JAM.readiness.model_copy(update=update))


def identity(**update: object) -> CountryProfile:
    return edit(identity=JAM.identity.model_copy(update=update))


Maker = Callable[[], CountryProfile]
# rule id -> (a profile it fires on, a contrasting profile it does not fire on)
CASES: dict[str, tuple[Maker, Maker | None]] = {
    "STR-NONE": (lambda: strategy("none"), lambda: strategy("adopted")),
    "STR-EARLY": (lambda: strategy("in_preparation"), lambda: strategy("none")),
    "STR-REFRESH": (lambda: strategy("adopted"), lambda: strategy("draft")),
    "STR-CONFIRM": (lambda: JAM, lambda: strategy("none")),
    "STR-LEAD": (
        lambda: JAM,
        lambda: edit(
            institutions=Institutions(ai_lead_agency=Agency(name="AI Office", source=SRC))
        ),
    ),
    "PLAN-SUCCESSOR": (
        lambda: plan("national_development_plan", 2020),
        lambda: plan("national_development_plan", 2030),
    ),
    "DIGITAL-SUCCESSOR": (
        lambda: plan("digital_strategy", 2022),
        lambda: plan("digital_strategy", 2030),
    ),
    "DPL-NONE": (lambda: law(data_protection="none"), lambda: law(data_protection="in_force")),
    "DPL-DRAFT": (lambda: law(data_protection="draft"), lambda: law(data_protection="none")),
    "DPL-PARTIAL": (
        lambda: law(data_protection="partially_in_force"),
        lambda: law(data_protection="draft"),
    ),
    "DPL-INFORCE": (lambda: law(data_protection="in_force"), lambda: law(data_protection="none")),
    "DPL-CONFIRM": (lambda: JAM, lambda: law(data_protection="none")),
    "DPL-COMMENCE": (lambda: unverified("data_protection"), lambda: law(data_protection="draft")),
    "CYB-GAP": (lambda: law(cybercrime="draft"), lambda: law(cybercrime="in_force")),
    "CYB-CONFIRM": (lambda: unverified("cybercrime"), lambda: law(cybercrime="none")),
    "ETH-BODY": (
        lambda: edit(
            institutions=Institutions(ai_ethics_body=EthicsBody(exists=False, source=SRC))
        ),
        lambda: edit(
            institutions=Institutions(
                ai_ethics_body=EthicsBody(exists=True, name="AI Council", source=SRC)
            )
        ),
    ),
    "ETH-CONFIRM": (
        lambda: JAM,
        lambda: edit(
            institutions=Institutions(ai_ethics_body=EthicsBody(exists=False, source=SRC))
        ),
    ),
    "PS-GUIDE": (
        lambda: psai([use_case("pilot")], "none"),
        lambda: psai([use_case("pilot")], "adopted"),
    ),
    "PS-GUIDE-CONFIRM": (
        lambda: psai([use_case("pilot")]),
        lambda: psai([use_case("pilot")], "none"),
    ),
    "PS-INVENTORY": (lambda: JAM, lambda: psai([])),
    "PS-BASELINE": (
        lambda: psai([use_case("production", baseline=False)]),
        lambda: psai([use_case("production", baseline=True)]),
    ),
    "SKL-TRAIN": (
        lambda: civil(headcount=1000, ai_trained=50),
        lambda: civil(headcount=1000, ai_trained=500),
    ),
    "SKL-TRAIN-CONFIRM": (lambda: JAM, lambda: civil(headcount=1000, ai_trained=0)),
    "SKL-SPEC": (lambda: civil(digital_specialists=0), lambda: civil(digital_specialists=12)),
    "SKL-SPEC-CONFIRM": (lambda: JAM, lambda: civil(digital_specialists=0)),
    "SKL-HEADCOUNT": (lambda: JAM, lambda: civil(headcount=20000)),
    "WEAK-VISION": (lambda: dimension("vision", 0), lambda: dimension("vision", 100)),
    "WEAK-GOV": (
        lambda: dimension("governance_ethics", 0),
        lambda: dimension("governance_ethics", 100),
    ),
    "WEAK-DIGCAP": (
        lambda: dimension("digital_capacity", 0),
        lambda: dimension("digital_capacity", 100),
    ),
    "WEAK-ADAPT": (lambda: dimension("adaptability", 0), lambda: dimension("adaptability", 100)),
    "WEAK-HUMCAP": (lambda: dimension("human_capital", 0), lambda: dimension("human_capital", 100)),
    "WEAK-INFRA": (
        lambda: dimension("infrastructure", 0),
        lambda: dimension("infrastructure", 100),
    ),
    "WEAK-DATA": (
        lambda: dimension("data_availability", 0),
        lambda: dimension("data_availability", 100),
    ),
    "WEAK-INNOV": (
        lambda: dimension("innovation_capacity", 0),
        lambda: dimension("innovation_capacity", 100),
    ),
    "DATA-IMPUTED": (
        lambda: readiness(imputed_over_40pct=True),
        lambda: readiness(imputed_over_40pct=False),
    ),
    "COV-NONE": (lambda: ram("none", _p("AIA")), lambda: _p("AIA")),
    "COV-CONFIRM": (lambda: _p("AIA"), lambda: ram("completed", _p("AIA"))),
    "RAM-ALIGN": (lambda: ram("completed"), lambda: ram("none")),
    "SIDS-POOL": (lambda: JAM, lambda: identity(sids=False)),
    "SMALL-ADMIN": (lambda: civil(headcount=1200), lambda: civil(headcount=50000)),
    "AWARE": (lambda: JAM, None),  # applies to every country
    "REG-COOP": (lambda: JAM, lambda: _p("FRA")),
    # Whole-of-nation and situation rules (rules/national.yaml).
    "TERR-EULAW": (lambda: _p("GLP"), lambda: JAM),
    "FRAG-SECURE": (lambda: _p("HTI"), lambda: JAM),
    "FRAG-SERVICES": (lambda: _p("HTI"), lambda: JAM),
    "FRAG-DONORS": (lambda: _p("HTI"), lambda: JAM),
    "FRAG-DIASPORA": (lambda: _p("HTI"), lambda: JAM),
    "ECO-SME": (lambda: JAM, lambda: dimension("maturity", 100)),
    "ECO-DIGSERV": (lambda: JAM, lambda: _p("DOM")),
    # Innovation below 35 but within 5 points of the peer mean (36.29 in 2024): WEAK-INNOV stays
    # silent and RES-FUND speaks.
    "RES-FUND": (
        lambda: dimension("innovation_capacity", 34),
        lambda: dimension("innovation_capacity", 100),
    ),
    "SKL-SCHOOLS": (lambda: JAM, lambda: dimension("human_capital", 100)),
    "SKL-RESKILL": (lambda: _p("BRB"), lambda: _p("HTI")),
    "INF-COMPUTE": (lambda: JAM, lambda: dimension("infrastructure", 100)),
    "INF-ENERGY": (lambda: _p("HTI"), lambda: JAM),
    "INF-DATA": (
        lambda: dimension("data_availability", 48),
        lambda: dimension("data_availability", 100),
    ),
    "COOP-INTL": (lambda: _p("FRA"), lambda: JAM),
}


def fired(profile: CountryProfile) -> dict[str, object]:
    return {f.id: f for f in assess(profile, DATE).fired}


def test_every_shipped_rule_has_a_case() -> None:
    ids = {r.id for r in load_rules([shipped_dir("rules")])}
    assert ids == set(CASES)
    assert 30 <= len(ids) <= 70


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires_and_contrast_does_not(rule_id: str) -> None:
    fires, contrast = CASES[rule_id]
    hit = fired(fires())
    assert rule_id in hit
    rule = hit[rule_id]
    assert rule.triggers  # type: ignore[attr-defined]
    assert rule.library.endswith(".yaml")  # type: ignore[attr-defined]
    assert "{" not in rule.finding and "{" not in rule.recommendation  # type: ignore[attr-defined]
    if contrast is None:
        assert rule_id in fired(_p("AIA"))
    else:
        assert rule_id not in fired(contrast())


def test_trigger_records_fact_value_and_condition() -> None:
    rule = fired(law(data_protection="draft"))["DPL-DRAFT"]
    (trigger,) = rule.triggers  # type: ignore[attr-defined]
    assert trigger.fact == "law.data_protection.status"
    assert trigger.value == "draft"
    assert trigger.condition == "law.data_protection.status eq draft"
    assert rule.library == "safeguards.yaml"  # type: ignore[attr-defined]


def test_placeholders_filled_with_profile_facts() -> None:
    profile = edit(
        law=Law(
            data_protection=LawStatus(
                status="partially_in_force", title="Data Act 2011", source=SRC
            )
        )
    )
    rule = fired(profile)["DPL-PARTIAL"]
    assert "Data Act 2011" in rule.finding  # type: ignore[attr-defined]
    assert "partially in force" in rule.finding  # type: ignore[attr-defined]


def test_owner_from_agency_or_named_role() -> None:
    agency = Institutions(
        digital_lead_agency=Agency(name="eGov Jamaica", acronym="eGovJa", source=SRC)
    )
    rule = fired(edit(institutions=agency))["PS-INVENTORY"]
    assert rule.owner == "eGov Jamaica (eGovJa)"  # type: ignore[attr-defined]
    assert rule.lead.kind == "recorded"  # type: ignore[attr-defined]
    # Without a recorded body, the lead is the ministry responsible for the domain.
    bare = fired(JAM)["PS-INVENTORY"]
    assert bare.owner == "the ministry responsible for digital government"  # type: ignore[attr-defined]
    assert bare.lead.kind == "role"  # type: ignore[attr-defined]


def test_every_shipped_rule_has_a_lead_and_a_cost_band() -> None:
    from strategygen.assess.rules import load_rules
    from strategygen.resources import shipped_dir

    for rule in load_rules([shipped_dir("rules")]):
        assert rule.spec.lead, rule.id
        assert rule.spec.cost, rule.id


def test_fired_rules_sorted_by_priority_then_id() -> None:
    rules = assess(JAM, DATE).fired
    keys = [(PRIORITY_ORDER[r.priority], r.id) for r in rules]
    assert keys == sorted(keys)


def test_depends_on_lists_only_fired_rules() -> None:
    rules = {r.id: r for r in assess(strategy("none"), DATE).fired}
    assert rules["STR-NONE"].depends_on == ("STR-LEAD",)
    with_lead = edit(
        institutions=Institutions(
            ai_strategy=AiStrategy(status="none", source=SRC),
            ai_lead_agency=Agency(name="AI Office", source=SRC),
        )
    )
    assert {r.id: r for r in assess(with_lead, DATE).fired}["STR-NONE"].depends_on == ()


def test_missing_fact_fails_every_comparison() -> None:
    ctx = ConditionContext(JAM, {}, {}, {"ai_trained_share": None})
    for op, value in (("lt", 10), ("ge", 10), ("ne", 5), ("eq", 5)):
        ok, _ = evaluate(Leaf(fact="derived.ai_trained_share", op=op, value=value), ctx)  # type: ignore[arg-type]
        assert not ok
    ok, _ = evaluate(Leaf(fact="derived.ai_trained_share", op="missing"), ctx)
    assert ok


def test_not_negates_and_logs() -> None:
    ctx = ConditionContext(JAM, {}, {}, {})
    cond = NotOf.model_validate({"not": {"fact": "identity.sids", "op": "eq", "value": False}})
    ok, triggers = evaluate(cond, ctx)
    assert ok
    assert triggers[0].condition == "not (identity.sids eq false)"


def test_fill_is_plain_substitution() -> None:
    values = {"country": "Jamaica", "headcount": None}
    assert fill("{country} has {headcount} staff", values) == "Jamaica has [DATA GAP] staff"
    assert fill("{digital_lead_agency} leads", {}) == "the lead agency for digital government leads"
    assert fill_owner("{digital_lead_agency}", {}) is None
    assert fill_owner(None, values) is None
    # Format-style attribute access is not interpreted.
    assert fill("{country.__class__}", values) == "{country.__class__}"


# --- the rule loader rejects malformed files, naming the file and the rule ---------------

GOOD = """\
rules:
  - id: T-ONE
    area: strategy
    pillar: enablers
    when: {fact: identity.sids, op: eq, value: true}
    finding: "{country} is small."
    recommendation: Pool services.
    priority: low
    horizon: long
    owner: null
    kpis: [K01]
    depends_on: []
    evidence: A published example
"""


def write(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_good_extra_rule_file_loads_and_fires(tmp_path: Path) -> None:
    rules = load_rules([shipped_dir("rules"), write(tmp_path, GOOD)])
    assert "T-ONE" in {r.id for r in rules}
    mine = Tailoring(rules=(write(tmp_path, GOOD),))
    extra = {f.id: f for f in assess(JAM, DATE, tailoring=mine).fired}
    assert extra["T-ONE"].finding == "Jamaica is small."
    # A user's rule names its folder and file, so the annex tells it from the shipped ones.
    assert extra["T-ONE"].library == f"{tmp_path.name}/mine.yaml"
    assert not extra["T-ONE"].shipped


def test_later_folder_overrides_shipped_rule(tmp_path: Path) -> None:
    text = GOOD.replace("T-ONE", "AWARE").replace("Pool services.", "Replaced.")
    mine = Tailoring(rules=(write(tmp_path, text),))
    hit = {f.id: f for f in assess(JAM, DATE, tailoring=mine).fired}
    assert hit["AWARE"].recommendation == "Replaced."


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("fact: identity.sids", "fact: identity.sizes", "unknown fact path"),
        ("fact: identity.sids", "fact: derived.nonsense", "unknown fact path"),
        ("fact: identity.sids", "fact: maturity.strategy.colour", "unknown fact path"),
        ("fact: identity.sids", "fact: benchmark.nothing.score", "unknown fact path"),
        ("op: eq", "op: equals", "op"),
        ("{country} is small.", "{country} has {secret_key}.", "unknown placeholder"),
        ("owner: null", "owner: '{minister}'", "unknown placeholder"),
        ("kpis: [K01]", "kpis: [K999]", "unknown KPI"),
        ("depends_on: []", "depends_on: [NOPE]", "unknown dependency"),
        ("horizon: long", "horizon: long\n    colour: blue", "colour: unknown key"),
        ("priority: low", "priority: urgent", "priority"),
        ("op: eq, value: true", "op: lt, value: small", "needs a number"),
        ("op: eq, value: true", "op: in, value: true", "list"),
        ("op: eq, value: true", "op: missing, value: true", "takes no value"),
        ("op: eq, value: true", "op: eq, value: maybe", "true or false"),
        (
            "{fact: identity.sids, op: eq, value: true}",
            "{fact: law.data_protection.status, op: eq, value: in-force}",
            "can never occur",
        ),
        (
            "when: {fact: identity.sids, op: eq, value: true}",
            "when: {colour: 1}",
            "a condition needs",
        ),
        ("when: {fact: identity.sids, op: eq, value: true}", "when: {all: []}", "at least 1"),
        ("evidence: A published example", "", "evidence"),
    ],
)
def test_rule_errors_name_file_and_rule(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in GOOD
    folder = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(RuleError) as info:
        load_rules([folder])
    text = str(info.value)
    assert "mine.yaml" in text
    assert "T-ONE" in text
    assert message in text


def test_duplicate_rule_id_in_one_folder(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD, "b.yaml")
    with pytest.raises(
        RuleError,
        match=r"b\.yaml:2:9: rules\[T-ONE\]\.id: duplicate id; already used in a\.yaml line 2",
    ):
        load_rules([tmp_path])


def test_unreadable_yaml(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match=r"mine\.yaml"):
        load_rules([write(tmp_path, "rules: [\n")])


def test_top_level_must_be_rules(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match=r"mine\.yaml"):
        load_rules([write(tmp_path, "rule: []\n")])


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(RuleFileError) as info:
        load_rules([write(tmp_path, text)])
    return str(info.value).removeprefix(str(tmp_path) + "/")


def test_rule_errors_are_located_like_profile_errors(tmp_path: Path) -> None:
    assert _error(tmp_path, GOOD.replace("identity.sids", "identity.sdis")) == (
        "mine.yaml:5:18: rules[T-ONE].when.fact: unknown fact path 'identity.sdis': 'sdis' is "
        "not one of name, official_name, iso3, iso2, languages, document_language, cdcc_status, "
        "un_region, sids, source (did you mean 'sids'?) (got 'identity.sdis')"
    )
    typo = _error(tmp_path, GOOD.replace("priority: low", "priorty: low")).splitlines()
    assert typo[0] == "mine.yaml:2:5: rules[T-ONE].priority: required field is missing; add it"
    assert typo[1].endswith(
        "mine.yaml:8:5: rules[T-ONE].priorty: unknown key; did you mean 'priority'? valid keys "
        "here: id, area, pillar, when, finding, recommendation, priority, horizon, owner, title, "
        "lead, cost, defer_in_crisis, legislative, kpis, depends_on, evidence, confirms"
    )
    nested = GOOD.replace(
        "when: {fact: identity.sids, op: eq, value: true}",
        "when:\n      all:\n        - not: {fact: identity.sids, op: lt, value: x}",
    )
    assert _error(tmp_path, nested) == (
        "mine.yaml:7:11: rules[T-ONE].when.all[0].not: op 'lt' needs a number (got 'x')"
    )


def test_unknown_dependency_suggests_the_nearest_id(tmp_path: Path) -> None:
    text = GOOD + GOOD.removeprefix("rules:\n").replace("T-ONE", "T-TWO").replace(
        "depends_on: []", "depends_on: [T-ONR]"
    )
    assert _error(tmp_path, text) == (
        "mine.yaml:24:18: rules[T-TWO].depends_on[0]: unknown dependency: no rule has that id; "
        "did you mean 'T-ONE'? (got 'T-ONR')"
    )


def test_a_rule_depending_on_itself_is_an_error(tmp_path: Path) -> None:
    assert _error(tmp_path, GOOD.replace("depends_on: []", "depends_on: [T-ONE]")) == (
        "mine.yaml:12:18: rules[T-ONE].depends_on[0]: a rule cannot depend on itself (got 'T-ONE')"
    )


def test_dependency_cycle_is_named(tmp_path: Path) -> None:
    rules = [
        GOOD.removeprefix("rules:\n")
        .replace("T-ONE", rid)
        .replace("depends_on: []", f"depends_on: [{dep}]")
        for rid, dep in (("T-A", "T-B"), ("T-B", "T-C"), ("T-C", "T-A"))
    ]
    message = _error(tmp_path, "rules:\n" + "".join(rules))
    assert message == (
        "mine.yaml:12:18: rules[T-A].depends_on[0]: dependency cycle: T-A -> T-B -> T-C -> T-A; "
        "remove one of these dependencies (got 'T-B')"
    )


def test_find_cycle() -> None:
    assert find_cycle({"A": ["B"], "B": [], "C": ["A"]}) == []
    assert find_cycle({"A": ["B"], "B": ["A"]}) == ["A", "B", "A"]
    assert find_cycle({"X": ["X"]}) == ["X", "X"]
    assert find_cycle({"A": ["B", "C"], "B": ["C"], "C": ["D"], "D": ["B"]}) == [
        "B",
        "C",
        "D",
        "B",
    ]


def test_rule_file_yaml_problems_name_rule_files(tmp_path: Path) -> None:
    assert _error(tmp_path, "rules:\n  - &a {id: X}\n  - *a\n") == (
        "mine.yaml:3:5: YAML aliases (*name) are not allowed in rule files; "
        "write the value out in full"
    )


def test_condition_text_reads_as_words() -> None:
    leaf = Leaf(fact="maturity.strategy.stage", op="le", value=2)
    text = condition_text(
        AllOf.model_validate(
            {
                "all": [
                    leaf,
                    {
                        "any": [
                            {"fact": "institutions.ai_strategy", "op": "missing"},
                            {
                                "fact": "institutions.ai_strategy.status",
                                "op": "in",
                                "value": ["draft", "announced"],
                            },
                        ]
                    },
                    {"not": {"fact": "identity.sids", "op": "eq", "value": True}},
                ]
            }
        )
    )
    assert text == (
        "maturity.strategy.stage <= 2 and (institutions.ai_strategy is missing or "
        "institutions.ai_strategy.status is one of draft, announced) and "
        "not (identity.sids is true)"
    )


def test_rules_list_command(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["rules", "list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["id", "area", "pillar", "priority", "fires", "when"]
    dpl = next(line for line in lines if line.startswith("DPL-NONE "))
    assert dpl.split(maxsplit=4) == [
        "DPL-NONE",
        "safeguards",
        "safeguards",
        "high",
        "law.data_protection.status is none",
    ]
    shipped = load_rules([shipped_dir("rules")])
    assert f"{len(shipped)} rules from the shipped library" in result.output

    as_json = runner.invoke(cli, ["rules", "list", "--json", "--rules", str(write(tmp_path, GOOD))])
    rows = {row["id"]: row for row in json.loads(as_json.output)}
    assert len(rows) == len(shipped) + 1
    assert rows["T-ONE"] == {
        "id": "T-ONE",
        "area": "strategy",
        "pillar": "enablers",
        "priority": "low",
        "horizon": "long",
        "fires_when": "identity.sids is true",
        "when": {"fact": "identity.sids", "op": "eq", "value": True},
        "kpis": ["K01"],
        "depends_on": [],
        "library": f"{tmp_path.name}/mine.yaml",
        "shipped": False,
    }
    assert rows["DPL-NONE"]["shipped"] is True


def test_pooling_is_for_small_island_states_only() -> None:
    """SIDS-POOL fires for a SIDS under three million people, never for a larger one."""
    small = _p("JAM")
    assert small.identity.sids and small.context.population
    assert small.context.population.value < 3_000_000
    assert "SIDS-POOL" in {f.id for f in assess(small, DATE).fired}
    large = _p("HTI")
    assert large.identity.sids and large.context.population
    assert large.context.population.value > 3_000_000
    assert "SIDS-POOL" not in {f.id for f in assess(large, DATE).fired}


def test_rule_texts_name_the_countrys_law_supervisor_strategy_and_sectors() -> None:
    """Placeholders put recorded facts into the texts; a missing one reads as a plain phrase."""
    from strategygen.inputs.loader import load_profile

    def fired(code: str) -> dict[str, str]:
        profile = load_profile(shipped_dir("country_profiles") / f"{code}.yaml")
        return {r.id: r.recommendation for r in assess(profile, dt.date(2026, 7, 1)).fired}

    jam = fired("JAM")
    assert "Office of the Information Commissioner" in jam["DPL-INFORCE"]
    assert "Data Protection Act, 2020" in jam["DPL-INFORCE"]
    assert jam["STR-EARLY"].startswith("Complete the work on National AI Policy")
    assert "supervisor of Data Protection Act, 2020" in jam["DPL-INFORCE"]
    sectors = "financial services, tourism and agriculture"
    assert f"(in this draft: {sectors})" in jam["WEAK-VISION"]
    assert f"each priority sector ({sectors})" in jam["ECO-SME"]


@pytest.mark.parametrize(
    "path",
    [
        *sorted(shipped_dir("rules").glob("*.yaml")),
        *(
            Path(__file__).parent.parent / "strategygen" / "data" / name
            for name in ("kpis.yaml", "pillars.yaml", "sectors.yaml")
        ),
    ],
    ids=lambda p: p.name,
)
def test_bundled_files_read_by_libyaml_give_what_the_located_reader_gives(path: Path) -> None:
    # Bundled rule files and data files (KPIs, pillars, sectors) skip the located reader's
    # walk (positions are found only for an error): the data must be the same, and so must
    # each position once asked for; a bundled file must also pass every check of the located reader
    # (no duplicate key, no tag, no control character), which it would otherwise skip.
    from strategygen.inputs.yamlsource import read_yaml_file

    located = read_yaml_file(path, kind="rule file")
    bundled = read_yaml_file(path, kind="rule file", bundled=True)
    assert type(bundled) is not type(located)  # the quick path was taken
    assert bundled.data == located.data
    for loc in list(located.value_marks)[:: max(1, len(located.value_marks) // 50)]:
        assert bundled.locate(loc) == located.locate(loc), loc


def test_a_trigger_reads_in_words_in_a_translated_draft() -> None:
    law = Trigger("law.cybercrime.status", "none", "law.cybercrime.status in [none, draft]")
    score = Trigger("benchmark.human_capital.score", "22.43", "benchmark.human_capital.score lt 40")
    with use_language("es"):
        assert str(trigger_words(law)) == (
            'Ley de ciberdelincuencia, situación: no promulgada <span class="condition">'
            "(regla: no promulgada o un anteproyecto de ley)</span>"
        )
    with use_language("fr"):
        said = str(trigger_words(score))
    assert said.startswith("Score de l&#39;indice de préparation pour « capital humain » : 22,43")
    assert "moins de 40" in said
    # A consultant's own path has no words: the annex prints it as code.
    assert trigger_words(Trigger("custom.fact", "1", "custom.fact eq 1")) is None


def test_an_unrecorded_data_protection_authority_is_not_named_twice() -> None:
    """Without a recorded authority the texts name the supervisor once, generically."""
    from strategygen.inputs.loader import load_profile
    from strategygen.inputs.tailoring import Tailoring

    dom = load_profile(shipped_dir("country_profiles") / "DOM.yaml")
    assert dom.law.data_protection and not dom.law.data_protection.authority
    doubled = {
        "en": ("(the data protection authority)", "supervisor: the data"),
        "es": ("(la autoridad de protección de datos)", "datos, la autoridad"),
        "fr": ("(l'autorité de protection des données)", "données : l'autorité"),
        "nl": ("(de toezichthouder", "gegevensbescherming: de"),
    }
    for lang, phrases in doubled.items():
        fired = assess(dom, dt.date(2026, 7, 1), tailoring=Tailoring(language=lang)).fired
        texts = {r.id: r.recommendation for r in fired}
        for rule in ("DPL-INFORCE", "ETH-CONFIRM"):
            assert not any(p in texts[rule] for p in phrases), (lang, texts[rule])


def test_ict_exports_figure_is_printed_as_the_sector_chapter_prints_it() -> None:
    """One precision and one citation form for the figure the sectors chapter also prints."""
    from strategygen.assess.datasets.catalogue import as_source
    from strategygen.inputs.loader import load_profile

    jam = load_profile(shipped_dir("country_profiles") / "JAM.yaml")
    text = {r.id: r.finding for r in assess(jam, dt.date(2026, 7, 1)).fired}["ECO-DIGSERV"]
    cited = as_source("wdi-economy")
    assert f"% of its service exports ({cited.publisher} {cited.year})." in text, text
    assert re.search(r"made up \d+\.\d% of", text), text
