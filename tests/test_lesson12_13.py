"""Lessons 12 and 13: exercise checks (correct, typical mistakes, stub, raising code)."""

import numpy as np
import pytest

from leaky.exercise_checks import l13

# --- 13.1: in-place Leaky ReLU ------------------------------------------------------------

def inplace_ok(x, alpha=0.01):
    if alpha == 0:
        return np.maximum(x, 0, out=x)
    np.multiply(x, alpha, out=x, where=x < 0)
    return x


def inplace_blocks(x, alpha=0.01):
    """Another correct answer: blockwise, no special case needed beyond alpha = 0."""
    flat = x.reshape(-1)
    for start in range(0, flat.size, 4096):
        block = flat[start:start + 4096]
        if alpha == 0:
            np.maximum(block, 0, out=block)
        else:
            np.multiply(block, alpha, out=block, where=block < 0)
    return x


def inplace_max_form(x, alpha=0.01):
    np.maximum(x, alpha * x, out=x)
    return x


def inplace_zero_times_inf(x, alpha=0.01):
    np.multiply(x, alpha, out=x, where=x < 0)
    return x


def inplace_fancy_index(x, alpha=0.01):
    if alpha == 0:
        return np.maximum(x, 0, out=x)
    x[x < 0] *= alpha
    return x


def inplace_full_temporary(x, alpha=0.01):
    x[...] = leaky_where(x, alpha)
    return x


def leaky_where(x, alpha):
    with np.errstate(invalid="ignore"):
        result = np.where(x > 0, x, alpha * x)
    if alpha == 0:
        result[np.isneginf(x)] = 0
    return result


def inplace_aliasing(x, alpha=0.01):
    if alpha == 0:
        return np.maximum(x, 0, out=x)
    if alpha > 1:
        np.minimum(x, alpha * x, out=x)
        return x
    np.multiply(x, alpha, out=x)  # overwrites x, then reads it again
    np.maximum(x, x, out=x)
    return x


def inplace_returns_copy(x, alpha=0.01):
    return leaky_where(x, alpha)


def inplace_modifies_returns_copy(x, alpha=0.01):
    inplace_ok(x, alpha)
    return x.copy()


def inplace_no_return(x, alpha=0.01):
    inplace_ok(x, alpha)


def inplace_raises(x, alpha=0.01):
    raise ValueError("boom")


def test_13_1_correct_answers(verdict):
    for answer in (inplace_ok, inplace_blocks):
        out = verdict("13.1", answer)
        assert out.startswith("[correct] 13.1"), out


@pytest.mark.parametrize("answer,expected", [
    (inplace_max_form, "wrong for alpha > 1"),
    (inplace_zero_times_inf, "0 * -inf is nan"),
    (inplace_fancy_index, "x[x < 0] *= alpha copies"),
    (inplace_full_temporary, "full-size temporary"),
    (inplace_aliasing, "aliasing"),
    (inplace_returns_copy, "x is unchanged"),
    (inplace_modifies_returns_copy, "returned a different object"),
    (inplace_no_return, "returns None"),
    (inplace_raises, "raised ValueError: boom"),
])
def test_13_1_mistakes(verdict, answer, expected):
    out = verdict("13.1", answer)
    assert out.startswith("[not yet] 13.1"), out
    assert expected in out, out
    assert "hint('13.1')" in out


def test_13_1_stub(verdict):
    def leaky_relu_inplace(x, alpha=0.01):
        ...

    assert verdict("13.1", leaky_relu_inplace).startswith("[not attempted yet] 13.1")


def test_peak_extra_bytes_measures_temporaries():
    x = np.ones(1 << 18)
    peak, result = l13.peak_extra_bytes(lambda: x * 2 + 1)
    assert peak >= x.nbytes and result.shape == x.shape
    peak, _ = l13.peak_extra_bytes(lambda: np.multiply(x, 2, out=x))
    assert peak < x.nbytes / 10


# --- 13.2: break the max form -------------------------------------------------------------

@pytest.mark.parametrize("answer,expected", [
    ((2.0, 1.5), "The other kind: alpha = 0"),
    ((-1.0, 3), "The other kind: alpha = 0"),
    ((-np.inf, 0.0), "0 * -inf is nan"),
    ((np.array([1.0, -np.inf]), 0), "0 * -inf is nan"),
    ([[0.0, 5.0], 2.0], "max picks the wrong branch"),
])
def test_13_2_correct(verdict, answer, expected):
    out = verdict("13.2", answer)
    assert out.startswith("[correct] 13.2"), out
    assert expected in out, out


