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
# # 14 · Leaky ReLU in deep-learning frameworks
#
# **Goal:** use Leaky ReLU in PyTorch and TensorFlow/Keras without surprises: know that
# they agree with the numpy reference (and by how much), that their *defaults differ*, what
# Keras 3 renamed, what the gradient at 0 is, how to initialise weights for Leaky ReLU, and
# what PReLU (a learned slope) does. About 20 minutes.
#
# *Slide 14 of the deck: "Leaky ReLU in Deep Learning Frameworks".*

# %%
import inspect
import warnings

import numpy as np

import leaky
from leaky import alpha_explorer, check, hint, start_lesson
from leaky.parity import PAIRS, float32_rounding, max_abs_differences, parity_grid, parity_inputs

rng = start_lesson(seed=0, frameworks=("tensorflow", "torch"))  # imports TensorFlow quietly
import keras
import tensorflow as tf
import torch

# %% [markdown]
# ## The idea
#
# Every framework ships Leaky ReLU, so in practice you never write it yourself. But "the
# same function" in three libraries is only the same if you pass the same slope, and the
# libraries do not agree on the slope you get when you pass none. This lesson runs the
# slide's code, then checks each claim of the form "they are the same" by measuring it.

# %% [markdown]
# ## The slide's code
#
# The slide builds a Keras layer with `LeakyReLU(alpha=0.01)` and a PyTorch module with
# `nn.LeakyReLU(negative_slope=0.01)`. It runs, and the outputs agree. But Keras 3 renamed
# the argument `alpha` to `negative_slope`; the old name still works, with a warning. We
# catch the warning to print it once, as one line:

# %%
tf_x = tf.constant([-2.0, -1.0, 0.0, 1.0, 2.0])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    tf_leaky_relu = tf.keras.layers.LeakyReLU(alpha=0.01)  # the slide's line
tf_output = tf_leaky_relu(tf_x)

torch_x = torch.tensor([-2.0, -1.0, 0.0, 1.0, 2.0])
torch_leaky_relu = torch.nn.LeakyReLU(negative_slope=0.01)
torch_output = torch_leaky_relu(torch_x)

print("TensorFlow output:", tf_output.numpy())
print("PyTorch output:   ", torch_output.numpy())
for warning in caught:
    print(f"Warning ({warning.category.__name__}): {warning.message}")

# %% [markdown]
# The fix is the new name. It gives the same layer, without the warning:

# %%
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    keras_leaky_relu = keras.layers.LeakyReLU(negative_slope=0.01)
print("Keras 3 output:   ", keras_leaky_relu(tf_x).numpy())
print("warnings:", len(caught), "| negative_slope =", keras_leaky_relu.negative_slope)

# %% [markdown]
# ## The defaults differ
#
# Leave the slope out and each library picks its own. We read each default off the object
# or the function's signature, then evaluate at `x = -1`, where the output *is* minus the
# slope:

# %%
def default_of(function, name):
    return inspect.signature(function).parameters[name].default


minus_one = np.array([-1.0], dtype=np.float32)
defaults = [
    ("torch.nn.LeakyReLU()", torch.nn.LeakyReLU().negative_slope,
     torch.nn.LeakyReLU()(torch.from_numpy(minus_one))),
    ("torch.nn.functional.leaky_relu", default_of(torch.nn.functional.leaky_relu,
                                                  "negative_slope"),
     torch.nn.functional.leaky_relu(torch.from_numpy(minus_one))),
    ("tf.nn.leaky_relu", default_of(tf.nn.leaky_relu, "alpha"), tf.nn.leaky_relu(minus_one)),
    ("keras.layers.LeakyReLU()", keras.layers.LeakyReLU().negative_slope,
     keras.layers.LeakyReLU()(minus_one)),
    ("keras.activations.leaky_relu", default_of(keras.activations.leaky_relu,
                                                "negative_slope"),
     keras.activations.leaky_relu(minus_one)),
    ("leaky.leaky_relu (this course)", default_of(leaky.leaky_relu, "alpha"),
     leaky.leaky_relu(minus_one)),
]
print(f"{'':32s} {'default slope':>13s} {'f(-1)':>8s}")
for name, slope, value in defaults:
    print(f"{name:32s} {slope:13g} {float(np.asarray(value)[0]):8.4g}")

