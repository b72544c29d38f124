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
# # 12 · Tuning alpha
#
# **You will:** sweep alpha over seeds, choose it on validation data, compare alphas seed by seed.
#
# **Time:** about 40 minutes. **Prerequisites:** lessons 01 to 05 (Leaky ReLU, dead units) and
# 09 (the MNIST data); a little PyTorch (lesson 14 compares PyTorch's Leaky ReLU with Keras').
#
# > **Slide 12 of the deck, "Hyperparameter Tuning: Alpha in Leaky ReLU":** "The alpha
# > parameter in Leaky ReLU determines the slope for negative inputs. Let's experiment with
# > different alpha values and observe their effects."

# %%
from functools import partial
from itertools import combinations

import matplotlib.pyplot as plt
import numpy as np

import leaky
import leaky.data
from leaky import alpha_explorer, check, hint, start_lesson
from leaky.dying import count_dead_units
from leaky.plots_sweep import binomial_se, plot_sweep
from leaky.progressbar import ProgressBar

rng = start_lesson(seed=0, frameworks=("torch",))  # seeds torch, one thread
import torch

PROFILE = leaky.data.get_profile()
print("data profile:", PROFILE)

# %% [markdown]
# ## The slide's experiment
#
# The slide "experiments with different alpha values" by plotting the function for four of
# them. Here is that plot, drawn with `leaky.leaky_relu` (the slide's `np.maximum(alpha * x,
# x)` gives the same curves for these alphas, all below 1; lesson 13 shows where it fails):

# %%
x = np.linspace(-10, 10, 1000)
alphas = [0.01, 0.05, 0.1, 0.2]

fig, ax = plt.subplots(figsize=(6, 3.6))
for alpha in alphas:
    ax.plot(x, leaky.leaky_relu(x, alpha), label=f"alpha = {alpha}")
ax.set(title="Leaky ReLU with Different Alpha Values", xlabel="Input", ylabel="Output")
ax.legend()
plt.show()

# %% [markdown]
# The plot shows what `alpha` does to the *function*: a steeper negative side. It says
# nothing about which `alpha` makes a better *network*. For that we have to train one
# network per alpha, and, because training is random (initial weights, order of the
# batches), more than one per alpha.

# %% [markdown]
# ## The data: train, validation, test
#
# The quick MNIST subset: 6,000 training and 2,000 test images. One sixth of the training
# images become a **validation** set, used to choose `alpha`. The test set is touched once,
# at the end, to confirm the choice: a test accuracy used for choosing is no longer an
# honest estimate.

# %%
(x_train_all, y_train_all), (x_test, y_test) = leaky.data.load_mnist(profile=PROFILE)


def to_tensors(images, labels):
    """Flatten 28x28 uint8 images to float32 rows in [0, 1]; labels to int64."""
    flat = images.reshape(len(images), -1).astype(np.float32) / 255
    return torch.from_numpy(flat), torch.from_numpy(labels.astype(np.int64))


split = np.random.default_rng(0).permutation(len(x_train_all))
n_val = len(split) // 6
val_idx, train_idx = split[:n_val], split[n_val:]
X_train, y_train = to_tensors(x_train_all[train_idx], y_train_all[train_idx])
X_val, y_val = to_tensors(x_train_all[val_idx], y_train_all[val_idx])
X_test, y_test_t = to_tensors(x_test, y_test)
print(f"train {len(X_train):,}  validation {len(X_val):,}  test {len(X_test):,}")

# %% [markdown]
# ## One run
#
# A small network, 784 → 64 → 10 with PyTorch's `nn.LeakyReLU(alpha)` in the hidden layer,
# trained with Adam for 3 epochs in batches of 64. The seed fixes the initial weights and
# the order of the batches; for a given seed they are the same for every alpha, so two runs
# with the same seed differ *only* in alpha.

# %%
def train_run(alpha, seed, epochs=3, hidden=64, batch_size=64, lr=1e-3):
    """Train the 784-64-10 network with Leaky ReLU(alpha); return it."""
    torch.manual_seed(seed)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, hidden), torch.nn.LeakyReLU(alpha), torch.nn.Linear(hidden, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    order = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        batches = torch.randperm(len(X_train), generator=order).split(batch_size)
        for idx in batches:
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(X_train[idx]), y_train[idx])
            loss.backward()
            optimizer.step()
    return model


