"""Exercise checks: verdicts, specific mistakes, stubs, student exceptions, hints."""

import numpy as np
import pytest

from leaky.exercises import check, hint, is_stub, results


def run(capsys, exercise_id, answer):
    check(exercise_id, answer)
    return capsys.readouterr().out.strip()


def test_correct_answer(capsys):
    out = run(capsys, "01.1", lambda x, alpha=0.01: np.where(x > 0, x, alpha * x))
    assert out.startswith("[correct] 01.1")
    assert results()["01.1"] == "passed"


def test_stub_is_not_attempted(capsys):
    def my_leaky_relu(x, alpha=0.01):
        ...

    assert is_stub(my_leaky_relu) and is_stub(...)
    assert run(capsys, "01.1", my_leaky_relu).startswith("[not attempted yet] 01.1")
    assert run(capsys, "01.2", ...).startswith("[not attempted yet] 01.2")
    assert results()["01.2"] == "not attempted"


@pytest.mark.parametrize("answer,expected", [
    (lambda x, alpha=0.01: np.maximum(alpha * x, x), "wrong for alpha > 1"),
    (lambda x, alpha=0.01: np.maximum(x, 0), "wrong for negative x"),
    (lambda x, alpha=0.01: np.where(x >= 0, x, alpha * x) + (x == 0), "at x = 0"),
    (lambda x, alpha=0.01: np.where(x > 0, x, alpha * x).astype(np.float64), "dtype changed"),
    (lambda x, alpha=0.01: np.where(x > 0, x, alpha * x)[:3], "wrong shape"),
    (lambda x, alpha=0.01: 1 / 0, "ZeroDivisionError"),
])
def test_wrong_answers_get_specific_feedback(capsys, answer, expected):
    out = run(capsys, "01.1", answer)
    assert out.startswith("[not yet] 01.1"), out
    assert expected in out, out
    assert "hint('01.1')" in out


def test_forgotten_return_is_named(capsys):
    def no_return(x, alpha=0.01):
        np.where(x > 0, x, alpha * x)

    assert "returns None: did you forget `return`?" in run(capsys, "01.1", no_return)


def test_input_mutation_is_named(capsys):
    def mutating(x, alpha=0.01):
        x[x < 0] *= alpha
        return x

    assert "modified its input" in run(capsys, "01.1", mutating)


def test_value_exercise_feedback(capsys):
    assert "ReLU's answer" in run(capsys, "01.2", [0, 0, 0])
    assert "sign is off" in run(capsys, "01.2", [0.1, 1.0, 3.0])
    assert "three numbers" in run(capsys, "01.2", [1.0])
    assert "list of three numbers" in run(capsys, "01.2", "abc")
    assert run(capsys, "01.2", [-0.1, -1.0, -3.0]).startswith("[correct]")


def test_hints_come_one_at_a_time(capsys):
    hint("01.2")
    first = capsys.readouterr().out
    hint("01.2")
    second = capsys.readouterr().out
    assert first.startswith("Hint 1/2") and second.startswith("Hint 2/2")
    hint("01.2")
    assert capsys.readouterr().out.startswith("Hint 2/2")


@pytest.mark.parametrize("bad", ["1.1", "99.1", 1.1, None])
def test_unknown_exercise_id_is_named(bad):
    with pytest.raises(ValueError, match="^exercise_id must be"):
        check(bad, ...)
