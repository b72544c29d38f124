"""Lesson 11: its model builds and trains a step; the checks 11.1, 11.2 and 11.3; the heads
trained on frozen features (leaky.heads) and the explorer's data (leaky.plots_sentiment)."""

import ast
from pathlib import Path

import numpy as np
import pytest

from leaky import heads as heads_module
from leaky import plots_sentiment
from leaky.exercise_checks import l11

LESSON = Path(__file__).resolve().parents[1] / "lessons_src" / "11_sentiment_imdb.py"


def lesson_function(name, namespace):
    tree = ast.parse(LESSON.read_text())
    (node,) = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name]
    exec(compile(ast.Module([node], type_ignores=[]), LESSON.name, "exec"), namespace)
    return namespace[name]


def test_11_rnn_builds_and_trains_one_step():
    keras = pytest.importorskip("keras")
    build_rnn = lesson_function("build_rnn", {"keras": keras, "layers": keras.layers,
                                              "ALPHA": 0.01, "MAX_LENGTH": 20,
                                              "VOCAB_SIZE": 10000})
    keras.utils.set_random_seed(0)
    model = build_rnn(max_length=20)
    assert model.get_layer("leaky").negative_slope == pytest.approx(0.01)
    model.compile(optimizer="adam", loss="binary_crossentropy")
    x = np.random.default_rng(0).integers(0, 10000, size=(8, 20))
    loss = model.train_on_batch(x, np.array([0, 1] * 4))
    assert np.isfinite(float(np.ravel(loss)[0]))
    assert model.predict(x, verbose=0).shape == (8, 1)


# --- 11.1 decode ---------------------------------------------------------------------

def good_decode(indices, word_index):
    reverse = {rank + 3: word for word, rank in word_index.items()}
    return " ".join(reverse.get(int(i), "?") for i in indices)


def test_11_1_correct(verdict):
    assert verdict("11.1", good_decode).startswith("[correct]")


def test_11_1_stub(verdict):
    assert verdict("11.1", ...).startswith("[not attempted yet]")


def test_11_1_wrong_offset(verdict):
    def offset_zero(indices, word_index):
        reverse = {rank: word for word, rank in word_index.items()}
        return " ".join(reverse.get(int(i), "?") for i in indices)

    out = verdict("11.1", offset_zero)
    assert out.startswith("[not yet]") and "rank + 0" in out


def test_11_1_list_not_string(verdict):
    out = verdict("11.1", lambda indices, wi: good_decode(indices, wi).split())
    assert "one string" in out


def test_11_1_raises(verdict):
    def broken(indices, word_index):
        raise KeyError(indices[0])

    out = verdict("11.1", broken)
    assert out.startswith("[not yet]") and "KeyError" in out


# --- 11.2 pad ------------------------------------------------------------------------

def good_pad(sequence, maxlen):
    kept = list(sequence)[-maxlen:] if maxlen > 0 else []
    return np.array([0] * (maxlen - len(kept)) + kept, dtype=np.int32)


def test_11_2_correct_and_matches_keras(verdict):
    keras = pytest.importorskip("keras")
    assert verdict("11.2", good_pad).startswith("[correct]")
    for seq, n in (([1, 2, 3], 5), ([1, 2, 3, 4, 5, 6], 4)):
        assert good_pad(seq, n).tolist() == keras.utils.pad_sequences([seq], maxlen=n)[0].tolist()
    # The feedback for maxlen = 0 says that keras' own pad_sequences fails there (its
    # x[-maxlen:] is the whole sequence); if a keras release fixes that, update l11's message.
    with pytest.raises(ValueError):
        keras.utils.pad_sequences([[4, 5, 6]], maxlen=0)


def test_11_2_stub(verdict):
    assert verdict("11.2", ...).startswith("[not attempted yet]")


def test_11_2_post_padding(verdict):
    def post(sequence, maxlen):
        kept = list(sequence)[-maxlen:]
        return np.array(kept + [0] * (maxlen - len(kept)))

    assert "zeros at the end" in verdict("11.2", post)


