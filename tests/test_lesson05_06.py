"""Lessons 05 and 06: leaky.dying and the exercise checks 05.1, 05.2, 06.1, 06.2."""

import numpy as np
import pytest

import leaky
from leaky.dying import count_dead_units, dead_fraction, dead_unit_mask
from leaky.exercises import results

# --- leaky.dying ---------------------------------------------------------------------------

def test_dead_units_need_every_example_at_or_below_zero():
    z = np.array([[0.0, -1.0, -2.0, 1.0, -0.5],
                  [0.0, 0.0, -1.0, -1.0, -0.1],
                  [0.0, -3.0, 0.5, 2.0, -2.0]])
    np.testing.assert_array_equal(dead_unit_mask(z), [True, True, False, False, True])
    assert count_dead_units(z) == 3
    assert dead_fraction(z) == pytest.approx(0.6)


def test_dead_units_are_columns_not_rows():
    z = np.array([[-1.0, -1.0, -1.0], [1.0, -1.0, 1.0]])  # row 0 all negative, column 1 dead
    assert count_dead_units(z) == 1
    np.testing.assert_array_equal(dead_unit_mask(z), [False, True, False])


def test_nan_is_not_dead_and_int_input_works():
    assert count_dead_units(np.array([[np.nan, -1.0], [-1.0, -1.0]])) == 1
    assert count_dead_units([[0, 1], [-2, 3]]) == 1


@pytest.mark.parametrize("bad", [np.zeros(3), np.zeros((2, 3, 1)), np.zeros((0, 3)), "z"])
def test_dying_rejects_bad_input_with_a_clear_message(bad):
    with pytest.raises((ValueError, TypeError), match="z must be"):
        count_dead_units(bad)


def test_relu_dead_units_get_exactly_zero_weight_gradient():
    """The lesson's claim: a dead ReLU unit's incoming weights get no gradient at all."""
    rng = np.random.default_rng(0)
    layer = leaky.LeakyReLULayer(4, 6, alpha=0.0, rng=rng)
    layer.bias[0, 2] = -100.0  # unit 2 dead on any reasonable input
    inputs = rng.normal(size=(30, 4))
    layer.forward(inputs)
    assert dead_unit_mask(layer.z)[2]
    _, grad_w, grad_b = layer.backward(rng.normal(size=(30, 6)))
    assert np.all(grad_w[:, 2] == 0) and grad_b[0, 2] == 0
    leaky_layer = leaky.LeakyReLULayer(4, 6, alpha=0.1, rng=1)
    leaky_layer.bias[0, 2] = -100.0
    leaky_layer.forward(inputs)
    _, grad_w, _ = leaky_layer.backward(rng.normal(size=(30, 6)))
    assert np.all(grad_w[:, 2] != 0)


# --- 05.1 count the dead units -----------------------------------------------------------

def test_05_1_correct_and_stub(verdict):
    assert verdict("05.1", lambda z: int(np.sum(np.all(z <= 0, axis=0)))).startswith(
        "[correct] 05.1")
    assert results()["05.1"] == "passed"

    def count_dead(z):
        ...

    assert verdict("05.1", count_dead).startswith("[not attempted yet] 05.1")


@pytest.mark.parametrize("answer,expected", [
    (lambda z: np.sum(np.all(z < 0, axis=0)), "Use z <= 0, not z < 0"),
    (lambda z: np.sum(np.all(z <= 0, axis=1)), "you counted examples (rows)"),
    (lambda z: np.sum(np.any(z <= 0, axis=0)), "np.all, not np.any"),
    (lambda z: np.sum(z <= 0), "you counted inactive entries"),
    (lambda z: np.mean(np.all(z <= 0, axis=0)), "that is the fraction"),
    (lambda z: np.all(z <= 0, axis=0), "return one number"),
    (lambda z: [np.sum(z)] and None, "returns None"),
    (lambda z: 3, "expected"),
    (lambda z: "three", "return a number"),
    (lambda z: z.undefined, "AttributeError"),
])
def test_05_1_wrong_answers_get_specific_feedback(verdict, answer, expected):
    out = verdict("05.1", answer)
    assert out.startswith("[not yet] 05.1"), out
    assert expected in out, out


def test_05_1_mutation_is_named(verdict):
    def mutating(z):
        z[z > 0] = 0
        return int(np.sum(np.all(z <= 0, axis=0)))

    assert "changed its argument z in place" in verdict("05.1", mutating)


# --- 05.2 which slope keeps more units alive ------------------------------------------------

@pytest.mark.parametrize("answer", [(0.3, 30), [0.3, 30.0], (np.float64(0.3), np.int64(30))])
def test_05_2_correct(verdict, answer):
    assert verdict("05.2", answer).startswith("[correct] 05.2")


@pytest.mark.parametrize("answer,expected", [
    ((0.01, 30), "smaller slope"),
    ((0.3, 1 / 30), "upside down"),
    ((0.3, 0.29), "difference of the slopes"),
    ((0.3, 3), "the ratio is 0.3 / 0.01"),
    ((0.5, 30), "choose one of the two slopes"),
    (0.3, "answer with a pair"),
    ((0.3, 30, 1), "answer with a pair"),
    (("a", "b"), "answer with a pair"),
])
def test_05_2_wrong_answers(verdict, answer, expected):
    out = verdict("05.2", answer)
    assert out.startswith("[not yet] 05.2"), out
    assert expected in out, out


def test_05_2_stub(verdict):
    assert verdict("05.2", ...).startswith("[not attempted yet] 05.2")


# --- 06.1 write backward ---------------------------------------------------------------------

