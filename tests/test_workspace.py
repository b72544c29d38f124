"""A student's answers are never overwritten: my-work/, updates beside, the build's guard.

Simulates a student end to end: set up the workspace, answer two lessons, the course
changes one lesson and rebuilds, the workspace is set up again.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from leaky_tools import build, workspace

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ("01_understanding_leaky_relu", "02_mathematical_definition")


def _answer(path: Path, text: str) -> None:
    """Type an answer into the first exercise cell and save, as JupyterLab would."""
    nb = json.loads(path.read_text())
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code"
                and "check(" in "".join(c["source"]))
    cell["source"] = text
    cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "[correct] ...\n"}]
    path.write_text(json.dumps(nb, indent=1))


def test_a_student_end_to_end(course_copy):
    root = course_copy(*LESSONS)
    mine = root / "my-work"

    # 1. the first `make lab`: every lesson copied, with a banner for the student
    report = workspace.sync(root, log=lambda _: None)
    assert sorted(report["copied"]) == [f"{s}.ipynb" for s in LESSONS]
    banner = json.loads((mine / f"{LESSONS[0]}.ipynb").read_text())["cells"][0]["source"]
    assert "Your copy of lesson 01" in "".join(banner) and "never" in "".join(banner)

    # 2. answers in two lessons
    answers = {slug: mine / f"{slug}.ipynb" for slug in LESSONS}
    for slug, path in answers.items():
        _answer(path, f"# my answer to {slug}\n")
    saved = {slug: path.read_bytes() for slug, path in answers.items()}

    # 3. the course changes lesson 01 and rebuilds it
    source = root / "lessons_src" / f"{LESSONS[0]}.py"
    source.write_text(source.read_text().replace("## The idea", "## The idea, revised", 1))
    lesson = build.find_lessons(root, "01")[0]
    assert build.build_lesson(lesson, log=lambda _: None)

    # 4. the next `make lab`
    lines = []
    report = workspace.sync(root, log=lines.append)
    assert report["copied"] == []
    assert {slug: path.read_bytes() for slug, path in answers.items()} == saved
    new_fp = json.loads(lesson.output("notebooks").read_text())["metadata"]["leaky"]["fingerprint"]
    update = mine / workspace.update_name(lesson.output("notebooks"), new_fp)
    assert report["updates"] == [update.name] and update.exists()
    assert len(lines) == 1 and "Lesson 01 was updated" in lines[0] and update.name in lines[0]
    assert "The idea, revised" in update.read_text()
    assert not list(mine.glob(f"{LESSONS[1]}.update-*"))  # lesson 02 did not change

    # an update is offered once: deleted, it does not come back
    update.unlink()
    assert workspace.sync(root, log=lines.append)["updates"] == [] and len(lines) == 1
    assert not update.exists()


def test_the_build_stops_at_a_hand_edited_course_notebook(course_copy, capsys):
    root = course_copy(*LESSONS)
    path = root / "notebooks" / f"{LESSONS[0]}.ipynb"
    _answer(path, "# an answer typed into notebooks/ itself\n")
    before = path.read_bytes()
    source = root / "lessons_src" / f"{LESSONS[0]}.py"
    source.write_text(source.read_text() + "\n# a change upstream\n")
    assert build.main(["--lesson", "01", "--root", str(root)]) == 2
    err = capsys.readouterr().err
    assert "was edited by hand (cells" in err and "--force" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize("slug", ["01_understanding_leaky_relu", "09_cnn_mnist"])
def test_a_workspace_copy_runs_from_its_own_folder(tmp_path, monkeypatch, slug):
    """Data and package are found whatever the working folder is."""
    import nbformat

    mine = tmp_path / "somewhere" / "my-work"
    mine.mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / f"{slug}.ipynb", mine)
    for name, value in build.BUILD_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("LEAKY_DATA_DIR", raising=False)
    monkeypatch.chdir(mine)
    nb = nbformat.read(mine / f"{slug}.ipynb", as_version=4)
    build.execute(nb, mine)  # raises CellExecutionError if any cell fails
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.outputs)
    assert "Setup OK" in text and "[not attempted yet]" in text
    assert os.getcwd() == str(mine)
