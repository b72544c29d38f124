"""Lesson 12 exercises: choose alpha on validation data; judge a difference against the seed
spread; where the spread comes from."""

from __future__ import annotations

import copy

import numpy as np

from ..exercises import Mistake, call_student, exercise


def _table(rows):
    """{alpha: {"val": array, "test": array}} from {alpha: (val list, test list)}."""
    return {a: {"val": np.array(v, dtype=float), "test": np.array(t, dtype=float)}
            for a, (v, t) in rows.items()}


def _mean(results, a, key="val"):
    return float(np.mean(results[a][key]))


def _by(results, score, best=max):
    """The alpha with the best score; ties go to the smaller alpha."""
    return best(sorted(results), key=score)


# Each table has a different answer for each likely mistake (checked in the tests).
_CHOICE_TABLES = [
    # mean val best: 0.05; best single val run: 0.3; best mean test: 0.1; worst mean val: 0.0;
    # largest alpha: 0.5
    _table({0.0: ([0.860, 0.862, 0.858], [0.905, 0.903, 0.904]),
            0.05: ([0.912, 0.910, 0.911], [0.905, 0.906, 0.904]),
            0.1: ([0.905, 0.906, 0.904], [0.915, 0.916, 0.914]),
            0.3: ([0.880, 0.930, 0.885], [0.900, 0.901, 0.899]),
            0.5: ([0.890, 0.891, 0.892], [0.890, 0.891, 0.889])}),
    # five seeds, keys in no particular order; mean val best 0.2, test best 0.01
    _table({0.2: ([0.81, 0.83, 0.82, 0.84, 0.80], [0.80, 0.80, 0.81, 0.80, 0.79]),
            0.01: ([0.80, 0.81, 0.79, 0.80, 0.80], [0.85, 0.84, 0.86, 0.85, 0.85]),
            0.0: ([0.78, 0.79, 0.90, 0.70, 0.71], [0.82, 0.81, 0.83, 0.82, 0.82])}),
    # two seeds, larger alpha values; the best is neither the first nor the last key
    _table({1.0: ([0.60, 0.62], [0.70, 0.71]), 0.25: ([0.66, 0.68], [0.64, 0.65]),
            0.5: ([0.63, 0.64], [0.66, 0.66])}),
]

# An exact tie in mean validation accuracy (binary fractions: no rounding) between 0.1 and
# 0.2, inserted with the larger alpha first.
_TIE_TABLE = _table({0.2: ([0.75, 0.75, 0.75], [0.70, 0.70, 0.70]),
                     0.1: ([0.875, 0.75, 0.625], [0.70, 0.70, 0.70]),
                     0.0: ([0.5, 0.5, 0.5], [0.9, 0.9, 0.9])})


def _choice_mistakes(results):
    """What the likely mistakes return for a table: {alpha: description}."""
    alternatives = [
        (_by(results, lambda a: _mean(results, a, "test")),
         "that alpha has the best *test* accuracy. Choose on validation ('val') data: a test "
         "score used for choosing is no longer an honest estimate."),
        (_by(results, lambda a: float(np.max(results[a]["val"]))),
         "that alpha has the single best validation run, not the best mean over seeds: one "
         "lucky seed is not a better alpha. Average over the seeds."),
        (_by(results, lambda a: _mean(results, a), best=min),
         "that alpha has the *lowest* mean validation accuracy: use max, not min."),
        (max(results), "that is simply the largest alpha in the table: rank the alphas by "
         "their mean validation accuracy (max(..., key=...))."),
    ]
    return alternatives


@exercise("12.1", "choose_alpha(results): pick alpha on validation data", hints=[
    "For each alpha, average results[alpha]['val'] over the seeds; keep the best average.",
    "max(results, key=lambda a: np.mean(results[a]['val'])) ranks the alphas by that mean.",
    "For ties, iterate in increasing order of alpha: max(sorted(results), key=...) keeps the "
    "first of equal maxima.",
])
def check_choose_alpha(function):
    for results in _CHOICE_TABLES:
        expected = _by(results, lambda a, r=results: _mean(r, a))
        given = call_student(function, copy.deepcopy(results))
        if not any(_is_alpha(given, a) for a in results):
            raise Mistake(f"return one of the alphas (a key of results, e.g. "
                          f"{sorted(results)[0]}), not {given!r}: an accuracy, an index or "
                          "a pair is not an alpha.")
        if _is_alpha(given, expected):
            continue
        for alpha, reason in _choice_mistakes(results):
            if _is_alpha(given, alpha) and alpha != expected:
                raise Mistake(f"you chose alpha = {given}: {reason}")
        raise Mistake(f"you chose alpha = {given}, but alpha = {expected} has the best mean "
                      f"validation accuracy ({_mean(results, expected):.3f} against "
                      f"{_mean(results, given):.3f}).")
    given = call_student(function, copy.deepcopy(_TIE_TABLE))
    if not _is_alpha(given, 0.1):
        raise Mistake(f"alphas 0.1 and 0.2 tie exactly on mean validation accuracy; return "
                      f"the smaller one, 0.1 (you returned {given!r}). Dict order is "
                      "insertion order, not sorted: sort the alphas first.")
    return ("Picks the best mean validation accuracy on 4 tables (2 to 5 seeds), ignores the "
            "test scores, breaks ties toward the smaller alpha.")


def _is_alpha(value, alpha) -> bool:
    try:
        return (not isinstance(value, (bool, np.bool_, str))
                and np.ndim(value) == 0 and float(value) == float(alpha))
    except (TypeError, ValueError):
        return False


