"""Tests for logistic-regression: sigmoid, log_loss and LogisticRegression(lam, lr, max_iter, tol).

sigmoid and log_loss run under np.errstate(over/invalid/divide="raise") with |z| up to 1e4. fit is
compared with an independent high-precision minimiser (Newton's method, here) to 1e-5 for
lam >= 0.01, and step by step with plain gradient descent (the stated step and stopping rule)
for a given lr; on separable data with lam = 0 it must stop after max_iter with finite weights
that classify the training set.
"""

import numpy as np

from harness import Mismatch, expect, expect_close, expect_raises, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 15, "wall_seconds": 90, "cpu_seconds": 60}


def sig(z):
    return np.exp(-np.logaddexp(0.0, -z))


def newton(X, y, lam, iters=100):
    n, d = X.shape
    X1 = np.hstack([X, np.ones((n, 1))])
    reg = np.diag(np.r_[np.full(d, lam), 0.0])
    theta = np.zeros(d + 1)
    for _ in range(iters):
        p = sig(X1 @ theta)
        g = X1.T @ (p - y) / n + reg @ theta
        H = (X1 * (p * (1 - p))[:, None]).T @ X1 / n + reg
        step = np.linalg.solve(H, g)
        theta -= step
        if np.linalg.norm(step) < 1e-14:
            break
    return theta[:d], theta[d]


def descent(X, y, lam, lr, max_iter, tol):
    n, d = X.shape
    w, b, steps = np.zeros(d), 0.0, 0
    for _ in range(max_iter):
        r = sig(X @ w + b) - y
        gw, gb = X.T @ r / n + lam * w, r.mean()
        if np.sqrt(gw @ gw + gb * gb) <= tol:
            break
        w, b, steps = w - lr * gw, b - lr * gb, steps + 1
    return w, b, steps


def data(seed, n=300):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 4)) * np.array([1.0, 3.0, 0.5, 2.0]) + 1.0
    y = (rng.random(n) < sig(X @ np.array([1.5, -0.7, 2.0, 0.3]) - 1.0)).astype(np.int64)
    return X, y


def fit(solution, X, y, text, **kwargs):
    given(text)
    model = solution.LogisticRegression(**kwargs)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        returned = model.fit(X.copy(), y.copy())
    if returned is not model:
        raise Mismatch(returned, "self", text, "fit should return self")
    if not isinstance(model.coef_, np.ndarray) or model.coef_.shape != (X.shape[1],):
        raise Mismatch(model.coef_, f"an array of shape ({X.shape[1]},)", text, "coef_ should be a (d,) array")
    if not isinstance(model.intercept_, float) or type(model.n_iter_) is not int:
        raise Mismatch((model.intercept_, model.n_iter_), "(float, int)", text, "intercept_ should be a float and n_iter_ an int")
    return model


@visible
def test_sigmoid_never_overflows(solution):
    """Under errstate(over="raise"): sigmoid(-1e4) == 0, sigmoid(0) == 0.5, sigmoid(1e4) == 1; any shape."""
    z = np.array([-1e4, -745.0, -30.0, -1e-3, 0.0, 1e-3, 30.0, 745.0, 1e4])
    text = "sigmoid(np.array([-1e4, -745, -30, -1e-3, 0, 1e-3, 30, 745, 1e4]))"
    given(text)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        got = solution.sigmoid(z)
    expect_close(got, sig(z), rtol=1e-14, atol=0, input=text)
    expect([float(got[0]), float(got[4]), float(got[-1])], [0.0, 0.5, 1.0], input=text + " at -1e4, 0 and 1e4")
    for shape in [(), (3, 4), (2, 1, 3)]:
        z = np.random.default_rng(1).normal(0, 50, size=shape)
        given(f"sigmoid(array of shape {shape})")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            got = solution.sigmoid(z)
        expect_close(np.asarray(got), sig(z), rtol=1e-14, atol=1e-300, input=f"sigmoid(array of shape {shape})")
        expect(np.shape(got), shape, input=f"sigmoid(array of shape {shape}).shape")


@visible
def test_log_loss_from_the_logits(solution):
    """log_loss([0], [1000]) == 1000.0 (exact, not inf); log_loss([1, 0], [0, 0]) == ln 2."""
    cases = [([0], [1000.0], 1000.0), ([1], [-1000.0], 1000.0), ([1, 0], [0.0, 0.0], float(np.log(2))),
             ([1, 0, 1], [1e4, -1e4, 40.0], float(np.logaddexp(0, -40.0) / 3))]
    for y, z, want in cases:
        text = f"log_loss(np.array({y}), np.array({z}))"
        given(text)
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            got = solution.log_loss(np.array(y), np.array(z))
        if not isinstance(got, float):
            raise Mismatch(got, want, text, f"log_loss should return a Python float, not {type(got).__name__}")
        expect_close(got, want, rtol=1e-12, atol=1e-15, input=text)


