"""The facts a profile holds about laws, plans, readiness assessments and the civil service.

Checks the model (what a well-formed record is, with located errors), how completeness counts
a record whose status was not verified, and the KPI baselines and targets that follow the
recorded status.
"""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from strategygen.assess.checklist import CHECKLIST, completeness, missing_items
from strategygen.assess.run import assess
from strategygen.errors import ProfileError
from strategygen.inputs.loader import load_profile_text
from strategygen.inputs.profile import (
    CivilService,
    Count,
    CountryProfile,
    Headcount,
    LawStatus,
    Plan,
    Source,
)

DATE = dt.date(2026, 11, 30)


def profile(valid_text: str, block: str) -> CountryProfile:
    """The fixture profile with ``block`` (YAML lines) inserted before `sources:`."""
    return load_profile_text(valid_text.replace("sources:\n", block + "sources:\n"), "p.yaml")


def located(valid_text: str, block: str) -> str:
    with pytest.raises(ProfileError) as info:
        profile(valid_text, block)
    return str(info.value)


# --- laws -------------------------------------------------------------------------------


def test_law_with_title_and_unverified_status_loads(valid_text: str) -> None:
    p = profile(
        valid_text,
        "law:\n  data_protection: {title: 'Data Protection Act, 2013', year: 2013, source: src}\n",
    )
    assert p.law.data_protection is not None
    assert p.law.data_protection.status is None


def test_law_without_status_or_title_is_located(valid_text: str) -> None:
    message = located(valid_text, "law:\n  cybercrime: {year: 2013, source: src}\n")
    # Located at the block, after the fixture's 32 lines and the `law:` line.
    assert message.startswith("p.yaml:33:3: law.cybercrime:")
    assert "title" in message


def test_commencement_date_needs_a_commenced_status() -> None:
    with pytest.raises(ValidationError, match="in_force_from needs status"):
        LawStatus(status="draft", title="Bill", in_force_from=dt.date(2020, 1, 1), source="s")
    law = LawStatus(status="in_force", title="Act", in_force_from=dt.date(2023, 12, 1), source="s")
    assert law.in_force_from == dt.date(2023, 12, 1)


def test_electronic_transactions_and_legal_frame(valid_text: str) -> None:
    p = profile(
        valid_text,
        "law:\n"
        "  electronic_transactions: {status: in_force, title: ETA, year: 2007, source: src}\n"
        "  legal_frame: {summary: EU law applies here., source: src}\n",
    )
    assert p.law.electronic_transactions is not None
    assert p.law.legal_frame is not None and p.law.legal_frame.source == "src"


def test_legal_frame_source_must_resolve(valid_text: str) -> None:
    message = located(valid_text, "law:\n  legal_frame: {summary: EU law., source: nope}\n")
    assert "law.legal_frame.source" in message and "'nope'" in message


# --- plans ------------------------------------------------------------------------------


def test_plan_needs_a_title_unless_none_or_in_preparation() -> None:
    with pytest.raises(ValidationError, match="title is required"):
        Plan(status="adopted", source="s")
    assert Plan(status="in_preparation", source="s").title is None
    assert Plan(status="none", source="s").status == "none"
    with pytest.raises(ValidationError, match="status none"):
        Plan(status="none", title="Plan", source="s")


def test_plan_years_ordered() -> None:
    with pytest.raises(ValidationError, match="before start"):
        Plan(title="Plan", start=2030, end=2020, source="s")


def test_plan_expires_after_its_last_year() -> None:
    plan = Plan(title="MTDS 2020-2023", status="adopted", start=2020, end=2023, source="s")
    assert not plan.expired(dt.date(2023, 12, 31))
    assert plan.expired(dt.date(2024, 1, 1))
    assert not Plan(title="Vision", source="s").expired(dt.date(2099, 1, 1))


def test_plan_status_left_out_is_unverified_not_adopted(valid_text: str) -> None:
    p = profile(
        valid_text,
        "institutions:\n  national_development_plan: {title: Vision 2040, source: src}\n",
    )
    assert p.institutions.national_development_plan is not None
    assert p.institutions.national_development_plan.status is None


# --- readiness assessment, headcount, sources -----------------------------------------


def test_unesco_ram_status_is_checked(valid_text: str) -> None:
    message = located(valid_text, "institutions:\n  unesco_ram: {status: finished, source: src}\n")
    assert "institutions.unesco_ram.status" in message


def test_headcount_keeps_its_definition(valid_text: str) -> None:
    p = profile(
        valid_text,
        "civil_service:\n  headcount: {value: 35000, year: 2025, scope: central_civil_service,"
        " approximate: true, source: src}\n",
    )
    hc = p.civil_service.headcount
    assert hc is not None and hc.scope == "central_civil_service" and hc.approximate
    message = located(
        valid_text,
        "civil_service:\n  headcount: {value: 1, year: 2025, scope: everyone, source: src}\n",
    )
    assert "civil_service.headcount.scope" in message


def test_plain_count_is_still_a_headcount() -> None:
    cs = CivilService(headcount=Count(value=1000, year=2024, source="s"))  # type: ignore[arg-type]
    assert isinstance(cs.headcount, Headcount) and cs.headcount.scope is None


def test_undated_source_has_no_year() -> None:
    assert Source(id="web", title="A page", publisher="Someone").year is None


# --- completeness counts a law or plan only with its status ------------------------------


def test_new_facts_are_in_the_catalogue() -> None:
    paths = {spec.path for spec in CHECKLIST}
    assert {"law.electronic_transactions", "institutions.unesco_ram"} <= paths


