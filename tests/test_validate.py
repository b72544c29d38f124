"""One validation style: wrong type -> TypeError, wrong value -> ValueError, same wording."""

import functools

import numpy as np
import pytest

import leaky
from leaky import LeakyReLULayer, SimpleNeuralNetwork, alpha_explorer, start_lesson
from leaky._validate import check_int, check_real
from leaky.parity import parity_inputs
from leaky.plotting import plot_function_and_derivative

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([[0], [1], [1], [0]], dtype=float)


@pytest.mark.parametrize("value", [1, 0.5, np.float32(0.1), np.int64(3), np.array(0.25)])
def test_check_real_accepts_every_real_number(value):
    assert check_real(value, "v") == pytest.approx(float(value))


@pytest.mark.parametrize("value,error,message", [
    ("0.1", TypeError, "v must be a finite number, got '0.1'"),
    (True, TypeError, "v must be a finite number, got True"),
    (None, TypeError, "v must be a finite number, got None"),
    (float("nan"), ValueError, "v must be a finite number, got nan"),
    (float("inf"), ValueError, "v must be a finite number, got inf"),
])
def test_check_real_type_versus_value(value, error, message):
    with pytest.raises(error) as info:
        check_real(value, "v")
    assert str(info.value) == message


def test_check_real_bounds_are_named():
    with pytest.raises(ValueError, match=r"^lr must be a finite number > 0 and <= 1, got 0$"):
        check_real(0, "lr", low=0, high=1, low_open=True)
    with pytest.raises(TypeError, match="n must be a whole number >= 1, got 1.5"):
        check_int(1.5, "n", low=1)


def test_training_accepts_a_numpy_learning_rate():
    net = SimpleNeuralNetwork(2, 4, 1, rng=0)
    losses = net.train(XOR_X, XOR_Y, learning_rate=np.float32(0.1), epochs=5)
    assert len(losses) == 5
    with pytest.raises(TypeError, match="^learning_rate must be a finite number > 0"):
        net.train(XOR_X, XOR_Y, learning_rate="0.1", epochs=5)
    with pytest.raises(ValueError, match="^learning_rate must be a finite number > 0"):
        net.train(XOR_X, XOR_Y, learning_rate=-0.1, epochs=5)


def test_values_of_the_right_type_raise_value_errors():
    with pytest.raises(ValueError, match="^seed must be a whole number >= 0, got -1"):
        start_lesson(seed=-1)
    with pytest.raises(TypeError, match="^seed must be a whole number >= 0, got 1.0"):
        start_lesson(seed=1.0)
    with pytest.raises(ValueError, match="^bias must be a finite number, got nan"):
        LeakyReLULayer(2, 3, bias=float("nan"))
    with pytest.raises(ValueError, match="^scale must be a finite number > 0"):
        parity_inputs(scale=0)
    with pytest.raises(ValueError, match="^eps must be a finite number > 0 and < 1"):
        leaky.gradient_check(np.sin, np.zeros(2), eps=2.0)
    with pytest.raises(ValueError, match="^step must be a finite number > 0"):
        alpha_explorer(step=0)


def test_frameworks_must_be_a_tuple_and_the_message_says_so():
    with pytest.raises(TypeError) as info:
        start_lesson(frameworks="torch")
    assert str(info.value) == ("frameworks must be a tuple of 'tensorflow' and/or 'torch', "
                               "e.g. ('torch',), got 'torch'")
    with pytest.raises(ValueError, match="got \\('jax',\\)"):
        start_lesson(frameworks=("jax",))


def test_explorer_of_a_partial_shows_its_function_name():
    plot = functools.partial(plot_function_and_derivative, x_min=-2.0, x_max=2.0)
    bundle = alpha_explorer(plot, alpha=0.3)._repr_mimebundle_()
    assert "plot_function_and_derivative" in bundle["text/plain"]
