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
# # 03 · Implementing Leaky ReLU and its derivative
#
# **You will:** code the derivative, pick its value at 0 (it can matter), avoid a dtype bug.
#
# **Time:** about 25 minutes. **Prerequisites:** lessons 01 and 02. One example uses a
# Keras `Conv2D` layer on MNIST, which lesson 09 explains; here it only computes `x @ W + b`
# on image patches.
#
# > **Slide 3 of the deck, "Implementing Leaky ReLU in Python":** "Let's implement the Leaky
# > ReLU function and its derivative in Python. The derivative is crucial for
# > backpropagation during neural network training."

# %%
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

import leaky
import leaky.data
from leaky import alpha_explorer, check, hint, start_lesson
from leaky.plots_subgradients import plot_subgradients

rng = start_lesson(seed=0, frameworks=("tensorflow", "torch"))
import keras
import tensorflow as tf
import torch

# %% [markdown]
# ## The idea
#
# Backpropagation needs the derivative of the activation: 1 for `x > 0`, `alpha` for
# `x < 0`. At `x = 0` the function has a kink and no derivative; an implementation must
# still return *some* number there.

# %% [markdown]
# ## The slide's code, run on the slide's own test array

# %%
def leaky_relu_slide(x, alpha=0.01):
    return np.maximum(alpha * x, x)


def leaky_relu_derivative_slide(x, alpha=0.01):
    dx = np.ones_like(x)
    dx[x < 0] = alpha
    return dx


x = np.array([-2, -1, 0, 1, 2])
print("input dtype:", x.dtype)
print("Leaky ReLU output:", leaky_relu_slide(x))
print("Leaky ReLU derivative:", leaky_relu_derivative_slide(x))

# %% [markdown]
# The derivative for -2 and -1 comes out as **0**, not 0.01. The test array is integer, so
# `np.ones_like(x)` is an integer array too, and storing 0.01 into it **truncates** it
# toward zero, silently: the result is the derivative of ReLU, not of Leaky ReLU. The same
# call on floats is right:

# %%
print("float input:", leaky_relu_derivative_slide(x.astype(float)))

# %% [markdown]
# Exercise 03.2 asks you to write a derivative that cannot fall into this trap. Until then
# the lesson uses the package's `leaky.leaky_relu_grad`.
#
# ## Which value at x = 0?
#
# The slide returns 1 at `x = 0` (`np.ones_like`, then only `x < 0` set to alpha). PyTorch
# and TensorFlow autograd return `alpha`:

# %%
alpha = 0.01
x_t = torch.tensor(0.0, requires_grad=True)
torch.nn.functional.leaky_relu(x_t, negative_slope=alpha).backward()

x_tf = tf.Variable(0.0)
with tf.GradientTape() as tape:
    y_tf = tf.nn.leaky_relu(x_tf, alpha=alpha)

print(f"slide           f'(0) = {leaky_relu_derivative_slide(np.array([0.0]))[0]:.2f}")
print(f"torch autograd  f'(0) = {x_t.grad.item():.2f}")
print(f"tf.GradientTape f'(0) = {float(tape.gradient(y_tf, x_tf)):.2f}")
print(f"leaky           f'(0) = {leaky.leaky_relu_grad(0.0, alpha):.2f}")

# %% [markdown]
# Both are defensible. For `alpha <= 1` Leaky ReLU is convex, and any slope `g` between
# `alpha` and 1 gives a line through the origin that stays below the function: a valid
# *subgradient*. Checked on 2,001 points:

# %%
y = np.linspace(-5, 5, 2001)
for g in (alpha, 0.5, 1.0, 1.2):
    below = np.all(leaky.leaky_relu(y, alpha) >= g * y - 1e-12)
    print(f"alpha = {alpha}, slope g = {g:4.2f}: line g*x stays below f: {below}")

# %% [markdown]
# So with `alpha = 0.01`, the slopes `alpha`, 0.5 and 1 are all valid at `x = 0` (1.2 is
# not). That needs `alpha <= 1`. With `alpha > 1` the kink points the other way (the
# function is concave) and *no* line through the origin stays below it; the slopes between
# 1 and `alpha` give lines that stay *above* it instead:

# %%
f_big = leaky.leaky_relu(y, 1.5)
for g in (0.5, 1.0, 1.25, 1.5, 2.0):
    print(f"alpha = 1.5, slope g = {g:4.2f}: below f: {bool(np.all(f_big >= g * y - 1e-12))}"
          f"   above f: {bool(np.all(f_big <= g * y + 1e-12))}")

# %% [markdown]
# For the usual `alpha <= 1`, any value in `[alpha, 1]` is valid at 0. This course uses
# `alpha`, the frameworks' choice (for `alpha > 1` too).
#
# ## Does the choice matter in training?
#
# Only at inputs that are *exactly* 0.0. With continuous data that almost never happens:
# count exact zeros in a million float32 samples, and in the pre-activations `x @ W + b`
# of a random layer (1,000 examples, 64 inputs, 128 units) fed with continuous inputs:

# %%
data = rng.normal(size=1_000_000).astype(np.float32)
inputs = rng.normal(size=(1000, 64)).astype(np.float32)
w = (rng.normal(size=(64, 128)) / 8).astype(np.float32)
b = np.zeros(128, dtype=np.float32)
pre = inputs @ w + b
print(f"exact zeros in {data.size:,} float32 samples: {np.count_nonzero(data == 0.0)}")
print(f"exact zeros in {pre.size:,} pre-activations: {np.count_nonzero(pre == 0.0)}")

# %% [markdown]
# None. But images are not continuous data: an MNIST digit is mostly black background,
# pixels that are exactly 0. A convolution's pre-activation at a 3x3 patch is
# `sum(patch * W) + b`, and Keras starts every bias at 0, so on an all-zero patch it is
# exactly `0 * W + 0 = 0`. How many 3x3 patches of the course's MNIST training images
# (`data/mnist_quick.npz`) are all zero?

# %%
(train_images, _), _ = leaky.data.load_mnist("quick")
patches = sliding_window_view(train_images, (3, 3), axis=(1, 2))
all_zero = (patches == 0).all(axis=(-1, -2))
print(f"{len(train_images):,} images, {all_zero.size:,} patches of 3x3 pixels, "
      f"all zero: {all_zero.sum():,} ({all_zero.mean():.1%})")

# %% [markdown]
# Most of them. So at the first training step of a CNN on MNIST (lesson 09), most
# pre-activations of the first layer are exactly 0, and the value at 0 decides their
# gradient. Below: the first layer of lesson 09's CNN, `Conv2D(32, (3, 3))`, on 8 images.
# Its bias gradient is computed twice by TensorFlow's autograd: with `tf.nn.leaky_relu`
# (`alpha` at 0), and with the same function written `tf.where(z >= 0, z, alpha * z)` (1 at
# 0, the slide's rule). As the quantity to differentiate we take the sum of the layer's
# outputs (a stand-in for a loss: then every position adds its `f'(z)` to the bias
# gradient of its channel). The layer works in float64 here, so that the sums print the
# same on every machine.

# %%
images = train_images[:8, :, :, None].astype("float64") / 255
conv = keras.layers.Conv2D(32, (3, 3), dtype="float64")
conv.build(images.shape)
print("bias starts at zero:", bool(np.all(conv.bias.numpy() == 0)))

with tf.GradientTape(persistent=True) as tape:
    z = conv(images)
    out_alpha_at_0 = tf.reduce_sum(tf.nn.leaky_relu(z, alpha=alpha))
    out_one_at_0 = tf.reduce_sum(tf.where(z >= 0, z, alpha * z))
grad_alpha_at_0 = tape.gradient(out_alpha_at_0, conv.bias).numpy()
grad_one_at_0 = tape.gradient(out_one_at_0, conv.bias).numpy()

zeros = np.count_nonzero(z.numpy() == 0, axis=(0, 1, 2))  # per channel
print(f"exactly-0 pre-activations in channel 0: {zeros[0]:,} "
      f"(all-zero patches in these 8 images: {all_zero[:8].sum():,})")
print(f"first bias gradient, channel 0, alpha at 0: {grad_alpha_at_0[0]:8.2f}")
print(f"first bias gradient, channel 0, 1 at 0    : {grad_one_at_0[0]:8.2f}")
print("difference = (1 - alpha) * exact zeros, in all 32 channels:",
      np.allclose(grad_one_at_0 - grad_alpha_at_0, (1 - alpha) * zeros))

# %% [markdown]
# Same layer, same data, two first updates of the bias: the convention at 0 changes
# training here. After that first update the bias is no longer 0, and an all-zero patch
# gives `z = b`, which is not 0:

# %%
conv.bias.assign_sub(0.01 * grad_alpha_at_0)  # one gradient-descent step on the bias
print("exactly-0 pre-activations after one step:", np.count_nonzero(conv(images).numpy() == 0))

# %% [markdown]
# So: with continuous inputs the value at 0 is essentially never used; with inputs full of
# exact zeros and zero-initialised biases (CNNs on images) it decides the first update,
# and every later step starts from a different bias. Lesson 06 builds such a case by hand
# (a row of zeros, zero bias).
#
# ## It also matters in tests
#
# A test that compares the slide's derivative with PyTorch's on a grid that contains 0
# fails:

# %%
grid = torch.linspace(-2, 2, 9, dtype=torch.float64, requires_grad=True)
torch.nn.functional.leaky_relu(grid, alpha).sum().backward()
torch_grad = grid.grad.numpy()
slide_grad = leaky_relu_derivative_slide(grid.detach().numpy())
print("x          :", grid.detach().numpy())
print("torch      :", torch_grad)
print("slide      :", slide_grad)
print("allclose   :", np.allclose(slide_grad, torch_grad))
print("differ at x:", grid.detach().numpy()[slide_grad != torch_grad])
print("leaky allclose:", np.allclose(leaky.leaky_relu_grad(grid.detach().numpy()), torch_grad))

