"""Many small dense networks trained side by side, for an alpha sweep in seconds (lesson 10).

Lesson 10 compares the training curves of the network ``Dense(hidden) -> LeakyReLU(alpha)
-> Dense(10, softmax)`` for several alphas, each with several seeds. Trained one by one
with Keras' ``fit``, 18 such runs take more than a minute (most of it per-step overhead);
:func:`train_dense_sweep` trains them side by side with PyTorch tensors (the backward pass
written out, on one thread), in a few seconds, and returns one history per run in the
format of Keras' ``history.history``.

What it does is what ``model.fit(x, y, epochs=..., batch_size=..., validation_split=...)``
does for the Keras model of lesson 10, written out:

* the validation data are the *last* ``validation_split`` of ``x`` (Keras' rule, taken
  before any shuffling); the rest is shuffled at the start of every epoch;
* weights are Glorot-uniform and biases zero (Keras' defaults); the seed fixes a run's
  initial weights and the order of its batches, so the runs of one seed start from the same
  weights and see the same batches whatever their alpha (a paired comparison, as in
  lesson 12), while another seed changes both;
* Adam with Keras' defaults (beta_1 0.9, beta_2 0.999, epsilon 1e-7) on the mean
  cross-entropy of each batch. The runs share nothing but the batches: each has its own
  weights, gradients and Adam state (Adam works element by element);
* ``loss`` and ``accuracy`` are averaged over the epoch's batches while the weights change
  (as Keras reports them), ``val_loss`` and ``val_accuracy`` measured after the epoch.

``tests/test_sweeps.py`` checks that a run gives the histories of Keras' ``fit`` from the
same initial weights and batches (3 epochs, unshuffled).
"""

from __future__ import annotations

import math

import numpy as np

from ._validate import as_float_array, check_alpha, check_positive_int, check_real, fail

__all__ = ["train_dense_sweep", "glorot_uniform", "split_like_keras"]

BETA_1, BETA_2, EPSILON = 0.9, 0.999, 1e-7  # keras.optimizers.Adam's defaults


def glorot_uniform(rng: np.random.Generator, fan_in: int, fan_out: int) -> np.ndarray:
    """Keras' default kernel initialiser: uniform in +-sqrt(6 / (fan_in + fan_out))."""
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=(fan_in, fan_out)).astype(np.float32)


def split_like_keras(n: int, validation_split: float) -> int:
    """How many of ``n`` examples ``fit(validation_split=...)`` trains on: the first
    ``ceil(n * (1 - validation_split))``; the rest are the validation data."""
    return int(math.ceil(n * (1.0 - validation_split)))


def _cross_entropy(probabilities, labels):
    """Per-example cross-entropy, Keras-style: probabilities clipped to [1e-7, 1 - 1e-7].
    ``probabilities`` (R, B, classes), ``labels`` (B,): returns (R, B)."""
    torch = _torch()
    index = labels.view(1, -1, 1).expand(probabilities.shape[0], -1, 1)
    picked = torch.gather(probabilities, 2, index)[..., 0]
    return -torch.log(torch.clamp(picked, EPSILON, 1.0 - EPSILON))


def _torch():
    import torch  # here: `import leaky.sweeps` stays light

    return torch


class _Runs:
    """R networks that see the same batches, as torch tensors (no autograd: the backward
    pass is written out). Their first-layer weights sit side by side in one matrix
    (inputs, R * hidden), so that the first layer is one matrix product for all runs; the
    second layer's weights are stacked, (R, hidden, classes)."""

    def __init__(self, weights, alphas):
        torch = _torch()
        w1, b1, w2, b2 = (torch.as_tensor(np.asarray(w, dtype=np.float32)) for w in weights)
        self.runs, self.hidden = len(alphas), w1.shape[1]
        # Every run starts from the same weights (one seed): repeat them R times.
        self.params = [w1.repeat(1, self.runs), b1.repeat(self.runs),
                       w2[None].repeat(self.runs, 1, 1), b2[None, None].repeat(self.runs, 1, 1)]
        self.alphas = torch.as_tensor(np.repeat(np.asarray(alphas, np.float32), self.hidden))
        self.m = [torch.zeros_like(p) for p in self.params]
        self.v = [torch.zeros_like(p) for p in self.params]
        self.t = 0

    def _per_run(self, h):
        """(B, R * hidden) -> (R, B, hidden)"""
        return h.reshape(h.shape[0], self.runs, self.hidden).transpose(0, 1)

    def forward(self, x):
        torch = _torch()
        w1, b1, w2, b2 = self.params
        z = x @ w1 + b1  # (B, R * hidden): all runs' first layers in one product
        h = torch.where(z > 0, z, self.alphas * z)
        logits = torch.matmul(self._per_run(h), w2) + b2  # (R, B, classes)
        return z, h, torch.softmax(logits, dim=2)

    def step(self, x, labels, learning_rate):
        """One Adam step on the batch; returns the per-example losses and hits, (R, B)."""
        torch = _torch()
        w1, b1, w2, b2 = self.params
        z, h, p = self.forward(x)
        losses = _cross_entropy(p, labels)
        hits = p.argmax(dim=2) == labels[None]
        batch = x.shape[0]
        d_logits = p.clone()
        d_logits[:, torch.arange(batch), labels] -= 1.0
        d_logits /= batch  # the mean over the batch
        grads = [None, None, None, None]
        grads[2] = torch.matmul(self._per_run(h).transpose(1, 2), d_logits)
        grads[3] = d_logits.sum(dim=1, keepdim=True)
        d_h = torch.matmul(d_logits, w2.transpose(1, 2))  # (R, B, hidden)
        d_h = d_h.transpose(0, 1).reshape(batch, -1)  # (B, R * hidden)
        d_z = torch.where(z > 0, d_h, self.alphas * d_h)
        grads[0] = x.T @ d_z
        grads[1] = d_z.sum(dim=0)
        self.t += 1
        scale = learning_rate * math.sqrt(1 - BETA_2**self.t) / (1 - BETA_1**self.t)
        for param, g, m, v in zip(self.params, grads, self.m, self.v, strict=True):
            m.mul_(BETA_1).add_(g, alpha=1 - BETA_1)  # m = beta_1 m + (1 - beta_1) g
            v.mul_(BETA_2).addcmul_(g, g, value=1 - BETA_2)  # v = beta_2 v + (1 - beta_2) g^2
            param.addcdiv_(m, v.sqrt().add_(EPSILON), value=-scale)
        return losses, hits


