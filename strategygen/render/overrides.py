"""Checks on override templates, made once before anything is rendered.

Two mistakes in an override folder would otherwise surface late and far from their cause:

- a template that extends or includes its own name (``{% extends "sections/vision.html" %}``
  in ``sections/vision.html``) finds itself first in the search path and recurses until Python
  gives up; the fix is the ``!default/`` prefix;
- a ``{% block %}`` that the parent template does not define is silently ignored by Jinja2,
  so the override seems to do nothing.

Both are reported as ``file:line: message`` with the fix (the nearest valid block name).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

import jinja2
from jinja2 import nodes

from strategygen.errors import TemplateError
from strategygen.inputs.problems import did_you_mean
from strategygen.render.environment import DEFAULT_PREFIX, DefaultPrefixLoader, list_templates
from strategygen.resources import shipped_dir

_SUFFIXES = (".html", ".htm", ".svg", ".xml")


def check_overrides(template_dirs: Sequence[Path | str]) -> None:
    """Check every template in the override folders (see the module docstring).

    Raises:
        TemplateError: Naming the file and line, for a syntax error, a reference to the
            template's own name without ``!default/``, a cycle of ``extends``, or a block
            the parent does not define.

    """
    if not template_dirs:
        return
    loader = DefaultPrefixLoader([Path(d) for d in template_dirs], shipped_dir("templates"))
    checker = _Checker(loader)
    seen: set[str] = set()
    for folder in map(Path, template_dirs):
        # Not rglob: it would follow a symlinked folder out of the override folder (or round
        # a loop); a linked file is read by the loader, which refuses one that leads out.
        for name in sorted(list_templates(folder)):
            path = folder / name
            if Path(name).suffix in _SUFFIXES:
                # A file shadowed by one of the same name in an earlier folder is never used.
                if name not in seen:
                    seen.add(name)
                    checker.check(name, path)


@functools.lru_cache(maxsize=8)
def check_overrides_once(template_dirs: tuple[str, ...]) -> None:
    """Run ``check_overrides`` once per process for a search path (renders call this)."""
    check_overrides(template_dirs)


class _Checker:
    def __init__(self, loader: DefaultPrefixLoader) -> None:
        self.loader = loader
        # The defaults an override extends use {% trans %}: parsing needs its tags.
        self.env = jinja2.Environment(loader=loader, extensions=["jinja2.ext.i18n"])
        self.trees: dict[str, tuple[nodes.Template, str]] = {}

    def parse(self, name: str) -> tuple[nodes.Template, str]:
        """Parse the template the loader finds for ``name``; return its tree and file."""
        if name not in self.trees:
            source, filename, _ = self.loader.get_source(self.env, name)
            shown = filename or name
            try:
                tree = self.env.parse(source, name, shown)
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateError(f"{shown}:{exc.lineno}: {exc.message}") from None
            self.trees[name] = (tree, shown)
        return self.trees[name]

    def check(self, name: str, path: Path) -> None:
        # Through the loader: a regular UTF-8 file inside its folder, or a located refusal.
        source, _, _ = self.loader.get_source(self.env, name)
        try:
            tree = self.env.parse(source, name, str(path))
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{path}:{exc.lineno}: {exc.message}") from None
        for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
            target = getattr(node, "template", None)
            if isinstance(target, nodes.Const) and target.value == name:
                tag = type(node).__name__.lower().replace("fromimport", "from ... import")
                raise TemplateError(
                    f"{path}:{node.lineno}: this template's {tag} names {name!r}, its own "
                    f"name, so it would load itself for ever; write "
                    f'"{DEFAULT_PREFIX}{name}" to use the default template it replaces'
                )
        extends = next(iter(tree.find_all(nodes.Extends)), None)
        if extends is None or not isinstance(extends.template, nodes.Const):
            return
        parent = str(extends.template.value)
        offered = self.blocks_of(parent, [name])
        for block in tree.find_all(nodes.Block):
            if block.name not in offered:
                hint = did_you_mean(block.name, offered, cutoff=0.5)
                raise TemplateError(
                    f"{path}:{block.lineno}: block {block.name!r} is not defined in {parent}, "
                    f"so it would never be shown{hint or '.'} Blocks there: "
                    + (", ".join(sorted(offered)) or "none")
                )

    def blocks_of(self, name: str, chain: list[str]) -> set[str]:
        """Return every block ``name`` defines or inherits (following its ``extends``)."""
        if name in chain:
            raise TemplateError(f"templates extend each other in a loop: {' -> '.join(chain)}")
        try:
            tree, _ = self.parse(name)
        except jinja2.TemplateNotFound:
            raise TemplateError(
                f"{chain[-1]} extends {name}, which is not a template; run "
                "'strategygen templates list' to see the default templates"
            ) from None
        found = {block.name for block in tree.find_all(nodes.Block)}
        extends = next(iter(tree.find_all(nodes.Extends)), None)
        if extends is not None and isinstance(extends.template, nodes.Const):
            found |= self.blocks_of(str(extends.template.value), [*chain, name])
        return found
