# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 05 · Advantages of Leaky ReLU, measured
#
# **You will:** test slide 5's four claims by experiment: dead units, gradients, cost, speed.
#
# **Time:** about 45 minutes (35 without optional parts). **Prerequisites:** lessons 01 to 04.
# The training loop uses backprop and He initialisation before lessons 06 and 07 explain them.
#
# > **Slide 5 of the deck, "Advantages of Leaky ReLU":** "Leaky ReLU offers several
# > benefits over the standard ReLU activation: 1. Prevents "dying ReLU" problem
# > 2. Allows for negative inputs to produce non-zero outputs 3. Maintains the simplicity
# > and computational efficiency of ReLU 4. Helps in faster convergence during training"

# %%
from functools import partial

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

import leaky
from leaky import alpha_explorer, check, hint, start_lesson
from leaky.dying import dead_unit_mask
from leaky.plots_dying import plot_dead_units, plot_epochs_saved, plot_loss_panels
from leaky.progressbar import ProgressBar
from leaky.timing import best_time

rng = start_lesson(seed=0)

# %% [markdown]
# ## The slide's claims
#
# The slide's code only plots ReLU and Leaky ReLU side by side (lesson 01 did that). Here
# each of its four claims gets an experiment instead, starting with the easiest one
# (claim 2). Where runs can be paired (same seed, only alpha differs), they are compared
# seed by seed.

# %% [markdown]
# ## Claim 2: non-zero output and gradient for negative inputs
#
# Take a batch of 64 examples through a layer of 16 units and look at every
# pre-activation `z`: what fraction of the outputs, and of the gradients passed back,
# are non-zero?

# %%
layer = leaky.LeakyReLULayer(10, 16, alpha=0.01, rng=rng)
batch = rng.normal(size=(64, 10))
z = batch @ layer.weights + layer.bias
print(f"pre-activations z <= 0: {np.mean(z <= 0):.1%} of {z.size}")
for name, out, grad in [("ReLU", leaky.relu(z), leaky.relu_grad(z)),
                        ("Leaky ReLU 0.01", leaky.leaky_relu(z), leaky.leaky_relu_grad(z))]:
    print(f"{name:16s} non-zero outputs: {np.mean(out != 0):6.1%}   "
          f"non-zero gradients: {np.mean(grad != 0):6.1%}")

# %% [markdown]
# The claim holds by construction: with ReLU about half of the outputs and gradients are
# exactly 0; with Leaky ReLU none are. The non-zero values are small, though
# (`alpha * z` and `alpha`), which matters for claim 1.

# %% [markdown]
# ## Claim 1: dying ReLU
#
# A unit is **dead** on a data set when its pre-activation is `<= 0` for every example:
# ReLU then outputs 0 and passes back a gradient of exactly 0 for all of them, so its
# incoming weights never change again. For Leaky ReLU the same units still get a gradient,
# `alpha` times smaller; we count them as dead too (inactive on the whole data set) and
# watch whether they come back. `leaky.dying.dead_unit_mask(z)` marks them, given the
# pre-activations `z` of the whole data set (exercise 05.1 asks you to count them).
#
# How often does it happen? The CS231n notes warn that "as much as 40% of your network
# can be dead" **if the learning rate is set too high**: an anecdote, not a measurement.
# Lu et al. (2019, *Dying ReLU and Initialization*) show that deep ReLU networks with
# symmetric initialisation die in probability as depth grows. So we measure our own, and
# sweep the learning rate.
#
# The set-up: inputs in [0, 1] (like pixel intensities), a smooth non-linear target, one
# hidden layer of 32 units, a linear output, minibatch SGD on the mean squared error.

# %%
def make_task(n=256, d=8, seed=0):
    """Inputs uniform in [0, 1], target sin(2 x.w / sqrt(d)) + x_0**2 / 2."""
    r = np.random.default_rng(seed)
    X = r.uniform(0, 1, size=(n, d))
    w = r.normal(size=(d, 1))
    y = np.sin(2 * X @ w / np.sqrt(d)) + 0.5 * X[:, :1] ** 2
    return X, y


X, y = make_task()
print("X:", X.shape, " y:", y.shape, f" variance of y: {y.var():.3f}")

