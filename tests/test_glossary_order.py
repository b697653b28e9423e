"""The glossary annex reads in the alphabetical order of the draft's language."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from strategygen import Tailoring, render_html
from strategygen.render.glossary_order import sort_glossary


def _terms(document: str) -> list[str]:
    annex = document[document.index('id="sec-annex_glossary"') :]
    return re.findall(r'<th scope="row">([^<]+)</th>', annex[: annex.index("</section>")])


def _plain(term: str) -> str:
    text = unicodedata.normalize("NFKD", term)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def test_translated_glossaries_are_in_order() -> None:
    for code, lang in (("DOM", "es"), ("HTI", "fr"), ("SUR", "nl"), ("JAM", "en")):
        terms = _terms(render_html(code, Tailoring(language=lang), build_date=dt.date(2026, 7, 1)))
        assert len(terms) > 10
        assert [_plain(t) for t in terms] == sorted(_plain(t) for t in terms), (code, terms)


def test_a_body_that_is_not_whole_rows_is_left_alone() -> None:
    table = '<table class="glossary"><tbody><tr><th scope="row">B</th></tr>text</tbody>'
    assert sort_glossary(table) == table
