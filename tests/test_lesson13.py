"""Lesson 13: exercise checks (correct, typical mistakes, stub, raising code) and the data
behind its figures (leaky.plots_underflow, leaky.roofline)."""

import numpy as np
import pytest

import leaky
from leaky import roofline
from leaky.exercise_checks import l13
from leaky.plots_underflow import DTYPE_RANGES, dtype_curves, plot_dtype_error, underflow_limit

# --- 13.1: in-place Leaky ReLU ------------------------------------------------------------


def inplace_ok(x, alpha=0.01):
    np.multiply(x, alpha, out=x, where=x < 0)
    return x


def inplace_blocks(x, alpha=0.01):
    """Another correct answer: blockwise."""
    flat = x.reshape(-1)
    for start in range(0, flat.size, 4096):
        block = flat[start:start + 4096]
        np.multiply(block, alpha, out=block, where=block < 0)
    return x


def inplace_not_positive(x, alpha=0.01):
    """Correct too: where=~(x > 0) also multiplies -0.0 and nan, which stay as they are."""
    with np.errstate(invalid="ignore"):
        np.multiply(x, alpha, out=x, where=~(x > 0))
    return x


def inplace_relu_for_alpha_zero(x, alpha=0.01):
    """The lesson's old answer: ReLU's 0 at -inf instead of 0 * -inf = nan."""
    if alpha == 0:
        return np.maximum(x, 0, out=x)
    np.multiply(x, alpha, out=x, where=x < 0)
    return x


def inplace_max_form(x, alpha=0.01):
    with np.errstate(invalid="ignore"):
        np.maximum(x, alpha * x, out=x)
    return x


def inplace_fancy_index(x, alpha=0.01):
    with np.errstate(invalid="ignore"):
        x[x < 0] *= alpha
    return x


def inplace_full_temporary(x, alpha=0.01):
    with np.errstate(invalid="ignore"):
        x[...] = leaky.leaky_relu(x, alpha)
    return x


def inplace_aliasing(x, alpha=0.01):
    if alpha > 1:
        np.minimum(x, alpha * x, out=x)
        return x
    with np.errstate(invalid="ignore"):
        np.multiply(x, alpha, out=x)  # overwrites x, then reads it again
    np.maximum(x, x, out=x)
    return x


def inplace_returns_copy(x, alpha=0.01):
    with np.errstate(invalid="ignore"):
        return leaky.leaky_relu(x, alpha)


def inplace_modifies_returns_copy(x, alpha=0.01):
    inplace_ok(x, alpha)
    return x.copy()


def inplace_no_return(x, alpha=0.01):
    inplace_ok(x, alpha)


def inplace_raises(x, alpha=0.01):
    raise ValueError("boom")


def inplace_returns_a_string(x, alpha=0.01):
    return "done"


def inplace_float64_alpha(x, alpha=0.01):
    """Multiplies a float32 x by a float64 alpha: float64 products rounded to float32, not
    the reference's float32 product (one unit in the last place off, here and there)."""
    np.multiply(x, np.float64(alpha), out=x, where=x < 0)
    return x


def inplace_changes_dtype(x, alpha=0.01):
    inplace_ok(x, alpha)
    x.dtype = np.int64 if x.dtype == np.float64 else np.int32  # a view of the same bytes
    return x


@pytest.mark.parametrize("answer", [inplace_ok, inplace_blocks, inplace_not_positive])
def test_13_1_correct_answers(verdict, answer):
    out = verdict("13.1", answer)
    assert out.startswith("[correct] 13.1"), out


