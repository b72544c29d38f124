"""Figures of lesson 07: what a network trained on XOR outputs over the plane.

Introduced in lesson 07 (all functions here):

* :func:`xor_grid`: the grid of points the output is drawn on (pure);
* :func:`draw_xor_output`: one panel, the output as colours, its 0.5 contour and the four
  XOR points;
* :func:`nearest_index`, :func:`boundary_label`: the slider's choice and text (pure);
* :func:`xor_boundary_plot`: the explorer's plot function, which picks precomputed
  surfaces (one per trained alpha) as the slider moves.
"""

from __future__ import annotations

import numpy as np

from ._validate import fail

__all__ = ["XOR_X", "XOR_Y", "EXTENT", "xor_grid", "draw_xor_output", "nearest_index",
           "boundary_label", "xor_boundary_plot"]

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([[0], [1], [1], [0]], dtype=float)
#: The square the output is drawn on: (x1 min, x1 max, x2 min, x2 max).
EXTENT = (-0.5, 1.5, -0.5, 1.5)


def xor_grid(num=81):
    """``(GX, GY, points)``: a num x num grid over :data:`EXTENT` and its points as rows
    of a (num * num, 2) array, ready for a network's ``forward``. Pure."""
    if not isinstance(num, int) or num < 2:
        fail("num", "a whole number >= 2", num)
    GX, GY = np.meshgrid(np.linspace(*EXTENT[:2], num), np.linspace(*EXTENT[2:], num))
    return GX, GY, np.column_stack([GX.ravel(), GY.ravel()])


def draw_xor_output(ax, surface, title="output (red 1, blue 0); black line: 0.5",
                    contour=True):
    """Draw ``surface`` (the output on :func:`xor_grid`, shape (num, num)) on ``ax``: colours
    from blue (0) to red (1), the 0.5 contour in black (if ``contour`` and the surface crosses
    0.5), the four XOR points on top. Returns ``(image, points)``; the image's data can be
    replaced with ``set_data``."""
    surface = np.asarray(surface, dtype=float)
    image = ax.imshow(surface, origin="lower", extent=EXTENT, vmin=0, vmax=1, cmap="coolwarm")
    if contour and surface.min() < 0.5 < surface.max():
        GX, GY, _ = xor_grid(surface.shape[0])
        ax.contour(GX, GY, surface, levels=[0.5], colors="k")
    points = ax.scatter(XOR_X[:, 0], XOR_X[:, 1], c=XOR_Y[:, 0], cmap="coolwarm", vmin=0,
                        vmax=1, edgecolors="k", s=80, zorder=3)
    ax.set(title=title, xlabel="x1", ylabel="x2")
    return image, points


def nearest_index(values, value):
    """Index of the element of ``values`` nearest to ``value`` (the slider picks a trained
    alpha this way). Pure."""
    return int(np.argmin(np.abs(np.asarray(values, dtype=float) - value)))


def boundary_label(alpha, trained_alpha, seed0_loss, learned, n_seeds):
    """The explorer's text for one slider position. Pure."""
    return (f"slider alpha = {alpha:.2f}\nnearest trained: {trained_alpha:.2f}\n"
            f"seed 0: final MSE {seed0_loss:.3f}\n{learned}/{n_seeds} seeds learn XOR")


def xor_boundary_plot(alphas, surfaces, seed0_loss, learned, n_seeds):
    """The plot function for ``alpha_explorer`` in lesson 07.

    ``alphas`` are the trained alphas; for each, ``surfaces[i]`` is seed 0's output on
    :func:`xor_grid`, ``seed0_loss[i]`` its final loss and ``learned[i]`` how many of
    ``n_seeds`` seeds learned XOR. The slider picks the nearest trained alpha.
    """
    alphas = np.asarray(alphas, dtype=float)
    if not (len(alphas) == len(surfaces) == len(seed0_loss) == len(learned)):
        fail("alphas, surfaces, seed0_loss, learned", "sequences of the same length",
             (len(alphas), len(surfaces), len(seed0_loss), len(learned)))

    def plot_xor_boundary(fig, alpha):
        ax = fig.axes[0]
        image, points = draw_xor_output(ax, surfaces[0], contour=False,
                                        title="seed 0's output (red: 1, blue: 0)")
        label = ax.text(1.05, 0.5, "", transform=ax.transAxes, fontsize=10, va="center")

        def update(alpha):
            i = nearest_index(alphas, alpha)
            image.set_data(surfaces[i])
            label.set_text(boundary_label(alpha, alphas[i], seed0_loss[i], learned[i], n_seeds))
            return [image, points, label]  # the points are redrawn on top of the image

        return update

    return plot_xor_boundary