# %% [markdown]
# The training loop trains one network for every pair (alpha, seed) at once: numpy's `@`
# works on stacks of matrices, so each array below has two extra leading axes, one for
# alpha and one for the seed. Its lines are a layer's forward and backward pass (lesson
# 06 derives them); the weights start with He initialisation (lessons 06 and 07).
#
# Networks with the same seed start from the same weights (He's gain depends on alpha,
# but only rescales them, which changes no sign) and see the minibatches in the same
# order: they differ only in alpha. That makes the runs **paired**: we compare alpha with
# ReLU seed by seed, not only on average.

# %%
def train(alphas, seeds, lr, epochs=20, hidden=32, batch_size=32):
    """Minibatch SGD for one network per (alpha, seed), all at once.

    Returns dead (alphas, seeds, epochs + 1, hidden): which hidden units are dead on the
    whole data set after each epoch (epoch 0 = before training); losses (alphas, seeds,
    epochs + 1). A diverged run has non-finite losses.
    """
    n, d = X.shape
    a = np.reshape(alphas, (-1, 1, 1, 1))              # broadcasts over seeds and rows
    gens = [np.random.default_rng(seed) for seed in seeds]
    gain = np.reshape([leaky.he_gain(alpha) for alpha in alphas], (-1, 1, 1, 1))
    W1 = gain * np.stack([g.normal(size=(d, hidden)) for g in gens]) / np.sqrt(d)
    W2 = np.stack([g.normal(size=(hidden, 1)) for g in gens]) / np.sqrt(hidden)
    b1, b2 = np.zeros(hidden), np.zeros(1)
    dead, losses = [], []
    for epoch in range(epochs + 1):
        z = X @ W1 + b1                                  # the whole data set
        dead.append(dead_unit_mask(z))
        out = np.where(z > 0, z, a * z) @ W2 + b2
        losses.append(np.mean((out - y) ** 2, axis=(-2, -1)))
        if epoch == epochs:
            break
        order = np.stack([g.permutation(n) for g in gens])    # (seeds, n)
        for start in range(0, n, batch_size):
            i = order[:, start:start + batch_size]            # (seeds, batch)
            zb = X[i] @ W1 + b1
            hb = np.where(zb > 0, zb, a * zb)
            grad_out = 2 * (hb @ W2 + b2 - y[i]) / batch_size   # dL/d(output)
            grad_z = (grad_out @ W2.swapaxes(-1, -2)) * np.where(zb > 0, 1.0, a)
            W2 = W2 - lr * hb.swapaxes(-1, -2) @ grad_out
            b2 = b2 - lr * grad_out.sum(axis=-2, keepdims=True)
            W1 = W1 - lr * X[i].swapaxes(-1, -2) @ grad_z
            b1 = b1 - lr * grad_z.sum(axis=-2, keepdims=True)
    return np.stack(dead, axis=2), np.stack(losses, axis=2)


# %% [markdown]
# Twenty seeds, seven slopes from 0 (ReLU) to 0.3 and five learning rates from 0.05 to
# 0.4, 20 epochs each: 700 networks. A run whose loss overflows is **diverged**; it has no
# dead units to count (its pre-activations are NaN), so it is reported as diverged, never
# averaged in or silently left out.

# %%
ALPHAS = [0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3]
LRS = [0.05, 0.1, 0.2, 0.3, 0.4]
SEEDS = range(20)

masks, dead = {}, []   # dead: (learning rates, alphas, seeds, epochs + 1) dead fractions
bar = ProgressBar(len(LRS), "learning rates")
with np.errstate(over="ignore", invalid="ignore"):
    for lr in LRS:
        masks[lr], losses = train(ALPHAS, SEEDS, lr)
        fraction = masks[lr].mean(axis=-1)
        fraction[~np.isfinite(losses)] = np.nan     # from the epoch the run diverged
        dead.append(fraction)
        bar.update()
dead = np.array(dead)
final = dead[..., -1]          # (learning rates, alphas, seeds); NaN = the run diverged
diverged = np.isnan(final)

# %% [markdown]
# First ReLU alone: how many of its units are dead before training, after the first
# epoch and after 20, at each learning rate?

