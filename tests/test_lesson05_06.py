"""Lessons 05 and 06: leaky.dying, the lessons' figures (plots_dying, plots_gradients),
leaky.slide_code, code read from the lessons themselves (05's training loop, 06's slide code
and BrokenLayer), and the exercise checks 05.1-05.3, 06.1, 06.2."""

import ast
from pathlib import Path

import numpy as np
import pytest

import leaky
from leaky.dying import count_dead_units, dead_fraction, dead_unit_mask
from leaky.exercises import results
from leaky.plots_dying import (
    dead_units_view,
    nearest,
    paired_signs,
    plot_dead_units,
    plot_epochs_saved,
    plot_loss_panels,
    swarm_offsets,
)
from leaky.plots_gradients import gradient_histogram, plot_gradient_histogram, spike_ratio
from leaky.plotting import new_figure
from leaky.slide_code import run_code, syntax_error_line

LESSONS = Path(__file__).resolve().parents[1] / "lessons_src"
LESSON_05 = LESSONS / "05_advantages_measured.py"
LESSON_06 = LESSONS / "06_layer_with_leaky_relu.py"


def from_lesson(path, names, namespace):
    """Run the lesson's top-level definitions (functions, classes, assignments) called
    ``names`` in ``namespace``, in the lesson's order, and return the namespace: the tests
    check the lesson's own code, not a copy of it."""
    tree = ast.parse(path.read_text())
    found = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            name = node.name
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
        else:
            continue
        if name in names:
            exec(compile(ast.Module([node], []), str(path), "exec"), namespace)
            found.add(name)
    assert found == set(names), f"not found in {path.name}: {set(names) - found}"
    return namespace

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


@pytest.mark.parametrize("bad", [np.zeros(3), np.zeros((0, 3)), np.zeros((2, 3, 0)), "z"])
def test_dying_rejects_bad_input_with_a_clear_message(bad):
    with pytest.raises((ValueError, TypeError), match="z must be"):
        count_dead_units(bad)


def test_dead_units_of_a_stack_of_networks():
    """Lesson 05 passes z of shape (alphas, seeds, examples, units): one answer per network."""
    rng = np.random.default_rng(1)
    stack = rng.normal(size=(3, 4, 10, 6)) - 1.0
    mask = dead_unit_mask(stack)
    assert mask.shape == (3, 4, 6)
    for i in range(3):
        for j in range(4):
            np.testing.assert_array_equal(mask[i, j], dead_unit_mask(stack[i, j]))
            assert count_dead_units(stack)[i, j] == count_dead_units(stack[i, j])
            assert dead_fraction(stack)[i, j] == pytest.approx(dead_fraction(stack[i, j]))
    assert isinstance(count_dead_units(stack[0, 0]), int)
    assert isinstance(dead_fraction(stack[0, 0]), float)


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
    (lambda z: str(int(np.sum(np.all(z <= 0, axis=0)))), "return a number"),
    (lambda z: float(np.sum(np.all(z <= 0, axis=0))), "as floats"),
    (lambda z: np.float64(np.sum(np.all(z <= 0, axis=0))), "as floats"),
    (lambda z: bool(np.all(z <= 0, axis=0).any()), "not True/False"),
    (lambda z: z.shape[1] - np.sum(np.all(z <= 0, axis=0)), "counted the units that are alive"),
    (lambda z: np.sum(np.all(z > 0, axis=0)), "active (z > 0)"),
    (lambda z: np.sum(np.all(z >= 0, axis=0)), "the sign is flipped"),
    (lambda z: np.sum(np.mean(z, axis=0) <= 0), "mean (or sum)"),
    (lambda z: np.sum(np.sum(z, axis=0) <= 0), "mean (or sum)"),
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


# --- 05.2 and 05.3: predict, then run ----------------------------------------------------