@torch.no_grad()
def predictions(model, X):
    """The predicted digit for every row of X, as a numpy array."""
    return model(X).argmax(dim=1).numpy()


def accuracy(model, X, y):
    return float(np.mean(predictions(model, X) == y.numpy()))


model = train_run(alpha=0.01, seed=0)
print(f"alpha = 0.01, seed 0: validation accuracy >= 85%: {accuracy(model, X_val, y_val) >= 0.85}")

# %% [markdown]
# ## The sweep: 7 alphas x 5 seeds
#
# `alpha = 0` is plain ReLU, `0.01` PyTorch's default, `0.3` Keras' layer default, and
# `0.5` a very leaky unit. 35 runs; only validation accuracy is computed now, and the
# models are kept for the final test.

# %%
SWEEP = [0.0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5]
SEEDS = [0, 1, 2, 3, 4]

bar = ProgressBar(len(SWEEP) * len(SEEDS), "training runs")
models = {alpha: [] for alpha in SWEEP}
for alpha in SWEEP:
    for seed in SEEDS:
        models[alpha].append(train_run(alpha, seed))
        bar.update(note=f"alpha {alpha}, seed {seed}")
val_acc = {a: np.array([accuracy(m, X_val, y_val) for m in models[a]]) for a in SWEEP}

# %% tags=["nbval-ignore-output"]
# nbval-ignore-output: the last digits depend on the CPU; the next cell checks what matters.
print("alpha   validation accuracy (%), seeds 0-4     mean   seed std")
for alpha in SWEEP:
    acc = 100 * val_acc[alpha]
    runs = "  ".join(f"{a:4.1f}" for a in acc)
    print(f"{alpha:5.2f}   {runs}   {acc.mean():5.2f}   {acc.std(ddof=1):4.2f}")

# %% [markdown]
# Read the table across a row first: the same alpha, five seeds. The **seed std** is the
# sample standard deviation of those five runs, `np.std(..., ddof=1)`: with few runs, the
# plain `np.std` (which divides by n instead of n - 1) underestimates the spread. Then read
# down the "mean" column: the seven means lie within a few tenths of a point of each other,
# less than the seed std of a single run.

# %%
means = np.array([val_acc[a].mean() for a in SWEEP])
stds = np.array([val_acc[a].std(ddof=1) for a in SWEEP])
print(f"seed std of every alpha between 0.1 and 0.8 points: "
      f"{bool(np.all((stds > 0.001) & (stds < 0.008)))}")
print(f"the 7 alpha means lie within 0.6 points of each other: {np.ptp(means) < 0.006}")

# %% [markdown]
# ## Two kinds of noise
#
# **Training noise.** Five seeds of the same alpha give five accuracies: that spread (the
# seed std above) comes from the training itself, from where it starts and in which order
# it sees the data. More seeds do not make one run less noisy, but they make the mean over
# the seeds more precise: its standard error is the seed std / sqrt(number of seeds).
#
# **Sampling noise of the evaluation set.** The 1,000 validation images are a sample. A
# model whose accuracy on all such digits is p gets each image right with probability p,
# so its accuracy on n images has the binomial standard error sqrt(p (1 - p) / n). The
# runs above reach about 90%:

# %%
print(f"one validation image is {100 / len(y_val):.1f} points of accuracy")
print(f"every run's validation accuracy is within 3 points of 90%: "
      f"{all(abs(v - 0.90) < 0.03 for a in SWEEP for v in val_acc[a])}")
for name, n in [("validation", len(y_val)), ("test", len(y_test_t))]:
    print(f"binomial standard error at p = 0.90 on {n:,} {name} images: "
          f"{100 * binomial_se(0.90, n):.2f} points")
se_shift = np.hypot(binomial_se(0.90, len(y_val)), binomial_se(0.90, len(y_test_t)))
print(f"... of the difference between one model's validation and test accuracies: "
      f"{100 * se_shift:.2f} points")

