"""The glossary annex in the alphabetical order of the document's language.

The template lists the terms once, in English order; translated, "Access to information
law" becomes "Ley de acceso a la información" and the table would no longer read in order.
After rendering, the rows of the glossary table are sorted by their term as the reader
sees it, accents and case aside ("Évaluation" files under E).
"""

from __future__ import annotations

import html as html_lib
import re
import unicodedata

_TABLE = re.compile(r'(<table class="glossary">.*?<tbody>)(.*?)(</tbody>)', re.DOTALL)
_ROW = re.compile(r'<tr><th scope="row">(.*?)</th>.*?</tr>', re.DOTALL)


def _key(term: str) -> str:
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", term))
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def sort_glossary(document: str) -> str:
    """Return ``document`` with the glossary's rows in the order of their terms."""

    def ordered(match: re.Match[str]) -> str:
        body = match.group(2)
        rows = list(_ROW.finditer(body))
        # Only a body made of whole rows is reordered; anything else is left as written.
        whole = "".join(r.group(0) for r in rows)
        if not rows or "".join(body.split()) != "".join(whole.split()):
            return match.group(0)
        rows.sort(key=lambda r: _key(r.group(1)))
        return match.group(1) + "\n" + "\n".join(r.group(0) for r in rows) + "\n" + match.group(3)

    return _TABLE.sub(ordered, document, count=1)
