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
# # 11 · Sentiment of movie reviews with Leaky ReLU
#
# **You will:** train the slide's IMDB network in Keras 3 and measure what alpha does to its head.
#
# **Time:** about 40 minutes. **Prerequisites:** lessons 01 to 05 (Leaky ReLU, dead units)
# and 09 (Keras); what an LSTM is, roughly (this lesson uses one, it does not explain it).
#
# > **Slide 11 of the deck, "Real-life Example: Sentiment Analysis":** "Let's use Leaky
# > ReLU in a recurrent neural network (RNN) for sentiment analysis on movie reviews."

# %%
import time
import warnings
from functools import partial

import numpy as np

import leaky
import leaky.data
from leaky import alpha_explorer, check, hint, start_lesson
from leaky.dying import count_dead_units
from leaky.heads import predict, train_heads
from leaky.plots_sentiment import dead_counts, plot_heads, unit_activity
from leaky.progressbar import keras_progress

rng = start_lesson(seed=0, frameworks=("tensorflow",))
import keras
from keras import layers

PROFILE = leaky.data.get_profile()  # "quick" (default) or "full": LEAKY_PROFILE=full
print("data profile:", PROFILE)

# %% [markdown]
# ## The slide's idea
#
# The slide's network reads a review word by word: an Embedding turns each word into 16
# numbers, two bidirectional LSTMs read the sequence forwards and backwards, and a
# **head** decides: a Dense(64) layer with Leaky ReLU (slope 0.01), then one sigmoid unit,
# the probability that the review is positive.
#
# Leaky ReLU sits **only in that head**. The LSTMs keep their own activations: tanh for the
# values they compute, and sigmoid for their gates, which must stay between 0 and 1 because
# they are fractions (how much of the memory to keep, to write, to show). The last section
# measures what alpha does to the head.
#
# ## The data
#
# Each review is labelled positive or negative. Two profiles; the stored outputs are the
# quick one's:

# %%
VOCAB_SIZE = 10000
(train_data, train_labels), (test_data, test_labels) = leaky.data.load_imdb(
    num_words=VOCAB_SIZE, profile=PROFILE)
print(leaky.data.describe_source("imdb", PROFILE))
print(f"train reviews: {len(train_data):,}, test reviews: {len(test_data):,}, "
      f"positive in train: {train_labels.mean():.0%}")
print("first review, first 12 indices:", list(train_data[0][:12]))
word_index = leaky.data.imdb_word_index(PROFILE)
print("decoded:", leaky.data.decode_review(train_data[0][:12], word_index))

# %% [markdown]
# Both profiles take all their reviews, training *and* test, from the 25,000 **training**
# reviews of Maas et al. (2011); the full profile (`LEAKY_PROFILE=full`, after
# `python data/make_data.py --full`) uses 20,000 of them for training and the other 4,904
# distinct ones for testing. Maas et al.'s own test reviews are about other films than
# their training reviews (so that memorising words peculiar to a film does not help, says
# the data set's README); here, reviews of the **same film** can sit in both sets, which
# can make our test easier. Compare our accuracies with published ones only with that in
# mind.
#
# Each review is a list of word indices: 1 marks the start, 2 a word outside the 10,000 most
# frequent, and a word of frequency rank r has index r + 3 (Keras' `index_from=3`). The
# network needs equal lengths, so `pad_sequences` cuts long reviews and pads short ones with
# zeros, both *at the front* by default (the slide imports it from
# `tensorflow.keras.preprocessing.sequence`; in Keras 3 it is `keras.utils.pad_sequences`).
# The full profile uses the slide's length, 250 words. An LSTM costs time per word, so the
# quick profile keeps the last 100 words of each review: 2.5 times less work per review.