@pytest.mark.parametrize("exercise_id,right,wrong", [
    ("05.2", "c", {"a": "the inputs' range matters", "b": "rarer, not more common"}),
    ("05.3", "b", {"a": "depends on h1", "c": "0 times any learning rate"}),
])
def test_05_predictions(verdict, exercise_id, right, wrong):
    for answer in (right, right.upper(), f"({right})", f" {right} "):
        assert verdict(exercise_id, answer).startswith(f"[correct] {exercise_id}"), answer
    for answer, expected in wrong.items():
        out = verdict(exercise_id, answer)
        assert out.startswith(f"[not yet] {exercise_id}") and expected in out, out
    for answer, expected in [(None, "one letter in quotes"), (3, "one letter in quotes"),
                             (["c"], "one letter in quotes"), ("d", "one of the letters"),
                             ("", "one of the letters")]:
        out = verdict(exercise_id, answer)
        assert out.startswith(f"[not yet] {exercise_id}") and expected in out, out
    assert verdict(exercise_id, ...).startswith(f"[not attempted yet] {exercise_id}")


def test_05_2_the_prediction_is_what_the_lesson_measures():
    """Inputs in [0, 1]: some units dead at the start; centred inputs: none (05.2's answer)."""
    ns = from_lesson(LESSON_05, ["make_task"], {"np": np})
    X, _ = ns["make_task"]()
    for centred, low, high in [(False, 0.03, 0.2), (True, 0.0, 0.0)]:
        inputs = X - 0.5 if centred else X
        fractions = [dead_unit_mask(inputs @ np.random.default_rng(s).normal(size=(8, 32))).mean()
                     for s in range(20)]
        assert low <= np.mean(fractions) <= high, (centred, np.mean(fractions))


# --- lesson 05's training loop, read from the lesson ------------------------------------------

def lesson05_train():
    ns = from_lesson(LESSON_05, ["make_task", "train"],
                     {"np": np, "leaky": leaky, "dead_unit_mask": dead_unit_mask})
    ns["X"], ns["y"] = ns["make_task"]()
    return ns


def test_05_train_is_one_network_per_alpha_and_seed():
    """The vectorised loop gives the same losses as training each network alone with the
    package's layer (He init, the same minibatch order), and pairs runs by seed."""
    ns = lesson05_train()
    X, y = ns["X"], ns["y"]
    alphas, seeds, lr, epochs = [0.0, 0.1], [3, 7], 0.1, 3
    dead, losses = ns["train"](alphas, seeds, lr, epochs=epochs)
    assert dead.shape == (2, 2, epochs + 1, 32) and losses.shape == (2, 2, epochs + 1)
    for a, alpha in enumerate(alphas):
        for k, seed in enumerate(seeds):
            g = np.random.default_rng(seed)
            n, d = X.shape
            W1 = leaky.he_gain(alpha) * g.normal(size=(d, 32)) / np.sqrt(d)
            W2 = g.normal(size=(32, 1)) / np.sqrt(32)
            b1, b2 = np.zeros(32), np.zeros(1)
            alone = []
            for epoch in range(epochs + 1):
                z = X @ W1 + b1
                np.testing.assert_array_equal(dead[a, k, epoch], dead_unit_mask(z))
                alone.append(np.mean((leaky.leaky_relu(z, alpha) @ W2 + b2 - y) ** 2))
                if epoch == epochs:
                    break
                order = g.permutation(n)
                for start in range(0, n, 32):
                    i = order[start:start + 32]
                    layer = leaky.LeakyReLULayer(d, 32, alpha=alpha, rng=0)
                    layer.weights, layer.bias = W1, b1[None, :]
                    h = layer.forward(X[i])
                    grad_out = 2 * (h @ W2 + b2 - y[i]) / len(i)
                    _, grad_w1, grad_b1 = layer.backward(grad_out @ W2.T)
                    W2, b2 = W2 - lr * h.T @ grad_out, b2 - lr * grad_out.sum(axis=0)
                    W1, b1 = W1 - lr * grad_w1, b1 - lr * grad_b1[0]
            np.testing.assert_allclose(losses[a, k], alone, rtol=1e-10)
    # Paired: the same seed starts with the same dead units whatever alpha.
    np.testing.assert_array_equal(dead[0, :, 0], dead[1, :, 0])


