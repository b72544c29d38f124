"""Lesson 09 exercises: a feature map's size after conv and pooling; a conv layer's parameters.

Both check plain Python answers; nothing here imports a framework.
"""

from __future__ import annotations

import numbers

from ..exercises import Mistake, call_student, exercise

#: The first convolution of lesson 09: 3x3 kernels, 1 input channel, 32 filters.
KERNEL, CHANNELS, FILTERS = 3 * 3, 1, 32
CONV1_PARAMS = KERNEL * CHANNELS * FILTERS + FILTERS
#: (side, kernel, pool) for 09.1: the slide's two blocks first, then odd sides and others.
CASES = [(28, 3, 2), (13, 3, 2), (27, 3, 2), (11, 3, 1), (32, 5, 2), (30, 3, 3)]


@exercise("09.1", "a feature map's side after Conv2D and MaxPooling2D", hints=[
    "A k-wide kernel without padding fits at side - k + 1 positions along each axis.",
    "MaxPooling2D(p) takes non-overlapping p x p windows and drops a leftover row: floor.",
    "return (side - kernel + 1) // pool",
])
def check_conv_pool_side(function):
    if not callable(function):
        raise Mistake(f"pass your function itself, check('09.1', conv_pool_side), got "
                      f"{function!r}")
    for side, kernel, pool in CASES:
        expected = (side - kernel + 1) // pool
        got = call_student(function, side, kernel, pool)
        if isinstance(got, bool) or not isinstance(got, numbers.Real):
            raise Mistake(f"return a whole number, got {got!r} for side={side}, "
                          f"kernel={kernel}, pool={pool}")
        if got == expected:
            continue
        if got == (side - kernel + 1) / pool:
            raise Mistake(f"side={side}, kernel={kernel}, pool={pool}: got {got}; a map has "
                          "a whole number of rows: pooling drops the leftover one (use //).")
        if got == -(-(side - kernel + 1) // pool):
            raise Mistake(f"side={side}, kernel={kernel}, pool={pool}: got {got}, rounded up; "
                          "Keras' MaxPooling2D (padding='valid') drops the leftover row.")
        if got == (side - kernel) // pool:
            raise Mistake(f"side={side}, kernel={kernel}: off by one before pooling; a "
                          f"{kernel}-wide kernel fits at side - kernel + 1 positions.")
        if got == side // pool:
            raise Mistake(f"side={side}: you left the size unchanged by the convolution, as "
                          "padding='same' would; Conv2D's default is padding='valid'.")
        if got == side - kernel + 1:
            raise Mistake(f"side={side}, pool={pool}: you forgot the pooling, which divides "
                          "the side by pool.")
        raise Mistake(f"side={side}, kernel={kernel}, pool={pool}: expected {expected}, "
                      f"got {got!r}.")
    return ("28 -> 13 -> 5, and a last 3x3 convolution gives 3: Flatten sees "
            "3 * 3 * 64 = 576 features, as in the PyTorch model.")


@exercise("09.2", "parameters of Conv2D(32, (3, 3)) on a 1-channel image", hints=[
    "Each filter has one weight per kernel position and input channel: 3 * 3 * 1.",
    "Each of the 32 filters also has one bias.",
    "3 * 3 * 1 * 32 + 32",
])
def check_conv_params(answer):
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        raise Mistake(f"answer with a number, got {answer!r}")
    value = float(answer)
    if value == CONV1_PARAMS:
        return (f"{KERNEL} x {CHANNELS} x {FILTERS} weights + {FILTERS} biases = "
                f"{CONV1_PARAMS}, what model.count_params() counts for conv1.")
    wrong = {
        KERNEL * CHANNELS * FILTERS: "you forgot the biases: every filter also has one "
                                     "bias, 32 more parameters.",
        KERNEL * CHANNELS * FILTERS + 1: "each of the 32 filters has its own bias, not one "
                                         "bias shared by the layer.",
        KERNEL * CHANNELS + 1: "that is one filter; the layer has 32 of them.",
        KERNEL * CHANNELS: "that is one filter's weights; the layer has 32 filters, each "
                           "with a bias too.",
        26 * 26 * FILTERS: "that is the size of the layer's output (26 x 26 x 32), not its "
                           "parameters: the weights are shared across positions.",
        KERNEL * 32 * 64 + 64: "that is the second convolution (32 input channels, 64 "
                               "filters); the first sees 1 channel.",
    }
    if value in wrong:
        raise Mistake(wrong[value])
    raise Mistake(f"got {answer!r}: count weights per filter (kernel height x width x input "
                  "channels), times the number of filters, plus one bias per filter.")
