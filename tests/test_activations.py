"""The numpy reference activations: values, conventions, dtypes, bad input."""

import numpy as np
import pytest

import leaky
from leaky import (
    leaky_relu,
    leaky_relu_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    tanh,
    tanh_grad,
)

ALPHAS = [0.0, 0.01, 0.2, 1.0, 1.5]


def piecewise(x, alpha):
    """Independent reference: the definition, element by element in plain Python."""
    return np.array([v if v > 0 else alpha * v for v in np.ravel(x)]).reshape(np.shape(x))


@pytest.mark.parametrize("alpha", ALPHAS)
def test_leaky_relu_matches_the_piecewise_definition(alpha):
    x = np.random.default_rng(0).normal(scale=5, size=1000)
    np.testing.assert_allclose(leaky_relu(x, alpha), piecewise(x, alpha), rtol=1e-15)


def test_alpha_above_one_is_right_where_the_max_form_is_wrong():
    assert leaky_relu(2.0, 1.5) == 2.0
    assert leaky_relu(-2.0, 1.5) == -3.0


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_float_dtypes_are_kept(dtype):
    x = np.array([-2, -0.5, 0, 0.5, 2], dtype=dtype)
    assert leaky_relu(x).dtype == dtype
    assert leaky_relu_grad(x).dtype == dtype
    assert sigmoid(x).dtype == dtype


@pytest.mark.parametrize("x", [np.array([-2, 0, 3]), np.array([True, False]), [-2, 0, 3], 3, -2.5])
def test_int_bool_list_scalar_give_float64(x):
    y = leaky_relu(x, 0.1)
    assert np.asarray(y).dtype == np.float64
    np.testing.assert_allclose(y, piecewise(np.asarray(x, dtype=float), 0.1))


def test_scalar_in_scalar_out():
    assert np.ndim(leaky_relu(-3.0, 0.1)) == 0
    assert leaky_relu(-3.0, 0.1) == pytest.approx(-0.3)


@pytest.mark.parametrize("alpha", ALPHAS)
def test_nan_and_inf(alpha):
    with np.errstate(invalid="ignore"):
        y = leaky_relu(np.array([np.nan, np.inf, -np.inf]), alpha)
    assert np.isnan(y[0])
    assert y[1] == np.inf
    # IEEE arithmetic, as PyTorch and TensorFlow: alpha * -inf, which is nan for alpha = 0
    assert np.isnan(y[2]) if alpha == 0 else y[2] == -np.inf
    assert relu(-np.inf) == 0.0


def test_input_is_not_mutated():
    x = np.array([-1.0, 2.0, -3.0])
    before = x.copy()
    leaky_relu(x, 0.2)
    leaky_relu_grad(x, 0.2)
    np.testing.assert_array_equal(x, before)


def test_non_contiguous_input():
    x = np.random.default_rng(3).normal(size=(20, 30))
    view = x[:, ::2]
    np.testing.assert_array_equal(leaky_relu(view, 0.1), piecewise(view, 0.1))


@pytest.mark.parametrize("alpha", ALPHAS)
def test_grad_values_and_the_convention_at_zero(alpha):
    x = np.array([-3.0, -1e-12, 0.0, 1e-12, 3.0])
    np.testing.assert_array_equal(leaky_relu_grad(x, alpha), [alpha, alpha, alpha, 1, 1])
    assert leaky_relu_grad(0.0, alpha) == alpha  # not 1 as on the slides
    assert relu_grad(0.0) == 0.0


def test_grad_nan_propagates():
    assert np.isnan(leaky_relu_grad(np.array([np.nan]))[0])


def test_grad_matches_finite_differences_away_from_the_kink():
    x = np.random.default_rng(4).normal(size=30)
    x = x[np.abs(x) > 1e-3]
    for f, df in [(lambda v: leaky_relu(v, 0.2), lambda v: leaky_relu_grad(v, 0.2)),
                  (relu, relu_grad), (sigmoid, sigmoid_grad), (tanh, tanh_grad)]:
        assert leaky.gradient_check(f, x, df(x)) < 1e-6


def test_sigmoid_no_overflow_warning_and_values():
    x = np.array([-1000.0, -30, 0, 30, 1000.0])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        s = sigmoid(x)
    assert s[0] == 0.0 and s[-1] == 1.0 and s[2] == 0.5
    np.testing.assert_allclose(s[1:4], 1 / (1 + np.exp(-x[1:4])))
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        assert sigmoid(np.float16(-70)) == 0


def test_relu_is_leaky_with_alpha_zero():
    x = np.linspace(-3, 3, 13)
    np.testing.assert_array_equal(relu(x), leaky_relu(x, 0.0))


BAD_ALPHAS = [(float("nan"), ValueError), (float("inf"), ValueError), (-0.1, ValueError),
              ("0.1", TypeError), (None, TypeError), (True, TypeError), ([0.1], TypeError)]


@pytest.mark.parametrize("alpha,error", BAD_ALPHAS)
def test_bad_alpha_is_named(alpha, error):
    for f in (leaky_relu, leaky_relu_grad):
        with pytest.raises(error, match=r"^alpha must be a finite number >= 0, got"):
            f(np.ones(3), alpha)


def test_bad_alpha_message_exact():
    with pytest.raises(ValueError) as info:
        leaky_relu(1.0, float("nan"))
    assert str(info.value) == "alpha must be a finite number >= 0, got nan"


@pytest.mark.parametrize("x", [None, "1.0", np.array([1 + 2j]), np.array([object()]), 3j,
                               [[1, 2], [3]]])
def test_bad_x_is_named(x):
    for f in (leaky_relu, leaky_relu_grad, relu, sigmoid, tanh):
        with pytest.raises(TypeError, match=r"^x must be real numbers"):
            f(x)
