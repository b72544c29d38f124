"""Lesson 05's figures: dead units paired by seed (the explorer), loss curves and the epochs
saved, seed by seed.

Introduced in lesson 05 (every function here). The numbers behind the pictures come from
the pure functions :func:`paired_signs`, :func:`dead_units_view` and :func:`swarm_offsets`,
which the tests check without drawing anything. :class:`TextStamp` keeps the explorer's
slider step fast: its label changes on every step, and rasterising text is the slowest part
of a blitted step, so each distinct label is rasterised once and then pasted as pixels.

Conventions of the data the lesson passes in:

* ``dead``: dead fractions, shape (learning rates, alphas, seeds, epochs + 1), NaN from the
  epoch on which a run diverged (a diverged run has no dead units to count);
* ``losses``: training losses, shape (alphas, seeds, epochs + 1);
* alphas and learning rates are lists of floats, ``alphas[0] == 0`` (ReLU, the reference).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.artist import Artist

__all__ = ["paired_signs", "nearest", "dead_units_view", "swarm_offsets", "TextStamp",
           "plot_dead_units", "plot_loss_panels", "plot_epochs_saved"]

#: Where diverged runs are drawn on the explorer's percentage axes (above 100%).
DIVERGED_AT = 108.0


def paired_signs(reference, other, tol=1e-9) -> dict:
    """Compare ``other`` with ``reference`` seed by seed (same index = same seed).

    Returns counts ``{"lower", "same", "higher", "diverged"}``: ``other`` below, equal to
    (within ``tol``) or above ``reference``, and pairs where either value is NaN (a run that
    diverged). The counts add up to the number of seeds.
    """
    reference = np.asarray(reference, dtype=float)
    other = np.asarray(other, dtype=float)
    if reference.shape != other.shape or reference.ndim != 1:
        raise ValueError(f"reference and other must be 1-D arrays of the same length, got "
                         f"shapes {reference.shape} and {other.shape}")
    diverged = np.isnan(reference) | np.isnan(other)
    diff = np.where(diverged, 0.0, other - reference)
    return {"lower": int(np.sum(~diverged & (diff < -tol))),
            "same": int(np.sum(~diverged & (np.abs(diff) <= tol))),
            "higher": int(np.sum(~diverged & (diff > tol))),
            "diverged": int(np.sum(diverged))}


def nearest(grid, value) -> int:
    """The index of the grid value closest to ``value`` (the first one on a tie)."""
    return int(np.argmin(np.abs(np.asarray(grid, dtype=float) - value)))


def dead_units_view(dead, alphas, lrs, alpha, lr) -> dict:
    """What the explorer shows for the slider's ``alpha`` and the chosen learning rate.

    Returns, in percent: ``relu`` and ``other`` (final dead fraction per seed, NaN =
    diverged), ``curves`` (seeds, epochs + 1) for the nearest trained alpha, ``relu_curves``,
    ``signs`` (:func:`paired_signs` of other against ReLU), and ``alpha`` (the nearest trained
    alpha) and ``lr``.
    """
    dead = np.asarray(dead, dtype=float)
    k, a = nearest(lrs, lr), nearest(alphas, alpha)
    relu_curves, curves = 100 * dead[k, 0], 100 * dead[k, a]
    return {"relu": relu_curves[:, -1], "other": curves[:, -1], "curves": curves,
            "relu_curves": relu_curves, "signs": paired_signs(relu_curves[:, -1], curves[:, -1]),
            "alpha": float(alphas[a]), "lr": float(lrs[k])}


def _jitter(n, width=1.2):
    """Fixed small horizontal offsets, so that seeds with equal values stay visible."""
    return width * (np.arange(n) % 5 - 2) / 2


def swarm_offsets(values, spacing=0.04):
    """Horizontal offsets that put equal values side by side, centred on 0, so that every
    seed of a dot plot stays visible (``values`` of a row of ``plot_epochs_saved``)."""
    values = np.asarray(values)
    offsets = np.zeros(values.shape, dtype=float)
    for value in np.unique(values):
        where = np.flatnonzero(values == value)
        offsets[where] = spacing * (np.arange(where.size) - (where.size - 1) / 2)
    return offsets


def _segments(curves):
    """One polyline (epoch, value) per row of ``curves``, cut where the run diverged (NaN)."""
    epochs = np.arange(np.shape(curves)[-1])
    return [np.column_stack([epochs, c])[np.isfinite(c)] for c in curves]


@lru_cache(maxsize=512)
def _text_pixels(text, fontsize, color, dpi):
    """``text`` rasterised once: an RGBA array, bottom row first (what Agg's draw_image
    takes), with a 2-pixel transparent margin."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(dpi=dpi)
    canvas = FigureCanvasAgg(fig)
    fig.patch.set_alpha(0)
    label = fig.text(0, 0, text, fontsize=fontsize, color=color)
    box = label.get_window_extent(canvas.get_renderer())
    width, height = int(np.ceil(box.width)) + 4, int(np.ceil(box.height)) + 4
    fig.set_size_inches(width / dpi, height / dpi)
    label.set_position(((2 - box.x0) / width, (2 - box.y0) / height))
    canvas.draw()
    return np.ascontiguousarray(np.asarray(canvas.buffer_rgba())[::-1])


