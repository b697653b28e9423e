"""Golden HTML for two contrasting profiles, Jamaica (member, scored) and Anguilla (territory),
and one document per translated language in its government's language: the Dominican
Republic (Spanish, es_DO), Haiti (French, fr_HT) and Suriname (Dutch, nl_SR).

Regenerate after an intended change with:

    .venv/bin/python -m pytest tests/test_golden.py --update-golden

then review the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from pathlib import Path

import pytest

from strategygen.assess.model import Assessment
from strategygen.assess.run import assess
from strategygen.inputs.loader import load_profile
from strategygen.inputs.profile import CountryProfile
from strategygen.render.html import render_document
from strategygen.resources import shipped_dir

GOLDEN = Path(__file__).parent / "golden"
DATE = dt.date(2025, 6, 1)


@pytest.mark.parametrize("code", ["JAM", "AIA", "DOM", "HTI", "SUR"])
def test_golden(
    code: str,
    make_assessment: Callable[[CountryProfile, dt.date], Assessment],
    request: pytest.FixtureRequest,
) -> None:
    profile = load_profile(shipped_dir("country_profiles") / f"{code}.yaml")
    # No language asked for: each draft is in its default, the government's language
    # (Spanish for the Dominican Republic, French for Haiti, Dutch for Suriname).
    html = render_document(assess(profile, DATE))
    golden = GOLDEN / f"{code}.html"
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8", newline="\n")
        return
    assert golden.is_file(), f"missing {golden}; run pytest tests/test_golden.py --update-golden"
    expected = golden.read_text(encoding="utf-8")
    if html != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                html.splitlines(keepends=True),
                f"golden/{code}.html",
                "rendered",
                n=1,
            )
        )
        pytest.fail(
            f"{code} output differs from its golden file (first lines of the diff below). "
            "If the change is intended, run: .venv/bin/python -m pytest tests/test_golden.py "
            f"--update-golden\n{diff[:4000]}"
        )
