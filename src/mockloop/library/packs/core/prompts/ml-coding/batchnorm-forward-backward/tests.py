"""Tests for batchnorm-forward-backward: BatchNorm1d(num_features, eps, momentum) with train(),
eval(), forward(x) and backward(dout).

Outputs and running statistics are compared with PyTorch's BatchNorm1d semantics computed here in
float64 (normalise with the biased variance, store the unbiased one, momentum weighs the new
batch); gradients with central finite differences of sum(y * dout) through the batch statistics
(training) or with the running statistics as constants (evaluation), at relative tolerance 1e-6.
"""

import numpy as np

from harness import Mismatch, expect, expect_close, expect_raises, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 10, "wall_seconds": 60}


def train_y(x, gamma, beta, eps):
    mu, var = x.mean(0), x.var(0)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


def eval_y(x, gamma, beta, mean, var, eps):
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def numeric(f, arrays, which, dout, step=1e-6):
    target = arrays[which]
    out = np.zeros_like(target)
    for index in np.ndindex(target.shape):
        saved = target[index]
        target[index] = saved + step
        plus = (f(*arrays) * dout).sum()
        target[index] = saved - step
        minus = (f(*arrays) * dout).sum()
        target[index] = saved
        out[index] = (plus - minus) / (2 * step)
    return out


def layer(solution, D, text, **kwargs):
    given(text)
    bn = solution.BatchNorm1d(D, **kwargs)
    for name, value in (("gamma", np.ones(D)), ("beta", np.zeros(D)), ("running_mean", np.zeros(D)), ("running_var", np.ones(D))):
        expect_close(getattr(bn, name), value, rtol=0, atol=0, input=f"{text}.{name}", name=name)
    expect(bn.training, True, input=f"{text}.training")
    return bn


def forward(bn, x, text):
    given(text)
    before = x.copy()
    y = bn.forward(x)
    if not np.array_equal(x, before):
        raise Mismatch("modified x", "x unchanged", text, "forward modified its input")
    return y


def backward(bn, dout, text):
    given(text)
    state = {name: np.array(getattr(bn, name), copy=True) for name in ("gamma", "beta", "running_mean", "running_var")}
    result = bn.backward(dout.copy())
    if not isinstance(result, tuple) or len(result) != 3:
        raise Mismatch(result, "(dx, dgamma, dbeta)", text, "backward should return (dx, dgamma, dbeta)")
    for name, value in state.items():
        if not np.array_equal(getattr(bn, name), value):
            raise Mismatch(name, "unchanged", text, f"backward changed {name}")
    return result


def inputs(N, D, seed):
    rng = np.random.default_rng(seed)
    return rng.normal(1.5, 2.0, size=(N, D)) * rng.uniform(0.3, 3.0, size=D), rng.normal(1, 0.5, D), rng.normal(0, 0.5, D), rng.normal(size=(N, D))


@visible
def test_the_example_from_the_statement(solution):
    """x = [[1, 2], [3, 6]]: y about [[-1, -1], [1, 1]], running_mean [0.2, 0.4], running_var [1.1, 1.7]."""
    bn = layer(solution, 2, "bn = BatchNorm1d(2)")
    x = np.array([[1.0, 2.0], [3.0, 6.0]])
    y = forward(bn, x, "bn.forward([[1, 2], [3, 6]])")
    expect_close(y, train_y(x, np.ones(2), np.zeros(2), 1e-5), rtol=1e-12, atol=1e-12, input="bn.forward([[1, 2], [3, 6]])")
    expect_close(bn.running_mean, np.array([0.2, 0.4]), rtol=1e-12, atol=1e-12, input="bn.running_mean", name="running_mean")
    expect_close(bn.running_var, np.array([1.1, 1.7]), rtol=1e-12, atol=1e-12, input="bn.running_var", name="running_var")
    dx, dgamma, dbeta = backward(bn, np.ones((2, 2)), "bn.backward(np.ones((2, 2)))")
    expect_close(dx, np.zeros((2, 2)), rtol=0, atol=1e-12, input="dx", name="dx")
    expect_close(dgamma, np.zeros(2), rtol=0, atol=1e-9, input="dgamma", name="dgamma")
    expect_close(dbeta, np.array([2.0, 2.0]), rtol=0, atol=1e-12, input="dbeta", name="dbeta")
    returned = bn.eval()
    expect(returned is bn and bn.training is False, True, input="bn.eval() returns bn, training False")
    expect_close(forward(bn, np.array([[0.2, 0.4]]), "bn.eval().forward([[0.2, 0.4]])"), np.zeros((1, 2)), rtol=0, atol=1e-12, input="bn.eval().forward([[0.2, 0.4]])")


