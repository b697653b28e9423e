"""The default templates as a catalogue: what exists, which blocks it offers, copying one out."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import jinja2
from jinja2 import nodes

from strategygen.errors import UsageError
from strategygen.inputs.problems import nearest
from strategygen.resources import shipped_dir


@dataclass(frozen=True)
class TemplateInfo:
    """One default template and the blocks an override can replace."""

    name: str
    blocks: tuple[str, ...]


def default_templates() -> list[TemplateInfo]:
    """List every default template (HTML and CSS) with the Jinja blocks it defines."""
    root = shipped_dir("templates")
    # The defaults use {% trans %}: parsing them needs the i18n extension's tags.
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
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


def nearest_templates(name: str, known: list[str]) -> list[str]:
    """Return up to three template names a mistyped ``name`` probably meant.

    A bare file name (``vision.html`` or ``vision``) finds the template of that name in
    its folder; otherwise the closest full names are suggested.
    """
    wanted = name.strip().strip("/")
    stem = PurePosixPath(wanted).name
    base = {k: PurePosixPath(k).name for k in known}
    same = [k for k, b in base.items() if b in (stem, f"{stem}.html", f"{stem}.css")]
    if same:
        return same
    starting = [k for k, b in base.items() if b.startswith(stem)]
    if starting:
        return starting[:3]
    # Compare bare names ("visoin" with "vision"): the shared folder and suffix of full
    # paths would make every section template look close to any mistyped one.
    by_stem = {PurePosixPath(k).stem: k for k in known}
    return [by_stem[s] for s in nearest(PurePosixPath(stem).stem, by_stem, n=2)]


def copy_template(name: str, dest_dir: Path) -> Path:
    """Copy default template ``name`` into ``dest_dir`` at the same relative path.

    Raises:
        UsageError: If the name is not a default template or the target already exists.

    """
    known = [info.name for info in default_templates()]
    if name not in known:
        close = nearest_templates(name, known)
        hint = f"; did you mean {' or '.join(close)}?" if close else "."
        raise UsageError(
            f"{name!r} is not a default template{hint} Names are paths inside the "
            "templates folder; run 'strategygen templates list' to see them all"
        )
    target = dest_dir / name
    if target.exists():
        raise UsageError(f"{target} already exists; remove it first or copy to another folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shipped_dir("templates") / name, target)
    return target