# %% tags=["nbval-ignore-output"]
# Training results: the next cell checks the claims made about them, with margins.
print("ReLU, 20 seeds      dead units: mean of the seeds (lowest to highest seed)")
print("learning rate   before training   after epoch 1   after 20 epochs      diverged")
for k, lr in enumerate(LRS):
    relu = dead[k, 0]                                   # (seeds, epochs + 1)
    after = (f"{np.mean(relu[:, -1]):4.0%} ({np.min(relu[:, -1]):.0%} to "
             f"{np.max(relu[:, -1]):.0%})" if not diverged[k, 0].any() else "  -")
    print(f"{lr:13g}   {np.mean(relu[:, 0]):15.0%}   {np.mean(relu[:, 1]):13.0%}   "
          f"{after:18s}   {diverged[k, 0].sum()} of {len(SEEDS)}")

# %%
relu_final, relu_start = final[:, 0], dead[:, 0, :, 0]   # (learning rates, seeds)
assert not diverged[:, 0].any(), "a ReLU run diverged"
for k, lr in enumerate(LRS):
    lost = relu_final[k].mean() - relu_start[k].mean()     # fraction of units that died
    assert lost < 0.02 if lr <= 0.1 else lost > 0.05, (lr, lost)
grown = np.mean(final[0] - dead[0, ..., 0], axis=-1)       # lr 0.05, every alpha
assert not diverged[0].any() and grown.max() < 0.02, grown
k3 = LRS.index(0.3)
assert relu_final[k3].mean() > 0.3, relu_final[k3]          # about 40% dead
in_epoch_1 = dead[k3, 0, :, 1].mean() - relu_start[k3].mean()
assert in_epoch_1 > 0.75 * (relu_final[k3].mean() - relu_start[k3].mean())
print("checked: no ReLU run diverged; at learning rates 0.05 and 0.1 less than 2% of the "
      "units die (at 0.05 for every alpha), from 0.2 on more than 5%; at 0.3 more than 30% "
      "are dead, and more than 3/4 of those that die, die in epoch 1")

# %% [markdown]
# **The learning rate decides.** At 0.05 and 0.1 hardly any unit dies during training;
# the few percent that are dead were dead before training started (exercise 05.2 asks
# why). From 0.2 on, units die: at 0.3 about 40% are dead after training, as in the CS231n
# anecdote, and nearly all of those that die do so in the very first epoch, that is
# within the first 8 updates (256 examples, minibatches of 32).
#
# Now the slide's claim: at the learning rate of 0.3, does Leaky ReLU keep those units
# alive? First seed by seed, the dead percentage after training (`div`: the run
# diverged). Then the paired comparison with ReLU, for every alpha: on how many seeds
# does it leave fewer units dead, the same number, more, or diverge? And, where no run
# diverged, the mean of the per-seed differences with a paired interval (mean ± 2
# standard errors of the differences; an interval that does not contain 0 is a
# difference the seeds agree on).

# %%
def paired(reference, other, tol=1e-9):
    """Seeds on which other is below, equal to, above reference; pairs with a diverged run."""
    gone = np.isnan(reference) | np.isnan(other)
    diff = other - reference
    return (int(np.sum(diff < -tol)), int(np.sum(np.abs(diff) <= tol)),
            int(np.sum(diff > tol)), int(np.sum(gone)))


# %% tags=["nbval-ignore-output"]
# Training results; the next cell checks the claims with margins.
print("learning rate 0.3, dead units after training (%), seeds 0 to 19")
for alpha in [0.0, 0.01, 0.1, 0.3]:
    row = final[k3, ALPHAS.index(alpha)]
    cells = ["div" if np.isnan(v) else f"{100 * v:.0f}" for v in row]
    print(f"alpha {alpha:4g}: " + " ".join(f"{c:>3s}" for c in cells))

print("\nlearning rate 0.3, against ReLU with the same seed:")
print(" alpha   fewer dead   same   more dead   diverged   mean difference ± 2 SE")
signs = {}
for j, alpha in enumerate(ALPHAS[1:], start=1):
    signs[alpha] = paired(final[k3, 0], final[k3, j])
    diff = final[k3, j] - final[k3, 0]
    interval = ("  (runs diverged: no mean)" if np.isnan(diff).any() else
                f"  {diff.mean():+6.1%} ± {2 * diff.std(ddof=1) / np.sqrt(diff.size):.1%}")
    fewer, same, more, gone = signs[alpha]
    print(f"{alpha:6g}   {fewer:10d}   {same:4d}   {more:9d}   {gone:8d}  {interval}")

