"""Tests for mlp-backprop: MLP(d_in, d_hidden, d_out, rng) with forward, predict, loss_and_grads,
sgd_step and fit.

Parameters are assigned by the tests (same shapes) before anything else is called, so values are
compared exactly with a reference computed here: the loss and every gradient (also against
central finite differences, on non-square shapes, away from ReLU kinks), fit's loss trajectory,
and accuracy on held-out points of two noisy rings. The He initialisation is checked
statistically (mean and variance of many weights, 6 standard deviations).
"""

import math

import numpy as np

from harness import Mismatch, expect, expect_close, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 15, "wall_seconds": 90, "cpu_seconds": 60}


def reference(params, X, y):
    W1, b1, W2, b2 = (params[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = X @ W1 + b1
    H = np.maximum(Z1, 0)
    S = H @ W2 + b2
    m = S.max(1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(S - m).sum(1))
    N = len(X)
    loss = float(np.mean(lse - S[np.arange(N), y]))
    dS = np.exp(S - lse[:, None])
    dS[np.arange(N), y] -= 1
    dS /= N
    dZ1 = (dS @ W2.T) * (Z1 > 0)
    return loss, {"W1": X.T @ dZ1, "b1": dZ1.sum(0), "W2": H.T @ dS, "b2": dS.sum(0)}


def params_for(d_in, d_hidden, d_out, seed):
    rng = np.random.default_rng(seed)
    return {"W1": rng.normal(0, 1, (d_in, d_hidden)), "b1": rng.normal(0, 0.5, d_hidden),
            "W2": rng.normal(0, 1, (d_hidden, d_out)), "b2": rng.normal(0, 0.5, d_out)}  # fmt: skip


def model_with(solution, params, text):
    d_in, d_hidden = params["W1"].shape
    d_out = params["W2"].shape[1]
    given(text)
    model = solution.MLP(d_in, d_hidden, d_out, np.random.default_rng(0))
    for name, value in params.items():
        setattr(model, name, value.copy())
    return model


def rings(seed, n):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    radius = np.where(y == 1, 2.0, 1.0) + rng.normal(0, 0.15, n)
    angle = rng.uniform(0, 2 * np.pi, n)
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]), y


@visible
def test_shapes_from_the_statement(solution):
    """MLP(2, 16, 2): W1 (2, 16), b1 (16,), W2 (16, 2), b2 (2,); forward (N, 2); the four gradient keys."""
    given("model = MLP(2, 16, 2, np.random.default_rng(0))")
    model = solution.MLP(2, 16, 2, np.random.default_rng(0))
    shapes = [tuple(getattr(model, name).shape) for name in ("W1", "b1", "W2", "b2")]
    expect(shapes, [(2, 16), (16,), (16, 2), (2,)], input="shapes of W1, b1, W2, b2")
    expect_close(model.b1, np.zeros(16), rtol=0, atol=0, input="model.b1", name="b1")
    X = np.array([[0.5, -1.0], [1.5, 0.2]])
    given("model.forward(X).shape")
    expect(tuple(model.forward(X).shape), (2, 2), input="model.forward(X).shape")
    given("model.loss_and_grads(X, [0, 1])")
    loss, grads = model.loss_and_grads(X, np.array([0, 1]))
    expect(sorted(grads), ["W1", "W2", "b1", "b2"], input="sorted(grads)")
    expect(tuple(grads["W1"].shape), (2, 16), input='grads["W1"].shape')


