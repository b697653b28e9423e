"""Tailoring: template overrides, themes, section choice, custom and disabled rules."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from strategygen.assess.model import Assessment
from strategygen.assess.run import assess
from strategygen.build.batch import run_batch
from strategygen.build.document import BuildJob
from strategygen.build.manifest import shared_digest
from strategygen.build.plan import BuildPlan, resolve_plan
from strategygen.errors import ProfileError, RuleError, TemplateError, UsageError
from strategygen.inputs.loader import load_profile, load_profile_text
from strategygen.inputs.schema import theme_schema_text
from strategygen.inputs.tailoring import Tailoring
from strategygen.inputs.theme import load_theme
from strategygen.render.catalog import copy_template, default_templates, nearest_templates
from strategygen.render.html import render_document
from strategygen.render.overrides import check_overrides
from strategygen.resources import data_file, shipped_dir

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_THEME = ROOT / "examples" / "theme" / "theme.yaml"
EXAMPLE_OVERRIDES = ROOT / "examples" / "overrides"
OVERRIDE_WORDING = "Consultants' recommended vision for consultation"
ISSUER = "Caribbean Policy Partners (example consultancy)"
DATE = dt.date(2025, 6, 1)
DATE_ARGS = ("--date", DATE.isoformat())


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m strategygen ARGS`` as a user would, capturing both streams."""
    result = subprocess.run(
        [sys.executable, "-m", "strategygen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def _assessment(code: str = "JAM", **settings: Any) -> Assessment:
    profile = load_profile(shipped_dir("country_profiles") / f"{code}.yaml")
    return assess(profile, DATE, tailoring=Tailoring(**settings))


def _render(code: str = "JAM", **settings: Any) -> str:
    return render_document(_assessment(code), tailoring=Tailoring(**settings))


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _text(html: str) -> str:
    """Visible text, whitespace collapsed (tags and the inlined CSS removed)."""
    body = html[html.index("</head>") :]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


# --- the example theme and override, end to end ---------------------------------------


NAMES = {"JAM": "Jamaica", "AIA": "Anguilla"}
# The body a draft is prepared for: the profile's AI policy lead, else the government.
PREPARED_FOR = {
    "JAM": "Office of the Prime Minister (Science, Technology and Special Projects)",
    "AIA": "Government of Anguilla",
}


@pytest.mark.parametrize("code", ["JAM", "AIA"])
def test_example_theme_and_override_show_in_html_and_pdf(code: str, tmp_path: Path) -> None:
    import pypdf

    result = run(
        "build",
        code,
        "--format",
        "all",
        "--strict",
        "--theme",
        str(EXAMPLE_THEME),
        "--templates",
        str(EXAMPLE_OVERRIDES),
        "--output-dir",
        str(tmp_path / "out"),
        *DATE_ARGS,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / code / f"{code}-strategy.html").read_text(encoding="utf-8")
    text = _text(html)
    assert OVERRIDE_WORDING in text
    assert f"{ISSUER} proposes this wording" in text
    # The theme issues the draft; the government it is prepared for does not change.
    assert f"Issued by {ISSUER}" in text
    assert f"Prepared for {PREPARED_FOR[code]}" in text
    assert "Prepared by Caribbean Policy Partners, Port of Spain office" in text
    assert 'class="cover-logo"><img src="data:image/svg+xml;base64,' in html
    assert "--accent: #005a5b;" in html
    # The rest of the vision chapter is still the default one.
    assert html.count("<h3>Strategic goals</h3>") == 1
    reader = pypdf.PdfReader(tmp_path / "out" / code / f"{code}-strategy.pdf")
    assert reader.metadata is not None and reader.metadata.author == ISSUER
    assert 25 <= len(reader.pages) <= 45
    pdf_text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "Consultants' recommended vision" in pdf_text or "Consultants’ recommended" in pdf_text
    assert "Caribbean Policy Partners" in pdf_text


# --- templates: search order, !default/, errors ----------------------------------------


def test_earlier_override_folder_wins(tmp_path: Path) -> None:
    first = _write(tmp_path / "first", {"sections/risks.html": "<p>FIRST RISKS</p>\n"})
    second = _write(tmp_path / "second", {"sections/risks.html": "<p>SECOND RISKS</p>\n"})
    html = _render(templates=(first, second))
    assert "FIRST RISKS" in html and "SECOND RISKS" not in html
    html = _render(templates=(second, first))
    assert "SECOND RISKS" in html and "FIRST RISKS" not in html


def test_default_prefix_extends_the_template_it_replaces(tmp_path: Path) -> None:
    folder = _write(
        tmp_path,
        {
            "sections/vision.html": '{% extends "!default/sections/vision.html" %}\n'
            "{% block principles %}<h3>Principles</h3><p>OUR PRINCIPLES for {{ name }} "
            "({{ a.horizon_end }})</p>{% endblock %}\n"
        },
    )
    default = _render()
    html = _render(templates=(folder,))
    assert "OUR PRINCIPLES for Jamaica (2031)" in html
    assert "Guiding principles" in default and "Guiding principles" not in html
    # Only the one block changed: the vision statement and goals are the defaults.
    assert html.count("<h3>Vision statement</h3>") == 1
    assert html.count("<h3>Strategic goals</h3>") == 1


def test_block_the_parent_does_not_define_names_the_nearest(tmp_path: Path) -> None:
    folder = _write(
        tmp_path,
        {
            "sections/vision.html": '{% extends "!default/sections/vision.html" %}\n\n'
            "{% block principle %}<p>OURS</p>{% endblock %}\n"
        },
    )
    path = folder / "sections" / "vision.html"
    with pytest.raises(TemplateError) as info:
        _render(templates=(folder,))
    assert str(info.value) == (
        f"{path}:3: block 'principle' is not defined in !default/sections/vision.html, so it "
        "would never be shown; did you mean 'principles'? Blocks there: ambition, body, "
        "heading, principles, public_value, strategic_goals, vision_statement"
    )


def test_extending_its_own_name_without_default_prefix_is_named(tmp_path: Path) -> None:
    folder = _write(
        tmp_path,
        {
            "sections/vision.html": '{% extends "sections/vision.html" %}\n'
            "{% block principles %}<p>OURS</p>{% endblock %}\n"
        },
    )
    path = folder / "sections" / "vision.html"
    expected = (
        f"{path}:1: this template's extends names 'sections/vision.html', its own name, so it "
        'would load itself for ever; write "!default/sections/vision.html" to use the default '
        "template it replaces"
    )
    with pytest.raises(TemplateError) as info:
        _render(templates=(folder,))
    assert str(info.value) == expected
    # The command line stops before any document, with the same message and no traceback.
    result = run("build", "AIA", "--templates", str(folder), "--output-dir", "o", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"Error: {expected}\n"
    assert not (tmp_path / "o").exists()


def test_override_loops_and_shadowed_files(tmp_path: Path) -> None:
    loop = _write(
        tmp_path / "loop",
        {
            "a.html": '{% extends "b.html" %}{% block x %}{% endblock %}',
            "b.html": '{% extends "a.html" %}{% block x %}{% endblock %}',
        },
    )
    with pytest.raises(TemplateError, match=r"extend each other in a loop: a\.html -> b\.html"):
        check_overrides([loop])
    # A file shadowed by an earlier folder is never loaded, so it is not checked either.
    good = _write(tmp_path / "good", {"sections/vision.html": "<p>mine</p>\n"})
    bad = _write(tmp_path / "bad", {"sections/vision.html": '{% extends "sections/vision.html" %}'})
    check_overrides([good, bad])
    with pytest.raises(TemplateError, match="its own name"):
        check_overrides([bad, good])


def test_readme_title_example_names_the_country_once() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    pattern = re.search(r'^title = "(.*)"$', readme, re.MULTILINE)
    assert pattern is not None and "{country}" in pattern.group(1)
    html = _render(title=pattern.group(1))
    title = "Jamaica: Artificial Intelligence for Public Value 2026-2031"
    assert f"<title>{title} (draft for consultation)</title>" in html
    assert f'<meta name="description" content="{title}. A draft' in html
    # The cover shows the title alone, not the country's name above a title that repeats it.
    cover = html[html.index('<section class="cover"') : html.index('class="cover-subtitle"')]
    assert cover.count("Jamaica") == 1, cover
    # The cover keeps the title's year range on one line (a nowrap span around it).
    kept = title.replace("2026-2031", '<span class="nowrap">2026-2031</span>')
    assert f'<h1 class="cover-title">{kept}</h1>' in cover
    # A title without the name gets it in front in the HTML title, and the cover says it above.
    plain = _render(title="AI for Public Value {start}-{end}")
    assert "<title>Jamaica: AI for Public Value 2026-2031 (draft for consultation)</title>" in plain
    assert '<p class="cover-country">Jamaica</p>' in plain


def test_default_blocks_are_listed_and_copy_refuses_to_overwrite(tmp_path: Path) -> None:
    blocks = {info.name: info.blocks for info in default_templates()}
    assert {"vision_statement", "strategic_goals", "principles"} <= set(
        blocks["sections/vision.html"]
    )
    for name, found in blocks.items():
        if name.startswith("sections/") and name != "sections/front_matter.html":
            assert {"heading", "body"} <= set(found), name
    target = copy_template("sections/vision.html", tmp_path)
    assert target == tmp_path / "sections" / "vision.html" and target.is_file()
    with pytest.raises(UsageError, match="already exists"):
        copy_template("sections/vision.html", tmp_path)
    with pytest.raises(UsageError, match="not a default template"):
        copy_template("sections/nope.html", tmp_path)


def test_templates_commands(tmp_path: Path) -> None:
    listed = run("templates", "list", cwd=tmp_path)
    assert listed.returncode == 0
    assert re.search(r"sections/vision\.html\s+heading, body, vision_statement", listed.stdout)
    copied = run("templates", "copy", "sections/vision.html", "mine", cwd=tmp_path)
    assert copied.returncode == 0 and (tmp_path / "mine/sections/vision.html").is_file()
    # It says where the copy went, how to keep only the blocks changed, and how to build.
    assert copied.stdout.splitlines() == [
        "Copied the default sections/vision.html to mine/sections/vision.html.",
        "Edit it there; or, to follow future versions, keep only the blocks you change: start "
        'the file with {% extends "!default/sections/vision.html" %} and redefine those blocks '
        "(strategygen templates list names them).",
        'Build with: strategygen build CODE --templates mine (or templates = ["mine"] under '
        "[build] in strategygen.toml).",
    ]
    again = run("templates", "copy", "sections/vision.html", "mine", cwd=tmp_path)
    assert again.returncode == 1 and "already exists" in again.stderr
    wrong = run("templates", "copy", "vision.html", "mine", cwd=tmp_path)
    assert wrong.returncode == 1
    assert wrong.stderr == (
        "Error: 'vision.html' is not a default template; did you mean sections/vision.html? "
        "Names are paths inside the templates folder; run 'strategygen templates list' to see "
        "them all\n"
    )


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("sections/visoin.html", ["sections/vision.html"]),
        ("screen.css", ["static/screen.css"]),
        ("front", ["sections/front_matter.html"]),
        ("sections/goverance.html", ["sections/governance.html"]),
        ("sections/nope.html", []),
    ],
)
def test_copy_suggests_the_template_meant(tmp_path: Path, typed: str, meant: list[str]) -> None:
    known = [info.name for info in default_templates()]
    assert nearest_templates(typed, known) == meant


def test_missing_template_lists_the_folders_searched(tmp_path: Path) -> None:
    folder = _write(tmp_path / "over", {"sections/risks.html": '{% include "nothere.html" %}\n'})
    with pytest.raises(TemplateError) as info:
        _render(templates=(folder,))
    message = str(info.value)
    assert "template not found: nothere.html" in message
    assert str(folder) in message and str(shipped_dir("templates")) in message
    assert message.index(str(folder)) < message.index(str(shipped_dir("templates")))


def test_template_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    folder = _write(tmp_path, {"sections/risks.html": "<p>ok</p>\n<p>{% if %}</p>\n"})
    with pytest.raises(TemplateError, match=r"sections/risks\.html:2: "):
        _render(templates=(folder,))


def test_undefined_variable_names_file_and_line(tmp_path: Path) -> None:
    folder = _write(tmp_path, {"sections/risks.html": "<p>one</p>\n<p>two</p>\n{{ nope.x }}\n"})
    with pytest.raises(TemplateError) as info:
        _render(templates=(folder,))
    assert re.search(r"sections/risks\.html:3: .*'nope' is undefined", str(info.value))


def test_profile_text_stays_data_under_any_template(
    tmp_path: Path, valid_text: str, edit: object
) -> None:
    folder = _write(tmp_path, {"sections/risks.html": "<p id='n'>{{ p.identity.name }}</p>\n"})
    text = re.sub(
        r"(?m)^(\s*)name: .*$",
        lambda m: m.group(1) + 'name: "Evil {{ 7*7 }} <script>alert(1)</script>"',
        valid_text,
        count=1,
    )
    profile = load_profile_text(text)
    assert "{{ 7*7 }}" in profile.identity.name
    html = render_document(assess(profile, DATE), tailoring=Tailoring(templates=(folder,)))
    assert "<p id='n'>Evil {{ 7*7 }} &lt;script&gt;alert(1)&lt;/script&gt;</p>" in html
    assert "Evil 49" not in html and "<script>alert(1)" not in html


# --- themes ------------------------------------------------------------------------------


def _theme_error(tmp_path: Path, text: str, files: dict[str, bytes] | None = None) -> str:
    (tmp_path / "t").mkdir(exist_ok=True)
    (tmp_path / "t" / "theme.yaml").write_text(text, encoding="utf-8")
    for name, data in (files or {}).items():
        (tmp_path / "t" / name).write_bytes(data)
    result = run("build", "AIA", "--theme", "t/theme.yaml", "--output-dir", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert not (tmp_path / "out").exists(), "a bad theme must stop the build before any output"
    return result.stderr


def test_theme_logo_outside_its_folder_is_located(tmp_path: Path) -> None:
    (tmp_path / "secret.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    err = _theme_error(tmp_path, "issuing_body: X\nlogo: ../secret.svg\n")
    assert "t/theme.yaml:2:7: logo: the logo must be inside the theme's folder" in err


def test_theme_logo_that_is_not_an_image_is_located(tmp_path: Path) -> None:
    err = _theme_error(tmp_path, "issuing_body: X\nlogo: logo.png\n", {"logo.png": b"GIF89a..."})
    assert "t/theme.yaml:2:7: logo: the logo has a .png name but is not a PNG image" in err


def test_unknown_theme_key_is_located(tmp_path: Path) -> None:
    err = _theme_error(tmp_path, "issuing_body: X\ncolours:\n  acent: '#000000'\n")
    assert re.search(r"t/theme\.yaml:3:\d+: colours\.acent: .*unknown", err), err


def test_theme_schema_is_shipped_and_in_sync(tmp_path: Path) -> None:
    shipped = data_file("theme.schema.json").read_text(encoding="utf-8")
    assert shipped == theme_schema_text(), (
        "strategygen/data/theme.schema.json is stale; regenerate it with "
        "'strategygen schema --theme > strategygen/data/theme.schema.json'"
    )
    printed = run("schema", "--theme", cwd=tmp_path)
    assert printed.returncode == 0 and printed.stdout == shipped
    first = EXAMPLE_THEME.read_text(encoding="utf-8").splitlines()[0]
    ref = first.split("$schema=", 1)[1]
    assert (EXAMPLE_THEME.parent / ref).resolve() == data_file("theme.schema.json").resolve()
    assert "issuing_body" in json.loads(shipped)["properties"]


def test_theme_sets_paper_and_watermark_unless_the_cli_says_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    import strategygen.build.batch as build_module
    from strategygen.cli import cli

    _write(tmp_path, {"theme.yaml": "issuing_body: X\npaper: letter\nwatermark: false\n"})
    seen: list[BuildPlan] = []

    def fake_batch(jobs: object, plan: BuildPlan, *args: object, **kw: object) -> object:
        seen.append(plan)
        return build_module.BatchOutcome([])

    # The CLI imports run_batch when the command runs, so patching the module is enough.
    monkeypatch.setattr(build_module, "run_batch", fake_batch)
    theme = str(tmp_path / "theme.yaml")
    CliRunner().invoke(cli, ["build", "AIA", "--theme", theme])
    CliRunner().invoke(cli, ["build", "AIA", "--theme", theme, "--paper", "a4", "--watermark"])
    assert (seen[0].paper, seen[0].watermark) == ("letter", False)
    assert (seen[1].paper, seen[1].watermark) == ("a4", True)


# --- sections ----------------------------------------------------------------------------


def test_sections_order_and_numbering_follow_the_choice() -> None:
    html = _render(sections=("vision", "executive_summary", "annex_gaps", "roadmap"))
    toc = html[html.index('<nav class="toc"') : html.index("</nav>")]
    entries = re.findall(r'href="#sec-(\w+)">(?:<span class="secnum">(\d+)\.</span> )?([^<]+)', toc)
    assert [(sid, num, title.strip()) for sid, num, title in entries] == [
        ("vision", "1", "National AI vision and strategic goals"),
        ("executive_summary", "2", "Executive summary"),
        ("annex_gaps", "", "Annex A. Data gaps and how to fill them"),
        ("roadmap", "3", "Implementation roadmap"),
    ]
    headings = re.findall(r"<h2>(.*?)</h2>", html)
    assert headings == [
        '<span class="secnum">1.</span> National AI vision and strategic goals',
        '<span class="secnum">2.</span> Executive summary',
        "Annex A. Data gaps and how to fill them",
        '<span class="secnum">3.</span> Implementation roadmap',
    ]
    assert html.index('id="sec-vision"') < html.index('id="sec-executive_summary"')
    assert 'id="sec-governance"' not in html
    # Cross-references use the new numbers; an omitted section is named without a link.
    # (the executive summary points at the vision, chapter 4 in the full order)
    assert (
        '<a class="xref" href="#sec-vision" title="National AI vision and strategic goals">'
        "section 1</a>" in html
    )
    assert '<span class="xref xref-omitted">Monitoring, evaluation and learning</span>' in html
    assert "data listed in Sources." in html
    # No link in the document points at an anchor that is not there.
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    body = html[html.index("</head>") :]
    targets = set(re.findall(r'href="#([^"]+)"', body))
    assert targets <= ids, sorted(targets - ids)


def test_unknown_section_name_lists_the_valid_ones(tmp_path: Path) -> None:
    result = run("build", "AIA", "--sections", "vision,visoin", "--output-dir", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        "--sections visoin: unknown section; did you mean 'vision'? "
        "Valid names: executive_summary," in result.stderr
    )
    assert not (tmp_path / "out").exists()


def test_project_file_chooses_sections_title_and_horizon(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "strategygen.toml": '[document]\nsections = ["executive_summary", "annex_rules"]\n'
            'title = "{country} ({code}) AI plan {start}-{end}"\n'
            "horizon = {start = 2027, end = 2030}\n"
        },
    )
    result = run("build", "AIA", "--output-dir", "out", "-q", *DATE_ARGS, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/AIA/AIA-strategy.html").read_text(encoding="utf-8")
    # The year range is kept on one line on the cover (a nowrap span around it).
    assert (
        '<h1 class="cover-title">Anguilla (AIA) AI plan <span class="nowrap">2027-2030</span></h1>'
        in html
    )
    assert re.findall(r'<section class="chapter[^"]*" id="sec-(\w+)"', html) == [
        "executive_summary",
        "annex_rules",
    ]


def test_skip_sections_leaves_out_only_the_names_given(tmp_path: Path) -> None:
    from strategygen.inputs.tailoring import SECTION_ORDER

    def sections(project: Path | None = None, **given: Any) -> tuple[str, ...]:
        return resolve_plan(Tailoring(**given), project=project, build_date=DATE).sections

    assert sections(skip_sections=("budget", "risks")) == tuple(
        s for s in SECTION_ORDER if s not in ("budget", "risks")
    )
    # The project file's skip list applies to its own list or to one given on the command
    # line; skips from both are combined.
    project = (
        _write(
            tmp_path,
            {
                "strategygen.toml": '[document]\nsections = ["vision", "budget", "risks"]\n'
                'skip_sections = ["budget"]\n'
            },
        )
        / "strategygen.toml"
    )
    assert sections(project) == ("vision", "risks")
    assert sections(project, skip_sections=("risks",)) == ("vision",)
    assert sections(project, sections=("budget", "risks", "roadmap")) == ("risks", "roadmap")
    with pytest.raises(UsageError, match="no section is left to build"):
        sections(project, skip_sections=("vision", "risks"))
    # The same choice reaches a document rendered through the API.
    html = _render(skip_sections=("budget", "risks", "annex_glossary"))
    assert 'id="sec-budget"' not in html and 'id="sec-risks"' not in html
    assert 'id="sec-roadmap"' in html


def test_skip_sections_unknown_name_suggests_the_nearest(tmp_path: Path) -> None:
    result = run("build", "AIA", "--skip-sections", "budjet", "--output-dir", "o", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "Error: --skip-sections budjet: unknown section; did you mean 'budget'? Valid names: "
    )
    _write(tmp_path, {"strategygen.toml": '[document]\nskip_sections = ["riks"]\n'})
    with pytest.raises(ProfileError) as located:
        resolve_plan(project=tmp_path / "strategygen.toml", build_date=DATE)
    assert str(located.value).startswith(
        f"{tmp_path / 'strategygen.toml'}:2:18: document.skip_sections[0]: unknown section; "
        "did you mean 'risks'? Valid names: "
    )


# --- rules -------------------------------------------------------------------------------

_REPLACEMENT = """\
rules:
  - id: STR-LEAD
    area: strategy
    pillar: enablers
    when: {fact: institutions.ai_lead_agency, op: missing}
    finding: >-
      CONSULTANT FINDING: {country} has not named a body to lead AI policy.
    recommendation: >-
      CONSULTANT ACTION: designate the lead body by {mid_year}.
    priority: high
    horizon: short
    owner: "{digital_lead_agency}"
    kpis: [K10]
    evidence: Consultancy practice note 7
"""


def test_a_user_rule_replaces_the_shipped_one_and_the_annex_names_its_library(
    tmp_path: Path,
) -> None:
    folder = _write(tmp_path / "my-rules", {"lead.yaml": _REPLACEMENT})
    shipped = _assessment("AIA")
    assert any(r.id == "STR-LEAD" for r in shipped.fired)
    assessment = _assessment("AIA", rules=(folder,))
    rule = next(r for r in assessment.fired if r.id == "STR-LEAD")
    assert rule.library == "my-rules/lead.yaml" and not rule.shipped
    html = render_document(assessment)
    assert "CONSULTANT FINDING: Anguilla has not named a body" in html
    assert "your rules: <code>my-rules/lead.yaml</code>" in html
    others = [r for r in assessment.fired if r.id != "STR-LEAD"]
    assert all(r.shipped for r in others)


def test_disabled_rule_is_absent_and_unknown_ids_are_errors(tmp_path: Path) -> None:
    assessment = _assessment("AIA", disable_rules=("STR-LEAD",))
    assert all(r.id != "STR-LEAD" for r in assessment.fired)
    html = render_document(assessment)
    assert 'id="act-STR-LEAD"' not in html and 'id="rule-STR-LEAD"' not in html
    with pytest.raises(RuleError, match=r"cannot disable rule 'STR-LAED'.*did you mean STR-LEAD"):
        _assessment("AIA", disable_rules=("STR-LAED",))
    result = run("build", "AIA", "--disable-rule", "STR-LAED", "--output-dir", "o", cwd=tmp_path)
    assert result.returncode == 1 and "did you mean STR-LEAD" in result.stderr
    assert not (tmp_path / "o").exists()


# --- the incremental hash ------------------------------------------------------------------


def test_every_tailoring_input_enters_the_hash(tmp_path: Path) -> None:
    theme_dir = tmp_path / "theme"
    theme_dir.mkdir()
    for name in ("theme.yaml", "logo.svg"):
        (theme_dir / name).write_bytes((EXAMPLE_THEME.parent / name).read_bytes())
    rules = _write(tmp_path / "rules", {"lead.yaml": _REPLACEMENT})
    project = _write(tmp_path, {"strategygen.toml": ""}) / "strategygen.toml"
    given = Tailoring(theme=theme_dir / "theme.yaml", rules=(rules,))

    def digest(tailoring: Tailoring = given, with_project: bool = True) -> str:
        plan = resolve_plan(tailoring, project=project if with_project else None, build_date=DATE)
        return shared_digest(plan)

    first = digest()
    variants = [
        digest(Tailoring(rules=(rules,))),
        digest(Tailoring(theme=given.theme)),
        digest(with_project=False),
        *(
            digest(given.model_copy(update={name: value}))
            for name, value in (
                ("disable_rules", ("STR-LEAD",)),
                ("sections", ("vision",)),
                ("title", "{country}"),
                ("horizon", {"start": 2027, "end": 2030}),
                ("paper", "letter"),
                ("watermark", False),
                ("pdf_variant", "pdf/ua-1"),
                ("strict", True),
            )
        ),
    ]
    assert all(v != first for v in variants)
    assert len(set(variants)) == len(variants)
    for path, text in (
        (theme_dir / "logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>"),
        (theme_dir / "theme.yaml", "issuing_body: Changed\nlogo: logo.svg\n"),
        (rules / "lead.yaml", _REPLACEMENT.replace("practice note 7", "practice note 8")),
        (project, "# changed\n"),
    ):
        path.write_text(text, encoding="utf-8")
        changed = digest()
        assert changed != first, path
        first = changed


def test_changing_the_theme_rebuilds(tmp_path: Path) -> None:
    theme = _write(tmp_path / "t", {"theme.yaml": "issuing_body: First Body\n"}) / "theme.yaml"
    jobs = [BuildJob(shipped_dir("country_profiles") / "AIA.yaml", "AIA")]
    out = tmp_path / "out"

    def build() -> list[str]:
        plan = resolve_plan(Tailoring(theme=theme), build_date=DATE)
        return [r.status for r in run_batch(jobs, plan, out).results]

    assert build() == ["built"]
    assert build() == ["skipped"]
    theme.write_text("issuing_body: Second Body\n", encoding="utf-8")
    assert build() == ["built"]
    html = (out / "AIA" / "AIA-strategy.html").read_text(encoding="utf-8")
    assert "Second Body" in html
    manifest = json.loads((out / "AIA" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tailoring"]["theme"] == str(theme)


def test_tailoring_merges_project_and_options(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "strategygen.toml": '[build]\ntemplates = ["p-tpl"]\nrules = ["p-rules"]\n'
            'disable_rules = ["AWARE"]\ntheme = "theme.yaml"\n',
            "theme.yaml": "issuing_body: Project Body\n",
            "p-tpl/x.html": "",
            "c-tpl/x.html": "",
            "p-rules/none.yaml": "rules: []\n",
            "c-rules/none.yaml": "rules: []\n",
        },
    )
    given = Tailoring(
        templates=(tmp_path / "c-tpl",),
        rules=(tmp_path / "c-rules",),
        disable_rules=("STR-LEAD",),
    )
    merged = resolve_plan(given, project=tmp_path / "strategygen.toml")
    assert [d.name for d in merged.tailoring.templates] == ["c-tpl", "p-tpl"]
    assert [d.name for d in merged.tailoring.rules] == ["p-rules", "c-rules"]
    assert merged.tailoring.disable_rules == ("AWARE", "STR-LEAD")
    assert merged.theme is not None
    assert merged.theme.theme.issuing_body == "Project Body"
    assert merged.tailoring.sections is None
    assert all(r.id not in ("AWARE", "STR-LEAD") for r in merged.rules)


def test_example_theme_loads() -> None:
    loaded = load_theme(EXAMPLE_THEME)
    assert loaded.theme.issuing_body == ISSUER
    assert loaded.logo_data_uri is not None
