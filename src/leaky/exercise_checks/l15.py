"""Lesson 15 exercises: a recap of the course in six numeric questions.

Each checker takes one number, names the usual wrong answer in one short sentence, and
accepts the right one to three significant decimals. torch is imported inside the checkers
that compute their answer with it. The Keras facts (15.2, 15.6) are constants here, so that
lesson 15 need not load TensorFlow; tests/test_lesson14_15.py checks them against Keras.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ..activations import leaky_relu
from ..exercises import Mistake, exercise, short
from ..layer import he_gain

#: keras.layers.LeakyReLU().negative_slope in Keras 3 (lesson 14 prints it).
KERAS_LEAKY_RELU_DEFAULT = 0.3
#: The initial slope of keras.layers.PReLU() (alpha_initializer="Zeros"; lesson 14 prints it).
KERAS_PRELU_START = 0.0


def _number(answer) -> float:
    """The answer as a float, or a Mistake saying what was given instead."""
    if isinstance(answer, np.ndarray) and answer.size == 1:
        answer = answer.item()
    if hasattr(answer, "item") and not isinstance(answer, numbers.Real):  # a 1-element tensor
        try:
            answer = answer.item()
        except (TypeError, ValueError, RuntimeError):
            pass
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        raise Mistake(f"expected one number, got {short(answer)}.")
    value = float(answer)
    if not math.isfinite(value):
        raise Mistake(f"expected a finite number, got {value}.")
    return value


def _judge(answer, expected, wrong, note):
    """Accept ``expected`` (rel. 2e-3, abs. 1e-9); name a known wrong answer; else say so."""
    value = _number(answer)
    if math.isclose(value, expected, rel_tol=2e-3, abs_tol=1e-9):
        return note
    for wrong_value, why in wrong.items():
        if math.isclose(value, wrong_value, rel_tol=2e-3, abs_tol=1e-9):
            raise Mistake(f"{value:g}: {why}")
    if expected != 0 and math.isclose(value, expected, rel_tol=3e-2):
        off = abs(value - expected) / abs(expected)
        raise Mistake(f"{value:g} is close, but off by {off:.1%}; give at least three correct "
                      "decimals.")
    if expected != 0 and math.isclose(value, -expected, rel_tol=2e-3):
        raise Mistake(f"{value:g} has the wrong sign.")
    raise Mistake(f"{value:g} is not it.")


@exercise("15.1", "PyTorch's gradient of LeakyReLU(0.01) at exactly 0", hints=[
    "At the kink, PyTorch picks one side: `x > 0 ? grad : grad * slope`.",
    "x = 0 is not > 0, so the gradient there is the slope.",
])
def check_grad_at_zero(answer):
    import torch

    x = torch.zeros(1, requires_grad=True)
    torch.nn.LeakyReLU(negative_slope=0.01)(x).sum().backward()
    expected = float(x.grad[0])
    return _judge(answer, expected, {
        1.0: "that is the slides' (and JAX's) choice; PyTorch uses the slope, because "
             "0 > 0 is false.",
        0.0: "that is ReLU's gradient at 0; Leaky ReLU's negative side has slope 0.01.",
        0.505: "the average of the two slopes is a valid subgradient, but not PyTorch's choice.",
    }, "PyTorch (and TensorFlow) use the slope at exactly 0.")


@exercise("15.2", "the default slope of keras.layers.LeakyReLU()", hints=[
    "Lesson 14 read it off keras.layers.LeakyReLU().negative_slope.",
    "It is neither PyTorch's default nor tf.nn.leaky_relu's.",
])
def check_keras_default(answer):
    return _judge(answer, KERAS_LEAKY_RELU_DEFAULT, {
        0.01: "that is PyTorch's default (nn.LeakyReLU); the Keras layer has its own.",
        0.2: "that is the default of tf.nn.leaky_relu and keras.activations.leaky_relu; the "
             "Keras layer's is larger.",
    }, "Keras' layer defaults to 0.3: pass negative_slope explicitly.")


@exercise("15.3", "leaky_relu(2.0, alpha=1.5)", hints=[
    "Leaky ReLU is x for x > 0, whatever alpha is.",
    "max(alpha * x, x) is only the same function for alpha <= 1.",
])
def check_value_at_2(answer):
    return _judge(answer, float(leaky_relu(2.0, 1.5)), {
        3.0: "that is max(alpha * x, x), the slides' formula, which is wrong for alpha > 1: "
             "for x > 0 Leaky ReLU is x itself.",
        1.5: "alpha is the slope for negative inputs only; x = 2 is positive.",
    }, "For x > 0 Leaky ReLU is x, for any alpha.")


@exercise("15.4", "the He gain for alpha = 0", hints=[
    "The gain is sqrt(2 / (1 + alpha**2)).",
    "With alpha = 0 that is sqrt(2).",
])
def check_gain_at_0(answer):
    return _judge(answer, he_gain(0.0), {
        2.0: "that is gain**2, the variance factor; the gain is its square root.",
        1.0: "that is the gain for alpha = 1 (a linear unit); ReLU needs more.",
        math.sqrt(0.5): "that is 1 / gain: the gain multiplies, sqrt(2 / (1 + alpha**2)).",
    }, "sqrt(2), about 1.414: the gain for ReLU.")


@exercise("15.5", "the eval slope of RReLU(lower=0.1, upper=0.3)", hints=[
    "In evaluation mode RReLU uses one fixed slope, the middle of its range [lower, upper].",
    "(0.1 + 0.3) / 2",
])
def check_rrelu_eval(answer):
    import torch

    rrelu = torch.nn.RReLU(lower=0.1, upper=0.3).eval()
    expected = -float(rrelu(torch.tensor([-1.0]))[0])
    return _judge(answer, expected, {
        (1 / 8 + 1 / 3) / 2: "that is the default RReLU()'s slope; these bounds are 0.1 and 0.3.",
        1 / 5.5: "1/5.5 is Xu et al.'s test slope; PyTorch uses the middle of its own range.",
        0.1: "0.1 is the lower end of the range; evaluation uses the middle.",
        0.3: "0.3 is the upper end of the range; evaluation uses the middle.",
        0.25: "0.25 is where PReLU starts, not RReLU.",
    }, "(0.1 + 0.3) / 2 = 0.2: the middle of the training range.")


@exercise("15.6", "the initial slope of keras.layers.PReLU()", hints=[
    "Lesson 14 printed prelu_keras.alpha right after building the layer.",
    "Keras' default alpha_initializer is 'zeros'.",
])
def check_keras_prelu_start(answer):
    return _judge(answer, KERAS_PRELU_START, {
        0.25: "0.25 is PyTorch's (and He et al.'s) start; Keras starts at 0, i.e. as ReLU.",
        0.3: "0.3 is the default of keras.layers.LeakyReLU, whose slope is fixed.",
        0.01: "0.01 is PyTorch's LeakyReLU default; PReLU's slope starts elsewhere.",
    }, "Keras' PReLU starts as a ReLU (slope 0) and learns from there.")