# %%
diff_001 = final[k3, 1] - final[k3, 0]
assert not np.isnan(diff_001).any() and abs(diff_001.mean()) < 1 / 32, diff_001
fewer, same, more, gone = signs[0.1]
assert fewer > more and more <= 3, signs[0.1]
gone_by_alpha = [signs[alpha][3] for alpha in ALPHAS[1:]]   # ReLU: none diverged
assert gone_by_alpha == sorted(gone_by_alpha) and gone_by_alpha[-1] >= 8, gone_by_alpha
print("checked: with alpha = 0.01 no run diverges and the mean difference is less than one "
      "unit of 32; at 0.1 fewer dead on more seeds than more dead, and more dead on at most "
      "3; the larger alpha, the more runs diverge, 8 or more of 20 at alpha = 0.3")

# %% [markdown]
# **What this shows.** With `alpha = 0.01`, the common default, each seed ends with about
# as many dead units as with ReLU: the mean difference is a fraction of one unit out of
# 32. Larger slopes leave fewer units dead on many seeds and more on hardly any (see
# `alpha = 0.1`), but at this learning rate they have a cost ReLU does not have: the
# larger the slope, the more runs **diverge** (none with ReLU, more than a third of them
# at `alpha = 0.3`). A ReLU network that takes too large a step loses units; a Leaky ReLU
# network with a large slope keeps its units and loses the whole run instead. The
# learning rate is the real fix: at 0.05 hardly any unit dies, whatever alpha.

# %% [markdown]
# ## Claim 1, continued: do dead units come back? (optional)
#
# For ReLU, in this network, they cannot: a unit dead on the whole data set gets a zero
# gradient from every minibatch, so its weights and bias stay as they are, and so does its
# `z` on the data set. For Leaky ReLU they can. Count, over the runs that finished, the
# units that died (alive before training, dead at the end) and the units that came back
# (dead after some epoch, alive at the end):

# %% tags=["nbval-ignore-output"]
# Training results; the next cell checks the claims with margins.
died, came_back = {}, {}
print("learning rate 0.3   runs finished   units that died   units that came back")
for j, alpha in enumerate(ALPHAS):
    finished = ~diverged[k3, j]
    m = masks[0.3][j][finished]                       # (runs, epochs + 1, units)
    died[alpha] = int(np.sum(~m[:, 0] & m[:, -1]))
    came_back[alpha] = int(np.sum(m[:, 1:].any(axis=1) & ~m[:, -1]))
    print(f"alpha {alpha:4g}   {finished.sum():16d}   {died[alpha]:15d}   "
          f"{came_back[alpha]:20d}")

# %%
assert came_back[0.0] == 0                                   # ReLU: impossible
assert max(came_back.values()) <= 30, came_back              # rare for every alpha
assert min(died[alpha] for alpha in ALPHAS if alpha <= 0.1) >= 40, died
print("checked: no ReLU unit came back; at most 30 units (of 640) for any alpha; 40 or "
      "more died for every alpha up to 0.1")

# %% [markdown]
# Few units come back: about a dozen at most, for any alpha, while the slopes up to 0.1
# lose about 120 to 215 units in their runs (the larger slopes lose few, in the few runs
# that finish at all). The gradient of a dead unit is multiplied by `alpha`, and that is
# too little to undo a big step within 20 epochs. So "prevents dying ReLU" is true in the
# strict sense (no unit has a zero gradient) and weak in practice: at `alpha = 0.01` the
# units die all the same, and the slopes that save them make a too-high learning rate
# diverge instead.

# %% [markdown]
# ## Claim 3: computational cost (optional)
#
# Leaky ReLU is one comparison and one multiplication per element, like ReLU plus one
# multiplication. What does that cost in numpy? Each function below runs on one large
# float32 array and, like the code you write, returns a new array; its best time of 7 is
# divided by the best time of a plain copy, measured in the same cell (1.0 = as fast as
# copying, the floor for anything that reads the array and writes a new one). Lesson 13
# goes further.