@pytest.mark.parametrize("answer,expected", [
    ((1e20, 0.01), "for 0 <= alpha <= 1 and finite x"),
    ((-1e300, 1.0), "for 0 <= alpha <= 1 and finite x"),
    ((0.0, 2.0), "you chose x = 0, inf or nan"),
    ((np.nan, 5.0), "you chose x = 0, inf or nan"),
    ((np.inf, 0.5), "they agree on that infinite or nan input"),
    ((1.0, -0.5), "alpha must be a finite number >= 0"),
    ((1.0, "big"), "alpha must be a finite number >= 0"),
    (("two", 2.0), "x must be a number"),
    (2.0, "give a pair (x, alpha)"),
])
def test_13_2_mistakes(verdict, answer, expected):
    out = verdict("13.2", answer)
    assert out.startswith("[not yet] 13.2"), out
    assert expected in out, out


def test_13_2_stub(verdict):
    assert verdict("13.2", ...).startswith("[not attempted yet] 13.2")


# --- 12.1: choose alpha on validation data ------------------------------------------------

def choose_ok(results):
    return max(sorted(results), key=lambda a: np.mean(results[a]["val"]))


def choose_by_test(results):
    return max(sorted(results), key=lambda a: np.mean(results[a]["test"]))


def choose_best_single_run(results):
    return max(sorted(results), key=lambda a: np.max(results[a]["val"]))


def choose_min(results):
    return min(sorted(results), key=lambda a: np.mean(results[a]["val"]))


def choose_largest_alpha(results):
    return max(results)


def choose_unsorted(results):
    return max(results, key=lambda a: np.mean(results[a]["val"]))


def choose_returns_accuracy(results):
    return max(np.mean(r["val"]) for r in results.values())


def choose_returns_pair(results):
    best = choose_ok(results)
    return best, np.mean(results[best]["val"])


def choose_raises(results):
    return results["val"]


def choose_no_return(results):
    choose_ok(results)


def test_12_1_correct(verdict):
    assert verdict("12.1", choose_ok).startswith("[correct] 12.1")


@pytest.mark.parametrize("answer,expected", [
    (choose_by_test, "best *test* accuracy"),
    (choose_best_single_run, "single best validation run"),
    (choose_min, "*lowest* mean"),
    (choose_largest_alpha, "simply the largest alpha"),
    (choose_unsorted, "return the smaller one, 0.1"),
    (choose_returns_accuracy, "return one of the alphas"),
    (choose_returns_pair, "return one of the alphas"),
    (choose_raises, "raised KeyError"),
    (choose_no_return, "returns None"),
])
def test_12_1_mistakes(verdict, answer, expected):
    out = verdict("12.1", answer)
    assert out.startswith("[not yet] 12.1"), out
    assert expected in out, out
    assert "hint('12.1')" in out


def test_12_1_stub(verdict):
    def choose_alpha(results):
        ...

    assert verdict("12.1", choose_alpha).startswith("[not attempted yet] 12.1")


def test_12_1_tables_separate_the_mistakes():
    """Every likely mistake gives a different alpha than the right one on the first table."""
    from leaky.exercise_checks import l12

    table = l12._CHOICE_TABLES[0]
    right = choose_ok(table)
    wrong = [f(table) for f in (choose_by_test, choose_best_single_run, choose_min,
                                choose_largest_alpha)]
    assert right not in wrong and len(set(wrong)) == len(wrong)


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


def better_always(results, a, b):
    return True


def test_12_2_correct(verdict):
    assert verdict("12.2", better_ok).startswith("[correct] 12.2")


@pytest.mark.parametrize("answer,expected", [
    (better_means, "compares the means only"),
    (better_symmetric, "direction matters"),
    (better_not_strict, "use a strict >"),
    (better_on_test, "looks at the test accuracies"),
    (better_std, "difference of the means with the std"),
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


# --- 12.3: where the spread comes from ----------------------------------------------------

@pytest.mark.parametrize("answer,expected", [
    ("b", "bit-for-bit repeatable"),
    ("c", "validation split is made once"),
    ("d", "alpha is fixed"),
    ("e", "one letter"),
    (1, "one letter"),
])
def test_12_3_wrong(verdict, answer, expected):
    out = verdict("12.3", answer)
    assert out.startswith("[not yet] 12.3"), out
    assert expected in out, out


def test_12_3_right_and_stub(verdict):
    assert verdict("12.3", " A ").startswith("[correct] 12.3")
    assert verdict("12.3", ...).startswith("[not attempted yet] 12.3")