# %%
MAX_LENGTH = 250 if PROFILE == "full" else 100
train_x = keras.utils.pad_sequences(train_data, maxlen=MAX_LENGTH)
test_x = keras.utils.pad_sequences(test_data, maxlen=MAX_LENGTH)
lengths = np.array([len(review) for review in train_data])
print("padded:", train_x.shape, test_x.shape)
print(f"median review length: {np.median(lengths):.0f} words; "
      f"longer than {MAX_LENGTH}: {np.mean(lengths > MAX_LENGTH):.0%}")

# %% [markdown]
# ## The slide's model, in Keras 3
#
# Two spellings of the slide are deprecated in Keras 3, and Keras warns about both:
# `LeakyReLU(alpha=...)` (now `negative_slope`) and `Embedding(..., input_length=...)`
# (the length now comes from `keras.Input`):

# %%
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    layers.LeakyReLU(alpha=0.01)  # the slide's spelling
    layers.Embedding(VOCAB_SIZE, 16, input_length=250)  # the slide's spelling
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")

# %% [markdown]
# The slide's third unusual spelling, a layer object as the Dense layer's `activation`,
# is fine: Keras 3 accepts any callable there (`keras.activations.get` returns it as it
# is), and a layer is callable.

# %%
leaky_layer = layers.LeakyReLU(negative_slope=0.01)
print("keras.activations.get returns the layer itself:",
      keras.activations.get(leaky_layer) is leaky_layer)

# %% [markdown]
# We still give the Dense(64) layer no activation and put `LeakyReLU(negative_slope=0.01)`
# after it as its own layer, so that we can read the Dense layer's outputs *before* the
# activation (its pre-activations) later.

# %%
ALPHA = 0.01


def build_rnn(alpha=ALPHA, max_length=MAX_LENGTH):
    """The slide's sentiment network with Keras 3 spellings."""
    return keras.Sequential([
        keras.Input(shape=(max_length,)),
        layers.Embedding(VOCAB_SIZE, 16, name="embedding"),
        layers.Bidirectional(layers.LSTM(64, return_sequences=True), name="bilstm1"),
        layers.Bidirectional(layers.LSTM(32), name="bilstm2"),
        layers.Dense(64, name="hidden"),
        layers.LeakyReLU(negative_slope=alpha, name="leaky"),
        layers.Dense(1, activation="sigmoid", name="output"),
    ])


model = build_rnn()
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
for layer in model.layers:
    print(f"{layer.name:10s} output {str(layer.output.shape):16s} "
          f"parameters {layer.count_params():7,d}")
print(f"total parameters: {model.count_params():,}")
lstm = model.get_layer("bilstm1").forward_layer
print(f"inside the LSTMs: activation {lstm.activation.__name__}, "
      f"gates {lstm.recurrent_activation.__name__}")

# %% [markdown]
# ## Training
#
# Full profile: the slide's `fit` (5 epochs, `validation_split=0.2`, batches of 128).
# Quick profile: 2 epochs on all training reviews, batches of 128. The bar shows the
# progress; the next cell prints how long it took on your machine.

# %%
if PROFILE == "full":
    fit_args = dict(epochs=5, validation_split=0.2)
else:
    fit_args = dict(epochs=2)
start = time.perf_counter()
history = model.fit(train_x, train_labels, batch_size=128, verbose=0,
                    callbacks=[keras_progress("training")], **fit_args)
train_seconds = time.perf_counter() - start

# %% tags=["nbval-ignore-output"]
# nbval-ignore-output: the time depends on the machine and on what else it is doing.
print(f"training took {train_seconds:.0f} s ({len(history.history['loss'])} epochs)")
if "val_accuracy" in history.history:  # the full profile's validation_split
    print("validation accuracy per epoch:",
          ", ".join(f"{a:.1%}" for a in history.history["val_accuracy"]))

# %% [markdown]
# To evaluate, we read three things at once from the trained layers, for every review: the
# 64 features that the second LSTM passes to the head, the head's 64 pre-activations, and
# the predicted probability. (`model.evaluate(test_x, test_labels)`, as on the slide, gives
# the same accuracy; we need the features for the last section anyway.)

