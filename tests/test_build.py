"""The build: solution regions, student stubs, staleness, hand edits, byte-stable output."""

import json
from pathlib import Path

import pytest

from leaky_tools import build

ROOT = Path(__file__).resolve().parents[1]
LESSON01 = "01_understanding_leaky_relu"


def test_split_solution_with_and_without_stub():
    src = ("def f(x):\n    # BEGIN SOLUTION\n    # STUB: ...  # write it\n    return x\n"
           "    # END SOLUTION\n\ncheck('01.1', f)")
    student, solution = build._split_solution(src, "t")
    assert student == "def f(x):\n    ...  # write it\n\ncheck('01.1', f)"
    assert solution == "def f(x):\n    return x\n\ncheck('01.1', f)"
    student, _ = build._split_solution("# BEGIN SOLUTION\nx = 1\n# END SOLUTION", "t")
    assert student == "...  # your code here"


def test_a_nested_multi_line_stub_keeps_its_indentation():
    src = ("def step(params, grads):\n"
           "    # BEGIN SOLUTION\n"
           "    # STUB: new = []\n"
           "    # STUB: for p, g in zip(params, grads):\n"
           "    # STUB:     new.append(...)  # p moved against g\n"
           "    # STUB: return new\n"
           "    return [p - g for p, g in zip(params, grads)]\n"
           "    # END SOLUTION\n")
    student, solution = build._split_solution(src, "t")
    assert student == ("def step(params, grads):\n    new = []\n"
                       "    for p, g in zip(params, grads):\n"
                       "        new.append(...)  # p moved against g\n    return new")
    compile(student, "student", "exec")  # no IndentationError
    compile(solution, "solution", "exec")


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
    assert "Lesson 01 of" in student.cells[0].source
    assert "my-work/" in student.cells[0].source
    assert "Instructor version" in solution.cells[0].source
    for nb in (student, solution):  # the maintainer's note lives in lessons_src/README.md
        assert "lessons_src" not in nb.cells[0].source
    assert [c.id for c in student.cells] == [c.id for c in solution.cells]
    assert len({c.id for c in student.cells}) == len(student.cells)
    joined_student = "\n".join(c.source for c in student.cells)
    joined_solution = "\n".join(c.source for c in solution.cells)
    assert "BEGIN SOLUTION" not in joined_student + joined_solution
    assert student.cells[1].metadata["slideshow"]["slide_type"] == "slide"


def test_check_passes_on_the_repository():
    assert build.check(ROOT) == []


def test_check_names_a_hand_edit_and_a_missing_notebook(course_copy):
    root = course_copy(LESSON01)
    assert build.check(root) == []
    path = root / "notebooks" / f"{LESSON01}.ipynb"
    nb = json.loads(path.read_text())
    nb["cells"][3]["source"] = "edited by hand"
    path.write_text(json.dumps(nb))
    problems = build.check(root)
    assert len(problems) == 1
    assert "was edited by hand (cells 3 differ" in problems[0]
    assert "make notebooks LESSON=01" in problems[0]
    (root / "solutions" / f"{LESSON01}.ipynb").unlink()
    assert any("is missing" in p for p in build.check(root))
    assert build.main(["--check", "--root", str(root)]) == 1


@pytest.mark.parametrize("change", ["package", "data", "requirements", "source comment"])
def test_check_fails_when_what_the_outputs_depend_on_changes(course_copy, change):
    root = course_copy(LESSON01)
    target = {"package": root / "src/leaky/plotting.py",
              "data": root / "data/mnist_quick.npz",
              "requirements": root / "requirements.txt",
              "source comment": root / "lessons_src" / f"{LESSON01}.py"}[change]
    with target.open("ab") as file:
        file.write(b"\n# changed\n")
    problems = build.check(root)
    assert len(problems) == 2, problems  # both versions
    assert all("make notebooks LESSON=01" in p for p in problems)
    if change != "source comment":
        assert all("older lesson source, package, data or requirements" in p for p in problems)


def test_the_build_refuses_to_overwrite_a_hand_edit(course_copy):
    root = course_copy(LESSON01)
    path = root / "notebooks" / f"{LESSON01}.ipynb"
    nb = json.loads(path.read_text())
    nb["cells"][5]["source"] = "my answer, typed into the course's copy"
    path.write_text(json.dumps(nb))
    (root / "lessons_src" / f"{LESSON01}.py").open("a").write("\n# a new comment\n")
    before = path.read_bytes()
    assert build.main(["--lesson", "01", "--root", str(root)]) == 2
    assert path.read_bytes() == before


TINY = '''# %% [markdown]
# # 01 · A tiny lesson

# %%
print(sum(range(10)))
'''


def test_rebuilding_an_unchanged_lesson_is_byte_identical(tmp_path):
    (tmp_path / "lessons_src").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "lessons_src" / "01_tiny.py").write_text(TINY)
    lesson = build.find_lessons(tmp_path)[0]
    assert build.build_lesson(lesson, log=lambda _: None)
    first = {v: lesson.output(v).read_bytes() for v in build.VERSIONS}
    assert b'"45\\n"' in first["notebooks"]
    assert not build.build_lesson(lesson, log=lambda _: None)  # up to date: not rebuilt
    assert build.build_lesson(lesson, force=True, log=lambda _: None)
    assert {v: lesson.output(v).read_bytes() for v in build.VERSIONS} == first


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


def test_colab_setup_cell_comes_first_and_is_silent_where_leaky_imports(capsys):
    """The first code cell installs the course in Colab (URL from pyproject.toml, the one
    place it is written); where `leaky` imports it does nothing and prints nothing, so the
    stored outputs nbval compares are unchanged. tests/site/colab_sim.py runs the other
    branch (make test-colab)."""
    from leaky_tools.coursemap import repository_url

    for nb in build.make_versions(build.find_lessons(ROOT, "01")[0]).values():
        code = [c for c in nb.cells if c.cell_type == "code"]
        first = code[0]
        assert first.metadata["tags"] == [build.COLAB_TAG]
        assert first.metadata["slideshow"]["slide_type"] == "skip"
        assert f'"{repository_url(ROOT)}"' in first.source
        assert "LEAKY_REPOSITORY_URL" in first.source and "LEAKY_COURSE_ROOT" in first.source
        assert "start_lesson" in code[1].source  # the setup cell follows it
        exec(compile(first.source, "colab-setup", "exec"), {})
        assert capsys.readouterr() == ("", "")
