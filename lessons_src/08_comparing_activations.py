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
# # 08 · Comparing activation functions
#
# **You will:** compare ReLU, Leaky ReLU, sigmoid, tanh: shapes, slopes, gradients over 10 layers.
#
# **Time:** about 25 minutes. **Prerequisites:** lessons 01 to 04; lesson 06 for He initialisation.
#
# > **Slide 8 of the deck, "Comparing Leaky ReLU with Other Activation Functions":** "Let's
# > compare Leaky ReLU with other popular activation functions: ReLU, Sigmoid, and Tanh."

# %%
import matplotlib.pyplot as plt
import numpy as np

import leaky
from leaky import alpha_explorer, check, hint, start_lesson

rng = start_lesson(seed=0)
from leaky.plots_activations import draw_activations, plot_activation_comparison

# %% [markdown]
# ## The slide's idea, and its figure fixed
#
# The slide plots the four functions on x from -10 to 10, on one figure. Two of its
# definitions need care: `leaky_relu` as `np.maximum(alpha * x, x)` is right only for
# `alpha <= 1` (lesson 02), and its `sigmoid`, `1 / (1 + np.exp(-x))`, overflows for x below
# about -709 (exercise 08.2). We use the package's versions and add a second panel: the
# derivatives, which are what backpropagation multiplies. ReLU is the dashed black line; it
# lies on top of Leaky ReLU wherever the two agree.

# %%
x = np.linspace(-10, 10, 1001)
fig, (ax_f, ax_d) = plt.subplots(1, 2)
draw_activations(ax_f, ax_d, x, alpha=0.01)
plt.show()

# %% [markdown]
# The slopes of ReLU and Leaky ReLU are 1 for every positive x, and 0 or alpha = 0.01 for
# negative x. sigmoid and tanh are bounded, and their slopes fall towards 0 on both sides:
# they *saturate*.
#
# ## Saturation and vanishing gradients, in numbers
#
# Backpropagation multiplies one derivative per layer. Take a chain of 10 layers, each at
# the same pre-activation x, and multiply the 10 derivatives:

# %%
FUNCS = {"ReLU": (leaky.relu, leaky.relu_grad),
         "Leaky ReLU": (leaky.leaky_relu, leaky.leaky_relu_grad),
         "sigmoid": (leaky.sigmoid, leaky.sigmoid_grad),
         "tanh": (leaky.tanh, leaky.tanh_grad)}
print(f"largest sigmoid derivative, at x = 0: {float(leaky.sigmoid_grad(0.0)):.2f}")
for x0 in (-2.0, 0.5, 2.0):
    row = "  ".join(f"{name}: {float(df(x0)) ** 10:.1e}" for name, (f, df) in FUNCS.items())
    print(f"x = {x0:+.1f}  {row}")

# %% [markdown]
# sigmoid's derivative is at most 0.25, so 10 layers shrink the gradient by at least
# 0.25**10 even at its best point; tanh does well near 0 but saturates for |x| of a few
# units. ReLU passes 1 or 0; Leaky ReLU passes 1 or 0.01. On the negative side a chain of
# 10 Leaky ReLUs shrinks the gradient even more than sigmoid does (the x = -2 row): its
# gain over ReLU is that the gradient is never exactly zero, not that it is large. In a
# real network the units of one path are not all negative, and the weights scale the
# gradient too, which the next measurement includes.
#
# ## A gradient through 10 random layers
#
# A random MLP of 10 layers, 64 units each: weights drawn with standard deviation
# `gain / sqrt(64)`, one input of 64 standard normal numbers. We backpropagate the gradient
# of the sum of the last layer's outputs, which starts as 64 ones (norm sqrt(64) = 8), and
# measure its norm at the input. Each activation gets its own **gain**, chosen so that a
# layer keeps the signal's size:
#
# - ReLU sqrt(2) and Leaky ReLU sqrt(2 / (1 + alpha²)): He et al. (2015), lesson 06;
#   `torch.nn.init.calculate_gain("relu")` and `("leaky_relu", alpha)` return them.
# - tanh 5/3, sigmoid 1: what `torch.nn.init.calculate_gain` returns (PyTorch,
#   `torch/nn/init.py`).
# - sigmoid 4: gain 1 is unfair to sigmoid, whose slope is at most 1/4, so near 0 each layer
#   multiplies the gradient by about gain / 4. The Theano deep-learning tutorials, reading
#   Glorot and Bengio (2010), "use 4 times larger initial weights for sigmoid compared to
#   tanh" (lisa-lab/DeepLearningTutorials, `code/mlp.py`); their tanh weights have gain 1,
#   so this is gain 4. We measure both.

