"""Reading a YAML data file into its model, with located errors and per-language text checks.

The bundled data files whose sentences reach the document (pillars, candidate sectors, the
KPI catalogue) are read the same way as profiles: parsed with their positions, validated
strictly, every fault reported as ``file:line:col: field: message``. A text field may carry
its translations (:mod:`strategygen.i18n.texts`); for a language declared complete, a text
without one is a located error too, so a complete language never falls back to English.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

import strategygen.i18n as i18n
from strategygen.errors import Problem, ProfileError
from strategygen.i18n.texts import missing_message, missing_texts, needs_every_text
from strategygen.inputs.problems import Loc, SourceMap, translate
from strategygen.inputs.yamlsource import read_yaml_file

M = TypeVar("M", bound=BaseModel)


def load_data_file(
    path: Path,
    model: type[M],
    kind: str,
    item_key: str | None = None,
    *,
    strict: bool = True,
    bundled: bool = False,
) -> M:
    """Read and validate ``path`` as ``model``; check every complete language's texts.

    Args:
        path: The YAML file.
        model: The model of the whole file.
        kind: What the file is, for messages ("KPI catalogue").
        item_key: The field that names an item of the file's top-level lists in messages
            (``key`` gives ``sectors[tourism].name``, not ``sectors[0].name``).
        strict: Validate strictly (no quoted numbers, no numbers for text).
        bundled: A file shipped with strategygen: parsed by libyaml and located only when
            a problem is found (see :func:`read_yaml_file`).

    Raises:
        ProfileError: Every problem found, each located by line and column.

    """
    doc = read_yaml_file(path, kind=kind, bundled=bundled)
    names = item_names(doc.data, item_key) if item_key else None
    try:
        parsed = model.model_validate(doc.data, strict=strict)
    except ValidationError as exc:
        raise ProfileError(doc.display, translate(exc, doc, model, names=names)) from None
    problems = untranslated(parsed, doc, i18n.COMPLETE_LANGUAGES, names=names)
    if problems:
        raise ProfileError(doc.display, problems)
    return parsed


def item_names(data: Mapping[str, object], key: str) -> dict[Loc, str]:
    """Label each item of the top-level lists by its ``key`` field, where it has a usable one."""
    names: dict[Loc, str] = {}
    for field, items in data.items():
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, dict) and isinstance(item.get(key), str) and item[key]:
                    names[(field, i)] = item[key]
    return names


def untranslated(
    parsed: BaseModel,
    source: SourceMap,
    languages: frozenset[str] | set[str],
    *,
    prefix: Loc = (),
    names: Mapping[Loc, str] | None = None,
) -> list[Problem]:
    """Return a located problem for each text of ``parsed`` lacking a complete language.

    ``prefix`` is where ``parsed`` stands in the file (``("rules", 3)`` for one rule).
    """
    problems = []
    for lang in sorted(languages):
        if not needs_every_text(lang):
            continue
        for loc in missing_texts(parsed, lang, prefix):
            problems.append(
                source.problem(loc, missing_message(lang), prefer_key=True, names=names)
            )
    return sorted(problems, key=lambda p: (p.line, p.column))
