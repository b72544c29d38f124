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
# # 04 · Visualising the function and its derivative
#
# **You will:** read Leaky ReLU's slopes and its derivative's jump off plots, zooming the y axis.
#
# **Time:** about 20 minutes. **Prerequisites:** lessons 01 and 03.
#
# > **Slide 4 of the deck, "Visualizing Leaky ReLU and Its Derivative":** "To better
# > understand the Leaky ReLU function and its derivative, let's create a visual
# > representation of both."

# %%
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

import leaky
from leaky import alpha_explorer, check, hint, start_lesson
from leaky.plots_slopes import plot_mystery, plot_slopes, plot_square_windows

rng = start_lesson(seed=0)

# %% [markdown]
# ## The idea
#
# Plot the function and its derivative side by side. The function is two straight lines
# meeting at 0 (a *kink*); the derivative is a step: `alpha` on the left, 1 on the right,
# so it jumps by `1 - alpha` at 0.
#
# ## The slide's plot (with the fixed derivative)
#
# The slide's code as is, except that it uses `leaky.leaky_relu_grad` (float result, `alpha`
# at 0; lesson 03) instead of the slide's derivative.

# %%
x = np.linspace(-10, 10, 1000)
y_leaky_relu = leaky.leaky_relu(x)
y_derivative = leaky.leaky_relu_grad(x)

plt.figure(figsize=(9, 3.4))
plt.subplot(1, 2, 1)
plt.plot(x, y_leaky_relu)
plt.title("Leaky ReLU Function")
plt.xlabel("Input")
plt.ylabel("Output")

plt.subplot(1, 2, 2)
plt.plot(x, y_derivative)
plt.title("Leaky ReLU Derivative")
plt.xlabel("Input")
plt.ylabel("Derivative")

plt.tight_layout()
plt.show()

# %% [markdown]
# With `alpha = 0.01` the left half of the function looks flat and the derivative looks
# like a step from 0 to 1. Reading the numbers instead of the picture:

# %%
alpha = 0.01
h = 1e-3
f = leaky.leaky_relu
print(f"slope left of 0 : {(f(0.0, alpha) - f(-h, alpha)) / h:.4f}")
print(f"slope right of 0: {(f(h, alpha) - f(0.0, alpha)) / h:.4f}")
print(f"jump of the derivative at 0: 1 - alpha = {1 - alpha:.2f}")
print(f"f(-10) = {f(-10.0, alpha):.2f}, f(10) = {f(10.0, alpha):.0f}: the left branch spans "
      f"{-f(-10.0, alpha) / (f(10.0, alpha) - f(-10.0, alpha)):.1%} of the y range")

# %% [markdown]
# The slope on the left is 0.01, not 0. But the right half, which climbs to 10, sets the
# y range, and the left branch only drops to -0.1: 1.0% of that range, a line the eye
# reads as flat. Note also that the slide's grid
# `np.linspace(-10, 10, 1000)` does not contain 0, so the plot never shows the value at the
# kink itself:

# %%
print("0 in the grid:", bool(np.any(x == 0)), "  closest point to 0:", f"{np.abs(x).min():.4f}")

# %% [markdown]
# ## Explore: alpha and a zoomed y axis
#
# Two controls: `alpha`, and `y_max`: the function's panel shows `y` from `-y_max` to
# `y_max`, while `x` stays from -5 to 5. Shrink `y_max` to see the slope of the left branch
# that the slide's plot hides: the red triangle goes `run` to the left and down by `alpha * run`.
# (Why zoom the y axis only, and not both? Exercise 04.2.)

# %%
y_max = widgets.FloatLogSlider(value=5.0, base=10, min=-1.5, max=1.0, step=0.05,
                               description="y_max")
alpha_explorer(plot_slopes, alpha=0.05, controls={"y_max": y_max})

# %% [markdown]
# Things to try: `alpha = 0.05` with `y_max` at 5, then at 0.3; `alpha = 0` (ReLU: the
# red triangle is flat at every zoom); `alpha = 1` (no kink, no jump).
#
# ## Exercises
#
# ### Exercise 04.1: read a slope off a zoomed plot
#
# Here is a Leaky ReLU whose `alpha` is not printed anywhere, drawn twice: as the slide
# draws it, and with the y axis zoomed. Read its slope left of 0 off the zoomed panel
# (rise over run: pick a point on the left branch, read its `x` and `y`).

# %%
plot_mystery()
plt.show()

# %%
# BEGIN SOLUTION
# STUB: mystery_slope = ...  # the slope of the left branch, read off the zoomed panel
mystery_slope = 0.03
# END SOLUTION
check("04.1", mystery_slope)

# %% [markdown]
# ### Exercise 04.2: zoom both axes (predict, then run)
#
# Why does the explorer zoom only the y axis? Suppose it zoomed both instead: it would draw
# Leaky ReLU in a square window, `xlim = ylim = (-L, L)`. Take `alpha = 0.05`. At the
# window's left edge, `x = -L`, the curve is below the centre line `y = 0` by some distance.
# **Predict** that distance as a fraction of the half-height `L`, for `L = 10`, `L = 1` and
# `L = 0.1`. Write the three fractions in a list, check, then run the cell after the check.

# %%
# BEGIN SOLUTION
# STUB: drop_fractions = ...  # [fraction for L = 10, for L = 1, for L = 0.1]
drop_fractions = [0.05, 0.05, 0.05]
# END SOLUTION
check("04.2", drop_fractions)

# %%
plot_square_windows(alpha=0.05, half_widths=(10.0, 1.0, 0.1))
plt.show()
c = np.array([10.0, 1.0, 0.1])
print("f(c * x) == c * f(x) for c = 10, 1, 0.1 and x = -1:",
      np.allclose(leaky.leaky_relu(-1.0 * c, 0.05), c * leaky.leaky_relu(-1.0, 0.05)))

# %% [markdown]
# Three identical pictures; only the tick labels differ. Leaky ReLU is *positively
# homogeneous*: `f(c * x) = c * f(x)` for every `c > 0`, so shrinking both axes by the
# same factor maps the curve onto itself, and a small slope stays just as hidden. To see it,
# stretch one axis only: the y axis, as the explorer does.
#
# ## Summary
#
# - Leaky ReLU is two lines: slope `alpha` left of 0, slope 1 right of it, a kink at 0.
# - Its derivative is a step that jumps by `1 - alpha` at 0 (0.99 for `alpha = 0.01`).
# - A small slope hides at the slide's scale; zoom the y axis to read it (zooming both axes
#   changes nothing, because `f(c * x) = c * f(x)`).
#
# **Next:** lesson 05, the advantages of Leaky ReLU, measured.
