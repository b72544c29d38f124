"""Lesson 12: exercise checks (correct, stub, each named mistake, mutation, None, raising
code) and the explorer's data (leaky.plots_sweep: binomial and paired standard errors)."""

import copy

import numpy as np
import pytest

from leaky import plots_sweep
from leaky.exercise_checks import l12

# --- 12.1: choose alpha within tol of the best, on validation data -------------------------

def choose_ok(results, tol):
    means = {a: np.mean(r["val"]) for a, r in results.items()}
    best = max(means.values())
    return min(a for a, m in means.items() if best - m <= tol)


def within(results, tol, score, strict=False):
    scores = {a: score(results, a) for a in results}
    best = max(scores.values())
    return [a for a in results if (best - scores[a] < tol if strict else best - scores[a] <= tol)]


def val_mean(results, a):
    return np.mean(results[a]["val"])


def choose_ignores_tol(results, tol):
    return max(sorted(results), key=lambda a: np.mean(results[a]["val"]))


def choose_largest_within(results, tol):
    return max(within(results, tol, val_mean))


def choose_first_within(results, tol):
    return within(results, tol, val_mean)[0]


def choose_strict(results, tol):
    return min(within(results, tol, val_mean, strict=True))


def choose_strict_nonempty(results, tol):
    return min(within(results, tol, val_mean, strict=True) or [choose_ignores_tol(results, 0)])


def choose_by_test(results, tol):
    return min(within(results, tol, lambda r, a: np.mean(r[a]["test"])))


def choose_best_single_run(results, tol):
    return min(within(results, tol, lambda r, a: np.max(r[a]["val"])))


def choose_from_lowest(results, tol):
    return min(within(results, tol, lambda r, a: -val_mean(r, a)))


def choose_percent(results, tol):
    return min(within(results, 100 * tol, val_mean))


def choose_median(results, tol):
    return min(within(results, tol, lambda r, a: np.median(r[a]["val"])))


def choose_smallest_overall(results, tol):
    return min(results)


def choose_returns_accuracy(results, tol):
    return max(np.mean(r["val"]) for r in results.values())


def choose_returns_list(results, tol):
    return within(results, tol, val_mean)


def choose_raises(results, tol):
    return results["val"]


def choose_no_return(results, tol):
    choose_ok(results, tol)


def choose_mutates(results, tol):
    results.pop(min(results))  # drops the smallest alpha from the caller's table
    return choose_ok(results, tol)


def choose_old_signature(results):
    return max(sorted(results), key=lambda a: np.mean(results[a]["val"]))


def test_12_1_correct(verdict):
    assert verdict("12.1", choose_ok).startswith("[correct] 12.1")


@pytest.mark.parametrize("answer,expected", [
    (choose_ignores_tol, "tol was ignored"),
    (choose_largest_within, "the largest alpha within tol"),
    (choose_first_within, "the table's order"),
    (choose_strict, "<=, not <"),
    (choose_strict_nonempty, "<=, not <"),
    (choose_by_test, "*test* accuracies"),
    (choose_best_single_run, "single best run"),
    (choose_from_lowest, "*lowest* mean"),
    (choose_percent, "do not multiply it by 100"),
    (choose_median, "median"),
    (choose_smallest_overall, "smallest alpha of the whole table"),
    (choose_returns_accuracy, "return one of the alphas"),
    (choose_returns_list, "return one of the alphas"),
    (choose_raises, "raised KeyError"),
    (choose_no_return, "returns None"),
    (choose_mutates, "changed its argument results in place"),
    (choose_old_signature, "raised TypeError"),
    (lambda results, tol: 0.7, "return one of the alphas"),
])
def test_12_1_mistakes(verdict, answer, expected):
    out = verdict("12.1", answer)
    assert out.startswith("[not yet] 12.1"), out
    assert expected in out, out
    assert "hint('12.1')" in out


def test_12_1_stub(verdict):
    def choose_alpha(results, tol):
        ...

    assert verdict("12.1", choose_alpha).startswith("[not attempted yet] 12.1")


def test_12_1_cases_separate_the_mistakes():
    """On the checker's cases, every named mistake answers differently from the right
    answer and from every other named mistake (so each gets its own message)."""
    cases = [(l12._CHOICE_TABLES[name], tol) for name, tol in l12._CHOICE_CASES]
    vectors = [tuple(m(r, tol) for r, tol in cases) for m, _ in l12._choice_mistakes()]
    right = tuple(l12._reference_choose(r, tol) for r, tol in cases)
    assert right not in vectors
    assert len(set(vectors)) == len(vectors)


def test_12_1_exact_cases_are_exact():
    tie = l12._CHOICE_TABLES["a tie"]
    assert np.mean(tie[0.1]["val"]) == np.mean(tie[0.2]["val"]) == 0.75
    edge = l12._CHOICE_TABLES["an alpha exactly tol below"]
    assert np.mean(edge[0.5]["val"]) - np.mean(edge[0.0]["val"]) == 0.125


# --- 12.2: clearly better? ----------------------------------------------------------------

