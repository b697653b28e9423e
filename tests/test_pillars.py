"""National pillars, their RAM and World Bank mapping, and the results framework."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from strategygen.assess.kpis import READINESS_KPI
from strategygen.assess.model import Assessment
from strategygen.assess.pillars import PILLAR_KEYS, pillar_for, pillars
from strategygen.assess.results import INDICATORS_PER_OBJECTIVE, select_indicators
from strategygen.assess.rules import load_rules
from strategygen.assess.run import assess
from strategygen.inputs.loader import load_profile
from strategygen.inputs.profile import INDICATOR_NAMES
from strategygen.resources import shipped_dir

DATE = dt.date(2026, 7, 1)


@cache
def assessed(code: str) -> Assessment:
    return assess(load_profile(shipped_dir("country_profiles") / f"{code}.yaml"), DATE)


def test_seven_pillars_cover_ram_and_the_four_foundations() -> None:
    specs = pillars()
    assert tuple(p.key for p in specs) == PILLAR_KEYS
    ram = {r for p in specs for r in p.ram}
    assert ram == {
        "legal_regulatory",
        "social_cultural",
        "scientific_educational",
        "economic",
        "technical_infrastructural",
    }
    assert {f for p in specs for f in p.foundations} == {
        "connectivity",
        "compute",
        "context",
        "competency",
    }


def test_every_index_indicator_belongs_to_exactly_one_pillar() -> None:
    keys = [k for p in pillars() for k in p.indicators]
    assert sorted(keys) == sorted(INDICATOR_NAMES)


def test_every_shipped_rule_lands_in_a_national_pillar() -> None:
    for rule in load_rules([shipped_dir("rules")]):
        assert pillar_for(rule.spec.pillar, rule.spec.area) in PILLAR_KEYS, rule.id


def test_legacy_pillar_names_read_through_the_area(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "rules:\n"
        "  - id: MY-SKILLS\n"
        "    area: skills\n"
        "    pillar: enablers\n"
        "    when: {fact: identity.iso3, op: present}\n"
        "    finding: F.\n"
        "    recommendation: R.\n"
        "    priority: low\n"
        "    horizon: long\n"
        "    lead: education\n"
        "    cost: A\n"
        "    evidence: E\n",
        encoding="utf-8",
    )
    from strategygen.inputs.tailoring import Tailoring

    profile = load_profile(shipped_dir("country_profiles") / "JAM.yaml")
    a = assess(profile, DATE, tailoring=Tailoring(rules=(str(tmp_path),)))
    mine = next(r for r in a.fired if r.id == "MY-SKILLS")
    assert mine.pillar == "skills" and mine.lead is not None
    assert mine.lead.name == "Ministry of Education, Skills, Youth and Information"  # recorded


def test_pillar_views_group_actions_and_never_repeat_an_indicator() -> None:
    a = assessed("HTI")
    assert tuple(v.spec.key for v in a.pillars) == PILLAR_KEYS
    grouped = [r.id for v in a.pillars for r in v.actions]
    assert sorted(grouped) == sorted(r.id for r in a.fired)
    ids = [k.id for v in a.pillars for k in v.kpis]
    assert len(ids) == len(set(ids))
    economy = next(v for v in a.pillars if v.spec.key == "economy")
    assert {r.id for r in economy.actions} >= {"SEC-AGRICULTURE", "SEC-FINANCE"}


def test_results_framework_has_one_objective_per_pillar_with_actions() -> None:
    a = assessed("JAM")
    with_actions = [v.spec.key for v in a.pillars if v.actions]
    assert [o.pillar.key for o in a.results] == with_actions
    for o in a.results:
        assert o.outputs and o.statement.endswith(".")
        assert o.responsible
    dom = assessed("DOM").results[0]
    assert dom.pillar.key == "governance" and "ENIA" in dom.statement
    assert "adopt a first" not in dom.statement.lower()


def test_sector_actions_are_led_by_the_sector_ministry() -> None:
    a = assessed("JAM")
    tourism = next(r for r in a.fired if r.id == "SEC-TOURISM")
    assert tourism.pillar == "economy"
    assert tourism.lead is not None and tourism.lead.name == "Ministry of Tourism"  # recorded
    assert "2011" in tourism.finding and "newer national figure" in tourism.finding


@pytest.mark.parametrize("code", ["JAM", "HTI", "DMA", "DOM"])
def test_results_framework_keeps_a_few_indicators_per_objective(code: str) -> None:
    a = assessed(code)
    kept = {k.id for k in a.kpis}
    for o in a.results:
        # The headline readiness indicator sits with the first pillar that names it.
        others = [k for k in o.indicators if k.id != READINESS_KPI]
        assert len(others) <= INDICATORS_PER_OBJECTIVE, o.pillar.key
    # No action names an indicator the draft does not report, and no dropped indicator
    # leaves a baseline gap behind.
    for r in a.fired:
        assert set(r.kpis) <= kept, r.id
    for g in a.gaps:
        if g.path.startswith("kpi."):
            assert g.path.removeprefix("kpi.") in kept


def test_indicator_selection_prefers_measured_outcomes() -> None:
    from strategygen.assess.model import Kpi

    def kpi(kid: str, level: str, measured: bool) -> Kpi:
        base = a.kpis[0].baseline if measured else None
        return replace(a.kpis[0], id=kid, level=level, baseline=base)  # type: ignore[arg-type]

    a = assessed("JAM")
    assert a.kpis[0].baseline is not None
    rule = replace(a.fired[0], pillar="skills", kpis=("KA", "KB", "KC", "KD", "KE"))
    kpis = [
        kpi("KA", "activity", False),
        kpi("KB", "output", True),
        kpi("KC", "outcome", False),
        kpi("KD", "outcome", True),
        kpi("KE", "input", True),
    ]
    (trimmed,), kept = select_indicators([rule], kpis, PILLAR_KEYS, limit=3)
    # Measured first (outcome, then output, then input), then the unmeasured outcome.
    assert kept == {"KD", "KB", "KE"}
    assert trimmed.kpis == ("KB", "KD", "KE")
