"""Lessons 09 and 10: their models build, train a step and agree across frameworks; the
checks 09.1-09.3 and 10.1-10.3 on correct answers, stubs and each named mistake."""

import ast
from pathlib import Path

import numpy as np
import pytest

import leaky.dying
from leaky.exercises import results

LESSONS = Path(__file__).resolve().parents[1] / "lessons_src"


def lesson_function(filename, name, namespace):
    """Execute the function `name` defined in a lesson source, in `namespace`; return it."""
    tree = ast.parse((LESSONS / filename).read_text())
    (node,) = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name]
    exec(compile(ast.Module([node], type_ignores=[]), filename, "exec"), namespace)
    return namespace[name]


def lesson09(*names):
    """Functions of lesson 09, defined in one namespace (they call each other)."""
    keras = pytest.importorskip("keras")
    torch = pytest.importorskip("torch")
    namespace = {"keras": keras, "layers": keras.layers, "torch": torch, "np": np,
                 "leaky": leaky, "ALPHA": 0.01}
    return [lesson_function("09_cnn_mnist.py", name, namespace) for name in names]


# --- the lessons' models ------------------------------------------------------------------

def test_09_cnn_builds_matches_torch_and_trains_one_step():
    keras = pytest.importorskip("keras")
    torch = pytest.importorskip("torch")
    build_cnn, build_torch_cnn = lesson09("build_cnn", "build_torch_cnn")
    keras.utils.set_random_seed(0)
    model = build_cnn()
    assert model.count_params() == 93322
    assert sum(p.numel() for p in build_torch_cnn().parameters()) == 93322
    assert model.get_layer("conv1").count_params() == 320
    slopes = [layer.negative_slope for layer in model.layers
              if isinstance(layer, keras.layers.LeakyReLU)]
    assert slopes == pytest.approx([0.01] * 4)
    assert torch.nn.LeakyReLU().negative_slope == 0.01
    assert keras.layers.LeakyReLU().negative_slope == pytest.approx(0.3)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    x = np.random.default_rng(0).random((8, 28, 28, 1)).astype("float32")
    y = np.arange(8) % 10
    before = [w.copy() for w in model.get_weights()]
    loss = model.train_on_batch(x, y)
    assert np.isfinite(float(np.ravel(loss)[0]))
    assert any(not np.allclose(a, b) for a, b in zip(before, model.get_weights(), strict=True))
    assert model.predict(x, verbose=0).shape == (8, 10)


def test_09_weight_transfer_needs_the_flatten_order():
    """keras_to_torch: with the rows reordered the PyTorch CNN computes the Keras CNN's
    function; without, it does not (the trap the lesson shows)."""
    keras = pytest.importorskip("keras")
    torch = pytest.importorskip("torch")
    build_cnn, build_torch_cnn, keras_to_torch, to_torch = lesson09(
        "build_cnn", "build_torch_cnn", "keras_to_torch", "to_torch")
    keras.utils.set_random_seed(1)
    model = build_cnn()
    # non-zero biases everywhere, so that a misplaced bias would show
    model.set_weights([w + 0.05 if w.ndim == 1 else w for w in model.get_weights()])
    x = np.random.default_rng(1).random((16, 28, 28, 1)).astype("float32")
    expected = model.predict(x, verbose=0)
    assert to_torch(x).shape == (16, 1, 28, 28)
    with torch.no_grad():
        fixed = torch.softmax(keras_to_torch(model, build_torch_cnn())(to_torch(x)), 1).numpy()
        naive = torch.softmax(keras_to_torch(model, build_torch_cnn(), reorder_flatten=False)(
            to_torch(x)), 1).numpy()
    assert np.abs(fixed - expected).max() < 1e-5
    assert np.abs(naive - expected).max() > 1e-3


