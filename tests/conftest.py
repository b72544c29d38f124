"""Shared test helpers: the verdict of an exercise check, and a clean exercise registry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leaky import exercises

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def verdict(capsys):
    """``verdict("01.1", answer)``: run ``check`` and return what it printed, as one line
    (check wraps long verdicts at word boundaries; tests read them unwrapped)."""
    def run(exercise_id, answer):
        exercises.check(exercise_id, answer)
        return " ".join(capsys.readouterr().out.split())
    return run


@pytest.fixture(autouse=True)
def fresh_exercise_state():
    """Every test starts with no verdicts recorded and no hints given."""
    exercises.reset()
    yield
    exercises.reset()


@pytest.fixture
def course_copy(tmp_path):
    """``course_copy(slug, ...)``: a course folder in ``tmp_path`` with those lessons, built
    as in the repository, and its own copy of the package, data and requirements."""
    def make(*slugs):
        for folder in ("lessons_src", "notebooks", "solutions"):
            (tmp_path / folder).mkdir(exist_ok=True)
        for slug in slugs:
            shutil.copy(ROOT / "lessons_src" / f"{slug}.py", tmp_path / "lessons_src")
            for version in ("notebooks", "solutions"):
                shutil.copy(ROOT / version / f"{slug}.ipynb", tmp_path / version)
        shutil.copytree(ROOT / "src" / "leaky", tmp_path / "src" / "leaky",
                        ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
        shutil.copytree(ROOT / "data", tmp_path / "data", dirs_exist_ok=True)
        for name in ("requirements.txt", "pyproject.toml"):
            shutil.copy(ROOT / name, tmp_path)
        return tmp_path
    return make
