"""How much of one country's draft reappears word for word in another's.

Run ``python -m bench.overlap`` (about 20 seconds: it builds the HTML of the 16 CDCC members in
this process) or ``python -m bench.overlap --html-dir output`` to read drafts already built.
It prints, for every ordered pair of members, the share of the first country's chapter sentences
that reappear in the second country's draft, once numbers and country names are masked, then the
median and the worst pair; ``--pair JAM HTI`` lists the shared sentences of one pair.
``--language es`` builds every draft in that language (default ``en``, so that figures stay
comparable whatever language drafts default to; ``government`` takes each country's default).

What counts (the definitions the figures rest on):

- Chapters only: the sections ``sec-executive_summary`` to ``sec-risks``; the cover, the table
  of contents and the annexes are left out.
- A sentence is a run of text inside one block (paragraph, list item, table cell, caption,
  heading, figure description) ending in ``.``, ``!``, ``?`` or ``;`` before a capital, or at
  the end of the block; figures' SVG text is left out, their descriptions are kept.
- Masking: every number (with its separators, decimals and a trailing ``%``) becomes ``#``;
  the names (in English and as each document language writes them), official names and ISO
  codes of the 29 CDCC members and associate members become ``<C>``; whitespace is collapsed
  and case folded.
- Only sentences of at least ``MIN_WORDS`` words count, so that table cells such as "high" or
  "Annual" do not weigh in; each distinct sentence counts once.
- overlap(A, B) = |sentences(A) ∩ sentences(B)| / |sentences(A)|.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html as htmlmod
import re
import statistics
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATE = dt.date(2026, 7, 1)
MIN_WORDS = 5
CHAPTERS = (
    "executive_summary",
    "national_context",
    "readiness",
    "vision",
    "policy_framework",
    "public_sector",
    "capability",
    "roadmap",
    "governance",
    "budget",
    "monitoring",
    "risks",
)
_BLOCK = re.compile(
    r"</?(p|li|td|th|caption|h[1-6]|blockquote|figcaption|div|tr|table|ol|ul|dt|dd|section)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]+>")
_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL | re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z\[(\"“])")
_NUMBER = re.compile(r"(?:US\$|J\$|\$)?\d[\d,]*(?:\.\d+)?\s?%?")


def member_codes() -> list[str]:
    """Return the ISO codes of the 16 CDCC member states, from the bundled list."""
    import csv

    from strategygen.resources import data_file

    with data_file("cdcc_members.csv").open(encoding="utf-8", newline="") as handle:
        return sorted(r["iso3"] for r in csv.DictReader(handle) if r["cdcc_status"] == "member")


def country_names() -> list[str]:
    """Return every name and code to mask: common and official names, ISO alpha-3 codes."""
    import csv

    from strategygen.i18n import LANGUAGES, country_name
    from strategygen.resources import data_file

    names: set[str] = set()
    with data_file("cdcc_members.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names.update(x for x in (row["name_common"], row["name_official"], row["iso3"]) if x)
            # A translated draft names the country as its language does ("República Dominicana").
            if row.get("iso2"):
                iso2, common = row["iso2"], row["name_common"]
                names.update(country_name(lang, iso2, common) for lang in LANGUAGES)
    # Longest first, so "Saint Vincent and the Grenadines" is masked before "Saint Vincent".
    return sorted(names, key=len, reverse=True)


def chapter_text(html: str) -> str:
    """Return the chapters' text, one block per line (annexes and cover left out)."""
    parts = []
    for sid in CHAPTERS:
        match = re.search(
            rf'<section class="chapter" id="sec-{sid}">(.*?)</section>', html, re.DOTALL
        )
        if match:
            parts.append(match.group(1))
    # Source line breaks fall inside paragraphs; only block tags separate blocks.
    body = _SVG.sub(" ", " ".join(parts)).replace("\n", " ")
    body = _BLOCK.sub("\n", body)
    body = htmlmod.unescape(_TAG.sub("", body))
    return body


