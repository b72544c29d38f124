"""Lesson 13 exercises: an in-place Leaky ReLU; an input that breaks the max form; a
prediction of the gradient versions' speed (checked against a measurement of the same run)."""

from __future__ import annotations

import tracemalloc

import numpy as np

from .._validate import as_float_array, check_alpha
from ..activations import leaky_relu
from ..exercises import Mistake, call_student, exercise, short
from ._common import as_number

#: Exercise 13.1's memory limit: peak extra memory below this fraction of x.nbytes.
MEMORY_LIMIT = 0.5
MEMORY_SIZE = 1 << 20  # elements of the float64 array used for the memory test

_SPECIAL = np.array([-np.inf, -1e300, -3.0, -1.0, -1e-8, -0.0, 0.0, 1e-8, 0.5, 1.0, 3.0,
                     1e300, np.inf, np.nan])


def _same(a, b) -> np.ndarray:
    """Elementwise equality (within float rounding) that counts NaN == NaN and inf == inf."""
    with np.errstate(invalid="ignore"):
        close = np.isclose(a, b, rtol=1e-7, atol=0.0)
    return close | (a == b) | (np.isnan(a) & np.isnan(b))


def peak_extra_bytes(function, *args):
    """Peak bytes allocated while ``function(*args)`` runs, above the allocations before it,
    and its result. Uses ``tracemalloc`` (numpy reports its arrays to it); leaves tracing as
    it found it. Introduced in lesson 13."""
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    try:
        result = function(*args)
    finally:
        peak = tracemalloc.get_traced_memory()[1] - before
        if not was_tracing:
            tracemalloc.stop()
    return peak, result


def _check_inplace_values(function, x, alpha):
    given = x.copy()
    with np.errstate(all="ignore"):  # 0 * -inf and the like: reported below, not warned
        result = call_student(function, given, alpha, may_modify=(0,), returns_none=True)
        expected = leaky_relu(x, alpha)
    changed = not np.array_equal(given, x, equal_nan=True)
    if result is None:
        raise Mistake("your function returns None: end it with `return x` (the same array "
                      "it changed).")
    if result is not given:
        if not changed:
            what = "a new array" if isinstance(result, np.ndarray) else short(result)
            raise Mistake(f"x is unchanged: your function returns {what} instead of "
                          "overwriting x. Write into x itself (e.g. out=x) and return x.")
        raise Mistake("x was changed, but the function returned a different object: "
                      "return x itself, not a copy or a new array.")
    if given.dtype != x.dtype:
        raise Mistake(f"the dtype changed from {x.dtype} to {given.dtype}.")
    wrong = ~_same(given, expected)
    if not wrong.any():
        return
    bad_x = x[wrong]
    i = int(np.argmax(wrong))
    shown = f"x = {x[i]!r} should give {expected[i]!r}, got {given[i]!r} (alpha = {alpha})"
    if alpha == 0 and np.all(np.isneginf(bad_x)):
        raise Mistake(f"{shown}: 0 * -inf is nan, in leaky.leaky_relu as in PyTorch. "
                      "0 is relu's answer (np.maximum(x, 0)); Leaky ReLU multiplies the "
                      "negative values by alpha, also when alpha = 0.")
    if alpha > 1:
        raise Mistake(f"wrong for alpha > 1: {shown}. max(x, alpha * x) picks the wrong "
                      "branch when alpha > 1; change only the negative elements.")
    if np.all(bad_x > 0):
        raise Mistake(f"positive values changed: {shown}. Did you overwrite x with alpha * x "
                      "and then read it again (aliasing)? Positive elements must stay as "
                      "they are.")
    with np.errstate(invalid="ignore"):
        last_digit = np.allclose(given[wrong], expected[wrong], rtol=1e-6, atol=0.0)
    if last_digit:
        raise Mistake(f"off in the last digit: {shown}. Multiply in x's own dtype, by alpha "
                      "as given (a Python float), as leaky.leaky_relu does, not by a "
                      "float64 alpha.")
    raise Mistake(f"wrong values: {shown}.")


