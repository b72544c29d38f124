"""The alpha explorer: pure plot data over a grid of alphas, rendering, errors, display."""

import numpy as np
import pytest

from leaky.explorer import alpha_explorer
from leaky.plotting import leaky_curves

ALPHAS = np.round(np.linspace(0, 2, 41), 2)


@pytest.mark.parametrize("alpha", ALPHAS)
def test_curves_properties(alpha):
    data = leaky_curves(alpha)
    x, y, dy = data["x"], data["y"], data["dy"]
    assert 0.0 in x and y[x == 0][0] == 0.0
    assert np.all(dy[x < 0] == alpha) and np.all(dy[x > 0] == 1)
    assert data["dy0"] == alpha
    # continuity at 0: the neighbours of 0 are within one grid step's change
    i = int(np.flatnonzero(x == 0)[0])
    step = x[i + 1] - x[i]
    assert abs(y[i + 1] - y[i]) <= step * max(1, alpha) + 1e-12
    assert abs(y[i] - y[i - 1]) <= step * max(1, alpha) + 1e-12


def test_slider_moves_the_plot_and_is_fast_path():
    explorer = alpha_explorer(alpha=0.1)
    first = explorer.image.value
    explorer.slider.value = 0.5
    assert explorer.image.value != first
    assert explorer._background is not None  # the default plot uses the blitting path
    explorer.slider.value = 0.1
    assert explorer.image.value == first  # same alpha, same picture


def test_static_png_and_text_in_the_display_bundle():
    bundle = alpha_explorer(alpha=0.2)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["image/png"]
    assert "alpha = 0.2" in bundle["text/plain"]


def test_exception_in_callback_is_shown_not_swallowed():
    calls = []

    def plot(fig, alpha):
        calls.append(alpha)
        if alpha > 0.5:
            raise ZeroDivisionError("boom at alpha > 0.5")
        fig.axes[0].plot([0, 1], [0, alpha])

    explorer = alpha_explorer(plot, alpha=0.1, ncols=1)
    explorer.slider.value = 0.9
    shown = "".join(o.get("text", "") for o in explorer.errors.outputs)
    assert "ZeroDivisionError: boom at alpha > 0.5" in shown
    explorer.slider.value = 0.2  # a good value clears the error
    assert explorer.errors.outputs == ()
    assert calls == [0.1, 0.9, 0.2]


def test_log_slider_and_bad_arguments():
    explorer = alpha_explorer(alpha=0.01, log=True, min=1e-3, max=1.0, step=0.1)
    assert explorer.slider.min == pytest.approx(-3)
    with pytest.raises(ValueError, match="^min must be a number > 0 when log=True"):
        alpha_explorer(log=True)
    with pytest.raises(ValueError, match="^alpha must be between"):
        alpha_explorer(alpha=1.5)
    with pytest.raises(TypeError, match="^plot must be a function"):
        alpha_explorer(plot="not a function")


def test_extra_control_is_passed_to_the_plot():
    import ipywidgets as widgets

    seen = []

    def plot(fig, alpha, x_max):
        seen.append(x_max)
        fig.axes[0].plot([0, x_max], [0, alpha])

    explorer = alpha_explorer(plot, ncols=1, controls={"x_max": widgets.FloatSlider(value=2.0)})
    explorer.controls["x_max"].value = 4.0
    assert seen == [2.0, 4.0]
