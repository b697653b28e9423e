"""The command-line interface: a thin click layer; the only package that prints or exits.

Each command lives in its own module and imports its heavy dependencies when it runs, so
``strategygen --help`` loads click and these modules only.
"""

from __future__ import annotations

import gc
import sys

import click

from strategygen import __version__
from strategygen.cli.build import build_cmd
from strategygen.cli.data import data_cmd
from strategygen.cli.profiles import list_cmd, new_cmd, schema_cmd, validate_cmd
from strategygen.cli.region import region_cmd
from strategygen.cli.rules import rules_group
from strategygen.cli.templates import templates_group
from strategygen.errors import InputError, StrategygenError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="strategygen")
def cli() -> None:
    """Turn country profiles into draft national AI strategies (HTML and PDF)."""


def settle_memory() -> None:
    """Mark what exists now as permanent for the collector and restore normal collection.

    Called once the shared state is loaded: the collector never walks it again, and
    worker processes forked afterwards share it without copying pages to count it. Only
    in a process that :func:`main` started: a host process (a test runner calling the
    click command) keeps its own collector settings.
    """
    if _TUNED:
        gc.freeze()
        gc.set_threshold(*_DEFAULT_THRESHOLDS)


_DEFAULT_THRESHOLDS = gc.get_threshold()
_TUNED = False

for _command in (
    validate_cmd,
    list_cmd,
    new_cmd,
    build_cmd,
    region_cmd,
    data_cmd,
    schema_cmd,
    templates_group,
    rules_group,
):
    cli.add_command(_command)


def main() -> None:
    """Entry point: run the CLI and turn project errors into messages and exit code 1."""
    # Starting a command creates the objects every document shares (modules, models,
    # schemas, the rule library); collecting garbage among them is wasted work, about a
    # tenth of a one-document build. Commands that go on to build call settle_memory().
    global _TUNED
    _TUNED = True
    gc.set_threshold(100_000, 50, 100)
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except InputError as exc:
        # Theme, project and rule files: one located problem per line, as `validate` prints them.
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    except StrategygenError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
