"""Lessons 02, 03 and 04: the exercise checks (02.1, 02.2, 03.1, 03.2, 04.1, 04.2) and the
pure data parts of their figures (leaky.plots_forms, plots_subgradients, plots_slopes)."""

import numpy as np
import pytest

from leaky import leaky_relu
from leaky.exercises import results
from leaky.plots_forms import plot_two_forms, two_forms
from leaky.plots_slopes import (
    _MYSTERY_ALPHA,
    MYSTERY_X_LIMIT,
    mystery_curve,
    plot_slopes,
    slope_triangles,
    square_window_drop,
)
from leaky.plots_subgradients import plot_subgradients, subgradient_fan
from leaky.plotting import new_figure


def stub(x, alpha=0.01):
    ...


def raising(x, alpha=0.01):
    raise RuntimeError("boom")


def mutating(x, alpha=0.01):
    x[x > 0] = 0.0
    return x


def returns_none(x, alpha=0.01):
    return None


def one_line(out):
    """A verdict whose message is one short sentence or two (check wraps it for display)."""
    return len(out) < 300


# --- every function exercise: the answers call_student reports --------------------------------

@pytest.mark.parametrize("exercise_id", ["02.2", "03.2"])
@pytest.mark.parametrize("answer, message", [
    (mutating, "changed its argument x in place"),
    (returns_none, "returns None"),
    ("np.where(x > 0, 1.0, alpha)", "expected a function"),
    (raising, "RuntimeError: boom"),
])
def test_function_exercises_report_broken_answers_in_one_line(verdict, exercise_id, answer,
                                                               message):
    out = verdict(exercise_id, answer)
    assert out.startswith(f"[not yet] {exercise_id}") and message in out, out
    assert one_line(out), out


@pytest.mark.parametrize("exercise_id", ["02.1", "03.1", "04.1", "04.2"])
@pytest.mark.parametrize("answer", [None, "0.03", stub])
def test_value_exercises_report_non_values_in_one_line(verdict, exercise_id, answer):
    out = verdict(exercise_id, answer)
    if answer is stub:  # a function whose body is ... is the untouched stub
        assert out.startswith(f"[not attempted yet] {exercise_id}"), out
        return
    assert out.startswith(f"[not yet] {exercise_id}") and "got" in out, out
    assert one_line(out), out


# --- 02.1: predict max(alpha*x, x) for alpha = -0.5 ------------------------------------------

def test_02_1_right_and_stub(verdict):
    assert verdict("02.1", [1, 0.5, 0, 1, 2]).startswith("[correct] 02.1")
    assert verdict("02.1", np.array([1.0, 0.5, -0.0, 1.0, 2.0])).startswith("[correct] 02.1")
    assert results()["02.1"] == "passed"
    assert verdict("02.1", ...).startswith("[not attempted yet] 02.1")


@pytest.mark.parametrize("answer, message", [
    ([-2, -1, 0, 1, 2], "so it beats x"),
    ([1, 0.5, 0, -0.5, -1], "so x wins"),
    ([-2, -1, 0, -0.5, -1], "the max keeps the larger"),
    ([-1, -0.5, 0, 1, 2], "check the sign"),
    ([2, 1, 0, 1, 2], "alpha = -1"),
    ([1, 0.5, 0, 1, 3], "wrong at x = 2"),
    ([1, 0.5, 0], "five numbers"),
    ([1, 0.5, "zero", 1, 2], "must be a number"),
])
def test_02_1_mistakes_are_named(verdict, answer, message):
    out = verdict("02.1", answer)
    assert out.startswith("[not yet] 02.1") and message in out, out


# --- 02.2: PReLU's derivative with respect to alpha ------------------------------------------

def test_02_2_right_answers(verdict):
    for answer in (lambda x, alpha=0.25: np.where(x > 0, 0.0, x),
                   lambda x, alpha=0.25: np.minimum(x, 0),
                   lambda x, alpha=0.25: x * (x <= 0)):
        assert verdict("02.2", answer).startswith("[correct] 02.2")
    assert verdict("02.2", stub).startswith("[not attempted yet] 02.2")


@pytest.mark.parametrize("answer, message", [
    (lambda x, alpha=0.25: np.where(x > 0, 1.0, alpha), "that is df/dx"),
    (lambda x, alpha=0.25: np.where(x > 0, x, alpha * x), "that is f itself"),
    (lambda x, alpha=0.25: np.where(x > 0, 0.0, alpha * x), "has no alpha in it"),
    (lambda x, alpha=0.25: x.copy(), "does not depend on alpha: its derivative there is 0."),
    (lambda x, alpha=0.25: np.where(x > 0, 1.0, x), "there is 0, not 1"),
    (lambda x, alpha=0.25: np.where(x > 0, 0.0, -x), "the sign is off"),
    (lambda x, alpha=0.25: np.where(x > 0, 0.0, 1.0), "it depends on x"),
    (lambda x, alpha=0.25: np.where(x > 0, 0.0, x).astype(np.float64), "dtype changed"),
    (lambda x, alpha=0.25: np.where(x > 0, 0.0, x)[:3], "wrong shape"),
])
def test_02_2_mistakes_are_named(verdict, answer, message):
    out = verdict("02.2", answer)
    assert out.startswith("[not yet] 02.2") and message in out, out


