"""The command line: pinned messages, exit codes, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from strategygen.assess.datasets.readiness import LATEST_EDITION, scores
from strategygen.resources import data_file, shipped_dir

Edit = Callable[[str, str, str], str]
SCHEMA_LINE = "# yaml-language-server: $schema=../strategygen/data/profile.schema.json"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m strategygen ARGS`` as a user would, capturing both streams."""
    result = subprocess.run(
        [sys.executable, "-m", "strategygen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def shipped() -> list[Path]:
    return sorted(shipped_dir("country_profiles").glob("*.yaml"))


# --- validate -------------------------------------------------------------------------


def test_validate_all_shipped_profiles(tmp_path: Path) -> None:
    result = run("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stdout == "29 profiles checked: all valid\n"


def test_validate_one_good_file(tmp_path: Path, valid_text: str) -> None:
    (tmp_path / "good.yaml").write_text(valid_text, encoding="utf-8")
    result = run("validate", "good.yaml", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "1 profile checked: all valid\n")


def test_validate_shipped_code(tmp_path: Path) -> None:
    result = run("validate", "jam", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "1 profile checked: all valid\n")


def test_validate_folder_with_one_bad_file(tmp_path: Path, valid_text: str, edit: Edit) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "a_good.yaml").write_text(valid_text, encoding="utf-8")
    bad = edit(valid_text, "  iso3: JAM\n", "  iso3: XXX\n")
    bad = edit(bad, "  total: 40\n", "  total: 400\n")
    (folder / "b_bad.yaml").write_text(bad, encoding="utf-8")
    (folder / "c_good.yaml").write_text(valid_text, encoding="utf-8")
    result = run("validate", "profiles", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "profiles/b_bad.yaml:4:9: identity.iso3: is not an ISO 3166-1 alpha-3 country code; "
        "use the three-letter code (got 'XXX')",
        "profiles/b_bad.yaml:16:10: readiness.total: Input should be less than or equal to 100 "
        "(got 400)",
        "3 profiles checked: 2 valid, 1 invalid (2 problems)",
    ]


BAD_INPUTS: dict[str, bytes] = {
    "syntax": b"identity: [1, 2\nreadiness: 3\n",
    "empty": b"",
    "comments": b"# nothing here\n",
    "list": b"- a\n- b\n",
    "scalar": b"Jamaica\n",
    "duplicate": b"a: 1\nb: 2\na: 3\n",
    "alias": b"a: &a [x, x]\nb: &b [*a, *a]\n",
    "deep": b"a: " + b"[" * 100 + b"]" * 100 + b"\n",
    "latin1": b"identity:\n  name: Cura\xe7ao\n",
    "python_tag": b"identity: !!python/object:os.system {}\n",
    "python_scalar": b"identity: !!python/name:os.system ''\n",
    "merge": b"identity:\n  <<: {name: x}\n",
    "bad_date_key": b"2024-13-45: 1\n",
    "complex_key": b"? [a]\n: 1\n",
    "wrong_types": b"identity: 1\nreadiness: []\nsources: {}\n",
    "two_docs": b"a: 1\n---\nb: 2\n",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_validate_bad_input_is_located_not_a_traceback(tmp_path: Path, name: str) -> None:
    (tmp_path / f"{name}.yaml").write_bytes(BAD_INPUTS[name])
    result = run("validate", f"{name}.yaml", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines, result.stderr
    for line in lines[:-1]:
        assert line.startswith(f"{name}.yaml:"), line
        where = line.split(": ", 1)[0].split(":")
        assert int(where[1]) >= 1 and int(where[2]) >= 1, line
    assert lines[-1].startswith("1 profile checked: 0 valid, 1 invalid (")
    assert result.stderr == ""


def test_validate_oversized_file(tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_bytes(b"# " + b"x" * (1024 * 1024) + b"\n")
    result = run("validate", "big.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "big.yaml:1:1: file is 1048579 bytes; profiles are limited to 1048576 (1 MiB)",
        "1 profile checked: 0 valid, 1 invalid (1 problem)",
    ]


def test_validate_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run("validate", "nowhere.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "Error: 'nowhere.yaml' is neither a file nor a shipped profile code; "
        "run 'strategygen list' to see the codes"
    )


def test_validate_glob_matching_nothing(tmp_path: Path) -> None:
    result = run("validate", "*.nothing", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "Error: no file matches '*.nothing'"


def test_validate_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run("validate", "empty", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "Error: no profile (*.yaml) in folder 'empty'"


def test_validate_glob_skips_folders(tmp_path: Path, valid_text: str) -> None:
    (tmp_path / "x.yaml").write_text(valid_text, encoding="utf-8")
    (tmp_path / "y.yaml").mkdir()
    result = run("validate", "*.yaml", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "1 profile checked: all valid\n")


def test_validate_reports_problems_of_several_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"")
    (tmp_path / "b.yaml").write_bytes(b"- x\n")
    result = run("validate", "a.yaml", "b.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "a.yaml:1:1: the file is empty; a profile is a YAML mapping of fields",
        "b.yaml:1:1: the top level must be a mapping of fields, not a list",
        "2 profiles checked: 0 valid, 2 invalid (2 problems)",
    ]


# --- list -----------------------------------------------------------------------------


def test_list_table(tmp_path: Path) -> None:
    result = run("list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "code",
        "country",
        "status",
        "readiness",
        "rank",
        "edition",
        "complete",
    ]
    assert set(lines[1]) == {"-"}
    rows = lines[2:]
    assert len(rows) == 29
    assert [row[:3] for row in rows] == [p.stem for p in shipped()]
    jam = next(row for row in rows if row.startswith("JAM "))
    # The newest edition leads: 2025, on the new framework, ranks 195 countries.
    latest = scores(LATEST_EDITION)["JAM"]
    assert f"{latest.total:.2f}" in jam and f"{latest.rank}/195" in jam
    assert f" {LATEST_EDITION} " in jam and jam.endswith("%")
    aia = next(row for row in rows if row.startswith("AIA "))
    assert "associate member" in aia and aia.split()[-4:-1] == ["n/a", "n/a", "n/a"]


def test_list_json(tmp_path: Path) -> None:
    result = run("list", "--json", cwd=tmp_path)
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    assert len(rows) == 29
    assert {tuple(row) for row in rows} == {
        (
            "code",
            "country",
            "status",
            "readiness",
            "rank",
            "edition",
            "completeness",
            "profile_completeness",
        )
    }
    by_code = {row["code"]: row for row in rows}
    assert by_code["JAM"]["country"] == "Jamaica"
    assert by_code["JAM"]["status"] == "member"
    latest = scores(LATEST_EDITION)["JAM"]
    assert by_code["JAM"]["readiness"] == pytest.approx(latest.total)
    assert by_code["JAM"]["rank"] == f"{latest.rank}/{len(scores(LATEST_EDITION))}"
    assert by_code["JAM"]["edition"] == LATEST_EDITION
    # Dominica is absent from the 2024 edition but in 2025: the newest covering edition leads.
    assert by_code["DMA"]["edition"] == LATEST_EDITION
    assert by_code["AIA"]["status"] == "associate member"
    assert by_code["AIA"]["readiness"] is None and by_code["AIA"]["rank"] is None
    assert sum(row["status"] == "member" for row in rows) == 16
    assert sum(row["status"] == "associate member" for row in rows) == 13
    for row in rows:
        assert 0 <= row["completeness"] <= 100 and 0 <= row["profile_completeness"] <= 100
        if row["status"] == "member":  # every dataset covers the members
            assert row["completeness"] > row["profile_completeness"]


def test_list_with_an_invalid_file(tmp_path: Path, valid_text: str) -> None:
    (tmp_path / "good.yaml").write_text(valid_text, encoding="utf-8")
    (tmp_path / "bad.yaml").write_bytes(b"- x\n")
    result = run("list", "good.yaml", "bad.yaml", "--json", cwd=tmp_path)
    assert result.returncode == 1
    assert [row["code"] for row in json.loads(result.stdout)] == ["JAM"]
    assert result.stderr == "bad.yaml: invalid (1 problem; run 'strategygen validate bad.yaml')\n"


# --- new ------------------------------------------------------------------------------


def test_new_writes_a_valid_profile_and_refuses_to_overwrite(tmp_path: Path) -> None:
    result = run("new", "JAM", "--out", "f.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "wrote f.yaml; fill the commented gaps, then run 'strategygen validate f.yaml'\n"
    )
    text = (tmp_path / "f.yaml").read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    schema_ref = first.split("$schema=", 1)[1]
    assert (tmp_path / schema_ref).resolve() == data_file("profile.schema.json").resolve()
    assert 'iso3: "JAM"' in text
    checked = run("validate", "f.yaml", cwd=tmp_path)
    assert (checked.returncode, checked.stdout) == (0, "1 profile checked: all valid\n")

    again = run("new", "JAM", "--out", "f.yaml", cwd=tmp_path)
    assert again.returncode == 1
    assert again.stderr == (
        "Error: f.yaml already exists; choose another --out or remove it first\n"
    )
    assert (tmp_path / "f.yaml").read_text(encoding="utf-8") == text


def test_new_default_file_name_and_lower_case_code(tmp_path: Path) -> None:
    result = run("new", "tto", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "TTO.yaml").is_file()
    assert run("validate", "TTO.yaml", cwd=tmp_path).returncode == 0


def test_new_for_a_non_cdcc_country(tmp_path: Path) -> None:
    assert run("new", "FRA", cwd=tmp_path).returncode == 0
    text = (tmp_path / "FRA.yaml").read_text(encoding="utf-8")
    assert 'cdcc_status: "none"' in text
    assert run("validate", "FRA.yaml", cwd=tmp_path).returncode == 0


def test_new_unknown_code(tmp_path: Path) -> None:
    result = run("new", "XXX", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: 'XXX' is not one of the 193 indexed countries or a CDCC member or associate; "
        "run 'strategygen new --list' to see the accepted codes\n"
    )
    assert not (tmp_path / "XXX.yaml").exists()


def test_new_without_code(tmp_path: Path) -> None:
    result = run("new", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: give a country code, for example 'strategygen new JAM'"
    )


def test_new_list(tmp_path: Path) -> None:
    result = run("new", "--list", cwd=tmp_path)
    assert result.returncode == 0
    codes = result.stdout.split()
    assert codes == sorted(codes)
    assert {"JAM", "FRA", "AIA", "VIR"} <= set(codes)
    assert len(codes) == 195 + 13  # every indexed country plus the 13 territories


# --- schema and shipped profiles -------------------------------------------------------


def test_schema_matches_the_shipped_schema_file(tmp_path: Path) -> None:
    """Fails when the model changed without `python -m strategygen schema > <file>`."""
    result = run("schema", cwd=tmp_path)
    assert result.returncode == 0
    printed = json.loads(result.stdout)
    shipped_schema = json.loads(data_file("profile.schema.json").read_text(encoding="utf-8"))
    assert printed == shipped_schema
    assert printed["title"] == "strategygen country profile"
    assert printed["additionalProperties"] is False
    identity = printed["$defs"]["Identity"]["properties"]
    assert "ISO 3166-1 alpha-3" in identity["iso3"]["description"]


@pytest.mark.parametrize("path", shipped(), ids=lambda p: p.stem)
def test_shipped_profile_starts_with_the_schema_line(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == SCHEMA_LINE
    assert (path.parent / first.split("$schema=", 1)[1]).resolve() == (
        data_file("profile.schema.json").resolve()
    )


def test_there_are_29_shipped_profiles() -> None:
    assert len(shipped()) == 29


# --- general --------------------------------------------------------------------------


def test_unknown_command(tmp_path: Path) -> None:
    result = run("bogus", cwd=tmp_path)
    assert result.returncode == 2
    assert "No such command 'bogus'" in result.stderr


def test_version_and_help(tmp_path: Path) -> None:
    version = run("--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("strategygen, version ")
    helped = run("--help", cwd=tmp_path)
    assert helped.returncode == 0
    for command in ("validate", "list", "new", "schema"):
        assert command in helped.stdout


def test_build_and_region_share_their_output_and_report_options() -> None:
    # Declared once (cli/options.py): the same type, callback and default folder in both
    # commands; only --format's default and the help of what the folder receives differ.
    from strategygen.cli.build import build_cmd
    from strategygen.cli.region import region_cmd

    def params(command: object) -> dict[str, object]:
        return {p.name: p for p in command.params}  # type: ignore[attr-defined]

    build, region = params(build_cmd), params(region_cmd)
    for name in ("formats", "output_dir", "build_date", "project_file", "quiet", "verbose"):
        a, b = build[name], region[name]
        assert a.opts == b.opts and type(a.type) is type(b.type), name  # type: ignore[attr-defined]
        assert a.callback is b.callback, name  # type: ignore[attr-defined]
    assert build["output_dir"].default == region["output_dir"].default  # type: ignore[attr-defined]
    assert (build["formats"].default, region["formats"].default) == ("html", "html,pdf,docx")  # type: ignore[attr-defined]
    assert build["as_json"].help == region["as_json"].help  # type: ignore[attr-defined]
