"""Lesson 10 exercises: the first epoch within min_delta of the best; diagnose over- and
under-fitting; merge the two dense layers of a network at alpha = 1."""

from __future__ import annotations

import numpy as np

from ..exercises import Mistake, call_student, exercise, short


def reference_best_epoch(history, monitor="val_loss", min_delta=0.0):
    """The first epoch (from 1) whose ``history[monitor]`` is within ``min_delta`` of the
    best: the lowest for a loss, the highest otherwise."""
    values = np.asarray(history[monitor], dtype=float)
    if monitor.endswith("loss"):
        good = values <= values.min() + min_delta
    else:
        good = values >= values.max() - min_delta
    return int(np.argmax(good)) + 1


def _histories():
    """Synthetic history dicts in which the plausible wrong answers all differ."""
    rng = np.random.default_rng(10)
    cases = [
        # lowest val_loss at epoch 4; epochs 2 and 3 within 0.02; loss lowest last;
        # val_accuracy best at epoch 5, epoch 3 within 0.01
        {"loss": [0.9, 0.5, 0.4, 0.3, 0.2, 0.1], "val_loss": [0.8, 0.40, 0.401, 0.39, 0.55, 0.7],
         "accuracy": [0.7, 0.8, 0.85, 0.9, 0.95, 0.98],
         "val_accuracy": [0.72, 0.8, 0.855, 0.85, 0.86, 0.83]},
        # lowest val_loss in the first epoch; training loss lowest before the end
        {"loss": [0.5, 0.3, 0.2, 0.22], "val_loss": [0.4, 0.5, 0.6, 0.7],
         "accuracy": [0.8, 0.9, 0.95, 0.99], "val_accuracy": [0.85, 0.86, 0.84, 0.83]},
        # lowest val_loss in the last epoch, the epoch before within 0.06
        {"loss": [1.0, 0.8, 0.6, 0.5, 0.45], "val_loss": [1.1, 0.9, 0.7, 0.65, 0.6],
         "accuracy": [0.6, 0.7, 0.75, 0.8, 0.82], "val_accuracy": [0.6, 0.68, 0.74, 0.79, 0.78]},
        # exact ties: the first of them counts
        {"loss": [0.6, 0.5, 0.4, 0.3], "val_loss": [0.5, 0.3, 0.4, 0.3],
         "accuracy": [0.8, 0.85, 0.9, 0.95], "val_accuracy": [0.8, 0.9, 0.85, 0.9]},
    ]
    for n in (3, 8, 12, 20):
        cases.append({"loss": np.sort(rng.uniform(0.05, 1.0, size=n))[::-1].tolist(),
                      "val_loss": rng.uniform(0.2, 1.0, size=n).tolist(),
                      "accuracy": np.sort(rng.uniform(0.6, 1.0, size=n)).tolist(),
                      "val_accuracy": rng.uniform(0.7, 0.99, size=n).tolist()})
    return cases


#: (monitor, min_delta) for every history.
SETTINGS = [("val_loss", 0.0), ("val_loss", 0.02), ("val_loss", 0.06),
            ("val_accuracy", 0.0), ("val_accuracy", 0.01), ("loss", 0.0), ("accuracy", 0.0)]


def _first_within(values, best, min_delta, lower_is_better):
    values = np.asarray(values, dtype=float)
    good = values <= best + min_delta if lower_is_better else values >= best - min_delta
    return int(np.argmax(good)) + 1


def _strictly_within(values, lower_is_better, min_delta):
    values = np.asarray(values, dtype=float)
    best = values.min() if lower_is_better else values.max()
    good = values < best + min_delta if lower_is_better else values > best - min_delta
    return int(np.argmax(good)) + 1


def _last_within(values, lower_is_better, min_delta):
    values = np.asarray(values, dtype=float)
    best = values.min() if lower_is_better else values.max()
    good = values <= best + min_delta if lower_is_better else values >= best - min_delta
    return len(values) - int(np.argmax(good[::-1]))


