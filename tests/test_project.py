"""The project file: section choice and order, title pattern, located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategygen.errors import ProfileError
from strategygen.inputs.project import load_project
from strategygen.inputs.tailoring import Tailoring, fill_title


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
    assert project == Tailoring()  # every setting unset: the defaults apply
    assert project.sections is None and project.title is None and project.theme is None


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
        "strategygen.toml:3:23: document.sections[1]: "
        "unknown section; did you mean 'vision'? Valid names: executive_summary, "
    )
    assert problem.endswith("annex_glossary (got 'visoin')")


def test_repeated_section(tmp_path: Path) -> None:
    path = _write(tmp_path, '[document]\nsections = ["vision", "vision"]\n')
    assert _problems(path) == [
        "strategygen.toml:2:12: document.sections: section(s) listed more than once: vision"
    ]


def test_unknown_title_placeholder(tmp_path: Path) -> None:
    path = _write(tmp_path, '[document]\ntitle = "{country} {__class__}"\n')
    assert _problems(path) == [
        "strategygen.toml:2:9: document.title: unknown placeholder(s) {__class__}; "
        "use {country}, {code}, {start}, {end} (got '{country} {__class__}')"
    ]


def test_unknown_key_and_syntax_error(tmp_path: Path) -> None:
    assert _problems(_write(tmp_path, "[build]\nthemes = 'x'\n")) == [
        "strategygen.toml:2:1: build.themes: unknown key; did you mean 'theme'? "
        "valid keys here: templates, theme, rules, disable_rules, paper, watermark, "
        "pdf_variant, strict, docx_comments"
    ]
    [problem] = _problems(_write(tmp_path, "[build\n"))
    assert problem.startswith("strategygen.toml:1:")
    assert "TOML syntax error" in problem


def test_fill_title_is_plain_substitution() -> None:
    values = {"country": "Jamaica", "start": "2027", "end": "2032", "code": "JAM"}
    assert fill_title("{country} {start}-{end} ({code})", values) == "Jamaica 2027-2032 (JAM)"
    assert fill_title("{country.__class__}", values) == "{country.__class__}"


def test_positions_in_nested_tables_arrays_and_inline_tables(tmp_path: Path) -> None:
    text = (
        "# tailoring\n"
        "[document]\n"
        "sections = [\n"
        '    "vision",  # first\n'
        '    "visoin",\n'
        "]\n"
        "horizon = { start = 2027, end = 1800 }\n"
        "[build]\n"
        "disable_rules = ['A', 3]\n"
    )
    problems = _problems(_write(tmp_path, text))
    assert [p.split(": ")[0] + ": " + p.split(": ")[1] for p in problems] == [
        "strategygen.toml:5:5: document.sections[1]",
        "strategygen.toml:7:33: document.horizon.end",
        "strategygen.toml:9:23: build.disable_rules[1]",
    ]


def test_dotted_keys_and_quoted_strings(tmp_path: Path) -> None:
    text = 'document.title = "a \\" {x}"\nbuild."theme" = 3\n'
    problems = _problems(_write(tmp_path, text))
    assert problems[0].startswith("strategygen.toml:1:18: document.title: unknown placeholder")
    assert problems[1].startswith("strategygen.toml:2:17: build.theme: ")


def test_every_setting_is_a_project_key_and_paths_follow_the_file(tmp_path: Path) -> None:
    # The project file is derived from the Tailoring type: every setting has a key.
    folder = tmp_path / "proj"
    folder.mkdir()
    path = _write(
        folder,
        '[document]\nsections = ["vision"]\n'
        '[build]\npaper = "letter"\nwatermark = false\npdf_variant = "pdf/ua-1"\n'
        'strict = true\ntheme = "t.yaml"\n',
    )
    project = load_project(str(path))  # a str path works too
    assert (project.paper, project.watermark, project.pdf_variant, project.strict) == (
        "letter",
        False,
        "pdf/ua-1",
        True,
    )
    assert project.theme == folder.resolve() / "t.yaml"
    assert _problems(_write(tmp_path, '[build]\npaper = "a5"\n'))[0].startswith(
        "strategygen.toml:2:9: build.paper: "
    )
    assert _problems(_write(tmp_path, '[document]\ntheme = "t.yaml"\n'))[0].startswith(
        "strategygen.toml:2:1: document.theme: unknown key"
    )
