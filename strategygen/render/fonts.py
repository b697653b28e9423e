"""Whether a font family is installed, asked of fontconfig (the library WeasyPrint uses).

``fc-list`` answers in a few milliseconds without loading WeasyPrint; where it is absent,
WeasyPrint's own fontconfig binding does the same lookup.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from typing import Any


def _escape(family: str) -> str:
    # Fontconfig's pattern syntax gives '\', '-', ':' and ',' a meaning; escape them so the
    # family is matched as written.
    return "".join("\\" + ch if ch in "\\-:," else ch for ch in family)


@functools.lru_cache(maxsize=32)
def font_installed(family: str) -> bool | None:
    """Return whether fontconfig knows ``family`` (case-insensitive), or None if it cannot tell.

    Fontconfig silently substitutes another font for a missing one, so this is the only
    way to notice that a theme names a font the machine does not have.
    """
    fc_list = shutil.which("fc-list")
    if fc_list is not None:
        try:
            found = subprocess.run(
                [fc_list, f":family={_escape(family)}", "family"],
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            found = None
        if found is not None and found.returncode == 0:
            return bool(found.stdout.strip())
    return _weasyprint_lookup(family)


def _weasyprint_lookup(family: str) -> bool | None:
    """Ask fontconfig through WeasyPrint's binding whether the best match has this family."""
    try:
        from weasyprint.text.ffi import ffi, fontconfig
    except (OSError, ImportError):
        return None
    lib: Any = fontconfig
    config = lib.FcInitLoadConfigAndFonts()
    pattern = lib.FcPatternCreate()
    try:
        lib.FcPatternAddString(pattern, b"family", family.encode())
        lib.FcConfigSubstitute(config, pattern, lib.FcMatchPattern)
        lib.FcDefaultSubstitute(pattern)
        result = ffi.new("FcResult *")
        match = lib.FcFontMatch(config, pattern, result)
        if match == ffi.NULL:
            return False
        try:
            names = []
            value = ffi.new("FcChar8 **")
            index = 0
            while lib.FcPatternGetString(match, b"family", index, value) == lib.FcResultMatch:
                names.append(ffi.string(value[0]).decode("utf-8", "replace").casefold())
                index += 1
        finally:
            lib.FcPatternDestroy(match)
        return family.casefold() in names
    finally:
        lib.FcPatternDestroy(pattern)
        lib.FcConfigDestroy(config)
