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
# **Goal:** test each of the slide's four claims with an experiment and a number, and say
# plainly where a claim holds, where it is weak, and why. About 25 minutes.
#
# *Slide 5 of the deck: "Advantages of Leaky ReLU".*

# %%
import time

import matplotlib.pyplot as plt
import numpy as np

import leaky
from leaky import alpha_explorer, check, hint, start_lesson
from leaky.dying import dead_unit_mask

rng = start_lesson(seed=0)

# %% [markdown]
# ## The slide's claims
#
# Slide 5 lists four advantages over ReLU:
#
# 1. it prevents the "dying ReLU" problem;
# 2. negative inputs produce non-zero outputs;
# 3. it keeps ReLU's simplicity and computational efficiency;
# 4. it helps training converge faster.
#
# Its code only plots ReLU and Leaky ReLU side by side (lesson 01 did that). Here each
# claim gets an experiment instead, starting with the easiest one.

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
# can be dead" with too high a learning rate: an anecdote, not a measurement. Lu et al.
# (2019, *Dying ReLU and Initialization*) show that deep ReLU networks with symmetric
# initialisation die in probability as depth grows. So we measure our own.
#
# The set-up: inputs in [0, 1] (like pixel intensities), a smooth non-linear target, one
# hidden layer of 32 units with He initialisation, a linear output, minibatch SGD on the
# mean squared error, with a learning rate (0.22) that is **too high** on purpose.

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
# The training loop is the layer's forward and backward pass written out (lesson 06
# derives them). After every epoch it records, on the whole data set, which hidden units
# are dead and the loss.

# %%
def train(alpha, seed, lr, epochs=20, hidden=32, batch_size=32):
    """Minibatch SGD; returns dead-unit masks (epochs+1, hidden) and losses (epochs+1,)."""
    r = np.random.default_rng(seed)
    n, d = X.shape
    W1 = r.normal(size=(d, hidden)) * leaky.he_gain(alpha) / np.sqrt(d)
    b1 = np.zeros(hidden)
    W2 = r.normal(size=(hidden, 1)) / np.sqrt(hidden)
    b2 = np.zeros(1)
    dead, losses = [], []
    for epoch in range(epochs + 1):
        z = X @ W1 + b1                               # the whole data set
        dead.append(dead_unit_mask(z))
        losses.append(np.mean((leaky.leaky_relu(z, alpha) @ W2 + b2 - y) ** 2))
        if epoch == epochs or not np.isfinite(losses[-1]):
            break
        order = r.permutation(n)
        for start in range(0, n, batch_size):
            i = order[start:start + batch_size]
            zb = X[i] @ W1 + b1
            hb = leaky.leaky_relu(zb, alpha)
            grad_out = 2 * (hb @ W2 + b2 - y[i]) / len(i)    # dL/d(output)
            grad_z = (grad_out @ W2.T) * leaky.leaky_relu_grad(zb, alpha)
            W2 -= lr * hb.T @ grad_out
            b2 -= lr * grad_out.sum(axis=0)
            W1 -= lr * X[i].T @ grad_z
            b1 -= lr * grad_z.sum(axis=0)
    return np.array(dead), np.array(losses)


# %% [markdown]
# Eight seeds for each alpha on a grid from 0 (ReLU) to 0.3; the grid is reused by the
# explorer below. A run whose loss overflows (too high a learning rate can do that) is
# counted as diverged and left out of the averages: its NaN pre-activations would
# otherwise look "alive".

# %%
ALPHAS = np.array([0.0, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3])
SEEDS = range(8)
LR_HIGH = 0.22

runs = {}
with np.errstate(over="ignore", invalid="ignore"):
    for alpha in ALPHAS:
        runs[alpha] = [train(alpha, seed, LR_HIGH) for seed in SEEDS]


def summarize(results):
    """Mean dead fraction per epoch over the runs that did not diverge, and their count."""
    kept = [dead for dead, losses in results if np.isfinite(losses).all()]
    curve = np.mean([dead.mean(axis=1) for dead in kept], axis=0) if kept else None
    return curve, len(results) - len(kept)


