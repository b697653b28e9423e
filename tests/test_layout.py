"""The package layout: stages import only from themselves or earlier stages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "strategygen"
STAGES = ("inputs", "assess", "render", "build", "cli")


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every strategygen module ``path`` imports (at any depth: lazy imports count too)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, name) for line, name in found if name.startswith("strategygen.")]


def _stage(module: str) -> int | None:
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else None


@pytest.mark.parametrize("stage", STAGES)
def test_no_stage_imports_from_a_later_stage(stage: str) -> None:
    own = STAGES.index(stage)
    folder = PACKAGE / stage
    bad = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: imports {module}"
        for path in sorted(folder.rglob("*.py"))
        for line, module in _imported_modules(path)
        if (other := _stage(module)) is not None and other > own
    ]
    assert not bad, "\n".join(bad)


def test_shared_modules_import_no_stage() -> None:
    # Every module outside the stage folders that the stages may use (errors, resources,
    # files, names, words, the i18n package...) sits below inputs/: it imports no stage.
    # Only the API and the entry points sit above them.
    above = {"__init__.py", "__main__.py", "api.py"}
    shared = [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] not in STAGES
        and path.relative_to(PACKAGE).as_posix() not in above
    ]
    assert {"errors.py", "resources.py", "files.py", "names.py", "words.py"} <= {
        p.name for p in shared
    }
    for path in shared:
        stages = [m for _, m in _imported_modules(path) if _stage(m) is not None]
        assert not stages, f"{path.relative_to(PACKAGE)} imports {stages}"


def test_the_api_sits_above_the_stages_and_below_the_cli() -> None:
    modules = [m for _, m in _imported_modules(PACKAGE / "api.py")]
    assert not [m for m in modules if m.startswith("strategygen.cli")]
    # The package itself loads nothing at import time (its names load on first use).
    init = PACKAGE / "__init__.py"
    tree = ast.parse(init.read_text(encoding="utf-8"))
    eager = [
        node
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("strategygen")
    ]
    assert not eager