# %%
reader = keras.Model(model.inputs, [model.get_layer("bilstm2").output,
                                    model.get_layer("hidden").output,
                                    model.get_layer("output").output])
features_train, z_train, _ = reader.predict(train_x, batch_size=500, verbose=0)
features_test, _, p_test = reader.predict(test_x, batch_size=500, verbose=0)
p_test = p_test[:, 0]
test_acc = np.mean((p_test > 0.5) == test_labels)
THRESHOLD = 0.75 if PROFILE == "full" else 0.78
print(f"test accuracy >= {THRESHOLD:.0%}: {test_acc >= THRESHOLD}")

# %% tags=["nbval-ignore-output"]
# nbval-ignore-output: the exact accuracy depends on the CPU; the cell above checks it.
print(f"test accuracy: {test_acc:.1%}")

# %% [markdown]
# With seed 0 the quick profile reaches about 81%. When this lesson was written, seeds 0 to
# 4 gave between about 81% and 83% (the same under the simulated other CPU); the check
# above asks for 78%, which leaves room for that spread.
#
# The full profile was run twice when this lesson was written, both times with seed 0
# (20,000 training reviews of length 250, of which `validation_split=0.2` keeps 4,000 for
# validation; 5 epochs): about 80% on its 4,904 test reviews both times, after 6 minutes of
# training on 2 idle cores and 11 on 2 busy ones. Its validation accuracy peaked at about
# 87% after epoch 3 and fell to about 80% by epoch 5, while the training accuracy rose to
# about 93%: the slide's 5 epochs overfit (lesson 10 shows how to read such curves and pick
# the epoch; Keras' `EarlyStopping(restore_best_weights=True)` does it automatically). One
# seed says nothing about the spread over seeds: the threshold, 75%, is a guess that leaves
# room for a run that overfits more, not a measured margin. For comparison, Keras'
# "Bidirectional LSTM on IMDB" example reports 84.3% validation accuracy after 2 epochs
# (other split, 200 words, 20,000-word vocabulary), and Maas et al. (2011) 88.9% with their
# word vectors; neither is measured on our test reviews.
#
# ## Predictions on real reviews
#
# The model outputs the probability that a review is positive. Here are a few test reviews
# (their first 25 words) with the true label and that probability:

# %% tags=["nbval-ignore-output"]
# nbval-ignore-output: probabilities move with the CPU; the next cell checks what is robust.
for review, label, p in zip(test_data[:6], test_labels[:6], p_test[:6], strict=True):
    text = leaky.data.decode_review(review[1:26], word_index)
    truth = "positive" if label == 1 else "negative"
    print(f"{truth:8s} p(positive) = {p:.2f} | {text} ...")

# %%
gap = p_test[test_labels == 1].mean() - p_test[test_labels == 0].mean()
print(f"mean p(positive), positive reviews minus negative reviews, above 0.3: {gap > 0.3}")

# %% [markdown]
# ## What alpha does to the head
#
# A unit of the head is **dead** on the training set when its pre-activation is <= 0 for
# every training review. With ReLU it then outputs 0 and gets no gradient: it cannot come
# back. With Leaky ReLU it still passes alpha times the gradient. How many of the trained
# model's 64 head units (alpha = 0.01) are inactive on every training review?

# %% tags=["nbval-ignore-output"]
# nbval-ignore-output: this count changes a lot from seed to seed; nothing below relies on it.
print(f"head units inactive on all {len(z_train):,} training reviews: "
      f"{count_dead_units(z_train)} of 64")

