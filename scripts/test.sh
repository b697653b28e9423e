#!/usr/bin/env bash
# Set up (idempotent) and run every check: ruff, mypy and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/ruff check strategygen tests bench
.venv/bin/ruff format --check strategygen tests bench
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