def test_09_train_torch_learns_and_counts_batches():
    torch = pytest.importorskip("torch")
    build_torch_cnn, train_torch, torch_accuracy = lesson09(
        "build_torch_cnn", "train_torch", "torch_accuracy")
    # train_torch and torch_accuracy call to_torch: define it in the same namespace
    rng = np.random.default_rng(0)
    images = rng.random((64, 28, 28, 1)).astype("float32")
    labels = (images[:, :14].mean(axis=(1, 2, 3)) > images[:, 14:].mean(axis=(1, 2, 3)))
    labels = labels.astype(np.uint8)

    class Bar:
        steps = 0

        def update(self):
            self.steps += 1

    torch.manual_seed(0)
    net = build_torch_cnn(0.01, (4, 4, 4, 8))
    bar = Bar()
    train_torch.__globals__["to_torch"] = lesson09("to_torch")[0]
    train_torch(net, images, labels, epochs=2, batch_size=16, bar=bar)
    assert bar.steps == 2 * 4
    accuracy = torch_accuracy(net, images, labels)
    assert 0 <= accuracy <= 1


def test_09_dead_units_counts_channels_and_units():
    torch = pytest.importorskip("torch")
    build_torch_cnn, dead_units, to_torch = lesson09("build_torch_cnn", "dead_units", "to_torch")
    dead_units.__globals__["to_torch"] = to_torch
    torch.manual_seed(0)
    net = build_torch_cnn(0.0, (4, 4, 4, 8))
    images = np.random.default_rng(0).random((10, 28, 28, 1)).astype("float32")
    with torch.no_grad():
        net[0].bias[:2] = -100.0  # two first-layer maps negative everywhere: dead
        net[9].bias[:] = 100.0  # every dense unit positive: none dead
    counts = dead_units(net, images)
    assert len(counts) == 4 and counts[0] == 2 and counts[3] == 0
    # the same as lesson 05's count on the first layer's pre-activations
    with torch.no_grad():
        z = net[0](to_torch(images)).movedim(1, -1).reshape(-1, 4).numpy()
    assert counts[0] == leaky.dying.count_dead_units(z)


def test_10_dense_builds_and_trains_one_step():
    keras = pytest.importorskip("keras")
    build_dense = lesson_function("10_training_curves.py", "build_dense",
                                  {"keras": keras, "layers": keras.layers})
    keras.utils.set_random_seed(0)
    model = build_dense(alpha=0.1)
    assert model.count_params() == 784 * 128 + 128 + 128 * 10 + 10 == 101770
    (leaky_layer,) = [layer for layer in model.layers
                      if isinstance(layer, keras.layers.LeakyReLU)]
    assert leaky_layer.negative_slope == pytest.approx(0.1)
    x = np.random.default_rng(0).random((16, 784)).astype("float32")
    history = model.fit(x, np.arange(16) % 10, epochs=2, batch_size=8,
                        validation_split=0.25, verbose=0)
    assert sorted(history.history) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    assert len(history.history["val_loss"]) == 2


# --- 09.1 a feature map's side after conv and pooling ----------------------------------------

