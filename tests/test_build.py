"""The build: solution regions, student stubs, ids, stale-notebook detection."""

import json
import shutil
from pathlib import Path

import pytest

from leaky import build

ROOT = Path(__file__).resolve().parents[1]


def test_split_solution_with_and_without_stub():
    src = ("def f(x):\n    # BEGIN SOLUTION\n    # STUB: ...  # write it\n    return x\n"
           "    # END SOLUTION\n\ncheck('01.1', f)")
    student, solution = build._split_solution(src, "t")
    assert student == "def f(x):\n    ...  # write it\n\ncheck('01.1', f)"
    assert solution == "def f(x):\n    return x\n\ncheck('01.1', f)"
    student, _ = build._split_solution("# BEGIN SOLUTION\nx = 1\n# END SOLUTION", "t")
    assert student == "...  # your code here"


@pytest.mark.parametrize("src,message", [
    ("# BEGIN SOLUTION\nx = 1", "without # END SOLUTION"),
    ("x = 1\n# END SOLUTION", "without # BEGIN SOLUTION"),
    ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION", "inside another"),
])
def test_bad_markers_are_reported_with_the_place(src, message):
    with pytest.raises(build.BuildError, match=message):
        build._split_solution(src, "lesson.py cell 3")


def test_versions_of_lesson_01():
    lesson = build.find_lessons(ROOT, "01")[0]
    versions = build.make_versions(lesson)
    student, solution = versions["notebooks"], versions["solutions"]
    assert "Generated from `lessons_src/01_" in student.cells[0].source
    assert [c.id for c in student.cells] == [c.id for c in solution.cells]
    assert len({c.id for c in student.cells}) == len(student.cells)
    joined_student = "\n".join(c.source for c in student.cells)
    joined_solution = "\n".join(c.source for c in solution.cells)
    assert "BEGIN SOLUTION" not in joined_student + joined_solution
    assert "np.where(x > 0, x, alpha * x)\n" in joined_solution
    assert "outputs = ...  #" in joined_student and "outputs = [-0.1" not in joined_student
    assert student.cells[1].metadata["slideshow"]["slide_type"] == "slide"


def test_check_passes_on_the_repository():
    assert build.check(ROOT) == []


def test_check_names_a_stale_lesson_and_the_fix(tmp_path):
    for folder in ("lessons_src", "notebooks", "solutions"):
        (tmp_path / folder).mkdir()
    shutil.copy(ROOT / "lessons_src/01_understanding_leaky_relu.py", tmp_path / "lessons_src")
    for version in build.VERSIONS:
        shutil.copy(ROOT / version / "01_understanding_leaky_relu.ipynb", tmp_path / version)
    assert build.check(tmp_path) == []
    path = tmp_path / "notebooks/01_understanding_leaky_relu.ipynb"
    nb = json.loads(path.read_text())
    nb["cells"][3]["source"] = "edited by hand"
    path.write_text(json.dumps(nb))
    problems = build.check(tmp_path)
    assert len(problems) == 1
    assert "notebooks/01_understanding_leaky_relu.ipynb differs" in problems[0]
    assert "make notebooks LESSON=01" in problems[0]
    (tmp_path / "solutions/01_understanding_leaky_relu.ipynb").unlink()
    assert any("is missing" in p for p in build.check(tmp_path))
    assert build.main(["--check", "--root", str(tmp_path)]) == 1


def test_unknown_lesson_is_named():
    with pytest.raises(build.BuildError, match="--lesson must be one of"):
        build.find_lessons(ROOT, "77")


def test_consecutive_streams_are_merged():
    outputs = [{"output_type": "stream", "name": "stdout", "text": "a\n"},
               {"output_type": "stream", "name": "stdout", "text": ["b\n"]},
               {"output_type": "stream", "name": "stderr", "text": "w\n"},
               {"output_type": "stream", "name": "stdout", "text": "c\n"}]
    merged = build._merge_streams(outputs)
    assert [(o["name"], o["text"]) for o in merged] == [
        ("stdout", "a\nb\n"), ("stderr", "w\n"), ("stdout", "c\n")]
