"""Lesson 01: the exercise checks 01.1 (Leaky ReLU built from ReLU) and 01.2 (predict the
mean gradient)."""

import numpy as np
import pytest

from leaky import relu
from leaky.exercises import results


def stub(x, alpha=0.01):
    ...


def right(x, alpha=0.01):
    return relu(x) - alpha * relu(-x)


def mutating(x, alpha=0.01):
    x[x < 0] *= alpha
    return x


def no_return(x, alpha=0.01):
    np.where(x > 0, x, alpha * x)


def raising(x, alpha=0.01):
    raise RuntimeError("boom")


def one_line(out):
    """A verdict whose message is one short sentence or two (check wraps it for display)."""
    return len(out) < 300


# --- 01.1: Leaky ReLU built from ReLU ----------------------------------------------------------

def test_01_1_right_and_stub(verdict):
    for answer in (right,
                   lambda x, alpha=0.01: (1 - alpha) * relu(x) + alpha * x,
                   lambda x, alpha=0.01: relu(x) + alpha * -relu(-x),
                   lambda x, alpha=0.01: np.where(x > 0, x, alpha * x)):
        assert verdict("01.1", answer).startswith("[correct] 01.1")
    assert results()["01.1"] == "passed"
    assert verdict("01.1", stub).startswith("[not attempted yet] 01.1")


@pytest.mark.parametrize("answer, message", [
    (mutating, "changed its argument x in place"),
    (no_return, "returns None"),
    ("np.where(x > 0, x, alpha * x)", "expected a function"),
    (raising, "RuntimeError: boom"),
    (lambda x, alpha=0.01: np.maximum(alpha * x, x), "wrong for alpha > 1"),
    (lambda x, alpha=0.01: np.maximum(x, 0), "wrong for negative x: that is ReLU alone"),
    (lambda x, alpha=0.01: relu(x) + alpha * relu(-x), "makes the output positive"),
    (lambda x, alpha=0.01: relu(x) - relu(-x), "is x itself"),
    (lambda x, alpha=0.01: alpha * relu(x) - relu(-x), "not the positive one"),
    (lambda x, alpha=0.01: (1 - alpha) * relu(x), "Use relu(-x)"),
    (lambda x, alpha=0.01: relu(alpha * x), "Use relu(-x)"),
    (lambda x, alpha=0.01: relu(x) + alpha * x, "(1 + alpha) * x"),
    (lambda x, alpha=0.01: (relu(x) - alpha * relu(-x))[:3], "wrong shape"),
    (lambda x, alpha=0.01: np.where(x > 0, x, alpha * x).astype(float), "dtype changed"),
])
def test_01_1_mistakes_are_named_in_one_line(verdict, answer, message):
    out = verdict("01.1", answer)
    assert out.startswith("[not yet] 01.1") and message in out, out
    assert one_line(out), out


# --- 01.2: predict the mean gradient ----------------------------------------------------------

def test_01_2_right_and_stub(verdict):
    assert verdict("01.2", [0.2, 0.28]).startswith("[correct] 01.2")
    assert verdict("01.2", (0.2, 0.28)).startswith("[correct] 01.2")
    assert verdict("01.2", np.array([0.2, 0.28])).startswith("[correct] 01.2")
    assert verdict("01.2", ...).startswith("[not attempted yet] 01.2")


@pytest.mark.parametrize("answer, message", [
    ([0.2, 0.2], "ReLU's value again"),
    ([0.2, 0.3], "weight it by their share"),
    ([0.2, 0.08], "positive 20% still pass"),
    ([0.2, 0.208], "alpha = 0.01"),
    ([0.8, 0.82], "swapped the shares"),
    ([0.0, 0.28], "positive 20% pass a gradient of 1"),
    ([0.5, 0.28], "ReLU mean is off"),
    ([0.2, 0.5], "Leaky ReLU mean is off"),
    ([20, 28], "not percentages"),
    ([0.28, 0.2], "wrong order"),
    ([0.2], "two numbers"),
    (None, "list of two numbers"),
    ("0.2, 0.28", "list of two numbers"),
    (["a", "b"], "must be a number"),
    (lambda: [0.2, 0.28], "list of two numbers"),
])
def test_01_2_mistakes_are_named_in_one_line(verdict, answer, message):
    out = verdict("01.2", answer)
    assert out.startswith("[not yet] 01.2") and message in out, out
    assert one_line(out), out


def test_01_2_answer_matches_the_lesson_measurement():
    """The reveal cell's construction: 20% positive inputs, alpha = 0.1."""
    import leaky

    rng = np.random.default_rng(0)
    z = np.concatenate([rng.uniform(0.1, 3.0, 200), rng.uniform(-3.0, -0.1, 800)])
    assert leaky.relu_grad(z).mean() == pytest.approx(0.2)
    assert leaky.leaky_relu_grad(z, 0.1).mean() == pytest.approx(0.28)
