"""Lesson 14 exercises: predict each API's output without a slope; He initialisation in Keras.

keras, tensorflow and torch are imported inside the checkers, when a check runs.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ..exercises import Mistake, call_student, exercise, short

#: The four APIs of exercise 14.1, in the order the lesson lists them.
APIS_14_1 = ("torch.nn.LeakyReLU()", "tf.nn.leaky_relu", "keras.layers.LeakyReLU()",
             "keras.activations.leaky_relu")
#: Whose default each slope is (for naming a borrowed default).
OWNERS = {0.01: "PyTorch's", 0.2: "tf.nn's and keras.activations'", 0.3: "the Keras layer's"}


def outputs_without_slope() -> list[float]:
    """What the four APIs of 14.1 give at x = -2 without a slope argument, run now."""
    import keras
    import tensorflow as tf
    import torch

    x = np.array([-2.0], dtype=np.float32)
    values = [torch.nn.LeakyReLU()(torch.from_numpy(x)), tf.nn.leaky_relu(x),
              keras.layers.LeakyReLU()(x), keras.activations.leaky_relu(x)]
    return [float(np.asarray(v)[0]) for v in values]


def _close(a, b) -> bool:
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-9)


def _why(name, guess, expected) -> str:
    """What a wrong guess for one API most likely means (one short sentence)."""
    slope = -expected / 2
    if _close(guess, -expected):
        return f"{name}: {guess:g} has the wrong sign; for x < 0 the output is slope * x."
    if _close(guess, expected / 2):
        return f"{name}: {guess:g} is the output at x = -1; at x = -2 it is twice that."
    if _close(guess, slope):
        return f"{name}: {guess:g} is the slope itself; the output is slope * (-2)."
    if guess == 0:
        return f"{name}: 0 is ReLU's output; without a slope these are still leaky."
    if _close(guess, -2.0):
        return f"{name}: -2 is x itself (slope 1); for x < 0 the output is slope * x."
    for other, owner in OWNERS.items():
        if _close(guess, -2 * other) and not _close(other, slope):
            return f"{name}: {guess:g} uses {owner} default {other:g}, not its own."
    return f"{name}: {guess:g} is not it."


@exercise("14.1", "each API at x = -2, without a slope", hints=[
    "For x < 0 Leaky ReLU gives slope * x, so each answer is -2 times that API's default.",
    "Read the defaults: torch.nn.LeakyReLU().negative_slope, "
    "inspect.signature(tf.nn.leaky_relu), keras.layers.LeakyReLU().negative_slope, "
    "inspect.signature(keras.activations.leaky_relu).",
    "outputs_at_minus_2 = [-0.02, -0.4, -0.6, -0.4]",
])
def check_outputs_without_slope(answer):
    if isinstance(answer, np.ndarray):
        answer = answer.tolist()
    if not isinstance(answer, (list, tuple)) or len(answer) != len(APIS_14_1):
        raise Mistake(f"expected a list of four numbers, one per API in the order listed, "
                      f"got {short(answer)}.")
    guesses = []
    for name, value in zip(APIS_14_1, answer, strict=True):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
            raise Mistake(f"{name}: expected a number, got {short(value)}.")
        guesses.append(float(value))
    expected = outputs_without_slope()
    wrong = [i for i, (g, e) in enumerate(zip(guesses, expected, strict=True))
             if not _close(g, e)]
    if not wrong:
        return "-2 times 0.01, 0.2, 0.3 and 0.2: three defaults for one function."
    if all(_close(g, -0.02) for g in guesses):
        raise Mistake("you gave PyTorch's -0.02 for all four; the other APIs have their own "
                      "defaults.")
    i = wrong[0]
    right = len(guesses) - len(wrong)
    raise Mistake(f"{right} of 4 right. {_why(APIS_14_1[i], guesses[i], expected[i])}")


#: Slopes and fan-ins the 14.2 check samples (0.5 first: there most wrong scales differ).
ALPHAS_14_2 = (0.5, 0.01, 0.3, 1.0)
FAN_INS = (64, 1024)
#: Relative tolerance on the sampled standard deviation: 10 standard errors (each sample has
#: 262,144 values: relative standard error 0.14%), tight enough to catch a scale 5% off.
STD_TOLERANCE = 0.015


def _scale_mistake(scale, alpha, gain) -> str | None:
    """Name a wrong VarianceScaling scale (None if it is not one we know)."""
    known = {
        2.0: "scale 2 is HeNormal's, ReLU's: it ignores alpha",
        gain: "scale is a variance factor: the gain squared, not the gain",
        2.0 / (1.0 + alpha): "the gain has 1 + alpha**2 under the root, not 1 + alpha",
        1.0 / gain**2: "that is 1 / gain**2; the variance grows with gain**2",
        1.0 / (1.0 + alpha**2): "the 2 is missing: gain**2 = 2 / (1 + alpha**2)",
    }
    for value, why in known.items():
        if math.isclose(scale, value, rel_tol=1e-6):
            return f"scale = {scale:.4g} for alpha = {alpha}: {why}."
    return None


def _sampled_std(initializer, shape) -> float:
    weights = call_student(initializer, shape)
    try:
        import keras

        weights = np.asarray(keras.ops.convert_to_numpy(weights), dtype=np.float64)
    except Exception:  # not an array: reported, not raised
        raise Mistake(f"your initialiser returned {short(weights)}, not an array of "
                      "weights.") from None
    if weights.shape != shape:
        raise Mistake(f"asked for shape {shape}, your initialiser returned shape "
                      f"{weights.shape}: use the shape it is called with.")
    return float(np.std(weights))


@exercise("14.2", "a Keras He initialiser for Leaky ReLU", hints=[
    "VarianceScaling draws weights with variance scale / fan_in (mode='fan_in'). Which scale "
    "gives the standard deviation gain / sqrt(fan_in)?",
    "The variance must be gain**2 / fan_in, so scale = leaky.he_gain(alpha) ** 2.",
    "return keras.initializers.VarianceScaling(scale=leaky.he_gain(alpha) ** 2, "
    "mode='fan_in', distribution='truncated_normal')",
])
def check_leaky_he_normal(function):
    import keras

    from ..layer import he_gain

    for alpha in ALPHAS_14_2:
        initializer = call_student(function, alpha)
        if isinstance(initializer, type):
            raise Mistake(f"you returned the class {initializer.__name__}; return an object: "
                          f"{initializer.__name__}(...).")
        if not callable(initializer):
            raise Mistake(f"expected a Keras initialiser (an object you call with a shape), "
                          f"got {short(initializer)}.")
        gain = he_gain(alpha)
        if isinstance(initializer, keras.initializers.VarianceScaling):
            if initializer.mode != "fan_in":
                raise Mistake(f"mode = {initializer.mode!r}: He initialisation divides by "
                              "fan_in, the number of inputs.")
            why = _scale_mistake(float(initializer.scale), alpha, gain)
            if why and not math.isclose(initializer.scale, gain**2, rel_tol=1e-6):
                raise Mistake(why)
        stds = {}
        for fan_in in FAN_INS:
            shape = (fan_in, 262_144 // fan_in)
            stds[fan_in] = _sampled_std(initializer, shape) / (gain / math.sqrt(fan_in))
        ratio_small, ratio_large = stds[FAN_INS[0]], stds[FAN_INS[1]]
        if not math.isclose(ratio_small, ratio_large, rel_tol=2 * STD_TOLERANCE):
            raise Mistake("the standard deviation must shrink as 1 / sqrt(fan_in); yours "
                          "does not (use mode='fan_in').")
        if abs(ratio_small - 1) > STD_TOLERANCE:
            relu = math.sqrt(1 + alpha**2)
            if abs(ratio_small / relu - 1) < STD_TOLERANCE:
                raise Mistake(f"for alpha = {alpha} your std is ReLU's, sqrt(2 / fan_in): "
                              "the slope is missing.")
            raise Mistake(f"for alpha = {alpha} your std is {ratio_small:.2f} times "
                          "he_gain(alpha) / sqrt(fan_in).")
    return (f"std = he_gain(alpha) / sqrt(fan_in) within {STD_TOLERANCE:.0%} for "
            f"{len(ALPHAS_14_2)} alphas and fan_in {FAN_INS[0]} and {FAN_INS[1]}.")
