#!/usr/bin/env bash
# Set up strategygen on a fresh Debian machine: system libraries, a virtual
# environment in .venv and the package with its development tools.
# Usage: scripts/setup.sh            (as root it installs Debian packages itself)
set -euo pipefail
cd "$(dirname "$0")/.."

# Pango/HarfBuzz for WeasyPrint's PDF rendering, fonts the print stylesheet names
# (so the PDF never depends on whatever happens to be installed), poppler-utils for
# pdftoppm/pdftotext, which the tests and reviewers use to look at PDF pages.
DEB_PACKAGES="python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
fonts-dejavu-core fonts-liberation2 fonts-noto-core poppler-utils"

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
.venv/bin/python -m pip install -q -e ".[dev]"
echo "strategygen is set up in .venv (run: .venv/bin/strategygen --help)"