class TextStamp(Artist):
    """A text label that is rasterised once per distinct string and then pasted as pixels.

    Drawing text is the slow part of a blitted slider step (tens of milliseconds for a few
    lines); pasting a cached image costs almost nothing. ``xy`` is the label's top-left
    corner in axes coordinates. Use :meth:`prerender` for the strings a slider will show,
    so that no step pays for the first rasterisation. Introduced in lesson 05.
    """

    def __init__(self, xy, *, fontsize=9, color="black"):
        super().__init__()
        self.xy, self.fontsize, self.color = tuple(xy), fontsize, color
        self._text = ""

    def set_text(self, text):
        self._text = str(text)
        self.stale = True

    def get_text(self):
        return self._text

    def prerender(self, texts, dpi):
        for text in texts:
            _text_pixels(str(text), self.fontsize, self.color, dpi)

    def draw(self, renderer):
        if not self.get_visible() or not self._text:
            return
        pixels = _text_pixels(self._text, self.fontsize, self.color, renderer.dpi)
        x, y = self.axes.transAxes.transform(self.xy)
        gc = renderer.new_gc()
        renderer.draw_image(gc, round(x), round(y) - pixels.shape[0], pixels)
        gc.restore()
        self.stale = False


def _counts_text(view):
    s = view["signs"]
    return (f"against ReLU, same seed:\n{s['lower']} fewer dead, {s['same']} same,\n"
            f"{s['higher']} more, {s['diverged']} diverged")


def plot_dead_units(fig, alpha, lr, *, dead, alphas, lrs):
    """Lesson 05's explorer: dead units after training, paired by seed (left), and during
    training (right), for the nearest trained alpha at learning rate ``lr``.

    Left: one dot per seed, ReLU's dead percentage across, the slider alpha's up; below the
    diagonal = fewer dead units than ReLU with the same seed. A diverged run is a red cross
    in the band at the top. Right: every seed's dead percentage per epoch, the alpha's in
    blue under ReLU's, dashed, drawn on top. Returns ``update(alpha, lr)``.
    """
    from matplotlib.collections import LineCollection

    ax_p, ax_t = fig.axes[:2]
    view = dead_units_view(dead, alphas, lrs, alpha, lr)
    n_seeds, n_points = view["relu_curves"].shape
    jitter = _jitter(n_seeds)
    top = DIVERGED_AT + 6
    relu_x = np.where(np.isnan(view["relu"]), DIVERGED_AT, view["relu"]) + jitter
    # Static labels sit where the data rarely go, and the dots are drawn over them.
    ax_p.plot([0, 100], [0, 100], color="0.4", lw=1, ls=":")
    ax_p.text(0.98, 0.03, "dotted: same as ReLU", transform=ax_p.transAxes, color="0.3",
              ha="right", va="bottom", fontsize=9)
    ax_p.axhspan(DIVERGED_AT - 4, top, color="C3", alpha=0.08, lw=0)
    ax_p.text(1, DIVERGED_AT, "diverged", color="C3", va="center", fontsize=9)
    (dots,) = ax_p.plot([], [], "o", color="C0", ms=5, alpha=0.6)
    (crosses,) = ax_p.plot([], [], "x", color="C3", ms=7, mew=2)
    ax_p.set(title="After training, one dot per seed", xlabel="dead units with ReLU (%)",
             ylabel="dead units with alpha (%)", xlim=(-3, top), ylim=(-3, top))
    alpha_label = ax_p.text(0.02, 0.89, "", transform=ax_p.transAxes, va="top", fontsize=9)
    counts_label = TextStamp((0.02, 0.82), fontsize=9)
    ax_p.add_artist(counts_label)
    # Every label this learning rate can show, rasterised now rather than during a drag.
    counts_label.prerender([_counts_text(dead_units_view(dead, alphas, lrs, a, lr))
                            for a in alphas], fig.dpi)

    relu_lines = LineCollection(_segments(view["relu_curves"]), colors="k",
                                linewidths=0.8, linestyles="--", alpha=0.6)
    lines = LineCollection([], colors="C0", linewidths=2, alpha=0.6)
    ax_t.add_collection(lines)
    ax_t.add_collection(relu_lines)
    ax_t.plot([], [], color="C0", lw=2, alpha=0.6, label="alpha, each seed")
    ax_t.plot([], [], color="k", lw=0.8, ls="--", alpha=0.6, label="ReLU, each seed")
    ax_t.set(title="During training", xlabel="epoch", ylabel="dead units (%)",
             xlim=(0, n_points - 1), ylim=(-3, top))
    ax_t.set_yticks(range(0, 101, 20))
    ax_t.xaxis.get_major_locator().set_params(integer=True)
    ax_t.legend(loc="upper center", ncol=2, fontsize=9, frameon=False, borderaxespad=0.2)

    def update(alpha, lr=lr):
        v = dead_units_view(dead, alphas, lrs, alpha, lr)
        ok = ~np.isnan(v["other"])
        dots.set_data(relu_x[ok], v["other"][ok])
        crosses.set_data(relu_x[~ok], np.full((~ok).sum(), DIVERGED_AT))
        lines.set_segments(_segments(v["curves"]))
        alpha_label.set_text(f"slider alpha {alpha:.2f}, trained {v['alpha']:g}")
        counts_label.set_text(_counts_text(v))
        # ReLU's curves are drawn after the alpha's, so they stay visible on top.
        return [dots, crosses, lines, relu_lines, alpha_label, counts_label]

    return update


