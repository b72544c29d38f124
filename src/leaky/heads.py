"""Many small classifier heads trained at once on frozen features, in numpy (lesson 11).

Lesson 11 trains the slide's sentiment network once (Keras), then asks what alpha does to
its Dense head: it takes the 64 features that the second LSTM computes for each review,
keeps them fixed, and retrains the head alone, from scratch, for a few alphas and seeds:

    features (64) -> Dense(64) -> Leaky ReLU(alpha) -> Dense(1) -> sigmoid

the same layers as the Keras model's head, trained the way Keras trains them by default:
Glorot-uniform weights, zero biases, Adam (learning rate 0.001, betas 0.9 and 0.999,
epsilon 1e-7), binary cross-entropy, shuffled mini-batches. All heads are trained together
as one stack of arrays (one head per alpha and seed), which takes well under a second where
one Keras ``fit`` per head takes seconds. Each head sees only its own loss, so training them
together is the same as training them one by one.

A seed fixes a head's initial weights and the order of its batches; heads with the same
seed and different alphas start from the same weights and see the same batches, so their
results can be compared seed by seed (paired).

Introduced in lesson 11 (every function here).
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array, check_positive_int, check_real, fail

__all__ = ["train_heads", "predict", "glorot_uniform", "sigmoid"]


def glorot_uniform(rng, fan_in, fan_out, dtype=np.float32) -> np.ndarray:
    """Keras' default kernel initialiser: uniform in +-sqrt(6 / (fan_in + fan_out))."""
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=(fan_in, fan_out)).astype(dtype)


def sigmoid(logits):
    """1 / (1 + exp(-logits)), written with tanh so that no exp can overflow."""
    return 0.5 * (1 + np.tanh(0.5 * logits))


def train_heads(features, labels, alphas, seeds, *, units=64, epochs=5, batch_size=128,
                learning_rate=1e-3):
    """Train one head per (alpha, seed) on fixed ``features``; return a dict of results.

    ``features``: shape (examples, inputs); ``labels``: 0/1 of shape (examples,).
    Returns ``{"alphas", "seeds", "z_start", "z_end", "params"}`` where ``z_start`` and
    ``z_end`` are the heads' hidden pre-activations on ``features`` before and after
    training, shape (alphas, seeds, examples, units), and ``params`` the trained weights
    ``(W1, b1, W2, b2)`` with leading axes (alphas, seeds). Use :func:`predict` for
    probabilities on other features.
    """
    X = as_float_array(features, "features").astype(np.float32)
    if X.ndim != 2 or len(X) == 0:
        fail("features", "a 2-D array (examples, inputs) with at least one example", X)
    y = np.asarray(labels, dtype=np.float32)
    if y.shape != (len(X),) or not np.isin(y, (0, 1)).all():
        fail("labels", f"0/1 labels of shape ({len(X)},)", labels)
    alphas = [check_real(a, "alpha", low=0) for a in alphas]
    seeds = [int(s) for s in seeds]
    units = check_positive_int(units, "units")
    epochs = check_positive_int(epochs, "epochs")
    batch_size = check_positive_int(batch_size, "batch_size")
    learning_rate = check_real(learning_rate, "learning_rate", low=0, low_open=True)
    n, d = X.shape
    n_a, n_s = len(alphas), len(seeds)
    H = n_a * n_s  # heads, alpha-major: head h = (alpha h // n_s, seed h % n_s)

    # Initial weights and batch orders: one generator per seed, shared by all alphas.
    W1 = np.empty((H, d, units), np.float32)
    W2 = np.empty((H, units), np.float32)
    orders = []
    for j, seed in enumerate(seeds):
        rng = np.random.default_rng(seed)
        w1, w2 = glorot_uniform(rng, d, units), glorot_uniform(rng, units, 1)[:, 0]
        orders.append([rng.permutation(n) for _ in range(epochs)])
        for i in range(n_a):
            W1[i * n_s + j], W2[i * n_s + j] = w1, w2
    b1 = np.zeros((H, units), np.float32)
    b2 = np.zeros(H, np.float32)
    slope = np.repeat(np.asarray(alphas, np.float32), n_s)[:, None, None]
    params = [W1, b1, W2, b2]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    beta1, beta2, eps = 0.9, 0.999, 1e-7

    def hidden(Xb):  # Xb: (H, B, d) -> pre-activations (H, B, units)
        return Xb @ W1 + b1[:, None, :]

    z_start = hidden(np.broadcast_to(X, (H, n, d)))
    step = 0
    for epoch in range(epochs):
        order = np.stack([orders[h % n_s][epoch] for h in range(H)])  # (H, n)
        for start in range(0, n, batch_size):
            idx = order[:, start:start + batch_size]
            Xb, yb = X[idx], y[idx]                   # (H, B, d), (H, B)
            z = hidden(Xb)
            a = np.where(z > 0, z, slope * z)
            logits = (a @ W2[:, :, None])[:, :, 0] + b2[:, None]
            grad_logits = (sigmoid(logits) - yb) / idx.shape[1]
            grad_W2 = (a.transpose(0, 2, 1) @ grad_logits[:, :, None])[:, :, 0]
            grad_b2 = grad_logits.sum(axis=1)
            grad_z = grad_logits[:, :, None] * W2[:, None, :] * np.where(z > 0, 1, slope)
            grad_W1 = Xb.transpose(0, 2, 1) @ grad_z
            grad_b1 = grad_z.sum(axis=1)
            step += 1
            correction = np.sqrt(1 - beta2**step) / (1 - beta1**step)
            for p, g, mp, vp in zip(params, (grad_W1, grad_b1, grad_W2, grad_b2), m, v,
                                    strict=True):
                mp *= beta1
                mp += (1 - beta1) * g
                vp *= beta2
                vp += (1 - beta2) * g * g
                p -= (learning_rate * correction * mp / (np.sqrt(vp) + eps)).astype(p.dtype)
    z_end = hidden(np.broadcast_to(X, (H, n, d)))
    shape = (n_a, n_s)
    return {"alphas": alphas, "seeds": seeds,
            "z_start": z_start.reshape(*shape, n, units),
            "z_end": z_end.reshape(*shape, n, units),
            "params": tuple(p.reshape(*shape, *p.shape[1:]) for p in params)}


def predict(result, features) -> np.ndarray:
    """Probabilities of the positive class, shape (alphas, seeds, examples), of the heads
    that :func:`train_heads` returned, on ``features`` of shape (examples, inputs)."""
    X = as_float_array(features, "features").astype(np.float32)
    W1, b1, W2, b2 = result["params"]
    slope = np.asarray(result["alphas"], np.float32)[:, None, None, None]
    z = np.einsum("nd,asdu->asnu", X, W1) + b1[:, :, None, :]
    a = np.where(z > 0, z, slope * z)
    logits = np.einsum("asnu,asu->asn", a, W2) + b2[:, :, None]
    return sigmoid(logits)
