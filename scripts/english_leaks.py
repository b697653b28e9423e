"""List the English lines left in a Spanish, French or Dutch draft, section by section.

Usage (from the root of a checkout, after scripts/setup.sh):

    .venv/bin/python scripts/english_leaks.py                  # DOM es, HTI fr, SUR nl
    .venv/bin/python scripts/english_leaks.py JAM:fr --show 20 # one draft, 20 lines shown

A translator's worklist. It applies the check that tests/test_no_english.py makes
(strategygen/i18n/leaks.py): a visible line counts as English when it holds a word that is
English and not a word of the document's language, once citations, the published columns
of the sources annex, identifiers, published index names and the names the profile and
the bundled facts record are masked.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter

from strategygen import Tailoring, render_html
from strategygen.i18n import government_language
from strategygen.i18n.leaks import english_lines, recorded_names
from strategygen.resources import shipped_dir


def main(argv: list[str] | None = None) -> int:
    """Print, per draft, the count of English lines per section and the first lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("drafts", nargs="*", default=["DOM:es", "HTI:fr", "SUR:nl"])
    parser.add_argument("--show", type=int, default=8, help="lines to print per draft")
    args = parser.parse_args(argv)
    for item in args.drafts:
        code, _, lang = item.partition(":")
        lang = lang or government_language(code)
        document = render_html(code, Tailoring(language=lang), build_date=dt.date(2026, 7, 1))
        names = recorded_names(shipped_dir("country_profiles") / f"{code}.yaml")
        lines = english_lines(document, lang, names)
        counts = Counter(sid for sid, _, _ in lines)
        print(f"{code} {lang}: {len(lines)} English lines")
        for sid, n in counts.most_common():
            print(f"  {sid:20} {n}")
        for sid, line, words in lines[: args.show]:
            print(f"    [{sid}] {' '.join(words[:4])} | {line[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
