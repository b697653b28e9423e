"""Shared fixtures: one small valid profile whose line numbers the tests rely on, and more."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from strategygen.assess.model import Assessment
from strategygen.assess.run import assess
from strategygen.errors import ProfileError
from strategygen.inputs.loader import load_profile
from strategygen.inputs.profile import CountryProfile


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    """One Playwright driver for the whole run, shared by every browser test.

    Two sync Playwright sessions cannot be open at once in one process (the second one
    finds the first one's event loop running), so every module opens its browser from here.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # Fail, not skip: a skipped browser suite hides regressions.
        pytest.fail(f"playwright is not installed ({exc}); run scripts/setup.sh")
    with sync_playwright() as pw:
        yield pw


#: Debian's Chromium; Playwright's own browser builds are never downloaded or used.
CHROMIUM = Path(os.environ.get("STRATEGYGEN_CHROMIUM", "/usr/bin/chromium"))
# As root in a container there is no sandbox; the rest keeps Chromium off the network
# (this machine has none, and its background fetches would only produce noise).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser(playwright: Any) -> Iterator[Any]:
    """One Chromium for the whole run, launched from the session's Playwright."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} not found; run scripts/setup.sh (installs Debian's chromium)")
    launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield launched
    launched.close()


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep compiled templates in a folder of this test run, not the user's cache."""
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


# Line numbers matter: tests pin messages such as "p.yaml:16:10: readiness.total: ...".
VALID = """\
schema_version: 1
identity:
  name: Testland
  iso3: JAM
  iso2: JM
  cdcc_status: member
  source: src
context:
  population: {value: 1000, year: 2024, source: src}
readiness:
  covered: true
  edition: 2023
  source: src
  rank: 98
  ranked_countries: 193
  total: 40
  pillars:
    government: 50
    technology_sector: 30
    data_infrastructure: 40
  dimensions:
    vision: 50
    governance_ethics: 50
    digital_capacity: 50
    adaptability: 50
    maturity: 30
    innovation_capacity: 30
    human_capital: 30
    infrastructure: 40
    data_availability: 40
    data_representativeness: 40
sources:
  - {id: src, title: Test source, publisher: Tester, year: 2024}
"""


@pytest.fixture
def valid_text() -> str:
    """YAML text of a small, valid, covered profile."""
    return VALID


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur once in the fixture"
    return text.replace(old, new)


@pytest.fixture
def edit() -> Callable[[str, str, str], str]:
    """Return ``edit(text, old, new)``: replace ``old``, which must occur exactly once."""
    return _edit


@pytest.fixture
def problems(tmp_path: Path) -> Callable[[str | bytes], list[str]]:
    """Return a function that loads text as ``p.yaml`` and lists the rendered problems."""

    def run(content: str | bytes) -> list[str]:
        path = tmp_path / "p.yaml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        try:
            load_profile(path, "p.yaml")
        except ProfileError as exc:
            assert exc.problems, "a ProfileError must carry at least one problem"
            return [str(p) for p in exc.problems]
        return []

    return run


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add --update-golden: rewrite tests/golden/*.html from the current output."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden HTML files in tests/golden from the current output",
    )


@pytest.fixture
def make_assessment() -> Callable[[CountryProfile, dt.date], Assessment]:
    """Return ``make(profile, build_date)``: the assessment the rendering tests print."""
    return assess