# %% [markdown]
# So one model's validation accuracy is only known to about plus or minus 1 point, a larger
# spread than the whole difference between the alphas, and larger than the seed std. Does
# that make the sweep useless? Not quite: every model is scored on the **same** 1,000
# images, so an easy or hard sample lifts or lowers all of them together. Two models can
# only differ on the images where their predictions differ. Count them: the same seed with
# alpha 0 and with alpha 0.2; then the same alpha with two different seeds (averaged over
# the 10 pairs of our 5 seeds).

# %% tags=["nbval-ignore-output"]
# nbval-ignore-output: counts of single images move with training; the next cell checks them.
pred = {a: [predictions(m, X_val) for m in models[a]] for a in SWEEP}
by_alpha = [int(np.sum(pred[0.2][k] != pred[0.0][k])) for k in range(len(SEEDS))]
by_seed = [np.mean([np.sum(pred[a][j] != pred[a][k]) for j, k in combinations(range(5), 2)])
           for a in SWEEP]
print("images on which alpha 0 and alpha 0.2 disagree, seed by seed:", by_alpha)
print("images on which two seeds disagree (mean of 10 pairs), alpha by alpha:",
      ", ".join(f"{b:.1f}" for b in by_seed))
for what, k in [("alpha 0 and 0.2, same seed", np.mean(by_alpha)),
                ("two seeds, same alpha", np.mean(by_seed))]:
    print(f"sqrt(k) / n for {what} (k = {k:.0f}): "
          f"{100 * np.sqrt(k) / len(y_val):.2f} points")

# %%
print(f"alpha 0 -> 0.2 (same seed) changes fewer than 20 of 1,000 predictions, every seed: "
      f"{max(by_alpha) < 20}")
print(f"two seeds disagree on at least 3 times as many images as alpha 0 and 0.2: "
      f"{np.mean(by_seed) > 3 * np.mean(by_alpha)}")

# %% [markdown]
# Changing alpha from 0 to 0.2 changes a handful of predictions; changing the seed changes
# several times more. On the images where two models agree, the sampling noise cancels in
# their difference. On each of the k images where their predictions differ, at most one of
# the two is right; if the two models were equally good, which of them gets such an image
# would be a coin flip, and the difference of their accuracies would have a standard error
# of at most sqrt(k) / n (the idea behind McNemar's test). That is the last two lines
# above: a quarter of a point or so for alpha 0 against 0.2 with the same seed, about half
# a point for two seeds, against about 1 point for one model alone. Scoring every model on
# the same images makes comparisons sharper than that 1 point suggests; sharing the seeds
# too makes them sharper still. The next section uses both.
#
# ## Choosing alpha
#
# We choose the alpha with the best mean validation accuracy over the five seeds. Is its
# lead real? The yardstick must fit the comparison: two alphas, the same five seeds, the
# same images. So subtract **seed by seed**: each difference compares two runs that started
# from the same weights, saw the same batches and were scored on the same images, and most
# of both noises cancels in it. What is left shows in how much the five differences vary:
# the **paired standard error** of their mean is their sample std (`ddof=1`) / sqrt(5).
# For comparison, the **unpaired** standard error, sqrt(s_a² / 5 + s_b² / 5) from the two
# alphas' seed stds, treats the runs as if they had nothing in common.

# %% tags=["nbval-ignore-output"]
# nbval-ignore-output: which alpha wins depends on a few images; the next cell checks the claims.
def points(value):
    """An accuracy difference in percentage points, rounded, with its sign (never -0.0)."""
    return f"{round(100 * value, 2) + 0.0:+.2f}"


chosen = SWEEP[int(np.argmax(means))]  # the best mean; on an exact tie, the smaller alpha
print(f"chosen alpha (best mean validation accuracy): {chosen}; its lead, in points:")
print(f"{'over':13}  {'seed by seed':29}   {'mean':>5}   {'paired SE':>9}   {'unpaired SE':>11}"
      f"   {'lead / paired SE':>16}")
