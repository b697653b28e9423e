"""Commands about profiles: validate, list, new (scaffold) and schema."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from strategygen.cli.common import display_path, expand_inputs, shipped_profiles
from strategygen.errors import ProfileError


@click.command("validate")
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


@click.command("list")
@click.argument("paths", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the table as JSON.")
def list_cmd(paths: tuple[str, ...], as_json: bool) -> None:
    """Show the profiles: code, country, CDCC status, readiness and completeness.

    Readiness is the newest edition of the Government AI Readiness Index that covers the
    country (from the bundled data, else the edition the profile records). Completeness is
    the share of the facts the draft uses that are held, in the profile or the bundled data.
    """
    from strategygen.assess.checklist import completeness
    from strategygen.assess.datasets.readiness import EDITION_YEARS, scores
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
        total, rank, edition = (
            r.total,
            f"{r.rank}/{r.ranked_countries}" if r.rank else None,
            r.edition,
        )
        # The newest bundled edition that covers the country leads, as in the draft.
        for year in reversed(EDITION_YEARS):
            found = scores(year).get(profile.code)
            if found is not None:
                total, edition = found.total, year
                rank = f"{found.rank}/{len(scores(year))}" if found.rank else None
                break
        rows.append(
            {
                "code": profile.code,
                "country": profile.identity.name,
                "status": profile.identity.cdcc_status,
                "readiness": total,
                "rank": rank,
                "edition": edition if total is not None else None,
                "completeness": round(completeness(profile) * 100),
                "profile_completeness": round(completeness(profile, with_data=False) * 100),
            }
        )
    if as_json:
        click.echo(json.dumps(rows, indent=2))
    else:
        header = (
            f"{'code':<5} {'country':<34} {'status':<17} "
            f"{'readiness':>9} {'rank':>8} {'edition':>7} {'complete':>8}"
        )
        click.echo(header)
        click.echo("-" * len(header))
        for row in rows:
            score = f"{row['readiness']:.2f}" if row["readiness"] is not None else "n/a"
            click.echo(
                f"{row['code']:<5} {row['country']!s:<34} {row['status']!s:<17} "
                f"{score:>9} {row['rank'] or 'n/a':>8} {row['edition'] or 'n/a'!s:>7} "
                f"{row['completeness']!s:>7}%"
            )
    if failed:
        sys.exit(1)


@click.command("new")
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


@click.command("schema")
@click.option("--theme", "theme", is_flag=True, help="Print the theme file's schema instead.")
def schema_cmd(theme: bool) -> None:
    """Print the profile JSON Schema (with field documentation), or the theme's."""
    from strategygen.inputs.schema import schema_text, theme_schema_text

    click.echo(theme_schema_text() if theme else schema_text(), nl=False)
