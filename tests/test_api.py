"""The public Python API, the build plan resolved once, and the build's environment checks."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

import strategygen
from strategygen.build.batch import run_batch
from strategygen.build.document import BuildJob
from strategygen.build.plan import resolve_build_date, resolve_plan
from strategygen.errors import StrategygenError, UsageError
from strategygen.inputs.tailoring import Tailoring
from strategygen.resources import shipped_dir

ROOT = Path(__file__).resolve().parent.parent
DATE = dt.date(2025, 6, 1)
PROFILES = shipped_dir("country_profiles")


def _cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "strategygen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, **(env or {})},
    )


# --- the README's example ----------------------------------------------------------------


def _readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "the Python API section should hold one complete example"
    return str(blocks[0])


def test_readme_python_example_runs_as_written(tmp_path: Path) -> None:
    script = tmp_path / "example.py"
    script.write_text(_readme_example(), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Jamaica" in result.stdout
    assert re.search(r"^\d+ pages, \d+ WeasyPrint warnings$", result.stdout, re.M)
    assert re.search(r"^AIA built \['AIA-strategy.html'\]$", result.stdout, re.M)
    assert (tmp_path / "JAM-strategy.pdf").read_bytes().startswith(b"%PDF-")
    html = (tmp_path / "JAM-strategy.html").read_text(encoding="utf-8")
    assert 'id="sec-roadmap"' in html and 'id="sec-vision"' not in html
    assert (tmp_path / "output" / "ATG" / "manifest.json").is_file()


# --- loading -----------------------------------------------------------------------------


def test_load_profile_by_str_path_path_or_code() -> None:
    by_code = strategygen.load_profile("JAM")
    assert strategygen.load_profile("jam") == by_code
    assert strategygen.load_profile(str(PROFILES / "JAM.yaml")) == by_code
    assert strategygen.load_profile(PROFILES / "JAM.yaml") == by_code
    with pytest.raises(UsageError, match="neither a profile file nor a shipped profile code"):
        strategygen.load_profile("XXQ")


def test_load_theme_and_project_take_str_paths(tmp_path: Path) -> None:
    theme = strategygen.load_theme(str(ROOT / "examples" / "theme" / "theme.yaml"))
    assert theme.logo_data_uri is not None
    from strategygen.inputs.loader import load_profile
    from strategygen.inputs.theme import load_theme

    assert load_theme(str(ROOT / "examples" / "theme" / "theme.yaml")) == theme
    assert load_profile(str(PROFILES / "AIA.yaml")).code == "AIA"


def test_import_and_help_stay_light() -> None:
    code = (
        "import sys, strategygen; "
        "heavy = [m for m in ('pydantic', 'jinja2', 'weasyprint', 'yaml') if m in sys.modules]; "
        "print(heavy); assert strategygen.__all__"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    code = (
        "import sys\nfrom strategygen.cli import main\nsys.argv = ['strategygen', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print([m for m in ('pydantic', 'jinja2', 'weasyprint') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_every_public_name_resolves() -> None:
    for name in strategygen.__all__:
        assert getattr(strategygen, name) is not None, name
    with pytest.raises(AttributeError):
        _ = strategygen.no_such_name  # type: ignore[attr-defined]


# --- one plan, read once -----------------------------------------------------------------


def _count_reads(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Log every theme and rule file read, from this process and any forked worker."""
    import strategygen.assess.rules.loading as loading
    import strategygen.inputs.theme as theme

    for module in (loading, theme):
        original = module.read_yaml_file

        def logged(path: Path, *args: object, _original=original, **kw: object) -> object:  # type: ignore[no-untyped-def]
            with log.open("a", encoding="utf-8") as fh:
                fh.write(f"{Path(path).name}\n")
            return _original(path, *args, **kw)

        monkeypatch.setattr(module, "read_yaml_file", logged)


@pytest.mark.parametrize("workers", [1, 2])
def test_theme_and_rules_are_read_once_per_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    rules = tmp_path / f"rules-{workers}"
    rules.mkdir()
    (rules / "none.yaml").write_text(f"# batch with {workers} workers\nrules: []\n")
    theme = tmp_path / "theme.yaml"
    theme.write_text("issuing_body: Counting Body\n", encoding="utf-8")
    log = tmp_path / "reads.log"
    _count_reads(monkeypatch, log)
    plan = resolve_plan(Tailoring(theme=theme, rules=(rules,)), build_date=DATE, force=True)
    jobs = [BuildJob(PROFILES / f"{c}.yaml", c) for c in ("AIA", "ATG", "BHS", "BLZ")]
    outcome = run_batch(jobs, plan, tmp_path / "out", workers=workers)
    assert [r.status for r in outcome.results] == ["built"] * 4
    reads = log.read_text(encoding="utf-8").split()
    shipped = sorted(p.name for p in shipped_dir("rules").glob("*.yaml"))
    assert sorted(reads) == sorted(["theme.yaml", "none.yaml", *shipped])
    html = (tmp_path / "out" / "BLZ" / "BLZ-strategy.html").read_text(encoding="utf-8")
    assert "Counting Body" in html


def test_the_plan_is_frozen_and_picklable() -> None:
    plan = resolve_plan(Tailoring(sections=("vision",)), build_date=DATE)
    again = pickle.loads(pickle.dumps(plan))
    assert again == plan and again.rules and again.sections == ("vision",)
    with pytest.raises(AttributeError):
        plan.build_date = DATE  # type: ignore[misc]


# --- the build date ----------------------------------------------------------------------


