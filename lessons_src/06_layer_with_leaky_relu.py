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
# # 06 · A layer with Leaky ReLU
#
# **You will:** build a dense Leaky ReLU layer, derive its backward pass, check it two ways.
#
# **Time:** about 35 minutes. **Prerequisites:** lessons 01 to 03 (derivative, finite differences).
#
# > **Slide 6 of the deck, "Implementing Leaky ReLU in a Neural Network Layer":** "Let's
# > implement a simple neural network layer using Leaky ReLU as the activation function."

# %%
from functools import partial

import numpy as np

import leaky
from leaky import alpha_explorer, check, hint, start_lesson
from leaky.plots_gradients import gradient_histogram, plot_gradient_histogram
from leaky.slide_code import run_code, syntax_error_line

rng = start_lesson(seed=0, frameworks=("torch",))
import torch
import torch.nn.functional as F

# %% [markdown]
# ## The idea
#
# A layer computes `z = inputs @ weights + bias` and then `output = leaky_relu(z)`. To
# train it, `backward` takes the gradient of the loss with respect to the output and
# returns the gradients with respect to its inputs (for the layer below), its weights
# and its bias (for the update).

# %% [markdown]
# ## The slide's code does not run
#
# Here is the slide's code, character for character, as a string. Before Python runs a
# file it compiles all of it; `syntax_error_line` does that step and reports what goes
# wrong:

# %%
SLIDE_CODE = """
import numpy as np

class LeakyReLULayer:
    def __init__(self, input_size, output_size, alpha=0.01):
        self.weights = np.random.randn(input_size, output_size) * 0.01
        self.bias = np.zeros((1, output_size))
        self.alpha = alpha

    def forward(self, inputs):
        self.inputs = inputs
        self.z = np.dot(inputs, self.weights) + self.bias
        self.output = np.maximum(self.alpha * self.z, self.z)
        return self.output

    def backward(self, grad_output):
        grad_z = grad_output.()
        grad_z[self.z < 0] *= self.alpha
        grad_weights = np.dot(self.inputs.T, grad_z)
        grad_bias = np.sum(grad_z, axis=0, keepdims=True)
        grad_inputs = np.dot(grad_z, self.weights.T)
        return grad_inputs, grad_weights, grad_bias

# Test the layer
layer = LeakyReLULayer(3, 2)
inputs = np.array([[1, 2, 3]])
output = layer.forward(inputs)
print("Layer output:", output)
"""

print(syntax_error_line(SLIDE_CODE, "slide6.py"))

# %% [markdown]
# `grad_output.()` is not Python: a method name is missing. Not even the test at the
# bottom of the slide runs, although it never calls `backward`: a file that does not parse
# runs no line at all. The intended line is `grad_output.copy()`. With it the slide's
# code runs, test included (`run_code` runs it as a script and returns what it defined):

# %%
FIXED_CODE = SLIDE_CODE.replace("grad_output.()", "grad_output.copy()")
with np.printoptions(precision=4):
    slide = run_code(FIXED_CODE, "slide6_fixed.py")
SlideLayer = slide["LeakyReLULayer"]

# %% [markdown]
# Two more things in `backward` deserve a look.
#
# **The `.copy()` matters.** `grad_z[self.z < 0] *= alpha` changes `grad_z` in place. If
# `grad_z` were `grad_output` itself (the easy "fix" of deleting `.()`), the caller's
# array would be changed behind its back:

# %%
SLIDE_CLASS = SLIDE_CODE.split("# Test the layer")[0]
NO_COPY_CODE = SLIDE_CLASS.replace("grad_output.()", "grad_output")
no_copy = run_code(NO_COPY_CODE, "slide6_no_copy.py")

np.random.seed(0)
layer_nc = no_copy["LeakyReLULayer"](3, 2)
layer_nc.forward(np.array([[1.0, -2.0, 3.0], [-1.0, 2.0, -3.0]]))
upstream = np.ones((2, 2))
layer_nc.backward(upstream)
print("the caller's grad_output after backward (was all ones):")
print(upstream)

# %% [markdown]
# **The value at z == 0.** The mask `self.z < 0` leaves the gradient at 1 where `z` is
# exactly 0. Leaky ReLU has a kink there; for `alpha <= 1` any value between `alpha` and
# 1 is a valid subgradient (lesson 03). This course, PyTorch and TensorFlow use `alpha`.
# The package's `leaky.LeakyReLULayer` is the slide's class fixed: `grad_output *
# leaky_relu_grad(z)`, which never touches `grad_output`, `alpha` at 0, and `leaky_relu`
# in the forward pass (the slide's `np.maximum(alpha * z, z)` is wrong for `alpha > 1`,
# lesson 02). Both give the same gradients except where some `z` is exactly 0, which an
# input row of zeros with zero bias produces:

