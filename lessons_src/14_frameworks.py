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
# **You will:** move Leaky ReLU between PyTorch, TensorFlow and Keras without changing the model.
#
# **Time:** about 35 minutes. **Prerequisites:** lessons 03 (gradient at 0), 06 (He init), 09.
#
# > **Slide 14 of the deck, "Leaky ReLU in Deep Learning Frameworks":** "Most deep learning
# > frameworks provide built-in implementations of Leaky ReLU. Let's compare the usage in
# > TensorFlow and PyTorch."

# %%
import inspect
import warnings
from functools import partial
from pathlib import Path

import numpy as np

import leaky
from leaky import alpha_explorer, check, hint, start_lesson
from leaky.parity import float32_rounding, max_abs_differences, parity_grid, parity_inputs
from leaky.plots_frameworks import PortNetwork, plot_defaults_and_port, port_changes

rng = start_lesson(seed=0, frameworks=("tensorflow", "torch"))
import keras
import tensorflow as tf
import torch

# %% [markdown]
# ## The idea
#
# Every framework ships Leaky ReLU, so in practice you never write it yourself. But "the
# same function" in two libraries is only the same if it gets the same slope, and the
# libraries do not agree on the slope you get when you pass none. This lesson runs the
# slide's code, then measures each "they are the same": the defaults, the values, the
# gradient at 0, the initialisation and the learned slope (PReLU).

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
# ### Exercise 14.1 (predict, then run): leave the slope out
#
# The slide passes the slope every time. What happens when you don't? **Before running
# anything**, write down what each of these four gives for `x = -2` when it is called
# without a slope argument:
#
# 1. the layer `torch.nn.LeakyReLU()`,
# 2. the function `tf.nn.leaky_relu`,
# 3. the layer `keras.layers.LeakyReLU()`,
# 4. the function `keras.activations.leaky_relu`.
#
# If you do not know, guess: the check says which guesses were wrong, and the next section
# runs all four.

# %%
# BEGIN SOLUTION
# STUB: outputs_at_minus_2 = ...  # four numbers: [torch layer, tf.nn, keras layer, keras fn]
outputs_at_minus_2 = [-0.02, -0.4, -0.6, -0.4]
# END SOLUTION
check("14.1", outputs_at_minus_2)

# %% [markdown]
# ## The defaults differ
#
# Now run them. We read each default off the object or the function's signature and
# evaluate at `x = -2`, where the output is minus twice the slope:

# %%
def default_of(function, name):
    return inspect.signature(function).parameters[name].default


defaults = {
    "torch.nn.LeakyReLU()": torch.nn.LeakyReLU().negative_slope,
    "torch.nn.functional.leaky_relu": default_of(torch.nn.functional.leaky_relu,
                                                 "negative_slope"),
    "tf.nn.leaky_relu": default_of(tf.nn.leaky_relu, "alpha"),
    "keras.layers.LeakyReLU()": keras.layers.LeakyReLU().negative_slope,
    "keras.activations.leaky_relu": default_of(keras.activations.leaky_relu, "negative_slope"),
    "leaky.leaky_relu (this course)": default_of(leaky.leaky_relu, "alpha"),
}
minus_two = np.array([-2.0], dtype=np.float32)
at_minus_two = {
    "torch.nn.LeakyReLU()": torch.nn.LeakyReLU()(torch.from_numpy(minus_two)),
    "torch.nn.functional.leaky_relu": torch.nn.functional.leaky_relu(torch.from_numpy(minus_two)),
    "tf.nn.leaky_relu": tf.nn.leaky_relu(minus_two),
    "keras.layers.LeakyReLU()": keras.layers.LeakyReLU()(minus_two),
    "keras.activations.leaky_relu": keras.activations.leaky_relu(minus_two),
    "leaky.leaky_relu (this course)": leaky.leaky_relu(minus_two),
}
print(f"{'':32s} {'default slope':>13s} {'f(-2)':>8s}")
for name, slope in defaults.items():
    print(f"{name:32s} {slope:13g} {float(np.asarray(at_minus_two[name])[0]):8.4g}")

