"""Every command of the command line, and every option of every command, is in the README."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click

from strategygen.cli import cli

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(
    group: click.Command, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    yield path, group
    if isinstance(group, click.Group):
        for name, command in sorted(group.commands.items()):
            yield from _commands(command, (*path, name))


def _mentioned(text: str) -> bool:
    # An option counts when it appears as a whole word: "--json" must not match "--jsonl".
    return re.search(rf"(?<![\w-]){re.escape(text)}(?![\w-])", README) is not None


def test_walk_finds_every_command() -> None:
    paths = {" ".join(p) for p, _ in _commands(cli)}
    assert {"build", "validate", "templates copy", "rules list"} <= paths


def test_every_command_is_in_the_readme() -> None:
    missing = [
        "strategygen " + " ".join(path)
        for path, _ in _commands(cli)
        if path and not _mentioned("strategygen " + " ".join(path))
    ]
    assert not missing, f"commands not in README.md: {missing}"


def _documented_for(path: tuple[str, ...], opt: str) -> bool:
    """An option is documented where its command is: on a line naming the command, or in
    the command's options table ("Options of `strategygen build`:" up to the next heading).
    """
    name = "strategygen " + " ".join(path) if path else "strategygen"
    pattern = rf"(?<![\w-]){re.escape(opt)}(?![\w-])"
    lines = [line for line in README.splitlines() if name in line]
    if any(re.search(pattern, line) for line in lines):
        return True
    start = README.find(f"Options of `{name}`")
    if start < 0:
        return False
    end = README.find("\n#", start)
    return re.search(pattern, README[start : end if end > 0 else None]) is not None


def test_every_option_is_in_the_readme() -> None:
    missing = []
    for path, command in _commands(cli):
        for param in command.params:
            if not isinstance(param, click.Option):
                continue
            for opt in (*param.opts, *param.secondary_opts):
                if not _documented_for(path, opt):
                    missing.append(" ".join(("strategygen", *path, opt)))
    assert not missing, f"options not in README.md next to their command: {missing}"
