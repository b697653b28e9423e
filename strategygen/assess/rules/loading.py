"""Reading rule library folders: validation with located errors, overrides, dependencies."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from strategygen.assess.rules.model import Rule, RuleFile
from strategygen.errors import RuleError


def _raw_rule_id(data: Any, loc: tuple[int | str, ...]) -> str:
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        try:
            return str(data["rules"][loc[1]].get("id", f"#{loc[1] + 1}"))
        except (KeyError, IndexError, TypeError, AttributeError):
            return f"#{loc[1] + 1}"
    return "-"


def _field(loc: Sequence[int | str]) -> str:
    """Dotted field path without the discriminator tags pydantic adds for conditions."""
    parts: list[str] = []
    for item in map(str, loc):
        # A condition's location repeats its tag ("all.all.0"); a leaf adds "leaf".
        if item == "leaf" or (parts and parts[-1] == item and item in ("all", "any", "not")):
            continue
        parts.append(item)
    return ".".join(parts)


def _message(text: str) -> str:
    return text.removeprefix("Value error, ")


def _load_file(path: Path, library: str | None = None, shipped: bool = True) -> list[Rule]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RuleError(f"{path}: cannot read rule file: {exc}") from None
    try:
        parsed = RuleFile.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            rid = _raw_rule_id(data, loc)
            lines.append(f"{path}: rule {rid}: {_field(loc[2:]) or 'rule'}: {_message(err['msg'])}")
        raise RuleError("\n".join(lines)) from None
    return [Rule(spec, library or path.name, path, shipped) for spec in parsed.rules]


def load_rules(dirs: Iterable[Path]) -> tuple[Rule, ...]:
    """Load and validate every ``*.yaml`` rule file in ``dirs``.

    Files are read in name order within each folder. A rule in a later folder replaces a rule
    with the same id from an earlier folder (so a user folder can override a shipped rule);
    the same id twice within one folder is an error.

    Raises:
        RuleError: Naming the file and rule id, for any malformed rule, unknown fact path,
            operator, placeholder, KPI id or dependency.

    """
    from strategygen.resources import shipped_dir

    shipped_root = shipped_dir("rules").resolve()
    by_id: dict[str, Rule] = {}
    for folder in dirs:
        seen: dict[str, Path] = {}
        shipped = Path(folder).resolve() == shipped_root
        for path in sorted(Path(folder).glob("*.yaml")):
            # A user's rule is labelled "folder/file" (not the full path, which would put
            # the consultant's disk layout into the document and change it per machine).
            label = path.name if shipped else f"{Path(folder).resolve().name}/{path.name}"
            for rule in _load_file(path, label, shipped):
                if rule.id in seen:
                    raise RuleError(
                        f"{path}: rule {rule.id}: duplicate id (also in {seen[rule.id].name})"
                    )
                seen[rule.id] = path
                by_id[rule.id] = rule
    for rule in by_id.values():
        for dep in rule.spec.depends_on:
            if dep not in by_id:
                raise RuleError(f"{rule.path}: rule {rule.id}: unknown dependency {dep!r}")
    return tuple(sorted(by_id.values(), key=lambda r: r.id))


def without_disabled(rules: Sequence[Rule], disabled: Iterable[str]) -> tuple[Rule, ...]:
    """Return ``rules`` minus those whose id is in ``disabled``.

    Raises:
        RuleError: For an id that is not in the library, naming the closest valid ids.

    """
    ids = [r.id for r in rules]
    wanted = list(dict.fromkeys(disabled))
    unknown = [d for d in wanted if d not in ids]
    if unknown:
        lines = []
        for bad in unknown:
            close = difflib.get_close_matches(bad.upper(), ids, n=4, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            lines.append(f"cannot disable rule {bad!r}: no rule has that id{hint}")
        lines.append("valid rule ids: " + ", ".join(ids))
        raise RuleError("\n".join(lines))
    return tuple(r for r in rules if r.id not in wanted)