def sentences(html: str, names: Iterable[str], min_words: int = MIN_WORDS) -> set[str]:
    """Return the masked, normalised distinct sentences of a draft's chapters."""
    masker = re.compile("|".join(re.escape(n) for n in names))
    out: set[str] = set()
    for block in chapter_text(html).split("\n"):
        block = " ".join(block.split())
        if not block:
            continue
        for sent in _SENTENCE_END.split(block):
            masked = _NUMBER.sub("#", masker.sub("<C>", sent)).strip().casefold()
            if len(masked.split()) >= min_words:
                out.add(masked)
    return out


def overlap(a: set[str], b: set[str]) -> float:
    """Return the share of ``a``'s sentences that also occur in ``b`` (0 when ``a`` is empty)."""
    return len(a & b) / len(a) if a else 0.0


def build_drafts(codes: Iterable[str], language: str | None = "en") -> dict[str, str]:
    """Build each shipped profile's HTML in this process, with a fixed build date.

    ``language`` is the document language of every draft; None takes each country's default.
    """
    from strategygen.assess.run import assess
    from strategygen.inputs.loader import load_profile
    from strategygen.inputs.tailoring import Tailoring
    from strategygen.render.html import render_document
    from strategygen.resources import shipped_dir

    tailoring = Tailoring(language=language) if language else None
    out = {}
    for code in codes:
        profile = load_profile(shipped_dir("country_profiles") / f"{code}.yaml")
        out[code] = render_document(assess(profile, DATE, tailoring=tailoring), tailoring=tailoring)
    return out


def read_drafts(folder: Path, codes: Iterable[str]) -> dict[str, str]:
    """Read ``<folder>/<CODE>/<CODE>-strategy.html`` for each code."""
    return {c: (folder / c / f"{c}-strategy.html").read_text(encoding="utf-8") for c in codes}


def table(drafts: Mapping[str, str]) -> dict[tuple[str, str], float]:
    """Return overlap(A, B) for every ordered pair of distinct countries."""
    names = country_names()
    sets = {c: sentences(h, names) for c, h in drafts.items()}
    return {(a, b): overlap(sets[a], sets[b]) for a in sets for b in sets if a != b}


def main(argv: list[str] | None = None) -> int:
    """Print the overlap table, its median and its worst pair."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html-dir", type=Path, help="read built drafts instead of building")
    parser.add_argument("--pair", nargs=2, metavar=("A", "B"), help="list A's sentences in B")
    parser.add_argument("--matrix", action="store_true", help="print the full matrix")
    parser.add_argument(
        "--language",
        default="en",
        choices=("en", "es", "fr", "nl", "government"),
        help="document language of every draft built (default en; 'government': each country's)",
    )
    args = parser.parse_args(argv)
    codes = member_codes()
    language = None if args.language == "government" else args.language
    if args.html_dir:
        drafts = read_drafts(args.html_dir, codes)
    else:
        drafts = build_drafts(codes, language)
    if args.pair:
        names = country_names()
        a, b = (sentences(drafts[c], names) for c in args.pair)
        for sent in sorted(a & b):
            print(sent)
        print(f"\n{len(a & b)} of {len(a)} sentences ({overlap(a, b):.0%})")
        return 0
    pairs = table(drafts)
    values = sorted(pairs.values())
    if args.matrix:
        print("A \\ B " + " ".join(f"{c:>4}" for c in codes))
        for a in codes:
            cells = " ".join("   -" if a == b else f"{pairs[a, b]:4.0%}" for b in codes)
            print(f"{a:5} {cells}")
    for other in ("HTI", "BRB", "DOM"):
        print(f"JAM in {other}: {pairs['JAM', other]:.0%}")
    worst = max(pairs, key=lambda k: pairs[k])
    print(f"pairs: {len(values)}; median {statistics.median(values):.0%}; ", end="")
    print(f"worst {worst[0]} in {worst[1]} {pairs[worst]:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
