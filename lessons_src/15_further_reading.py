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
# # 15 · Further reading: the papers behind Leaky ReLU, PReLU and RReLU
#
# **You will:** read what the slide's three papers found, tell Leaky ReLU, PReLU and RReLU apart.
#
# **Time:** about 20 minutes. **Prerequisites:** lessons 01 to 14 (a recap of the course).
#
# > **Slide 15 of the deck, "Additional Resources":** "For more information on Leaky ReLU
# > and its applications in deep learning, consider the following resources: 1. "Rectifier
# > Nonlinearities Improve Neural Network Acoustic Models" by Andrew L. Maas et al. (2013)
# > [...] 2. "Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet
# > Classification" by Kaiming He et al. (2015) [...] 3. "Empirical Evaluation of Rectified
# > Activations in Convolutional Network" by Bing Xu et al. (2015) [...] These papers provide
# > in-depth discussions on the properties and advantages of Leaky ReLU and related
# > activation functions in various neural network architectures." (The [...] are the
# > slide's arXiv links; the first one we could not confirm, see below.)

# %%
import importlib.util
import math
import re
from functools import partial
from pathlib import Path

import numpy as np

import leaky
from leaky import alpha_explorer, check, hint, start_lesson
from leaky.plots_rrelu import plot_rrelu_band

rng = start_lesson(seed=0, frameworks=("torch",))
import torch

# %% [markdown]
# ## The idea
#
# The slide lists three papers. Together they tell the story of this course: a small fixed
# slope for negative inputs (Leaky ReLU), a slope the network learns (PReLU), and a slope
# drawn at random during training (RReLU). Below, every result of a paper is **quoted from
# the paper** (the course keeps a checked list of these facts with their sources); it is
# not something this notebook computes. Where a quoted number can be reproduced or put in
# context by computing, the next cell does that.

# %%
QUOTED = {  # quoted from the papers, not computed here
    "Maas, Hannun, Ng (2013)": [
        ("hidden layers of the speech model (DNN)", "2 to 4, of 2048 units"),
        ("training data", "300 hours of Switchboard"),
        ("word error rate, rectifier vs tanh networks", "about 2% absolute lower"),
        ("Leaky ReLU (slope 0.01) vs ReLU", "about the same"),
    ],
    "He, Zhang, Ren, Sun (2015)": [
        ("PReLU's initial slope", "0.25, no weight decay on it"),
        ("ImageNet 2012 top-5 test error (PReLU-nets)", "4.94%"),
        ("... of GoogLeNet / of humans (as reported)", "6.66% / 5.1%"),
        ("learned slope in conv1 (channel-shared)", "0.681"),
        ("learned slopes in deeper layers", "about 0.1 to 0.2"),
    ],
    "Xu, Wang, Chen, Li (2015)": [
        ("non-zero negative slope vs ReLU", "better on CIFAR-10, CIFAR-100, NDSB"),
        ("'very leaky' slope 1/5.5 vs 0.01", "1/5.5 better"),
        ("PReLU on small data sets", "overfits"),
        ("RReLU: slope 1/a with a drawn from", "U(3, 8); slope 1/5.5 at test time"),
        ("RReLU on CIFAR-100 (stronger net, no ensemble)", "75.68% accuracy"),
    ],
}
for paper, facts in QUOTED.items():
    print(paper)
    for what, value in facts:
        print(f"   {what:48s} {value}")

# %% [markdown]
# ## Maas et al. 2013: the leaky rectifier in speech recognition
#
# [*Rectifier Nonlinearities Improve Neural Network Acoustic Models*](https://ai.stanford.edu/~amaas/papers/relu_hybrid_icml2013_final.pdf)
# (the authors' PDF) appeared at an ICML 2013 workshop. **The slide links arXiv 1303.0246,
# and we could not confirm that this is the paper**: we found no arXiv version of it. So
# this lesson links the authors' PDF, the one TensorFlow's documentation of
# `tf.nn.leaky_relu` cites. The next cell reads that documentation from the installed
# TensorFlow's source, without importing TensorFlow:

# %%
spec = importlib.util.find_spec("tensorflow")  # finds the package, does not import it
nn_ops = Path(spec.origin).parent / "python" / "ops" / "nn_ops.py"
docstring = nn_ops.read_text(encoding="utf-8").split("def leaky_relu(")[1].split('"""')[1]
print("tf.nn.leaky_relu's docstring links:")
for link in re.findall(r"https?://[^\s)]+", docstring):
    print("  ", link)
print("mentions 1303.0246:", "1303.0246" in docstring)

# %% [markdown]
# The paper trained speech-recognition networks on Switchboard and compared tanh units with
# rectifiers. Rectifier networks had a lower word error rate than tanh networks, by about
# 2% absolute (quoted), and the *leaky* rectifier, with slope 0.01, did about as well as the
# plain ReLU (quoted). So leaking did not beat ReLU there; what it adds is a gradient for
# negative inputs (0.01 instead of 0) at no cost in accuracy. How much does a slope of 0.01
# change a unit's output? On inputs drawn from a standard normal, very little:

