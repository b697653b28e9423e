"""Shared fixtures: one small valid profile whose line numbers the tests rely on."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from strategygen.errors import ProfileError
from strategygen.inputs.loader import load_profile


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


# --- Document rendering (render, charts, golden) -------------------------------------
# Until strategygen.assess.run lands, the rendering tests build a realistic Assessment from
# the benchmark and maturity stages plus a small hand-written set of fired rules, KPIs
# and training tiers. Once assess() exists it is used instead (and the golden files are
# regenerated with: .venv/bin/python -m pytest tests/test_golden.py --update-golden).

import datetime as _dt  # noqa: E402

from strategygen.assess.model import (  # noqa: E402
    Assessment,
    Baseline,
    DataGap,
    FiredRule,
    Kpi,
    TrainingTier,
    Trigger,
)
from strategygen.inputs.profile import CountryProfile  # noqa: E402


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add --update-golden: rewrite tests/golden/*.html from the current output."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden HTML files in tests/golden from the current output",
    )


def _hand_rules(profile: CountryProfile) -> tuple[FiredRule, ...]:
    inst, law, ps = profile.institutions, profile.law, profile.public_sector_ai
    rules: list[FiredRule] = []

    def add(
        rid: str,
        area: str,
        pillar: str,
        priority: str,
        horizon: str,
        finding: str,
        rec: str,
        fact: str,
        value: str,
        cond: str,
        kpis: tuple[str, ...] = (),
    ) -> None:
        rules.append(
            FiredRule(
                rid,
                area,
                pillar,
                priority,
                horizon,
                finding,
                rec,  # type: ignore[arg-type]
                None,
                kpis,
                (),
                "Design proposal [P]",
                "core",
                (Trigger(fact, value, cond),),
            )
        )

    status = inst.ai_strategy.status if inst.ai_strategy else None
    if status in (None, "none", "recommendations_only", "announced"):
        add(
            "STR-01",
            "strategy",
            "enablers",
            "high",
            "short",
            "There is no formally adopted national AI strategy or policy instrument.",
            "Adopt this strategy by Cabinet decision and designate a lead body for AI policy.",
            "institutions.ai_strategy.status",
            str(status),
            "in none, recommendations_only",
            ("K-STR-1",),
        )
    dp = law.data_protection.status if law.data_protection else None
    if dp != "in_force":
        add(
            "LAW-01",
            "safeguards",
            "safeguards",
            "high",
            "short",
            "No comprehensive data-protection law is fully in force.",
            "Bring the data-protection law fully into force and resource an independent "
            "supervisory authority.",
            "law.data_protection.status",
            str(dp),
            "!= in_force",
            ("K-LAW-1",),
        )
    if ps.guidelines is None or ps.guidelines.status != "adopted":
        add(
            "PS-01",
            "public_sector",
            "safeguards",
            "high",
            "short",
            "Public officers have no adopted guidance on the use of AI.",
            "Issue interim guidelines for AI use by public officers and open a register of "
            "AI use cases.",
            "public_sector_ai.guidelines.status",
            str(ps.guidelines.status if ps.guidelines else None),
            "!= adopted",
        )
    if profile.civil_service.headcount is None:
        add(
            "CAP-01",
            "skills",
            "enablers",
            "medium",
            "short",
            "The civil-service headcount needed to size the training plan is unknown.",
            "Establish the civil-service headcount and a skills baseline survey.",
            "civil_service.headcount",
            "None",
            "is missing",
        )
    dims = profile.readiness.dimensions
    if dims and dims.infrastructure is not None and dims.infrastructure < 40:
        add(
            "INF-01",
            "infrastructure",
            "enablers",
            "medium",
            "medium",
            "Technological infrastructure scores below 40 on the readiness index.",
            "Plan shared government cloud and compute capacity, pooled regionally where "
            "scale is too small.",
            "readiness.dimensions.infrastructure",
            f"{dims.infrastructure:g}",
            "< 40",
            ("K-INF-1",),
        )
    add(
        "ACC-01",
        "public_sector",
        "accelerators",
        "medium",
        "medium",
        "AI use in public services is not yet measured against baselines.",
        "Run two or three low-risk pilots in priority services with baselines measured "
        "before go-live.",
        "public_sector_ai.use_cases",
        "None",
        "any",
    )
    add(
        "INN-01",
        "innovation",
        "accelerators",
        "low",
        "long",
        "Research and private-sector AI capacity is thin.",
        "Create a challenge fund with universities for applied AI in priority sectors.",
        "readiness.pillars.technology_sector",
        f"{profile.readiness.pillars.technology_sector:g}" if profile.readiness.pillars else "None",
        "< 50",
    )
    return tuple(rules)


def sample_assessment(profile: CountryProfile, build_date: _dt.date) -> Assessment:
    """Return the real assessment if strategygen.assess.run exists, else a realistic stand-in."""
    try:
        from strategygen.assess.run import assess  # type: ignore[attr-defined]
    except ImportError:
        pass
    else:
        return assess(profile, build_date)  # type: ignore[no-any-return]

    from strategygen.assess.benchmarks import compute_benchmarks, strongest_weakest
    from strategygen.assess.facts import completeness, missing_facts
    from strategygen.assess.maturity import assess_maturity

    benchmarks = compute_benchmarks(profile)
    strongest, weakest = strongest_weakest(benchmarks)
    areas, overall = assess_maturity(profile, benchmarks)
    horizon = profile.strategy_horizon
    start = horizon.start if horizon else build_date.year + 1
    end = horizon.end if horizon else start + 4
    total = next((b for b in benchmarks if b.level == "total"), None)
    kpis = [
        Kpi(
            "K-STR-1",
            "Strategy adopted and lead body designated",
            "yes/no",
            "strategy",
            "outcome",
            None,
            "Adopted by Cabinet",
            start + 1,
            "annual",
            None,
        ),
        Kpi(
            "K-RDY-1",
            "Government AI Readiness Index overall score",
            "score 0-100",
            "strategy",
            "impact",
            Baseline(
                f"{total.score:.2f}",
                profile.readiness.edition or 2023,
                profile.readiness.source or "gairi2023",
            )
            if total is not None and total.score is not None
            else None,
            "Close half the gap to the CDCC leader"
            if total is not None
            else "A stage up from the baseline",
            end,
            "annual",
            None,
        ),
    ]
    hc = profile.civil_service.headcount
    tiers = tuple(
        TrainingTier(
            key,
            label,
            aud,
            ratio,
            minimum,
            max(minimum, round(hc.value * ratio)) if hc else None,
            f"{ratio * 100:g}% of civil servants (adjustable)",
        )
        for key, label, aud, ratio, minimum in (
            ("awareness", "Awareness (all staff)", "All civil servants", 1.0, 0),
            ("leaders", "Leaders", "Senior officials and managers", 0.05, 20),
            ("practitioners", "Practitioners", "Policy, service and data staff", 0.1, 30),
            ("specialists", "Specialists", "Data scientists and engineers", 0.01, 5),
        )
    )
    gaps = tuple(DataGap(f.path, f.label, f.section, f.action) for f in missing_facts(profile))
    return Assessment(
        profile,
        build_date,
        start,
        end,
        benchmarks,
        strongest,
        weakest,
        areas,
        overall,
        _hand_rules(profile),
        tuple(kpis),
        tiers,
        gaps,
        completeness(profile),
    )


@pytest.fixture
def make_assessment() -> Callable[[CountryProfile, _dt.date], Assessment]:
    """Return ``make(profile, build_date)`` producing an Assessment for rendering tests."""
    return sample_assessment