# %%
x = rng.standard_normal(4 * 2**20, dtype=np.float32)  # 4M numbers, 16 MiB
x_sorted = np.sort(x)                                   # the same numbers, sorted
cases = {
    "copy: x.copy()": lambda: x.copy(),
    "ReLU: np.maximum(x, 0)": lambda: np.maximum(x, 0),
    "slide 5: np.maximum(0.01 * x, x)": lambda: np.maximum(0.01 * x, x),
    "slide 1: np.where(x > 0, x, 0.01 * x)": lambda: np.where(x > 0, x, 0.01 * x),
    "   the same on x sorted": lambda: np.where(x_sorted > 0, x_sorted, 0.01 * x_sorted),
    "tanh: np.tanh(x)": lambda: np.tanh(x),
    "sigmoid: 1 / (1 + np.exp(-x))": lambda: 1 / (1 + np.exp(-x)),
}

# %% tags=["nbval-ignore-output"]
# Timings change from run to run and machine to machine: ratios only, no asserts.
seconds = {name: best_time(fn) for name, fn in cases.items()}
for name, t in seconds.items():
    print(f"{name:40s} {t / seconds['copy: x.copy()']:6.1f} x the copy")

# %% [markdown]
# How to read the ratios (they change from machine to machine, so the text gives none):
#
# - ReLU's `np.maximum(x, 0)` lands close to the copy: one comparison per element is
#   almost free next to moving the bytes.
# - The slide's `np.maximum(0.01 * x, x)` is several times slower than ReLU: it first
#   builds a full-size temporary array `0.01 * x`, then reads it back.
# - `np.where`, the form of slide 1 and of `leaky.leaky_relu`, is slower still, and faster
#   on the same numbers sorted: its time depends on the order of the signs, not only on
#   the number of bytes. Lesson 13 measures why, and times one-pass kernels against
#   these (time against bytes moved).
# - tanh and the sigmoid need an exponential per element. `np.tanh` is one pass whose
#   speed depends on the vector instructions numpy can use on your CPU; the sigmoid
#   written out makes four passes (negate, `exp`, add, divide), each with a new array.
#   Compare their ratios with ReLU's on your machine.
#
# So claim 3 holds for the arithmetic (Leaky ReLU is as simple as ReLU) but not for a
# numpy one-liner: written the obvious way, Leaky ReLU costs numpy several times what
# ReLU does.

# %% [markdown]
# ## Claim 4: faster convergence
#
# The same task with a sensible learning rate (0.05, where hardly any unit dies), 40
# epochs and the twenty seeds, for ReLU and three slopes. "Converged" here means the loss
# first falls below 0.02.

# %%
LR, EPOCHS, TARGET = 0.05, 40, 0.02
SLOPES = [0.0, 0.01, 0.1, 0.3]
with np.errstate(over="ignore", invalid="ignore"):
    dead_c, losses_c = train(SLOPES, SEEDS, LR, epochs=EPOCHS)


def epochs_to(curve, target=TARGET):
    """First epoch at which the loss is below the target (None if never)."""
    below = np.flatnonzero(curve < target)
    return int(below[0]) if below.size else None


reached = [[epochs_to(c) for c in runs] for runs in losses_c]
assert all(e is not None for row in reached for e in row), "a run never reached the target"
epochs = np.array(reached)                      # (slopes, seeds)
print(f"runs that reached loss < {TARGET}: {epochs.size} of {epochs.size}")

# %% [markdown]
# Two ways to compare. **Unpaired**: the mean number of epochs of each slope, next to the
# spread between seeds. **Paired**: for each seed, the epochs ReLU needed minus the
# epochs the slope needed with the same seed (above 0: the slope was faster), then the
# sign count and the paired interval of those differences.

# %% tags=["nbval-ignore-output"]
# Training results; the next cell checks the claims with margins.
print("epochs to loss < 0.02, seeds 0 to 19")
for alpha, row in zip(SLOPES, epochs, strict=True):
    print(f"alpha {alpha:4g}: " + " ".join(f"{e:2d}" for e in row)
          + f"   mean {row.mean():4.1f}, std between seeds {row.std(ddof=1):3.1f}")
saved = epochs[0] - epochs[1:]                  # (slopes without ReLU, seeds)
print("\npaired, epochs saved against ReLU with the same seed:")
print(" alpha   faster   ties   slower   mean saved ± 2 SE")
for alpha, d in zip(SLOPES[1:], saved, strict=True):
    half = 2 * d.std(ddof=1) / np.sqrt(d.size)
    print(f"{alpha:6g}   {np.sum(d > 0):6d}   {np.sum(d == 0):4d}   {np.sum(d < 0):6d}"
          f"   {d.mean():4.2f} ± {half:.2f}")
