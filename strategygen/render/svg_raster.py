"""Rasterise the draft's own SVG charts to PNG, for office readers that cannot show SVG.

Word 2016 and later show the SVG itself; older Word and LibreOffice show the PNG that
sits beside it in the package. CairoSVG (from WeasyPrint's authors) draws it, with every
external reference refused: the charts are self-contained, so a request for any file or
address can only be a fault, and it must never reach the disk or the network.
"""

from __future__ import annotations

from typing import Any

from strategygen.errors import RenderError

#: Pixels per SVG unit: a 640-unit-wide chart becomes 1600 pixels, sharp when printed.
SCALE = 2.5


def _refuse(url: str, *args: Any, **kwargs: Any) -> Any:
    raise RenderError(f"the chart refers to {url!r}; charts may not load files or addresses")


def svg_to_png(svg: bytes) -> bytes | None:
    """Return a PNG rendering of ``svg``, or None when CairoSVG or libcairo is missing.

    Raises:
        RenderError: The drawing refers to a file or an address.

    """
    try:
        from cairosvg.surface import PNGSurface
    except (ImportError, OSError):
        return None
    # PNGSurface.convert passes url_fetcher on to the parser (svg2png does not).
    png: bytes = PNGSurface.convert(
        bytestring=svg, scale=SCALE, unsafe=False, url_fetcher=_refuse, background_color="white"
    )
    return png