def test_law_without_status_is_still_a_gap(valid_text: str) -> None:
    titled = profile(valid_text, "law:\n  data_protection: {title: Data Act, source: src}\n")
    assert "law.data_protection" in {s.path for s in missing_items(titled)}
    verified = profile(
        valid_text, "law:\n  data_protection: {status: in_force, title: Data Act, source: src}\n"
    )
    assert "law.data_protection" not in {s.path for s in missing_items(verified)}
    assert completeness(verified, with_data=False) == pytest.approx(
        completeness(titled, with_data=False) + 1 / len(CHECKLIST)
    )


def test_sourced_none_counts_as_known(valid_text: str) -> None:
    p = profile(valid_text, "law:\n  access_to_information: {status: none, source: src}\n")
    assert "law.access_to_information" not in {s.path for s in missing_items(p)}


# --- KPI baselines and targets follow the recorded status --------------------------------


def _dp(valid_text: str, record: str) -> CountryProfile:
    return profile(valid_text, f"law:\n  data_protection: {record}\n")


@pytest.mark.parametrize(
    ("record", "baseline", "target"),
    [
        (None, None, "Status confirmed"),
        ("{title: Data Act, source: src}", None, "Status confirmed"),
        ("{status: none, source: src}", "none", "A comprehensive law enacted"),
        ("{status: draft, title: Bill, source: src}", "draft (Bill)", "Every provision in force"),
        ("{status: in_force, title: Act, source: src}", "in force (Act)", "In force and enforced"),
    ],
)
def test_data_protection_kpi_follows_status(
    valid_text: str, record: str | None, baseline: str | None, target: str
) -> None:
    from strategygen.assess.kpi_catalogue import catalogue
    from strategygen.assess.kpi_measures import KpiContext

    p = _dp(valid_text, record) if record else load_profile_text(valid_text)
    ctx = KpiContext(p, 2027, 2032, {}, {}, {})
    spec = catalogue()["K13"]
    got = spec.baseline_for(ctx)
    assert (got.value if got else None) == baseline
    assert spec.target_for(ctx)[0].startswith(target)


def test_authority_kpi_reads_the_recorded_regulator(valid_text: str) -> None:
    from strategygen.assess.kpi_catalogue import catalogue
    from strategygen.assess.kpi_measures import KpiContext

    spec = catalogue()["K14"]
    with_authority = _dp(
        valid_text,
        "{status: in_force, title: Act, authority: Information Commissioner, source: src}",
    )
    ctx = KpiContext(with_authority, 2027, 2032, {}, {}, {})
    base = spec.baseline_for(ctx)
    assert base is not None and "Information Commissioner" in base.value
    assert "every year" in spec.target_for(ctx)[0]
    ctx = KpiContext(load_profile_text(valid_text), 2027, 2032, {}, {}, {})
    assert spec.baseline_for(ctx) is None
    assert spec.target_for(ctx)[0].startswith("Authority appointed")


def test_strategy_delivery_baseline_only_before_adoption(valid_text: str) -> None:
    from strategygen.assess.kpi_catalogue import catalogue
    from strategygen.assess.kpi_measures import KpiContext

    spec = catalogue()["K12"]
    for status, expect in (("in_preparation", True), ("none", True), ("adopted", False)):
        p = profile(
            valid_text, f"institutions:\n  ai_strategy: {{status: {status}, source: src}}\n"
        )
        got = spec.baseline_for(KpiContext(p, 2027, 2032, {}, {}, {}))
        assert (got is not None) == expect, status
    unknown = load_profile_text(valid_text)
    assert spec.baseline_for(KpiContext(unknown, 2027, 2032, {}, {}, {})) is None


def test_training_basis_states_what_the_headcount_counts(valid_text: str) -> None:
    p = profile(
        valid_text,
        "civil_service:\n  headcount: {value: 40000, year: 2018, scope: public_sector,"
        " approximate: true, source: src}\n",
    )
    tiers = {t.key: t for t in assess(p, DATE).tiers}
    assert "about 40,000 (2018, public-sector employees" in tiers["awareness"].basis


# --- security situation ----------------------------------------------------------------


def _with_security(valid_text: str, source: str) -> str:
    fact = f"{{summary: 'A resolution authorised a force.', year: 2025, source: {source}}}"
    line = f"  security: {fact}\n"
    return valid_text.replace("context:\n", "context:\n" + line)


def test_security_situation_is_optional_typed_and_sourced(valid_text: str) -> None:
    p = load_profile_text(_with_security(valid_text, "src"), "p.yaml")
    assert p.context.security is not None and p.context.security.year == 2025
    assert load_profile_text(valid_text, "p.yaml").context.security is None
    with pytest.raises(ProfileError) as info:
        load_profile_text(_with_security(valid_text, "nowhere"), "p.yaml")
    assert "context.security.source" in str(info.value) and "nowhere" in str(info.value)


def test_haiti_context_cites_the_security_council_resolution() -> None:
    import datetime as dt

    from strategygen.assess.run import assess
    from strategygen.inputs.loader import load_profile
    from strategygen.render.html import render_document
    from strategygen.resources import shipped_dir

    hti = assess(load_profile(shipped_dir("country_profiles") / "HTI.yaml"), dt.date(2026, 7, 1))
    html = render_document(hti)
    context = html.split('id="sec-national_context"', 1)[1].split("</section>", 1)[0]
    assert "résolution 2793 du 30 septembre 2025" in context
    assert 'href="#src-unsc-2793"' in context and 'id="src-unsc-2793"' in html
