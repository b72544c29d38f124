"""Lessons 14 and 15: framework parity machinery, quiet imports, and the exercise checks."""

import os

import numpy as np
import pytest

from leaky import leaky_relu, leaky_relu_grad
from leaky.course import native_stderr_silenced
from leaky.exercise_checks import l14
from leaky.parity import (
    PAIRS,
    float32_rounding,
    forward_and_gradient,
    max_abs_differences,
    parity_grid,
    parity_inputs,
)
from leaky.plots_frameworks import (
    PortNetwork,
    default_groups,
    plot_defaults_and_port,
    port_change_table,
    port_changes,
)
from leaky.plots_rrelu import plot_rrelu_band, rrelu_picture

torch = pytest.importorskip("torch")


@pytest.fixture(scope="module")
def tf():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    with native_stderr_silenced():
        return pytest.importorskip("tensorflow")


@pytest.fixture(scope="module")
def keras(tf):
    return pytest.importorskip("keras")



def assert_not_yet(out, exercise_id, expected):
    assert out.startswith(f"[not yet] {exercise_id}"), out
    assert expected in out, out


# --- leaky.parity ------------------------------------------------------------------------

def test_parity_inputs_have_the_edge_cases_and_are_seeded():
    x = parity_inputs()
    assert x.dtype == np.float64 and x.size == 201
    assert x[0] == 0 and x[1] == 0 and np.signbit(x[1]) and x[4] == -1.0
    np.testing.assert_array_equal(x, parity_inputs())
    assert parity_inputs(dtype=np.float32).dtype == np.float32
    assert not np.array_equal(x, parity_inputs(rng=1))


@pytest.mark.parametrize("kwargs,message", [
    ({"size": 3}, "^size must be a whole number >= 5"),
    ({"scale": 0.0}, "^scale must be a finite number > 0"),
    ({"dtype": np.float16}, "^dtype must be float32 or float64"),
])
def test_parity_inputs_reject_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        parity_inputs(**kwargs)


def test_forward_and_gradient_rejects_unknown_frameworks_and_pairs():
    with pytest.raises(ValueError, match="^framework must be one of"):
        forward_and_gradient("jax", parity_inputs(), 0.1)
    with pytest.raises(ValueError, match="^pairs must be"):
        max_abs_differences(parity_inputs(), 0.1, pairs=[("numpy", "jax")])
    with pytest.raises(ValueError, match="^alpha must be a finite number >= 0"):
        forward_and_gradient("numpy", parity_inputs(), -0.1)


