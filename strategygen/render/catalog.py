"""The default templates as a catalogue: what exists, which blocks it offers, copying one out."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import nodes

from strategygen.errors import UsageError
from strategygen.resources import shipped_dir


@dataclass(frozen=True)
class TemplateInfo:
    """One default template and the blocks an override can replace."""

    name: str
    blocks: tuple[str, ...]


def default_templates() -> list[TemplateInfo]:
    """List every default template (HTML and CSS) with the Jinja blocks it defines."""
    root = shipped_dir("templates")
    env = jinja2.Environment()
    out: list[TemplateInfo] = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix not in (".html", ".css"):
            continue
        name = path.relative_to(root).as_posix()
        blocks: tuple[str, ...] = ()
        if path.suffix == ".html":
            tree = env.parse(path.read_text(encoding="utf-8"))
            blocks = tuple(block.name for block in tree.find_all(nodes.Block))
        out.append(TemplateInfo(name, blocks))
    return out


def copy_template(name: str, dest_dir: Path) -> Path:
    """Copy default template ``name`` into ``dest_dir`` at the same relative path.

    Raises:
        UsageError: If the name is not a default template or the target already exists.

    """
    known = {info.name for info in default_templates()}
    if name not in known:
        raise UsageError(
            f"{name!r} is not a default template; run 'strategygen templates list' to see them"
        )
    target = dest_dir / name
    if target.exists():
        raise UsageError(f"{target} already exists; remove it first or copy to another folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shipped_dir("templates") / name, target)
    return target