@exercise("13.1", "an in-place leaky_relu_inplace(x, alpha)", hints=[
    "Only the negative elements change: they become alpha * x. The others stay as they are.",
    "np.multiply(x, alpha, out=x, where=x < 0) multiplies just those elements, in x itself, "
    "with only a boolean mask as temporary.",
    "No special case is needed, not even for alpha = 0: leaky_relu(-inf, 0) is 0 * -inf = nan. "
    "Return x at the end.",
])
def check_inplace(function):
    rng = np.random.default_rng(13)
    x = np.concatenate([_SPECIAL, rng.normal(scale=4.0, size=50)])
    for alpha in (0.01, 0.2, 1.0, 1.5, 4.0, 0.0):
        _check_inplace_values(function, x, alpha)
    with np.errstate(over="ignore"):
        x32 = x.astype(np.float32)  # +-1e300 become +-inf
    _check_inplace_values(function, x32, 0.1)

    big = rng.standard_normal(MEMORY_SIZE)
    expected = leaky_relu(big, 0.1)
    peak, result = peak_extra_bytes(lambda: call_student(function, big, 0.1,
                                                                may_modify=(0,)))
    if result is not big or not np.array_equal(big, expected):
        raise Mistake("on a large array (1M values) the result is not leaky_relu(x) "
                      "written into x.")
    ratio = peak / big.nbytes
    if ratio >= 1:
        raise Mistake(f"peak extra memory was {ratio:.2f} x the size of x: a full-size "
                      "temporary (alpha * x, np.where(...), a copy). Change x only where "
                      "x < 0, with out=x and where=.")
    if ratio >= MEMORY_LIMIT:
        raise Mistake(f"peak extra memory was {ratio:.2f} x the size of x (limit "
                      f"{MEMORY_LIMIT}). x[x < 0] *= alpha copies all negative elements out "
                      "and back; np.multiply(x, alpha, out=x, where=x < 0) does not.")
    return (f"Correct for alpha in [0, 0.01, 0.2, 1, 1.5, 4] incl. inf and nan, returns x "
            f"itself, and the peak extra memory on 1M values was {ratio:.2f} x the size of x.")


def one_liner(x, a):
    """Exercise 13.2's implementation under test: the slides' max form."""
    return np.maximum(a * x, x)


@exercise("13.2", "an input (x, alpha <= 1) that breaks np.maximum(a * x, x)", hints=[
    "For 0 <= alpha <= 1 and finite x the max form is right, however large x is.",
    "So the input must be infinite (or nan). Which infinity, with which alpha?",
    "alpha = 0 and x = +inf: what is 0 * inf, and what does np.maximum do with a nan?",
])
def check_breaking(answer):
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Mistake(f"give a pair (x, alpha), e.g. (1.0, 0.5); got {short(answer)}")
    x_given, alpha_given = answer
    try:
        alpha = check_alpha(alpha_given)
    except (TypeError, ValueError):
        raise Mistake(f"alpha must be a finite number >= 0 (leaky.leaky_relu accepts no "
                      f"other), got {short(alpha_given)}") from None
    try:
        x = as_float_array(x_given).astype(np.float64)
    except (TypeError, ValueError):
        raise Mistake(f"x must be a number or an array of numbers, got "
                      f"{short(x_given)}") from None
    if alpha > 1:
        raise Mistake(f"alpha = {alpha:g} is the kind section 1 showed (for alpha > 1 max picks "
                      "the wrong branch). Find an input with alpha <= 1.")
    with np.errstate(all="ignore"):
        naive = np.asarray(one_liner(x, alpha))
        expected = np.asarray(leaky_relu(x, alpha))
    broken = ~((naive == expected) | (np.isnan(naive) & np.isnan(expected)))
    if broken.any():
        i = np.unravel_index(int(np.argmax(broken)), broken.shape)
        return (f"Broken at x = {float(x[i])!r}, alpha = {alpha}: one_liner gives "
                f"{float(naive[i])!r}, leaky_relu {float(expected[i])!r}. 0 * inf is nan, and "
                "np.maximum passes a nan on, so the max form loses +inf when alpha = 0. The "
                "definition never multiplies a positive x.")
    if np.all(np.isfinite(x)):
        raise Mistake("they agree: for 0 <= alpha <= 1 and finite x the max form is right, "
                      "even for x = 1e300 (alpha * x cannot overflow). Try an infinite x.")
    if alpha == 0 and np.any(np.isneginf(x)):
        raise Mistake("they agree there: at x = -inf both give nan (0 * -inf is nan in "
                      "leaky_relu too, as in PyTorch). Does every infinity agree?")
    raise Mistake("they agree on that infinite or nan input with this alpha. Which alpha "
                  "makes alpha * inf a problem?")