def test_11_2_keeps_front(verdict):
    def front(sequence, maxlen):
        kept = list(sequence)[:maxlen]
        return np.array([0] * (maxlen - len(kept)) + kept)

    assert "kept the first" in verdict("11.2", front)


def test_11_2_floats(verdict):
    assert "integers" in verdict("11.2", lambda s, m: good_pad(s, m).astype(float))


def test_11_2_raises(verdict):
    def broken(sequence, maxlen):
        raise ValueError("nope")

    out = verdict("11.2", broken)
    assert out.startswith("[not yet]") and "ValueError" in out


def test_11_2_maxlen_zero(verdict):
    """The mutation found by the hidden test: sequence[-0:] is the whole sequence."""
    def naive(sequence, maxlen):
        kept = list(sequence)[-maxlen:]
        return np.array([0] * (maxlen - len(kept)) + kept)

    out = verdict("11.2", naive)
    assert out.startswith("[not yet]") and "-0 == 0" in out, out


def test_11_2_list_and_string(verdict):
    out = verdict("11.2", lambda s, m: good_pad(s, m).tolist())
    assert out.startswith("[not yet]") and "numpy array" in out, out
    out = verdict("11.2", lambda s, m: "0 0 1 2 3")
    assert out.startswith("[not yet]") and "numpy array" in out, out


def test_11_2_mutates_and_none(verdict):
    def mutates(sequence, maxlen):
        sequence.reverse()
        return good_pad(sequence[::-1], maxlen)

    assert "changed its argument sequence" in verdict("11.2", mutates)
    assert "returns None" in verdict("11.2", lambda s, m: None)


def test_11_messages_are_short(verdict):
    out = verdict("11.1", lambda indices, wi: wi)  # returns the whole vocabulary
    assert "one string" in out and len(out) < 300, out


# --- 11.3 zero-gradient parameters ---------------------------------------------------

def frozen_ok(n_dead, alpha, n_inputs=64):
    return (n_inputs + 2) * n_dead if alpha == 0 else 0


def test_11_3_correct(verdict):
    out = verdict("11.3", frozen_ok)
    assert out.startswith("[correct] 11.3"), out
    out = verdict("11.3", lambda n, a, k=64: float(frozen_ok(n, a, k)))
    assert out.startswith("[correct] 11.3"), out


def test_11_3_stub(verdict):
    def zero_gradient_parameters(n_dead, alpha, n_inputs=64):
        ...

    assert verdict("11.3", zero_gradient_parameters).startswith("[not attempted yet] 11.3")


@pytest.mark.parametrize("answer,expected", [
    (lambda n, a, k=64: k * n if a == 0 else 0, "only the incoming weights"),
    (lambda n, a, k=64: (k + 1) * n if a == 0 else 0, "weight in the output layer is frozen"),
    (lambda n, a, k=64: n if a == 0 else 0, "counted units, not parameters"),
    (lambda n, a, k=64: (k + 2) * n, "with alpha > 0 nothing is frozen"),
    (lambda n, a, k=64: (k + 2) * n if a == 0 else n, "even 0.01"),
    (lambda n, a, k=64: 0, "should not be 0"),
    (lambda n, a, k=64: 66 * n if a == 0 else 0, "use n_inputs, not a fixed 64"),
    (lambda n, a, k=64: (k + 2) * n if a < 0.001 else 0, "with alpha > 0 nothing is frozen"),
    (lambda n, a, k=64: [frozen_ok(n, a, k)], "one whole number"),
    (lambda n, a, k=64: "66", "one whole number"),
    (lambda n, a, k=64: None, "returns None"),
    (lambda n, a, k=64: n / 0, "raised ZeroDivisionError"),
    (lambda n, a, k=64: 3 * n + 1 if a == 0 else 0, "should be 198"),
])
def test_11_3_mistakes(verdict, answer, expected):
    out = verdict("11.3", answer)
    assert out.startswith("[not yet] 11.3"), out
    assert expected in out, out


