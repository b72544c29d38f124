#!/usr/bin/env bash
# Everything `make test` runs, in order. Called by the Makefile after set-up.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
start=$(date +%s)
echo "== ruff"
.venv/bin/ruff check .
echo "== unit tests"
$PY -m pytest tests -q -n 2
echo "== make test took $(( $(date +%s) - start )) s"
