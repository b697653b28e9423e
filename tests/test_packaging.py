"""An installed wheel, run outside the checkout, finds its shipped profiles and templates."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a wheel from the checkout and install it (without dependencies) into a folder.

    The dependencies come from the test environment; only strategygen itself comes from
    the wheel, which ``PYTHONPATH`` puts ahead of the editable checkout.
    """
    root = tmp_path_factory.mktemp("wheel")
    wheels = root / "dist"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(wheels),
            str(REPO),
        ],
        cwd=root,
    )
    [wheel] = wheels.glob("strategygen-*.whl")
    site = root / "site"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(site),
            str(wheel),
        ],
        cwd=root,
    )
    return site


def _env(site: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(site)
    env["PYTHONNOUSERSITE"] = "1"
    return env


def test_wheel_contains_package_data(installed: Path) -> None:
    package = installed / "strategygen"
    assert len(list((package / "_shipped" / "country_profiles").glob("*.yaml"))) == 29
    assert list((package / "_shipped" / "templates").rglob("*.*")), "templates missing"
    for name in ("gairi_2023_scores.csv", "cdcc_members.csv", "profile.schema.json"):
        assert (package / "data" / name).is_file(), name
    assert (package / "py.typed").is_file()
    # The translations travel as .po files (compiled when a document needs them).
    for lang in ("es", "fr", "nl"):
        assert (package / "locale" / lang / "LC_MESSAGES" / "strategygen.po").is_file(), lang
        assert (package / "locale" / lang / "glossary.yaml").is_file(), lang
    [record] = installed.glob("strategygen-*.dist-info/RECORD")
    assert "strategygen/_shipped/country_profiles/JAM.yaml" in record.read_text()


def test_installed_tool_lists_shipped_profiles_from_any_folder(
    installed: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = _env(installed)
    where = _run(
        [
            sys.executable,
            "-c",
            "import strategygen.resources as r; print(r.__file__); "
            "print(r.shipped_dir('country_profiles')); print(r.shipped_dir('templates'))",
        ],
        cwd=elsewhere,
        env=env,
    ).splitlines()
    # The wheel's copy is imported, not the checkout, and it uses its own shipped folders.
    assert Path(where[0]).is_relative_to(installed)
    assert Path(where[1]) == installed / "strategygen" / "_shipped" / "country_profiles"
    assert Path(where[2]) == installed / "strategygen" / "_shipped" / "templates"

    script = installed / "bin" / "strategygen"
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "strategygen"]
    table = _run([*command, "list"], cwd=elsewhere, env=env).splitlines()
    assert len(table) == 2 + 29
    assert any(line.startswith("JAM ") and "Jamaica" in line for line in table)
    rows = json.loads(_run([*command, "list", "--json"], cwd=elsewhere, env=env))
    assert len(rows) == 29
    assert _run([*command, "validate"], cwd=elsewhere, env=env) == (
        "29 profiles checked: all valid\n"
    )


def test_installed_new_points_at_the_installed_schema(installed: Path, tmp_path: Path) -> None:
    env = _env(installed)
    _run([sys.executable, "-m", "strategygen", "new", "BRB", "--out", "b.yaml"], tmp_path, env)
    first = (tmp_path / "b.yaml").read_text(encoding="utf-8").splitlines()[0]
    schema = (tmp_path / first.split("$schema=", 1)[1]).resolve()
    assert schema == (installed / "strategygen" / "data" / "profile.schema.json").resolve()
    assert json.loads(schema.read_text(encoding="utf-8"))["title"] == "strategygen country profile"


def test_wheel_has_no_checkout_only_files(installed: Path) -> None:
    [record] = installed.glob("strategygen-*.dist-info/RECORD")
    names = [line.split(",", 1)[0] for line in record.read_text().splitlines()]
    assert [n for n in names if n.startswith("strategygen/")], "package files missing"
    assert not [n for n in names if n.startswith(("tests/", "output/", ".venv/", "_shipped/"))]


def test_missing_shipped_folder_never_falls_back_to_site_packages(installed: Path) -> None:
    """An installed package must not pick up an unrelated ``site-packages/<name>`` folder."""
    (installed / "no_such_kind").mkdir(exist_ok=True)
    out = _run(
        [
            sys.executable,
            "-c",
            "import strategygen.resources as r; print(r.shipped_dir('no_such_kind'))",
        ],
        cwd=installed.parent,
        env=_env(installed),
    )
    assert Path(out.strip()) == installed / "strategygen" / "_shipped" / "no_such_kind"
