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
# **Goal:** implement Leaky ReLU and its derivative in numpy, know which value the
# derivative takes at exactly `x = 0` (and why it barely matters in training but matters in
# tests), and avoid the slide's integer-dtype bug. About 20 minutes.
#
# *Slide 3 of the deck: "Implementing Leaky ReLU in Python".*

# %%
import numpy as np

import leaky
from leaky import alpha_explorer, check, hint, start_lesson

rng = start_lesson(seed=0, frameworks=("tensorflow", "torch"))  # imports TensorFlow quietly
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
# `np.ones_like(x)` is an integer array, and `dx[x < 0] = 0.01` is silently truncated to 0:
# the derivative of ReLU, not Leaky ReLU. The same call on floats is right:

# %%
print("float input:", leaky_relu_derivative_slide(x.astype(float)))

# %% [markdown]
# The fix: build the derivative in a float dtype (the input's, if it is already float).
# It also sets 1 only where `x > 0`, so at `x = 0` it returns `alpha`: see the next
# section for why.

# %%
def leaky_relu_derivative_fixed(x, alpha=0.01):
    x = np.asarray(x)
    grad = np.full(x.shape, alpha, dtype=np.result_type(x, 1.0))  # int -> float64
    grad[x > 0] = 1
    return grad


print("fixed, int input:", leaky_relu_derivative_fixed(x))

# %% [markdown]
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
# Both are defensible. Leaky ReLU (for `alpha <= 1`) is convex, and any slope `g` between
# `alpha` and 1 gives a line through the origin that stays below the function: a valid
# *subgradient*. Checked on 2,001 points:

# %%
y = np.linspace(-5, 5, 2001)
for g in (alpha, 0.5, 1.0, 1.2):
    below = np.all(leaky.leaky_relu(y, alpha) >= g * y - 1e-12)
    print(f"slope g = {g:4.2f}: line g*x stays below f everywhere: {below}")

# %% [markdown]
# So `alpha`, 0.5 and 1 are all valid at `x = 0` (1.2 is not). This course uses `alpha`,
# the frameworks' choice.
#
# ## Does the choice matter in training?
#
# Only at inputs that are *exactly* 0.0. How often does that happen? Count exact zeros in a
# million float32 samples of continuous data, and in the pre-activations `x @ W + b` of a
# random layer (1,000 examples, 64 inputs, 128 units):

# %%
data = rng.normal(size=1_000_000).astype(np.float32)
inputs = rng.normal(size=(1000, 64)).astype(np.float32)
w = (rng.normal(size=(64, 128)) / 8).astype(np.float32)
b = np.zeros(128, dtype=np.float32)
pre = inputs @ w + b
print(f"exact zeros in {data.size:,} float32 samples: {np.count_nonzero(data == 0.0)}")
print(f"exact zeros in {pre.size:,} pre-activations: {np.count_nonzero(pre == 0.0)}")

# %% [markdown]
# None. For continuous data the value at 0 is essentially never used, so it cannot change
# training. (Data with many exact zeros, such as black pixels, feed the *input* of a layer;
# the pre-activation `x @ W + b` is still almost never exactly 0.)
#
# ## But it matters in tests
#
# A test that compares your derivative with PyTorch's on a grid that contains 0 fails:

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
                           leaky_relu_derivative_fixed(x_away, alpha))
print(f"max relative error away from 0: {err:.1e}  (< 1e-6: {err < 1e-6})")
print(f"finite difference at 0: {leaky.numerical_grad(leaky.leaky_relu, np.array([0.0]))[0]:.3f}")

# %% [markdown]
# ## Explore: the subgradients at the kink
#
# Left: Leaky ReLU with the fan of valid subgradient lines at 0 (slopes from `alpha` to 1).
# Right: the derivative; red marks `alpha` (PyTorch/TensorFlow), grey marks 1 (the slide).
# The whole segment between them is valid.

# %%
x_plot = np.linspace(-2, 2, 401)


def plot_subgradients(fig, alpha):
    ax_f, ax_d = fig.axes[:2]
    (line_f,) = ax_f.plot(x_plot, x_plot, color="C0", lw=2.5, label="f(x)")
    fan = ax_f.fill_between(x_plot, x_plot, x_plot, color="C2", alpha=0.25,
                            label="subgradient lines")
    ax_f.set(xlim=(-2, 2), ylim=(-2, 2), xlabel="x", title="Leaky ReLU and its subgradients")
    (line_d,) = ax_d.plot(x_plot, x_plot, color="C1", lw=2, label="f'(x)")
    (segment,) = ax_d.plot([0, 0], [0, 1], color="C2", lw=6, alpha=0.5,
                           label="valid values at 0")
    ax_d.plot([0], [1], "o", color="0.5", label="slide: 1")
    (dot,) = ax_d.plot([0], [0], "o", color="C3", label="torch/tf: alpha")
    ax_d.set(xlim=(-2, 2), ylim=(-0.1, 1.2), xlabel="x", title="Derivative")
    for ax in (ax_f, ax_d):
        ax.grid(True, alpha=0.3)
        ax.axhline(0, color="0.3", lw=0.8)
        ax.axvline(0, color="0.3", lw=0.8)
        ax.legend(loc="upper left", fontsize=8)

    def update(alpha):
        line_f.set_ydata(leaky.leaky_relu(x_plot, alpha))
        upper, lower = np.maximum(alpha * x_plot, x_plot), np.minimum(alpha * x_plot, x_plot)
        fan.set_verts([np.column_stack([np.r_[x_plot, x_plot[::-1]],
                                        np.r_[lower, upper[::-1]]])])
        line_d.set_ydata(leaky.leaky_relu_grad(x_plot, alpha))
        segment.set_ydata([alpha, 1])
        dot.set_ydata([alpha])
        return [fan, line_f, line_d, segment, dot]

    return update


alpha_explorer(plot_subgradients, alpha=0.2)

# %% [markdown]
# ## Exercises
#
# ### Exercise 03.1: implement Leaky ReLU
#
# Right for every `alpha >= 0`, works on arrays, keeps float dtypes, does not modify `x`.

# %%
def leaky_relu(x, alpha=0.01):
    # BEGIN SOLUTION
    # STUB: ...  # x where x > 0, alpha * x elsewhere
    return np.where(x > 0, x, alpha * x)
    # END SOLUTION


check("03.1", leaky_relu)

# %% [markdown]
# ### Exercise 03.2: implement its derivative
#
# 1 for `x > 0`, `alpha` for `x <= 0` (the frameworks' convention at 0). Float input keeps
# its dtype; integer input must give float results (no truncation of `alpha`).

# %%
def leaky_relu_grad(x, alpha=0.01):
    # BEGIN SOLUTION
    # STUB: ...  # a float array: 1 where x > 0, alpha elsewhere
    x = np.asarray(x)
    grad = np.full(x.shape, alpha, dtype=np.result_type(x, 1.0))
    grad[x > 0] = 1
    return grad
    # END SOLUTION


check("03.2", leaky_relu_grad)

# %% [markdown]
# ## Summary
#
# - The derivative is 1 for `x > 0` and `alpha` for `x < 0`; at 0 anything in
#   `[alpha, 1]` is valid. PyTorch and TensorFlow use `alpha`, the slide uses 1.
# - Measured: no float32 input or pre-activation was exactly 0, so the choice does not change
#   training, but a test against a framework fails; the slide's int test array truncates
#   `alpha` to 0.
#
# **Next:** lesson 04, plotting the function and its derivative side by side.