def test_09_1_correct_stub_and_mistakes(verdict):
    out = verdict("09.1", lambda side, kernel, pool: (side - kernel + 1) // pool)
    assert out.startswith("[correct] 09.1") and "576" in out
    assert results()["09.1"] == "passed"

    def conv_pool_side(side, kernel, pool):
        ...

    assert verdict("09.1", conv_pool_side).startswith("[not attempted yet] 09.1")

    def forgot_return(side, kernel, pool):
        new_side = (side - kernel + 1) // pool  # noqa: F841 - the mistake under test

    mistakes = {
        "use //": lambda s, k, p: (s - k + 1) / p,
        "rounded up": lambda s, k, p: -(-(s - k + 1) // p),
        "off by one": lambda s, k, p: (s - k) // p,
        "padding='same'": lambda s, k, p: s // p,
        "forgot the pooling": lambda s, k, p: s - k + 1,
        "returns None": forgot_return,
        "return a whole number": lambda s, k, p: "13",
        "expected 9, got 10": lambda s, k, p: (s - k + 1) // p + (s == 11),
        "is a float": lambda s, k, p: float((s - k + 1) // p),
    }
    for needle, answer in mistakes.items():
        out = verdict("09.1", answer)
        assert out.startswith("[not yet] 09.1") and needle in out, (needle, out)
    assert "pass your function itself" in verdict("09.1", 13)


def test_09_1_rounded_float_is_not_accepted(verdict):
    out = verdict("09.1", lambda s, k, p: round((s - k + 1) / p))  # 5.5 -> 6: rounded up
    assert out.startswith("[not yet] 09.1") and "rounded up" in out, out
    out = verdict("09.1", lambda s, k, p: np.floor((s - k + 1) / p))
    assert out.startswith("[not yet] 09.1") and "float" in out


def test_09_1_raising_student_code_gives_feedback(verdict):
    def broken(side, kernel, pool):
        raise RuntimeError("oops")

    out = verdict("09.1", broken)
    assert out.startswith("[not yet]") and "RuntimeError: oops" in out


# --- 09.2 parameters of any convolution -------------------------------------------------------

def test_09_2_correct_and_stub(verdict):
    out = verdict("09.2", lambda k, c, f: k * k * c * f + f)
    assert out.startswith("[correct] 09.2") and "1,216" in out

    def conv_params(kernel, in_channels, filters):
        ...

    assert verdict("09.2", conv_params).startswith("[not attempted yet] 09.2")


@pytest.mark.parametrize("answer,expected", [
    (lambda k, c, f: k * k * c * f, "you forgot the biases"),
    (lambda k, c, f: k * k * c * f + 1, "its own bias"),
    (lambda k, c, f: k * k * f + f, "left out the input channels"),
    (lambda k, c, f: k * c * f + f, "k * k weights per input channel"),
    (lambda k, c, f: k * k * c + 1, "that is one filter"),
    (lambda k, c, f: k * k * c * f + c, "not per input channel"),
    (lambda k, c, f: (k * k + 1) * c * f, "not per filter and input channel"),
    (lambda k, c, f: (28 - k + 1) ** 2 * f, "do not depend on the image size"),
    (lambda k, c, f: float(k * k * c * f + f), "floats"),
    (lambda k, c, f: k * k * c * f + f + 1, "expected 320"),
    (lambda k, c, f: str(k), "return a number"),
    (lambda k, c, f: None, "returns None"),
    (lambda k, c, f: 1 / 0, "ZeroDivisionError"),
    (320, "pass your function itself"),
])
def test_09_2_mistakes_are_named(verdict, answer, expected):
    out = verdict("09.2", answer)
    assert out.startswith("[not yet] 09.2") and expected in out, out


def test_09_2_matches_keras_counts():
    keras = pytest.importorskip("keras")
    from leaky.exercise_checks.l09 import CONV_CASES

    for k, c, f in CONV_CASES:
        layer = keras.layers.Conv2D(f, (k, k))
        layer.build((None, 28, 28, c))
        assert layer.count_params() == k * k * c * f + f


# --- 09.3 PReLU slopes --------------------------------------------------------------------

GOOD_PRELU = {"per_element": 30016, "per_channel": 224}


def test_09_3_correct_and_stub(verdict):
    assert verdict("09.3", dict(GOOD_PRELU)).startswith("[correct] 09.3")
    assert verdict("09.3", ...).startswith("[not attempted yet] 09.3")


@pytest.mark.parametrize("answer,expected", [
    ({"per_element": 224, "per_channel": 30016}, "swapped"),
    ({"per_element": 30016 - 64, "per_channel": 224}, "left out the dense layer's"),
    ({"per_element": 13 * 13 * 32 + 5 * 5 * 64 + 576 + 64, "per_channel": 224},
     "after pooling"),
    ({"per_element": 30026, "per_channel": 224}, "softmax"),
    ({"per_element": 4, "per_channel": 224}, "one slope per layer"),
    ({"per_element": 30016, "per_channel": 160}, "left out the dense layer"),
    ({"per_element": 30016, "per_channel": 161}, "convolution's input channels"),
    ({"per_element": 30016, "per_channel": 3}, "not per layer"),
    ({"per_element": 30016, "per_channel": 234}, "softmax"),
    ({"per_element": 30016, "per_channel": 225}, "add the channels"),
    ({"per_element": 30017, "per_channel": 224}, "height x width x channels"),
    ({"per_element": 30016.0, "per_channel": 224}, "floats"),
    ({"per_element": ..., "per_channel": 224}, "replace the ..."),
    ({"per_element": "30016", "per_channel": 224}, "must be a number"),
    ({"elements": 30016, "channels": 224}, "use the keys"),
    (30016, "answer with a dict"),
])
def test_09_3_mistakes_are_named(verdict, answer, expected):
    out = verdict("09.3", answer)
    assert out.startswith("[not yet] 09.3") and expected in out, out


def test_09_3_matches_keras_counts():
    keras = pytest.importorskip("keras")
    from keras import layers

    from leaky.exercise_checks.l09 import PER_CHANNEL, PER_ELEMENT

    def added(shared):
        conv_prelu = (lambda: layers.PReLU(shared_axes=[1, 2])) if shared else layers.PReLU
        model = keras.Sequential([
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(32, (3, 3)), conv_prelu(), layers.MaxPooling2D((2, 2)),
            layers.Conv2D(64, (3, 3)), conv_prelu(), layers.MaxPooling2D((2, 2)),
            layers.Conv2D(64, (3, 3)), conv_prelu(),
            layers.Flatten(), layers.Dense(64), layers.PReLU(), layers.Dense(10),
        ])
        return model.count_params() - 93322

    assert added(False) == PER_ELEMENT == 30016
    assert added(True) == PER_CHANNEL == 224


# --- 10.1 best epoch with ties ----------------------------------------------------------------

def reference(history, monitor="val_loss", min_delta=0.0):
    """Written apart from the checker's vectorised reference, as a plain loop."""
    values = list(history[monitor])
    lower_is_better = monitor.endswith("loss")
    best = min(values) if lower_is_better else max(values)
    for epoch, value in enumerate(values, start=1):
        if (value <= best + min_delta) if lower_is_better else (value >= best - min_delta):
            return epoch


def test_10_1_correct_and_stub(verdict):
    out = verdict("10.1", reference)
    assert out.startswith("[correct] 10.1"), out

    def by_loop(history, monitor="val_loss", min_delta=0.0):
        values = history[monitor]
        lower = "loss" in monitor
        best = min(values) if lower else max(values)
        for epoch, value in enumerate(values, start=1):
            if (value <= best + min_delta) if lower else (value >= best - min_delta):
                return epoch

    assert verdict("10.1", by_loop).startswith("[correct] 10.1")

    def best_epoch(history, monitor="val_loss", min_delta=0.0):
        ...

    assert verdict("10.1", best_epoch).startswith("[not attempted yet] 10.1")


def _last_within(h, m, d):
    values = np.asarray(h[m], dtype=float)
    lower = m.endswith("loss")
    best = values.min() if lower else values.max()
    good = values <= best + d if lower else values >= best - d
    return len(values) - int(np.argmax(good[::-1]))


def _strict(history, monitor="val_loss", min_delta=0.0):
    values = np.asarray(history[monitor], dtype=float)
    if monitor.endswith("loss"):
        return int(np.argmax(values < values.min() + min_delta)) + 1
    return int(np.argmax(values > values.max() - min_delta)) + 1


def _wrong_sign(history, monitor="val_loss", min_delta=0.0):
    values = np.asarray(history[monitor], dtype=float)
    if monitor.endswith("loss"):
        return int(np.argmax(values <= values.min() - min_delta)) + 1
    return int(np.argmax(values >= values.max() + min_delta)) + 1


def _sort_in_place(history, monitor, min_delta):
    history[monitor].sort()
    return 1


@pytest.mark.parametrize("answer,expected", [
    (lambda h, m="val_loss", d=0.0: reference(h, m, d) - 1, "off by one"),
    (lambda h, m="val_loss", d=0.0: reference(h, m, 0.0), "ignored min_delta"),
    (_last_within, "the *last* epoch"),
    (lambda h, m="val_loss", d=0.0: int(np.argmax(np.asarray(h[m]) <= min(h[m]) + d)) + 1,
     "for an accuracy, higher is better"),
    (lambda h, m="val_loss", d=0.0: int(np.argmax(np.asarray(h[m]) >= max(h[m]) - d)) + 1,
     "for a loss, lowest is best"),
    (lambda h, m="val_loss", d=0.0: reference(h, "val_loss", d), "always read"),
    (_sort_in_place, "changed its argument history in place"),
    (lambda h, m="val_loss", d=0.0: None, "returns None"),
    (lambda h, m="val_loss", d=0.0: h["validation_loss"], "KeyError"),
    (lambda h, m="val_loss", d=0.0: h[m], "return one epoch number"),
    (lambda h, m="val_loss", d=0.0: "3", "return an epoch number"),
    (lambda h, m="val_loss", d=0.0: True, "return one epoch number"),
    (lambda h, m="val_loss", d=0.0: 1, "the answer is epoch"),
    (lambda h, m="val_loss", d=0.0: float(reference(h, m, d)), "not whole numbers"),
    (_strict, "strict <"),
    (_wrong_sign, "widens the window"),
    (lambda h, m: reference(h, m), "TypeError"),
])
def test_10_1_mistakes_are_named(verdict, answer, expected):
    out = verdict("10.1", answer)
    assert out.startswith("[not yet] 10.1") and expected in out, out


def test_10_1_histories_separate_the_mistakes():
    from leaky.exercise_checks.l10 import (
        _WRONG_EPOCHS,
        SETTINGS,
        _histories,
        reference_best_epoch,
    )

    calls = [(h, m, d) for h in _histories() for m, d in SETTINGS]
    right = [reference_best_epoch(*c) for c in calls]
    assert right == [reference(*c) for c in calls]
    for _, variant in _WRONG_EPOCHS:
        assert [variant(*c) for c in calls] != right
    # the first test history has a tie within 0.02 (epochs 2-4): min_delta matters
    h = _histories()[0]
    assert reference(h, "val_loss", 0.0) == 4 and reference(h, "val_loss", 0.02) == 2


# --- 10.2 diagnosis -------------------------------------------------------------------------

def test_10_2_correct_spellings_and_stub(verdict):
    good = {"A": "overfitting", "B": "underfitting", "C": "good fit"}
    assert verdict("10.2", good).startswith("[correct] 10.2")
    spelled = {"A": "Over-fitting", "B": "underfit", "C": "Good_fit"}
    assert verdict("10.2", spelled).startswith("[correct] 10.2")
    underscores = {"A": "over_fitting", "B": "Under fitting", "C": "good fit"}
    assert verdict("10.2", underscores).startswith("[correct] 10.2")
    assert verdict("10.2", ...).startswith("[not attempted yet] 10.2")


@pytest.mark.parametrize("answer,expected", [
    ({"A": "underfitting", "B": "overfitting", "C": "good fit"}, "swapped"),
    ({"A": "good fit", "B": "underfitting", "C": "good fit"}, "run A's training loss"),
    ({"A": "overfitting", "B": "good fit", "C": "good fit"}, "run B's two losses"),
    ({"A": "overfitting", "B": "underfitting", "C": "overfitting"}, "run C's losses"),
    ({"A": "overfitting", "B": "underfitting"}, 'one diagnosis for each'),
    ({"A": "overfitting", "B": "underfitting", "C": "fine"}, "run C: answer"),
    ({"A": 1, "B": "underfitting", "C": "good fit"}, "run A: answer"),
    ("overfitting", "answer with a dict"),
    ({"A": "overfitting", 1: "underfitting", "C": "good fit"}, "got keys 'A', 'C', 1."),
    ({"a": "overfitting", "b": "underfitting", "c": "good fit"}, 'each of "A", "B" and "C"'),
])
def test_10_2_mistakes_are_named(verdict, answer, expected):
    out = verdict("10.2", answer)
    assert out.startswith("[not yet] 10.2") and expected in out, out


# --- 10.3 merge the layers of a network at alpha = 1 ------------------------------------------

def test_10_3_correct_and_stub(verdict):
    out = verdict("10.3", lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 + b2))
    assert out.startswith("[correct] 10.3") and "7,850" in out and "101,770" in out
    assert verdict("10.3", lambda W1, b1, W2, b2: [np.dot(W1, W2), np.dot(b1, W2) + b2]
                   ).startswith("[correct] 10.3")

    def merge_layers(W1, b1, W2, b2):
        ...

    assert verdict("10.3", merge_layers).startswith("[not attempted yet] 10.3")


def _scale_in_place(W1, b1, W2, b2):
    W1 *= 1.0001
    return W1 @ W2, b1 @ W2 + b2


@pytest.mark.parametrize("answer,expected", [
    (lambda W1, b1, W2, b2: (W2 @ W1, b1 @ W2 + b2), "wrong order"),
    (lambda W1, b1, W2, b2: (W1 * W2, b1 @ W2 + b2), "not W1 * W2"),
    (lambda W1, b1, W2, b2: (W1 @ W2, b2), "missing b1's contribution"),
    (lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2), "missing b2"),
    (lambda W1, b1, W2, b2: (W1 @ W2, b1 + b2), "skips W2"),
    (lambda W1, b1, W2, b2: (W1 @ W2, 2 * b1 @ W2 + b2), "expand"),
    (lambda W1, b1, W2, b2: (b1 @ W2 + b2, W1 @ W2), "swapped"),
    (lambda W1, b1, W2, b2: W1 @ W2, "return two things"),
    (lambda W1, b1, W2, b2: (W1 @ W2, "b"), "return two arrays"),
    (lambda W1, b1, W2, b2: (W1, b1 @ W2 + b2), "x goes through W1 and then W2"),
    (lambda W1, b1, W2, b2: (W1[:, :2] @ W2[:2], b1 @ W2 + b2), "x goes through W1"),
    (lambda W1, b1, W2, b2: (W1 @ W2, (b1 @ W2 + b2)[None]), "one value per class"),
    (_scale_in_place, "changed its argument W1 in place"),
    (lambda W1, b1, W2, b2: None, "returns None"),
    (lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 + b2[:2]), "raised ValueError"),
    (lambda W1, b1, W2, b2: (np.vstack([W1 @ W2] * 2), b1 @ W2 + b2), "must have shape"),
    (lambda W1, b1, W2, b2: ((W1 @ W2).T, b1 @ W2 + b2), "W is transposed"),
])
def test_10_3_mistakes_are_named(verdict, answer, expected):
    out = verdict("10.3", answer)
    assert out.startswith("[not yet] 10.3") and expected in out, out


# --- the progress bar of lessons 09 and 10 ----------------------------------------------------

def test_progress_bar_redraws_about_100_times_not_every_step():
    """A fit of 940 batches must not send 940 widget updates (nbval then loses messages)."""
    from leaky.progressbar import ProgressBar

    bar = ProgressBar(940, "training", show=False)
    redraws = []
    bar.bar.observe(lambda change: redraws.append(change["new"]), names="value")
    for _ in range(940):
        bar.update(1, "epoch 5/5")
    assert bar.value == 940 and redraws[-1] == 940
    assert 90 <= len(redraws) <= 105
    assert bar.label.value == "training: 940/940 (epoch 5/5)"
    small = ProgressBar(9, "runs", show=False)
    for _ in range(9):
        small.update()
    assert small.bar.value == 9 and small.value == 9
