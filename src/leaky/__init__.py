"""Leaky ReLU, hands-on: everything the lessons share.

Importing ``leaky`` loads numpy only; torch, tensorflow, ipywidgets and matplotlib are
imported by the modules that need them, when they are used.
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
from .gradcheck import gradient_check, numerical_grad
from .layer import LeakyReLULayer, he_gain
from .network import SimpleNeuralNetwork, mse_loss, mse_loss_grad

__version__ = "0.1.0"

__all__ = [
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
