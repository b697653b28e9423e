"""The project file: section choice and order, title pattern, located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategygen.errors import ProfileError
from strategygen.inputs.project import SECTION_ORDER, fill_title, load_project


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "strategygen.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(ProfileError) as info:
        load_project(path, "strategygen.toml")
    return [str(p) for p in info.value.problems]


def test_defaults_when_empty(tmp_path: Path) -> None:
    project = load_project(_write(tmp_path, ""))
    assert project.sections == SECTION_ORDER
    assert project.title is None and project.theme is None


def test_sections_order_title_and_paths(tmp_path: Path) -> None:
    project = load_project(
        _write(
            tmp_path,
            '[document]\nsections = ["vision", "executive_summary"]\n'
            'title = "{country}: AI plan {start}-{end}"\nhorizon = {start = 2027, end = 2031}\n'
            '[build]\ntemplates = ["over"]\ntheme = "t/theme.yaml"\nrules = ["r"]\n'
            'disable_rules = ["STR-NONE"]\n',
        )
    )
    assert project.sections == ("vision", "executive_summary")
    assert project.horizon is not None and project.horizon.end == 2031
    assert project.templates == (tmp_path.resolve() / "over",)
    assert project.theme == tmp_path.resolve() / "t/theme.yaml"
    assert project.disable_rules == ("STR-NONE",)


def test_unknown_section_lists_valid_names(tmp_path: Path) -> None:
    path = _write(tmp_path, '\n[document]\nsections = ["vision", "visoin"]\n')
    [problem] = _problems(path)
    assert problem.startswith(
        "strategygen.toml:3:1: document.sections: "
        "unknown section name(s): visoin; valid names are: "
    )
    assert "executive_summary, national_context" in problem


def test_repeated_section(tmp_path: Path) -> None:
    path = _write(tmp_path, '[document]\nsections = ["vision", "vision"]\n')
    assert _problems(path) == [
        "strategygen.toml:2:1: document.sections: section(s) listed more than once: vision"
    ]


def test_unknown_title_placeholder(tmp_path: Path) -> None:
    path = _write(tmp_path, '[document]\ntitle = "{country} {__class__}"\n')
    assert _problems(path) == [
        "strategygen.toml:2:1: document.title: unknown placeholder(s) {__class__}; "
        "use {country}, {code}, {start}, {end}"
    ]


def test_unknown_key_and_syntax_error(tmp_path: Path) -> None:
    assert _problems(_write(tmp_path, "[build]\nthemes = 'x'\n")) == [
        "strategygen.toml:2:1: build.themes: unknown key"
    ]
    [problem] = _problems(_write(tmp_path, "[build\n"))
    assert problem.startswith("strategygen.toml:1:")
    assert "TOML syntax error" in problem


def test_fill_title_is_plain_substitution() -> None:
    values = {"country": "Jamaica", "start": "2027", "end": "2032", "code": "JAM"}
    assert fill_title("{country} {start}-{end} ({code})", values) == "Jamaica 2027-2032 (JAM)"
    assert fill_title("{country.__class__}", values) == "{country.__class__}"
