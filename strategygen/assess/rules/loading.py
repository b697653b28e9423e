"""Reading rule library folders: located errors, overrides, dependencies and their cycles.

Every fault is a ``RuleFileError`` whose lines read ``file:line:col: field: message``, the field
naming the rule by its id (``rules[STR-LEAD].when.fact``), as profile errors do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from strategygen.assess.rules.model import Rule, RuleFile
from strategygen.errors import Problem, ProfileError, RuleError, RuleFileError
from strategygen.i18n.texts import missing_texts, needs_every_text
from strategygen.inputs.datafile import untranslated
from strategygen.inputs.problems import Loc, SourceMap, did_you_mean, nearest, translate
from strategygen.inputs.yamlsource import read_yaml_file


@dataclass(frozen=True)
class _Origin:
    """Where a rule was written: its file's source map and its index in ``rules``."""

    source: SourceMap
    index: int

    def problem(self, loc: Loc, message: str, got: str | None = None) -> Problem:
        names: dict[Loc, str] = {
            ("rules", self.index): str(self.source.data["rules"][self.index]["id"])
        }
        return self.source.problem(("rules", self.index, *loc), message, got, names=names)


def _rule_names(data: object) -> dict[Loc, str]:
    """Label each rule in field paths by its id, where it has a usable one."""
    names: dict[Loc, str] = {}
    rules = data.get("rules") if isinstance(data, dict) else None
    if isinstance(rules, list):
        for i, item in enumerate(rules):
            if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"]:
                names[("rules", i)] = item["id"]
    return names


def _load_file(
    path: Path, library: str | None = None, shipped: bool = True, folder: Path | None = None
) -> list[tuple[Rule, _Origin]]:
    try:
        source = read_yaml_file(path, kind="rule file", inside=folder, bundled=shipped)
    except ProfileError as exc:
        raise RuleFileError(exc.path, exc.problems) from None
    try:
        parsed = RuleFile.model_validate(source.data, strict=True)
    except ValidationError as exc:
        problems = translate(exc, source, RuleFile, names=_rule_names(source.data))
        raise RuleFileError(source.display, problems) from None
    return [
        (Rule(spec, library or path.name, path, shipped), _Origin(source, i))
        for i, spec in enumerate(parsed.rules)
    ]


def load_rules(dirs: Iterable[Path]) -> tuple[Rule, ...]:
    """Load and validate every ``*.yaml`` rule file in ``dirs``.

    Files are read in name order within each folder. A rule in a later folder replaces a rule
    with the same id from an earlier folder (so a user folder can override a shipped rule);
    the same id twice within one folder is an error.

    Raises:
        RuleFileError: Located in the file, for any malformed rule, unknown fact path,
            operator, placeholder, KPI id or dependency, a repeated id, or a dependency cycle.

    """
    from strategygen.resources import shipped_dir

    shipped_root = shipped_dir("rules").resolve()
    by_id: dict[str, tuple[Rule, _Origin]] = {}
    for folder in dirs:
        seen: dict[str, _Origin] = {}
        shipped = Path(folder).resolve() == shipped_root
        for path in sorted(Path(folder).glob("*.yaml")):
            # A user's rule is labelled "folder/file" (not the full path, which would put
            # the consultant's disk layout into the document and change it per machine).
            label = path.name if shipped else f"{Path(folder).resolve().name}/{path.name}"
            for rule, origin in _load_file(path, label, shipped, Path(folder)):
                if rule.id in seen:
                    first = seen[rule.id]
                    line = first.source.locate(("rules", first.index, "id"))[0]
                    where = f"{Path(first.source.display).name} line {line}"
                    problem = origin.problem(("id",), f"duplicate id; already used in {where}")
                    raise RuleFileError(origin.source.display, [problem])
                seen[rule.id] = origin
                by_id[rule.id] = (rule, origin)
    _check_dependencies(by_id)
    return tuple(sorted((r for r, _ in by_id.values()), key=lambda r: r.id))


def _check_dependencies(by_id: Mapping[str, tuple[Rule, _Origin]]) -> None:
    """Every dependency must exist, and following them must never lead back to a rule."""
    for rule, origin in by_id.values():
        for i, dep in enumerate(rule.spec.depends_on):
            if dep not in by_id:
                message = f"unknown dependency: no rule has that id{did_you_mean(dep, by_id)}"
                problem = origin.problem(("depends_on", i), message, repr(dep))
                raise RuleFileError(origin.source.display, [problem])
    cycle = find_cycle({rid: rule.spec.depends_on for rid, (rule, _) in by_id.items()})
    if cycle:
        rule, origin = by_id[cycle[0]]
        index = rule.spec.depends_on.index(cycle[1])
        if len(cycle) == 2:
            message = "a rule cannot depend on itself"
        else:
            message = f"dependency cycle: {' -> '.join(cycle)}; remove one of these dependencies"
        problem = origin.problem(("depends_on", index), message, repr(cycle[1]))
        raise RuleFileError(origin.source.display, [problem])


def find_cycle(graph: Mapping[str, Sequence[str]]) -> list[str]:
    """Return one dependency cycle as ``[a, b, ..., a]`` (ids in order), or ``[]`` if none.

    The search starts from ids in sorted order, so the same library always reports the same
    cycle.
    """
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for dep in graph.get(node, ()):
            if state.get(dep) == 1:
                return [*path[path.index(dep) :], dep]
            if dep not in state and dep in graph:
                found = visit(dep)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


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
            close = nearest(bad.upper(), ids, n=4, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            lines.append(f"cannot disable rule {bad!r}: no rule has that id{hint}")
        lines.append("valid rule ids: " + ", ".join(ids))
        raise RuleError("\n".join(lines))
    return tuple(r for r in rules if r.id not in wanted)


def check_translated(rules: Sequence[Rule], lang: str) -> None:
    """Check that every rule has its texts in ``lang`` when that language is complete.

    A draft in a complete language never falls back to English, so a rule (a consultant's
    own included) whose finding, recommendation, title, owner or evidence lacks the
    language stops the build with a located error. Other languages fall back to English.

    Raises:
        RuleFileError: Located at each text that lacks the language, file by file.

    """
    if not needs_every_text(lang):
        return
    by_path: dict[Path, list[Rule]] = {}
    for rule in rules:
        by_path.setdefault(rule.path, []).append(rule)
    for path, in_file in sorted(by_path.items()):
        # The file is read again only to locate the fault; a complete library never is.
        source: SourceMap | None = None
        problems: list[Problem] = []
        for rule in in_file:
            if not missing_texts(rule.spec, lang):
                continue
            if source is None:
                source = read_yaml_file(path, kind="rule file", inside=path.parent)
            ids = [
                item.get("id") if isinstance(item, dict) else None for item in source.data["rules"]
            ]
            prefix: Loc = ("rules", ids.index(rule.id))
            names = {prefix: rule.id}
            problems += untranslated(rule.spec, source, {lang}, prefix=prefix, names=names)
        if problems and source is not None:
            raise RuleFileError(source.display, problems)
