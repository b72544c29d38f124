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
# # 02 · The mathematical definition
#
# **You will:** test `max(alpha*x, x)` against the piecewise rule; differentiate in alpha.
#
# **Time:** about 20 minutes. **Prerequisites:** lesson 01.
#
# > **Slide 2 of the deck, "Mathematical Definition of Leaky ReLU":** "The Leaky ReLU
# > function is defined mathematically as: f(x) = max(αx, x), where α is a small positive
# > constant (typically 0.01). This function allows a small gradient when x is negative,
# > proportional to the input, instead of being zero like in the standard ReLU function."

# %%
import numpy as np

import leaky
from leaky import alpha_explorer, check, hint, start_lesson
from leaky.plots_forms import plot_two_forms

rng = start_lesson(seed=0)

# %% [markdown]
# ## The idea
#
# The slide defines $f(x) = \max(\alpha x, x)$ with a small positive $\alpha$. Lesson 01
# used the piecewise rule, which is the definition this course relies on:
#
# $$f(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}$$
#
# For $0 \le \alpha \le 1$ the two agree: for $x > 0$, $\alpha x \le x$, so the max picks
# $x$; for $x < 0$, $\alpha x \ge x$, so it picks $\alpha x$. Whether they agree for other
# values of $\alpha$ is what this lesson measures.
#
# **One correction to the slide.** For negative `x` the *output* `alpha * x` is
# proportional to the input; the *gradient* (the slope, `df/dx`) is the constant `alpha`,
# the same for every negative `x`. The cell prints both, the slope measured by central
# differences:

# %%
alpha, h = 0.01, 1e-6
x_neg = np.array([-5.0, -2.0, -0.5])
f = leaky.leaky_relu
slope = (f(x_neg + h, alpha) - f(x_neg - h, alpha)) / (2 * h)
for x, y, s in zip(x_neg, f(x_neg, alpha), slope, strict=True):
    print(f"x = {x:4.1f}   output f(x) = {y:6.3f}   slope df/dx = {s:.6f}")

# %% [markdown]
# The output is proportional to `x` (always `x / 100`); the slope stays at 0.01.
#
# ## The slide's code

# %%
def leaky_relu_mathematical(x, alpha=0.01):
    return max(alpha * x, x)


x_values = [-5, -2, 0, 2, 5]
for x in x_values:
    print(f"Leaky ReLU({x}) = {leaky_relu_mathematical(x)}")

# %% [markdown]
# Correct for these scalars with `alpha = 0.01`. Now with `alpha = 1.5` (nothing in the
# piecewise rule forbids `alpha > 1`), next to the piecewise form:

# %%
def leaky_relu_piecewise(x, alpha=0.01):
    return x if x > 0 else alpha * x


for x in x_values:
    print(f"x = {x:3d}   max form: {leaky_relu_mathematical(x, 1.5):5.1f}   "
          f"piecewise: {leaky_relu_piecewise(x, 1.5):5.1f}")

# %% [markdown]
# With `alpha = 1.5` the max form maps 2 to 3 and -2 to -2: for `alpha > 1` both
# comparisons flip (`alpha * x > x` for `x > 0`), so the max picks the other branch on both
# sides of 0.
#
# ## Scalars vs arrays
#
# Python's built-in `max` compares two *values*. Given two numpy arrays it must decide
# whether `alpha * x > x` is true, and an array of several booleans has no single truth
# value:

# %%
x = np.array([-5.0, -2.0, 0.0, 2.0, 5.0])
try:
    leaky_relu_mathematical(x)
except ValueError as error:
    print("ValueError:", error)

# %% [markdown]
# The vectorised fix is the piecewise rule written with `np.where`, which works on any
# array shape and for every `alpha`. `np.maximum(alpha * x, x)` also runs on arrays, but it
# is the max form, with the max form's trouble above 1:

# %%
def leaky_relu_vectorised(x, alpha=0.01):
    return np.where(x > 0, x, alpha * x)


for alpha in (0.01, 1.5):
    print(f"alpha = {alpha}: np.where     {leaky_relu_vectorised(x, alpha)}")
    print(f"{'':12s} np.maximum   {np.maximum(alpha * x, x)}")
    print(f"{'':12s} leaky        {leaky.leaky_relu(x, alpha)}")

# %% [markdown]
# ## Measured: for which alpha do the two forms agree?
#
# On 2,001 points in [-5, 5] (0 among them), the points where `np.maximum(alpha*x, x)`
# differs from the piecewise rule. Both forms return one of the same two floats, `x` or
# `alpha * x`, so an exact `!=` is the right test:

# %%
grid = np.linspace(-5, 5, 2001)


def disagreement(alpha, x=grid):
    """Boolean mask: where max(alpha*x, x) differs from the piecewise rule."""
    return np.maximum(alpha * x, x) != leaky_relu_vectorised(x, alpha)


for alpha in (0.0, 0.01, 0.5, 1.0, 1.01, 1.5, 2.0):
    wrong = disagreement(alpha)
    print(f"alpha = {alpha:4.2f}: forms differ on {wrong.sum():4d} of {grid.size} points "
          f"({wrong.mean():6.2%}); at x = 0: {bool(wrong[grid == 0].any())}")