def test_05_relu_units_never_come_back_in_the_lessons_loop():
    ns = lesson05_train()
    with np.errstate(over="ignore", invalid="ignore"):
        dead, losses = ns["train"]([0.0], range(4), 0.3, epochs=5)
    assert np.isfinite(losses).all()
    ever = np.logical_or.accumulate(dead[0], axis=1)   # dead at some epoch so far
    np.testing.assert_array_equal(ever, dead[0])       # once dead, dead for good


# --- lesson 05's figures -------------------------------------------------------------------

def test_paired_signs_counts_each_seed_once():
    relu = np.array([0.2, 0.3, 0.1, 0.5, 0.4])
    other = np.array([0.1, 0.3, 0.2, np.nan, 0.4 + 1e-12])
    assert paired_signs(relu, other) == {"lower": 1, "same": 2, "higher": 1, "diverged": 1}
    assert paired_signs(relu, relu) == {"lower": 0, "same": 5, "higher": 0, "diverged": 0}
    with pytest.raises(ValueError, match="same length"):
        paired_signs(relu, other[:3])


def test_nearest_grid_value():
    grid = [0.0, 0.01, 0.1, 0.3]
    assert [nearest(grid, v) for v in (0.0, 0.004, 0.006, 0.06, 0.29, 1.0)] == [0, 0, 1, 2, 3, 3]


def fake_dead():
    """(lrs, alphas, seeds, epochs + 1): ReLU 50% dead, alpha 0.1 25%, 0.3 one diverged run."""
    dead = np.zeros((2, 3, 4, 6))
    dead[:, 0] = 0.5
    dead[:, 1] = 0.25
    dead[:, 2] = 0.5
    dead[1, 2, 0, 3:] = np.nan
    return dead


def test_dead_units_view_picks_the_nearest_trained_alpha_and_pairs_by_seed():
    view = dead_units_view(fake_dead(), [0.0, 0.1, 0.3], [0.1, 0.3], alpha=0.12, lr=0.29)
    assert view["alpha"] == 0.1 and view["lr"] == 0.3
    np.testing.assert_array_equal(view["relu"], [50] * 4)
    np.testing.assert_array_equal(view["other"], [25] * 4)
    assert view["signs"] == {"lower": 4, "same": 0, "higher": 0, "diverged": 0}
    view = dead_units_view(fake_dead(), [0.0, 0.1, 0.3], [0.1, 0.3], alpha=0.3, lr=0.3)
    assert view["signs"] == {"lower": 0, "same": 3, "higher": 0, "diverged": 1}
    assert view["curves"].shape == (4, 6)


def test_plot_dead_units_updates_without_redrawing_everything():
    fig = new_figure(2)
    update = plot_dead_units(fig, 0.1, 0.3, dead=fake_dead(), alphas=[0.0, 0.1, 0.3],
                             lrs=[0.1, 0.3])
    artists = update(0.3, lr=0.3)
    dots, crosses = artists[:2]
    assert len(dots.get_xdata()) == 3 and len(crosses.get_xdata()) == 1
    assert "1 diverged" in artists[-1].get_text() and "0 same" not in artists[-1].get_text()
    assert "slider alpha 0.30, trained 0.3" in artists[-2].get_text()
    lengths = sorted(len(segment) for segment in artists[2].get_segments())
    assert lengths == [3, 6, 6, 6]  # the diverged run's curve stops where it diverged
    # ReLU's curves are drawn after the alpha's (on top), and stay ReLU's.
    assert artists.index(artists[3]) > artists.index(artists[2])
    assert [len(segment) for segment in artists[3].get_segments()] == [6, 6, 6, 6]