def train_dense_sweep(x, y, alphas, seeds, *, hidden=128, epochs=8, batch_size=32,
                      learning_rate=0.003, validation_split=0.2, progress=None,
                      initial_weights=None, shuffle=True):
    """Train ``Dense(hidden) -> LeakyReLU(alpha) -> Dense(10, softmax)`` for every alpha
    and seed, side by side; return ``{(alpha, seed): history}``.

    ``x``: float array (examples, features); ``y``: int labels 0..9. Each history is a dict
    like Keras' ``history.history``: ``loss``, ``accuracy``, ``val_loss``,
    ``val_accuracy``, one float per epoch. ``progress``: an object with ``update()`` (a
    :class:`leaky.progressbar.ProgressBar` of ``len(seeds) * epochs`` steps), advanced once
    per seed and epoch. ``initial_weights``: for tests, ``{seed: [W1, b1, W2, b2]}`` of one
    network (every alpha of that seed starts from them). ``shuffle=False`` keeps the
    training order (as ``fit(shuffle=False)``).
    Introduced in lesson 10.
    """
    x = as_float_array(x, "x").astype(np.float32)
    if x.ndim != 2:
        fail("x", "a 2-D array (examples, features)", x)
    y = np.asarray(y)
    if y.shape != (x.shape[0],) or not np.issubdtype(y.dtype, np.integer):
        fail("y", f"whole-number labels of shape ({x.shape[0]},)", y)
    alphas = [check_alpha(a, "alpha") for a in alphas]
    seeds = [int(s) for s in seeds]
    hidden = check_positive_int(hidden, "hidden")
    epochs = check_positive_int(epochs, "epochs")
    batch_size = check_positive_int(batch_size, "batch_size")
    learning_rate = check_real(learning_rate, "learning_rate", low=0, low_open=True)
    validation_split = check_real(validation_split, "validation_split", low=0, high=1,
                                  low_open=True, high_open=True)
    n_train = split_like_keras(len(x), validation_split)
    torch = _torch()
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # small products: more threads would mostly wait
    try:
        data = torch.as_tensor(x), torch.as_tensor(y.astype(np.int64))
        x_train, y_train = data[0][:n_train], data[1][:n_train]
        x_val, y_val = data[0][n_train:], data[1][n_train:]
        histories = {}
        for seed in seeds:
            rng = np.random.default_rng(seed)
            if initial_weights is None:
                weights = [glorot_uniform(rng, x.shape[1], hidden),
                           np.zeros(hidden, np.float32),
                           glorot_uniform(rng, hidden, 10), np.zeros(10, np.float32)]
            else:
                weights = initial_weights[seed]
            # One stack of networks per seed: every alpha, the same initial weights and
            # the same batches.
            net = _Runs(weights, alphas)
            history = {key: [] for key in ("loss", "accuracy", "val_loss", "val_accuracy")}
            for _ in range(epochs):
                order = rng.permutation(n_train) if shuffle else np.arange(n_train)
                order = torch.as_tensor(order)
                loss_sum = torch.zeros(len(alphas), dtype=torch.float64)
                hit_sum = torch.zeros(len(alphas), dtype=torch.float64)
                for start in range(0, n_train, batch_size):
                    batch = order[start:start + batch_size]
                    losses, hits = net.step(x_train[batch], y_train[batch], learning_rate)
                    loss_sum += losses.sum(dim=1)
                    hit_sum += hits.sum(dim=1)
                _, _, p_val = net.forward(x_val)
                history["loss"].append((loss_sum / n_train).tolist())
                history["accuracy"].append((hit_sum / n_train).tolist())
                history["val_loss"].append(_cross_entropy(p_val, y_val).mean(dim=1).tolist())
                history["val_accuracy"].append(
                    (p_val.argmax(dim=2) == y_val[None]).double().mean(dim=1).tolist())
                if progress is not None:
                    progress.update()
            for i, alpha in enumerate(alphas):
                histories[(alpha, seed)] = {key: [float(values[i]) for values in history[key]]
                                            for key in history}
    finally:
        torch.set_num_threads(threads)
    return {(a, s): histories[(a, s)] for a in alphas for s in seeds}
