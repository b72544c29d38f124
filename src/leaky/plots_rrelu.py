"""Lesson 15's explorer: one fixed slope (Leaky ReLU) among RReLU's random slopes and the
slopes PReLU learned.

    samples = np.sort(slopes drawn by torch.nn.RReLU() in training)      # lesson 15
    rrelu_picture(0.25, samples, lower=1/8, upper=1/3)   # {"share_below": ..., "in_range": ...}
    alpha_explorer(functools.partial(plot_rrelu_band, samples=samples, lower=1/8, upper=1/3))

Introduced in lesson 15. :func:`rrelu_picture` is pure and unit-tested
(``tests/test_lesson14_15.py``); :func:`plot_rrelu_band` only draws.
"""

from __future__ import annotations

import numpy as np

from ._validate import check_alpha, fail
from .activations import leaky_relu

__all__ = ["rrelu_picture", "plot_rrelu_band", "PRELU_DEEP", "PRELU_CONV1", "XU_TEST_SLOPE"]

#: Quoted from He et al. (2015) and Xu et al. (2015): lesson 15 prints where they come from.
PRELU_DEEP = (0.1, 0.2)
PRELU_CONV1 = 0.681
XU_TEST_SLOPE = 1 / 5.5
X_BAND = np.linspace(-3.0, 1.0, 201)


def rrelu_picture(alpha, samples, lower, upper) -> dict:
    """Where ``alpha`` sits among RReLU's slopes (pure): the share of the sorted ``samples``
    below it, and whether it lies in RReLU's training range ``[lower, upper]``."""
    alpha = check_alpha(alpha)
    samples = np.asarray(samples)
    if samples.ndim != 1 or samples.size == 0 or np.any(np.diff(samples) < 0):
        fail("samples", "a non-empty sorted 1-d array of slopes", samples)
    below = np.searchsorted(samples, alpha) / samples.size
    return {"share_below": float(below), "in_range": bool(lower <= alpha <= upper)}


def plot_rrelu_band(fig, alpha, *, samples, lower, upper):
    """Left: RReLU's band of functions in training, its eval-mode slope, Xu et al.'s test
    slope and a Leaky ReLU with the slider's alpha. Right: the sampled RReLU slopes, He et
    al.'s PReLU slopes (quoted) and the slider's alpha (lesson 15)."""
    ax, ax_hist = fig.axes
    eval_slope = (lower + upper) / 2
    x = X_BAND
    ax.fill_between(x, leaky_relu(x, lower), leaky_relu(x, upper), color="C0", alpha=0.25,
                    label=f"RReLU training: [{lower:.3g}, {upper:.3g}]")
    ax.plot(x, leaky_relu(x, eval_slope), "--", color="C0", label=f"RReLU eval: {eval_slope:.4f}")
    ax.plot(x, leaky_relu(x, XU_TEST_SLOPE), ":", color="k", label="Xu et al. test: 1/5.5")
    (line,) = ax.plot(x, x, color="C3", lw=1.8, label="Leaky ReLU, your alpha")
    ax.axhline(0, color="0.4", lw=0.8)
    ax.axvline(0, color="0.4", lw=0.8)
    # The band reaches -1 at x = -3; steeper red lines leave the frame at the bottom.
    ax.set(xlim=(x[0], x[-1]), ylim=(-1.1, 1.05), xlabel="x", title="RReLU's band of functions")
    # x < 0, y > 0 holds no curve: the legend goes there, the label to x > 0, y < 0.
    ax.legend(loc="upper left", fontsize=9)
    label = ax.text(0.97, 0.04, "", transform=ax.transAxes, ha="right", va="bottom",
                    fontsize=9, color="C3")

    counts, _, _ = ax_hist.hist(samples, bins=np.linspace(0, 1, 101), color="C0", alpha=0.6,
                                label="RReLU draws")
    # Vertical marks stop at 72% of the height: the legend lives above them, covering nothing.
    top = 0.72
    ax_hist.axvspan(*PRELU_DEEP, ymax=top, color="C2", alpha=0.2,
                    label="PReLU deep (He)")
    ax_hist.axvline(PRELU_CONV1, ymax=top, color="C2", lw=1.5, label="PReLU conv1 (He)")
    ax_hist.axvline(eval_slope, ymax=top, color="C0", ls="--", lw=1, label="RReLU eval")
    cursor = ax_hist.axvline(alpha, ymax=top, color="C3", lw=1.8)
    ax_hist.set(xlim=(0, 1), ylim=(0, counts.max() / (top - 0.1)), xlabel="slope",
                ylabel="draws", title="slopes")
    ax_hist.legend(loc="upper center", ncols=2, fontsize=9)

    def update(alpha):
        data = rrelu_picture(alpha, samples, lower, upper)
        line.set_ydata(leaky_relu(x, alpha))
        cursor.set_xdata([alpha, alpha])
        label.set_text(f"alpha = {alpha:.2f}\nRReLU draws below: {data['share_below']:.0%}\n"
                       f"in RReLU's range: {'yes' if data['in_range'] else 'no'}")
        return [line, cursor, label]

    return update
