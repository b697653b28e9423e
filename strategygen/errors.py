"""The project's error hierarchy: every failure a user can cause is one of these."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file.

    Attributes:
        path: The file the problem is in, as the user named it.
        line: 1-based line in that file, or 0 when unknown.
        column: 1-based column in that file, or 0 when unknown.
        field: Dotted field path (``readiness.pillars.government``), or ``""`` for the file.
        message: What is wrong and, where possible, what to do.
        got: A short rendering of the offending value, or ``None``.

    """

    path: str
    line: int
    column: int
    field: str
    message: str
    got: str | None = None

    def __str__(self) -> str:
        """Render as ``file:line:col: field: message (got 'value')``."""
        where = f"{self.path}:{self.line}:{self.column}"
        text = (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )
        if self.got is not None:
            text += f" (got {self.got})"
        return text


class StrategygenError(Exception):
    """Base class; ``str()`` is the text a user sees."""


@dataclass
class InputError(StrategygenError):
    """An input file that cannot be used; carries every located problem found in it."""

    path: str
    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        """Render all problems, one per line."""
        return "\n".join(str(p) for p in self.problems)


class ProfileError(InputError):
    """A profile, theme, project or other data file that cannot be loaded."""


class TemplateError(StrategygenError):
    """A template that is missing, malformed or refers to an undefined value."""


class RuleError(StrategygenError):
    """A rule library that cannot be used (a malformed file, an unknown rule id)."""


class RuleFileError(InputError, RuleError):
    """A rule library file with located problems (``file:line:col: field: message``)."""


class RenderError(StrategygenError):
    """A document could not be rendered (HTML or PDF)."""


class UsageError(StrategygenError):
    """A command-line request that cannot be carried out (unknown code, existing file...)."""
