"""Training curves of an alpha sweep with seeds: the explorer of lesson 10.

``sweep`` is ``{(alpha, seed): history}``, each history a dict like Keras'
``history.history`` (``loss``, ``accuracy``, ``val_loss``, ``val_accuracy``, one value per
epoch), as :func:`leaky.sweeps.train_dense_sweep` returns it.

* :func:`curve_band`: the mean over seeds of one metric and its min-max range, per epoch;
* :func:`band_vertices`: the outline of a min-max band, for ``PolyCollection.set_verts``;
* :func:`plot_sweep_curves`: loss and accuracy panels for one trained alpha (mean of the
  seeds, min-max band), the other alphas' validation means in grey.

All introduced in lesson 10.
"""

from __future__ import annotations

import numpy as np

from ._validate import fail
from .plots_cnn import nearest_trained

__all__ = ["curve_band", "band_vertices", "plot_sweep_curves", "FONT"]

FONT = 9  # points, for every label and legend


def curve_band(sweep, alpha, key):
    """``(mean, low, high)`` over the seeds of ``alpha`` for the metric ``key``: three
    arrays with one value per epoch. Lesson 10."""
    curves = [np.asarray(h[key], dtype=float) for (a, _), h in sweep.items() if a == alpha]
    if not curves:
        fail("alpha", f"one of the sweep's alphas {sorted({a for a, _ in sweep})}", alpha)
    stack = np.vstack(curves)
    return stack.mean(axis=0), stack.min(axis=0), stack.max(axis=0)


def band_vertices(x, low, high) -> np.ndarray:
    """The closed outline of the band between ``low`` and ``high`` over ``x``: along ``high``
    from left to right, back along ``low`` (shape (2 n, 2)). Lesson 10."""
    x, low, high = (np.asarray(v, dtype=float) for v in (x, low, high))
    if not x.shape == low.shape == high.shape or x.ndim != 1:
        fail("low, high", f"1-D arrays of the shape of x {x.shape}", (low.shape, high.shape))
    return np.column_stack([np.concatenate([x, x[::-1]]),
                            np.concatenate([high, low[::-1]])])


def plot_sweep_curves(fig, alpha, sweep, *, loss_max=1.4, acc_min=0.7):
    """Two panels (loss, accuracy) for the trained alpha nearest to ``alpha``: training
    (dashed) and validation (solid) means over the seeds, with their min-max bands; the
    other alphas' validation means in grey. Fixed axes, so the picture does not jump.
    Lesson 10."""
    ax_loss, ax_acc = fig.axes[:2]
    alphas = sorted({a for a, _ in sweep})
    seeds = sorted({s for a, s in sweep if a == alphas[0]})
    epochs = len(next(iter(sweep.values()))["loss"])
    x = np.arange(1, epochs + 1)
    artists = {}
    for ax, metric in ((ax_loss, "loss"), (ax_acc, "accuracy")):
        for a in alphas:
            ax.plot(x, curve_band(sweep, a, "val_" + metric)[0], color="0.82", lw=1,
                    label="validation, other alphas" if a == alphas[0] else None)
        for key, style, name in ((metric, "--", "training"), ("val_" + metric, "-", "validation")):
            color = "C0" if key == metric else "C3"
            band = ax.fill_between(x, x * 0, x * 0, color=color, alpha=0.2, lw=0,
                                   label=f"{name}, min-max of {len(seeds)} seeds")
            (line,) = ax.plot(x, x * 0, style, color=color, marker="o", ms=3,
                              label=f"{name}, mean of {len(seeds)} seeds")
            artists[key] = (line, band)
        ax.set_xlabel("epoch", fontsize=FONT)
        ax.set_xticks(x)
        ax.tick_params(labelsize=FONT)
    ax_loss.set(ylim=(0, loss_max), xlim=(0.7, epochs + 0.3))
    ax_acc.set(ylim=(acc_min, 1.0), xlim=(0.7, epochs + 0.3))
    ax_loss.set_title("loss", fontsize=FONT)
    ax_acc.set_title("accuracy", fontsize=FONT)
    # Upper right of the loss panel, above the curves of lesson 10's runs (loss_max leaves
    # room for it).
    ax_loss.legend(fontsize=FONT, loc="upper right", frameon=True, framealpha=0.9)
    fig.subplots_adjust(top=0.82)
    label = fig.text(0.5, 0.97, "", fontsize=FONT + 1, ha="center", va="top")

    def update(alpha):
        chosen = nearest_trained(alpha, alphas)
        changed = [label]
        for key, (line, band) in artists.items():
            mean, low, high = curve_band(sweep, chosen, key)
            line.set_ydata(mean)
            band.set_verts([band_vertices(x, low, high)])
            changed += [band, line]
        _, low, high = curve_band(sweep, chosen, "val_accuracy")
        label.set_text(f"trained at alpha = {chosen:g} ({len(seeds)} seeds): validation "
                       f"accuracy in the last epoch {100 * low[-1]:.1f} to "
                       f"{100 * high[-1]:.1f}%")
        return changed

    return update
