"""Lessons 07 and 08: the exercise checks 07.1, 07.2, 08.1, 08.2; the vectorised XOR trainer
and the figure modules' pure parts."""

import numpy as np
import pytest

import leaky
from leaky.exercise_checks.l07 import learned_counts
from leaky.network import forward_many, train_many
from leaky.plots_activations import STYLES, activation_curves
from leaky.plots_xor import boundary_label, nearest_index, xor_grid

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y = np.array([[0], [1], [1], [0]], dtype=float)


# --- 07.1 ---------------------------------------------------------------------------------
def good_step(params, grads, learning_rate):
    return [p - learning_rate * g for p, g in zip(params, grads, strict=True)]


def test_07_1_correct_and_stub(verdict):
    assert verdict("07.1", good_step).startswith("[correct] 07.1")
    assert verdict("07.1", lambda p, g, lr: tuple(good_step(p, g, lr))).startswith("[correct]")

    def gd_step(params, grads, learning_rate):
        ...

    assert verdict("07.1", gd_step).startswith("[not attempted yet] 07.1")


@pytest.mark.parametrize("answer,expected", [
    (lambda p, g, lr: [a + lr * b for a, b in zip(p, g, strict=True)], "sign is off"),
    (lambda p, g, lr: [a - b for a, b in zip(p, g, strict=True)], "forgot the learning rate"),
    (lambda p, g, lr: [lr * b for b in g], "returned the change"),
    (lambda p, g, lr: [-lr * b for b in g], "returned the change"),
    (lambda p, g, lr: [a.copy() for a in p], "did not change"),
    (lambda p, g, lr: good_step(p, g, lr)[::-1], "keep the order"),
    (lambda p, g, lr: good_step(p, g, lr)[:2], "returned 2 arrays"),
    (lambda p, g, lr: [p[i] - lr * g[i] for i in range(4)], "raised IndexError"),
    (lambda p, g, lr: [a - 2 * lr * b for a, b in zip(p, g, strict=True)],
     "not one gradient-descent step"),
    (lambda p, g, lr: "abc", "one new array per parameter, got 'abc'"),
    (lambda p, g, lr: {i: a - lr * b for i, (a, b) in enumerate(zip(p, g, strict=True))},
     "not a dict"),
    (lambda p, g, lr: 1 / 0, "raised ZeroDivisionError"),
    (lambda p, g, lr: None, "returns None"),
])
def test_07_1_mistakes(verdict, answer, expected):
    out = verdict("07.1", answer)
    assert out.startswith("[not yet] 07.1"), out
    assert expected in out, out


def test_07_1_assuming_four_parameters(verdict):
    def four(params, grads, lr):
        return [params[i] - lr * grads[i] for i in range(min(4, len(params)))] + \
            [params[0]] * (4 - len(params))
    assert "instead of assuming four" in verdict("07.1", four)


def test_07_1_in_place_is_one_short_line(verdict):
    def in_place(params, grads, learning_rate):
        for p, g in zip(params, grads, strict=True):
            p -= learning_rate * g
        return params

    def reassign(params, grads, learning_rate):
        for i in range(len(params)):
            params[i] = params[i] - learning_rate * grads[i]
        return params

    for answer in (in_place, reassign):
        out = verdict("07.1", answer)
        assert out.startswith("[not yet] 07.1") and "changed its argument params" in out, out
    for answer in (in_place, lambda p, g, lr: None, lambda p, g, lr: "abc",
                   lambda p, g, lr: 1 / 0):
        assert len(verdict("07.1", answer)) < 240  # one short message, no list printed


# --- 07.2 ---------------------------------------------------------------------------------
def test_07_2_learned_counts_match_simple_network():
    direct = 0
    for seed in range(5):
        net = leaky.SimpleNeuralNetwork(2, 4, 1, rng=seed)
        net.train(X, Y, learning_rate=0.1)
        direct += np.array_equal(net.predict(X), Y)
    assert learned_counts([0.1], seeds=5).tolist() == [direct]


def test_07_2_correct_and_stub(verdict):
    out = verdict("07.2", (0.01, 0.25))
    assert out.startswith("[correct] 07.2"), out
    assert verdict("07.2", [0.012, 0.3]).startswith("[correct] 07.2")
    assert verdict("07.2", np.array([0.01, 0.25])).startswith("[correct] 07.2")
    assert verdict("07.2", ...).startswith("[not attempted yet] 07.2")


