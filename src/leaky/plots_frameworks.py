"""Lesson 14's explorer: the slope you meant against the slope each framework's default gives.

    defaults = {"torch.nn.LeakyReLU()": 0.01, "tf.nn.leaky_relu": 0.2, ...}  # read in lesson 14
    net = PortNetwork()                                   # a fixed random 4-layer network
    port_changes(0.01, defaults, net)                     # {slope: relative output change}
    alpha_explorer(functools.partial(plot_defaults_and_port, defaults=defaults, network=net))

A model is built with one slope (the slider's alpha). Ported to another API without passing
the slope, it silently runs with that API's default instead. :class:`PortNetwork` measures what
that does to a network's output: the relative change ``|y(default) - y(alpha)| / |y(alpha)|``
(Frobenius norms), computed in float64 with the numpy reference. Everything here was
introduced in lesson 14; the data functions are pure and unit-tested
(``tests/test_lesson14_15.py``), the plot function is drawing only.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_generator, check_alpha, check_positive_int, fail
from .activations import leaky_relu

__all__ = ["PortNetwork", "default_groups", "port_changes", "port_change_table",
           "plot_defaults_and_port",
           "X_RANGE", "MAX_ALPHA"]

#: The x range of the left panel and the slider's largest alpha (lesson 14).
X_RANGE = (-2.0, 1.0)
MAX_ALPHA = 0.5


class PortNetwork:
    """A fixed random fully connected network (lesson 14): ``depth`` Leaky ReLU layers of
    ``width`` units with He-initialised weights, a linear output, fixed inputs.

    Only the slope changes between calls of :meth:`output`, so two outputs differ only
    because of the slope. Seeded: the same arguments give the same network.
    """

    def __init__(self, depth=4, width=64, inputs=16, samples=256, outputs=8, rng=0):
        depth = check_positive_int(depth, "depth")
        width = check_positive_int(width, "width")
        inputs = check_positive_int(inputs, "inputs")
        samples = check_positive_int(samples, "samples")
        outputs = check_positive_int(outputs, "outputs")
        gen = as_generator(rng)
        self.x = gen.normal(size=(samples, inputs))
        sizes = [inputs] + [width] * depth
        self.weights = [gen.normal(size=(a, b)) * np.sqrt(2.0 / a)
                        for a, b in zip(sizes[:-1], sizes[1:], strict=True)]
        self.head = gen.normal(size=(width, outputs)) / np.sqrt(width)
        self.depth = depth

    def output(self, alpha) -> np.ndarray:
        """The network's outputs for its fixed inputs, every hidden layer with slope alpha."""
        alpha = check_alpha(alpha)
        h = self.x
        for w in self.weights:
            h = leaky_relu(h @ w, alpha)
        return h @ self.head

    def change(self, alpha, default) -> float:
        """Relative change of the output when slope ``alpha`` is replaced by ``default``."""
        y = self.output(alpha)
        return float(np.linalg.norm(self.output(default) - y) / np.linalg.norm(y))


def default_groups(defaults) -> dict:
    """``{slope: [names]}`` from ``{name: default slope}``, slopes in increasing order.

    APIs that share a default behave the same when the slope is left out (lesson 14).
    """
    if not isinstance(defaults, dict) or not defaults:
        fail("defaults", "a non-empty dict {API name: default slope}", defaults,
             error=TypeError)
    groups: dict = {}
    for name, slope in defaults.items():
        groups.setdefault(check_alpha(slope, f"the default of {name}"), []).append(name)
    return dict(sorted(groups.items()))


def port_changes(alpha, defaults, network) -> dict:
    """``{slope: relative output change}`` for each distinct default slope (pure).

    The change of ``network``'s output when a model built with ``alpha`` runs with that
    default instead: 0 when ``alpha`` is the default.
    """
    alpha = check_alpha(alpha)
    reference = network.output(alpha)
    norm = np.linalg.norm(reference)
    return {slope: float(np.linalg.norm(network.output(slope) - reference) / norm)
            for slope in default_groups(defaults)}