@pytest.mark.parametrize("answer,expected", [
    (inplace_relu_for_alpha_zero, "0 * -inf is nan, in leaky.leaky_relu as in PyTorch"),
    (inplace_max_form, "wrong for alpha > 1"),
    (inplace_fancy_index, "x[x < 0] *= alpha copies"),
    (inplace_full_temporary, "full-size temporary"),
    (inplace_aliasing, "aliasing"),
    (inplace_returns_copy, "x is unchanged"),
    (inplace_modifies_returns_copy, "returned a different object"),
    (inplace_no_return, "returns None"),
    (inplace_raises, "raised ValueError: boom"),
    (inplace_changes_dtype, "the dtype changed"),
    (inplace_returns_a_string, "returns 'done' instead of overwriting x"),
    (inplace_float64_alpha, "off in the last digit"),
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


def test_13_1_check_does_not_warn(verdict, recwarn):
    verdict("13.1", inplace_ok)
    verdict("13.1", inplace_relu_for_alpha_zero)
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


def test_peak_extra_bytes_measures_temporaries():
    x = np.ones(1 << 18)
    peak, result = l13.peak_extra_bytes(lambda: x * 2 + 1)
    assert peak >= x.nbytes and result.shape == x.shape
    peak, _ = l13.peak_extra_bytes(lambda: np.multiply(x, 2, out=x))
    assert peak < x.nbytes / 10


# --- 13.2: break the max form -------------------------------------------------------------

@pytest.mark.parametrize("answer,expected", [
    ((np.inf, 0.0), "0 * inf is nan, and np.maximum passes a nan on"),
    ((np.array([1.0, -np.inf, np.inf]), 0), "Broken at x = inf"),
    ([[0.0, np.inf], 0], "Broken at x = inf, alpha = 0.0"),
])
def test_13_2_correct(verdict, answer, expected):
    out = verdict("13.2", answer)
    assert out.startswith("[correct] 13.2"), out
    assert expected in out, out


@pytest.mark.parametrize("answer,expected", [
    ((2.0, 1.5), "the kind section 1 showed"),
    ((0.0, 2.0), "the kind section 1 showed"),
    ((1e20, 0.01), "for 0 <= alpha <= 1 and finite x"),
    ((-1e300, 1.0), "for 0 <= alpha <= 1 and finite x"),
    ((-3.0, 0.0), "for 0 <= alpha <= 1 and finite x"),
    ((-np.inf, 0.0), "at x = -inf both give nan"),
    ((np.array([1.0, -np.inf]), 0), "at x = -inf both give nan"),
    ((np.inf, 0.5), "they agree on that infinite or nan input"),
    ((np.nan, 0.0), "they agree on that infinite or nan input"),
    ((1.0, -0.5), "alpha must be a finite number >= 0"),
    ((1.0, "big"), "alpha must be a finite number >= 0"),
    (("two", 0.5), "x must be a number"),
    (("inf", 0.0), "x must be a number or an array of numbers, got 'inf'"),
    ((None, 0.0), "x must be a number or an array of numbers, got None"),
    (2.0, "give a pair (x, alpha)"),
])
def test_13_2_mistakes(verdict, answer, expected):
    out = verdict("13.2", answer)
    assert out.startswith("[not yet] 13.2"), out
    assert expected in out, out


def test_13_2_stub(verdict):
    assert verdict("13.2", ...).startswith("[not attempted yet] 13.2")


# --- 13.3: predict, then run --------------------------------------------------------------

@pytest.fixture
def measured(monkeypatch):
    """A measurement as the lesson's cell leaves it: times in copies."""
    times = {"copy": 1.0, "A": 40.0, "B": 50.0, "C": 1.2, "D": 1.0}
    monkeypatch.setattr(roofline, "_LAST_GRADIENTS", dict(times))
    return times


@pytest.mark.parametrize("answer", [("D", 20), ("D", 40), ["C", 100.0], ("d", 14), (" C ", 30)])
def test_13_3_correct(verdict, measured, answer):
    out = verdict("13.3", answer)
    assert out.startswith("[correct] 13.3"), out


@pytest.mark.parametrize("answer,expected", [
    (("A", 10), "A was among the slowest"),
    (("B", 10), "B was among the slowest"),
    (("D", 5), "much slower than you think"),
    (("D", 500), "more than three times the measured one"),
    (("E", 2), "one of the letters A, B, C, D"),
    ((3, 2), "one of the letters"),
    (("D", -1), "must be > 0"),
    (("D", "fast"), "must be a number"),
    (("D", float("inf")), "must be a finite number"),
    ("D", "give a pair (letter, factor)"),
])
def test_13_3_mistakes(verdict, measured, answer, expected):
    out = verdict("13.3", answer)
    assert out.startswith("[not yet] 13.3"), out
    assert expected in out, out


def test_13_3_allocating_version_clearly_slower(verdict, monkeypatch):
    monkeypatch.setattr(roofline, "_LAST_GRADIENTS",
                        {"copy": 1.0, "A": 40.0, "B": 50.0, "C": 3.0, "D": 1.0})
    out = verdict("13.3", ("C", 15))
    assert out.startswith("[not yet] 13.3") and "C was clearly slower than D" in out, out


def test_13_3_a_disturbed_measurement_of_d_does_not_fail_the_solution(verdict, monkeypatch):
    """On a busy machine one of the two one-pass timings can be several times too long."""
    monkeypatch.setattr(roofline, "_LAST_GRADIENTS",
                        {"copy": 1.0, "A": 40.0, "B": 50.0, "C": 1.0, "D": 3.7})
    assert verdict("13.3", ("D", 40)).startswith("[correct] 13.3")


def test_13_3_stub(verdict, measured):
    assert verdict("13.3", ...).startswith("[not attempted yet] 13.3")


def test_13_3_measures_when_the_lesson_did_not(verdict, monkeypatch):
    monkeypatch.setattr(roofline, "_LAST_GRADIENTS", {})
    monkeypatch.setattr(l13, "GRADIENT_SIZE", 2**14)
    out = verdict("13.3", ("D", 10))
    assert out.startswith(("[correct] 13.3", "[not yet] 13.3")), out
    assert set(roofline.last_gradients()) == {"copy", "A", "B", "C", "D"}


# --- the figures' data -----------------------------------------------------------------

def test_underflow_limits_order_the_dtypes():
    limits = {d: underflow_limit(0.01, d) for d in DTYPE_RANGES}
    assert 1e-6 < limits["float16"] < 1e-5  # alpha * |x| below float16's smallest subnormal
    assert limits["float64"] < limits["float32"] < limits["bfloat16"] < limits["float16"]
    assert underflow_limit(0.001, "float16") > underflow_limit(0.3, "float16")
    assert underflow_limit(0.0, "float32") == float("inf")


def test_dtype_curves_are_exact_in_the_normal_range():
    data = dtype_curves(0.5, "float32")
    normal = (data["log_m"] > -30) & (data["log_m"] < 30)
    assert data["error"][normal].max() <= 2 * data["eps"] * 1.01  # input and output rounding
    assert data["log_y"][data["log_m"] > 39].max() == data["ceiling"]  # overflow drawn on top


def test_dtype_curves_reject_unknown_dtypes():
    with pytest.raises(ValueError, match="dtype must be one of"):
        dtype_curves(0.1, "float8")


@pytest.mark.parametrize("dtype", list(DTYPE_RANGES))
def test_plot_dtype_error_draws_and_updates(dtype):
    from leaky.plotting import new_figure

    fig = new_figure(ncols=2)
    update = plot_dtype_error(fig, 0.01, dtype)
    artists = update(0.5, dtype)
    assert len(artists) == 4


def test_alternating_undoes_itself():
    y = np.array([-2.0, -1.0, 3.0])
    call = roofline._alternating(lambda a: np.multiply(y, a, out=y, where=y < 0), 0.01)
    call()
    np.testing.assert_allclose(y, [-0.02, -0.01, 3.0])
    call()
    np.testing.assert_allclose(y, [-2.0, -1.0, 3.0])


def test_alternating_with_alpha_zero_never_divides_by_it():
    y = np.array([-2.0, 3.0])
    call = roofline._alternating(lambda a: np.multiply(y, a, out=y, where=y < 0), 0.0)
    call()
    call()
    assert y[1] == 3.0 and y[0] == 0.0


def test_cases_compute_leaky_relu():
    x = np.random.default_rng(0).standard_normal(1000, dtype=np.float32)
    out, y = np.empty_like(x), x.copy()
    found = roofline.cases(x, out, y, 0.2, threads=1)
    expected = leaky.leaky_relu(x, 0.2)
    for name, call in found.items():
        out[:] = 0
        result = call()
        if name == roofline.COPY:
            continue
        if "in place" in name:
            np.testing.assert_allclose(y, expected)
        elif "out=" in name:
            np.testing.assert_allclose(out, expected)
        else:
            np.testing.assert_allclose(result, expected)


def test_measure_ratios_and_plot():
    data = roofline.measure([256, 1024], repeat=1, torch=False, min_seconds=1e-5)
    assert list(data["bytes"]) == [2048.0, 8192.0]
    assert all(t.shape == (2,) and (t > 0).all() for t in data["times"].values())
    assert roofline.ratios(data)[roofline.COPY] == 1.0
    fig = roofline.plot_roofline(data)
    assert len(fig.axes) == 2


def test_best_times_rejects_non_callables():
    with pytest.raises(TypeError, match="calls must be a dict of functions"):
        roofline.best_times({"a": 1})
