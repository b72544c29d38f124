"""Leaky ReLU, hands-on: everything the lessons share.

One import line brings what a lesson's setup needs (d2l's habit)::

    from leaky import start_lesson, check, hint, alpha_explorer

The package has four parts:

* the numpy reference, which reads like the maths: ``activations`` (Leaky ReLU and its
  relatives), ``layer``, ``network``, ``gradcheck``, ``dying``;
* fast kernels, apart from the reference: ``leaky.fast`` (lesson 13);
* the course machinery: ``course`` (``start_lesson``), ``explorer`` (the alpha slider),
  ``plotting``, ``exercises`` (``check``, ``hint``), ``data``, ``parity``, ``timing``;
* the exercise checkers, one module per lesson: ``leaky.exercise_checks``.

Importing ``leaky`` loads numpy only: matplotlib and ipywidgets are imported when a figure
or a slider is made, torch and tensorflow only by the functions that use them.
"""

from .activations import (
    leaky_relu,
    leaky_relu_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    tanh,
    tanh_grad,
)
from .course import start_lesson
from .exercises import check, hint
from .explorer import alpha_explorer
from .gradcheck import gradient_check, numerical_grad
from .layer import LeakyReLULayer, he_gain
from .network import SimpleNeuralNetwork, mse_loss, mse_loss_grad

__version__ = "0.2.0"

__all__ = [
    "start_lesson",
    "check",
    "hint",
    "alpha_explorer",
    "leaky_relu",
    "leaky_relu_grad",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "tanh",
    "tanh_grad",
    "gradient_check",
    "numerical_grad",
    "LeakyReLULayer",
    "he_gain",
    "SimpleNeuralNetwork",
    "mse_loss",
    "mse_loss_grad",
]
