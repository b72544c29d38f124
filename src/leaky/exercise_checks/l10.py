"""Lesson 10 exercises: the best epoch of a history; diagnose over- and under-fitting."""

from __future__ import annotations

import numpy as np

from ..exercises import Mistake, call_student, exercise


def _histories():
    """Synthetic history dicts in which the plausible wrong answers all differ."""
    rng = np.random.default_rng(10)
    cases = [
        # lowest val_loss at epoch 3; loss lowest last; val_accuracy best at epoch 5
        {"loss": [0.9, 0.5, 0.4, 0.3, 0.2, 0.1], "val_loss": [0.8, 0.6, 0.45, 0.5, 0.55, 0.7],
         "accuracy": [0.7, 0.8, 0.85, 0.9, 0.95, 0.98],
         "val_accuracy": [0.72, 0.8, 0.84, 0.85, 0.86, 0.83]},
        # lowest val_loss in the first epoch; training loss lowest before the end
        {"loss": [0.5, 0.3, 0.2, 0.22], "val_loss": [0.4, 0.5, 0.6, 0.7],
         "accuracy": [0.8, 0.9, 0.95, 0.99], "val_accuracy": [0.85, 0.86, 0.84, 0.83]},
        # lowest val_loss in the last epoch
        {"loss": [1.0, 0.8, 0.6, 0.5, 0.45], "val_loss": [1.1, 0.9, 0.7, 0.65, 0.6],
         "accuracy": [0.6, 0.7, 0.75, 0.8, 0.82], "val_accuracy": [0.6, 0.68, 0.74, 0.79, 0.78]},
    ]
    for n in (3, 8, 12, 20):
        val_loss = rng.uniform(0.2, 1.0, size=n)
        loss = np.sort(rng.uniform(0.05, 1.0, size=n))[::-1]
        val_acc = rng.uniform(0.7, 0.99, size=n)
        cases.append({"loss": loss.tolist(), "val_loss": val_loss.tolist(),
                      "accuracy": np.sort(rng.uniform(0.6, 1.0, size=n)).tolist(),
                      "val_accuracy": val_acc.tolist()})
    return cases


def _argmin1(values):
    return int(np.argmin(values)) + 1


_WRONG_EPOCHS = [
    ("off by one: that is the 0-based list index; epochs count from 1 (add 1).",
     lambda h: int(np.argmin(h["val_loss"]))),
    ("that is the epoch with the lowest *training* loss; use history['val_loss'].",
     lambda h: _argmin1(h["loss"])),
    ("that is the epoch with the highest validation accuracy; the exercise asks for the "
     "lowest validation loss.",
     lambda h: int(np.argmax(h["val_accuracy"])) + 1),
    ("that is the epoch with the *highest* validation loss: use argmin, not argmax.",
     lambda h: int(np.argmax(h["val_loss"])) + 1),
    ("that is the lowest validation loss itself; return its epoch.",
     lambda h: float(np.min(h["val_loss"]))),
    ("that is the number of epochs; find where history['val_loss'] is lowest.",
     lambda h: len(h["val_loss"])),
]


@exercise("10.1", "best_epoch(history): the epoch with the lowest validation loss", hints=[
    "history['val_loss'] is a list with one value per epoch; np.argmin gives the position "
    "of its smallest value.",
    "np.argmin counts from 0, epochs from 1.",
    "return int(np.argmin(history['val_loss'])) + 1",
])
def check_best_epoch(function):
    cases = _histories()
    answers = []
    for h in cases:
        given = {k: list(v) for k, v in h.items()}
        result = call_student(function, given)
        if given != h:
            raise Mistake("your function modified the history; only read it.")
        if np.ndim(result) != 0:
            raise Mistake(f"return one epoch number, got {result!r}")
        try:
            answers.append(float(result))
        except (TypeError, ValueError):
            raise Mistake(f"return an epoch number, got {result!r}") from None
    expected = [_argmin1(h["val_loss"]) for h in cases]
    if answers == expected:
        return f"Right on {len(cases)} histories, with epochs counted from 1."
    for message, variant in _WRONG_EPOCHS:
        if all(np.isclose(a, variant(h)) for a, h in zip(answers, cases, strict=True)):
            raise Mistake(message)
    i = next(k for k, (a, e) in enumerate(zip(answers, expected, strict=True)) if a != e)
    raise Mistake(f"for val_loss = {np.round(cases[i]['val_loss'], 3).tolist()} the best "
                  f"epoch is {expected[i]}, you returned {answers[i]:g}.")


DIAGNOSIS = {"A": "overfitting", "B": "underfitting", "C": "good fit"}
_SPELLINGS = {"overfitting": "overfitting", "over-fitting": "overfitting",
              "overfit": "overfitting", "underfitting": "underfitting",
              "under-fitting": "underfitting", "underfit": "underfitting",
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
        raise Mistake(f'answer with a dict like {{"A": "good fit", ...}}, got {answer!r}')
    if sorted(answer) != ["A", "B", "C"]:
        raise Mistake(f'give one diagnosis for each of "A", "B" and "C"; got keys '
                      f"{sorted(map(str, answer))}")
    given = {}
    for run, value in answer.items():
        key = str(value).strip().lower().replace("_", " ") if isinstance(value, str) else None
        if key not in _SPELLINGS:
            raise Mistake(f'run {run}: answer "overfitting", "underfitting" or "good fit", '
                          f"got {value!r}")
        given[run] = _SPELLINGS[key]
    if given["A"] == "underfitting" and given["B"] == "overfitting":
        raise Mistake("over- and underfitting are swapped: a validation loss that rises while "
                      "the training loss falls is overfitting; high, still falling losses are "
                      "underfitting.")
    for run in ("A", "B", "C"):
        if given[run] != DIAGNOSIS[run]:
            raise Mistake(_WHY[run])
    return "A overfits, B underfits, C fits well."