# %% [markdown]
# Three different defaults for "Leaky ReLU": 0.01 (PyTorch, and this course), 0.2
# (`tf.nn` and `keras.activations`) and 0.3 (the Keras *layer*: the layer and the function
# of the same library disagree). So a model ported from one library to another without
# writing the slope down changes its activation function. How much does that change the
# model? Take a fixed random network with four Leaky ReLU layers (`PortNetwork`, 64 units
# each, 256 random inputs), built with PyTorch's default 0.01, and run it with each other
# default:

# %% tags=["nbval-ignore-output"]
# The change depends on the random weights (and on sums of many products): the next cell
# checks the claim with a margin measured over 10 seeds.
port_network = PortNetwork(rng=0)
changes = port_changes(0.01, defaults, port_network)
for slope, change in changes.items():
    print(f"built with slope 0.01, run with {slope:4g}: the output changes by {change:.0%}")

# %%
print("run by keras.layers.LeakyReLU() (0.3): output changes by more than 15%:",
      changes[0.3] > 0.15)
print("run by tf.nn.leaky_relu (0.2):         output changes by more than 10%:",
      changes[0.2] > 0.10)
assert changes[0.3] > 0.15 and changes[0.2] > 0.10

# %% [markdown]
# A trained model ported this way no longer computes what it was trained to compute, and
# nothing warns you.
# **Always pass the slope explicitly** (the explorer below shows the same for any slope).

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
# TensorFlow is off by up to about 2e-8. The reason: `tf.nn.leaky_relu` stores `alpha` as an
# attribute of its op, and that attribute is a **32-bit float**, even when the op computes
# in float64. We build the op for a float64 input and read the attribute back, compare
# TensorFlow's slope (its gradient at `x = -1`) with 0.2, and predict the largest forward
# difference from the rounding:

# %%
float64_graph = tf.function(lambda x: tf.nn.leaky_relu(x, alpha=0.2)).get_concrete_function(
    tf.TensorSpec([None], tf.float64)).graph
leaky_op = next(op for op in float64_graph.get_operations() if op.type == "LeakyRelu")
print("alpha stored in the float64 LeakyRelu op:", repr(leaky_op.get_attr("alpha")))
print("float32(0.2):                             ", repr(float(np.float32(0.2))))
x_tf = tf.constant([-1.0], dtype=tf.float64)
with tf.GradientTape() as tape:
    tape.watch(x_tf)
    y_tf = tf.nn.leaky_relu(x_tf, alpha=0.2)
print(f"float32(0.2) - 0.2               = {float(np.float32(0.2)) - 0.2:.3g}")
print(f"TF gradient at x = -1, minus 0.2 = {float(tape.gradient(y_tf, x_tf)[0]) - 0.2:.3g}")
x64 = parity_inputs(dtype=np.float64)
largest_negative = float(np.abs(x64[x64 < 0]).max())
predicted = float32_rounding(0.2) * largest_negative
measured = max_abs_differences(x64, 0.2, pairs=[("numpy", "tensorflow")])
print(f"predicted forward difference |float32(0.2) - 0.2| * max|x| = {predicted:.3g}")
print(f"measured  forward difference                              = "
      f"{measured['numpy', 'tensorflow']['forward']:.3g}")

# %% [markdown]
# Relative to the result, the difference is `|float32(alpha) - alpha| / alpha`, the
# relative rounding error of alpha in float32, which is at most `2**-24`. Over the 101
# alphas 0, 0.01, ..., 1:

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
print("float64, numpy vs tensorflow: gradient difference == |float32(alpha) - alpha| "
      "for every alpha:", bool(np.array_equal(grid64["gradient"][tf_pair], rounding)))
print(f"  largest relative difference: {relative.max():.2g}, at alpha = "
      f"{alpha_grid[np.argmax(relative)]} (2**-24 = {2.0**-24:.2g})")
print("  alphas with no difference at all:", alpha_grid[grid64["forward"][tf_pair] == 0])

# %% [markdown]
# So TensorFlow's float64 Leaky ReLU is off by at most 2**-24 (about 6e-8) relative,
# 5.4e-8 at worst on this grid, and by nothing for alphas that float32 holds exactly (0,
# 0.25, 0.5, 0.75, 1). These numbers are exact, the same on every CPU: each output is one
# multiplication, compared element by element, and the largest difference is taken; no
# sum is involved. Far below anything that matters for training, but it is why a float64
# parity test against TensorFlow needs a tolerance at float32's level.

