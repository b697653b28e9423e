"""Nothing lost, nothing mixed, nothing left running (issue 11, items 5-10 and 16).

Workers die with their parent and write nothing after; a document's files change together
or not at all; a killed build's leftovers are cleaned by the next one; two builds of one
document never interleave; one country twice in a batch is refused; Ctrl-C stops at once
when workers are idle; filesystem errors name the path and the operation.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import strategygen.build.commit as commit_mod
from strategygen.build.batch import run_batch
from strategygen.build.commit import JOURNAL_NAME, document_lock, recover
from strategygen.build.document import BuildJob
from strategygen.build.plan import resolve_plan
from strategygen.cli import cli
from strategygen.inputs.tailoring import Tailoring
from strategygen.resources import shipped_dir

DATE = ("--date", "2025-06-01")
PROFILES = shipped_dir("country_profiles")
ROOT = Path(__file__).resolve().parent.parent
# A section template that keeps a worker busy for a few seconds (the sandbox's range cap
# allows 100,000; nested loops multiply), so a test can act while documents are building.
SLOW = "{% for i in range(100000) %}{% for j in range(SPIN) %}{% endfor %}{% endfor %}\n"


def _slow_templates(root: Path, spin: int) -> Path:
    folder = root / "slow"
    (folder / "sections").mkdir(parents=True)
    (folder / "sections" / "risks.html").write_text(SLOW.replace("SPIN", str(spin)))
    return folder


def _children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (read from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            # The command name is in parentheses and may contain spaces.
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _files(root: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in root.rglob("*") if p.is_file()}


def _build(out: Path, *args: str) -> object:
    return CliRunner().invoke(cli, ["build", *args, "--output-dir", str(out), *DATE])


def _default_interrupt() -> None:
    # As a terminal starts a command: SIGINT at its default. A test run started as a
    # background job (nohup ... &) has SIGINT ignored, the child would inherit that, and
    # Python then never raises KeyboardInterrupt: the Ctrl-C test hung in such CI runs.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _cli(*args: str, **popen: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "strategygen", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_default_interrupt,
        **popen,  # type: ignore[call-overload]
    )


# --- 5. workers die with their parent --------------------------------------------------


def test_workers_die_with_a_killed_parent_and_write_nothing_after(tmp_path: Path) -> None:
    slow = _slow_templates(tmp_path, 300)
    out = tmp_path / "out"
    process = _cli(
        "build", "JAM", "AIA", "ATG", "BHS", "--jobs", "2", "--templates", str(slow),
        "--output-dir", str(out), *DATE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
            workers = [w for w in _children(process.pid) if _running(w)]
        assert len(workers) >= 2, "the workers did not start"
        time.sleep(1.0)  # they are now rendering the slow template
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
        killed_at = time.monotonic()
        while any(_running(w) for w in workers) and time.monotonic() - killed_at < 10:
            time.sleep(0.05)
        gone_after = time.monotonic() - killed_at
        assert not any(_running(w) for w in workers), "orphaned workers are still running"
        assert gone_after < 3.0, f"workers took {gone_after:.1f} s to stop"
        before = _files(out) if out.exists() else {}
        time.sleep(2.0)
        assert (_files(out) if out.exists() else {}) == before, "a worker wrote after its batch"
        assert not [p for p in before if p.endswith((".tmp", ".old"))]
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()


# --- 6. a document's files change together, or not at all -------------------------------


def test_a_failed_write_keeps_the_previous_outputs_and_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert _build(out, "JAM", "--jobs", "1").exit_code == 0  # type: ignore[attr-defined]
    before = {p.name: p.read_bytes() for p in (out / "JAM").iterdir()}
    real = commit_mod._write_temp

    def full_disk(folder: Path, output: commit_mod.Output) -> Path:
        # The HTML is staged, then the manifest hits the file-size limit.
        if output.name == "manifest.json":
            raise OSError(errno.EFBIG, "File too large", str(folder / output.name))
        return real(folder, output)

    monkeypatch.setattr(commit_mod, "_write_temp", full_disk)
    result = _build(out, "JAM", "--jobs", "1", "--title", "Changed {country}")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "cannot write" in result.stderr and "manifest.json" in result.stderr  # type: ignore[attr-defined]
    assert "the previous files are unchanged" in result.stderr  # type: ignore[attr-defined]
    after = {p.name: p.read_bytes() for p in (out / "JAM").iterdir()}
    assert after == before, "the HTML changed without its manifest"
    manifest = json.loads(after["manifest.json"])
    for entry in manifest["outputs"]:
        assert len(after[entry["file"]]) == entry["bytes"]


def test_the_file_size_limit_fails_the_document_cleanly(tmp_path: Path) -> None:
    import resource

    out = tmp_path / "out"
    assert _build(out, "AIA", "--jobs", "1").exit_code == 0  # type: ignore[attr-defined]
    before = {p.name: p.read_bytes() for p in (out / "AIA").iterdir()}

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))

    result = subprocess.run(
        [sys.executable, "-m", "strategygen", "build", "AIA", "--force", "--jobs", "1",
         "--output-dir", str(out), *DATE],
        capture_output=True, text=True, timeout=120, preexec_fn=limit, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "AIA-strategy.html" in result.stderr and "larger than this process may write" in (
        result.stderr
    )
    assert {p.name: p.read_bytes() for p in (out / "AIA").iterdir()} == before


# --- 7. a killed commit is rolled back, and its leftovers removed ------------------------


def test_kill_during_the_renames_is_rolled_back_by_the_next_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _build(out, "AIA", "--jobs", "1").exit_code == 0  # type: ignore[attr-defined]
    folder = out / "AIA"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    script = (
        "import os, signal, sys\n"
        "import strategygen.build.commit as c\n"
        "def hook(target):\n"
        "    if target.name == 'manifest.json':\n"  # the HTML is renamed, the manifest not yet
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "c._before_rename = hook\n"
        "from strategygen.cli import main\n"
        "sys.argv = ['strategygen', 'build', 'AIA', '--force', '--jobs', '1', '--title',"
        " 'Other {country}', '--output-dir', sys.argv[1], '--date', '2025-06-01']\n"
        "main()\n"
    )
    killed = subprocess.run(
        [sys.executable, "-c", script, str(out)], capture_output=True, timeout=120, check=False
    )
    assert killed.returncode == -signal.SIGKILL
    # Mixed on disk: the new HTML, the old manifest, the journal and the kept copies.
    assert (folder / JOURNAL_NAME).exists()
    assert (folder / "AIA-strategy.html").read_bytes() != before["AIA-strategy.html"]
    (folder / ".AIA-strategy.pdf.x1y2z3.tmp").write_bytes(b"left by a killed build")
    (folder / ".notes.abcdef.tmp").write_bytes(b"not ours")
    done = recover(folder, "AIA")
    assert "rolled back an interrupted commit" in done
    remaining = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert remaining == {**before, ".notes.abcdef.tmp": b"not ours"}


def test_next_build_removes_stale_temporaries_of_its_own_naming(tmp_path: Path) -> None:
    out = tmp_path / "out"
    folder = out / "JAM"
    folder.mkdir(parents=True)
    stale = [
        ".JAM-strategy.html.k2j3h4.tmp",
        ".manifest.json.abc123.tmp",
        ".JAM-strategy.pdf.q1w2e3.old",
    ]
    for name in stale:
        (folder / name).write_bytes(b"stale")
    (folder / ".other.tmp").write_bytes(b"someone else's")
    assert _build(out, "JAM", "--jobs", "1").exit_code == 0  # type: ignore[attr-defined]
    names = sorted(p.name for p in folder.iterdir())
    assert names == [".other.tmp", "JAM-strategy.html", "manifest.json"]


# --- 8. one build at a time per document ---------------------------------------------------


def test_a_second_build_of_the_same_document_is_refused_clearly(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with document_lock(out / "JAM"):
        result = _build(out, "JAM", "AIA", "--jobs", "1")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "another build is writing this document right now" in result.stderr  # type: ignore[attr-defined]
    assert str(out / "JAM") in result.stderr  # type: ignore[attr-defined]
    assert not (out / "JAM" / "JAM-strategy.html").exists()
    assert (out / "AIA" / "AIA-strategy.html").is_file()  # other documents still build


def test_concurrent_builds_into_one_folder_never_mix(tmp_path: Path) -> None:
    out = tmp_path / "out"
    slow = _slow_templates(tmp_path, 30)
    one = _cli(
        "build", "JAM", "--jobs", "1", "--templates", str(slow), "--output-dir", str(out), *DATE
    )
    time.sleep(0.5)
    two = _cli(
        "build", "JAM", "--jobs", "1", "--title", "B {country}", "--output-dir", str(out), *DATE
    )
    results = [p.communicate(timeout=180) for p in (one, two)]
    codes = sorted(p.returncode for p in (one, two))
    assert 0 in codes, results
    if codes == [0, 1]:
        assert "another build is writing this document" in "".join(r[1] for r in results)
    manifest = json.loads((out / "JAM" / "manifest.json").read_text())
    html = (out / "JAM" / "JAM-strategy.html").read_bytes()
    import hashlib

    assert manifest["outputs"][0]["sha256"] == hashlib.sha256(html).hexdigest()


# --- 9. one country twice in a batch -----------------------------------------------------


def test_the_same_country_twice_is_refused_naming_both_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(PROFILES / "JAM.yaml", tmp_path / "a" / "JAM.yaml")
    shutil.copy(PROFILES / "JAM.yaml", tmp_path / "b" / "jamaica.yaml")
    out = tmp_path / "out"
    plan = resolve_plan(Tailoring(), formats=("html",))
    jobs = [
        BuildJob(tmp_path / "a" / "JAM.yaml", "a/JAM.yaml"),
        BuildJob(tmp_path / "b" / "jamaica.yaml", "b/jamaica.yaml"),
        BuildJob(PROFILES / "AIA.yaml", "AIA.yaml"),
    ]
    outcome = run_batch(jobs, plan, out, workers=1)
    first, second, other = outcome.results
    assert (first.status, second.status, other.status) == ("failed", "failed", "built")
    for result in (first, second):
        assert result.error is not None
        assert "2 profiles in this build are for JAM (a/JAM.yaml, b/jamaica.yaml)" in result.error
    assert not (out / "JAM").exists()


# --- 10. Ctrl-C stops at once when workers are idle --------------------------------------


def test_ctrl_c_with_idle_workers_stops_within_a_second(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("X1", "X2"):
        (broken / f"{name}.yaml").write_text("identity: {name: x}\n")
    # Minutes of work (the 60 s render limit stops it): far longer than the test waits.
    slow = _slow_templates(tmp_path, 60000)
    process = _cli(
        "build", str(broken / "X1.yaml"), str(broken / "X2.yaml"), "JAM", "--jobs", "3",
        "--templates", str(slow), "--output-dir", str(tmp_path / "out"), *DATE,
    )  # fmt: skip
    try:
        assert process.stderr is not None
        failures = 0
        while failures < 2:
            line = process.stderr.readline()
            assert line, "the build ended early"
            failures += ": failed" in line
        time.sleep(1.0)  # two workers are idle, one is rendering the slow template
        workers = _children(process.pid)
        start = time.monotonic()
        os.kill(process.pid, signal.SIGINT)
        process.wait(30)
        stopped = time.monotonic() - start
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()
    assert process.returncode == 130
    assert stopped < 1.5, f"stopping took {stopped:.1f} s"
    assert not any(_running(w) for w in workers)


# --- 16. filesystem errors name the path and the operation --------------------------------


def test_output_folder_that_is_a_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("a file")

    def build(target: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "strategygen", "build", "AIA", "--output-dir", str(target)],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip

    # The option itself refuses a file (click names it); a file further up is named here.
    direct = build(tmp_path / "out")
    assert direct.returncode == 2
    assert f"Directory '{tmp_path / 'out'}' is a file" in direct.stderr
    nested = build(tmp_path / "out" / "sub")
    assert nested.returncode == 1
    sub, out = tmp_path / "out" / "sub", tmp_path / "out"
    assert nested.stderr.strip() == f"Error: cannot create output folder {sub}: {out} is a file"


def test_new_profile_under_a_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("a file")
    result = subprocess.run(
        [sys.executable, "-m", "strategygen", "new", "JAM", "--out", "afile/JAM.yaml"],
        capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: cannot create folder afile: afile is a file"
    assert "Traceback" not in result.stderr


def test_region_overview_files_change_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from strategygen.build.region import build_region, group_for

    out = tmp_path / "out"
    plan = resolve_plan(Tailoring(), formats=("html", "pdf"))
    group = group_for("JAM,TTO")
    folder = out / "regions" / group.key
    folder.mkdir(parents=True)
    (folder / f"{group.key}-overview.html").write_text("old html")
    (folder / f"{group.key}-overview.pdf").write_bytes(b"old pdf")
    (folder / f".{group.key}-overview.pdf.abc123.tmp").write_bytes(b"left by a killed build")
    real = commit_mod._write_temp

    def pdf_too_big(target: Path, output: commit_mod.Output) -> Path:
        if output.name.endswith(".pdf"):
            raise OSError(errno.EFBIG, "File too large", str(target / output.name))
        return real(target, output)

    monkeypatch.setattr(commit_mod, "_write_temp", pdf_too_big)
    result = build_region(group, plan, out)
    assert result.status == "failed" and result.error is not None
    assert "cannot write" in result.error and "overview.pdf" in result.error
    # Neither file changed, and the killed build's temporary is gone.
    assert sorted(p.name for p in folder.iterdir()) == [
        f"{group.key}-overview.html",
        f"{group.key}-overview.pdf",
    ]
    assert (folder / f"{group.key}-overview.html").read_text() == "old html"