# --- 12.2 -------------------------------------------------------------------------------------

def _ranges(results, a, b, key="val"):
    return (float(np.min(results[a][key])), float(np.max(results[a][key])),
            float(np.min(results[b][key])), float(np.max(results[b][key])))


def _rule_right(results, a, b):
    lo_a, _, _, hi_b = _ranges(results, a, b)
    return lo_a > hi_b


_RULES = [
    (lambda r, a, b: _mean(r, a) > _mean(r, b),
     "your function compares the means only. A higher mean within the seed spread is not "
     "a clear win: require min(val of a) > max(val of b)."),
    (lambda r, a, b: _rule_right(r, a, b) or _rule_right(r, b, a),
     "your function says True when b is clearly better than a, too: the question is whether "
     "a is above b, so the direction matters."),
    (lambda r, a, b: _ranges(r, a, b)[0] >= _ranges(r, a, b)[3],
     "when the worst run of a equals the best run of b, a is not *better* in every run: "
     "use a strict >."),
    (lambda r, a, b: _ranges(r, a, b, "test")[0] > _ranges(r, a, b, "test")[3],
     "your function looks at the test accuracies: judge on validation ('val') data, the "
     "data used for choosing."),
    (lambda r, a, b: _mean(r, a) - _mean(r, b) > max(np.std(r[a]["val"]), np.std(r[b]["val"])),
     "your function compares the difference of the means with the std; the exercise asks "
     "for the stricter range test: every run of a above every run of b."),
]

# (table, a, b) cases chosen so that each rule above gives a wrong answer on at least one.
_SPREAD_TABLE = _table({
    0.0: ([0.900, 0.905, 0.910], [0.950, 0.951, 0.952]),   # overlaps 0.01 on val
    0.01: ([0.903, 0.908, 0.912], [0.900, 0.901, 0.902]),  # mean above 0.0, not clearly
    0.1: ([0.920, 0.921, 0.925], [0.903, 0.904, 0.905]),   # clearly above 0.0 and 0.01
    0.2: ([0.912, 0.915, 0.916], [0.930, 0.931, 0.932]),   # worst 0.912 = best of 0.01
    0.3: ([0.905, 0.930, 0.931], [0.940, 0.941, 0.942]),   # mean lead over 0.01 > std
    0.5: ([0.880, 0.881, 0.882], [0.960, 0.961, 0.962]),   # clearly below on val
})
_SPREAD_CASES = [(0.1, 0.0), (0.01, 0.0), (0.0, 0.1), (0.2, 0.01), (0.0, 0.5), (0.5, 0.0),
                 (0.1, 0.01), (0.2, 0.0), (0.1, 0.2), (0.3, 0.01)]


@exercise("12.2", "clearly_better(results, a, b): beyond the seed spread?", hints=[
    "The worst run of a is min(results[a]['val']); the best run of b is "
    "max(results[b]['val']).",
    "a is clearly better when its worst run beats b's best run (strictly).",
    "return bool(np.min(results[a]['val']) > np.max(results[b]['val']))",
])
def check_clearly_better(function):
    answers = []
    for a, b in _SPREAD_CASES:
        given = call_student(function, copy.deepcopy(_SPREAD_TABLE), a, b)
        if not isinstance(given, (bool, np.bool_)):
            raise Mistake(f"return True or False, not {given!r}.")
        answers.append(bool(given))
    expected = [_rule_right(_SPREAD_TABLE, a, b) for a, b in _SPREAD_CASES]
    if answers == expected:
        return (f"Right on {len(expected)} comparisons: overlapping ranges, touching ranges, "
                "both directions, validation not test.")
    for rule, message in _RULES:
        if answers == [rule(_SPREAD_TABLE, a, b) for a, b in _SPREAD_CASES]:
            raise Mistake(message)
    i = next(k for k, (g, e) in enumerate(zip(answers, expected, strict=True)) if g != e)
    a, b = _SPREAD_CASES[i]
    lo_a, hi_a, lo_b, hi_b = _ranges(_SPREAD_TABLE, a, b)
    raise Mistake(f"for a = {a} (validation runs {lo_a:.3f}..{hi_a:.3f}) and b = {b} "
                  f"({lo_b:.3f}..{hi_b:.3f}) the answer is {expected[i]}, you returned "
                  f"{answers[i]}.")


# --- 12.3 -------------------------------------------------------------------------------------

_SPREAD_ANSWERS = {
    "b": "no: the runs are bit-for-bit repeatable (torch.manual_seed per run, one thread, "
         "deterministic algorithms); run the notebook twice and every number is the same.",
    "c": "no: the validation split is made once, with its own fixed seed, before the sweep; "
         "every run is scored on the same images.",
    "d": "no: alpha is fixed along a row of the table; only the seed changes along a row.",
}


@exercise("12.3", "where the spread across seeds comes from", hints=[
    "Look at train_run: what does the seed change?",
    "torch.manual_seed(seed) fixes the initial weights; the generator fixes the batch order.",
])
def check_spread_source(answer):
    letter = answer.strip().lower() if isinstance(answer, str) else None
    if letter not in ("a", "b", "c", "d"):
        raise Mistake(f"answer with one letter, 'a', 'b', 'c' or 'd'; got {answer!r}")
    if letter in _SPREAD_ANSWERS:
        raise Mistake(f"{letter}: {_SPREAD_ANSWERS[letter]}")
    return ("The seed picks the initial weights and the batch order; different starting points "
            "end in different minima, a fraction of a percent apart. That is the noise level "
            "any comparison of alphas must beat.")
