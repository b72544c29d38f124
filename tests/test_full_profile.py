"""The full data profile, offline: lessons 09 and 10 on all of MNIST, lesson 11 on all of
IMDB (make test-full).

Marked ``slow`` (minutes, not seconds): ``make test`` leaves them out, ``make test-full``
runs them. Each executes the lesson's solution notebook with ``LEAKY_PROFILE=full`` in a
fresh kernel (nothing is written back) and checks that it runs to the end, that it used
the complete data, and that every claim it prints holds. The data are the files of
``python data/make_data.py --full`` (or keras' own download, if cached); without either
the tests are skipped with that advice.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

import leaky.data
from leaky_tools.build import KERNEL_ARGS  # the build's quiet kernel

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
#: Printed claims that are meant to be False (a fact the lesson shows, not a failed check).
EXPECTED_FALSE = {"a fresh PyTorch Conv2d starts with zero biases"}
#: Lesson 11 says that on the full profile's features hardly a head unit dies (none with
#: ReLU), so its two dead-unit comparisons print False there; the test holds it to that.
EXPECTED_FALSE_FULL = {"11": {"alpha 0.01 heads end with fewer dead units than ReLU heads",
                              "alpha 0.3 heads end with fewer dead units than ReLU heads"}}
FULL_MNIST = "MNIST, full profile: all 60,000 training and 10,000 test images"
FULL_IMDB = "IMDB, full profile: "
LESSONS = {
    "09": ("09_cnn_mnist.ipynb", "mnist", ["test accuracy >= 98.5%: True", FULL_MNIST]),
    "10": ("10_training_curves.ipynb", "mnist", ["images used here: 60000", FULL_MNIST]),
    "11": ("11_sentiment_imdb.ipynb", "imdb", ["test accuracy >= 75%: True", FULL_IMDB]),
}


def _full_data_available(dataset: str) -> bool:
    cached = (leaky.data.full_data_dir() / f"{dataset}_full.npz").is_file()
    keras_cached = any(p.is_file()
                       for p in leaky.data._keras_cache_candidates(f"{dataset}.npz"))
    return cached or keras_cached


def _text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                parts.append(output["text"])
            elif output.get("output_type") == "error":
                parts.append(f"ERROR {output['ename']}: {output['evalue']}")
    return "".join(parts)


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_lesson_runs_on_the_full_profile(lesson, monkeypatch, capsys):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    name, dataset, expected = LESSONS[lesson]
    if not _full_data_available(dataset):
        pytest.skip(f"no full {dataset} here: run `python data/make_data.py --full` once")
    nb = nbformat.read(ROOT / "solutions" / name, as_version=4)
    for key, value in {"LEAKY_PROFILE": "full", "PYTHONHASHSEED": "0",
                       "TF_CPP_MIN_LOG_LEVEL": "3", "CUDA_VISIBLE_DEVICES": "",
                       "TQDM_DISABLE": "1"}.items():
        monkeypatch.setenv(key, value)  # inherited by the kernel
    client = nbclient.NotebookClient(nb, timeout=3600, kernel_name="python3",
                                     record_timing=True, extra_arguments=KERNEL_ARGS,
                                     resources={"metadata": {"path": str(ROOT / "solutions")}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    text = _text(nb)
    assert "data profile: full" in text
    for line in expected:
        assert line in text, f"{name}: expected {line!r} in the outputs"
    claims = re.findall(r"^(.+?): (True|False)$", text, flags=re.M)
    assert claims, f"{name}: no claims printed"
    expected_false = EXPECTED_FALSE | EXPECTED_FALSE_FULL.get(lesson, set())
    failed = [claim for claim, value in claims
              if value == "False" and claim.strip() not in expected_false]
    assert not failed, f"{name}, full profile: these claims do not hold: {failed}"
    measured = re.findall(r"^(?:test accuracy|validation accuracy per epoch|after 1 epoch)"
                          r"[^\n]*%[^\n]*$", text, flags=re.M)
    with capsys.disabled():
        print(f"\n{name}, full profile: ran in {seconds:.0f} s (training cell "
              f"{_cell_seconds(nb, 'model.fit(') or 0:.0f} s); measured: "
              + "; ".join(measured) + "; claims: "
              + "; ".join(f"{claim}: {value}" for claim, value in claims))


def _cell_seconds(nb, marker):
    """How long the first code cell containing ``marker`` ran (nbclient's timing)."""
    from datetime import datetime

    for cell in nb.cells:
        if cell.cell_type == "code" and marker in cell.source:
            timing = cell.metadata.get("execution", {})
            start, end = (timing.get(k) for k in ("iopub.execute_input", "shell.execute_reply"))
            if start and end:
                parse = lambda t: datetime.fromisoformat(t.replace("Z", "+00:00"))  # noqa: E731
                return (parse(end) - parse(start)).total_seconds()
    return None