def test_11_3_cases_separate_the_mistakes():
    for n_dead, alpha, n_inputs in l11._FROZEN_CASES:
        if alpha == 0 and n_dead > 0:
            right = l11._reference_frozen(n_dead, alpha, n_inputs)
            wrong = [m(n_dead, alpha, n_inputs) for m, _ in l11._FROZEN_MISTAKES[:3]]
            assert right not in wrong and len(set(wrong)) == len(wrong)


# --- leaky.heads: heads trained on frozen features -----------------------------------

def toy_features(n=400, d=8, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)).astype(np.float32)
    y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(np.int64)
    return X, y


def test_heads_learn_and_are_paired():
    X, y = toy_features()
    r = heads_module.train_heads(X, y, [0.0, 0.3], [0, 1], units=16, epochs=20,
                                 batch_size=32, learning_rate=0.01)
    assert r["z_start"].shape == (2, 2, 400, 16) and r["z_end"].shape == (2, 2, 400, 16)
    # the same seed starts from the same weights for every alpha
    np.testing.assert_array_equal(r["z_start"][0], r["z_start"][1])
    assert not np.array_equal(r["z_start"][0, 0], r["z_start"][0, 1])
    p = heads_module.predict(r, X)
    assert p.shape == (2, 2, 400) and np.all((p >= 0) & (p <= 1))
    assert np.mean((p > 0.5) == y, axis=-1).min() > 0.9


def test_heads_repeat_exactly_and_do_not_modify_inputs():
    X, y = toy_features()
    X0, y0 = X.copy(), y.copy()
    a = heads_module.train_heads(X, y, [0.01], [3], units=8, epochs=2)
    b = heads_module.train_heads(X, y, [0.01], [3], units=8, epochs=2)
    for pa, pb in zip(a["params"], b["params"], strict=True):
        np.testing.assert_array_equal(pa, pb)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)


def test_heads_train_like_keras_fit():
    """The lesson says train_heads trains "the way Keras' fit would": one head, full-batch
    (so that Keras' shuffling cannot change the batches), from the same initial weights,
    ends with the weights of Keras' fit after the same number of Adam steps."""
    keras = pytest.importorskip("keras")
    X, y = toy_features(n=64, d=6)
    r = heads_module.train_heads(X, y, [0.2], [0], units=5, epochs=4, batch_size=64,
                                 learning_rate=0.01)
    rng = np.random.default_rng(0)  # train_heads' draws for seed 0: W1, then W2
    w1 = heads_module.glorot_uniform(rng, 6, 5)
    w2 = heads_module.glorot_uniform(rng, 5, 1)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(5),
                              keras.layers.LeakyReLU(negative_slope=0.2),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.layers[0].set_weights([w1, np.zeros(5, np.float32)])
    model.layers[2].set_weights([w2, np.zeros(1, np.float32)])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01),
                  loss="binary_crossentropy")
    model.fit(X, y.astype(np.float32), batch_size=64, epochs=4, shuffle=False, verbose=0)
    W1, b1, W2, b2 = (p[0, 0] for p in r["params"])
    k1, kb1 = model.layers[0].get_weights()
    k2, kb2 = model.layers[2].get_weights()
    assert not np.allclose(W1, w1)  # the weights moved
    for ours, theirs in [(W1, k1), (b1, kb1), (W2, k2[:, 0]), (b2, kb2[0])]:
        np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-6)


def test_heads_forward_pass_matches_a_direct_computation():
    """The trained head's probabilities and pre-activations, computed by hand."""
    X, y = toy_features(n=50, d=4)
    r = heads_module.train_heads(X, y, [0.2], [0], units=5, epochs=1, batch_size=10)
    W1, b1, W2, b2 = (p[0, 0] for p in r["params"])
    z = X @ W1 + b1
    a = np.where(z > 0, z, 0.2 * z)
    expected = 1 / (1 + np.exp(-(a @ W2 + b2)))
    np.testing.assert_allclose(heads_module.predict(r, X)[0, 0], expected, rtol=1e-5)
    np.testing.assert_allclose(r["z_end"][0, 0], z, rtol=1e-5, atol=1e-6)


