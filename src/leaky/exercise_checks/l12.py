"""Lesson 12 exercises: choose alpha on validation data within a tolerance (the
one-standard-error rule); judge a difference against the seed spread; predict what keeps two
runs close; how many images a given standard error takes."""

from __future__ import annotations

import copy

import numpy as np

from ..exercises import Mistake, call_student, exercise, short


def _table(rows):
    """{alpha: {"val": array, "test": array}} from {alpha: (val list, test list)}."""
    return {a: {"val": np.array(v, dtype=float), "test": np.array(t, dtype=float)}
            for a, (v, t) in rows.items()}


def _mean(results, a, key="val"):
    return float(np.mean(results[a][key]))


# --- 12.1 -------------------------------------------------------------------------------------

def _within(results, tol, score, strict=False):
    """The alphas whose score is at most ``tol`` below the best score (in table order)."""
    scores = {a: score(a) for a in results}
    best = max(scores.values())
    return [a for a in results if (best - scores[a] < tol if strict else best - scores[a] <= tol)]


def _reference_choose(results, tol):
    return min(_within(results, tol, lambda a: _mean(results, a)))


# The tables: differences between means sit far from every tol used with them (no rounding
# decides a case), except the two exact ones, made of binary fractions: an exact tie at
# tol = 0 and an alpha exactly tol below the best.
_CHOICE_TABLES = {
    # best mean 0.05 (0.911); 0.1 is 0.004 below, 0.01 0.006, 0.0 0.011; best single run
    # 0.3; best mean test 0.0; lowest mean 0.5.
    "six alphas": _table({
        0.0: ([0.900, 0.902, 0.898], [0.950, 0.951, 0.949]),
        0.01: ([0.905, 0.906, 0.904], [0.900, 0.901, 0.899]),
        0.05: ([0.912, 0.910, 0.911], [0.905, 0.906, 0.904]),
        0.1: ([0.907, 0.908, 0.906], [0.910, 0.911, 0.909]),
        0.3: ([0.870, 0.935, 0.875], [0.900, 0.901, 0.899]),
        0.5: ([0.890, 0.891, 0.892], [0.890, 0.891, 0.889])}),
    # five seeds, keys not sorted: best mean 0.2 (0.82), 0.01 0.02 below, 0.0 0.044 below
    # (its median only 0.04 below)
    "three alphas, unsorted": _table({
        0.2: ([0.81, 0.83, 0.82, 0.84, 0.80], [0.80, 0.80, 0.81, 0.80, 0.79]),
        0.01: ([0.80, 0.81, 0.79, 0.80, 0.80], [0.85, 0.84, 0.86, 0.85, 0.85]),
        0.0: ([0.78, 0.79, 0.90, 0.70, 0.71], [0.82, 0.81, 0.83, 0.82, 0.82])}),
    # two seeds, larger alphas: best 0.25 (0.67), 0.5 0.035 below, 1.0 0.06 below
    "two seeds": _table({
        1.0: ([0.60, 0.62], [0.70, 0.71]), 0.25: ([0.66, 0.68], [0.64, 0.65]),
        0.5: ([0.63, 0.64], [0.66, 0.66])}),
    # exact: 0.1 and 0.2 tie at 0.75 (0.2 inserted first); 0.0 is 0.25 below
    "a tie": _table({0.2: ([0.75, 0.75, 0.75], [0.70, 0.70, 0.70]),
                     0.1: ([0.875, 0.75, 0.625], [0.70, 0.70, 0.70]),
                     0.0: ([0.5, 0.5, 0.5], [0.9, 0.9, 0.9])}),
    # exact: 0.0 is exactly 0.125 below the best (0.5)
    "an alpha exactly tol below": _table({0.5: ([0.625, 0.625], [0.6, 0.6]),
                                          0.0: ([0.5, 0.5], [0.6, 0.6]),
                                          0.3: ([0.25, 0.25], [0.6, 0.6])}),
}

_CHOICE_CASES = [("six alphas", 0.0), ("six alphas", 0.005), ("six alphas", 0.007),
                 ("six alphas", 0.015), ("three alphas, unsorted", 0.0),
                 ("three alphas, unsorted", 0.03), ("three alphas, unsorted", 0.042),
                 ("three alphas, unsorted", 0.05),
                 ("two seeds", 0.0), ("two seeds", 0.04), ("two seeds", 0.1),
                 ("a tie", 0.0), ("a tie", 0.1), ("an alpha exactly tol below", 0.125)]


