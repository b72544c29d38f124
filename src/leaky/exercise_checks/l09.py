"""Lesson 09 exercises: a feature map's side after conv and pooling; a convolution's
parameters; the slopes PReLU would add to the slide's CNN.

All check plain Python answers; nothing here imports a framework.
"""

from __future__ import annotations

import numbers

from ..exercises import Mistake, call_student, exercise, short

#: (side, kernel, pool) for 09.1: the slide's two blocks first, then odd sides and others.
CASES = [(28, 3, 2), (13, 3, 2), (27, 3, 2), (11, 3, 1), (32, 5, 2), (30, 3, 3)]
#: (kernel, in_channels, filters) for 09.2: the slide's three convolutions, then others.
CONV_CASES = [(3, 1, 32), (3, 32, 64), (3, 64, 64), (5, 3, 16), (1, 8, 4), (7, 3, 64),
              (2, 5, 1)]

#: The slide's CNN: output shape (height, width, channels) of each Leaky ReLU's input.
ACTIVATION_SHAPES = [(26, 26, 32), (11, 11, 64), (3, 3, 64), (64,)]


def _is_whole(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


@exercise("09.1", "a feature map's side after Conv2D and MaxPooling2D", hints=[
    "A k-wide kernel without padding fits at side - k + 1 positions along each axis.",
    "MaxPooling2D(p) takes non-overlapping p x p windows and drops a leftover row: floor.",
    "return (side - kernel + 1) // pool",
])
def check_conv_pool_side(function):
    if not callable(function):
        raise Mistake(f"pass your function itself, check('09.1', conv_pool_side), got "
                      f"{short(function)}.")
    for side, kernel, pool in CASES:
        expected = (side - kernel + 1) // pool
        got = call_student(function, side, kernel, pool)
        if isinstance(got, bool) or not isinstance(got, numbers.Real):
            raise Mistake(f"return a whole number, got {short(got)} for side={side}, "
                          f"kernel={kernel}, pool={pool}.")
        if got == (side - kernel + 1) / pool and got != expected:
            raise Mistake(f"side={side}, kernel={kernel}, pool={pool}: got {got}; a map has "
                          "a whole number of rows: pooling drops the leftover one (use //).")
        if got == expected and not _is_whole(got):
            raise Mistake(f"side={side}, kernel={kernel}, pool={pool}: the value {got!r} is "
                          "right but it is a float; a side is a whole number: use // "
                          "(integer division), not / with a rounding afterwards.")
        if got == expected:
            continue
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


#: Plausible wrong formulas for Conv2D(f, (k, k)) on c channels, each with its message.
_CONV_MISTAKES = [
    (lambda k, c, f: k * k * c * f, "you forgot the biases: every filter also has one bias."),
    (lambda k, c, f: k * k * c * f + 1,
     "each filter has its own bias, not one bias shared by the layer."),
    (lambda k, c, f: k * k * f + f,
     "you left out the input channels: each filter has a k x k kernel for *every* input "
     "channel."),
    (lambda k, c, f: k * c * f + f,
     "the kernel is k x k: k * k weights per input channel, not k."),
    (lambda k, c, f: k * k * c + 1, "that is one filter; the layer has `filters` of them."),
    (lambda k, c, f: k * k * c * f + c,
     "one bias per filter (output channel), not per input channel."),
    (lambda k, c, f: (k * k + 1) * c * f,
     "one bias per filter, not per filter and input channel."),
    (lambda k, c, f: (28 - k + 1) ** 2 * f,
     "that is the size of the output on a 28x28 image; the parameters do not depend on the "
     "image size: the same kernel is used at every position."),
]


@exercise("09.2", "conv_params(kernel, in_channels, filters): a Conv2D's parameters", hints=[
    "Each filter has one weight per kernel position and input channel: kernel * kernel * "
    "in_channels.",
    "There are `filters` filters, and each also has one bias.",
    "return kernel * kernel * in_channels * filters + filters",
])
def check_conv_params(function):
    if not callable(function):
        raise Mistake(f"pass your function itself, check('09.2', conv_params), got "
                      f"{short(function)}.")
    answers = []
    for k, c, f in CONV_CASES:
        got = call_student(function, k, c, f)
        if isinstance(got, bool) or not isinstance(got, numbers.Real):
            raise Mistake(f"return a number, got {short(got)} for kernel={k}, "
                          f"in_channels={c}, filters={f}.")
        answers.append(got)
    expected = [k * k * c * f + f for k, c, f in CONV_CASES]
    if answers == expected:
        if not all(_is_whole(a) for a in answers):
            raise Mistake("the values are right but floats; a count of parameters is a "
                          "whole number (int).")
        return ("weights kernel x kernel x in_channels per filter, plus one bias each: 320, "
                "18,496 and 36,928 for the slide's convolutions, 1,216 for 16 5x5 filters "
                "on RGB.")
    for formula, message in _CONV_MISTAKES:
        if answers == [formula(*case) for case in CONV_CASES]:
            raise Mistake(message)
    i = next(i for i, (a, e) in enumerate(zip(answers, expected, strict=True)) if a != e)
    k, c, f = CONV_CASES[i]
    raise Mistake(f"kernel={k}, in_channels={c}, filters={f}: expected {expected[i]}, got "
                  f"{answers[i]}.")


def _prelu_counts():
    per_element = sum(a * b * c for a, b, c in ACTIVATION_SHAPES[:3]) + ACTIVATION_SHAPES[3][0]
    per_channel = sum(shape[-1] for shape in ACTIVATION_SHAPES)
    return per_element, per_channel


PER_ELEMENT, PER_CHANNEL = _prelu_counts()  # 30,016 and 224


def _per_element_wrong():
    """Plausible wrong 'per_element' answers -> message."""
    pooled = 13 * 13 * 32 + 5 * 5 * 64 + 3 * 3 * 64 + 64
    return {
        PER_ELEMENT - 64: "you left out the dense layer's activation: PReLU() there adds "
                          "one slope per unit, 64.",
        pooled: "those are the sizes after pooling; each activation comes before its "
                "pooling, so it sees the convolution's output (26 x 26 x 32, ...).",
        PER_ELEMENT + 10: "the output layer's softmax is not a Leaky ReLU: it gets no slope.",
        PER_CHANNEL: "that is the per-channel count; PReLU() without shared_axes learns one "
                     "slope per element: height x width x channels.",
        4: "one slope per layer would be PReLU with every axis shared; PReLU() shares none.",
    }


def _per_channel_wrong():
    return {
        PER_CHANNEL - 64: "you left out the dense layer: its PReLU() adds 64 slopes, one "
                          "per unit.",
        1 + 32 + 64 + 64: "count the channels of each activation's *input*, the "
                          "convolution's output (32, 64, 64), not the convolution's input "
                          "channels (1, 32, 64).",
        PER_ELEMENT: "that is the per-element count; with shared_axes=[1, 2] positions "
                     "share a slope: one per channel.",
        3: "one slope per feature map (channel), not per layer.",
        PER_CHANNEL + 10: "the output layer's softmax is not a Leaky ReLU: it gets no slope.",
    }


@exercise("09.3", "the slopes PReLU would add to the slide's CNN", hints=[
    "Each Leaky ReLU sees the output of the layer before it: 26 x 26 x 32 after conv1, "
    "11 x 11 x 64 after conv2, 3 x 3 x 64 after conv3, 64 after the dense layer.",
    "per_element: add up height x width x channels (and 64); per_channel: add up the "
    "channels (and 64).",
    '{"per_element": 26*26*32 + 11*11*64 + 3*3*64 + 64, "per_channel": 32 + 64 + 64 + 64}',
])
def check_prelu_slopes(answer):
    if not isinstance(answer, dict):
        raise Mistake(f'answer with a dict {{"per_element": ..., "per_channel": ...}}, got '
                      f"{short(answer)}.")
    if sorted(map(str, answer)) != ["per_channel", "per_element"]:
        raise Mistake(f'use the keys "per_element" and "per_channel", got '
                      f"{short(sorted(map(str, answer)))}.")
    for key in ("per_element", "per_channel"):
        value = answer[key]
        if value is Ellipsis:
            raise Mistake(f'replace the ... of "{key}" with a number.')
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise Mistake(f'"{key}" must be a number, got {short(value)}.')
    element, channel = answer["per_element"], answer["per_channel"]
    if element == PER_CHANNEL and channel == PER_ELEMENT:
        raise Mistake("the two are swapped: per element is the large one (one slope per "
                      "position and channel), per channel the small one.")
    if element != PER_ELEMENT:
        raise Mistake("per_element: " + _per_element_wrong().get(
            element, f"got {element}; add height x width x channels of each activation's "
                     "input, and the dense layer's 64."))
    if channel != PER_CHANNEL:
        raise Mistake("per_channel: " + _per_channel_wrong().get(
            channel, f"got {channel}; add the channels of each activation's input, and the "
                     "dense layer's 64."))
    if not (_is_whole(element) and _is_whole(channel)):
        raise Mistake("the values are right but floats; counts are whole numbers (int).")
    return (f"Per element, PReLU() would add {PER_ELEMENT:,} slopes, a third of the "
            f"network's 93,322 parameters and most of them in the first layer; per channel "
            f"only {PER_CHANNEL}.")
