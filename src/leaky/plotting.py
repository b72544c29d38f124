"""Plotting helpers shared by the lessons: fixed figure style, the function/derivative panels.

Introduced in lesson 01. The data behind every default plot come from pure functions
(:func:`leaky_curves`), so they can be unit-tested without drawing anything.
"""

from __future__ import annotations

import numpy as np

from ._validate import check_alpha, fail
from .activations import leaky_relu, leaky_relu_grad

__all__ = ["FIGSIZE", "DPI", "EXPLORER_PIXEL_RATIO", "STYLE", "apply_style", "new_figure",
           "leaky_curves", "plot_function_and_derivative", "canvas_to_png"]

#: One size for every explorer figure: stable outputs, no jumping.
FIGSIZE = (9.0, 3.4)
#: Figures are laid out at 80 dots per inch (their size on screen) and drawn with more
#: pixels, so that they stay sharp on high-resolution screens: static figures as "retina"
#: PNG (2x), the explorer at 1.5x, because every slider step encodes a new PNG (measured
#: with bench/bench_widgets.py: about 20 ms a step at 1.5x, 30 ms at 2x, budget 30 ms).
DPI = 80
EXPLORER_PIXEL_RATIO = 1.5
#: matplotlib settings every lesson uses (set by ``start_lesson``).
STYLE = {"figure.figsize": FIGSIZE, "figure.dpi": DPI, "savefig.dpi": DPI,
         "axes.grid": True, "grid.alpha": 0.3, "legend.fontsize": 9}


def apply_style(mpl) -> None:
    """Set the course's figure style on the matplotlib module ``mpl`` and, inside Jupyter,
    make inline figures retina PNG (lesson 01)."""
    mpl.rcParams.update(STYLE)
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: no inline figures
        return
    if get_ipython() is not None:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("retina")


def new_figure(ncols=2, figsize=FIGSIZE):
    """A matplotlib Figure (not attached to pyplot: no double display) with ``ncols`` axes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=DPI * EXPLORER_PIXEL_RATIO)
    FigureCanvasAgg(fig)
    width, height = figsize
    # Margins in inches, so narrow figures keep their tick labels and axis titles.
    fig.subplots_adjust(left=min(0.2, 0.8 / width), right=1 - 0.15 / width,
                        bottom=min(0.25, 0.55 / height), top=1 - 0.35 / height,
                        wspace=0.3)
    fig.subplots(1, ncols)
    return fig


def leaky_curves(alpha, x_min=-5.0, x_max=5.0, num=401):
    """The data of lesson 01's plot: x, leaky_relu(x), its derivative, and f'(0).

    The grid always contains x = 0 exactly (so the kink is drawn where it is) when
    ``x_min < 0 < x_max``. Pure: same arguments, same arrays.
    """
    alpha = check_alpha(alpha)
    if not (np.isfinite(x_min) and np.isfinite(x_max) and x_min < x_max):
        fail("x_min, x_max", "finite numbers with x_min < x_max", (x_min, x_max))
    x = np.linspace(x_min, x_max, num)
    if x_min < 0 < x_max:
        x = np.union1d(x, [0.0])
    return {
        "x": x,
        "y": leaky_relu(x, alpha),
        "dy": leaky_relu_grad(x, alpha),
        "dy0": float(leaky_relu_grad(0.0, alpha)),
    }


def plot_function_and_derivative(fig, alpha, x_min=-5.0, x_max=5.0):
    """Lesson 01's default explorer plot: Leaky ReLU (left) and its derivative (right).

    Draws everything that does not depend on alpha once, marks the value at x = 0, keeps
    the axis limits fixed (the picture does not jump), and returns ``update(alpha)``, which
    changes only the curves and labels and returns them: the explorer then redraws just
    those (fast). Every explorer plot function can follow this pattern.
    """
    ax_f, ax_d = fig.axes[:2]
    x = leaky_curves(0.0, x_min, x_max)["x"]
    top = 1.45  # room above f' = 1 for the legend
    (line_f,) = ax_f.plot(x, x, color="C0", lw=3, label="Leaky ReLU")
    # ReLU is drawn after Leaky ReLU (it is redrawn on every step too), dashed and dark, so
    # that it stays visible where the two almost coincide (small alpha).
    (relu_f,) = ax_f.plot(x, np.maximum(x, 0), color="k", lw=1.2, ls="--", label="ReLU")
    ax_f.plot([0], [0], "o", color="C3", label="f(0) = 0", zorder=4)
    ax_f.set(title="Leaky ReLU  f(x)", xlabel="x", xlim=(x_min, x_max),
             ylim=(min(x_min, -1.0), x_max))
    (line_d,) = ax_d.plot(x, x, color="C1", lw=2, drawstyle="steps-post", label="f'(x)")
    (dot_d,) = ax_d.plot([0], [0], "o", color="C3", label="f'(0) = alpha")
    ax_d.set(title="Derivative  f'(x)", xlabel="x", xlim=(x_min, x_max), ylim=(-0.1, top))
    for ax in (ax_f, ax_d):
        ax.grid(True, alpha=0.3)
        ax.axhline(0, color="0.3", lw=0.8)
        ax.axvline(0, color="0.3", lw=0.8)
    ax_f.legend(loc="upper left")
    ax_d.legend(loc="upper left", ncols=2)
    label = ax_d.text(0.98, 0.45, "", transform=ax_d.transAxes, ha="right", va="center")

    def update(alpha):
        data = leaky_curves(alpha, x_min, x_max)
        line_f.set_ydata(data["y"])
        line_d.set_ydata(np.clip(data["dy"], -0.1, top))
        dot_d.set_ydata([min(data["dy0"], top)])
        label.set_text(f"alpha = {alpha:.2f}\nslope for x < 0: {data['dy'][0]:.2f}\n"
                       f"jump at 0: {1 - alpha:+.2f}")
        return [line_f, relu_f, line_d, dot_d, label]

    return update


def canvas_to_png(canvas) -> bytes:
    """Encode what an Agg canvas holds as PNG bytes, fast (low zlib effort, no metadata)."""
    import io

    from PIL import Image

    width, height = canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="png", compress_level=1)
    return buffer.getvalue()
