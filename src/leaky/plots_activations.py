"""Figures of lesson 08: ReLU, Leaky ReLU, sigmoid and tanh side by side, with derivatives.

Introduced in lesson 08 (all functions here). One colour and line style per activation in
every figure (:data:`STYLES`); ReLU is drawn dashed and on top, so that it stays visible
where Leaky ReLU almost covers it.

* :func:`activation_curves`: the data of both panels (pure);
* :func:`draw_activations`: the two panels (functions, derivatives) with legends;
* :func:`plot_activation_comparison`: the explorer's plot function (Leaky ReLU follows
  the slider, the others stay).
"""

from __future__ import annotations

import numpy as np

from ._validate import check_alpha
from .activations import (
    leaky_relu,
    leaky_relu_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    tanh,
    tanh_grad,
)

__all__ = ["NAMES", "STYLES", "LEGEND_FONTSIZE", "activation_curves", "draw_activations",
           "plot_activation_comparison"]

NAMES = ("Leaky ReLU", "ReLU", "sigmoid", "tanh")
#: One style per activation, the same in every figure of the lesson. Leaky ReLU is drawn
#: first and wide, ReLU dashed and black on top of it.
STYLES = {
    "Leaky ReLU": {"color": "C3", "lw": 3.0, "zorder": 2},
    "ReLU": {"color": "black", "lw": 1.5, "ls": "--", "zorder": 4},
    "sigmoid": {"color": "C0", "lw": 2.0, "zorder": 3},
    "tanh": {"color": "C2", "lw": 2.0, "zorder": 3},
}
LEGEND_FONTSIZE = 9


def activation_curves(x, alpha=0.01):
    """``{name: (f(x), f'(x))}`` for the four activations (Leaky ReLU with ``alpha``). Pure."""
    alpha = check_alpha(alpha)
    x = np.asarray(x, dtype=float)
    return {
        "Leaky ReLU": (leaky_relu(x, alpha), leaky_relu_grad(x, alpha)),
        "ReLU": (relu(x), relu_grad(x)),
        "sigmoid": (sigmoid(x), sigmoid_grad(x)),
        "tanh": (tanh(x), tanh_grad(x)),
    }


def _label(name, alpha):
    return f"Leaky ReLU ({alpha:g})" if name == "Leaky ReLU" else name


def draw_activations(ax_f, ax_d, x, alpha=0.01, ylim_f=(-1.5, 3.0), ylim_d=(-0.1, 1.15)):
    """Draw the four functions on ``ax_f`` and their derivatives on ``ax_d``, each with a
    legend. Returns ``{name: (line_f, line_d)}`` (the Leaky ReLU lines can be updated)."""
    curves = activation_curves(x, alpha)
    lines = {}
    for name in NAMES:
        y, dy = curves[name]
        (line_f,) = ax_f.plot(x, y, label=_label(name, alpha), **STYLES[name])
        (line_d,) = ax_d.plot(x, dy, label=_label(name, alpha), **STYLES[name])
        lines[name] = (line_f, line_d)
    ax_f.set(title="Activation functions f(x)", xlabel="x", xlim=(x[0], x[-1]), ylim=ylim_f)
    ax_d.set(title="Derivatives f'(x)", xlabel="x", xlim=(x[0], x[-1]), ylim=ylim_d)
    for ax in (ax_f, ax_d):
        ax.axhline(0, color="0.5", lw=0.8, zorder=1)
        ax.axvline(0, color="0.5", lw=0.8, zorder=1)
    ax_f.legend(loc="upper left", fontsize=LEGEND_FONTSIZE)
    ax_d.legend(loc="upper left", fontsize=LEGEND_FONTSIZE)
    return lines


def plot_activation_comparison(fig, alpha, x_min=-5.0, x_max=5.0):
    """Lesson 08's explorer: :func:`draw_activations` on x in [x_min, x_max]; the slider
    moves Leaky ReLU (and its legend entry), the other three stay."""
    ax_f, ax_d = fig.axes[:2]
    x = np.linspace(x_min, x_max, 401)
    lines = draw_activations(ax_f, ax_d, x, alpha, ylim_f=(-3.0, x_max))
    line_f, line_d = lines["Leaky ReLU"]
    relu_f, relu_d = lines["ReLU"]
    legend_f, legend_d = ax_f.get_legend(), ax_d.get_legend()
    text = ax_d.text(0.98, 0.55, "", transform=ax_d.transAxes, ha="right", va="center",
                     fontsize=LEGEND_FONTSIZE + 1)

    def update(alpha):
        y, dy = activation_curves(x, alpha)["Leaky ReLU"]
        line_f.set_ydata(y)
        line_d.set_ydata(dy)
        for legend in (legend_f, legend_d):
            legend.get_texts()[0].set_text(_label("Leaky ReLU", alpha))
        text.set_text(f"Leaky ReLU's slope\nfor x < 0: {alpha:.2f}")
        # ReLU is redrawn after Leaky ReLU so that it stays on top; the legends too.
        return [line_f, line_d, relu_f, relu_d, legend_f, legend_d, text]

    return update
