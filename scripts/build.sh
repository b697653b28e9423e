#!/usr/bin/env bash
# Set up (idempotent) and build the drafts of every shipped profile into output/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/strategygen validate
.venv/bin/strategygen build "$@"
