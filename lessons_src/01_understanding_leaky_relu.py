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
# # 01 · Understanding the Leaky ReLU function
#
# **You will:** learn what Leaky ReLU computes, the dying-ReLU problem it answers, what alpha does.
#
# **Time:** about 15 minutes. **Prerequisites:** a little Python and numpy.
#
# > **Slide 1 of the deck, "Understanding the Leaky ReLU Function":** "The Leaky Rectified
# > Linear Unit (Leaky ReLU) is an activation function in neural networks that addresses the
# > "dying ReLU" problem. It allows a small, non-zero gradient when the input is negative,
# > which helps prevent neurons from becoming inactive during training."

# %%
import matplotlib.pyplot as plt
import numpy as np

import leaky
from leaky import alpha_explorer, check, hint, start_lesson

rng = start_lesson(seed=0)

# %% [markdown]
# ## The idea
#
# ReLU, `max(0, x)`, passes positive inputs through and turns every negative input into 0.
# Its slope for negative inputs is 0 as well, so a unit whose input is negative for every
# example gets **no gradient at all**: gradient descent can never move its weights again.
# Such a unit is called *dead*, and a network can lose many units this way (lesson 05
# measures how many).
#
# Leaky ReLU keeps a small slope `alpha` for negative inputs:
#
# $$f(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}$$
#
# so a negative input still produces a small output and, more importantly, a gradient of
# `alpha` instead of 0. A common default is `alpha = 0.01`. With `alpha = 0` it is ReLU.

# %% [markdown]
# ## The slide's code
#
# The slide's version is correct: `np.where(x > 0, x, alpha * x)` is the piecewise rule
# written for a whole array.

# %%
def leaky_relu_slide(x, alpha=0.01):
    return np.where(x > 0, x, alpha * x)


x = np.linspace(-10, 10, 100)
y = leaky_relu_slide(x)

fig, ax = plt.subplots(figsize=(5, 3.4))
ax.plot(x, y)
ax.set(title="Leaky ReLU Function", xlabel="Input", ylabel="Output")
plt.show()

# %% [markdown]
# With `alpha = 0.01` the negative side looks flat, but it is not. The course package
# `leaky` has the same function (`leaky.leaky_relu`, checked against PyTorch and
# TensorFlow); it agrees with the slide's version:

# %%
x = np.array([-10.0, -1.0, 0.0, 1.0, 10.0])
print("slide :", leaky_relu_slide(x))
print("leaky :", leaky.leaky_relu(x))
print("ReLU  :", leaky.relu(x))

# %% [markdown]
# ## Why the small slope matters: gradients for negative inputs
#
# Take 1,000 inputs to a unit drawn from a normal distribution shifted to the negative
# side, as happens after a bad update. How many of them pass a non-zero gradient back?

# %%
z = rng.normal(loc=-1.0, scale=1.0, size=1000)
grads = {"ReLU": leaky.relu_grad(z), "Leaky ReLU, alpha=0.01": leaky.leaky_relu_grad(z)}
for name, grad in grads.items():
    print(f"{name:24s} non-zero gradients: {np.mean(grad != 0):6.1%}")

# %% [markdown]
# ReLU passes a gradient for only the inputs that happen to be positive; Leaky ReLU passes
# one for every input, small (`alpha`) where the input is negative. That is the whole trick.
#
# **Convention at x = 0.** The function has a kink at 0, where the derivative is not
# defined. This course uses `alpha` there, as PyTorch and TensorFlow do (lesson 03).

# %% [markdown]
# ## Explore: what does alpha do?
#
# Drag the slider. Left: the function, with ReLU dashed. Right: its derivative, `alpha` for
# x < 0 and 1 for x > 0; the red dot marks the value used at exactly x = 0.

# %%
alpha_explorer()

# %% [markdown]
# Things to try: `alpha = 0` (ReLU: a flat, dead side), `alpha = 1` (the identity: no
# kink at all, and no non-linearity, so a network built from it is just a linear model).

# %% [markdown]
# ## Exercises
#
# ### Exercise 01.1: Leaky ReLU built from ReLU (transfer)
#
# The slide writes Leaky ReLU with `np.where`. Write it another way: from ReLU alone.
# Complete `leaky_from_relu` using only `leaky.relu`, `alpha` and `+`, `-`, `*` (no
# `np.where`, no comparison). It must work on numpy arrays for any `alpha >= 0`, without
# changing its input and keeping the input's dtype. Look at the printed ReLU and Leaky
# ReLU rows above: what does ReLU throw away?

# %%
def leaky_from_relu(x, alpha=0.01):
    # BEGIN SOLUTION
    # STUB: ...  # only leaky.relu, alpha, +, -, *
    return leaky.relu(x) - alpha * leaky.relu(-x)
    # END SOLUTION


check("01.1", leaky_from_relu)

# %% [markdown]
# Stuck? Run `hint("01.1")` in a new cell; each call gives the next hint.
#
# ### Exercise 01.2: predict, then run
#
# A unit's pre-activations are positive for 20% of the examples and negative for the other
# 80%. Backpropagation multiplies the gradient arriving at the unit by `f'(z)`, one example at
# a time. **Predict**, without running anything, the mean of `f'(z)` over the examples for
# ReLU and for Leaky ReLU with `alpha = 0.1`. Write `[mean for ReLU, mean for Leaky ReLU]`,
# check it, then run the cell after the check: it measures both.

# %%
# BEGIN SOLUTION
# STUB: mean_gradients = ...  # [mean f'(z) for ReLU, for Leaky ReLU with alpha = 0.1]
mean_gradients = [0.2, 0.28]
# END SOLUTION
check("01.2", mean_gradients)

# %%
z = np.concatenate([rng.uniform(0.1, 3.0, size=200), rng.uniform(-3.0, -0.1, size=800)])
print(f"positive inputs: {np.mean(z > 0):.0%}")
for name, grad in (("ReLU", leaky.relu_grad(z)),
                   ("Leaky ReLU, alpha=0.1", leaky.leaky_relu_grad(z, 0.1))):
    print(f"{name:22s} mean gradient: {grad.mean():.3f}")

# %% [markdown]
# The 80% negative examples pass `alpha` each: the mean is the positive share times 1 plus
# the negative share times `alpha`.

# %% [markdown]
# ## Summary
#
# - Leaky ReLU is `x` for `x > 0` and `alpha * x` otherwise; `alpha = 0` is ReLU.
# - Its slope for negative inputs is `alpha`, not 0, so units with negative inputs still
#   learn: that is its answer to the dying-ReLU problem.
# - `alpha` is small in practice (0.01 in PyTorch; Keras' layer defaults to 0.3).
#
# **Next:** lesson 02, the mathematical definition, and where the slide's `max(alpha*x, x)`
# goes wrong.
