"""The alpha explorer: a slider for alpha driving a live plot (lesson 01, used by every lesson).

The explorer is the widget; the plot functions it drives live in ``leaky.plotting``.

    explorer = alpha_explorer()                         # Leaky ReLU and its derivative
    alpha_explorer(my_plot, alpha=0.2, max=2.0)         # a lesson's own plot
    alpha_explorer(my_plot, log=True, min=1e-3)         # a log-scale slider

A plot function has the signature ``plot(fig, alpha, **controls)`` and draws on the axes
of ``fig`` (already cleared). Extra controls (e.g. an x-range slider) are passed as keyword
arguments named like the ``controls`` dict.

Fast path (what keeps a slider step under 30 ms): the plot function draws what does not
change and returns ``update(alpha, **controls)``, which sets the new data on its artists and
returns the list of artists it changed. The explorer then draws the unchanging background
once and, on each step, only those artists (blitting). A plot function that returns None is
redrawn from scratch on every step: simpler, and slower. A change of an extra control
(which may change axis limits) always redraws from scratch.

How it displays: one output that carries both the live widget and a static PNG of the
figure at the starting alpha. JupyterLab with a running kernel shows the widget (the PNG is
not shown twice); GitHub, nbviewer and HTML exports, which cannot run widgets, show the PNG.
The figure is rendered to an ``ipywidgets.Image`` of fixed size: no flicker, no jumping.
An exception in the plot function while the slider moves is shown under the plot.
"""

from __future__ import annotations

import base64
import math
import time
import traceback

from ._validate import check_alpha, check_real, fail
from .plotting import DPI, FIGSIZE, canvas_to_png, new_figure, plot_function_and_derivative

__all__ = ["alpha_explorer", "AlphaExplorer"]


class AlphaExplorer:
    """A slider (plus optional extra controls) and the figure it drives.

    Attributes: ``slider``, ``controls`` (dict of extra widgets), ``image`` (the plot),
    ``errors`` (an Output widget where callback exceptions appear), ``widget`` (the VBox),
    ``last_render_seconds``.
    """

    def __init__(self, plot, alpha, *, min, max, step, log, ncols, figsize, controls,
                 description):
        import ipywidgets as widgets

        if not callable(plot):
            fail("plot", "a function plot(fig, alpha, **controls)", plot, error=TypeError)
        self.plot = plot
        self.controls = dict(controls or {})
        self.fig = new_figure(ncols, figsize)
        width, height = (round(v * DPI) for v in figsize)  # on screen; drawn denser
        if log:
            self.slider = widgets.FloatLogSlider(
                value=alpha, base=10, min=math.log10(min), max=math.log10(max),
                step=step, description=description, readout_format=".3g",
                continuous_update=True, layout=widgets.Layout(width="60%"))
        else:
            self.slider = widgets.FloatSlider(
                value=alpha, min=min, max=max, step=step, description=description,
                readout_format=".2f", continuous_update=True,
                layout=widgets.Layout(width="60%"))
        self.image = widgets.Image(format="png", width=width, height=height,
                                   layout=widgets.Layout(width=f"{width}px",
                                                         height=f"{height}px"))
        self.errors = widgets.Output()
        self.widget = widgets.VBox([self.slider, *self.controls.values(), self.image,
                                    self.errors])
        self.last_render_seconds = 0.0
        self._update = None
        self._background = None
        self.render()  # a broken plot function fails loudly here, when the cell runs
        self._static_png = self.image.value
        self._start_alpha = alpha
        for control in (self.slider, *self.controls.values()):
            control.observe(self._on_change, names="value")

    @property
    def alpha(self) -> float:
        return float(self.slider.value)

    def render(self, alpha=None, *, full=False) -> float:
        """Redraw the figure at ``alpha`` (default: the slider's value); return seconds taken.

        Uses the plot function's ``update`` (blitting) when it has one, unless ``full``.
        """
        start = time.perf_counter()
        alpha = self.alpha if alpha is None else check_alpha(alpha)
        values = {name: control.value for name, control in self.controls.items()}
        canvas = self.fig.canvas
        if full or self._update is None:
            for ax in self.fig.axes:
                ax.clear()
            self._update = self.plot(self.fig, alpha, **values)
            if self._update is None:
                canvas.draw()
            else:
                artists = self._update(alpha, **values)
                for artist in artists:
                    artist.set_animated(True)
                canvas.draw()  # everything but the animated artists
                self._background = canvas.copy_from_bbox(self.fig.bbox)
                self._draw_artists(artists)
        else:
            canvas.restore_region(self._background)
            self._draw_artists(self._update(alpha, **values))
        self.image.value = canvas_to_png(canvas)
        self.last_render_seconds = time.perf_counter() - start
        return self.last_render_seconds

    def _draw_artists(self, artists):
        for artist in artists:
            (artist.axes or self.fig).draw_artist(artist)

    def _on_change(self, change):
        try:
            self.render(full=change["owner"] is not self.slider)
        except Exception:  # shown to the student under the plot, never swallowed
            self.errors.outputs = ()
            self.errors.append_stderr(traceback.format_exc())
        else:
            if self.errors.outputs:
                self.errors.outputs = ()

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        bundle["image/png"] = base64.b64encode(self._static_png).decode("ascii")
        bundle["text/plain"] = (f"alpha explorer ({_name_of(self.plot)}); static figure at "
                                f"alpha = {self._start_alpha:g}. Run the notebook to move "
                                "the slider.")
        return bundle


def _name_of(plot) -> str:
    """A readable name for a plot function, also for functools.partial and callable objects."""
    inner = getattr(plot, "func", plot)  # functools.partial keeps the function in .func
    return getattr(inner, "__name__", type(inner).__name__)


def alpha_explorer(plot=plot_function_and_derivative, alpha=0.01, *, min=0.0, max=1.0,
                   step=0.01, log=False, ncols=2, figsize=FIGSIZE, controls=None,
                   description="alpha"):
    """Build an :class:`AlphaExplorer`; put it last in a cell to show it.

    ``min``/``max``/``step`` set the slider's range (default 0 to 1 in steps of 0.01).
    With ``log=True`` the slider moves on a log scale between ``min`` and ``max`` (both > 0)
    and ``step`` is in powers of ten. ``controls`` maps plot keyword names to extra widgets.
    """
    for name, value in (("min", min), ("max", max)):
        check_alpha(value, name)
    if not min < max:
        fail("max", f"greater than min = {min}", max)
    step = check_real(step, "step", low=0, low_open=True)
    if log and min <= 0:
        fail("min", "a number > 0 when log=True (log10(0) is -inf)", min)
    alpha = check_alpha(alpha)
    if not min <= alpha <= max:
        fail("alpha", f"between min = {min} and max = {max}", alpha)
    return AlphaExplorer(plot, alpha, min=min, max=max, step=step, log=log, ncols=ncols,
                             figsize=figsize, controls=controls, description=description)
