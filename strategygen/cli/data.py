"""``strategygen data``: the bundled reference datasets, their coverage and licences."""

from __future__ import annotations

import json

import click


@click.command("data")
@click.option("--json", "as_json", is_flag=True, help="Print the catalogue as JSON.")
def data_cmd(as_json: bool) -> None:
    """List the bundled datasets: edition, year range, coverage and licence."""
    from strategygen.assess.datasets.catalogue import catalogue, describe

    records = describe()
    if as_json:
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    files = {name for entry in catalogue().values() for name in entry.files}
    width = max(len(str(r["id"])) for r in records)
    pad = " " * (width + 2)
    for r in records:
        countries = "" if r["countries"] is None else f", {r['countries']} countries"
        click.echo(f"{r['id']!s:<{width}}  {r['title']}")
        click.echo(f"{pad}{r['publisher']}; edition {r['edition']}")
        click.echo(f"{pad}years {r['years']}; {r['rows']} rows{countries}")
        click.echo(f"{pad}licence: {r['licence']}")
    click.echo(
        f"\n{len(records)} datasets in {len(files)} files under strategygen/data/; "
        "attribution in NOTICE.md. A blank cell means the source has no value."
    )