@pytest.mark.parametrize("framework", ["numpy", "torch"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_forward_and_gradient_match_the_reference(framework, dtype):
    x = parity_inputs(dtype=dtype)
    y, dy = forward_and_gradient(framework, x, 0.3)
    assert y.dtype == dtype and dy.dtype == dtype
    np.testing.assert_array_equal(y, leaky_relu(x, 0.3))
    np.testing.assert_array_equal(dy, leaky_relu_grad(x, 0.3))


@pytest.mark.parametrize("alpha", [0.0, 0.01, 0.2, 0.25, 0.3, 1.0, 1.5])
def test_float32_all_frameworks_agree_exactly(tf, alpha):
    diffs = max_abs_differences(parity_inputs(dtype=np.float32), alpha)
    assert set(diffs) == set(PAIRS)
    assert all(d["forward"] == 0 and d["gradient"] == 0 for d in diffs.values()), diffs


@pytest.mark.parametrize("alpha", [0.01, 0.2, 0.3, 0.7, 1.3])
def test_float64_tensorflow_rounds_alpha_to_float32(tf, alpha):
    x = parity_inputs()
    diffs = max_abs_differences(x, alpha)
    assert diffs["numpy", "torch"] == {"forward": 0.0, "gradient": 0.0}
    rounding = float32_rounding(alpha)
    assert rounding > 0
    assert diffs["numpy", "tensorflow"]["gradient"] == rounding
    predicted = rounding * np.abs(x[x < 0]).max()
    assert diffs["numpy", "tensorflow"]["forward"] == pytest.approx(predicted, rel=1e-6)
    assert diffs["torch", "tensorflow"] == diffs["numpy", "tensorflow"]


def test_parity_grid_zero_exactly_where_float32_holds_alpha(tf):
    alphas = [0.0, 0.1, 0.25, 0.5, 0.6]
    grid = parity_grid(alphas, parity_inputs(size=21))
    np.testing.assert_array_equal(grid["alphas"], alphas)
    tf_forward = grid["forward"]["numpy", "tensorflow"]
    np.testing.assert_array_equal(tf_forward == 0, [True, False, True, True, False])
    np.testing.assert_array_equal(grid["gradient"]["numpy", "tensorflow"],
                                  [float32_rounding(a) for a in alphas])
    assert not grid["forward"]["numpy", "torch"].any()
    with pytest.raises(ValueError, match="^alphas must be"):
        parity_grid([], parity_inputs())


def test_float32_rounding():
    assert float32_rounding(0.25) == 0.0 and float32_rounding(0.0) == 0.0
    assert float32_rounding(0.2) == pytest.approx(2.98e-9, rel=1e-2)
    assert float32_rounding(0.1) / 0.1 < 2.0**-24


def test_relative_float32_rounding_is_at_most_2_to_the_minus_24_on_lesson_14s_grid():
    """Lesson 14's summary: TensorFlow's float64 difference is at most 2**-24 relative,
    5.4e-8 at worst on the grid 0, 0.01, ..., 1 (at alpha = 0.53)."""
    grid = np.round(np.linspace(0.01, 1.0, 100), 2)
    relative = np.array([float32_rounding(a) / a for a in grid])
    assert relative.max() <= 2.0**-24
    assert f"{relative.max():.2g}" == "5.4e-08" and grid[relative.argmax()] == 0.53


def test_parity_module_does_not_import_frameworks_on_import():
    import subprocess
    import sys

    code = ("import sys, leaky.parity, leaky.course, leaky.exercise_checks.l14, "
            "leaky.exercise_checks.l15, leaky.plots_frameworks, leaky.plots_rrelu; "
            "print(any(m in sys.modules for m in ('torch', 'tensorflow', 'keras')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


# --- leaky.quiet ---------------------------------------------------------------------------

def test_native_stderr_is_silenced_and_restored(capfd):
    os.write(2, b"before\n")
    with native_stderr_silenced():
        os.write(2, b"hidden\n")
    os.write(2, b"after\n")
    err = capfd.readouterr().err
    assert "before" in err and "after" in err and "hidden" not in err


def test_native_stderr_is_restored_after_an_exception(capfd):
    with pytest.raises(RuntimeError), native_stderr_silenced():
        raise RuntimeError("boom")
    os.write(2, b"visible\n")
    assert "visible" in capfd.readouterr().err


# --- leaky.plots_frameworks (lesson 14's explorer) -------------------------------------------

DEFAULTS = {"torch.nn.LeakyReLU()": 0.01, "torch.nn.functional.leaky_relu": 0.01,
            "tf.nn.leaky_relu": 0.2, "keras.layers.LeakyReLU()": 0.3,
            "keras.activations.leaky_relu": 0.2, "leaky.leaky_relu (this course)": 0.01}


def test_default_groups_group_apis_by_slope_in_order():
    groups = default_groups(DEFAULTS)
    assert list(groups) == [0.01, 0.2, 0.3]
    assert groups[0.2] == ["tf.nn.leaky_relu", "keras.activations.leaky_relu"]
    with pytest.raises(TypeError, match="^defaults must be a non-empty dict"):
        default_groups({})
    with pytest.raises(ValueError, match="the default of x must be a finite number >= 0"):
        default_groups({"x": -0.1})


def test_port_network_is_seeded_and_only_the_slope_changes_its_output():
    a, b = PortNetwork(rng=3), PortNetwork(rng=3)
    np.testing.assert_array_equal(a.output(0.2), b.output(0.2))
    assert a.output(0.2).shape == (256, 8)
    assert not np.array_equal(a.output(0.2), PortNetwork(rng=4).output(0.2))
    assert a.change(0.2, 0.2) == 0.0
    with pytest.raises(ValueError, match="^alpha must be"):
        a.output(-1.0)


def test_port_changes_are_zero_at_the_own_default_and_grow_with_the_distance():
    net = PortNetwork(rng=0)
    changes = port_changes(0.01, DEFAULTS, net)
    assert list(changes) == [0.01, 0.2, 0.3]
    assert changes[0.01] == 0.0 and 0 < changes[0.2] < changes[0.3]
    assert port_changes(0.3, DEFAULTS, net)[0.3] == 0.0
    assert changes[0.3] == pytest.approx(net.change(0.01, 0.3))


def test_port_change_table_is_port_changes_for_each_alpha():
    net = PortNetwork(rng=1)
    table = port_change_table([0.0, 0.01, 0.25], DEFAULTS, net)
    assert table.shape == (3, 3)
    for row, alpha in zip(table, [0.0, 0.01, 0.25], strict=True):
        np.testing.assert_allclose(row, list(port_changes(alpha, DEFAULTS, net).values()),
                                   rtol=1e-12)


def test_one_layer_change_matches_the_formula():
    """One layer, many inputs: |d - a| * rms(x<0 part) / rms(f_a) -> |d - a| / sqrt(1 + a^2)
    for standard normal pre-activations (up to sampling noise and the random head)."""
    net = PortNetwork(depth=1, width=2000, inputs=1, samples=2000, outputs=1, rng=0)
    net.weights = [np.ones((1, 1))]
    net.head = np.ones((1, 1))
    net.x = np.random.default_rng(0).normal(size=(200_000, 1))
    assert net.change(0.0, 0.3) == pytest.approx(0.3, rel=0.02)


def test_plot_defaults_and_port_draws_and_updates():
    from leaky.plotting import new_figure

    fig = new_figure(2)
    update = plot_defaults_and_port(fig, 0.01, defaults=DEFAULTS, network=PortNetwork())
    artists = update(0.2)
    texts = [a.get_text() for a in artists if hasattr(a, "get_text")]
    assert "your alpha = 0.20" in texts and "0%" in texts
    ax, ax_bar = fig.axes
    labels = [t.get_text() for t in ax_bar.get_xticklabels()]
    assert labels == ["0.01: torch,\nleaky", "0.2: tf.nn,\nkeras.activations",
                      "0.3: keras.layers"]
    assert ax.get_legend() is not None
    assert min(t.get_fontsize() for t in ax.get_legend().get_texts()) >= 9
    # the slider's line is dashed: a default with the same slope stays visible under it
    red = [line for line in ax.get_lines() if line.get_color() == "C3"]
    assert len(red) == 1 and red[0].get_linestyle() == "--"


def test_lesson_14_port_claims_hold_with_a_margin_of_3_seed_sds():
    """Lesson 14 asserts: a model built with 0.01 changes by more than 15% when run with
    0.3, by more than 10% with 0.2. Over the network seeds 0-9 both thresholds sit more
    than 3 standard deviations below the mean."""
    changes = np.array([[port_changes(0.01, DEFAULTS, PortNetwork(rng=seed))[slope]
                         for slope in (0.2, 0.3)] for seed in range(10)])
    for column, threshold in ((0, 0.10), (1, 0.15)):
        values = changes[:, column]
        assert values.min() > threshold
        assert values.mean() - 3 * values.std(ddof=1) > threshold, values


# --- leaky.plots_rrelu (lesson 15's explorer) -----------------------------------------------

def test_rrelu_picture():
    samples = np.linspace(0.125, 1 / 3, 1001)
    assert rrelu_picture(0.0, samples, 0.125, 1 / 3) == {"share_below": 0.0, "in_range": False}
    mid = rrelu_picture(0.2292, samples, 0.125, 1 / 3)
    assert mid["in_range"] and mid["share_below"] == pytest.approx(0.5, abs=0.01)
    assert rrelu_picture(0.9, samples, 0.125, 1 / 3)["share_below"] == 1.0
    with pytest.raises(ValueError, match="^samples must be a non-empty sorted"):
        rrelu_picture(0.2, samples[::-1], 0.125, 1 / 3)


def test_plot_rrelu_band_uses_the_height_and_keeps_legends_readable():
    from leaky.plotting import new_figure

    samples = np.sort(np.random.default_rng(0).uniform(0.125, 1 / 3, 10_000))
    fig = new_figure(2)
    update = plot_rrelu_band(fig, 0.25, samples=samples, lower=0.125, upper=1 / 3)
    update(0.68)
    ax, ax_hist = fig.axes
    low, high = ax.get_ylim()
    assert low >= -1.2 and high <= 1.1  # the band reaches -1 at x = -3: no wasted height
    for axes in (ax, ax_hist):
        assert min(t.get_fontsize() for t in axes.get_legend().get_texts()) >= 9


# --- 14.1: each API without a slope, predicted ----------------------------------------------

def assert_short(out):
    assert len(out) <= 240, f"{len(out)} characters: {out}"


def test_14_1_correct(verdict, keras):
    for answer in ([-0.02, -0.4, -0.6, -0.4], (-0.02, -0.4, -0.6, -0.4),
                   np.array([-0.02, -0.4, -0.6, -0.4], dtype=np.float32)):
        out = verdict("14.1", answer)
        assert out.startswith("[correct] 14.1"), out


def test_14_1_expected_values_come_from_the_frameworks(keras):
    assert l14.outputs_without_slope() == pytest.approx([-0.02, -0.4, -0.6, -0.4], rel=1e-6)


def test_14_1_stub_is_not_attempted(verdict):
    assert verdict("14.1", ...).startswith("[not attempted yet] 14.1")


@pytest.mark.parametrize("answer,expected", [
    ([-0.02] * 4, "PyTorch's -0.02 for all four"),
    ([0.02, 0.4, 0.6, 0.4], "wrong sign"),
    ([-0.01, -0.2, -0.3, -0.2], "output at x = -1"),
    ([0.01, 0.2, 0.3, 0.2], "the slope itself"),
    ([0, 0, 0, 0], "ReLU's output"),
    ([-2, -0.4, -0.6, -0.4], "-2 is x itself (slope 1)"),
    ([-0.02, -0.4, -0.4, -0.4], "3 of 4 right. keras.layers.LeakyReLU(): -0.4 uses tf.nn's"),
    ([-0.02, -0.4, -0.6, -0.6], "keras.activations.leaky_relu: -0.6 uses the Keras layer's"),
    ([-0.02, -0.6, -0.6, -0.4], "tf.nn.leaky_relu: -0.6 uses the Keras layer's default 0.3"),
    ([-0.02, -0.4, -0.6, -7.0], "-7 is not it"),
    ([-0.02, -0.4, -0.6], "expected a list of four numbers"),
    (None, "expected a list of four numbers, one per API in the order listed, got None"),
    (-0.02, "expected a list of four numbers"),
    (lambda: [-0.02, -0.4, -0.6, -0.4], "got <function"),
    ([-0.02, "-0.4", -0.6, -0.4], "tf.nn.leaky_relu: expected a number, got '-0.4'"),
    (list(range(400)), "got a list of 400 items"),
])
def test_14_1_wrong_answers_get_specific_short_feedback(verdict, keras, answer, expected):
    out = verdict("14.1", answer)
    assert_not_yet(out, "14.1", expected)
    assert "hint('14.1')" in out
    assert_short(out)


# --- 14.2: a Keras He initialiser for Leaky ReLU ----------------------------------------------

def leaky_he_normal_right(alpha):
    import keras

    from leaky import he_gain

    return keras.initializers.VarianceScaling(scale=he_gain(alpha) ** 2, mode="fan_in",
                                              distribution="truncated_normal")


def custom_initializer(factor=1.0, fan_in_power=0.5):
    """A plain function initialiser: normal with std factor * gain / fan_in**power."""
    def make(alpha):
        from leaky import he_gain

        def init(shape, dtype=None):
            std = factor * he_gain(alpha) / shape[0] ** fan_in_power
            return np.random.default_rng(1).normal(scale=std, size=shape).astype("float32")
        return init
    return make


def test_14_2_correct(verdict, keras):
    from leaky import he_gain

    for answer in (leaky_he_normal_right,
                   lambda a: keras.initializers.VarianceScaling(he_gain(a) ** 2, "fan_in",
                                                                "uniform"),
                   lambda a: keras.initializers.VarianceScaling(he_gain(a) ** 2, "fan_in",
                                                                "untruncated_normal"),
                   custom_initializer()):
        out = verdict("14.2", answer)
        assert out.startswith("[correct] 14.2"), out


def test_14_2_stub_is_not_attempted(verdict):
    def leaky_he_normal(alpha):
        ...

    assert verdict("14.2", leaky_he_normal).startswith("[not attempted yet] 14.2")


def no_return(alpha):
    leaky_he_normal_right(alpha)


def raises_when_called(alpha):
    def init(shape, dtype=None):
        raise RuntimeError("boom")
    return init


@pytest.mark.parametrize("make,expected", [
    (lambda k, g: lambda a: k.initializers.HeNormal(), "scale 2 is HeNormal's, ReLU's"),
    (lambda k, g: lambda a: k.initializers.VarianceScaling(scale=g(a)),
     "the gain squared, not the gain"),
    (lambda k, g: lambda a: k.initializers.VarianceScaling(scale=2 / (1 + a)),
     "not 1 + alpha"),
    (lambda k, g: lambda a: k.initializers.VarianceScaling(scale=1 / (1 + a**2)),
     "the 2 is missing"),
    (lambda k, g: lambda a: k.initializers.VarianceScaling(scale=1 / g(a) ** 2),
     "1 / gain**2"),
    (lambda k, g: lambda a: k.initializers.VarianceScaling(g(a) ** 2, mode="fan_out"),
     "mode = 'fan_out'"),
    (lambda k, g: lambda a: k.initializers.VarianceScaling(g(a) ** 2, mode="fan_avg"),
     "mode = 'fan_avg'"),
    (lambda k, g: lambda a: k.initializers.VarianceScaling(scale=2.5),
     "your std is 1.2"),
    (lambda k, g: lambda a: k.initializers.VarianceScaling(scale=1.76),
     "your std is 1.0"),
    (lambda k, g: lambda a: k.initializers.RandomNormal(stddev=0.05),
     "must shrink as 1 / sqrt(fan_in)"),
    (lambda k, g: lambda a: k.initializers.VarianceScaling, "returned the class VarianceScaling"),
    (lambda k, g: lambda a: g(a) ** 2, "expected a Keras initialiser"),
    (lambda k, g: no_return, "did you forget `return`"),
    (lambda k, g: lambda a: 1 / 0, "raised ZeroDivisionError"),
    (lambda k, g: raises_when_called, "raised RuntimeError: boom"),
    (lambda k, g: custom_initializer(factor=np.sqrt(1.25) / 1.0), "ReLU's, sqrt(2 / fan_in)"),
    (lambda k, g: custom_initializer(factor=1.2), "your std is 1.2"),
    (lambda k, g: lambda a: (lambda shape, dtype=None: "weights"), "not an array of weights"),
    (lambda k, g: lambda a: (lambda shape, dtype=None: np.ones(2)),
     "your initialiser returned shape (2,)"),
])
def test_14_2_wrong_answers_get_specific_short_feedback(verdict, keras, make, expected):
    from leaky import he_gain

    out = verdict("14.2", make(keras, he_gain))
    assert_not_yet(out, "14.2", expected)
    assert_short(out)


# --- 15: the recap ---------------------------------------------------------------------------

RECAP = {
    "15.1": (0.01, {1.0: "JAX's", 0.0: "ReLU's gradient", 0.505: "average"}),
    "15.2": (0.3, {0.01: "PyTorch's default", 0.2: "tf.nn.leaky_relu"}),
    "15.3": (2.0, {3.0: "max(alpha * x, x)", 1.5: "negative inputs only"}),
    "15.4": (1.414, {2.0: "gain**2", 1.0: "alpha = 1", 0.7071: "1 / gain"}),
    "15.5": (0.2, {0.22917: "default RReLU()'s", 1 / 5.5: "Xu et al.", 0.1: "lower end",
                   0.3: "upper end", 0.25: "PReLU"}),
    "15.6": (0.0, {0.25: "PyTorch's (and He et al.'s) start", 0.3: "keras.layers.LeakyReLU",
                   0.01: "LeakyReLU default"}),
}


@pytest.mark.parametrize("exercise_id", sorted(RECAP))
def test_15_recap_right_wrong_stub_and_junk(verdict, exercise_id):
    right, wrong = RECAP[exercise_id]
    assert verdict(exercise_id, right).startswith(f"[correct] {exercise_id}")
    assert verdict(exercise_id, np.float32(right)).startswith(f"[correct] {exercise_id}")
    for value, expected in wrong.items():
        out = verdict(exercise_id, value)
        assert_not_yet(out, exercise_id, expected)
        assert_short(out)
    assert verdict(exercise_id, ...).startswith(f"[not attempted yet] {exercise_id}")
    assert_not_yet(verdict(exercise_id, "0.3"), exercise_id, "expected one number, got '0.3'")
    assert_not_yet(verdict(exercise_id, None), exercise_id, "expected one number, got None")
    assert_not_yet(verdict(exercise_id, list(range(300))), exercise_id,
                   "expected one number, got a list of 300 items")
    assert_not_yet(verdict(exercise_id, lambda: right), exercise_id,
                   "expected one number, got <function")
    assert_not_yet(verdict(exercise_id, float("nan")), exercise_id, "finite number")
    assert_not_yet(verdict(exercise_id, 7.5), exercise_id, "is not it")


def test_15_recap_accepts_a_tensor_and_names_rounding(verdict):
    assert verdict("15.5", torch.tensor(0.2)).startswith("[correct] 15.5")
    assert verdict("15.4", torch.tensor(1.41421)).startswith("[correct] 15.4")
    assert_not_yet(verdict("15.4", 1.41), "15.4", "off by 0.3%; give at least three correct")
    # three decimals, but wrong: the message must not ask for three decimals only
    assert_not_yet(verdict("15.5", 0.199), "15.5", "off by 0.5%")


def test_15_recap_names_a_wrong_sign(verdict):
    assert_not_yet(verdict("15.1", -0.01), "15.1", "-0.01 has the wrong sign")
    assert_not_yet(verdict("15.3", -2.0), "15.3", "-2 has the wrong sign")


def test_15_keras_constants_match_keras(keras):
    from leaky.exercise_checks import l15

    assert keras.layers.LeakyReLU().negative_slope == l15.KERAS_LEAKY_RELU_DEFAULT
    layer = keras.layers.PReLU()
    layer.build((None, 3))
    np.testing.assert_array_equal(layer.alpha.numpy(), l15.KERAS_PRELU_START)