def test_heads_relu_units_that_start_dead_stay_dead():
    X, y = toy_features()
    X = np.abs(X)  # all features positive: a unit with all-negative weights starts dead
    r = heads_module.train_heads(X, y, [0.0], [0, 1, 2], units=32, epochs=3)
    start = np.all(r["z_start"] <= 0, axis=2)
    end = np.all(r["z_end"] <= 0, axis=2)
    assert start.any()
    assert np.all(end[start])  # no gradient: dead at the start, dead at the end


def test_glorot_uniform_and_sigmoid():
    w = heads_module.glorot_uniform(np.random.default_rng(0), 64, 64)
    assert w.dtype == np.float32 and np.abs(w).max() <= np.sqrt(6 / 128)
    with np.errstate(over="raise"):
        s = heads_module.sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    np.testing.assert_allclose(s, [0.0, 0.5, 1.0])


def test_heads_reject_bad_input():
    X, y = toy_features()
    with pytest.raises(ValueError):
        heads_module.train_heads(X, y[:-1], [0.0], [0])
    with pytest.raises(ValueError):
        heads_module.train_heads(X, y + 2, [0.0], [0])
    with pytest.raises(ValueError):
        heads_module.train_heads(X, y, [-0.1], [0])


# --- leaky.plots_sentiment: the explorer's data --------------------------------------

def test_unit_activity_and_dead_counts():
    z = np.array([[[1.0, -1.0, 0.0], [2.0, -3.0, 0.5], [-1.0, -2.0, 0.0]]])  # 1 x 3 x 3
    np.testing.assert_allclose(plots_sentiment.unit_activity(z), [[200 / 3, 100 / 3, 0.0]])
    assert plots_sentiment.dead_counts(z).tolist() == [1]
    assert plots_sentiment.dead_counts(z[0]) == 1
    with pytest.raises(ValueError):
        plots_sentiment.unit_activity(np.zeros(3))


def test_heads_view():
    alphas = [0.0, 0.01, 0.3]
    acc = np.array([[0.80, 0.82], [0.81, 0.81], [0.79, 0.83]])
    dead_start = np.array([[3, 1], [3, 1], [3, 1]])
    dead_end = np.array([[9, 5], [2, 1], [0, 0]])
    v = plots_sentiment.heads_view(alphas, 0.2, dead_start, dead_end, acc)
    assert (v["index"], v["alpha"]) == (2, 0.3)
    assert v["dead_end"].tolist() == [0, 0]
    assert v["mean"] == pytest.approx(81.0) and v["std"] == pytest.approx(np.sqrt(8))
    assert plots_sentiment.heads_view(alphas, 0.004, dead_start, dead_end, acc)["alpha"] == 0.0


def test_plot_heads_draws_and_updates():
    from leaky.plotting import new_figure

    rng = np.random.default_rng(0)
    z = rng.normal(size=(3, 2, 50, 8))
    activity = plots_sentiment.unit_activity(z)
    dead = plots_sentiment.dead_counts(z)
    fig = new_figure(3, (11, 3.4))
    update = plots_sentiment.plot_heads(fig, 0.01, alphas=[0.0, 0.01, 0.3], activity=activity,
                                        dead_start=dead, dead_end=dead,
                                        accuracy=np.full((3, 2), 0.8))
    artists = update(0.25)
    assert artists[-1].get_text().startswith("alpha 0.3, dead")
    assert artists[-1].get_text().endswith(", ".join(str(d) for d in dead[2]))


def test_11_1_none_and_mutation(verdict):
    assert "returns None" in verdict("11.1", lambda indices, wi: None)

    def mutates(indices, word_index):
        word_index.pop("the")
        return good_decode(indices, {**word_index, "the": 1})

    assert "changed its argument word_index" in verdict("11.1", mutates)