# %%
z = rng.normal(size=10_000)
print("largest |leaky_relu(z, 0.01) - relu(z)|:",
      round(float(np.abs(leaky.leaky_relu(z, 0.01) - leaky.relu(z)).max()), 3))
print("share of inputs with zero gradient: ReLU", f"{np.mean(leaky.relu_grad(z) == 0):.0%},",
      f"Leaky ReLU {np.mean(leaky.leaky_relu_grad(z, 0.01) == 0):.0%}")

# %% [markdown]
# ## He et al. 2015: PReLU and the initialisation
#
# [*Delving Deep into Rectifiers*](https://arxiv.org/abs/1502.01852) made the slope a
# parameter learned with the weights (PReLU, started at 0.25, quoted) and reached 4.94%
# top-5 test error on ImageNet 2012, against 6.66% for GoogLeNet and a reported 5.1% for
# humans (the three error rates quoted from its abstract). The abstract credits the 4.94%
# to "our PReLU networks (PReLU-nets)", plural: when you read the paper, look in its
# tables for what one network achieves alone, and on which set (validation or test),
# before you repeat "surpassing human-level performance". The learned slopes were large in
# the first layer (0.681 in conv1, quoted) and small deeper in the network (about 0.1 to
# 0.2, quoted): the network chose to keep more of the negative side early on. PyTorch's
# `nn.PReLU` starts where the paper did (lesson 14 trained it):

# %%
print("torch.nn.PReLU() starting slope:", round(torch.nn.PReLU().weight.item(), 4))

# %% [markdown]
# The same paper derived the initialisation named after its first author, gain
# `sqrt(2 / (1 + a**2))` (lessons 06 and 14). For the slopes the paper reports, the gain
# changes noticeably only for the large early-layer slope:

# %%
for slope in (0.1, 0.2, 0.25, 0.681):
    print(f"slope {slope:5}: he_gain {leaky.he_gain(slope):.3f}   "
          f"torch calculate_gain {torch.nn.init.calculate_gain('leaky_relu', slope):.3f}   "
          f"relative to slope 0.1: {leaky.he_gain(slope) / leaky.he_gain(0.1):.3f}")

# %% [markdown]
# ## Xu et al. 2015: leaky variants compared, and RReLU
#
# [*Empirical Evaluation of Rectified Activations in Convolutional
# Network*](https://arxiv.org/abs/1505.00853) compared ReLU, Leaky ReLU, PReLU and RReLU on
# CIFAR-10, CIFAR-100 and NDSB. A non-zero negative slope consistently beat ReLU (quoted),
# against the belief that ReLU works because of its sparsity; a "very leaky" slope of 1/5.5
# beat 0.01, and PReLU overfitted the small data sets (quoted). Their RReLU draws the slope
# at random during training, as `1/a` with `a` uniform between 3 and 8, and uses 1/5.5 at
# test time (quoted).
#
# PyTorch's `nn.RReLU` is a close relative but not the same: it draws the *slope* uniformly
# from `[lower, upper]` and uses their mean at evaluation. The two recipes give three
# different "typical" slopes:

# %%
rrelu = torch.nn.RReLU()
eval_slope = (rrelu.lower + rrelu.upper) / 2
print(f"torch.nn.RReLU(): lower = {rrelu.lower:.4f} (1/8), upper = {rrelu.upper:.4f} (1/3)")
print(f"PyTorch's eval-mode slope, (1/8 + 1/3) / 2     = {eval_slope:.4f}")
measured = -rrelu.eval()(torch.tensor(-1.0)).item()
print(f"... measured: -RReLU().eval()(-1)               = {measured:.4f}")
print(f"Xu et al.'s test slope 1/5.5 = 2/(3 + 8)        = {1 / 5.5:.4f}")
print(f"mean of 1/a for a ~ U(3, 8), ln(8/3)/5          = {math.log(8 / 3) / 5:.4f}")
a = rng.uniform(3, 8, size=100_000)
sampled_mean = np.mean(1 / a)  # a sum: checked with a margin (0.001 is 5 standard errors)
print("... sampled, 100,000 draws, within 0.001 of that:",
      abs(sampled_mean - math.log(8 / 3) / 5) < 0.001)

# %% [markdown]
# In training mode, RReLU draws a fresh slope for every element, every time. A seeded batch
# of eight inputs equal to -1 shows the slopes directly (output = -slope), and a batch of
# 10,000 shows their range:

# %%
rrelu.train()
torch.manual_seed(0)
print("slopes drawn for 8 inputs of -1:", np.round(-rrelu(-torch.ones(8)).numpy(), 3))
torch.manual_seed(0)
samples = np.sort(-rrelu(-torch.ones(10_000)).numpy())
print(f"10,000 draws: min {samples.min():.3f}, max {samples.max():.3f}, "
      f"mean within 0.003 of {eval_slope:.4f}: {abs(samples.mean() - eval_slope) < 0.003}")
print("positive inputs are untouched:", rrelu(torch.tensor([0.5, 2.0])).numpy())
rrelu.eval()
print("eval mode, the same input twice:", -rrelu(-torch.ones(2)).numpy().round(4))