# %%
def backward_both(inputs, seed=1):
    """(slide's grad_inputs, package's grad_inputs) for the same weights and inputs."""
    theirs = SlideLayer(3, 2)
    ours = leaky.LeakyReLULayer(3, 2, alpha=0.01, rng=seed)
    theirs.weights = ours.weights.copy()
    theirs.forward(inputs)
    ours.forward(inputs)
    grad = np.ones((inputs.shape[0], 2))
    return theirs.backward(grad)[0], ours.backward(grad)[0]


inputs = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])  # second row: z == 0 exactly
theirs, ours = backward_both(inputs)
print("row 1, z != 0, equal:", np.allclose(theirs[0], ours[0]))
print("row 2, z == 0, slide:", np.round(theirs[1], 4), " package:", np.round(ours[1], 4))

# %% [markdown]
# ## Forward and backward, step by step
#
# Shapes first, for a batch of `B` examples, `n_in` inputs and `n_out` units:
#
# | name | formula | shape |
# |---|---|---|
# | `inputs` | `X` | `(B, n_in)` |
# | `weights` | `W` | `(n_in, n_out)` |
# | `bias` | `b` | `(1, n_out)`, broadcast over the rows |
# | `z` | `X @ W + b` | `(B, n_out)` |
# | `output` | `f(z)`, elementwise | `(B, n_out)` |
#
# Backward receives `G = dL/d(output)`, shape `(B, n_out)`. The chain rule, one link at
# a time:
#
# 1. Through the activation, elementwise: `dL/dz = G * f'(z)`, with `f'(z) = 1` for
#    `z > 0` and `alpha` otherwise. Shape `(B, n_out)`.
# 2. Into the weights: `z[i, j] = sum_k X[i, k] W[k, j] + b[j]`, so
#    `dL/dW[k, j] = sum_i X[i, k] dL/dz[i, j]`, that is `X.T @ dL/dz`: `(n_in, n_out)`,
#    the weights' shape.
# 3. Into the bias: each `b[j]` is added to every row, so `dL/db` sums `dL/dz` over the
#    batch: `(1, n_out)`.
# 4. Into the inputs: `dL/dX[i, k] = sum_j dL/dz[i, j] W[k, j]`, that is
#    `dL/dz @ W.T`: `(B, n_in)`, the inputs' shape.

# %%
B, n_in, n_out, alpha = 5, 4, 3, 0.1
layer = leaky.LeakyReLULayer(n_in, n_out, alpha=alpha, rng=rng)
X = rng.normal(size=(B, n_in))
G = rng.normal(size=(B, n_out))  # stands for dL/d(output) from the layer above
output = layer.forward(X)
grad_inputs, grad_weights, grad_bias = layer.backward(G)
for name, value in [("z", layer.z), ("output", output), ("grad_inputs", grad_inputs),
                    ("grad_weights", grad_weights), ("grad_bias", grad_bias)]:
    print(f"{name:13s} {value.shape}")

# %% [markdown]
# ## Checking the gradients
#
# **Finite differences.** Take the scalar loss `L = sum(G * output)`, whose gradient with
# respect to the output is exactly `G`. Nudge each entry of `W`, `b` and `X` by `±eps`
# and compare the slope with the analytic gradient; `leaky.gradient_check` returns the
# largest relative error.

# %%
def loss_with(W=None, b=None, inputs=None):
    """L = sum(G * output) with one of W, b, inputs replaced (the layer is left as it was)."""
    probe = leaky.LeakyReLULayer(n_in, n_out, alpha=alpha, rng=0)
    probe.weights = layer.weights if W is None else W
    probe.bias = layer.bias if b is None else b
    return float(np.sum(G * probe.forward(X if inputs is None else inputs)))


errors = {
    "grad_weights": leaky.gradient_check(lambda W: loss_with(W=W), layer.weights, grad_weights),
    "grad_bias": leaky.gradient_check(lambda b: loss_with(b=b), layer.bias, grad_bias),
    "grad_inputs": leaky.gradient_check(lambda x: loss_with(inputs=x), X, grad_inputs),
}
print("closest |z| to the kink:", f"{np.abs(layer.z).min():.3f}")
for name, error in errors.items():
    print(f"{name:13s} largest relative error < 1e-6: {error < 1e-6}")

