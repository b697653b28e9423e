"""The one translator from validation errors to located problems: ``file:line:col: field: message``.

Every input the tool reads (profiles, themes, the project file, rule files, the KPI catalogue)
is parsed into a ``SourceMap``: the data plus where each key and value stands in the file. A
pydantic ``ValidationError`` is then turned into ``Problem``s that point at that place, name the
field as a dotted path (``colours.accent``, ``rules[STR-LEAD].when.fact``), say in plain words
what is wrong and show the value given. An unknown key always suggests the nearest valid one.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from strategygen.errors import Problem

Loc = tuple[str | int, ...]

_MAX_GOT = 40


@dataclass
class SourceMap:
    """Parsed data and where each of its parts stands in the source file (1-based line, col)."""

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

    def problem(
        self,
        loc: Loc,
        message: str,
        got: str | None = None,
        *,
        prefer_key: bool = False,
        names: Mapping[Loc, str] | None = None,
    ) -> Problem:
        """Make a Problem located at ``loc`` (for checks made after validation)."""
        line, column = self.locate(loc, prefer_key=prefer_key)
        return Problem(self.display, line, column, dotted(loc, names), message, got)


@dataclass(frozen=True)
class PatternHelp:
    """Plain words for a field's regular expression, put in its ``Annotated`` metadata.

    ``Annotated[str, Field(pattern=r"^#[0-9a-f]{6}$"), PatternHelp("must be a colour ...")]``
    makes a mismatch read "must be a colour ..." instead of quoting the expression.
    """

    text: str


def nearest(name: str, valid: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """Return up to ``n`` names from ``valid`` closest to ``name`` (case-insensitive)."""
    choices = list(valid)
    by_lower = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(name.lower(), list(by_lower), n=n, cutoff=cutoff)
    return [by_lower[c] for c in close]


def did_you_mean(name: str, valid: Iterable[str], cutoff: float = 0.6) -> str:
    """Return ``"; did you mean 'x'?"`` for the nearest valid name, or ``""`` if none is close."""
    close = nearest(name, valid, cutoff=cutoff)
    return f"; did you mean {close[0]!r}?" if close else ""


def dotted(loc: Loc, names: Mapping[Loc, str] | None = None) -> str:
    """Render a location as ``a.b[2].c``; ``names`` may name list items (``rules[STR-LEAD]``)."""
    out = ""
    for i, part in enumerate(loc):
        if isinstance(part, int):
            label = (names or {}).get(tuple(loc[: i + 1]), str(part))
            out += f"[{label}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def translate(
    exc: ValidationError,
    source: SourceMap,
    model: type[BaseModel],
    *,
    names: Mapping[Loc, str] | None = None,
) -> list[Problem]:
    """Turn pydantic's errors into Problems that point into the source, sorted by position.

    Args:
        exc: The error raised by ``model.model_validate(source.data)``.
        source: The parsed file.
        model: The model validated (used to name valid keys and strip union tags).
        names: Labels for list items in field paths, by location.

    """
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        walk = _walk(model, tuple(error["loc"]))
        loc = walk.loc
        kind = error["type"]
        ctx = error.get("ctx") or {}
        got: str | None = _show(error.get("input"))
        prefer_key = False
        if loc and loc[-1] == "[key]":
            # A bad mapping key (for instance an unknown narrative section name).
            loc = loc[:-1]
            prefer_key = True
            message = f"unknown name; {_plain(str(error['msg'])).lower()}"
            got = repr(loc[-1]) if loc else got
        elif kind == "extra_forbidden":
            prefer_key = True
            message = "unknown key" + _key_hint(str(loc[-1]), walk.valid_keys)
            got = None
        elif kind == "missing":
            message = "required field is missing; add it"
            got = None
        elif kind in ("union_tag_invalid", "union_tag_not_found"):
            key = str(ctx.get("discriminator", "kind")).strip("'\"")
            listed = str(ctx.get("expected_tags", ""))
            expected = walk.tags or [t.strip(" '") for t in listed.split(",") if t.strip()]
            tag = str(ctx.get("tag", ""))
            if kind == "union_tag_invalid":
                loc = (*loc, key)
                message = f"must be one of {', '.join(expected)}{did_you_mean(tag, expected)}"
                got = repr(tag)
            else:
                message = f"needs a {key!r} key, one of {', '.join(expected)}"
                got = None
        elif kind in ("model_type", "dict_type", "list_type", "model_attributes_type"):
            # Pydantic would say "instance of Identity": name the YAML shape instead.
            message = (
                "must be a list ([a, b] or lines starting with '- ')"
                if kind == "list_type"
                else "must be a mapping of fields (name: value)"
            )
            got = _shape(error.get("input"))
        elif kind == "string_pattern_mismatch" and walk.pattern_help:
            message = walk.pattern_help
        elif kind in _NUMBER_ERRORS:
            message = _number_message(kind, error.get("input"))
        elif kind == "string_type":
            message = "must be text" + (
                " (put it in quotes)" if isinstance(error.get("input"), (int, float)) else ""
            )
        else:
            # A check on a whole block (a model validator) is reported at the block's key.
            prefer_key = isinstance(error.get("input"), dict)
            message = _plain(str(error["msg"]))
        problems.append(source.problem(loc, message, got, prefer_key=prefer_key, names=names))
    return sorted(problems, key=lambda p: (p.line, p.column))


_NUMBER_ERRORS = frozenset(
    {"int_type", "int_parsing", "int_from_float", "float_type", "float_parsing", "finite_number"}
)


def _number_message(kind: str, given: Any) -> str:
    """Say plainly what a number field needs (strict: no true/false, no quoted digits)."""
    if kind == "finite_number":
        return "must be a finite number"
    message = "must be a whole number" if kind.startswith("int") else "must be a number"
    if isinstance(given, bool):
        return message + " (true and false are not numbers)"
    if isinstance(given, str) and _numeric(given):
        # YAML reads an exponent without a dot and sign (1e5) as text, not as a number.
        hint = (
            "remove the quotes"
            if kind.startswith("int")
            else "remove any quotes; write 1e5 as 1.0e+5"
        )
        return f"{message}, not text ({hint})"
    return message


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """List the keys allowed at ``loc`` inside ``model`` (empty if it is not a model there)."""
    walk = _walk(model, (*loc, "\0"))
    return walk.valid_keys


# ---------------------------------------------------------------------------------------------
# Walking a model's types along an error location.


@dataclass
class _Walk:
    loc: Loc
    """The location without the union tags pydantic adds (``leaf``, ``text``, ``bool``)."""
    valid_keys: list[str]
    """Keys allowed in the model that holds the last part of ``loc``."""
    pattern_help: str | None
    """PatternHelp text of the last field, if it has one."""
    tags: list[str]
    """The tags a union at the end of ``loc`` accepts."""


def _walk(model: type[BaseModel], raw: Loc) -> _Walk:
    tp: Any = model
    clean: list[str | int] = []
    valid: list[str] = []
    meta: list[Any] = []
    for part in raw:
        tp, found = _peel(tp)
        # A field type validated as a model (a text with its translations) names its keys.
        tp = getattr(tp, "__validated_as__", tp)
        meta = found
        if part == "[key]":
            clean.append(part)
            tp = None
            continue
        if _union_members(tp):
            member = _member_for(tp, part)
            if member is not None or isinstance(part, str):
                # The part names a union member (a tag or a type label), not a key.
                tp = member
                continue
        if _is_model(tp):
            keys = _keys(tp)
            valid = list(keys)
            clean.append(part)
            info = keys.get(str(part))
            tp = info.annotation if info else None
            meta = list(info.metadata) if info else []
            continue
        clean.append(part)
        valid = []
        tp = _element(tp)
    tp, found = _peel(tp)
    meta += found
    helps = [m.text for m in meta if isinstance(m, PatternHelp)]
    return _Walk(tuple(clean), valid, helps[0] if helps else None, _tags(tp))


def _keys(model: type[BaseModel]) -> dict[str, FieldInfo]:
    """Return the model's fields by the key written in files (the alias where there is one)."""
    return {(f.alias or name): f for name, f in model.model_fields.items()}


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _peel(tp: Any) -> tuple[Any, list[Any]]:
    """Strip Annotated and Optional, collecting Annotated metadata; a real union stays."""
    meta: list[Any] = []
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            annotated = typing.get_args(tp)
            meta.extend(annotated[1:])
            tp = annotated[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(members) != 1:
                return tp, meta
            tp = members[0]
        else:
            return tp, meta


def _union_members(tp: Any) -> list[Any]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return [a for a in typing.get_args(tp) if a is not type(None)]
    return []


def _member_tags(member: Any) -> list[str]:
    """Return the names pydantic uses for a union member in error locations."""
    names: list[str] = []
    if typing.get_origin(member) is typing.Annotated:
        names += [str(m.tag) for m in typing.get_args(member)[1:] if hasattr(m, "tag")]
    inner, _ = _peel(member)
    if _is_model(inner):
        for info in inner.model_fields.values():
            if typing.get_origin(info.annotation) is typing.Literal and info.is_required():
                names += [str(v) for v in typing.get_args(info.annotation)]
        names.append(inner.__name__)
    return names


def _member_for(union: Any, part: str | int) -> Any:
    for member in _union_members(union):
        if str(part) in _member_tags(member):
            return member
    return None


def _tags(tp: Any) -> list[str]:
    """Return the discriminator values of a tagged union (empty for anything else)."""
    out: list[str] = []
    for member in _union_members(tp):
        tags = _member_tags(member)
        if tags:
            out.append(tags[0])
    return out


def _element(tp: Any) -> Any:
    args = typing.get_args(tp)
    origin = typing.get_origin(tp)
    if origin in (list, tuple, set, frozenset) and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None


def _key_hint(name: str, valid: Sequence[str]) -> str:
    if not valid:
        return ""
    close = nearest(name, valid)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"; {hint}valid keys here: {', '.join(valid)}"


def _plain(message: str) -> str:
    """Drop pydantic's prefixes ("Value error, ", "Assertion failed, ") from a message."""
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message


def _show(value: Any) -> str | None:
    if isinstance(value, (dict, list)):
        return None
    text = repr(value)
    return text if len(text) <= _MAX_GOT else text[: _MAX_GOT - 3] + "...'"


def _shape(value: Any) -> str | None:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return _show(value)
