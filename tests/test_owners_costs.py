"""Owners from recorded institutions or named roles; cost bands scaled to the country."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from strategygen.assess.context import country_context
from strategygen.assess.costs import (
    budget_table,
    cost_basis,
    cost_data,
    estimate,
    money_range,
    round2,
    size_factor,
    tier_costs,
)
from strategygen.assess.owners import AI_LEAD_TO_DESIGNATE, ROLES, resolve
from strategygen.i18n import use_language
from strategygen.i18n.texts import missing_texts, texts_in
from strategygen.inputs.loader import load_profile, load_profile_text
from strategygen.inputs.profile import CountryProfile
from strategygen.resources import shipped_dir


def shipped(code: str) -> CountryProfile:
    return load_profile(shipped_dir("country_profiles") / f"{code}.yaml")


def owner(profile: CountryProfile, domain: str) -> tuple[str, str]:
    o = resolve(domain, profile, country_context(profile))
    return o.name, o.kind


def test_recorded_ai_lead_body_leads_ai_policy() -> None:
    dom = shipped("DOM")
    name, kind = owner(dom, "ai_policy")
    assert kind == "recorded" and "OGTIC" in name


def test_recorded_stakeholder_leads_its_domain(
    valid_text: str, edit: Callable[[str, str, str], str]
) -> None:
    text = edit(
        valid_text,
        "sources:\n",
        "stakeholders:\n"
        "  - {name: Ministry of Education and Youth, kind: government, source: src}\n"
        "  - {name: University of Testland, kind: academia, source: src}\n"
        "sources:\n",
    )
    p = load_profile_text(text)
    o = resolve("education", p, country_context(p))
    assert (o.name, o.kind, o.source_id) == ("Ministry of Education and Youth", "recorded", "src")
    # An academic body is not a ministry: higher education falls back to the named role.
    assert owner(p, "higher_education") == (ROLES["higher_education"], "role")


def test_named_role_when_nothing_is_recorded(valid_text: str) -> None:
    p = load_profile_text(valid_text)
    assert owner(p, "education") == ("the ministry responsible for education", "role")
    # Choosing the AI lead is the government's decision: its actions wait for that body.
    assert owner(p, "ai_policy") == (AI_LEAD_TO_DESIGNATE, "role")


def test_a_digital_lead_is_not_taken_for_the_ai_lead() -> None:
    hti = shipped("HTI")
    assert hti.institutions.ai_lead_agency is None
    assert hti.institutions.digital_lead_agency is not None
    assert owner(hti, "ai_policy") == (AI_LEAD_TO_DESIGNATE, "role")
    assert owner(hti, "digital_government")[1] == "recorded"
    assert country_context(hti).lead_body is None


def test_unknown_domain_is_a_marked_gap(valid_text: str) -> None:
    p = load_profile_text(valid_text)
    o = resolve("space_programme", p, country_context(p))
    assert o.is_gap


def test_french_region_roles_follow_competences() -> None:
    glp = shipped("GLP")
    name, _ = owner(glp, "data_protection")
    assert "CNIL" in name
    assert "French State" in owner(glp, "justice")[0]
    assert owner(glp, "tourism")[0] == "the Région Guadeloupe"
    # A US territory has departments rather than ministries.
    assert owner(shipped("PRI"), "education")[0].startswith("the government department")


def test_size_factor_steps() -> None:
    assert size_factor(15_000) == 0.5
    assert size_factor(300_000) == 0.75
    assert size_factor(2_800_000) == 1.0
    assert size_factor(11_000_000) == 1.5
    assert size_factor(None) == 1.0


def test_cost_scales_with_income_and_size() -> None:
    jam, hti, kna = (cost_basis(shipped(c)) for c in ("JAM", "HTI", "KNA"))
    # Jamaica: 3 x GDP per capita (8,003 in 2025) = about 24,000 a staff-year.
    assert jam.staff_year_usd == round2(3 * 8003)
    # Haiti's GDP per capita is below a third of the floor, so the floor prices a staff-year.
    assert hti.staff_year_usd == 20000
    c_jam, c_hti, c_kna = (estimate("C", b) for b in (jam, hti, kna))
    assert c_jam.usd is not None and c_hti.usd is not None and c_kna.usd is not None
    # Haiti (11.8m people) needs more effort than Jamaica (2.8m) for the same band...
    assert c_hti.staff_years[0] > c_jam.staff_years[0]
    # ...and Saint Kitts and Nevis (under 100,000) less.
    assert c_kna.staff_years[1] < c_jam.staff_years[1]
    # Bands are ordered and each range is low <= high.
    lows = [estimate(b, jam).usd[0] for b in "ABCD"]  # type: ignore[index]
    assert lows == sorted(lows)
    assert all(lo <= hi for lo, hi in (estimate(b, jam).usd for b in "ABCD"))  # type: ignore[misc]


def test_without_gdp_a_band_is_effort_only() -> None:
    aia = cost_basis(shipped("AIA"))
    assert not aia.priced
    est = estimate("B", aia)
    assert est.usd is None and est.staff_years[1] > 0


def test_training_cost_per_tier_from_headcount(
    valid_text: str, edit: Callable[[str, str, str], str]
) -> None:
    text = edit(
        valid_text,
        "context:\n",
        "civil_service:\n  headcount: {value: 10000, year: 2024, source: src}\ncontext:\n",
    )
    basis = dataclasses.replace(cost_basis(load_profile_text(text)), staff_year_usd=22000.0)
    people = {"awareness": 10000, "specialists": None}
    aw, sp = tier_costs(people, {"awareness": 2029, "specialists": 2032}, basis)
    # 22,000 a staff-year over 220 working days is 100 a day; awareness takes 0.5 to 1 day.
    assert aw.due_year == 2029
    assert aw.learner_time_usd == (round2(10000 * 0.5 * 100), round2(10000 * 100))
    assert aw.delivery_usd is not None and aw.delivery_usd[0] < aw.learner_time_usd[0]
    assert sp.learner_time_usd is None  # unknown headcount: no invented number


def test_budget_table_spreads_and_totals() -> None:
    table = budget_table(
        [("enablers", 2027, 2028, (100.0, 200.0)), ("safeguards", 2028, 2032, (50.0, 50.0))],
        range(2027, 2033),
    )
    assert table.years == (2027, 2028, 2029, 2030, 2031, 2032)
    assert table.total == (150.0, 250.0)
    enablers = dict((r[0], r) for r in table.rows)["enablers"]
    assert enablers[1][0] == (50.0, 100.0) and enablers[1][2] == (0.0, 0.0)
    assert table.totals[1] == (60.0, 110.0)


@pytest.mark.parametrize(
    ("rng", "text"),
    [((45_000.0, 120_000.0), "US$45k\u2013120k"), ((1_200_000.0, 3_000_000.0), "US$1.2m\u20133m")],
)
def test_money_range(rng: tuple[float, float], text: str) -> None:
    assert money_range(rng) == text


@pytest.mark.parametrize(
    ("lang", "iso2", "text"),
    [
        # One set of decimal marks per amount, as the country's locale writes it.
        ("es", "DO", "US$450,000\u20131.2 millones"),
        ("fr", "HT", "450\u202f000\u20131,2 M USD"),
        ("nl", "SR", "US$ 450.000\u20131,2 mln."),
    ],
)
def test_money_is_written_in_the_countrys_locale(lang: str, iso2: str, text: str) -> None:
    with use_language(lang, iso2):
        assert money_range((450_000.0, 1_200_000.0)) == text


def test_every_cost_band_text_is_written_in_every_language() -> None:
    data = cost_data()
    assert len(list(texts_in(data))) == 11
    for lang in ("es", "fr", "nl"):
        assert missing_texts(data, lang) == [], lang
    # The staff-year floor is printed in the country's locale, not written into the text.
    profile = load_profile(shipped_dir("country_profiles") / "HTI.yaml")
    with use_language("fr", "HT"):
        assert "20\u202f000 USD" in cost_basis(profile).staff_year_basis
    assert "US$20,000 because" in cost_basis(profile).staff_year_basis


@pytest.mark.parametrize(
    ("code", "lang", "expected"),
    [
        ("PRI", "en", "the Government of Puerto Rico, with the United States"),
        ("PRI", "es", "el Gobierno de Puerto Rico, con los Estados Unidos"),
        ("ABW", "nl", "de Regering van Aruba, met het Koninkrijk der Nederlanden"),
        # "de Anguilla" becomes "d'Anguilla" in the grammar pass over the document.
        ("AIA", "fr", "le Gouvernement de Anguilla, avec le Royaume-Uni"),
    ],
)
def test_a_territory_government_leads_in_the_document_language(
    code: str, lang: str, expected: str
) -> None:
    profile = load_profile(shipped_dir("country_profiles") / f"{code}.yaml")
    with use_language(lang):
        owner = resolve("foreign_affairs", profile, country_context(profile))
    assert owner.name == expected
