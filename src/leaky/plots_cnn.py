"""The explorer of lesson 09: CNNs trained at a few alphas, their first feature maps, their
dead units and their accuracy.

Lesson 09 trains a slim copy of the slide's CNN at alpha = 0 (ReLU), 0.01 and 0.3 with
several seeds, and keeps for each alpha a summary ``runs[alpha]``:

* ``"accuracy"``: test accuracy per seed;
* ``"dead"``: dead units per seed after training (units or feature maps whose
  pre-activation is <= 0 on every probe image, every position; lesson 05's definition);
* ``"dead_init"``: the same count for the untrained network, per seed (the same for every
  alpha: a seed fixes the initial weights);
* ``"maps"``: the first layer's outputs (after Leaky ReLU) for one digit, shape
  (height, width, maps), from the run of the first seed.

:func:`plot_trained_alphas` draws them; the slider picks the trained alpha nearest to its
value (:func:`nearest_trained`) and says both values.
"""

from __future__ import annotations

import numpy as np

from ._validate import fail

__all__ = ["feature_mosaic", "nearest_trained", "plot_trained_alphas"]

FONT = 9  # points, for every label and legend


def nearest_trained(alpha, trained) -> float:
    """The value of ``trained`` nearest to ``alpha`` (the smaller one on a tie). Lesson 09."""
    trained = sorted(float(a) for a in trained)
    if not trained:
        fail("trained", "a non-empty list of alphas", trained)
    return min(trained, key=lambda a: (abs(a - float(alpha)), a))


def feature_mosaic(maps, ncols=4, pad=1) -> np.ndarray:
    """Tile feature maps of shape (height, width, k) into one 2-D image, ``ncols`` per row,
    separated by ``pad`` rows/columns of NaN (drawn blank). Lesson 09."""
    maps = np.asarray(maps, dtype=float)
    if maps.ndim != 3 or 0 in maps.shape:
        fail("maps", "an array of shape (height, width, k)", maps)
    h, w, k = maps.shape
    nrows = -(-k // ncols)
    mosaic = np.full((nrows * (h + pad) - pad, ncols * (w + pad) - pad), np.nan)
    for i in range(k):
        r, c = divmod(i, ncols)
        mosaic[r * (h + pad): r * (h + pad) + h, c * (w + pad): c * (w + pad) + w] = maps[..., i]
    return mosaic


def plot_trained_alphas(fig, alpha, runs, *, total_units, ncols=4):
    """Three panels for the trained alpha nearest to ``alpha``: its first-layer feature maps
    for one digit (blue negative, red positive, one colour scale for all alphas), dead units
    per seed before and after training, test accuracy per seed; a thin line joins the runs
    of one seed across the alphas (they are paired: same initial weights and batches).
    ``total_units``: how many units the counted layers have together. Lesson 09."""
    ax_maps, ax_dead, ax_acc = fig.axes[:3]
    trained = sorted(runs)
    mosaics = {a: feature_mosaic(runs[a]["maps"], ncols) for a in trained}
    limit = max(float(np.nanmax(np.abs(m))) for m in mosaics.values()) or 1.0
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.17, top=0.78, wspace=0.3)
    ax_maps.set_position([0.01, 0.12, 0.36, 0.68])  # wider than the two dot plots
    image = ax_maps.imshow(mosaics[trained[0]], cmap="RdBu_r", vmin=-limit, vmax=limit)
    ax_maps.set(xticks=[], yticks=[])
    ax_maps.grid(False)
    ax_maps.set_title("first-layer outputs for one digit\n(blue < 0 < red)", fontsize=FONT)
    for ax in (ax_dead, ax_acc):
        box = ax.get_position()
        ax.set_position([box.x0 + 0.06, box.y0, box.width * 0.85, box.height])
    title = fig.text(0.01, 0.95, "", fontsize=FONT + 1, ha="left", va="top")

    positions = np.arange(len(trained))
    labels = [f"{a:g}" for a in trained]
    n_seeds = len(runs[trained[0]]["accuracy"])
    jitter = np.linspace(-0.12, 0.12, n_seeds)
    for i, a in enumerate(trained):
        ax_dead.plot(i + jitter, runs[a]["dead_init"], "x", color="0.6", ms=6,
                     label="before training" if i == 0 else None)
        ax_dead.plot(i + jitter, runs[a]["dead"], "o", color="C3", ms=5,
                     label="after training" if i == 0 else None)
        ax_acc.plot(i + jitter, 100 * np.asarray(runs[a]["accuracy"]), "o", color="C0", ms=5)
    for s in range(n_seeds):  # the runs of one seed, across the alphas: the pairs to compare
        ax_dead.plot(positions + jitter[s], [runs[a]["dead"][s] for a in trained], "-",
                     color="C3", lw=0.8, alpha=0.35)
        ax_acc.plot(positions + jitter[s], [100 * runs[a]["accuracy"][s] for a in trained],
                    "-", color="C0", lw=0.8, alpha=0.35)
    top = max(max(max(r["dead"]), max(r["dead_init"])) for r in runs.values())
    ax_dead.set(xticks=positions, xlim=(-0.5, len(trained) - 0.5), ylim=(-0.5, top * 1.5 + 1))
    ax_dead.set_xticklabels(labels, fontsize=FONT)
    ax_dead.set_xlabel("alpha trained with", fontsize=FONT)
    ax_dead.set_title(f"dead units (of {total_units})", fontsize=FONT)
    ax_dead.legend(fontsize=FONT, loc="upper right", frameon=False)
    accuracies = 100 * np.concatenate([r["accuracy"] for r in runs.values()])
    ax_acc.set(xticks=positions, xlim=(-0.5, len(trained) - 0.5),
               ylim=(accuracies.min() - 1.5, accuracies.max() + 1.5))
    ax_acc.set_xticklabels(labels, fontsize=FONT)
    ax_acc.set_xlabel("alpha trained with", fontsize=FONT)
    ax_acc.set_title("test accuracy (%), per seed", fontsize=FONT)
    for ax in (ax_dead, ax_acc):
        ax.tick_params(labelsize=FONT)
    (band_dead,) = ax_dead.bar([0], [0], width=0.8, color="C1", alpha=0.15, zorder=0)
    (band_acc,) = ax_acc.bar([0], [0], width=0.8, color="C1", alpha=0.15, zorder=0,
                             bottom=accuracies.min() - 1.5)
    band_acc.set_height(accuracies.max() - accuracies.min() + 3)
    band_dead.set_height(top * 1.5 + 1.5)
    band_dead.set_y(-0.5)

    def update(alpha):
        chosen = nearest_trained(alpha, trained)
        i = trained.index(chosen)
        image.set_data(mosaics[chosen])
        title.set_text(f"slider alpha = {alpha:.2f}: the slim CNNs trained at alpha = "
                       f"{chosen:g} (trained: {', '.join(f'{a:g}' for a in trained)})")
        for band in (band_dead, band_acc):
            band.set_x(i - 0.4)
        return [image, title, band_dead, band_acc]

    return update
