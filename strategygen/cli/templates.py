"""The ``templates`` commands: list the default templates and their blocks, copy one out."""

from __future__ import annotations

from pathlib import Path

import click

from strategygen.cli.common import display_path


@click.group("templates")
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
    folder = display_path(dest)
    click.echo(f"Copied the default {name} to {display_path(target)}.")
    if name.endswith(".html"):
        click.echo(
            "Edit it there; or, to follow future versions, keep only the blocks you change: "
            f'start the file with {{% extends "!default/{name}" %}} and redefine those blocks '
            "(strategygen templates list names them)."
        )
    click.echo(
        f"Build with: strategygen build CODE --templates {folder} "
        f'(or templates = ["{folder}"] under [build] in strategygen.toml).'
    )