@visible
def test_loss_and_gradients_match_the_reference(solution):
    """Assigned weights, non-square layers (5 -> 7 -> 3): the loss and every gradient, exactly."""
    params = params_for(5, 7, 3, seed=1)
    X = np.random.default_rng(2).normal(size=(9, 5))
    y = np.random.default_rng(3).integers(0, 3, 9)
    model = model_with(solution, params, "model = MLP(5, 7, 3, rng) with W1, b1, W2, b2 assigned")
    given("model.loss_and_grads(X, y)")
    loss, grads = model.loss_and_grads(X, y)
    want_loss, want = reference(params, X, y)
    expect_close(float(loss), want_loss, rtol=1e-12, atol=1e-12, input="model.loss_and_grads(X, y)[0]", name="the loss")
    for name in ("W1", "b1", "W2", "b2"):
        expect_close(grads[name], want[name], rtol=1e-10, atol=1e-12, input=f'model.loss_and_grads(X, y)[1]["{name}"]', name=f'grads["{name}"]')
    for name in ("W1", "b1", "W2", "b2"):
        expect_close(getattr(model, name), params[name], rtol=0, atol=0, input=f"model.{name} after loss_and_grads", name=f"model.{name} (unchanged)")


def test_gradients_match_finite_differences(solution):
    """Central differences of the loss, for every entry of every parameter (4 -> 6 -> 3)."""
    params = params_for(4, 6, 3, seed=4)
    X = np.random.default_rng(5).normal(size=(8, 4))
    y = np.random.default_rng(6).integers(0, 3, 8)
    model = model_with(solution, params, "model = MLP(4, 6, 3, rng) with weights assigned")
    _, grads = model.loss_and_grads(X, y)
    for name in ("W1", "b1", "W2", "b2"):
        numeric = np.zeros_like(params[name])
        for index in np.ndindex(numeric.shape):
            shifted = {k: v.copy() for k, v in params.items()}
            shifted[name][index] += 1e-6
            plus = reference(shifted, X, y)[0]
            shifted[name][index] -= 2e-6
            numeric[index] = (plus - reference(shifted, X, y)[0]) / 2e-6
        expect_close(grads[name], numeric, rtol=1e-5, atol=1e-8, input=f'grads["{name}"] vs central differences', name=f'grads["{name}"]')


def test_relu_derivative_at_zero_is_zero(solution):
    """Hidden units whose pre-activation is exactly 0 pass no gradient."""
    params = params_for(3, 4, 2, seed=7)
    params["b1"] = np.zeros(4)
    X = np.array([[0.0, 0.0, 0.0], [1.0, -2.0, 0.5], [0.0, 0.0, 0.0]])
    model = model_with(solution, params, "model = MLP(3, 4, 2, rng) with b1 = 0 and all-zero input rows")
    given("model.loss_and_grads(X with zero rows, y)")
    _, grads = model.loss_and_grads(X, np.array([1, 0, 0]))
    _, want = reference(params, X, np.array([1, 0, 0]))
    for name in ("W1", "b1"):
        expect_close(grads[name], want[name], rtol=1e-10, atol=1e-12, input=f'grads["{name}"] with pre-activations exactly 0', name=f'grads["{name}"]')


def test_large_logits_do_not_overflow(solution):
    """Logits near 1e3: a finite, exact loss and gradients."""
    params = params_for(3, 5, 4, seed=8)
    params["W2"] *= 300
    X = np.random.default_rng(9).normal(size=(6, 3))
    y = np.random.default_rng(10).integers(0, 4, 6)
    model = model_with(solution, params, "model = MLP(3, 5, 4, rng) with W2 scaled so logits reach 1e3")
    given("model.loss_and_grads(X, y)")
    loss, grads = model.loss_and_grads(X, y)
    want_loss, want = reference(params, X, y)
    expect_close(float(loss), want_loss, rtol=1e-12, atol=1e-9, input="the loss with logits near 1e3", name="the loss")
    expect_close(grads["W2"], want["W2"], rtol=1e-10, atol=1e-12, input='grads["W2"] with logits near 1e3', name='grads["W2"]')