# %% [markdown]
# Three different defaults for "Leaky ReLU": 0.01 (PyTorch, and this course), 0.2
# (`tf.nn` and `keras.activations`) and 0.3 (the Keras *layer*). A model ported from one
# library to another without writing the slope down changes its activation function.
# **Always pass the slope explicitly.**

# %% [markdown]
# ## Forward and gradient parity
#
# Same slope, same function? `leaky.parity` runs the numpy reference, PyTorch autograd and
# TensorFlow's `GradientTape` on the same 201 inputs (0, -0.0 and tiny values included) and
# returns the largest absolute difference for each pair, for the outputs and the gradients:

# %%
def show_differences(x, alpha):
    for (a, b), diff in max_abs_differences(x, alpha).items():
        print(f"  {a:>5s} vs {b:<10s} forward {diff['forward']:8.2g}   "
              f"gradient {diff['gradient']:8.2g}")


for dtype in (np.float32, np.float64):
    print(f"{np.dtype(dtype).name}, alpha = 0.2, {parity_inputs(dtype=dtype).size} inputs:")
    show_differences(parity_inputs(dtype=dtype), 0.2)

# %% [markdown]
# In float32 all three agree exactly. In float64 numpy and PyTorch still agree exactly, but
# TensorFlow is off by a few times 1e-8. The reason: `tf.nn.leaky_relu` stores `alpha` as an
# attribute of its op, and that attribute is a **32-bit float**. So in float64 TensorFlow
# multiplies by `float32(0.2)`, not by `0.2`:

# %%
x64 = parity_inputs(dtype=np.float64)
print("float32(0.2) - 0.2               =", f"{float(np.float32(0.2)) - 0.2:.3g}")
x_tf = tf.constant([-1.0], dtype=tf.float64)
with tf.GradientTape() as tape:
    tape.watch(x_tf)
    y_tf = tf.nn.leaky_relu(x_tf, alpha=0.2)
print("TF gradient at x = -1, minus 0.2 =", f"{float(tape.gradient(y_tf, x_tf)[0]) - 0.2:.3g}")
largest_negative = float(np.abs(x64[x64 < 0]).max())
predicted = float32_rounding(0.2) * largest_negative
measured = max_abs_differences(x64, 0.2, pairs=[("numpy", "tensorflow")])
print(f"predicted forward difference |float32(0.2) - 0.2| * max|x| = {predicted:.3g}")
print(f"measured  forward difference                              = "
      f"{measured['numpy', 'tensorflow']['forward']:.3g}")

# %% [markdown]
# Relative to the result this is at most float32's relative rounding error, `2**-24`
# (about 6e-8), far below anything that matters for training; it is still why a float64
# parity test against TensorFlow needs a tolerance at float32's level, not float64's.
# Alphas that float32 holds exactly (0, 0.25, 0.5, 0.75, 1) give no difference at all.
# Over the 101 alphas 0, 0.01, ..., 1 (the explorer below uses the same grid):

# %%
alpha_grid = np.round(np.linspace(0.0, 1.0, 101), 2)
grid64 = parity_grid(alpha_grid, x64)
grid32 = parity_grid(alpha_grid, parity_inputs(dtype=np.float32))
rounding = np.array([float32_rounding(a) for a in alpha_grid])
relative = np.divide(rounding, alpha_grid, out=np.zeros_like(rounding), where=alpha_grid > 0)
tf_pair = ("numpy", "tensorflow")
print("float32, every pair, forward and gradient: max difference",
      max(float(v.max()) for part in ("forward", "gradient") for v in grid32[part].values()))
print("float64, numpy vs torch: max difference",
      max(float(grid64[part]["numpy", "torch"].max()) for part in ("forward", "gradient")))
print("float64, numpy vs tensorflow: max forward difference",
      f"{grid64['forward'][tf_pair].max():.3g}, max gradient difference",
      f"{grid64['gradient'][tf_pair].max():.3g}")
print("  gradient difference == |float32(alpha) - alpha| for every alpha:",
      bool(np.array_equal(grid64["gradient"][tf_pair], rounding)))
print(f"  largest relative rounding of alpha: {relative.max():.2g} (2**-24 = {2.0**-24:.2g})")
print("  largest forward difference at alpha =",
      alpha_grid[np.argmax(grid64["forward"][tf_pair])])
print("  alphas with no difference at all:", alpha_grid[grid64["forward"][tf_pair] == 0])

