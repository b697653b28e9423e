"""Safe YAML reading that keeps the line and column of every key and value.

PyYAML's ``safe_load`` forgets where values came from, silently keeps the last of two
duplicate keys and expands aliases without limit. This reader composes the node tree
itself so that every later error can point at a line, and refuses the inputs that
``safe_load`` would accept silently or dangerously.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from strategygen.errors import Problem, ProfileError

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40

Loc = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """A parsed YAML mapping and where each of its parts stands in the source."""

    display: str
    data: dict[str, Any]
    value_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: Loc, *, prefer_key: bool = False) -> tuple[int, int]:
        """Return (line, column) of the deepest part of ``loc`` found in the source."""
        for cut in range(len(loc), -1, -1):
            prefix = tuple(loc[:cut])
            if prefer_key and prefix in self.key_marks:
                return self.key_marks[prefix]
            if prefix in self.value_marks:
                # A missing child is best reported at its parent's key, where the user
                # will add it; the parent value may start on the following line.
                if cut < len(loc) and prefix in self.key_marks:
                    return self.key_marks[prefix]
                return self.value_marks[prefix]
        return (1, 1)


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and deep nesting before anything is built."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                None,
                None,
                "YAML aliases (*name) are not allowed in profiles; write the value out in full",
                event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(
                    None,
                    None,
                    f"nesting is deeper than {MAX_DEPTH} levels",
                    self.peek_event().start_mark,  # type: ignore[no-untyped-call]
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _fail(display: str, line: int, column: int, message: str, got: str | None = None) -> None:
    raise ProfileError(display, [Problem(display, line, column, "", message, got)])


def read_yaml_text(text: str, display: str) -> YamlDocument:
    """Parse ``text`` as one YAML mapping; raise ProfileError with a location on any fault."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        _fail(display, 1, 1, "the file is empty; a profile is a YAML mapping of fields")
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(part for part in (exc.context, exc.problem) if part)
        _fail(display, line, column, f"YAML syntax error: {detail}")
    except yaml.YAMLError as exc:
        _fail(display, 1, 1, f"YAML syntax error: {exc}")
    finally:
        loader.dispose()
    if root is None:
        _fail(display, 1, 1, "the file is empty; a profile is a YAML mapping of fields")
    assert root is not None
    if not isinstance(root, MappingNode):
        line, column = _mark(root)
        kind = "a list" if isinstance(root, SequenceNode) else "a single value"
        _fail(display, line, column, f"the top level must be a mapping of fields, not {kind}")
    doc = YamlDocument(display, {})
    doc.data = _build(root, (), doc, loader)
    return doc


def read_yaml_file(path: Path, display: str | None = None) -> YamlDocument:
    """Read a YAML file (at most 1 MiB, UTF-8) into a located mapping."""
    shown = display or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        problem = Problem(shown, 0, 0, "", f"cannot read file: {exc.strerror}")
        raise ProfileError(shown, [problem]) from None
    if size > MAX_BYTES:
        _fail(shown, 1, 1, f"file is {size} bytes; profiles are limited to {MAX_BYTES} (1 MiB)")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        _fail(
            shown,
            line,
            column,
            "the file is not valid UTF-8; save it with UTF-8 encoding",
            f"byte 0x{raw[exc.start]:02x}",
        )
    return read_yaml_text(text, shown)


def _build(node: Node, loc: Loc, doc: YamlDocument, loader: _Loader) -> Any:
    doc.value_marks[loc] = _mark(node)
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                line, column = _mark(key_node)
                _fail(doc.display, line, column, "mapping keys must be plain names")
            key = loader.construct_object(key_node)
            key = str(key) if not isinstance(key, str) else key
            if key in result:
                line, column = _mark(key_node)
                first = doc.key_marks[(*loc, key)]
                where = ".".join(str(p) for p in (*loc, key))
                raise ProfileError(
                    doc.display,
                    [
                        Problem(
                            doc.display,
                            line,
                            column,
                            where,
                            f"duplicate key; it is already set on line {first[0]} "
                            "(YAML would silently keep only the last one)",
                        )
                    ],
                )
            doc.key_marks[(*loc, key)] = _mark(key_node)
            result[key] = _build(value_node, (*loc, key), doc, loader)
        return result
    if isinstance(node, SequenceNode):
        return [_build(item, (*loc, i), doc, loader) for i, item in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        line, column = _mark(node)
        _fail(doc.display, line, column, f"unsupported value: {exc.problem}")
    except ValueError as exc:
        # PyYAML resolves date-like scalars such as 2024-13-45 and then fails to build them.
        line, column = _mark(node)
        _fail(doc.display, line, column, f"invalid value: {exc}", repr(node.value))
    return None
