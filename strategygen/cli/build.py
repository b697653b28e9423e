"""The ``build`` command: profiles in; HTML, PDF, DOCX, ODT out; in parallel; up-to-date skipped."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from strategygen import __version__
from strategygen.cli.common import display_path, expand_inputs, shipped_profiles
from strategygen.cli.options import (
    TailoredCommand,
    output_options,
    report_options,
    tailoring_from_options,
)
from strategygen.cli.report import Progress, summary_table, warning_text


@click.command("build", cls=TailoredCommand)
@click.argument("paths", nargs=-1)
@output_options(
    formats="html",
    receives="<CODE>/<CODE>-strategy.html (.pdf, .docx, .odt) and manifest.json",
    what="document",
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
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Profiles built in parallel worker processes (default: the number of CPU cores).",
)
@click.option("--force", is_flag=True, help="Rebuild even the outputs that are up to date.")
@report_options
def build_cmd(
    paths: tuple[str, ...],
    formats: tuple[str, ...],
    output_dir: Path,
    build_date: object,
    project_file: Path | None,
    legacy_template_dirs: tuple[Path, ...],
    jobs: int | None,
    force: bool,
    quiet: bool,
    verbose: bool,
    as_json: bool,
    **settings: Any,
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

    from strategygen.build.batch import run_batch
    from strategygen.build.document import BuildJob
    from strategygen.build.plan import resolve_plan
    from strategygen.inputs.tailoring import find_project

    settings["templates"] = (*settings.get("templates", ()), *legacy_template_dirs)
    tailoring = tailoring_from_options(settings)
    files = expand_inputs(paths) if paths else shipped_profiles()
    # Everything the documents share is resolved and checked here, once, before any
    # document is built: a bad theme, project file or rule id stops the build with
    # nothing written, and every document (and worker) uses this one plan.
    plan = resolve_plan(
        tailoring,
        project=project_file or find_project(Path.cwd()),
        build_date=build_date.date() if isinstance(build_date, dt.datetime) else None,
        formats=formats,
        force=force,
    )
    for warning in plan.warnings:
        click.echo(f"warning: {warning}", err=True)
    from strategygen.cli import settle_memory

    settle_memory()
    progress = Progress(len(files), enabled=not quiet, verbose=verbose)

    def on_sigterm(signum: int, frame: object) -> None:
        # Treat `kill` like Ctrl-C: stop the workers and keep what is finished.
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        outcome = run_batch(
            [BuildJob(path, display_path(path)) for path in files],
            plan,
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
        for line in summary_table(results):
            click.echo(line)
    failed = [r for r in results if r.status == "failed"]
    for result in failed:
        # The located error (file:line:col: field: message) says what to fix.
        click.echo(f"failed: {result.error}", err=True)
    # Plain progress already listed each document's warnings under it.
    if verbose and (progress.tty or not progress.enabled):
        for result in results:
            for warning in result.warnings:
                click.echo(f"{result.source}: {warning_text(warning)}", err=True)
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
