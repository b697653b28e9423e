"""National pillars, their RAM and World Bank mapping, and the results framework."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from strategygen.assess.model import Assessment
from strategygen.assess.pillars import PILLAR_KEYS, pillar_for, pillars
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
    assert mine.lead.name == "the ministry responsible for education"


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
    assert tourism.lead is not None and tourism.lead.name == "the ministry responsible for tourism"
    assert "2011" in tourism.finding and "newer national figure" in tourism.finding
