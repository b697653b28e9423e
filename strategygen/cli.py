"""The command-line interface: a thin click layer; the only module that prints or exits."""

from __future__ import annotations

import glob
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from strategygen import __version__
from strategygen.errors import ProfileError, StrategygenError
from strategygen.resources import shipped_dir


def shipped_profiles() -> list[Path]:
    """Return the shipped profile files, sorted by name."""
    return sorted(shipped_dir("country_profiles").glob("*.yaml"))


def expand_inputs(items: Iterable[str]) -> list[Path]:
    """Turn files, folders and glob patterns into a sorted list of profile paths.

    Raises:
        click.UsageError: If an item matches nothing.

    """
    found: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            in_dir = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
            if not in_dir:
                raise click.UsageError(f"no profile (*.yaml) in folder {item!r}")
            found.extend(in_dir)
        elif path.exists():
            found.append(path)
        elif any(ch in item for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(item) if Path(m).is_file())
            if not matches:
                raise click.UsageError(f"no file matches {item!r}")
            found.extend(matches)
        else:
            by_code = shipped_dir("country_profiles") / f"{item.upper()}.yaml"
            if by_code.exists():
                found.append(by_code)
            else:
                raise click.UsageError(
                    f"{item!r} is neither a file nor a shipped profile code; "
                    "run 'strategygen list' to see the codes"
                )
    return list(dict.fromkeys(found))


