"""Lesson 12's explorer: the alpha sweep's validation accuracies against its two noises.

Introduced in lesson 12 (every function here). The numbers behind the picture come from the
pure functions :func:`binomial_se`, :func:`paired` and :func:`sweep_view`, which the tests
check without drawing anything.

Conventions of the data the lesson passes in:

* ``alphas``: the swept alphas, a list of floats in increasing order, ``alphas[0]`` the
  reference the label compares with (0, ReLU, in lesson 12);
* ``accuracy``: validation accuracies (fractions, not percent), shape (alphas, seeds); the
  same seed index means the same initial weights and batch order for every alpha;
* ``n_images``: the number of validation images every accuracy was measured on.
"""

from __future__ import annotations

import numpy as np

__all__ = ["binomial_se", "paired", "nearest", "sweep_view", "plot_sweep"]

#: Half the height of the accuracy axis, in percentage points: wide enough that the noise
#: (a binomial standard error of about 1 point on 1,000 images) looks like what it is.
HALF_RANGE = 3.0


def binomial_se(p, n) -> float:
    """Standard error of an accuracy ``p`` measured on ``n`` independent examples:
    ``sqrt(p * (1 - p) / n)`` (a fraction; times 100 for percentage points)."""
    p = float(p)
    if not 0 <= p <= 1:
        raise ValueError(f"p must be an accuracy between 0 and 1, got {p}")
    if int(n) != n or n < 1:
        raise ValueError(f"n must be a whole number >= 1, got {n}")
    return float(np.sqrt(p * (1 - p) / n))


def paired(a, b) -> tuple[float, float]:
    """The mean of the differences ``a - b``, seed by seed, and its paired standard error
    ``std(a - b, ddof=1) / sqrt(n)``: for runs that share their seeds (and their evaluation
    images), the noise the two have in common cancels in each difference."""
    diff = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    if diff.ndim != 1 or diff.size < 2:
        raise ValueError(f"a and b must be two runs per seed, at least 2 seeds, got shape "
                         f"{diff.shape}")
    return float(diff.mean()), float(diff.std(ddof=1) / np.sqrt(diff.size))


def nearest(grid, value) -> int:
    """The index of the grid value closest to ``value`` (the first one on a tie)."""
    return int(np.argmin(np.abs(np.asarray(grid, dtype=float) - value)))


def sweep_view(accuracy, alphas, alpha, n_images) -> dict:
    """What the explorer shows, in percent.

    Returns ``mean`` and ``std`` per alpha (the seed standard deviation with ``ddof=1``),
    ``overall`` (the mean of all runs), ``se`` (the binomial standard error of one model's
    accuracy at ``overall`` on ``n_images`` images), ``ylim`` (fixed: ``overall`` plus or
    minus :data:`HALF_RANGE`), and for the swept alpha nearest to ``alpha``: ``index``,
    ``alpha``, its ``runs``, and ``vs_first``: its difference from ``alphas[0]`` seed by seed,
    as (mean, paired standard error) in points (None for ``alphas[0]`` itself).
    """
    acc = 100 * np.asarray(accuracy, dtype=float)
    if acc.ndim != 2 or acc.shape[0] != len(alphas) or acc.shape[1] < 2:
        raise ValueError(f"accuracy must have shape (alphas, seeds) with at least 2 seeds, "
                         f"got {acc.shape} for {len(alphas)} alphas")
    overall = float(acc.mean())
    i = nearest(alphas, alpha)
    return {"mean": acc.mean(axis=1), "std": acc.std(axis=1, ddof=1), "overall": overall,
            "se": 100 * binomial_se(overall / 100, n_images),
            "ylim": (overall - HALF_RANGE, overall + HALF_RANGE),
            "index": i, "alpha": float(alphas[i]), "runs": acc[i],
            "vs_first": paired(acc[i], acc[0]) if i > 0 else None}


def plot_sweep(fig, alpha, *, accuracy, alphas, n_images):
    """Lesson 12's explorer. Left: Leaky ReLU at the slider's alpha. Right: every run's
    validation accuracy (one dot per seed), the mean per alpha with the seed standard
    deviation as error bars, and a grey band of plus or minus one binomial standard error
    around the mean of all runs; the swept alpha nearest to the slider is circled, and its
    label gives its difference from ``alphas[0]`` seed by seed with the paired standard
    error. Returns ``update(alpha)``."""
    from .activations import leaky_relu

    ax_f, ax_a = fig.axes[:2]
    view = sweep_view(accuracy, alphas, alpha, n_images)
    xs = np.linspace(-5, 5, 201)
    ax_f.plot(xs, np.maximum(xs, 0), color="0.6", ls="--", lw=1, label="ReLU")
    (line,) = ax_f.plot(xs, leaky_relu(xs, alpha), color="C0", lw=2, label="Leaky ReLU")
    ax_f.set(title="Leaky ReLU at the slider's alpha", xlabel="x", xlim=(-5, 5), ylim=(-3, 5))
    ax_f.legend(loc="upper left", fontsize=9)

    acc = 100 * np.asarray(accuracy, dtype=float)
    n_seeds = acc.shape[1]
    width = 0.006 * (max(alphas) - min(alphas) or 1)
    offsets = width * (np.arange(n_seeds) - (n_seeds - 1) / 2)
    overall, se = view["overall"], view["se"]
    ax_a.axhspan(overall - se, overall + se, color="0.85", lw=0,
                 label="mean of all runs +- 1 binomial SE")
    for k in range(n_seeds):
        ax_a.plot(np.asarray(alphas) + offsets[k], acc[:, k], "o", color="C0", ms=3,
                  alpha=0.5, label="one run (seed)" if k == 0 else None)
    ax_a.errorbar(alphas, view["mean"], yerr=view["std"], fmt="s-", color="C1", ms=4,
                  capsize=3, lw=1, label="mean +- seed std")
    span = max(alphas) - min(alphas) or 1
    ax_a.set(title="validation accuracy (%) in the sweep", xlabel="alpha",
             xlim=(min(alphas) - 0.06 * span, max(alphas) + 0.06 * span), ylim=view["ylim"])
    ax_a.legend(loc="lower right", fontsize=9)
    (marker,) = ax_a.plot([], [], "o", ms=14, mfc="none", mec="C3", mew=2)
    label = ax_a.text(0.02, 0.95, "", transform=ax_a.transAxes, fontsize=9, color="C3",
                      va="top")

    def update(alpha):
        v = sweep_view(accuracy, alphas, alpha, n_images)
        line.set_ydata(leaky_relu(xs, alpha))
        marker.set_data([v["alpha"]], [v["mean"][v["index"]]])
        i = v["index"]
        if v["vs_first"] is None:
            versus = "the paired reference"
        else:
            diff, se = v["vs_first"]
            versus = f"minus alpha {alphas[0]:g}, paired: {diff + 0.0:+.2f} +- {se:.2f}"
        label.set_text(f"nearest swept alpha {v['alpha']:g}\n"
                       f"mean {v['mean'][i]:.2f}, seed std {v['std'][i]:.2f}\n{versus}\n"
                       f"1 binomial SE (one model): {v['se']:.2f}")
        return [line, marker, label]

    return update