# %%
def input_gradient(f, df, gain, depth=10, width=64, seed=0):
    """Norms of the gradient at the start (the last layer) and at the input, and for each
    layer gain * rms(f'(z)), the factor by which it scales the gradient's size (roughly)."""
    r = np.random.default_rng(seed)
    Ws = [r.normal(size=(width, width)) * gain / np.sqrt(width) for _ in range(depth)]
    h, zs = r.normal(size=(1, width)), []
    for W in Ws:
        z = h @ W
        zs.append(z)
        h = f(z)
    g = np.ones_like(h)                          # d(sum of outputs) / d(outputs)
    start = float(np.linalg.norm(g))
    factors = []
    for W, z in zip(reversed(Ws), reversed(zs), strict=True):
        factors.append(gain * np.sqrt(np.mean(df(z) ** 2)))
        g = (g * df(z)) @ W.T
    return start, float(np.linalg.norm(g)), np.array(factors), zs


CASES = {"ReLU": ("ReLU", np.sqrt(2)), "Leaky ReLU": ("Leaky ReLU", leaky.he_gain(0.01)),
         "tanh": ("tanh", 5 / 3), "sigmoid, gain 1": ("sigmoid", 1.0),
         "sigmoid, gain 4": ("sigmoid", 4.0)}
print(f"{'seed 0':16s} {'gain':>5s} {'start':>6s} {'at input':>9s} {'ratio':>8s}   "
      f"{'per layer':>9s} {'^10':>8s}  {'rms z':>5s}")
for label, (name, gain) in CASES.items():
    start, end, factors, zs = input_gradient(*FUNCS[name], gain)
    per_layer = float(np.exp(np.mean(np.log(factors))))   # geometric mean over the layers
    print(f"{label:16s} {gain:5.3f} {start:6.2f} {end:#9.3g} {end / start:8.2g}   "
          f"{per_layer:9.2f} {per_layer ** 10:8.2g}  {np.sqrt(np.mean(np.square(zs))):5.2f}")

# %% [markdown]
# How to read it: every gradient starts at norm 8.00 (the 64 ones). "per layer" is
# gain × rms f'(z), the typical factor by which one layer scales the gradient; its 10th
# power predicts the ratio to within a factor of a few.
#
# - **ReLU and Leaky ReLU** keep the gradient's order of magnitude: per layer about 1, which
#   is sqrt(2) times the rms slope of a unit that is active half the time, sqrt(1/2).
# - **tanh** with gain 5/3: per layer just above 1; it keeps it too.
# - **sigmoid with gain 1** loses six orders of magnitude: about 0.23 per layer.
# - **sigmoid with gain 4** does far better, yet still loses about two orders of magnitude.
#   Its pre-activations spread out (rms z above 2 instead of about 0.5), where its slope has
#   already fallen.
#
# One network is one sample, though. The same measurement on 200 random networks
# (seeds 0 to 199), where each ReLU network and its Leaky ReLU twin share weights and input:

# %%
NETS = range(200)
ratios = {label: np.array([np.divide(*input_gradient(*FUNCS[name], gain, seed=s)[1::-1])
                           for s in NETS]) for label, (name, gain) in CASES.items()}
for label, r in ratios.items():
    print(f"{label:16s} gradient at the input / at the start: median {np.median(r):8.2g}, "
          f"from {r.min():.2g} to {r.max():.2g}")
paired = ratios["Leaky ReLU"] / ratios["ReLU"]
print(f"Leaky ReLU / ReLU, same network: median {np.median(paired):.2f}, from "
      f"{paired.min():.2f} to {paired.max():.2f}; Leaky ReLU smaller in "
      f"{int(np.sum(paired < 1))} of {len(paired)}")
zs_relu = np.array(input_gradient(leaky.relu, leaky.relu_grad, np.sqrt(2))[3])
zs_leaky = np.array(input_gradient(leaky.leaky_relu, leaky.leaky_relu_grad, leaky.he_gain(0.01))[3])
print("seed 0: units on the other side of 0 in the two networks:",
      int(np.sum(np.sign(zs_relu) != np.sign(zs_leaky))), "of", zs_relu.size)