# %% [markdown]
# ## The gradient at exactly 0
#
# At the kink any value between `alpha` and 1 is a valid subgradient, so each library has to
# pick one (lesson 03). All of them pick `alpha`, the same as `leaky.leaky_relu_grad`:

# %%
def tf_grad_at_zero(function):
    zero = tf.zeros(1)
    with tf.GradientTape() as tape:
        tape.watch(zero)
        out = function(zero)
    return float(tape.gradient(out, zero)[0])


zero = torch.zeros(1, requires_grad=True)
torch.nn.LeakyReLU(0.2)(zero).sum().backward()
at_zero = {
    "torch.nn.LeakyReLU(0.2)": float(zero.grad[0]),
    "tf.nn.leaky_relu(alpha=0.2)": tf_grad_at_zero(lambda z: tf.nn.leaky_relu(z, alpha=0.2)),
    "keras.layers.LeakyReLU(0.2)": tf_grad_at_zero(keras.layers.LeakyReLU(negative_slope=0.2)),
    "keras.activations.leaky_relu(0.2)": tf_grad_at_zero(
        lambda z: keras.activations.leaky_relu(z, negative_slope=0.2)),
    "leaky.leaky_relu_grad(0, 0.2)": float(leaky.leaky_relu_grad(0.0, 0.2)),
}
for name, value in at_zero.items():
    print(f"{name:36s} f'(0) = {value:.4g}")

# %% [markdown]
# ## He initialisation for Leaky ReLU
#
# He et al. (2015) derived how large the starting weights must be so that the signal keeps
# its size through many layers: standard deviation `gain / sqrt(fan_in)` with
# `gain = sqrt(2 / (1 + alpha**2))`. PyTorch has the gain as `calculate_gain`; the course
# package as `leaky.he_gain` (used by `LeakyReLULayer`, lesson 06). They agree:

# %%
for a in (0.0, 0.01, 0.2, 0.3, 1.0):
    torch_gain = torch.nn.init.calculate_gain("leaky_relu", a)
    print(f"alpha = {a:4}: calculate_gain {torch_gain:.5f}   leaky.he_gain {leaky.he_gain(a):.5f}")
print("calculate_gain('leaky_relu') with no slope uses 0.01:",
      round(torch.nn.init.calculate_gain("leaky_relu"), 5))

# %% [markdown]
# The initialisers use the gain. `torch.nn.init.kaiming_normal_(w, a=alpha)` takes the slope
# as `a` (and defaults to `a = 0`, ReLU's gain). Keras' `HeNormal` has no slope argument: it
# is `VarianceScaling` with `scale = 2`, ReLU's `gain**2`, whatever the slope. For a leaky
# layer pass `scale = he_gain(alpha)**2` yourself. Measured on a 512 x 512 weight matrix,
# both give the intended standard deviation:

# %%
alpha, fan_in = 0.3, 512
target_std = leaky.he_gain(alpha) / np.sqrt(fan_in)
w_torch = torch.nn.init.kaiming_normal_(torch.empty(fan_in, fan_in), a=alpha)
leaky_he = keras.initializers.VarianceScaling(scale=leaky.he_gain(alpha) ** 2, mode="fan_in",
                                              distribution="truncated_normal", seed=0)
w_keras = leaky_he((fan_in, fan_in)).numpy()
print("torch kaiming_normal_ default a:", default_of(torch.nn.init.kaiming_normal_, "a"))
print("keras HeNormal scale:", keras.initializers.HeNormal().scale,
      f"| he_gain(0.3)**2 = {leaky.he_gain(alpha) ** 2:.4f}")
print(f"std / target: torch kaiming_normal_(a=0.3) {float(w_torch.std()) / target_std:.2f}, "
      f"keras VarianceScaling {float(w_keras.std()) / target_std:.2f}")

# %% [markdown]
# ## PReLU: let the network learn the slope
#
# PReLU (He et al., 2015) makes the slope a parameter that gradient descent trains like a
# weight. Both libraries have it, with different starting slopes and shapes: PyTorch starts
# at 0.25 with one slope for the whole layer; Keras starts at 0 (ReLU) with one slope per
# feature.

# %%
prelu_torch = torch.nn.PReLU()
prelu_keras = keras.layers.PReLU()
prelu_keras.build((None, 4))
print("torch.nn.PReLU():    slope", prelu_torch.weight.detach().numpy(),
      "shape", tuple(prelu_torch.weight.shape))
