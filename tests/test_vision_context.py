"""The vision composed from evidence, and the country context that frames each draft."""

from __future__ import annotations

import datetime as dt
from functools import cache

from strategygen import Tailoring, render_html
from strategygen.assess.context import country_context, is_caribbean
from strategygen.assess.model import Assessment
from strategygen.assess.run import assess
from strategygen.i18n.leaks import english_lines, recorded_names
from strategygen.inputs.loader import load_profile, load_profile_text
from strategygen.resources import shipped_dir

DATE = dt.date(2026, 7, 1)
CODES = sorted(p.stem for p in shipped_dir("country_profiles").glob("*.yaml"))


@cache
def assessed(code: str) -> Assessment:
    # English, asked for: the Dominican Republic's and Haiti's drafts default to Spanish
    # and French, and these tests read the English wording.
    profile = load_profile(shipped_dir("country_profiles") / f"{code}.yaml")
    return assess(profile, DATE, tailoring=Tailoring(language="en"))


def test_no_two_members_share_a_vision() -> None:
    members = [c for c in CODES if assessed(c).profile.identity.cdcc_status == "member"]
    assert len(members) == 16
    seen: dict[str, str] = {}
    for code in members:
        a = assessed(code)
        masked = a.vision.statement.replace(a.profile.identity.name, "<C>")
        assert masked not in seen, f"{code} repeats the vision of {seen.get(masked)}"
        seen[masked] = code


def test_vision_follows_the_evidence() -> None:
    hti, dom, jam = assessed("HTI").vision, assessed("DOM").vision, assessed("JAM").vision
    assert "essential services" in hti.statement  # INFORM 'Very High': a fragile context
    assert "ENIA" in dom.statement and "OGTIC" in dom.statement  # a refresh, lead body named
    assert "tourism" in jam.statement  # tourism receipts 48% of exports (2011)
    assert all(v.basis for v in (hti, dom, jam))


def test_fragility_comes_from_inform() -> None:
    hti, jam = country_context(assessed("HTI").profile), country_context(assessed("JAM").profile)
    assert hti.fragile and hti.fragility is not None
    assert "Very High" in hti.fragility.reasons[0]
    assert not jam.fragile and jam.risk is not None and jam.risk.risk_class == "Low"


def test_strategy_mode() -> None:
    assert country_context(assessed("DOM").profile).strategy_mode == "refresh"
    assert country_context(assessed("JAM").profile).strategy_mode == "complete"
    assert country_context(assessed("HTI").profile).strategy_mode == "first"


def test_territories_and_who_legislates() -> None:
    glp = country_context(assessed("GLP").profile)
    assert glp.territory is not None and not glp.legislates and glp.territory.under_eu_law
    aia = country_context(assessed("AIA").profile)
    assert aia.territory is not None and aia.legislates
    assert aia.government == "the Government of Anguilla"
    assert country_context(assessed("JAM").profile).sovereign


def test_region_is_caribbean_only_for_caribbean_countries(valid_text: str) -> None:
    text = (
        valid_text.replace("iso3: JAM", "iso3: KEN")
        .replace("iso2: JM", "iso2: KE")
        .replace("cdcc_status: member", "cdcc_status: none\n  un_region: Eastern Africa")
    )
    kenya = load_profile_text(text)
    assert not is_caribbean(kenya)
    ctx = country_context(kenya)
    assert not ctx.caribbean and ctx.region_name == "Eastern Africa"
    assert is_caribbean(assessed("GUY").profile)  # a CDCC member outside the UN Caribbean


def test_a_fragile_vision_promises_only_the_sectors_the_plan_schedules() -> None:
    """Haiti's tourism actions wait in its fragile context, so its vision does not name tourism."""
    from strategygen.api import assess_profile, load_profile

    a = assess_profile(load_profile("HTI"))
    assert a.context.fragile
    waiting = {r.id for r in a.deferred}
    assert "SEC-TOURISM" in waiting
    assert "tourism" not in a.vision.statement.lower()


def test_missing_foundations_come_from_recorded_facts_only() -> None:
    """A foundation is called missing only on a recorded fact; unknown is not absent."""
    from strategygen.assess.vision import missing_foundations

    jam = assessed("JAM")
    # National AI Policy in preparation; Data Protection Act 2020 in force; data availability
    # under the CDCC mean; human capital over it.
    assert jam.vision.missing == ("strategy", "data")
    assert assessed("HTI").vision.missing == ("strategy", "law", "data", "skills")
    assert "strategy" not in assessed("DOM").vision.missing  # ENIA adopted in 2023
    profile = jam.profile
    unknown_law = profile.model_copy(
        update={"law": profile.law.model_copy(update={"data_protection": None})}
    )
    ctx = country_context(unknown_law)
    assert missing_foundations(unknown_law, ctx, ["data_availability"]) == ("strategy", "data")
    # A vision does not promise a law already in force, nor twice what it names as weakest.
    assert "law" not in jam.vision.statement and "put in place" not in jam.vision.statement


def test_objectives_say_what_the_evidence_asks_of_each_pillar() -> None:
    jam, hti = assessed("JAM"), assessed("HTI")
    aims = {o.pillar.key: o.aim for o in jam.results}
    assert aims["economy"].startswith("Bring AI into financial services, tourism and")
    assert "CARICOM" in aims["cooperation"]
    assert "connectivity, computing capacity and usable public data" in aims["infrastructure"]
    assert "Build on skills" in aims["skills"]  # human capital over the CDCC mean
    hti_aims = {o.pillar.key: o.aim for o in hti.results}
    assert "development partners" in hti_aims["cooperation"]  # a fragile context
    assert "below the peer group's mean" in hti_aims["skills"]
    # The vision lists the aim alone; the results framework keeps the main actions.
    for o in jam.results:
        assert "Main actions" not in o.aim
        assert o.statement.startswith(o.aim[:-1])


def _english_in(code: str, lang: str, sections: set[str]) -> list[tuple[str, str, list[str]]]:
    """Return the English lines of the given sections of ``code``'s draft in ``lang``."""
    document = render_html(code, Tailoring(language=lang), build_date=DATE)
    names = recorded_names(shipped_dir("country_profiles") / f"{code}.yaml")
    return [line for line in english_lines(document, lang, names) if line[0] in sections]


def test_the_vision_goals_and_indicators_are_written_in_the_drafts_language() -> None:
    # Haiti (a fragile context) in French and Suriname (a first strategy) in Dutch: the
    # statement, its basis and the goals are composed in Python from the evidence, and the
    # indicators' names, baselines and targets (summary and results framework) come from
    # the KPI catalogue and the target kinds.
    sections = {"vision", "executive_summary", "monitoring"}
    assert _english_in("HTI", "fr", sections) == []
    assert _english_in("SUR", "nl", sections) == []


def test_the_vision_is_composed_in_the_document_language() -> None:
    profile = load_profile(shipped_dir("country_profiles") / "DOM.yaml")
    dom = assess(profile, DATE, tailoring=Tailoring(language="es"))
    # The country takes its article, the lead is named, the sectors are in Spanish.
    assert dom.vision.statement.startswith("Para 2032, la República Dominicana habrá ")
    assert "OGTIC" in dom.vision.statement and "turismo" in dom.vision.statement
    assert dom.results[0].aim.startswith("Llevar la Estrategia Nacional")
    # One priority sector reads in the singular (Cuba's agriculture).
    cub = assess(
        load_profile(shipped_dir("country_profiles") / "CUB.yaml"),
        DATE,
        tailoring=Tailoring(language="es"),
    )
    assert "; aplicará la IA en su sector prioritario (agricultura)" in cub.vision.statement