def test_text_stamp_pastes_the_same_pixels_as_text():
    """The stamp draws what matplotlib's text would, rasterised once per string."""
    from leaky.plots_dying import TextStamp, _text_pixels

    fig = new_figure(1)
    ax = fig.axes[0]
    stamp = TextStamp((0.1, 0.9), fontsize=9)
    ax.add_artist(stamp)
    stamp.set_text("4 fewer dead,\n13 same")
    assert stamp.get_text() == "4 fewer dead,\n13 same"
    fig.canvas.draw()
    image = np.asarray(fig.canvas.buffer_rgba())
    dark = np.argwhere(image[..., :3].min(axis=-1) < 100)   # the text's pixels (no axes frame)
    x0, y_top = ax.transAxes.transform((0.1, 0.9))
    height = fig.canvas.get_width_height(physical=True)[1]
    inside = dark[(dark[:, 1] > x0 + 1) & (dark[:, 1] < x0 + 200)
                  & (dark[:, 0] > height - y_top) & (dark[:, 0] < height - y_top + 60)]
    assert len(inside) > 50                                  # drawn below and right of xy
    hits = _text_pixels.cache_info().hits
    stamp.prerender(["4 fewer dead,\n13 same"], fig.dpi)
    assert _text_pixels.cache_info().hits == hits + 1       # rasterised only once
    stamp.set_text("")
    fig.canvas.draw()                                        # an empty label draws nothing


def test_swarm_offsets_spread_equal_values():
    offsets = swarm_offsets([0, 0, 0, 1, 2, 2], spacing=0.1)
    np.testing.assert_allclose(offsets, [-0.1, 0.0, 0.1, 0.0, -0.05, 0.05])
    assert swarm_offsets([]).shape == (0,)


def test_loss_and_epochs_figures_have_one_panel_per_alpha():
    import matplotlib.pyplot as plt

    losses = np.exp(-np.linspace(0, 3, 11))[None, None, :] * np.ones((4, 5, 1))
    fig = plot_loss_panels(losses, [0.0, 0.01, 0.1, 0.3], threshold=0.1)
    assert len(fig.axes) == 3
    assert all(text.get_fontsize() >= 9 for ax in fig.axes for text in ax.get_legend().texts)
    # Every panel shows ReLU's mean (dashed, on top) and the alpha's mean.
    for ax in fig.axes:
        assert any(line.get_linestyle() == "--" for line in ax.get_lines())
    fig2 = plot_epochs_saved(np.array([[0, 1, 0], [1, 2, 0], [3, 2, 2]]), [0.01, 0.1, 0.3])
    assert len(fig2.axes) == 1
    plt.close("all")


# --- lesson 06's histogram -----------------------------------------------------------------

def test_spike_ratio():
    assert spike_ratio([10, 10, 10, 10, 10, 10]) == 1.0
    assert spike_ratio([10, 10, 30, 10, 10, 10]) == pytest.approx(2.0)
    assert spike_ratio([0, 0, 5, 5, 0, 0]) == float("inf")
    for bad in ([1, 2, 3], [1, 2, 3, 4, 5], [[1, 2], [3, 4]]):
        with pytest.raises(ValueError, match="even number"):
            spike_ratio(bad)


def test_gradient_histogram_counts_exact_zeros():
    values = np.r_[np.zeros(10), np.linspace(-0.9, 0.9, 10)]
    view = gradient_histogram(values, np.linspace(-1, 1, 5))
    assert view["zero_fraction"] == 0.5
    assert view["counts"].sum() == 20 and view["counts"][2] == 12  # zeros, 0.1, 0.3


def test_plot_gradient_histogram_follows_alpha():
    fig = new_figure(1)
    update = plot_gradient_histogram(fig, 0.0, gradients_at=lambda a: np.full(100, a - 0.5),
                                     bins=np.linspace(-1, 1, 9))
    stairs, relu, label = update(0.25)
    assert stairs.get_data().values[3] == 100 and "alpha = 0.25" in label.get_text()
    assert relu.get_data().values[2] == 100  # ReLU's (alpha 0) stays, redrawn on top
    assert relu.get_linestyle() == "--"