paired_se, unpaired_se = {}, {}
for alpha in SWEEP:
    if alpha == chosen:
        continue
    diff = val_acc[chosen] - val_acc[alpha]  # seed by seed: same seeds, same images
    n = len(diff)
    paired_se[alpha] = diff.std(ddof=1) / np.sqrt(n)
    unpaired_se[alpha] = np.sqrt((val_acc[chosen].var(ddof=1) + val_acc[alpha].var(ddof=1)) / n)
    ratio = diff.mean() / paired_se[alpha] if paired_se[alpha] > 0 else float("inf")
    print(f"alpha {alpha:<7}  {' '.join(points(d) for d in diff)}   {points(diff.mean())}"
          f"   {100 * paired_se[alpha]:9.2f}   {100 * unpaired_se[alpha]:11.2f}   {ratio:16.1f}")

# %%
print(f"every paired standard error is below 0.3 points: {max(paired_se.values()) < 0.003}")
print(f"for every alpha, the paired standard error is smaller than the unpaired one: "
      f"{all(paired_se[a] < unpaired_se[a] for a in paired_se)}")

# %% [markdown]
# Pairing pays: the paired standard errors are smaller than the unpaired ones, and well
# under a third of the 1 point of one model's binomial noise. Now read the last column. A
# lead of one or two paired standard errors is what chance alone gives easily, all the more
# since the winner is the best of 7 noisy means, and so partly the *luckiest* of 7 (the
# "winner's curse"). If every lead is within about two paired standard errors, as it was
# when this lesson was written, the sweep found no difference between the alphas. (A
# standard error computed from 5 differences is itself rough: a lead of many standard
# errors in one sweep deserves a second sweep with new seeds before anyone believes it.)
# Exercise 12.1 turns "within the noise" into a rule for choosing.
#
# ## Confirming on the test set
#
# Now, and only now, the test set. For illustration (not for choosing!) the test accuracy of
# every alpha is printed too.

# %% tags=["nbval-ignore-output"]
# nbval-ignore-output: ranks depend on a few images; the next cell checks the robust part.
test_acc = {a: np.array([accuracy(m, X_test, y_test_t) for m in models[a]]) for a in SWEEP}
print(f"chosen alpha {chosen}: test accuracy {100 * test_acc[chosen].mean():.2f}% "
      f"(seeds: {', '.join(f'{100 * t:.1f}' for t in test_acc[chosen])})")
print("\nalpha   mean validation   mean test   test minus validation")
for alpha in SWEEP:
    v, t = val_acc[alpha].mean(), test_acc[alpha].mean()
    print(f"{alpha:5.2f}   {100 * v:13.2f}%   {100 * t:8.2f}%   {points(t - v):>8}")
test_rank = sorted(SWEEP, key=lambda a: -test_acc[a].mean()).index(chosen) + 1
print(f"\nrank of the chosen alpha on test: {test_rank} of {len(SWEEP)}")

# %%
test_means = np.array([test_acc[a].mean() for a in SWEEP])
gaps = test_means - means
print(f"the 7 alpha means lie within 0.6 points of each other on test too: "
      f"{np.ptp(test_means) < 0.006}")
print(f"the 7 shifts from validation to test lie within 0.5 points of each other: "
      f"{np.ptp(gaps) < 0.005}")

# %% [markdown]
# Two things to read in that table. First, the rank of the chosen alpha on test is a
# matter of a few images: its lead on validation was within the noise, so the order of the
# alphas on test is close to random (when this lesson was written, four other sets of 5
# seeds put their chosen alpha anywhere from first to fifth of 7 on test). Second, all seven
# alphas shift by about the same amount from validation to test (the last column): the
# test images happen to be a little easier (here) for all these models at once. Two
# samples of images differ by chance: the difference between one model's accuracies on
# 1,000 and on 2,000 images has a standard error of about 1.2 points (printed above), so a
# shared shift of a fraction of a point is ordinary sampling noise; being the same for
# every model, it does not change which alpha looks best. The number to report is the
# chosen alpha's test accuracy with its seed range and its standard error; the claim
# "alpha X is the best for this network" is not supported.
#
# ## Why this experiment could hardly find a difference
#
# Leaky ReLU exists to keep units from dying (lessons 01 and 05). How many hidden units of
# the **ReLU** runs are dead, inactive on all 5,000 training images?

