#!/usr/bin/env bash
# Set up (idempotent), validate the shipped profiles and build every draft (HTML, PDF,
# Word and ODT) into output/. Arguments go to `strategygen build` and replace the default
# `--format all` (for example: scripts/build.sh JAM HTI --format html).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/strategygen validate
if [ "$#" -eq 0 ]; then
  set -- --format all
fi
.venv/bin/strategygen build "$@"
