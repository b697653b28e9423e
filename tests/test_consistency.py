"""The plan consistency checker: every shipped draft passes, and each check can fail."""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cache

import pytest

from strategygen.assess.consistency import check
from strategygen.assess.model import Assessment
from strategygen.assess.run import assess
from strategygen.inputs.loader import load_profile
from strategygen.render.html import render_document
from strategygen.resources import shipped_dir

DATE = dt.date(2026, 7, 1)
PROFILES = sorted(p.stem for p in shipped_dir("country_profiles").glob("*.yaml"))


# A draft whose plan has a sourced absence (DPL-NONE) and actions with prerequisites; Jamaica's
# has neither since its data protection law and AI lead body are on record.
PLAN_CASE = "HTI"


@cache
def draft(code: str) -> tuple[Assessment, str]:
    a = assess(load_profile(shipped_dir("country_profiles") / f"{code}.yaml"), DATE)
    return a, render_document(a)


@pytest.mark.parametrize("code", PROFILES)
def test_every_shipped_draft_is_consistent(code: str) -> None:
    a, html = draft(code)
    assert [f"{p.code}: {p.message}" for p in check(a, html)] == []


def codes(a: Assessment, html: str) -> set[str]:
    return {p.code for p in check(a, html)}


def test_a_table_row_with_other_years_fails() -> None:
    a, html = draft(PLAN_CASE)
    slot = a.schedule.slots["DPL-NONE"]
    bad = html.replace(f"<td>{slot.years}</td>", "<td>2027\u20132031</td>", 1)
    assert "horizon" in codes(a, bad)


def test_a_short_term_of_twelve_months_fails_when_it_spans_two_years() -> None:
    a, html = draft("JAM")
    assert a.schedule.spans["short"][1] > a.schedule.spans["short"][0]
    bad = html.replace("</section>", "<p>The short term is within 12 months.</p></section>", 1)
    assert "horizon" in codes(a, bad)


def test_an_action_before_its_prerequisite_fails() -> None:
    a, html = draft(PLAN_CASE)
    rule = next(r for r in a.fired if r.depends_on)
    dep = a.schedule.slots[rule.depends_on[0]]
    slots = dict(a.schedule.slots)
    slots[rule.id] = dataclasses.replace(slots[rule.id], first=dep.first)
    broken = dataclasses.replace(a, schedule=dataclasses.replace(a.schedule, slots=slots))
    assert "dependency" in codes(broken, html)


def test_a_priority_list_without_a_prerequisite_fails() -> None:
    a, html = draft(PLAN_CASE)
    needed = {d for r in a.fired for d in r.depends_on}
    high = next(r for r in a.fired if r.id in needed and r.priority == "high")
    bad = html.replace(f'<a href="#act-{high.id}">{high.id}</a></th>', "<a>X</a></th>")
    assert "priority" in codes(a, bad)


def test_the_top_dimension_called_weakest_fails() -> None:
    a, html = draft("JAM")
    dims = [b for b in a.benchmarks if b.level == "dimension" and b.score is not None]
    top = max(dims, key=lambda b: b.score or 0)
    bad = html.replace(
        "</section>", f"<p>{top.label} is among the weakest dimensions.</p></section>", 1
    )
    assert "weakest" in codes(a, bad)


def test_a_systematic_rating_without_an_inventory_fails() -> None:
    a, html = draft("JAM")
    areas = tuple(
        dataclasses.replace(m, stage=3, stage_name="Systematic") if m.area == "public_sector" else m
        for m in a.areas
    )
    assert "stage" in codes(dataclasses.replace(a, areas=areas), html)


@pytest.mark.parametrize("raw", ["status: in_preparation", "Guidance is none (2026)."])
def test_raw_status_codes_fail(raw: str) -> None:
    a, html = draft("JAM")
    bad = html.replace("</section>", f"<p>{raw}</p></section>", 1)
    assert "status-code" in codes(a, bad)