def better_ok(results, a, b):
    return bool(np.min(results[a]["val"]) > np.max(results[b]["val"]))


def better_means(results, a, b):
    return bool(np.mean(results[a]["val"]) > np.mean(results[b]["val"]))


def better_symmetric(results, a, b):
    return better_ok(results, a, b) or better_ok(results, b, a)


def better_not_strict(results, a, b):
    return bool(np.min(results[a]["val"]) >= np.max(results[b]["val"]))


def better_on_test(results, a, b):
    return bool(np.min(results[a]["test"]) > np.max(results[b]["test"]))


def better_std(results, a, b):
    lead = np.mean(results[a]["val"]) - np.mean(results[b]["val"])
    return bool(lead > max(np.std(results[a]["val"]), np.std(results[b]["val"])))


def better_std_ddof1(results, a, b):
    lead = np.mean(results[a]["val"]) - np.mean(results[b]["val"])
    return bool(lead > max(np.std(results[a]["val"], ddof=1), np.std(results[b]["val"], ddof=1)))


def better_mutates(results, a, b):
    results[a]["val"] = np.sort(results[a]["val"])[::-1]
    return better_ok(results, a, b)


def better_always(results, a, b):
    return True


def test_12_2_correct(verdict):
    assert verdict("12.2", better_ok).startswith("[correct] 12.2")


def better_paired(results, a, b):
    return bool(np.all(results[a]["val"] > results[b]["val"]))


def better_overlap(results, a, b):
    return bool(np.max(results[a]["val"]) > np.min(results[b]["val"]))


def better_worst_runs(results, a, b):
    return bool(np.min(results[a]["val"]) > np.min(results[b]["val"]))


def better_best_runs(results, a, b):
    return bool(np.max(results[a]["val"]) > np.max(results[b]["val"]))


def test_12_2_rules_are_told_apart():
    """Each rule answers differently from the right rule and from every other rule."""
    vectors = [tuple(bool(rule(l12._SPREAD_TABLE, a, b)) for a, b in l12._SPREAD_CASES)
               for rule, _ in l12._RULES]
    right = tuple(l12._rule_right(l12._SPREAD_TABLE, a, b) for a, b in l12._SPREAD_CASES)
    assert right not in vectors
    assert len(set(vectors)) == len(vectors)


@pytest.mark.parametrize("answer,expected", [
    (better_paired, "compares seed by seed"),
    (better_overlap, "ranges overlap"),
    (better_worst_runs, "compared the worst runs"),
    (better_best_runs, "compared the best runs"),
    (better_means, "compares the means only"),
    (better_symmetric, "direction matters"),
    (better_not_strict, "use a strict >"),
    (better_on_test, "looks at the test accuracies"),
    (better_std, "difference of the means with the std"),
    (better_std_ddof1, "difference of the means with the std"),
    (better_mutates, "changed its argument results in place"),
    (lambda r, a, b: None, "returns None"),
    (better_always, "the answer is False, you returned True"),
    (lambda r, a, b: "yes", "return True or False"),
    (lambda r, a, b: r[a]["valid"], "raised KeyError"),
])
def test_12_2_mistakes(verdict, answer, expected):
    out = verdict("12.2", answer)
    assert out.startswith("[not yet] 12.2"), out
    assert expected in out, out


def test_12_2_stub(verdict):
    def clearly_better(results, a, b):
        ...

    assert verdict("12.2", clearly_better).startswith("[not attempted yet] 12.2")


# --- 12.3: what keeps two runs close ----------------------------------------------------------

@pytest.mark.parametrize("answer,expected", [
    ("a", "shared seed, not from the shared images"),
    ("c", "at most about 200"),
    ("d", "equal accuracies do not mean equal predictions"),
    ("e", "one letter"),
    (1, "one letter"),
    (None, "one letter"),
])
def test_12_3_wrong(verdict, answer, expected):
    out = verdict("12.3", answer)
    assert out.startswith("[not yet] 12.3"), out
    assert expected in out, out


def test_12_3_right_and_stub(verdict):
    assert verdict("12.3", " B ").startswith("[correct] 12.3")
    assert verdict("12.3", ...).startswith("[not attempted yet] 12.3")


def test_12_messages_are_short(verdict):
    """A returned dict is described, not printed whole."""
    out = verdict("12.1", lambda results, tol: {a: dict(v, extra=list(range(50)))
                                                for a, v in results.items()})
    assert out.startswith("[not yet] 12.1") and "a dict of" in out and len(out) < 400, out
    out = verdict("12.3", "x" * 500)
    assert len(out) < 300, out


# --- 12.4: images needed for a standard error ----------------------------------------------

def images_ok(p, se):
    return int(np.ceil(p * (1 - p) / se**2))


def images_float(p, se):
    return float(np.ceil(p * (1 - p) / se**2))


def test_12_4_correct(verdict):
    for answer in (images_ok, images_float):
        out = verdict("12.4", answer)
        assert out.startswith("[correct] 12.4"), out
        assert "10,000 images" in out