#: Plausible wrong rules: message, function (history, monitor, min_delta) -> epoch.
_WRONG_EPOCHS = [
    ("off by one: that is the 0-based list index; epochs count from 1 (add 1).",
     lambda h, m, d: reference_best_epoch(h, m, d) - 1),
    ("you ignored min_delta: an earlier epoch within min_delta of the best counts as a "
     "tie, and the first of the ties is the answer.",
     lambda h, m, d: reference_best_epoch(h, m, 0.0)),
    ("that is the *last* epoch within min_delta of the best; the exercise asks for the "
     "first (as good within the noise, and cheaper).",
     lambda h, m, d: _last_within(h[m], m.endswith("loss"), d)),
    ("for an accuracy, higher is better: look for the highest value, not the lowest "
     "(and the lowest for a loss).",
     lambda h, m, d: _first_within(h[m], min(h[m]), d, True)),
    ("you treat every monitor as an accuracy (highest is best); for a loss, lowest is best.",
     lambda h, m, d: _first_within(h[m], max(h[m]), d, False)),
    ("you always read history['val_loss']; use history[monitor].",
     lambda h, m, d: reference_best_epoch(h, "val_loss", d)),
    ("with min_delta = 0 no epoch passes a strict < (or >): the best epoch itself must "
     "count, so compare with <= best + min_delta (>= best - min_delta for an accuracy).",
     lambda h, m, d: _strictly_within(h[m], m.endswith("loss"), d)),
    ("min_delta widens the window towards worse values: for a loss, an epoch counts if its "
     "value is <= best + min_delta (not best - min_delta); for an accuracy, >= best - "
     "min_delta.",
     lambda h, m, d: _first_within(h[m], (min(h[m]) - d) if m.endswith("loss")
                                   else (max(h[m]) + d), 0.0, m.endswith("loss"))),
]


@exercise("10.1", "best_epoch(history, monitor, min_delta): the first epoch within min_delta "
          "of the best", hints=[
              "values = history[monitor]; for a loss the best is min(values), for an "
              "accuracy max(values).",
              "Collect the epochs whose value is within min_delta of the best (<= best + "
              "min_delta for a loss); return the first one, counted from 1.",
              "good = values <= values.min() + min_delta (a loss); "
              "return int(np.argmax(good)) + 1",
          ])
def check_best_epoch(function):
    cases = _histories()
    answers, expected, calls, whole = [], [], [], []
    for h in cases:
        for monitor, delta in SETTINGS:
            result = call_student(function, {k: list(v) for k, v in h.items()}, monitor, delta)
            if isinstance(result, (bool, np.bool_)) or np.ndim(result) != 0:
                raise Mistake(f"return one epoch number, got {short(result)}.")
            if isinstance(result, (str, bytes)):
                raise Mistake(f"return an epoch number, got {short(result)}.")
            try:
                value = float(result)
            except (TypeError, ValueError):
                raise Mistake(f"return an epoch number, got {short(result)}.") from None
            answers.append(value)
            expected.append(reference_best_epoch(h, monitor, delta))
            calls.append((h, monitor, delta))
            whole.append(isinstance(result, (int, np.integer)))
    if answers == expected and not all(whole):
        raise Mistake("the epochs are right but not whole numbers (got a float); an epoch "
                      "is an int: return int(...).")
    if answers == expected:
        return (f"Right on {len(cases)} histories x {len(SETTINGS)} settings: lowest loss, "
                "highest accuracy, the first of the ties, counted from 1.")
    for message, variant in _WRONG_EPOCHS:
        if all(np.isclose(a, variant(*c)) for a, c in zip(answers, calls, strict=True)):
            raise Mistake(message)
    i = next(k for k, (a, e) in enumerate(zip(answers, expected, strict=True)) if a != e)
    h, monitor, delta = calls[i]
    raise Mistake(f"for {monitor} = {np.round(h[monitor], 3).tolist()} and min_delta = "
                  f"{delta:g} the answer is epoch {expected[i]}, you returned "
                  f"{answers[i]:g}.")


DIAGNOSIS = {"A": "overfitting", "B": "underfitting", "C": "good fit"}
_SPELLINGS = {"overfitting": "overfitting", "over-fitting": "overfitting",
              "over fitting": "overfitting", "overfit": "overfitting",
              "underfitting": "underfitting", "under-fitting": "underfitting",
              "under fitting": "underfitting", "underfit": "underfitting",
              "good fit": "good fit", "good": "good fit", "goodfit": "good fit"}
_WHY = {
    "A": "run A's training loss keeps falling while its validation loss turns up after "
         "epoch 4: that is overfitting.",
    "B": "run B's two losses are close but still high and falling steadily: the model has "
         "not learned enough yet, that is underfitting.",
    "C": "run C's losses both fall and level off low, with a small constant gap: a good fit.",
}