def test_a_refresh_that_asks_to_adopt_a_strategy_fails() -> None:
    a, html = draft("DOM")
    assert a.context.strategy_mode == "refresh"
    bad = html.replace("</section>", "<p>Adopt the strategy formally.</p></section>", 1)
    assert "refresh" in codes(a, bad)


def test_legislation_asked_of_a_territory_that_cannot_legislate_fails() -> None:
    a, html = draft("GLP")
    assert not a.context.legislates
    legislative = {"DPL-NONE", "DPL-DRAFT", "DPL-PARTIAL", "DPL-CONFIRM", "CYB-GAP", "CYB-CONFIRM"}
    assert not [r.id for r in a.fired if r.id in legislative]
    fake = dataclasses.replace(a.fired[0], recommendation="Enact a data protection law.")
    assert "legislation" in codes(dataclasses.replace(a, fired=(fake, *a.fired[1:])), html)


def test_caribbean_text_outside_the_caribbean_fails() -> None:
    a, html = draft("JAM")
    elsewhere = dataclasses.replace(a, context=dataclasses.replace(a.context, caribbean=False))
    assert "region" in codes(elsewhere, html)
    assert "region" not in codes(a, html)


@pytest.mark.parametrize("code", PROFILES)
def test_no_target_falls_due_before_the_action_that_produces_it(code: str) -> None:
    """A KPI's dated target ("by 2027") is never earlier than the last year of an action
    naming that KPI (Haiti's strategy cannot be adopted before the action drafting it ends)."""
    a, _ = draft(code)
    for kpi in a.kpis:
        if f"by {kpi.target_year}" not in kpi.target:
            continue
        for rule in a.fired:
            if kpi.id in rule.kpis and rule.last_year is not None:
                assert kpi.target_year >= rule.last_year, (kpi.id, kpi.target, rule.id)


def test_a_draft_with_many_open_owners_or_costs_fails() -> None:
    a, html = draft("JAM")
    marker = '<span class="gap gap-owner">[OWNER TO ASSIGN]</span>'
    assert "placeholder" not in codes(a, html.replace("</section>", marker * 10 + "</section>", 1))
    bad = html.replace("</section>", marker * 6 + "</section>", 1)
    bad = bad.replace("</section>", '<span class="gap gap-cost">x</span>' * 6 + "</section>", 1)
    assert "placeholder" in codes(a, bad)


def test_a_cap_that_lowers_nothing_fails() -> None:
    a, html = draft("JAM")
    free = next(m for m in a.areas if not m.held_back and m.stage is not None)
    areas = tuple(
        dataclasses.replace(m, caps=("a cap that holds nothing back",)) if m is free else m
        for m in a.areas
    )
    assert "cap" in codes(dataclasses.replace(a, areas=areas), html)


def test_a_deferred_sector_named_as_a_priority_fails() -> None:
    a, html = draft("HTI")
    assert a.context.fragile and a.sectors.deferred
    deferred = a.sectors.deferred[0].short
    assert deferred not in [s.short for s in a.sectors.chosen]
    bad = html.replace(
        "</section>", f"<p>{deferred} is a priority sector for this draft.</p></section>", 1
    )
    assert "deferred-sector" in codes(a, bad)


def test_a_refresh_left_for_later_fails() -> None:
    a, html = draft("DOM")
    rule = next(r for r in a.fired if r.id == "STR-REFRESH")
    assert rule.priority == "high"
    late = dataclasses.replace(rule, priority="medium")
    fired = tuple(late if r is rule else r for r in a.fired)
    assert "refresh-plan" in codes(dataclasses.replace(a, fired=fired), html)
    slots = dict(a.schedule.slots)
    slots["STR-REFRESH"] = dataclasses.replace(slots["STR-REFRESH"], first=a.horizon_start + 2)
    later = dataclasses.replace(a, schedule=dataclasses.replace(a.schedule, slots=slots))
    assert "refresh-plan" in codes(later, html)
