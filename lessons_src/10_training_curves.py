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
# # 10 · Reading training curves
#
# **Goal:** plot accuracy and loss curves from a Keras `history`, read over- and
# under-fitting and the validation gap from them, and find the best epoch. About 15
# minutes.
#
# *Slide 10 of the deck: "Visualizing Training Progress".*

# %%
import time

import matplotlib.pyplot as plt
import numpy as np

import leaky.data
from leaky import alpha_explorer, check, hint, start_lesson

rng = start_lesson(seed=0, frameworks=("tensorflow",))

import keras
from keras import layers

PROFILE = leaky.data.get_profile()  # "quick" (default) or "full": LEAKY_PROFILE=full
print("data profile:", PROFILE)

# %% [markdown]
# ## The slide's idea
#
# `model.fit` returns a `History` object; `history.history` is a dict with one list per
# metric and one value per epoch: `loss` and `accuracy` on the training data, `val_loss`
# and `val_accuracy` on the held-out validation data. Slide 10 plots them. This notebook
# trains its own model (lessons are independent): a dense network with Leaky ReLU on
# MNIST, 8 epochs, 20% of the training images held out for validation. The quick profile
# uses only 2,000 images and a fairly high learning rate (0.003), so that the network
# learns its training images almost by heart within seconds and the curves have something
# to show; the full profile uses all 60,000.

# %%
(x_train, y_train), _ = leaky.data.load_mnist(PROFILE)
if PROFILE == "quick":
    x_train, y_train = x_train[:2000], y_train[:2000]
x_train = x_train.reshape((-1, 28 * 28)).astype("float32") / 255
print("training images:", x_train.shape)