# --- 13.3: predict, then run --------------------------------------------------------------
#: 13.3: C and D are both one pass and usually within noise of each other; C (a new array
#: on every call) counts as wrong only if it took more than this many times D's time.
ALLOCATION_SLACK = 2.0
#: 13.3: the predicted speed-up over the reference counts if within this factor of the
#: measured one (it is a prediction: the reasoning matters, not the digits).
FACTOR_SLACK = 3.0
GRADIENT_SIZE = 2**18
GRADIENT_LETTERS = ("A", "B", "C", "D")


def _measured_gradients() -> dict:
    """The measurement printed by the lesson's cell before the check, or a new one."""
    from .. import roofline

    return roofline.last_gradients() or roofline.measure_gradients(GRADIENT_SIZE)


@exercise("13.3", "predict the fastest gradient version and its speed-up", hints=[
    "Count what each version writes and reads: a full-size mask, a result, a second mask, "
    "and how it picks elements. One pass reads x once and writes one array.",
    "Section 8 measured np.where itself, as a multiple of a copy's time. A and B do at least "
    "that much work; a one-pass version costs about one copy.",
    "C and D differ only in where the result goes: a new array each call, or g.",
])
def check_prediction(answer):
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Mistake(f"give a pair (letter, factor), e.g. (\"B\", 3.0); got {short(answer)}")
    letter, factor = answer
    if not isinstance(letter, str) or letter.strip().upper() not in GRADIENT_LETTERS:
        raise Mistake(f"the first item must be one of the letters {', '.join(GRADIENT_LETTERS)}, "
                      f"got {short(letter)}")
    letter = letter.strip().upper()
    factor = as_number(factor, "the factor (how many times faster than A)")
    if factor <= 0:
        raise Mistake(f"the factor must be > 0 (times faster than A), got {factor:g}")
    times = _measured_gradients()
    one_pass = min(times["C"], times["D"])
    speedup = times["A"] / one_pass
    if letter in "AB":
        raise Mistake(f"{letter} was among the slowest, not the fastest: it builds full-size "
                      "temporaries (a mask, a new result) and writes through a mask, many "
                      "times a copy's time, like np.where in section 8. See the table above.")
    if letter == "C" and times["C"] > ALLOCATION_SLACK * times["D"]:
        raise Mistake("C was clearly slower than D here (see the table above): C makes a new "
                      "array on every call, D writes into g, made once.")
    if factor < speedup / FACTOR_SLACK:
        raise Mistake(f"{letter} is right, but the reference is much slower than you think: "
                      f"your factor {factor:g} is less than a third of the measured one (see "
                      "the table). A uses np.where and a mask write, which section 8 timed.")
    if factor > speedup * FACTOR_SLACK:
        raise Mistake(f"{letter} is right, but your factor {factor:g} is more than three times "
                      "the measured one (see the table): the reference is slow, not that "
                      "slow.")
    return (f"{letter} is one of the fastest, and your factor is within 3x of the measured "
            "one. A and B build a mask and a new array, then pick or write element by element "
            "through the mask; C and D read x once and write once, like a copy.")