# %% tags=["nbval-ignore-output"]
# nbval-ignore-output: single units may flip with the CPU; the next cell checks the claim.
with torch.no_grad():
    dead_relu = [count_dead_units(m[0](X_train).numpy()) for m in models[0.0]]
print("dead hidden units of the ReLU runs, seed by seed:", dead_relu)

# %%
print(f"dead hidden units in every ReLU run: at most 10 of 64: {max(dead_relu) <= 10}")

# %% [markdown]
# A few at most: there is little for a negative slope to rescue, and with one hidden layer
# no gradient has to cross many rectifiers. Switching from ReLU to alpha 0.2 changes a
# handful of the 1,000 validation predictions, and the paired comparison above cannot
# resolve a lead smaller than two or three paired standard errors, a few tenths of a point.
# If alpha has an effect on this network, it is smaller than that: with this set-up, a null
# result was to be expected. A smaller effect would take more seeds (the paired standard
# error shrinks like 1 / sqrt(seeds)) to see.
#
# Xu et al. (2015, "Empirical Evaluation of Rectified Activations in Convolutional
# Network", arXiv 1505.00853) asked the question in a different setting: convolutional
# networks for image classification on CIFAR-10, CIFAR-100 and NDSB, the National Data
# Science Bowl's plankton images in 121 classes (Kaggle, 2015; see
# datasciencebowl.com/recap-of-the-first-annual-data-science-bowl). Their abstract:
# "incorporating a non-zero slope for negative part in rectified activation units could
# consistently improve the results", and a "very leaky" slope of 1/5.5 beat 0.01 (lesson
# 15 has more of that paper). Our result neither reproduces nor contradicts theirs: it is
# another setting. What transfers is the method: sweep, several seeds, choose on
# validation, compare seed by seed, report the noise, test once. Their very leaky slope is
# close to one of ours; here is how it compared with the slide's 0.01, seed by seed:

# %% tags=["nbval-ignore-output"]
# nbval-ignore-output: a difference of a few images; the claims about the noise are checked above.
print(f"1/5.5 = {1 / 5.5:.4f}; nearest swept alpha: {min(SWEEP, key=lambda a: abs(a - 1 / 5.5))}")
diff = val_acc[0.2] - val_acc[0.01]
print(f"alpha 0.2 minus alpha 0.01 on validation, seed by seed: "
      f"{', '.join(points(d) for d in diff)} points; mean {points(diff.mean())}, "
      f"paired SE {100 * diff.std(ddof=1) / np.sqrt(len(diff)):.2f} points")

# %% [markdown]
# ## Explore: alpha and what the sweep says about it
#
# Left: the function at the slider's alpha. Right: every run's validation accuracy (a dot
# per seed), the mean per alpha with the seed std as error bars, and a grey band of plus
# or minus one binomial standard error around the mean of all runs: how precisely 1,000
# images pin down one model's accuracy. The axis spans 6 points: on a narrower one,
# differences inside the noise look like a trend. The swept alpha nearest to the slider
# is circled; its label gives its difference from ReLU, seed by seed, with the paired
# standard error.

# %%
accuracy_table = np.array([val_acc[a] for a in SWEEP])
alpha_explorer(partial(plot_sweep, accuracy=accuracy_table, alphas=SWEEP, n_images=len(y_val)),
               alpha=0.2, max=0.5)

# %% [markdown]
# ## Exercises
#
# ### Exercise 12.1: choose alpha, within the noise
#
# When the noise cannot separate several choices, a classic rule takes the simplest of them:
# the "one-standard-error rule" (Breiman et al., *Classification and Regression Trees*,
# 1984; Hastie, Tibshirani and Friedman, *The Elements of Statistical Learning*). Here the
# simplest alpha is the one closest to plain ReLU. Write `choose_alpha(results, tol)` for
# a table like `results` below, a dict `{alpha: {"val": [accuracy per seed], "test":
# [accuracy per seed]}}`: among the alphas whose **mean validation** accuracy is at most
# `tol` below the best mean, return the **smallest**. With `tol = 0` that is the alpha with
# the best mean (the smaller one on an exact tie); the rule's `tol` is a standard error,
# such as the paired ones above.

