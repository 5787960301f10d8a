"""Tests for pca-svd: PCA(n_components) with fit, transform, fit_transform, inverse_transform.

Every attribute is compared (tolerance 1e-8) with the eigendecomposition of the sample
covariance computed here, with the stated sign rule, on data whose top eigenvalues are distinct
and whose components have a unique largest-magnitude entry, so everything is determined.
"""

import numpy as np

from harness import Mismatch, expect, expect_close, expect_raises, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 10, "wall_seconds": 60}


def reference(X, k):
    n = len(X)
    mean = X.mean(0)
    evals, evecs = np.linalg.eigh(np.cov(X, rowvar=False))
    order = np.argsort(evals)[::-1]
    evals, evecs = np.clip(evals[order], 0, None), evecs[:, order].T
    signs = np.sign(evecs[np.arange(len(evecs)), np.argmax(np.abs(evecs), axis=1)])
    evecs = evecs * signs[:, None]
    m = min(n, X.shape[1])
    total = evals[:m].sum()
    return {
        "mean_": mean, "components_": evecs[:k], "explained_variance_": evals[:k],
        "explained_variance_ratio_": evals[:k] / total if total > 0 else np.zeros(k),
        "singular_values_": np.sqrt(evals[:k] * (n - 1)),
    }


def data(n, d, seed):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(d, d)) * np.linspace(5.0, 0.5, d)[:, None]
    return rng.normal(size=(n, d)) @ A + rng.normal(size=d) * 10


def fitted(solution, X, k, text):
    given(text)
    copy = X.copy()
    model = solution.PCA(k)
    returned = model.fit(X)
    if returned is not model:
        raise Mismatch(returned, "self", text, "fit should return self")
    if not np.array_equal(X, copy):
        raise Mismatch("modified X", "X unchanged", text, "fit modified X")
    return model


def check(solution, X, k, text):
    model = fitted(solution, X, k, text)
    want = reference(X, k if k is not None else min(X.shape))
    for name, value in want.items():
        got = getattr(model, name, None)
        if not isinstance(got, np.ndarray):
            raise Mismatch(got, value, text, f"{name} should be a numpy array")
        expect_close(got, value, rtol=1e-8, atol=1e-8, input=f"{text}.{name}", name=name)
    return model


@visible
def test_the_example_from_the_statement(solution):
    """Four points: axes at 22.5 and 112.5 degrees, variances 12.990 and 1.676, one-component reconstruction."""
    X = np.array([[4.0, 1.0], [1.0, 2.0], [-1.0, -2.0], [-4.0, -1.0]])
    model = check(solution, X, None, "PCA().fit(X)")
    given("PCA().fit(X).transform(X)[0]")
    expect_close(model.transform(X), (X - X.mean(0)) @ model.components_.T, rtol=1e-10, atol=1e-10, input="p.transform(X)")
    q = check(solution, X, 1, "PCA(1).fit(X)")
    given("q.inverse_transform(q.transform(X))")
    c = reference(X, 1)["components_"]
    expect_close(q.inverse_transform(q.transform(X)), (X @ c.T) @ c, rtol=1e-10, atol=1e-10, input="q.inverse_transform(q.transform(X))")


@visible
def test_against_the_covariance_eigendecomposition(solution):
    """Correlated, off-centre data: every attribute equals the covariance's eigen-decomposition's."""
    for n, d, k, seed in ((200, 5, None, 1), (50, 4, 2, 2), (30, 6, 1, 3)):
        check(solution, data(n, d, seed), k, f"PCA({k}).fit(X of shape {(n, d)})")


def test_more_features_than_rows(solution):
    """n < d: components from the n rows; the ratios are over the total variance."""
    X = data(5, 8, 4)[:5]
    # centred, 5 rows span 4 directions: the 5th component is not determined, so k <= 4
    check(solution, X, 4, "PCA(4).fit(X of shape (5, 8))")
    check(solution, X, 3, "PCA(3).fit(X of shape (5, 8))")


def test_transform_uses_the_training_mean(solution):
    """transform and inverse_transform of new data use the mean and axes learned in fit."""
    X = data(100, 4, 5)
    Y = data(7, 4, 6) + 3.0
    model = check(solution, X, 2, "PCA(2).fit(X)")
    want = reference(X, 2)
    given("PCA(2).fit(X).transform(Y)")
    Z = model.transform(Y)
    expect_close(Z, (Y - want["mean_"]) @ want["components_"].T, rtol=1e-8, atol=1e-8, input="p.transform(Y)")
    given("p.inverse_transform(Z)")
    expect_close(model.inverse_transform(Z), Z @ want["components_"] + want["mean_"], rtol=1e-8, atol=1e-8, input="p.inverse_transform(p.transform(Y))")
    given("PCA(2).fit_transform(X)")
    expect_close(solution.PCA(2).fit_transform(X.copy()), (X - want["mean_"]) @ want["components_"].T, rtol=1e-8, atol=1e-8, input="PCA(2).fit_transform(X)")


def test_the_ratios_are_over_the_total_variance(solution):
    """With k < min(n, d) the ratios sum to less than 1; with all components, to 1."""
    X = data(60, 5, 7)
    part = check(solution, X, 2, "PCA(2).fit(X)")
    whole = check(solution, X, None, "PCA().fit(X)")
    expect(bool(part.explained_variance_ratio_.sum() < 0.999), True, input="PCA(2).fit(X).explained_variance_ratio_.sum() < 1")
    expect_close(float(whole.explained_variance_ratio_.sum()), 1.0, rtol=0, atol=1e-10, input="PCA().fit(X).explained_variance_ratio_.sum()")


def test_constant_data(solution):
    """All rows equal: zero variances, zero ratios (no division by zero)."""
    X = np.tile(np.array([[1.0, -2.0, 3.0]]), (4, 1))
    given("PCA(2).fit(four equal rows)")
    model = solution.PCA(2).fit(X)
    expect_close(model.explained_variance_, np.zeros(2), rtol=0, atol=1e-12, input="explained_variance_")
    expect_close(model.explained_variance_ratio_, np.zeros(2), rtol=0, atol=0, input="explained_variance_ratio_")
    expect_close(model.mean_, np.array([1.0, -2.0, 3.0]), rtol=0, atol=1e-12, input="mean_")


def test_misuse_raises(solution):
    """n_components out of range, n < 2 or a 1-D X: ValueError; transform before fit: RuntimeError; wrong widths: ValueError."""
    X = data(10, 3, 8)
    cases = [("PCA(0).fit(X)", lambda: solution.PCA(0).fit(X), ValueError),
             ("PCA(4).fit(X (10, 3))", lambda: solution.PCA(4).fit(X), ValueError),
             ("PCA().fit(one row)", lambda: solution.PCA().fit(X[:1]), ValueError),
             ("PCA().fit(1-D X)", lambda: solution.PCA().fit(X[:, 0]), ValueError),
             ("PCA().transform(X) before fit", lambda: solution.PCA().transform(X), RuntimeError),
             ("PCA().inverse_transform(Z) before fit", lambda: solution.PCA().inverse_transform(X), RuntimeError)]
    model = solution.PCA(2).fit(X)
    cases += [("transform(X with 4 columns)", lambda: model.transform(np.zeros((2, 4))), ValueError),
              ("inverse_transform(Z with 3 columns)", lambda: model.inverse_transform(np.zeros((2, 3))), ValueError)]
    for what, call, error in cases:
        given(what)
        expect_raises(error, call, input=what)
