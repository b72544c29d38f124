"""The progress bar of long cells: live widget, stable text for nbval, Keras callback."""

import numpy as np
import pytest

from leaky.progressbar import ProgressBar, keras_progress


def test_bar_counts_and_stops_at_the_end():
    bar = ProgressBar(3, "runs", show=False)
    bar.update()
    bar.update(5, note="alpha 0.3")
    assert bar.value == 3 and bar.label.value == "runs: 3/3 (alpha 0.3)"
    text = bar._repr_mimebundle_()["text/plain"]
    assert text == "[progress bar: runs, 3 steps; live while the cell runs]"
    with pytest.raises(ValueError, match="^total must be a whole number >= 1, got 0"):
        ProgressBar(0, show=False)


def test_keras_callback_counts_every_batch(capsys):
    import os

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    keras = pytest.importorskip("keras")
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    callback = keras_progress("fit")
    x = np.zeros((20, 2), dtype="float32")
    model.fit(x, x[:, :1], epochs=2, batch_size=5, verbose=0, callbacks=[callback])
    assert callback.bar.total == 8 and callback.bar.value == 8
    assert callback.bar.label.value == "fit: 8/8 (epoch 2/2)"
    assert "[progress bar: fit, 8 steps" in capsys.readouterr().out