@pytest.mark.parametrize("answer,expected", [
    ((0.1, 0.25), "reaches lower"),
    ((0.01, 0.1), "reaches higher"),
    ((0.001, 0.25), "lowest rate is too low"),
    ((0.01, 2.0), "highest rate is too high"),
    ((0.5, 1.0), "lowest rate is above the range"),
    ((0.25, 0.01), "wrong way round"),
    ((-0.1, 0.2), "learning rates are > 0"),
    (0.1, "a pair (lowest, highest)"),
    ((0.1, 0.2, 0.3), "a pair (lowest, highest)"),
    (("0.01", 0.2), "must be a number"),
    ((float("nan"), 0.2), "finite number"),
    (None, "a pair (lowest, highest)"),
])
def test_07_2_mistakes(verdict, answer, expected):
    out = verdict("07.2", answer)
    assert out.startswith("[not yet] 07.2"), out
    assert expected in out, out


# --- train_many, forward_many ---------------------------------------------------------------
def test_train_many_is_simple_neural_network_seed_by_seed():
    runs = train_many(X, Y, range(4), epochs=200)
    for seed in range(4):
        net = leaky.SimpleNeuralNetwork(2, 4, 1, rng=seed)
        losses = net.train(X, Y, epochs=200)
        np.testing.assert_allclose(runs["losses"][seed, :200], losses, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(runs["output"][seed], net.forward(X), rtol=1e-12, atol=1e-15)
        assert runs["learned"][seed] == np.array_equal(net.predict(X), Y)
    np.testing.assert_allclose(forward_many(runs, X), runs["output"])


def test_train_many_reproduces_the_slides_loop():
    rng = np.random.default_rng(3)
    hidden = leaky.LeakyReLULayer(2, 4, 0.01, rng, init="slides")
    output = leaky.LeakyReLULayer(4, 1, 0.01, rng, init="slides")
    for _ in range(300):
        out = output.forward(hidden.forward(X))
        grad_h, w2, b2 = output.backward(Y - out)
        _, w1, b1 = hidden.backward(grad_h)
        output.weights += 0.01 * w2
        output.bias += 0.01 * b2
        hidden.weights += 0.01 * w1
        hidden.bias += 0.01 * b1
    runs = train_many(X, Y, [3], init="slides", output_alpha=0.01, hidden_bias=0.0,
                      learning_rate=0.02, epochs=300)
    np.testing.assert_allclose(runs["output"][0], output.forward(hidden.forward(X)),
                               rtol=1e-10, atol=1e-14)


def test_train_many_per_network_settings_and_start():
    start = train_many(X, Y, [0, 0], init=["slides", "he"], hidden_bias=[0.0, 0.25], epochs=0)
    assert start["losses"].shape == (2, 1)
    assert np.all(np.abs(start["W1"][0]) < 0.05) and np.all(start["b1"][1] == 0.25)
    np.testing.assert_allclose(start["W1"][1] / start["W1"][0],
                               leaky.he_gain(0.01) / np.sqrt(2) / 0.01)
    diverged = train_many(X, Y, [0], learning_rate=50.0, epochs=50)
    assert not diverged["learned"][0]


def test_train_many_bad_input():
    with pytest.raises(ValueError, match="^init must be one of"):
        train_many(X, Y, [0], init="xavier")
    with pytest.raises(ValueError, match="^learning_rate must be a finite number > 0"):
        train_many(X, Y, [0, 1], learning_rate=[0.1, 0.0])
    with pytest.raises(ValueError, match="^epochs must be a whole number >= 0"):
        train_many(X, Y, [0], epochs=-1)
    with pytest.raises(ValueError, match="^X, y must be arrays with one row per example"):
        train_many(X, Y[:3], [0])


# --- figure modules -------------------------------------------------------------------------
def test_xor_grid_and_label():
    GX, GY, points = xor_grid(5)
    assert GX.shape == (5, 5) and points.shape == (25, 2)
    assert points.min() == -0.5 and points.max() == 1.5
    assert nearest_index([0.0, 0.05, 0.1], 0.07) == 1
    label = boundary_label(0.07, 0.05, 0.1234, 17, 20)
    assert "0.07" in label and "0.05" in label and "0.123" in label and "17/20" in label
    with pytest.raises(ValueError):
        xor_grid(1)


def test_activation_curves_and_styles():
    x = np.array([-3.0, 0.0, 2.0])
    curves = activation_curves(x, alpha=0.2)
    np.testing.assert_allclose(curves["Leaky ReLU"][1], [0.2, 0.2, 1.0])
    np.testing.assert_allclose(curves["ReLU"][0], [0.0, 0.0, 2.0])
    np.testing.assert_allclose(curves["sigmoid"][1], leaky.sigmoid_grad(x))
    colours = [style["color"] for style in STYLES.values()]
    assert len(set(colours)) == len(colours) == 4   # one colour per activation
    assert STYLES["ReLU"]["zorder"] > STYLES["Leaky ReLU"]["zorder"]  # ReLU drawn on top


def test_explorers_draw_and_update():
    from leaky.plots_activations import plot_activation_comparison
    from leaky.plots_xor import xor_boundary_plot
    from leaky.plotting import new_figure

    fig = new_figure(2)
    update = plot_activation_comparison(fig, 0.3)
    artists = update(0.3)
    assert fig.axes[0].get_legend().get_texts()[0].get_text() == "Leaky ReLU (0.3)"
    assert all(text.get_fontsize() >= 9 for ax in fig.axes[:2]
               for text in ax.get_legend().get_texts())
    assert len(artists) == 7
    surfaces = np.zeros((2, 9, 9))
    fig = new_figure(1)
    update = xor_boundary_plot([0.0, 1.0], surfaces, [0.0, 0.25], [19, 0], 20)(fig, 0.0)
    assert "0/20" in update(0.9)[-1].get_text()


# --- 08.1 ---------------------------------------------------------------------------------
def test_08_1_correct_and_stub(verdict):
    out = verdict("08.1", lambda x: leaky.sigmoid_grad(x))
    assert out.startswith("[correct] 08.1"), out
    assert verdict("08.1", lambda x: leaky.sigmoid(x) * (1 - leaky.sigmoid(x))).startswith(
        "[correct]")
    assert verdict("08.1", lambda x: leaky.sigmoid_grad(x).astype(np.float32)).startswith(
        "[correct]")

    def alpha_to_match_sigmoid(x):
        ...

    assert verdict("08.1", alpha_to_match_sigmoid).startswith("[not attempted yet] 08.1")


def _in_place(x):
    x[:] = leaky.sigmoid_grad(x)
    return x


@pytest.mark.parametrize("answer,expected", [
    (lambda x: leaky.sigmoid(x), "sigmoid itself"),
    (lambda x: leaky.tanh_grad(x), "tanh's slope"),
    (lambda x: -leaky.sigmoid_grad(x), "sign is off"),
    (lambda x: 0.25, "slope at x = 0 only"),
    (lambda x: np.full_like(x, 0.01), "default alpha"),
    (lambda x: leaky.sigmoid_grad(x)[:3], "wrong shape"),
    (lambda x: leaky.sigmoid_grad(2 * x), "the alpha should be"),
    (lambda x: 0.25 * (1 - np.tanh(x / 2) ** 2), "loses tiny values far out"),
    (lambda x: "sigmoid", "return numbers"),
    (_in_place, "changed its argument x"),
    (lambda x: None, "returns None"),
    (lambda x: x.missing, "raised AttributeError"),
])
def test_08_1_mistakes(verdict, answer, expected):
    out = verdict("08.1", answer)
    assert out.startswith("[not yet] 08.1"), out
    assert expected in out, out


# --- 08.2 ---------------------------------------------------------------------------------
def naive_sigmoid(x):
    return 1 / (1 + np.exp(-x))


def stable(x):
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def _stable_in_place(x):
    x[:] = stable(x)
    return x


@pytest.mark.parametrize("answer,expected", [
    (naive_sigmoid, "overflow"),
    (lambda x: [np.tanh(x)] and None, "returns None"),
    (lambda x: np.tanh(x), "should be"),
    (lambda x: stable(x)[:5], "wrong shape"),
    (lambda x: np.exp(x) / (1 + np.exp(x)), "overflow"),
    (lambda x: np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x))), "overflow"),
    (lambda x: 1 / (1 + np.exp(-np.clip(x, -500, 500))), "tiny values far out are wrong"),
    (lambda x: 0.5 * (1 + np.tanh(x / 2)), "tiny values far out are wrong"),
    (lambda x: "sigmoid", "return an array of numbers, got 'sigmoid'"),
    (_stable_in_place, "changed its argument x"),
    (lambda x: x.missing, "AttributeError"),
])
def test_08_2_mistakes(verdict, answer, expected):
    out = verdict("08.2", answer)
    assert out.startswith("[not yet] 08.2"), out
    assert expected in out, out


def test_08_2_correct_and_stub(verdict):
    assert verdict("08.2", stable).startswith("[correct] 08.2")

    def stable_sigmoid(x):
        ...

    assert verdict("08.2", stable_sigmoid).startswith("[not attempted yet] 08.2")