# %% [markdown]
# ## Explore: one slope, a learned slope, a random slope
#
# Left: the band of functions RReLU samples from in training (slopes 1/8 to 1/3), its
# eval-mode slope (dashed), Xu et al.'s test slope 1/5.5 (dotted) and a Leaky ReLU with the
# slider's alpha (red; steep ones leave the frame at the bottom). Right: the 10,000 slopes
# RReLU drew above, with the slider's alpha, and, for comparison, the PReLU slopes He et al.
# report (quoted): about 0.1 to 0.2 in deep layers, 0.681 in conv1. The plot is
# `leaky.plots_rrelu.plot_rrelu_band`.

# %%
explorer = alpha_explorer(partial(plot_rrelu_band, samples=samples, lower=rrelu.lower,
                                  upper=rrelu.upper), alpha=0.25)
explorer

# %% [markdown]
# Things to try: `alpha = 0.23` (RReLU's eval slope, the middle of the band), `0.01`
# (Maas et al.'s Leaky ReLU, far below the band), `0.68` (what PReLU learned in He et al.'s
# first layer).

# %% [markdown]
# ## Recap of the course: six quick questions
#
# Each answer is a number; replace the `...` and run the cell. The check says what the
# usual wrong answer means.
#
# **15.1** In PyTorch, what is the gradient of `nn.LeakyReLU(negative_slope=0.01)` at
# exactly `x = 0`? (lessons 03 and 14)

# %%
# BEGIN SOLUTION
# STUB: grad_at_zero = ...
grad_at_zero = 0.01
# END SOLUTION
check("15.1", grad_at_zero)

# %% [markdown]
# **15.2** Which negative slope does Keras 3's `keras.layers.LeakyReLU()` use when you pass
# none? (lesson 14)

# %%
# BEGIN SOLUTION
# STUB: keras_default = ...
keras_default = 0.3
# END SOLUTION
check("15.2", keras_default)

# %% [markdown]
# **15.3** What is `leaky.leaky_relu(2.0, alpha=1.5)`, Leaky ReLU's value at `x = 2` with
# slope 1.5? (lesson 02)

# %%
# BEGIN SOLUTION
# STUB: value_at_2 = ...
value_at_2 = 2.0
# END SOLUTION
check("15.3", value_at_2)

# %% [markdown]
# **15.4** What is the He initialisation gain for `alpha = 0` (plain ReLU)? Three decimals
# are enough. (lessons 06 and 14)

# %%
# BEGIN SOLUTION
# STUB: gain_at_0 = ...
gain_at_0 = math.sqrt(2)
# END SOLUTION
check("15.4", gain_at_0)

# %% [markdown]
# **15.5** Which slope does `torch.nn.RReLU(lower=0.1, upper=0.3)` use in evaluation mode?
# (this lesson, with other bounds)

# %%
# BEGIN SOLUTION
# STUB: rrelu_eval_slope = ...
rrelu_eval_slope = (0.1 + 0.3) / 2
# END SOLUTION
check("15.5", rrelu_eval_slope)

# %% [markdown]
# **15.6** At which slope does Keras' `keras.layers.PReLU()` start, before training?
# (lesson 14)

# %%
# BEGIN SOLUTION
# STUB: keras_prelu_start = ...
keras_prelu_start = 0.0
# END SOLUTION
check("15.6", keras_prelu_start)

# %% [markdown]
# ## What to read next
#
# - The three papers above, in this order: Maas et al. (short, the idea), Xu et al. (the
#   comparison), He et al. (PReLU and the initialisation; the derivation of the gain is
#   worth working through with lesson 06 next to it).
# - Lu, Shin, Su, Karniadakis, [*Dying ReLU and Initialization*](https://arxiv.org/abs/1903.06733):
#   why deep ReLU networks can die at initialisation (lesson 05 measured dead units).
# - The framework documentation you used in lesson 14: `torch.nn.LeakyReLU`, `torch.nn.PReLU`,
#   `torch.nn.RReLU`, `torch.nn.init.calculate_gain`, `keras.layers.LeakyReLU`,
#   `keras.layers.PReLU`. Read each one's default before you rely on it.
# - Smooth relatives of Leaky ReLU, to compare with what you built here: ELU,
#   [arXiv 1511.07289](https://arxiv.org/abs/1511.07289), and GELU,
#   [arXiv 1606.08415](https://arxiv.org/abs/1606.08415).

# %% [markdown]
# ## Summary
#
# - Maas et al.: Leaky ReLU (slope 0.01) about as good as ReLU, both better than tanh; He et
#   al.: a learned slope (PReLU) and the initialisation; Xu et al.: leaky slopes beat ReLU.
# - RReLU draws its slope at random in training; PyTorch draws it from U(1/8, 1/3) and uses
#   the mean, 0.2292, in evaluation; Xu et al. used 1/a, a ~ U(3, 8), and 1/5.5 at test.
# - Quoted results are the papers' own; what you can compute, compute.
#
# **Next:** this is the last lesson. Go back to any lesson's alpha explorer with a question
# of your own, or read one of the papers above.