# %%
results = {a: {"val": val_acc[a], "test": test_acc[a]} for a in SWEEP}


def choose_alpha(results, tol):
    # BEGIN SOLUTION
    # STUB: ...  # return the smallest alpha at most tol below the best mean validation accuracy
    means = {alpha: np.mean(runs["val"]) for alpha, runs in results.items()}
    best = max(means.values())
    return min(alpha for alpha, mean in means.items() if best - mean <= tol)
    # END SOLUTION


check("12.1", choose_alpha)

# %% [markdown]
# Stuck? Run `hint("12.1")` in a new cell; each call gives the next hint.
#
# ### Exercise 12.2: is the difference real?
#
# Write `clearly_better(results, a, b)`: `True` when **every** validation run of `a` is
# better than **every** validation run of `b` (the min-max ranges over seeds do not
# overlap, `a` above), else `False`. A crude test, but one that takes the seed spread into
# account, which comparing two means does not. (It ignores the pairing by seed, so it is
# stricter than it needs to be.)

# %%
def clearly_better(results, a, b):
    # BEGIN SOLUTION
    # STUB: ...  # compare the seed ranges of a and b on validation accuracy
    return bool(np.min(results[a]["val"]) > np.max(results[b]["val"]))
    # END SOLUTION


check("12.2", clearly_better)

# %% [markdown]
# ### Exercise 12.3: what keeps two runs close?
#
# With the same seed, alpha 0 and alpha 0.2 disagreed on a handful of validation images;
# two seeds of the same alpha, on a few dozen. Suppose alpha 0.2 had been trained with
# seeds 5 to 9 instead of 0 to 4 (the same images, everything else the same). On about how
# many validation images would `train_run(0.2, 5)` and alpha 0's seed-0 run disagree?
# Predict, set `answer` to one letter, then check your prediction with
# `np.sum(predictions(train_run(0.2, 5), X_val) != pred[0.0][0])` in a new cell.
#
# - **a** a handful, as with the same seed: the images are the same, and alpha changes few
#   predictions;
# - **b** a few dozen, as for two seeds: what keeps two runs close is their shared start
#   and batches;
# - **c** several hundred: the two runs were trained independently, so they agree only by
#   chance;
# - **d** none: both runs have about the same accuracy.

# %%
# BEGIN SOLUTION
# STUB: answer = ...  # "a", "b", "c" or "d"
answer = "b"
# END SOLUTION
check("12.3", answer)

# %% [markdown]
# ### Exercise 12.4: how many images would it take?
#
# The sampling noise shrinks as the evaluation set grows. Write `images_needed(p, se)`: the
# smallest number of images n for which the binomial standard error of an accuracy p is at
# most `se` (both as fractions, e.g. `images_needed(0.9, 0.003)`). How many images would
# it take for one model's accuracy at 90% to be known as precisely as the seed std of
# about 0.3 points? Predict the order of magnitude first, then run.

# %%
def images_needed(p, se):
    # BEGIN SOLUTION
    # STUB: ...  # the smallest whole n with sqrt(p * (1 - p) / n) <= se
    return int(np.ceil(p * (1 - p) / se**2))
    # END SOLUTION


check("12.4", images_needed)

# %% [markdown]
# ## Summary
#
# - The slide's plot shows the function's shape; which alpha trains better takes a sweep
#   over several seeds, chosen on validation data, with the test set touched once.
# - Two noises: the seed-to-seed spread of training, and the binomial sampling noise of the
#   evaluation set (about 1 point on 1,000 images at 90%). Runs that share their seeds and
#   images are compared seed by seed: the paired standard error of a difference is smaller
#   than the unpaired one, and well under the binomial 1 point.
# - Here all alphas from 0 to 0.5 were within a few tenths of a point of each other: on a
#   one-hidden-layer MLP with almost no dead ReLU units, a null result was to be expected.
#
# **Next:** lesson 13, numerical robustness: what really breaks a Leaky ReLU implementation.