# %% [markdown]
# From 0 up to and including 1 they agree everywhere; above 1 they differ at every point
# except `x = 0` (2,000 of 2,001). In practice `alpha` is small, so the slide's form works,
# but the piecewise rule is the definition.

# %% [markdown]
# ## Explore: the two forms for alpha up to 2
#
# Blue: the piecewise rule. Orange dashed: `max(alpha*x, x)`. Shaded: where they differ.
# Move `alpha` past 1 and watch both branches of the max form swap.

# %%
alpha_explorer(plot_two_forms, alpha=1.5, max=2.0, ncols=1, figsize=(6.4, 4.0))

# %% [markdown]
# ## Exercises
#
# ### Exercise 02.1: a negative alpha (predict, then run)
#
# Leaky ReLU uses `alpha >= 0` (Keras' `LeakyReLU` layer and `leaky.leaky_relu` refuse a
# negative slope), but both formulas accept any number. Take `alpha = -0.5` and
# `x = [-2, -1, 0, 1, 2]`. **Predict** what the max form `max(alpha * x, x)` returns for
# each `x`, working it out by hand, and write the five numbers in a list. Then check, and
# run the cell after the check: does the max form agree with the piecewise rule here?

# %%
# BEGIN SOLUTION
# STUB: max_form_outputs = ...  # max(-0.5 * x, x) for x = -2, -1, 0, 1, 2
max_form_outputs = [1.0, 0.5, 0.0, 1.0, 2.0]
# END SOLUTION
check("02.1", max_form_outputs)

# %%
x5 = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
print("max form :", np.maximum(-0.5 * x5, x5))
print("piecewise:", leaky_relu_vectorised(x5, -0.5))
for alpha in (-2.0, -1.0, -0.5, -0.01):
    print(f"alpha = {alpha:5.2f}: forms differ on {disagreement(alpha).sum()} of {grid.size} "
          "points")
print("alpha = -1, piecewise:", leaky_relu_vectorised(x5, -1.0),
      " equal to |x|:", np.array_equal(leaky_relu_vectorised(x5, -1.0), np.abs(x5)))
try:
    leaky.leaky_relu(x5, -0.5)
except ValueError as error:
    print("leaky.leaky_relu:", error)

# %% [markdown]
# They agree (the `-0.` is `-0.5 * 0.0`, IEEE's negative zero, which equals 0). The
# argument in "The idea" never needed `alpha >= 0`: for `x > 0`, the max picks `x` exactly
# when `alpha <= 1`; for `x < 0` (dividing by a negative `x` flips the inequality), it picks
# `alpha * x` exactly when `alpha <= 1`. So **the two forms agree for every `alpha <= 1`,
# negative values included, and differ at every `x != 0` for `alpha > 1`.** A negative
# `alpha` makes the output positive on both sides of 0, so the function is no longer
# monotonic (`alpha = -1` gives `|x|`, printed above): not a Leaky ReLU any more, and Keras'
# `LeakyReLU` layer (lesson 14) and `leaky.leaky_relu` refuse it.
#
# ### Exercise 02.2: the derivative with respect to alpha (transfer)
#
# PReLU (He et al. 2015; lesson 14) is Leaky ReLU with `alpha` *learned* by gradient
# descent, so backpropagation also needs `df/dalpha`: how much the output changes when
# `alpha` changes and `x` stays fixed. Write `prelu_grad_alpha(x, alpha)`, elementwise on a
# numpy array, keeping float32 as float32 and without modifying `x`.

# %%
def prelu_grad_alpha(x, alpha=0.25):
    # BEGIN SOLUTION
    # STUB: ...  # d f / d alpha for each element of x (x fixed, alpha varies)
    return np.where(x > 0, 0.0, x)
    # END SOLUTION


check("02.2", prelu_grad_alpha)

# %% [markdown]
# Run this to compare your function with a central difference in `alpha` (at `alpha = 0.25`,
# PReLU's starting value):

# %%
x5, a, h = np.array([-2.0, -1.0, 0.0, 1.0, 2.0]), 0.25, 1e-6
print("finite difference in alpha:", (f(x5, a + h) - f(x5, a - h)) / (2 * h))
print("prelu_grad_alpha          :", prelu_grad_alpha(x5, a))

# %% [markdown]
# This is where "proportional to the input" belongs: the derivative of the output with
# respect to `alpha` is `x` itself for `x <= 0` (and 0 for `x > 0`), while the derivative
# with respect to `x` is the constant `alpha`.
#
# ## Summary
#
# - The piecewise rule is the definition; `max(alpha*x, x)` equals it for every
#   `alpha <= 1` (negative included) and differs at every `x != 0` for `alpha > 1`.
# - Python's `max` works on scalars only; on arrays use `np.where(x > 0, x, alpha * x)`.
# - For `x < 0` the output `alpha * x` is proportional to `x`; the slope `df/dx` is the
#   constant `alpha`, and the slope in `alpha`, `df/dalpha`, is `x`.
#
# **Next:** lesson 03, implementing Leaky ReLU and its derivative, and what value the
# derivative should take at exactly `x = 0`.
