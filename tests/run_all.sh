#!/usr/bin/env bash
# Everything `make test` runs, in order. Called by the Makefile after set-up.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
# The same kernel environment as the build (leaky.build.BUILD_ENV): quick profile, quiet TF.
export PYTHONHASHSEED=0 LEAKY_PROFILE=quick TF_CPP_MIN_LOG_LEVEL=3 CUDA_VISIBLE_DEVICES= TQDM_DISABLE=1
start=$(date +%s)

echo "== ruff"
.venv/bin/ruff check .

echo "== unit tests"
$PY -m pytest tests -q -n 2 -p no:cacheprovider -m "not browser"

if compgen -G "lessons_src/[0-9][0-9]_*.py" > /dev/null; then
  echo "== notebooks match lessons_src/"
  $PY -m leaky.build --check

  echo "== nbval: notebooks/ and solutions/ re-executed, outputs compared"
  nb_start=$(date +%s)
  # --dist loadfile keeps each notebook's cells on one worker (one kernel, in order).
  $PY -m pytest --nbval notebooks solutions --nbval-current-env \
      --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout 600 \
      -n 2 --dist loadfile -p no:cacheprovider -q
  echo "== nbval took $(( $(date +%s) - nb_start )) s"
fi
echo "== browser: JupyterLab in headless Chromium (make test-browser runs every notebook)"
# A representative set: numpy lessons (01, 05), a framework lesson (09) and lesson 14.
# Missing notebooks are skipped with a message; no Chromium = skipped loudly.
command -v chromium > /dev/null || { [ "$(id -u)" = "0" ] && \
  (apt-get update -qq && apt-get install -y -qq chromium > /dev/null); } || \
  echo "WARNING: chromium could not be installed: the browser test will be SKIPPED"
br_start=$(date +%s)
LEAKY_BROWSER_NOTEBOOKS="${LEAKY_BROWSER_NOTEBOOKS:-01,05,09,14}" \
  $PY -m pytest tests/browser -m browser -s -q -p no:cacheprovider -rs
echo "== browser took $(( $(date +%s) - br_start )) s"
echo "== make test took $(( $(date +%s) - start )) s"