def build_dense(alpha=0.01, hidden=512):
    """Flatten -> Dense(hidden) -> Leaky ReLU -> Dense(10) softmax."""
    model = keras.Sequential([
        keras.Input(shape=(28 * 28,)),
        layers.Dense(hidden),
        layers.LeakyReLU(negative_slope=alpha),
        layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.003),
                  loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


VERBOSE = 1 if PROFILE == "full" else 0  # no progress bars in the quick profile
EPOCHS = 8
keras.utils.set_random_seed(0)
start = time.perf_counter()
history = build_dense().fit(x_train, y_train, epochs=EPOCHS, batch_size=32,
                            validation_split=0.2, verbose=VERBOSE)
train_seconds = time.perf_counter() - start
print("history keys:", sorted(history.history))

# %% tags=["nbval-ignore-output"]
# nbval-ignore-output: the time depends on the machine and its load; the assert bounds it.
print(f"training took {train_seconds:.1f} s")
assert train_seconds < 120, train_seconds

# %% [markdown]
# ## The slide's plot
#
# The slide's code, unchanged. Note `range(1, len(acc) + 1)`: epochs are counted from 1 on
# the x-axis, while Python lists count from 0.

# %%
acc = history.history['accuracy']
val_acc = history.history['val_accuracy']
loss = history.history['loss']
val_loss = history.history['val_loss']

epochs = range(1, len(acc) + 1)

plt.figure(figsize=(12, 5))
plt.subplot(1, 2, 1)
plt.plot(epochs, acc, 'bo-', label='Training acc')
plt.plot(epochs, val_acc, 'ro-', label='Validation acc')
plt.title('Training and Validation Accuracy')
plt.legend()

plt.subplot(1, 2, 2)
plt.plot(epochs, loss, 'bo-', label='Training loss')
plt.plot(epochs, val_loss, 'ro-', label='Validation loss')
plt.title('Training and Validation Loss')
plt.legend()

plt.tight_layout()
plt.show()

# %% [markdown]
# ## How to read them
#
# - **Under-fitting:** both losses are still high and falling, and training and validation
#   accuracy are close and low. The model needs more epochs or more capacity.
# - **Over-fitting:** the training loss keeps falling while the validation loss stops
#   falling and turns up; the gap between training and validation accuracy grows. The
#   model is learning its training examples rather than digits.
# - **The validation gap** (training minus validation accuracy) measures how much of the
#   training accuracy does not carry over to new images.
#
# The numbers of this run:

# %%
best = int(np.argmin(val_loss)) + 1  # +1: epochs count from 1
gap_first = acc[0] - val_acc[0]
gap_last = acc[-1] - val_acc[-1]
print(f"training accuracy, last epoch:   {acc[-1]:.0%}")
print(f"validation accuracy, last epoch: {val_acc[-1]:.0%} (highest: {max(val_acc):.0%})")
print(f"validation gap: epoch 1 {gap_first:+.0%}, epoch {EPOCHS} {gap_last:+.0%}")
print(f"lowest validation loss at epoch {best} of {EPOCHS}; "
      f"it rose after that: {val_loss[-1] > min(val_loss)}")

# %% [markdown]
# Read them together with the plot. In epoch 1 the gap is negative: Keras averages the
# training accuracy over the epoch, while the model was still improving, and measures
# the validation accuracy at its end. The validation loss is lowest early (the epoch
# printed above); after that the training loss keeps falling and the training accuracy
# keeps climbing, while the validation loss turns up (noisily) and the gap grows. From
# there on the model over-fits: training longer makes it worse on new images. Note that
# the validation *accuracy* hardly drops meanwhile: the loss also punishes confident
# wrong answers, and the model grows more confident on the images it gets wrong. The loss
# shows over-fitting earlier than the accuracy does. `keras.callbacks.
# EarlyStopping(monitor="val_loss", restore_best_weights=True)` stops there for you.

# %% [markdown]
# ## Explore: alpha and the curves
#
# Does the slope change the picture? A small sweep, computed once: the same network and
# data for alpha = 0 (ReLU), 0.01, 0.1 and 0.3, 6 epochs each. The slider
# picks the nearest alpha of the sweep and highlights its curves (training dashed,
# validation solid); the others stay grey.

# %%
SWEEP_ALPHAS = [0.0, 0.01, 0.1, 0.3]
SWEEP_EPOCHS = 6
sweep = {}
for a in SWEEP_ALPHAS:
    keras.utils.set_random_seed(0)
    run = build_dense(alpha=a).fit(x_train, y_train, epochs=SWEEP_EPOCHS, batch_size=32,
                                   validation_split=0.2, verbose=0)
    sweep[a] = run.history
for a in SWEEP_ALPHAS:
    h = sweep[a]
    print(f"alpha = {a:4.2f}: validation accuracy after {SWEEP_EPOCHS} epochs "
          f"{h['val_accuracy'][-1]:.0%}, gap {h['accuracy'][-1] - h['val_accuracy'][-1]:+.0%}")


def nearest_sweep_alpha(alpha):
    """The alpha of the sweep closest to `alpha`."""
    return min(SWEEP_ALPHAS, key=lambda a: abs(a - alpha))


def plot_sweep_curves(fig, alpha):
    ax_loss, ax_acc = fig.axes[:2]
    x = np.arange(1, SWEEP_EPOCHS + 1)
    for a in SWEEP_ALPHAS:
        ax_loss.plot(x, sweep[a]["val_loss"], color="0.8", lw=1)
        ax_acc.plot(x, sweep[a]["val_accuracy"], color="0.8", lw=1)
    (loss_train,) = ax_loss.plot([], [], "C0--o", ms=3, label="training")
    (loss_val,) = ax_loss.plot([], [], "C3-o", ms=3, label="validation")
    (acc_train,) = ax_acc.plot([], [], "C0--o", ms=3)
    (acc_val,) = ax_acc.plot([], [], "C3-o", ms=3)
    ax_loss.set(title="Loss", xlabel="epoch", ylim=(0, 1.0))
    ax_acc.set(title="Accuracy", xlabel="epoch", ylim=(0.75, 1.0))
    ax_loss.legend(loc="upper right", fontsize=8)
    label = ax_acc.text(0.97, 0.05, "", transform=ax_acc.transAxes, ha="right", fontsize=9)

    def update(alpha):
        h = sweep[nearest_sweep_alpha(alpha)]
        loss_train.set_data(x, h["loss"])
        loss_val.set_data(x, h["val_loss"])
        acc_train.set_data(x, h["accuracy"])
        acc_val.set_data(x, h["val_accuracy"])
        label.set_text(f"slider alpha = {alpha:.2f}, "
                       f"nearest in the sweep: {nearest_sweep_alpha(alpha):.2f}")
        return [loss_train, loss_val, acc_train, acc_val, label]

    return update


alpha_explorer(plot_sweep_curves, alpha=0.01, max=0.3, step=0.01)

# %% [markdown]
# Compare the printed numbers and the grey bundle: on this small task the slope moves
# the final validation accuracy and the gap by a few points at most, while the epochs
# change them much more. Reading the curves matters more than the choice between these
# slopes.

# %% [markdown]
# ## Exercises
#
# ### Exercise 10.1: the best epoch
#
# Write `best_epoch(history)`: given a dict like `history.history`, return the epoch with
# the lowest validation loss, **counted from 1** like the slide's x-axis.

# %%
def best_epoch(history):
    # BEGIN SOLUTION
    # STUB: ...  # the epoch (1, 2, ...) with the lowest history["val_loss"]
    return int(np.argmin(history["val_loss"])) + 1
    # END SOLUTION


check("10.1", best_epoch)

# %% [markdown]
# Stuck? Run `hint("10.1")` in a new cell; each call gives the next hint.
#
# ### Exercise 10.2: diagnose the curves
#
# Three made-up training runs, A, B and C. For each, is the model `"overfitting"`,
# `"underfitting"` or a `"good fit"`? Answer with a dict such as `{"A": "good fit", ...}`.

# %%
epochs_abc = np.arange(1, 11)
curves_abc = {
    "A": (0.9 * 0.7 ** epochs_abc + 0.05, 0.3 + 0.02 * (epochs_abc - 4) ** 2 / 2),
    "B": (1.6 - 0.05 * epochs_abc, 1.65 - 0.05 * epochs_abc),
    "C": (0.9 * 0.7 ** epochs_abc + 0.1, 0.9 * 0.7 ** epochs_abc + 0.15),
}
fig, axes = plt.subplots(1, 3, figsize=(9, 2.6), sharey=True)
for ax, (name, (train_loss, valid_loss)) in zip(axes, curves_abc.items(), strict=True):
    ax.plot(epochs_abc, train_loss, "bo-", ms=3, label="training loss")
    ax.plot(epochs_abc, valid_loss, "ro-", ms=3, label="validation loss")
    ax.set(title=f"run {name}", xlabel="epoch", ylim=(0, 1.8))
axes[0].legend(fontsize=8)
plt.tight_layout()
plt.show()

# %%
# BEGIN SOLUTION
# STUB: diagnosis = ...  # {"A": ..., "B": ..., "C": ...}
diagnosis = {"A": "overfitting", "B": "underfitting", "C": "good fit"}
# END SOLUTION
check("10.2", diagnosis)

# %% [markdown]
# ## Summary
#
# - `history.history` holds one value per epoch for each metric; plot epochs from 1.
# - Validation loss turning up while training loss falls, and a growing accuracy gap,
#   mean over-fitting; both losses high and falling mean under-fitting.
# - The best epoch is where the validation loss is lowest; stop (or restore) there.
#
# **Next:** lesson 11 uses Leaky ReLU in a recurrent network for sentiment analysis.