# --- leaky.slide_code and lesson 06's slide -------------------------------------------------

def slide6():
    return from_lesson(LESSON_06, ["SLIDE_CODE"], {})["SLIDE_CODE"]


def test_the_slides_code_does_not_parse_and_its_fix_runs(capsys):
    code = slide6()
    assert syntax_error_line(code, "slide6.py") == (
        "SyntaxError: invalid syntax, line 17: grad_z = grad_output.()")
    fixed = code.replace("grad_output.()", "grad_output.copy()")
    assert syntax_error_line(fixed) is None
    namespace = run_code(fixed, "slide6_fixed.py")
    assert "Layer output:" in capsys.readouterr().out
    assert namespace["output"].shape == (1, 2) and "LeakyReLULayer" in namespace


def test_run_code_is_a_fresh_script():
    namespace = run_code("x = 2\nname = __name__")
    assert namespace["x"] == 2 and namespace["name"] == "__main__"
    with pytest.raises(SyntaxError):
        run_code("def f(:\n    pass")
    with pytest.raises(TypeError, match="source must be"):
        syntax_error_line(b"x = 1")
# --- 06.1 dL/dalpha of a PReLU layer --------------------------------------------------------

def good_grad_alpha(z, grad_output):
    return float(np.sum(grad_output * np.where(z > 0, 0.0, z)))


def test_06_1_correct_and_stub(verdict):
    assert verdict("06.1", good_grad_alpha).startswith("[correct] 06.1")
    assert verdict("06.1", lambda z, g: np.sum(g * np.minimum(z, 0))).startswith(
        "[correct] 06.1")
    assert verdict("06.1", lambda z, g: np.array([[np.sum(g * np.minimum(z, 0))]])).startswith(
        "[correct] 06.1")  # a 1x1 array is one number

    def grad_alpha(z, grad_output):
        ...

    assert verdict("06.1", grad_alpha).startswith("[not attempted yet] 06.1")


def test_06_1_agrees_with_finite_differences():
    rng = np.random.default_rng(2)
    z, g = rng.normal(size=(6, 4)), rng.normal(size=(6, 4))
    numeric = leaky.gradient_check(lambda a: np.sum(g * leaky.leaky_relu(z, float(a[0]))),
                                   np.array([0.1]))
    assert good_grad_alpha(z, g) == pytest.approx(numeric[0], rel=1e-6)


def mutating(z, grad_output):
    grad_output[z > 0] = 0.0
    return float(np.sum(grad_output * z))


@pytest.mark.parametrize("answer,expected", [
    (lambda z, g: np.sum(g * z), "does not depend on alpha"),
    (lambda z, g: np.sum(g * np.maximum(z, 0)), "that is the positive side"),
    (lambda z, g: np.sum(g * (z <= 0)), "1 would be for a bias"),
    (lambda z, g: np.sum(g * (z < 0)), "where z < 0"),
    (lambda z, g: np.mean(g * np.minimum(z, 0)), "that is the mean"),
    (lambda z, g: -np.sum(g * np.minimum(z, 0)), "the sign is flipped"),
    (lambda z, g: np.sum(g * leaky.leaky_relu(z)), "by the layer's output"),
    (lambda z, g: np.sum(g * z ** 2), "expected dL/dalpha"),
    (lambda z, g: np.sum(g * np.where(z > 0, 1.0, z)), "not 1"),
    (lambda z, g: np.sum(np.minimum(z, 0)), "left out grad_output"),
    (lambda z, g: np.sum(g * leaky.relu_grad(z)), "the gradient through z"),
    (lambda z, g: np.sum(g * leaky.leaky_relu_grad(z)), "the gradient through z"),
    (lambda z, g: np.sum(g * np.minimum(z, 0)) / z.shape[0], "divided by the batch size"),
    (lambda z, g: np.float32(np.sum(g * np.minimum(z, 0))), "float32"),
    (lambda z, g: g * np.minimum(z, 0), "one value per entry"),
    (lambda z, g: np.sum(g * np.minimum(z, 0), axis=0), "one value per unit"),
    (lambda z, g: np.sum(g * np.minimum(z, 0), axis=0, keepdims=True), "one value per unit"),
    (lambda z, g: np.sum(g * np.minimum(z, 0), axis=1), "one value per example"),
    (lambda z, g: [1.0, 2.0], "return one number"),
    (lambda z, g: "0.5", "return a number"),
    (lambda z, g: None, "returns None"),
    (lambda z, g: z.undefined, "raised AttributeError"),
    (mutating, "changed its argument grad_output in place"),
])
def test_06_1_wrong_answers_get_specific_feedback(verdict, answer, expected):
    out = verdict("06.1", answer)
    assert out.startswith("[not yet] 06.1"), out
    assert expected in out, out
    assert "hint('06.1')" in out