def port_change_table(alphas, defaults, network) -> np.ndarray:
    """:func:`port_changes` for every alpha in ``alphas``: an array of shape
    ``(len(alphas), number of distinct defaults)``, defaults in increasing order (pure).

    Each slope's output is computed once, so the table costs ``len(alphas) + defaults``
    forward passes (lesson 14's explorer precomputes its slider steps with it).
    """
    alphas = [check_alpha(a) for a in np.atleast_1d(alphas)]
    slopes = list(default_groups(defaults))
    outputs = {a: network.output(a) for a in {*alphas, *slopes}}
    table = np.empty((len(alphas), len(slopes)))
    for i, alpha in enumerate(alphas):
        reference = outputs[alpha]
        norm = np.linalg.norm(reference)
        table[i] = [np.linalg.norm(outputs[slope] - reference) / norm for slope in slopes]
    return table


def _group_label(slope, names) -> str:
    """A bar's label: the slope, then the APIs' modules ('tf.nn.leaky_relu' -> 'tf.nn';
    every torch API -> 'torch'), each once."""
    modules = []
    for name in names:
        module = name.split(" (")[0].replace("()", "").rsplit(".", 1)[0]
        module = "torch" if module.startswith("torch") else module
        if module not in modules:
            modules.append(module)
    return f"{slope:g}: " + ",\n".join(modules)


def plot_defaults_and_port(fig, alpha, *, defaults, network):
    """Lesson 14's explorer: left, Leaky ReLU with the slider's alpha (the slope you meant)
    and with each API's default; right, how much a fixed random network's output changes
    when a model built with alpha is ported to each API without passing the slope.

    The bars show the slider step (0, 0.01, ..., :data:`MAX_ALPHA`) nearest to alpha, all
    precomputed when the figure is drawn: a slider step only looks them up.
    """
    ax, ax_bar = fig.axes
    fig.subplots_adjust(bottom=0.27)  # room for two-line bar labels
    groups = default_groups(defaults)
    x = np.linspace(*X_RANGE, 301)
    colors = [f"C{i}" for i in range(len(groups))]
    for (slope, names), color in zip(groups.items(), colors, strict=True):
        ax.plot(x, leaky_relu(x, slope), color=color, lw=1.6,
                label=_group_label(slope, names).replace(",\n", ", "))
    # Dashed, so that a default with the same slope stays visible under it.
    (line,) = ax.plot(x, x, color="C3", lw=2.2, ls="--")
    ax.axhline(0, color="0.4", lw=0.8)
    ax.axvline(0, color="0.4", lw=0.8)
    ax.set(xlim=X_RANGE, ylim=(-1.1, 1.05), xlabel="x", title="f(x): your alpha and the defaults")
    # x < 0, y > 0 holds no curve: the legend goes there; x > 0, y < 0 holds the red label.
    ax.legend(loc="upper left", fontsize=9, title="default slope", title_fontsize=9)
    label = ax.text(0.97, 0.05, "", transform=ax.transAxes, ha="right", va="bottom",
                    fontsize=10, color="C3")

    # Every slider step (0, 0.01, ..., MAX_ALPHA) precomputed once: a step only looks up.
    grid = np.round(np.arange(0.0, MAX_ALPHA + 0.005, 0.01), 2)
    table = port_change_table(grid, defaults, network)
    top = float(table.max())
    positions = np.arange(len(groups))
    bars = ax_bar.bar(positions, np.zeros(len(groups)), color=colors, width=0.6)
    ax_bar.set_xticks(positions, [_group_label(s, n) for s, n in groups.items()], fontsize=9)
    ax_bar.set(ylim=(0, 1.2 * top * 100), ylabel="output change (%)",
               title=f"your model, run with each default ({network.depth} layers)")
    values = [ax_bar.text(p, 0.0, "", ha="center", va="bottom", fontsize=10)
              for p in positions]

    def update(alpha):
        line.set_ydata(leaky_relu(x, alpha))
        label.set_text(f"your alpha = {alpha:.2f}")
        changes = table[int(np.argmin(np.abs(grid - alpha)))]
        for bar, text, change in zip(bars, values, changes, strict=True):
            bar.set_height(100 * change)
            text.set_position((text.get_position()[0], 100 * change))
            text.set_text(f"{100 * change:.0f}%")
        return [line, label, *bars, *values]

    return update
