"""How a build reports: progress on stderr (a bar on a terminal) and the summary table."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from strategygen.cli.common import display_path


class Progress:
    """Reports each finished document on stderr: a bar on a terminal, plain lines otherwise."""

    def __init__(self, total: int, *, enabled: bool, verbose: bool) -> None:
        self.total = total
        self.enabled = enabled and total > 0
        self.verbose = verbose
        self.tty = self.enabled and sys.stderr.isatty()
        self._width = 0

    def __call__(
        self, event: str, result: object, done: int, total: int, running: list[str]
    ) -> None:
        """Show one batch event: a document started or finished."""
        from strategygen.build.document import DocResult

        if not self.enabled:
            return
        if self.tty:
            self._draw(done, running)
            if isinstance(result, DocResult) and result.status == "failed":
                self._clear()
                click.echo(f"failed: {_label(result)}", err=True)
                self._draw(done, running)
            return
        if event == "done" and isinstance(result, DocResult):
            width = len(str(total))
            line = f"[{done:>{width}}/{total}] {_label(result)}: {result.status}"
            if result.status in ("built", "failed"):
                line += f" ({result.seconds:.2f} s)"
            click.echo(line, err=True)
            if self.verbose:
                for output in result.outputs:
                    click.echo(f"  {display_path(output)}", err=True)
                for warning in result.warnings:
                    click.echo(f"  {warning_text(warning)}", err=True)

    def _draw(self, done: int, running: list[str]) -> None:
        import shutil

        columns = shutil.get_terminal_size((80, 20)).columns
        width = max(10, min(30, columns - 40))
        filled = int(width * done / self.total) if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        # Before a profile loads only its file is known; its stem is the code for shipped
        # and scaffolded profiles, short enough to fit the line.
        now = "building " + ", ".join(Path(r).stem for r in running) if running else ""
        text = f"[{bar}] {done}/{self.total} {now}"[: columns - 1]
        sys.stderr.write("\r" + text.ljust(self._width))
        sys.stderr.flush()
        self._width = len(text)

    def _clear(self) -> None:
        if self.tty and self._width:
            sys.stderr.write("\r" + " " * self._width + "\r")
            sys.stderr.flush()
            self._width = 0

    def finish(self) -> None:
        """Remove the bar before the summary is printed."""
        self._clear()


def _label(result: object) -> str:
    """Name a document by code and country when known, else by its profile file."""
    code = getattr(result, "code", None)
    country = getattr(result, "country", None)
    return f"{code} {country}" if code and country else str(getattr(result, "source", "?"))


def summary_table(results: list[Any]) -> list[str]:
    """Render the end-of-build table: country, formats, pages, time, warnings, status."""
    rows = [
        (
            _label(r),
            ",".join(r.formats) or "-",
            str(r.pages) if r.pages is not None else "-",
            f"{r.seconds:.2f} s" if r.status != "interrupted" else "-",
            str(len(r.warnings)),
            r.status,
        )
        for r in results
    ]
    head = ("country", "formats", "pages", "time", "warnings", "status")
    widths = [max(len(head[i]), *(len(row[i]) for row in rows)) for i in range(len(head))]
    widths[0] = min(widths[0], 40)

    def fmt(row: tuple[str, ...]) -> str:
        # Cut long names at the front: a file path's end (its name) is what tells files apart.
        first = row[0] if len(row[0]) <= widths[0] else "…" + row[0][-(widths[0] - 1) :]
        return (
            f"{first:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:>{widths[2]}}  "
            f"{row[3]:>{widths[3]}}  {row[4]:>{widths[4]}}  {row[5]}"
        )

    lines = [fmt(head), "-" * len(fmt(head))]
    lines += [fmt(row) for row in rows]
    return lines


def warning_text(warning: str) -> str:
    """Name the tool a warning comes from: the office writers prefix theirs, WeasyPrint not."""
    return warning if warning.startswith(("docx: ", "odt: ")) else f"WeasyPrint {warning}"
