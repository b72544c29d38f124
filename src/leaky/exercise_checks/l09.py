"""Lesson 09 exercises: a Keras LeakyReLU with PyTorch's default; a conv layer's parameters.

keras is imported inside the checkers, when a check runs.
"""

from __future__ import annotations

import numbers

from ..exercises import Mistake, exercise
from .l14 import check_keras_like_torch

#: The first convolution of lesson 09: 3x3 kernels, 1 input channel, 32 filters.
KERNEL, CHANNELS, FILTERS = 3 * 3, 1, 32
CONV1_PARAMS = KERNEL * CHANNELS * FILTERS + FILTERS


@exercise("09.1", "a Keras LeakyReLU layer with PyTorch's default slope", hints=[
    "Read PyTorch's default off torch.nn.LeakyReLU().negative_slope (printed in the lesson).",
    "Keras 3 calls the slope `negative_slope`; `alpha=` is the deprecated name.",
    "return layers.LeakyReLU(negative_slope=0.01)",
])
def check_keras_layer(make_layer):
    import keras

    if isinstance(make_layer, keras.layers.Layer):
        raise Mistake("that is a layer; pass the function itself, check('09.1', "
                      "keras_like_torch), and let it return the layer.")
    # Lesson 14 asks the same question; its checker builds the layer, compares it with
    # torch.nn.LeakyReLU() at x = -1 and elsewhere, and names the deprecated `alpha=`.
    return check_keras_like_torch(make_layer)


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
