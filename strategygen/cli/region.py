"""The ``region`` command: a regional overview of a group of countries (HTML and PDF)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from strategygen import __version__
from strategygen.cli.common import display_path
from strategygen.cli.options import (
    TailoredCommand,
    output_options,
    report_options,
    tailoring_from_options,
)
from strategygen.cli.report import Progress, summary_table


class RegionCommand(TailoredCommand):
    """``region`` offers the tailoring settings that shape an overview, not the drafts' sections."""

    tailoring_fields = frozenset(
        {
            "templates",
            "theme",
            "rules",
            "disable_rules",
            "paper",
            "watermark",
            "pdf_variant",
            "docx_comments",
            "strict",
        }
    )


@click.command("region", cls=RegionCommand)
@click.argument("group")
@output_options(
    formats="html,pdf,docx",
    receives="regions/<GROUP>/<GROUP>-overview.html (.pdf, .docx, .odt)",
    what="overview",
)
@click.option(
    "--profiles",
    "profile_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of profiles named CODE.yaml, searched before the shipped ones. Repeatable.",
)
@click.option(
    "--name",
    "label",
    default=None,
    help="Name of the group on the cover and in the file names (default: from GROUP).",
)
@click.option(
    "--drafts",
    is_flag=True,
    help="Also build every member's draft strategy, so the overview's links to them work.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Drafts built in parallel with --drafts (default: the number of CPU cores).",
)
@report_options
def region_cmd(
    group: str,
    formats: tuple[str, ...],
    output_dir: Path,
    build_date: object,
    project_file: Path | None,
    profile_dirs: tuple[Path, ...],
    label: str | None,
    drafts: bool,
    jobs: int | None,
    quiet: bool,
    verbose: bool,
    as_json: bool,
    **settings: Any,
) -> None:
    """Build a regional overview of GROUP: CDCC, a UN sub-region or codes (JAM,TTO,BRB).

    Writes regions/<GROUP>/<GROUP>-overview.html (.pdf, .docx) under the output folder: the
    members' readiness ranking and trend, dimensions, e-government, laws, AI strategies,
    common findings, regional recommendations and one brief per member. Exits 1 if it fails.
    """
    import datetime as dt
    import os

    from strategygen.build.plan import resolve_plan
    from strategygen.build.region import build_region, draft_jobs, group_for
    from strategygen.inputs.tailoring import find_project

    tailoring = tailoring_from_options(settings)
    plan = resolve_plan(
        tailoring,
        project=project_file or find_project(Path.cwd()),
        build_date=build_date.date() if isinstance(build_date, dt.datetime) else None,
        formats=formats,
    )
    for warning in plan.warnings:
        click.echo(f"warning: {warning}", err=True)
    chosen = group_for(group, profile_dirs=profile_dirs, label=label)
    draft_results: list[Any] = []
    if drafts:
        from strategygen.build.batch import run_batch

        progress = Progress(len(chosen.codes), enabled=not quiet and not as_json, verbose=verbose)
        try:
            outcome = run_batch(
                draft_jobs(chosen),
                plan,
                output_dir,
                workers=jobs or os.cpu_count() or 1,
                progress=progress,
            )
        finally:
            progress.finish()
        if outcome.interrupted:
            click.echo("interrupted: the drafts were not all built; no overview written", err=True)
            sys.exit(130)
        draft_results = outcome.results
    if not quiet and not as_json:
        click.echo(
            f"building the overview of {chosen.title}: {len(chosen.members)} members"
            + (f", {len(chosen.outside)} reported apart" if chosen.outside else ""),
            err=True,
        )
    result = build_region(chosen, plan, output_dir)
    failed = [r for r in draft_results if r.status == "failed"]
    if as_json:
        payload = {
            "strategygen": __version__,
            "output_dir": str(output_dir),
            "formats": list(formats),
            "overview": result.to_json(),
            "drafts": [r.to_json() for r in draft_results],
        }
        click.echo(json.dumps(payload, indent=2))
    elif not quiet:
        if draft_results:
            for line in summary_table(draft_results):
                click.echo(line)
        for line in _overview_table(result):
            click.echo(line)
        if verbose:
            for output in result.outputs:
                click.echo(f"  {display_path(output)}", err=True)
            for warning in result.warnings:
                click.echo(f"{result.group}: WeasyPrint {warning}", err=True)
    for item in failed:
        click.echo(f"failed: {item.error}", err=True)
    if result.status == "failed":
        click.echo(f"failed: {result.error}", err=True)
        sys.exit(1)
    if not quiet and not as_json:
        click.echo(
            f"overview of {result.title}: built in {result.seconds:.2f} s "
            f"({','.join(result.formats)}"
            + (f", {result.pages} pages" if result.pages is not None else "")
            + ")",
            err=bool(failed),
        )
    if failed:
        sys.exit(1)


def _overview_table(result: Any) -> list[str]:
    """One summary row for the overview, in the layout of the build command's table."""
    head = ("overview", "members", "formats", "pages", "time", "warnings", "status")
    row = (
        f"{result.group}-overview",
        str(len(result.members)),
        ",".join(result.formats) or "-",
        str(result.pages) if result.pages is not None else "-",
        f"{result.seconds:.2f} s",
        str(len(result.warnings)),
        result.status,
    )
    widths = [max(len(h), len(v)) for h, v in zip(head, row, strict=True)]
    line = "  ".join(f"{v:<{w}}" for v, w in zip(head, widths, strict=True))
    return [line, "-" * len(line), "  ".join(f"{v:<{w}}" for v, w in zip(row, widths, strict=True))]