# %% [markdown]
# That count varies a lot from seed to seed. With the slide's alpha = 0.01 such units still
# get a gradient, a hundred times smaller. Does alpha matter here? Retraining the whole
# network for every alpha and seed would take as long as the training above, per run (one
# to two minutes for the quick profile on 2 cores): 15 to 30 minutes for 15 runs. Instead we
# keep the trained Embedding and LSTMs fixed, take the 64 features that the second LSTM
# computed above for every review, and retrain **only the head** (Dense(64), Leaky
# ReLU(alpha), Dense(1) with sigmoid) from scratch on them: for alpha = 0 (ReLU), 0.01 (the
# slide's) and 0.3 (Keras' default), 5 seeds each, 15 heads. `leaky.heads.train_heads`
# trains them in numpy the way Keras' `fit` would (Glorot-uniform weights, zero biases,
# Adam with learning rate 0.001, batches of 128, 5 epochs; the course's tests compare it
# with Keras), all 15 at once, in seconds. A seed fixes a head's initial weights and the
# order of its batches, the same for the three alphas: the heads can be compared seed by
# seed.

# %%
HEAD_ALPHAS = [0.0, 0.01, 0.3]
HEAD_SEEDS = [0, 1, 2, 3, 4]
start = time.perf_counter()
heads = train_heads(features_train, train_labels, HEAD_ALPHAS, HEAD_SEEDS, epochs=5)
head_acc = np.mean((predict(heads, features_test) > 0.5) == test_labels, axis=-1)
dead_start, dead_end = dead_counts(heads["z_start"]), dead_counts(heads["z_end"])
activity = unit_activity(heads["z_end"])
heads_seconds = time.perf_counter() - start
print("heads trained:", head_acc.size)

# %% tags=["nbval-ignore-output"]
# nbval-ignore-output: counts, accuracies and the time move with the CPU; the next cell checks
# the claims.
print(f"15 heads trained in {heads_seconds:.1f} s")
print("alpha   dead units of 64, start -> end, seeds 0-4       test accuracy (%)   mean   std")
for i, alpha in enumerate(HEAD_ALPHAS):
    dead = "  ".join(f"{s:2d}->{e:2d}" for s, e in zip(dead_start[i], dead_end[i], strict=True))
    acc = 100 * head_acc[i]
    print(f"{alpha:5.2f}   {dead}   {' '.join(f'{a:4.1f}' for a in acc)}"
          f"   {acc.mean():5.1f}  {acc.std(ddof=1):4.2f}")

# %%
relu_dead_start = np.all(heads["z_start"][0] <= 0, axis=1)  # (seeds, units): dead at the start
relu_dead_end = np.all(heads["z_end"][0] <= 0, axis=1)
print(f"every unit of a ReLU head that is dead at the start is still dead at the end: "
      f"{bool(np.all(relu_dead_end[relu_dead_start]))}")
relu, slide, keras_default = dead_end.mean(axis=1)  # mean over the 5 seeds
print(f"alpha 0.01 heads end with fewer dead units than ReLU heads: {slide < relu}")
print(f"alpha 0.3 heads end with fewer dead units than ReLU heads: {keras_default < relu}")
print(f"mean test accuracies of the three alphas within 1 point of each other: "
      f"{np.ptp(head_acc.mean(axis=1)) < 0.01}")

# %% [markdown]
# For a given seed, every head starts with the same dead units (same initial weights). The
# first line holds exactly, always: a dead ReLU unit gets a gradient of exactly 0, so
# nothing can bring it back. During training more units die; with ReLU they stay dead, with
# a leak they still get a gradient, and fewer are dead at the end (the next two lines
# compare the means over the 5 seeds). The test accuracy hardly moves (the last line; the
# means in the table differ by a few tenths of a point, a few reviews in 2,000): the
# surviving units are enough to read sentiment off these features. Dead units are lost
# capacity, and in a small head on good features the loss does not show in accuracy.
#
# How many units die depends on the features: when this lesson was written, the five
# networks of seeds 0 to 4 gave ReLU heads with about 2 to 23 dead units at the end, and
# leaky heads with fewer in every one of them (natively and under the simulated other CPU).
# In the full-profile runs (seed 0), on features from a network trained on more and longer
# reviews, hardly any head unit died (none with ReLU), so the two comparisons print False
# there: whether units die depends on the features and the training, which is why we
# measure.
#
# ## Explore: alpha and the head's units
#
# The slider picks the trained alpha nearest to it. Left: how often each unit of the head
# is active on the training reviews (units sorted; a unit at 0% is dead), one line per
# seed, ReLU in grey. Middle: dead units per seed, before and after training. Right: test
# accuracy per seed, on an axis 10 points tall.

