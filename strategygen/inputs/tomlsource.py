"""TOML reading that keeps the line and column of every key and value.

``tomllib`` parses but forgets positions. Once it has accepted a file, this module scans the
same text again, following tables, dotted keys, arrays and inline tables, to record where each
key and value starts, so a validation error can be reported as ``file:line:col``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from strategygen.errors import Problem, ProfileError
from strategygen.files import FileRefused, read_input
from strategygen.inputs.problems import Loc, SourceMap
from strategygen.inputs.scalars import bad_scalar

MAX_BYTES = 1024 * 1024

_BARE = re.compile(r"[A-Za-z0-9_-]+")


class TomlDocument(SourceMap):
    """A parsed TOML file and where each of its parts stands in the source."""


def read_toml_file(path: Path, display: str | None = None) -> TomlDocument:
    """Read a TOML file (at most 1 MiB, UTF-8) into a located mapping.

    Raises:
        ProfileError: For an unreadable file or a TOML syntax error, with its line and column.

    """
    shown = display or str(path)
    try:
        # Only a regular file is read: a FIFO or a device would hang or never end.
        raw = read_input(path, limit=MAX_BYTES, what="project file")
    except FileRefused as exc:
        at = 1 if exc.reason == "size" else 0
        raise ProfileError(shown, [Problem(shown, at, at, "", exc.message)]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problem = Problem(shown, 0, 0, "", f"cannot read file: {exc}")
        raise ProfileError(shown, [problem]) from None
    return read_toml_text(text, shown)


def read_toml_text(text: str, display: str) -> TomlDocument:
    """Parse TOML text into a located mapping; a syntax error is a located ProfileError."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, column = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        message = re.sub(r"\s*\(at line.*\)", "", str(exc))
        problem = Problem(display, line, column, "", f"TOML syntax error: {message}")
        raise ProfileError(display, [problem]) from None
    doc = TomlDocument(display, data)
    _Scanner(text, doc).document()
    _check_values(data, (), doc)
    return doc


def _check_values(node: Any, loc: Loc, doc: TomlDocument) -> None:
    """Refuse non-finite numbers (inf, nan) and control characters in keys and text."""
    if isinstance(node, dict):
        for key, value in node.items():
            problem = bad_scalar(key)
            if problem is not None:
                raise ProfileError(doc.display, [doc.problem(loc, problem, repr(key))])
            _check_values(value, (*loc, key), doc)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _check_values(value, (*loc, i), doc)
    else:
        problem = bad_scalar(node)
        if problem is not None:
            raise ProfileError(doc.display, [doc.problem(loc, problem, repr(node)[:40])])


class _Scanner:
    """Walks text that tomllib has accepted, recording positions (so it can be lenient)."""

    def __init__(self, text: str, doc: TomlDocument) -> None:
        self.text = text
        self.pos = 0
        self.doc = doc
        self.array_tables: dict[Loc, int] = {}

    # Positions.

    def mark(self, at: int | None = None) -> tuple[int, int]:
        at = self.pos if at is None else at
        line = self.text.count("\n", 0, at) + 1
        return line, at - (self.text.rfind("\n", 0, at) + 1) + 1

    def peek(self, n: int = 1) -> str:
        return self.text[self.pos : self.pos + n]

    def skip_blank(self, newlines: bool) -> None:
        """Skip spaces and comments, and newlines too when ``newlines``."""
        while self.pos < len(self.text):
            ch = self.text[self.pos]
            if ch in " \t\r" or (newlines and ch == "\n"):
                self.pos += 1
            elif ch == "#":
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end < 0 else end
            else:
                return

    # Structure.

    def document(self) -> None:
        table: Loc = ()
        while True:
            self.skip_blank(newlines=True)
            if self.pos >= len(self.text):
                return
            if self.peek(2) == "[[":
                self.pos += 2
                keys = self.keys(table=True)
                index = self.array_tables.get(keys, 0)
                self.array_tables[keys] = index + 1
                table = (*keys, index)
                self.pos = self.text.find("]]", self.pos) + 2
            elif self.peek() == "[":
                self.pos += 1
                table = self.keys(table=True)
                self.pos = self.text.find("]", self.pos) + 1
            else:
                self.key_value(table)

    def keys(self, table: bool = False) -> Loc:
        """Read a dotted key, recording each part's position; return the full path."""
        parts: list[str | int] = []
        while True:
            self.skip_blank(newlines=False)
            start = self.mark()
            if self.peek() in ('"', "'"):
                name = self.string()
            else:
                match = _BARE.match(self.text, self.pos)
                name = match.group(0) if match else ""
                self.pos = match.end() if match else self.pos + 1
            parts.append(name)
            loc = tuple(parts)
            self.doc.key_marks.setdefault(loc, start)
            if table:
                self.doc.value_marks.setdefault(loc, start)
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return loc
            self.pos += 1

    def key_value(self, table: Loc) -> None:
        start = self.pos
        relative = self.keys()
        loc = (*table, *relative)
        self.doc.key_marks[loc] = self.mark(start)
        for i in range(1, len(relative)):
            self.doc.key_marks.setdefault((*table, *relative[:i]), self.mark(start))
        self.skip_blank(newlines=False)
        if self.peek() == "=":
            self.pos += 1
        self.value(loc)

    def value(self, loc: Loc) -> None:
        self.skip_blank(newlines=False)
        self.doc.value_marks[loc] = self.mark()
        ch = self.peek()
        if ch in ('"', "'"):
            self.string()
        elif ch == "[":
            self.pos += 1
            index = 0
            while True:
                self.skip_blank(newlines=True)
                if self.peek() in ("]", ""):
                    self.pos += 1
                    return
                self.value((*loc, index))
                index += 1
                self.skip_blank(newlines=True)
                if self.peek() == ",":
                    self.pos += 1
        elif ch == "{":
            self.pos += 1
            while True:
                self.skip_blank(newlines=False)
                if self.peek() in ("}", ""):
                    self.pos += 1
                    return
                start = self.pos
                relative = self.keys()
                self.doc.key_marks[(*loc, *relative)] = self.mark(start)
                self.skip_blank(newlines=False)
                if self.peek() == "=":
                    self.pos += 1
                self.value((*loc, *relative))
                self.skip_blank(newlines=False)
                if self.peek() == ",":
                    self.pos += 1
        else:
            # A number, boolean or date: it runs to the next delimiter.
            match = re.compile(r"[^,\]}\n#]*").match(self.text, self.pos)
            self.pos = match.end() if match else self.pos + 1
            while self.pos > 0 and self.text[self.pos - 1] in " \t":
                self.pos -= 1

    def string(self) -> str:
        """Skip a string of any of TOML's four kinds; return its raw content."""
        quote = self.peek()
        if self.peek(3) == quote * 3:
            end = self.text.find(quote * 3, self.pos + 3)
            # A closing delimiter may be followed by up to two more quotes of content.
            while self.text[end + 3 : end + 4] == quote:
                end += 1
            content = self.text[self.pos + 3 : end]
            self.pos = end + 3
            return content
        i = self.pos + 1
        while i < len(self.text) and self.text[i] != quote:
            i += 2 if quote == '"' and self.text[i] == "\\" else 1
        content = self.text[self.pos + 1 : i]
        self.pos = i + 1
        return content