# --- 03.1: predict the slide's derivative on integers ----------------------------------------

def test_03_1_right_and_stub(verdict):
    assert verdict("03.1", [[0, 0, 1, 1, 1], [1, 1, 1, 1, 1]]).startswith("[correct] 03.1")
    assert verdict("03.1", ...).startswith("[not attempted yet] 03.1")


@pytest.mark.parametrize("answer, message", [
    ([[0.9, 0.9, 1, 1, 1], [1.5, 1.5, 1, 1, 1]], "integer array"),
    ([[1, 1, 1, 1, 1], [2, 2, 1, 1, 1]], "does not round"),
    ([[0, 0, 1, 1, 1], [2, 2, 1, 1, 1]], "does not round"),
    ([[0, 0, 0, 1, 1], [1, 1, 1, 1, 1]], "look at x = 0"),
    ([[0, 0, 1, 1, 1], [0, 0, 1, 1, 1]], "not what the slide's code returns for alpha = 1.5"),
    ([[0, 0, 1, 1, 1]], "two lists"),
    ([[0, 0, 1, 1], [1, 1, 1, 1, 1]], "five numbers"),
    ([0, 0, 1, 1, 1], "expected two lists (alpha = 0.9, then 1.5), got 5 items"),
])
def test_03_1_mistakes_are_named(verdict, answer, message):
    out = verdict("03.1", answer)
    assert out.startswith("[not yet] 03.1") and message in out, out


# --- 03.2: a derivative without the dtype trap -----------------------------------------------

def grad_full(x, alpha=0.01):
    grad = np.full(x.shape, alpha, dtype=np.result_type(x, 1.0))
    grad[x > 0] = 1
    return grad


def grad_slide(x, alpha=0.01):
    dx = np.ones_like(x)
    dx[x < 0] = alpha
    return dx


def grad_ones_like(x, alpha=0.01):
    """The slide's array with the frameworks' value at 0: right for floats, not for ints."""
    dx = np.ones_like(x)
    dx[x <= 0] = alpha
    return dx


def grad_where(x, alpha=0.01):
    """Right values, float64 always: float32 input comes back as float64."""
    return np.where(x > 0, 1.0, alpha)


def grad_ones_float(x, alpha=0.01):
    dx = np.ones_like(x, dtype=float)
    dx[x <= 0] = alpha
    return dx


def test_03_2_right_answers(verdict):
    for answer in (grad_full,
                   lambda x, alpha=0.01: grad_where(x, alpha).astype(np.result_type(x, 1.0)),
                   lambda x, alpha=0.01: np.where(x > 0, np.ones_like(x), alpha * np.ones_like(x))):
        assert verdict("03.2", answer).startswith("[correct] 03.2")
    assert verdict("03.2", stub).startswith("[not attempted yet] 03.2")


@pytest.mark.parametrize("answer, message", [
    (grad_slide, "at x = 0 you return 1"),
    (grad_ones_like, "truncated"),
    (lambda x, a=0.01: np.where(x > 0, x, a * x), "leaky_relu itself"),
    (lambda x, a=0.01: np.where(x > 0, 1.0, 0.0), "finite differences"),
    (lambda x, a=0.01: np.where(x > 0, 1.0, a)[:1], "wrong shape"),
    (lambda x, a=0.01: np.where(x >= 0, 1.0, 0.5 * (x == 0) + a), "at x = 0 you return"),
    (grad_where, "float32 in, float64 out"),
    (grad_ones_float, "float32 in, float64 out"),
    (lambda x, a=0.01: np.where(x > 0, 1, a).astype(x.dtype), "truncated"),
    (lambda x, a=0.01: np.where(x > 0, 1.0, a).astype(np.float16), "float64 in, float16 out"),
    (lambda x, a=0.01: np.where(x > 0, 1.0, a).astype(np.float32), "float64 in, float32 out"),
    (lambda x, a=0.01: np.where(x > 0, 1.0, a).tolist(), "return a numpy array"),
])
def test_03_2_mistakes_are_named(verdict, answer, message):
    out = verdict("03.2", answer)
    assert out.startswith("[not yet] 03.2") and message in out, out


