"""Lessons 07 and 08: the exercise checks 07.1, 07.2, 08.1, 08.2."""

import numpy as np
import pytest


def good_step(params, grads, learning_rate):
    return [p - learning_rate * g for p, g in zip(params, grads, strict=True)]


def test_07_1_correct_stub_and_mistakes(verdict):
    assert verdict("07.1", good_step).startswith("[correct] 07.1")

    def gd_step(params, grads, learning_rate):
        ...

    assert verdict("07.1", gd_step).startswith("[not attempted yet] 07.1")
    plus = verdict("07.1", lambda p, g, lr: [a + lr * b for a, b in zip(p, g, strict=True)])
    assert plus.startswith("[not yet]") and "sign is off" in plus
    no_lr = verdict("07.1", lambda p, g, lr: [a - b for a, b in zip(p, g, strict=True)])
    assert "forgot the learning rate" in no_lr
    def no_return(params, grads, learning_rate):
        good_step(params, grads, learning_rate)

    assert "returns None" in verdict("07.1", no_return)
    assert "ZeroDivisionError" in verdict("07.1", lambda p, g, lr: 1 / 0)
    assert "expected 4 arrays" in verdict("07.1", lambda p, g, lr: good_step(p, g, lr)[:2])


def test_07_2_learning_rates(verdict):
    assert verdict("07.2", 0.1).startswith("[correct] 07.2")
    assert verdict("07.2", ...).startswith("[not attempted yet] 07.2")
    small = verdict("07.2", 0.001)
    assert small.startswith("[not yet]") and "Try a larger one" in small
    assert "finite number > 0" in verdict("07.2", -1.0)
    assert "far too large" in verdict("07.2", 100.0)
    assert "expected a number" in verdict("07.2", "0.1")


def test_08_1_answers(verdict):
    assert verdict("08.1", "sigmoid").startswith("[correct] 08.1")
    assert verdict("08.1", ...).startswith("[not attempted yet] 08.1")
    assert "exactly 0" in verdict("08.1", "relu")
    assert "alpha = 0.01" in verdict("08.1", "leaky_relu")
    assert "saturated" in verdict("08.1", "tanh")
    assert "answer with one of" in verdict("08.1", "softmax")


def naive_sigmoid(x):
    return 1 / (1 + np.exp(-x))


def stable(x):
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


@pytest.mark.parametrize("answer,expected", [
    (naive_sigmoid, "overflow"),
    (lambda x: [np.tanh(x)] and None, "returns None"),
    (lambda x: np.tanh(x), "should be"),
    (lambda x: x.missing, "AttributeError"),
])
def test_08_2_mistakes(verdict, answer, expected):
    out = verdict("08.2", answer)
    assert out.startswith("[not yet] 08.2"), out
    assert expected in out, out


def test_08_2_correct_and_stub(verdict):
    assert verdict("08.2", stable).startswith("[correct] 08.2")

    def stable_sigmoid(x):
        ...

    assert verdict("08.2", stable_sigmoid).startswith("[not attempted yet] 08.2")