# %% [markdown]
# (Finite differences are unreliable within `eps` of a kink, so the check prints how far
# the nearest `z` is from 0.)
#
# **PyTorch autograd.** `torch.nn.Linear` stores its weight as `(n_out, n_in)`, the
# transpose of ours, and computes `x @ weight.T + bias`. Give it the same numbers, apply
# `F.leaky_relu`, and let autograd differentiate the same loss `L = sum(G * output)`:

# %%
linear = torch.nn.Linear(n_in, n_out, dtype=torch.float64)
with torch.no_grad():
    linear.weight.copy_(torch.from_numpy(layer.weights.T))
    linear.bias.copy_(torch.from_numpy(layer.bias[0]))
x_t = torch.tensor(X, requires_grad=True)
out_t = F.leaky_relu(linear(x_t), negative_slope=alpha)
loss_t = torch.sum(torch.from_numpy(G) * out_t)
loss_t.backward()

pairs = [("output", out_t.detach().numpy(), output),
         ("grad_inputs", x_t.grad.numpy(), grad_inputs),
         ("grad_weights", linear.weight.grad.numpy().T, grad_weights),
         ("grad_bias", linear.bias.grad.numpy()[None, :], grad_bias)]
for name, theirs, ours in pairs:
    print(f"{name:13s} max |torch - numpy| < 1e-12: {np.abs(theirs - ours).max() < 1e-12}")

# %% [markdown]
# ## The slide's initialisation
#
# The slide starts the weights at `0.01 * randn`; the package uses He initialisation,
# `randn * sqrt(2 / (1 + alpha**2)) / sqrt(n_in)`, which keeps the size of the signal
# from layer to layer (lesson 07 shows what the small one does to training). Push a batch
# through five layers of 256 units and watch the spread of the outputs:

# %%
batch = rng.normal(size=(200, 256))
for init in ["he", "slides"]:
    h, stds = batch, []
    for depth in range(5):
        h = leaky.LeakyReLULayer(256, 256, alpha=0.01, rng=depth, init=init).forward(h)
        stds.append(h.std())
    print(f"{init:6s} std of the output after layers 1 to 5:",
          "  ".join(f"{s:.2g}" for s in stds))

# %% [markdown]
# With `0.01 * randn` every layer shrinks the signal by about the same factor (roughly
# tenfold here), so after five layers there is almost nothing left; with He
# initialisation the spread stays of the same order.

# %% [markdown]
# ## Explore: alpha and the gradient that reaches the inputs
#
# A layer of 4 units over 16 inputs, a fixed batch of 2,000 examples and a fixed upstream
# gradient `G`. The histogram shows every entry of `grad_inputs` as alpha changes (the
# weights stay the same). With `alpha = 0` an example whose 4 units are all inactive
# passes back exactly 0; those zeros sit in the spike in the middle.

# %%
N_IN, N_OUT, N_BATCH = 16, 4, 2000
explore_rng = np.random.default_rng(6)
X_explore = explore_rng.normal(size=(N_BATCH, N_IN))
G_explore = explore_rng.normal(size=(N_BATCH, N_OUT))
W_explore = explore_rng.normal(size=(N_IN, N_OUT)) * np.sqrt(2 / N_IN)
BINS = np.linspace(-1.5, 1.5, 61)   # 60 bins of width 0.05; 0 is the edge of the middle two


def grad_inputs_at(alpha):
    """grad_inputs of the fixed layer (weights W_explore, zero bias) for the fixed batch."""
    layer = leaky.LeakyReLULayer(N_IN, N_OUT, alpha=alpha, rng=0)
    layer.weights = W_explore
    layer.forward(X_explore)
    return layer.backward(G_explore)[0]


# %% [markdown]
# Does a small alpha remove the spike? Count, for several alphas, the exact zeros and the
# values in the two central bins (from -0.05 to 0.05) against the two bins beside them:

# %%
print(" alpha   exactly 0   central bins   bins beside   central / beside     std")
for a in [0.0, 0.01, 0.05, 0.1, 0.2, 0.3, 1.0]:
    view = gradient_histogram(grad_inputs_at(a), BINS)
    c, mid = view["counts"], len(BINS) // 2
    print(f"{a:6.2f}   {view['zero_fraction']:9.1%}   {c[mid - 1]:5d} {c[mid]:5d}   "
          f"{c[mid - 2]:5d} {c[mid + 1]:5d}   {view['spike']:16.2f}   {view['std']:.3f}")