def _choice_mistakes():
    """(what a likely mistake returns for (results, tol), why it is wrong), most likely first."""
    def mean(r):
        return lambda a: _mean(r, a)

    return [
        (lambda r, t: min(_within(r, 0.0, mean(r))),
         "that alpha has the best mean validation accuracy, but tol was ignored: every alpha "
         "at most tol below the best counts, and the rule takes the smallest of them."),
        (lambda r, t: max(_within(r, t, mean(r))),
         "that is the largest alpha within tol of the best; the rule takes the smallest (the "
         "closest to ReLU): min(...), not max(...)."),
        (lambda r, t: _within(r, t, mean(r))[0],
         "that is the first alpha within tol in the table's order; a dict keeps the order in "
         "which it was filled, not sorted order: take min(...) of the alphas within tol."),
        (lambda r, t: min(_within(r, t, mean(r), strict=True) or _within(r, 0.0, mean(r))),
         "an alpha exactly tol below the best counts too (\"at most tol below\"): use <=, not <."),
        (lambda r, t: min(_within(r, t, lambda a: _mean(r, a, "test"))),
         "you used the *test* accuracies. Choose on validation ('val') data: a test score used "
         "for choosing is no longer an honest estimate."),
        (lambda r, t: min(_within(r, t, lambda a: float(np.max(r[a]["val"])))),
         "you compared the single best run of each alpha, not its mean over the seeds: one "
         "lucky seed is not a better alpha."),
        (lambda r, t: min(_within(r, t, lambda a: -_mean(r, a))),
         "you measured from the *lowest* mean validation accuracy: the best is the highest "
         "mean (max)."),
        (lambda r, t: min(_within(r, 100 * t, mean(r))),
         "tol is a fraction, like the accuracies (0.002 is 0.2 points): do not multiply it "
         "by 100."),
        (lambda r, t: min(_within(r, t, lambda a: float(np.median(r[a]["val"])))),
         "you used the median over the seeds; the rule compares the means."),
        (lambda r, t: min(r),
         "that is the smallest alpha of the whole table; only the alphas whose mean is at "
         "most tol below the best count."),
    ]


def _describe(name, tol):
    return f"on the checker's table '{name}' with tol = {tol},"


@exercise("12.1", "choose_alpha(results, tol): the smallest alpha within tol of the best", hints=[
    "First the mean validation accuracy of every alpha: "
    "{a: np.mean(results[a]['val']) for a in results}; then the best of those means.",
    "An alpha qualifies when best - its mean <= tol; of those, return the smallest alpha.",
    "means = {a: np.mean(r['val']) for a, r in results.items()}; best = max(means.values()); "
    "return min(a for a, m in means.items() if best - m <= tol)",
])
def check_choose_alpha(function):
    answers = []
    for name, tol in _CHOICE_CASES:
        results = _CHOICE_TABLES[name]
        try:
            given = call_student(function, copy.deepcopy(results), tol)
        except Mistake as error:
            empty = not _within(results, tol, lambda a, r=results: _mean(r, a), strict=True)
            if empty and "ValueError" in str(error):
                raise Mistake(f"{_describe(name, tol)} your function found no alpha: the "
                              "best alpha itself must qualify, and it is 0 below the best: "
                              "0 <= tol holds for tol = 0, 0 < tol does not. Use <=, not "
                              "<.") from None
            raise
        if not any(_is_alpha(given, a) for a in results):
            raise Mistake(f"return one of the alphas (a key of results, e.g. "
                          f"{sorted(results)[0]}), not {short(given)}: an accuracy, an index "
                          "or a list of alphas is not an alpha.")
        answers.append(float(given))
    expected = [_reference_choose(_CHOICE_TABLES[name], tol) for name, tol in _CHOICE_CASES]
    if answers == expected:
        return (f"Right on {len(_CHOICE_CASES)} tables and tolerances (2 to 5 seeds, ties, "
                "an alpha exactly tol below the best). With tol = 0 it picks the best mean; "
                "with tol = a paired standard error, the alpha closest to ReLU that the noise "
                "cannot tell from the best.")
    for mistake, reason in _choice_mistakes():
        wrong = [mistake(_CHOICE_TABLES[name], tol) for name, tol in _CHOICE_CASES]
        if answers == wrong:
            i = next(k for k, (w, e) in enumerate(zip(wrong, expected, strict=True)) if w != e)
            name, tol = _CHOICE_CASES[i]
            raise Mistake(f"{_describe(name, tol)} you chose alpha = {answers[i]:g}, not "
                          f"{expected[i]:g}: {reason}")
    i = next(k for k, (g, e) in enumerate(zip(answers, expected, strict=True)) if g != e)
    name, tol = _CHOICE_CASES[i]
    raise Mistake(f"{_describe(name, tol)} the answer is alpha = {expected[i]:g} (the smallest "
                  f"alpha at most tol below the best mean), you returned {answers[i]:g}.")


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
    (lambda r, a, b: _mean(r, a) - _mean(r, b) > max(np.std(r[a]["val"], ddof=1),
                                                     np.std(r[b]["val"], ddof=1)),
     "your function compares the difference of the means with the std; the exercise asks "
     "for the stricter range test: every run of a above every run of b."),
    (lambda r, a, b: bool(np.all(np.asarray(r[a]["val"]) > np.asarray(r[b]["val"]))),
     "your function compares seed by seed (a beats b with every seed: a paired test, and a "
     "fair one); this exercise asks for the range test, which ignores the pairing: every "
     "run of a above every run of b, min(val of a) > max(val of b)."),
    (lambda r, a, b: _ranges(r, a, b)[1] > _ranges(r, a, b)[2],
     "your function says True as soon as the ranges overlap (best run of a above the worst "
     "of b); a is clearly better only when its *worst* run beats b's *best*."),
    (lambda r, a, b: _ranges(r, a, b)[0] > _ranges(r, a, b)[2],
     "you compared the worst runs of a and b; compare the worst run of a with the *best* "
     "run of b."),
    (lambda r, a, b: _ranges(r, a, b)[1] > _ranges(r, a, b)[3],
     "you compared the best runs of a and b; compare the *worst* run of a with the best "
     "run of b."),
]

