#!/usr/bin/env bash
# Everything `make test` runs, in order (tests/README.md says what and why). The Makefile calls
# it after set-up with the venv's Python:   PY=.venv/bin/python bash tests/run_all.sh
#   --nbval         only the nbval stage of make test (make nbval)
#   --portability   only nbval: notebooks/ and solutions/, this machine's settings, then the
#                   other CPU's (make test-portability)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PY:-}" ]; then
  echo "set PY to the venv's python: run make test, or PY=.venv/bin/python bash $0" >&2; exit 2
fi
JOBS="${JOBS:-2}"
MODE="${1:-all}"
# The same kernel environment as the build (leaky_tools.build.BUILD_ENV): quick profile, quiet TF.
export PYTHONHASHSEED=0 LEAKY_PROFILE=quick TF_CPP_MIN_LOG_LEVEL=3 CUDA_VISIBLE_DEVICES= TQDM_DISABLE=1
start=$(date +%s)

NBVAL=(--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
       --nbval-cell-timeout 600 -p no:cacheprovider -q)
# Runs its arguments under tests/other_cpu.env, in a subshell so the settings stay there.
other_cpu() ( set -a; . tests/other_cpu.env; set +a; "$@" )

# The nbval stage of make test: ONE nbval run over notebooks/ and solutions/ with $JOBS workers;
# the plugin tests/nbval_other_cpu.py starts the kernels of solutions/ under tests/other_cpu.env,
# those of notebooks/ with this machine's settings. tests/other_cpu_check.py proves meanwhile
# that each of those settings takes effect.
nbval_two_settings() {
  echo "== nbval: notebooks/ (this machine) and solutions/ (other CPU: tests/other_cpu.env)"
  local t check_log check_pid nbval_rc=0 check_rc=0
  t=$(date +%s)
  check_log=$(mktemp)
  other_cpu "$PY" tests/other_cpu_check.py > "$check_log" 2>&1 & check_pid=$!
  PYTHONPATH="$PWD/tests${PYTHONPATH:+:$PYTHONPATH}" "$PY" -m pytest "${NBVAL[@]}" \
      -p nbval_other_cpu --nbval-other-cpu solutions notebooks solutions \
      -n "$JOBS" --dist loadfile || nbval_rc=$?
  wait "$check_pid" || check_rc=$?
  echo "-- the other CPU of solutions/, in effect:"; cat "$check_log"; rm -f "$check_log"
  echo "== nbval took $(( $(date +%s) - t )) s"
  [ "$nbval_rc" = 0 ] && [ "$check_rc" = 0 ] || { echo "nbval failed"; return 1; }
}

if [ "$MODE" = "--portability" ]; then
  failed=0
  for setting in "this machine" "other CPU"; do
    echo "== nbval: notebooks/ and solutions/, $setting's settings"
    run=("$PY" -m pytest "${NBVAL[@]}" notebooks solutions -n "$JOBS" --dist loadfile)
    if [ "$setting" = "other CPU" ]; then
      other_cpu "$PY" tests/other_cpu_check.py || { failed=1; break; }
      run=(other_cpu "${run[@]}")
    fi
    t=$(date +%s); "${run[@]}" || failed=1
    echo "== nbval ($setting) took $(( $(date +%s) - t )) s"
  done
  echo "== make test-portability took $(( $(date +%s) - start )) s"
  exit "$failed"
elif [ "$MODE" = "--nbval" ]; then
  nbval_two_settings
  exit 0
elif [ "$MODE" != "all" ]; then
  echo "usage: PY=... bash $0 [--nbval | --portability]" >&2; exit 2
fi

echo "== ruff"
t=$(date +%s)
"$PY" -m ruff check .
echo "== ruff took $(( $(date +%s) - t )) s"

echo "== unit tests (not browser, not slow: make test-full runs the slow ones)"
t=$(date +%s)
"$PY" -m pytest tests -q -n "$JOBS" -p no:cacheprovider -m "not browser and not slow"
echo "== unit tests took $(( $(date +%s) - t )) s"

if compgen -G "lessons_src/[0-9][0-9]_*.py" > /dev/null; then
  echo "== notebooks match lessons_src/"
  t=$(date +%s)
  "$PY" -m leaky_tools.build --check
  echo "== build --check took $(( $(date +%s) - t )) s"

  nbval_two_settings
fi

echo "== browser: JupyterLab in headless Chromium (make test-browser runs every notebook)"
# A representative set: numpy lessons (01, 05) and lesson 14 (TensorFlow and PyTorch in one
# kernel). Lesson 09 runs from my-work/ in the unit tests (nbclient) and twice in nbval; the
# browser runs it in make test-browser, with every other lesson.
# Missing notebooks are skipped with a message; no Chromium = skipped loudly.
command -v chromium > /dev/null || { [ "$(id -u)" = "0" ] && \
  (apt-get update -qq && apt-get install -y -qq chromium > /dev/null); } || \
  echo "WARNING: chromium could not be installed: the browser test will be SKIPPED"
br_start=$(date +%s)
LEAKY_BROWSER_NOTEBOOKS="${LEAKY_BROWSER_NOTEBOOKS:-01,05,14}" \
  "$PY" -m pytest tests/browser -m browser -s -q -p no:cacheprovider -rs
echo "== browser took $(( $(date +%s) - br_start )) s"
echo "== make test took $(( $(date +%s) - start )) s"
