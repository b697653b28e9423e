"""Write a PNG of the first screen of some countries' HTML drafts, for people to look at.

Usage (from the root of a checkout, after scripts/setup.sh):

    .venv/bin/python scripts/screenshots.py JAM AIA            # output/screenshots/JAM.png ...
    .venv/bin/python scripts/screenshots.py --phone HTI        # a 390x844 phone screen

Each draft is built from its shipped profile through the build API into a temporary
folder, opened from disk in Debian's Chromium (/usr/bin/chromium, driven by Playwright;
no browser is downloaded), with every network request blocked.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import strategygen
from strategygen.resources import shipped_dir

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def main(argv: list[str] | None = None) -> int:
    """Build, open and screenshot each code; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("codes", nargs="*", default=["JAM", "AIA"], help="profile codes")
    parser.add_argument("--phone", action="store_true", help="a 390x844 screen, not 1280x900")
    parser.add_argument(
        "--out", type=Path, default=Path("output/screenshots"), help="folder for the PNGs"
    )
    args = parser.parse_args(argv)

    from playwright.sync_api import Route, sync_playwright

    paths = []
    for code in args.codes:
        path = shipped_dir("country_profiles") / f"{code.upper()}.yaml"
        if not path.is_file():
            print(f"error: no shipped profile {code!r}", file=sys.stderr)
            return 2
        paths.append((path, path.name))
    width, height = SIZES["phone" if args.phone else "desktop"]
    args.out.mkdir(parents=True, exist_ok=True)

    def block(route: Route) -> None:
        scheme = route.request.url.split(":", 1)[0]
        if scheme in ("file", "data", "about"):
            route.continue_()
        else:
            route.abort()

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        results = strategygen.build_batch([p for p, _ in paths], tmp).results
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for result in results:
                if not result.outputs:
                    print(f"error: {result.error}", file=sys.stderr)
                    return 1
                output = result.outputs[0]
                code = output.name.split("-")[0]
                context = browser.new_context(viewport={"width": width, "height": height})
                context.route("**/*", block)
                page = context.new_page()
                page.goto(output.resolve().as_uri(), wait_until="load")
                target = args.out / f"{code}{'-phone' if args.phone else ''}.png"
                page.screenshot(path=str(target))
                context.close()
                print(f"wrote {target}")
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
