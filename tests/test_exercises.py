"""Exercise checks: verdicts, specific mistakes, stubs, student exceptions, hints."""

import numpy as np
import pytest

from leaky import exercises
from leaky.exercises import Mistake, call_student, check, hint, is_stub, results


def test_correct_answer(verdict):
    out = verdict("01.1", lambda x, alpha=0.01: np.where(x > 0, x, alpha * x))
    assert out.startswith("[correct] 01.1")
    assert results()["01.1"] == "passed"


def test_stub_is_not_attempted(verdict):
    def my_leaky_relu(x, alpha=0.01):
        ...

    assert is_stub(my_leaky_relu) and is_stub(...)
    assert verdict("01.1", my_leaky_relu).startswith("[not attempted yet] 01.1")
    assert verdict("01.2", ...).startswith("[not attempted yet] 01.2")
    assert results()["01.2"] == "not attempted"


@pytest.mark.parametrize("answer,expected", [
    (lambda x, alpha=0.01: np.maximum(alpha * x, x), "wrong for alpha > 1"),
    (lambda x, alpha=0.01: np.maximum(x, 0), "wrong for negative x"),
    (lambda x, alpha=0.01: np.where(x >= 0, x, alpha * x) + (x == 0), "at x = 0"),
    (lambda x, alpha=0.01: np.where(x > 0, x, alpha * x).astype(np.float64), "dtype changed"),
    (lambda x, alpha=0.01: np.where(x > 0, x, alpha * x)[:3], "wrong shape"),
    (lambda x, alpha=0.01: 1 / 0, "ZeroDivisionError"),
])
def test_wrong_answers_get_specific_feedback(verdict, answer, expected):
    out = verdict("01.1", answer)
    assert out.startswith("[not yet] 01.1"), out
    assert expected in out, out
    assert "hint('01.1')" in out


def test_a_raising_answer_is_one_sentence_before_the_nudge(verdict):
    out = verdict("01.1", lambda x, alpha=0.01: 1 / 0)
    assert "(called with " in out and "). Need a nudge? hint('01.1')" in out, out


def test_forgotten_return_is_named(verdict):
    def no_return(x, alpha=0.01):
        np.where(x > 0, x, alpha * x)

    assert "returns None: did you forget `return`?" in verdict("01.1", no_return)


def test_input_mutation_is_named(verdict):
    def mutating(x, alpha=0.01):
        x[x < 0] *= alpha
        return x

    assert "changed its argument x in place" in verdict("01.1", mutating)


def test_value_exercise_feedback(verdict):
    assert "ReLU's value again" in verdict("01.2", [0.2, 0.2])
    assert "swapped the shares" in verdict("01.2", [0.8, 0.82])
    assert "two numbers" in verdict("01.2", [1.0])
    assert "list of two numbers" in verdict("01.2", "abc")
    assert verdict("01.2", [0.2, 0.28]).startswith("[correct]")


def test_hints_come_one_at_a_time_then_point_to_the_solution(capsys):
    hint("01.2")
    first = capsys.readouterr().out
    hint("01.2")
    second = capsys.readouterr().out
    assert first.startswith("Hint 1/2") and second.startswith("Hint 2/2")
    hint("01.2")
    third = " ".join(capsys.readouterr().out.split())
    assert third.startswith("No more hints for 01.2 (you have seen all 2)")
    assert "solutions/01_*.ipynb" in third


@pytest.mark.parametrize("bad", ["1.1", "99.1", 1.1, None])
def test_unknown_exercise_id_is_named(bad):
    with pytest.raises(ValueError, match="^exercise_id must be"):
        check(bad, ...)


def test_pass_and_return_none_are_attempts_not_stubs(verdict):
    def with_pass(x, alpha=0.01):
        pass

    def with_return_none(x, alpha=0.01):
        return None

    def documented_stub(x, alpha=0.01):
        """Leaky ReLU."""
        ...

    assert not is_stub(with_pass) and not is_stub(with_return_none)
    assert is_stub(documented_stub)
    for answer in (with_pass, with_return_none):
        out = verdict("01.1", answer)
        assert out.startswith("[not yet] 01.1") and "returns None" in out, out


def test_mutating_a_list_or_dict_argument_is_named():
    def append_to(items):
        items.append(1)
        return items

    def update(table):
        table["a"] = 2
        return table

    with pytest.raises(Mistake, match="changed its argument items in place"):
        call_student(append_to, [0])
    with pytest.raises(Mistake, match="changed its argument table in place"):
        call_student(update, {"a": 1})
    x = np.zeros(3)
    assert call_student(lambda x: x.__setitem__(0, 1) or x, x, may_modify=("x",)) is x


def test_feedback_is_short_for_big_arguments():
    params = [np.zeros((50, 50)) for _ in range(4)]
    with pytest.raises(Mistake) as info:
        call_student(lambda p: 1 / 0, params)
    assert len(str(info.value)) < 160, str(info.value)
    assert "list of 4 items" in str(info.value)


def test_long_verdicts_wrap_at_word_boundaries(capsys):
    check("01.1", lambda x, alpha=0.01: np.maximum(alpha * x, x))
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 1 and all(len(line) <= exercises.WIDTH for line in lines)
    words = " ".join(lines).split()
    assert "max(alpha*x," in words and "x)" in words  # no word cut in two


def test_a_checker_whose_own_import_fails_is_not_hidden(monkeypatch):
    def import_module(name):
        raise ModuleNotFoundError("No module named 'scipy'", name="scipy")

    monkeypatch.setattr(exercises.importlib, "import_module", import_module)
    with pytest.raises(ModuleNotFoundError, match="scipy"):
        check("77.1", ...)


def test_a_lesson_without_checkers_is_named():
    with pytest.raises(ValueError, match="one of this lesson's exercises"):
        check("77.1", ...)
