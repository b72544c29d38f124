"""Lesson 11's explorer: what alpha does to the Dense head of the sentiment network.

Introduced in lesson 11 (every function here). The lesson retrains the head on frozen LSTM
features for a few alphas and seeds (:func:`leaky.heads.train_heads`); the pure functions
:func:`unit_activity`, :func:`dead_counts` and :func:`heads_view` turn the results into what
the explorer draws, and the tests check them without drawing anything.

Conventions of the data the lesson passes in:

* ``alphas``: the trained alphas, increasing, ``alphas[0] == 0`` (ReLU);
* ``activity``: percent of training reviews on which each unit is active (pre-activation
  > 0), sorted from the most to the least active unit, shape (alphas, seeds, units);
* ``dead_start``, ``dead_end``: dead units (active on no review) per head before and after
  training, shape (alphas, seeds);
* ``accuracy``: test accuracy per head, as a fraction, shape (alphas, seeds).
"""

from __future__ import annotations

import numpy as np

__all__ = ["unit_activity", "dead_counts", "heads_view", "plot_heads"]


def _pre_activations(z) -> np.ndarray:
    z = np.asarray(z)
    if z.ndim < 2:
        raise ValueError(f"z must have shape (..., examples, units), got shape {z.shape}")
    return z


def unit_activity(z) -> np.ndarray:
    """Percent of examples on which each unit is active (``z > 0``), sorted from the most
    to the least active unit. ``z`` has shape (..., examples, units); the result (...,
    units)."""
    active = 100 * np.mean(_pre_activations(z) > 0, axis=-2)
    return -np.sort(-active, axis=-1)


def dead_counts(z) -> np.ndarray:
    """Units with ``z <= 0`` on every example, the definition of :mod:`leaky.dying`, for
    each leading index of ``z`` (shape (..., examples, units)); shape (...)."""
    return np.all(_pre_activations(z) <= 0, axis=-2).sum(axis=-1)


def heads_view(alphas, alpha, dead_start, dead_end, accuracy) -> dict:
    """What the explorer's labels show for the slider's ``alpha``: the ``index`` and the
    value (``alpha``) of the nearest trained alpha, its dead units per seed before and after
    training, and its test accuracy per seed in percent with their mean and sample standard
    deviation (``ddof=1``)."""
    i = int(np.argmin(np.abs(np.asarray(alphas, dtype=float) - alpha)))
    acc = 100 * np.asarray(accuracy, dtype=float)[i]
    return {"index": i, "alpha": float(alphas[i]),
            "dead_start": np.asarray(dead_start)[i], "dead_end": np.asarray(dead_end)[i],
            "accuracy": acc, "mean": float(acc.mean()),
            "std": float(acc.std(ddof=1)) if acc.size > 1 else 0.0}


def plot_heads(fig, alpha, *, alphas, activity, dead_start, dead_end, accuracy):
    """Lesson 11's explorer, three panels for the trained alpha nearest to the slider.

    Left: how often each of the head's units is active, units sorted, one line per seed
    (ReLU's in grey for comparison); a unit at 0% is dead. Middle: dead units per seed
    before (open) and after (filled) training, for every trained alpha, the nearest one
    circled. Right: test accuracy per seed for every trained alpha, with mean and seed std,
    on a fixed axis wide enough to show the noise as noise. Returns ``update(alpha)``.
    """
    ax_u, ax_d, ax_a = fig.axes[:3]
    activity = np.asarray(activity, dtype=float)
    n_alphas, n_seeds, n_units = activity.shape
    ranks = np.arange(1, n_units + 1)
    positions = np.arange(n_alphas)
    names = ["0 (ReLU)" if a == 0 else f"{a:g}" for a in alphas]
    jitter = 0.08 * (np.arange(n_seeds) - (n_seeds - 1) / 2)

    for curve in activity[0]:
        ax_u.plot(ranks, curve, color="0.65", lw=0.8, ls="--")
    lines = [ax_u.plot([], [], color="C0", lw=1.2, alpha=0.8)[0] for _ in range(n_seeds)]
    ax_u.plot([], [], color="0.65", lw=1.2, ls="--", label="ReLU")
    ax_u.plot([], [], color="C0", lw=1.5, label="nearest alpha")
    ax_u.set(title="How often each unit is active", xlabel="unit (sorted)",
             ylabel="% of training reviews", xlim=(1, n_units), ylim=(-3, 103))
    ax_u.legend(loc="lower left", fontsize=9, title="one line per seed", title_fontsize=9)
    label_u = ax_u.text(0.03, 0.33, "", transform=ax_u.transAxes, fontsize=9, color="C3",
                        va="bottom")

    dead_start, dead_end = np.asarray(dead_start), np.asarray(dead_end)
    for i in positions:
        ax_d.plot(i + jitter - 0.15, dead_start[i], "o", mfc="none", mec="0.5", ms=5,
                  label="at the start" if i == 0 else None)
        ax_d.plot(i + jitter + 0.15, dead_end[i], "o", color="C0", ms=5,
                  label="after training" if i == 0 else None)
    top = max(int(dead_start.max()), int(dead_end.max()), 1)
    ax_d.set(title="Dead units of 64, per seed", xlabel="alpha", xticks=positions,
             xticklabels=names, xlim=(-0.6, n_alphas - 0.4), ylim=(-1, top * 1.25 + 1))
    ax_d.legend(loc="upper right", fontsize=9)
    (box_d,) = ax_d.plot([], [], "s", ms=30, mfc="none", mec="C3", mew=1.5)

    acc = 100 * np.asarray(accuracy, dtype=float)
    for i in positions:
        ax_a.plot(i + jitter, acc[i], "o", color="C0", ms=4, alpha=0.6,
                  label="one seed" if i == 0 else None)
    ax_a.errorbar(positions, acc.mean(axis=1), yerr=acc.std(axis=1, ddof=1), fmt="s",
                  color="C1", ms=5, capsize=4, label="mean +- seed std")
    center = float(acc.mean())
    ax_a.set(title="Test accuracy (%)", xlabel="alpha", xticks=positions, xticklabels=names,
             xlim=(-0.6, n_alphas - 0.4), ylim=(center - 5, center + 5))
    ax_a.legend(loc="lower right", fontsize=9)
    (box_a,) = ax_a.plot([], [], "s", ms=30, mfc="none", mec="C3", mew=1.5)

    def update(alpha):
        v = heads_view(alphas, alpha, dead_start, dead_end, accuracy)
        i = v["index"]
        for line, curve in zip(lines, activity[i], strict=True):
            line.set_data(ranks, curve)
        box_d.set_data([i], [float(np.mean(dead_end[i]))])
        box_a.set_data([i], [v["mean"]])
        label_u.set_text(f"alpha {v['alpha']:g}, dead\nat the end:\n"
                         f"{', '.join(str(d) for d in v['dead_end'])}")
        return [*lines, box_d, box_a, label_u]

    return update
