"""DOCX and ODT through ``strategygen build``: files, manifest, incremental build, LibreOffice."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import strategygen
from strategygen.cli import cli
from strategygen.cli.options import parse_formats

ARGS = ["--date", "2026-03-02", "-j", "1"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", *args, *ARGS])
    return result.exit_code, result.output


def test_all_means_every_format() -> None:
    ctx = click.Context(click.Command("build"))
    assert parse_formats(ctx, None, "all") == ("html", "pdf", "docx", "odt")  # type: ignore[arg-type]
    assert parse_formats(ctx, None, "odt,docx") == ("docx", "odt")  # type: ignore[arg-type]
    with pytest.raises(click.BadParameter, match="use html, pdf, docx, odt"):
        parse_formats(ctx, None, "doc")  # type: ignore[arg-type]


def test_build_docx_and_odt_with_manifest_and_skip(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = run("AIA", "--format", "docx,odt", "--output-dir", str(out))
    assert code == 0, output
    folder = out / "AIA"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert [e["format"] for e in manifest["outputs"]] == ["docx", "odt"]
    assert manifest["versions"]["pandoc"] and manifest["versions"]["python-docx"]
    for entry in manifest["outputs"]:
        assert (folder / entry["file"]).stat().st_size == entry["bytes"]
    docx_bytes = (folder / "AIA-strategy.docx").read_bytes()
    assert zipfile.is_zipfile(folder / "AIA-strategy.docx")
    assert not list(folder.glob(".*.tmp"))
    # Unchanged inputs: skipped; a different office option: rebuilt.
    code, output = run("AIA", "--format", "docx,odt", "--output-dir", str(out))
    assert code == 0 and "1 skipped" in output
    code, output = run("AIA", "--format", "docx,odt", "--docx-comments", "--output-dir", str(out))
    assert code == 0 and "1 built" in output
    with zipfile.ZipFile(folder / "AIA-strategy.docx") as z:
        assert z.read("word/comments.xml").count(b"<w:comment ") > 5
    assert (folder / "AIA-strategy.docx").read_bytes() != docx_bytes


def test_number_paragraphs_reaches_html_and_docx(tmp_path: Path) -> None:
    code, output = run(
        "AIA", "--format", "html,docx", "--number-paragraphs", "--output-dir", str(tmp_path)
    )
    assert code == 0, output
    html = (tmp_path / "AIA" / "AIA-strategy.html").read_text(encoding="utf-8")
    assert '<span class="para-num">1.1</span>' in html
    with zipfile.ZipFile(tmp_path / "AIA" / "AIA-strategy.docx") as z:
        body = z.read("word/document.xml").decode()
    assert '<w:rStyle w:val="ParagraphNumber"/>' in body and ">1.1<" in body


def test_python_api_writes_docx_and_odt(tmp_path: Path) -> None:
    date = dt.date(2026, 3, 2)
    tailoring = strategygen.Tailoring(docx_comments=True, number_paragraphs=True)
    result = strategygen.render_docx("MSR", tmp_path / "MSR.docx", tailoring, build_date=date)
    data = (tmp_path / "MSR.docx").read_bytes()
    assert result.bytes == len(data) and result.warnings == ()
    with zipfile.ZipFile(tmp_path / "MSR.docx") as z:
        assert b"<w:comment " in z.read("word/comments.xml")
        assert b">1.1<" in z.read("word/document.xml")
        core = z.read("docProps/core.xml").decode()
    # Properties from the HTML head, as the PDF's.
    assert "<dc:title>Montserrat: National Artificial Intelligence Strategy" in core
    assert "2026-03-02T00:00:00Z" in core
    strategygen.render_odt("MSR", tmp_path / "MSR.odt", build_date=date)
    assert zipfile.is_zipfile(tmp_path / "MSR.odt")
    outcome = strategygen.build_batch(["MSR"], tmp_path / "out", formats=("docx",), build_date=date)
    assert [r.status for r in outcome.results] == ["built"]
    # The batch and the API give the same bytes for the same inputs.
    strategygen.render_docx("MSR", tmp_path / "again.docx", build_date=date)
    built = (tmp_path / "out" / "MSR" / "MSR-strategy.docx").read_bytes()
    assert built == (tmp_path / "again.docx").read_bytes()


def _soffice() -> str | None:
    found = shutil.which("soffice")
    if found is None and os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) is missing: scripts/setup.sh installs it")
    return found


def test_libreoffice_converts_the_docx_to_pdf(tmp_path: Path) -> None:
    soffice = _soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed (scripts/setup.sh installs it)")
    code, output = run("JAM", "--format", "docx,odt", "--output-dir", str(tmp_path))
    assert code == 0, output
    profile_dir = tmp_path / "lo-profile"
    for name in ("JAM-strategy.docx", "JAM-strategy.odt"):
        done = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile_dir.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path / "pdf"),
                str(tmp_path / "JAM" / name),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        pdf = tmp_path / "pdf" / name.replace(Path(name).suffix, ".pdf")
        assert pdf.stat().st_size > 100_000
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        pages = text.count("\f")
        assert 30 <= pages <= 70, pages
        for heading in ("1. Executive summary", "Annex D. Data gaps and how to fill them"):
            assert heading in text
        assert "Draft for consultation: not an approved policy" in text
