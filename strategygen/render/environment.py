"""The sandboxed Jinja2 environment: loader with ``!default/``, filters, error locations."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path
from markupsafe import Markup

from strategygen import __version__
from strategygen.errors import TemplateError
from strategygen.files import FileRefused, confined, read_input
from strategygen.i18n import formats
from strategygen.i18n.catalog import translations
from strategygen.render.sandbox import Sandbox, install_bounds
from strategygen.render.typeset import register_filters
from strategygen.resources import shipped_dir

DEFAULT_PREFIX = "!default/"


#: The largest template or stylesheet read (a default template is under 40 KiB).
MAX_TEMPLATE_BYTES = 1024 * 1024

#: Template files the loader lists (what ``templates list`` and the ToC look for).
_TEMPLATE_SUFFIXES = (".html", ".htm", ".svg", ".xml", ".css", ".txt", ".md")


class DefaultPrefixLoader(jinja2.BaseLoader):
    """Search override folders first, then the defaults; ``!default/x`` always means the default.

    The prefix lets an override template extend or include the template it replaces
    (``{% extends "!default/sections/vision.html" %}``) without recursing into itself.
    Every template is read as a regular file that must resolve inside the folder it was
    found in: a symlink to a system file, a FIFO or a device is refused by name.
    """

    def __init__(self, override_dirs: Sequence[Path], default_dir: Path) -> None:
        self.default_dir = default_dir
        self.folders = [*map(Path, override_dirs), default_dir]

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        """Return the template source, from the default folder when the name has the prefix.

        Raises:
            jinja2.TemplateNotFound: No folder has the template (or the name has ``..``).
            TemplateError: The template is a link out of its folder, not a regular file,
                too large, unreadable or not UTF-8.

        """
        if template.startswith(DEFAULT_PREFIX):
            folders, name = [self.default_dir], template[len(DEFAULT_PREFIX) :]
        else:
            folders, name = self.folders, template
        # split_template_path refuses '..' and absolute names, as FileSystemLoader does.
        pieces = split_template_path(name)
        for folder in folders:
            path = folder.joinpath(*pieces)
            if not os.path.lexists(path):
                continue
            text = read_confined_text(path, folder, "template")
            mtime = os.path.getmtime(path)
            return text, str(path), lambda p=path, m=mtime: os.path.getmtime(p) == m
        raise jinja2.TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        """List every template name reachable through this loader."""
        names: set[str] = set()
        for folder in self.folders:
            found = list_templates(folder)
            names.update(found)
            if folder == self.default_dir:
                names.update(DEFAULT_PREFIX + n for n in found)
        return sorted(names)


def list_templates(folder: Path) -> list[str]:
    """Template names under ``folder``; symlinked folders are not entered (no loops)."""
    out: list[str] = []
    for dirpath, _dirs, files in os.walk(folder, followlinks=False):
        rel = Path(dirpath).relative_to(folder)
        out += [(rel / f).as_posix() for f in files if f.endswith(_TEMPLATE_SUFFIXES)]
    return out


def read_confined_text(path: Path, folder: Path, what: str) -> str:
    """Read a template or stylesheet that must be a regular UTF-8 file inside ``folder``.

    Raises:
        TemplateError: Naming the file and what is wrong (a link out of the folder, a FIFO,
            a device, a folder, too large, unreadable, not UTF-8).

    """
    try:
        data = read_input(path, limit=MAX_TEMPLATE_BYTES, what=what, inside=folder)
    except FileRefused as exc:
        # Located like any unreadable input file: the whole file is at fault (0:0).
        at = 1 if exc.reason == "size" else 0
        raise TemplateError(f"{path}:{at}:{at}: {exc.message}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise TemplateError(
            f"{path}:{line}:{column}: the {what} is not valid UTF-8; save it with UTF-8 encoding"
        ) from None


def fmt_num(value: float | int | None, digits: int = 2) -> str:
    """Format a number with fixed decimals in the document's locale (``1,234.50``, ``1.234,50``)."""
    return formats.decimal(value, digits)


