"""The build command: selection, isolation, incremental skips, manifests, parallelism, Ctrl-C."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import strategygen.build.commit as commit_mod
from strategygen.cli import cli
from strategygen.inputs.tailoring import Tailoring
from strategygen.resources import shipped_dir

DATE = ["--date", "2025-06-01"]


def _profiles(tmp_path: Path, *codes: str) -> Path:
    """Copy shipped profiles into ``tmp_path/profiles`` so a test may edit them."""
    folder = tmp_path / "profiles"
    folder.mkdir(exist_ok=True)
    for code in codes:
        shutil.copy(shipped_dir("country_profiles") / f"{code}.yaml", folder / f"{code}.yaml")
    return folder


def _build(out: Path, *args: str) -> Result:
    date = [] if "--date" in args else DATE
    return CliRunner().invoke(cli, ["build", *args, "--output-dir", str(out), *date, "--json"])


def _summary(result: Result) -> dict[str, object]:
    # --json: stdout holds the JSON document and nothing else.
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def _status(result: Result) -> dict[str, str]:
    docs = _summary(result)["documents"]
    assert isinstance(docs, list)
    return {d["code"] or d["source"]: d["status"] for d in docs}


def _tmp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith(".tmp")]


def test_selection_by_code_file_and_glob(tmp_path: Path) -> None:
    folder = _profiles(tmp_path, "AIA", "ATG", "BHS")
    out = tmp_path / "out"
    result = _build(out, "jam", str(folder / "AIA.yaml"), str(folder / "[AB][TH]*.yaml"))
    assert result.exit_code == 0, result.output
    assert _status(result) == {"JAM": "built", "AIA": "built", "ATG": "built", "BHS": "built"}
    assert sorted(p.name for p in out.iterdir()) == ["AIA", "ATG", "BHS", "JAM"]


def test_no_argument_builds_every_shipped_profile(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _build(out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    shipped = sorted(p.stem for p in shipped_dir("country_profiles").glob("*.yaml"))
    assert sorted(_status(result)) == shipped


def test_unknown_selection_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "NOPE", "--output-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "neither a file nor a shipped profile code" in result.output


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "JAM", "--format", "html,rtf"])
    assert result.exit_code == 2
    assert "unknown format rtf" in result.output


def test_failing_profile_is_isolated_and_named(tmp_path: Path, valid_text: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(valid_text.replace("total: 40", "total: 400"))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", str(bad), "AIA", "--output-dir", str(out), *DATE, "--jobs", "2"]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    # The summary table marks it failed and the located error follows: file:line:col: field.
    rows = result.output.splitlines()
    assert any(line.endswith("failed") and "bad.yaml" in line for line in rows)
    failure = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failure) == 1
    assert "bad.yaml:" in failure[0] and ": readiness.total: " in failure[0]
    assert (out / "AIA" / "AIA-strategy.html").is_file()
    assert "2 profiles: 1 built, 0 skipped (up to date), 1 failed" in result.stderr


def test_second_run_skips_and_force_rebuilds(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = _build(out, "AIA", "JAM")
    assert _status(first) == {"AIA": "built", "JAM": "built"}
    html = out / "JAM" / "JAM-strategy.html"
    stamp = html.stat().st_mtime_ns
    second = _build(out, "AIA", "JAM")
    assert second.exit_code == 0
    assert _status(second) == {"AIA": "skipped", "JAM": "skipped"}
    assert html.stat().st_mtime_ns == stamp
    forced = _build(out, "AIA", "JAM", "--force")
    assert _status(forced) == {"AIA": "built", "JAM": "built"}
    # Plain output says so too.
    plain = CliRunner().invoke(cli, ["build", "AIA", "--output-dir", str(out), *DATE])
    assert "skipped" in plain.output and "1 skipped (up to date)" in plain.output


def test_other_options_or_deleted_output_make_it_stale(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(out, "AIA")
    assert _status(_build(out, "AIA", "--date", "2025-07-01")) == {"AIA": "built"}
    (out / "AIA" / "AIA-strategy.html").unlink()
    assert _status(_build(out, "AIA", "--date", "2025-07-01")) == {"AIA": "built"}
    assert (out / "AIA" / "AIA-strategy.html").is_file()


def test_manifest_records_inputs_versions_timings_and_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(out, "JAM")
    manifest = json.loads((out / "JAM" / "manifest.json").read_text())
    assert manifest["schema"] == 2
    assert manifest["code"] == "JAM" and manifest["country"] == "Jamaica"
    assert len(manifest["inputs_hash"]) == 64
    assert manifest["options"]["formats"] == ["html"]
    assert manifest["options"]["date"] == "2025-06-01"
    # Every tailoring setting is recorded, from the one settings type.
    assert set(manifest["tailoring"]) == {*Tailoring.model_fields, "project"}
    assert {"strategygen", "jinja2", "python"} <= set(manifest["versions"])
    assert "weasyprint" not in manifest["versions"]  # no PDF asked for
    assert {"load", "assess", "html", "write", "total"} <= set(manifest["timings"])
    assert manifest["warnings"] == []
    (entry,) = manifest["outputs"]
    html = out / "JAM" / "JAM-strategy.html"
    assert entry["file"] == html.name and entry["bytes"] == html.stat().st_size
    assert sorted(p.name for p in (out / "JAM").iterdir()) == ["JAM-strategy.html", "manifest.json"]


def test_changed_profile_rebuilds_only_that_one(tmp_path: Path) -> None:
    folder = _profiles(tmp_path, "AIA", "ATG")
    out = tmp_path / "out"
    _build(out, str(folder))
    with (folder / "ATG.yaml").open("a") as fh:
        fh.write("\n# a drafter's note\n")
    assert _status(_build(out, str(folder))) == {"AIA": "skipped", "ATG": "built"}


def test_changed_template_rebuilds_what_uses_it(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    (overrides / "static").mkdir(parents=True)
    asset = overrides / "static" / "note.txt"
    asset.write_text("one")
    out = tmp_path / "out"
    args = ("AIA", "ATG", "--template-dir", str(overrides))
    assert set(_status(_build(out, *args)).values()) == {"built"}
    assert set(_status(_build(out, *args)).values()) == {"skipped"}
    asset.write_text("two")
    assert set(_status(_build(out, *args)).values()) == {"built"}


def test_failure_leaves_earlier_outputs_intact(tmp_path: Path) -> None:
    folder = _profiles(tmp_path, "AIA")
    out = tmp_path / "out"
    _build(out, str(folder / "AIA.yaml"))
    html = (out / "AIA" / "AIA-strategy.html").read_bytes()
    manifest = (out / "AIA" / "manifest.json").read_bytes()
    profile = folder / "AIA.yaml"
    profile.write_text(profile.read_text() + "\nbogus_key: 1\n")
    result = _build(out, str(profile))
    assert result.exit_code == 1
    assert list(_status(result).values()) == ["failed"]
    assert "bogus_key" in result.stderr
    assert (out / "AIA" / "AIA-strategy.html").read_bytes() == html
    assert (out / "AIA" / "manifest.json").read_bytes() == manifest
    assert not _tmp_files(out)


def test_json_summary_parses_and_stdout_holds_only_json(tmp_path: Path) -> None:
    result = _build(tmp_path / "out", "AIA", "--jobs", "1")
    data = _summary(result)
    assert data["counts"] == {"built": 1, "skipped": 0, "failed": 0, "interrupted": 0}
    assert data["formats"] == ["html"] and data["interrupted"] is False
    (doc,) = data["documents"]  # type: ignore[misc]
    assert doc["code"] == "AIA" and doc["status"] == "built" and doc["error"] is None
    assert doc["outputs"][0].endswith("AIA-strategy.html")
    assert doc["peak_rss_kb"] > 0


def test_quiet_prints_nothing_on_success(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", "AIA", "--quiet", "--output-dir", str(tmp_path), *DATE]
    )
    assert result.exit_code == 0 and result.output == ""


def test_plain_progress_is_one_line_per_document(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", "AIA", "JAM", "--jobs", "1", "--output-dir", str(tmp_path), *DATE]
    )
    lines = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert len(lines) == 2
    assert lines[0].startswith("[1/2] AIA Anguilla: built")


def test_parallel_build_gives_the_same_bytes(tmp_path: Path) -> None:
    codes = ("AIA", "ATG", "JAM")
    one, two = tmp_path / "one", tmp_path / "two"
    assert _build(one, *codes, "--jobs", "1").exit_code == 0
    result = _build(two, *codes, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert _summary(result)["jobs"] == 2
    workers = {d["worker"] for d in _summary(result)["documents"]}  # type: ignore[union-attr]
    assert len(workers) >= 1
    for code in codes:
        name = f"{code}/{code}-strategy.html"
        assert (one / name).read_bytes() == (two / name).read_bytes()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_interruption_keeps_finished_outputs_and_no_partial_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    def interrupt(target: Path) -> None:
        # Ctrl-C arrives while JAM's temporary file is complete but not yet renamed.
        if target.name.startswith("JAM"):
            raise KeyboardInterrupt

    # Forked workers inherit the patched hook, so this also runs inside a worker.
    monkeypatch.setattr(commit_mod, "_before_rename", interrupt)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", "AIA", "JAM", "--jobs", jobs, "--output-dir", str(out), *DATE]
    )
    assert result.exit_code == 130, result.output
    assert "interrupted" in result.stderr and "Traceback" not in result.output
    assert not _tmp_files(out)
    assert not (out / "JAM" / "JAM-strategy.html").exists()
    assert not (out / "JAM" / "manifest.json").exists()
    if jobs == "1":  # in order: AIA finished before JAM started
        assert (out / "AIA" / "AIA-strategy.html").is_file()
    # Whatever finished is whole: each manifest vouches for outputs that are in place.
    for manifest in out.rglob("manifest.json"):
        data = json.loads(manifest.read_text())
        for entry in data["outputs"]:
            assert (manifest.parent / entry["file"]).stat().st_size == entry["bytes"]


def test_pdf_and_html_in_one_build(tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    out = tmp_path / "out"
    result = _build(out, "AIA", "--format", "html,pdf", "--jobs", "1")
    assert result.exit_code == 0, result.output
    (doc,) = _summary(result)["documents"]  # type: ignore[misc]
    assert doc["formats"] == ["html", "pdf"] and doc["pages"] > 10
    manifest = json.loads((out / "AIA" / "manifest.json").read_text())
    assert [e["format"] for e in manifest["outputs"]] == ["html", "pdf"]
    assert "weasyprint" in manifest["versions"] and manifest["pages"] == doc["pages"]
    assert (out / "AIA" / "AIA-strategy.pdf").read_bytes().startswith(b"%PDF-")
    assert _status(_build(out, "AIA", "--format", "html,pdf")) == {"AIA": "skipped"}
