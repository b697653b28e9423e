"""Field documentation from attribute docstrings, read only when it is wanted.

The input models document each field with a string under it (an attribute docstring). Pydantic
can read those itself (``use_attribute_docstrings``), but it does so for every model class at
import, by extracting and parsing each class's source: about a tenth of a one-document build.
Only the JSON Schemas and ``--help`` need the text, so they ask for it here.
"""

from __future__ import annotations

import ast
import functools
import inspect
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel


@functools.cache
def _module_docs(filename: str) -> dict[str, dict[str, str]]:
    """Map each class in a source file (by qualified name) to its attribute docstrings."""
    tree = ast.parse(Path(filename).read_text(encoding="utf-8"))
    out: dict[str, dict[str, str]] = {}

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if not isinstance(node, ast.ClassDef):
                continue
            name = f"{prefix}{node.name}"
            docs: dict[str, str] = {}
            for first, second in zip(node.body, node.body[1:], strict=False):
                if (
                    isinstance(first, ast.AnnAssign)
                    and isinstance(first.target, ast.Name)
                    and isinstance(second, ast.Expr)
                    and isinstance(second.value, ast.Constant)
                    and isinstance(second.value.value, str)
                ):
                    docs[first.target.id] = inspect.cleandoc(second.value.value)
            out[name] = docs
            visit(node.body, f"{name}.")

    visit(tree.body, "")
    return out


def attribute_docs(model: type[BaseModel]) -> dict[str, str]:
    """Return ``{field: documentation}`` for ``model`` and the classes it inherits from."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        module = sys.modules.get(cls.__module__)
        filename = getattr(module, "__file__", None)
        if filename and filename.endswith(".py") and issubclass(cls, BaseModel):
            docs.update(_module_docs(filename).get(cls.__qualname__, {}))
    return docs


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """Yield every model class mentioned in a field annotation (lists, unions, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def document(root: type[BaseModel]) -> None:
    """Give every field of ``root`` and of the models it contains its documentation.

    Descriptions already set (``Field(description=...)``) are kept. The models are rebuilt,
    innermost first, so that JSON Schemas made afterwards carry the text; validation is
    unchanged.
    """
    order: list[type[BaseModel]] = []
    seen: set[type[BaseModel]] = set()

    def walk(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for info in model.model_fields.values():
            for inner in _models_in(info.annotation):
                walk(inner)
        order.append(model)

    walk(root)
    for model in order:  # post-order: a model after the models inside it
        docs = attribute_docs(model)
        changed = False
        for name, info in model.model_fields.items():
            if info.description is None and name in docs:
                info.description = docs[name]
                changed = True
        if changed:
            model.model_rebuild(force=True)