died_c = int(np.sum(~dead_c[..., 0, :] & dead_c[..., -1, :]))
print(f"\nunits that died in these {len(SLOPES) * len(SEEDS)} runs: {died_c}")

# %%
faster, ties, slower = ((saved > 0).sum(1), (saved == 0).sum(1), (saved < 0).sum(1))
assert ties[0] >= 15, ties                                   # 0.01: the same as ReLU
assert faster[1] >= 4 and slower[1] == 0, (faster, slower)   # 0.1: often faster, never slower
assert faster[2] >= 14 and slower[2] == 0, (faster, slower)  # 0.3: faster on most seeds
half_03 = 2 * saved[2].std(ddof=1) / np.sqrt(saved.shape[1])
assert saved[2].mean() - half_03 > 0.5, saved[2]             # 0.3: interval well above 0
assert epochs[0].std(ddof=1) > 1.5 * saved[1].mean(), epochs[0]  # spread hides the effect
assert died_c <= 10, died_c                                  # hardly any unit died
print("checked: alpha = 0.01 ties ReLU on 15 or more seeds; 0.1 is faster on 4 or more and "
      "never slower; 0.3 faster on 14 or more, never slower, its interval above 0.5 epoch; "
      "the spread between seeds is more than 1.5 times the mean saved at 0.1; at most 10 "
      "units died")

# %%
plot_epochs_saved(saved, SLOPES[1:])
plt.show()
plot_loss_panels(losses_c, SLOPES, threshold=TARGET)
plt.show()

# %% [markdown]
# **Unpaired**, the slopes look alike: their means differ by at most about two epochs,
# while the spread between seeds is about 3 to 4.5 epochs. **Paired**, the picture is
# clear: with the same seed, `alpha = 0.1` was never slower than ReLU and faster on about
# half of the seeds, by about 0.7 epoch on average; `alpha = 0.3` was faster on nearly
# every seed, by about 2 epochs (its interval is well above 0); `alpha = 0.01` needed
# exactly as many epochs as ReLU on nearly every seed. Hardly any unit died in these
# runs, so the speed-up does not come from rescuing dead units.
#
# So claim 4 holds here, for large slopes, and the effect is small (about a tenth to a
# fifth of the ~10 epochs); for the default 0.01 there is none. Comparing the mean
# difference with the spread between seeds (the unpaired view) would have missed it: the
# seeds differ far more from each other than the slopes do, and pairing cancels that.
# Maas et al. (2013), who introduced Leaky ReLU, found that slope 0.01 performed about the
# same as ReLU on speech recognition; Xu et al. (2015) found that non-zero slopes
# consistently improved results over ReLU on CIFAR-10, CIFAR-100 and NDSB, with a "very
# leaky" slope of 1/5.5 beating 0.01 (lesson 15). Measure it on your task, paired.

# %% [markdown]
# ## Explore: alpha, the learning rate and the dead units, seed by seed
#
# Left: one dot per seed, with ReLU's dead percentage across and the slider's alpha's up
# (the nearest trained alpha is used): below the dotted diagonal, that seed lost fewer
# units than with ReLU; a red cross is a run that diverged. Right: every seed's dead
# percentage during training (blue; ReLU's dashed, on top). Pick the learning rate in
# the menu.

# %%
lr_menu = widgets.Dropdown(options=LRS, value=0.3, description="learning rate")
alpha_explorer(partial(plot_dead_units, dead=dead, alphas=ALPHAS, lrs=LRS),
               alpha=0.01, max=0.3, step=0.01, controls={"lr": lr_menu})

# %% [markdown]
# Things to try: at learning rate 0.3, move alpha from 0 to 0.01 (the dots sit on the
# diagonal), then to 0.1 and 0.3 (dots drop below it, and crosses appear). Then set the
# learning rate to 0.05: almost nothing dies, whatever alpha.

# %% [markdown]
# ## Exercises
#
# ### Exercise 05.1: count the dead units of a layer
#
# `z` holds a layer's pre-activations for a whole data set: one row per example, one
# column per unit. Return the number of dead units: units whose pre-activation is `<= 0`
# for **every** example.