def display_path(path: Path) -> str:
    """Name a file as the user would: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="strategygen")
def cli() -> None:
    """Turn country profiles into draft national AI strategies (HTML and PDF)."""


@cli.command("validate")
@click.argument("paths", nargs=-1)
def validate_cmd(paths: tuple[str, ...]) -> None:
    """Check profiles and print every problem as file:line:col: field: message.

    PATHS are files, folders, glob patterns or shipped profile codes; the default is
    every shipped profile. Exits 1 if any problem is found.
    """
    from strategygen.inputs.loader import load_profile

    files = expand_inputs(paths) if paths else shipped_profiles()
    bad = problems = 0
    for path in files:
        try:
            load_profile(path, display_path(path))
        except ProfileError as exc:
            bad += 1
            problems += len(exc.problems)
            for problem in exc.problems:
                click.echo(str(problem), err=False)
    noun = "profile" if len(files) == 1 else "profiles"
    if bad:
        click.echo(
            f"{len(files)} {noun} checked: {len(files) - bad} valid, {bad} invalid "
            f"({problems} problem{'s' if problems != 1 else ''})"
        )
        sys.exit(1)
    click.echo(f"{len(files)} {noun} checked: all valid")


@cli.command("list")
@click.argument("paths", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the table as JSON.")
def list_cmd(paths: tuple[str, ...], as_json: bool) -> None:
    """Show the profiles: code, country, CDCC status, readiness and completeness."""
    from strategygen.assess.facts import completeness
    from strategygen.inputs.loader import load_profile

    files = expand_inputs(paths) if paths else shipped_profiles()
    rows: list[dict[str, object]] = []
    failed = 0
    for path in files:
        try:
            profile = load_profile(path, display_path(path))
        except ProfileError as exc:
            failed += 1
            count = len(exc.problems)
            click.echo(
                f"{display_path(path)}: invalid ({count} problem{'s' if count != 1 else ''}; "
                f"run 'strategygen validate {display_path(path)}')",
                err=True,
            )
            continue
        r = profile.readiness
        rows.append(
            {
                "code": profile.code,
                "country": profile.identity.name,
                "status": profile.identity.cdcc_status,
                "readiness": r.total,
                "rank": f"{r.rank}/{r.ranked_countries}" if r.rank else None,
                "completeness": round(completeness(profile) * 100),
            }
        )
    if as_json:
        click.echo(json.dumps(rows, indent=2))
    else:
        header = (
            f"{'code':<5} {'country':<34} {'status':<17} "
            f"{'readiness':>9} {'rank':>8} {'complete':>8}"
        )
        click.echo(header)
        click.echo("-" * len(header))
        for row in rows:
            score = f"{row['readiness']:.2f}" if row["readiness"] is not None else "n/a"
            click.echo(
                f"{row['code']:<5} {row['country']!s:<34} {row['status']!s:<17} "
                f"{score:>9} {row['rank'] or 'n/a':>8} {row['completeness']!s:>7}%"
            )
    if failed:
        sys.exit(1)


@cli.command("new")
@click.argument("code", required=False)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the profile (default: <CODE>.yaml in the current folder).",
)
@click.option("--list", "list_codes", is_flag=True, help="List the codes that can be scaffolded.")
def new_cmd(code: str | None, out: Path | None, list_codes: bool) -> None:
    """Write a starting profile for CODE (ISO alpha-3), prefilled from the bundled data.

    Works for the 193 countries of the Government AI Readiness Index and the CDCC
    territories. Facts the data cannot supply are left as commented data gaps.
    Refuses to overwrite an existing file.
    """
    from strategygen.assess.scaffold import known_codes, write_scaffold

    if list_codes:
        click.echo(" ".join(known_codes()))
        return
    if not code:
        raise click.UsageError("give a country code, for example 'strategygen new JAM'")
    target = out or Path(f"{code.upper()}.yaml")
    write_scaffold(code, target)
    click.echo(
        f"wrote {display_path(target)}; fill the commented gaps, then run "
        f"'strategygen validate {display_path(target)}'"
    )


def _parse_formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    """Turn ``--format html,pdf`` (or ``all``) into the formats, in a fixed order."""
    from strategygen.build.batch import FORMATS

    asked = {part.strip().lower() for part in value.split(",") if part.strip()}
    if "all" in asked:
        asked = set(FORMATS)
    unknown = sorted(asked - set(FORMATS))
    if unknown or not asked:
        raise click.BadParameter(
            f"unknown format {', '.join(unknown) or repr(value)}; use html, pdf, "
            "a comma list of them, or all"
        )
    return tuple(f for f in FORMATS if f in asked)


class _Progress:
    """Reports each finished document on stderr: a bar on a terminal, plain lines otherwise."""

    def __init__(self, total: int, *, enabled: bool, verbose: bool) -> None:
        self.total = total
        self.enabled = enabled and total > 0
        self.verbose = verbose
        self.tty = self.enabled and sys.stderr.isatty()
        self._width = 0

    def __call__(
        self, event: str, result: object, done: int, total: int, running: list[str]
    ) -> None:
        """Show one batch event: a document started or finished."""
        from strategygen.build.batch import DocResult

        if not self.enabled:
            return
        if self.tty:
            self._draw(done, running)
            if isinstance(result, DocResult) and result.status == "failed":
                self._clear()
                click.echo(f"failed: {_label(result)}", err=True)
                self._draw(done, running)
            return
        if event == "done" and isinstance(result, DocResult):
            width = len(str(total))
            line = f"[{done:>{width}}/{total}] {_label(result)}: {result.status}"
            if result.status in ("built", "failed"):
                line += f" ({result.seconds:.2f} s)"
            click.echo(line, err=True)
            if self.verbose:
                for output in result.outputs:
                    click.echo(f"  {display_path(output)}", err=True)
                for warning in result.warnings:
                    click.echo(f"  WeasyPrint {warning}", err=True)

    def _draw(self, done: int, running: list[str]) -> None:
        import shutil

        columns = shutil.get_terminal_size((80, 20)).columns
        width = max(10, min(30, columns - 40))
        filled = int(width * done / self.total) if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        # Before a profile loads only its file is known; its stem is the code for shipped
        # and scaffolded profiles, short enough to fit the line.
        now = "building " + ", ".join(Path(r).stem for r in running) if running else ""
        text = f"[{bar}] {done}/{self.total} {now}"[: columns - 1]
        sys.stderr.write("\r" + text.ljust(self._width))
        sys.stderr.flush()
        self._width = len(text)

    def _clear(self) -> None:
        if self.tty and self._width:
            sys.stderr.write("\r" + " " * self._width + "\r")
            sys.stderr.flush()
            self._width = 0

    def finish(self) -> None:
        """Remove the bar before the summary is printed."""
        self._clear()


def _label(result: object) -> str:
    """Name a document by code and country when known, else by its profile file."""
    code = getattr(result, "code", None)
    country = getattr(result, "country", None)
    return f"{code} {country}" if code and country else str(getattr(result, "source", "?"))


def _summary_table(results: list[Any]) -> list[str]:
    """Render the end-of-build table: country, formats, pages, time, warnings, status."""
    rows = [
        (
            _label(r),
            ",".join(r.formats) or "-",
            str(r.pages) if r.pages is not None else "-",
            f"{r.seconds:.2f} s" if r.status != "interrupted" else "-",
            str(len(r.warnings)),
            r.status,
        )
        for r in results
    ]
    head = ("country", "formats", "pages", "time", "warnings", "status")
    widths = [max(len(head[i]), *(len(row[i]) for row in rows)) for i in range(len(head))]
    widths[0] = min(widths[0], 40)

    def fmt(row: tuple[str, ...]) -> str:
        # Cut long names at the front: a file path's end (its name) is what tells files apart.
        first = row[0] if len(row[0]) <= widths[0] else "…" + row[0][-(widths[0] - 1) :]
        return (
            f"{first:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:>{widths[2]}}  "
            f"{row[3]:>{widths[3]}}  {row[4]:>{widths[4]}}  {row[5]}"
        )

    lines = [fmt(head), "-" * len(fmt(head))]
    lines += [fmt(row) for row in rows]
    return lines


@cli.command("build")
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "formats",
    default="html",
    show_default=True,
    callback=_parse_formats,
    help="Output formats: html, pdf (print-ready, via WeasyPrint), a comma list (html,pdf) or all.",
)
@click.option(
    "--pdf-variant",
    type=click.Choice(["pdf/a-3b", "pdf/ua-1"]),
    default=None,
    help="PDF/A-3b for archiving or PDF/UA-1 for accessibility (default: a tagged PDF). "
    "WeasyPrint does not certify conformance.",
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default=None,
    help="Paper size of the PDF (default: the theme's, else a4).",
)
@click.option(
    "--watermark/--no-watermark",
    default=None,
    help="Print or leave out the diagonal DRAFT watermark (default: the theme's, else on).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Fail a document when WeasyPrint reports any warning or error.",
)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder that receives <CODE>/<CODE>-strategy.html, .pdf and manifest.json.",
)
@click.option(
    "--date",
    "build_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Build date printed in the document (default: SOURCE_DATE_EPOCH if set, else today).",
)
@click.option(
    "--templates",
    "template_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of override templates, searched before the defaults (repeatable; "
    "earlier folders win). See 'strategygen templates list'.",
)
@click.option(
    "--template-dir",
    "legacy_template_dirs",
    multiple=True,
    hidden=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Old name of --templates.",
)
@click.option(
    "--theme",
    "theme_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Theme file: issuing body, logo, colours, fonts, cover wording, paper, watermark.",
)
@click.option(
    "--project",
    "project_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Project file (default: ./strategygen.toml when it exists).",
)
@click.option(
    "--sections",
    "sections_opt",
    default=None,
    metavar="A,B,C",
    help="Sections to include, in order (comma list of section ids; the cover always comes "
    "first). Overrides the project file.",
)
@click.option(
    "--title",
    "title_opt",
    default=None,
    metavar="PATTERN",
    help="Document title with {country}, {code}, {start} and {end} placeholders.",
)
@click.option(
    "--rules",
    "rule_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of extra rule files (repeatable); a rule with an existing id replaces it.",
)
@click.option(
    "--disable-rule",
    "disabled_rules",
    multiple=True,
    metavar="ID",
    help="Id of a rule that must not fire (repeatable).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Profiles built in parallel worker processes (default: the number of CPU cores).",
)
@click.option("--force", is_flag=True, help="Rebuild even the outputs that are up to date.")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures.")
@click.option("-v", "--verbose", is_flag=True, help="Also list each file written and warnings.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print a machine-readable summary on stdout (progress stays on stderr).",
)
def build_cmd(
    paths: tuple[str, ...],
    formats: tuple[str, ...],
    output_dir: Path,
    build_date: object,
    template_dirs: tuple[Path, ...],
    legacy_template_dirs: tuple[Path, ...],
    theme_file: Path | None,
    project_file: Path | None,
    sections_opt: str | None,
    title_opt: str | None,
    rule_dirs: tuple[Path, ...],
    disabled_rules: tuple[str, ...],
    pdf_variant: str | None,
    paper: str | None,
    watermark: bool | None,
    strict: bool,
    jobs: int | None,
    force: bool,
    quiet: bool,
    verbose: bool,
    as_json: bool,
) -> None:
    """Build the draft strategy for each profile (default: every shipped profile).

    PATHS are files, folders, glob patterns or shipped profile codes. Profiles are built
    in parallel; outputs whose inputs have not changed since the last build (see
    <CODE>/manifest.json) are skipped unless --force. A profile that fails is reported
    and the others are still built. Exits 1 if any failed, 130 if interrupted.
    """
    import datetime as dt
    import os
    import signal

    from strategygen.build.batch import BuildJob, BuildOptions, default_build_date, run_batch
    from strategygen.inputs.project import resolve_tailoring
    from strategygen.render.pdf import PdfOptions

    date = build_date.date() if isinstance(build_date, dt.datetime) else default_build_date()
    files = expand_inputs(paths) if paths else shipped_profiles()
    # Every tailoring input is checked here, once, before any document is built: a bad
    # theme, project file, section name or rule id stops the build with nothing written.
    tailoring = resolve_tailoring(
        project_file=project_file,
        template_dirs=(*template_dirs, *legacy_template_dirs),
        theme_file=theme_file,
        sections=sections_opt,
        title=title_opt,
        rule_dirs=rule_dirs,
        disabled_rules=disabled_rules,
    )
    theme = tailoring.loaded_theme.theme if tailoring.loaded_theme else None
    options = BuildOptions(
        build_date=date,
        formats=formats,
        template_dirs=tailoring.template_dirs,
        pdf=PdfOptions(
            variant=pdf_variant,
            paper=paper or (theme.paper if theme else "a4"),
            watermark=watermark if watermark is not None else (theme.watermark if theme else True),
            strict=strict,
        ),
        force=force,
        theme=tailoring.theme,
        rule_dirs=tailoring.rule_dirs,
        disabled_rules=tailoring.disabled_rules,
        sections=tailoring.sections,
        title=tailoring.title,
        horizon=tailoring.horizon,
        project=tailoring.project,
    )
    progress = _Progress(len(files), enabled=not quiet, verbose=verbose)

    def on_sigterm(signum: int, frame: object) -> None:
        # Treat `kill` like Ctrl-C: stop the workers and keep what is finished.
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        outcome = run_batch(
            [BuildJob(path, display_path(path)) for path in files],
            options,
            output_dir,
            workers=jobs or os.cpu_count() or 1,
            progress=progress,
        )
    finally:
        signal.signal(signal.SIGTERM, previous)
        progress.finish()
    results = outcome.results
    counts = {s: sum(r.status == s for r in results) for s in ("built", "skipped", "failed")}
    stopped = sum(r.status == "interrupted" for r in results)
    if as_json:
        payload = {
            "strategygen": __version__,
            "output_dir": str(output_dir),
            "formats": list(formats),
            "jobs": outcome.workers,
            "seconds": round(outcome.seconds, 4),
            "interrupted": outcome.interrupted,
            "counts": {**counts, "interrupted": stopped},
            "documents": [r.to_json() for r in results],
        }
        click.echo(json.dumps(payload, indent=2))
    elif not quiet:
        for line in _summary_table(results):
            click.echo(line)
    failed = [r for r in results if r.status == "failed"]
    for result in failed:
        # The located error (file:line:col: field: message) says what to fix.
        click.echo(f"failed: {result.error}", err=True)
    # Plain progress already listed each document's warnings under it.
    if verbose and (progress.tty or not progress.enabled):
        for result in results:
            for warning in result.warnings:
                click.echo(f"{result.source}: WeasyPrint {warning}", err=True)
    noun = "profile" if len(results) == 1 else "profiles"
    totals = (
        f"{len(results)} {noun}: {counts['built']} built, {counts['skipped']} skipped "
        f"(up to date), {counts['failed']} failed in {outcome.seconds:.2f} s "
        f"({outcome.workers} job{'s' if outcome.workers != 1 else ''}, {','.join(formats)})"
    )
    if outcome.interrupted:
        click.echo(f"interrupted: {stopped} not built; finished outputs kept. {totals}", err=True)
        sys.exit(130)
    if not quiet and not as_json:
        click.echo(totals, err=bool(failed))
    if failed:
        sys.exit(1)


@cli.command("schema")
@click.option("--theme", "theme", is_flag=True, help="Print the theme file's schema instead.")
def schema_cmd(theme: bool) -> None:
    """Print the profile JSON Schema (with field documentation), or the theme's."""
    from strategygen.inputs.schema import schema_text, theme_schema_text

    click.echo(theme_schema_text() if theme else schema_text(), nl=False)