print("keras.layers.PReLU(): slope", prelu_keras.alpha.numpy(), "shape", prelu_keras.alpha.shape,
      "(for 4 features)")

# %% [markdown]
# A tiny task shows the slope move: 256 inputs, and targets made by a Leaky ReLU with slope
# 0.5. A PReLU layer alone has to find that slope. We train both with plain gradient descent
# on the mean squared error, written out (learning rate 0.2), from the same start 0.25, and
# Keras also from its own default 0:

# %%
x_task = rng.normal(size=(256, 1)).astype(np.float32)
y_task = leaky.leaky_relu(x_task, 0.5)
steps, lr = 26, 0.2


def train_torch_prelu(layer):
    x, y = torch.from_numpy(x_task), torch.from_numpy(y_task)
    slopes = []
    for _ in range(steps):
        slopes.append(layer.weight.item())
        loss = torch.mean((layer(x) - y) ** 2)
        loss.backward()
        with torch.no_grad():
            layer.weight -= lr * layer.weight.grad
            layer.weight.grad = None
    return slopes


def train_keras_prelu(layer):
    layer.build((None, 1))
    slopes = []
    for _ in range(steps):
        slopes.append(float(layer.alpha.numpy()[0]))
        with tf.GradientTape() as tape:
            loss = keras.ops.mean((layer(x_task) - y_task) ** 2)
        layer.alpha.assign_sub(lr * tape.gradient(loss, layer.alpha))
    return slopes


runs = {
    "torch (starts 0.25)": train_torch_prelu(torch.nn.PReLU()),
    "keras (starts 0.25)": train_keras_prelu(
        keras.layers.PReLU(alpha_initializer=keras.initializers.Constant(0.25))),
    "keras (default, 0)": train_keras_prelu(keras.layers.PReLU()),
}
print("step " + "".join(f"{name:>22s}" for name in runs))
for step in range(0, steps, 5):
    print(f"{step:4d} " + "".join(f"{slopes[step]:22.3f}" for slopes in runs.values()))
same_start = np.abs(np.subtract(runs["torch (starts 0.25)"], runs["keras (starts 0.25)"]))
print("torch and keras from the same start agree to 1e-6:", bool(same_start.max() < 1e-6))

# %% [markdown]
# The slope moves towards 0.5, the one in the data, and from the same start the two
# libraries take the same steps. In a real network the learned slopes are whatever helps
# the loss: lesson 15 quotes what He et al. found.

# %% [markdown]
# ## Explore: how far apart are the frameworks, for each alpha?
#
# The differences above were precomputed for the 101 alphas 0, 0.01, ..., 1 in float64; the
# slider picks one. Left: the largest absolute difference for each pair against alpha
# (log scale; exact agreement is drawn at the bottom, labelled 0), with the prediction
# `|float32(alpha) - alpha| * max|x|` dotted. Right: the table at the current alpha.

# %%
FLOOR = 1e-17  # where "exactly 0" is drawn on the log scale


def parity_table_text(alpha):
    """The table's numbers at the grid point nearest to alpha (pure, fast)."""
    i = int(np.argmin(np.abs(alpha_grid - alpha)))
    lines = [f"{alpha_grid[i]:.2f}", f"{float(np.float32(alpha_grid[i])) - alpha_grid[i]:+.2g}"]
    for pair in PAIRS:
        lines.append(f"{grid64['forward'][pair][i]:.2g} | {grid64['gradient'][pair][i]:.2g}")
    return "\n".join(lines)


def largest(grid, pair):
    return max(float(grid[part][pair].max()) for part in ("forward", "gradient"))


# What does not change with alpha, computed once from the grids:
TABLE_FIXED = "\n".join(
    ["float64 at this alpha (forward | gradient):", "", "   alpha", "   float32(alpha) - alpha",
     *[f"   {x} vs {y}" for x, y in PAIRS], "",
     f"float64, numpy vs torch: largest difference {largest(grid64, PAIRS[0]):.2g}",
     "  over all alphas, forward and gradient", "",
     "float32, every pair: largest difference "
     f"{max(largest(grid32, pair) for pair in PAIRS):.2g}",
     "  over all alphas, forward and gradient"])