@exercise("10.2", "diagnose three runs from their loss curves", hints=[
    "Look at the validation loss: does it turn up while the training loss keeps falling?",
    "Both losses high and still falling together: the model needs more training.",
    "A rises at the end, B is high and falling, C levels off low.",
])
def check_diagnosis(answer):
    if not isinstance(answer, dict):
        raise Mistake(f'answer with a dict like {{"A": "good fit", ...}}, got '
                      f"{short(answer)}.")
    if set(answer) != {"A", "B", "C"}:
        raise Mistake(f'give one diagnosis for each of "A", "B" and "C"; got keys '
                      f"{', '.join(sorted(map(repr, answer)))[:60]}.")
    given = {}
    for run, value in answer.items():
        key = str(value).strip().lower().replace("_", " ") if isinstance(value, str) else None
        if key not in _SPELLINGS:
            raise Mistake(f'run {run}: answer "overfitting", "underfitting" or "good fit", '
                          f"got {short(value)}.")
        given[run] = _SPELLINGS[key]
    if given["A"] == "underfitting" and given["B"] == "overfitting":
        raise Mistake("over- and underfitting are swapped: a validation loss that rises while "
                      "the training loss falls is overfitting; high, still falling losses are "
                      "underfitting.")
    for run in ("A", "B", "C"):
        if given[run] != DIAGNOSIS[run]:
            raise Mistake(_WHY[run])
    return "A overfits, B underfits, C fits well."


# --- 10.3 ---------------------------------------------------------------------------------
def _layer_cases():
    rng = np.random.default_rng(103)
    cases = []
    # Square first: there, swapped products and b1 + b2 run and can be recognised.
    for inputs, hidden, classes in [(3, 3, 3), (5, 4, 3), (7, 12, 10), (784, 16, 10)]:
        cases.append((rng.normal(size=(inputs, hidden)), rng.normal(size=hidden),
                      rng.normal(size=(hidden, classes)), rng.normal(size=classes)))
    return cases


@exercise("10.3", "merge_layers: one dense layer for a network at alpha = 1", hints=[
    "At alpha = 1 the hidden layer outputs x @ W1 + b1 unchanged. Multiply that by W2, add "
    "b2, and expand the brackets.",
    "(x @ W1 + b1) @ W2 + b2 = x @ (W1 @ W2) + (b1 @ W2 + b2)",
    "return W1 @ W2, b1 @ W2 + b2",
])
def check_merge_layers(function):
    for W1, b1, W2, b2 in _layer_cases():
        result = call_student(function, W1.copy(), b1.copy(), W2.copy(), b2.copy())
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            raise Mistake(f"return two things, W and b (return W, b), got {short(result)}.")
        try:
            W, b = (np.asarray(r, dtype=float) for r in result)
        except (TypeError, ValueError):
            raise Mistake(f"return two arrays, W and b, got {short(result)}.") from None
        want_W, want_b = W1 @ W2, b1 @ W2 + b2
        shape = f"{W1.shape} and {W2.shape}"
        if W.shape == want_b.shape and b.shape == want_W.shape:
            raise Mistake("W and b are swapped: return W first, then b.")
        if W.shape != want_W.shape:
            raise Mistake(f"for W1, W2 of shapes {shape}, W must have shape {want_W.shape} "
                          f"(inputs, classes), got {W.shape}.")
        if b.shape != want_b.shape:
            raise Mistake(f"b must have one value per class, shape {want_b.shape}, got "
                          f"{b.shape}.")
        if W1.shape[0] == W2.shape[1] and np.allclose(W, W2 @ W1):
            raise Mistake("W is the product in the wrong order: x @ W1 comes first, so "
                          "W = W1 @ W2, not W2 @ W1.")
        if W.shape == want_W.T.shape and np.allclose(W, want_W.T):
            raise Mistake("W is transposed: x @ W needs W of shape (inputs, classes); "
                          "W = W1 @ W2.")
        if not np.allclose(W, want_W):
            raise Mistake("W is wrong: x goes through W1 and then W2, so W = W1 @ W2 "
                          "(a matrix product, not W1 * W2).")
        if np.allclose(b, b2):
            raise Mistake("b is missing b1's contribution: the hidden layer's bias b1 also "
                          "passes through W2 (b = b1 @ W2 + b2).")
        if np.allclose(b, b1 @ W2):
            raise Mistake("b is missing b2, the output layer's own bias.")
        if b1.shape == b2.shape and np.allclose(b, b1 + b2):
            raise Mistake("b1 + b2 skips W2: the hidden layer's bias b1 passes through W2 "
                          "like everything else, b = b1 @ W2 + b2.")
        if not np.allclose(b, want_b):
            raise Mistake("b is wrong: expand (x @ W1 + b1) @ W2 + b2 and collect what "
                          "does not multiply x.")
    inputs, hidden, classes = 784, 128, 10
    two, one = inputs * hidden + hidden + hidden * classes + classes, inputs * classes + classes
    return (f"At alpha = 1 the network is one linear layer: {one:,} parameters do what "
            f"{two:,} do, however wide the hidden layer. Any alpha != 1 bends it.")
