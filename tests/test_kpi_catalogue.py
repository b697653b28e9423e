"""The KPI catalogue data file: read once, checked, and errors located in the file."""

from pathlib import Path

import pytest

from strategygen.assess.kpi_catalogue import catalogue, load_catalogue
from strategygen.assess.kpi_context import KpiContext
from strategygen.assess.kpis import kpi_ref, kpi_sort_key
from strategygen.errors import ProfileError
from strategygen.i18n import use_language
from strategygen.i18n.texts import Localised, local, missing_texts, texts_in
from strategygen.inputs.loader import load_profile
from strategygen.resources import shipped_dir

ENTRY = """\
kpis:
  - id: K11
    name: Strategy actions delivered on schedule
    unit: '% of actions due'
    area: strategy
    level: output
    frequency: annual
    target:
      kind: {kind}
      text: Every action delivered by {{year}}
    collect: Set up an action tracker.
"""


def test_shipped_catalogue_loads_once_with_every_kind() -> None:
    specs = catalogue()
    assert catalogue() is specs  # cached for the process
    assert "K01" in specs and "K01.vision" in specs
    kinds = {s.target.kind for s in specs.values()}
    assert kinds == {
        "readiness_score",
        "readiness_latest",
        "indicator",
        "ai_strategy",
        "data_protection_law",
        "data_protection_authority",
        "text",
        "training_tier",
    }


def test_unknown_kind_is_located(tmp_path: Path) -> None:
    path = tmp_path / "kpis.yaml"
    path.write_text(ENTRY.format(kind="txt"), encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_catalogue(path)
    message = str(info.value)
    assert message == (
        f"{path}:9:13: kpis[0].target.kind: must be one of readiness_score, "
        "readiness_latest, indicator, ai_strategy, data_protection_law, "
        "data_protection_authority, text, training_tier; did you mean 'text'? (got 'txt')"
    )


def test_target_text_needs_year(tmp_path: Path) -> None:
    path = tmp_path / "kpis.yaml"
    path.write_text(ENTRY.format(kind="text").replace("{year}", "2030"), encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_catalogue(path)
    assert f"{path}:10:" in str(info.value)
    assert "must contain {year}" in str(info.value)


def test_duplicate_id_and_unknown_key(tmp_path: Path) -> None:
    path = tmp_path / "kpis.yaml"
    one = ENTRY.format(kind="text").removeprefix("kpis:\n")
    path.write_text("kpis:\n" + one + one.replace("collect:", "colect:"), encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_catalogue(path)
    message = str(info.value)
    assert "did you mean 'collect'" in message


def test_printed_ids_number_the_dimension_indicators_in_catalogue_order() -> None:
    dimensions = [kid for kid in catalogue() if kid.startswith("K01.")]
    refs = [kpi_ref(kid) for kid in dimensions]
    assert refs == [f"K01.{n}" for n in range(1, len(dimensions) + 1)]
    assert kpi_ref("K01.vision") == "K01.1"
    assert kpi_ref("K25") == "K25" and kpi_ref("K99.unknown") == "K99.unknown"
    ordered = sorted(["K10", "K01.data_availability", "K01", "K01.vision", "K54"], key=kpi_sort_key)
    assert ordered == ["K01", "K01.vision", "K01.data_availability", "K10", "K54"]


def test_every_text_of_the_catalogue_is_written_in_every_language() -> None:
    # Once Spanish, French and Dutch are declared complete, a text lacking one is an error;
    # the shipped catalogue carries all four: name, unit, frequency, collect, text targets,
    # training-tier phrases and indicator releases.
    found = [(spec.id, where) for spec in catalogue().values() for where, _ in texts_in(spec)]
    assert len(found) == 213
    for lang in ("es", "fr", "nl"):
        lacking = [
            (kid, where) for kid in catalogue() for where in missing_texts(catalogue()[kid], lang)
        ]
        assert lacking == [], lang


def _context() -> KpiContext:
    profile = load_profile(shipped_dir("country_profiles") / "HTI.yaml")
    return KpiContext(profile, 2027, 2032, {}, {}, {})


def test_a_target_phrase_is_in_the_document_language() -> None:
    # The text target's year is filled in every language, as in English.
    spec = catalogue()["K12"]
    assert isinstance(getattr(spec.target, "text", None), Localised)
    with use_language("fr", "HT"):
        text, year = spec.target_for(_context())
        assert (text, year) == ("100\u00a0% des objectifs d'ici 2027", 2027)
    with use_language("es", "DO"):
        assert local(spec.name) == "Objetivos de la estrategia con línea de base, meta y plazo"