curves = {alpha: summarize(runs[alpha]) for alpha in ALPHAS}
print(" alpha   dead at start   after epoch 1   after 20 epochs   diverged runs")
for alpha in ALPHAS:
    curve, diverged = curves[alpha]
    print(f"{alpha:6.2f}   {curve[0]:13.0%}   {curve[1]:13.0%}   {curve[-1]:15.0%}"
          f"   {diverged:d} of {len(SEEDS)}")

# %%
fig, ax = plt.subplots(figsize=(7, 3.4))
for alpha, color in zip([0.0, 0.01, 0.1, 0.3], ["k", "C0", "C1", "C2"], strict=True):
    ax.plot(100 * curves[alpha][0], color=color, marker=".",
            label="ReLU" if alpha == 0 else f"alpha = {alpha}")
ax.set(title=f"Dead hidden units, learning rate {LR_HIGH}, mean of the runs that did not diverge",
       xlabel="epoch", ylabel="dead units (%)", ylim=(0, 30))
ax.legend()
plt.show()

# %% [markdown]
# Do dead units come back? For ReLU they cannot: a unit dead on the whole data set gets a
# zero gradient from every minibatch, and here its inputs (the data) never change. For
# Leaky ReLU they can. Count the units that were dead after some epoch and are alive at
# the end:

# %%
def revived(results):
    """Units dead after some epoch >= 1 but alive after the last one, over all kept runs."""
    return sum(int(np.sum(dead[1:].any(axis=0) & ~dead[-1]))
               for dead, losses in results if np.isfinite(losses).all())


for alpha in [0.0, 0.01, 0.1, 0.3]:
    print(f"alpha = {alpha:4.2f}: units revived over {len(SEEDS)} runs: {revived(runs[alpha])}")

# %% [markdown]
# **What this shows.** Some units are dead before training starts: with inputs that are
# all positive, a unit whose weights are mostly negative never fires. The high learning
# rate then kills more in the first epoch, and up to `alpha = 0.1` exactly as many as with
# ReLU: a big update pushes a unit below 0 for every input whatever the slope on the
# negative side. With `alpha = 0.01`, the common default, the table and the count of
# revived units are ReLU's: a dead unit's gradient is multiplied by `alpha`, and that is
# too little to bring it back within 20 epochs. The dead fraction starts to drop only
# from about 0.15, and clearly only at 0.25 and 0.3, mostly because fewer units die in the
# first epoch rather than because dead ones come back; the one diverged run is at the
# largest slope. So "prevents dying ReLU" is true in the strict
# sense (no unit has a zero gradient) and weak in practice at `alpha = 0.01`.

# %% [markdown]
# ## Claim 3: computational cost
#
# Leaky ReLU is one comparison and one multiplication per element; the question is what
# that costs next to the memory traffic. The method of `bench/bench_activations.py`: the
# best of several runs of each function on one large float32 array, as a ratio to a
# plain copy of the array measured in the same process (1.0 = as fast as copying, the
# floor for any function that reads the array and writes a result).

# %%
def best_time(fn, repeat=7):
    """Best wall time of `repeat` calls (the least disturbed by the rest of the machine)."""
    fn()  # warm up: page faults, caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


x = rng.standard_normal(4 * 2**20, dtype=np.float32)  # 4M elements, 16 MiB
out = np.empty_like(x)
cases = {
    "numpy copy (baseline)": lambda: np.copyto(out, x),
    "relu: np.maximum(x, 0)": lambda: np.maximum(x, 0, out=out),
    "leaky.leaky_relu(x)": lambda: leaky.leaky_relu(x, 0.01, out=out),
    "slide: np.maximum(a*x, x)": lambda: np.maximum(0.01 * x, x),
    "tanh: np.tanh(x)": lambda: np.tanh(x, out=out),
    "leaky.sigmoid(x)": lambda: leaky.sigmoid(x),
}

# %% tags=["nbval-ignore-output"]
# nbval-ignore-output: timings change from run to run; the asserts check loose bounds.
seconds = {name: best_time(fn) for name, fn in cases.items()}
ratio = {name: t / seconds["numpy copy (baseline)"] for name, t in seconds.items()}
print(f"array: {x.size:,} float32 ({x.nbytes / 2**20:.0f} MiB), best of 7")
for name, t in seconds.items():
    print(f"{name:28s} {t * 1e3:7.2f} ms   {ratio[name]:5.2f} x the copy")
