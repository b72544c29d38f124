"""Shared test helpers: the verdict of an exercise check, and a clean exercise registry."""

from __future__ import annotations

import pytest

from leaky import exercises


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