def plot_parity(fig, alpha):
    ax, ax_table = fig.axes
    ax.set_position([0.08, 0.15, 0.5, 0.75])  # a wide plot, a narrow table
    ax_table.set_position([0.62, 0.05, 0.37, 0.85])
    # numpy-tf and torch-tf coincide: draw the first wide and pale, the second thin on top
    styles = {PAIRS[0]: dict(color="C0", lw=2.5), PAIRS[1]: dict(color="C1", lw=4, alpha=0.4),
              PAIRS[2]: dict(color="C2", lw=1)}
    for pair, style in styles.items():
        for part, ls in (("forward", "-"), ("gradient", "--")):
            ax.plot(alpha_grid, np.maximum(grid64[part][pair], FLOOR), ls=ls, **style,
                    label=f"{pair[0]} vs {pair[1]}, {part}")
    ax.plot(alpha_grid, np.maximum(rounding * largest_negative, FLOOR), ":", color="k", lw=1.2,
            label="predicted: |float32(alpha) - alpha| * max|x|")
    ax.set(yscale="log", ylim=(FLOOR / 3, 1e-5), xlim=(0, 1), xlabel="alpha",
           title="float64: max |difference| over the inputs")
    ax.set_yticks([FLOOR, 1e-14, 1e-11, 1e-8], ["0", "1e-14", "1e-11", "1e-8"])
    ax.legend(fontsize=6.5, loc="center", ncol=2, bbox_to_anchor=(0.5, 0.5))
    cursor = ax.axvline(alpha, color="C3", lw=1.5)
    ax_table.axis("off")
    ax_table.text(0.0, 0.98, TABLE_FIXED, fontsize=8.5, va="top", transform=ax_table.transAxes)
    table = ax_table.text(0.62, 0.98, "\n\n" + parity_table_text(alpha), fontsize=8.5,
                          va="top", color="C3", transform=ax_table.transAxes)

    def update(alpha):
        cursor.set_xdata([alpha, alpha])
        table.set_text("\n\n" + parity_table_text(alpha))  # two lines down, like the labels
        return [cursor, table]

    return update


explorer = alpha_explorer(plot_parity, alpha=0.2)
explorer

# %% [markdown]
# Things to try: `alpha = 0.25` or `0.5` (float32 holds them exactly: every difference is 0),
# `alpha = 0.01` (a tiny rounding error), alphas near 1 (the largest: float32's rounding
# error grows with the size of alpha). numpy and PyTorch agree exactly everywhere; in
# float32 everything agrees exactly.

# %% [markdown]
# ## Exercises
#
# ### Exercise 14.1: make Keras agree with PyTorch
#
# Complete `keras_like_torch()` so that it returns a **Keras** `LeakyReLU` layer that computes
# exactly what PyTorch's `torch.nn.LeakyReLU()` computes with its default slope. Use the
# Keras 3 argument name.

# %%
def keras_like_torch():
    # BEGIN SOLUTION
    # STUB: ...  # return keras.layers.LeakyReLU(...)
    return keras.layers.LeakyReLU(negative_slope=0.01)
    # END SOLUTION


check("14.1", keras_like_torch)

# %% [markdown]
# ### Exercise 14.2: the He gain
#
# Write `gain(alpha)`, the He initialisation gain for Leaky ReLU with slope `alpha`, without
# calling `torch` or `leaky.he_gain`. The check compares it with
# `torch.nn.init.calculate_gain("leaky_relu", alpha)` for many alphas.

# %%
def gain(alpha):
    # BEGIN SOLUTION
    # STUB: ...  # the formula from the He initialisation section
    return float(np.sqrt(2.0 / (1.0 + alpha**2)))
    # END SOLUTION


check("14.2", gain)

# %% [markdown]
# ## Summary
#
# - numpy, PyTorch and TensorFlow agree exactly in float32; in float64 TensorFlow rounds
#   `alpha` to float32 (relative error up to about 3e-8). All use `alpha` as the slope at 0.
# - Defaults differ: 0.01 (PyTorch), 0.2 (`tf.nn`, `keras.activations`), 0.3 (Keras layer);
#   Keras 3 calls it `negative_slope`. Always pass the slope explicitly.
# - He initialisation for Leaky ReLU has gain `sqrt(2 / (1 + alpha**2))`; PReLU learns the
#   slope (PyTorch starts at 0.25, Keras at 0).
#
# **Next:** lesson 15, the three papers behind Leaky ReLU, PReLU and RReLU, and a recap of
# the course.
