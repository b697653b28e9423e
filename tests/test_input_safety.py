"""Bad input is refused at load, located: numbers, control characters, what a path really is.

Issue 11, items 11-13: finite, strictly typed, plausible numbers; no control characters in
any text of any input file; only regular files are read (a FIFO, device or folder is named,
never opened for reading), within a size limit, and rule files stay inside their folder.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from strategygen.assess.rules import load_rules
from strategygen.errors import ProfileError, StrategygenError
from strategygen.inputs.loader import load_profile
from strategygen.inputs.project import load_project
from strategygen.inputs.theme import load_theme
from strategygen.resources import shipped_dir

Edit = Callable[[str, str, str], str]
Problems = Callable[[str | bytes], list[str]]
POP = "population: {value: 1000,"


@contextmanager
def deadline(seconds: int = 10) -> Iterator[None]:
    """Fail the test instead of hanging for ever if a read blocks (a FIFO opened for reading)."""

    def expire(signum: int, frame: object) -> None:
        raise AssertionError(f"blocked for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- 11. finite, strictly typed, plausible numbers ---------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (POP, "population: {value: .inf,", "9:23: context.population.value: must be a finite"),
        (POP, "population: {value: true,", "must be a whole number (true and false are not"),
        (POP, "population: {value: '1000',", "must be a whole number, not text (remove the"),
        (POP, "population: {value: 10.5,", "9:23: context.population.value: must be a whole"),
        (POP, "population: {value: " + "1" + "0" * 39 + ",", "a 40-digit number is not"),
        (POP, "population: {value: 3000000000,", "not plausible as a population"),
        (POP, "population: {value: 0,", "0 is not plausible as a population"),
        ("total: 40", "total: 1.0e+400", "16:10: readiness.total: must be a finite number"),
        ("total: 40", "total: 1e400", "16:10: readiness.total: must be a number, not text"),
        ("total: 40", "total: true", "readiness.total: must be a number (true and false"),
        ("total: 40", "total: -.inf", "readiness.total: must be a finite number"),
        ("ranked_countries: 193", "ranked_countries: 100000", "not plausible as a number of"),
    ],
)
def test_absurd_numbers_are_located(
    problems: Problems, valid_text: str, edit: Edit, old: str, new: str, expected: str
) -> None:
    found = problems(edit(valid_text, old, new))
    assert found and all(line.startswith("p.yaml:") for line in found), found
    assert any(expected in line for line in found), found


def test_gdp_and_headcount_ranges(problems: Problems, valid_text: str) -> None:
    text = valid_text.replace(
        "context:\n", "context:\n  gdp_per_capita_usd: {value: 1.0e+9, year: 2024, source: src}\n"
    )
    text += "civil_service:\n  headcount: {value: 200000000, year: 2024, source: src}\n"
    found = problems(text)
    assert any(
        "context.gdp_per_capita_usd.value: 1,000,000,000.0 is not plausible as a GDP" in f
        for f in found
    ), found
    assert any(
        "civil_service.headcount.value: 200,000,000 is not plausible as a civil-service" in f
        for f in found
    ), found


# --- 12. no control characters in any text --------------------------------------------------


@pytest.mark.parametrize(
    ("escape", "label"),
    [
        ("\\0", "U+0000 (NUL)"),
        ("\\e[31m", "U+001B (ESC)"),
        ("\\x07", "U+0007 (BEL)"),
        ("\\r", "U+000D (CR)"),
        ("\\x7f", "U+007F (DEL)"),
        ("\\x9b", "U+009B"),
        ("\\N", "U+0085 (NEL)"),
    ],
)
def test_control_characters_in_profile_text_are_located(
    problems: Problems, valid_text: str, edit: Edit, escape: str, label: str
) -> None:
    found = problems(edit(valid_text, "name: Testland", f'name: "Test{escape}land"'))
    assert len(found) == 1
    assert found[0].startswith(
        f"p.yaml:3:9: identity.name: text may not contain a control character {label}"
    )
    # The message shows the character escaped, never raw, so it cannot reach the terminal.
    assert not any((0 < ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in found[0])


def test_tab_and_newline_are_text(problems: Problems, valid_text: str, edit: Edit) -> None:
    assert problems(edit(valid_text, "title: Test source", 'title: "Test\\tsource\\nline"')) == []


def test_control_character_in_a_key_is_located(problems: Problems, valid_text: str) -> None:
    found = problems(valid_text + 'narrative:\n  "vision\\e": {text: x}\n')
    assert found == [
        "p.yaml:35:3: narrative: text may not contain a control character U+001B (ESC) at "
        "position 7; only tab and newline are allowed (remove it, or write the text out "
        "plainly) (got 'vision\\x1b')"
    ]


def test_control_characters_in_theme_rules_and_project(tmp_path: Path) -> None:
    theme = tmp_path / "theme.yaml"
    theme.write_text('issuing_body: "Agency\\x1b]8;;http://x\\x07"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"theme\.yaml:1:15: issuing_body: text may not"):
        load_theme(theme)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "r.yaml").write_text('description: "bad\\0"\nrules: []\n', encoding="utf-8")
    with pytest.raises(StrategygenError, match=r"r\.yaml:1:14: description: text may not"):
        load_rules([rules])
    project = tmp_path / "strategygen.toml"
    project.write_text('[document]\ntitle = "A\\u001b[2J {country}"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"strategygen\.toml:2:9: document\.title: text may"):
        load_project(project)
    project.write_text("[document]\nhorizon = { start = 2026, end = inf }\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"document\.horizon\.end: must be a finite number"):
        load_project(project)


# --- 13. only regular files, within a size limit, saying what the path is -----------------


def test_fifo_profile_is_named_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "JAM.yaml"
    os.mkfifo(fifo)
    with deadline(), pytest.raises(ProfileError) as info:
        load_profile(fifo, "JAM.yaml")
    assert (
        str(info.value) == "JAM.yaml:0:0: cannot read file: it is a FIFO (named pipe), not a file"
    )


def test_validate_a_fifo_or_device_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "p.yaml"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "strategygen", "validate", str(fifo), "/dev/zero"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert (
        "p.yaml:0:0: cannot read file: it is a FIFO (named pipe), not a file"
        in result.stdout + result.stderr
    )
    assert "/dev/zero:0:0: cannot read file: it is a character device, not a file" in (
        result.stdout + result.stderr
    )


def test_fifo_theme_logo_rule_and_project_are_named(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "theme.yaml")
    with deadline(), pytest.raises(ProfileError, match="it is a FIFO"):
        load_theme(tmp_path / "theme.yaml")
    (tmp_path / "theme.yaml").unlink()
    (tmp_path / "theme.yaml").write_text("issuing_body: X\nlogo: logo.svg\n", encoding="utf-8")
    os.mkfifo(tmp_path / "logo.svg")
    with deadline(), pytest.raises(ProfileError, match="cannot read the logo: it is a FIFO"):
        load_theme(tmp_path / "theme.yaml")
    rules = tmp_path / "rules"
    rules.mkdir()
    os.mkfifo(rules / "r.yaml")
    with deadline(), pytest.raises(StrategygenError, match=r"r\.yaml.*it is a FIFO"):
        load_rules([rules])
    os.mkfifo(tmp_path / "strategygen.toml")
    with deadline(), pytest.raises(ProfileError, match="it is a FIFO"):
        load_project(tmp_path / "strategygen.toml")


def test_rule_file_linked_out_of_its_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(
        (shipped_dir("rules") / sorted(os.listdir(shipped_dir("rules")))[0]).read_text()
    )
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "linked.yaml").symlink_to(outside)
    with pytest.raises(StrategygenError, match=r"linked\.yaml.*outside its folder"):
        load_rules([rules])


def test_oversized_project_file_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "strategygen.toml"
    project.write_text("# x\n" * 300_000, encoding="utf-8")
    with pytest.raises(ProfileError, match=r"strategygen\.toml:1:1: file is 1200000 bytes"):
        load_project(project)