@visible
def test_training_outputs_and_running_statistics(solution):
    """Three training batches: each output with batch statistics; running averages with momentum."""
    D = 4
    bn = layer(solution, D, "bn = BatchNorm1d(4, eps=1e-3, momentum=0.3)", eps=1e-3, momentum=0.3)
    mean, var = np.zeros(D), np.ones(D)
    for step, N in enumerate((5, 2, 9)):
        x, gamma, beta, _ = inputs(N, D, seed=step)
        bn.gamma, bn.beta = gamma.copy(), beta.copy()
        text = f"batch {step + 1}: bn.gamma, bn.beta = ...; bn.forward(x of shape {(N, D)})"
        expect_close(forward(bn, x, text), train_y(x, gamma, beta, 1e-3), rtol=1e-10, atol=1e-12, input=text)
        mean = 0.7 * mean + 0.3 * x.mean(0)
        var = 0.7 * var + 0.3 * x.var(0) * N / (N - 1)
        expect_close(bn.running_mean, mean, rtol=1e-12, atol=1e-12, input=text + "; bn.running_mean", name="running_mean")
        expect_close(bn.running_var, var, rtol=1e-12, atol=1e-12, input=text + "; bn.running_var", name="running_var")


def test_the_training_gradient_flows_through_the_batch_statistics(solution):
    """Training backward: dx, dgamma, dbeta against finite differences through the mean and variance."""
    for N, D, seed in ((6, 3, 1), (2, 4, 2), (11, 2, 3)):
        x, gamma, beta, dout = inputs(N, D, seed)
        bn = layer(solution, D, f"bn = BatchNorm1d({D})")
        bn.gamma, bn.beta = gamma.copy(), beta.copy()
        text = f"bn.forward(x {(N, D)}); bn.backward(dout) in training mode"
        forward(bn, x, text)
        grads = backward(bn, dout, text)
        f = lambda x_, g_, b_: train_y(x_, g_, b_, 1e-5)  # noqa: E731
        arrays = [x.copy(), gamma.copy(), beta.copy()]
        for got, which, name in zip(grads, range(3), ("dx", "dgamma", "dbeta")):
            expect_close(got, numeric(f, arrays, which, dout), rtol=1e-6, atol=1e-7, input=text, name=name)


def test_evaluation_uses_the_running_statistics(solution):
    """Evaluation: running statistics as constants, no update, any N >= 1; backward is the affine map's."""
    D = 3
    bn = layer(solution, D, "bn = BatchNorm1d(3)")
    x0, *_ = inputs(7, D, 4)
    forward(bn, x0, "bn.forward(x0)")  # training: sets running statistics
    mean, var = np.array(bn.running_mean, copy=True), np.array(bn.running_var, copy=True)
    bn.eval()
    for N, seed in ((1, 5), (4, 6)):
        x, gamma, beta, dout = inputs(N, D, seed)
        bn.gamma, bn.beta = gamma.copy(), beta.copy()
        text = f"bn.eval(); bn.forward(x {(N, D)})"
        expect_close(forward(bn, x, text), eval_y(x, gamma, beta, mean, var, 1e-5), rtol=1e-10, atol=1e-12, input=text)
        expect_close(bn.running_mean, mean, rtol=0, atol=0, input=text + "; bn.running_mean (unchanged)", name="running_mean")
        expect_close(bn.running_var, var, rtol=0, atol=0, input=text + "; bn.running_var (unchanged)", name="running_var")
        grads = backward(bn, dout, text + "; bn.backward(dout)")
        f = lambda x_, g_, b_: eval_y(x_, g_, b_, mean, var, 1e-5)  # noqa: E731
        arrays = [x.copy(), gamma.copy(), beta.copy()]
        for got, which, name in zip(grads, range(3), ("dx", "dgamma", "dbeta")):
            expect_close(got, numeric(f, arrays, which, dout), rtol=1e-6, atol=1e-7, input=text + "; bn.backward(dout)", name=name)


def test_assigned_running_statistics_are_used(solution):
    """Running statistics assigned by hand are what evaluation normalises with."""
    D = 3
    bn = layer(solution, D, "bn = BatchNorm1d(3, eps=0.1)", eps=0.1)
    bn.running_mean = np.array([1.0, -2.0, 0.5])
    bn.running_var = np.array([4.0, 0.25, 9.0])
    bn.eval()
    x, gamma, beta, _ = inputs(5, D, 7)
    bn.gamma, bn.beta = gamma.copy(), beta.copy()
    text = "bn.running_mean, bn.running_var = ...; bn.eval().forward(x)"
    expect_close(forward(bn, x, text), eval_y(x, gamma, beta, bn.running_mean, bn.running_var, 0.1), rtol=1e-10, atol=1e-12, input=text)
    bn.train()
    expect(bn.training, True, input="bn.train(); bn.training")


def test_misuse_raises(solution):
    """Backward before forward: RuntimeError; wrong shapes or one row in training: ValueError."""
    bn = layer(solution, 3, "bn = BatchNorm1d(3)")
    given("bn.backward(np.ones((2, 3))) before any forward")
    expect_raises(RuntimeError, lambda: bn.backward(np.ones((2, 3))), input="backward before forward")
    given("bn.forward(np.ones((1, 3))) in training mode")
    expect_raises(ValueError, lambda: bn.forward(np.ones((1, 3))), input="bn.forward(one row) in training mode")
    given("bn.forward(np.ones((4, 2)))")
    expect_raises(ValueError, lambda: bn.forward(np.ones((4, 2))), input="bn.forward(x with 2 features) for num_features=3")
    forward(bn, np.arange(12.0).reshape(4, 3), "bn.forward(4 x 3)")
    given("bn.backward(np.ones((3, 3))) after a (4, 3) forward")
    expect_raises(ValueError, lambda: bn.backward(np.ones((3, 3))), input="bn.backward(dout of the wrong shape)")
