"""List the English lines left in a Spanish, French or Dutch draft, section by section.

Usage (from the root of a checkout, after scripts/setup.sh):

    .venv/bin/python scripts/english_leaks.py                  # DOM es, HTI fr, SUR nl
    .venv/bin/python scripts/english_leaks.py JAM:fr --show 20 # one draft, 20 lines shown

A translator's worklist, not a test: the catalogue tests catch template text, but English
that comes from the data files (rules, KPIs, pillars, sectors) or from sentences composed
in Python reaches a translated draft unseen. A line counts as English when it holds at
least two words that are common in English and are not words of the document's language
("the", "with", "which", "should"...). Citations, which name publishers as published, and
chart drawings are left out; names are not, so a stakeholder's English name can show up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
from collections import Counter

from strategygen import Tailoring, render_html

#: Common English words that are not also words in Spanish, French or Dutch.
ENGLISH = frozenset(
    "the of and with which are for from by this that has have its will should where when "
    "would could their there these those been into than".split()
)
_SECTION = re.compile(r'<section class="[^"]*" id="sec-([a-z_]+)">(.*?)</section>', re.DOTALL)
_BLOCK = re.compile(r"<(p|li|td|th|caption|h\d|dd|dt|figcaption)\b")


def english_lines(document: str) -> list[tuple[str, str]]:
    """Return (section id, line) for each block of visible text that reads as English."""
    out = []
    for sid, body in _SECTION.findall(document):
        body = re.sub(r'<a class="cite".*?</a>', " ", body, flags=re.DOTALL)
        body = re.sub(r"<svg\b.*?</svg>", " ", body, flags=re.DOTALL)
        text = html.unescape(re.sub(r"<[^>]+>", " ", _BLOCK.sub(r"\n<\1", body)))
        for line in text.split("\n"):
            line = " ".join(line.split())
            words = [w.lower() for w in re.findall(r"[A-Za-z']+", line)]
            if sum(w in ENGLISH for w in words) >= 2:
                out.append((sid, line))
    return out


def main(argv: list[str] | None = None) -> int:
    """Print, per draft, the count of English lines per section and the first lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("drafts", nargs="*", default=["DOM:es", "HTI:fr", "SUR:nl"])
    parser.add_argument("--show", type=int, default=8, help="lines to print per draft")
    args = parser.parse_args(argv)
    for item in args.drafts:
        code, _, lang = item.partition(":")
        document = render_html(
            code, Tailoring(language=lang or None), build_date=dt.date(2026, 7, 1)
        )
        lines = english_lines(document)
        counts = Counter(sid for sid, _ in lines)
        print(f"{code} {lang or '(default)'}: {len(lines)} English lines")
        for sid, n in counts.most_common():
            print(f"  {sid:20} {n}")
        for sid, line in lines[: args.show]:
            print(f"    [{sid}] {line[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