@pytest.mark.parametrize("answer", [grad_ones_like, grad_where, grad_ones_float])
def test_03_2_every_dtype_message_points_to_the_same_fix(verdict, answer):
    """No message suggests np.ones_like(x) (the trap itself); each points to result_type, so
    following it leads to a correct answer instead of the other message."""
    out = verdict("03.2", answer)
    assert "np.result_type(x, 1.0)" in out, out
    assert "Build the result from x itself" not in out, out


# --- 04.1: read the slope off the zoomed plot ------------------------------------------------

def test_04_1_right_and_stub(verdict):
    assert verdict("04.1", 0.03).startswith("[correct] 04.1")
    assert verdict("04.1", 0.032).startswith("[correct] 04.1")  # read off a plot: a tolerance
    assert verdict("04.1", ...).startswith("[not attempted yet] 04.1")


@pytest.mark.parametrize("answer, message", [
    (-0.03, "sign is off"),
    (0.3, "drops over the whole run"),
    (-0.3, "drops over the whole run"),
    (33.3, "run over rise"),
    (0, "looks flat only at the slide's scale"),
    (1, "slope right of 0"),
    (0.01, "PyTorch's default"),
    (0.1, "not what the zoomed panel shows"),
    ([0.03], "must be a number"),
])
def test_04_1_feedback(verdict, answer, message):
    out = verdict("04.1", answer)
    assert out.startswith("[not yet] 04.1") and message in out, out


def test_04_1_answer_is_the_drawn_curve():
    x, y = mystery_curve()
    left = x < 0
    assert np.allclose(y[left] / x[left], _MYSTERY_ALPHA)
    assert y[0] == pytest.approx(-_MYSTERY_ALPHA * MYSTERY_X_LIMIT)


# --- 04.2: zoom both axes ---------------------------------------------------------------------

def test_04_2_right_and_stub(verdict):
    assert verdict("04.2", [0.05, 0.05, 0.05]).startswith("[correct] 04.2")
    assert verdict("04.2", ...).startswith("[not attempted yet] 04.2")


@pytest.mark.parametrize("answer, message", [
    ([-0.05, -0.05, -0.05], "positive fraction"),
    ([5, 5, 5], "not percentages"),
    ([0.5, 0.05, 0.005], "divide each by its half-height"),
    ([0.005, 0.05, 0.5], "shrink together"),
    ([0, 0, 0], "not by 0"),
    ([0.05, 0.05], "three numbers"),
    ([0.1, 0.1, 0.1], "for each L"),
])
def test_04_2_feedback(verdict, answer, message):
    out = verdict("04.2", answer)
    assert out.startswith("[not yet] 04.2") and message in out, out


# --- the figures' pure data -------------------------------------------------------------------

def test_two_forms_agree_for_every_alpha_up_to_1_and_differ_above():
    x = np.linspace(-5, 5, 2001)
    for alpha in (-2.0, -0.5, 0.0, 0.01, 0.5, 1.0):
        assert not two_forms(alpha, x)["differ"].any(), alpha
    for alpha in (1.01, 1.5, 2.0):
        differ = two_forms(alpha, x)["differ"]
        assert differ.sum() == 2000 and not differ[x == 0].any(), alpha
    forms = two_forms(1.5, [2.0, -2.0])
    assert forms["max_form"].tolist() == [3.0, -2.0]
    assert forms["piecewise"].tolist() == [2.0, -3.0]


def test_subgradient_fan_lies_below_the_function_for_alpha_up_to_1():
    x = np.linspace(-2, 2, 401)
    for alpha in (0.0, 0.2, 1.0):
        lower, upper = subgradient_fan(alpha, x)
        assert np.array_equal(upper, leaky_relu(x, alpha))
        for g in np.linspace(alpha, 1, 7):
            assert np.all(lower - 1e-12 <= g * x) and np.all(g * x <= upper + 1e-12)


def test_slope_triangles_and_square_windows():
    tri = slope_triangles(0.05, run=2.5, y_max=5.0)
    xs, ys = tri["left"]
    assert (ys[2] - ys[1]) / (xs[2] - xs[0]) == pytest.approx(0.05)
    xs, ys = slope_triangles(0.05, run=2.5, y_max=0.3)["right"]
    assert ys[2] == xs[2] == pytest.approx(0.24)  # fits in the zoomed window
    for half in (10.0, 1.0, 0.1):
        assert square_window_drop(0.05, half) == pytest.approx(0.05)


@pytest.mark.parametrize("plot, ncols, kwargs", [
    (plot_two_forms, 1, {}),
    (plot_subgradients, 2, {}),
    (plot_slopes, 2, {"y_max": 0.3}),
])
def test_plot_functions_return_a_fast_update(plot, ncols, kwargs):
    fig = new_figure(ncols)
    update = plot(fig, 0.2, **kwargs)
    artists = update(0.7, **kwargs)
    assert artists and all(artist.figure is fig for artist in artists)
