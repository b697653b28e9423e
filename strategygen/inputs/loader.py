"""Load profile files into CountryProfile objects, turning every fault into a located Problem."""

from __future__ import annotations

import difflib
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from strategygen.errors import Problem, ProfileError
from strategygen.inputs.profile import CountryProfile
from strategygen.inputs.yamlsource import Loc, YamlDocument, read_yaml_file, read_yaml_text

_MAX_GOT = 40

# Plain-words versions of the regular expressions in the model, by field name.
_PATTERN_HELP = {
    "iso3": "must be three upper-case letters, for example 'JAM'",
    "iso2": "must be two upper-case letters, for example 'JM'",
    "url": "must be a web address starting with http:// or https://, without spaces",
    "document_language": "must be a language tag such as 'en' or 'en-GB'",
}
_SOURCE_ID_HELP = (
    "must be a source id: lower-case letters, digits, '.', '_' or '-', starting with a letter "
    "or digit"
)
for _name in ("source", "use_cases_source", "id"):
    _PATTERN_HELP[_name] = _SOURCE_ID_HELP


def load_profile(path: Path, display: str | None = None) -> CountryProfile:
    """Read and validate one profile file.

    Args:
        path: The YAML file.
        display: How to name the file in messages (defaults to ``str(path)``).

    Raises:
        ProfileError: With every problem found, each located by line and column.

    """
    doc = read_yaml_file(path, display)
    return validate_document(doc)


def load_profile_text(text: str, display: str = "<string>") -> CountryProfile:
    """Validate a profile given as YAML text (used by tests and tools)."""
    return validate_document(read_yaml_text(text, display))


def validate_document(doc: YamlDocument) -> CountryProfile:
    """Validate a parsed YAML mapping as a CountryProfile, with located errors."""
    try:
        profile = CountryProfile.model_validate(doc.data, context={"defer_cross_checks": True})
    except ValidationError as exc:
        raise ProfileError(doc.display, translate_errors(exc, doc, CountryProfile)) from None
    problems = []
    for loc, message, got in profile.inconsistencies():
        typed: Loc = tuple(int(p) if p.isdigit() else p for p in loc)
        line, column = doc.locate(typed)
        problems.append(Problem(doc.display, line, column, dotted(typed), message, got))
    if problems:
        raise ProfileError(doc.display, sorted(problems, key=lambda p: (p.line, p.column)))
    return profile


def translate_errors(
    exc: ValidationError, doc: YamlDocument, model: type[BaseModel]
) -> list[Problem]:
    """Turn pydantic's errors into Problems that point into the YAML source."""
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc: Loc = tuple(error["loc"])
        kind = error["type"]
        got: str | None = _show(error.get("input"))
        if loc and loc[-1] == "[key]":
            # A bad mapping key (for instance an unknown narrative section name).
            loc = loc[:-1]
            line, column = doc.locate(loc, prefer_key=True)
            message = f"unknown name; {error['msg'].lower()}"
            got = repr(loc[-1]) if loc else got
        elif kind == "extra_forbidden":
            line, column = doc.locate(loc, prefer_key=True)
            message = "unknown key" + _suggestion(model, loc)
            got = None
        elif kind == "missing":
            line, column = doc.locate(loc)
            message = "required field is missing; add it"
            got = None
        elif kind in ("model_type", "dict_type", "list_type"):
            # Pydantic would say "instance of Identity": name the YAML shape instead.
            line, column = doc.locate(loc)
            message = (
                "must be a list ([a, b] or lines starting with '- ')"
                if kind == "list_type"
                else "must be a mapping of fields (name: value)"
            )
            got = _shape(error.get("input"))
        elif kind == "string_pattern_mismatch" and loc and loc[-1] in _PATTERN_HELP:
            line, column = doc.locate(loc)
            message = _PATTERN_HELP[str(loc[-1])]
        else:
            # A check on a whole block (a model validator) is reported at the block's key.
            line, column = doc.locate(loc, prefer_key=isinstance(error.get("input"), dict))
            message = _plain(str(error["msg"]))
        problems.append(Problem(doc.display, line, column, dotted(loc), message, got))
    return sorted(problems, key=lambda p: (p.line, p.column))


def _plain(message: str) -> str:
    """Drop pydantic's prefixes ("Value error, ", "Assertion failed, ") from a message."""
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message


def dotted(loc: Loc) -> str:
    """Render a location as ``a.b[2].c``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


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


def _suggestion(model: type[BaseModel], loc: Loc) -> str:
    valid = fields_at(model, loc[:-1])
    if not valid:
        return ""
    close = difflib.get_close_matches(str(loc[-1]), valid, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"; {hint}valid keys here: {', '.join(valid)}"


def fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """List the field names allowed at ``loc`` inside ``model`` (empty if not a model)."""
    current: Any = model
    for part in loc:
        current = _model_in(current)
        if isinstance(part, int) or not _is_model(current):
            # A list index, or a key inside a dict-valued field: step into the element type.
            current = _element_type(current)
        elif part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return []
    current = _model_in(current)
    return list(current.model_fields) if _is_model(current) else []


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _model_in(tp: Any) -> Any:
    """Strip Optional and Annotated wrappers to reach the model or container type."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else tp
            if len(args) != 1:
                return tp
        else:
            return tp


def _element_type(tp: Any) -> Any:
    tp = _model_in(tp)
    args = typing.get_args(tp)
    if typing.get_origin(tp) is list and args:
        return _model_in(args[0])
    if typing.get_origin(tp) is dict and len(args) == 2:
        return _model_in(args[1])
    return tp
