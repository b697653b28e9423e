"""The template sandbox: data attributes only, a short list of harmless methods, bounded work.

Jinja2's :class:`~jinja2.sandbox.SandboxedEnvironment` hides private names but lets a
template call any public method of the objects it is given. Templates here receive plain
data (:mod:`strategygen.render.plain`); this sandbox also refuses, on any object, every
callable attribute that is not on the allow-list below, so a method that parses, loads,
copies or validates cannot be reached even if such an object slipped into the context.
It also bounds the work a template can ask for: huge powers, repetitions and paddings
are refused, and a render that runs too long is stopped with the template and line.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
import types
from collections.abc import Iterator, Mapping
from types import FrameType
from typing import Any

import jinja2
from jinja2.environment import TemplateModule
from jinja2.exceptions import SecurityError
from jinja2.runtime import BlockReference, LoopContext, Macro, TemplateReference
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace
from markupsafe import Markup

from strategygen.render.plain import Day, PlainMethod

# Read-only string methods. Padding methods (center, ljust, rjust, zfill, expandtabs)
# are left out: a template could ask them for a string of a billion characters.
_STR_METHODS = frozenset(
    {
        "capitalize", "casefold", "count", "endswith", "find", "format", "format_map",
        "index", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier",
        "islower", "isnumeric", "isprintable", "isspace", "istitle", "isupper", "join",
        "lower", "lstrip", "partition", "removeprefix", "removesuffix", "replace", "rfind",
        "rindex", "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith",
        "strip", "swapcase", "title", "upper",
    }
)  # fmt: skip

#: The only methods a template may reach, by the type of the object they belong to.
#: (``format`` and ``format_map`` on strings are Jinja's sandboxed formatter.)
SAFE_METHODS: tuple[tuple[type | tuple[type, ...], frozenset[str]], ...] = (
    (str, _STR_METHODS),
    (Markup, frozenset({"striptags", "unescape"})),
    ((Mapping, dict), frozenset({"get", "keys", "values", "items"})),
    ((tuple, list), frozenset({"index", "count"})),
    (Day, frozenset({"isoformat", "strftime"})),
)

#: Jinja's own runtime objects: their callable attributes are macros, blocks and loop
#: helpers written in templates, not methods of the data.
JINJA_RUNTIME: tuple[type, ...] = (
    TemplateModule,
    Macro,
    TemplateReference,
    BlockReference,
    LoopContext,
    Namespace,
    Cycler,
    Joiner,
)

#: Bounds on what one template expression may ask for.
MAX_EXPONENT = 64
MAX_REPEAT = 1_000_000
MAX_PAD = 1000

#: Seconds one document's templates may run (enforced in the main thread, where signals
#: are delivered; the worker processes of a batch render there).
RENDER_SECONDS = 60.0


def method_allowed(obj: Any, attr: str) -> bool:
    """Tell whether ``attr`` is an allowed method of ``obj`` (the allow-list above)."""
    if isinstance(obj, type):
        return False  # no class-level helpers: dict.fromkeys, str.maketrans...
    return any(isinstance(obj, kind) and attr in names for kind, names in SAFE_METHODS)


# (type, attribute name, kind of value) -> whether templates may read it.
_SAFE_ATTRIBUTES: dict[tuple[type, str, int], bool] = {}


class Sandbox(SandboxedEnvironment):
    """Jinja2's sandbox, allowing data attributes and the allow-listed methods only."""

    intercepted_binops = frozenset({"**", "*"})

    def compile(self, *args: Any, **kwargs: Any) -> Any:
        """Compile a template; the time spent does not count against the render's limit."""
        # Templates compile lazily, on first include; a large override set can take a
        # while on a busy machine, and that is not the template running away.
        with _paused():
            return super().compile(*args, **kwargs)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Refuse private names, pydantic ``model_*`` names and non-allow-listed callables."""
        # A document asks this thousands of times (a sixth of a warm render), so answers are
        # remembered by type, name and kind of value (plain method, other callable, data):
        # every rule below depends on those only.
        kind = 2 if isinstance(value, PlainMethod) else int(callable(value))
        key = (type(obj), attr, kind)
        known = _SAFE_ATTRIBUTES.get(key)
        if known is None:
            known = _SAFE_ATTRIBUTES[key] = self._decide(obj, attr, value)
        return known

    def _decide(self, obj: Any, attr: str, value: Any) -> bool:
        if attr.startswith("_") or attr.startswith("model_"):
            return False
        if isinstance(obj, (types.FunctionType, types.BuiltinFunctionType)):
            # A global function (gettext, range) is there to be called: none of its
            # attributes (Jinja's jinja_pass_arg marker, say) is data a template needs.
            return False
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if callable(value) and not isinstance(obj, JINJA_RUNTIME):
            return isinstance(value, PlainMethod) or method_allowed(obj, attr)
        return True

    def call_binop(self, context: jinja2.runtime.Context, op: str, left: Any, right: Any) -> Any:
        """Refuse powers and repetitions that would take minutes or gigabytes."""
        if op == "**" and _is_int(left) and _is_int(right) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"the exponent {right} is too large (at most {MAX_EXPONENT})")
        if op == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and _is_int(times):
                    if len(seq) * times > MAX_REPEAT:
                        raise SecurityError(
                            f"repeating a sequence {times} times is too large "
                            f"(at most {MAX_REPEAT} items)"
                        )
        return super().call_binop(context, op, left, right)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def bounded_center(value: Any, width: int = 80) -> str:
    """Center a value like the ``center`` filter, with a bounded width."""
    return str(value).center(_pad(width))


def bounded_indent(
    value: Any, width: int | str = 4, first: bool = False, blank: bool = False
) -> str:
    """Indent lines like the ``indent`` filter, with a bounded width."""
    from jinja2.filters import do_indent

    if isinstance(width, int):
        width = _pad(width)
    elif len(width) > MAX_PAD:
        raise SecurityError(f"indent text is too long (at most {MAX_PAD} characters)")
    return str(do_indent(value, width, first, blank))


def _pad(width: Any) -> int:
    if not _is_int(width) or width > MAX_PAD:
        raise SecurityError(f"width {width!r} is too large (at most {MAX_PAD})")
    return int(width)


def install_bounds(env: jinja2.Environment) -> None:
    """Replace the filters that can build huge strings with bounded versions."""
    env.filters["center"] = bounded_center
    env.filters["indent"] = bounded_indent
    # wordwrap(width=1e9) is only slow on already huge strings; it stays.


class RenderTimeout(Exception):
    """A template render ran past :data:`RENDER_SECONDS`."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`RenderTimeout` inside the block once ``seconds`` have passed.

    Uses the real-time timer signal, so it only works in the main thread of a process (a
    batch's workers render there too); elsewhere the block runs without a limit. A timer
    the caller had already set (a test runner's timeout, say) is kept: whichever is due
    first fires, and the caller's timer is re-armed for its remaining time afterwards.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return
    outer_handler = signal.getsignal(signal.SIGALRM)
    outer_left = signal.getitimer(signal.ITIMER_REAL)[0]
    outer_first = 0 < outer_left <= seconds
    started = time.monotonic()

    def expire(signum: int, frame: FrameType | None) -> None:
        if outer_first and callable(outer_handler):
            outer_handler(signum, frame)  # the caller's timer was due first
            return
        raise RenderTimeout(f"the templates ran for more than {seconds:g} s and were stopped")

    global _ARMED
    signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, outer_left if outer_first else seconds)
    _ARMED = True
    try:
        yield
    finally:
        _ARMED = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, outer_handler)
        if outer_left > 0 and not outer_first:
            left = outer_left - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))


# Whether time_limit's timer is running in this process (only in the main thread).
_ARMED = False


@contextlib.contextmanager
def _paused() -> Iterator[None]:
    """Stop the render timer for the duration of the block, then restart it where it was."""
    if not _ARMED or threading.current_thread() is not threading.main_thread():
        yield
        return
    remaining = signal.setitimer(signal.ITIMER_REAL, 0)[0]
    try:
        yield
    finally:
        if remaining > 0:
            signal.setitimer(signal.ITIMER_REAL, remaining)