# %% [markdown]
# ## The gradient at exactly 0
#
# At the kink any value between `alpha` and 1 is a valid subgradient, so each library has to
# pick one (lesson 03). Measured here, with `alpha = 0.2`:

# %%
def tf_grad_at_zero(function):
    zero = tf.zeros(1)
    with tf.GradientTape() as tape:
        tape.watch(zero)
        out = function(zero)
    return float(tape.gradient(out, zero)[0])


def torch_grad_at_zero(function):
    zero = torch.zeros(1, requires_grad=True)
    function(zero).sum().backward()
    return float(zero.grad[0])


at_zero = {
    "torch.nn.LeakyReLU(0.2)": torch_grad_at_zero(torch.nn.LeakyReLU(0.2)),
    "torch.nn.functional.leaky_relu": torch_grad_at_zero(
        lambda z: torch.nn.functional.leaky_relu(z, 0.2)),
    "tf.nn.leaky_relu(alpha=0.2)": tf_grad_at_zero(lambda z: tf.nn.leaky_relu(z, alpha=0.2)),
    "keras.layers.LeakyReLU(0.2)": tf_grad_at_zero(keras.layers.LeakyReLU(negative_slope=0.2)),
    "keras.activations.leaky_relu": tf_grad_at_zero(
        lambda z: keras.activations.leaky_relu(z, negative_slope=0.2)),
    "leaky.leaky_relu_grad (this course)": float(leaky.leaky_relu_grad(0.0, 0.2)),
}
print("Keras backend:", keras.backend.backend())
for name, value in at_zero.items():
    print(f"{name:36s} f'(0) = {value:.4g}")

# %% [markdown]
# Every API measured here picks `alpha`. That is not a rule, only what these libraries
# chose: Keras does not compute Leaky ReLU itself but hands it to its *backend*, and the
# backend decides. Keras' own source shows where each backend sends it:

# %%
backend_sources = Path(keras.__file__).parent / "src" / "backend"
for backend in ("tensorflow", "torch", "jax"):
    source = (backend_sources / backend / "nn.py").read_text(encoding="utf-8")
    body = source.split("def leaky_relu(")[1].split("\n\n")[0]
    print(f"{backend:10s} {body.strip().splitlines()[-1].strip()}")

# %% [markdown]
# On JAX (not installed here), `jax.nn.leaky_relu` is implemented as
# `where(x >= 0, x, negative_slope * x)` (JAX's source, `jax/_src/nn/functions.py`, as
# quoted in the course's references). At exactly `x = 0` the condition `x >= 0` is true,
# so the gradient is that of `x`: **1, not alpha** (read from the code, not measured). So
# Keras on the JAX backend gives 1 at 0, on TensorFlow and PyTorch `alpha`. It almost never
# matters in training (an input is rarely exactly 0), but a gradient test that includes
# `x = 0` must know which convention it is testing.

# %% [markdown]
# ## He initialisation for Leaky ReLU
#
# He et al. (2015) derived how large the starting weights must be so that the signal keeps
# its size through many layers: standard deviation `gain / sqrt(fan_in)` with
# `gain = sqrt(2 / (1 + alpha**2))`. PyTorch has the gain as `calculate_gain`; the course
# package as `leaky.he_gain` (lesson 06). They agree:

# %%
for a in (0.0, 0.01, 0.2, 0.3, 1.0):
    torch_gain = torch.nn.init.calculate_gain("leaky_relu", a)
    print(f"alpha = {a:4}: calculate_gain {torch_gain:.5f}   leaky.he_gain {leaky.he_gain(a):.5f}")
print("calculate_gain('leaky_relu') with no slope uses 0.01:",
      round(torch.nn.init.calculate_gain("leaky_relu"), 5))

# %% [markdown]
# The initialisers are another place where the slope goes missing.
# `torch.nn.init.kaiming_normal_(w, a=alpha)` takes the slope as `a`, and defaults to
# `a = 0`, ReLU's gain. Keras' `HeNormal` has no slope argument at all: it is a
# `VarianceScaling` initialiser, which draws weights with variance `scale / fan_in`:

