"""leaky_tools.progress: verdicts read from saved notebooks at once, or re-run on request;
the student's notebooks are never written to."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from leaky_tools.progress import main, rerun_progress, saved_progress

ROOT = Path(__file__).resolve().parents[1]
NAME = "01_understanding_leaky_relu.ipynb"
LESSON01 = ROOT / "notebooks" / NAME
SOLVED01 = ROOT / "solutions" / NAME


def _student_copy(tmp_path, replace=()):
    """A copy of lesson 01's student notebook with (old, new) source replacements."""
    nb = nbformat.read(LESSON01, as_version=4)
    for old, new in replace:
        cells = [c for c in nb.cells if c.cell_type == "code" and old in c.source]
        assert cells, f"{old!r} not found in lesson 01"
        cells[0].source = cells[0].source.replace(old, new, 1)
    path = tmp_path / NAME
    nbformat.write(nb, path)
    return path


def test_saved_verdicts_are_read_without_running_anything(tmp_path):
    assert set(saved_progress(SOLVED01)["exercises"].values()) == {"passed"}
    assert set(saved_progress(LESSON01)["exercises"].values()) == {"not attempted"}
    nb = json.loads(LESSON01.read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = []
    path = tmp_path / NAME
    path.write_text(json.dumps(nb))
    result = saved_progress(path)["exercises"]
    assert result and set(result.values()) == {"not run"}


def test_rerun_solved_wrong_and_stub(tmp_path):
    path = _student_copy(tmp_path, [
        ("...  # only leaky.relu, alpha, +, -, *",
         "return leaky.relu(x) - alpha * leaky.relu(-x)  #"),
        ("mean_gradients = ...", "mean_gradients = [0.2, 0.3]  #"),   # wrong second
    ])
    before = path.read_bytes()
    result = rerun_progress(path)
    assert result["exercises"] == {"01.1": "passed", "01.2": "failed"}
    assert path.read_bytes() == before, "progress modified the student's notebook"


def test_a_raising_cell_does_not_stop_the_rerun_report(tmp_path, capsys):
    path = _student_copy(tmp_path, [("mean_gradients = ...", "mean_gradients = 1 / 0  #")])
    before = path.read_bytes()
    assert main([str(path), "--rerun"]) == 0
    out = capsys.readouterr().out
    assert "01_understanding_leaky_relu" in out and "ZeroDivisionError" in out
    assert "without encryption" not in out
    assert path.read_bytes() == before


def test_default_folder_is_my_work_and_the_table_says_to_save(tmp_path, capsys):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "my-work").mkdir()
    shutil.copy(LESSON01, tmp_path / "notebooks" / NAME)
    shutil.copy(SOLVED01, tmp_path / "my-work" / NAME)
    assert main(["--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Progress in my-work/ (reads what was saved: save your notebooks")
    total = [line for line in out.splitlines() if line.startswith("total")][0].split()
    assert total[1:] == ["2", "0", "0", "0"]
    assert main(["--root", str(tmp_path), "--notebooks"]) == 0
    total = [line for line in capsys.readouterr().out.splitlines()
             if line.startswith("total")][0].split()
    assert total[1:] == ["0", "0", "2", "0"]


@pytest.mark.parametrize("flag", ["--json"])
def test_json_output(flag, capsys):
    assert main([str(SOLVED01), flag]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["01_understanding_leaky_relu"]["exercises"] == {"01.1": "passed",
                                                                 "01.2": "passed"}
