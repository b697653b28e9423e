"""The rendered HTML: self-contained, accessible, deterministic, with visible data gaps."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from strategygen.assess.model import Assessment
from strategygen.cli import cli
from strategygen.errors import TemplateError
from strategygen.inputs.loader import load_profile, load_profile_text
from strategygen.inputs.profile import CountryProfile
from strategygen.inputs.tailoring import Tailoring
from strategygen.render.context import SECTIONS
from strategygen.render.environment import fmt_int, fmt_num, fmt_pct
from strategygen.render.html import render_document
from strategygen.resources import shipped_dir

DATE = dt.date(2025, 6, 1)
Make = Callable[[CountryProfile, dt.date], Assessment]


def _shipped(code: str) -> CountryProfile:
    return load_profile(shipped_dir("country_profiles") / f"{code}.yaml")


@pytest.fixture
def jam_html(make_assessment: Make) -> str:
    return render_document(make_assessment(_shipped("JAM"), DATE))


def _sources_annex_removed(html: str) -> str:
    # Source URLs are printed as text in the sources annex; everything else must be local.
    return re.sub(
        r'<section class="chapter annex" id="sec-annex_sources">.*?</section>', "", html, flags=re.S
    )


def test_self_contained(jam_html: str) -> None:
    html = jam_html
    assert "<link" not in html
    assert not re.search(r"<script\b[^>]*\bsrc=", html)
    assert not re.search(r"<img[^>]+src=\"(https?:)?//", html)
    assert "@import" not in html and "url(http" not in html
    urls = re.findall(r'\b(?:src|href)="([^"]*)"', _sources_annex_removed(html))
    assert urls, "the ToC at least must link"
    assert all(u.startswith("#") for u in urls), [u for u in urls if not u.startswith("#")]


def test_lang_and_styles(jam_html: str) -> None:
    assert jam_html.startswith("<!DOCTYPE html>") or "<!DOCTYPE html>" in jam_html[:200]
    assert '<html lang="en">' in jam_html
    assert '<meta name="viewport"' in jam_html
    assert jam_html.count("<style>") == 1
    assert '<body class="watermark">' in jam_html
    assert '<p class="running-title">Jamaica: National AI Strategy (draft)</p>' in jam_html


def test_toc_links_resolve(jam_html: str) -> None:
    toc = re.search(r'<nav class="toc" id="toc".*?</nav>', jam_html, re.S)
    assert toc is not None
    targets = re.findall(r'href="#([^"]+)"', toc.group(0))
    assert "sec-executive_summary" in targets and "sec-policy_framework" in targets
    ids = set(re.findall(r'\bid="([^"]+)"', jam_html))
    assert [t for t in targets if t not in ids] == []


def test_sections_in_contract_order(jam_html: str) -> None:
    found = re.findall(r'<section class="chapter[^"]*" id="sec-([a-z_]+)"', jam_html)
    order = [sid for sid, _, _ in SECTIONS]
    assert found == [sid for sid in order if sid in found]
    for sid in ("executive_summary", "national_context", "readiness", "vision", "policy_framework"):
        assert sid in found


def test_every_cite_resolves(jam_html: str) -> None:
    html = jam_html
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    cites = set(re.findall(r'class="cite" href="#(src-[^"]+)"', html))
    assert cites
    if 'id="sec-annex_sources"' in html:
        assert cites <= ids


def test_deterministic(make_assessment: Make) -> None:
    a = make_assessment(_shipped("JAM"), DATE)
    assert render_document(a) == render_document(a)


def test_gap_placeholder_for_missing_fact(make_assessment: Make, valid_text: str) -> None:
    profile = load_profile_text(valid_text)  # no languages, no GDP per capita
    html = render_document(make_assessment(profile, DATE))
    context = html.split('id="sec-national_context"')[1].split("</section>")[0]
    assert '<span class="gap" role="note"' in html
    assert "[DATA GAP: official languages]" in context
    assert "[DATA GAP: population]" not in context
    # GDP per capita is missing from the profile, but the bundled World Bank data has it.
    assert "[DATA GAP: GDP per capita]" not in context
    assert 'href="#src-wdi"' in context


def test_uncovered_territory_says_so(make_assessment: Make) -> None:
    html = render_document(make_assessment(_shipped("AIA"), DATE))
    assert "No edition of the Government AI Readiness Index covers Anguilla" in html
    assert 'id="fig-dimensions"' not in html and 'id="fig-pillars"' not in html
    assert "associate member" in html


def test_imputed_caveat(make_assessment: Make) -> None:
    html = render_document(make_assessment(_shipped("DMA"), DATE))
    assert "imputed more than 40%" in html


def test_two_countries_read_differently(make_assessment: Make, valid_text: str) -> None:
    low = render_document(make_assessment(load_profile_text(valid_text), DATE))
    rich_text = valid_text.replace(
        "readiness:",
        "institutions:\n"
        "  ai_strategy: {status: adopted, title: Testland AI Policy, year: 2021, source: src}\n"
        "priority_sectors:\n  - {name: tourism, source: src}\n"
        "readiness:",
    )
    rich = render_document(make_assessment(load_profile_text(rich_text), DATE))
    assert "This draft is a refresh" in rich and "This draft is a refresh" not in low
    assert "renews the vision of the Testland AI Policy" in rich
    # The drafter's sector leads in the rich profile; the bare one (ISO code JAM) gets its
    # sectors from the bundled economy data instead of a data gap.
    assert "in tourism" in rich and "The drafter has named 1 priority sector" in rich
    assert "Testland's own economy and risk data select" in low


def test_narrative_is_data_not_template(make_assessment: Make, valid_text: str) -> None:
    text = valid_text.replace(
        "sources:",
        "narrative:\n"
        '  vision: {mode: extend, text: "{{ 7*7 }} {% raw %}x <script>alert(1)</script>"}\n'
        "sources:",
    )
    html = render_document(make_assessment(load_profile_text(text), DATE))
    assert "{{ 7*7 }}" in html and "49" not in html.split('class="narrative')[1][:200]
    assert "<script" not in html


def test_narrative_replace_mode(make_assessment: Make, valid_text: str) -> None:
    text = valid_text.replace(
        "sources:", 'narrative:\n  vision: {mode: replace, text: "Our own vision."}\nsources:'
    )
    html = render_document(make_assessment(load_profile_text(text), DATE))
    vision = html.split('id="sec-vision"')[1].split("</section>")[0]
    assert "Our own vision." in vision and "Guiding principles" not in vision


def test_template_error_names_file_and_line(make_assessment: Make, tmp_path: Path) -> None:
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "vision.html").write_text("<p>\n{{ a.no_such_field }}</p>\n")
    with pytest.raises(TemplateError, match=r"vision\.html:2: .*no_such_field"):
        render_document(
            make_assessment(_shipped("JAM"), DATE), tailoring=Tailoring(templates=(tmp_path,))
        )


def test_syntax_error_names_file_and_line(make_assessment: Make, tmp_path: Path) -> None:
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "vision.html").write_text("ok\n{% if %}\n")
    with pytest.raises(TemplateError, match=r"sections/vision\.html:2: "):
        render_document(
            make_assessment(_shipped("JAM"), DATE), tailoring=Tailoring(templates=(tmp_path,))
        )


def test_override_can_extend_default(make_assessment: Make, tmp_path: Path) -> None:
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "vision.html").write_text(
        '<div class="override">{% include "!default/sections/vision.html" %}</div>\n'
    )
    html = render_document(
        make_assessment(_shipped("JAM"), DATE), tailoring=Tailoring(templates=(tmp_path,))
    )
    assert re.search(r'<div class="override">\s*<section class="chapter" id="sec-vision">', html)


def test_sandbox_blocks_internals(make_assessment: Make, tmp_path: Path) -> None:
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "vision.html").write_text("{{ p.__class__.__mro__ }}\n")
    with pytest.raises(TemplateError):
        render_document(
            make_assessment(_shipped("JAM"), DATE), tailoring=Tailoring(templates=(tmp_path,))
        )
    (tmp_path / "sections" / "vision.html").write_text("{{ p.model_copy() }}\n")
    with pytest.raises(TemplateError):
        render_document(
            make_assessment(_shipped("JAM"), DATE), tailoring=Tailoring(templates=(tmp_path,))
        )


def test_filters() -> None:
    assert fmt_num(1234.5) == "1,234.50"
    assert fmt_int(2839175) == "2,839,175"
    assert fmt_pct(0.42) == "42%"
    assert fmt_num(None) == "n/a"


def test_build_command_writes_and_continues(tmp_path: Path, valid_text: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(valid_text.replace("total: 40", "total: 400"))
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(
        cli, ["build", str(bad), "JAM", "--output-dir", str(out), "--date", "2025-06-01"]
    )
    assert result.exit_code == 1
    assert "bad.yaml:" in result.output and "readiness.total" in result.output
    assert "Traceback" not in result.output
    target = out / "JAM" / "JAM-strategy.html"
    assert target.is_file()
    # Only the document and its build manifest: no temporary files left behind.
    assert sorted(p.name for p in (out / "JAM").iterdir()) == ["JAM-strategy.html", "manifest.json"]
    first = target.read_bytes()
    again = runner.invoke(cli, ["build", "JAM", "--output-dir", str(out), "--date", "2025-06-01"])
    assert again.exit_code == 0
    assert target.read_bytes() == first


def test_build_date_from_source_date_epoch(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli,
        ["build", "AIA", "--output-dir", str(tmp_path)],
        env={"SOURCE_DATE_EPOCH": "1735689600"},
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "AIA" / "AIA-strategy.html").read_text()
    assert '<time datetime="2025-01-01">' in html
