"""Checks every text and number read from any input file, whatever field it is for.

Two kinds of value are refused as soon as they are read, with the file, line and column:
numbers that are not finite (``.inf``, ``.nan``, ``1e400``, which YAML reads as infinity)
and text holding control characters (NUL, ESC and the rest of C0 and C1, and DEL; only
tab and newline are allowed), which would otherwise reach the HTML, the PDF and the
terminal. Being checked here, below every model, they cover profiles, themes, rule files
and project files alike.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

# C0 controls except tab (09) and newline (0A), DEL, and the C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_NAMES = {
    0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR",
    0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL",
}  # fmt: skip


def control_character(text: str) -> str | None:
    """Return a description of the first control character in ``text`` (None if it has none)."""
    match = _CONTROL.search(text)
    if match is None:
        return None
    code = ord(match.group(0))
    name = _NAMES.get(code) or unicodedata.name(match.group(0), "")
    label = f"U+{code:04X}" + (f" ({name})" if name else "")
    return f"control character {label} at position {match.start() + 1}"


def bad_scalar(value: Any) -> str | None:
    """Say what is wrong with one value read from a file, or return None when it is fine."""
    if isinstance(value, float) and not math.isfinite(value):
        return (
            "must be a finite number (infinity and not-a-number are refused; a number "
            "beyond about 1e308 is read as infinity)"
        )
    if isinstance(value, str):
        found = control_character(value)
        if found is not None:
            return (
                f"text may not contain a {found}; only tab and newline are allowed "
                "(remove it, or write the text out plainly)"
            )
    return None
