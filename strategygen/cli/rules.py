"""The ``rules`` commands: list the rule library with what each rule fires on."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import click

from strategygen.cli.common import display_path


@click.group("rules")
def rules_group() -> None:
    """Show the rule library that turns a profile into findings and actions."""


@rules_group.command("list")
@click.option(
    "--rules",
    "rule_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of extra rule files (repeatable), read after the shipped rules as in build.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the rules as JSON.")
def rules_list_cmd(rule_dirs: tuple[Path, ...], as_json: bool) -> None:
    """Print every rule: id, area, pillar, priority and the condition it fires on.

    With --rules, your folders are read after the shipped library, so a rule there with a
    shipped id replaces it (as in build); such rules are marked with their folder and file.
    """
    from strategygen.assess.rules import load_rules
    from strategygen.assess.rules.describe import condition_text
    from strategygen.resources import shipped_dir

    rules = load_rules([shipped_dir("rules"), *rule_dirs])
    if as_json:
        rows = [
            {
                "id": r.id,
                "area": r.spec.area,
                "pillar": r.spec.pillar,
                "priority": r.spec.priority,
                "horizon": r.spec.horizon,
                "fires_when": condition_text(r.spec.when),
                "when": r.spec.when.model_dump(by_alias=True, exclude_none=True),
                "kpis": list(r.spec.kpis),
                "depends_on": list(r.spec.depends_on),
                "library": r.library,
                "shipped": r.shipped,
            }
            for r in rules
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    id_width = max(len("id"), *(len(r.id) for r in rules))
    columns = (id_width, 14, 12, 8)
    head = "  ".join(
        f"{label:<{w}}"
        for label, w in zip(("id", "area", "pillar", "priority"), columns, strict=True)
    )
    indent = len(head) + 2
    width = max(shutil.get_terminal_size((100, 24)).columns, indent + 30)
    click.echo(f"{head}  fires when")
    click.echo("-" * min(width, indent + 40))
    for r in rules:
        cells = (r.id, r.spec.area, r.spec.pillar, r.spec.priority)
        row = "  ".join(f"{c:<{w}}" for c, w in zip(cells, columns, strict=True))
        text = condition_text(r.spec.when)
        if not r.shipped:
            text += f"  [your rule: {r.library}]"
        lines = textwrap.wrap(text, width=width - indent, break_on_hyphens=False) or [""]
        click.echo(f"{row}  {lines[0]}")
        for line in lines[1:]:
            click.echo(" " * indent + line)
    folders = ", ".join(display_path(Path(d)) for d in rule_dirs)
    source = f"the shipped library and {folders}" if folders else "the shipped library"
    click.echo(f"\n{len(rules)} rules from {source}. Disable one with build --disable-rule ID.")