def good_backward(layer_inputs, z, weights, grad_output, alpha):
    grad_z = grad_output * leaky.leaky_relu_grad(z, alpha)
    return (grad_z @ weights.T, layer_inputs.T @ grad_z,
            np.sum(grad_z, axis=0, keepdims=True))


def variant(slope=None, grad_w=None, grad_b=None, grad_in=None):
    """good_backward with one piece replaced (each a function of the arguments and grad_z)."""
    def backward(layer_inputs, z, weights, grad_output, alpha):
        d = leaky.leaky_relu_grad(z, alpha) if slope is None else slope(z, alpha)
        grad_z = grad_output * d
        args = (layer_inputs, z, weights, grad_output, grad_z)
        return ((grad_z @ weights.T) if grad_in is None else grad_in(*args),
                (layer_inputs.T @ grad_z) if grad_w is None else grad_w(*args),
                np.sum(grad_z, axis=0, keepdims=True) if grad_b is None else grad_b(*args))
    return backward


def test_06_1_correct_and_stub(verdict):
    assert verdict("06.1", good_backward).startswith("[correct] 06.1")

    def backward(layer_inputs, z, weights, grad_output, alpha):
        ...

    assert verdict("06.1", backward).startswith("[not attempted yet] 06.1")


@pytest.mark.parametrize("answer,expected", [
    (variant(slope=lambda z, a: np.ones_like(z)), "you skipped the activation"),
    (variant(slope=lambda z, a: leaky.relu_grad(z)), "not 0: that is ReLU's derivative"),
    (variant(slope=lambda z, a: np.where(z >= 0, 1.0, a)), "wrong only where z == 0"),
    (variant(slope=lambda z, a: np.where(z < 0, a, 1.0)), "wrong only where z == 0"),
    (variant(grad_w=lambda x, z, w, g, gz: gz.T @ x), "grad_weights is transposed"),
    (variant(grad_b=lambda x, z, w, g, gz: gz.sum(axis=0)), "keepdims=True"),
    (variant(grad_b=lambda x, z, w, g, gz: gz.mean(axis=0, keepdims=True)), "is the mean"),
    (variant(grad_in=lambda x, z, w, g, gz: g @ w.T), "grad_inputs uses grad_output"),
    (variant(grad_in=lambda x, z, w, g, gz: gz @ w.T * 2), "grad_inputs is wrong"),
    (variant(grad_in=lambda x, z, w, g, gz: gz @ w), "matmul"),  # raises: shapes mismatch
    (lambda *args: good_backward(*args)[:2], "tuple of three arrays"),
    (lambda *args: ("a", "b", "c"), "three numpy arrays of numbers"),
    (lambda *args: [good_backward(*args)] and None, "returns None"),
])
def test_06_1_wrong_answers_get_specific_feedback(verdict, answer, expected):
    out = verdict("06.1", answer)
    assert out.startswith("[not yet] 06.1"), out
    assert expected in out, out
    assert "hint('06.1')" in out


def test_06_1_in_place_slide_style_is_named(verdict):
    def slide_style(layer_inputs, z, weights, grad_output, alpha):
        grad_z = grad_output  # no copy: the slide's line without .copy()
        grad_z[z <= 0] *= alpha
        return (grad_z @ weights.T, layer_inputs.T @ grad_z,
                np.sum(grad_z, axis=0, keepdims=True))

    assert "changed its argument grad_output in place" in verdict("06.1", slide_style)


# --- 06.2 find the bug -----------------------------------------------------------------------

def test_06_2_correct_and_stub(verdict):
    assert verdict("06.2", 5).startswith("[correct] 06.2")
    assert verdict("06.2", np.int64(5)).startswith("[correct] 06.2")
    assert verdict("06.2", ...).startswith("[not attempted yet] 06.2")


@pytest.mark.parametrize("answer,expected", [
    (2, "line 2 is right"), (3, "line 3 is right"), (4, "line 4 is right"),
    (1, "signature"), (6, "only returns"), (7, "numbered 1 to 6"),
    ("5", "line number"), (True, "line number"), (5.0, "line number"),
])
def test_06_2_wrong_answers(verdict, answer, expected):
    out = verdict("06.2", answer)
    assert out.startswith("[not yet] 06.2"), out
    assert expected in out, out


def test_06_2_the_bug_is_where_the_gradient_check_says():
    """The lesson's BrokenLayer: only grad_inputs disagrees with finite differences."""
    class BrokenLayer(leaky.LeakyReLULayer):
        def backward(self, grad_output):
            grad_z = grad_output * leaky.leaky_relu_grad(self.z, self.alpha)
            grad_weights = self.inputs.T @ grad_z
            grad_bias = np.sum(grad_z, axis=0, keepdims=True)
            grad_inputs = grad_output @ self.weights.T
            return grad_inputs, grad_weights, grad_bias

    rng = np.random.default_rng(3)
    layer = BrokenLayer(4, 3, alpha=0.1, rng=rng)
    x, g = rng.normal(size=(5, 4)), rng.normal(size=(5, 3))
    layer.forward(x)
    grad_in, grad_w, _ = layer.backward(g)

    def loss_of(inputs=None, weights=None):
        probe = leaky.LeakyReLULayer(4, 3, alpha=0.1, rng=0)
        probe.weights = layer.weights if weights is None else weights
        return float(np.sum(g * probe.forward(x if inputs is None else inputs)))

    assert leaky.gradient_check(lambda w: loss_of(weights=w), layer.weights, grad_w) < 1e-6
    assert leaky.gradient_check(lambda v: loss_of(inputs=v), x, grad_in) > 1e-2
