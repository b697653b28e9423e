"""Chart labels that fit their space: measured, wrapped at word boundaries, shortened on purpose.

SVG text does not wrap, and a label longer than its column either runs into the plot or
is cut wherever it happens to end. Labels are therefore measured here with the advance
widths of Noto Sans (the charts' font; DejaVu Sans, the fallback, is wider by a few per
cent, hence the margin in :data:`SAFETY`), wrapped at spaces into at most a given number
of lines, and shortened with an ellipsis only when even that does not fit. The caller
keeps the full text for the chart's description and data table.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Advance widths (per 1000 units of the em) of Noto Sans Regular and Bold for the
# printable ASCII characters U+0020 to U+007E, read from the fonts' hmtx tables.
_FIRST = 0x20
_REGULAR = (
    260, 269, 408, 646, 572, 831, 732, 225, 300, 300, 551, 572, 268, 322, 268, 372,
    572, 572, 572, 572, 572, 572, 572, 572, 572, 572, 268, 268, 572, 572, 572, 434,
    899, 639, 650, 632, 730, 556, 519, 728, 741, 339, 273, 619, 524, 907, 760, 781,
    605, 781, 622, 549, 556, 731, 600, 930, 586, 566, 572, 329, 372, 329, 572, 444,
    281, 561, 615, 480, 615, 564, 344, 615, 618, 258, 258, 534, 258, 935, 618, 605,
    615, 615, 413, 479, 361, 618, 508, 786, 529, 510, 470, 380, 551, 380, 572,
)  # fmt: skip
_BOLD = (
    260, 286, 472, 646, 572, 901, 750, 266, 339, 339, 545, 572, 285, 322, 285, 413,
    572, 572, 572, 572, 572, 572, 572, 572, 572, 572, 285, 285, 572, 572, 572, 477,
    897, 690, 672, 637, 740, 560, 549, 724, 765, 389, 331, 664, 565, 943, 813, 796,
    628, 796, 660, 551, 579, 756, 650, 967, 667, 624, 579, 331, 413, 331, 572, 411,
    362, 604, 633, 514, 633, 591, 387, 633, 657, 305, 305, 620, 305, 982, 657, 619,
    633, 633, 454, 497, 434, 657, 569, 856, 578, 569, 488, 394, 551, 394, 572,
)  # fmt: skip
# Characters outside ASCII with no ASCII base letter (dashes, quotes, ellipsis...).
_OTHER = {"\u2013": 500, "\u2014": 1000, "\u2018": 225, "\u2019": 225, "\u2026": 800}
#: Widths are multiplied by this, so a label measured to fit still fits in DejaVu Sans.
SAFETY = 1.08
ELLIPSIS = "\u2026"


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Return the width of ``text`` set in Noto Sans at ``size`` (same units as ``size``)."""
    table = _BOLD if bold else _REGULAR
    total = 0
    for ch in text:
        code = ord(ch)
        if _FIRST <= code < _FIRST + len(table):
            total += table[code - _FIRST]
            continue
        # An accented letter is as wide as its base letter (é as e, Ç as C).
        base = unicodedata.normalize("NFKD", ch)[:1]
        if base and _FIRST <= ord(base) < _FIRST + len(table):
            total += table[ord(base) - _FIRST]
        else:
            total += _OTHER.get(ch, 600)
    return total * size / 1000 * SAFETY


@dataclass(frozen=True)
class FittedLabel:
    """A label laid out in lines; ``head`` (bold, if any) starts the first line.

    Attributes:
        head: Bold text that opens the first line (an id), or ``""``.
        lines: The lines of plain text; the first follows ``head`` on the same line.
        shortened: True when words were left out and an ellipsis ends the last line.

    """

    head: str
    lines: tuple[str, ...]
    shortened: bool


def fit_label(
    text: str, width: float, size: float, *, head: str = "", max_lines: int = 2
) -> FittedLabel:
    """Wrap ``head`` + ``text`` into at most ``max_lines`` lines no wider than ``width``.

    Lines break at spaces only. When the words do not fit in ``max_lines`` lines, the last
    line is cut after its last whole word that leaves room for an ellipsis. A single word
    wider than a line is kept whole (a chart label is never hyphenated blindly).
    """
    words = text.split()
    space = text_width(" ", size)
    indent = text_width(head, size, bold=True) + space if head else 0.0
    lines: list[str] = []
    current: list[str] = []
    used = indent
    rest = list(words)
    while rest:
        word = rest[0]
        w = text_width(word, size)
        need = w if not current else space + w
        if used + need <= width or (not current and not lines and not head):
            current.append(word)
            used += need
            rest.pop(0)
            continue
        if not current and lines:
            current.append(word)  # a single over-long word: keep it whole
            rest.pop(0)
        lines.append(" ".join(current))
        current, used = [], 0.0
        if len(lines) == max_lines:
            break
    if current and len(lines) < max_lines:
        lines.append(" ".join(current))
        current = []
    shortened = bool(rest) or bool(current)
    if shortened and lines:
        lines[-1] = _with_ellipsis(lines[-1], width - (indent if len(lines) == 1 else 0), size)
    elif len(lines) == 2:
        lines = _balanced(lines, width, size, indent)
    return FittedLabel(head, tuple(lines), shortened)


def _balanced(lines: list[str], width: float, size: float, indent: float) -> list[str]:
    """Re-split two lines so that neither is much shorter (no one-word second line)."""
    words = " ".join(lines).split()
    best, best_worst = lines, float("inf")
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        w1, w2 = indent + text_width(first, size), text_width(second, size)
        if w1 <= width and w2 <= width and max(w1, w2) < best_worst:
            best, best_worst = [first, second], max(w1, w2)
    return best


def _with_ellipsis(line: str, width: float, size: float) -> str:
    """Drop whole words from the end of ``line`` until it and an ellipsis fit ``width``."""
    words = line.split()
    while len(words) > 1 and text_width(" ".join(words) + ELLIPSIS, size) > width:
        words.pop()
    return " ".join(words).rstrip(" ,;:.-\u2013") + ELLIPSIS
