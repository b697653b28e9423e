"""A Babel extractor for :mod:`strategygen.words`: every wording of its table, with its kind.

``pybabel extract`` (see ``babel.cfg``) runs Babel's own Python extractor over the module
and adds each wording of the English table as a message whose context (``msgctxt``) is its
kind, so that "high" as a priority and "high" as a risk level can be translated apart.
:func:`strategygen.words.words` looks them up the same way (``pgettext(kind, text)``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python


def extract_words(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Any,
) -> Iterator[tuple[Any, ...]]:
    """Yield Babel's messages for ``words.py``: its gettext calls, then its wording table."""
    from strategygen.words import ENGLISH

    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)
    text = source.decode("utf-8")
    lines = text.splitlines()
    for kind, labels in ENGLISH.items():
        for code, wording in labels.items():
            needle = f'"{wording}"'
            lineno = next((i + 1 for i, line in enumerate(lines) if needle in line), 1)
            comment = f"words: {kind} = {code if code is not None else '(absent)'}"
            yield lineno, "pgettext", (kind, wording), [comment]
