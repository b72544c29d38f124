"""The slide-6 layer and the slide-7 network: gradients, shapes, XOR, bad input."""

import numpy as np
import pytest

from leaky import LeakyReLULayer, SimpleNeuralNetwork, he_gain, mse_loss, numerical_grad

X_XOR = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y_XOR = np.array([[0], [1], [1], [0]], dtype=float)


def test_he_gain_values():
    assert he_gain(0.0) == pytest.approx(np.sqrt(2))
    assert he_gain(0.01) == pytest.approx(1.41414, abs=1e-5)
    assert he_gain(0.2) == pytest.approx(1.38675, abs=1e-5)


def test_layer_shapes_and_init_scale():
    layer = LeakyReLULayer(400, 300, alpha=0.2, rng=0)
    assert layer.weights.shape == (400, 300) and layer.bias.shape == (1, 300)
    assert np.std(layer.weights) == pytest.approx(he_gain(0.2) / np.sqrt(400), rel=0.02)
    small = LeakyReLULayer(400, 300, rng=0, init="slides")
    assert np.std(small.weights) == pytest.approx(0.01, rel=0.02)


def test_layer_rng_int_and_generator_are_reproducible():
    a = LeakyReLULayer(3, 2, rng=7).weights
    b = LeakyReLULayer(3, 2, rng=np.random.default_rng(7)).weights
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("alpha", [0.01, 0.2, 1.5])
def test_layer_backward_matches_finite_differences(alpha):
    rng = np.random.default_rng(0)
    layer = LeakyReLULayer(3, 5, alpha=alpha, rng=rng)
    inputs = rng.normal(size=(4, 3))
    upstream = rng.normal(size=(4, 5))

    def loss_of(inp=None, w=None, b=None):
        saved = layer.weights.copy(), layer.bias.copy()
        if w is not None:
            layer.weights = w
        if b is not None:
            layer.bias = b
        out = layer.forward(inputs if inp is None else inp)
        layer.weights, layer.bias = saved
        return np.sum(out * upstream)

    layer.forward(inputs)
    grad_in, grad_w, grad_b = layer.backward(upstream)
    np.testing.assert_allclose(grad_in, numerical_grad(lambda v: loss_of(inp=v), inputs),
                               rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(grad_w, numerical_grad(lambda v: loss_of(w=v), layer.weights),
                               rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(grad_b, numerical_grad(lambda v: loss_of(b=v), layer.bias),
                               rtol=1e-5, atol=1e-7)


def test_layer_backward_does_not_modify_grad_output():
    layer = LeakyReLULayer(2, 3, rng=0)
    layer.forward(np.array([[-5.0, -5.0]]))
    g = np.ones((1, 3))
    layer.backward(g)
    np.testing.assert_array_equal(g, np.ones((1, 3)))


def test_layer_bad_input():
    with pytest.raises(TypeError, match="^input_size must be a whole number"):
        LeakyReLULayer("3", 2)
    with pytest.raises(ValueError, match="^output_size must be a whole number >= 1, got 0"):
        LeakyReLULayer(3, 0)
    with pytest.raises(ValueError, match="^init must be one of"):
        LeakyReLULayer(3, 2, init="xavier")
    with pytest.raises(TypeError, match="^rng must be"):
        LeakyReLULayer(3, 2, rng="seed")
    layer = LeakyReLULayer(3, 2, rng=0)
    with pytest.raises(RuntimeError, match="forward"):
        layer.backward(np.ones((1, 2)))
    with pytest.raises(ValueError, match=r"^inputs must be a 2-D array of shape \(batch, 3\)"):
        layer.forward(np.ones((1, 4)))
    layer.forward(np.ones((1, 3)))
    with pytest.raises(ValueError, match=r"^grad_output must be an array of shape \(1, 2\)"):
        layer.backward(np.ones((2, 2)))


def test_network_gradient_matches_finite_differences():
    net = SimpleNeuralNetwork(2, 4, 1, rng=3)
    out = net.forward(X_XOR)
    grads = net.backward(2 * (out - Y_XOR) / out.size)
    params = [net.hidden_layer.weights, net.hidden_layer.bias,
              net.output_layer.weights, net.output_layer.bias]
    for param, grad in zip(params, grads, strict=False):
        def loss(v, param=param):
            saved = param.copy()
            param[...] = v
            value = mse_loss(net.forward(X_XOR), Y_XOR)
            param[...] = saved
            return value
        np.testing.assert_allclose(grad, numerical_grad(loss, param.copy()), rtol=1e-4, atol=1e-8)


def slides_training(seed):
    """Slide 7's loop as written (syntax error of slide 6 fixed), seeded."""
    rng = np.random.default_rng(seed)
    hidden = LeakyReLULayer(2, 4, 0.01, rng, init="slides")
    output = LeakyReLULayer(4, 1, 0.01, rng, init="slides")
    for _ in range(1000):
        out = output.forward(hidden.forward(X_XOR))
        grad_out, w2, b2 = output.backward(Y_XOR - out)
        _, w1, b1 = hidden.backward(grad_out)
        output.weights += 0.01 * w2
        output.bias += 0.01 * b2
        hidden.weights += 0.01 * w1
        hidden.bias += 0.01 * b1
    return np.array_equal((output.forward(hidden.forward(X_XOR)) > 0.5), Y_XOR > 0.5)


@pytest.mark.slow
def test_xor_fixed_network_learns_for_most_seeds_and_the_slides_loop_does_not():
    learned = 0
    for seed in range(20):
        net = SimpleNeuralNetwork(2, 4, 1, rng=seed)
        losses = net.train(X_XOR, Y_XOR)
        assert len(losses) == 1000 and losses[-1] < losses[0]
        learned += np.array_equal(net.predict(X_XOR), Y_XOR)
    slides = sum(slides_training(seed) for seed in range(20))
    assert learned >= 18, f"fixed network learned XOR for only {learned}/20 seeds"
    assert slides <= 10, f"the slides' loop learned XOR for {slides}/20 seeds"


def test_network_train_bad_input():
    net = SimpleNeuralNetwork(2, 4, 1, rng=0)
    with pytest.raises(ValueError, match=r"^y must be an array of shape \(4, 1\)"):
        net.train(X_XOR, np.ones((3, 1)))
    with pytest.raises(ValueError, match="^learning_rate must be a finite number > 0"):
        net.train(X_XOR, Y_XOR, learning_rate=-1)
    with pytest.raises(ValueError, match="^epochs must be a whole number >= 1, got 0"):
        net.train(X_XOR, Y_XOR, epochs=0)
    with pytest.raises(TypeError, match="^X must be real numbers"):
        net.train("xor", Y_XOR)
