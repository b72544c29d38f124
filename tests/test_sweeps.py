"""leaky.sweeps (lesson 10's side-by-side training) and the explorer machinery of lessons 09
and 10 (leaky.plots_cnn, leaky.plots_training): equal to Keras' fit, runs independent,
pure data functions, plots that draw and update."""

from functools import partial

import matplotlib
import numpy as np
import pytest

from leaky.plots_cnn import feature_mosaic, nearest_trained, plot_trained_alphas
from leaky.plots_training import band_vertices, curve_band, plot_sweep_curves
from leaky.sweeps import glorot_uniform, split_like_keras, train_dense_sweep

matplotlib.use("Agg")


def _problem(n=40, features=20, seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((n, features)).astype("float32"), rng.integers(0, 10, n)


def _weights(features=20, hidden=16, seed=0):
    rng = np.random.default_rng(seed)
    return [(rng.normal(size=(features, hidden)) * 0.3).astype("float32"),
            (rng.normal(size=hidden) * 0.1).astype("float32"),
            (rng.normal(size=(hidden, 10)) * 0.3).astype("float32"),
            (rng.normal(size=10) * 0.1).astype("float32")]


def test_equals_keras_fit_batch_by_batch():
    """Same initial weights, same (unshuffled) batches: the histories of Keras' fit."""
    keras = pytest.importorskip("keras")
    x, y = _problem()
    weights = _weights()
    sweep = train_dense_sweep(x, y, [0.0, 0.3], [5], hidden=16, epochs=3, batch_size=8,
                              learning_rate=0.01, validation_split=0.25, shuffle=False,
                              initial_weights={5: weights})
    for alpha in (0.0, 0.3):
        model = keras.Sequential([
            keras.Input((20,)), keras.layers.Dense(16),
            keras.layers.LeakyReLU(negative_slope=alpha),
            keras.layers.Dense(10, activation="softmax")])
        model.set_weights(weights)
        model.compile(optimizer=keras.optimizers.Adam(0.01),
                      loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        history = model.fit(x, y, epochs=3, batch_size=8, validation_split=0.25,
                            shuffle=False, verbose=0).history
        for key, values in history.items():
            assert np.allclose(values, sweep[(alpha, 5)][key], atol=1e-5), (alpha, key)


def test_runs_are_independent_and_paired_by_seed():
    x, y = _problem(60)
    both = train_dense_sweep(x, y, [0.0, 0.5], [1, 2], hidden=8, epochs=2, batch_size=10)
    alone = train_dense_sweep(x, y, [0.5], [2], hidden=8, epochs=2, batch_size=10)
    assert sorted(both) == [(0.0, 1), (0.0, 2), (0.5, 1), (0.5, 2)]
    for key in ("loss", "val_accuracy"):
        assert np.allclose(both[(0.5, 2)][key], alone[(0.5, 2)][key], atol=1e-6)
    # another seed: other initial weights and batches, so other curves
    assert not np.allclose(both[(0.5, 1)]["loss"], both[(0.5, 2)]["loss"])
    for history in both.values():
        assert sorted(history) == ["accuracy", "loss", "val_accuracy", "val_loss"]
        assert all(len(v) == 2 and all(isinstance(f, float) for f in v)
                   for v in history.values())


def test_alpha_one_is_linear_and_alphas_differ():
    x, y = _problem(80)
    sweep = train_dense_sweep(x, y, [0.0, 1.0], [0], hidden=8, epochs=3, batch_size=16)
    assert not np.allclose(sweep[(0.0, 0)]["loss"], sweep[(1.0, 0)]["loss"])
    # in the first epoch every run starts from the same weights: losses are close but,
    # with different activations, not identical
    assert abs(sweep[(0.0, 0)]["loss"][0] - sweep[(1.0, 0)]["loss"][0]) < 0.5


def test_progress_is_advanced_once_per_seed_and_epoch():
    class Bar:
        steps = 0

        def update(self):
            self.steps += 1

    x, y = _problem(30)
    bar = Bar()
    train_dense_sweep(x, y, [0.1], [0, 1, 2], hidden=4, epochs=2, progress=bar)
    assert bar.steps == 6


def test_helpers_follow_keras():
    assert split_like_keras(2000, 0.2) == 1600
    assert split_like_keras(40, 0.25) == 30
    assert split_like_keras(10, 0.33) == 7  # ceil(6.7)
    w = glorot_uniform(np.random.default_rng(0), 784, 128)
    assert w.dtype == np.float32 and w.shape == (784, 128)
    assert np.abs(w).max() <= np.sqrt(6 / (784 + 128))


@pytest.mark.parametrize("kwargs, error, pattern", [
    (dict(x=np.zeros(5)), ValueError, "x must be a 2-D array"),
    (dict(y=np.zeros(40)), ValueError, "y must be whole-number labels"),
    (dict(alphas=[-0.1]), ValueError, "alpha"),
    (dict(epochs=0), ValueError, "epochs"),
    (dict(validation_split=1.0), ValueError, "validation_split"),
])
def test_bad_arguments(kwargs, error, pattern):
    x, y = _problem()
    args = dict(x=x, y=y, alphas=[0.1], seeds=[0])
    args.update(kwargs)
    with pytest.raises(error, match=pattern):
        train_dense_sweep(args.pop("x"), args.pop("y"), args.pop("alphas"), args.pop("seeds"),
                          **args)


# --- lesson 10's curves ---------------------------------------------------------------------

def _fake_sweep(alphas=(0.0, 0.5), seeds=(0, 1, 2), epochs=4):
    rng = np.random.default_rng(0)
    return {(a, s): {key: list(rng.random(epochs)) for key in
                     ("loss", "accuracy", "val_loss", "val_accuracy")}
            for a in alphas for s in seeds}


def test_curve_band_and_vertices():
    sweep = _fake_sweep()
    mean, low, high = curve_band(sweep, 0.5, "val_loss")
    stack = np.array([sweep[(0.5, s)]["val_loss"] for s in (0, 1, 2)])
    assert np.allclose(mean, stack.mean(0)) and np.allclose(low, stack.min(0))
    assert np.allclose(high, stack.max(0))
    with pytest.raises(ValueError, match="alpha must be one of the sweep's alphas"):
        curve_band(sweep, 0.3, "loss")
    vertices = band_vertices([1, 2, 3], [0, 1, 2], [5, 6, 7])
    assert vertices.tolist() == [[1, 5], [2, 6], [3, 7], [3, 2], [2, 1], [1, 0]]
    with pytest.raises(ValueError):
        band_vertices([1, 2], [0], [1, 2])


def test_sweep_plot_draws_and_updates():
    from leaky.explorer import alpha_explorer

    sweep = _fake_sweep(alphas=(0.0, 0.2, 0.4))
    explorer = alpha_explorer(partial(plot_sweep_curves, sweep=sweep), alpha=0.0, min=0.0,
                              max=0.4, step=0.2)
    before = explorer.image.value
    explorer.render(0.4000000001)  # a slider's float step lands next to a trained alpha
    assert explorer.image.value != before
    legend = explorer.fig.axes[0].get_legend()
    assert legend is not None and all(t.get_fontsize() >= 9 for t in legend.get_texts())
    assert any("trained at alpha = 0.4" in t.get_text() for t in explorer.fig.texts)


# --- lesson 09's trained networks -------------------------------------------------------------

def test_nearest_trained_and_mosaic():
    assert nearest_trained(0.12, [0.0, 0.01, 0.3]) == 0.01
    assert nearest_trained(0.2, [0.3, 0.0, 0.01]) == 0.3
    assert nearest_trained(0.005, [0.0, 0.01]) == 0.0  # a tie: the smaller one
    with pytest.raises(ValueError):
        nearest_trained(0.1, [])
    maps = np.arange(2 * 3 * 5, dtype=float).reshape(2, 3, 5)
    mosaic = feature_mosaic(maps, ncols=4)
    assert mosaic.shape == (2 * 2 + 1, 4 * 3 + 3)
    assert np.array_equal(mosaic[:2, :3], maps[..., 0])
    assert np.array_equal(mosaic[3:5, :3], maps[..., 4])
    assert np.isnan(mosaic[2]).all() and np.isnan(mosaic[3:5, 4:]).all()
    with pytest.raises(ValueError):
        feature_mosaic(np.zeros((3, 3)))


def test_trained_alphas_plot_draws_and_updates():
    from leaky.explorer import alpha_explorer

    rng = np.random.default_rng(0)
    runs = {a: {"accuracy": list(0.85 + 0.03 * rng.random(3)), "dead": [3, 2, 1],
                "dead_init": [5, 5, 4], "maps": rng.normal(size=(26, 26, 8))}
            for a in (0.0, 0.01, 0.3)}
    explorer = alpha_explorer(partial(plot_trained_alphas, runs=runs, total_units=72),
                              alpha=0.01, max=0.3, ncols=3)
    before = explorer.image.value
    explorer.render(0.25)
    assert explorer.image.value != before
    assert any("slim CNNs trained at alpha = 0.3" in t.get_text() for t in explorer.fig.texts)
    # one thin line per seed joins its runs across the alphas (the paired comparison)
    accuracy_lines = [line.get_ydata().tolist() for line in explorer.fig.axes[2].lines
                      if line.get_linestyle() == "-"]
    for seed in range(3):
        assert [100 * runs[a]["accuracy"][seed] for a in (0.0, 0.01, 0.3)] in accuracy_lines
    texts = [t for ax in explorer.fig.axes for t in ax.texts + [ax.title]]
    assert all(t.get_fontsize() >= 9 for t in texts if t.get_text())