@pytest.mark.parametrize("answer,expected", [
    (lambda p, se: int(np.ceil(p * (1 - p) / se)), "not by se squared"),
    (lambda p, se: int(np.ceil(np.sqrt(p * (1 - p)) / se)), "sqrt(p (1 - p) / n)"),
    (lambda p, se: int(np.ceil(p / se**2)), "left out (1 - p)"),
    (lambda p, se: int(p * (1 - p) / se**2), "rounded down"),
    (lambda p, se: round(p * (1 - p) / se**2), "round() do"),
    (lambda p, se: int(np.ceil(p * (1 - p) / se**2)) + 1, "one image more"),
    (lambda p, se: p * (1 - p) / se**2, "whole number"),
    (lambda p, se: [images_ok(p, se)], "one whole number"),
    (lambda p, se: "many", "one whole number"),
    (lambda p, se: True, "one whole number"),
    (lambda p, se: 7, "should be"),
    (lambda p, se: None, "returns None"),
    (lambda p, se: 1 / 0, "raised ZeroDivisionError"),
])
def test_12_4_mistakes(verdict, answer, expected):
    out = verdict("12.4", answer)
    assert out.startswith("[not yet] 12.4"), out
    assert expected in out, out


def test_12_4_stub(verdict):
    def images_needed(p, se):
        ...

    assert verdict("12.4", images_needed).startswith("[not attempted yet] 12.4")


def test_12_4_cases_are_away_from_whole_numbers():
    """Floating-point rounding must not decide any case (ceil of a near-integer)."""
    for p, se in l12._SE_CASES:
        ratio = p * (1 - p) / se**2
        assert 0.05 < ratio - np.floor(ratio) < 0.95, (p, se, ratio)


def test_12_4_mistakes_differ_from_the_answer():
    for p, se in l12._SE_CASES[:1]:
        answers = [float(m(p, se)) for m, _ in l12._SE_MISTAKES]
        assert l12._images_needed(p, se) not in answers


# --- the explorer's data (leaky.plots_sweep) -----------------------------------------------

def test_binomial_se():
    assert plots_sweep.binomial_se(0.9, 1000) == pytest.approx(0.009487, abs=1e-6)
    assert plots_sweep.binomial_se(0.5, 100) == pytest.approx(0.05)
    assert plots_sweep.binomial_se(1.0, 10) == 0.0
    for bad in [(-0.1, 10), (1.5, 10), (0.5, 0), (0.5, 2.5)]:
        with pytest.raises(ValueError):
            plots_sweep.binomial_se(*bad)


def test_sweep_view():
    alphas = [0.0, 0.1, 0.5]
    acc = np.array([[0.90, 0.92], [0.91, 0.91], [0.88, 0.90]])
    before = copy.deepcopy(acc)
    view = plots_sweep.sweep_view(acc, alphas, 0.12, n_images=1000)
    np.testing.assert_allclose(view["mean"], [91.0, 91.0, 89.0])
    np.testing.assert_allclose(view["std"], [np.sqrt(2), 0.0, np.sqrt(2)])  # ddof=1
    assert view["overall"] == pytest.approx(90.333333)
    assert view["se"] == pytest.approx(100 * np.sqrt(0.90333333 * 0.09666667 / 1000))
    assert view["ylim"] == pytest.approx((90.333333 - 3, 90.333333 + 3))
    assert (view["index"], view["alpha"]) == (1, 0.1)
    np.testing.assert_allclose(view["runs"], [91.0, 91.0])
    assert view["vs_first"] == pytest.approx((0.0, np.sqrt(2) / np.sqrt(2)))  # +1, -1 points
    assert plots_sweep.sweep_view(acc, alphas, 0.0, 1000)["vs_first"] is None
    np.testing.assert_array_equal(acc, before)
    assert plots_sweep.sweep_view(acc, alphas, 0.4, 1000)["alpha"] == 0.5
    with pytest.raises(ValueError):
        plots_sweep.sweep_view(acc[:, :1], alphas, 0.1, 1000)  # one seed: no std


def test_paired():
    mean, se = plots_sweep.paired([0.91, 0.92, 0.93], [0.90, 0.90, 0.90])
    assert mean == pytest.approx(0.02)
    assert se == pytest.approx(0.01 / np.sqrt(3))  # std of (0.01, 0.02, 0.03), ddof=1
    assert plots_sweep.paired([0.5, 0.6], [0.4, 0.5]) == pytest.approx((0.1, 0.0))
    with pytest.raises(ValueError):
        plots_sweep.paired([0.5], [0.4])


def test_plot_sweep_draws_and_updates():
    from leaky.plotting import new_figure

    fig = new_figure(2)
    acc = np.array([[0.90, 0.92, 0.91], [0.91, 0.91, 0.90]])
    update = plots_sweep.plot_sweep(fig, 0.0, accuracy=acc, alphas=[0.0, 0.3], n_images=1000)
    artists = update(0.25)
    marker = artists[1]
    assert list(marker.get_xdata()) == [0.3]
    assert "nearest swept alpha 0.3" in artists[2].get_text()
    assert "minus alpha 0, paired: -0.33 +- 0.67" in artists[2].get_text()
    assert "reference" in update(0.0)[2].get_text()

