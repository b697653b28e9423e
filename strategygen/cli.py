"""The command-line interface: a thin click layer; the only module that prints or exits."""

from __future__ import annotations

import glob
import json
import sys
from collections.abc import Iterable
from pathlib import Path

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
    from strategygen.loader import load_profile

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
    from strategygen.facts import completeness
    from strategygen.loader import load_profile

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
    from strategygen.scaffold import known_codes, write_scaffold

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


@cli.command("build")
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "pdf", "all"]),
    default="html",
    show_default=True,
    help="Output format: html, pdf (print-ready, via WeasyPrint) or all.",
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
    default="a4",
    show_default=True,
    help="Paper size of the PDF.",
)
@click.option("--no-watermark", is_flag=True, help="Leave out the diagonal DRAFT watermark.")
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
    help="Folder that receives <CODE>/<CODE>-strategy.html.",
)
@click.option(
    "--date",
    "build_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Build date printed in the document (default: SOURCE_DATE_EPOCH if set, else today).",
)
@click.option(
    "--template-dir",
    "template_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of override templates, searched before the defaults (repeatable).",
)
def build_cmd(
    paths: tuple[str, ...],
    fmt: str,
    output_dir: Path,
    build_date: object,
    template_dirs: tuple[Path, ...],
    pdf_variant: str | None,
    paper: str,
    no_watermark: bool,
    strict: bool,
) -> None:
    """Build the draft strategy for each profile (default: every shipped profile).

    PATHS are files, folders, glob patterns or shipped profile codes. A profile that
    fails is reported and skipped; the others are still built. Exits 1 if any failed.
    """
    import datetime as dt

    from strategygen.build import build_html, default_build_date
    from strategygen.pdf import PdfOptions

    date = build_date.date() if isinstance(build_date, dt.datetime) else default_build_date()
    files = expand_inputs(paths) if paths else shipped_profiles()
    results = build_html(
        [(path, display_path(path)) for path in files],
        output_dir=output_dir,
        build_date=date,
        template_dirs=template_dirs,
        formats=("html", "pdf") if fmt == "all" else (fmt,),
        pdf_options=PdfOptions(
            variant=pdf_variant, paper=paper, watermark=not no_watermark, strict=strict
        ),
    )
    failed = [r for r in results if r.error is not None]
    for result in results:
        if result.error is not None:
            click.echo(result.error, err=True)
        elif result.output is not None:
            for output in result.outputs or (result.output,):
                extra = ""
                if result.pdf is not None and output.suffix == ".pdf":
                    extra = f"{result.pdf.pages} pages, {result.pdf.bytes / 1024:.0f} KiB, "
                click.echo(f"wrote {display_path(output)} ({extra}{result.seconds:.2f} s)")
            for warning in result.warnings:
                click.echo(f"{result.source}: WeasyPrint {warning}", err=True)
    noun = "profile" if len(results) == 1 else "profiles"
    if failed:
        click.echo(
            f"{len(results)} {noun}: {len(results) - len(failed)} built, {len(failed)} failed",
            err=True,
        )
        sys.exit(1)
    click.echo(f"{len(results)} {noun} built ({fmt})")


@cli.command("schema")
def schema_cmd() -> None:
    """Print the profile JSON Schema (with field documentation)."""
    from strategygen.schema import schema_text

    click.echo(schema_text(), nl=False)


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
    except StrategygenError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
