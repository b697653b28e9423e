"""Plain, read-only data for templates: records, frozen mappings and tuples, no model API.

Templates (including a user's overrides) are untrusted code. The objects they receive must
not carry the methods of the types the data came from: a pydantic model offers
``parse_file``, ``parse_raw`` (which can unpickle), ``copy``, ``construct``, ``validate``,
``json`` and ``dict``; a ``datetime.date`` offers ``fromisoformat``. :func:`freeze` turns
models, dataclasses, dicts, lists and dates into the few types below, whose only public
attributes are data (a :class:`Day` also formats itself, and the assessment's own helper
methods, such as ``span_text``, are kept as :class:`PlainMethod`), before anything reaches
Jinja.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from typing import Any, cast

from markupsafe import Markup
from pydantic import BaseModel

#: Scalar types handed to templates unchanged (strings, numbers, booleans, None, Markup).
SCALARS: tuple[type, ...] = (str, int, float, bool, type(None), Markup)


class Record:
    """A read-only record: its public attributes are its fields, nothing else."""

    __slots__ = ("_fields", "_kind")
    _fields: dict[str, Any]
    _kind: str

    def __init__(self, kind: str, fields: Mapping[str, Any]) -> None:
        """Hold ``fields`` (already frozen) under the type name ``kind`` (for ``repr``)."""
        object.__setattr__(self, "_kind", kind)
        object.__setattr__(self, "_fields", dict(fields))

    def __getattr__(self, name: str) -> Any:
        """Return a field; anything else is missing (Jinja then reports it as undefined)."""
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        """Refuse every assignment: templates read data, they never change it."""
        raise AttributeError(f"{self._kind} is read-only")

    def __delattr__(self, name: str) -> None:
        """Refuse every deletion."""
        raise AttributeError(f"{self._kind} is read-only")

    def __dir__(self) -> list[str]:
        """List the field names (what ``dir()`` and the sandbox walk see)."""
        return sorted(self._fields)

    def __eq__(self, other: object) -> bool:
        """Compare by kind and fields, as the frozen models and dataclasses did."""
        if not isinstance(other, Record):
            return NotImplemented
        return self._kind == other._kind and self._fields == other._fields

    def __hash__(self) -> int:
        """Hash by kind and fields (every frozen value is hashable)."""
        return hash((self._kind, tuple(self._fields.items())))

    def __repr__(self) -> str:
        """Show the kind and fields, like a dataclass."""
        inner = ", ".join(f"{k}={v!r}" for k, v in self._fields.items())
        return f"{self._kind}({inner})"


class FrozenMap(Mapping[Any, Any]):
    """A read-only mapping: ``get``, ``keys``, ``values``, ``items``; no ``copy``, no update."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[Any, Any]) -> None:
        """Hold ``data`` (keys and values already frozen)."""
        self._data = dict(data)

    def __getitem__(self, key: Any) -> Any:
        """Return the value for ``key``."""
        return self._data[key]

    def __iter__(self) -> Iterator[Any]:
        """Iterate over the keys in their original order."""
        return iter(self._data)

    def __len__(self) -> int:
        """Return the number of entries."""
        return len(self._data)

    def __hash__(self) -> int:
        """Hash by entries, so records that hold a mapping stay hashable."""
        return hash(tuple(self._data.items()))

    def __repr__(self) -> str:
        """Show the entries like a dict."""
        return repr(self._data)


class Day:
    """A calendar date that can only print itself (``isoformat``, ``strftime``, ``str``)."""

    __slots__ = ("_date",)
    _date: dt.date

    def __init__(self, date: dt.date) -> None:
        """Wrap ``date``."""
        object.__setattr__(self, "_date", date)

    def __setattr__(self, name: str, value: Any) -> None:
        """Refuse every assignment."""
        raise AttributeError("Day is read-only")

    @property
    def year(self) -> int:
        """The year."""
        return self._date.year

    @property
    def month(self) -> int:
        """The month (1-12)."""
        return self._date.month

    @property
    def day(self) -> int:
        """The day of the month."""
        return self._date.day

    def isoformat(self) -> str:
        """Return ``YYYY-MM-DD``."""
        return self._date.isoformat()

    def strftime(self, pattern: str) -> str:
        """Format with a ``strftime`` pattern (``%d %B %Y``)."""
        return self._date.strftime(pattern)

    def __str__(self) -> str:
        """Print as ``YYYY-MM-DD``, like a date."""
        return self._date.isoformat()

    def __repr__(self) -> str:
        """Show the date."""
        return f"Day({self._date.isoformat()})"

    def __eq__(self, other: object) -> bool:
        """Compare with another Day."""
        return isinstance(other, Day) and self._date == other._date

    def __lt__(self, other: Day) -> bool:
        """Order by date (for ``sort`` and ``max`` in templates)."""
        return self._date < other._date

    def __hash__(self) -> int:
        """Hash like the date."""
        return hash(self._date)


