"""Command-line options: those the building commands share, and the tailoring settings.

:func:`output_options` and :func:`report_options` declare ``--format``, ``--output-dir``,
``--date``, ``--project``, ``-q``, ``-v`` and ``--json`` once for ``build`` and ``region``
(the two differ only in their default formats and in what the output folder receives).

Each field of :class:`strategygen.inputs.tailoring.Tailoring` with an option name becomes a
``build`` option: its help is the field's documentation and its shape (a folder, a file,
a choice, a flag, a repeatable value, a comma list) follows the field's type. Nothing
about a setting is spelled here, so the options cannot drift from the project file.

The options are attached when the command is first inspected (parsing or ``--help``):
deriving them loads the settings model and pydantic, which ``strategygen --help`` and the
other commands do not need.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def parse_formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    """Turn ``--format html,pdf`` (or ``all``) into the formats, in a fixed order."""
    from strategygen.build.plan import FORMATS

    asked = {part.strip().lower() for part in value.split(",") if part.strip()}
    if "all" in asked:
        asked = set(FORMATS)
    unknown = sorted(asked - set(FORMATS))
    if unknown or not asked:
        raise click.BadParameter(
            f"unknown format {', '.join(unknown) or repr(value)}; use html, pdf, docx, odt, "
            "a comma list of them, or all"
        )
    return tuple(f for f in FORMATS if f in asked)


def output_options(*, formats: str, receives: str, what: str) -> Callable[[F], F]:
    """Declare ``--format``, ``--output-dir``, ``--date`` and ``--project`` on a command.

    Args:
        formats: The default of ``--format`` (a comma list).
        receives: What the output folder receives, for ``--output-dir``'s help.
        what: What the build date is printed in ("document", "overview").

    """
    options = [
        click.option(
            "--format",
            "formats",
            default=formats,
            show_default=True,
            callback=parse_formats,
            help="Output formats: html, pdf (print-ready, via WeasyPrint), docx (Word, "
            "editable), odt (OpenDocument), a comma list (html,pdf) or all.",
        ),
        click.option(
            "--output-dir",
            type=click.Path(file_okay=False, path_type=Path),
            default=Path("output"),
            show_default=True,
            help=f"Folder that receives {receives}.",
        ),
        click.option(
            "--date",
            "build_date",
            type=click.DateTime(formats=["%Y-%m-%d"]),
            default=None,
            help=f"Build date printed in the {what} (default: SOURCE_DATE_EPOCH if set, "
            "else today).",
        ),
        click.option(
            "--project",
            "project_file",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            default=None,
            help="Project file (default: ./strategygen.toml when it exists).",
        ),
    ]

    def apply(command: F) -> F:
        # click lists options in the order their decorators are written, outermost first.
        for option in reversed(options):
            command = option(command)
        return command

    return apply


def report_options(command: F) -> F:
    """Declare ``-q``, ``-v`` and ``--json`` (what a building command prints) on a command."""
    for option in reversed(
        [
            click.option("-q", "--quiet", is_flag=True, help="Print only failures."),
            click.option(
                "-v", "--verbose", is_flag=True, help="Also list each file written and warnings."
            ),
            click.option(
                "--json",
                "as_json",
                is_flag=True,
                help="Print a machine-readable summary on stdout (progress stays on stderr).",
            ),
        ]
    ):
        command = option(command)
    return command


def _unwrap(annotation: Any) -> Any:
    """Strip ``X | None`` and ``Annotated[X, ...]`` down to ``X``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def tailoring_options(only: frozenset[str] | None = None) -> list[click.Option]:
    """Return one click option per tailoring setting that has a command-line spelling.

    Args:
        only: The settings a command uses (all of them when None).

    """
    from strategygen.inputs.tailoring import Tailoring, settings

    options: list[click.Option] = []
    for name, setting in settings():
        if setting.option is None or (only is not None and name not in only):
            continue
        info = Tailoring.model_fields[name]
        help_text = ""
        kind = _unwrap(info.annotation)
        element = _unwrap(typing.get_args(kind)[0]) if typing.get_origin(kind) is tuple else None
        extra: dict[str, Any] = {"metavar": setting.metavar} if setting.metavar else {}
        decls = [setting.option, name]
        if kind is bool and info.default is None:
            stem = setting.option.removeprefix("--")
            decls = [f"--{stem}/--no-{stem}", name]
            extra["default"] = None
        elif kind is bool:
            extra["is_flag"] = True
        elif typing.get_origin(kind) is typing.Literal:
            extra["type"] = click.Choice([str(v) for v in typing.get_args(kind)])
        elif kind is Path:
            extra["type"] = click.Path(exists=True, dir_okay=False, path_type=Path)
        elif element is not None and not setting.comma:
            extra["multiple"] = True
            help_text += " Repeatable."
            if element is Path:
                extra["type"] = click.Path(exists=True, file_okay=False, path_type=Path)
        help_text += f" Project file: [{setting.table}] {name}."
        options.append(_SettingOption(decls, setting=name, more=help_text, **extra))
    return options


