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
# **Goal:** know the two ways Leaky ReLU is written, `max(alpha*x, x)` and the piecewise
# rule, when they agree (only for `alpha <= 1`), and why the slide's scalar `max` fails on a
# numpy array. About 15 minutes.
#
# *Slide 2 of the deck: "Mathematical Definition of Leaky ReLU".*

# %%
import numpy as np

import leaky
from leaky import alpha_explorer, check, hint, start_lesson

rng = start_lesson(seed=0)

# %% [markdown]
# ## The idea
#
# The slide defines $f(x) = \max(\alpha x, x)$ with a small positive $\alpha$. The
# definition that always holds is the piecewise one:
#
# $$f(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}$$
#
# For $0 \le \alpha \le 1$ and $x > 0$, $\alpha x \le x$, so the max picks $x$; for
# $x < 0$, $\alpha x \ge x$, so it picks $\alpha x$. For $\alpha > 1$ both comparisons
# flip and the max picks the *wrong* branch on both sides.

# %% [markdown]
# ## The slide's code

# %%
def leaky_relu_mathematical(x, alpha=0.01):
    return max(alpha * x, x)


x_values = [-5, -2, 0, 2, 5]
for x in x_values:
    print(f"Leaky ReLU({x}) = {leaky_relu_mathematical(x)}")

# %% [markdown]
# Correct for these scalars with `alpha = 0.01`. Now with `alpha = 1.5` (a valid choice:
# nothing in the piecewise rule forbids `alpha > 1`), compared with the piecewise form:

# %%
def leaky_relu_piecewise(x, alpha=0.01):
    return x if x > 0 else alpha * x


for x in x_values:
    print(f"x = {x:3d}   max form: {leaky_relu_mathematical(x, 1.5):5.1f}   "
          f"piecewise: {leaky_relu_piecewise(x, 1.5):5.1f}")

# %% [markdown]
# With `alpha = 1.5` the max form maps 2 to 3 and -2 to -2: it is wrong for every `x`
# except 0.
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
# array shape and for every `alpha >= 0`. (`np.maximum(alpha * x, x)` also runs on arrays
# but keeps the `alpha <= 1` restriction.)

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
# On 2,001 points in [-5, 5], the fraction of `x` where `np.maximum(alpha*x, x)` differs
# from the piecewise rule:

# %%
grid = np.linspace(-5, 5, 2001)


def disagreement(alpha, x=grid):
    """Boolean mask: where max(alpha*x, x) differs from the piecewise rule."""
    return ~np.isclose(np.maximum(alpha * x, x), leaky_relu_vectorised(x, alpha))


for alpha in (0.0, 0.01, 0.5, 1.0, 1.01, 1.5, 2.0):
    wrong = disagreement(alpha)
    print(f"alpha = {alpha:4.2f}: forms differ on {wrong.sum():4d} of {grid.size} points "
          f"({wrong.mean():6.1%}); at x = 0: {bool(wrong[grid == 0].any())}")

# %% [markdown]
# Up to and including `alpha = 1` they agree everywhere; above 1 they disagree on every
# point except `x = 0`. In practice `alpha` is small, so the slide's
# form works, but the piecewise rule is the definition.

# %% [markdown]
# ## Explore: the two forms for alpha up to 2
#
# Blue: the piecewise rule. Orange dashed: `max(alpha*x, x)`. Shaded: where they differ.
# Move `alpha` past 1 and watch both branches of the max form swap.

# %%
x_plot = np.linspace(-3, 3, 301)


def plot_two_forms(fig, alpha):
    ax = fig.axes[0]
    ax.plot(x_plot, x_plot, color="0.7", lw=1, ls=":", label="y = x")
    (line_pw,) = ax.plot(x_plot, x_plot, color="C0", lw=2.5, label="piecewise (right)")
    (line_max,) = ax.plot(x_plot, x_plot, color="C1", lw=2, ls="--", label="max(alpha*x, x)")
    shade = ax.fill_between(x_plot, x_plot, x_plot, color="C3", alpha=0.25,
                            label="forms differ")
    ax.set(xlim=(-3, 3), ylim=(-6.5, 6.5), xlabel="x", title="Two definitions of Leaky ReLU")
    ax.axhline(0, color="0.3", lw=0.8)
    ax.axvline(0, color="0.3", lw=0.8)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper left", fontsize=8)
    label = ax.text(0.98, 0.05, "", transform=ax.transAxes, ha="right", fontsize=10)

    def update(alpha):
        y_pw = leaky_relu_vectorised(x_plot, alpha)
        y_max = np.maximum(alpha * x_plot, x_plot)
        line_pw.set_ydata(y_pw)
        line_max.set_ydata(y_max)
        shade.set_verts([np.column_stack([np.r_[x_plot, x_plot[::-1]],
                                          np.r_[y_pw, y_max[::-1]]])])
        label.set_text(f"alpha = {alpha:.2f}: differ on "
                       f"{disagreement(alpha, x_plot).mean():.0%} of x")
        return [shade, line_pw, line_max, label]

    return update


alpha_explorer(plot_two_forms, alpha=1.5, max=2.0, ncols=1, figsize=(6.4, 4.0))

# %% [markdown]
# ## Exercises
#
# ### Exercise 02.1: where does the max form break?
#
# Write `max_form_breaks(x, alpha)`: a boolean array, True exactly where
# `np.maximum(alpha * x, x)` differs from the piecewise rule. Work it out from the
# definition (for which `alpha`, for which `x`?) instead of computing both forms.

# %%
def max_form_breaks(x, alpha):
    # BEGIN SOLUTION
    # STUB: ...  # True where the max form is wrong: depends on alpha and on x
    return (alpha > 1) & (x != 0)
    # END SOLUTION


check("02.1", max_form_breaks)

# %% [markdown]
# ### Exercise 02.2: write the piecewise form
#
# Complete `leaky_piecewise` so that it is right for every `alpha >= 0` (including
# `alpha > 1`), works on numpy arrays and keeps the input's dtype.

# %%
def leaky_piecewise(x, alpha=0.01):
    # BEGIN SOLUTION
    # STUB: ...  # x where x > 0, alpha * x elsewhere, for a whole array
    return np.where(x > 0, x, alpha * x)
    # END SOLUTION


check("02.2", leaky_piecewise)

# %% [markdown]
# ## Summary
#
# - The piecewise rule is the definition; `max(alpha*x, x)` equals it only for `alpha <= 1`.
# - Python's `max` works on scalars only; on arrays use `np.where(x > 0, x, alpha * x)`.
# - Measured: for `alpha > 1` the max form is wrong at every `x` except 0.
#
# **Next:** lesson 03, implementing Leaky ReLU and its derivative, and what value the
# derivative should take at exactly `x = 0`.
