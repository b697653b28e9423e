"""The sandboxed Jinja2 environment: loader with ``!default/``, filters, error locations."""

from __future__ import annotations

import functools
import hashlib
import os
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment, is_internal_attribute
from markupsafe import Markup

from strategygen import __version__
from strategygen.resources import shipped_dir

DEFAULT_PREFIX = "!default/"


class DefaultPrefixLoader(jinja2.BaseLoader):
    """Search override folders first, then the defaults; ``!default/x`` always means the default.

    The prefix lets an override template extend or include the template it replaces
    (``{% extends "!default/sections/vision.html" %}``) without recursing into itself.
    """

    def __init__(self, override_dirs: Sequence[Path], default_dir: Path) -> None:
        self.default_dir = default_dir
        self._all = jinja2.FileSystemLoader([*map(str, override_dirs), str(default_dir)])
        self._default = jinja2.FileSystemLoader(str(default_dir))

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        """Return the template source, from the default folder when the name has the prefix."""
        if template.startswith(DEFAULT_PREFIX):
            return self._default.get_source(environment, template[len(DEFAULT_PREFIX) :])
        return self._all.get_source(environment, template)

    def list_templates(self) -> list[str]:
        """List every template name reachable through this loader."""
        names = set(self._all.list_templates())
        names.update(DEFAULT_PREFIX + n for n in self._default.list_templates())
        return sorted(names)


# (type, attribute name) -> whether templates may read it; see Sandbox.is_safe_attribute.
_SAFE_ATTRIBUTES: dict[tuple[type, str], bool] = {}


class Sandbox(SandboxedEnvironment):
    """A sandbox that also hides pydantic's model API from templates."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Refuse private names and pydantic ``model_*`` methods (copy, validate, dump...)."""
        # Jinja's own check depends only on the object's type and the name, and a document
        # asks it thousands of times (a sixth of a warm render): remember each answer.
        key = (type(obj), attr)
        known = _SAFE_ATTRIBUTES.get(key)
        if known is None:
            known = not (attr.startswith(("_", "model_")) or is_internal_attribute(obj, attr))
            _SAFE_ATTRIBUTES[key] = known
        return known


def fmt_num(value: float | int | None, digits: int = 2) -> str:
    """Format a number with fixed decimals and thousands separators (``1,234.50``)."""
    if value is None:
        return "n/a"
    return f"{float(value):,.{digits}f}"


def fmt_int(value: float | int | None) -> str:
    """Format a whole number with thousands separators (``2,839,175``)."""
    if value is None:
        return "n/a"
    return f"{round(value):,d}"


def fmt_pct(share: float | None, digits: int = 0) -> str:
    """Format a 0-1 share as a percentage (``0.42`` -> ``42%``)."""
    if share is None:
        return "n/a"
    return f"{share * 100:.{digits}f}%"


def fmt_usd(value: tuple[float, float] | float | None) -> str:
    """Format a US$ amount or (low, high) range with k/m suffixes (``US$45k–120k``)."""
    from strategygen.assess.costs import money, money_range

    if value is None:
        return "n/a"
    if isinstance(value, tuple):
        return money_range(value) or "n/a"
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
    )
    env.filters["num"] = fmt_num
    env.filters["int"] = fmt_int
    env.filters["pct"] = fmt_pct
    env.filters["usd"] = fmt_usd
    return env


# Everything the compiled code of a template depends on besides its source (which Jinja
# checks itself, by checksum, before using a cached entry): our version, Jinja's, and the
# environment's settings. Python's version is in Jinja's own bytecode header.
_CACHE_KEY = hashlib.sha256(
    f"{__version__}|{jinja2.__version__}|sandbox|strict|lstrip|keepnl|html,htm,svg,xml".encode()
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
    """Read ``static/<name>`` from the first folder that has it (overrides first)."""
    for folder in [*map(Path, template_dirs), shipped_dir("templates")]:
        path = folder / "static" / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
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