def test_06_1_the_lessons_solution_passes(verdict):
    ns = from_lesson(LESSON_06, ["grad_alpha"], {"np": np})
    assert verdict("06.1", ns["grad_alpha"]).startswith("[correct] 06.1")


# --- 06.2 find the bug -----------------------------------------------------------------------

def test_06_2_correct_and_stub(verdict):
    assert verdict("06.2", 5).startswith("[correct] 06.2")
    assert verdict("06.2", np.int64(5)).startswith("[correct] 06.2")
    assert verdict("06.2", ...).startswith("[not attempted yet] 06.2")


@pytest.mark.parametrize("answer,expected", [
    (2, "line 2 is right"), (3, "line 3 is right"), (4, "line 4 is right"),
    (1, "signature"), (6, "only returns"), (7, "numbered 1 to 6"),
    ("5", "line number"), (True, "line number"), (5.0, "line number"), (None, "line number"),
])
def test_06_2_wrong_answers(verdict, answer, expected):
    out = verdict("06.2", answer)
    assert out.startswith("[not yet] 06.2"), out
    assert expected in out, out


def test_06_2_the_bug_is_where_the_gradient_check_says():
    """Lesson 06's own BrokenLayer: only grad_inputs disagrees with finite differences, and
    the line the checker accepts (5) is the one computing it."""
    BrokenLayer = from_lesson(LESSON_06, ["BrokenLayer"],
                              {"np": np, "leaky": leaky})["BrokenLayer"]
    rng = np.random.default_rng(3)
    layer = BrokenLayer(4, 3, alpha=0.1, rng=rng)
    x, g = rng.normal(size=(5, 4)), rng.normal(size=(5, 3))
    layer.forward(x)
    grad_in, grad_w, grad_b = layer.backward(g)

    def loss_of(inputs=None, weights=None, bias=None):
        probe = leaky.LeakyReLULayer(4, 3, alpha=0.1, rng=0)
        probe.weights = layer.weights if weights is None else weights
        probe.bias = layer.bias if bias is None else bias
        return float(np.sum(g * probe.forward(x if inputs is None else inputs)))

    assert leaky.gradient_check(lambda w: loss_of(weights=w), layer.weights, grad_w) < 1e-6
    assert leaky.gradient_check(lambda b: loss_of(bias=b), layer.bias, grad_b) < 1e-6
    assert leaky.gradient_check(lambda v: loss_of(inputs=v), x, grad_in) > 1e-2
    source = ast.get_source_segment(LESSON_06.read_text(), next(
        node for node in ast.parse(LESSON_06.read_text()).body
        if isinstance(node, ast.ClassDef) and node.name == "BrokenLayer"))
    line_5 = next(line for line in source.splitlines() if line.rstrip().endswith("# line 5"))
    assert "grad_inputs = grad_output @" in line_5