@functools.cache
def _setting_docs() -> dict[str, str]:
    """Every tailoring setting's documentation, read from the source once."""
    from strategygen.inputs.docs import attribute_docs
    from strategygen.inputs.tailoring import Tailoring

    return attribute_docs(Tailoring)


class _SettingOption(click.Option):
    """A tailoring option whose help, the setting's documentation, is read when it is shown.

    The documentation is the string under each field of ``Tailoring``, which is read by
    parsing the class's source: a fifth of a second's worth of work at every build would be
    spent on help that only ``--help`` prints.
    """

    def __init__(self, decls: list[str], *, setting: str, more: str, **extra: Any) -> None:
        """Declare the option for the tailoring field ``setting``; ``more`` ends its help."""
        self._setting = setting
        self._more = more
        super().__init__(decls, **extra)

    @property
    def help(self) -> str:
        """The field's documentation, then what ``more`` adds (repeatable, project key)."""
        return _setting_docs().get(self._setting, "") + self._more

    @help.setter
    def help(self, value: str | None) -> None:
        # click's constructor assigns the help it was given (none): the property stands.
        pass


def tailoring_from_options(values: dict[str, Any]) -> Any:
    """Build a Tailoring from the parsed option values; an invalid value is a UsageError.

    Raises:
        UsageError: Naming the option and what is wrong with its value.

    """
    from pydantic import ValidationError

    from strategygen.errors import UsageError
    from strategygen.inputs.tailoring import Tailoring, settings

    given: dict[str, Any] = {}
    spelled: dict[str, str] = {}
    for name, setting in settings():
        if setting.option is None or name not in values:
            continue
        value = values[name]
        spelled[name] = setting.option
        if setting.comma and value is None:
            continue  # not given: the field's default (or the project file's value) holds
        if setting.comma:
            value = tuple(part.strip() for part in value.split(",") if part.strip())
        given[name] = value
    try:
        return Tailoring.model_validate(given)
    except ValidationError as exc:
        lines = []
        for error in exc.errors(include_url=False):
            loc = error["loc"]
            option = spelled.get(str(loc[0]), str(loc[0]))
            message = str(error["msg"]).removeprefix("Value error, ")
            # One item of a list option: name it, as the user typed it.
            item = f" {error['input']}" if len(loc) > 1 and isinstance(loc[1], int) else ""
            lines.append(f"{option}{item}: {message}")
        raise UsageError("\n".join(lines)) from None


class TailoredCommand(click.Command):
    """A command whose tailoring options are added the first time its options are read."""

    _loaded = False
    #: The tailoring settings the command offers as options (None: every one).
    tailoring_fields: frozenset[str] | None = None

    @property
    def params(self) -> list[click.Parameter]:
        """The command's parameters, tailoring options included."""
        if not self._loaded:
            self._loaded = True
            # After the command's own input and output options, before --jobs and the
            # reporting flags.
            names = [p.name for p in self._params]
            at = names.index("jobs") if "jobs" in names else len(names)
            self._params[at:at] = tailoring_options(self.tailoring_fields)
        return self._params

    @params.setter
    def params(self, value: list[click.Parameter]) -> None:
        self._params = value