class PlainMethod:
    """A helper method of the assessment's own types (``a.schedule.span_text('short')``).

    Only methods that strategygen's assessment dataclasses define themselves are kept
    (lookups and formatters such as ``span_text``, ``benchmark``); the result is frozen
    like everything else, and the object the method belongs to stays out of reach.
    """

    __slots__ = ("_call", "_name")
    _call: Any
    _name: str

    def __init__(self, call: Any, name: str) -> None:
        """Wrap the bound method ``call`` named ``name``."""
        object.__setattr__(self, "_call", call)
        object.__setattr__(self, "_name", name)

    def __setattr__(self, name: str, value: Any) -> None:
        """Refuse every assignment."""
        raise AttributeError("a template method is read-only")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Call the method and hand back its result as plain data."""
        return freeze(self._call(*args, **kwargs))

    def __repr__(self) -> str:
        """Name the method."""
        return f"<method {self._name}>"


def _own_methods(cls: type) -> list[str]:
    """Public methods a strategygen dataclass defines itself (not inherited from Python)."""
    if not cls.__module__.startswith("strategygen."):
        return []
    names: list[str] = []
    for klass in cls.__mro__:
        if klass is object or not klass.__module__.startswith("strategygen."):
            continue
        for name, member in vars(klass).items():
            if callable(member) and not name.startswith("_") and not isinstance(member, type):
                if not isinstance(member, (staticmethod, classmethod)) and name not in names:
                    names.append(name)
    return names


def _public_properties(cls: type) -> list[str]:
    """Names of the properties a model or dataclass defines itself (``code``, ``gap_*``)."""
    names: list[str] = []
    for klass in cls.__mro__:
        if klass in (object, BaseModel):
            continue
        for name, member in vars(klass).items():
            if isinstance(member, property) and not name.startswith("_") and name not in names:
                names.append(name)
    return names


@functools.cache
def _shape(cls: type) -> tuple[list[str], list[str]]:
    """Return the names a record of ``cls`` holds, and its own methods beside them.

    Worked out once per class: a document freezes thousands of objects of a few dozen
    classes, and walking each class's namespace every time was a tenth of the HTML stage.
    """
    if issubclass(cls, BaseModel):
        return [*cls.model_fields, *_public_properties(cls)], []
    names = [f.name for f in dataclasses.fields(cast(Any, cls))]
    names += [n for n in _public_properties(cls) if n not in names]
    return names, [n for n in _own_methods(cls) if n not in names]


# What freeze() does with a value depends on its class alone, so the class's kind is
# worked out once (a document freezes hundreds of thousands of values; the checks against
# abstract classes such as Mapping are the slow part of each).
_SCALAR, _MODEL, _DATACLASS, _MAPPING, _SEQUENCE, _SET, _DATETIME, _DATE, _OTHER = range(9)
_KINDS: dict[type, int] = {}


def _kind(cls: type) -> int:
    """Return how freeze() treats instances of ``cls`` (checked in freeze()'s order)."""
    if issubclass(cls, SCALARS):
        return _SCALAR
    if issubclass(cls, BaseModel):
        return _MODEL
    if dataclasses.is_dataclass(cls) and not issubclass(cls, type):
        return _DATACLASS
    if issubclass(cls, Mapping):
        return _MAPPING
    if issubclass(cls, (list, tuple)):
        return _SEQUENCE
    if issubclass(cls, (set, frozenset)):
        return _SET
    if issubclass(cls, dt.datetime):
        return _DATETIME
    if issubclass(cls, dt.date):
        return _DATE
    return _OTHER


def freeze(value: Any, _memo: dict[int, tuple[Any, Any]] | None = None) -> Any:
    """Return ``value`` as plain, read-only template data.

    Pydantic models and dataclasses become :class:`Record` (their fields and their own
    properties, evaluated now), mappings :class:`FrozenMap`, lists and tuples tuples,
    dates :class:`Day`; strings, numbers, booleans, None and Markup stay as they are.
    An object met twice becomes the same frozen object.

    Raises:
        TypeError: For any other type, so that nothing unexpected reaches a template.

    """
    memo: dict[int, tuple[Any, Any]] = {} if _memo is None else _memo
    cls: type = type(value)
    kind = _KINDS.get(cls)
    if kind is None:
        kind = _KINDS[cls] = _kind(cls)
    if kind == _SCALAR:
        return value
    key = id(value)
    if key in memo:
        return memo[key][1]
    frozen: Any
    if kind == _MODEL:
        names, _ = _shape(cls)
        frozen = _record(value, names, memo)
    elif kind == _DATACLASS:
        names, own = _shape(cls)
        frozen = _record(value, names, memo)
        methods = {n: PlainMethod(getattr(value, n), n) for n in own}
        if methods:
            fields = {n: getattr(frozen, n) for n in names}
            frozen = Record(cls.__name__, {**fields, **methods})
    elif kind == _MAPPING:
        frozen = FrozenMap({freeze(k, memo): freeze(v, memo) for k, v in value.items()})
    elif kind == _SEQUENCE:
        frozen = tuple(freeze(v, memo) for v in value)
    elif kind == _SET:
        frozen = tuple(sorted(freeze(v, memo) for v in value))
    elif kind == _DATETIME:
        raise TypeError("a datetime cannot be handed to templates; pass a date")
    elif kind == _DATE:
        frozen = Day(value)
    else:
        raise TypeError(f"cannot hand a {cls.__name__} to templates as plain data")
    # The source object is kept alive with its frozen form: a temporary (a property's
    # result) freed too early would let a new object reuse its id and hit this entry.
    memo[key] = (value, frozen)
    return frozen


def _record(value: Any, names: list[str], memo: dict[int, tuple[Any, Any]]) -> Record:
    # Evaluate the properties now: the record must not call back into the source object.
    return Record(type(value).__name__, {n: freeze(getattr(value, n), memo) for n in names})
