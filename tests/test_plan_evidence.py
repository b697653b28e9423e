"""Plan chapters from the country's evidence: financing, tiers, baselines, targets, risks."""

from __future__ import annotations

import datetime as dt

import pytest

from strategygen.assess.financing import financing_lines, source_for
from strategygen.assess.kpi_context import KpiContext
from strategygen.assess.kpi_measures import LawBaseline
from strategygen.assess.kpi_readiness import relative_target
from strategygen.assess.kpis import TIER_CAPS, training_tiers
from strategygen.assess.run import assess
from strategygen.i18n import use_language
from strategygen.inputs.loader import load_profile
from strategygen.inputs.profile import CountryProfile
from strategygen.inputs.tailoring import Tailoring
from strategygen.render.html import render_document
from strategygen.resources import shipped_dir

DATE = dt.date(2026, 7, 1)


def shipped(code: str) -> CountryProfile:
    return load_profile(shipped_dir("country_profiles") / f"{code}.yaml")


def test_every_costed_action_has_one_financing_source_and_the_sums_add_up() -> None:
    for code in ("JAM", "HTI", "GLP"):
        a = assess(shipped(code), DATE)
        costed = [r.id for r in a.fired if r.cost is not None]
        listed = [rid for line in a.financing for rid in line.actions]
        assert sorted(listed) == sorted(costed), code
        if a.budget.rows:
            low = sum(line.usd[0] for line in a.financing if line.usd)
            assert low == pytest.approx(a.budget.total[0], rel=0.02), code


def test_financing_follows_what_the_action_is_and_the_situation() -> None:
    hti = assess(shipped("HTI"), DATE)
    by_id = {r.id: r for r in hti.fired}
    # A fragile country's protection of records goes to humanitarian and recovery funding;
    # a major infrastructure investment to the development banks; a confirmation to the budget.
    assert source_for(by_id["FRAG-SECURE"], hti.context) == "humanitarian"
    assert source_for(by_id["INF-ENERGY"], hti.context) == "development_banks"
    assert source_for(by_id["STR-LEAD"], hti.context) == "own_budget"
    # Where the budget cannot carry the plan, a law needs partners' support; elsewhere not.
    assert source_for(by_id["DPL-NONE"], hti.context) == "technical_assistance"
    brb = assess(shipped("BRB"), DATE)
    assert source_for(next(r for r in brb.fired if r.id == "SKL-SCHOOLS"), brb.context) == (
        "own_budget"
    )
    glp = assess(shipped("GLP"), DATE)
    keys = [line.key for line in financing_lines(glp.fired, glp.context)]
    assert "administering_state" in keys and "humanitarian" not in keys
    assert assess(shipped("BRB"), DATE).income_group == "High income"


def test_budget_chapter_names_the_income_group_and_the_matched_actions() -> None:
    html = render_document(assess(shipped("JAM"), DATE))
    chapter = html[html.index('id="sec-budget"') : html.index('id="sec-monitoring"')]
    assert "The World Bank classes Jamaica as an upper-middle-income economy" in chapter
    assert '<a href="#act-INF-COMPUTE">INF-COMPUTE</a>' in chapter
    # The method is in the annex, not repeated in the chapter.
    assert "three times GDP per capita" not in chapter
    annex = html[html.index('id="sec-annex_methodology"') :]
    assert "three times GDP per capita" in annex and "What each cost band covers" in annex


def test_targeted_tiers_are_capped_for_a_headcount_of_all_central_government() -> None:
    dom = {t.key: t for t in training_tiers(shipped("DOM"))}
    assert dom["awareness"].target == 618_687 and not dom["awareness"].capped
    assert dom["specialists"].target == TIER_CAPS["specialists"] and dom["specialists"].capped
    assert "capped at 500" in dom["specialists"].basis
    # A civil service small enough for the ratios keeps them.
    tto = {t.key: t for t in training_tiers(shipped("TTO"))}
    assert tto["leaders"].target == 1050 and not tto["leaders"].capped
    assert tto["practitioners"].target == 3500 and not tto["practitioners"].capped


def test_a_recorded_status_with_an_undated_source_is_an_undated_baseline() -> None:
    # Haiti's "no data protection law" cites a source without a year: the status is still
    # the indicator's starting point, printed as undated rather than left a data gap.
    hti = shipped("HTI")
    assert hti.law.data_protection is not None and hti.law.data_protection.status == "none"
    ctx = KpiContext(hti, 2027, 2032, {}, {}, {})
    base = LawBaseline(kind="law", law="data_protection").compute(ctx)
    assert base is not None and base.value.startswith("none") and base.year is None


def test_a_peer_group_leader_aims_at_a_wider_group_never_stays_put() -> None:
    text, _ = relative_target(
        43.73,
        25.85,
        "Dominican Republic",
        43.73,
        "CDCC members",
        2032,
        [("the mean for the world", 50.0)],
    )
    assert (
        text == "Already the best of CDCC members, so reach the mean for the world (50.00) by 2032"
    )
    text, _ = relative_target(43.73, 25.85, "Dominican Republic", 43.73, "CDCC members", 2032)
    assert "improve on 43.73 by 2032" in text
    dom = assess(shipped("DOM"), DATE)
    assert not any("Stay the best" in k.target for k in dom.kpis)


def test_a_target_is_written_in_the_document_language_with_the_countrys_figures() -> None:
    # Haiti's French writes a decimal comma; the leader is named as French names it.
    with use_language("fr", "HT"):
        mean_for = "la moyenne des membres du CDCC"
        text, year = relative_target(20.0, 25.85, None, None, "", 2031, (), mean_for)
        assert text == (
            "Réduire de moitié l'écart avec la moyenne des membres du CDCC (25,85) "
            "d'ici 2031 : 22,93"
        )
        text, _ = relative_target(40.0, 30.0, "Dominican Republic", 43.73, "", 2031, (), mean_for)
        assert "(République dominicaine, 43,73)" in text
    # The Dominican Republic's Spanish keeps the decimal point (es_DO).
    with use_language("es", "DO"):
        mean_for = "la media de los miembros del CDCC"
        text, _ = relative_target(20.0, 25.85, None, None, "", 2032, (), mean_for)
        assert "(25.85)" in text and text.startswith("Reducir a la mitad")
    assert year == 2031


def test_risk_register_cites_evidence_and_links_the_plans_actions() -> None:
    # Haiti's draft is French by default; the English wording is checked here.
    a = assess(shipped("HTI"), DATE, tailoring=Tailoring(language="en"))
    assert a.risk_actions is not None and "CYB-GAP" in a.risk_actions["cybersecurity"]
    html = render_document(a)
    chapter = html[html.index('id="sec-risks"') :]
    chapter = chapter[: chapter.index("</section>")]
    assert "ITU Global Cybersecurity Index" in chapter
    assert 'href="#src-inform2025"' in chapter and "Notre Dame" not in chapter
    assert 'actions in this plan: <a href="#act-FRAG-SECURE">' in chapter
    # The plan defers tourism in Haiti's crisis, so the register does not rate its risks.
    assert "In tourism:" not in chapter and "In agriculture:" in chapter
