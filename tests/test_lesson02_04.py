"""Lessons 02, 03 and 04: the exercise checks 02.1, 02.2, 03.1, 03.2, 04.1, 04.2."""

import numpy as np
import pytest

from leaky.exercises import results


def stub(x, alpha=0.01):
    ...


def raises(x, alpha=0.01):
    raise RuntimeError("boom")


# --- 02.1: where the max form breaks --------------------------------------------------------

def breaks_right(x, alpha):
    return (alpha > 1) & (x != 0)


@pytest.mark.parametrize("answer, message", [
    (lambda x, alpha: x < 0, "agree everywhere"),
    (lambda x, alpha: np.full(x.shape, alpha > 1), "at x = 0 both forms give 0"),
    (lambda x, alpha: (alpha > 1) & (x < 0), "also wrong for x > 0"),
    (lambda x, alpha: (alpha > 1) & (x > 0), "also wrong for x < 0"),
    (lambda x, alpha: print(end=""), "returns None"),
])
def test_02_1_wrong_answers_get_specific_feedback(verdict, answer, message):
    out = verdict("02.1", answer)
    assert out.startswith("[not yet] 02.1") and message in out


def test_02_1_right_stub_and_raising(verdict):
    assert verdict("02.1", breaks_right).startswith("[correct] 02.1")
    assert results()["02.1"] == "passed"
    assert verdict("02.1", stub).startswith("[not attempted yet] 02.1")
    out = verdict("02.1", raises)
    assert out.startswith("[not yet] 02.1") and "RuntimeError: boom" in out


# --- 02.2: piecewise form -------------------------------------------------------------------

def test_02_2(verdict):
    assert verdict("02.2", lambda x, a=0.01: np.where(x > 0, x, a * x)).startswith(
        "[correct] 02.2")
    out = verdict("02.2", lambda x, a=0.01: np.maximum(a * x, x))
    assert out.startswith("[not yet] 02.2") and "only works for alpha <= 1" in out
    assert verdict("02.2", stub).startswith("[not attempted yet] 02.2")
    assert "RuntimeError" in verdict("02.2", raises)


# --- 03.1 / 03.2: implementations -----------------------------------------------------------

def grad_right(x, alpha=0.01):
    x = np.asarray(x)
    grad = np.full(x.shape, alpha, dtype=np.result_type(x, 1.0))
    grad[x > 0] = 1
    return grad


def grad_slide(x, alpha=0.01):
    dx = np.ones_like(x)
    dx[x < 0] = alpha
    return dx


def grad_slide_int_bug(x, alpha=0.01):
    dx = np.ones_like(x)
    dx[x <= 0] = alpha
    return dx


def test_03_1(verdict):
    assert verdict("03.1", lambda x, a=0.01: np.where(x > 0, x, a * x)).startswith(
        "[correct] 03.1")
    out = verdict("03.1", lambda x, a=0.01: np.where(x > 0, x, 0.0))
    assert out.startswith("[not yet] 03.1") and "negative x" in out
    assert verdict("03.1", stub).startswith("[not attempted yet] 03.1")
    assert "RuntimeError" in verdict("03.1", raises)


@pytest.mark.parametrize("answer, message", [
    (grad_slide, "at x = 0 you return 1"),
    (grad_slide_int_bug, "truncated to 0"),
    (lambda x, a=0.01: np.where(x > 0, x, a * x), "leaky_relu itself"),
    (lambda x, a=0.01: np.where(x > 0, 1.0, 0.0), "finite differences"),
    (lambda x, a=0.01: np.where(x > 0, 1.0, a).astype(float)[:1], "wrong shape"),
    (lambda x, a=0.01: np.where(x > 0, 1.0, a), "dtype changed"),
    (lambda x, a=0.01: np.where(x >= 0, 1.0, 0.5 * (x == 0) + a), "at x = 0 you return"),
])
def test_03_2_wrong_answers_get_specific_feedback(verdict, answer, message):
    out = verdict("03.2", answer)
    assert out.startswith("[not yet] 03.2") and message in out


def test_03_2_right_stub_and_raising(verdict):
    assert verdict("03.2", grad_right).startswith("[correct] 03.2")
    assert verdict("03.2", stub).startswith("[not attempted yet] 03.2")
    out = verdict("03.2", raises)
    assert out.startswith("[not yet] 03.2") and "RuntimeError: boom" in out


# --- 04.1 / 04.2: numbers read off the plot -------------------------------------------------

@pytest.mark.parametrize("answer, message", [
    ([-0.05, -0.3], "sign is off"),
    ([1, 1], "right of 0"),
    ([0, 0], "zoom in"),
    ([0.3, 0.05], "swapped"),
    ([0.05], "two numbers"),
    ("abc", "list of two numbers"),
])
def test_04_1_feedback(verdict, answer, message):
    out = verdict("04.1", answer)
    assert out.startswith("[not yet] 04.1") and message in out


@pytest.mark.parametrize("answer, message", [
    ([-0.95, -0.7], "positive numbers"),
    ([0.05, 0.3], "1 - alpha"),
    ([1.05, 1.3], "not a sum"),
    ([1, 1], "ReLU"),
])
def test_04_2_feedback(verdict, answer, message):
    out = verdict("04.2", answer)
    assert out.startswith("[not yet] 04.2") and message in out


def test_04_right_and_stub(verdict):
    assert verdict("04.1", [0.05, 0.3]).startswith("[correct] 04.1")
    assert verdict("04.2", (0.95, 0.7)).startswith("[correct] 04.2")
    assert verdict("04.1", ...).startswith("[not attempted yet] 04.1")
    assert verdict("04.2", ...).startswith("[not attempted yet] 04.2")
