"""leaky.progress: passed / failed / not attempted, and the student's notebook untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from leaky.progress import lesson_progress, main

ROOT = Path(__file__).resolve().parents[1]
LESSON01 = ROOT / "notebooks" / "01_understanding_leaky_relu.ipynb"

pytestmark = pytest.mark.skipif(not LESSON01.exists(), reason="lesson 01 not built")


def _student_copy(tmp_path, replace=()):
    """A copy of lesson 01's student notebook with (old, new) source replacements."""
    nb = nbformat.read(LESSON01, as_version=4)
    for old, new in replace:
        cells = [c for c in nb.cells if c.cell_type == "code" and old in c.source]
        assert cells, f"{old!r} not found in lesson 01"
        cells[0].source = cells[0].source.replace(old, new, 1)
    path = tmp_path / LESSON01.name
    nbformat.write(nb, path)
    return path


def test_solved_wrong_and_stub(tmp_path):
    path = _student_copy(tmp_path, [
        ("...  # return x where x > 0", "return np.where(x > 0, x, alpha * x)  #"),
        ("outputs = ...", "outputs = [-0.1, -1.0, -30.0]  #"),   # wrong third value
    ])
    before = path.read_bytes()
    result = lesson_progress(path)
    assert result["exercises"] == {"01.1": "passed", "01.2": "failed"}
    assert path.read_bytes() == before, "progress modified the student's notebook"


def test_untouched_stubs_are_not_attempted_and_file_unchanged(tmp_path, capsys):
    path = tmp_path / LESSON01.name
    shutil.copyfile(LESSON01, path)
    before = path.read_bytes()
    result = lesson_progress(path)
    assert set(result["exercises"].values()) == {"not attempted"}
    assert "01.1" in result["exercises"] and "01.2" in result["exercises"]
    assert path.read_bytes() == before


def test_a_raising_cell_does_not_stop_the_report(tmp_path, capsys):
    path = _student_copy(tmp_path, [("outputs = ...", "outputs = 1 / 0  #")])
    before = path.read_bytes()
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "01_understanding_leaky_relu" in out and "ZeroDivisionError" in out
    assert path.read_bytes() == before
