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
# # 08 · Comparing activation functions
#
# **Goal:** compare ReLU, Leaky ReLU, sigmoid and tanh: their shapes, their derivatives, and
# what saturation does to a gradient passing through many layers. About 20 minutes.
#
# *Slide 8 of the deck: "Comparing Leaky ReLU with Other Activation Functions".*

# %%
import matplotlib.pyplot as plt
import numpy as np

import leaky
from leaky import alpha_explorer, check, hint, start_lesson

rng = start_lesson(seed=0)

# %% [markdown]
# ## The slide's figure, fixed
#
# The slide defines `leaky_relu` as `np.maximum(alpha * x, x)`, which is right only for
# `alpha <= 1` (lesson 02), and its sigmoid overflows for large negative x. We use the
# package's versions, and add the derivatives on a second panel.

# %%
x = np.linspace(-10, 10, 1001)
FUNCS = {"ReLU": (leaky.relu, leaky.relu_grad),
         "Leaky ReLU (0.01)": (leaky.leaky_relu, leaky.leaky_relu_grad),
         "sigmoid": (leaky.sigmoid, leaky.sigmoid_grad),
         "tanh": (leaky.tanh, leaky.tanh_grad)}
fig, (ax_f, ax_d) = plt.subplots(1, 2)
for name, (f, df) in FUNCS.items():
    ax_f.plot(x, f(x), label=name)
    ax_d.plot(x, df(x), label=name)
ax_f.set(title="Activation functions", xlabel="x", ylim=(-1.5, 3))
ax_d.set(title="Derivatives", xlabel="x", ylim=(-0.1, 1.1))
ax_f.legend(fontsize=8)
plt.show()

# %% [markdown]
# ## Saturation and vanishing gradients, in numbers
#
# Backpropagation multiplies one derivative per layer. Take a chain of 10 layers, each at
# the same typical pre-activation x, and multiply the 10 derivatives:

# %%
print(f"largest sigmoid derivative, at x = 0: {float(leaky.sigmoid_grad(0.0)):.2f}")
for x0 in (-2.0, 0.5, 2.0):
    row = "  ".join(f"{name}: {float(df(x0)) ** 10:.1e}" for name, (f, df) in FUNCS.items())
    print(f"x = {x0:+.1f}  {row}")

# %% [markdown]
# sigmoid's derivative is at most 0.25, so 10 layers shrink the gradient by at least
# 0.25**10 even at its best point; tanh does well near 0 but saturates for |x| of a few
# units. ReLU passes 1 or 0; Leaky ReLU passes 1 or 0.01. On the negative side a chain of
# 10 Leaky ReLUs shrinks the gradient even more than sigmoid does (the x = -2 row): its
# gain over ReLU is that the gradient is never exactly zero, not that it is large. In a
# real network the units of one path are not all negative, which the next measurement shows.
#
# A second measurement: the gradient of a 10-layer random MLP (64 units, He-style scale for
# ReLU-like units, Xavier-style for sigmoid and tanh) with respect to its input.

# %%
def input_gradient_norm(f, df, scale, depth=10, width=64, seed=0):
    r = np.random.default_rng(seed)
    Ws = [r.normal(size=(width, width)) * scale / np.sqrt(width) for _ in range(depth)]
    h, zs = r.normal(size=(1, width)), []
    for W in Ws:
        z = h @ W
        zs.append(z)
        h = f(z)
    g = np.ones_like(h)
    for W, z in zip(reversed(Ws), reversed(zs), strict=True):
        g = (g * df(z)) @ W.T
    return float(np.linalg.norm(g))


SCALES = {"ReLU": np.sqrt(2), "Leaky ReLU (0.01)": leaky.he_gain(0.01), "sigmoid": 1.0,
          "tanh": 1.0}
for name, (f, df) in FUNCS.items():
    print(f"{name:18s} |dL/dinput| after 10 layers: {input_gradient_norm(f, df, SCALES[name]):.2e}")

# %% [markdown]
# ## Where each is used today
#
# - **ReLU** and its variants (Leaky ReLU, PReLU) are the usual choice for hidden layers of
#   convolutional and fully connected networks.
# - **sigmoid** is used for outputs that are probabilities (binary classification, as in
#   lesson 11) and inside gates of LSTMs.
# - **tanh** appears inside recurrent cells (LSTM, GRU) and where a zero-centred bounded
#   output is wanted.

# %% [markdown]
# ## Explore: alpha against the others
#
# Leaky ReLU moves with the slider; ReLU, sigmoid and tanh stay fixed for reference.

# %%
X_PLOT = np.linspace(-5, 5, 401)


def plot_compare(fig, alpha):
    ax_f, ax_d = fig.axes[:2]
    for name in ("ReLU", "sigmoid", "tanh"):
        f, df = FUNCS[name]
        ax_f.plot(X_PLOT, f(X_PLOT), lw=1, ls="--", label=name)
        ax_d.plot(X_PLOT, df(X_PLOT), lw=1, ls="--", label=name)
    (line_f,) = ax_f.plot(X_PLOT, X_PLOT, color="C3", lw=2, label="Leaky ReLU")
    (line_d,) = ax_d.plot(X_PLOT, X_PLOT, color="C3", lw=2, label="Leaky ReLU'")
    ax_f.set(title="functions", xlabel="x", xlim=(-5, 5), ylim=(-5, 5))
    ax_d.set(title="derivatives", xlabel="x", xlim=(-5, 5), ylim=(-0.1, 1.1))
    ax_f.legend(fontsize=8, loc="upper left")
    label = ax_d.text(0.02, 0.5, "", transform=ax_d.transAxes, fontsize=9)

    def update(alpha):
        line_f.set_ydata(leaky.leaky_relu(X_PLOT, alpha))
        line_d.set_ydata(leaky.leaky_relu_grad(X_PLOT, alpha))
        label.set_text(f"alpha = {alpha:.2f}\nslope at x=-3: {alpha:.2f}\n"
                       f"sigmoid'(-3) = {float(leaky.sigmoid_grad(-3.0)):.3f}")
        return [line_f, line_d, label]

    return update


alpha_explorer(plot_compare, alpha=0.01)

# %% [markdown]
# ## Exercises
#
# ### Exercise 08.1: the largest gradient at x = -3
#
# Which of `"relu"`, `"leaky_relu"` (alpha = 0.01), `"sigmoid"`, `"tanh"` has the largest
# derivative at x = -3? Decide first, then compute.

# %%
# BEGIN SOLUTION
# STUB: largest = ...  # one of "relu", "leaky_relu", "sigmoid", "tanh"
largest = "sigmoid"
# END SOLUTION
check("08.1", largest)

# %% [markdown]
# ### Exercise 08.2: a stable sigmoid
#
# `1 / (1 + np.exp(-x))` overflows (with a warning) for x below about -709. Write a sigmoid
# that never overflows and agrees with `leaky.sigmoid`.

# %%
def stable_sigmoid(x):
    # BEGIN SOLUTION
    # STUB: ...  # use exp(-|x|), which never overflows
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))
    # END SOLUTION


check("08.2", stable_sigmoid)

# %% [markdown]
# ## Summary
#
# - sigmoid and tanh saturate: their derivatives vanish for large |x|, and products over
#   10 layers are tiny.
# - ReLU passes 1 or 0; Leaky ReLU passes 1 or alpha, so no path is ever fully cut.
# - Compute sigmoid with exp(-|x|) to avoid overflow.
#
# **Next:** lesson 09 uses Leaky ReLU in a convolutional network on MNIST.