# (table, a, b) cases chosen so that each rule above answers differently from the right
# rule and from every other rule on at least one case (tests/test_lesson12.py checks it).
_SPREAD_TABLE = _table({
    0.0: ([0.900, 0.905, 0.910], [0.950, 0.951, 0.952]),   # overlaps 0.01 on val
    0.01: ([0.903, 0.908, 0.912], [0.900, 0.901, 0.902]),  # mean above 0.0, not clearly
    0.1: ([0.920, 0.921, 0.925], [0.903, 0.904, 0.905]),   # clearly above 0.0 and 0.01
    0.2: ([0.912, 0.915, 0.916], [0.930, 0.931, 0.932]),   # worst 0.912 = best of 0.01
    0.3: ([0.905, 0.930, 0.931], [0.940, 0.941, 0.942]),   # mean lead over 0.01 > std
    0.5: ([0.880, 0.881, 0.882], [0.960, 0.961, 0.962]),   # clearly below on val
    0.4: ([0.910, 0.930, 0.931], [0.900, 0.900, 0.900]),   # lead over 0.01 > std (ddof=1)
    0.05: ([0.906, 0.911, 0.915], [0.900, 0.900, 0.900]),  # above 0.01 seed by seed only
    0.6: ([0.899, 0.925, 0.930], [0.900, 0.900, 0.900]),   # wide: overlaps 0.0, 0.1, 0.2
})
_SPREAD_CASES = [(0.1, 0.0), (0.01, 0.0), (0.0, 0.1), (0.2, 0.01), (0.0, 0.5), (0.5, 0.0),
                 (0.1, 0.01), (0.2, 0.0), (0.1, 0.2), (0.3, 0.01), (0.4, 0.01), (0.05, 0.01),
                 (0.6, 0.0), (0.6, 0.1), (0.05, 0.2), (0.2, 0.6)]


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
            raise Mistake(f"return True or False, not {short(given)}.")
        answers.append(bool(given))
    expected = [_rule_right(_SPREAD_TABLE, a, b) for a, b in _SPREAD_CASES]
    if answers == expected:
        return (f"Right on {len(expected)} comparisons: overlapping ranges, touching ranges, "
                "both directions, validation not test. The range test is crude and strict: "
                "the paired standard error of the lesson uses the pairing by seed and sees "
                "smaller differences.")
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

_CLOSE_ANSWERS = {
    "a": "no: the handful came from the shared seed, not from the shared images. With the "
         "same seed both runs start from the same weights and see the same batches, so they "
         "end close; seeds 0 and 5 start elsewhere, and their runs differ about as much as "
         "two seeds of one alpha do. Run the line in the exercise to see.",
    "c": "no: each run gets about 90% of the images right, so each is wrong on only about "
         "100 of the 1,000; two such runs can disagree on at most about 200 images, and "
         "they agree on almost all the easy ones.",
    "d": "no: equal accuracies do not mean equal predictions. Two seeds of one alpha have "
         "about the same accuracy and still disagree on a few dozen images: each is wrong "
         "on about 100, not on the same ones.",
}


