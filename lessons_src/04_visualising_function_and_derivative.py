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
# **Goal:** read Leaky ReLU's two slopes and the jump of its derivative off a plot, and see
# how they change with `alpha`. About 15 minutes.
#
# *Slide 4 of the deck: "Visualizing Leaky ReLU and Its Derivative".*

# %%
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

import leaky
from leaky import alpha_explorer, check, hint, start_lesson

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

# %% [markdown]
# The slope on the left is 0.01, not 0: the plot's y-range, set by the right half, hides it.
# Note also that the slide's grid `np.linspace(-10, 10, 1000)` does not contain 0, so the
# plot never shows the value at the kink itself:

# %%
print("0 in the grid:", bool(np.any(x == 0)), "  closest point to 0:", f"{np.abs(x).min():.4f}")

# %% [markdown]
# ## Explore: alpha and the x range
#
# Two controls: `alpha`, and `x_max` (the plot shows `[-x_max, x_max]`). Zoom in with a
# small `x_max` to see the negative slope that the slide's plot hides. The triangles show
# rise over run on each side; the arrow on the right is the jump `1 - alpha`.

# %%
def plot_slopes(fig, alpha, x_max=5.0):
    ax_f, ax_d = fig.axes[:2]
    xs = np.union1d(np.linspace(-x_max, x_max, 401), [0.0])
    run = x_max / 2
    (line_f,) = ax_f.plot(xs, xs, color="C0", lw=2, label="f(x)")
    (tri_left,) = ax_f.plot([], [], color="C3", lw=1.2, ls="--")
    ax_f.plot([0, run, run], [0, 0, run], color="C2", lw=1.2, ls="--")
    ax_f.text(run, run / 2, " slope 1", color="C2", fontsize=9)
    left_label = ax_f.text(-run, 0, "", color="C3", fontsize=9, ha="right", va="bottom")
    ax_f.set(xlim=(-x_max, x_max), ylim=(-x_max, x_max), xlabel="x",
             title="f(x): two slopes meeting at 0")
    (line_d,) = ax_d.plot(xs, xs, color="C1", lw=2, label="f'(x)")
    (jump,) = ax_d.plot([0, 0], [0, 1], color="C3", lw=2, marker="_", markersize=12)
    jump_label = ax_d.text(0.05 * x_max, 0.5, "", color="C3", fontsize=10)
    ax_d.set(xlim=(-x_max, x_max), ylim=(-0.1, 1.2), xlabel="x", title="f'(x): a step")
    for ax in (ax_f, ax_d):
        ax.grid(True, alpha=0.3)
        ax.axhline(0, color="0.3", lw=0.8)
        ax.axvline(0, color="0.3", lw=0.8)

    def update(alpha, x_max=x_max):
        line_f.set_ydata(leaky.leaky_relu(xs, alpha))
        tri_left.set_data([0, -run, -run], [0, 0, -alpha * run])
        left_label.set_text(f"slope {alpha:.2f} ")
        line_d.set_ydata(leaky.leaky_relu_grad(xs, alpha))
        jump.set_ydata([alpha, 1])
        jump_label.set_text(f"jump 1 - alpha = {1 - alpha:.2f}")
        return [line_f, tri_left, left_label, line_d, jump, jump_label]

    return update


x_max_slider = widgets.FloatSlider(value=5.0, min=0.5, max=10.0, step=0.5,
                                   description="x_max")
alpha_explorer(plot_slopes, alpha=0.1, controls={"x_max": x_max_slider})

# %% [markdown]
# ## Exercises
#
# ### Exercise 04.1: read the left slopes
#
# Set the explorer to `alpha = 0.05`, then `alpha = 0.3`. Read the slope of the function
# left of 0 off the plot (rise over run of the red triangle) for each. Give
# `[slope for alpha=0.05, slope for alpha=0.3]`.

# %%
# BEGIN SOLUTION
# STUB: left_slopes = ...  # [slope left of 0 for alpha=0.05, for alpha=0.3]
left_slopes = [0.05, 0.3]
# END SOLUTION
check("04.1", left_slopes)

# %% [markdown]
# ### Exercise 04.2: compare the jumps
#
# For the same two alphas, how big is the jump of the derivative at 0? Give
# `[jump for alpha=0.05, jump for alpha=0.3]` (positive numbers: the step up from left to
# right).

# %%
# BEGIN SOLUTION
# STUB: jumps = ...  # [jump of f' at 0 for alpha=0.05, for alpha=0.3]
jumps = [0.95, 0.7]
# END SOLUTION
check("04.2", jumps)

# %% [markdown]
# ## Summary
#
# - Leaky ReLU is two lines: slope `alpha` left of 0, slope 1 right of it, a kink at 0.
# - Its derivative is a step that jumps by `1 - alpha` at 0 (0.99 for `alpha = 0.01`).
# - With a small `alpha` the slide's plot hides the left slope; zoom in to see it.
#
# **Next:** lesson 05, the advantages of Leaky ReLU, measured.
