"""The project file (``strategygen.toml``): a project's tailoring settings, kept with its files.

The file has two tables, ``[document]`` and ``[build]``; their keys are the fields of
:class:`~strategygen.inputs.tailoring.Tailoring` (each field's ``Setting`` names its table),
so the project file accepts exactly the settings the command line and the API accept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from strategygen.errors import ProfileError
from strategygen.inputs.problems import translate
from strategygen.inputs.tailoring import PROJECT_FILE, Tailoring, settings
from strategygen.inputs.tomlsource import read_toml_file

__all__ = ["PROJECT_FILE", "ProjectFile", "load_project"]

_CONFIG = ConfigDict(extra="forbid", frozen=True)


def _table(name: str) -> type[BaseModel]:
    """Build the model of one table from the tailoring fields that live in it."""
    fields: dict[str, Any] = {
        field: (Tailoring.model_fields[field].annotation, Tailoring.model_fields[field])
        for field, setting in settings()
        if setting.table == name
    }
    model: type[BaseModel] = create_model(f"{name.title()}Table", __config__=_CONFIG, **fields)
    return model


_DOCUMENT = _table("document")
_BUILD = _table("build")
ProjectFile: type[BaseModel] = create_model(
    "ProjectFile",
    __config__=_CONFIG,
    document=(_DOCUMENT, _DOCUMENT()),
    build=(_BUILD, _BUILD()),
)


def load_project(path: Path | str, display: str | None = None) -> Tailoring:
    """Read ``strategygen.toml`` into a Tailoring; every fault is a located ProfileError.

    Relative paths in the file are resolved against the file's folder.

    Raises:
        ProfileError: TOML syntax errors, unknown keys, unknown section names or placeholders.

    """
    path = Path(path)
    source = read_toml_file(path, display)
    try:
        parsed = ProjectFile.model_validate(source.data)
    except ValidationError as exc:
        raise ProfileError(source.display, translate(exc, source, ProjectFile)) from None
    base = path.resolve().parent
    values: dict[str, Any] = {}
    for table in ("document", "build"):
        values.update(getattr(parsed, table).model_dump(exclude_unset=True))
    for name, setting in settings():
        # Paths in the file are relative to the file, wherever the command runs.
        if setting.files and name in values:
            value = values[name]
            values[name] = (
                tuple(base / v for v in value) if isinstance(value, tuple) else base / value
            )
    return Tailoring.model_validate(values)