# %% [markdown]
# Any `alpha > 0` removes the **exact** zeros, but not the spike. At `alpha = 0.01` the
# entries that were 0 become tiny (they are `alpha` times an ordinary gradient), so they
# stay in the two central bins, which still hold about 2,600 values each against about
# 1,600 beside them: the histogram hardly moves. The spike flattens only as alpha grows,
# and is gone by about `alpha = 0.2` to `0.3`, where the central bins are within a few
# percent of their neighbours. At `alpha = 1` the layer is linear and the spread is
# largest. Drag the slider from 0 to 0.3 to watch it (grey: ReLU's histogram).

# %%
alpha_explorer(partial(plot_gradient_histogram, gradients_at=grad_inputs_at, bins=BINS),
               alpha=0.0, ncols=1)

# %% [markdown]
# ## Exercises
#
# ### Exercise 06.1: the gradient with respect to alpha (PReLU)
#
# PReLU (He et al. 2015, lesson 15) is Leaky ReLU whose slope alpha is **learned** by
# gradient descent, like a weight; here one alpha is shared by all units of the layer. To
# train it, the layer must also return `dL/dalpha`. Write it: given the pre-activations
# `z` and the upstream gradient `grad_output` (`dL/d(output)`, the same shape as `z`),
# return `dL/dalpha` as **one number**.
#
# Use the chain rule as in step 1 of the backward pass above, but differentiate `output`
# with respect to alpha instead of `z`: what is `d(output)/d(alpha)` for an entry with
# `z > 0`, and for one with `z <= 0`?

# %%
def grad_alpha(z, grad_output):
    # BEGIN SOLUTION
    # STUB: ...  # d(output)/d(alpha) for every entry, then the chain rule
    return float(np.sum(grad_output * np.where(z > 0, 0.0, z)))
    # END SOLUTION


check("06.1", grad_alpha)

# %%
# Run this after the check: finite differences on alpha, for the layer of the tables above.
def loss_of_alpha(a):
    """L = sum(G * output), with the layer's z and slope a."""
    return float(np.sum(G * leaky.leaky_relu(layer.z, a)))


eps = 1e-6
numeric = (loss_of_alpha(alpha + eps) - loss_of_alpha(alpha - eps)) / (2 * eps)
yours = grad_alpha(layer.z, G)
print(f"finite differences: {numeric:.6f}")
print("yours:             ", yours if yours is None else np.round(yours, 6))

# %% [markdown]
# Stuck? Run `hint("06.1")` in a new cell; each call gives the next hint.
#
# ### Exercise 06.2: find the bug
#
# Someone fixed the slide's syntax error and wrote this `backward`. It runs, and the
# shapes are right, but one of its gradients is wrong. Which numbered line is wrong? Use
# `leaky.gradient_check` on it (as above) if reading does not tell you: which of the
# three gradients disagrees with finite differences?

# %%
class BrokenLayer(leaky.LeakyReLULayer):
    def backward(self, grad_output):                                         # line 1
        grad_z = grad_output * leaky.leaky_relu_grad(self.z, self.alpha)     # line 2
        grad_weights = self.inputs.T @ grad_z                                # line 3
        grad_bias = np.sum(grad_z, axis=0, keepdims=True)                    # line 4
        grad_inputs = grad_output @ self.weights.T                           # line 5
        return grad_inputs, grad_weights, grad_bias                          # line 6


# %%
# BEGIN SOLUTION
# STUB: bug_line = ...  # the number of the wrong line
bug_line = 5
# END SOLUTION
check("06.2", bug_line)

# %% [markdown]
# ## Summary
#
# - The slide's layer does not parse (`grad_output.()`); fixed, it is
#   `grad_z = grad_output * leaky_relu_grad(z)`, which also leaves `grad_output` alone.
# - Backward is the chain rule: `dL/dz = G * f'(z)`, then `X.T @ dL/dz`, a sum over the
#   batch, and `dL/dz @ W.T`; finite differences and PyTorch autograd agree with it.
# - Start the weights with He initialisation, not `0.01 * randn`. A small alpha removes
#   the exact zeros of the gradient, not the pile of tiny values around 0.
#
# **Next:** lesson 07 stacks two of these layers into the slide's network and trains it
# on XOR.