# %%
def count_dead(z):
    # BEGIN SOLUTION
    # STUB: ...  # how many columns of z are <= 0 in every row?
    return int(np.sum(np.all(z <= 0, axis=0)))
    # END SOLUTION


check("05.1", count_dead)

# %% [markdown]
# Stuck? Run `hint("05.1")` in a new cell; each call gives the next hint.
#
# ### Exercise 05.2: dead before training (predict, then run)
#
# The first table showed that a few percent of the units are dead before any training,
# at every learning rate. Suppose the inputs were shifted from [0, 1] to [-0.5, 0.5], with
# the same network and the same initialisation (biases 0). Before training, the fraction
# of dead units would be:
#
# - **a**: about the same;
# - **b**: larger;
# - **c**: close to 0.
#
# Think about the sign of `z = x @ w` when every input is positive, and when inputs take
# both signs. Answer with one letter, then run the cell after the check.

# %%
# BEGIN SOLUTION
# STUB: prediction = ...  # "a", "b" or "c"
prediction = "c"
# END SOLUTION
check("05.2", prediction)

# %%
# Run this after your prediction: dead units before training, for both input ranges.
if prediction is ...:
    print("Make your prediction in the cell above first, then run this cell again.")
else:
    for low, high in [(0.0, 1.0), (-0.5, 0.5)]:
        X_shifted = X - 0.5 if low < 0 else X
        fractions = [dead_unit_mask(X_shifted @ np.random.default_rng(s).normal(size=(8, 32)))
                     .mean() for s in SEEDS]
        print(f"inputs in [{low:4}, {high}]: dead before training, mean of 20 seeds: "
              f"{np.mean(fractions):.0%}")

# %% [markdown]
# ### Exercise 05.3: can a dead unit in a deeper layer come back? (predict, then run)
#
# In our network a dead ReLU unit stays dead: its incoming weights and bias get a
# gradient of exactly 0. Now take a network with **two** hidden layers of ReLU units,
# and a unit of the **second** hidden layer that is dead on the whole data set. During
# further training, can it come back to life (still ReLU, no change to the learning
# rate)?
#
# - **a**: no, never: its incoming weights and bias get a gradient of exactly 0;
# - **b**: yes, it can;
# - **c**: only if the learning rate is lowered.
#
# Answer with one letter, then run the cell after the check.

# %%
# BEGIN SOLUTION
# STUB: prediction = ...  # "a", "b" or "c"
prediction = "b"
# END SOLUTION
check("05.3", prediction)

# %%
# Run this after your prediction. Three examples, two ReLU units in the first hidden
# layer, and one unit of the second hidden layer with weights w2 and bias b2, which
# never change (they get no gradient while the unit is dead).
X3 = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
w2, b2 = np.array([[1.0], [1.0]]), -1.5


def second_layer_z(W1):
    """Pre-activations of the second-layer unit for the three examples."""
    return (leaky.relu(X3 @ W1) @ w2 + b2).ravel()


W1_before = np.array([[1.0, -1.0], [-1.0, 1.0]])
W1_later = W1_before + np.array([[1.0, 0.0], [0.0, 0.0]])  # training moved the first layer
if prediction is ...:
    print("Make your prediction in the cell above first, then run this cell again.")
else:
    for name, W1 in [("before", W1_before), ("later", W1_later)]:
        z2 = second_layer_z(W1)
        print(f"first layer {name:6s}: z of the second-layer unit {z2}, "
              f"dead: {np.all(z2 <= 0)}")

# %% [markdown]
# ## Summary
#
# - Leaky ReLU's outputs and gradients are never exactly 0; its arithmetic is as simple
#   as ReLU's, but numpy's one-liners for it cost several times ReLU's `np.maximum`.
# - A too-high learning rate leaves about 40% of ReLU's units dead here; `alpha = 0.01`
#   changes almost nothing, larger slopes keep units alive but make runs diverge: fix the
#   learning rate.
# - Paired by seed, large slopes converged slightly faster (0.01 did not): compare runs
#   seed by seed, not by their means.
#
# **Next:** lesson 06 builds the layer of slide 6, derives its backward pass and checks
# it against finite differences and PyTorch.
