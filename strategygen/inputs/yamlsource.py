"""Safe YAML reading that keeps the line and column of every key and value.

PyYAML's ``safe_load`` forgets where values came from, silently keeps the last of two
duplicate keys and expands aliases without limit. This reader composes the node tree
itself so that every later error can point at a line, and refuses the inputs that
``safe_load`` would accept silently or dangerously.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from strategygen.errors import Problem, ProfileError
from strategygen.files import FileRefused, read_input
from strategygen.inputs.problems import Loc, SourceMap, dotted
from strategygen.inputs.scalars import bad_scalar

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Loc", "YamlDocument", "read_yaml_file", "read_yaml_text"]


class YamlDocument(SourceMap):
    """A parsed YAML mapping and where each of its parts stands in the source."""


# The only tags a profile may use (explicitly or by implicit resolution); anything else,
# such as ``!!python/object`` or ``!!binary``, is refused rather than ignored.
_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_MAP_TAG = _TAG + "map"
_SEQ_TAG = _TAG + "seq"


class _Refused(yaml.MarkedYAMLError):
    """Well-formed YAML that inputs do not allow (aliases, deep nesting)."""


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and deep nesting before anything is built."""

    _depth = 0
    kind = "profile"

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _Refused(
                None,
                None,
                f"YAML aliases (*name) are not allowed in {self.kind}s; "
                "write the value out in full",
                event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(
                    None,
                    None,
                    f"nesting is deeper than {MAX_DEPTH} levels",
                    self.peek_event().start_mark,  # type: ignore[no-untyped-call]
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_FastLoader: Any = getattr(yaml, "CSafeLoader", None)


def _compose_fast(text: str, kind: str) -> tuple[Node | None, Any] | None:
    """Compose ``text`` with libyaml when it is plainly acceptable; None to take the slow path.

    PyYAML's pure-Python composer is most of the time of reading a file (about 90 ms for
    the KPI catalogue, against 2 ms in C). The C composer cannot refuse aliases or deep
    nesting before it builds nodes, and it recurses, so the events are scanned first
    (iteratively, in C): any alias, nesting near the limit or YAML error sends the text
    to :class:`_Loader`, whose located message is then the one the user sees.
    """
    if _FastLoader is None:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_FastLoader):
            if isinstance(event, yaml.AliasEvent):
                return None
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth >= MAX_DEPTH - 1:
                    return None
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        loader = _FastLoader(text)
        loader.kind = kind
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError:
        return None
    return root, loader


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _fail(display: str, line: int, column: int, message: str, got: str | None = None) -> None:
    raise ProfileError(display, [Problem(display, line, column, "", message, got)])


def read_yaml_text(text: str, display: str, kind: str = "profile") -> YamlDocument:
    """Parse ``text`` as one YAML mapping; raise ProfileError with a location on any fault.

    ``kind`` names the file in messages ("profile", "theme", "rule file").
    """
    empty = f"the file is empty; a {kind} is a YAML mapping of fields"
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        _fail(display, 1, 1, empty)
    fast = _compose_fast(text, kind)
    if fast is not None:
        root, built_by = fast
        return _document(root, display, empty, built_by)
    loader = _Loader(text)
    loader.kind = kind
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = exc.problem or exc.context or "malformed YAML"
        if exc.problem and exc.context and exc.problem.startswith("but "):
            # "expected a single document in the stream" + "but found another document"
            detail = f"{exc.context}, {exc.problem}"
        elif exc.problem and exc.context:
            # PyYAML's context reads "while parsing a flow sequence"; say where that began.
            start = f" that starts on line {exc.context_mark.line + 1}" if exc.context_mark else ""
            detail += f" ({exc.context}{start})"
        _fail(
            display,
            line,
            column,
            detail if isinstance(exc, _Refused) else f"YAML syntax error: {detail}",
        )
    except yaml.YAMLError as exc:
        _fail(display, 1, 1, f"YAML syntax error: {exc}")
    finally:
        loader.dispose()
    return _document(root, display, empty, loader)


def _document(root: Node | None, display: str, empty: str, loader: Any) -> YamlDocument:
    """Check the composed root is a mapping and build the located document from it."""
    if root is None or (isinstance(root, ScalarNode) and root.tag == _TAG + "null"):
        # No document at all, or only markers ("---", "...") around an empty one.
        _fail(display, 1, 1, empty)
    assert root is not None
    if not isinstance(root, MappingNode):
        line, column = _mark(root)
        kind = "a list" if isinstance(root, SequenceNode) else "a single value"
        _fail(display, line, column, f"the top level must be a mapping of fields, not {kind}")
    doc = YamlDocument(display, {})
    doc.data = _build(root, (), doc, loader)
    return doc


@dataclass
class _BundledDocument(YamlDocument):
    """A bundled file's data read by libyaml; where its parts stand is found only if asked.

    The located reader's walk over every node is most of the time of reading the rule
    library; a bundled file is read in every process but a position in it is wanted only
    for an error, so the walk is made then (once), with the same reader user files go
    through. ``tests/test_rules.py`` checks that the two readers give the same data for
    every bundled file.
    """

    path: Path | None = None
    kind: str = "profile"

    def locate(self, loc: Loc, *, prefer_key: bool = False) -> tuple[int, int]:
        """Return (line, column) of the deepest part of ``loc``, reading positions first."""
        if self.path is not None:
            full = read_yaml_file(self.path, self.display, self.kind)
            self.value_marks, self.key_marks = full.value_marks, full.key_marks
            self.path = None
        return super().locate(loc, prefer_key=prefer_key)


def read_yaml_file(
    path: Path,
    display: str | None = None,
    kind: str = "profile",
    inside: Path | None = None,
    *,
    bundled: bool = False,
) -> YamlDocument:
    """Read a YAML file (at most 1 MiB, UTF-8) into a located mapping (``kind`` as above).

    Only a regular file is read (a FIFO, device or folder is refused by name); with
    ``inside``, the file must also resolve, links followed, inside that folder. A
    ``bundled`` file (one that ships with strategygen, such as the shipped rule library) is
    parsed by libyaml alone, when it is installed, and located only if a problem is found.
    """
    shown = display or str(path)
    try:
        # A FIFO or a device would hang or never end; a link out of a rule folder would
        # read a file nobody meant to give the tool.
        raw = read_input(path, limit=MAX_BYTES, what=kind, inside=inside)
    except FileRefused as exc:
        at = 1 if exc.reason == "size" else 0
        raise ProfileError(shown, [Problem(shown, at, at, "", exc.message)]) from None
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
    if bundled and _FastLoader is not None:
        try:
            data = yaml.load(text, Loader=_FastLoader)
        except yaml.YAMLError:
            data = None  # the located reader says where
        if isinstance(data, dict) and data:
            return _BundledDocument(shown, data, path=path, kind=kind)
    return read_yaml_text(text, shown, kind)


_TAG_WORDS = {
    _TAG + "int": "a whole number",
    _TAG + "float": "a number",
    _TAG + "bool": "true or false",
    _TAG + "timestamp": "a date (YYYY-MM-DD)",
}


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


def _check_tag(node: Node, doc: YamlDocument, kind: str) -> None:
    if isinstance(node, MappingNode):
        allowed = node.tag == _MAP_TAG
    elif isinstance(node, SequenceNode):
        allowed = node.tag == _SEQ_TAG
    else:
        allowed = node.tag in _SCALAR_TAGS
    if not allowed:
        line, column = _mark(node)
        _fail(
            doc.display,
            line,
            column,
            f"the YAML tag {_short_tag(node.tag)} is not allowed in {kind}s; "
            "write plain text, numbers, lists and mappings",
        )


def _scalar(node: ScalarNode, doc: YamlDocument, loader: _Loader) -> Any:
    _check_tag(node, doc, loader.kind)
    try:
        value = loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError):
        # For instance a date-like 2024-13-45, or an explicit ``!!int x``.
        line, column = _mark(node)
        _fail(
            doc.display,
            line,
            column,
            f"cannot read this value as {_TAG_WORDS.get(node.tag, _short_tag(node.tag))}; "
            "quote it to keep it as text",
            repr(node.value),
        )
    return value


def _check_scalar(value: Any, node: Node, loc: Loc, doc: YamlDocument) -> None:
    """Refuse a non-finite number or text with control characters, wherever it is."""
    problem = bad_scalar(value)
    if problem is not None:
        line, column = _mark(node)
        shown = repr(value)
        got = shown if len(shown) <= 40 else shown[:37] + "..."
        where = dotted(loc)
        raise ProfileError(doc.display, [Problem(doc.display, line, column, where, problem, got)])


def _build(node: Node, loc: Loc, doc: YamlDocument, loader: _Loader) -> Any:
    doc.value_marks[loc] = _mark(node)
    _check_tag(node, doc, loader.kind)
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                line, column = _mark(key_node)
                _fail(doc.display, line, column, "mapping keys must be plain names")
            assert isinstance(key_node, ScalarNode)
            key = _scalar(key_node, doc, loader)
            _check_scalar(key, key_node, loc, doc)
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
    assert isinstance(node, ScalarNode)
    value = _scalar(node, doc, loader)
    _check_scalar(value, node, loc, doc)
    return value