def test_build_date_has_one_source(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    assert resolve_build_date() == dt.date(2025, 1, 1)
    assert resolve_build_date(DATE) == DATE
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert resolve_build_date() == dt.date.today()


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_bad_source_date_epoch_is_an_error_for_html_and_pdf(tmp_path: Path, fmt: str) -> None:
    for dated in ((), ("--date", DATE.isoformat())):
        result = _cli(
            "build",
            "AIA",
            "--format",
            fmt,
            "--output-dir",
            "out",
            *dated,
            cwd=tmp_path,
            env={"SOURCE_DATE_EPOCH": "yesterday"},
        )
        assert result.returncode == 1, result.stderr
        assert result.stderr.strip() == (
            "Error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 "
            "(got 'yesterday')"
        )
        assert not (tmp_path / "out").exists()


def test_bad_source_date_epoch_is_an_error_in_the_api(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "12.5")
    with pytest.raises(StrategygenError, match="SOURCE_DATE_EPOCH"):
        strategygen.render_html("AIA")
    with pytest.raises(StrategygenError, match="SOURCE_DATE_EPOCH"):
        strategygen.render_pdf("AIA", "never.pdf")


# --- PDF: WeasyPrint's libraries and the theme's fonts and paper --------------------------

_NO_PANGO = """\
import sys
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec


class NoPango(MetaPathFinder, Loader):
    # What WeasyPrint's import does where Pango is not installed: the package is found,
    # and running it fails when cffi cannot open the library.
    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint" or name.startswith("weasyprint."):
            return ModuleSpec(name, self)
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: "
                      "cannot open shared object file: No such file or directory")


sys.meta_path.insert(0, NoPango())
from strategygen.cli import main
sys.argv = ["strategygen", *sys.argv[1:]]
main()
"""


def test_missing_pango_is_one_clear_line(tmp_path: Path) -> None:
    script = tmp_path / "no_pango.py"
    script.write_text(_NO_PANGO, encoding="utf-8")
    args = ["build", "AIA", "--format", "pdf", "--output-dir", "out", "--date", "2025-06-01"]
    result = subprocess.run(
        [sys.executable, str(script), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0" in lines[0]
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "AIA").exists()


def test_a_theme_font_that_is_not_installed_warns_or_fails_under_strict(tmp_path: Path) -> None:
    from strategygen.render.fonts import font_installed

    assert font_installed("Noto Serif") is True
    assert font_installed("Nonexistent Typeface Zq") is False
    (tmp_path / "theme.yaml").write_text(
        "issuing_body: Body\nfonts:\n  body: Nonexistent Typeface Zq\n", encoding="utf-8"
    )
    args = ("build", "AIA", "--theme", "theme.yaml", "--output-dir", "out", "-q")
    warned = _cli(*args, "--date", "2025-06-01", cwd=tmp_path)
    assert warned.returncode == 0, warned.stderr
    assert (
        "warning: theme fonts.body: font 'Nonexistent Typeface Zq' is not installed"
        in warned.stderr
    )
    failed = _cli(*args, "--strict", "--output-dir", "strict-out", cwd=tmp_path)
    assert failed.returncode == 1
    assert "font 'Nonexistent Typeface Zq' is not installed" in failed.stderr
    assert not (tmp_path / "strict-out").exists()
    # The shipped example theme names installed fonts: no warning.
    example = resolve_plan(Tailoring(theme=ROOT / "examples" / "theme" / "theme.yaml"))
    assert example.warnings == ()


def test_write_pdf_honours_the_theme_paper_without_a_metadata_object(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from strategygen.inputs.theme import load_theme
    from strategygen.render.pdf import write_pdf

    (tmp_path / "theme.yaml").write_text("issuing_body: Body\npaper: letter\n", encoding="utf-8")
    theme = load_theme(tmp_path / "theme.yaml")
    html = strategygen.render_html("AIA", Tailoring(sections=("vision",)), build_date=DATE)
    result = write_pdf(html, str(tmp_path / "letter.pdf"), theme=theme)
    reader = PdfReader(tmp_path / "letter.pdf")
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert result.pages == len(reader.pages)
    assert reader.metadata is not None and "Anguilla" in (reader.metadata.title or "")


# --- the compiled-template cache ---------------------------------------------------------


def test_compiled_templates_are_cached_and_edits_invalidate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from strategygen.render.environment import bytecode_cache, make_environment

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    over = tmp_path / "over"
    over.mkdir()
    (over / "note.html").write_text("first {{ 1 + 1 }}\n", encoding="utf-8")
    assert make_environment([over]).get_template("note.html").render() == "first 2\n"
    cached = list((tmp_path / "cache" / "strategygen").rglob("*.cache"))
    assert cached, "no compiled template was written to the cache"
    (over / "note.html").write_text("second {{ 2 + 2 }}\n", encoding="utf-8")
    assert make_environment([over]).get_template("note.html").render() == "second 4\n"
    # A cache folder that cannot be made or trusted is skipped, never an error.
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    assert bytecode_cache() is None
    assert make_environment([over]).get_template("note.html").render() == "second 4\n"
    shared = tmp_path / "shared"
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    assert bytecode_cache() is not None
    for folder in (shared / "strategygen").iterdir():
        folder.chmod(0o777)
    assert bytecode_cache() is None


# --- output text -------------------------------------------------------------------------


def test_no_literal_none_in_any_shipped_document(tmp_path: Path) -> None:
    plan = resolve_plan(build_date=DATE, force=True)
    jobs = [BuildJob(path, path.name) for path in sorted(PROFILES.glob("*.yaml"))]
    outcome = run_batch(jobs, plan, tmp_path, workers=1)
    assert len(outcome.results) == 29 and all(r.status == "built" for r in outcome.results)
    for result in outcome.results:
        html = result.outputs[0].read_text(encoding="utf-8")
        assert not re.search(r"\bNone\b", html), f"{result.code}: literal None in the HTML"