@visible
def test_the_example_from_the_statement(solution):
    """lam = 0.1 on four points: coef_ [0.6367], intercept_ -0.9551, as Newton's method finds."""
    X, y = np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([0, 1, 0, 1])
    model = fit(solution, X, y, "LogisticRegression(lam=0.1).fit(X, y)", lam=0.1)
    w, b = newton(X, y, 0.1)
    expect_close(model.coef_, w, rtol=0, atol=1e-5, input="LogisticRegression(lam=0.1).fit(X, y).coef_", name="coef_")
    expect_close(model.intercept_, float(b), rtol=0, atol=1e-5, input="...intercept_", name="intercept_")
    given("model.predict_proba(np.array([[0.0], [3.0]]))")
    expect_close(model.predict_proba(np.array([[0.0], [3.0]])), sig(np.array([0.0, 3.0]) * w[0] + b), rtol=0, atol=1e-5, input="model.predict_proba([[0], [3]])")
    expect([int(v) for v in model.predict(np.array([[0.0], [3.0]]))], [0, 1], input="model.predict([[0], [3]])")


def test_fit_reaches_the_minimiser(solution):
    """lam in 0.01, 0.1, 1: coef_ and intercept_ within 1e-5 of Newton's method, n_iter_ < max_iter."""
    X, y = data(2)
    for lam in (0.01, 0.1, 1.0):
        model = fit(solution, X, y, f"LogisticRegression(lam={lam}).fit(X (300, 4), y)", lam=lam)
        w, b = newton(X, y, lam)
        expect_close(model.coef_, w, rtol=0, atol=1e-5, input=f"lam={lam}: coef_", name="coef_")
        expect_close(model.intercept_, float(b), rtol=0, atol=1e-5, input=f"lam={lam}: intercept_", name="intercept_")
        if not model.n_iter_ < model.max_iter:
            raise Mismatch(model.n_iter_, "< max_iter", f"lam={lam}", "fit used every iteration without converging")


def test_the_steps_are_plain_gradient_descent(solution):
    """With lr given, max_iter updates of w -= lr * dJ/dw, b -= lr * dJ/db, the gradient averaged over n."""
    X, y = data(3, n=120)
    for lam, lr, max_iter in ((0.05, 0.05, 40), (0.0, 0.2, 25), (0.5, 0.01, 60)):
        text = f"LogisticRegression(lam={lam}, lr={lr}, max_iter={max_iter}).fit(X, y)"
        model = fit(solution, X, y, text, lam=lam, lr=lr, max_iter=max_iter)
        w, b, steps = descent(X, y, lam, lr, max_iter, 1e-8)
        expect_close(model.coef_, w, rtol=1e-9, atol=1e-12, input=text, name="coef_")
        expect_close(model.intercept_, float(b), rtol=1e-9, atol=1e-12, input=text, name="intercept_")
        expect(model.n_iter_, steps, input=text + ".n_iter_")


def test_the_default_step_and_the_stopping_rule(solution):
    """Default lr = 1 / L; stop when the full gradient's norm is <= tol: n_iter_ as descent counts it."""
    X, y = data(4, n=80)
    for lam, tol in ((0.1, 1e-6), (1.0, 1e-8)):
        n = len(X)
        L = np.linalg.norm(np.hstack([X, np.ones((n, 1))]), 2) ** 2 / (4 * n) + lam
        w, b, steps = descent(X, y, lam, 1 / L, 100_000, tol)
        text = f"LogisticRegression(lam={lam}, tol={tol}).fit(X (80, 4), y)"
        model = fit(solution, X, y, text, lam=lam, tol=tol)
        if abs(model.n_iter_ - steps) > 1:
            raise Mismatch(model.n_iter_, steps, text, f"n_iter_ is {model.n_iter_}; gradient descent with lr = 1/L stops after {steps} updates")
        expect_close(model.coef_, w, rtol=1e-6, atol=1e-9, input=text, name="coef_")


def test_every_fit_starts_from_zero(solution):
    """Fitting twice gives the same result and n_iter_ (no warm start)."""
    X, y = data(5, n=100)
    model = fit(solution, X, y, "m = LogisticRegression(lam=0.1); m.fit(X, y)", lam=0.1)
    first = (model.coef_.copy(), model.intercept_, model.n_iter_)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        model.fit(X, y)
    expect(model.n_iter_, first[2], input="m.fit(X, y); m.fit(X, y); m.n_iter_")
    expect_close(model.coef_, first[0], rtol=1e-12, atol=0, input="m.fit(X, y) twice: coef_", name="coef_")


