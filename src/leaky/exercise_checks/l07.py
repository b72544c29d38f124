"""Lesson 07 exercises: one gradient-descent step; the range of learning rates that learn XOR."""

from __future__ import annotations

import numpy as np

from ..exercises import Mistake, call_student, exercise, short
from ..network import SimpleNeuralNetwork, mse_loss_grad, train_many
from ._common import as_number

X_XOR = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y_XOR = np.array([[0], [1], [1], [0]], dtype=float)
XOR_NAMES = ("W1", "b1", "W2", "b2")


def _xor_case(seed):
    """The XOR network's parameters in a random state, their MSE gradients, a learning rate."""
    rng = np.random.default_rng(seed)
    net = SimpleNeuralNetwork(2, 4, 1, rng=rng)
    for layer in net.layers:
        layer.bias += rng.normal(scale=0.3, size=layer.bias.shape)
    grads = net.backward(mse_loss_grad(net.forward(X_XOR), Y_XOR))
    params = [net.hidden_layer.weights, net.hidden_layer.bias,
              net.output_layer.weights, net.output_layer.bias]
    return [p.copy() for p in params], [g.copy() for g in grads], 0.05 * (seed + 1), XOR_NAMES


def _random_case(shapes, seed):
    rng = np.random.default_rng(seed)
    params = [rng.normal(size=shape) for shape in shapes]
    grads = [rng.normal(size=shape) for shape in shapes]
    names = tuple(f"parameter {i + 1}" for i in range(len(shapes)))
    return params, grads, 0.3, names


def _gd_cases():
    for seed in range(3):
        yield _xor_case(seed)
    yield _random_case([(3, 2), (1, 2)], seed=10)                                  # one layer
    yield _random_case([(2, 5), (1, 5), (5, 3), (1, 3), (3, 1), (1, 1)], seed=11)  # three


def _close_all(result, expected):
    return all(r.shape == e.shape and np.allclose(r, e, rtol=1e-10, atol=1e-12)
               for r, e in zip(result, expected, strict=True))


@exercise("07.1", "one gradient-descent step", hints=[
    "Each parameter moves against its gradient, by learning_rate times the gradient.",
    "Build a new list: [p - learning_rate * g for p, g in zip(params, grads)].",
])
def check_gd_step(function):
    count = 0
    for params, grads, lr, names in _gd_cases():
        result = call_student(function, params, grads, lr)
        if isinstance(result, (dict, set, frozenset)):
            raise Mistake("return a list with one new array per parameter, in the order of "
                          f"params, not a {type(result).__name__}.")
        try:
            result = [np.asarray(r, dtype=float) for r in result]
        except (TypeError, ValueError):
            raise Mistake(f"return a list with one new array per parameter, got {short(result)}."
                          ) from None
        if len(result) != len(params):
            extra = (" Loop over the parameters instead of assuming four."
                     if len(result) == 4 else "")
            raise Mistake(f"for {len(params)} parameters your function returned {len(result)} "
                          f"arrays, one per parameter expected.{extra}")
        expected = [p - lr * g for p, g in zip(params, grads, strict=True)]
        if _close_all(result, expected):
            count += 1
            continue
        if _close_all(result, [p + lr * g for p, g in zip(params, grads, strict=True)]):
            raise Mistake("the sign is off: that step goes up the gradient (gradient ascent). "
                          "Move each parameter against its gradient.")
        if _close_all(result, [p - g for p, g in zip(params, grads, strict=True)]):
            raise Mistake("you forgot the learning rate: the step is learning_rate times the "
                          "gradient.")
        if (_close_all(result, [-lr * g for g in grads])
                or _close_all(result, [lr * g for g in grads])):
            raise Mistake("you returned the change (learning_rate times the gradient), not the "
                          "new parameter: add the change to the parameter.")
        if _close_all(result, params):
            raise Mistake("the parameters did not change: apply the step to each of them.")
        for name, r, e in zip(names, result, expected, strict=True):
            if r.shape != e.shape:
                raise Mistake(f"{name} has shape {r.shape}, expected {e.shape}: keep the order "
                              "of the parameters.")
            if not np.allclose(r, e, rtol=1e-10, atol=1e-12):
                raise Mistake(f"{name} is not one gradient-descent step from where it was "
                              f"(learning rate {lr:.2f}).")
    return (f"Right on {count} cases: the XOR network's four parameters and lists of two and six "
            "parameters; the given arrays are unchanged.")


# --- 07.2 ---------------------------------------------------------------------------------
RANGE_SEEDS = 20
NEEDED = 15
#: A rate that learns XOR for 19 of the 20 seeds (lesson 07): which side of the range a
#: wrong end lies on.
INSIDE = 0.1


def learned_counts(learning_rates, seeds=RANGE_SEEDS, epochs=1000):
    """For each learning rate, how many of the fixed networks of seeds 0..seeds-1 learn XOR
    (one call of :func:`train_many` for all of them)."""
    rates = np.asarray(learning_rates, dtype=float)
    runs = train_many(X_XOR, Y_XOR, np.tile(np.arange(seeds), rates.size),
                      learning_rate=np.repeat(rates, seeds), epochs=epochs)
    return runs["learned"].reshape(rates.size, seeds).sum(axis=1)


@exercise("07.2", "the learning rates that learn XOR", hints=[
    "Loop over rates = np.geomspace(0.001, 10, 21) and count, for each, "
    "train_many(X, y, SEEDS, learning_rate=lr)['learned'].sum().",
    "Keep the rates whose count is at least 15; your answer is (the smallest, the largest).",
])
def check_lr_range(answer):
    if isinstance(answer, np.ndarray) and answer.shape == (2,):
        answer = answer.tolist()
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise Mistake(f"answer with a pair (lowest, highest), got {short(answer)}.")
    low, high = (as_number(value, "each end of the range") for value in answer)
    if low <= 0 or high <= 0:
        raise Mistake(f"learning rates are > 0, got ({low:g}, {high:g}).")
    if low > high:
        raise Mistake(f"({low:g}, {high:g}) is the wrong way round: (lowest, highest).")
    c_low, c_high, c_half, c_double = learned_counts([low, high, low / 2, high * 2])
    if c_low < NEEDED:
        side = "too low" if low < INSIDE else f"above the range ({INSIDE} works)"
        raise Mistake(f"at lr = {low:.3g} only {c_low}/{RANGE_SEEDS} seeds learn XOR (at least "
                      f"{NEEDED} needed): your lowest rate is {side}.")
    if c_high < NEEDED:
        side = "too high" if high > INSIDE else f"below the range ({INSIDE} works)"
        raise Mistake(f"at lr = {high:.3g} only {c_high}/{RANGE_SEEDS} seeds learn XOR (at least "
                      f"{NEEDED} needed): your highest rate is {side}.")
    if c_half >= NEEDED:
        raise Mistake(f"lr = {low / 2:.3g}, half your lowest, still learns XOR for "
                      f"{c_half}/{RANGE_SEEDS} seeds: the range reaches lower.")
    if c_double >= NEEDED:
        raise Mistake(f"lr = {high * 2:.3g}, double your highest, still learns XOR for "
                      f"{c_double}/{RANGE_SEEDS} seeds: the range reaches higher.")
    return (f"at both ends at least {NEEDED} of {RANGE_SEEDS} seeds learn XOR, at half the "
            "lowest and double the highest fewer do. Learning rates across a factor of about "
            f"{high / low:.0f} work: 0.1 is no magic number.")
