"""Priority sectors chosen from the economy and risk data, and a drafter's precedence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from strategygen.assess.sectors import MAX_SECTORS, catalogue, choose_sectors, match
from strategygen.inputs.loader import load_profile, load_profile_text
from strategygen.inputs.profile import CountryProfile
from strategygen.resources import shipped_dir


def shipped(code: str) -> CountryProfile:
    return load_profile(shipped_dir("country_profiles") / f"{code}.yaml")


def test_jamaica_gets_tourism_with_its_old_figure_flagged() -> None:
    plan = choose_sectors(shipped("JAM"), 2026)
    keys = [s.key for s in plan.chosen]
    assert "tourism" in keys
    tourism = next(s for s in plan.chosen if s.key == "tourism")
    ev = tourism.decisive[0]
    assert ev.series == "tourism_receipts_pct_exports"
    assert (ev.figure.value, ev.figure.year) == (48.06, 2011)
    assert ev.old and tourism.has_old_figure
    assert ev.figure.source_id
    # Remittances (16.2% of GDP in 2024) put financial services first; the figure is recent.
    finance = next(s for s in plan.chosen if s.key == "finance")
    assert not finance.decisive[0].old
    assert len(tourism.uses) >= 3 and all(u.value and u.risks for u in tourism.uses)


def test_data_differs_by_country() -> None:
    chosen = {c: [s.key for s in choose_sectors(shipped(c), 2026).chosen] for c in ("HTI", "BRB")}
    # Haiti: remittances (16.9% of GDP) and agriculture (44.7% of jobs) come first; disaster
    # risk (INFORM hazard 7.5) qualifies too but falls beyond the three strongest.
    assert {"finance", "agriculture"} <= set(chosen["HTI"])
    hti = choose_sectors(shipped("HTI"), 2026)
    assert next(s for s in hti.considered if s.key == "resilience").decisive
    # Barbados: neither agriculture (1.6% of GDP) nor remittances (1.5% of GDP) qualify.
    assert "agriculture" not in chosen["BRB"] and "finance" not in chosen["BRB"]
    assert chosen["HTI"] != chosen["BRB"]


def test_at_most_max_sectors_strongest_first() -> None:
    plan = choose_sectors(shipped("HTI"), 2026)
    assert len(plan.chosen) <= MAX_SECTORS
    strengths = [s.decisive[0].strength for s in plan.chosen]
    assert strengths == sorted(strengths, reverse=True)


def test_a_country_without_data_gets_no_sector() -> None:
    # Anguilla is not in the World Bank's or INFORM's tables.
    plan = choose_sectors(shipped("AIA"), 2026)
    assert plan.chosen == () and not plan.drafter_led


def test_drafter_sectors_take_precedence(
    valid_text: str, edit: Callable[[str, str, str], str]
) -> None:
    text = edit(
        valid_text,
        "sources:\n",
        "priority_sectors:\n"
        "  - {name: Health care, rationale: Ageing population, source: src}\n"
        "  - {name: Tourism, source: src}\n"
        "sources:\n",
    )
    plan = choose_sectors(load_profile_text(text), 2026)
    assert plan.drafter_led
    assert [s.name for s in plan.chosen] == ["Health care", "Tourism"]
    health, tourism = plan.chosen
    assert health.origin == "drafter" and health.rationale == "Ageing population"
    assert health.evidence == ()  # no bundled series for health: no invented figure
    # The drafter's "Tourism" gets the data's figure (the fixture's code is JAM) and uses.
    assert tourism.key == "tourism" and tourism.decisive and tourism.uses
    # The data's own proposals the drafter left out are still listed for consultation.
    assert "finance" in {s.key for s in plan.suggested}


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Tourism", "tourism"),
        ("Blue economy", "tourism"),
        ("Business process outsourcing", "digital_services"),
        ("Agri-food", "agriculture"),
        ("Climate resilience", "resilience"),
        ("Nuclear physics", None),
    ],
)
def test_drafter_names_match_candidates(name: str, key: str | None) -> None:
    spec = match(name)
    assert (spec.key if spec else None) == key


def test_catalogue_is_valid_and_every_use_is_complete() -> None:
    specs = catalogue()
    assert len({s.key for s in specs}) == len(specs)
    for spec in specs:
        assert len(spec.uses) >= 3, spec.key


def test_recent_figure_is_not_old(tmp_path: Path) -> None:
    plan = choose_sectors(shipped("HTI"), 2026)
    agri = next(s for s in plan.chosen if s.key == "agriculture")
    assert all(not e.old for e in agri.decisive)