def test_separable_data_without_a_penalty(solution):
    """lam = 0 on separable data: stops after max_iter updates, finite weights, every point right."""
    rng = np.random.default_rng(6)
    X = rng.normal(size=(200, 2))
    margin = X @ np.array([2.0, -1.0]) - 0.1
    X = X[np.abs(margin) > 0.5][:60]  # a clear margin between the classes
    y = (X @ np.array([2.0, -1.0]) > 0.1).astype(np.int64)
    model = fit(solution, X, y, "LogisticRegression(lam=0.0, max_iter=2000).fit(separable X, y)", lam=0.0, max_iter=2000)
    expect(model.n_iter_, 2000, input="n_iter_ on separable data with lam = 0")
    expect(bool(np.isfinite(model.coef_).all() and np.isfinite(model.intercept_)), True, input="finite coef_ and intercept_")
    expect([int(v) for v in model.predict(X)], [int(v) for v in y], input="model.predict(X) == y")


def test_predict_and_loss(solution):
    """predict is 1 exactly where X @ coef_ + intercept_ >= 0; loss is log_loss + lam/2 ||w||^2."""
    X, y = data(7, n=90)
    model = fit(solution, X, y, "LogisticRegression(lam=0.3).fit(X, y)", lam=0.3)
    z = X @ model.coef_ + model.intercept_
    given("model.predict(X)")
    pred = model.predict(X)
    if not isinstance(pred, np.ndarray) or pred.dtype.kind not in "iu":
        raise Mismatch(pred, "an int array", "model.predict(X)", "predict should return an int array")
    expect([int(v) for v in pred], [int(v) for v in (z >= 0)], input="model.predict(X)")
    given("model.predict_proba(X)")
    expect_close(model.predict_proba(X), sig(z), rtol=1e-12, atol=1e-15, input="model.predict_proba(X)")
    # Points on and right next to the decision boundary (z about 0, p about 0.5).
    one = fit(solution, X[:, :1], y, "LogisticRegression(lam=0.3).fit(X[:, :1], y)", lam=0.3)
    edge = np.array([[(-one.intercept_ + t) / one.coef_[0]] for t in (0.0, 1e-9, -1e-9, 1e-6, -1e-6, 1e-3, -1e-3)])
    z_edge = edge @ one.coef_ + one.intercept_
    given("model.predict(points where X @ coef_ + intercept_ is 0, +-1e-9, +-1e-6, +-1e-3)")
    expect([int(v) for v in one.predict(edge)], [int(v) for v in (z_edge >= 0)], input="model.predict(points at the decision boundary)")
    want = float(np.mean(np.logaddexp(0, z) - y * z) + 0.15 * model.coef_ @ model.coef_)
    given("model.loss(X, y)")
    expect_close(float(model.loss(X, y)), want, rtol=1e-10, atol=1e-12, input="model.loss(X, y)")


def test_misuse_raises(solution):
    """predict/predict_proba/loss before fit: RuntimeError; labels not 0/1 or bad shapes: ValueError."""
    model = solution.LogisticRegression()
    X = np.zeros((3, 2))
    for name, args in (("predict", (X,)), ("predict_proba", (X,)), ("loss", (X, np.array([0, 1, 0])))):
        given(f"LogisticRegression().{name}(...) before fit")
        expect_raises(RuntimeError, lambda name=name, args=args: getattr(model, name)(*args), input=f"{name} before fit")
    for what, y in (("labels [0, 2, 1]", np.array([0, 2, 1])), ("labels [-1, 1, 1]", np.array([-1, 1, 1])), ("2 labels for 3 rows", np.array([0, 1]))):
        given(f"fit(X, {what})")
        expect_raises(ValueError, lambda y=y: solution.LogisticRegression().fit(X, y), input=f"fit with {what}")
    given("fit(np.zeros(3), y)")
    expect_raises(ValueError, lambda: solution.LogisticRegression().fit(np.zeros(3), np.array([0, 1, 0])), input="fit with a 1-D X")
    fitted = fit(solution, np.array([[0.0], [1.0]]), np.array([0, 1]), "LogisticRegression(lam=1.0).fit([[0], [1]], [0, 1])", lam=1.0)
    expect(fitted.predict(np.array([[0.5], [2.0]])).shape, (2,), input="predict after fit: shape")
