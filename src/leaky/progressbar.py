"""A progress bar for cells that train for a while (lessons 09 to 12).

    bar = ProgressBar(len(alphas) * len(seeds), "training runs")   # shows itself
    for ...:
        ...
        bar.update()

    model.fit(x, y, epochs=5, verbose=0, callbacks=[keras_progress("training")])

While the cell runs, JupyterLab shows a live bar (an ipywidgets ``IntProgress``). What is
stored in the notebook is one stable line of text, the same on every run and machine, so
nbval can compare it; static views (GitHub, the course website) show that line. Keras'
own ``verbose=1`` output, by contrast, is hundreds of lines with timings that change on
every run.
"""

from __future__ import annotations

from ._validate import check_positive_int, fail

__all__ = ["ProgressBar", "keras_progress"]


class ProgressBar:
    """A live bar of ``total`` steps, labelled ``description``; displays itself when made."""

    def __init__(self, total, description="training", *, show=True):
        import ipywidgets as widgets

        self.total = check_positive_int(total, "total")
        if not isinstance(description, str):
            fail("description", "a str", description, error=TypeError)
        self.description = description
        self.bar = widgets.IntProgress(value=0, min=0, max=self.total,
                                       layout=widgets.Layout(width="50%"))
        self.label = widgets.Label(f"{description}: 0/{self.total}")
        self.widget = widgets.HBox([self.bar, self.label])
        # The widget is redrawn every 1% (and at the end), not on every step: each redraw
        # is a message to the front end, and thousands of them (a Keras fit's batches)
        # overflow the kernel's output channel, which then drops messages (nbval waits
        # for a lost one and fails).
        self._value, self._stride = 0, max(1, self.total // 100)
        if show:
            from IPython.display import display

            display(self)

    @property
    def value(self) -> int:
        return self._value

    def update(self, steps=1, note: str = "") -> None:
        """Advance by ``steps`` (never past the end); ``note`` is shown after the count."""
        steps = check_positive_int(steps, "steps")
        self._value = min(self._value + steps, self.total)
        if self._value < self.total and self._value - self.bar.value < self._stride:
            return
        self.bar.value = self._value
        extra = f" ({note})" if note else ""
        self.label.value = f"{self.description}: {self._value}/{self.total}{extra}"

    def __repr__(self):
        return (f"[progress bar: {self.description}, {self.total} steps; "
                "live while the cell runs]")

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        bundle["text/plain"] = repr(self)
        return bundle


def keras_progress(description="training"):
    """A Keras callback that shows a :class:`ProgressBar` over all batches of a ``fit``.

    Pass it with ``verbose=0``: ``model.fit(..., verbose=0, callbacks=[keras_progress()])``.
    The bar appears when training starts and counts batches; its label shows the epoch.
    """
    import keras

    class KerasProgress(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.bar = None
            self.epoch = 0

        def on_train_begin(self, logs=None):
            epochs = self.params.get("epochs") or 1
            steps = self.params.get("steps") or 1
            self.bar = ProgressBar(epochs * steps, description)

        def on_epoch_begin(self, epoch, logs=None):
            self.epoch = epoch + 1

        def on_train_batch_end(self, batch, logs=None):
            self.bar.update(1, f"epoch {self.epoch}/{self.params.get('epochs')}")

    return KerasProgress()