def test_sgd_step_updates_in_place(solution):
    """param -= lr * grad, into the same arrays."""
    params = params_for(3, 4, 2, seed=11)
    model = model_with(solution, params, "model = MLP(3, 4, 2, rng) with weights assigned")
    objects = {name: getattr(model, name) for name in params}
    grads = {name: np.random.default_rng(12).normal(size=value.shape) for name, value in params.items()}
    given("model.sgd_step(grads, 0.1)")
    model.sgd_step({k: v.copy() for k, v in grads.items()}, 0.1)
    for name in params:
        if getattr(model, name) is not objects[name]:
            raise Mismatch("a new array", "the same array", "model.sgd_step(grads, 0.1)", f"sgd_step replaced model.{name} instead of updating it in place")
        expect_close(getattr(model, name), params[name] - 0.1 * grads[name], rtol=1e-12, atol=1e-12, input="model.sgd_step(grads, 0.1)", name=f"model.{name}")


def test_fit_follows_full_batch_gradient_descent(solution):
    """fit's losses (each before its update) and final weights equal the reference trajectory."""
    params = params_for(2, 16, 2, seed=13)
    for name in ("W1", "W2"):
        params[name] *= 0.5
    X, y = rings(14, 200)
    model = model_with(solution, params, "model = MLP(2, 16, 2, rng) with weights assigned; model.fit(X, y, lr=0.5, steps=300)")
    losses = model.fit(X, y, lr=0.5, steps=300)
    if not isinstance(losses, list) or len(losses) != 300:
        raise Mismatch(losses, "a list of 300 losses", "model.fit(X, y, 0.5, 300)", "fit should return a list of `steps` losses")
    p = {k: v.copy() for k, v in params.items()}
    want = []
    for _ in range(300):
        loss, grads = reference(p, X, y)
        want.append(loss)
        for name in p:
            p[name] -= 0.5 * grads[name]
    expect_close(np.array(losses, dtype=float), np.array(want), rtol=1e-9, atol=1e-12, input="model.fit(X, y, lr=0.5, steps=300)", name="the losses")
    expect_close(model.W1, p["W1"], rtol=1e-9, atol=1e-12, input="model.W1 after fit", name="W1")


def test_learns_two_rings(solution):
    """Two concentric noisy rings: at least 95% accuracy on held-out points after fit."""
    params = params_for(2, 32, 2, seed=15)
    params["W1"] *= 1.0
    params["W2"] *= math.sqrt(2 / 32)
    X, y = rings(16, 400)
    X_test, y_test = rings(17, 400)
    model = model_with(solution, params, "model = MLP(2, 32, 2, rng) with weights assigned; model.fit(X, y, lr=0.5, steps=1500)")
    model.fit(X, y, lr=0.5, steps=1500)
    given("model.predict(X_test)")
    predicted = model.predict(X_test)
    accuracy = float((np.asarray(predicted) == y_test).mean())
    if accuracy < 0.95:
        raise Mismatch(accuracy, ">= 0.95", "accuracy of model.predict(X_test)", f"held-out accuracy {accuracy:.1%}, below 95%")


def test_he_initialisation(solution):
    """W1 ~ N(0, 2 / d_in), W2 ~ N(0, 2 / d_hidden) from rng; biases zero; the same seed, the same weights."""
    given("MLP(200, 300, 150, np.random.default_rng(18))")
    model = solution.MLP(200, 300, 150, np.random.default_rng(18))
    for name, fan_in in (("W1", 200), ("W2", 300)):
        w = np.asarray(getattr(model, name), dtype=float).ravel()
        var = 2 / fan_in
        mean_bound = 6 * math.sqrt(var / w.size)
        var_bound = 6 * var * math.sqrt(2 / w.size)
        if abs(w.mean()) > mean_bound or abs(w.var() - var) > var_bound:
            raise Mismatch(round(float(w.var()), 6), var, f"model.{name}", f"{name} has mean {w.mean():.4g} and variance {w.var():.4g}; He initialisation gives mean 0 and variance {var:.4g}")
    expect_close(model.b2, np.zeros(150), rtol=0, atol=0, input="model.b2", name="b2")
    again = solution.MLP(200, 300, 150, np.random.default_rng(18))
    expect_close(again.W1, model.W1, rtol=0, atol=0, input="MLP(..., default_rng(18)).W1 twice", name="W1")
