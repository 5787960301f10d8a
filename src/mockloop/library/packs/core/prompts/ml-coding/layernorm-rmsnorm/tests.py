"""Tests for layernorm-rmsnorm: layernorm_forward/backward and rmsnorm_forward/backward.

Forward outputs are compared with the formulas computed here in float64; gradients with central
finite differences of the forward's loss sum(y * dout) (and with the closed-form gradients),
at relative error 1e-6, on inputs that are neither zero-mean nor unit-variance, for shapes (D,),
(N, D) and (B, T, D). The cache is only passed back unchanged.
"""

import numpy as np

from harness import Mismatch, expect_close, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 10, "wall_seconds": 60}


def ln(x, gamma, beta, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


def rms(x, gamma, eps):
    return gamma * x / np.sqrt((x * x).mean(-1, keepdims=True) + eps)


def numeric(f, arrays, which, dout, step=1e-6):
    """d sum(f(*arrays) * dout) / d arrays[which], by central differences."""
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


def inputs(shape, seed):
    rng = np.random.default_rng(seed)
    D = shape[-1]
    x = rng.normal(2.0, 3.0, size=shape) * rng.uniform(0.2, 2.0, size=shape[:-1] + (1,))
    return x, rng.normal(1.0, 0.5, size=D), rng.normal(0.0, 0.5, size=D), rng.normal(0, 1, size=shape)


def forward(solution, name, text, *args, **kwargs):
    given(text)
    copies = [a.copy() for a in args]
    result = getattr(solution, name)(*args, **kwargs)
    if not isinstance(result, tuple) or len(result) != 2:
        raise Mismatch(result, "(y, cache)", text, f"{name} should return (y, cache)")
    if any(not np.array_equal(a, c) for a, c in zip(args, copies)):
        raise Mismatch("modified inputs", "inputs unchanged", text, f"{name} modified its inputs")
    return result


def check_layernorm(solution, shape, seed, eps=1e-5):
    x, gamma, beta, dout = inputs(shape, seed)
    text = f"layernorm_forward(x of shape {shape}, gamma, beta, eps={eps}); layernorm_backward(dout, cache)"
    y, cache = forward(solution, "layernorm_forward", text, x, gamma, beta, eps=eps)
    expect_close(y, ln(x, gamma, beta, eps), rtol=1e-9, atol=1e-12, input=text, name="y")
    given(text)
    grads = solution.layernorm_backward(dout.copy(), cache)
    if not isinstance(grads, tuple) or len(grads) != 3:
        raise Mismatch(grads, "(dx, dgamma, dbeta)", text, "layernorm_backward should return (dx, dgamma, dbeta)")
    f = lambda x_, g_, b_: ln(x_, g_, b_, eps)  # noqa: E731
    arrays = [x.copy(), gamma.copy(), beta.copy()]
    for got, which, name in zip(grads, range(3), ("dx", "dgamma", "dbeta")):
        expect_close(got, numeric(f, arrays, which, dout), rtol=1e-6, atol=1e-7, input=text, name=name)


def check_rmsnorm(solution, shape, seed, eps=1e-6):
    x, gamma, _, dout = inputs(shape, seed)
    text = f"rmsnorm_forward(x of shape {shape}, gamma, eps={eps}); rmsnorm_backward(dout, cache)"
    y, cache = forward(solution, "rmsnorm_forward", text, x, gamma, eps=eps)
    expect_close(y, rms(x, gamma, eps), rtol=1e-9, atol=1e-12, input=text, name="y")
    given(text)
    grads = solution.rmsnorm_backward(dout.copy(), cache)
    if not isinstance(grads, tuple) or len(grads) != 2:
        raise Mismatch(grads, "(dx, dgamma)", text, "rmsnorm_backward should return (dx, dgamma)")
    f = lambda x_, g_: rms(x_, g_, eps)  # noqa: E731
    arrays = [x.copy(), gamma.copy()]
    for got, which, name in zip(grads, range(2), ("dx", "dgamma")):
        expect_close(got, numeric(f, arrays, which, dout), rtol=1e-6, atol=1e-7, input=text, name=name)


@visible
def test_the_example_from_the_statement(solution):
    """x = [[1, 2, 3, 6]], eps 0: y = (x - 3) / sqrt(3.5); dout = 1 gives dx = 0, dgamma = y."""
    x = np.array([[1.0, 2.0, 3.0, 6.0]])
    text = "layernorm_forward([[1, 2, 3, 6]], ones(4), zeros(4), eps=0.0)"
    y, cache = forward(solution, "layernorm_forward", text, x, np.ones(4), np.zeros(4), eps=0.0)
    expect_close(y, (x - 3) / np.sqrt(3.5), rtol=1e-12, atol=1e-12, input=text, name="y")
    given(text + "; layernorm_backward(ones((1, 4)), cache)")
    dx, dgamma, dbeta = solution.layernorm_backward(np.ones((1, 4)), cache)
    expect_close(dx, np.zeros((1, 4)), rtol=0, atol=1e-12, input=text, name="dx")
    expect_close(dgamma, ((x - 3) / np.sqrt(3.5))[0], rtol=1e-12, atol=1e-12, input=text, name="dgamma")
    expect_close(dbeta, np.ones(4), rtol=0, atol=1e-12, input=text, name="dbeta")
    text = "rmsnorm_forward([[1, 2, 3, 6]], ones(4), eps=0.0)"
    y, _ = forward(solution, "rmsnorm_forward", text, x, np.ones(4), eps=0.0)
    expect_close(y, x / np.sqrt(12.5), rtol=1e-12, atol=1e-12, input=text, name="y")


@visible
def test_layernorm_on_a_batch(solution):
    """LayerNorm of an (N, D) batch: outputs and every gradient, against finite differences."""
    check_layernorm(solution, (4, 6), seed=1)


def test_layernorm_on_any_number_of_leading_axes(solution):
    """(D,) and (B, T, D): statistics per last-axis row; dgamma and dbeta summed over the rest."""
    check_layernorm(solution, (5,), seed=2)
    check_layernorm(solution, (2, 3, 5), seed=3)


def test_layernorm_eps_goes_inside_the_square_root(solution):
    """Rows of tiny variance with a large eps: 1/sqrt(var + eps), not 1/(sqrt(var) + eps)."""
    x, gamma, beta, dout = inputs((3, 4), 4)
    x = 5.0 + x * 1e-3
    text = "layernorm_forward(x with row variance about 1e-5, gamma, beta, eps=1e-3)"
    y, _ = forward(solution, "layernorm_forward", text, x, gamma, beta, eps=1e-3)
    expect_close(y, ln(x, gamma, beta, 1e-3), rtol=1e-9, atol=1e-12, input=text, name="y")
    check_layernorm(solution, (3, 4), seed=5, eps=0.5)


def test_rmsnorm_on_a_batch(solution):
    """RMSNorm of an (N, D) batch (no mean subtracted): outputs and gradients."""
    check_rmsnorm(solution, (4, 6), seed=6)


def test_rmsnorm_on_any_number_of_leading_axes(solution):
    """RMSNorm for (D,) and (B, T, D) inputs, with a large eps."""
    check_rmsnorm(solution, (7,), seed=7)
    check_rmsnorm(solution, (2, 2, 3), seed=8, eps=0.3)
