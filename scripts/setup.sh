#!/usr/bin/env bash
# Set up strategygen on a fresh Debian machine: system libraries, a virtual
# environment in .venv and the package with its development tools. Idempotent: a
# second run installs nothing new.
# Usage: scripts/setup.sh            (as root it installs Debian packages itself)
set -euo pipefail
cd "$(dirname "$0")/.."

# Pango/HarfBuzz for WeasyPrint's PDF rendering, fonts the print stylesheet names
# (so the PDF never depends on whatever happens to be installed), poppler-utils for
# pdftoppm/pdftotext, which the tests and reviewers use to look at PDF pages.
# Debian's chromium for the browser tests (tests/test_browser.py) and screenshots
# (scripts/screenshots.py): Playwright drives /usr/bin/chromium and never downloads a
# browser of its own. fonts-liberation gives Chromium metric-compatible faces for the
# Helvetica/Arial names in screen.css, so layouts measure the same on every machine.
# libcairo2 lets CairoSVG draw the PNG fallback of the charts in the Word draft;
# libreoffice-writer-nogui (about 85 MB to download) is only for the test that opens the
# DOCX and ODT drafts in LibreOffice and converts them to PDF (tests/test_office_build.py).
DEB_PACKAGES="python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
fonts-dejavu-core fonts-liberation fonts-liberation2 fonts-noto-core poppler-utils chromium \
libcairo2 libreoffice-writer-nogui"

missing=""
for pkg in $DEB_PACKAGES; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "These Debian packages are needed. Run this, then run scripts/setup.sh again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
    exit 1
  fi
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
# The dev extra pins playwright (whose wheel carries its own Node.js driver, so it
# works offline), axe-playwright-python (carries axe-core's JavaScript) and pikepdf.
# Never run `playwright install`: the tests launch executable_path=/usr/bin/chromium.
.venv/bin/python -m pip install -q -e ".[dev]"
echo "strategygen is set up in .venv (run: .venv/bin/strategygen --help)"
