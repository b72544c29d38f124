"""Lesson 04's figures: reading Leaky ReLU's two slopes and its derivative's jump, with the
y axis zoomed where a small slope hides.

Introduced in lesson 04 (every function here). The pure parts (:func:`slope_triangles`,
:func:`mystery_curve`, :func:`square_window_drop`) are unit-tested without drawing.

Why the y axis only: Leaky ReLU is positively homogeneous, ``f(c*x) = c*f(x)`` for every
``c > 0``, so a window that shrinks both axes by the same factor draws the same picture with
other tick labels (:func:`plot_square_windows` shows it; exercise 04.2 asks for it first).
"""

from __future__ import annotations

import numpy as np

from .activations import leaky_relu, leaky_relu_grad
from .plotting import FIGSIZE

__all__ = ["slope_triangles", "plot_slopes", "mystery_curve", "plot_mystery",
           "square_window_drop", "plot_square_windows", "MYSTERY_X_LIMIT"]

#: The mystery curve of exercise 04.1 is drawn on [-MYSTERY_X_LIMIT, MYSTERY_X_LIMIT].
MYSTERY_X_LIMIT = 10.0
#: Its slope left of 0: what the student reads off the zoomed plot (the checker imports it).
_MYSTERY_ALPHA = 0.03


def slope_triangles(alpha, run, y_max):
    """Rise-over-run triangles at the kink: ``{"left": (xs, ys), "right": (xs, ys)}``.

    Left: from the origin, ``run`` to the left, then down by ``alpha * run``. Right: a
    triangle with equal legs, as long as fits in the window (``<= 0.8 * y_max``), rising
    with slope 1.
    """
    right = min(run, 0.8 * y_max)
    return {"left": ([0.0, -run, -run], [0.0, 0.0, -alpha * run]),
            "right": ([0.0, right, right], [0.0, 0.0, right])}


def plot_slopes(fig, alpha, y_max=5.0, x_limit=5.0):
    """Lesson 04's explorer plot. Left: f(x) on ``[-x_limit, x_limit]`` with the y axis
    zoomed to ``[-y_max, y_max]`` and a rise-over-run triangle on each side. Right: f'(x),
    a step that jumps by ``1 - alpha`` at 0. Returns ``update(alpha, y_max)``."""
    ax_f, ax_d = fig.axes[:2]
    xs = np.union1d(np.linspace(-x_limit, x_limit, 401), [0.0])
    run = x_limit / 2
    (line_f,) = ax_f.plot(xs, xs, color="C0", lw=2, label="f(x)")
    (tri_left,) = ax_f.plot([], [], color="C3", lw=1.2, ls="--")
    tri_right = slope_triangles(alpha, run, y_max)["right"]
    ax_f.plot(*tri_right, color="C2", lw=1.2, ls="--")
    ax_f.text(tri_right[0][1], tri_right[1][2] / 2, " slope 1", color="C2", fontsize=9)
    left_label = ax_f.text(0.03, 0.96, "", transform=ax_f.transAxes, color="C3", fontsize=9,
                         va="top")  # upper left: f <= 0 for x < 0, always empty
    ax_f.set(xlim=(-x_limit, x_limit), ylim=(-y_max, y_max), xlabel="x",
             title=f"f(x), y axis from {-y_max:.3g} to {y_max:.3g}")
    (line_d,) = ax_d.plot(xs, xs, color="C1", lw=2, label="f'(x)")
    (jump,) = ax_d.plot([0, 0], [0, 1], color="C3", lw=2, marker="_", markersize=12)
    jump_label = ax_d.text(0.05 * x_limit, 0.5, "", color="C3", fontsize=10)
    ax_d.set(xlim=(-x_limit, x_limit), ylim=(-0.1, 1.2), xlabel="x", title="f'(x): a step")
    for ax in (ax_f, ax_d):
        ax.grid(True, alpha=0.3)
        ax.axhline(0, color="0.3", lw=0.8)
        ax.axvline(0, color="0.3", lw=0.8)

    def update(alpha, y_max=y_max):
        line_f.set_ydata(leaky_relu(xs, alpha))
        tri_left.set_data(*slope_triangles(alpha, run, y_max)["left"])
        left_label.set_text(f"left of 0:\ndown {alpha * run:.3g} over {run:g}\n"
                            f"slope {alpha:.3g}")
        line_d.set_ydata(leaky_relu_grad(xs, alpha))
        jump.set_ydata([alpha, 1])
        jump_label.set_text(f"jump 1 - alpha = {1 - alpha:.2f}")
        return [line_f, tri_left, left_label, line_d, jump, jump_label]

    return update


def mystery_curve(num=801):
    """Exercise 04.1's curve: ``(x, y)`` of a Leaky ReLU whose alpha is not shown."""
    x = np.union1d(np.linspace(-MYSTERY_X_LIMIT, MYSTERY_X_LIMIT, num), [0.0])
    return x, leaky_relu(x, _MYSTERY_ALPHA)


def plot_mystery(y_zoom=0.5):
    """Exercise 04.1's figure: the mystery curve as the slide plots it (left), and with the
    y axis zoomed to ``[-y_zoom, y_zoom]`` (right). Returns the pyplot figure."""
    import matplotlib.pyplot as plt

    x, y = mystery_curve()
    fig, (ax_full, ax_zoom) = plt.subplots(1, 2, figsize=FIGSIZE)
    for ax in (ax_full, ax_zoom):
        ax.plot(x, y, color="C0", lw=2)
        ax.axhline(0, color="0.3", lw=0.8)
        ax.axvline(0, color="0.3", lw=0.8)
        ax.set(xlim=(-MYSTERY_X_LIMIT, MYSTERY_X_LIMIT), xlabel="x",
               xticks=np.arange(-MYSTERY_X_LIMIT, MYSTERY_X_LIMIT + 1, 2))
        ax.grid(True, alpha=0.4)
    ax_full.set(title="a Leaky ReLU, as the slide plots it")
    ax_zoom.set(ylim=(-y_zoom, y_zoom), yticks=np.linspace(-y_zoom, y_zoom, 11),
                title=f"the same curve, y axis zoomed to ±{y_zoom:g}")
    fig.tight_layout()
    return fig


def square_window_drop(alpha, half_width):
    """How far below 0 Leaky ReLU is at the left edge of the square window
    ``xlim = ylim = (-half_width, half_width)``, as a fraction of the half-height."""
    return -float(leaky_relu(-half_width, alpha)) / half_width


def plot_square_windows(alpha, half_widths=(10.0, 1.0, 0.1)):
    """The reveal of exercise 04.2: Leaky ReLU in square windows of several sizes (both
    axes zoomed together). Returns the pyplot figure."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(half_widths), figsize=(FIGSIZE[0], FIGSIZE[0] / 3.2))
    for ax, half in zip(axes, half_widths, strict=True):
        x = np.linspace(-half, half, 401)
        ax.plot(x, leaky_relu(x, alpha), color="C0", lw=2)
        ax.axhline(0, color="0.3", lw=0.8)
        ax.axvline(0, color="0.3", lw=0.8)
        ax.set(xlim=(-half, half), ylim=(-half, half), aspect="equal", xlabel="x",
               title=f"xlim = ylim = ±{half:g}")
        ax.grid(True, alpha=0.3)
    fig.tight_layout()
    return fig