assert ratio["leaky.leaky_relu(x)"] < 6, ratio
assert ratio["leaky.sigmoid(x)"] > ratio["leaky.leaky_relu(x)"], ratio

# %% [markdown]
# How to read the ratios (they change from run to run and machine to machine, so the text
# gives none). A copy reads every byte once and writes every byte once; nothing that
# produces a new array can beat it. ReLU and Leaky ReLU add one comparison (and one
# multiplication) per element, which is almost free next to moving the bytes: on an array
# much larger than the CPU caches they are **memory-bound** and land close to the copy.
# `bench/bench_activations.py` uses a 256 MiB array for that reason; the 16 MiB here keep
# the lesson fast but may fit in a large last-level cache, where the arithmetic shows a
# little more. The slide's `np.maximum(a*x, x)` first writes a full-size temporary `a*x`
# and reads it back: extra memory traffic. The sigmoid needs an exponential per element
# and several passes (it is **compute-bound**) and is far slower; numpy's float32 `tanh`
# is vectorised on many CPUs and can come close to the copy, so check its ratio above
# rather than assuming it is slow. The claim holds for what it says: Leaky ReLU costs about
# what ReLU costs, within a small factor of a copy.

# %% [markdown]
# ## Claim 4: faster convergence
#
# The same task, now with a sensible learning rate (0.05), 40 epochs and eight seeds for
# ReLU and two leaky slopes. "Converged" here means the loss first falls below 0.02.

# %%
LR, EPOCHS, THRESHOLD = 0.05, 40, 0.02
losses = {alpha: np.array([train(alpha, seed, LR, epochs=EPOCHS)[1] for seed in SEEDS])
          for alpha in [0.0, 0.01, 0.1]}


def epochs_to(curve, threshold=THRESHOLD):
    """First epoch at which the loss is below the threshold (None if never)."""
    below = np.flatnonzero(curve < threshold)
    return int(below[0]) if below.size else None


print(" alpha   epochs to loss < 0.02, per seed    mean    std   final loss (mean)")
for alpha, curves_a in losses.items():
    reached = [epochs_to(c) for c in curves_a]
    shown = " ".join(f"{e:3d}" if e is not None else "  -" for e in reached)
    hit = [e for e in reached if e is not None]
    print(f"{alpha:6.2f}   {shown}   {np.mean(hit):5.1f}  {np.std(hit):5.1f}   "
          f"{curves_a[:, -1].mean():.4f}   ({len(hit)} of {len(reached)} reached it)")

# %%
fig, ax = plt.subplots(figsize=(7, 3.4))
for (alpha, curves_a), color in zip(losses.items(), ["k", "C0", "C1"], strict=True):
    for c in curves_a:
        ax.plot(c, color=color, alpha=0.25, lw=1)
    ax.plot(curves_a.mean(axis=0), color=color, lw=2,
            label="ReLU" if alpha == 0 else f"alpha = {alpha}")
ax.axhline(THRESHOLD, color="0.5", ls=":", lw=1)
ax.set(title="Training loss, 8 seeds each (thin) and their mean (thick)", xlabel="epoch",
       ylabel="mean squared error", yscale="log")
ax.legend()
plt.show()

# %% [markdown]
# On this task ReLU and `alpha = 0.01` need the same number of epochs, seed by seed,
# within one epoch. `alpha = 0.1` reaches the threshold a little earlier on average, by
# less than one epoch, which is much less than the spread between seeds (the std column),
# and all three end at the same loss. So the slide's fourth claim is not supported here:
# with no dead units to rescue at this learning rate, the slope on the negative side
# barely changes the trajectory. That matches Maas et al. (2013), who introduced Leaky
# ReLU: on speech recognition, slope 0.01 performed about the same as ReLU. Xu et al.
# (2015) found that non-zero slopes consistently improved results over ReLU on CIFAR-10,
# CIFAR-100 and NDSB, with a "very leaky" slope of 1/5.5 beating 0.01 (lesson 15). Those
# are final results on image benchmarks, not speed of convergence: faster convergence is
# a possible effect on some tasks, not a rule; measure it on yours.