# %% [markdown]
# ## dtypes
#
# `leaky.leaky_relu` and `leaky.leaky_relu_grad` keep float16, float32 and float64, and
# turn integer input into float64 (so the truncation above cannot happen):

# %%
for dtype in (np.float16, np.float32, np.float64, np.int64):
    xd = np.array([-2, -1, 0, 1, 2], dtype=dtype)
    out, grad = leaky.leaky_relu(xd), leaky.leaky_relu_grad(xd)
    print(f"{np.dtype(dtype).name:8s} -> leaky_relu {out.dtype}, grad {grad.dtype}, "
          f"grad at -2: {float(grad[0]):.4g}")

# %% [markdown]
# ## Checking a derivative with finite differences
#
# `leaky.gradient_check` compares an analytic derivative with central differences
# `(f(x + eps) - f(x - eps)) / (2 eps)`. Away from the kink they agree; at `x = 0` the
# finite difference gives the average of the two slopes, `(alpha + 1) / 2`, which matches
# neither convention:

# %%
x_away = np.array([-3.0, -1.0, -0.1, 0.1, 1.0, 3.0])
err = leaky.gradient_check(lambda v: leaky.leaky_relu(v, alpha), x_away,
                           leaky.leaky_relu_grad(x_away, alpha))
print(f"max relative error away from 0 below 1e-6: {err < 1e-6}")
print(f"finite difference at 0: {leaky.numerical_grad(leaky.leaky_relu, np.array([0.0]))[0]:.3f}")

# %% [markdown]
# ## Explore: the subgradients at the kink
#
# Left: Leaky ReLU with the fan of valid subgradient lines at 0 (slopes from `alpha` to 1).
# Right: the derivative; red marks `alpha` (PyTorch/TensorFlow), grey marks 1 (the slide).
# The whole segment between them is valid. Move `alpha` to 1 and watch the fan close.

# %%
alpha_explorer(plot_subgradients, alpha=0.2)

# %% [markdown]
# ## Exercises
#
# ### Exercise 03.1: the slide's derivative for other alphas (predict, then run)
#
# Run in your head the slide's `leaky_relu_derivative_slide` on its integer test array
# `x = np.array([-2, -1, 0, 1, 2])`, with `alpha = 0.9` and then with `alpha = 1.5`.
# **Predict** both outputs, as two lists of five numbers, then check and run the cell after
# the check.

# %%
# BEGIN SOLUTION
# STUB: slide_grads = ...  # [[5 numbers for alpha=0.9], [5 numbers for alpha=1.5]]
slide_grads = [[0, 0, 1, 1, 1], [1, 1, 1, 1, 1]]
# END SOLUTION
check("03.1", slide_grads)

# %%
x_int = np.array([-2, -1, 0, 1, 2])
for a in (0.9, 1.5):
    print(f"alpha = {a}: slide's derivative {leaky_relu_derivative_slide(x_int, a)}, "
          f"leaky.leaky_relu_grad {leaky.leaky_relu_grad(x_int, a)}")

# %% [markdown]
# Truncation toward zero turns 0.9 into 0 and 1.5 into 1: on integer input the slide's
# "Leaky ReLU derivative" is ReLU's (with 1 at 0) for every `alpha < 1`, and the
# identity's for `1 <= alpha < 2`.
#
# ### Exercise 03.2: a derivative without the dtype trap
#
# Write `leaky_relu_grad(x, alpha)` for a numpy array `x`: 1 where `x > 0`, `alpha` where
# `x <= 0` (the frameworks' value at 0). Float input keeps its dtype (float32 in, float32
# out); integer input gives float64, so `alpha` is never truncated. Do not modify `x`.

# %%
def leaky_relu_grad(x, alpha=0.01):
    # BEGIN SOLUTION
    # STUB: ...  # 1 where x > 0, alpha elsewhere; float dtype, never int
    return np.where(x > 0, 1.0, alpha).astype(np.result_type(x, 1.0))
    # END SOLUTION


check("03.2", leaky_relu_grad)

# %% [markdown]
# ## Summary
#
# - The derivative is 1 for `x > 0` and `alpha` for `x < 0`; at 0, for `alpha <= 1`, any
#   value in `[alpha, 1]` is valid. PyTorch and TensorFlow use `alpha`, the slide uses 1.
# - The value at 0 is used only at exact zeros: almost never with continuous inputs, but on
#   62.8% of the MNIST patches at a CNN's first step, where it changes the first update.
# - The slide's derivative truncates `alpha` on integer input; choose the dtype on purpose.
#
# **Next:** lesson 04, plotting the function and its derivative side by side.