# %%
plot = partial(plot_heads, alphas=HEAD_ALPHAS, activity=activity, dead_start=dead_start,
               dead_end=dead_end, accuracy=head_acc)
alpha_explorer(plot, alpha=0.01, max=0.5, ncols=3, figsize=(11, 3.4))

# %% [markdown]
# ## Exercises
#
# ### Exercise 11.1: decode a review
#
# Write `decode(indices, word_index)` that returns the review's words joined by spaces.
# `word_index` maps word -> frequency rank (1 = most frequent); with `index_from=3` the
# index of a word is its rank + 3. Indices 0, 1, 2, 3 mean padding, start, unknown, unused:
# write them as `"?"`.

# %%
def decode(indices, word_index):
    # BEGIN SOLUTION
    # STUB: ...  # return the decoded text
    reverse = {rank + 3: word for word, rank in word_index.items()}
    return " ".join(reverse.get(int(i), "?") for i in indices)
    # END SOLUTION


check("11.1", decode)

# %% [markdown]
# Stuck? Run `hint("11.1")` in a new cell; each call gives the next hint.
#
# ### Exercise 11.2: pad like `pad_sequences`
#
# Write `pad(sequence, maxlen)` returning a numpy integer array of length `maxlen`, as
# `keras.utils.pad_sequences([sequence], maxlen=maxlen)[0]` does with its defaults: a
# long sequence keeps its **last** `maxlen` entries, a short one gets zeros **in front**.
# Every `maxlen >= 0` must work, 0 included.

# %%
def pad(sequence, maxlen):
    # BEGIN SOLUTION
    # STUB: ...  # return the padded array
    kept = list(sequence)[-maxlen:] if maxlen > 0 else []
    return np.array([0] * (maxlen - len(kept)) + kept, dtype=np.int32)
    # END SOLUTION


check("11.2", pad)

# %% [markdown]
# ### Exercise 11.3: what does a dead unit freeze?
#
# In the head, a unit has `n_inputs` incoming weights (64 here: the LSTM features), a bias,
# and one weight in the output layer. Suppose `n_dead` of the head's units are dead on the
# training set (pre-activation <= 0 on every review), but not all of them. Write
# `zero_gradient_parameters(n_dead, alpha, n_inputs=64)`: how many of the network's
# parameters get a gradient of exactly 0 from every training review because of those
# units, when the head uses Leaky ReLU with slope `alpha` (0 is ReLU)? Think it through
# for alpha = 0 and for alpha = 0.01 before you write it.

# %%
def zero_gradient_parameters(n_dead, alpha, n_inputs=64):
    # BEGIN SOLUTION
    # STUB: ...  # return a whole number
    return (n_inputs + 2) * n_dead if alpha == 0 else 0
    # END SOLUTION


check("11.3", zero_gradient_parameters)

# %% [markdown]
# ## Summary
#
# - The slide's network runs in Keras 3 with `LeakyReLU(negative_slope=0.01)`,
#   `keras.Input` instead of `input_length`, and `keras.utils.pad_sequences`; Leaky ReLU is
#   only in its Dense head, the LSTMs keep tanh and sigmoid.
# - On the quick reviews it reaches about 81% test accuracy after 2 epochs (reviews of a film
#   can be in both sets).
# - Retrained on frozen LSTM features, ReLU heads lose units during training and never get
#   them back; leaky heads lose fewer. The test accuracy moves by a few tenths of a point.
#
# **Next:** lesson 12 tunes alpha, and asks when a difference between alphas is real.