def plot_loss_panels(losses, alphas, threshold=None, figsize=(10.0, 3.2)):
    """Lesson 05's loss figure: one panel per leaky alpha, each against ReLU (``alphas[0]``).

    In each panel: the alpha's runs (thin), their mean (thick, coloured) and ReLU's mean
    drawn on top, black and dashed, so both stay visible where they coincide. Returns the
    pyplot figure.
    """
    import matplotlib.pyplot as plt

    losses = np.asarray(losses, dtype=float)
    others = range(1, len(alphas))
    fig, axes = plt.subplots(1, len(others), figsize=figsize, sharey=True)
    axes = np.atleast_1d(axes)
    epochs = np.arange(losses.shape[-1])
    relu_mean = losses[0].mean(axis=0)
    for ax, a in zip(axes, others, strict=True):
        color = f"C{a}"
        for curve in losses[a]:
            ax.plot(epochs, curve, color=color, lw=0.6, alpha=0.25)
        ax.plot(epochs, losses[a].mean(axis=0), color=color, lw=3,
                label=f"alpha = {alphas[a]:g}, mean")
        ax.plot(epochs, relu_mean, color="k", lw=1.3, ls="--", label="ReLU, mean")
        if threshold is not None:
            ax.axhline(threshold, color="0.5", ls=":", lw=1)
        ax.set(title=f"alpha = {alphas[a]:g} against ReLU", xlabel="epoch", yscale="log")
        ax.legend(fontsize=9)
    axes[0].set_ylabel("training loss (MSE)")
    fig.tight_layout()
    return fig


def plot_epochs_saved(saved, alphas, figsize=(6.0, 3.2)):
    """Lesson 05's paired figure: epochs saved against ReLU, one dot per seed, per alpha.

    ``saved`` has shape (len(alphas), seeds): ReLU's epochs minus the alpha's, for the same
    seed (above 0: that alpha was faster). Returns the pyplot figure.
    """
    import matplotlib.pyplot as plt

    saved = np.asarray(saved, dtype=float)
    fig, ax = plt.subplots(figsize=figsize)
    for i, row in enumerate(saved):
        ax.plot(i + swarm_offsets(row), row, "o", color=f"C{i + 1}", alpha=0.7, ms=4.5)
        ax.plot([i - 0.3, i + 0.3], [row.mean()] * 2, color="k", lw=2)
    ax.axhline(0, color="0.3", lw=1)
    ax.set(xticks=range(len(alphas)), xticklabels=[f"alpha = {a:g}" for a in alphas],
           ylabel="epochs saved against ReLU", xlim=(-0.6, len(alphas) - 0.4),
           title="Paired by seed: ReLU's epochs minus alpha's (bar: mean)")
    fig.tight_layout()
    return fig