# %% [markdown]
# The ranges show how much one random network varies: a factor of about 6 between the
# extremes for ReLU. **Leaky ReLU below ReLU** for seed 0 (about 8.5 against 9.0) is chance,
# not a property. The twins differ only slightly (negative units pass 0.01 z instead of 0),
# but over 10 layers a few units end up on the other side of 0, which changes the gradient
# by up to a few tens of per cent, either way (the paired ratio runs from about 0.8 to 1.4).
# Over the 200 pairs Leaky ReLU's gradient is smaller about as often as it is larger, and
# the median ratio is 1.00: both gains are designed (lesson 06) so that each layer keeps the
# gradient's size on average, and they do.
#
# ## Where each is used today
#
# - **ReLU** and its variants (Leaky ReLU, PReLU) remain a usual choice for hidden layers of
#   convolutional and fully connected networks: torchvision's ResNets use `nn.ReLU`
#   (`torchvision/models/resnet.py`), and lessons 09 to 11 use Leaky ReLU.
# - **GELU**, x·Φ(x) with Φ the standard normal distribution function (Hendrycks and Gimpel
#   2016, arXiv 1606.08415), is a smooth ReLU-like curve; BERT uses it (Hugging Face's
#   `BertConfig` defaults to `hidden_act="gelu"`, `models/bert/configuration_bert.py`).
# - **SiLU** (also called swish), x·sigmoid(x) (Elfwing et al. 2017; Ramachandran et al.
#   2017; TensorFlow's `tf.nn.silu` documentation), is another smooth ReLU-like curve; it is
#   the activation of YOLOv5's convolution blocks (ultralytics/yolov5, `models/common.py`:
#   `Conv.default_act = nn.SiLU()`) and the gate inside SwiGLU.
# - **SwiGLU** (Shazeer 2020, "GLU Variants Improve Transformer", arXiv 2002.05202) is a gated
#   unit, SiLU(x W) * (x V), used in the feed-forward layers of large language models: LLaMA
#   "replace[s] the ReLU non-linearity by the SwiGLU activation function" (Touvron et al. 2023,
#   arXiv 2302.13971; Hugging Face's `LlamaMLP` computes
#   `down_proj(act_fn(gate_proj(x)) * up_proj(x))`, and `LlamaConfig` defaults to
#   `hidden_act="silu"`).
# - **sigmoid** is used for outputs that are probabilities (binary classification, as in
#   lesson 11) and for gates (LSTM gates, the gate of SiLU).
# - **tanh** appears inside recurrent cells (Keras' `LSTM` and `GRU` default to
#   `activation="tanh"` and `recurrent_activation="sigmoid"`) and where a bounded,
#   zero-centred output is wanted.

# %% [markdown]
# ## Explore: alpha against the others
#
# Leaky ReLU (red) moves with the slider; ReLU (dashed black), sigmoid and tanh stay, in the
# same colours as above.

# %%
alpha_explorer(plot_activation_comparison, alpha=0.01)

# %% [markdown]
# ## Exercises
#
# ### Exercise 08.1: an alpha that beats sigmoid
#
# Far on the negative side, does Leaky ReLU pass more gradient than sigmoid, or less? That
# depends on alpha. **Predict first**, from the derivatives panel: at x = -3, must alpha be
# above or below the default 0.01 for Leaky ReLU's gradient to beat sigmoid's? And at
# x = -10? Then write `alpha_to_match_sigmoid(x)`: for negative x (a number or an array),
# the alpha at which Leaky ReLU's gradient at x equals sigmoid's gradient at x (any larger
# alpha beats sigmoid there).

# %%
def alpha_to_match_sigmoid(x):
    # BEGIN SOLUTION
    # STUB: ...  # the alpha for each negative x
    return leaky.sigmoid_grad(x)
    # END SOLUTION


check("08.1", alpha_to_match_sigmoid)

# %% [markdown]
# ### Exercise 08.2: a stable sigmoid
#
# `1 / (1 + np.exp(-x))` overflows (with a warning) for x below about -709. Write a sigmoid
# that never overflows and agrees with `leaky.sigmoid`.

# %%
def stable_sigmoid(x):
    # BEGIN SOLUTION
    # STUB: ...  # hint("08.2") if you need a start
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))
    # END SOLUTION


check("08.2", stable_sigmoid)

# %% [markdown]
# ## Summary
#
# - sigmoid and tanh saturate: their slopes vanish for large |x|; sigmoid's is at most 1/4,
#   so even with a fair gain (4) a 10-layer sigmoid network loses most of its gradient.
# - ReLU and Leaky ReLU with He's gain keep the gradient's size; Leaky ReLU's gain over ReLU
#   is that no unit's gradient is exactly zero, not a larger gradient.
# - Newer networks use smooth ReLU-like curves (GELU, SiLU) and gated units (SwiGLU).
#
# **Next:** lesson 09 uses Leaky ReLU in a convolutional network on MNIST.