def fmt_int(value: float | int | None) -> str:
    """Format a whole number with the locale's grouping (``2,839,175``)."""
    return formats.integer(value)


def fmt_pct(share: float | None, digits: int = 0) -> str:
    """Format a 0-1 share as a percentage in the document's locale (``0.42`` -> ``42%``)."""
    return formats.percent(share, digits)


def fmt_date(day: dt.date | None) -> str:
    """Format a date in words in the document's locale ("30 de noviembre de 2026")."""
    if day is None:
        return formats.not_available()
    return formats.long_date(dt.date(day.year, day.month, day.day))


def fmt_usd(value: tuple[float, float] | float | None) -> str:
    """Format a US$ amount or (low, high) range with k/m suffixes (``US$45k–120k``)."""
    from strategygen.assess.costs import money, money_range

    if value is None:
        return formats.not_available()
    if isinstance(value, tuple):
        return money_range(value) or formats.not_available()
    return money(float(value))


def make_environment(template_dirs: Sequence[Path | str] = ()) -> jinja2.Environment:
    """Create the sandboxed Jinja2 environment over override folders and the defaults.

    Args:
        template_dirs: Override folders, searched in order before the shipped templates.

    """
    default_dir = shipped_dir("templates")
    env = Sandbox(
        loader=DefaultPrefixLoader([Path(d) for d in template_dirs], default_dir),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "htm", "svg", "xml")),
        # trim_blocks stays off: prose often continues on the line after an
        # `{% endif %}`, and trimming that newline would glue two words together.
        trim_blocks=False,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=bytecode_cache(),
        # {% trans %} and _() in templates; the catalogue of the document's language is
        # installed before each render (install_translations).
        extensions=["jinja2.ext.i18n"],
    )
    # {% trans %} blocks are written over several lines: their whitespace is collapsed,
    # as pybabel extracts them (babel.cfg: trimmed = true), so the ids match.
    env.policies["ext.i18n.trimmed"] = True
    env.filters["num"] = fmt_num
    env.filters["int"] = fmt_int
    env.filters["pct"] = fmt_pct
    env.filters["usd"] = fmt_usd
    env.filters["date"] = fmt_date
    install_bounds(env)
    register_filters(env)
    return env


def install_translations(env: jinja2.Environment, lang: str, template_dirs: Sequence[str]) -> None:
    """Give the templates the catalogue of ``lang`` (the override folders' entries first).

    New-style gettext: ``_("%(n)s rules", n=3)`` and ``{% trans %}`` escape the values
    they are given and never fail on a missing one, and the same message id is used
    whether a template writes it in a tag or a call.
    """
    env.install_gettext_translations(  # type: ignore[attr-defined]
        translations(lang, tuple(template_dirs)), newstyle=True
    )


# Everything the compiled code of a template depends on besides its source (which Jinja
# checks itself, by checksum, before using a cached entry): our version, Jinja's, and the
# environment's settings. Python's version is in Jinja's own bytecode header.
_CACHE_KEY = hashlib.sha256(
    # The intercepted operators change the compiled code (they call the sandbox's bounds).
    # The i18n extension with new-style gettext compiles {% trans %} into calls of its own.
    f"{__version__}|{jinja2.__version__}|sandbox|strict|lstrip|keepnl|html,htm,svg,xml|"
    "i18n-newstyle-trimmed|"
    f"binops={','.join(sorted(Sandbox.intercepted_binops))}".encode()
).hexdigest()[:16]


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """A bytecode cache that never fails a render: a bad entry or a failed write is skipped."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a truncated or foreign file: compile from source instead
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # read-only or full disk: the next run compiles again
            pass


def cache_dir() -> Path:
    """Return the user cache folder: ``$XDG_CACHE_HOME/strategygen`` or ``~/.cache/strategygen``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "strategygen"


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Return the cache of compiled templates shared between runs, or None if unusable.

    Compiling the templates is most of a one-document build's time, so compiled code is
    kept in the user cache folder. Jinja checks each entry against its template's source,
    so an edited template is compiled again. The folder must belong to this user and be
    writable by no one else (its contents are executed); otherwise, or when it cannot be
    created, templates are simply compiled every run.
    """
    folder = cache_dir() / f"templates-{_CACHE_KEY}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
        if info.st_uid != os.getuid() or info.st_mode & 0o022:
            return None
    except OSError:
        return None
    return _QuietBytecodeCache(str(folder))


@functools.lru_cache(maxsize=8)
def cached_environment(template_dirs: tuple[str, ...]) -> jinja2.Environment:
    """Return this process's environment for ``template_dirs`` (created on first use)."""
    # Compiling the templates costs about 200 ms; a batch reuses one environment per
    # template search path so that only the first document of a run pays for it.
    # Templates import their macros "with context", so macro modules are rebuilt for
    # every render from the current globals and no country's data leaks into another.
    return make_environment(template_dirs)