# %%
he_normal = keras.initializers.HeNormal()
print("torch kaiming_normal_: default a =", default_of(torch.nn.init.kaiming_normal_, "a"))
print("keras HeNormal: arguments", inspect.signature(keras.initializers.HeNormal))
print("keras HeNormal: a VarianceScaling?",
      isinstance(he_normal, keras.initializers.VarianceScaling),
      f"| scale = {he_normal.scale}, mode = {he_normal.mode!r}, "
      f"distribution = {he_normal.distribution!r}")

# %% [markdown]
# So `HeNormal` gives ReLU's standard deviation whatever the slope. We measure both on a
# 512 x 512 weight matrix for a layer with `alpha = 0.3`, against the standard deviation
# He et al. ask for:

# %% tags=["nbval-ignore-output"]
# Random weights: the next cell checks the claims with a margin measured over 5 seeds.
alpha, fan_in = 0.3, 512
target_std = leaky.he_gain(alpha) / np.sqrt(fan_in)
w_torch = torch.nn.init.kaiming_normal_(torch.empty(fan_in, fan_in), a=alpha)  # (out, in)
w_keras = keras.initializers.HeNormal(seed=0)((fan_in, fan_in)).numpy()  # (in, out)
torch_ratio = float(w_torch.std()) / target_std
keras_ratio = float(w_keras.std()) / target_std
print(f"std / target: torch kaiming_normal_(a=0.3) {torch_ratio:.4f}, "
      f"keras HeNormal() {keras_ratio:.4f}")

# %%
print(f"keras HeNormal is ReLU's: sqrt(2) / he_gain(0.3) = sqrt(1 + 0.3**2) = "
      f"{np.sqrt(1 + alpha**2):.4f} times too wide")
print("torch kaiming_normal_(a=0.3) within 1% of the target:", abs(torch_ratio - 1) < 0.01)
print("keras HeNormal() within 1% of sqrt(1 + 0.3**2) times the target:",
      abs(keras_ratio / np.sqrt(1 + alpha**2) - 1) < 0.01)
assert abs(torch_ratio - 1) < 0.01 and abs(keras_ratio / np.sqrt(1 + alpha**2) - 1) < 0.01

# %% [markdown]
# About 4% too wide for `alpha = 0.3`. Exercise 14.2 builds the Keras initialiser that is
# right for any slope.

# %% [markdown]
# ## PReLU: let the network learn the slope
#
# PReLU (He et al., 2015) makes the slope a parameter that gradient descent trains like a
# weight. Both libraries have it, with different starting slopes and different *shapes*:

# %%
prelu_torch = torch.nn.PReLU()
prelu_keras = keras.layers.PReLU()
prelu_keras.build((None, 4))
print("torch.nn.PReLU():     slope", prelu_torch.weight.detach().numpy(),
      "shape", tuple(prelu_torch.weight.shape))
print("keras.layers.PReLU(): slope", prelu_keras.alpha.numpy(), "shape",
      tuple(prelu_keras.alpha.shape), "(for 4 features)")

# %% [markdown]
# PyTorch starts at 0.25 (He et al.'s starting value) with one slope for the whole layer.
# Keras starts at 0 (a ReLU) with **one slope per input element**. On images that is far
# more than He et al. used: they learn one slope per channel (or one per layer). In Keras,
# `shared_axes=[1, 2]` shares the slope over height and width of NHWC feature maps (Keras'
# docstring says so); in PyTorch, `nn.PReLU(num_parameters=channels)`. For the 32 feature
# maps of 26 x 26 that lesson 09's first convolution makes from an MNIST digit:

# %%
feature_maps = (None, 26, 26, 32)  # Keras: batch, height, width, channels
per_element = keras.layers.PReLU()
per_channel = keras.layers.PReLU(shared_axes=[1, 2])
for name, layer in (("keras.layers.PReLU()", per_element),
                    ("keras.layers.PReLU(shared_axes=[1, 2])", per_channel)):
    layer.build(feature_maps)
    print(f"{name:40s} slope shape {tuple(layer.alpha.shape)!s:13s} "
          f"parameters: {layer.count_params():,d}")
