"""Lesson 03's explorer: Leaky ReLU's subgradients at the kink, and the derivative's
possible values at 0.

Introduced in lesson 03 (both functions). The fan's outline comes from the pure function
:func:`subgradient_fan`, which the tests check without drawing anything.
"""

from __future__ import annotations

import numpy as np

from .activations import leaky_relu, leaky_relu_grad

__all__ = ["subgradient_fan", "plot_subgradients"]


def subgradient_fan(alpha, x):
    """The region swept by the lines ``g * x`` for every slope ``g`` between ``alpha`` and 1.

    Returns ``(lower, upper)`` on the grid ``x``: for each x the smallest and largest
    ``g * x``. For ``alpha <= 1`` every such line stays below Leaky ReLU (a subgradient),
    so ``upper`` is the function itself.
    """
    x = np.asarray(x, dtype=float)
    return np.minimum(alpha * x, x), np.maximum(alpha * x, x)


def plot_subgradients(fig, alpha, x_limit=2.0, num=401):
    """Lesson 03's explorer plot. Left: Leaky ReLU and the fan of subgradient lines at 0.
    Right: the derivative, the segment ``[alpha, 1]`` of valid values at 0, the slide's 1
    (grey) and the frameworks' ``alpha`` (red). Returns ``update(alpha)``."""
    ax_f, ax_d = fig.axes[:2]
    x = np.linspace(-x_limit, x_limit, num)
    (line_f,) = ax_f.plot(x, x, color="C0", lw=2.5, label="f(x)")
    fan = ax_f.fill_between(x, x, x, color="C2", alpha=0.25, label="subgradient lines")
    ax_f.set(xlim=(-x_limit, x_limit), ylim=(-x_limit, x_limit), xlabel="x",
             title="Leaky ReLU and its subgradients")
    (line_d,) = ax_d.plot(x, x, color="C1", lw=2, label="f'(x)")
    (segment,) = ax_d.plot([0, 0], [0, 1], color="C2", lw=6, alpha=0.5,
                           label="valid values at 0")
    (slide_dot,) = ax_d.plot([0], [1], "o", color="0.5", label="slide: 1")
    (dot,) = ax_d.plot([0], [0], "o", color="C3", label="torch/tf: alpha")
    ax_d.set(xlim=(-x_limit, x_limit), ylim=(-0.1, 1.2), xlabel="x", title="Derivative")
    for ax in (ax_f, ax_d):
        ax.grid(True, alpha=0.3)
        ax.axhline(0, color="0.3", lw=0.8)
        ax.axvline(0, color="0.3", lw=0.8)

    ax_f.legend(loc="upper left", fontsize=9)
    ax_d.legend(loc="lower right", fontsize=9)  # right of 0, below f' = 1: always empty

    def update(alpha):
        line_f.set_ydata(leaky_relu(x, alpha))
        lower, upper = subgradient_fan(alpha, x)
        fan.set_verts([np.column_stack([np.r_[x, x[::-1]], np.r_[lower, upper[::-1]]])])
        line_d.set_ydata(leaky_relu_grad(x, alpha))
        segment.set_ydata([alpha, 1])
        dot.set_ydata([alpha])
        return [fan, line_f, line_d, segment, slide_dot, dot]  # dots on top

    return update
