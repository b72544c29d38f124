"""Lesson 06's explorer: the histogram of the gradient a layer passes back to its inputs,
as alpha changes, against ReLU's.

Introduced in lesson 06 (every function here). The numbers behind the picture come from
the pure function :func:`gradient_histogram`, which the tests check without drawing.
"""

from __future__ import annotations

import numpy as np

__all__ = ["gradient_histogram", "spike_ratio", "plot_gradient_histogram"]


def spike_ratio(counts) -> float:
    """How much the two central bins of a histogram stand out: their count divided by the
    count of the two bins beside them (one on each side). About 1 for a smooth, flat top;
    well above 1 for a spike at 0. ``counts`` needs an even number of bins, at least 4,
    with 0 on the edge between the two central ones.
    """
    counts = np.asarray(counts, dtype=float)
    if counts.ndim != 1 or counts.size < 4 or counts.size % 2:
        raise ValueError(f"counts must be a 1-D array of an even number (>= 4) of bins, got "
                         f"shape {counts.shape}")
    mid = counts.size // 2
    beside = counts[mid - 2] + counts[mid + 1]
    return float((counts[mid - 1] + counts[mid]) / beside) if beside else float("inf")


def gradient_histogram(values, bins) -> dict:
    """Counts of ``values`` in ``bins``, the fraction of values exactly 0, their standard
    deviation and :func:`spike_ratio` of the counts."""
    values = np.asarray(values, dtype=float)
    counts, _ = np.histogram(values, bins)
    return {"counts": counts, "zero_fraction": float(np.mean(values == 0)),
            "std": float(values.std()), "spike": spike_ratio(counts)}


def plot_gradient_histogram(fig, alpha, *, gradients_at, bins):
    """Lesson 06's explorer plot: the histogram of ``gradients_at(alpha)`` (thick, blue)
    under ReLU's, ``gradients_at(0.0)`` (thin, black, dashed, drawn on top so that it stays
    visible where the two coincide), with fixed axes, and a label giving the fraction of
    exact zeros, the spike ratio and the spread. Returns ``update(alpha)``.
    """
    ax = fig.axes[0]
    bins = np.asarray(bins, dtype=float)
    relu = gradient_histogram(gradients_at(0.0), bins)
    stairs = ax.stairs(relu["counts"], bins, color="C0", lw=2.5, fill=False,
                       label="slider's alpha")
    relu_stairs = ax.stairs(relu["counts"], bins, color="k", lw=1, ls="--",
                            label="ReLU (alpha = 0)")
    ax.set(title="Entries of grad_inputs for a fixed batch", xlabel="dL/d(input)",
           ylabel="count", xlim=(bins[0], bins[-1]), ylim=(0, 1.1 * relu["counts"].max()))
    ax.legend(loc="upper left", fontsize=9)
    label = ax.text(0.98, 0.95, "", transform=ax.transAxes, ha="right", va="top", fontsize=9)

    def update(alpha):
        view = gradient_histogram(gradients_at(alpha), bins)
        stairs.set_data(view["counts"])
        label.set_text(f"alpha = {alpha:.2f}\nexactly 0: {view['zero_fraction']:.1%}\n"
                       f"central bins / beside: {view['spike']:.2f}\nstd: {view['std']:.3f}")
        # ReLU's histogram is redrawn after the slider's, so it stays on top.
        return [stairs, relu_stairs, label]

    return update