@cli.group("templates")
def templates_group() -> None:
    """List the default templates and their blocks, or copy one out to override it."""


@templates_group.command("list")
def templates_list_cmd() -> None:
    """Print every default template with the blocks an override can replace."""
    from strategygen.render.catalog import default_templates

    infos = default_templates()
    width = max(len(info.name) for info in infos)
    for info in infos:
        blocks = ", ".join(info.blocks) if info.blocks else "-"
        click.echo(f"{info.name:<{width}}  {blocks}")
    click.echo(
        "\nOverride one: strategygen templates copy NAME DIR, or write DIR/NAME starting with "
        '{% extends "!default/NAME" %} and replace a block; build with --templates DIR.'
    )


@templates_group.command("copy")
@click.argument("name")
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
def templates_copy_cmd(name: str, dest: Path) -> None:
    """Copy default template NAME (as listed) into DEST at the same relative path.

    Refuses to overwrite an existing file.
    """
    from strategygen.render.catalog import copy_template

    target = copy_template(name, dest)
    click.echo(f"wrote {display_path(target)}; build with --templates {display_path(dest)}")


def main() -> None:
    """Entry point: run the CLI and turn project errors into messages and exit code 1."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except ProfileError as exc:
        # Theme and project files: one located problem per line, as `validate` prints them.
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    except StrategygenError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