@exercise("12.3", "what keeps two runs close: the seed or the images?", hints=[
    "Compare the two counts printed in the lesson: same seed, other alpha; same alpha, other "
    "seed. Which of the two situations is alpha 0 with seed 0 against alpha 0.2 with seed 5 "
    "closer to?",
    "The seed fixes the initial weights and the batch order; the images are shared by every "
    "run, whatever its seed.",
])
def check_what_keeps_runs_close(answer):
    letter = answer.strip().lower() if isinstance(answer, str) else None
    if letter not in ("a", "b", "c", "d"):
        raise Mistake(f"answer with one letter, 'a', 'b', 'c' or 'd'; got {short(answer)}")
    if letter in _CLOSE_ANSWERS:
        raise Mistake(f"{letter}: {_CLOSE_ANSWERS[letter]}")
    return ("Runs of two alphas stay close only when they share the seed (start and batches); "
            "the shared images alone do not do it. That is why the sweep uses the same seeds "
            "for every alpha, and why its comparisons are paired seed by seed.")


# --- 12.4 -------------------------------------------------------------------------------------

# (p, se) with p * (1 - p) / se**2 well away from a whole number, so that rounding of floats
# cannot decide the answer.
_SE_CASES = [(0.9, 0.0095), (0.9, 0.0031), (0.5, 0.012), (0.99, 0.0011), (0.75, 0.02),
             (0.6, 0.045)]


def _images_needed(p, se):
    return int(np.ceil(p * (1 - p) / se**2))


_SE_MISTAKES = [
    (lambda p, se: np.ceil(p * (1 - p) / se),
     "you divided by se, not by se squared: the standard error shrinks like 1 / sqrt(n), so "
     "n = p (1 - p) / se**2."),
    (lambda p, se: np.ceil(np.sqrt(p * (1 - p)) / se),
     "you solved sqrt(p (1 - p)) / n <= se; the standard error is sqrt(p (1 - p) / n), so "
     "n = p (1 - p) / se**2."),
    (lambda p, se: np.ceil(p / se**2),
     "you left out (1 - p): the variance of one image's 0/1 score is p (1 - p)."),
    (lambda p, se: np.floor(p * (1 - p) / se**2),
     "you rounded down (int() and, here, round() do): with that n the standard error is "
     "still a little above se. Round up (np.ceil, or math.ceil)."),
    (lambda p, se: np.round(p * (1 - p) / se**2),
     "you rounded to the nearest whole number; when that rounds down, the standard error "
     "is still above se. Round up (np.ceil)."),
    (lambda p, se: np.ceil(p * (1 - p) / se**2) + 1,
     "one image more than needed: np.ceil already gives the smallest whole n."),
]


@exercise("12.4", "images_needed(p, se): the size of an evaluation set", hints=[
    "Start from se = sqrt(p * (1 - p) / n) and solve for n.",
    "n = p * (1 - p) / se**2, rounded up to a whole number of images.",
    "return int(np.ceil(p * (1 - p) / se**2))",
])
def check_images_needed(function):
    for p, se in _SE_CASES:
        given = call_student(function, p, se)
        if isinstance(given, (bool, np.bool_)) or np.ndim(given) != 0:
            raise Mistake(f"return one whole number of images, got {short(given)}")
        try:
            value = float(given)
        except (TypeError, ValueError):
            raise Mistake(f"return one whole number of images, got {short(given)}") from None
        expected = _images_needed(p, se)
        if value == expected:
            continue
        for mistake, message in _SE_MISTAKES:
            if value == float(mistake(p, se)):
                raise Mistake(f"images_needed({p}, {se}) is {expected}, you returned "
                              f"{short(given)}: {message}")
        if value != int(value):
            raise Mistake(f"images_needed({p}, {se}) returned {short(given)}: a number of "
                          "images is a whole number; round up.")
        raise Mistake(f"images_needed({p}, {se}) should be {expected} (the smallest n with "
                      f"sqrt(p (1 - p) / n) <= se), got {short(given)}")
    return (f"Right on {len(_SE_CASES)} cases. At 90% accuracy, a standard error of 0.3 "
            "points (about the seed std) takes 0.09 / 0.003**2 = 10,000 images, ten times "
            "the validation set, for one model's accuracy to be that precise.")