for name, module in (("torch.nn.PReLU()", torch.nn.PReLU()),
                     ("torch.nn.PReLU(num_parameters=32)", torch.nn.PReLU(num_parameters=32))):
    count = sum(p.numel() for p in module.parameters())
    print(f"{name:40s} slope shape {tuple(module.weight.shape)!s:13s} parameters: {count:,d}")

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

# %% tags=["nbval-ignore-output"]
# Training sums over the batch: the last digits can differ between machines. The next cell
# checks the claims with a margin measured over 5 seeds.
print("step " + "".join(f"{name:>22s}" for name in runs))
for step in range(0, steps, 5):
    print(f"{step:4d} " + "".join(f"{slopes[step]:22.3f}" for slopes in runs.values()))

# %%
same_start = np.abs(np.subtract(runs["torch (starts 0.25)"], runs["keras (starts 0.25)"]))
print("after 25 steps every run is within 0.01 of 0.5:",
      all(abs(slopes[-1] - 0.5) < 0.01 for slopes in runs.values()))
print("torch and keras from the same start agree to 1e-6 at every step:",
      bool(same_start.max() < 1e-6))
assert all(abs(slopes[-1] - 0.5) < 0.01 for slopes in runs.values())
assert same_start.max() < 1e-6

# %% [markdown]
# The slope moves towards 0.5, the one in the data, and from the same start the two
# libraries take the same steps. In a real network the learned slopes are whatever helps
# the loss: lesson 15 quotes what He et al. found.

# %% [markdown]
# ## Explore: the slope you meant, the slope you get
#
# The slider is the slope your model was built with. Left: Leaky ReLU with that slope (red,
# dashed) and with each default found above. Right: how much the four-layer network's output
# changes when that model runs in each API without the slope passed, i.e. with the API's
# default.

# %%
explorer = alpha_explorer(partial(plot_defaults_and_port, defaults=defaults,
                                  network=port_network), alpha=0.01, max=0.5)
explorer

# %% [markdown]
# Things to try: `alpha = 0.01` (a PyTorch model: the Keras layer changes it most), `0.2`
# and `0.3` (the change for that API drops to 0), `0.25` (PReLU's starting slope, in none
# of the defaults), `0` (a plain ReLU model: every default changes it).

# %% [markdown]
# ## Exercises
#
# (Exercise 14.1 was the prediction above.)
#
# ### Exercise 14.2: He initialisation for Leaky ReLU in Keras
#
# Complete `leaky_he_normal(alpha)`: it returns a **Keras initialiser** whose weights have
# the standard deviation He et al. ask for a Leaky ReLU layer with slope `alpha`,
# `leaky.he_gain(alpha) / sqrt(fan_in)` (what `torch.nn.init.kaiming_normal_(w, a=alpha)`
# gives). Keras kernels have the shape `(fan_in, fan_out)`. The check samples your
# initialiser for several alphas and two fan-ins.

# %%
def leaky_he_normal(alpha):
    # BEGIN SOLUTION
    # STUB: ...  # return a keras.initializers object for this alpha
    return keras.initializers.VarianceScaling(scale=leaky.he_gain(alpha) ** 2, mode="fan_in",
                                              distribution="truncated_normal")
    # END SOLUTION


check("14.2", leaky_he_normal)

# %% [markdown]
# ## Summary
#
# - Pass the slope explicitly: the defaults are 0.01 (PyTorch), 0.2 (`tf.nn`,
#   `keras.activations`) and 0.3 (Keras layer), and Keras 3 calls it `negative_slope`.
# - With the same slope, numpy, PyTorch and TensorFlow agree exactly in float32; in float64
#   TensorFlow rounds `alpha` to float32 (relative difference at most 2**-24, 5.4e-8 on our
#   grid). At `x = 0` PyTorch and TensorFlow use `alpha`; JAX (and Keras on JAX) use 1.
# - Initialisers and PReLU need the slope too: `kaiming_normal_(a=alpha)`, a Keras
#   `VarianceScaling` built for alpha, and `shared_axes=[1, 2]` for a per-channel PReLU.
#
# **Next:** lesson 15, the three papers behind Leaky ReLU, PReLU and RReLU, and a recap of
# the course.
