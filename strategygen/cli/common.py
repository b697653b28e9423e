"""What every command shares: finding profiles from files, folders, globs or codes; naming files."""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

import click

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
