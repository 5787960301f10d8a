"""Mutant: the penalty's gradient is 2 * lam * w for a (lam / 2)||w||^2 objective."""

import numpy as np


def sigmoid(z):
    """Elementwise 1 / (1 + exp(-z)); never exponentiates a positive number."""
    z = np.asarray(z, dtype=np.float64)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))      # exp(-z) <= 1 here
    ez = np.exp(z[~pos])                           # exp(z) < 1 here
    out[~pos] = ez / (1.0 + ez)
    return out


def log_loss(y, logits) -> float:
    """Mean binary cross-entropy from logits: softplus(z) - y*z."""
    y = np.asarray(y, dtype=np.float64)
    z = np.asarray(logits, dtype=np.float64)
    softplus = np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))
    return float(np.mean(softplus - y * z))


class LogisticRegression:
    def __init__(self, lam: float = 0.0, lr: float | None = None,
                 max_iter: int = 100_000, tol: float = 1e-8):
        if lam < 0 or (lr is not None and lr <= 0) or max_iter < 0 or tol < 0:
            raise ValueError("invalid hyperparameter")
        self.lam, self.lr, self.max_iter, self.tol = lam, lr, max_iter, tol
        self.coef_, self.intercept_, self.n_iter_ = None, 0.0, 0

    @staticmethod
    def _check(X, y=None):
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[0] == 0:
            raise ValueError("X must be (n, d) with n >= 1")
        if y is None:
            return X, None
        y = np.asarray(y)
        if y.shape != (X.shape[0],) or not np.all((y == 0) | (y == 1)):
            raise ValueError("y must be a length-n array of 0/1 labels")
        return X, y.astype(np.float64)

    def _grad(self, X, y, w, b):
        r = sigmoid(X @ w + b) - y
        return X.T @ r / X.shape[0] + 2 * self.lam * w, float(r.mean())

    def fit(self, X, y):
        X, y = self._check(X, y)
        n, d = X.shape
        X1 = np.hstack([X, np.ones((n, 1))])
        L = 0.25 * np.linalg.norm(X1, 2) ** 2 / n + self.lam    # Hessian <= L * I
        lr = 1.0 / L if self.lr is None else self.lr
        w, b = np.zeros(d), 0.0
        self.n_iter_ = 0
        for _ in range(self.max_iter):
            gw, gb = self._grad(X, y, w, b)
            if np.sqrt(gw @ gw + gb * gb) <= self.tol:          # converged: gradient ~ 0
                break
            w -= lr * gw
            b -= lr * gb
            self.n_iter_ += 1
        self.coef_, self.intercept_ = w, float(b)
        return self

    def _logits(self, X):
        if self.coef_ is None:
            raise RuntimeError("call fit first")
        return self._check(X)[0] @ self.coef_ + self.intercept_

    def predict_proba(self, X):
        return sigmoid(self._logits(X))

    def predict(self, X):
        return (self._logits(X) >= 0).astype(np.int64)          # p >= 0.5  <=>  z >= 0

    def loss(self, X, y) -> float:
        z = self._logits(X)
        return log_loss(self._check(X, y)[1], z) + 0.5 * self.lam * float(self.coef_ @ self.coef_)
