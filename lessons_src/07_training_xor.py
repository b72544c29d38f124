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
# # 07 · Training a network on XOR
#
# **Goal:** train the slide's two-layer network on XOR, see why the slide's loop usually
# fails, and fix it. About 25 minutes.
#
# *Slide 7 of the deck: "Training a Neural Network with Leaky ReLU".*

# %%
import matplotlib.pyplot as plt
import numpy as np

import leaky
from leaky import alpha_explorer, check, hint, start_lesson

rng = start_lesson(seed=0)

# %% [markdown]
# ## The slide's loop, as written
#
# Two `LeakyReLULayer`s (2 -> 4 -> 1), weights `0.01 * randn`, Leaky ReLU on the output
# too, `output_error = y - output`, `+=` updates with learning rate 0.01, 1000 epochs.

# %%
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [1], [1], [0]], dtype=float)


def train_slides(seed, learning_rate=0.01, epochs=1000):
    r = np.random.default_rng(seed)
    hidden = leaky.LeakyReLULayer(2, 4, 0.01, r, init="slides")
    output = leaky.LeakyReLULayer(4, 1, 0.01, r, init="slides")
    for _ in range(epochs):
        out = output.forward(hidden.forward(X))
        output_error = y - out
        grad_h, w2, b2 = output.backward(output_error)
        _, w1, b1 = hidden.backward(grad_h)
        output.weights += learning_rate * w2
        output.bias += learning_rate * b2
        hidden.weights += learning_rate * w1
        hidden.bias += learning_rate * b1
    return hidden, output


hidden, output = train_slides(seed=0)
pred = output.forward(hidden.forward(X))
for xi, p, t in zip(X, pred[:, 0], y[:, 0], strict=True):
    print(f"input {xi.astype(int)}  predicted {p:.3f}  actual {t:.0f}")
print(f"final MSE: {leaky.mse_loss(pred, y):.3f}")

# %% [markdown]
# The network predicts about 0.5 for every input: the best a model can do without
# separating XOR. Why? Measure each cause.
#
# **1. Output scale at the start.** With `0.01 * randn` weights the output is tiny:

# %%
r = np.random.default_rng(0)
h0 = leaky.LeakyReLULayer(2, 4, 0.01, r, init="slides")
o0 = leaky.LeakyReLULayer(4, 1, 0.01, r, init="slides")
print(f"slides init: max |output| = {np.abs(o0.forward(h0.forward(X))).max():.1e}")
net0 = leaky.SimpleNeuralNetwork(2, 4, 1, rng=0)
print(f"fixed  init: max |output| = {np.abs(net0.forward(X)).max():.2f}")

# %% [markdown]
# **2. Gradient norms.** The hidden weights' gradient is proportional to the output
# weights, which are 0.01-sized: the first layer hardly moves.

# %%
g_h, w2, b2 = o0.backward(y - o0.forward(h0.forward(X)))
_, w1, b1 = h0.backward(g_h)
net0.forward(X)
gw1, _, gw2, _ = net0.backward(leaky.mse_loss_grad(net0.forward(X), y))
print(f"slides: |dW1| = {np.linalg.norm(w1):.1e}  |dW2| = {np.linalg.norm(w2):.1e}")
print(f"fixed : |dW1| = {np.linalg.norm(gw1):.1e}  |dW2| = {np.linalg.norm(gw2):.1e}")

# %% [markdown]
# **3. The learning rate, and the flat side.** Count, over seeds 0..19, how often the
# slide's loop learns XOR (all four predictions on the right side of 0.5), as written and
# with a ten times larger learning rate. We also count the "flat side" failure at the
# start: some input for which all four hidden units are <= 0.

# %%
def learned(hidden, output):
    return bool(np.array_equal(output.forward(hidden.forward(X)) > 0.5, y > 0.5))


SEEDS = range(20)
slides_ok = sum(learned(*train_slides(s)) for s in SEEDS)
lr_ok = sum(learned(*train_slides(s, learning_rate=0.1)) for s in SEEDS)
print(f"slide's loop as written:      {slides_ok}/20 seeds learn XOR")
print(f"same loop, learning rate 0.1: {lr_ok}/20")
flat = 0
for s in SEEDS:
    r = np.random.default_rng(s)
    hl = leaky.LeakyReLULayer(2, 4, 0.01, r, init="slides")
    hl.forward(X)
    flat += bool(np.any(np.all(hl.z <= 0, axis=1)))
print(f"slides init, some input with all hidden units <= 0 at the start: {flat}/20 seeds")

# %% [markdown]
# The output's Leaky ReLU multiplies the gradient by 0.01 whenever the output's input is
# negative, so a unit pushed below 0 hardly recovers; the fixed network uses a linear output
# (`LeakyReLULayer` with `alpha = 1`). With zero biases, the input (0, 0) puts every hidden
# unit exactly on its kink: `z = 0`, on the flat side. The fixed network starts hidden
# biases at 0.25.
#
# ## The fixed network
#
# `leaky.SimpleNeuralNetwork`: He initialisation, linear output, hidden biases 0.25, MSE
# gradient `2 * (out - y) / n`, learning rate 0.1, 1000 epochs.