def read_css(name: str, template_dirs: Sequence[Path | str]) -> str | None:
    """Read ``static/<name>`` from the first folder that has it (overrides first).

    Raises:
        TemplateError: The stylesheet leads out of its ``static/`` folder through a link,
            is not a regular file, is too large or is not UTF-8.

    """
    for folder in [*map(Path, template_dirs), shipped_dir("templates")]:
        static = folder / "static"
        path = static / name
        if os.path.lexists(path):
            try:
                # static/ itself may not be a link out of the template folder either.
                confined(static, folder)
            except FileRefused as exc:
                raise TemplateError(f"{static}:0:0: {exc.message}") from None
            return read_confined_text(path, static, "stylesheet")
    return None


def css_markup(text: str | None) -> Markup | None:
    """Mark a stylesheet safe to inline in ``<style>`` (``</`` escaped), or None."""
    # The CSS is our own file, not profile data; only '</style' could break out of it.
    if text is None:
        return None
    return Markup(text.replace("</", "<\\/"))


def template_location(exc: BaseException) -> str:
    """Find the template file and line an exception was raised in (Jinja rewrites frames)."""
    lineno = getattr(exc, "lineno", None)
    name = getattr(exc, "filename", None) or getattr(exc, "name", None)
    if isinstance(exc, jinja2.TemplateSyntaxError) and name:
        return f"{name}:{lineno or 0}"
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".html", ".htm", ".svg", ".xml")):
            return f"{frame.filename}:{frame.lineno}"
    return f"{name}:{lineno or 0}" if name else "<template>"


def not_found_message(exc: jinja2.TemplateNotFound, template_dirs: Sequence[Path | str]) -> str:
    """Name the missing template and every folder that was searched for it, in order."""
    name = str(exc.name)
    default = shipped_dir("templates")
    if name.startswith(DEFAULT_PREFIX):
        searched = [default]
    else:
        searched = [*map(Path, template_dirs), default]
    where = ", ".join(str(f) for f in searched)
    return f"template not found: {name} (searched, in order: {where})"


def locate_in_templates(text: str, env: jinja2.Environment) -> str | None:
    """Find where ``text`` is written in the templates or stylesheets: ``file:line:col``.

    Used to point an error found in the rendered HTML (an external reference) back at the
    file a user can fix. Only templates this environment has loaded and the stylesheets
    it would read are searched, override folders first; None when it is in none of them.
    """
    loader = env.loader
    if not isinstance(loader, DefaultPrefixLoader) or not text:
        return None
    loaded = {t.filename for t in (env.cache or {}).values() if t.filename}
    candidates: list[tuple[Path, Path]] = []
    for folder in loader.folders:
        for name in sorted(list_templates(folder)):
            path = folder / name
            if str(path) in loaded or name.startswith("static/"):
                candidates.append((folder, path))
    needles = dict.fromkeys([text, str(Markup.escape(text)), text.replace("&", "&amp;")])
    for folder, path in candidates:
        try:
            source = read_confined_text(path, folder, "template")
        except TemplateError:
            continue
        for needle in needles:
            at = source.find(needle)
            if at >= 0:
                line = source.count("\n", 0, at) + 1
                column = at - (source.rfind("\n", 0, at) + 1) + 1
                return f"{path}:{line}:{column}"
    return None
