"""Sentence boundaries in rule text: where a finding's first sentence ends."""

from __future__ import annotations

import re

# Abbreviations that end with a full stop inside a sentence ("Act No. 7", "Cap. 22:04",
# "St. Lucia", "n.d."): a full stop after one of them does not end the sentence.
_ABBREVIATIONS = frozenset(
    "no nos cap chap st art arts sec s ss vol p pp n.d e.g i.e etc approx dr mr ms mrs inc ltd "
    "co jr sr vs fig ed eds".split()
)
_SENTENCE_END = re.compile(r"[.?!](?=\s+[\"'(\[]?[A-Z0-9])")


def first_sentence(text: str) -> str:
    """Return the first sentence of ``text``, not cutting after "No.", "Cap." and the like."""
    text = " ".join(text.split())
    for match in _SENTENCE_END.finditer(text):
        cut = match.start()
        if text[cut] == ".":
            word = text[:cut].rsplit(" ", 1)[-1].lstrip("(\"'[").lower()
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue  # an abbreviation or an initial ("J. Smith"), not a sentence end
        return text[: cut + 1]
    return text
