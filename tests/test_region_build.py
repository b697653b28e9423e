"""``strategygen region``: files, summary, PDF, determinism, tailoring, errors, the HTML itself."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

import strategygen
from strategygen.build.plan import resolve_plan
from strategygen.build.region import build_region, group_for
from strategygen.inputs.tailoring import Tailoring

DATE = dt.date(2026, 1, 15)
EPOCH = str(int(dt.datetime(2026, 1, 15, tzinfo=dt.UTC).timestamp()))
MEMBERS = (
    "Antigua and Barbuda", "Bahamas", "Barbados", "Belize", "Cuba", "Dominica",
    "Dominican Republic", "Grenada", "Guyana", "Haiti", "Jamaica", "Saint Kitts and Nevis",
    "Saint Lucia", "Saint Vincent and the Grenadines", "Suriname", "Trinidad and Tobago",
)  # fmt: skip


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "strategygen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, **(env or {})},
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def cdcc(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """``strategygen region CDCC`` (HTML and PDF), once for this module."""
    out = tmp_path_factory.mktemp("region")
    result = run(
        "region",
        "CDCC",
        "--output-dir",
        str(out),
        "--json",
        cwd=out,
        env={"SOURCE_DATE_EPOCH": EPOCH},
    )
    return out, result


def _text(html: str) -> str:
    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: object) -> None:
            self.skip += tag in ("style", "svg", "title")

        def handle_endtag(self, tag: str) -> None:
            self.skip -= tag in ("style", "svg", "title")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


# --- the CDCC overview --------------------------------------------------------------------


def test_region_cdcc_writes_html_and_pdf_with_a_summary(
    cdcc: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out, result = cdcc
    assert result.returncode == 0, result.stderr
    folder = out / "regions" / "CDCC"
    assert sorted(p.name for p in folder.iterdir()) == [
        "CDCC-overview.docx",
        "CDCC-overview.html",
        "CDCC-overview.pdf",
    ]
    summary = json.loads(result.stdout)
    overview = summary["overview"]
    assert overview["status"] == "built" and overview["group"] == "CDCC"
    assert len(overview["members"]) == 16 and len(overview["outside"]) == 13
    assert overview["pages"] >= 12
    assert {"assess", "html", "pdf", "docx", "write", "total"} <= set(overview["timings"])
    assert not list(folder.glob("*.tmp")) and not list(folder.glob(".*"))


def test_the_pdf_names_every_member_on_at_least_twelve_pages(
    cdcc: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out, _ = cdcc
    reader = PdfReader(out / "regions" / "CDCC" / "CDCC-overview.pdf")
    assert len(reader.pages) >= 12
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    for name in MEMBERS:
        assert name in text, name
    assert "Anguilla" in text and "not covered in any edition" in text
    assert reader.metadata is not None
    assert "CDCC member states" in str(reader.metadata.title)
    # Links to the members' drafts stay relative, so they work wherever the folder goes.
    uris = [
        str(annot.get_object()["/A"]["/URI"])
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if "/A" in annot.get_object() and "/URI" in annot.get_object()["/A"]
    ]
    assert "../../JAM/JAM-strategy.pdf" in uris
    assert not [u for u in uris if u.startswith("file:")]


def test_the_word_document_holds_the_same_overview(
    cdcc: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out, _ = cdcc
    with zipfile.ZipFile(out / "regions" / "CDCC" / "CDCC-overview.docx") as package:
        xml = package.read("word/document.xml").decode("utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", xml).split())
    for name in MEMBERS:
        assert name in text, name
    for heading in ("Readiness ranking and trend", "Legal frameworks", "Member briefs"):
        assert heading in text
    # The heat map's eleven-column data table: names get a fixed share and the ten scores
    # equal ones (region.css), rather than widths that split "Antigua" or "0.00".
    start = xml.index("readiness dimensions per member: data")
    grid = xml[xml.index("<w:tblGrid>", start) : xml.index("</w:tblGrid>", start)]
    widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', grid)]
    assert len(widths) == 11 and len(set(widths[1:])) == 1
    assert widths[0] / sum(widths) == pytest.approx(0.18, abs=0.01)


def test_the_html_is_self_contained_and_links_every_draft(
    cdcc: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out, _ = cdcc
    html = (out / "regions" / "CDCC" / "CDCC-overview.html").read_text(encoding="utf-8")
    for code in ("ATG", "DMA", "JAM", "TTO", "AIA", "VIR"):
        assert f'href="../../{code}/{code}-strategy.html"' in html
    assert not re.search(r'\b(?:src|href)="(?:https?:|//)', html)
    assert "<script" not in html
    text = _text(html)
    for name in MEMBERS:
        assert name in text
    # Every chart is an accessible SVG with its data table.
    assert html.count('<figure class="chart"') == 4
    assert html.count('role="img"') == 4
    assert html.count("Data table for this figure") == 4
    # Every in-document link has its target (the body's: the inlined CSS has examples).
    body = html.split("</head>", 1)[1]
    ids = set(re.findall(r'\bid="([^"]+)"', body))
    targets = set(re.findall(r'href="#([^"]+)"', body))
    assert targets <= ids, targets - ids


def test_each_page_head_names_the_chapter_the_page_opens_with(
    cdcc: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    from strategygen.render.region_html import REGION_SECTIONS

    out, _ = cdcc
    pdf = out / "regions" / "CDCC" / "CDCC-overview.pdf"
    layout = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    chapters = [t for sid, t in REGION_SECTIONS if not sid.startswith("annex_")]
    annexes = [t for sid, t in REGION_SECTIONS if sid.startswith("annex_")]
    headings = [f"{i}. {t}" for i, t in enumerate(chapters, 1)]
    headings += [f"Annex {chr(65 + i)}. {t}" for i, t in enumerate(annexes)]
    current = None
    pages = layout.split("\f")[:-1]
    for number, page in enumerate(pages[2:], 3):  # the cover and contents have no chapter
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        head = re.split(r"\s{2,}", lines[0])[-1]
        found = [line for line in lines[1:] if line in headings]
        # A chapter that starts at the top of the page names it; otherwise the head carries
        # the chapter the previous page ended in, never one that only starts lower down.
        expected = lines[1] if lines[1] in headings else current
        assert head == expected, (number, head, expected)
        if found:
            current = found[-1]
    assert current == headings[-1]


def test_framework_change_and_not_covered_members_are_explained(
    cdcc: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out, _ = cdcc
    text = _text((out / "regions" / "CDCC" / "CDCC-overview.html").read_text(encoding="utf-8"))
    assert "cannot be compared with earlier ones" in text
    assert "the 2024 edition does not cover Dominica" in text
    assert "not covered in any edition" in text
    # Never a silent zero or an invented absence for what the profiles do not record.
    assert "Not confirmed" in text
    assert (
        "Dominica (2023)"
        in _text((out / "regions" / "CDCC" / "CDCC-overview.html").read_text(encoding="utf-8"))
        or "Dominica" in text
    )


def test_html_is_byte_identical_for_the_same_build_date(tmp_path: Path) -> None:
    plan = resolve_plan(Tailoring(), build_date=DATE)
    group = group_for("JAM,TTO,BRB")
    first = build_region(group, plan, tmp_path / "a")
    second = build_region(group, plan, tmp_path / "b")
    assert first.status == second.status == "built"
    a = (tmp_path / "a/regions/BRB-JAM-TTO/BRB-JAM-TTO-overview.html").read_bytes()
    b = (tmp_path / "b/regions/BRB-JAM-TTO/BRB-JAM-TTO-overview.html").read_bytes()
    assert a == b
    assert b'datetime="2026-01-15"' in a


def test_pdf_is_byte_identical_with_source_date_epoch(tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    for name in ("a", "b"):
        result = run(
            "region",
            "JAM,TTO",
            "--format",
            "pdf",
            "--output-dir",
            name,
            "-q",
            cwd=tmp_path,
            env=env,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""
    a = (tmp_path / "a/regions/JAM-TTO/JAM-TTO-overview.pdf").read_bytes()
    b = (tmp_path / "b/regions/JAM-TTO/JAM-TTO-overview.pdf").read_bytes()
    assert a == b


# --- tailoring ------------------------------------------------------------------------------


def test_theme_and_override_templates_apply(tmp_path: Path) -> None:
    theme = tmp_path / "theme.yaml"
    theme.write_text('issuing_body: "Caribbean Policy Partners"\ncolours: {accent: "#005a5b"}\n')
    override = tmp_path / "mine" / "region" / "sections"
    override.mkdir(parents=True)
    (override / "summary.html").write_text(
        '{% extends "!default/region/sections/summary.html" %}'
        "{% block summary_actions %}<p>Our own closing words.</p>{% endblock %}",
        encoding="utf-8",
    )
    html = strategygen.render_region_html(
        "JAM,TTO,BRB",
        Tailoring(theme=theme, templates=(tmp_path / "mine",)),
        build_date=DATE,
    )
    assert "Caribbean Policy Partners" in html
    assert "#005a5b" in html
    assert "Our own closing words." in html
    assert "Shared work proposed" not in html


def test_a_broken_override_fails_the_build_and_keeps_the_last_overview(tmp_path: Path) -> None:
    result = run("region", "JAM,TTO", "--format", "html", "--output-dir", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    target = tmp_path / "out/regions/JAM-TTO/JAM-TTO-overview.html"
    before = target.read_bytes()
    bad = tmp_path / "bad" / "region" / "sections"
    bad.mkdir(parents=True)
    (bad / "laws.html").write_text("{{ r.no_such_thing }}", encoding="utf-8")
    result = run(
        "region",
        "JAM,TTO",
        "--format",
        "html",
        "--output-dir",
        "out",
        "--templates",
        "bad",
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "laws.html:1" in result.stderr and "no_such_thing" in result.stderr
    assert target.read_bytes() == before


def test_disabled_rules_leave_the_common_findings(tmp_path: Path) -> None:
    plain = strategygen.assess_region("JAM,TTO", build_date=DATE)
    assert "AWARE" in {f.rule for f in plain.findings}
    without = strategygen.assess_region(
        "JAM,TTO", Tailoring(disable_rules=("AWARE",)), build_date=DATE
    )
    assert "AWARE" not in {f.rule for f in without.findings}


def test_drafts_option_builds_the_members_drafts_too(tmp_path: Path) -> None:
    result = strategygen.build_region(
        "JAM,TTO", tmp_path, formats=("html",), build_date=DATE, drafts=True
    )
    assert result.status == "built"
    assert (tmp_path / "JAM" / "JAM-strategy.html").is_file()
    assert (tmp_path / "TTO" / "TTO-strategy.html").is_file()
    assert result.outputs == (tmp_path / "regions/JAM-TTO/JAM-TTO-overview.html",)


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("region", "Carribean"), "unknown group 'Carribean'; did you mean 'Caribbean'?"),
        (("region", "JAM,XYZ"), "no profile for XYZ"),
        (("region", "JAM"), "a regional overview compares at least 2"),
        (("region", "CDCC", "--format", "docs"), "unknown format docs"),
        (("region", "CDCC", "--disable-rule", "NOPE"), "NOPE"),
    ],
)
def test_bad_requests_exit_1_with_one_clear_line(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode in (1, 2)
    assert message in result.stderr
    assert not (tmp_path / "output").exists()


def test_help_lists_the_region_options(tmp_path: Path) -> None:
    result = run("region", "--help", cwd=tmp_path)
    assert result.returncode == 0
    for option in (
        "--format",
        "--output-dir",
        "--date",
        "--profiles",
        "--name",
        "--drafts",
        "--templates",
        "--theme",
        "--rules",
        "--disable-rule",
        "--paper",
        "--pdf-variant",
        "--strict",
        "--json",
    ):
        assert option in result.stdout, option
    # Settings that shape a country draft's sections do not apply to an overview.
    assert "--sections" not in result.stdout
