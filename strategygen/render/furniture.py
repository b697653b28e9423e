"""The printed furniture in the document's language: page foot, captions' numbers, watermark.

The print stylesheet (``static/print.css``) writes the English furniture: the foot "Draft
for consultation: not an approved policy", "Page 3 of 40", "Figure 2." and "Table 5." as
generated content, and the diagonal DRAFT as a drawing. For a document in another language
:func:`language_css` returns a stylesheet that the page skeleton puts after it, with the
same furniture translated and the watermark word (BORRADOR, PROJET, CONCEPT) drawn from the
stroked letter shapes below, so that the word never reaches the text layer either.
"""

from __future__ import annotations

from urllib.parse import quote

from strategygen.i18n.catalog import gettext

# Stroked capitals on a 0..91 grid (cap height 9 to 91), each drawn from x = 0, with its
# advance width. D, R, A, F and T are the shapes of print.css's DRAFT.
_LETTERS: dict[str, tuple[str, float]] = {
    "A": ("M0 91 32 9 64 91M12 63H52", 64),
    "B": ("M0 91V9H29C48 9 56 18 56 29S48 49 29 49H0M29 49C52 49 61 59 61 70S52 91 29 91H0", 61),
    "C": ("M64 22C57 13 47 9 36 9C15 9 0 27 0 50S15 91 36 91C47 91 57 87 64 78", 64),
    "D": ("M0 9H21C61 9 70 28 70 50S61 91 21 91H0Z", 70),
    "E": ("M45 9H0V91H45M0 49H38", 45),
    "F": ("M0 91V9H45M0 49H38", 45),
    "J": ("M45 9V67C45 82 36 91 22 91C10 91 2 84 0 74", 45),
    "N": ("M0 91V9L60 91V9", 60),
    "O": ("M35 9C14 9 0 27 0 50S14 91 35 91 70 73 70 50 56 9 35 9Z", 70),
    "P": ("M0 91V9H29C50 9 59 19 59 31S50 54 29 54H0", 59),
    "R": ("M0 91V9H29C50 9 59 19 59 31S50 54 29 54H0M29 54 61 91", 61),
    "T": ("M0 9H56M28 9V91", 56),
}
_GAP = 22.0
#: The longest word drawn at full size (DRAFT is 388 units): longer words are scaled down so
#: that the diagonal word stays inside the square picture.
_MAX_WIDTH = 400.0

#: The watermark word per language (the terminology file's "draft": Borrador, Projet, Concept).
WATERMARK_WORDS: dict[str, str] = {"en": "DRAFT", "es": "BORRADOR", "fr": "PROJET", "nl": "CONCEPT"}


def _word_paths(word: str) -> tuple[str, float]:
    """Return the word's letter paths, placed side by side, and its width."""
    parts, x = [], 0.0
    for ch in word:
        path, width = _LETTERS[ch]
        parts.append(f"<path transform='translate({x:g} 0)' d='{path}'/>")
        x += width + _GAP
    return "".join(parts), x - _GAP


def watermark_uri(word: str, stroke: str, *, size: bool = False) -> str:
    """Return the watermark ``word`` as an SVG ``data:`` URI, diagonal, centred, unfilled.

    Args:
        word: Capitals that have shapes in this module.
        stroke: SVG stroke attributes (colour, opacity).
        size: Give the picture its printed size (150 mm), for a browser's ``content``.

    """
    paths, width = _word_paths(word)
    scale = min(1.0, _MAX_WIDTH / width)
    dims = " width='150mm' height='150mm'" if size else ""
    svg = (
        f"<svg xmlns='http://www.w3.org/2000/svg'{dims} viewBox='0 0 400 400'>"
        f"<g transform='translate(200 200) rotate(-54.7) scale({scale:.4g}) "
        f"translate({-width / 2:g} -50)' fill='none' {stroke} stroke-width='17' "
        f"stroke-linejoin='round' stroke-linecap='round'>{paths}</g></svg>"
    )
    return "data:image/svg+xml," + quote(svg, safe=" =/:'.-()")


def _css_string(text: str) -> str:
    """Quote ``text`` as a CSS string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def language_css(lang: str) -> str | None:
    """Return the furniture stylesheet for a document in ``lang`` (None for English).

    The strings are the catalogue's, in the language in use.
    """
    if lang == "en":
        return None
    notice = _css_string(gettext("Draft for consultation: not an approved policy"))
    page = _css_string(gettext("Page") + " ")
    of = _css_string(" " + gettext("of") + " ")
    figure = _css_string(gettext("Figure") + " ")
    table = _css_string(gettext("Table") + " ")
    word = WATERMARK_WORDS[lang]
    grey = watermark_uri(word, "stroke='#ebebeb'")
    white = watermark_uri(word, "stroke='#fff' stroke-opacity='.1'")
    screen = watermark_uri(word, "stroke='#787878' stroke-opacity='.14'", size=True)
    return (
        f'figure.chart figcaption::before {{ content: {figure} counter(figure) ". "; }}\n'
        f'caption::before {{ content: {table} counter(table) ". "; }}\n'
        "@media print {\n"
        f"  @page {{ @bottom-left {{ content: {notice}; }}\n"
        f"    @bottom-right {{ content: {page} counter(page) {of} counter(pages); }} }}\n"
        f'  @page draft {{ background-image: url("{grey}"); }}\n'
        f'  @page draft:first {{ background-image: url("{white}"); }}\n'
        f'  body.watermark::before {{ content: url("{screen}"); }}\n'
        "}\n"
    )