# %% [markdown]
# ## Explore: alpha and the dead units after training
#
# Left: the dead fraction after 20 epochs at the high learning rate against alpha, for
# every alpha of the grid above (band: lowest to highest seed). The slider picks the
# nearest grid alpha (red). Right: that alpha's dead fraction over training, with ReLU
# dashed.

# %%
final = np.array([[dead[-1].mean() for dead, losses in runs[a] if np.isfinite(losses).all()]
                  for a in ALPHAS], dtype=object)
final_mean = np.array([np.mean(f) for f in final])
final_low = np.array([np.min(f) for f in final])
final_high = np.array([np.max(f) for f in final])
for a in [0.0, 0.1, 0.3]:
    k = int(np.flatnonzero(ALPHAS == a)[0])
    print(f"alpha = {a:4.2f}: dead after training, lowest to highest seed: "
          f"{final_low[k]:.0%} to {final_high[k]:.0%}")


def nearest_grid_alpha(alpha):
    """The alpha of the grid closest to `alpha`."""
    return float(ALPHAS[np.argmin(np.abs(ALPHAS - alpha))])


def plot_dead_vs_alpha(fig, alpha):
    ax_a, ax_t = fig.axes[:2]
    ax_a.fill_between(ALPHAS, 100 * final_low, 100 * final_high, color="C0", alpha=0.2)
    ax_a.plot(ALPHAS, 100 * final_mean, "o-", color="C0", label="mean of the seeds")
    (dot,) = ax_a.plot([], [], "o", color="C3", ms=11, label="slider's alpha")
    ax_a.set(title="Dead units after training", xlabel="alpha", ylabel="dead units (%)",
             xlim=(-0.01, 0.31), ylim=(0, 50))
    ax_a.legend(loc="upper right", fontsize=8)
    ax_t.plot(100 * curves[0.0][0], "k--", lw=1, label="ReLU")
    (line,) = ax_t.plot([], [], "o-", color="C3", ms=3, label="slider's alpha")
    ax_t.set(title="Dead units during training", xlabel="epoch", xlim=(0, 20), ylim=(0, 30))
    ax_t.legend(loc="lower right", fontsize=8)
    label = ax_t.text(0.03, 0.93, "", transform=ax_t.transAxes, va="top", fontsize=9)

    def update(alpha):
        a = nearest_grid_alpha(alpha)
        k = int(np.flatnonzero(ALPHAS == a)[0])
        curve, diverged = curves[a]
        dot.set_data([a], [100 * final_mean[k]])
        line.set_data(np.arange(curve.size), 100 * curve)
        label.set_text(f"slider alpha = {alpha:.2f}, nearest trained: {a:.2f}\n"
                       f"{final_mean[k]:.0%} dead at the end; "
                       f"diverged runs: {diverged} of {len(SEEDS)}")
        return [dot, line, label]

    return update


alpha_explorer(plot_dead_vs_alpha, alpha=0.01, max=0.3, step=0.01)

# %% [markdown]
# The band is wide: up to `alpha = 0.1` the seed decides far more than alpha does (see
# the spread printed above). Things to try: compare 0 and 0.01 (the default changes
# nothing here), then move to 0.3 and read the number of diverged runs.

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
# ### Exercise 05.2: which slope keeps more units alive?
#
# A unit is dead on the whole data set. Its output weight and the errors are the same in
# both cases; only the slope differs: `alpha = 0.01` or `alpha = 0.3`. Which one moves
# the unit's incoming weights more in one gradient step, and so gives it a better chance
# to come back? And how many times larger is that step? Answer with a pair
# `(alpha, ratio)`.

# %%
# BEGIN SOLUTION
# STUB: answer = ...  # (the alpha that keeps more units alive, how many times larger its step is)
answer = (0.3, 30)
# END SOLUTION
check("05.2", answer)

# %% [markdown]
# ## Summary
#
# - Leaky ReLU's outputs and gradients are never exactly 0, and it costs about what ReLU
#   costs: one memory-bound pass, near the speed of a copy, unlike tanh and sigmoid.
# - A high learning rate kills units with either function; at `alpha = 0.01` dead units
#   rarely come back, so the dying-ReLU claim is weak in practice for small slopes.
# - Faster convergence did not show up on our task: measure it on yours.
#
# **Next:** lesson 06 builds the layer of slide 6, derives its backward pass and checks
# it against finite differences and PyTorch.