# %%
net = leaky.SimpleNeuralNetwork(2, 4, 1, rng=0)
losses = net.train(X, y, learning_rate=0.1, epochs=1000)
print("predictions:", net.predict(X).ravel(), " final MSE < 0.01:", losses[-1] < 0.01)
fixed_ok = 0
for s in SEEDS:
    n = leaky.SimpleNeuralNetwork(2, 4, 1, rng=s)
    n.train(X, y)
    fixed_ok += bool(np.array_equal(n.predict(X), y))
print(f"fixed network: {fixed_ok}/20 seeds learn XOR (slide's loop: {slides_ok}/20)")

# %%
GRID = np.linspace(-0.5, 1.5, 81)
GX, GY = np.meshgrid(GRID, GRID)
POINTS = np.column_stack([GX.ravel(), GY.ravel()])
fig, (ax_l, ax_b) = plt.subplots(1, 2)
ax_l.semilogy(losses)
ax_l.set(title="loss (fixed network, seed 0)", xlabel="epoch", ylabel="MSE")
ax_b.imshow(net.forward(POINTS).reshape(GX.shape), origin="lower", extent=(-0.5, 1.5, -0.5, 1.5),
            vmin=0, vmax=1, cmap="coolwarm")
ax_b.contour(GX, GY, net.forward(POINTS).reshape(GX.shape), levels=[0.5], colors="k")
ax_b.scatter(X[:, 0], X[:, 1], c=y[:, 0], cmap="coolwarm", edgecolors="k", s=80)
ax_b.set(title="output; black line: 0.5", xlabel="x1", ylabel="x2")
plt.show()

# %% [markdown]
# ## Explore: alpha, the decision boundary and the final loss
#
# For 11 values of alpha (precomputed once), the fixed network (seed 0) is trained; the
# slider picks the nearest.

# %%
ALPHAS = np.linspace(0.0, 1.0, 11)
SURFACES, FINAL = [], []
for a in ALPHAS:
    n = leaky.SimpleNeuralNetwork(2, 4, 1, alpha=float(a), rng=0)
    FINAL.append(n.train(X, y)[-1])
    SURFACES.append(n.forward(POINTS).reshape(GX.shape))
for a, loss in zip(ALPHAS, FINAL, strict=True):
    print(f"alpha = {a:.1f}: final MSE {loss:.3f}")


def plot_boundary(fig, alpha):
    ax = fig.axes[0]
    image = ax.imshow(SURFACES[0], origin="lower", extent=(-0.5, 1.5, -0.5, 1.5),
                      vmin=0, vmax=1, cmap="coolwarm")
    points = ax.scatter(X[:, 0], X[:, 1], c=y[:, 0], cmap="coolwarm", edgecolors="k", s=80)
    ax.set(title="network output (red: 1, blue: 0; dots: XOR targets)", xlabel="x1", ylabel="x2")
    label = ax.text(1.05, 0.5, "", transform=ax.transAxes, fontsize=10)

    def update(alpha):
        i = int(np.argmin(np.abs(ALPHAS - alpha)))
        image.set_data(SURFACES[i])
        label.set_text(f"slider alpha = {alpha:.2f}\nnearest trained: {ALPHAS[i]:.1f}\n"
                       f"final MSE = {FINAL[i]:.3f}")
        return [image, points, label]  # points redrawn on top of the image

    return update


alpha_explorer(plot_boundary, alpha=0.0, ncols=1)

# %% [markdown]
# At `alpha = 1` the hidden layer is linear, so the whole network is linear and cannot
# separate XOR: the final loss is at its highest.
#
# ## Exercises
#
# ### Exercise 07.1: one gradient-descent step
#
# Given the parameters `[W1, b1, W2, b2]`, their gradients (of the MSE) and a learning rate,
# return the new parameters after one gradient-descent step.

# %%
def gd_step(params, grads, learning_rate):
    # BEGIN SOLUTION
    # STUB: ...  # one new array per parameter
    return [p - learning_rate * g for p, g in zip(params, grads, strict=True)]
    # END SOLUTION


check("07.1", gd_step)

# %% [markdown]
# ### Exercise 07.2: a learning rate that works
#
# Pick a learning rate; the check trains the fixed network with it for 1000 epochs on
# seeds 0..9 and passes if at least 8 learn XOR.

# %%
# BEGIN SOLUTION
# STUB: learning_rate = ...
learning_rate = 0.1
# END SOLUTION
check("07.2", learning_rate)

# %% [markdown]
# ## Summary
#
# - The slide's loop (0.01 init, Leaky ReLU output, lr 0.01) mostly stays at 0.5 on XOR.
# - He init, a linear output, small positive hidden biases and lr 0.1 fix it.
# - With alpha = 1 the network is linear and cannot learn XOR.
#
# **Next:** lesson 08 compares Leaky ReLU with ReLU, sigmoid and tanh.
