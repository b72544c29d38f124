"""Lesson 02's explorer: the two definitions of Leaky ReLU, the piecewise rule and
``max(alpha*x, x)``, and where they differ.

Introduced in lesson 02 (both functions). The data come from the pure function
:func:`two_forms`, which the tests check without drawing anything.
"""

from __future__ import annotations

import numpy as np

__all__ = ["two_forms", "plot_two_forms"]


def two_forms(alpha, x):
    """The piecewise rule, the max form and where they differ, on the grid ``x``.

    Returns ``{"piecewise": ..., "max_form": ..., "differ": bool mask}``. Both forms return
    one of the same two floats (``x`` or ``alpha * x``), so the mask compares exactly.
    Any real ``alpha`` is accepted (lesson 02 also tries negative ones).
    """
    x = np.asarray(x, dtype=float)
    piecewise = np.where(x > 0, x, alpha * x)
    max_form = np.maximum(alpha * x, x)
    return {"piecewise": piecewise, "max_form": max_form, "differ": piecewise != max_form}


def plot_two_forms(fig, alpha, x_limit=3.0, num=301):
    """Lesson 02's explorer plot: the two forms on ``[-x_limit, x_limit]``, shaded where
    they differ, with the number of grid points where they do. Returns ``update(alpha)``."""
    ax = fig.axes[0]
    x = np.linspace(-x_limit, x_limit, num)
    ax.plot(x, x, color="0.7", lw=1, ls=":", label="y = x")
    (line_pw,) = ax.plot(x, x, color="C0", lw=2.5, label="piecewise (the definition)")
    (line_max,) = ax.plot(x, x, color="C1", lw=2, ls="--", label="max(alpha*x, x)")
    shade = ax.fill_between(x, x, x, color="C3", alpha=0.25, label="forms differ")
    y_limit = 2.2 * x_limit
    ax.set(xlim=(-x_limit, x_limit), ylim=(-y_limit, y_limit), xlabel="x",
           title="Two definitions of Leaky ReLU")
    ax.axhline(0, color="0.3", lw=0.8)
    ax.axvline(0, color="0.3", lw=0.8)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper left", fontsize=9)
    label = ax.text(0.98, 0.05, "", transform=ax.transAxes, ha="right", fontsize=10)

    def update(alpha):
        forms = two_forms(alpha, x)
        line_pw.set_ydata(forms["piecewise"])
        line_max.set_ydata(forms["max_form"])
        outline = np.column_stack([np.r_[x, x[::-1]],
                                   np.r_[forms["piecewise"], forms["max_form"][::-1]]])
        shade.set_verts([outline])
        label.set_text(f"alpha = {alpha:.2f}: differ at {forms['differ'].sum()} "
                       f"of {x.size} points")
        return [shade, line_pw, line_max, label]

    return update
