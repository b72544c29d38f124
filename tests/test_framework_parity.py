"""The numpy reference against PyTorch and TensorFlow autograd, forward and gradient."""

import numpy as np
import pytest

from leaky import leaky_relu, leaky_relu_grad

ALPHAS = [0.0, 0.01, 0.2, 1.0, 1.5]
DTYPES = [np.float32, np.float64]
TOL = {np.float32: 1e-6, np.float64: 1e-12}
# TensorFlow keeps alpha as a 32-bit float attribute of the op, so in float64 its result
# differs from alpha * x by the float32 rounding of alpha: at most 2**-24 (5.96e-8) relative,
# 5.4e-8 at worst over the alphas 0.01, ..., 1 (lesson 14). 6e-8 is just above 2**-24.
TF_TOL = {np.float32: 1e-6, np.float64: 6e-8}
assert TF_TOL[np.float64] > 2.0**-24


def sample(dtype):
    x = np.random.default_rng(0).normal(scale=3, size=257).astype(dtype)
    x[:5] = [0.0, -0.0, 1e-30, -1e-30, 0.0]  # the kink, both zeros, tiny values
    return x


@pytest.mark.parametrize("alpha", ALPHAS)
@pytest.mark.parametrize("dtype", DTYPES)
def test_torch_forward_and_autograd(alpha, dtype):
    torch = pytest.importorskip("torch")
    x = sample(dtype)
    xt = torch.tensor(x, requires_grad=True)
    yt = torch.nn.functional.leaky_relu(xt, negative_slope=alpha)
    yt.sum().backward()
    np.testing.assert_allclose(leaky_relu(x, alpha), yt.detach().numpy(), rtol=TOL[dtype])
    np.testing.assert_array_equal(leaky_relu_grad(x, alpha), xt.grad.numpy())


@pytest.mark.parametrize("alpha", ALPHAS)
@pytest.mark.parametrize("dtype", DTYPES)
def test_tensorflow_forward_and_gradient_tape(alpha, dtype):
    tf = pytest.importorskip("tensorflow")
    x = sample(dtype)
    xt = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(xt)
        yt = tf.nn.leaky_relu(xt, alpha=alpha)
    grad = tape.gradient(yt, xt).numpy()
    np.testing.assert_allclose(leaky_relu(x, alpha), yt.numpy(), rtol=TF_TOL[dtype])
    np.testing.assert_allclose(leaky_relu_grad(x, alpha), grad, rtol=TF_TOL[dtype])


def test_gradient_at_exactly_zero_is_alpha_in_both_frameworks():
    """PyTorch and TensorFlow pick alpha at x = 0 (JAX, not installed, picks 1: lesson 14)."""
    torch = pytest.importorskip("torch")
    tf = pytest.importorskip("tensorflow")
    xt = torch.zeros(1, requires_grad=True)
    torch.nn.functional.leaky_relu(xt, 0.2).sum().backward()
    z = tf.zeros(1)
    with tf.GradientTape() as tape:
        tape.watch(z)
        y = tf.nn.leaky_relu(z, alpha=0.2)
    assert float(xt.grad[0]) == pytest.approx(0.2)
    assert float(tape.gradient(y, z)[0]) == pytest.approx(0.2)
    assert leaky_relu_grad(0.0, 0.2) == pytest.approx(0.2)
