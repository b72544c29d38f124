"""Lesson 07 exercises: one gradient-descent step; a learning rate that trains XOR."""

from __future__ import annotations

import numpy as np

from ..exercises import Mistake, call_student, exercise
from ..network import SimpleNeuralNetwork, mse_loss_grad

X_XOR = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y_XOR = np.array([[0], [1], [1], [0]], dtype=float)


def _random_state(seed):
    rng = np.random.default_rng(seed)
    net = SimpleNeuralNetwork(2, 4, 1, rng=rng)
    for layer in net.layers:
        layer.bias += rng.normal(scale=0.3, size=layer.bias.shape)
    return net


@exercise("07.1", "one gradient-descent step", hints=[
    "Each parameter moves against its gradient: param - learning_rate * grad.",
    "Return a list with one new array per parameter, in the same order.",
])
def check_gd_step(function):
    for seed in range(5):
        net = _random_state(seed)
        out = net.forward(X_XOR)
        grads = net.backward(mse_loss_grad(out, Y_XOR))
        params = [p.copy() for p in (net.hidden_layer.weights, net.hidden_layer.bias,
                                     net.output_layer.weights, net.output_layer.bias)]
        lr = 0.05 * (seed + 1)
        given = [p.copy() for p in params]
        result = call_student(function, given, [g.copy() for g in grads], lr)
        try:
            result = [np.asarray(r, dtype=float) for r in result]
        except (TypeError, ValueError):
            raise Mistake("return a list of arrays, one per parameter") from None
        if len(result) != len(params):
            raise Mistake(f"expected {len(params)} arrays (one per parameter), got {len(result)}")
        net.step(X_XOR, Y_XOR, lr)
        expected = [net.hidden_layer.weights, net.hidden_layer.bias,
                    net.output_layer.weights, net.output_layer.bias]
        plus = [p + lr * g for p, g in zip(params, grads, strict=True)]
        if all(np.allclose(r, p) for r, p in zip(result, plus, strict=True)):
            raise Mistake("the sign is off: gradient DEscent subtracts learning_rate * grad "
                          "(the slide's `+=` only works because it flips the error).")
        if all(np.allclose(r, p - g) for r, p, g in zip(result, params, grads, strict=True)):
            raise Mistake("you forgot the learning rate: param - learning_rate * grad.")
        for name, r, e in zip(("W1", "b1", "W2", "b2"), result, expected, strict=True):
            if r.shape != e.shape:
                raise Mistake(f"{name} has shape {r.shape}, expected {e.shape}")
            if not np.allclose(r, e, rtol=1e-10, atol=1e-12):
                raise Mistake(f"{name} differs from leaky's step (seed {seed}, lr {lr:.2f}).")
    return "Matches SimpleNeuralNetwork.step on 5 random states."


@exercise("07.2", "a learning rate that trains XOR", hints=[
    "Too small and 1000 epochs are not enough; too large and the loss blows up.",
    "Try values between 0.05 and 0.3.",
])
def check_learning_rate(learning_rate):
    if isinstance(learning_rate, bool) or not isinstance(learning_rate, (int, float)):
        raise Mistake(f"expected a number, got {learning_rate!r}")
    if not 0 < learning_rate < np.inf:
        raise Mistake(f"a learning rate must be a finite number > 0, got {learning_rate}")
    if learning_rate > 5:
        raise Mistake(f"learning rate {learning_rate} is far too large: the weights blow up.")
    learned = 0
    with np.errstate(all="ignore"):
        for seed in range(10):
            net = SimpleNeuralNetwork(2, 4, 1, rng=seed)
            net.train(X_XOR, Y_XOR, learning_rate=float(learning_rate))
            learned += bool(np.array_equal(net.predict(X_XOR), Y_XOR))
    if learned < 8:
        raise Mistake(f"with lr = {learning_rate} the network learned XOR for {learned}/10 "
                      "seeds; need >= 8. " + ("Try a larger one." if learning_rate < 0.05
                                              else "Try a smaller one."))
    return f"lr = {learning_rate} learned XOR for {learned}/10 seeds."
